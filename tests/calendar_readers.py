"""Calendar programs other than the one that wrote the file, reading an export back.

Each reader returns what it understood in one plain shape, so a test can hold
every reader to the same answer: per UID, the component, its status, its start,
end and due (a date as "2026-11-23", a moment as the UTC instant
"2026-11-01T09:30:00Z") and, for a repeating entry, the dates it falls on.

- ical.js (node; the parser behind many web calendars) and vobject (dateutil's
  tzical underneath) place local times through the file's own VTIMEZONE blocks;
- recurring-ical-events (over the icalendar library) and khal place them through
  the system's zone database, by TZID.

node and khal are outside programs: where they are missing the test is skipped on a
developer's machine, but fails under CI (CI set), where `.ci/run` installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import recurring_ical_events
import vobject
from icalendar import Calendar

JS_DIR = Path(__file__).parent / "js"
READ_ICS = JS_DIR / "read_ics.mjs"
# How far a repeating entry is followed: a year covers any cadence's next few touches.
FOLLOW = timedelta(days=366)


@dataclass
class Entry:
    """One calendar entry as a reader understood it."""

    uid: str
    component: str  # "vevent" or "vtodo"
    status: str | None
    start: str | None
    end: str | None = None
    due: str | None = None
    completed: str | None = None
    occurrences: list[str] | None = field(default=None)  # repeating entries only


def show(value: date | datetime | None) -> str | None:
    """A date as YYYY-MM-DD; a moment as its UTC instant, YYYY-MM-DDTHH:MM:SSZ."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise AssertionError(f"a floating time was read: {value}")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def need(program: str) -> str:
    """The path of an outside program, or skip (fail under CI, which installs it)."""
    found = shutil.which(program)
    if found is None:
        missing(f"{program} is not installed (Debian: apt-get install {program}; .ci/run does)")
    return found


def missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run this test")
    pytest.skip(reason)


def _following(start: date | datetime | None, follow: timedelta) -> date | None:
    if start is None:
        return None
    day = start.date() if isinstance(start, datetime) else start
    return day + follow


# -- ical.js ---------------------------------------------------------------------

def icaljs_ready() -> str:
    node = need("node")
    if not (JS_DIR / "node_modules" / "ical.js").is_dir():
        missing(f"ical.js is not installed: run `npm ci --prefix {JS_DIR}` (.ci/run does)")
    return node


def _node(*args: str) -> object:
    result = subprocess.run([icaljs_ready(), str(READ_ICS), *args], capture_output=True,
                            text=True, check=False, timeout=60)
    assert result.returncode == 0, f"ical.js could not read the file:\n{result.stderr}"
    return json.loads(result.stdout)


def read_icaljs(path: Path, follow: timedelta = FOLLOW) -> dict[str, Entry]:
    """Repeating entries followed `follow` past their start."""
    return {
        item["uid"]: Entry(item["uid"], item["component"], item["status"], item["start"],
                           item["end"], item["due"], item["completed"], item["occurrences"])
        for item in _node(str(path), str(follow.days))
    }


