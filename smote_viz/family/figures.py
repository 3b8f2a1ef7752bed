"""The SMOTE-family gallery: one small panel per sampler on shared axes, each with its internal state on top.

Every panel draws the originals (class colour and symbol) and the synthetic points (a star in the class
colour), then the sampler's state: Borderline's noise / danger / safe vote, ADASYN's hardness (marker size) and
per-point counts, SVMSMOTE's support vectors and extrapolated points, KMeansSMOTE's clusters (hulls, centres,
weights), RandomOverSampler's duplicate counts or smoothed-bootstrap cloud, and removed points as open grey
markers. Panel titles carry the counts after resampling and the held-out scores.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import plotly.graph_objects as go
from scipy.spatial import ConvexHull, QhullError

from smote_viz.family import (
    AdasynState,
    BorderlineState,
    CleaningState,
    KMeansState,
    RandomOverState,
    SvmState,
    VariantResult,
)
from smote_viz.figures.common import FONT_SIZE, axis_ranges
from smote_viz.style import (
    HIGHLIGHT_COLOUR,
    NEUTRAL_GREY,
    class_colour,
    class_symbol,
    plot_text,
    plural,
    synthetic_symbol,
)

COLUMNS = 3
PANEL_HEIGHT = 340
GL_THRESHOLD = 800  # above this many rows the panels use WebGL markers
MAX_COPY_LABELS = 40  # label at most this many rows with counts (ROS copies, ADASYN g_i): the largest ones

CATEGORY_STYLE = {
    # Borderline / SVMSMOTE vote: black / dark grey marks told apart by shape, so that no mark looks like a
    # class (class colours are Okabe-Ito hues)
    "danger": ("diamond-open", HIGHLIGHT_COLOUR, "danger: a seed"),
    "noise": ("square-x-open", "#333333", "noise: ignored"),
    "safe": ("hexagon-open", "#555555", "safe: ignored"),
}
COPIES_LEGEND = "×n: n copies stacked (the original and n - 1 duplicates)"
# count labels: black with a white halo ("auto" shadow), readable on top of the markers they label
LABEL_FONT = {"size": 12, "color": HIGHLIGHT_COLOUR, "shadow": "auto"}
SUBTITLE_SIZE = 13  # panel subtitles (counts, scores): readable on a projector
SUBTITLE_COLOUR = "#1a1a1a"
LABEL_BOX = (0.09, 0.07)  # a count label's width and height as shares of the axis ranges (panel of ~380 x 300 px)
EXTRAPOLATED_SYMBOL = "star-square"
REMOVED_ORIGINAL_SYMBOL = "x-open"
REMOVED_SYNTHETIC_SYMBOL = "star-open"
SUPPORT_SYMBOL = "circle-open"
CENTRE_SYMBOL = "cross-thin-open"


class _Canvas:
    """Collects trace dicts and annotations per panel (row, col), like a subplot figure but unvalidated."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.traces: list[dict] = []
        self.annotations: list[dict] = []

    @staticmethod
    def axis_suffix(index: int) -> str:
        return "" if index == 0 else str(index + 1)

    def add_trace(self, trace: dict, row: int, col: int) -> None:
        suffix = self.axis_suffix((row - 1) * self.columns + (col - 1))
        self.traces.append({**trace, "xaxis": "x" + suffix, "yaxis": "y" + suffix})


