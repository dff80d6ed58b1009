"""The prep brief: how long `afterword brief` takes for a busy process, in a
database of realistic size (bench/datagen.py, 10k and 100k people, years of
history), beside Qt alone printing the same rich text to a PDF (bench/floor_pdf.py).

The process prepared for: two earlier rounds, a third scheduled, eight people met
(the receptionist too), each with a photographed card of 2400 × 1500 pixels, six
concerns of both kinds, four questions worth revisiting and four notes still open.
Whole processes (`afterword brief --pdf`) and, in one process, building the content
and rendering the PDF; medians of RUNS interleaved runs, wall and CPU time. The
goal: a brief in under 0.5 s.

    PYTHONPATH=desktop python bench/bench_brief.py
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datasets  # noqa: E402
import floor_pdf  # noqa: E402
from processes import Subject, interleaved  # noqa: E402

from afterword.core.brief import build_brief  # noqa: E402
from afterword.core.brief_html import render_html  # noqa: E402
from afterword.core.domain import (  # noqa: E402
    CardPhoto,
    Company,
    Concern,
    ConcernKind,
    ConcernSize,
    Contact,
    Format,
    Interview,
    NoteStatus,
    Opportunity,
    Question,
    Role,
    Stage,
    ThankYouNote,
)
from afterword.core.store import Store  # noqa: E402

SIZES = (10_000, 100_000)
RUNS = 7
GOAL = 0.5
ZONE = ZoneInfo("America/Los_Angeles")
PEOPLE = (("Dana Reyes", Role.HIRING_MANAGER), ("Marcus Chen", Role.INTERVIEWER),
          ("Aisha Okafor", Role.INTERVIEWER), ("Jen Alvarez", Role.INTERVIEWER),
          ("Kim Nguyen", Role.RECRUITER), ("Helen Park", Role.HR),
          ("Sam Delgado", Role.ASSISTANT), ("Tom Becker", Role.RECEPTIONIST))


def card_photo(name: str) -> bytes:
    """A phone photo of a card: 2400 × 1500, shaded, with text (a JPEG of some 100 KB)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter

    image = QImage(2400, 1500, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 2400, 1500)
    gradient.setColorAt(0, QColor("#d8d2c4"))
    gradient.setColorAt(1, QColor("#f4f1ea"))
    painter.fillRect(image.rect(), gradient)
    painter.setFont(QFont("DejaVu Sans", 90, QFont.Weight.Bold))
    painter.drawText(QRect(200, 300, 2000, 200), Qt.AlignmentFlag.AlignLeft, name)
    painter.setFont(QFont("DejaVu Sans", 48))
    for i, line in enumerate(("Northwind Logistics", "+1 206 555 0142", "name@northwind.example")):
        painter.drawText(QRect(200, 700 + i * 120, 2000, 120), Qt.AlignmentFlag.AlignLeft, line)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 90)
    return bytes(data.data())


def add_process(store: Store, now: datetime) -> str:
    """The role to prepare for; returns its uid."""
    company = Company("Northwind Logistics (bench)", "https://northwind.example",
                      "1200 Harbor Way\nSeattle, WA 98101")
    role = Opportunity(company.uid, "Regional Sales Manager", target="Sales leadership",
                       stage=Stage.INTERVIEWING)
    people = [Contact(name, "Regional Director", company.uid, role_, phone_direct="+1 206 555 0142",
                      phone_cell="+1 206 555 0199", email=f"{name.split()[0].lower()}@northwind.example",
                      helped="Walked me through the territory plan") for name, role_ in PEOPLE]
    concerns = [Concern(f"Concern {i}: no enterprise deals above $500k in the last two years",
                        ConcernKind.TO_QUANTIFY if i % 2 else ConcernKind.TO_OVERCOME,
                        "Two $400k deals; the process is the same, and I asked how many of their "
                        "deals are above $500k.", ConcernSize.MINOR) for i in range(6)]
    questions = [Question(f"How would you ramp territory {i}?", "In general terms",
                          "Name the three anchor accounts and the plan that grew Portland 38%")
                 for i in range(4)]
    first = Interview(role.uid, 1, now - timedelta(days=21), "America/Los_Angeles", Format.PHONE,
                      participant_uids=[people[4].uid], tone="warm, curious")
    second = Interview(role.uid, 2, now - timedelta(days=1), "America/Los_Angeles", Format.ON_SITE,
                       participant_uids=[p.uid for p in people], tone="warm, collaborative",
                       hear_back_by=(now + timedelta(days=6)).date(),
                       closing_question="Anything that gives you pause?",
                       closing_answer="Deal sizes; CRM depth", questions=questions, concerns=concerns)
    third = Interview(role.uid, 3, now + timedelta(days=3), "America/Los_Angeles", Format.ON_SITE)
    notes = [ThankYouNote(p.uid, second.uid, now.date(), status=NoteStatus.TO_WRITE) for p in people[:4]]
    store.put_many([company, role, *people, first, second, third, *notes])
    for person in people:
        store.set_card_photo(person.uid, CardPhoto(card_photo(person.name)))
    return role.uid


