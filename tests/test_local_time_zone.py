"""The app's clock is in the computer's IANA zone, so rounds, calls and touches
typed as wall-clock times are saved at the right moment."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.context import AppContext, local_now
from afterword.core.domain import Company, Interview, Opportunity
from afterword.ui.hub import Hub

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin():
    """The computer's zone is Europe/Berlin, as the C library sees it too."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield BERLIN
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_local_now_is_in_the_named_system_zone(berlin):
    now = local_now()
    assert isinstance(now.tzinfo, ZoneInfo) and now.tzinfo.key == "Europe/Berlin"
    assert abs(now - datetime.now(BERLIN)) < timedelta(minutes=1)
    context = AppContext(store=None, db_path=None)  # type: ignore[arg-type]
    assert context.today() == datetime.now(BERLIN).date()


@pytest.mark.parametrize("text, key", [
    ("Asia/Tokyo", "Asia/Tokyo"),
    (":America/New_York", "America/New_York"),
    ("/usr/share/zoneinfo/Europe/Paris", "Europe/Paris"),
    ("/var/db/timezone/zoneinfo/Australia/Sydney", "Australia/Sydney"),  # macOS
    ("CET-1CEST", None), ("Not/A_Zone", None), ("", None), ("/etc/localtime", None),
])
def test_zone_names_and_zoneinfo_paths(text, key):
    from afterword.core import clock

    zone = clock.zone_named(text)
    assert (zone.key if zone else None) == key


def test_without_tz_the_localtime_link_then_the_timezone_file_name_the_zone(tmp_path, monkeypatch):
    from afterword.core import clock

    monkeypatch.delenv("TZ", raising=False)
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Asia/Kolkata")
    named_file = tmp_path / "timezone"
    named_file.write_text("America/Chicago\n")
    monkeypatch.setattr(clock, "LOCALTIME", link)
    monkeypatch.setattr(clock, "TIMEZONE_FILE", named_file)
    assert clock.system_zone().key == "Asia/Kolkata"
    monkeypatch.setattr(clock, "LOCALTIME", tmp_path / "missing")
    assert clock.system_zone().key == "America/Chicago"
    monkeypatch.setattr(clock, "TIMEZONE_FILE", tmp_path / "missing-too")
    assert clock.system_zone().key == "UTC"
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    assert clock.system_zone().key == "Pacific/Auckland"


def test_a_debrief_defaults_to_the_computer_zone_and_saves_its_offset(qtbot, store, db_path, berlin):
    from afterword.ui.dialogs.debrief import DebriefDialog

    company = Company("Fabrikam")
    opp = Opportunity(company.uid, "Analyst")
    with store.atomic():
        store.put(company)
        store.put(opp)
    context = AppContext(store=store, db_path=db_path)  # the real clock
    dialog = DebriefDialog(context, Hub(), opportunity_uid=opp.uid)
    qtbot.addWidget(dialog)
    assert dialog.zone.currentText() == "Europe/Berlin"
    dialog.picker.add_new("Pat Receptionist")
    assert dialog.propose(), dialog.error.text()
    assert dialog.confirm(), dialog.notes_error.text()

    (saved,) = store.select(Interview)
    assert saved.timezone == "Europe/Berlin"
    wall = datetime(dialog.day.date().year(), dialog.day.date().month(), dialog.day.date().day(),
                    dialog.at.time().hour(), dialog.at.time().minute())
    assert saved.start.utcoffset() == BERLIN.utcoffset(wall)
    assert saved.start == wall.replace(tzinfo=BERLIN)
    assert timedelta(0) < datetime.now(BERLIN) - saved.start <= timedelta(hours=2)


def _other_offset_day(now: datetime, step: int) -> datetime:
    """10:00 on the nearest day (forward or back by `step`) whose Berlin offset is not today's."""
    day = now
    while day.utcoffset() == now.utcoffset():
        day = (day + timedelta(days=step)).replace(hour=10, minute=0, second=0, microsecond=0)
    return day


def _rejected_role_with_call(store, **call_fields):
    from afterword.core.domain import CallStatus, Contact, FeedbackCall, Stage

    company = Company("Fabrikam")
    role = Opportunity(company.uid, "Analyst", stage=Stage.REJECTED)
    jo = Contact("Jo Interviewer", company_uid=company.uid)
    call = FeedbackCall(jo.uid, role.uid, datetime.now(BERLIN).date() - timedelta(days=3),
                        status=call_fields.pop("status", CallStatus.REQUESTED),
                        requested_on=datetime.now(BERLIN).date() - timedelta(days=2), **call_fields)
    store.put_many([company, role, jo, call])
    return call


