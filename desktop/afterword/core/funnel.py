"""Diagnose the search: per target, how far each process got and where it
stopped, and which concerns keep coming back across interviews."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from afterword.core.domain import Stage
from afterword.core.store import Store

NO_TARGET = "(no target)"
# A process that ended without an offer "stopped" where it was.
STOPPED = (Stage.REJECTED, Stage.WITHDRAWN)


@dataclass(frozen=True)
class Process:
    """One opportunity seen from the funnel."""

    opportunity_uid: str
    title: str
    company: str
    target: str
    stage: Stage
    furthest_round: int  # 0 when no round has taken place yet

    @property
    def stopped(self) -> bool:
        return self.stage in STOPPED

    def where(self) -> str:
        """'stopped after round 2 (rejected)', 'at round 1 (interviewing)'."""
        stage = self.stage.value.replace("_", " ")
        if not self.furthest_round:
            return f"{'stopped ' if self.stopped else ''}before any round ({stage})"
        if self.stopped:
            return f"stopped after round {self.furthest_round} ({stage})"
        return f"at round {self.furthest_round} ({stage})"


@dataclass
class TargetFunnel:
    target: str
    processes: list[Process] = field(default_factory=list)

    @property
    def deepest(self) -> int:
        return max((p.furthest_round for p in self.processes), default=0)

    def reached(self, round_number: int) -> int:
        """How many processes got at least to `round_number` (0: all of them)."""
        return sum(1 for p in self.processes if p.furthest_round >= round_number)

    def stopped_at(self, round_number: int) -> int:
        """How many stopped with `round_number` as their last round."""
        return sum(1 for p in self.processes if p.stopped and p.furthest_round == round_number)

    def open_at(self, round_number: int) -> int:
        return sum(1 for p in self.processes
                   if not p.stopped and p.stage != Stage.ACCEPTED
                   and p.furthest_round == round_number)

    def counts(self) -> list[tuple[int, int, int]]:
        """(round, reached, stopped there) from round 0 (all processes) to the deepest."""
        return [(r, self.reached(r), self.stopped_at(r)) for r in range(self.deepest + 1)]


def funnel(store: Store) -> list[TargetFunnel]:
    """One funnel per target, targets in name order, '(no target)' last."""
    rows = store.db.execute(
        """SELECT o.uid, o.title, co.name, o.target, o.stage,
                  coalesce((SELECT max(i.round) FROM interviews i WHERE i.opportunity_uid = o.uid), 0)
           FROM opportunities o JOIN companies co ON co.uid = o.company_uid
           ORDER BY co.name COLLATE NOCASE, o.title"""
    ).fetchall()
    by_target: dict[str, TargetFunnel] = {}
    for uid, title, company, target, stage, furthest in rows:
        name = (target or "").strip() or NO_TARGET
        by_target.setdefault(name, TargetFunnel(name)).processes.append(
            Process(uid, title, company, name, Stage(stage), int(furthest)))
    return sorted(by_target.values(), key=lambda f: (f.target == NO_TARGET, f.target.casefold()))


# -- recurring concerns ---------------------------------------------------------

_FILLER_WORDS = (
    "a an the and or but of in on at to for with without by from about above over under "
    "than more less no not any enough too very much many few little is are was were be been "
    "has have had my i me their they his her its it this that these those some"
)
_FILLER = frozenset(_FILLER_WORDS.split())


def concern_key(text: str) -> tuple[str, ...]:
    """The words that say what a concern is about, so that 'No enterprise deals
    above $500k' and 'no enterprise deal over 500K' group together."""
    words = re.findall(r"[^\W_]+", text.casefold())
    stems = []
    for word in words:
        if word in _FILLER:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        stems.append(word)
    return tuple(sorted(set(stems)))


@dataclass
class ConcernGroup:
    text: str  # the first wording seen
    interviews: set[str] = field(default_factory=set)
    companies: set[str] = field(default_factory=set)
    wordings: list[str] = field(default_factory=list)

    @property
    def times(self) -> int:
        return len(self.interviews)

    @property
    def recurring(self) -> bool:
        return self.times > 1


def concern_groups(store: Store) -> list[ConcernGroup]:
    """Concerns grouped by their normalised text, most frequent first."""
    groups: dict[tuple[str, ...], ConcernGroup] = defaultdict(lambda: ConcernGroup(""))
    # Every concern is read: a plain scan of the table, not one through its index in
    # interview order (which reads the table out of order; three times slower at 36,000).
    for text, interview_uid, company in store.db.execute(
        """SELECT c.text, c.interview_uid, co.name FROM interview_concerns c NOT INDEXED
           JOIN interviews i ON i.uid = c.interview_uid
           JOIN opportunities o ON o.uid = i.opportunity_uid
           JOIN companies co ON co.uid = o.company_uid
           ORDER BY i.start, c.position"""
    ).fetchall():
        key = concern_key(text) or (text.strip().casefold(),)
        group = groups[key]
        group.text = group.text or text.strip()
        group.interviews.add(interview_uid)
        group.companies.add(company)
        if text.strip() not in group.wordings:
            group.wordings.append(text.strip())
    return sorted(groups.values(), key=lambda g: (-g.times, g.text.casefold()))


def recurring_concerns(store: Store) -> list[ConcernGroup]:
    """Concerns raised in more than one interview."""
    return [g for g in concern_groups(store) if g.recurring]
