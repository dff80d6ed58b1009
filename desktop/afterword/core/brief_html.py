"""The prep brief as rich text (the subset Qt's QTextDocument understands).

Built from the checklist's pieces: every piece of user text goes through `esc()`,
and the page is cut into sections (the heading, each part's title, each item) so
the printer keeps an item whole on one page. Card photos are referred to by
`brief.photo_name(uid)`; the printer hands the document those pictures itself,
from the database, and the document loads nothing else.
"""

from __future__ import annotations

from collections.abc import Collection

from afterword.core.brief import (
    Brief,
    ConcernItem,
    EarlierRound,
    PersonMet,
    QuestionItem,
    label,
    photo_name,
)
from afterword.core.checklist import format_day
from afterword.core.checklist_html import STYLE as CHECKLIST_STYLE
from afterword.core.checklist_html import Section, SectionKind, esc, wrap
from afterword.core.domain import ConcernKind, ConcernSize

# The open notes listed in the heading's box (the rest are counted).
MAX_NOTES_LISTED = 8
# Card photos are drawn this wide (in 1/96 inch, as rich text measures images).
PHOTO_WIDTH = 72

STYLE = CHECKLIST_STYLE + """
.kicker { color: #555555; font-size: 8pt; letter-spacing: 1px; }
.company { font-size: 13pt; }
.part { font-size: 12.5pt; font-weight: bold; color: #1d3d5c; }
.hint { color: #444444; font-style: italic; }
.sub { font-size: 10.5pt; font-weight: bold; }
.size { font-weight: bold; font-size: 8.5pt; }
.serious { color: #9a1c1c; font-weight: bold; font-size: 8.5pt; }
.said { color: #444444; }
.better { font-weight: bold; }
.tone { font-size: 11pt; font-weight: bold; }
.ask { font-size: 10.5pt; }
.small { font-size: 8.5pt; }
.gap { font-size: 6pt; }
.card { font-size: 8.5pt; }
"""

# Each part's title, and the line under it that says what to do with it.
PARTS = {
    "people": ("People you have met", "Greet each of them by name — the front desk too."),
    "known": ("People you know at {company}", "Nobody met in this process yet; these are known there."),
    "others": ("Also at {company}", "Known there, not met in this process yet."),
    "tone": ("Keep the same tone", ""),
    "overcome": ("Concerns to overcome",
                 "Something they did not know: re-explain it — targets, products, territory, tools, "
                 "job moves."),
    "quantify": ("Concerns to quantify",
                 "Something true: say why it is not a problem here, and ask how big it is."),
    "none": ("Concerns", ""),
    "unsorted": ("Concerns not sorted yet",
                 "Decide for each: a gap in what they know (overcome) or a true fact (quantify)."),
    "questions": ("Better answers to bring",
                  "The answers that nagged afterwards, and what to say this time."),
    "ask": ("Questions to ask", ""),
    "recurring": ("Across your search", "Concerns that keep coming back, at every company: have the "
                                        "answer ready."),
}


def part_title(brief: Brief, key: str) -> str:
    return PARTS[key][0].format(company=brief.company)


def sections(brief: Brief, photos: Collection[str] | None = None) -> list[Section]:
    """The heading, then each part: its title (a GROUP) and its items (ROWs).
    `photos`: the card photos the printer can show (default: every one)."""
    out = [Section(SectionKind.HEADING, heading_html(brief))]
    for group, (key, rows) in enumerate(_parts(brief, photos)):
        out.append(Section(SectionKind.GROUP, part_html(brief, key), group))
        out.extend(Section(SectionKind.ROW, row, group) for row in rows)
    return out


def _parts(brief: Brief, photos: Collection[str] | None = None) -> list[tuple[str, list[str]]]:
    """(part, its items) for each part that has something to say, in reading order."""
    shown = set(brief.photos) if photos is None else set(photos)
    parts: list[tuple[str, list[str]]] = [("tone", [tone_html(brief)])]
    if brief.people:
        parts.append(("people", _people_rows(brief.people, shown)))
    if brief.others:
        parts.append(("others" if brief.people else "known", _people_rows(brief.others, shown)))
    for kind, key in ((ConcernKind.TO_OVERCOME, "overcome"), (ConcernKind.TO_QUANTIFY, "quantify"),
                      (None, "unsorted")):
        parts.append((key, [concern_html(c) for c in brief.concerns_of(kind)]))
    if not brief.concerns:
        parts.append(("none", [_plain_row(
            "No concern was recorded in an earlier round. Ask the closing question, so that any "
            "doubt is said while you can still answer it.")]))
    parts.append(("questions", [question_html(q) for q in brief.questions]))
    parts.append(("ask", [ask_html(brief)]))
    parts.append(("recurring", [_recurring_html(brief)] if brief.recurring else []))
    return [part for part in parts if part[1]]


def render_html(brief: Brief) -> str:
    """The whole brief as one rich-text document."""
    return wrap("\n".join(s.html for s in sections(brief)), STYLE)


