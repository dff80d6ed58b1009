"""Calendar export time for 1k and 10k reminders, beside the time icalendar alone
takes to build and serialize the same events from ready-made values.

    PYTHONPATH=desktop python bench/bench_calendar.py
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "desktop"))

from icalendar import Alarm, Calendar, Event, vRecur  # noqa: E402

from afterword.core.calendar import CalendarOptions, collect_specs  # noqa: E402
from afterword.core.calendar_export import export_calendar  # noqa: E402
from afterword.core.domain import (  # noqa: E402
    Cadence,
    Company,
    Contact,
    FeedbackCall,
    Medium,
    Role,
    ThankYouNote,
)
from afterword.core.store import Store  # noqa: E402

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
SIZES = (1_000, 10_000)
RUNS = 3


def records(reminders: int) -> list:
    """About 60% thank-you notes, 25% stay-in-touch cadences, 15% feedback calls."""
    companies = [Company(f"Company {i}", address=f"{i} Main St, Springfield") for i in range(50)]
    out: list = list(companies)
    for i in range(reminders):
        person = Contact(f"Person {i}", "Director", companies[i % 50].uid, Role.INTERVIEWER,
                         phone_direct=f"+1 206 555 {i % 10000:04d}", email=f"p{i}@example.com",
                         mailing_address=f"Person {i}\nCompany {i % 50}\n{i} Main St\nSpringfield",
                         notes="Met at the panel; likes cycling")
        out.append(person)
        day = TODAY + timedelta(days=i % 60 - 20)
        if i % 20 < 12:
            out.append(ThankYouNote(person.uid, None, day, Medium.HANDWRITTEN,
                                    points="The territory plan"))
        elif i % 20 < 17:
            out.append(Cadence(person.uid, f"FREQ=WEEKLY;INTERVAL={1 + i % 6}", day))
        else:
            out.append(FeedbackCall(person.uid, None, day))
    return out


def best(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        gc.collect()  # each run starts without the previous run's garbage
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def icalendar_alone(specs) -> bytes:
    """The same events, built and serialized by icalendar from ready values."""
    cal = Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    for s in specs:
        event = Event()
        event.add("uid", s.uid)
        event.add("dtstamp", NOW)
        event.add("last-modified", NOW)
        event.add("sequence", 0)
        event.add("summary", s.summary)
        event.add("description", s.description)
        event.add("dtstart", s.start)
        event.add("dtend", s.end)
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        if s.rrule:
            event.add("rrule", vRecur.from_ical(s.rrule))
        event.add("categories", ["Afterword"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", s.alarm)
        alarm.add("description", s.summary)
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def measure(size: int, folder: Path) -> dict:
    store = Store.open(folder / f"cal-{size}.db")
    store.put_many(records(size))
    out = folder / f"cal-{size}.ics"
    start = time.perf_counter()
    summary = export_calendar(store, out, CalendarOptions(), NOW)  # every event new
    first_ms = (time.perf_counter() - start) * 1000
    again_ms = best(lambda: export_calendar(store, out, CalendarOptions(), NOW))
    specs, _, _ = collect_specs(store, CalendarOptions())
    alone_ms = best(lambda: icalendar_alone(specs))
    store.close()
    return {"size": size, "events": summary.total, "first_ms": first_ms, "again_ms": again_ms,
            "alone_ms": alone_ms, "kb": out.stat().st_size / 1024}


def main() -> None:
    print("Calendar export (.ics): best of 3 for re-exports and for icalendar alone")
    print(f"{'reminders':>9} {'events':>7} {'first export':>13} {'re-export':>10} "
          f"{'icalendar alone':>16} {'ratio':>6} {'file KB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            r = measure(size, Path(tmp))
            print(f"{r['size']:>9} {r['events']:>7} {r['first_ms']:>10.0f} ms {r['again_ms']:>7.0f} ms "
                  f"{r['alone_ms']:>13.0f} ms {r['again_ms'] / r['alone_ms']:>5.2f}x {r['kb']:>8.0f}")


if __name__ == "__main__":
    main()


def headline_figure(size: int = 10_000) -> dict:
    """The .ics row of `make bench`'s table: Afterword's export of `size` reminders
    beside icalendar alone building the same events (milliseconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        r = measure(size, Path(tmp))
    return {"reminders": size, "alone_ms": r["alone_ms"], "afterword_ms": r["again_ms"]}
