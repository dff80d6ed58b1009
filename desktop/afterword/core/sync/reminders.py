"""Reminders, one way, to the server's calendar.

One event (or task) per open reminder, built by the same code as the .ics
export, so its UID, content, SEQUENCE and alarm are what the file would say.
Only entries whose text changed are written; a reminder that is done or gone is
deleted from the server. The calendar belongs to Afterword: an entry changed or
deleted on the phone is written again (with a higher SEQUENCE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urljoin

from icalendar import Calendar

from afterword import __version__
from afterword.core.calendar import CalendarOptions, add_time_zones, collect_specs, render
from afterword.core.calendar_content import EventSpec
from afterword.core.calendar_state import Stamped, Version, stamp, utc_now
from afterword.core.store import Store
from afterword.core.sync.bulk import Upload, upload_new
from afterword.core.sync.discovery import CALENDAR
from afterword.core.sync.errors import PreconditionFailed
from afterword.core.sync.listing import Listing
from afterword.core.sync.state import Agreed, StateChanges, content_hash
from afterword.core.sync.webdav import DavClient

CONTENT_TYPE = "text/calendar"
PRODID = f"-//Afterword//Afterword {__version__}//EN"


@dataclass
class ReminderCounts:
    added: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def writes(self) -> int:
        return self.added + self.updated + self.deleted


def event_text(spec: EventSpec, version: Version, *, tasks: bool) -> str:
    """One calendar object resource: a VCALENDAR with one entry (and its VTIMEZONE)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add_component(render(spec, version, tasks=tasks))
    add_time_zones(cal, [spec])
    return cal.to_ical().decode("utf-8")


def push_reminders(client: DavClient, store: Store, calendar: str, listing: Listing,
                   agreed: dict[str, Agreed], *, tasks: bool, now: datetime,
                   ) -> tuple[StateChanges, ReminderCounts, list[str]]:
    """Bring the server calendar in line with the open reminders. Returns what to
    remember (written by the caller, with the rest of the sync), the counts, and
    the problems (records that could not be read into a reminder, …)."""
    now = utc_now(now)
    specs, alive, problems = collect_specs(store, CalendarOptions(tasks=tasks))
    changes = StateChanges(calendar, "calendar", token=listing.token)
    counts = ReminderCounts()
    new, changed = [], []
    for spec in specs:
        before = agreed.get(spec.uid)
        href = before.href if before else urljoin(calendar, quote(spec.uid, safe="") + ".ics")
        edited_there = before is not None and listing.changed(href, before.etag)
        if before is not None and not edited_there and before.fingerprint == _fingerprint(spec, tasks):
            # Unchanged on both sides: not even rendered (thousands of entries, every sync).
            if before.etag is None and listing.etag(href):  # learn an ETag the PUT did not tell
                changes.put.append(before.but(etag=listing.etag(href)))
            continue
        version = _version(spec, before, tasks, edited_there, now).version
        text = event_text(spec, version, tasks=tasks)
        entry = _Entry(Upload(spec.uid, href, text), content_hash(text), version, before)
        if before is not None and before.content_hash == entry.digest and not edited_there:
            continue
        (new if before is None and not listing.mentions(href) else changed).append(entry)
    # New entries into an empty calendar go at once where the server takes that (bulk.py).
    uploaded = upload_new(client, calendar, CALENDAR, listing, [e.upload for e in new])
    if uploaded is not None:
        changes.token = changes.listed_token = uploaded.token
        problems += uploaded.problems
    placed = uploaded.placed if uploaded else {}
    for entry in new + changed:
        u, v = entry.upload, entry.version
        href, etag = placed.get(u.uid) or (u.href, _write(client, u.href, u.text, entry.before, listing))
        changes.put.append(Agreed(u.uid, href, etag, entry.digest, fingerprint=v.fingerprint,
                                  sequence=v.sequence, stamped_at=v.stamped_at))
    counts.added, counts.updated = len(new), len(changed)
    for uid, before in agreed.items():
        if uid in alive:  # still open, or its record could not be read this time
            continue
        if not listing.is_gone(before.href):
            try:
                client.delete(before.href, etag=listing.etag(before.href) or before.etag)
            except PreconditionFailed:
                client.delete(before.href)  # changed on the phone: still done here
            counts.deleted += 1
        changes.forget.append(uid)
    return changes, counts, problems


@dataclass
class _Entry:
    """An entry to write: its resource, the version it says, how it was agreed before."""

    upload: Upload
    digest: str  # of its text
    version: Version
    before: Agreed | None


def _version(spec: EventSpec, before: Agreed | None, tasks: bool, edited_there: bool,
             now: datetime) -> Stamped:
    """The entry's SEQUENCE/DTSTAMP: kept while nothing changed, raised when the
    content (or event/task choice) changed here or the copy there was edited."""
    fingerprint = _fingerprint(spec, tasks)
    previous = None
    if before is not None and before.fingerprint and before.sequence is not None:
        # Edited there: a fingerprint that cannot match, for a SEQUENCE above the phone's copy.
        previous = Version(spec.uid, spec.kind, "" if edited_there else before.fingerprint,
                           before.sequence, before.stamped_at or now, spec.summary, spec.start_text,
                           False)
    return stamp(spec.uid, spec.kind, fingerprint, spec.summary, spec.start_text, False, previous, now)


def _fingerprint(spec: EventSpec, tasks: bool) -> str:
    """What the entry says, and whether it is an event or a task."""
    return spec.fingerprint() + (":task" if tasks else ":event")


def _write(client: DavClient, href: str, text: str, before: Agreed | None, listing: Listing) -> str | None:
    exists = listing.mentions(href) or (before is not None and not listing.is_gone(href))
    try:
        if exists:
            return client.put(href, text, CONTENT_TYPE, etag=listing.etag(href) or (before and before.etag))
        return client.put(href, text, CONTENT_TYPE, create=True)
    except PreconditionFailed:
        # Changed (or made) there since the listing. Afterword owns these entries,
        # so its copy wins.
        return client.put(href, text, CONTENT_TYPE)