# -- the heading -----------------------------------------------------------------------

def heading_html(brief: Brief) -> str:
    facts = [f"Stage: {esc(label(brief.stage).lower())}"]
    if brief.target:
        facts.append(f"Target: {esc(brief.target)}")
    where = [esc(text) for text in (brief.website, _one_line(brief.address)) if text]
    rows = [_fact("NEXT ROUND", f"<span class='sub'>{esc(brief.next_round.describe())}</span>")]
    if brief.hear_back_by:
        passed = (" <span class='warn'>— passed: follow up with them</span>"
                  if brief.hear_back_by < brief.prepared_on else "")
        rows.append(_fact("HEAR BACK BY", esc(format_day(brief.hear_back_by)) + passed))
    if brief.next_steps:
        rows.append(_fact("NEXT STEPS", esc(brief.next_steps)))
    if brief.open_notes:
        rows.append(_fact("BEFORE YOU GO", _notes_html(brief)))
    return (
        f"<p class='kicker'>PREP BRIEF &#183; PRINTED {esc(format_day(brief.prepared_on).upper())}</p>"
        f"<h1>{esc(brief.role_title)}</h1>"
        f"<p class='company'>{esc(brief.company)}</p>"
        + (f"<p class='meta'>{' &#183; '.join(where)}</p>" if where else "")
        + f"<p class='meta'>{' &#183; '.join(facts)}</p>"
        "<table width='100%' cellspacing='0' cellpadding='6' "
        "style='margin-top: 8px; background-color: #eef3f8; border-color: #9fb3c8;' border='1'>"
        + "".join(rows) + "</table>"
    )


def _fact(name: str, value: str) -> str:
    return (f"<tr><td width='17%' valign='top'><span class='label'>{name}</span></td>"
            f"<td valign='top'>{value}</td></tr>")


def _one_line(text: str | None) -> str | None:
    return ", ".join(line.strip() for line in text.splitlines() if line.strip()) if text else None


def part_html(brief: Brief, key: str, continued: bool = False) -> str:
    title = part_title(brief, key) + (" (continued)" if continued else "")
    hint = PARTS[key][1]
    return (f"<p class='gap'>&#160;</p><p class='part'>{esc(title)}</p>"
            + (f"<p class='hint'>{esc(hint)}</p>" if hint and not continued else ""))


def continued_headings(brief: Brief) -> list[str]:
    """Each part's title again, for the top of the next page (by group)."""
    return [part_html(brief, key, continued=True) for key, _rows in _parts(brief)]


def _plain_row(text: str) -> str:
    return f"<p style='margin-top: 4px;'>{esc(text)}</p>"


# -- people ------------------------------------------------------------------------------

def _people_rows(people: tuple[PersonMet, ...], photos: set[str]) -> list[str]:
    """Two cards side by side per row: a row is never split, a pair reads at a glance."""
    return [_pair(people[i:i + 2], photos) for i in range(0, len(people), 2)]


def _pair(people: tuple[PersonMet, ...], photos: set[str]) -> str:
    cells = "".join(f"<td width='50%' valign='top'>{person_html(p, photo_name(p.uid) in photos)}</td>"
                    for p in people)
    if len(people) == 1:
        cells += "<td width='50%'></td>"
    return ("<table width='100%' cellspacing='2' cellpadding='4'><tr>" + cells + "</tr></table>")


def person_html(person: PersonMet, photo: bool = True) -> str:
    """A business card: photo (if any, and `photo`), name, title, role, numbers,
    what to remember."""
    lines = [f"<span class='name'>{esc(person.name)}</span>"]
    if person.title:
        lines.append(esc(person.title))
    about = [text for text in (person.role_label, person.met_at()) if text]
    if about:
        lines.append(f"<span class='label'>{esc(' · '.join(about).upper())}</span>")
    # A number is never cut in two: each stays whole, on the next line if need be.
    phones = [f"<span style='white-space: nowrap;'><span class='label'>{name}</span> {esc(value)}</span>"
              for name, value in (("DIRECT", person.phone_direct), ("CELL", person.phone_cell)) if value]
    if phones:
        lines.append(" &#160; ".join(phones))
    if person.email:
        lines.append(f"<span class='label'>EMAIL</span> {esc(person.email)}")
    if person.remember:
        lines.append(f"<span class='hint'>{esc(person.remember)}</span>")
    if person.is_front_desk:
        lines.append("<span class='small'>Greet them by name on the way in and on the way out.</span>")
    text = f"<span class='card'>{'<br>'.join(lines)}</span>"
    if person.photo is None or not photo:
        return text
    return ("<table cellspacing='0' cellpadding='0'><tr>"
            f"<td valign='top' style='padding-right: 6px;'><img src='{photo_name(person.uid)}' "
            f"width='{PHOTO_WIDTH}'></td><td valign='top'>{text}</td></tr></table>")


# -- tone --------------------------------------------------------------------------------

