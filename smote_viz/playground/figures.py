"""The playground's figure: the points, SMOTE's new points, the classifier's regions, and the picked seed,
its neighbours and a λ slider that moves x_new along the segment in the browser (Plotly frames, no rerun).

Traces, in drawing order (names are fixed; tests and the browser find traces by name):

- ``REGION`` (a layout shape, not a trace): where the classifier assigns the target class after SMOTE, tinted;
- ``BEFORE``, ``AFTER``: the classifier's decision boundary before SMOTE (dotted) and after (solid);
- one marker trace per class, named ``class <label> (<count>)``;
- ``SYNTHETIC``: SMOTE's new points (stars);
- with a seed picked: ``NEIGHBOURHOOD`` (dashed lines to the k neighbours and the circle through the k-th, an
  ellipse in raw units when distances are standardised), ``NEIGHBOURS`` (numbered open circles), ``SEED``;
- with a neighbour chosen too: ``SEGMENT``, ``CHOSEN`` and ``HAND_NEW`` (x_new at the slider's λ).

The view's ranges are the canvas's and never change, so the browser can turn a pointer position into data
coordinates from the plotting area's box alone. The λ slider sits above the plot, in a band kept free in every
figure (a hint says what will appear there), so the plot never moves under the pointer and the slider stays in
view on a 1280 x 720 screen.
"""

from __future__ import annotations

import functools
import json

import contourpy
import numpy as np
import plotly.graph_objects as go

from smote_viz.figures.common import PROJECTOR_FONT, base_layout, class_trace, projector_sized
from smote_viz.playground.canvas import Canvas, Play
from smote_viz.playground.run import Outcome
from smote_viz.style import HIGHLIGHT_COLOUR, class_colour, class_symbol, plot_text, synthetic_symbol

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
LEGEND_ROOM = 48  # pixels at the top of every figure for the legend (two rows)
SLIDER_ROOM = 90  # pixels between the legend and the plot for the λ slider and its two-line formula (or the hint)
SMALL_FONT = 13  # legend, formula and hint; presenter mode scales them and the rooms to PROJECTOR_FONT
TRANSPARENT = "rgba(0,0,0,0)"
HINT_SEED = "λ by hand: pick a seed and one of its neighbours, and a λ slider appears here."
HINT_NEIGHBOUR = "Now click one of the numbered neighbours: a λ slider appears here."


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


def _scatter(**spec) -> go.Scatter:
    """A scatter trace built without Plotly's per-property validation (several times faster; a test checks
    that every figure validates)."""
    return go.Scatter(_validate=False, **spec)


