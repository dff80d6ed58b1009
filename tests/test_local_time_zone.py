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
    dialog.person.setText("Pat Receptionist")
    dialog._add_person()
    assert dialog.propose(), dialog.error.text()
    assert dialog.confirm(), dialog.notes_error.text()

    (saved,) = store.select(Interview)
    assert saved.timezone == "Europe/Berlin"
    wall = datetime(dialog.day.date().year(), dialog.day.date().month(), dialog.day.date().day(),
                    dialog.at.time().hour(), dialog.at.time().minute())
    assert saved.start.utcoffset() == BERLIN.utcoffset(wall)
    assert saved.start == wall.replace(tzinfo=BERLIN)
    assert timedelta(0) < datetime.now(BERLIN) - saved.start <= timedelta(hours=2)
