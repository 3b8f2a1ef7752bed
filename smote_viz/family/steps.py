"""Step through BorderlineSMOTE and ADASYN with the stepper's four phases, after a classification step.

Position 0 shows how the variant classifies the minority points (Borderline: the noise / danger / safe vote
over all data; ADASYN: each point's hardness and its count g_i). Positions ``p >= 1`` are the same four
phases as the SMOTE stepper (``smote_viz.stepper.narration``): seed, neighbours, chosen neighbour, new point.

``variant_trace`` turns a variant's ``Provenance`` (replayed from the sampler's own random draws and checked
against its real output) into the stepper's ``SmoteTrace`` record, so the stepper's figure builders draw it
unchanged; ``narrate_variant`` tells each phase with the variant's own rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from smote_viz.family.result import AdasynState, BorderlineState, VariantResult
from smote_viz.family.text import BORDERLINE2_GAP
from smote_viz.smote import PHASE_NAMES, ClassDraws, SmoteTrace
from smote_viz.state import param
from smote_viz.stepper.narration import (
    clamp_position,
    class_text,
    formula_text,
    narrate_short,
    point_text,
    split_position,
)
from smote_viz.style import escape_markdown, plural

STEP_VARIANTS = ("borderline1", "borderline2", "adasyn")
FAMILY_TABS = ("grid", "walk")  # the SMOTE family page's tabs: side by side, step-through


@dataclass(frozen=True)
class WalkSettings:
    """The step-through's own choices (URL keys ``vwalk``, ``vstep``)."""

    variant: str = field(default="borderline1", metadata=param("vwalk", choices=STEP_VARIANTS))
    step: int = field(default=0, metadata=param("vstep", lo=0, hi=10**7))
    tab: str = field(default="grid", metadata=param("vtab", choices=FAMILY_TABS))


def variant_trace(result: VariantResult, X: np.ndarray, y: np.ndarray) -> SmoteTrace:
    """The variant's synthetic points as the stepper's ``SmoteTrace``, so its figures draw them unchanged.

    A ``SmoteTrace`` holds, per over-sampled class, a ``ClassDraws``: candidate rows, each row's k neighbours
    (positions among those rows), and per synthetic point the seed position, the chosen neighbour's rank and
    the gap. For a variant the candidate rows are every seed and every neighbour it used (for borderline-2
    they may belong to any class); rows that never seed keep a placeholder neighbour list that no step reads.
    ``gap`` is the step actually taken along the segment (toward an other-class neighbour, borderline-2
    multiplies the usual draw u by a second draw s in [0, 0.5): see ``BORDERLINE2_GAP``).
    """
    prov = result.provenance
    if not result.ok or prov is None or len(prov.seed) == 0:
        raise ValueError(result.message or "This run has no recorded synthetic points to step through.")
    X = np.asarray(X)
    y = np.asarray(y)
    k = prov.neighbours.shape[1]
    labels = np.array(list(prov.label), dtype=y.dtype)
    draws = []
    strategy = {}
    start = 0
    while start < len(labels):  # one block per class, in output order
        label = labels[start]
        stop = start + int(np.argmax(labels[start:] != label)) if np.any(labels[start:] != label) else len(labels)
        seed, neigh, chosen = prov.seed[start:stop], prov.neighbours[start:stop], prov.chosen[start:stop]
        rows = np.unique(np.concatenate([seed, neigh.ravel()]))
        position = {int(r): i for i, r in enumerate(rows)}
        nns = np.tile(np.arange(len(rows))[:, None], (1, k))  # placeholder for rows that never seed
        for s_row, n_rows in zip(seed.tolist(), neigh.tolist(), strict=True):
            nns[position[s_row]] = [position[r] for r in n_rows]
        seed_pos = np.array([position[r] for r in seed.tolist()], dtype=np.int64)
        rank_pos = np.array(
            [int(np.flatnonzero(n == c)[0]) for n, c in zip(neigh, chosen, strict=True)], dtype=np.int64
        )
        key = label.item() if hasattr(label, "item") else label
        draws.append(ClassDraws(key, rows.astype(np.int64), nns.astype(np.int64), seed_pos, rank_pos,
                                prov.gap[start:stop, None].astype(np.float64)))
        strategy[key] = stop - start
        start = stop
    return SmoteTrace(
        X=X, y=y, k_neighbors=int(k), sampling_strategy=strategy, X_resampled=np.asarray(result.X),
        y_resampled=np.asarray(result.y), draws=tuple(draws),
    )


