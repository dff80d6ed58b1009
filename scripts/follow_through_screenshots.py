"""Grab the debrief form and the funnel on the demo data into resources/screenshots/.

Run under a real (virtual) display so fonts and styles are those a user sees:
    xvfb-run -s "-screen 0 1280x1000x24" python scripts/follow_through_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QApplication

from afterword.context import AppContext
from afterword.core.demo import fill_demo
from afterword.core.domain import ConcernKind, ConcernSize, Opportunity, Role
from afterword.core.store import Store
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.hub import Hub
from afterword.ui.views.funnel import FunnelView

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"
NOW = datetime(2026, 11, 23, 17, 30, tzinfo=ZoneInfo("America/Los_Angeles"))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "demo.db")
        fill_demo(store, NOW.date())
        context = AppContext(store=store, db_path=Path(folder) / "demo.db", clock=lambda: NOW)
        hub = Hub()

        role = next(o for o in store.all(Opportunity) if o.title == "Regional Sales Manager")
        dialog = DebriefDialog(context, hub, opportunity_uid=role.uid)
        dialog.day.setDate(QDate(2026, 11, 23))
        dialog.at.setTime(QTime(14, 0))
        dialog.format.setCurrentIndex(dialog.format.findData("on_site"))
        for name, person_role in (("Dana Reyes", Role.HIRING_MANAGER), ("Marcus Chen", Role.INTERVIEWER),
                                  ("Jen Alvarez", Role.INTERVIEWER), ("Tom Becker", Role.RECEPTIONIST)):
            dialog.person_role.setCurrentIndex(dialog.person_role.findData(person_role.value))
            dialog.person.setText(name)
            dialog._add_person()
        dialog.tone.setText("confident, pushed for a start date")
        q = dialog.questions_model
        q.setData(q.index(q.append(), 0), "Why did you leave Pacifica after two years?")
        q.setData(q.index(0, 1), "Said I wanted a bigger territory")
        q.setData(q.index(0, 2), "Pacifica froze hiring; I had doubled the region and wanted to build a team")
        c = dialog.concerns_model
        row = c.append()
        for col, value in enumerate(("Has not sold to 3PL carriers", ConcernKind.TO_OVERCOME.value,
                                     "Explained the two carrier accounts I opened in 2024",
                                     ConcernSize.MINOR.value)):
            c.setData(c.index(row, col), value)
        dialog.closing_question.setText("Is there anything that would hold you back from moving me forward?")
        dialog.closing_answer.setText("Dana: only the CEO's view on deal size")
        dialog.next_steps.setText("CEO conversation next week")
        dialog.has_hear_back.setChecked(True)
        dialog.hear_back.setDate(QDate(2026, 11, 30))
        dialog.show()
        settle(app)
        dialog.grab().save(str(OUT / "debrief.png"))
        dialog.propose()
        settle(app)
        dialog.grab().save(str(OUT / "debrief-notes.png"))
        dialog.close()

        view = FunnelView(context, hub)
        view.resize(980, 860)
        view.show()
        settle(app)
        view.grab().save(str(OUT / "funnel.png"))
        view.close()
        store.close()
    print(f"wrote {OUT / 'debrief.png'}, {OUT / 'debrief-notes.png'}, {OUT / 'funnel.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
