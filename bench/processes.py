"""Timing whole processes: wall time, CPU time (user + system of the child, all
its threads) and peak memory, from the kernel's own accounting (wait4), for runs
interleaved between the things compared so that a busy moment hits them alike."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss_mb: float  # peak resident set
    out: str


@dataclass
class Runs:
    runs: list[Run] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(r, what) for r in self.runs)

    @property
    def out(self) -> list[str]:
        return [r.out for r in self.runs]


class ProcessFailed(RuntimeError):
    pass


def run(cmd: Sequence[str], env: dict[str, str] | None = None, *,
        before: Callable[[], None] | None = None) -> Run:
    """Run `cmd` to the end; its standard output is kept, its errors shown on failure."""
    if before is not None:
        before()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(list(cmd), env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise ProcessFailed(f"{' '.join(cmd)} exited {child.returncode}: "
                                f"{err.read().decode(errors='replace')[-2000:]}")
        text = out.read().decode(errors="replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


@dataclass(frozen=True)
class Subject:
    name: str
    cmd: Sequence[str]
    before: Callable[[], None] | None = None  # e.g. remove the previous run's output


def interleaved(subjects: Sequence[Subject], runs: int, env: dict[str, str] | None = None,
                ) -> dict[str, Runs]:
    """`runs` timed runs of each subject, taking turns (A B C A B C …), after one
    untimed warm-up each (bytecode and the disk cache ready, as on a second start)."""
    for s in subjects:
        run(s.cmd, env, before=s.before)
    results = {s.name: Runs() for s in subjects}
    for _ in range(runs):
        for s in subjects:
            results[s.name].runs.append(run(s.cmd, env, before=s.before))
    return results


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]
