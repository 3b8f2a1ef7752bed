"""Figures of the stepper: one SMOTE phase as a static figure, and the whole run as a Plotly animation.

Both draw the same traces, in this order:

- one marker trace per original class (never changes);
- one trace per over-sampled class holding its synthetic points;
- the highlight traces of the current phase: guide lines (seed to neighbours, and the circle through the k-th
  neighbour), the neighbours, the seed, the chosen neighbour, the segment, the new point.

In the animation every synthetic point is placed in its class trace from the start, with a numeric colour
value equal to its step number. A two-colour step colour scale (class colour, then transparent) and the
trace's ``marker.cmin``/``cmax`` decide which of them are visible: a frame sets only those two numbers per
class, so a frame's size does not grow with the number of points already placed, and every frame still
describes the complete picture (the slider may jump backwards).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..data.dataset import class_counts, style_positions
from ..narration import phase_label, position_count, split_position
from ..smote import PHASES_PER_POINT, SmoteTrace
from ..style import HIGHLIGHT_COLOUR, class_colour, class_symbol, plot_text, synthetic_symbol
from .common import axis_ranges, base_layout, class_trace

CIRCLE_POINTS = 29
WEBGL_ABOVE = 4000  # the static figure draws data and synthetic points with WebGL above this many points
TRANSPARENT = "rgba(0,0,0,0)"
HIGHLIGHT_NAMES = ("guides", "segment", "highlighted points")
GUIDES, SEGMENT, POINTS = range(3)


def _compact(values) -> list:
    """A few coordinates as a plain list at 7 significant digits, float32's precision (None: a hidden point).
    For short arrays this is smaller in JSON than a typed array, and Plotly serialises it several times faster."""
    return [None if not np.isfinite(v) else float(f"{v:.7g}") for v in np.asarray(values, dtype=np.float64)]


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def class_positions(trace: SmoteTrace) -> dict:
    """Label -> style position, by the rule of ``Dataset.class_positions``: the largest class of the original
    data is 0, the next 1, ties in sorted label order (so a class looks the same on every page)."""
    return style_positions(class_counts(trace.y))


def oversampled_classes(trace: SmoteTrace) -> list:
    return [label for label, n in trace.sampling_strategy.items() if n > 0]


def _circle(centre: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    t = np.linspace(0.0, 2.0 * np.pi, CIRCLE_POINTS)
    return centre[0] + radius * np.cos(t), centre[1] + radius * np.sin(t)


def point_roles(k: int) -> list[str]:
    """What each point of the highlight-points trace is: the seed, the k neighbours, the chosen one, the new one."""
    return ["seed", *[f"neighbour {r + 1}" for r in range(k)], "chosen", "new"]


def highlight_data(trace: SmoteTrace, position: int) -> list[dict]:
    """x/y of the three highlight traces at ``position``: guide lines, the segment, and the highlighted points
    (seed, k neighbours, chosen neighbour, new point; see ``point_roles``).

    A hidden point is NaN, a hidden line a single NaN point. Never an empty list: a Plotly animation frame
    (``redraw: false``) that sets a trace to empty arrays leaves its old markers on screen.
    """
    i, phase = split_position(position)
    k = trace.k_neighbors
    nan1 = {"x": [None], "y": [None]}
    px = np.full(k + 3, np.nan)
    py = np.full(k + 3, np.nan)
    guides, segment = nan1, nan1
    if i is not None:
        X = np.asarray(trace.X, dtype=np.float64)
        seed = X[trace.seed_index[i]]
        chosen = X[trace.chosen_index[i]]
        neighbours = X[trace.neighbor_indices[i]]
        px[0], py[0] = seed
        if phase in (2, 3):
            gx = np.column_stack([np.full(k, seed[0]), neighbours[:, 0], np.full(k, np.nan)]).ravel()
            gy = np.column_stack([np.full(k, seed[1]), neighbours[:, 1], np.full(k, np.nan)]).ravel()
            cx, cy = _circle(seed, float(trace.neighbor_distances[i, -1]))
            guides = {"x": _f32(np.concatenate([gx, cx])), "y": _f32(np.concatenate([gy, cy]))}
            px[1:k + 1], py[1:k + 1] = neighbours[:, 0], neighbours[:, 1]
        if phase >= 3:
            px[k + 1], py[k + 1] = chosen
        if phase == 4:
            new = np.asarray(trace.new_points[i], dtype=np.float64)
            segment = {"x": _compact([seed[0], chosen[0]]), "y": _compact([seed[1], chosen[1]])}
            px[k + 2], py[k + 2] = new[0], new[1]
    return [guides, segment, {"x": _compact(px), "y": _compact(py), "textposition": label_positions(px, py)}]


def _outward(dx: float, dy: float) -> str:
    """A text position on the side of a marker that points along (dx, dy)."""
    if not (np.isfinite(dx) and np.isfinite(dy)) or (dx == 0 and dy == 0):
        return "top right"
    if abs(dy) < 0.4 * abs(dx):
        return "middle right" if dx > 0 else "middle left"
    if abs(dx) < 0.4 * abs(dy):
        return "top center" if dy > 0 else "bottom center"
    return ("top " if dy > 0 else "bottom ") + ("right" if dx > 0 else "left")


def _flip(position: str) -> str:
    vertical, horizontal = position.split(" ")
    return {"top": "bottom", "bottom": "top", "middle": "bottom"}[vertical] + " " + horizontal


def label_positions(px: np.ndarray, py: np.ndarray) -> list[str]:
    """Text positions for the highlighted points (seed, k neighbours, chosen, new): each neighbour's number
    sits on the side facing away from the seed, the seed's label away from its neighbours, so labels do not
    land on the dashed lines or on each other."""
    seed = np.array([px[0], py[0]])
    k = len(px) - 3
    offsets = np.column_stack([px[1:k + 1], py[1:k + 1]]) - seed
    shown = offsets[np.isfinite(offsets).all(axis=1)]
    away = np.array([0.0, -1.0])
    if len(shown):
        # The seed's label goes into the widest empty angle between its neighbours.
        angles = np.sort(np.arctan2(shown[:, 1], shown[:, 0]))
        gaps = np.diff(np.append(angles, angles[0] + 2 * np.pi))
        widest = int(np.argmax(gaps))
        middle = angles[widest] + gaps[widest] / 2
        away = np.array([np.cos(middle), np.sin(middle)])
    chosen = np.array([px[k + 1], py[k + 1]]) - seed
    # The new point lies on the segment: its label goes across the segment, not along it.
    across = np.array([-chosen[1], chosen[0]])
    return [
        _outward(*away),
        *[_outward(*offset) for offset in offsets],
        _flip(_outward(*chosen)),  # the chosen neighbour also carries its number: the other side
        _outward(*across),
    ]


def placed_count(position: int) -> int:
    """Synthetic points already placed at ``position`` (the current point counts once phase 4 is reached)."""
    i, phase = split_position(position)
    if i is None:
        return 0
    return i + (1 if phase == 4 else 0)


def _highlight_traces(trace: SmoteTrace, position: int, positions: dict) -> list[go.Scatter]:
    data = highlight_data(trace, position)
    k = trace.k_neighbors
    i, _ = split_position(position)
    label = trace.step_class[i] if i is not None else (oversampled_classes(trace) or [trace.y[0]])[0]
    pos = positions[label.item() if hasattr(label, "item") else label]
    colour = class_colour(pos)
    common = {"showlegend": False, "hoverinfo": "skip", "cliponaxis": False}
    return [
        go.Scatter(**data[GUIDES], name=HIGHLIGHT_NAMES[GUIDES], mode="lines",
                   line={"color": "#555555", "width": 1.5, "dash": "dash"}, connectgaps=False, **common),
        go.Scatter(**data[SEGMENT], name=HIGHLIGHT_NAMES[SEGMENT], mode="lines",
                   line={"color": HIGHLIGHT_COLOUR, "width": 3}, **common),
        go.Scatter(
            **data[POINTS], name=HIGHLIGHT_NAMES[POINTS], mode="markers+text",
            text=["x_i", *[str(r + 1) for r in range(k)], "x_zi", "x_new"],
            textfont={"size": 14, "color": HIGHLIGHT_COLOUR},
            marker={
                "symbol": [class_symbol(pos), *["circle-open"] * k, "circle-open", synthetic_symbol(pos)],
                "size": [18, *[20] * k, 28, 22],
                "color": [colour, *[HIGHLIGHT_COLOUR] * k, HIGHLIGHT_COLOUR, colour],
                "line": {"color": HIGHLIGHT_COLOUR, "width": [3, *[2] * k, 3, 2]},
            },
            **common,
        ),
    ]


_SYNTHETIC_HOVER = (
    "synthetic point %{customdata[0]} (placed at step %{customdata[4]})<br>seed: row %{customdata[1]}"
    "<br>neighbour: row %{customdata[2]}<br>λ = %{customdata[3]:.4f}<br>(%{x:.3f}, %{y:.3f})"
    "<extra>%{fullData.name}</extra>"
)


def _synthetic_custom(trace: SmoteTrace, steps: np.ndarray) -> np.ndarray:
    """Per synthetic point: its number, seed row, chosen row, lambda, and the step (position) placing it."""
    return np.column_stack(
        [steps + 1, trace.seed_index[steps], trace.chosen_index[steps], trace.gap[steps],
         PHASES_PER_POINT * (steps + 1)]
    ).astype(np.float32)


def _synthetic_trace(trace: SmoteTrace, label, steps: np.ndarray, pos: int, **marker_extra) -> go.Scatter:
    pts = _f32(trace.new_points[steps]).reshape(-1, 2)
    return go.Scatter(
        x=pts[:, 0], y=pts[:, 1], mode="markers", name=f"synthetic {plot_text(label)}",
        marker={"symbol": synthetic_symbol(pos), "size": 12, "color": class_colour(pos),
                "line": {"color": "white", "width": 0.6}, **marker_extra},
        customdata=_synthetic_custom(trace, steps), hovertemplate=_SYNTHETIC_HOVER,
    )


def _originals_on_top(trace: SmoteTrace, positions: dict) -> list[go.Scatter]:
    """The original points of the over-sampled classes drawn again above the stars, so a run with many new
    points never hides the real data it was made from (no legend entry, no hover: the first copy has both)."""
    X = np.asarray(trace.X, dtype=np.float64)
    out = []
    for label in oversampled_classes(trace):
        rows = np.flatnonzero(trace.y == label)
        t = class_trace(X[rows], label, positions[label], size=10, opacity=1.0)
        t.showlegend = False
        t.hoverinfo = "skip"
        t.hovertemplate = None
        out.append(t)
    return out


def focus_ranges(trace: SmoteTrace) -> tuple[list[float], list[float]]:
    """Fixed axis ranges around the classes being over-sampled (and their new points), with a wide margin so
    the neighbouring points of other classes stay in view; all the data if nothing is over-sampled."""
    X = np.asarray(trace.X, dtype=np.float64)
    classes = oversampled_classes(trace)
    if not classes:
        return axis_ranges(X)
    rows = np.isin(trace.y, classes)
    points = np.vstack([X[rows], np.asarray(trace.new_points, dtype=np.float64)])
    return axis_ranges(points, pad=0.5)


def _webgl(t: go.Scatter) -> go.Scattergl:
    """The same markers drawn with WebGL: thousands of SVG markers make a browser sluggish."""
    spec = t.to_plotly_json()
    spec.pop("type", None)
    spec.pop("cliponaxis", None)
    return go.Scattergl(**spec)


def _base(trace: SmoteTrace, positions: dict, *, x_title: str, y_title: str, height: int,
          webgl: bool = False) -> go.Figure:
    fig = go.Figure()
    X = np.asarray(trace.X, dtype=np.float64)
    for label in np.unique(trace.y).tolist():
        pos = positions[label]
        rows = np.flatnonzero(trace.y == label)
        t = class_trace(X[rows], label, pos, name=f"class {plot_text(label)} ({len(rows)})", hover_rows=rows,
                        opacity=0.55)
        fig.add_trace(_webgl(t) if webgl else t)
    base_layout(fig, x_title=x_title, y_title=y_title, height=height)
    x_range, y_range = focus_ranges(trace)
    fig.update_xaxes(range=x_range, autorange=False)
    fig.update_yaxes(range=y_range, autorange=False)
    span_x, span_y = x_range[1] - x_range[0], y_range[1] - y_range[0]
    if 0.25 <= span_x / span_y <= 4:
        # Equal scale on both axes, so the neighbour circle is round and distances look like distances.
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_xaxes(constrain="domain")  # shrink the plot, not widen a range: the view is exactly the range
    fig.update_layout(hovermode="closest", template="none")
    return fig


def stepper_figure(trace: SmoteTrace, position: int, *, x_title: str = "x1", y_title: str = "x2",
                   positions: dict | None = None, height: int = 560) -> go.Figure:
    """The picture at one position: the data, the synthetic points placed so far, the current phase.

    Above ``WEBGL_ABOVE`` points the data and synthetic markers use WebGL (``Scattergl``); the highlights stay
    SVG. The animation always uses SVG, which Plotly can animate without redrawing.

    ``positions`` maps labels to style positions (``Dataset.class_positions``); default: the same rule."""
    if trace.X.shape[1] != 2:
        raise ValueError("The stepper draws 2-D data; pass the two viewed columns.")
    position = int(min(max(position, 0), position_count(trace) - 1))
    positions = positions or class_positions(trace)
    placed = placed_count(position)
    webgl = trace.n_original + placed > WEBGL_ABOVE
    fig = _base(trace, positions, x_title=x_title, y_title=y_title, height=height, webgl=webgl)
    for label in oversampled_classes(trace):
        steps = trace.class_steps(label)
        t = _synthetic_trace(trace, label, steps[steps < placed], positions[label])
        fig.add_trace(_webgl(t) if webgl else t)
    for t in _originals_on_top(trace, positions):
        fig.add_trace(_webgl(t) if webgl else t)
    for t in _highlight_traces(trace, position, positions):
        fig.add_trace(t)
    return fig


def _visibility(first: int, placed: int, n: int) -> dict:
    """cmin/cmax that show the first ``placed - first`` points of a class trace whose colour values are
    0..n-1: values below the threshold map under 0.5 (class colour), the others above (transparent)."""
    threshold = min(max(placed - first, 0), n) - 0.5
    half = n + 1.0
    return {"cmin": threshold - half, "cmax": threshold + half}


def animation_figure(trace: SmoteTrace, *, frame_ms: int = 500, start: int = 0, x_title: str = "x1",
                     y_title: str = "x2", positions: dict | None = None, height: int = 600) -> go.Figure:
    """The whole run as frames, one per position, with Play / Pause and a slider over every phase.

    Frames list only the traces that change (``traces=[...]``): each class's synthetic trace (two numbers)
    and the three highlight traces. ``frame_ms`` is the time each phase stays on screen while playing.
    """
    if trace.X.shape[1] != 2:
        raise ValueError("The stepper draws 2-D data; pass the two viewed columns.")
    n_pos = position_count(trace)
    start = int(min(max(start, 0), n_pos - 1))
    positions = positions or class_positions(trace)
    fig = _base(trace, positions, x_title=x_title, y_title=y_title, height=height)
    classes = oversampled_classes(trace)
    firsts = {}
    synthetic_ids = []
    for label in classes:
        steps = trace.class_steps(label)
        firsts[label] = int(steps[0])
        colour = class_colour(positions[label])
        scale = [[0.0, colour], [0.5, colour], [0.5, TRANSPARENT], [1.0, TRANSPARENT]]
        fig.add_trace(_synthetic_trace(
            trace, label, steps, positions[label],
            **{"color": np.arange(len(steps), dtype=np.float32), "colorscale": scale, "showscale": False,
               **_visibility(firsts[label], placed_count(start), len(steps))},
        ))
        fig.data[-1].marker.line = {"color": TRANSPARENT, "width": 0}
        fig.data[-1].showlegend = False
        synthetic_ids.append(len(fig.data) - 1)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"synthetic {plot_text(label)}",
                                 marker={"symbol": synthetic_symbol(positions[label]), "size": 12, "color": colour}))
    for t in _originals_on_top(trace, positions):
        fig.add_trace(t)
    first_dynamic = len(fig.data)
    for t in _highlight_traces(trace, start, positions):
        fig.add_trace(t)
    highlight_ids = list(range(first_dynamic, first_dynamic + len(HIGHLIGHT_NAMES)))
    frames = []
    sizes = {label: len(trace.class_steps(label)) for label in classes}
    for p in range(n_pos):
        placed = placed_count(p)
        # Frames hold only x, y and marker.cmin/cmax, of traces validated above: Plotly's per-property
        # validation is skipped, which makes building thousands of frames several times faster.
        data = [go.Scatter(marker=_visibility(firsts[label], placed, sizes[label]), _validate=False)
                for label in classes]
        data += [go.Scatter(**d, _validate=False) for d in highlight_data(trace, p)]
        frames.append(go.Frame(data=data, traces=synthetic_ids + highlight_ids, name=str(p), _validate=False))
    play_args = {"frame": {"duration": int(frame_ms), "redraw": False}, "fromcurrent": True,
                 "transition": {"duration": 0}, "mode": "immediate"}
    pause_args = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}
    fig.update_layout(
        updatemenus=[{
            "type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": -0.14,
            "xanchor": "left", "yanchor": "top", "pad": {"r": 10, "t": 0},
            "buttons": [
                {"label": "▶ Play", "method": "animate", "args": [None, play_args]},
                {"label": "❚❚ Pause", "method": "animate", "args": [[None], pause_args]},
            ],
        }],
        sliders=[{
            "active": start, "x": 0.22, "len": 0.78, "y": -0.1, "yanchor": "top", "pad": {"t": 10},
            "currentvalue": {"visible": True, "prefix": "Point ", "xanchor": "left",
                             "font": {"size": 15, "color": "#222222"}},
            "font": {"color": TRANSPARENT, "size": 1}, "ticklen": 0, "minorticklen": 0,
            "transition": {"duration": 0},
            "steps": [
                {"label": phase_label(trace, p), "method": "animate",
                 "args": [[str(p)], {"mode": "immediate", "frame": {"redraw": False},
                                     "transition": {"duration": 0}}]}
                for p in range(n_pos)
            ],
        }],
        margin={"b": 130},
    )
    fig.frames = frames
    return fig


def outside_view(trace: SmoteTrace) -> dict:
    """``{label: rows outside the fixed view}`` for classes that have any: the stepper zooms on the classes
    being over-sampled, and the page says how much of the rest it leaves out."""
    (x0, x1), (y0, y1) = focus_ranges(trace)
    X = np.asarray(trace.X, dtype=np.float64)
    outside = (X[:, 0] < x0) | (X[:, 0] > x1) | (X[:, 1] < y0) | (X[:, 1] > y1)
    counts = {}
    for label in np.unique(trace.y).tolist():
        n = int(np.sum(outside & (trace.y == label)))
        if n:
            counts[label] = n
    return counts
