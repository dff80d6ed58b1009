"""The checklist as rich text (the subset Qt's QTextDocument understands).

Every piece of user text goes through `esc()`, so a name such as
`<img src="file:///etc/passwd">` prints as those characters and never becomes a tag.
The document is cut into sections (heading, group, row) so that the printer can
keep each row whole on one page; `render_html` joins them for a single view.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from afterword.core.checklist import Checklist, ChecklistGroup, ChecklistRow, format_day
from afterword.core.domain import Medium

TICKED, UNTICKED = "\u2611", "\u2610"  # ☑ ☐ — glyphs, since rich text drops <input>

STYLE = """
h1 { font-size: 17pt; font-weight: bold; margin: 0; }
p { margin: 0; }
.meta { color: #444444; }
.warn { color: #9a1c1c; }
.group { font-size: 12.5pt; font-weight: bold; }
.name { font-size: 11.5pt; font-weight: bold; }
.label { color: #555555; font-size: 8.5pt; }
.due { font-weight: bold; }
.overdue { color: #b00020; font-weight: bold; }
.box { font-size: 13pt; }
.missing { color: #b00020; font-style: italic; }
"""


class SectionKind(StrEnum):
    HEADING = "heading"
    EMPTY = "empty"
    GROUP = "group"
    ROW = "row"


@dataclass(frozen=True)
class Section:
    """One piece printed whole: never split across two pages."""

    kind: SectionKind
    html: str
    group: int | None = None  # index of the group a GROUP or ROW section belongs to


def esc(text: str | None) -> str:
    """User text as rich text: every markup character escaped, line breaks kept."""
    return html.escape(text or "", quote=True).replace("\n", "<br>")


def sections(checklist: Checklist, printed_on: date | None = None) -> list[Section]:
    """The heading, then per interview a group heading and one section per note."""
    out = [Section(SectionKind.HEADING, heading_html(checklist, printed_on))]
    if checklist.is_empty:
        out.append(Section(SectionKind.EMPTY, empty_html(checklist)))
        return out
    for index, group in enumerate(checklist.groups):
        out.append(Section(SectionKind.GROUP, group_html(group), index))
        out.extend(Section(SectionKind.ROW, row_html(row), index) for row in group.rows)
    return out


def render_html(checklist: Checklist, printed_on: date | None = None) -> str:
    """The whole checklist as one rich-text document."""
    body = "\n".join(s.html for s in sections(checklist, printed_on))
    return wrap(body)


def wrap(body: str, style: str = STYLE) -> str:
    return f"<html><head><style>{style}</style></head><body>{body}</body></html>"


def heading_html(checklist: Checklist, printed_on: date | None = None) -> str:
    lines = [
        "<h1>Thank-you notes to write</h1>",
        f"<p class='meta'>Due by {esc(checklist.period())}"
        + (f" &#183; printed {esc(format_day(printed_on))}" if printed_on else "")
        + "</p>",
    ]
    if not checklist.is_empty:
        lines.append(f"<p>{esc(checklist.summary())}</p>")
    if checklist.since != checklist.until:
        lines.append(f"<p class='meta'>Notes due before {esc(format_day(checklist.since))} "
                     "are marked overdue.</p>")
    lines.extend(f"<p class='warn'>{esc(problem)}</p>" for problem in checklist.problems)
    return "".join(lines) + "<p>&#160;</p>"


def empty_html(checklist: Checklist) -> str:
    return (
        "<p>&#160;</p><p style='font-size: 20pt; font-weight: bold;'>Nothing to write</p>"
        f"<p>No thank-you note is waiting to be written on or before "
        f"{esc(format_day(checklist.until))}. Notes due later appear here on their day.</p>"
    )


def group_html(group: ChecklistGroup, continued: bool = False) -> str:
    more = " (continued)" if continued else ""
    count = len(group.rows)
    return (
        f"<p>&#160;</p><p class='group'>{esc(group.heading())}{more}</p>"
        f"<p class='meta'>{count} note{'s' if count != 1 else ''} for this round</p>"
    )


def row_html(row: ChecklistRow) -> str:
    """One note: who, where to post it, when, what to say, and the boxes to tick."""
    return (
        "<table width='100%' cellspacing='0' cellpadding='5' border='1' "
        "style='border-color: #888888; margin-top: 6px;'>"
        "<tr>"
        f"<td width='31%' valign='top'>{_who(row)}</td>"
        f"<td width='35%' valign='top'>{_address(row)}</td>"
        f"<td width='34%' valign='top'>{_when(row)}{_boxes(row)}</td>"
        "</tr>"
        f"<tr><td colspan='3'>{_points(row)}</td></tr>"
        "</table>"
    )


def _who(row: ChecklistRow) -> str:
    cls = "name missing" if row.contact_missing else "name"
    parts = [f"<span class='{cls}'>{esc(row.recipient)}</span>"]
    parts.extend(esc(text) for text in (row.title, row.company) if text)
    if row.role_label:
        parts.append(f"<span class='label'>ROLE</span> {esc(row.role_label)}")
    return "<br>".join(parts)


def _address(row: ChecklistRow) -> str:
    if row.has_address:
        lines = "<br>".join(esc(line) for line in row.address_lines)
        return f"<span class='label'>POST TO</span><br>{lines}"
    reason = "contact missing" if row.contact_missing else "no mailing address"
    text = f"<span class='label'>POST TO</span><br><span class='missing'>{reason}</span>"
    if row.email and not row.contact_missing:
        text += f"<br><span class='label'>EMAIL</span> {esc(row.email)}"
    return text


def _when(row: ChecklistRow) -> str:
    due = (f"<span class='overdue'>OVERDUE</span> &#183; due {esc(format_day(row.due))}"
           if row.overdue else f"<span class='due'>Due {esc(format_day(row.due))}</span>")
    medium = "by email" if row.medium == Medium.EMAIL else row.medium.value
    lines = [due, f"<span class='label'>{esc(medium.upper())} &#183; "
                  f"{esc(row.status.value.replace('_', ' ').upper())}</span>"]
    if row.interview:
        i = row.interview
        follows = " — ".join(p for p in (i.company, i.role_title) if p)
        lines.append(f"<span class='label'>FOLLOWS</span> {esc(follows)}, round {i.round}, "
                     f"{esc(format_day(i.day))}")
    return "<br>".join(lines) + "<br>"


def _boxes(row: ChecklistRow) -> str:
    marks = [f"<span class='box'>{TICKED if box.ticked else UNTICKED}</span>&#160;{box.step}"
             for box in row.boxes]
    return "&#160;&#160; ".join(marks)


def _points(row: ChecklistRow) -> str:
    parts = [f"<span class='label'>POINTS TO MENTION</span><br>"
             f"{esc(row.points) if row.points else '<i>none noted</i>'}"]
    if row.better_answer:
        parts.append(f"<span class='label'>BETTER ANSWER</span><br>{esc(row.better_answer)}")
    return "<br>".join(parts)
