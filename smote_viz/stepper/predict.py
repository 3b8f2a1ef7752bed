"""Predict, then reveal: the question asked before each reveal, how an answer is read, and how it is scored.

In predict-first mode the stepper asks, one phase before each reveal:

- at phase 1 (the seed is known): which k points are its nearest neighbours? (revealed at phase 2);
- at phase 2 (the neighbours are known): which one will be chosen? (revealed at phase 3);
- at phase 3 (the chosen neighbour is known): where on the segment will x_new land? (revealed at phase 4);

and Borderline-SMOTE's step 0 asks which minority points are in danger before the vote is drawn. Points are
answered by selecting them on the figure; the gap with a slider. Everything here is pure: the page only reads
the learner's selection into an ``Answer`` and renders the ``Question`` and the ``Verdict``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from smote_viz.room.tally import NUMBER, OPTION, Asked
from smote_viz.smote import SmoteTrace
from smote_viz.stepper.narration import class_text, ordinal, split_position
from smote_viz.style import plural

NEIGHBOURS, CHOSEN, GAP, DANGER = "neighbours", "chosen", "gap", "danger"
ON_FIGURE = ("points", "box", "lasso")  # Plotly selection modes a learner may use to pick points
SELECT_HOW = "click a point (shift-click to add more), or drag a box or a lasso around several"


@dataclass(frozen=True)
class Question:
    """What the narration asks before a reveal. ``selection``: how the figure takes the answer (Plotly selection
    modes), or empty when a slider beside the figure takes it (the gap)."""

    kind: str
    position: int
    text: str
    how: str
    selection: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The learner's answer to the question asked at ``position``: picked data rows, or a value (the gap)."""

    kind: str
    position: int
    rows: tuple[int, ...] = ()
    value: float | None = None


@dataclass(frozen=True)
class Verdict:
    """The reveal's judgement of an answer: a headline ("4 of your 5 were right") and a sentence that teaches.
    ``right`` and ``asked`` are the counts behind the headline (for points; for the gap, ``error`` is the
    distance from the guess to the drawn λ along the segment)."""

    headline: str
    detail: str
    answered: bool
    right: int = 0
    asked: int = 0
    error: float | None = None

    def markdown(self) -> str:
        return f"**{self.headline}** {self.detail}".strip()


def question_at(trace: SmoteTrace, position: int) -> Question | None:
    """The question the narration asks at ``position`` (its answer is revealed at ``position + 1``), if any."""
    i, phase = split_position(position)
    if i is None or phase == 4:
        return None
    k = trace.k_neighbors
    label = trace.step_class[i]
    if phase == 1:
        return Question(
            NEIGHBOURS, position,
            f"**Predict:** which {plural(k, 'point')} of {class_text(label)} are the nearest neighbours of the seed x_i?",
            f"Select {k} on the figure: {SELECT_HOW}.", ON_FIGURE,
        )
    if phase == 2:
        return Question(
            CHOSEN, position,
            f"**Predict:** which of the {k} neighbours will be chosen?",
            "Click one of the numbered neighbours on the figure.", ON_FIGURE,
        )
    return Question(
        GAP, position,
        "**Predict:** where on the segment from x_i to x_zi will x_new land?",
        "Set λ with the slider: 0 is the seed x_i, 1 is the chosen neighbour x_zi.",
    )


def danger_question(position: int, m: int) -> Question:
    """Borderline-SMOTE's step 0: which minority points does the m-neighbour vote put in danger?"""
    return Question(
        DANGER, position,
        "**Predict:** which minority points are **in danger**?",
        f"A point is in danger when at least half, but not all, of its m = {m} nearest neighbours (any class) "
        f"belong to another class. Select them on the figure: {SELECT_HOW}.", ON_FIGURE,
    )


def rows_at(points: Sequence[tuple[float, float]], X: np.ndarray, candidates: Sequence[int]) -> tuple[int, ...]:
    """The candidate rows under the selected points, matched by their coordinates (a figure draws float32, so the
    match allows float32 rounding). Points that sit on no candidate (a synthetic point, another class) are
    ignored; each row counts once, in ascending order."""
    candidates = np.asarray(list(candidates), dtype=np.int64)
    if len(candidates) == 0 or len(points) == 0:
        return ()
    X = np.asarray(X, dtype=np.float64)
    pool = X[candidates]
    scale = float(np.max(np.abs(X))) if X.size else 1.0
    tolerance = 1e-5 * max(scale, 1.0)
    found = set()
    for x, y in points:
        if x is None or y is None:
            continue
        d = np.hypot(pool[:, 0] - float(x), pool[:, 1] - float(y))
        nearest = int(np.argmin(d))
        if d[nearest] <= tolerance:
            found.add(int(candidates[nearest]))
    return tuple(sorted(found))