def tone_html(brief: Brief) -> str:
    rounds = brief.tones
    if not brief.rounds:
        return _plain_row("The first round: no tone to keep yet. Note the tone afterwards, and keep "
                          "it in every round that follows.")
    if not rounds:
        return _plain_row("No tone was noted in an earlier round. Whatever the tone of this one, "
                          "note it afterwards and keep it in the rounds that follow.")
    lines = "".join(f"<tr><td width='40%' valign='top'>{esc(r.describe())}</td>"
                    f"<td valign='top'><span class='tone'>“{esc(r.tone)}”</span>{_shift(r)}{_with(r)}"
                    "</td></tr>" for r in rounds)
    return ("<table width='100%' cellspacing='0' cellpadding='3' style='margin-top: 4px;'>"
            + lines + "</table>"
            f"<p style='margin-top: 4px;'><b>{esc(brief.tone_advice())}</b> Bring new stories of "
            "results, not pressure; never act as if the job were already yours.</p>")


def _shift(round_: EarlierRound) -> str:
    if not round_.tone_changed:
        return ""
    return " <span class='warn'>— a change of tone from the rounds before</span>"


def _with(round_: EarlierRound) -> str:
    if not round_.people:
        return ""
    return f"<br><span class='label'>WITH</span> <span class='small'>{esc(', '.join(round_.people))}</span>"


# -- concerns and answers --------------------------------------------------------------------

def concern_html(concern: ConcernItem) -> str:
    serious = concern.size in (ConcernSize.MAJOR, ConcernSize.DEAL_BREAKER)
    size = f"<span class='{'serious' if serious else 'size'}'>{esc(concern.size_label().upper())}</span>"
    response = (f"{esc(concern.response)}" if concern.response
                else "<i>no response noted — prepare one</i>")
    return (
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' "
        "style='border-color: #bbbbbb; margin-top: 3px;'><tr>"
        f"<td width='16%' valign='top'>{size}<br><span class='label'>ROUND {concern.round}</span></td>"
        f"<td valign='top'><span class='better'>{esc(concern.text)}</span><br>"
        f"<span class='label'>YOUR RESPONSE</span> <span class='said'>{response}</span></td>"
        "</tr></table>"
    )


def question_html(question: QuestionItem) -> str:
    said = esc(question.my_answer) if question.my_answer else "<i>not noted</i>"
    better = (f"<span class='better'>{esc(question.better_answer)}</span>" if question.better_answer
              else "<i>not noted yet — decide it before the round</i>")
    return (
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' "
        "style='border-color: #bbbbbb; margin-top: 3px;'><tr><td>"
        f"<span class='name'>{esc(question.question)}</span> "
        f"<span class='label'>ROUND {question.round}</span><br>"
        f"<span class='label'>YOU SAID</span> <span class='said'>{said}</span><br>"
        f"<span class='label'>SAY THIS TIME</span> {better}"
        "</td></tr></table>"
    )


def ask_html(brief: Brief) -> str:
    *others, closing = brief.to_ask
    items = "".join(f"<li>{esc(text)}</li>" for text in others)
    listed = f"<ul style='margin-top: 2px;'>{items}</ul>" if items else ""
    return (
        listed
        + "<table width='100%' cellspacing='0' cellpadding='6' border='1' "
        "style='margin-top: 4px; border-color: #9fb3c8; background-color: #eef3f8;'><tr><td>"
        "<span class='label'>BEFORE YOU LEAVE THE ROOM — ASK SOFTLY, THEN LISTEN</span><br>"
        f"<span class='ask'>“{esc(closing)}”</span><br>"
        "<span class='small'>Whatever they say: thank them, answer it if you can, and write it "
        "down afterwards.</span></td></tr></table>"
    )


def _notes_html(brief: Brief) -> str:
    """The thank-you notes still open, one a line, in the heading's box."""
    count = len(brief.open_notes)
    lines = [f"<span class='warn'>{count} thank-you note{'s' if count != 1 else ''} still open: "
             "send them before the round</span>"]
    for note in brief.open_notes[:MAX_NOTES_LISTED]:
        flag = "<span class='overdue'>OVERDUE</span> " if note.overdue else ""
        lines.append(f"<span class='small'>{flag}{esc(note.describe())}</span>")
    if count > MAX_NOTES_LISTED:
        lines.append(f"<span class='small'>and {count - MAX_NOTES_LISTED} more (Thank-you notes)</span>")
    return "<br>".join(lines)


def _recurring_html(brief: Brief) -> str:
    lines = []
    for item in brief.recurring:
        here = " — <b>raised here too</b>" if item.raised_here else ""
        at = f"{item.companies:,} compan{'y' if item.companies == 1 else 'ies'}"
        lines.append(f"<li>“{esc(item.text)}” <span class='label'>{item.times:,} ROUNDS, "
                     f"{esc(at.upper())}</span>{here}</li>")
    return f"<ul style='margin-top: 2px;'>{''.join(lines)}</ul>"
