"""What each chapter of the lesson shows: the figure beside its question, and the figures and numbers that
reveal the answer. Every figure and sentence comes from the functions the other pages use (data, stepper,
counterfactual, scaling, comparison, SMOTE family); this module only picks them, on each chapter's own data.

``chapter_view(key)`` is pure and deterministic: the same key always gives the same figures and words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from smote_viz.compare import text as compare_text
from smote_viz.compare.evaluate import CLASSIFIERS, CompareSettings, assemble, compare, evaluate_unit, make_plan
from smote_viz.compare.figures import confusion_figure
from smote_viz.data import Dataset, generate
from smote_viz.data.scaling import neighbourhoods, scaling_sentence
from smote_viz.family import GalleryParams, run_gallery
from smote_viz.family.figures import gallery_figure, panel_explanation
from smote_viz.figures.common import axis_ranges
from smote_viz.figures.data import counts_figure, scatter_figure
from smote_viz.figures.scaling import scaling_figure
from smote_viz.lesson.chapters import CHAPTERS, OVERLAPPING, Chapter
from smote_viz.lesson.figures import gap_figure, leak_figure, reliability_figure, segments_figure
from smote_viz.lesson.measures import nearest_other, reliability
from smote_viz.smote import PHASES_PER_POINT, trace_smote
from smote_viz.state import GeneratorSettings
from smote_viz.stepper.counterfactual import minority_only_figure
from smote_viz.stepper.figures import stepper_figure
from smote_viz.stepper.landing import (
    crossings_sentence,
    cuts_through_majority,
    landed_among_others,
    minority_only,
    minority_only_sentence,
    through_majority,
)
from smote_viz.stepper.narration import class_text, formula_text, point_text
from smote_viz.style import HIGHLIGHT_COLOUR, class_colour, class_symbol, escape_markdown, plot_text

K = 5  # SMOTE's k in every chapter (imbalanced-learn's default)
SMOTE_SEED = 0  # the stepper's default random_state
HEIGHT = 370  # px: a figure beside its text fits a 1280 x 720 screen
GAP_MARKS = (0.1, 0.5, 0.9)
OVERLAP = GeneratorSettings(noise=1.0)  # chapter 7's overlap: the small blobs, pushed together


@dataclass(frozen=True, eq=False)
class Part:
    title: str
    figure: go.Figure
    words: str  # markdown: the figure's numbers in words


@dataclass(frozen=True, eq=False)
class View:
    before: Part  # beside the question
    after: tuple[Part, ...]  # with the answer


def data_of(settings: GeneratorSettings) -> Dataset:
    return generate(**settings.generate_kwargs())


def _counts_words(ds: Dataset) -> str:
    minority, majority = ds.minority, ds.majority_label
    return (
        f"{ds.counts[majority]} rows of {class_text(majority)} and {ds.counts[minority]} rows of {class_text(minority)} "
        f"({ds.counts[minority] / ds.n_samples:.0%} of the rows)."
    )


def _paradox(ch: Chapter) -> View:
    ds = data_of(ch.data)
    result = compare(ds, CompareSettings(classifiers="logreg,dummy", treatments="none", cv_folds=0))
    dummy, model = result.unit("dummy", "none").holdout, result.unit("logreg", "none").holdout
    before = Part("Rows per class", counts_figure(ds.counts, title=None, positions=ds.class_positions),
                  _counts_words(ds))
    panels = [(f"Always class {plot_text(ds.majority_label)}<br>accuracy {compare_text.pct(dummy.accuracy)}", dummy),
              (f"{CLASSIFIERS['logreg']}<br>accuracy {compare_text.pct(model.accuracy)}", model)]
    figure = confusion_figure(panels, ds.minority, compare_text.negative_name(ds))
    figure.update_layout(height=HEIGHT - 40)
    figure.update_yaxes(showticklabels=False, col=2)  # the rows are named once, on the left
    words = compare_text.paradox_sentence(result, ds) + (
        f" {CLASSIFIERS['logreg']} is {compare_text.pct(model.accuracy)} accurate and finds {model.tp} of the "
        f"{model.tp + model.fn} (recall {compare_text.pct(model.recall)})."
    )
    return View(before, (Part("Held-out confusion matrices", figure, words),))


def _small_trace(settings: GeneratorSettings):
    ds = data_of(settings)
    return ds, trace_smote(ds.X2, ds.y, k_neighbors=K, random_state=SMOTE_SEED)


def _five_steps(ch: Chapter) -> View:
    ds, trace = _small_trace(ch.data)
    names = ds.view_names
    seed, rows = int(trace.seed_index[0]), trace.neighbor_indices[0].tolist()
    before = Part(
        "Phase 2: the seed and its neighbours",
        stepper_figure(trace, 2, x_title=names[0], y_title=names[1], positions=ds.class_positions, height=HEIGHT),
        f"The seed is row {seed} at {point_text(trace.X[seed])}; its {K} nearest neighbours within "
        f"{class_text(trace.step_class[0])} are rows {', '.join(map(str, rows))}.",
    )
    chosen, rank, gap = int(trace.chosen_index[0]), int(trace.chosen_rank[0]), float(trace.gap[0])
    words = (
        f"1. **Sample** the seed: row {seed}.  \n"
        f"2. **Find** its {K} nearest minority neighbours: rows {', '.join(map(str, rows))}.  \n"
        f"3. **Choose** one at random: neighbour {rank}, row {chosen}.  \n"
        f"4. **Draw** the segment from row {seed} to row {chosen}.  \n"
        f"5. **Place** the new point at the random gap λ = {gap:.4f}:  \n`{formula_text(trace, 0)}`"
    )
    after = Part(
        "Phase 4: the new point on the segment",
        stepper_figure(trace, PHASES_PER_POINT, x_title=names[0], y_title=names[1], positions=ds.class_positions,
                       height=HEIGHT),
        words,
    )
    return View(before, (after,))


def _minority_only(ch: Chapter) -> View:
    ds = data_of(ch.data)
    result = minority_only(ds.X2, ds.y, k_neighbors=K, random_state=SMOTE_SEED)
    step, trace = result.shown_step, result.smote
    seed = int(trace.seed_index[step])
    other, distance = nearest_other(ds.X2, ds.y, seed)
    farthest = float(trace.neighbor_distances[step, -1])
    closer = int(np.sum(np.linalg.norm(ds.X2[ds.y != trace.step_class[step]] - ds.X2[seed], axis=1) < farthest))
    names = ds.view_names
    before = Part(
        "SMOTE: a seed and its minority neighbours",
        minority_only_figure(result, positions=ds.class_positions, axis_names=names, height=HEIGHT + 80,
                             counterfactual=False, whole_run=False),  # + its legend of roles below the plot
        f"The seed is row {seed}. Its {K}th minority neighbour is {farthest:.2f} away, yet {closer} points of other "
        f"classes are nearer than that (the nearest, row {other}, at {distance:.2f}): SMOTE ignores them.",
    )
    after = Part(
        "The same run, neighbours from every class",
        minority_only_figure(result, positions=ds.class_positions, axis_names=names, height=HEIGHT + 120),
        minority_only_sentence(result),
    )
    return View(before, (after,))


def _gap(ch: Chapter) -> View:
    ds, trace = _small_trace(ch.data)
    position = ds.class_position(trace.step_class[0])
    gap, gaps = float(trace.gap[0]), np.asarray(trace.gap)
    before = Part("Seed and chosen neighbour", gap_figure(gap, position), (
        f"For the first synthetic point of the run, the seed is row {int(trace.seed_index[0])} and the chosen "
        f"neighbour row {int(trace.chosen_index[0])}."))
    words = (
        f"λ = 0.1 puts the new point a tenth of the way from x_i to x_zi. The first point of this run drew "
        f"λ = {gap:.4f}:  \n`{formula_text(trace, 0)}`  \nOver all {trace.n_new} synthetic points, λ ran from "
        f"{gaps.min():.3f} to {gaps.max():.3f}, with {int(np.sum(gaps < 0.1))} below 0.1 and "
        f"{int(np.sum(gaps >= 0.9))} at 0.9 or above: about a tenth each, as a uniform draw gives."
    )
    after = Part("λ on the segment, and λ over the run",
                 gap_figure(gap, position, marks=GAP_MARKS, gaps=gaps, height=HEIGHT), words)
    return View(before, (after,))


def _scaling(ch: Chapter) -> View:
    ds = data_of(ch.data)
    nb = neighbourhoods(ds.X2, ds.y, ds.minority, K)
    lo, hi = ds.X2.min(axis=0), ds.X2.max(axis=0)
    names = ds.view_names
    figure = scatter_figure(ds)
    position = ds.class_position(nb.label)
    figure.add_trace(go.Scatter(
        x=[ds.X2[nb.seed_row, 0]], y=[ds.X2[nb.seed_row, 1]], mode="markers+text", name="the seed",
        text=["seed"], textposition="top left", textfont={"color": HIGHLIGHT_COLOUR},
        marker={"symbol": class_symbol(position), "size": 17, "color": class_colour(position),
                "line": {"color": HIGHLIGHT_COLOUR, "width": 3}},
    ))
    figure.update_layout(height=HEIGHT)
    before = Part("The stretched data", figure, (
        f"{escape_markdown(names[0])} runs from {lo[0]:.1f} to {hi[0]:.1f}; {escape_markdown(names[1])} from "
        f"{lo[1]:.0f} to {hi[1]:.0f}. The seed is row {nb.seed_row} (thick outline)."))
    after = Part("Raw against standardised neighbours",
                 scaling_figure(ds.X2, ds.y, nb, positions=ds.class_positions, axis_names=names, height=HEIGHT + 20),
                 scaling_sentence(nb, names))
    return View(before, (after,))


LEAK_MODELS = ("knn", "tree")


def _leak(ch: Chapter) -> View:
    ds = data_of(ch.data)
    settings = CompareSettings(classifiers=",".join(LEAK_MODELS), treatments="smote", cv_folds=0, leaky=True)
    plan = make_plan(ds, settings)
    # SMOTE only: the leak table compares each model with itself, honest against leaky.
    result = assemble(ds, settings, plan, [evaluate_unit(ds, settings, c, "smote", plan) for c in LEAK_MODELS])
    table = result.leak_table()
    models = table["Model"].tolist()
    honest, leaky = table["Recall honest"].tolist(), table["Recall leaky"].tolist()
    before = Part("Honest recall with SMOTE", leak_figure(models, honest), "; ".join(
        f"{escape_markdown(m)}: recall {h:.2f}" for m, h in zip(models, honest, strict=True)) + ".")
    words = "; ".join(
        f"{escape_markdown(m)}: recall {h:.2f} honest, {v:.2f} leaky ({compare_text.signed(v - h)})"
        for m, h, v in zip(models, honest, leaky, strict=True)
    ) + ". " + (compare_text.leak_sentence(table) or "")
    return View(before, (Part("Honest against leaky", leak_figure(models, honest, leaky), words),))


def _hurts(ch: Chapter) -> View:
    ring = data_of(ch.data)
    names = ring.view_names
    trace = trace_smote(ring.X2, ring.y, k_neighbors=K, random_state=SMOTE_SEED)
    cuts = cuts_through_majority(trace, ring.majority_label)
    through = through_majority(trace, ring.majority_label)
    figure = scatter_figure(ring)
    figure.update_layout(height=HEIGHT)
    figure.update_yaxes(scaleanchor="x", scaleratio=1)
    before = Part("The ring", figure, _counts_words(ring))
    ring_part = Part(
        "The ring", segments_figure(trace, ring.class_positions, emphasised=through, circle=(cuts.centre, cuts.radius),
                                    axis_names=names, height=HEIGHT),
        crossings_sentence(cuts, ring.majority_label),
    )
    blobs = data_of(OVERLAP)
    overlap_trace = trace_smote(blobs.X2, blobs.y, k_neighbors=K, random_state=SMOTE_SEED)
    landed = landed_among_others(overlap_trace)
    overlap_part = Part(
        "Overlap", segments_figure(overlap_trace, blobs.class_positions, landed=landed, axis_names=names,
                                   height=HEIGHT),
        f"When the classes overlap, the minority's own neighbours lie across majority territory: "
        f"**{int(landed.sum())} of the {overlap_trace.n_new}** new points of {class_text(blobs.minority)} land nearer "
        f"to a point of {class_text(blobs.majority_label)} than to any of their own class (outlined stars).",
    )
    calibration_data = data_of(OVERLAPPING)
    curves = reliability(calibration_data, "logreg")
    before_c, after_c = curves
    calibration_part = Part(
        "Calibration",
        reliability_figure([(c.treatment, "No balancing" if c.treatment == "none" else "SMOTE", c.predicted,
                             c.observed, c.brier) for c in curves]),
        f"{CLASSIFIERS['logreg']} on the test part, where {before_c.prevalence:.0%} of the rows are "
        f"{class_text(calibration_data.minority)}: trained without balancing it predicts {before_c.mean_predicted:.0%} "
        f"on average (Brier score {before_c.brier:.3f}); trained after SMOTE, {after_c.mean_predicted:.0%} "
        f"(Brier score {after_c.brier:.3f}). Balancing teaches the model that the rare class is common, so its "
        "probabilities are too high (the curve falls under the diagonal). Rankings may still be fine; "
        "probabilities are not (van den Goorbergh et al., JAMIA 2022).",
    )
    return View(before, (ring_part, overlap_part, calibration_part))


FAMILY_PANELS = ("smote", "borderline1", "adasyn")


def _zoom_on_minority(figure: go.Figure, ds: Dataset, results) -> go.Figure:
    """Every panel's axes cut to the minority class and the new points, with room for the majority nearby."""
    shown = [ds.X2[ds.y == ds.minority]] + [np.asarray(r.X, dtype=np.float64)[np.asarray(r.y) == ds.minority]
                                            for r in results if r.ok]
    x_range, y_range = axis_ranges(np.vstack(shown), pad=0.5)
    figure.update_xaxes(range=x_range)
    figure.update_yaxes(range=y_range)
    return figure