def candidate_rows(trace: SmoteTrace, question: Question) -> tuple[int, ...]:
    """The rows a learner may pick for ``question``: every other point of the seed's class for the neighbours
    (every other point when the run's neighbours may come from any class), the k neighbours for the chosen one."""
    i, _ = split_position(question.position)
    if i is None:
        return ()
    seed = int(trace.seed_index[i])
    if question.kind == CHOSEN:
        return tuple(int(r) for r in trace.neighbor_indices[i])
    if question.kind != NEIGHBOURS:
        return ()
    y = np.asarray(trace.y)
    same = y == trace.step_class[i]
    if not np.all(same[trace.neighbor_indices[i]]):
        same = np.ones_like(same, dtype=bool)  # a run whose neighbours come from any class (Borderline-2)
    rows = np.flatnonzero(same)
    return tuple(int(r) for r in rows if r != seed)


def _ranks(trace: SmoteTrace, i: int, rows: Sequence[int], pool: Sequence[int]) -> dict[int, int]:
    """Each of ``rows``' rank by distance from seed ``i`` among ``pool`` (1 = nearest)."""
    X = np.asarray(trace.X, dtype=np.float64)
    seed = X[trace.seed_index[i]]
    pool = np.asarray(list(pool), dtype=np.int64)
    d = np.hypot(*(X[pool] - seed).T)
    order = pool[np.argsort(d, kind="stable")]
    rank = {int(r): n + 1 for n, r in enumerate(order)}
    return {int(r): rank[int(r)] for r in rows if int(r) in rank}


def score(trace: SmoteTrace, question: Question, answer: Answer | None, *,
          gap_range: tuple[float, float] = (0.0, 1.0)) -> Verdict:
    """The reveal's verdict on ``answer`` to ``question`` (asked at ``question.position`` of ``trace``).

    ``gap_range``: the interval λ is drawn from (Borderline-2 draws from [0, 0.5) toward another class)."""
    i, _ = split_position(question.position)
    k = trace.k_neighbors
    if question.kind == NEIGHBOURS:
        truth = [int(r) for r in trace.neighbor_indices[i]]
        picked = [r for r in (answer.rows if answer else ()) if r != int(trace.seed_index[i])]
        if not picked:
            return Verdict("No prediction.", f"The {k} nearest are circled and numbered 1 to {k}, nearest first.",
                           False, 0, k)
        right = len(set(picked) & set(truth))
        wrong = [r for r in picked if r not in truth]
        if len(picked) == k:
            headline = f"{right} of your {k} were right."
        else:
            headline = f"{right} of the {plural(len(picked), 'point')} you picked {'is' if right == 1 else 'are'} " \
                       f"among the {k} nearest."
        ranks = _ranks(trace, i, wrong, candidate_rows(trace, question))
        detail = ""
        if wrong:
            shown = "; ".join(f"row {r} is only the {ordinal(ranks[r])} nearest" for r in wrong[:3] if r in ranks)
            detail = f"Your {shown}. " if shown else ""
        missed = len(set(truth) - set(picked))
        if missed:
            detail += f"You missed {plural(missed, 'neighbour')}; the {k} nearest are circled and numbered 1 to {k}."
        elif right == k:
            detail += "Nearness is measured in straight lines, within the seed's class."
        return Verdict(headline, detail.strip(), True, right, max(len(picked), k))
    if question.kind == CHOSEN:
        truth = int(trace.chosen_index[i])
        rank = int(trace.chosen_rank[i])
        neighbours = [int(r) for r in trace.neighbor_indices[i]]
        picked = [r for r in (answer.rows if answer else ()) if r in neighbours]
        chance = f"Each of the {k} neighbours had the same chance, 1/{k}: a guess is right one time in {k}, " \
                 "whatever the reasoning."
        if not picked:
            return Verdict("No prediction.", f"The draw chose neighbour {rank}. {chance}", False, 0, 1)
        names = ", ".join(str(neighbours.index(r) + 1) for r in picked)
        if truth in picked and len(picked) == 1:
            return Verdict("Right, by luck.", f"You picked neighbour {names} and the draw chose it. {chance}",
                           True, 1, 1)
        return Verdict(
            "1 of your picks was right." if truth in picked else "Not this time.",
            f"You picked neighbour{'s' if len(picked) > 1 else ''} {names}; the draw chose neighbour {rank}. {chance}",
            True, int(truth in picked), len(picked),
        )
    if question.kind == GAP:
        gap = float(trace.gap[i])
        lo, hi = gap_range
        uniform = f"λ is drawn uniformly from [{lo:g}, {hi:g}): every spot on that part of the segment is equally likely."
        if answer is None or answer.value is None:
            return Verdict("No prediction.", f"The draw gave λ = {gap:.4f}. {uniform}", False)
        error = abs(float(answer.value) - gap)
        close = "Close." if error <= 0.1 else "Off by a fair way." if error <= 0.3 else "Far off."
        return Verdict(
            close, f"You said λ = {float(answer.value):.2f}; the draw gave λ = {gap:.4f}, {error:.2f} of the segment "
                   f"away. {uniform}", True, int(error <= 0.1), 1, error,
        )
    raise ValueError(f"score() takes the stepper's questions; use score_danger for {question.kind!r}")