def icaljs_instants(path: Path, walls: dict[str, list[datetime]]) -> dict[str, list[datetime]]:
    """Per TZID: the UTC instant ical.js takes each wall time (naive) for, through
    the file's VTIMEZONE."""
    payload = json.dumps({tzid: [w.strftime("%Y-%m-%dT%H:%M:%S") for w in times]
                          for tzid, times in walls.items()})
    result = subprocess.run([icaljs_ready(), str(READ_ICS), "--utc", str(path)], input=payload,
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, f"ical.js could not read the file:\n{result.stderr}"
    return {tzid: [datetime.fromtimestamp(s, UTC) for s in seconds]
            for tzid, seconds in json.loads(result.stdout).items()}


# -- vobject (dateutil's tzical for the VTIMEZONE blocks) ----------------------------

def _vobject_value(component, name: str):
    prop = getattr(component, name, None) if name in component.contents else None
    return prop.value if prop is not None else None


def read_vobject(path: Path, follow: timedelta = FOLLOW) -> dict[str, Entry]:
    cal = vobject.readOne(path.read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}
    for name in ("vevent", "vtodo"):
        for comp in cal.contents.get(name, []):
            start = _vobject_value(comp, "dtstart")
            occurrences = None
            if "rrule" in comp.contents:
                limit = _following(start, follow)
                occurrences = [show(d) for d in _dates_until(comp.getrruleset(addRDate=True),
                                                             start, limit)]
            entries[comp.uid.value] = Entry(
                comp.uid.value, name, _vobject_value(comp, "status"), show(start),
                show(_vobject_value(comp, "dtend")), show(_vobject_value(comp, "due")),
                show(_vobject_value(comp, "completed")), occurrences)
    return entries


def _dates_until(rules, start, limit: date) -> list:
    out = []
    for moment in rules:
        day = moment.date() if isinstance(moment, datetime) else moment
        if day > limit:
            break
        # vobject gives a date-only start's occurrences as midnight date-times
        out.append(day if not isinstance(start, datetime) else moment)
    return out


# -- recurring-ical-events (over the icalendar library) --------------------------------

def read_recurring_ical_events(path: Path, first: date, last: date,
                               follow: timedelta = FOLLOW) -> dict[str, Entry]:
    """Every occurrence between `first` and `last`; an entry is its first occurrence
    (a repeating one with those up to `follow` after it)."""
    cal = Calendar.from_ical(path.read_bytes())
    entries: dict[str, Entry] = {}
    query = recurring_ical_events.of(cal, components=["VEVENT", "VTODO"])
    for occurrence in query.between(first, last + timedelta(days=1)):
        uid = str(occurrence["UID"])
        master = _master(cal, uid)
        # An occurrence of a task without DTSTART is given one: read the file's own.
        start = occurrence.get("DTSTART") if "DTSTART" in master else None
        moment = show(start.dt) if start is not None else None
        if uid in entries:  # a later occurrence of a repeating entry
            if entries[uid].occurrences is not None:
                entries[uid].occurrences.append(moment)
            continue
        end, due, done = (occurrence.get(k) for k in ("DTEND", "DUE", "COMPLETED"))
        entries[uid] = Entry(
            uid, occurrence.name.lower(), str(occurrence.get("STATUS")) or None, moment,
            show(end.dt) if end is not None else None, show(due.dt) if due is not None else None,
            show(done.dt) if done is not None else None,
            [moment] if "RRULE" in master else None)
    for entry in entries.values():
        if entry.occurrences:
            limit = date.fromisoformat(entry.occurrences[0][:10]) + follow
            entry.occurrences = sorted(o for o in entry.occurrences
                                       if date.fromisoformat(o[:10]) <= limit)
    return entries


def _master(cal: Calendar, uid: str):
    return next(c for c in cal.walk() if c.name in ("VEVENT", "VTODO") and str(c["UID"]) == uid)


# -- khal (imports into its own calendar folder, then lists) -------------------------

KHAL_FORMAT = "{calendar}|{uid}|{all-day}|{start}|{end}|{status-symbol}"
KHAL_CONFIG = """\
[calendars]
{calendars}
[locale]
local_timezone = UTC
default_timezone = UTC
timeformat = %H:%M:%S
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M:%SZ
longdatetimeformat = %Y-%m-%dT%H:%M:%SZ
[default]
default_calendar = {first}
[sqlite]
path = {folder}/khal.db
"""


def khal_ready() -> list[str]:
    """The khal command (the one installed beside this Python, or on PATH)."""
    beside = Path(sys.executable).with_name("khal")
    if beside.exists():
        return [str(beside)]
    return [need("khal")]


def read_khal(files: dict[str, Path], first: date, last: date,
              ) -> dict[str, dict[str, list[tuple[str, str, bool]]]]:
    """Per file name: UID → every occurrence khal lists between `first` and `last`,
    as (start, end, all-day); khal shows events only, not tasks."""
    khal = khal_ready()
    # khal writes each event with fsync and commits each to its cache: in memory
    # where the machine has it, that takes a fraction of the time.
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if os.access(shm, os.W_OK) else None) as tmp:
        return _khal_read(khal, files, Path(tmp), first, last)


def _khal_read(khal: list[str], files: dict[str, Path], folder: Path, first: date, last: date,
               ) -> dict[str, dict[str, list[tuple[str, str, bool]]]]:
    calendars = ""
    for name in files:
        (folder / "vdirs" / name).mkdir(parents=True)
        calendars += f"[[{name}]]\npath = {folder / 'vdirs' / name}\n"
    config = folder / "khal.conf"
    config.write_text(KHAL_CONFIG.format(calendars=calendars, first=next(iter(files)),
                                         folder=folder))
    env = {**os.environ, "TZ": "UTC"}
    run = [*khal, "-c", str(config)]
    for name, path in files.items():
        done = subprocess.run([*run, "import", "--batch", "-a", name, str(path)],
                              capture_output=True, text=True, env=env, check=False, timeout=120)
        assert done.returncode == 0, f"khal import {path.name}: {done.stderr}"
    listed = subprocess.run(
        [*run, "list", "--format", KHAL_FORMAT, "--day-format", "", "--notstarted",
         first.isoformat(), last.isoformat()],
        capture_output=True, text=True, env=env, check=False, timeout=120)
    assert listed.returncode == 0, f"khal list: {listed.stderr}"
    out: dict[str, dict[str, list[tuple[str, str, bool]]]] = {name: {} for name in files}
    for line in listed.stdout.splitlines():
        if not line.strip():
            continue
        calendar, uid, all_day, start, end, _status = line.split("|")
        out[calendar].setdefault(uid, []).append((start, end, all_day == "True"))
    return out
