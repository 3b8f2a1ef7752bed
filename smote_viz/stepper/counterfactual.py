"""SMOTE against its counterfactual, side by side: the same seeds and draws, neighbours from the minority only
(left) or from every class (right).

Each panel draws the data, every synthetic point of its run (a star; a star with a thick black outline lies
nearer to a point of another class than to any of its own), and one synthetic point in full: the seed x_i, its k
neighbours (dashed lines), the chosen neighbour x_zi, the segment and the new point x_new. The panels show the
whole class, where one neighbourhood is a few pixels wide: text labels there would sit beside other markers, so
the five roles are told apart by marker shape and size and named in the legend instead.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from smote_viz.figures.common import FONT_SIZE, axis_ranges, class_trace
from smote_viz.smote import SmoteTrace
from smote_viz.stepper.landing import MinorityOnly, chose_other_class, landed_among_others
from smote_viz.style import HIGHLIGHT_COLOUR, class_colour, class_symbol, label_text, plot_text, synthetic_symbol

LANDED_OUTLINE = 2.5  # px, the outline of a synthetic point that lies in another class's territory
LEGEND_MARGIN = 135  # px below the plots: tick labels, the axis title and three legend rows


def _one_step(trace: SmoteTrace, step: int) -> tuple[dict, dict, dict]:
    """Lines from the seed to its k neighbours, the segment, and the points (seed, neighbours, chosen, new; the
    stepper's order, labelled by the stepper's rule) of synthetic point ``step``."""
    X = np.asarray(trace.X, dtype=np.float64)
    seed = X[trace.seed_index[step]]
    near = X[trace.neighbor_indices[step]]
    chosen = X[trace.chosen_index[step]]
    new = np.asarray(trace.new_points[step], dtype=np.float64)
    k = len(near)
    gx = np.column_stack([np.full(k, seed[0]), near[:, 0], np.full(k, np.nan)]).ravel()
    gy = np.column_stack([np.full(k, seed[1]), near[:, 1], np.full(k, np.nan)]).ravel()
    px = np.concatenate([[seed[0]], near[:, 0], [chosen[0], new[0]]])
    py = np.concatenate([[seed[1]], near[:, 1], [chosen[1], new[1]]])
    return ({"x": gx, "y": gy}, {"x": [seed[0], chosen[0]], "y": [seed[1], chosen[1]]}, {"x": px, "y": py})


def _panel(fig: go.Figure, col: int, trace: SmoteTrace, step: int, positions: dict, whole_run: bool) -> None:
    first = col == 1
    X = np.asarray(trace.X, dtype=np.float64)
    for label in positions:
        rows = np.flatnonzero(trace.y == label)
        t = class_trace(X[rows], label, positions[label], name=f"class {plot_text(label)}", hover_rows=rows,
                        opacity=0.55)
        t.legendgroup, t.showlegend = f"class {label}", first
        fig.add_trace(t, row=1, col=col)
    if whole_run:
        _run(fig, col, trace, positions)
    _step(fig, col, trace, step, positions)


def _run(fig: go.Figure, col: int, trace: SmoteTrace, positions: dict) -> None:
    """Every synthetic point of the run, and the segments made towards a point of another class."""
    first = col == 1
    X = np.asarray(trace.X, dtype=np.float64)
    landed = landed_among_others(trace)
    new = np.asarray(trace.new_points, dtype=np.float32)
    for label in dict.fromkeys(trace.step_class.tolist()):
        pos = positions[label]
        mine = trace.step_class == label
        for among_others in (False, True):
            which = np.flatnonzero(mine & (landed == among_others))
            name = f"synthetic {plot_text(label)}" + (", nearer another class" if among_others else "")
            fig.add_trace(go.Scatter(
                x=new[which, 0], y=new[which, 1], mode="markers", name=name, legendgroup=name, showlegend=first,
                opacity=1.0 if among_others else 0.6,
                marker={"symbol": synthetic_symbol(pos), "size": 12 if among_others else 11, "color": class_colour(pos),
                        "line": ({"color": HIGHLIGHT_COLOUR, "width": LANDED_OUTLINE} if among_others
                                 else {"color": "white", "width": 0.6})},
                customdata=which + 1, hovertemplate="synthetic point %{customdata}<extra>%{fullData.name}</extra>",
            ), row=1, col=col)
    towards_other = np.flatnonzero(chose_other_class(trace))
    if len(towards_other):
        starts = X[trace.seed_index[towards_other]]
        ends = X[trace.chosen_index[towards_other]]
        nan = np.full(len(towards_other), np.nan)
        fig.add_trace(go.Scatter(
            x=np.column_stack([starts[:, 0], ends[:, 0], nan]).ravel(),
            y=np.column_stack([starts[:, 1], ends[:, 1], nan]).ravel(), mode="lines", connectgaps=False,
            name="segment to another class's point", legendgroup="towards", showlegend=True,
            line={"color": HIGHLIGHT_COLOUR, "width": 1}, opacity=0.6, hoverinfo="skip",
        ), row=1, col=col)


def _step(fig: go.Figure, col: int, trace: SmoteTrace, step: int, positions: dict) -> None:
    """Synthetic point ``step`` in full: seed, numbered neighbours, chosen neighbour, segment, new point."""
    guides, segment, points = _one_step(trace, step)
    label = trace.step_class[step]
    pos = positions[label.item() if hasattr(label, "item") else label]
    k = trace.k_neighbors
    common = {"showlegend": False, "hoverinfo": "skip"}
    fig.add_trace(go.Scatter(**guides, mode="lines", name="guides", connectgaps=False,
                             line={"color": "#555555", "width": 1.5, "dash": "dash"}, **common), row=1, col=col)
    fig.add_trace(go.Scatter(**segment, mode="lines", name="segment", line={"color": HIGHLIGHT_COLOUR, "width": 3},
                             **common), row=1, col=col)
    roles = ["seed x_i", *[f"neighbour {r + 1} of {k}" for r in range(k)], "chosen neighbour x_zi", "new point x_new"]
    marker = {"symbol": [class_symbol(pos), *["circle-open"] * k, "circle-open", synthetic_symbol(pos)],
              "size": [18, *[20] * k, 28, 22],
              "color": [class_colour(pos), *[HIGHLIGHT_COLOUR] * k, HIGHLIGHT_COLOUR, class_colour(pos)],
              "line": {"color": HIGHLIGHT_COLOUR, "width": [3, *[2] * k, 3, 2]}}
    fig.add_trace(go.Scatter(
        **points, mode="markers", name="highlighted points", cliponaxis=False, marker=marker, showlegend=False,
        text=roles, hovertemplate="%{text}<extra></extra>",
    ), row=1, col=col)
    if col == 1:  # the legend names each role once, with its marker (an entry without points)
        for role, i in (("seed x_i", 0), (f"its {k} nearest neighbours", 1), ("chosen neighbour x_zi", k + 1),
                        ("new point x_new", k + 2)):
            fig.add_trace(go.Scatter(
                x=[None], y=[None], mode="markers", name=role, legendgroup=role, hoverinfo="skip",
                marker={"symbol": marker["symbol"][i], "size": min(marker["size"][i], 18), "color": marker["color"][i],
                        "line": {"color": HIGHLIGHT_COLOUR, "width": marker["line"]["width"][i]}},
            ), row=1, col=col)


def panel_titles(result: MinorityOnly, counts: bool = True) -> tuple[str, str]:
    n = result.smote.n_new
    label = plot_text(label_text(result.smote.step_class[0])) if n else ""
    if not counts:
        return f"SMOTE: neighbours in class {label}", "Neighbours from every class"
    return (
        f"SMOTE: neighbours in class {label}<br>{result.landed_smote} of {n} nearer another class",
        f"Neighbours from every class<br>{result.landed_every} of {n} nearer another class",
    )


def minority_only_figure(result: MinorityOnly, *, positions: dict, axis_names: tuple[str, str] = ("x1", "x2"),
                         height: int = 560, counterfactual: bool = True, whole_run: bool = True) -> go.Figure:
    """The two runs of ``result`` side by side on the same axes, with ``result.shown_step`` drawn in full.
    ``counterfactual=False`` draws SMOTE's panel alone and ``whole_run=False`` only that one point, without the
    run's other points and counts (the question, before the answer).

    ``positions`` maps each label to its style position (``Dataset.class_positions``)."""
    titles = panel_titles(result, counts=whole_run)
    cols = 2 if counterfactual else 1
    fig = make_subplots(rows=1, cols=cols, subplot_titles=titles[:cols], horizontal_spacing=0.08,
                        shared_xaxes=True, shared_yaxes=True)
    if result.smote.n_new:
        step = result.shown_step
        _panel(fig, 1, result.smote, step, positions, whole_run)
        if counterfactual:
            _panel(fig, 2, result.every, step, positions, whole_run)
    X = np.asarray(result.smote.X, dtype=np.float64)
    over = np.isin(result.smote.y, list(dict.fromkeys(result.smote.step_class.tolist())))
    shown = np.vstack([X[over] if over.any() else X, np.asarray(result.smote.new_points, dtype=np.float64),
                       np.asarray(result.every.new_points, dtype=np.float64)])
    x_range, y_range = axis_ranges(shown, pad=0.5)
    x_name, y_name = (plot_text(n) for n in axis_names)
    fig.update_xaxes(title=x_name, range=x_range, autorange=False, gridcolor="#e5e5e5", zeroline=False)
    fig.update_yaxes(range=y_range, autorange=False, gridcolor="#e5e5e5", zeroline=False)
    fig.update_yaxes(title=y_name, row=1, col=1)
    # The legend (up to nine entries, three rows in a 480 px column) sits at the bottom of the figure, below the
    # axis titles, in a margin kept for it: it never runs into the two-line panel titles above the plots.
    fig.update_layout(
        height=height, font={"size": FONT_SIZE}, plot_bgcolor="white", hovermode="closest",
        margin={"l": 60, "r": 20, "t": 60, "b": LEGEND_MARGIN},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left", "x": 0,
                "font": {"size": 13}},
    )
    for annotation in fig.layout.annotations:
        annotation.font.size = FONT_SIZE
    return fig
