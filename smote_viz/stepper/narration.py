"""Words and numbers for every phase of a SMOTE run: what the stepper figure shows, as text.

A run of ``n`` synthetic points has ``4 n + 1`` positions. Position 0 is the data before SMOTE; position
``p >= 1`` is phase ``(p - 1) % 4 + 1`` of synthetic point ``(p - 1) // 4``:
1 the seed is picked, 2 its k nearest neighbours of the same class are found, 3 one of them is chosen,
4 the new point is placed on the segment at gap lambda.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from smote_viz.smote import PHASE_NAMES, PHASES_PER_POINT, SmoteTrace
from smote_viz.style import escape_markdown, label_text


def position_count(trace: SmoteTrace) -> int:
    """Number of positions of a run: the start plus four phases per synthetic point."""
    return PHASES_PER_POINT * trace.n_new + 1


def split_position(position: int) -> tuple[int | None, int]:
    """``(synthetic point index, phase 1..4)`` for a position, or ``(None, 0)`` for the start."""
    if position <= 0:
        return None, 0
    return (position - 1) // PHASES_PER_POINT, (position - 1) % PHASES_PER_POINT + 1


def clamp_position(position: int, trace: SmoteTrace) -> int:
    return int(min(max(int(position), 0), position_count(trace) - 1))


def fmt(value: float, digits: int = 3) -> str:
    text = f"{float(value):.{digits}f}"
    return "0." + "0" * digits if text == "-0." + "0" * digits else text


def point_text(point: Sequence[float], digits: int = 3) -> str:
    return "(" + ", ".join(fmt(v, digits) for v in point) + ")"


def class_text(label: object) -> str:
    return f"class {escape_markdown(label_text(label))}"


def formula_text(trace: SmoteTrace, i: int, digits: int = 3) -> str:
    """x_new = x_i + lambda (x_zi - x_i) with the numbers of synthetic point ``i`` substituted."""
    X = trace.X
    seed = X[trace.seed_index[i]]
    chosen = X[trace.chosen_index[i]]
    new = trace.new_points[i]
    lam = trace.gap[i]
    text = (
        f"x_new = x_i + λ·(x_zi − x_i) = {point_text(seed, digits)} + {lam:.4f} × "
        f"({point_text(chosen, digits)} − {point_text(seed, digits)})"
    )
    if np.issubdtype(X.dtype, np.integer):
        # imbalanced-learn casts the result back to the integer type: truncation toward zero (issue #1093).
        exact = seed + trace.gap[i] * (chosen.astype(np.float64) - seed)
        return text + f" = {point_text(exact, digits)}, truncated to the integers {point_text(new, 0)}"
    return text + f" = {point_text(new, digits)}"


def plan_text(trace: SmoteTrace) -> str:
    """What the run will do: new points per class, in the order imbalanced-learn processes the classes."""
    parts = []
    for label, n_new in trace.sampling_strategy.items():
        size = int(np.sum(trace.y == label))
        parts.append(f"{class_text(label)}: {size} → {size + n_new} (+{n_new})")
    return "; ".join(parts)


def narrate(trace: SmoteTrace, position: int, feature_names: Sequence[str] = ("x1", "x2")) -> str:
    """Markdown narration of one position, with its numbers. User text (labels, names) is escaped."""
    position = clamp_position(position, trace)
    i, phase = split_position(position)
    k = trace.k_neighbors
    if i is None:
        if trace.n_new == 0:
            return "The classes already have the requested sizes: SMOTE makes no new points."
        names = ", ".join(escape_markdown(n) for n in feature_names)
        return (
            f"**Start.** SMOTE will make **{trace.n_new}** synthetic points, one class at a time in sorted "
            f"label order: {plan_text(trace)}. Neighbours are searched among the points of the same class, "
            f"by Euclidean distance on ({names}), with k = {k}. Press **Next** to pick the first seed."
        )
    label = trace.step_class[i]
    in_class = trace.class_steps(label)
    j = int(np.searchsorted(in_class, i)) + 1
    seed_row = int(trace.seed_index[i])
    seed = trace.X[seed_row]
    header = (
        f"**Synthetic point {i + 1} of {trace.n_new}**, over-sampling **{class_text(label)}** "
        f"(its point {j} of {len(in_class)}). Phase {phase} of 4: *{PHASE_NAMES[phase]}*.\n\n"
    )
    if phase == 1:
        times = int(np.sum(trace.seed_index[: i + 1] == seed_row))
        class_size = int(np.sum(trace.y == label))
        again = "for the first time" if times == 1 else f"for the {ordinal(times)} time"
        return header + (
            f"SMOTE picks a point of {class_text(label)} at random, with replacement: the seed is row "
            f"**{seed_row}**, x_i = {point_text(seed)} (picked {again}; each of the {class_size} points "
            f"is equally likely)."
        )
    rows = trace.neighbor_indices[i]
    dists = trace.neighbor_distances[i]
    if phase == 2:
        listing = "; ".join(
            f"{r + 1}. row {int(row)} at {point_text(trace.X[row])}, distance {fmt(d)}"
            for r, (row, d) in enumerate(zip(rows, dists, strict=True))
        )
        return header + (
            f"Its k = {k} nearest neighbours within {class_text(label)} (other classes are ignored), nearest "
            f"first: {listing}. The circle through the {ordinal(k)} neighbour has radius {fmt(dists[-1])}."
        )
    rank = int(trace.chosen_rank[i])
    chosen_row = int(trace.chosen_index[i])
    chosen = trace.X[chosen_row]
    if phase == 3:
        return header + (
            f"One of the {k} neighbours is chosen at random, each with chance 1/{k}: neighbour {rank} "
            f"(row **{chosen_row}**, distance {fmt(dists[rank - 1])}), x_zi = {point_text(chosen)}."
        )
    return header + (
        f"A gap λ = **{trace.gap[i]:.4f}** is drawn uniformly from [0, 1), and the new point is placed that "
        f"far along the segment from the seed (row {seed_row}) to the chosen neighbour (row {chosen_row}):\n\n"
        f"`{formula_text(trace, i)}`"
    )


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def phase_label(trace: SmoteTrace, position: int) -> str:
    """A short caption of a position, for slider labels: '3/20 neighbours' (point 3 of 20, phase 2)."""
    i, phase = split_position(position)
    if i is None:
        return f"0/{trace.n_new} start"
    short = {1: "seed", 2: "neighbours", 3: "chosen", 4: "new point"}[phase]
    return f"{i + 1}/{trace.n_new} {short}"


def narrate_short(trace: SmoteTrace, position: int, *, scope: str | None = None,
                  gap_words: str = "uniform in [0, 1)") -> str:
    """One or two short sentences for a position, large enough to read from the back of a room (presenter mode).

    ``scope`` says where the neighbours come from (default: "in class L"); ``gap_words`` how λ was drawn."""
    position = clamp_position(position, trace)
    i, phase = split_position(position)
    k = trace.k_neighbors
    if i is None:
        return (f"**Start.** {trace.n_new} new points: {plan_text(trace)}; k = {k}. "
                "Press **Next** to pick the first seed.")
    label = trace.step_class[i]
    seed_row = int(trace.seed_index[i])
    head = f"**Point {i + 1} of {trace.n_new}, phase {phase}: {PHASE_NAMES[phase]}.**"
    if phase == 1:
        return f"{head} The seed x_i is row {seed_row}, picked at random from {class_text(label)}."
    dists = trace.neighbor_distances[i]
    where = scope or f"in {class_text(label)}"
    if phase == 2:
        return (f"{head} Its {k} nearest neighbours {where}, numbered 1 (distance {fmt(dists[0])}) to {k} "
                f"({fmt(dists[-1])}).")
    rank = int(trace.chosen_rank[i])
    chosen_row = int(trace.chosen_index[i])
    if phase == 3:
        return f"{head} Chosen at random, 1 in {k}: neighbour {rank}, row {chosen_row}, is x_zi."
    return (f"{head} λ = {trace.gap[i]:.4f} ({gap_words}): x_new = x_i + λ (x_zi − x_i) = "
            f"{point_text(trace.new_points[i])}.")


def narrate_whole(trace: SmoteTrace, *, short: bool = False) -> str:
    """Markdown of the run done, seen whole ("Go to end"): how many new points each class got."""
    if short:
        return f"**The whole run.** {trace.n_new} new points: {plan_text(trace)}."
    return (
        f"**The whole run.** All **{trace.n_new}** synthetic points are made: {plan_text(trace)}. Each star lies "
        "on a segment from its seed toward one of the seed's nearest neighbours. Press **Previous** to see the "
        "last point being made."
    )
