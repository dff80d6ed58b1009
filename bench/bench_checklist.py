"""How long the handwritten-note checklist takes for a busy week: 200 notes to
write after 40 interview rounds, built from the database and rendered to PDF."""

from __future__ import annotations

import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from afterword.core.checklist import build_checklist, envelopes_for  # noqa: E402
from afterword.core.domain import (  # noqa: E402
    Company,
    Contact,
    Interview,
    Opportunity,
    Role,
    ThankYouNote,
)
from afterword.core.store import Store  # noqa: E402

ON = date(2026, 11, 23)
ROLES = list(Role)


def fill(store: Store, notes: int, per_round: int = 5) -> None:
    records: list = []
    for r in range(notes // per_round):
        company = Company(f"Company {r:03d}", address=f"{r} Commerce St, Springfield")
        opp = Opportunity(company.uid, f"Sales Director {r}")
        start = datetime(2026, 11, 10, 10, tzinfo=ZoneInfo("America/Chicago")) + timedelta(days=r % 12)
        people = [Contact(f"Person {r:03d}-{i}", "Regional Director", company.uid, ROLES[i % len(ROLES)],
                          email=f"p{r}.{i}@example.com",
                          mailing_address=None if i == 3 else  # one in five has no address
                          f"Person {r:03d}-{i}\nCompany {r:03d}\n{100 + i} Commerce St\n"
                          "Springfield, IL 62701")
                  for i in range(per_round)]
        interview = Interview(opp.uid, 1 + r % 3, start, "America/Chicago",
                              participant_uids=[p.uid for p in people])
        records += [company, opp, *people, interview]
        records += [ThankYouNote(p.uid, interview.uid, due=start.date() + timedelta(days=1),
                                 points="Thank them for the tour; the ramp plan for the territory; "
                                        "the CRM dashboards; " * 3,
                                 better_answer="Name the three anchor accounts and the plan that "
                                               "grew the region 38% in a year.")
                    for p in people]
    store.put_many(records)


def _timed(func, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    from PySide6.QtGui import QGuiApplication, QPageSize

    from afterword.ui.envelopes import LABEL_SHEETS, labels_pdf
    from afterword.ui.printing import checklist_pdf

    app = QGuiApplication.instance() or QGuiApplication(["bench"])  # noqa: F841
    store = Store.memory()
    fill(store, 200)
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    build_s, checklist = _timed(lambda: build_checklist(store, ON))
    pdf_s, pdf = _timed(lambda: checklist_pdf(checklist, a4, printed_on=ON))
    labels_s, labels = _timed(lambda: labels_pdf(envelopes_for(checklist),
                                                 LABEL_SHEETS["a4-3x7"]))
    rows = len(checklist.rows)
    print(f"{'checklist (200 notes)':<34}{'seconds':>10}{'size':>12}")
    print(f"{'build content from the database':<34}{build_s:>10.3f}{rows:>9} rows")
    print(f"{'render the checklist to PDF':<34}{pdf_s:>10.3f}{len(pdf) // 1024:>9} KiB")
    print(f"{'render A4 label sheets to PDF':<34}{labels_s:>10.3f}{len(labels) // 1024:>9} KiB")
    store.close()


if __name__ == "__main__":
    main()