def boundary_lines(xs: np.ndarray, ys: np.ndarray, margin: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The decision boundary (where ``margin`` crosses 0 on the grid) as x and y arrays of polylines separated by
    NaN, traced by contourpy (marching squares)."""
    lines = contourpy.contour_generator(xs, ys, margin).lines(0.0)
    if not lines:
        return np.zeros(0), np.zeros(0)
    gap = np.full((1, 2), np.nan)
    joined = np.vstack([part for line in lines for part in (line, gap)][:-1])
    return joined[:, 0], joined[:, 1]


def region_path(xs: np.ndarray, ys: np.ndarray, margin: np.ndarray) -> str:
    """Where ``margin`` > 0, as one SVG path in data coordinates: each polygon's outline and its holes as
    closed rings, filled with the even-odd rule (contourpy's filled contours)."""
    polygons, offsets = contourpy.contour_generator(xs, ys, margin, fill_type="OuterOffset").filled(0.0, np.inf)
    rings = []
    for points, offset in zip(polygons, offsets, strict=True):
        for start, stop in zip(offset[:-1], offset[1:], strict=True):
            rings.append("M" + "L".join(f"{x:.6g},{y:.6g}" for x, y in points[start:stop]) + "Z")
    return "".join(rings)


def _regions(fig: go.Figure, outcome: Outcome, canvas: Canvas) -> None:
    """The classifier's answer. Plotly's heatmap and contour traces vanish when a frame of the λ slider is shown
    (plotly.js issue 4491, plotly.py issue 2151), so the region is a filled path shape and the boundaries are
    line traces, which an animation leaves alone."""
    r = outcome.regions
    colour = class_colour(canvas.positions[canvas.target])
    path = region_path(r.xs, r.ys, r.margin_after)
    if path:
        fig.add_shape(type="path", path=path, xref="x", yref="y", fillcolor=_tint(colour, 0.16), fillrule="evenodd",
                      line={"width": 0}, layer="below", name=REGION)
    for name, z, dash, line_colour in ((BEFORE, r.margin_before, "dot", "#555555"),
                                       (AFTER, r.margin_after, "solid", HIGHLIGHT_COLOUR)):
        x, y = boundary_lines(r.xs, r.ys, z)
        fig.add_trace(_scatter(x=_f32(x), y=_f32(y), mode="lines", name=name, hoverinfo="skip",
                               line={"color": line_colour, "width": 2, "dash": dash}))


def _synthetic(fig: go.Figure, outcome: Outcome, canvas: Canvas) -> None:
    """SMOTE's new points as stars; a star that landed in another class's territory is outlined in black."""
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
    elsewhere = np.asarray(outcome.elsewhere, dtype=bool)
    fig.add_trace(_scatter(
        x=pts[:, 0], y=pts[:, 1], mode="markers", name=f"{SYNTHETIC} ({n})",
        marker={"symbol": synthetic_symbol(pos), "size": np.where(elsewhere, 15, 13).tolist(),
                "color": class_colour(pos),
                "line": {"color": np.where(elsewhere, HIGHLIGHT_COLOUR, "white").tolist(),
                         "width": np.where(elsewhere, 1.6, 0.8).tolist()}},
        customdata=custom, hovertemplate=hover,
    ))


def _circle(centre: np.ndarray, radius: float, scale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points at ``radius`` from ``centre`` in the searched space, in raw units: a circle, or an ellipse
    with semi-axes radius x (each axis's standard deviation) when the search was standardised."""
    t = np.linspace(0.0, 2.0 * np.pi, CIRCLE_POINTS)
    return centre[0] + radius * scale[0] * np.cos(t), centre[1] + radius * scale[1] * np.sin(t)


def number(value: float) -> str:
    """A coordinate in at most 4 significant digits, never in exponent form (78000, not 7.8e+04)."""
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-3):
        return f"{value:.0f}" if abs(value) >= 1e4 else f"{value:.2g}"
    return f"{value:.4g}"


def formula(seed: np.ndarray, chosen: np.ndarray, lam: float) -> str:
    """x_new = x_i + λ·(x_zi − x_i) with the numbers in, as the slider shows it (two lines)."""
    new = seed + lam * (chosen - seed)

    def p(v: np.ndarray) -> str:
        return f"({number(v[0])}, {number(v[1])})"

    return (f"λ = {lam:.2f}   x_new = x_i + λ·(x_zi − x_i)<br>"
            f"= {p(seed)} + {lam:.2f}·({p(chosen)} − {p(seed)}) = {p(new)}")


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
        line={"color": HIGHLIGHT_COLOUR, "width": 1.2, "dash": "dash"}, **common,
    ))
    fig.add_trace(_scatter(
        x=_f32(nx), y=_f32(ny), mode="markers+text", name=NEIGHBOURS, text=[str(r + 1) for r in range(k)],
        textposition=[outward(x - seed[0], y - seed[1]) for x, y in zip(nx, ny)],
        textfont={"size": 14, "color": HIGHLIGHT_COLOUR},
        marker={"symbol": "circle-open", "size": 18, "color": HIGHLIGHT_COLOUR, "line": {"width": 2}}, **common,
    ))
    pos = canvas.positions[canvas.target]
    # The seed's label points away from its neighbours (or from the chosen one), x_zi's away from the seed,
    # and x_new's across the segment, so no label sits on a line.
    towards = (X[play.neighbour] if play.neighbour is not None else X[neighbours].mean(axis=0)) - seed
    fig.add_trace(_scatter(
        x=_f32([seed[0]]), y=_f32([seed[1]]), mode="markers+text", name=SEED, text=["x_i"],
        textposition=outward(-towards[0], -towards[1]), textfont=label_font,
        marker={"symbol": class_symbol(pos), "size": 16, "color": class_colour(pos),
                "line": {"color": HIGHLIGHT_COLOUR, "width": 2.5}}, **common,
    ))
    if play.neighbour is None:
        return False
    chosen = X[play.neighbour]
    fig.add_trace(_scatter(x=_f32([seed[0], chosen[0]]), y=_f32([seed[1], chosen[1]]), mode="lines", name=SEGMENT,
                           line={"color": HIGHLIGHT_COLOUR, "width": 3}, **common))
    fig.add_trace(_scatter(
        x=_f32([chosen[0]]), y=_f32([chosen[1]]), mode="markers+text", name=CHOSEN, text=["x_zi"],
        textposition=outward(*towards), textfont=label_font,
        marker={"symbol": "circle-open", "size": 24, "color": HIGHLIGHT_COLOUR, "line": {"width": 2.5}}, **common,
    ))
    new = seed + LAMBDAS[START_LAMBDA] * (chosen - seed)
    fig.add_trace(_scatter(
        x=[float(new[0])], y=[float(new[1])], mode="markers+text", name=HAND_NEW, text=["x_new"],
        textposition=outward(-towards[1], towards[0]), textfont=label_font,
        marker={"symbol": synthetic_symbol(pos), "size": 19, "color": class_colour(pos),
                "line": {"color": HIGHLIGHT_COLOUR, "width": 2}}, **common,
    ))
    return True


def _slider(fig: go.Figure, seed: np.ndarray, chosen: np.ndarray, font: int) -> None:
    """A λ slider above the plot: one frame per λ moves only the x_new trace, in the browser."""
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
            "active": START_LAMBDA, "x": 0.0, "len": 1.0, "y": 1.0, "yanchor": "bottom", "pad": {"t": 0, "b": 6},
            "currentvalue": {"visible": True, "xanchor": "left", "prefix": "", "offset": 8,
                             "font": {"size": font, "color": "#222222"}},
            "font": {"color": TRANSPARENT, "size": 1}, "ticklen": 0, "minorticklen": 0,
            "transition": {"duration": 0}, "steps": steps,
        })],
    )
    fig.frames = frames