def score_danger(rows: Sequence[int], category: Sequence[str], answer: Answer | None) -> Verdict:
    """The verdict on the danger question: ``rows`` are the minority rows the vote classified, ``category`` each
    one's class ("danger", "noise" or "safe")."""
    rows = [int(r) for r in rows]
    category = [str(c) for c in category]
    kind = dict(zip(rows, category, strict=True))
    danger = {r for r, c in kind.items() if c == "danger"}
    picked = [r for r in (answer.rows if answer else ()) if r in kind]
    if not picked:
        return Verdict("No prediction.", f"{plural(len(danger), 'point is', 'points are')} in danger: the black "
                                         "diamonds.", False, 0, len(danger))
    right = sum(1 for r in picked if r in danger)
    others = [kind[r] for r in picked if r not in danger]
    wrong = ""
    if others:
        parts = [f"{others.count(c)} {c}" for c in ("safe", "noise") if others.count(c)]
        wrong = f" The other {len(others)} {'is' if len(others) == 1 else 'are'} " + " and ".join(parts) + "."
    return Verdict(
        f"{right} of your {len(picked)} {'was' if len(picked) == 1 else 'were'} right.",
        f"You found {right} of the {plural(len(danger), 'danger point')}.{wrong} Danger points are the black diamonds.",
        True, right, len(picked),
    )


# ----- the class's view of a question (class mode) ----------------------------------------------------------------

def class_question(trace: SmoteTrace, question: Question, run_id: str) -> Asked | None:
    """``question`` as the class counts it: the id every session on the same run and step shares, its options
    (how many of the k neighbours found; which neighbour the draw chooses) or range (λ), and the right answer."""
    i, _ = split_position(question.position)
    k = trace.k_neighbors
    qid = f"stepper:{run_id}:{question.position}"
    if question.kind == NEIGHBOURS:
        return Asked(qid, f"How many of the {k} nearest neighbours did each student find?", OPTION,
                     tuple(f"{n} of {k}" for n in range(k + 1)), right=k)
    if question.kind == CHOSEN:
        return Asked(qid, "Which neighbour will the draw choose, the class predicted:", OPTION,
                     (*(f"neighbour {n}" for n in range(1, k + 1)), "not a neighbour"),
                     right=int(trace.chosen_rank[i]) - 1)
    if question.kind == GAP:
        return Asked(qid, "Where the class guessed x_new lands (λ, from x_i at 0 to x_zi at 1):", NUMBER,
                     right=float(trace.gap[i]))
    return None


def class_answer(trace: SmoteTrace, question: Question, answer: Answer | None) -> int | float | None:
    """A student's ``answer`` as the class counts it (``class_question``): neighbours found, the index of the
    neighbour picked (k: not a neighbour), or λ; None for no answer."""
    if answer is None:
        return None
    i, _ = split_position(question.position)
    if question.kind == NEIGHBOURS:
        verdict = score(trace, question, answer)
        return verdict.right if verdict.answered else None
    if question.kind == CHOSEN:
        if not answer.rows:
            return None
        neighbours = [int(r) for r in trace.neighbor_indices[i]]
        first = int(answer.rows[0])
        return neighbours.index(first) if first in neighbours else len(neighbours)
    if question.kind == GAP:
        return answer.value
    return None