class _Legend:
    """Shows each legend entry once across all panels."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, name: str) -> dict:
        first = name not in self.seen
        self.seen.add(name)
        return {"name": name, "legendgroup": name, "showlegend": first}


def _f32(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float32)


def _scatter(**kw) -> dict:
    """A scatter trace as a plain dict: the figure is validated once, at the end, which is much faster."""
    return {"type": "scatter", **{k: v for k, v in kw.items() if v is not None}}


def _markers(gl: bool, pts: np.ndarray, *, marker: dict, text=None, hover: str | None = None, customdata=None, **kw):
    """Markers; hover details go in numeric ``customdata`` (sent as binary, unlike lists of strings)."""
    pts = np.asarray(pts, dtype=float).reshape(-1, 2)
    return _scatter(
        type="scattergl" if gl else "scatter",
        x=_f32(pts[:, 0]),
        y=_f32(pts[:, 1]),
        mode="markers",
        marker=marker,
        text=text,
        customdata=customdata,
        hovertemplate=hover,
        **kw,
    )


def _segments(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y arrays of many line segments separated by gaps (NaN)."""
    n = len(starts)
    xs = np.full(3 * n, np.nan)
    ys = np.full(3 * n, np.nan)
    xs[0::3], xs[1::3] = starts[:, 0], ends[:, 0]
    ys[0::3], ys[1::3] = starts[:, 1], ends[:, 1]
    return xs, ys


def _title(result: VariantResult) -> str:
    lines = [f"<b>{result.title}</b>"]
    if not result.ok:
        lines.append("could not run")
    else:
        after = ", ".join(f"{plot_text(k)}: {v}" for k, v in result.counts_after.items())
        extra = []
        if result.n_synthetic:
            extra.append(f"+{result.n_synthetic} syn.")
        if len(result.removed):
            extra.append(f"-{len(result.removed)} orig.")
        lines.append(after + (f" ({', '.join(extra)})" if extra else ""))
    ev = result.evaluation
    if ev is not None and ev.ok:
        k_used = f" · k = {ev.k_used}" if ev.k_used is not None else ""  # k lowered for the training part
        lines.append(f"recall {ev.recall:.2f} · prec. {ev.precision:.2f} · bal. acc. {ev.balanced_accuracy:.2f}{k_used}")
    elif ev is not None:
        lines.append("held-out scores unavailable")
    return "<br>".join(lines)


