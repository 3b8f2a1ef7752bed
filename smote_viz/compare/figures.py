"""Figures of the compare page: metric bars, confusion matrices, decision regions, CV spread, a reliability
diagram and the leak drawn as distances.

Treatments are told apart by bar colour *and* by fill pattern, so the bars stay readable in grey or for
colour-blind readers; classes keep their own colour and marker symbol (``Dataset.class_positions``).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from smote_viz.compare.evaluate import (
    CLASSIFIERS,
    METRICS,
    TREATMENTS,
    Comparison,
    Counts,
    LeakPairs,
    LeakPicture,
    Metrics,
    Regions,
    Reliability,
)
from smote_viz.data import Dataset
from smote_viz.figures.common import FONT_SIZE, base_layout, class_trace
from smote_viz.style import class_colour, class_symbol, plot_text, synthetic_symbol

# Okabe-Ito colours not used for the first two classes, then the rest; one per treatment.
TREATMENT_COLOURS = {
    "none": "#7f7f7f",
    "smote": "#D55E00",
    "ros": "#E69F00",
    "rus": "#56B4E9",
    "weight": "#009E73",
    "threshold": "#CC79A7",
}
TREATMENT_PATTERNS = {"none": "", "smote": "/", "ros": "x", "rus": "-", "weight": ".", "threshold": "+"}
# Value labels on bars only up to this many treatments per group; with more they run together (hover and the
# tables carry the numbers).
MAX_LABELLED_TREATMENTS = 3
LABEL_SIZE = 13  # px, bar value labels
BOUNDED_RANGE = [0, 1.05]  # every metric here lies in [0, 1]


def show_values(comparison: Comparison) -> bool:
    return len(comparison.settings.treatment_keys) <= MAX_LABELLED_TREATMENTS


def two_lines(name: str, longest: int = 10) -> str:
    """A model name on two lines, split at the space nearest its middle (names up to ``longest`` characters stay
    on one), so a group of bars can carry its name without rotating it."""
    if len(name) <= longest or " " not in name:
        return name
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return name[:cut] + "<br>" + name[cut + 1:]


def _fmt(value: float) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.2f}"


def metric_bars_figure(comparison: Comparison, metric: str = "recall", height: int = 430) -> go.Figure:
    """Held-out ``metric`` per model, one bar group per model and one bar per treatment; each bar labelled with
    its value when there are at most ``MAX_LABELLED_TREATMENTS`` treatments."""
    fig = go.Figure()
    labelled = show_values(comparison)
    models = [two_lines(CLASSIFIERS[c]) for c in comparison.settings.classifier_keys]
    for t in comparison.settings.treatment_keys:
        values = []
        for c in comparison.settings.classifier_keys:
            u = comparison.unit(c, t)
            v = getattr(u.holdout, metric) if u is not None and u.holdout is not None else math.nan
            values.append(None if math.isnan(v) else v)
        fig.add_trace(
            go.Bar(
                name=TREATMENTS[t],
                x=models,
                y=values,
                text=[_fmt(v) if v is not None else "n/a" for v in values] if labelled else None,
                textposition="outside" if labelled else "none",
                textfont={"size": LABEL_SIZE},
                cliponaxis=False,
                marker={"color": TREATMENT_COLOURS[t], "pattern": {"shape": TREATMENT_PATTERNS[t]}},
                hovertemplate="%{x}<br>" + TREATMENTS[t] + f": {METRICS[metric]} " + "%{y:.3f}<extra></extra>",
            )
        )
    base_layout(fig, x_title="", y_title=f"{METRICS[metric]} on the test part", height=height)
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(range=[0, 1.12] if labelled else BOUNDED_RANGE)
    return fig


def confusion_figure(panels: list[tuple[str, Metrics | Counts]], positive: object, negative: str,
                     height: int = 360) -> go.Figure:
    """Confusion matrices side by side (rows: truth, columns: prediction), each cell TN/FP/FN/TP with its count.

    The minority class ``positive`` is "positive"; ``negative`` names the rest ("class 0", or "other classes").
    """
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[title for title, _ in panels], horizontal_spacing=0.06)
    top = max((int(m.confusion.max()) for _, m in panels), default=1) or 1
    x_labels = [f"predicted<br>{plot_text(negative)}", f"predicted<br>class {plot_text(positive)}"]
    y_labels = [f"true {plot_text(negative)}", f"true class {plot_text(positive)}"]
    names = np.array([["TN", "FP"], ["FN", "TP"]])
    for i, (_, m) in enumerate(panels, start=1):
        z = m.confusion
        text = [[f"{names[r, c]}<br>{z[r, c]}" for c in range(2)] for r in range(2)]
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=x_labels,
                y=y_labels,
                text=text,
                texttemplate="%{text}",
                textfont={"size": FONT_SIZE + 3},
                colorscale="Blues",
                zmin=0,
                zmax=top,
                showscale=False,
                hovertemplate="%{y}, %{x}: %{z}<extra></extra>",
            ),
            row=1,
            col=i,
        )
        # The rows are the same in every panel: their names are written once, left of the first.
        fig.update_yaxes(autorange="reversed", showticklabels=i == 1, row=1, col=i)
    fig.update_layout(height=height, font={"size": FONT_SIZE}, margin={"l": 100, "r": 20, "t": 60, "b": 40})
    return fig


def regions_figure(regions: list[Regions], dataset: Dataset, model_name: str) -> go.Figure:
    """Minority probability as a heatmap with its 0.5 contour, one panel per treatment, on shared axes.

    Training points keep their class colour and symbol; synthetic points are open stars.
    """
    titles = [f"{model_name}: {TREATMENTS[r.treatment]}" for r in regions]
    fig = make_subplots(
        rows=1, cols=max(1, len(regions)), shared_xaxes=True, shared_yaxes=True, subplot_titles=titles,
        horizontal_spacing=0.04,
    )
    positive = dataset.minority
    for i, r in enumerate(regions, start=1):
        first = i == 1
        fig.add_trace(
            go.Heatmap(
                x=r.xs.astype(np.float32),
                y=r.ys.astype(np.float32),
                z=r.z.astype(np.float32),
                zmin=0,
                zmax=1,
                colorscale=[[0, "#ffffff"], [1, class_colour(dataset.class_position(positive))]],
                opacity=0.55,
                zsmooth="best",
                showscale=first,
                colorbar={"title": {"text": f"P(class {plot_text(positive)})", "side": "right"}, "len": 0.8},
                name=f"P(class {plot_text(positive)})",
                hovertemplate="(%{x:.2f}, %{y:.2f}): %{z:.2f}<extra></extra>",
            ),
            row=1,
            col=i,
        )
        fig.add_trace(
            go.Contour(
                x=r.xs.astype(np.float32),
                y=r.ys.astype(np.float32),
                z=r.z.astype(np.float32),
                contours={"start": 0.5, "end": 0.5, "size": 1, "coloring": "lines"},
                line={"color": "black", "width": 2, "dash": "dash"},
                showscale=False,
                name="0.5 boundary",
                showlegend=first,
                hoverinfo="skip",
            ),
            row=1,
            col=i,
        )
        for label in dataset.counts:
            mask = r.train_y == label
            trace = class_trace(r.train_X[mask], label, dataset.class_position(label), size=7,
                                name=f"class {plot_text(label)} (training)")
            trace.showlegend = first
            trace.legendgroup = f"class{plot_text(label)}"
            fig.add_trace(trace, row=1, col=i)
        for label in dataset.counts:
            mask = r.synthetic_y == label
            if not mask.any():
                continue
            pts = r.synthetic_X[mask].astype(np.float32)
            fig.add_trace(
                go.Scatter(
                    x=pts[:, 0],
                    y=pts[:, 1],
                    mode="markers",
                    name=f"class {plot_text(label)} synthetic ({int(mask.sum())})",
                    marker={
                        "symbol": synthetic_symbol(dataset.class_position(label)) + "-open",
                        "size": 8,
                        "color": class_colour(dataset.class_position(label)),
                        "line": {"width": 1.2},
                    },
                    hovertemplate="synthetic (%{x:.2f}, %{y:.2f})<extra></extra>",
                ),
                row=1,
                col=i,
            )
    x_name, y_name = dataset.view_names
    base_layout(fig, x_title=x_name, y_title=y_name, height=560)
    # Legend under the panels, so it never covers the panel titles.
    fig.update_layout(
        margin={"l": 60, "r": 20, "t": 50, "b": 110},
        legend={"orientation": "h", "yanchor": "top", "y": -0.16, "xanchor": "left", "x": 0},
    )
    if regions:
        fig.update_xaxes(range=[float(regions[0].xs[0]), float(regions[0].xs[-1])], title=plot_text(x_name))
        fig.update_yaxes(range=[float(regions[0].ys[0]), float(regions[0].ys[-1])])
        fig.update_yaxes(title=plot_text(y_name), row=1, col=1)
    return fig


def capped_error(means: list[float | None], stds: list[float | None]) -> tuple[list[float], list[float]]:
    """Error bar lengths (up, down) of ± one standard deviation, cut so the bar stays within [0, 1]."""
    up = [0.0 if m is None or s is None else max(0.0, min(s, 1.0 - m)) for m, s in zip(means, stds, strict=True)]
    down = [0.0 if m is None or s is None else max(0.0, min(s, m)) for m, s in zip(means, stds, strict=True)]
    return up, down


def cv_figure(comparison: Comparison, metric: str = "recall", height: int = 430) -> go.Figure:
    """Cross-validated ``metric``: mean with a bar of ± one standard deviation over all folds and repeats, cut at
    0 and 1 (the metric's bounds). No value labels: an error bar can reach down to any label drawn on its bar,
    and the table under the chart has every mean ± sd; hover shows them too."""
    fig = go.Figure()
    models = [two_lines(CLASSIFIERS[c]) for c in comparison.settings.classifier_keys]
    for t in comparison.settings.treatment_keys:
        means, stds = [], []
        for c in comparison.settings.classifier_keys:
            u = comparison.unit(c, t)
            m = u.cv_mean.get(metric, math.nan) if u is not None and u.cv_mean else math.nan
            s = u.cv_std.get(metric, math.nan) if u is not None and u.cv_std else math.nan
            means.append(None if math.isnan(m) else m)
            stds.append(None if math.isnan(s) else s)
        up, down = capped_error(means, stds)
        fig.add_trace(
            go.Bar(
                name=TREATMENTS[t],
                x=models,
                y=means,
                error_y={"type": "data", "symmetric": False, "array": up, "arrayminus": down, "visible": True,
                         "thickness": 2},
                customdata=[s if s is not None else float("nan") for s in stds],
                hovertemplate="%{x}<br>" + TREATMENTS[t] + ": %{y:.3f} ± %{customdata:.3f}<extra></extra>",
                # Light fill and paler stripes, so the black error bars stand out.
                marker={
                    "color": TREATMENT_COLOURS[t],
                    "opacity": 0.75,
                    "pattern": {"shape": TREATMENT_PATTERNS[t], "fgopacity": 0.55, "bgcolor": "white"},
                },
            )
        )
    plan = comparison.plan
    repeats = f" × {plan.cv_repeats} repeats" if plan.cv_repeats > 1 else ""
    base_layout(fig, x_title="", height=height,
                y_title=f"{METRICS[metric]}: mean ± sd, {plan.cv_folds} folds{repeats}")
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(range=BOUNDED_RANGE)
    return fig


# --- calibration -------------------------------------------------------------------------------------------------------
RELIABILITY_SYMBOLS = {"none": "circle", "smote": "triangle-up", "ros": "square", "rus": "diamond",
                       "weight": "cross", "threshold": "x"}


def calibration_figure(curves: list[Reliability], model_name: str, positive: object, height: int = 460) -> go.Figure:
    """A reliability diagram: per bin of predicted probability, the share of test rows that really are positive.

    The dashed diagonal is a perfectly calibrated model; a point under it is a bin where the model said more than
    the truth. Each treatment has its colour and marker symbol; marker area grows with the rows in the bin."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="perfectly calibrated",
                             line={"color": "#444444", "dash": "dash", "width": 1.5}, hoverinfo="skip"))
    largest = max((int(c.counts.max()) for c in curves if len(c.counts)), default=1)
    for c in curves:
        sizes = (8 + 22 * np.sqrt(c.counts / largest)).astype(np.float32)
        fig.add_trace(go.Scatter(
            x=c.mean_predicted.astype(np.float32),
            y=c.fraction_positive.astype(np.float32),
            mode="lines+markers",
            name=f"{TREATMENTS[c.treatment]} (Brier {c.brier:.3f})",
            line={"color": TREATMENT_COLOURS[c.treatment], "width": 2},
            marker={"color": TREATMENT_COLOURS[c.treatment], "symbol": RELIABILITY_SYMBOLS[c.treatment],
                    "size": sizes, "line": {"color": "white", "width": 1}},
            customdata=c.counts,
            hovertemplate=("predicted %{x:.2f}, really " + f"class {plot_text(positive)}" +
                           " %{y:.2f} (%{customdata} rows)<extra>" + TREATMENTS[c.treatment] + "</extra>"),
        ))
    base_layout(fig, x_title=f"Mean predicted probability of class {plot_text(positive)} (bins of 0.1)",
                y_title=f"Share really class {plot_text(positive)}", height=height)
    # Square: the diagonal is at 45 degrees. Both axes keep their range and give up space instead.
    fig.update_xaxes(range=[-0.02, 1.02], dtick=0.2, constrain="domain")
    fig.update_yaxes(range=[-0.02, 1.02], dtick=0.2, scaleanchor="x", scaleratio=1, constrain="domain")
    fig.update_layout(title={"text": plot_text(model_name), "x": 0.0, "xanchor": "left", "y": 0.99},
                      margin={"t": 80}, legend={"orientation": "v", "y": 1.0, "yanchor": "bottom"})
    return fig


