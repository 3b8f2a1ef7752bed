"""The playground's figure: the points, SMOTE's new points, the classifier's regions, and the picked seed,
its neighbours and a λ slider that moves x_new along the segment in the browser (Plotly frames, no rerun).

Traces, in drawing order (names are fixed; tests and the browser find traces by name):

- ``REGION``: cells the classifier assigns to the target class after SMOTE, tinted (a heatmap);
- ``BEFORE``, ``AFTER``: the classifier's decision boundary before SMOTE (dashed) and after (solid);
- one marker trace per class, named ``class <label> (<count>)``;
- ``SYNTHETIC``: SMOTE's new points (stars);
- with a seed picked: ``NEIGHBOURHOOD`` (dashed lines to the k neighbours and the circle through the k-th, an
  ellipse in raw units when distances are standardised), ``NEIGHBOURS`` (numbered open circles), ``SEED``;
- with a neighbour chosen too: ``SEGMENT``, ``CHOSEN`` and ``HAND_NEW`` (x_new at the slider's λ).

The view's ranges are the canvas's and never change, so the browser can turn a pointer position into data
coordinates from the plotting area's box alone.
"""

from __future__ import annotations

import functools
import json

import numpy as np
import plotly.graph_objects as go

from ..playground import Canvas, Play
from ..playground_run import Outcome
from ..style import HIGHLIGHT_COLOUR, class_colour, class_symbol, plot_text, synthetic_symbol
from .common import base_layout, class_trace

REGION = "class region after SMOTE"
BEFORE = "boundary before"
AFTER = "boundary after"
SYNTHETIC = "new points"
NEIGHBOURHOOD = "neighbourhood"
NEIGHBOURS = "neighbours"
SEED = "seed x_i"
SEGMENT = "segment"
CHOSEN = "chosen neighbour x_zi"
HAND_NEW = "your x_new"
LAMBDAS = np.round(np.arange(100) / 100, 2)  # the slider's λ values: 0.00, 0.01, ..., 0.99 (never 1)
START_LAMBDA = 50  # the slider starts at λ = 0.50
CIRCLE_POINTS = 61
SLIDER_ROOM = 95  # pixels added under the plot for the λ slider, so the plotting area keeps its size
TRANSPARENT = "rgba(0,0,0,0)"