def test_a_feedback_call_across_a_dst_change_keeps_its_wall_time(qtbot, store, db_path, berlin):
    from PySide6.QtCore import QDate, QDateTime, QTime

    from afterword.core.domain import CallStatus, FeedbackCall
    from afterword.ui.dialogs.feedback_call import FeedbackCallDialog

    call = _rejected_role_with_call(store)
    dialog = FeedbackCallDialog(AppContext(store=store, db_path=db_path), Hub(), call=call)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData(CallStatus.SCHEDULED.value))
    when = _other_offset_day(datetime.now(BERLIN), +1)
    dialog.scheduled_at.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(10, 0)))
    assert dialog.save(), dialog.error.text()
    saved = store.get(FeedbackCall, call.uid).scheduled_at
    assert saved == when and saved.utcoffset() == when.utcoffset()
    assert saved.astimezone(BERLIN).hour == 10


def test_saving_a_feedback_call_leaves_an_untouched_time_as_it_was(qtbot, store, db_path, berlin):
    from afterword.core.domain import CallStatus, FeedbackCall
    from afterword.ui.dialogs.feedback_call import FeedbackCallDialog

    at = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("America/New_York"))  # saved elsewhere
    call = _rejected_role_with_call(store, status=CallStatus.SCHEDULED, scheduled_at=at)
    dialog = FeedbackCallDialog(AppContext(store=store, db_path=db_path), Hub(), call=call)
    qtbot.addWidget(dialog)
    shown = dialog.scheduled_at.dateTime()
    assert (shown.date().day(), shown.time().hour()) == (2, 16)  # 10:00 in New York, in Berlin
    qtbot.keyClicks(dialog.positive, "clear answers")
    assert dialog.save(), dialog.error.text()
    saved = store.get(FeedbackCall, call.uid)
    assert saved.feedback == "+ clear answers"
    assert saved.scheduled_at == at and saved.scheduled_at.utcoffset() == at.utcoffset()


def test_a_touch_across_a_dst_change_is_saved_with_that_days_offset(qtbot, store, db_path, berlin):
    from PySide6.QtCore import QDate, QDateTime, QTime

    from afterword.core.domain import Contact, Touch
    from afterword.ui.dialogs.cadence import CadenceDialog

    ellis = Contact("Ellis Grant")
    store.put(ellis)
    dialog = CadenceDialog(AppContext(store=store, db_path=db_path), Hub(), contact_uid=ellis.uid)
    qtbot.addWidget(dialog)
    when = _other_offset_day(datetime.now(BERLIN), -1)
    dialog.touch_at.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(10, 0)))
    assert dialog.log_touch(), dialog.error.text()
    (touch,) = store.select(Touch)
    assert touch.at == when and touch.at.utcoffset() == when.utcoffset()


def test_the_window_clock_names_the_zone_qt_reports(qapp, berlin):
    from afterword.app import system_now

    now = system_now()
    assert isinstance(now.tzinfo, ZoneInfo) and now.tzinfo.key == "Europe/Berlin"
    assert abs(now - datetime.now(BERLIN)) < timedelta(minutes=1)


class _QtZone:
    """Stands in for QTimeZone: the zone Qt would report, and whether it was asked."""

    asked = False

    @classmethod
    def systemTimeZoneId(cls):
        from PySide6.QtCore import QByteArray

        cls.asked = True
        return QByteArray(b"Asia/Tokyo")


def test_the_window_clock_takes_the_zone_the_system_names_without_asking_qt(berlin, monkeypatch):
    import afterword.app as app

    monkeypatch.setattr(_QtZone, "asked", False)
    monkeypatch.setattr(app, "QTimeZone", _QtZone)
    assert app.system_now().tzinfo.key == "Europe/Berlin"
    assert not _QtZone.asked  # its first answer costs milliseconds of every start


def test_where_nothing_names_the_zone_the_window_clock_asks_qt(monkeypatch):
    from PySide6.QtCore import QByteArray

    import afterword.app as app
    from afterword.core import clock

    monkeypatch.setattr(app, "QTimeZone", _QtZone)
    monkeypatch.setattr(app, "named_system_zone", lambda: None)  # as on Windows
    assert app.system_now().tzinfo.key == "Asia/Tokyo"
    monkeypatch.setattr(_QtZone, "systemTimeZoneId", classmethod(lambda cls: QByteArray(b"Not/A_Zone")))
    assert app.system_now().tzinfo is clock.UTC
