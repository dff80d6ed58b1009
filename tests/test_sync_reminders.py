"""Reminders go one way to the server's calendar (a real Radicale): one entry per
open reminder with the reminder's uid as UID, the same content as the .ics
export, only changed entries written, done reminders removed."""

from __future__ import annotations

from datetime import date, timedelta

from afterword.core.calendar import CalendarOptions
from afterword.core.calendar_export import export_calendar
from afterword.core.domain import Cadence, Contact, NoteStatus, ThankYouNote
from afterword.core.rules import ReminderKind, open_reminders, reminder_uid
from afterword.core.sync.account import load_account
from calendar_helpers import entries, read
from sync_helpers import NOW, server_entries, sync


def _calendar(store) -> str:
    return load_account(store).calendar_url


def _open_note(store, name: str) -> ThankYouNote:
    contact = store.db.execute("SELECT uid FROM contacts WHERE name = ?", [name]).fetchone()[0]
    return next(n for n in store.all(ThankYouNote) if n.contact_uid == contact and not n.status.is_done)


def test_first_sync_puts_one_event_per_open_reminder_with_its_uid(demo_store, dav_user):
    report = sync(demo_store, dav_user)

    uids = {r.uid for r in open_reminders(demo_store).items}
    on_server = server_entries(dav_user, _calendar(demo_store))
    assert set(on_server) == uids and len(uids) > 5
    assert report.reminders.added == len(uids)
    assert dav_user.collections()[_calendar(demo_store)] == "Afterword"


def test_server_entries_say_what_the_ics_export_says(demo_store, dav_user, tmp_path):
    sync(demo_store, dav_user)
    export_calendar(demo_store, tmp_path / "r.ics", CalendarOptions(), NOW)
    exported = entries(read(tmp_path / "r.ics"))
    on_server = server_entries(dav_user, _calendar(demo_store))
    assert set(exported) == set(on_server)
    for uid, entry in on_server.items():
        twin = exported[uid]
        for field in ("summary", "description", "dtstart", "dtend", "sequence", "status"):
            assert getattr(entry, field).value == getattr(twin, field).value, (uid, field)
        assert entry.valarm.trigger.value == twin.valarm.trigger.value


def test_second_sync_with_nothing_changed_writes_nothing(demo_store, dav_user):
    sync(demo_store, dav_user)
    before = dav_user.resources(_calendar(demo_store))
    second = sync(demo_store, dav_user, now=NOW + timedelta(hours=2))
    third = sync(demo_store, dav_user, now=NOW + timedelta(hours=3))
    assert second.writes == third.writes == 0
    assert second.reminders.writes == 0
    assert "GET" not in third.requests  # nothing fetched either: the ETags said it all
    assert dav_user.resources(_calendar(demo_store)) == before


def test_done_reminder_leaves_the_server_and_a_changed_one_is_rewritten(demo_store, dav_user):
    sync(demo_store, dav_user)
    done = _open_note(demo_store, "Dana Reyes")
    done.status, done.sent_on = NoteStatus.SENT, done.due
    moved = _open_note(demo_store, "Tom Becker")
    moved.due = moved.due + timedelta(days=2)
    demo_store.put_many([done, moved])

    report = sync(demo_store, dav_user, now=NOW + timedelta(days=1))

    on_server = server_entries(dav_user, _calendar(demo_store))
    assert reminder_uid(ReminderKind.THANK_YOU_NOTE, done.uid) not in on_server
    changed = on_server[reminder_uid(ReminderKind.THANK_YOU_NOTE, moved.uid)]
    assert changed.sequence.value == "1"
    assert changed.dtstart.value == moved.due
    assert (report.reminders.added, report.reminders.updated, report.reminders.deleted) == (0, 1, 1)
    assert report.requests["PUT"] == 1 and report.requests["DELETE"] == 1


def test_entry_deleted_or_edited_on_the_phone_is_put_back(demo_store, dav_user):
    sync(demo_store, dav_user)
    calendar = _calendar(demo_store)
    hrefs = sorted(dav_user.resources(calendar))
    gone, edited = (dav_user.server.url + h for h in hrefs[:2])
    dav_user.delete(gone)
    text = dav_user.get(edited).replace("SUMMARY:", "SUMMARY:Edited on the phone: ")
    dav_user.put(edited, text, "text/calendar")

    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))

    assert report.reminders.updated == 2
    after = dav_user.resources(calendar)
    assert sorted(after) == hrefs
    assert not any("Edited on the phone" in body for body in after.values())
    assert "SEQUENCE:1" in after[hrefs[1]]  # newer than the phone's copy


def test_reminders_as_tasks(demo_store, dav_user):
    report = sync(demo_store, dav_user, reminders_as_tasks=True)
    on_server = server_entries(dav_user, _calendar(demo_store))
    assert {type(e).__name__ for e in on_server.values()} == {"RecurringComponent"}
    assert all(e.name == "VTODO" for e in on_server.values())
    assert report.reminders.added == len(on_server)


def test_existing_calendar_is_used_and_other_entries_there_are_left_alone(demo_store, dav_user):
    calendar = dav_user.make_collection("personal", "calendar", "Personal")
    birthday = calendar + "birthday.ics"
    dav_user.put(birthday, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\n"
                 "UID:birthday\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261201\r\n"
                 "SUMMARY:Birthday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "text/calendar")
    sync(demo_store, dav_user, calendar_url=calendar)
    note = _open_note(demo_store, "Dana Reyes")
    note.status = NoteStatus.SENT
    demo_store.put(note)
    sync(demo_store, dav_user)  # the account remembers the calendar

    assert _calendar(demo_store) == calendar
    assert list(dav_user.collections().values()).count("Afterword") == 1  # the address book
    on_server = server_entries(dav_user, calendar)
    assert "birthday" in on_server
    assert len(on_server) == len(open_reminders(demo_store).items) + 1


def test_a_month_end_cadence_repeats_on_the_server_as_in_the_export(demo_store, dav_user, tmp_path):
    """"Every month" from the 31st lands on each month's last day, on the phone too."""
    person = Contact("Month End")
    cadence = Cadence(person.uid, "FREQ=MONTHLY;INTERVAL=1", date(2026, 10, 31))
    demo_store.put_many([person, cadence])
    sync(demo_store, dav_user)
    export_calendar(demo_store, tmp_path / "r.ics", CalendarOptions(), NOW)
    uid = reminder_uid(ReminderKind.TOUCH, cadence.uid)
    on_server = server_entries(dav_user, _calendar(demo_store))[uid]
    exported = entries(read(tmp_path / "r.ics"))[uid]
    assert on_server.rrule.value == exported.rrule.value == "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1"
    assert on_server.dtstart.value == exported.dtstart.value == date(2026, 11, 30)
