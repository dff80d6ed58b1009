"""Render every screenshot the README and the AppStream metainfo show, on the sample
data, into resources/screenshots/ (`make screenshots`).

Run it on a real (virtual) display so fonts and styles are those a user sees:

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        python packaging/screenshots.py [--out DIR] [--size 1280x800] [--dark] [--only NAME ...]
    ... python packaging/screenshots.py --matrix build/screenshots

`--matrix DIR` renders every page and dialog at 1280×800 and 1024×640, light and
dark, into DIR/<size>-<light|dark>/ (what `make screenshots` also does, to look at).

The sample is filled fresh for a fixed day (2026-11-23, 17:30 in Los Angeles), so
the pictures only change when the window does. The user's own settings are not
read or written: the window starts at its defaults. `--dark` renders with a dark
Fusion palette, to check that nothing is drawn in a colour that only works on white.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "resources" / "screenshots"
NOW = datetime(2026, 11, 23, 17, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
# A steady file name for the title bar, status bar and About box.
SAMPLE_DB = Path(tempfile.gettempdir()) / "afterword-sample" / "afterword.db"

# file name → (what it shows, for the log)
PAGES = {
    "main-window": "people",
    "today": "today",
    "companies": "companies",
    "interviews": "interviews",
    "notes": "notes",
    "funnel": "funnel",
}
DIALOGS = ("debrief", "debrief-notes", "export-reminders", "print-checklist", "about",
           "card-review", "preferences-sync")
# Printed pages, drawn from the PDF the app writes.
PRINTED = ("brief",)
# Only in the --matrix check: every other page state and dialog a user meets.
MORE = ("first-run", "read-only", "feedback-call", "stay-in-touch", "follow-up-letter",
        "schedule-call", "preferences", "first-role", "print-brief",
        "import-contacts", "merge-people", "restore-backup")
ALL = (*PAGES, *DIALOGS, *PRINTED, *MORE)
README_SET = (*PAGES, *DIALOGS, *PRINTED)
MATRIX = (("1280x800", False), ("1280x800", True), ("1024x640", False), ("1024x640", True))


def settle(app) -> None:
    """Let layouts, lazy models and the first notification run."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(250, loop.quit)
    loop.exec()
    for _ in range(5):
        app.processEvents()


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, colour in ((role.Window, "#2b2b2b"), (role.WindowText, "#e6e6e6"), (role.Base, "#1e1e1e"),
                      (role.AlternateBase, "#262626"), (role.ToolTipBase, "#3a3a3a"),
                      (role.ToolTipText, "#e6e6e6"), (role.Text, "#e6e6e6"), (role.Button, "#353535"),
                      (role.ButtonText, "#e6e6e6"), (role.BrightText, "#ff6b6b"), (role.Link, "#6fa8ff"),
                      (role.Highlight, "#2f65ca"), (role.HighlightedText, "#ffffff"),
                      (role.PlaceholderText, "#8c8c8c"), (role.Mid, "#4a4a4a"), (role.Dark, "#202020")):
        p.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#7a7a7a"))
    return p


def fill_debrief(dialog) -> None:
    """The round the sample's Regional Sales Manager role just had, as a user types it."""
    from PySide6.QtCore import QDate, QTime

    from afterword.core.domain import ConcernKind, ConcernSize, Role

    dialog.day.setDate(QDate(2026, 11, 23))
    dialog.at.setTime(QTime(14, 0))
    dialog.format.setCurrentIndex(dialog.format.findData("on_site"))
    for name, role in (("Dana Reyes", Role.HIRING_MANAGER), ("Marcus Chen", Role.INTERVIEWER),
                       ("Jen Alvarez", Role.INTERVIEWER), ("Tom Becker", Role.RECEPTIONIST)):
        dialog.person.setText(name)
        dialog.picker.add_typed()  # someone known by that name is taken
        if dialog.person.text():  # nobody: a new person, as chosen from the list
            dialog.picker.completer.popup().hide()
            dialog.picker.add_new(name, role)
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
    dialog.closing_answer.setText("Dana: only the chief executive's view on deal size")
    dialog.next_steps.setText("Chief executive conversation next week")
    dialog.has_hear_back.setChecked(True)
    dialog.hear_back.setDate(QDate(2026, 11, 30))


