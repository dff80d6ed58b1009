"""The floor for the calendar bench: icalendar alone building and writing the same
entries from ready values, the plain way (one add() per property, per entry).

    python bench/ics_floor.py VALUES.pickle OUT.ics

Imports nothing of Afterword, so as a process it is the bare cost of Python,
icalendar and the work itself. The values are what an export wrote (see
`entry_values`), so the file it writes is the export's, byte for byte.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Timezone

HEADER = ("prodid", "version", "calscale", "x-wr-calname")


def entry_values(path: Path) -> dict:
    """The values of every property of an exported file, as plain Python values."""
    cal = Calendar.from_ical(path.read_bytes())
    header = [(name, str(cal[name])) for name in HEADER]
    zones = [z.to_ical() for z in cal.walk("VTIMEZONE")]
    entries = []
    for event in cal.walk("VEVENT"):
        props = [(name, _plain(event, name, value)) for name, value in event.property_items(recursive=False)
                 if name not in ("BEGIN", "END")]
        alarms = [[(name, _plain(alarm, name, value)) for name, value in alarm.property_items(recursive=False)
                   if name not in ("BEGIN", "END")] for alarm in event.walk("VALARM")]
        entries.append((props, alarms))
    return {"header": header, "zones": zones, "entries": entries}


def _plain(component, name: str, value):
    decoded = component.decoded(name) if name in component else value
    if name == "CATEGORIES":
        return [str(c) for c in value.cats]
    if name == "RRULE":
        return value.to_ical().decode()
    if isinstance(decoded, bytes):
        return decoded.decode()
    return decoded


def build(values: dict) -> bytes:
    """The calendar, built and serialized by icalendar from the ready values."""
    cal = Calendar()
    for name, value in values["header"]:
        cal.add(name, value)
    for zone in values["zones"]:
        cal.add_component(Timezone.from_ical(zone))
    for props, alarms in values["entries"]:
        event = Event()
        for name, value in props:
            event.add(name, value)
        for alarm_props in alarms:
            alarm = Alarm()
            for name, value in alarm_props:
                alarm.add(name, value)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def main(values_file: str, out: str) -> None:
    with open(values_file, "rb") as f:
        values = pickle.load(f)
    Path(out).write_bytes(build(values))


if __name__ == "__main__":
    main(*sys.argv[1:])