def spread_labels(points: np.ndarray, order: np.ndarray, x_range, y_range, box=LABEL_BOX) -> np.ndarray:
    """Rows of ``points`` (taken in ``order``, most important first) whose count labels do not collide with a
    label already kept: a label is kept when it is at least one label box away, in x or in y, from every kept
    one. Labels sit at the top right of their point, so equal boxes around each point compare them."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    wx = box[0] * (x_range[1] - x_range[0]) if x_range is not None else 0.0
    wy = box[1] * (y_range[1] - y_range[0]) if y_range is not None else 0.0
    kept: list[int] = []
    for i in order:
        p = points[i]
        if all(abs(p[0] - points[j][0]) >= wx or abs(p[1] - points[j][1]) >= wy for j in kept):
            kept.append(int(i))
        if len(kept) >= MAX_COPY_LABELS:
            break
    return np.asarray(kept, dtype=int)


def _wrap(text: str, width: int = 48) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def _base_points(fig, result: VariantResult, X, y, classes, legend, gl, row, col, size, part: str = "both") -> None:
    """Originals kept in the output, by class; synthetic points, by class."""
    if part != "synthetic":
        _originals(fig, result, X, y, classes, legend, gl, row, col, size)
    if part != "originals":
        _synthetic(fig, result, classes, legend, gl, row, col, size)


def _originals(fig, result: VariantResult, X, y, classes, legend, gl, row, col, size) -> None:
    kept = result.origin[result.origin >= 0]
    counts = np.bincount(kept, minlength=len(X)) if len(kept) else np.zeros(len(X), dtype=int)
    present = np.flatnonzero(counts > 0)
    for label, pos in classes.items():
        rows = present[y[present] == label]
        if len(rows) == 0:
            continue
        fig.add_trace(
            _markers(
                gl,
                X[rows],
                marker={
                    "color": class_colour(pos),
                    "symbol": class_symbol(pos),
                    "size": size,
                    "opacity": 0.8,
                    "line": {"color": "white", "width": 0.5},
                },
                customdata=rows.astype(np.int32),
                hover="row %{customdata}<extra>%{fullData.name}</extra>",
                **legend(f"class {plot_text(label)}"),
            ),
            row=row,
            col=col,
        )


def _synthetic(fig, result: VariantResult, classes, legend, gl, row, col, size) -> None:
    syn = result.synthetic
    if not np.any(syn):
        return
    prov = result.provenance
    extrapolated = None
    if isinstance(result.state, SvmState) and prov is not None and len(result.state.extrapolated) == len(prov.rows):
        extrapolated = np.zeros(len(result.X), dtype=bool)
        extrapolated[prov.rows] = result.state.extrapolated
    details = None
    if prov is not None and len(prov.rows):
        details = np.full((len(result.X), 3), -1.0)
        details[prov.rows, 0] = prov.seed
        details[prov.rows, 1] = prov.chosen
        details[prov.rows, 2] = prov.gap
    if isinstance(result.state, RandomOverState):
        template = "copy of row %{customdata[0]}<extra>%{fullData.name}</extra>"
    else:
        template = (
            "seed row %{customdata[0]}, neighbour row %{customdata[1]}, gap %{customdata[2]:.3f}"
            "<extra>%{fullData.name}</extra>"
        )
    for label, pos in classes.items():
        mask = syn & (result.y == label)
        groups = [("interpolated", mask)]
        if extrapolated is not None:
            groups = [("interpolated", mask & ~extrapolated), ("extrapolated", mask & extrapolated)]
        for kind, m in groups:
            idx = np.flatnonzero(m)
            if len(idx) == 0:
                continue
            name = f"synthetic {plot_text(label)}"
            symbol = synthetic_symbol(pos)
            if extrapolated is not None:
                name = f"synthetic {plot_text(label)}, {kind}"
                symbol = synthetic_symbol(pos) if kind == "interpolated" else EXTRAPOLATED_SYMBOL
            fig.add_trace(
                _markers(
                    gl,
                    result.X[idx],
                    marker={
                        "color": class_colour(pos),
                        "symbol": symbol,
                        "size": size + 1,
                        "opacity": 0.75,
                        "line": {"color": "#333333", "width": 0.6},
                    },
                    customdata=_f32(details[idx]) if details is not None else None,
                    hover=template if details is not None else None,
                    **legend(name),
                ),
                row=row,
                col=col,
            )


def _removed(fig, result: VariantResult, X, legend, gl, row, col, size) -> None:
    if len(result.removed):
        fig.add_trace(
            _markers(
                gl,
                X[result.removed],
                marker={"color": NEUTRAL_GREY, "symbol": REMOVED_ORIGINAL_SYMBOL, "size": size + 1},
                customdata=result.removed.astype(np.int32),
                hover="row %{customdata} removed<extra></extra>",
                **legend("removed original"),
            ),
            row=row,
            col=col,
        )
    state = result.state
    if isinstance(state, CleaningState) and len(state.removed_synthetic):
        fig.add_trace(
            _markers(
                gl,
                state.removed_synthetic,
                marker={"color": NEUTRAL_GREY, "symbol": REMOVED_SYNTHETIC_SYMBOL, "size": size + 2},
                hover="removed synthetic point<extra></extra>",
                **legend("removed synthetic"),
            ),
            row=row,
            col=col,
        )


SVM_NAMES = {
    "danger": "support vector in danger: interpolates",
    "noise": "support vector, noise: ignored",
    "safe": "support vector, safe: extrapolates",
}


def _vote_overlay(fig, rows, category, X, legend, gl, row, col, size, n_other=None, m=None, names=None) -> None:
    for cat in ("danger", "noise", "safe"):
        sel = np.flatnonzero(category == cat)
        if len(sel) == 0:
            continue
        symbol, colour, name = CATEGORY_STYLE[cat]
        name = (names or {}).get(cat, name)
        fig.add_trace(
            _markers(
                gl,
                X[rows[sel]],
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": size + (4 if cat == "safe" else 7),
                    "line": {"width": 1.3 if cat == "safe" else 1.6, "color": colour},
                },
                customdata=np.column_stack([rows[sel], n_other[sel] if n_other is not None else rows[sel]]),
                hover=(
                    f"row %{{customdata[0]}}: {cat}"
                    + (f", %{{customdata[1]}} of {m} neighbours other-class" if n_other is not None else "")
                    + "<extra></extra>"
                ),
                **legend(name),
            ),
            row=row,
            col=col,
        )


def _state_overlay(fig, result: VariantResult, X, y, classes, legend, gl, row, col, size, ranges=(None, None)) -> None:
    state = result.state
    if isinstance(state, BorderlineState):
        _vote_overlay(fig, state.rows, state.category, X, legend, gl, row, col, size, state.n_other, state.m)
    elif isinstance(state, SvmState):
        others = np.setdiff1d(state.support_rows, state.class_support_rows)
        if len(others):
            fig.add_trace(
                _markers(
                    gl,
                    X[others],
                    marker={"color": NEUTRAL_GREY, "symbol": SUPPORT_SYMBOL, "size": size + 6, "line": {"width": 1}},
                    hover="support vector (other class)<extra></extra>",
                    **legend("support vector, other class"),
                ),
                row=row,
                col=col,
            )
        _vote_overlay(
            fig, state.class_support_rows, state.category, X, legend, gl, row, col, size, names=SVM_NAMES
        )
    elif isinstance(state, AdasynState):
        hard = state.hardness
        sizes = size + 16 * hard
        fig.add_trace(
            _markers(
                gl,
                X[state.rows],
                marker={
                    "color": HIGHLIGHT_COLOUR,
                    "symbol": "circle-open",
                    "size": _f32(sizes),
                    "line": {"width": 1.2, "color": HIGHLIGHT_COLOUR},
                },
                customdata=_f32(np.column_stack([state.rows, hard, state.generated])),
                hover="row %{customdata[0]}: hardness r = %{customdata[1]:.2f}, made g = %{customdata[2]}<extra></extra>",
                **legend("hardness r_i (ring size)"),
            ),
            row=row,
            col=col,
        )
        made = np.flatnonzero(state.generated > 0)
        order = np.argsort(-state.generated[made], kind="stable")  # the busiest seeds first
        made = made[spread_labels(X[state.rows[made]], order, *ranges)]
        if len(made):
            pts = X[state.rows[made]]
            fig.add_trace(
                _scatter(
                    x=_f32(pts[:, 0]),
                    y=_f32(pts[:, 1]),
                    mode="text",
                    text=[f"{g}" for g in state.generated[made]],
                    textposition="top right",
                    textfont=LABEL_FONT,
                    hoverinfo="skip",
                    **legend("g_i: points made"),
                ),
                row=row,
                col=col,
            )
    elif isinstance(state, KMeansState):
        _clusters(fig, state, X, legend, row, col)
    elif isinstance(state, RandomOverState):
        prov = result.provenance
        if state.shrinkage is None:
            dup = np.flatnonzero(state.copies > 0)
            # the most-copied rows are labelled, skipping a label that would cover one already placed
            dup = dup[spread_labels(X[dup], np.argsort(-state.copies[dup], kind="stable"), *ranges)]
            if len(dup):
                pts = X[dup]
                fig.add_trace(
                    _scatter(
                        x=_f32(pts[:, 0]),
                        y=_f32(pts[:, 1]),
                        mode="text",
                        text=[f"×{c + 1}" for c in state.copies[dup]],
                        textposition="top right",
                        textfont=LABEL_FONT,
                        customdata=np.column_stack([dup, state.copies[dup] + 1, state.copies[dup]]),
                        hovertemplate=(
                            "row %{customdata[0]}: %{customdata[1]} copies stacked (the original and "
                            "%{customdata[2]} duplicates)<extra></extra>"
                        ),
                        **legend(COPIES_LEGEND),
                    ),
                    row=row,
                    col=col,
                )
        elif prov is not None and len(prov.rows):
            xs, ys = _segments(X[prov.seed], prov.points)
            fig.add_trace(
                _scatter(
                    x=_f32(xs),
                    y=_f32(ys),
                    mode="lines",
                    line={"color": NEUTRAL_GREY, "width": 0.6},
                    opacity=0.6,
                    hoverinfo="skip",
                    **legend("noise added to a copy"),
                ),
                row=row,
                col=col,
            )


def _clusters(fig, state: KMeansState, X, legend, row, col) -> None:
    infos = {(i.cluster): i for i in state.clusters}  # first over-sampled class shown
    for kept in (True, False):
        xs: list[float] = []
        ys: list[float] = []
        for c, info in infos.items():
            if info.kept != kept:
                continue
            pts = X[state.assignment == c]
            if len(pts) >= 3:
                try:
                    hull = ConvexHull(pts)
                    ring = pts[np.append(hull.vertices, hull.vertices[0])]
                except QhullError:
                    ring = pts
            else:
                ring = pts
            xs.extend(ring[:, 0].tolist() + [math.nan])
            ys.extend(ring[:, 1].tolist() + [math.nan])
        if not xs:
            continue
        fig.add_trace(
            _scatter(
                x=_f32(xs),
                y=_f32(ys),
                mode="lines",
                line={"color": HIGHLIGHT_COLOUR if kept else NEUTRAL_GREY, "width": 1.6 if kept else 0.8, "dash": "solid" if kept else "dot"},
                hoverinfo="skip",
                **legend("cluster kept" if kept else "cluster dropped"),
            ),
            row=row,
            col=col,
        )
    centres = state.centres
    labels = []
    for c in range(len(centres)):
        info = infos.get(c)
        if info is None:
            labels.append(f"c{c}: empty")
        elif info.kept:
            labels.append(f"c{c} w={info.weight:.2f}")
        else:
            labels.append(f"c{c}")
    fig.add_trace(
        _scatter(
            x=_f32(centres[:, 0]),
            y=_f32(centres[:, 1]),
            mode="markers+text",
            marker={"symbol": CENTRE_SYMBOL, "size": 12, "color": HIGHLIGHT_COLOUR, "line": {"width": 2}},
            text=labels,
            textposition="bottom center",
            textfont={"size": 10},
            hovertext=[
                f"cluster {i.cluster}: {i.size} rows, class share {i.share:.2f}; {i.reason}; weight {i.weight:.2f}, "
                f"{i.n_new} new"
                for i in (infos.get(c) for c in range(len(centres)))
                if i is not None
            ]
            if len(infos) == len(centres)
            else None,
            hoverinfo="text",
            **legend("cluster centre (weight)"),
        ),
        row=row,
        col=col,
    )


def gallery_figure(
    results: list[VariantResult],
    X: np.ndarray,
    y: np.ndarray,
    *,
    axis_names: tuple[str, str] = ("x", "y"),
    columns: int = COLUMNS,
    positions: dict | None = None,
    panel_height: int = PANEL_HEIGHT,
) -> go.Figure:
    """A grid of panels, one per result, on shared axes over the original 2-D data ``X`` (n x 2); each row of
    panels is ``panel_height`` px high.

    ``positions`` maps each label to its style position (``Dataset.class_positions``); by default the
    largest class of ``y`` is 0, the next 1, ... (ties in sorted label order), the same rule.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    labels = [c.item() if hasattr(c, "item") else c for c in labels]
    if positions is None:
        ranked = sorted(zip(labels, counts, strict=True), key=lambda item: -item[1])
        positions = {label: i for i, (label, _) in enumerate(ranked)}
    classes = {label: positions[label] for label in labels}  # sorted label order -> style position
    n = max(1, len(results))
    columns = max(1, min(columns, n))
    rows_n = math.ceil(n / columns)
    h_space, v_space = 0.04, min(0.32 / rows_n, 0.12)
    width = (1 - h_space * (columns - 1)) / columns
    height = (1 - v_space * (rows_n - 1)) / rows_n
    fig = _Canvas(columns)
    legend = _Legend()
    gl = len(X) > GL_THRESHOLD
    size = 5 if len(X) > 600 else 7
    everything = [X] + [r.X for r in results if r.ok and len(r.X)]
    x_range, y_range = axis_ranges(np.vstack(everything))
    layout: dict = {}
    for i in range(rows_n * columns):
        row, col = i // columns + 1, i % columns + 1
        suffix = _Canvas.axis_suffix(i)
        x0 = (col - 1) * (width + h_space)
        y1 = 1 - (row - 1) * (height + v_space)
        layout["xaxis" + suffix] = {
            "domain": [max(0.0, x0), min(1.0, x0 + width)],
            "anchor": "y" + suffix,
            "range": x_range,
            "gridcolor": "#eeeeee",
            "zeroline": False,
            "title": {"text": plot_text(axis_names[0])} if row == rows_n or i + columns >= n else None,
            **({"matches": "x"} if i else {}),
        }
        layout["yaxis" + suffix] = {
            "domain": [max(0.0, y1 - height), min(1.0, y1)],
            "anchor": "x" + suffix,
            "range": y_range,
            "gridcolor": "#eeeeee",
            "zeroline": False,
            "title": {"text": plot_text(axis_names[1])} if col == 1 else None,
            **({"matches": "y"} if i else {}),
        }
        if i < len(results):
            fig.annotations.append(
                {
                    "text": _title(results[i]),
                    "xref": "paper",
                    "yref": "paper",
                    "x": x0 + width / 2,
                    "y": y1,
                    "xanchor": "center",
                    "yanchor": "bottom",
                    "showarrow": False,
                    "font": {"size": SUBTITLE_SIZE, "color": SUBTITLE_COLOUR},
                }
            )
    for i, result in enumerate(results):
        row, col = i // columns + 1, i % columns + 1
        suffix = _Canvas.axis_suffix(i)
        if not result.ok:
            if isinstance(result.state, KMeansState):
                _base_points(fig, _as_original(result, X, y), X, y, classes, legend, gl, row, col, size)
                _clusters(fig, result.state, X, legend, row, col)
            else:
                # The original data, faint, so the panel keeps its context behind the message.
                fig.add_trace(
                    _markers(
                        gl,
                        X,
                        marker={"color": NEUTRAL_GREY, "symbol": "circle", "size": size - 1, "opacity": 0.3},
                        name="original data (sampler failed)",
                        showlegend=False,
                        hoverinfo="skip",
                    ),
                    row=row,
                    col=col,
                )
        else:
            # originals, then the sampler's state, then the synthetic points on top, then what was removed;
            # count labels (text) last, so no marker hides them
            start = len(fig.traces)
            _base_points(fig, result, X, y, classes, legend, gl, row, col, size, part="originals")
            _state_overlay(fig, result, X, y, classes, legend, gl, row, col, size, (x_range, y_range))
            _base_points(fig, result, X, y, classes, legend, gl, row, col, size, part="synthetic")
            _removed(fig, result, X, legend, gl, row, col, size)
            panel = fig.traces[start:]
            fig.traces[start:] = [t for t in panel if t.get("mode") != "text"] + [
                t for t in panel if t.get("mode") == "text"
            ]
        if result.message:
            failed = not result.ok
            fig.annotations.append(
                {
                    "text": _wrap(result.message),
                    "xref": f"x{suffix} domain",
                    "yref": f"y{suffix} domain",
                    "x": 0.5,
                    "y": 0.5 if failed else 0.02,
                    "showarrow": False,
                    "font": {"size": 12 if failed else 11, "color": "#8B0000"},
                    "bgcolor": "rgba(255,255,255,0.85)",
                    "bordercolor": "#8B0000" if failed else None,
                }
            )
    layout.update(
        height=panel_height * rows_n + 140,
        font={"size": FONT_SIZE - 3},
        plot_bgcolor="white",
        margin={"l": 50, "r": 10, "t": 90, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0 + 60 / (panel_height * rows_n), "x": 0},
        hovermode="closest",
        annotations=[{k: v for k, v in a.items() if v is not None} for a in fig.annotations],
    )
    layout = {k: ({kk: vv for kk, vv in v.items() if vv is not None} if isinstance(v, dict) else v) for k, v in layout.items()}
    try:
        # Plotly's per-property validation took two thirds of the figure's build time here; the tests validate
        # every gallery figure in full (go.Figure(fig.to_dict())), so it is skipped at run time.
        return go.Figure(data=fig.traces, layout=layout, _validate=False)
    except TypeError:  # a Plotly without the private switch: validate
        return go.Figure(data=fig.traces, layout=layout)