@functools.lru_cache(maxsize=64)
def _layout(x_name: str, y_name: str, x_range: tuple, y_range: tuple, height: int, font: int) -> str:
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
    fig.update_layout(
        dragmode=False, hovermode="closest", template="none",
        margin={"t": round((LEGEND_ROOM + SLIDER_ROOM) * font / SMALL_FONT)},
        # Legend clicks would hide traces: off, so that every click on the figure means what the page says.
        legend={"font": {"size": font - 1}, "itemwidth": 30, "yref": "container", "y": 1.0, "yanchor": "top",
                "itemclick": False, "itemdoubleclick": False},
    )
    return json.dumps(fig.layout.to_plotly_json())


def playground_figure(canvas: Canvas, play: Play, outcome: Outcome, *, height: int = 530,
                      projector: bool = False) -> go.Figure:
    """The whole picture of one state of the playground (see the module docstring for its traces).
    ``projector``: presenter mode, everything larger (``projector_sized``), the legend and slider bands too."""
    font = PROJECTOR_FONT if projector else SMALL_FONT
    if projector:
        height = round(height * 1.15)
    layout = _layout(canvas.x_name, canvas.y_name, tuple(canvas.x_range), tuple(canvas.y_range), height, font)
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
        _slider(fig, points.X[play.seed], points.X[play.neighbour], font)
    else:
        fig.add_annotation(
            text=HINT_NEIGHBOUR if play.seed is not None else HINT_SEED, xref="paper", yref="paper", x=0, y=1,
            xanchor="left", yanchor="bottom", yshift=14, showarrow=False, font={"size": font, "color": "#555555"},
        )
    return projector_sized(fig) if projector else fig