def render(out: Path, size: tuple[int, int], wanted: set[str], dark: bool) -> list[Path]:
    from PySide6.QtWidgets import QApplication, QWidget

    from afterword.app import create_application
    from afterword.context import AppContext
    from afterword.core.demo import fill_demo
    from afterword.core.domain import Contact, Opportunity
    from afterword.core.store import Store
    from afterword.ui.dialogs.about import AboutDialog
    from afterword.ui.dialogs.debrief import DebriefDialog
    from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
    from afterword.ui.dialogs.print_checklist import PrintChecklistDialog
    from afterword.ui.main_window import MainWindow
    from afterword.ui.resources import app_icon

    app = create_application()
    app.setWindowIcon(app_icon())
    if dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    shutil.rmtree(SAMPLE_DB.parent, ignore_errors=True)
    SAMPLE_DB.parent.mkdir(parents=True)
    store = Store.open(SAMPLE_DB)
    fill_demo(store, NOW.date())
    schedule_sample_round(store)
    context = AppContext(store=store, db_path=SAMPLE_DB, clock=lambda: NOW)
    window = MainWindow(context)
    window.resize(*size)
    window.show()
    written: list[Path] = []

    def save(name: str, widget: QWidget) -> None:
        settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    for name, page in PAGES.items():
        if name not in wanted:
            continue
        window.show_page(page)
        if page == "people":  # the sample's most complete card
            dana = next(c for c in store.all(Contact) if c.name == "Dana Reyes")
            window.page("people").select_uid(dana.uid)
        save(name, window)

    def dialog_shot(name: str, build: Callable[[], QWidget], then: Callable | None = None) -> None:
        dialog = build()
        dialog.show()
        save(name, dialog)
        if then is not None:
            then(dialog)
        dialog.close()
        dialog.deleteLater()

    role = next(o for o in store.all(Opportunity) if o.title == "Regional Sales Manager")
    if wanted & {"debrief", "debrief-notes"}:
        def notes_page(dialog) -> None:
            if "debrief-notes" in wanted:
                dialog.propose()
                save("debrief-notes", dialog)

        def debrief() -> QWidget:
            dialog = DebriefDialog(context, window.hub, window, opportunity_uid=role.uid)
            fill_debrief(dialog)
            return dialog

        dialog = debrief()
        dialog.show()
        if "debrief" in wanted:
            save("debrief", dialog)
        notes_page(dialog)
        dialog.close()
    if "export-reminders" in wanted:
        dialog_shot("export-reminders", lambda: ExportRemindersDialog(
            context, window.hub, window, settings=window.settings))
    if "print-checklist" in wanted:
        dialog_shot("print-checklist", lambda: PrintChecklistDialog(context, window.hub, window))
    if "about" in wanted:
        dialog_shot("about", lambda: AboutDialog(context, window.hub, window))
    if "card-review" in wanted:
        dialog_shot("card-review", lambda: card_review(window, context))
    if "preferences-sync" in wanted:
        dialog_shot("preferences-sync", lambda: preferences(window, context, "sync"))
    more_shots(window, context, role, wanted, save, dialog_shot)
    if "brief" in wanted:
        written.append(brief_picture(out / "brief.png"))

    window.close()
    QApplication.processEvents()
    store.close()
    return written


def card_review(window, context):
    """New Person from Card on a corpus card, the cell number's words marked on the photo."""
    from afterword.core.cardread import read_card
    from afterword.core.merge import MatchIndex
    from afterword.ui.card_capture import photo_of
    from afterword.ui.dialogs.card_review import CardReviewDialog

    card = REPO / "tests" / "data" / "cards" / "card-01.jpg"
    reading = read_card(card, region="US")
    dialog = CardReviewDialog(reading, photo_of(card.read_bytes()), context.store,
                              MatchIndex.load(context.store, "US"), "US", window)
    dialog.editors["phone_cell"].setFocus()  # its words are marked on the photo when shown
    return dialog


def preferences(window, context, page: str):
    """Preferences as Edit ▸ Preferences opens it; on the Sync page, an account being
    typed in (none is kept: the window must not try to reach the example server)."""
    from afterword.ui.dialogs.preferences import PreferencesDialog
    from afterword.ui.dialogs.sync_preferences import SyncPage

    sync = SyncPage(context, window.settings)
    dialog = PreferencesDialog(window.settings, window, sync_page=sync)
    if page == "sync":
        sync.url.setText("https://cloud.example.com/remote.php/dav/")
        sync.user.setText("sam")
        sync.password.setText("app-password")
    dialog.show_page(page)
    return dialog