def _rows(rows: Sequence[int], limit: int = 12) -> str:
    """'3 points: rows 4, 9, 12' (the first ``limit`` rows listed), or '0 points'."""
    rows = [int(r) for r in rows]
    if not rows:
        return "0 points"
    text = ", ".join(str(r) for r in rows[:limit])
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return f"{plural(len(rows), 'point')}: {'row' if len(rows) == 1 else 'rows'} {text}{more}"


def _idle(state: AdasynState) -> str:
    """How many ADASYN points make no new point, as a sentence."""
    idle, total = int(np.sum(state.generated == 0)), len(state.rows)
    if idle == 0:
        return f"All {plural(total, 'point')} make at least one."
    return f"{idle} of {plural(total, 'point')} {'makes' if idle == 1 else 'make'} none."


def classification_text(result: VariantResult) -> str:
    """Position 0: how the variant sorts the minority points before making any point."""
    state = result.state
    if isinstance(state, BorderlineState):
        m = state.m
        counts = {c: state.rows[state.category == c] for c in ("danger", "noise", "safe")}
        kind = "Borderline-1" if state.kind == "borderline-1" else "Borderline-2"
        return (
            f"**Step 0: sort the minority points.** For every point of the over-sampled class, {kind} looks at "
            f"its m = {m} nearest neighbours among **all** points and counts the other-class ones, m'. "
            f"m' = {m}: **noise** ({_rows(counts['noise'])}), never used. {m / 2:g} ≤ m' < {m}: **in danger** "
            f"({_rows(counts['danger'])}), the only seeds. m' < {m / 2:g}: **safe** "
            f"({plural(len(counts['safe']), 'point')}), never used as seeds"
            + (", though they can still be chosen as neighbours." if state.kind == "borderline-1" else ".")
            + f" Then the same four phases as SMOTE make {plural(result.n_synthetic, 'point')}."
            + ("" if state.kind == "borderline-1" else " Borderline-2: " + BORDERLINE2_GAP)
        )
    if isinstance(state, AdasynState):
        k = state.n_neighbors
        top = np.argsort(-state.generated, kind="stable")[:5]
        busiest = "; ".join(
            f"row {int(state.rows[i])}: r = {state.hardness[i]:.2f}, g = {int(state.generated[i])}" for i in top
        )
        return (
            f"**Step 0: weigh the minority points.** For every point, ADASYN counts the other-class points among "
            f"its k = {k} nearest neighbours among **all** points: its hardness r_i (0 = all neighbours are its own "
            f"class, 1 = none are). Each point then makes g_i = round(r_i / Σ r × n) new points, n being the "
            f"number asked for. Busiest seeds: {busiest}. {_idle(state)} In total "
            f"{plural(int(state.generated.sum()), 'point')}"
            + (f" ({escape_markdown('; '.join(n.rstrip('.') for n in result.notes))})" if result.notes else "")
            + ". Then each new point goes through the same four phases as SMOTE."
        )
    return ""


