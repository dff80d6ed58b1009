"""The follow-up letter: an email body that thanks, restates interest, and can
carry the better answer to one question and a response to one raised concern.

The wording lives in resources/templates/follow_up/ so it can be edited without
touching code. Values are put in as plain text in one pass, so a `$` or a brace
that the user typed is never read as part of the template.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from afterword.core.domain import Company, ConcernKind, Contact, Interview, Opportunity
from afterword.core.errors import AfterwordError
from afterword.core.files import write_private
from afterword.core.rules import local_date
from afterword.core.store import Store
from afterword.paths import resource

TEMPLATE_DIR = ("templates", "follow_up")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TemplateMissing(AfterwordError):
    """A letter template is not where the app was installed."""


class TemplateBroken(AfterwordError):
    """A letter template was edited into one that cannot be filled in."""


def _fill(name: str, **values: str) -> str:
    """The template `name` with `values` put in; a clear error naming the file when
    it is missing or an edit left an unknown or malformed $placeholder."""
    path = resource(*TEMPLATE_DIR, f"{name}.txt")
    try:
        template = string.Template(path.read_text(encoding="utf-8"))
    except OSError:
        raise TemplateMissing(f"the letter template {path} is missing; reinstall Afterword") from None
    except UnicodeDecodeError:
        raise TemplateBroken(f"the letter template {path} is not UTF-8 text") from None
    try:
        return template.substitute(values)
    except KeyError as exc:
        known = ", ".join(f"${key}" for key in values)
        raise TemplateBroken(f"the letter template {path} has an unknown placeholder "
                             f"${exc.args[0]} (it may use: {known}; write $$ for a dollar sign)") from None
    except ValueError:
        raise TemplateBroken(f"the letter template {path} has a $ that starts no placeholder "
                             "(write $$ for a dollar sign)") from None


def plain(text: str | None) -> str:
    """User text made safe to place in a letter: no control characters, no
    trailing spaces, line ends normalised."""
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _sentence(text: str) -> str:
    text = plain(text)
    return text if not text or text[-1] in ".!?…" else text + "."


@dataclass(frozen=True)
class LetterChoice:
    """What the user picked in the form: indexes into the round's lists."""

    recipient_uid: str | None = None
    question_index: int | None = None
    concern_index: int | None = None
    sender: str | None = None


def compose_follow_up(store: Store, interview: Interview, choice: LetterChoice) -> str:
    """The letter's text for one round, as the user chose it."""
    opportunity = store.get(Opportunity, interview.opportunity_uid)
    company = store.get(Company, opportunity.company_uid) if opportunity else None
    recipient = store.get(Contact, choice.recipient_uid) if choice.recipient_uid else None
    day = local_date(interview.start, interview.timezone)
    better = ""
    if choice.question_index is not None:
        question = interview.questions[choice.question_index]
        answer = question.better_answer or question.my_answer or ""
        better = _fill(
            "better_answer",
            question=plain(question.question).rstrip("?") + "?",
            better_answer=_sentence(answer),
        )
    concern_text = ""
    if choice.concern_index is not None:
        concern = interview.concerns[choice.concern_index]
        name = {ConcernKind.TO_OVERCOME: "concern_to_overcome",
                ConcernKind.TO_QUANTIFY: "concern_to_quantify"}.get(concern.kind, "concern")
        concern_text = _fill(
            name, concern=plain(concern.text).rstrip("."), response=_sentence(concern.response or ""),
        )
    return _fill(
        "letter",
        recipient=plain(recipient.name.split()[0] if recipient else "") or "Hiring team",
        round_day=f"{day:%A}, {day.day} {day:%B}",
        role=plain(opportunity.title if opportunity else "the"),
        company=plain(company.name if company else "your company"),
        better_answer=better,
        concern=concern_text,
        sender=plain(choice.sender) or "",
    ).rstrip() + "\n"


def save_letter(text: str, path: Path) -> None:
    """Write the letter as UTF-8 text; a clear error if the place is not writable."""
    write_private(path, text.encode("utf-8"))