def _as_original(result: VariantResult, X, y) -> VariantResult:
    return replace(result, X=X, y=y, origin=np.arange(len(X)), removed=np.zeros(0, dtype=int), provenance=None)


def panel_explanation(result: VariantResult) -> str:
    """One plain line of what the panel shows, with its numbers (for the text under the figure)."""
    if not result.ok:
        return result.message
    state = result.state
    parts = [result.counts_sentence() + "."]
    if isinstance(state, BorderlineState):
        cats = {c: int(np.sum(state.category == c)) for c in ("danger", "noise", "safe")}
        seeds = len(np.unique(result.provenance.seed)) if result.provenance is not None else 0
        parts.append(
            f"Vote over m = {state.m} neighbours: {cats['danger']} danger, {cats['noise']} noise, {cats['safe']} "
            f"safe; {plural(seeds, 'distinct danger point was', 'distinct danger points were')} used as seeds."
        )
        prov = result.provenance
        if state.kind == "borderline-2" and prov is not None and len(prov.chosen):
            y0 = result.y[result.origin >= 0]  # over-samplers keep every original, in order
            toward = int(np.sum(y0[prov.chosen] != prov.label))
            parts.append(f"{toward} of {len(prov.chosen)} new points step toward an other-class neighbour (their gap "
                         "λ = u × s is below 0.5).")
    elif isinstance(state, AdasynState):
        top = int(np.argmax(state.hardness)) if len(state.hardness) else 0
        idle = int(np.sum(state.generated == 0))
        parts.append(
            f"Hardness ranges {state.hardness.min():.2f} to {state.hardness.max():.2f}; the hardest point (row "
            f"{state.rows[top]}) made {plural(int(state.generated[top]), 'point')}; "
            + ("every point made at least one." if idle == 0 else
               f"{plural(idle, 'point')} made none." if idle > 1 else "1 point made none.")
        )
    elif isinstance(state, SvmState):
        cats = {c: int(np.sum(state.category == c)) for c in ("danger", "noise", "safe")}
        parts.append(
            f"{plural(len(state.class_support_rows), 'minority support vector')} ({cats['danger']} danger, "
            f"{cats['safe']} safe, {cats['noise']} noise); {plural(int(np.sum(~state.extrapolated)), 'point')} "
            f"interpolated, {int(np.sum(state.extrapolated))} extrapolated."
        )
    elif isinstance(state, KMeansState):
        kept = [i for i in state.clusters if i.kept]
        parts.append(
            f"{len(kept)} of {len(state.clusters)} clusters kept (class share at least {state.threshold:.2f}); "
            + ", ".join(f"cluster {i.cluster}: weight {i.weight:.2f}, {i.n_new} new" for i in kept)
            + "."
        )
    elif isinstance(state, RandomOverState):
        if state.shrinkage is None:
            most = int(state.copies.max()) if len(state.copies) else 0
            parts.append(
                f"{plural(int(np.sum(state.copies > 0)), 'row was', 'rows were')} copied; the most-copied row is "
                f"stacked {most + 1} deep ({plural(most + 1, 'copy', 'copies')}: the original and "
                f"{plural(most, 'duplicate')}), and ×n on the plot counts the stacked copies. Duplicates sit exactly "
                "on top of their original."
            )
        else:
            bw = "; ".join(
                f"class {plot_text(k)}: " + ", ".join(f"{v:.3f}" for v in vals) for k, vals in state.bandwidth.items()
            )
            parts.append(f"Shrinkage {state.shrinkage:g}: each copy moved by Gaussian noise with sd per axis {bw}.")
    elif isinstance(state, CleaningState):
        parts.append(
            f"{state.cleaner} removed {plural(len(state.removed_original), 'original')} and "
            f"{plural(len(state.removed_synthetic), 'synthetic point')} (of {state.n_before_cleaning} after SMOTE)."
        )
    parts.extend(_sentence(n) for n in result.notes if not n.startswith("SMOTE made"))
    if result.message:
        parts.append(_sentence(result.message))
    if result.evaluation is not None:
        parts.extend(_sentence(n) for n in result.evaluation.notes())
    return " ".join(p for p in parts if p)


