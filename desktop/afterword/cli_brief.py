"""`afterword brief`: the prep brief for a role's next round, as a PDF."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from afterword.core.output_paths import check_export_path
from afterword.core.store import Store
from afterword.core.terminal import printable

Command = Callable[..., argparse.ArgumentParser]


def cmd_brief(args: argparse.Namespace, open_existing: Callable[[argparse.Namespace], Store],
              start_qt: Callable[[], object]) -> int:
    from afterword.core.brief import DEFAULT_CLOSING_QUESTION, build_brief  # not on every start

    store = open_existing(args)
    try:
        check_export_path(args.pdf)  # never over the database, before any work
        # The window's Preferences may reword the closing question; here it is the default.
        brief = build_brief(store, args.opportunity, datetime.now().astimezone(),
                            closing_question=DEFAULT_CLOSING_QUESTION)
    finally:
        store.close()
    _app = start_qt()  # noqa: F841 (kept alive while painting)
    from afterword.ui.brief_printing import brief_pdf
    from afterword.ui.printing import page_size_for, save_pdf

    written = save_pdf(brief_pdf(brief, page_size_for()), Path(args.pdf))
    print(printable(f"{brief.heading()}: {brief.summary()} — wrote {written}"))
    return 0


def register(command: Command, open_existing: Callable[[argparse.Namespace], Store],
             start_qt: Callable[[], object]) -> None:
    """Add `brief` to the parser (through cli.build_parser's `command` helper)."""
    p = command("brief", lambda args: cmd_brief(args, open_existing, start_qt),
                "print the prep brief for a role's next round to PDF",
                "Write the page to read before a role's next round as a PDF: the role and "
                "company, the round and when (if scheduled), everyone met so far with their "
                "numbers, the tone of earlier rounds, every concern with your response, the "
                "better answers, questions to ask (the soft closing question always), "
                "thank-you notes still open and the hear-back date. The same file as the "
                "window's Print Prep Brief… ▸ Save PDF.")
    p.add_argument("--opportunity", required=True, metavar="UID",
                   help="the role's uid (as in 'afterword export')")
    p.add_argument("--pdf", required=True, metavar="F.pdf", help="the file to write")
