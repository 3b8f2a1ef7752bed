"""The playground's numbers in words, for the text beside the figure (markdown; user text escaped)."""

from __future__ import annotations

from smote_viz.playground.canvas import MODELS, Canvas, Play, PlaygroundSettings, class_look
from smote_viz.playground.run import Outcome
from smote_viz.stepper.narration import fmt, ordinal, point_text
from smote_viz.style import escape_markdown, label_text, plural


def _class(canvas: Canvas, label: object) -> str:
    return f"class {escape_markdown(label_text(label))} ({class_look(canvas.positions[label])})"


def counts_text(play: Play, canvas: Canvas, outcome: Outcome) -> str:
    counts = play.points.counts(canvas.classes)
    parts = [f"**{n}** of {_class(canvas, label)}" for label, n in counts.items()]
    return (f"Points: {', '.join(parts)}. SMOTE adds **{outcome.n_new}** of class "
            f"{escape_markdown(label_text(canvas.target))} (stars).")


def smote_text(play: Play, canvas: Canvas, outcome: Outcome) -> str:
    s: PlaygroundSettings = outcome.settings
    if outcome.trace is None:
        return "SMOTE does not run on these points (see the note above)."
    target = escape_markdown(label_text(canvas.target))
    among = "every class (the counterfactual)" if s.every_class else f"class {target} only"
    units = "standard deviations (standardised)" if s.standardise else "raw units"
    text = (f"SMOTE: k = {outcome.k} nearest neighbours among {among}, distances in {units}, random seed "
            f"{s.smote_seed}.")
    if outcome.n_new:
        landed = outcome.landed
        text += (f" Of the {plural(outcome.n_new, 'new point')}, **{landed}** "
                 f"{'lies' if landed == 1 else 'lie'} nearer to a point of another class than to any class "
                 f"{target} point (each axis measured in its standard deviations)"
                 + (": outlined in black in the figure." if landed else "."))
    return text


def pick_text(play: Play, canvas: Canvas, outcome: Outcome) -> str:
    target = _class(canvas, canvas.target)
    if not outcome.can_pick:
        return ""
    if play.seed is None:
        return (f"**λ by hand:** choose *Pick a seed* above, then click a point of {target} to make it the seed "
                "x_i.")
    X = play.points.X
    neighbours = outcome.neighbours_of(play.seed)
    radius = outcome.radius_of(play.seed)
    unit = " standard deviations" if outcome.scaler is not None else ""
    listing = "; ".join(f"{r + 1}. point {row} {point_text(X[row], 2)}" for r, row in enumerate(neighbours))
    text = (f"**Seed** x_i = point {play.seed} at {point_text(X[play.seed], 2)}. Its {outcome.k} nearest "
            f"neighbours, nearest first: {listing}. The dashed {'ellipse' if unit else 'circle'} passes through "
            f"the {ordinal(outcome.k)}, {fmt(radius, 2)}{unit} away.")
    if outcome.scaler is not None:
        text += " (A circle in standard deviations is an ellipse in raw units.)"
    if play.neighbour is None:
        return text + " Click one of the numbered neighbours to choose x_zi."
    chosen = X[play.neighbour]
    return text + (
        f" **Chosen** x_zi = point {play.neighbour} at {point_text(chosen, 2)}. Move the λ slider above the plot: "
        "x_new = x_i + λ·(x_zi − x_i) slides from the seed (λ = 0) towards x_zi (λ = 0.99; λ is drawn from "
        "[0, 1), so never 1). The numbers update in the figure, without a round trip to the server."
    )


def classifier_text(canvas: Canvas, outcome: Outcome) -> str:
    r = outcome.regions
    if r is None:
        return ""
    target = escape_markdown(label_text(canvas.target))
    change = r.share_after - r.share_before
    trend = "grows" if change > 0.005 else "shrinks" if change < -0.005 else "stays about the same"
    return (f"**{MODELS[r.model]}** assigns **{r.share_before:.0%}** of the view to class {target} before SMOTE "
            f"(dotted boundary) and **{r.share_after:.0%}** after (solid boundary, tinted): the class {target} "
            f"region {trend}.")