# --- the leak ----------------------------------------------------------------------------------------------------------------
LEAK_DRAWN = 60  # pairs drawn per map: more would hide each other; the distance panel shows every one


def drawn_pairs(pairs: LeakPairs, limit: int = LEAK_DRAWN) -> np.ndarray:
    """The indices of the pairs a map draws: all up to ``limit``, else ``limit`` of them evenly spread over the
    pairs sorted by distance (so near-copies and far pairs are both shown, in their true proportion)."""
    order = np.argsort(pairs.distance, kind="stable")
    if len(order) <= limit:
        return order
    return order[np.linspace(0, len(order) - 1, limit).round().astype(int)]


def leak_figure(picture: LeakPicture, dataset: Dataset, height: int = 470) -> go.Figure:
    """Left and middle: the leaky and the honest split on the 2-D view, each positive test row joined to the
    synthetic training row nearest to it. Right: every such distance, leaky against honest."""
    kind = "copied" if picture.treatment == "ros" else "synthetic"
    fig = make_subplots(
        rows=1, cols=3, column_widths=[0.36, 0.36, 0.28], horizontal_spacing=0.07,
        subplot_titles=["Leaky: resampled, then split", "Honest: split, then resampled",
                        f"Distance to the nearest<br>{kind} training row"],
    )
    positive = dataset.minority
    position = dataset.class_position(positive)
    colour = class_colour(position)
    for col, (name, pairs) in enumerate((("leaky", picture.leaky), ("honest", picture.honest)), start=1):
        idx = drawn_pairs(pairs)
        first = col == 1
        seg_x, seg_y = [], []
        for i in idx:
            seg_x += [float(pairs.test_X[i, 0]), float(pairs.nearest_X[i, 0]), None]
            seg_y += [float(pairs.test_X[i, 1]), float(pairs.nearest_X[i, 1]), None]
        fig.add_trace(go.Scatter(x=seg_x, y=seg_y, mode="lines", line={"color": "#333333", "width": 1.2},
                                 name="test row → nearest training row", showlegend=first, legendgroup="seg",
                                 hoverinfo="skip"), row=1, col=col)
        fig.add_trace(go.Scatter(
            x=pairs.nearest_X[idx, 0].astype(np.float32), y=pairs.nearest_X[idx, 1].astype(np.float32),
            mode="markers", name=f"nearest {kind} training row", showlegend=first, legendgroup="near",
            marker={"symbol": synthetic_symbol(position) + "-open", "size": 11, "color": colour, "line": {"width": 1.5}},
            hovertemplate=f"{kind} training row (%{{x:.2f}}, %{{y:.2f}})<extra>{name}</extra>",
        ), row=1, col=col)
        fig.add_trace(go.Scatter(
            x=pairs.test_X[idx, 0].astype(np.float32), y=pairs.test_X[idx, 1].astype(np.float32),
            mode="markers", name=f"class {plot_text(positive)} test row", showlegend=first, legendgroup="test",
            marker={"symbol": class_symbol(position), "size": 8, "color": colour, "line": {"color": "black", "width": 1}},
            customdata=pairs.distance[idx].astype(np.float32),
            hovertemplate="test row (%{x:.2f}, %{y:.2f}): %{customdata:.3f} from the nearest training row"
                          f"<extra>{name}</extra>",
        ), row=1, col=col)
    for name, pairs, colour_box in (("honest", picture.honest, TREATMENT_COLOURS["none"]),
                                    ("leaky", picture.leaky, TREATMENT_COLOURS[picture.treatment])):
        fig.add_trace(go.Box(
            x=pairs.distance.astype(np.float32), name=name, orientation="h", boxpoints="all", jitter=0.5,
            pointpos=0, marker={"size": 4, "color": colour_box, "opacity": 0.6}, line={"color": "#333333"},
            fillcolor="rgba(0,0,0,0)", showlegend=False,
            hovertemplate=name + ": %{x:.3f}<extra></extra>",
        ), row=1, col=3)
    x_name, y_name = dataset.view_names
    base_layout(fig, x_title="", y_title="", height=height)
    both = np.vstack([picture.leaky.test_X, picture.leaky.nearest_X, picture.honest.test_X, picture.honest.nearest_X])
    lo, hi = both.min(axis=0), both.max(axis=0)
    pad = np.where(hi - lo > 0, hi - lo, 1.0) * 0.06
    for col in (1, 2):
        fig.update_xaxes(range=[float(lo[0] - pad[0]), float(hi[0] + pad[0])], title=plot_text(x_name), row=1, col=col)
        fig.update_yaxes(range=[float(lo[1] - pad[1]), float(hi[1] + pad[1])], row=1, col=col)
    fig.update_yaxes(title=plot_text(y_name), row=1, col=1)
    fig.update_xaxes(title="standard deviations", rangemode="tozero", row=1, col=3)
    fig.update_layout(margin={"l": 60, "r": 20, "t": 60, "b": 100},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0})
    return fig
