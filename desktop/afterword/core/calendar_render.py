"""One calendar entry (EventSpec + its remembered Version) → an icalendar VEVENT or VTODO.

Most of an entry's values repeat from entry to entry: the stamp of an export, the
days reminders fall on, statuses, the alarm's action and trigger, a cadence's rule.
icalendar turns each value it is given into a property object; the Renderer does
that once per distinct value and gives every entry the same object (icalendar
only reads them when it writes the file), which keeps a large export close to
the cost of icalendar writing the entries alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from icalendar import Alarm, Event, Todo, vText

from afterword.core.calendar_content import EventSpec
from afterword.core.calendar_state import Version

CATEGORY = "Afterword"


def _key(value: Any) -> Any:
    """A cache key that tells apart what compares equal but is written differently:
    the same moment in two zones, or a repeated wall time's two folds."""
    if isinstance(value, datetime):
        return datetime, value.isoformat(), str(value.tzinfo), value.fold
    return type(value), value


class Renderer:
    """Builds the entries of one export, as events or as tasks."""

    def __init__(self, *, tasks: bool):
        self.tasks = tasks
        self._encoded: dict[tuple, Any] = {}

    def _value(self, name: str, value: Any, parameters: dict[str, str] | None = None) -> Any:
        """The property object icalendar makes of `value`, made once and shared."""
        key = (name, _key(value), tuple(sorted(parameters.items())) if parameters else ())
        found = self._encoded.get(key)
        if found is None:
            scratch = Event()
            scratch.add(name, list(value) if isinstance(value, tuple) else value,
                        parameters=dict(parameters) if parameters else None)
            found = self._encoded[key] = scratch[name]
        return found

    def render(self, spec: EventSpec, version: Version) -> Event | Todo:
        """The VEVENT or VTODO; its VALARM comes after the entry's own properties."""
        comp: Event | Todo = Todo() if self.tasks else Event()
        shared = self._value
        summary = vText(spec.summary)
        comp["UID"] = vText(spec.uid)
        comp["DTSTAMP"] = shared("DTSTAMP", version.stamped_at)
        comp["LAST-MODIFIED"] = shared("LAST-MODIFIED", version.stamped_at)
        comp["SEQUENCE"] = shared("SEQUENCE", version.sequence)
        comp["SUMMARY"] = summary
        comp["DESCRIPTION"] = vText(spec.description)
        if self.tasks:
            if spec.rrule:  # a recurring task needs a DTSTART to recur from
                comp["DTSTART"] = shared("DTSTART", spec.start)
            comp["DUE"] = shared("DUE", spec.start)
            if spec.cancelled and spec.done:  # done: when an export first saw it done
                comp["STATUS"] = shared("STATUS", "COMPLETED")
                comp["COMPLETED"] = shared("COMPLETED", version.stamped_at)
            else:
                comp["STATUS"] = shared("STATUS", "CANCELLED" if spec.cancelled else "NEEDS-ACTION")
        else:
            comp["DTSTART"] = shared("DTSTART", spec.start)
            comp["DTEND"] = shared("DTEND", spec.end)
            comp["STATUS"] = shared("STATUS", "CANCELLED" if spec.cancelled else "CONFIRMED")
            # A reminder should not make the day look busy; a round or a call should.
            comp["TRANSP"] = shared("TRANSP", "TRANSPARENT" if spec.all_day else "OPAQUE")
        if spec.location:
            comp["LOCATION"] = shared("LOCATION", spec.location)
        if spec.rrule:
            comp["RRULE"] = shared("RRULE", spec.rrule)
        comp["CATEGORIES"] = shared("CATEGORIES", (CATEGORY,))
        if spec.alarm is not None and not spec.cancelled:
            comp.add_component(self._alarm(spec, summary))
        return comp

    def _alarm(self, spec: EventSpec, summary: vText) -> Alarm:
        alarm = Alarm()
        alarm["ACTION"] = self._value("ACTION", "DISPLAY")
        # A task has no DTSTART to be relative to (unless it recurs): use its DUE.
        related = {"RELATED": "END"} if self.tasks and not spec.rrule else None
        alarm["TRIGGER"] = self._value("TRIGGER", spec.alarm, related)
        alarm["DESCRIPTION"] = summary  # the notification says what the entry is
        return alarm