def _sentence(text: str) -> str:
    """``text`` ending in exactly one full stop (notes may or may not carry their own)."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def state_figure(
    result: VariantResult,
    X: np.ndarray,
    y: np.ndarray,
    *,
    axis_names: tuple[str, str] = ("x", "y"),
    positions: dict | None = None,
    height: int = 560,
) -> go.Figure:
    """One panel of the original data with the sampler's classification of its points drawn on top (the
    noise / danger / safe vote, or ADASYN's hardness and counts), before any synthetic point is made."""
    before = replace(
        _as_original(result, X, y), evaluation=None, counts_after=result.counts_before, message="", notes=()
    )
    fig = gallery_figure([before], X, y, axis_names=axis_names, columns=1, positions=positions)
    fig.layout.annotations[0].text = f"<b>{result.title}</b>: step 0, the minority points sorted"
    fig.update_layout(height=height, margin={"t": 110})
    return fig


# A light layer under the step-through's highlights: the variant's own idea stays in view on every step.
LAYER_OPACITY = 0.45


def step_layers(result: VariantResult, X: np.ndarray) -> list[go.Scatter]:
    """Marker traces that keep a variant's classification visible under the stepper figure's highlights:
    Borderline's danger / noise / safe marks, ADASYN's hardness rings (ring size grows with r_i). Light
    (``LAYER_OPACITY``), without hover, each with a legend entry; empty for other samplers."""
    X = np.asarray(X, dtype=float)
    state = result.state
    out = []
    if isinstance(state, BorderlineState):
        for cat in ("danger", "noise", "safe"):
            rows = state.rows[state.category == cat]
            if len(rows) == 0:
                continue
            symbol, colour, name = CATEGORY_STYLE[cat]
            out.append(go.Scatter(
                x=_f32(X[rows, 0]), y=_f32(X[rows, 1]), mode="markers", name=f"{name} ({len(rows)})",
                marker={"symbol": symbol, "color": colour, "size": 16 if cat == "danger" else 14,
                        "line": {"width": 1.5, "color": colour}},
                opacity=LAYER_OPACITY, hoverinfo="skip",
            ))
    elif isinstance(state, AdasynState):
        out.append(go.Scatter(
            x=_f32(X[state.rows, 0]), y=_f32(X[state.rows, 1]), mode="markers", name="hardness r_i (ring size)",
            marker={"symbol": "circle-open", "color": HIGHLIGHT_COLOUR, "size": _f32(9 + 16 * state.hardness),
                    "line": {"width": 1.2, "color": HIGHLIGHT_COLOUR}},
            opacity=LAYER_OPACITY, hoverinfo="skip",
        ))
    return out