def _median_in_process(work: Callable[[], object]) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(RUNS):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(size: int, folder: Path) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QPageSize

    from afterword.ui.brief_printing import brief_pdf

    source = datasets.database("realistic", size)
    db = folder / f"brief-{size}.db"
    shutil.copyfile(source, db)
    now = datetime.now(ZONE)
    store = Store.open(db)
    uid = add_process(store, now)
    html = folder / "brief.html"
    brief = build_brief(store, uid, now)
    html.write_text(render_html(brief), encoding="utf-8")
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    pages = len(PdfReader(BytesIO(brief_pdf(brief, a4))).pages)

    build = _median_in_process(lambda: build_brief(store, uid, datetime.now(ZONE)))
    render = _median_in_process(lambda: brief_pdf(build_brief(store, uid, datetime.now(ZONE)), a4))
    floor_in = _median_in_process(lambda: floor_pdf.write(html.read_text(encoding="utf-8"),
                                                          folder / "floor-in.pdf"))
    store.close()

    ours_out, floor_out = folder / "ours.pdf", folder / "floor.pdf"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(HERE.parent / "desktop"), os.environ.get("PYTHONPATH")) if p)}
    subjects = [
        Subject("afterword brief", [sys.executable, "-m", "afterword", "brief", "--db", str(db),
                                    "--opportunity", uid, "--pdf", str(ours_out)]),
        Subject("Qt alone", [sys.executable, str(HERE / "floor_pdf.py"), str(html), str(floor_out)]),
    ]
    whole = interleaved(subjects, RUNS, env)
    ours, floor = whole["afterword brief"], whole["Qt alone"]

    print(f"{size:>9,}  {'whole process':<30}{ours.median('wall'):>8.3f} s{ours.median('cpu'):>7.3f} s"
          f"{floor.median('wall'):>14.3f} s{floor.median('cpu'):>7.3f} s"
          f"{ours.median('wall') / floor.median('wall'):>8.2f}x  {ours.median('rss_mb'):>5.0f} MB")
    print(f"{'':>9}  {'in one process: build content':<30}{build[0]:>8.3f} s{build[1]:>7.3f} s")
    print(f"{'':>9}  {'in one process: content + PDF':<30}{render[0]:>8.3f} s{render[1]:>7.3f} s"
          f"{floor_in[0]:>14.3f} s{floor_in[1]:>7.3f} s{render[0] / floor_in[0]:>8.2f}x"
          f"  {'goal < ' + str(GOAL) + ' s: ' + ('met' if render[0] < GOAL else 'MISSED')}")
    print(f"{'':>9}  {pages} pages, {ours_out.stat().st_size // 1024} KiB (Qt alone: "
          f"{floor_out.stat().st_size // 1024} KiB, no pictures, no pagination)")


def main(argv: list[str]) -> None:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["bench"])  # noqa: F841
    print(f"Prep brief for a busy process (8 people with card photos, 6 concerns, 4 questions) "
          f"beside Qt alone printing the same rich text: medians of {RUNS} interleaved runs")
    print(f"{'people':>9}  {'measured as':<30}{'afterword':>10}{'CPU':>9}{'Qt alone':>16}{'CPU':>9}"
          f"{'ratio':>9}  {'peak RSS':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(a) for a in argv] or SIZES:
            measure(size, Path(tmp))


if __name__ == "__main__":
    main(sys.argv[1:])