def _family(ch: Chapter) -> View:
    ds = data_of(ch.data)
    results = run_gallery(ds.X2, ds.y, FAMILY_PANELS, GalleryParams(), positive=ds.minority, with_evaluation=False)
    positions = ds.class_positions
    smote = results[0]
    before_figure = _zoom_on_minority(
        gallery_figure([smote], ds.X2, ds.y, axis_names=ds.view_names, positions=positions), ds, [smote])
    before_figure.update_layout(height=HEIGHT)
    seeds = smote.provenance.seed  # SMOTE on this data always records its draws
    before = Part("SMOTE", before_figure, (
        f"SMOTE made {len(seeds)} new points of {class_text(ds.minority)} from {len(np.unique(seeds))} of its "
        f"{ds.counts[ds.minority]} points, drawn at random: the new points spread over the whole class."))
    after_figure = _zoom_on_minority(
        gallery_figure(results, ds.X2, ds.y, axis_names=ds.view_names, positions=positions), ds, results)
    after_figure.update_layout(height=HEIGHT + 40)
    words = "  \n".join(f"**{escape_markdown(r.title)}**: {escape_markdown(panel_explanation(r))}" for r in results)
    return View(before, (Part("SMOTE, Borderline-SMOTE and ADASYN", after_figure, words),))


BUILDERS: dict[str, Callable[[Chapter], View]] = {
    "paradox": _paradox,
    "five_steps": _five_steps,
    "minority_only": _minority_only,
    "gap": _gap,
    "scaling": _scaling,
    "leak": _leak,
    "hurts": _hurts,
    "family": _family,
}


def chapter_view(key: str) -> View:
    """The figures and words of the chapter named ``key``."""
    return BUILDERS[key](next(c for c in CHAPTERS if c.key == key))