def _tint(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def outward(dx: float, dy: float) -> str:
    """A Plotly text position on the side of a marker that points along (dx, dy) (screen-agnostic: data units)."""
    if not (np.isfinite(dx) and np.isfinite(dy)) or (dx == 0 and dy == 0):
        return "top right"
    vertical = "top" if dy > 0 else "bottom"
    horizontal = "right" if dx > 0 else "left"
    if abs(dy) < 0.4 * abs(dx):
        return f"middle {horizontal}"
    if abs(dx) < 0.4 * abs(dy):
        return f"{vertical} center"
    return f"{vertical} {horizontal}"


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def _regions(fig: go.Figure, outcome: Outcome, canvas: Canvas) -> None:
    r = outcome.regions
    colour = class_colour(canvas.positions[canvas.target])
    fig.add_trace(go.Heatmap(
        _validate=False,
        x=_f32(r.xs), y=_f32(r.ys), z=(r.margin_after > 0).astype(np.float32), zmin=0, zmax=1,
        colorscale=[[0, TRANSPARENT], [1, _tint(colour, 0.16)]], showscale=False, hoverinfo="skip",
        name=REGION, zsmooth=False,
    ))
    for name, z, dash, line_colour in ((BEFORE, r.margin_before, "dash", "#555555"),
                                       (AFTER, r.margin_after, "solid", HIGHLIGHT_COLOUR)):
        fig.add_trace(go.Contour(
            _validate=False,
            x=_f32(r.xs), y=_f32(r.ys), z=_f32(z), name=name, showlegend=True, showscale=False, hoverinfo="skip",
            contours={"start": 0, "end": 0, "size": 1, "coloring": "lines"},
            line={"color": line_colour, "width": 2, "dash": dash}, colorscale=[[0, line_colour], [1, line_colour]],
        ))


def _synthetic(fig: go.Figure, outcome: Outcome, canvas: Canvas) -> None:
    pos = canvas.positions[canvas.target]
    n = outcome.n_new
    pts = _f32(outcome.new_points).reshape(-1, 2)
    custom = None
    hover = None
    if n:
        t = outcome.trace
        custom = np.column_stack([np.arange(1, n + 1), t.seed_index[:n], t.chosen_index[:n], t.gap[:n]])
        hover = ("new point %{customdata[0]}<br>seed: point %{customdata[1]}<br>neighbour: point %{customdata[2]}"
                 "<br>λ = %{customdata[3]:.3f}<br>(%{x:.3f}, %{y:.3f})<extra></extra>")
    fig.add_trace(_scatter(
        x=pts[:, 0], y=pts[:, 1], mode="markers", name=f"{SYNTHETIC} ({n})",
        marker={"symbol": synthetic_symbol(pos), "size": 13, "color": class_colour(pos),
                "line": {"color": "white", "width": 0.8}},
        customdata=custom, hovertemplate=hover,
    ))


def _circle(centre: np.ndarray, radius: float, scale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points at ``radius`` from ``centre`` in the searched space, in raw units: a circle, or an ellipse
    with semi-axes radius x (each axis's standard deviation) when the search was standardised."""
    t = np.linspace(0.0, 2.0 * np.pi, CIRCLE_POINTS)
    return centre[0] + radius * scale[0] * np.cos(t), centre[1] + radius * scale[1] * np.sin(t)


def formula(seed: np.ndarray, chosen: np.ndarray, lam: float) -> str:
    """x_new = x_i + λ·(x_zi − x_i) with the numbers in, as the slider shows it."""
    new = seed + lam * (chosen - seed)

    def p(v: np.ndarray) -> str:
        return f"({v[0]:.4g}, {v[1]:.4g})"

    return f"λ = {lam:.2f}:  x_new = {p(seed)} + {lam:.2f}·({p(chosen)} − {p(seed)}) = {p(new)}"


def _scatter(**spec) -> go.Scatter:
    """A scatter trace built without Plotly's per-property validation (several times faster; a test checks
    that every figure validates)."""
    return go.Scatter(_validate=False, **spec)


def _pick(fig: go.Figure, play: Play, outcome: Outcome, canvas: Canvas) -> bool:
    """The seed, its neighbours and, with a chosen neighbour, the segment and the λ slider's point. Returns
    whether a slider is needed."""
    if play.seed is None:
        return False
    X = play.points.X
    seed = X[play.seed]
    neighbours = list(outcome.neighbours_of(play.seed))
    k = len(neighbours)
    common = {"showlegend": False, "hoverinfo": "skip", "cliponaxis": False}
    label_font = {"size": 15, "color": HIGHLIGHT_COLOUR}
    scale = outcome.scaler.scale_ if outcome.scaler is not None else np.ones(2)
    cx, cy = _circle(seed, outcome.radius_of(play.seed), scale)
    nx, ny = X[neighbours, 0], X[neighbours, 1]
    gx = np.column_stack([np.full(k, seed[0]), nx, np.full(k, np.nan)]).ravel()
    gy = np.column_stack([np.full(k, seed[1]), ny, np.full(k, np.nan)]).ravel()
    fig.add_trace(_scatter(
        x=_f32(np.concatenate([gx, cx])), y=_f32(np.concatenate([gy, cy])), mode="lines", name=NEIGHBOURHOOD,
        line={"color": "#555555", "width": 1.5, "dash": "dash"}, **common,
    ))
    fig.add_trace(_scatter(
        x=_f32(nx), y=_f32(ny), mode="markers+text", name=NEIGHBOURS, text=[str(r + 1) for r in range(k)],
        textposition=[outward(x - seed[0], y - seed[1]) for x, y in zip(nx, ny)],
        textfont={"size": 14, "color": HIGHLIGHT_COLOUR},
        marker={"symbol": "circle-open", "size": 20, "color": HIGHLIGHT_COLOUR, "line": {"width": 2}}, **common,
    ))
    pos = canvas.positions[canvas.target]
    # The seed's label points away from its neighbours (or from the chosen one), x_zi's away from the seed,
    # and x_new's across the segment, so no label sits on a line.
    towards = (X[play.neighbour] if play.neighbour is not None else X[neighbours].mean(axis=0)) - seed
    fig.add_trace(_scatter(
        x=_f32([seed[0]]), y=_f32([seed[1]]), mode="markers+text", name=SEED, text=["x_i"],
        textposition=outward(-towards[0], -towards[1]), textfont=label_font,
        marker={"symbol": class_symbol(pos), "size": 18, "color": class_colour(pos),
                "line": {"color": HIGHLIGHT_COLOUR, "width": 3}}, **common,
    ))
    if play.neighbour is None:
        return False
    chosen = X[play.neighbour]
    fig.add_trace(_scatter(x=_f32([seed[0], chosen[0]]), y=_f32([seed[1], chosen[1]]), mode="lines", name=SEGMENT,
                           line={"color": HIGHLIGHT_COLOUR, "width": 3}, **common))
    fig.add_trace(_scatter(
        x=_f32([chosen[0]]), y=_f32([chosen[1]]), mode="markers+text", name=CHOSEN, text=["x_zi"],
        textposition=outward(*towards), textfont=label_font,
        marker={"symbol": "circle-open", "size": 28, "color": HIGHLIGHT_COLOUR, "line": {"width": 3}}, **common,
    ))
    new = seed + LAMBDAS[START_LAMBDA] * (chosen - seed)
    fig.add_trace(_scatter(
        x=[float(new[0])], y=[float(new[1])], mode="markers+text", name=HAND_NEW, text=["x_new"],
        textposition=outward(-towards[1], towards[0]), textfont=label_font,
        marker={"symbol": synthetic_symbol(pos), "size": 22, "color": class_colour(pos),
                "line": {"color": HIGHLIGHT_COLOUR, "width": 2}}, **common,
    ))
    return True


def _slider(fig: go.Figure, seed: np.ndarray, chosen: np.ndarray) -> None:
    """A λ slider under the plot: one frame per λ moves only the x_new trace, in the browser."""
    moving = len(fig.data) - 1
    frames, steps = [], []
    for lam in LAMBDAS.tolist():
        new = seed + lam * (chosen - seed)
        name = f"{lam:.2f}"
        frames.append(go.Frame(data=[_scatter(x=[float(new[0])], y=[float(new[1])])],
                               traces=[moving], name=name, _validate=False))
        steps.append({"label": formula(seed, chosen, lam), "method": "animate",
                      "args": [[name], {"mode": "immediate", "frame": {"duration": 0, "redraw": False},
                                        "transition": {"duration": 0}}]})
    fig.update_layout(
        sliders=[go.layout.Slider(_validate=False, arg={
            "active": START_LAMBDA, "x": 0.0, "len": 1.0, "y": -0.16, "yanchor": "top", "pad": {"t": 36, "b": 0},
            "currentvalue": {"visible": True, "xanchor": "left", "prefix": "", "font": {"size": 14, "color": "#222222"}},
            "font": {"color": TRANSPARENT, "size": 1}, "ticklen": 0, "minorticklen": 0,
            "transition": {"duration": 0}, "steps": steps,
        })],
        margin={"b": 55 + SLIDER_ROOM},
        height=fig.layout.height + SLIDER_ROOM,
    )
    fig.frames = frames


@functools.lru_cache(maxsize=64)
def _layout(x_name: str, y_name: str, x_range: tuple, y_range: tuple, height: int) -> str:
    """The layout of a canvas as JSON: the app's shared layout (``base_layout``) with the canvas's fixed view.
    Validating a layout costs more than the rest of the figure, and it changes only with the canvas, so it is
    built once and each figure starts from a fresh copy."""
    fig = go.Figure()
    base_layout(fig, x_title=x_name, y_title=y_name, height=height)
    fig.update_xaxes(range=list(x_range), autorange=False, fixedrange=True)
    fig.update_yaxes(range=list(y_range), autorange=False, fixedrange=True)
    span_x, span_y = x_range[1] - x_range[0], y_range[1] - y_range[0]
    if 0.25 <= span_x / span_y <= 4:
        # Equal scale on both axes, so a circle looks round and distances look like distances.
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_xaxes(constrain="domain")
    fig.update_layout(dragmode=False, hovermode="closest", template="none", margin={"t": 40},
                      legend={"font": {"size": 12}, "itemwidth": 30})
    return json.dumps(fig.layout.to_plotly_json())


def playground_figure(canvas: Canvas, play: Play, outcome: Outcome, *, height: int = 520) -> go.Figure:
    """The whole picture of one state of the playground (see the module docstring for its traces)."""
    layout = _layout(canvas.x_name, canvas.y_name, tuple(canvas.x_range), tuple(canvas.y_range), height)
    fig = go.Figure(layout=json.loads(layout), _validate=False)
    if outcome.regions is not None:
        _regions(fig, outcome, canvas)
    _synthetic(fig, outcome, canvas)  # under the originals, so a star never hides a real point
    points = play.points
    for label in canvas.classes:
        rows = np.flatnonzero(points.y == label)
        trace = class_trace(points.X[rows], label, canvas.positions[label], size=11, opacity=0.9,
                            name=f"class {plot_text(label)} ({len(rows)})", hover_rows=rows)
        trace.update(text=[str(int(r)) for r in rows],
                     hovertemplate="point %{text}<br>(%{x:.3f}, %{y:.3f})<extra>%{fullData.name}</extra>")
        fig.add_trace(trace)
    if _pick(fig, play, outcome, canvas):
        _slider(fig, points.X[play.seed], points.X[play.neighbour])
    return fig