def more_shots(window, context, role, wanted: set[str], save, dialog_shot) -> None:
    """The dialogs and page states the README does not show, for looking at them."""
    from afterword.core.domain import Contact, FeedbackCall, Interview
    from afterword.core.store import Store
    from afterword.ui.dialogs.cadence import CadenceDialog
    from afterword.ui.dialogs.feedback_call import FeedbackCallDialog
    from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog
    from afterword.ui.dialogs.new_role import NewRoleDialog
    from afterword.ui.dialogs.schedule import ScheduleCallDialog

    store, hub = context.store, window.hub
    dana = next(c for c in store.all(Contact) if c.name == "Dana Reyes")
    calls = store.all(FeedbackCall)
    rounds = sorted(store.all(Interview), key=lambda i: i.start)
    if "feedback-call" in wanted and calls:
        dialog_shot("feedback-call", lambda: FeedbackCallDialog(context, hub, window, call=calls[0]))
    if "stay-in-touch" in wanted:
        dialog_shot("stay-in-touch", lambda: CadenceDialog(context, hub, window, contact_uid=dana.uid))
    if "follow-up-letter" in wanted and rounds:
        dialog_shot("follow-up-letter", lambda: FollowUpLetterDialog(
            context, hub, window, interview_uid=rounds[-1].uid))
    if "schedule-call" in wanted:
        dialog_shot("schedule-call", lambda: ScheduleCallDialog("Dana Reyes", NOW, window))
    if "preferences" in wanted:
        dialog_shot("preferences", lambda: preferences(window, context, "general"))
    if "import-contacts" in wanted:
        dialog_shot("import-contacts", lambda: import_preview(window, context))
    if "merge-people" in wanted:
        dialog_shot("merge-people", lambda: merge_people(window, context))
    if "restore-backup" in wanted:
        from afterword.ui.dialogs.restore_backup import RestoreBackupDialog

        dialog_shot("restore-backup", lambda: RestoreBackupDialog(
            [], str(window.safekeeping.folder()), window))
    if "print-brief" in wanted:
        from afterword.core.domain import Opportunity
        from afterword.ui.dialogs.print_brief import PrintBriefDialog

        scheduled = next(o for o in store.all(Opportunity) if o.title == SCHEDULED_ROLE)
        dialog_shot("print-brief", lambda: PrintBriefDialog(context, hub, window, role_uid=scheduled.uid))
    if "first-role" in wanted:
        dialog_shot("first-role", lambda: NewRoleDialog(
            [], window, title="Add Your First Role", accept_text="&Add and Debrief…"))
    if wanted & {"first-run", "read-only"}:
        empty = SAMPLE_DB.parent / "empty.db"
        Store.open(empty).close()
        if "first-run" in wanted and window.open_database(empty):
            window.show_page("today")
            save("first-run", window)
        if "read-only" in wanted and window.open_database(SAMPLE_DB.parent / "afterword.db"):
            SAMPLE_DB.chmod(0o444)
            try:
                window.read_only.check()
                window.show_page("people")
                window.page("people").select_uid(dana.uid)
                save("read-only", window)
            finally:
                SAMPLE_DB.chmod(0o600)
                window.read_only.check()