def narrate_variant(result: VariantResult, trace: SmoteTrace, position: int,
                    feature_names: Sequence[str] = ("x1", "x2")) -> str:
    """Markdown narration of one position of the variant's run, with its numbers (user text escaped)."""
    position = clamp_position(position, trace)
    i, phase = split_position(position)
    if i is None:
        return classification_text(result)
    state = result.state
    label = trace.step_class[i]
    seed_row = int(trace.seed_index[i])
    y = trace.y
    header = (
        f"**Synthetic point {i + 1} of {trace.n_new}** ({class_text(label)}). Phase {phase} of 4: "
        f"*{PHASE_NAMES[phase]}*.\n\n"
    )
    k = trace.k_neighbors
    if phase == 1:
        if isinstance(state, BorderlineState):
            where = int(np.flatnonzero(state.rows == seed_row)[0])
            n_danger = int(np.sum((state.category == "danger") & (state.labels == label)))
            return header + (
                f"The seed is drawn at random, with replacement, from the {n_danger} **danger** points only: row "
                f"**{seed_row}**, x_i = {point_text(trace.X[seed_row])}, with {int(state.n_other[where])} of its "
                f"{state.m} nearest neighbours in another class."
            )
        where = int(np.flatnonzero(state.rows == seed_row)[0])
        g = int(state.generated[where])
        j = int(np.sum(trace.seed_index[: i + 1] == seed_row))
        return header + (
            f"ADASYN does not draw seeds at random: it goes through the minority points in order and makes g_i "
            f"points from each. Seed row **{seed_row}**, x_i = {point_text(trace.X[seed_row])}, hardness r = "
            f"{state.hardness[where]:.2f}: this is its point {j} of g = {g}."
        )
    rows = trace.neighbor_indices[i]
    dists = trace.neighbor_distances[i]
    if phase == 2:
        every_class = isinstance(state, BorderlineState) and state.kind == "borderline-2"
        listing = "; ".join(
            f"{r + 1}. row {int(row)}"
            + (f" ({class_text(y[row])})" if every_class else "")
            + f", distance {d:.3f}"
            for r, (row, d) in enumerate(zip(rows, dists, strict=True))
        )
        if every_class:
            scope = "among **all** points, any class (borderline-2)"
        elif isinstance(state, BorderlineState):
            scope = f"within {class_text(label)} (all its points, not only the danger ones)"
        else:
            scope = f"within {class_text(label)}"
        return header + f"Its k = {k} nearest neighbours {scope}, nearest first: {listing}."
    rank = int(trace.chosen_rank[i])
    chosen_row = int(trace.chosen_index[i])
    other = y[chosen_row] != label
    every_class = isinstance(state, BorderlineState) and state.kind == "borderline-2"
    if phase == 3:
        odds = ""
        if every_class:
            n_other = int(np.sum(y[rows] != label))
            odds = (f" {n_other} of its {k} neighbours are of another class, so this seed steps toward another "
                    f"class with chance {n_other}/{k}.")
        return header + (
            f"One of the {k} neighbours is chosen at random, each with chance 1/{k}:{odds} Chosen: neighbour "
            f"{rank}, row **{chosen_row}** ({class_text(y[chosen_row])}), x_zi = {point_text(trace.X[chosen_row])}."
        )
    gap = float(trace.gap[i])
    prov = result.provenance
    shrink = float(prov.shrink[i]) if prov is not None and prov.shrink is not None else 1.0
    if every_class and other:
        how = (
            f"The neighbour is of **another class**, so borderline-2 shortens the step: λ = u × s, with u = "
            f"{gap / shrink:.4f} the usual draw, uniform in [0, 1), and s = {shrink:.4f} a second draw, uniform in "
            f"[0, 0.5) (imbalanced-learn takes it from a second random generator started from the same seed). "
            f"λ = **{gap:.4f}**, below 0.5: the new point stays in the seed's half of the segment."
        )
    elif every_class:
        how = (f"The neighbour is of the seed's own class, so the step is not shortened: λ = u = **{gap:.4f}**, "
               "drawn uniformly from [0, 1), as in SMOTE.")
    else:
        how = f"A gap λ = **{gap:.4f}** is drawn uniformly from [0, 1)."
    return header + (
        f"{how} The new point is placed that far along the segment from the seed (row {seed_row}) to the "
        f"chosen neighbour (row {chosen_row}):\n\n`{formula_text(trace, i)}`"
    )


def toward_other_class(result: VariantResult, trace: SmoteTrace, i: int) -> bool:
    """Borderline-2's synthetic point ``i`` steps toward a neighbour of another class (its gap is in [0, 0.5))."""
    state = result.state
    return (isinstance(state, BorderlineState) and state.kind == "borderline-2"
            and trace.y[trace.chosen_index[i]] != trace.step_class[i])


def gap_range(result: VariantResult, trace: SmoteTrace, position: int) -> tuple[float, float]:
    """The interval the gap λ of ``position``'s synthetic point is drawn from."""
    i, _ = split_position(position)
    return (0.0, 0.5) if i is not None and toward_other_class(result, trace, i) else (0.0, 1.0)


def narrate_variant_short(result: VariantResult, trace: SmoteTrace, position: int) -> str:
    """A sentence or two per position for presenter mode (``narrate_variant`` tells it in full)."""
    position = clamp_position(position, trace)
    i, _ = split_position(position)
    state = result.state
    if i is None:
        if isinstance(state, BorderlineState):
            n = {c: int(np.sum(state.category == c)) for c in ("danger", "noise", "safe")}
            return (f"**Step 0: the vote over m = {state.m} neighbours (all classes).** {n['danger']} in danger "
                    f"(black diamonds): the only seeds. {n['noise']} noise, {n['safe']} safe: never seeds.")
        if isinstance(state, AdasynState):
            return (f"**Step 0: hardness.** Each point makes more new points the more of its {state.n_neighbors} "
                    "nearest neighbours belong to another class (ring size).")
        return ""
    every_class = isinstance(state, BorderlineState) and state.kind == "borderline-2"
    lo, hi = gap_range(result, trace, position)
    return narrate_short(trace, position, scope="among all points, any class" if every_class else None,
                         gap_words=f"uniform in [{lo:g}, {hi:g})")
