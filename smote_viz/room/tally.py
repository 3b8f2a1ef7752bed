"""The class's answers to one question, counted for the teacher's screen.

A page that asks a question describes it with an ``Asked``: an id that every session on the same page, data,
settings and step shares; the options (for a choice) or the range (for a number); and the right answer, which
the teacher's screen shows only once it is revealed. Each student's page sends one small value per question: the
index of the option chosen, or the number guessed. Nothing else about the answer leaves the student's session.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

OPTION, NUMBER = "option", "number"
BINS = 10  # a guessed number is counted in this many equal bins of its range


@dataclass(frozen=True)
class Asked:
    """A question on screen. ``kind``: ``OPTION`` (an answer is an index into ``options``) or ``NUMBER`` (an answer
    is a number in ``[low, high]``). ``right``: the right option's index or the true number (None: no single
    right answer)."""

    id: str
    text: str
    kind: str
    options: tuple[str, ...] = ()
    right: float | None = None
    low: float = 0.0
    high: float = 1.0

    def valid(self, value) -> float | int | None:
        """``value`` as this question keeps it, or None when it is no answer to it (a forged or stale value)."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        try:
            if not math.isfinite(float(value)):
                return None
        except OverflowError:  # an integer too large for a float (a forged value)
            return None
        if self.kind == OPTION:
            return int(value) if float(value).is_integer() and 0 <= value < len(self.options) else None
        return float(value) if self.low <= value <= self.high else None


@dataclass(frozen=True)
class Tally:
    """The answers counted: one bar per option (or per bin of the range), how many students gave each, which bar
    holds the right answer (None until revealed), and in words."""

    labels: tuple[str, ...]
    counts: tuple[int, ...]
    right_bar: int | None
    answered: int
    summary: str


def _share(count: int, total: int) -> str:
    return f"{count} ({round(100 * count / total)} %)" if total else "0"


def tally(asked: Asked, answers: Sequence, *, revealed: bool) -> Tally:
    """Count ``answers`` (what the students sent; invalid ones are left out) to ``asked``."""
    kept = [v for v in (asked.valid(a) for a in answers) if v is not None]
    n = len(kept)
    if asked.kind == OPTION:
        counts = tuple(sum(1 for v in kept if v == i) for i in range(len(asked.options)))
        right = int(asked.right) if revealed and asked.right is not None else None
        labels = asked.options
        if not n:
            summary = "No answer yet."
        elif right is not None:
            summary = f"{_share(counts[right], n)} of {n} chose the right answer: {asked.options[right]}."
        else:
            top = int(np.argmax(counts))
            if counts.count(counts[top]) > 1:
                summary = f"{n} answered; no single answer leads."
            else:
                summary = f"{n} answered; the most chosen, by {_share(counts[top], n)}: {asked.options[top]}"
        return Tally(labels, counts, right, n, summary)
    edges = np.linspace(asked.low, asked.high, BINS + 1)
    bins = np.clip(np.searchsorted(edges, kept, side="right") - 1, 0, BINS - 1) if n else np.array([], int)
    counts = tuple(int((bins == b).sum()) for b in range(BINS))
    labels = tuple(f"{edges[b]:.1f}-{edges[b + 1]:.1f}" for b in range(BINS))
    right = None
    if revealed and asked.right is not None:
        right = int(np.clip(np.searchsorted(edges, asked.right, side="right") - 1, 0, BINS - 1))
    if not n:
        summary = "No guess yet."
    else:
        median = float(np.median(kept))
        summary = f"{n} guessed; the middle guess is {median:.2f}"
        if right is not None:
            within = sum(1 for v in kept if abs(v - float(asked.right)) <= 0.1)
            summary += f"; the true value is {float(asked.right):.2f}, and {_share(within, n)} guessed within 0.1 of it"
        summary += "."
    return Tally(labels, counts, right, n, summary)