def import_preview(window, context):
    """File ▸ Import Contacts… on a phone's and LinkedIn's files, once the preview is read."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    from afterword.ui.dialogs.import_contacts import ImportContactsDialog

    files = REPO / "tests" / "data" / "contacts"
    dialog = ImportContactsDialog(context, [files / "apple-contacts.vcf",
                                            files / "linkedin-Connections.csv"], "US", window)
    deadline = QDeadlineTimer(20_000)
    while dialog.model.rowCount() == 0 and not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return dialog


def merge_people(window, context):
    """Edit ▸ Merge People… with nobody selected: the likely duplicates it suggests."""
    from afterword.core.domain import Contact
    from afterword.core.merge_people import suggested_pairs
    from afterword.ui.dialogs.merge_people import MergePeopleDialog

    store = context.store
    return MergePeopleDialog([], suggested_pairs(store, "US"), lambda uid: store.get(Contact, uid),
                             window)


SCHEDULED_ROLE = "Customer Success Manager"


def schedule_sample_round(store) -> None:
    """Bluebird's first round for the role applied to last week, on the calendar for
    Wednesday, so Today lists a round coming up ("read your brief")."""
    from afterword.core.domain import Format, Interview, Opportunity

    role = next(o for o in store.all(Opportunity) if o.title == SCHEDULED_ROLE)
    start = datetime(2026, 11, 25, 14, 0, tzinfo=ZoneInfo("America/Chicago"))
    store.put(Interview(role.uid, 1, start, "America/Chicago", Format.VIDEO))


def sample_card_photo(name: str, title: str, lines: tuple[str, ...]) -> bytes:
    """A photographed business card for the sample (drawn, so nobody's real card)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(700, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#d9d4c7"))  # the table it lies on
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#fbfaf6"))
    painter.setPen(QColor("#b9b3a5"))
    painter.drawRoundedRect(QRectF(30, 30, 640, 340), 10, 10)
    painter.fillRect(QRectF(30, 30, 18, 340), QColor("#1d3d5c"))
    painter.setPen(QColor("#1d3d5c"))
    painter.setFont(QFont("DejaVu Sans", 30, QFont.Weight.Bold))
    painter.drawText(QRectF(80, 70, 580, 60), Qt.AlignmentFlag.AlignLeft, name)
    painter.setPen(QColor("#333333"))
    painter.setFont(QFont("DejaVu Sans", 17))
    painter.drawText(QRectF(80, 128, 580, 40), Qt.AlignmentFlag.AlignLeft, title)
    painter.setFont(QFont("DejaVu Sans", 14))
    for i, line in enumerate(lines):
        painter.drawText(QRectF(80, 210 + i * 34, 580, 34), Qt.AlignmentFlag.AlignLeft, line)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(data.data())


def brief_picture(path: Path) -> Path:
    """The prep brief for the sample's Northwind round 3 (scheduled for Thursday,
    the hiring manager's card photographed), its first page drawn from the PDF."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QPageSize
    from PySide6.QtPdf import QPdfDocument

    from afterword.core.brief import build_brief
    from afterword.core.demo import fill_demo
    from afterword.core.domain import CardPhoto, Contact, Format, Interview, Opportunity
    from afterword.core.store import Store
    from afterword.ui.brief_printing import brief_pdf

    store = Store.memory()
    fill_demo(store, NOW.date())
    role = next(o for o in store.all(Opportunity) if o.title == "Regional Sales Manager")
    start = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    store.put(Interview(role.uid, 3, start, "America/Los_Angeles", Format.ON_SITE))
    people = {c.name: c for c in store.all(Contact)}
    for name, lines in (("Dana Reyes", ("Northwind Logistics", "+1 206 555 0142",
                                        "dana.reyes@northwind.example")),
                        ("Tom Becker", ("Northwind Logistics", "+1 206 555 0100"))):
        person = people[name]
        store.set_card_photo(person.uid, CardPhoto(sample_card_photo(name, person.title, lines)))
    data = brief_pdf(build_brief(store, role.uid, NOW), QPageSize(QPageSize.PageSizeId.A4))
    store.close()
    raw = QByteArray(data)
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    points = document.pagePointSize(0)
    scale = 1000 / points.width()  # a page 1000 px wide: readable in the README
    image = document.render(0, QSize(round(points.width() * scale), round(points.height() * scale)))
    image.save(str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNGs (default {OUT})")
    parser.add_argument("--size", default="1280x800", help="main window size, WIDTHxHEIGHT")
    parser.add_argument("--dark", action="store_true", help="dark Fusion palette (for checking)")
    parser.add_argument("--only", nargs="+", choices=ALL, metavar="NAME",
                        help=f"only these: {', '.join(ALL)}")
    parser.add_argument("--matrix", type=Path, metavar="DIR",
                        help="every page and dialog at both sizes, light and dark, into DIR")
    args = parser.parse_args(argv)
    if args.matrix is not None:
        return matrix(args.matrix, args.only)
    width, height = (int(v) for v in args.size.lower().split("x"))
    # Start from the window's defaults and leave the user's settings alone.
    config = tempfile.mkdtemp(prefix="afterword-screenshots-")
    os.environ["XDG_CONFIG_HOME"] = config
    sys.path.insert(0, str(REPO / "desktop"))
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        written = render(args.out, (width, height), set(args.only or README_SET), args.dark)
    finally:
        shutil.rmtree(config, ignore_errors=True)
    for path in written:
        print(path)
    return 0


def matrix(folder: Path, only: list[str] | None) -> int:
    """Each size and palette in a process of its own (a style is set before any widget),
    on a virtual screen of that size."""
    import subprocess

    for size, dark in MATRIX:
        out = folder / f"{size}-{'dark' if dark else 'light'}"
        # A screen of that size, so dialogs are sized as on such a laptop.
        screen = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24"] if shutil.which("xvfb-run") else []
        command = [*screen, "env", "QT_QPA_PLATFORM=xcb", sys.executable, __file__, "--out", str(out),
                   "--size", size, "--only", *(only or ALL), *(["--dark"] if dark else [])]
        if subprocess.run(command, check=False).returncode != 0:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
