"""Figures of the stepper: one SMOTE phase as a static figure, and the whole run as a Plotly animation.

Both draw the same traces, in this order:

- one marker trace per original class (never changes);
- one trace per over-sampled class holding its synthetic points;
- the original points of the over-sampled classes again, above the stars;
- optional layers passed by the caller (Borderline's danger / safe / noise marks, ADASYN's hardness rings);
- the highlight traces of the current phase: guide lines (seed to neighbours, and the circle through the k-th
  neighbour), the segment, and the highlighted points (seed, neighbours, chosen neighbour, new point);
- a small overview map in the top right corner (its own axes): the data, and a rectangle around the part of it
  the main view shows.

The view (``candidate_views``). At the start (position 0) the view holds the classes being over-sampled and
their new points, with room left in the top right corner for the map. In phases 1-3 of a synthetic point it
zooms onto the seed's neighbourhood: centred on the seed, the circle through its k-th nearest neighbour fills
most of the view (it keeps clear of the map and leaves room for the labels at its edge); phase 1 may go closer
onto the seed when its label needs the room. Phase 4 shows the segment from the seed to the chosen neighbour,
or, when the new point lies almost on one end, a closer view of that end. Both axes keep one scale on a square
plot (Plotly's constrain="domain"), so circles are round and distances look like distances.

Labels. Every highlighted point carries its text (x_i, 1..k, x_zi, x_new) on its own marker trace, at a
position chosen by ``labels.place_labels`` in pixels: nearer its own marker than any other marker drawn, on no
other label, clear of the map; a label with no such place is left out. The pixels are those of the narrowest
figure planned for (``Geometry``); a larger figure only moves markers apart.

Streamlit mounts a new chart whenever the figure changes, so a step in the stepper jumps to its new view (no
``layout.transition`` runs); the animation's frames glide from one view to the next while playing.

In the animation every synthetic point is placed in its class trace from the start, with a numeric colour
value equal to its step number. A two-colour step colour scale (class colour, then transparent) and the
trace's ``marker.cmin``/``cmax`` decide which of them are visible: a frame sets only those two numbers per
class, so a frame's size does not grow with the number of points already placed, and every frame still
describes the complete picture (the slider may jump backwards). Frames also carry the axis ranges (the zoom),
the map's rectangle and the label positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from smote_viz.data.dataset import class_counts, style_positions
from smote_viz.figures.common import (
    FONT_SIZE,
    PLAN_WIDTH,
    PROJECTOR_FONT,
    PROJECTOR_GROWTH,
    axis_ranges,
    base_layout,
    class_trace,
    projector_sized,
)
from smote_viz.figures.labels import Label, facing, place_labels
from smote_viz.smote import PHASES_PER_POINT, SmoteTrace
from smote_viz.stepper.narration import clamp_position, phase_label, position_count, split_position
from smote_viz.style import HIGHLIGHT_COLOUR, class_colour, class_symbol, label_text, plot_text, synthetic_symbol

CIRCLE_POINTS = 17  # drawn as a spline: round at any size
WEBGL_ABOVE = 4000  # the static figure draws data and synthetic points with WebGL above this many points
TRANSPARENT = "rgba(0,0,0,0)"
HIGHLIGHT_NAMES = ("guides", "segment", "highlighted points")
GUIDES, SEGMENT, POINTS = range(3)
MAP_NAMES = ("map data", "map view")  # the overview map's traces: the data, the rectangle of the main view

# Sizes of the highlighted points (px): seed, each neighbour, the chosen neighbour, the new point.
SEED_SIZE, NEIGHBOUR_SIZE, CHOSEN_SIZE, NEW_SIZE = 16, 18, 26, 20
DATA_SIZE, SYNTHETIC_SIZE, ORIGINAL_TOP_SIZE = 9, 12, 10
LABEL_SIZE = FONT_SIZE  # px

# Pixel geometry the views and labels are planned for.
MAP_SHARE = 0.18  # the map's width as a share of the plot area's width
EDGE_ROOM = 34  # px kept between the neighbour circle and the plot's edge, for labels
MAP_CLEARANCE = 16  # px kept between the neighbour circle and the map
MAP_POINTS = 1500  # the map draws at most this many points (every n-th, per class)
LEGEND_ROW = 26  # px per row of the horizontal legend above the plot
ANIMATION_BOTTOM = 130  # px under the animation's plot: the axis title, Play / Pause and the slider
# Margins wide enough for the tick labels and axis titles, so that Plotly never widens them (which would shrink
# the plot below the plan)
MARGIN_LEFT, MARGIN_BOTTOM = 76, 68


@dataclass(frozen=True)
class Geometry:
    """The figure's pixel layout: size, margins, the plot area, the map's box; and the size of the labels and
    the growth of the markers (presenter mode draws both larger)."""

    width: int
    height: int
    top: int  # margin above the plot: room for the legend
    left: int = MARGIN_LEFT
    right: int = 20
    bottom: int = MARGIN_BOTTOM
    label_size: float = LABEL_SIZE
    growth: float = 1.0

    @property
    def plot_w(self) -> float:
        return float(self.width - self.left - self.right)

    @property
    def plot_h(self) -> float:
        return float(self.height - self.top - self.bottom)

    @property
    def side(self) -> float:
        """The shorter side of the plot area: the square the view is planned in."""
        return min(self.plot_w, self.plot_h)

    @property
    def area(self) -> tuple[float, float, float, float]:
        """``[left, top, right, bottom]`` (px) of what the axes show: the square of ``side``, centred across and
        at the bottom of the plot area (Plotly's constrain="domain"; the ranges stay as given, so a resize or an
        animation frame never widens one of them). Room left above it takes in part of the map."""
        x0 = self.left + (self.plot_w - self.side) / 2
        y1 = self.top + self.plot_h
        return (x0, y1 - self.side, x0 + self.side, y1)

    @property
    def centre(self) -> tuple[float, float]:
        left, top, right, bottom = self.area
        return (left + right) / 2, (top + bottom) / 2

    @property
    def map_domain(self) -> tuple[list[float], list[float]]:
        """The map's x and y domains (paper shares): a square box in the plot's top right corner."""
        tall = MAP_SHARE * self.plot_w / self.plot_h
        return [1 - MAP_SHARE, 1.0], [1 - tall, 1.0]

    @property
    def map_box(self) -> tuple[float, float, float, float]:
        """``[left, top, right, bottom]`` (px) of what the map may cover at any width the figure is drawn at
        (this width or wider): its domain, reaching down to as far below the top of the axes' square as the map is
        high. The map is a fixed square in the top right corner of the plot area; on a plot narrower than high the
        axes' square (``area``) sits lower and grows in a wider figure until it is as high as the plot, the map
        then over its top right corner (markers only move away from that corner as the square grows, so what keeps
        clear of this box here keeps clear of the map at every larger width)."""
        (x0, _), (y0, _) = self.map_domain
        side = (1 - y0) * self.plot_h
        return (self.left + x0 * self.plot_w, self.top, self.left + self.plot_w, self.area[1] + side)


def geometry_for(legend_names: Sequence[str], height: int, width: int = PLAN_WIDTH, bottom: int = MARGIN_BOTTOM,
                 projector: bool = False) -> Geometry:
    """The layout of a figure ``height`` px high and at least ``width`` px wide, whose legend (one entry per
    name, in a horizontal row above the plot) gets the rows it needs; ``projector``: presenter mode's sizes
    (``common.projector_sized``)."""
    left = MARGIN_LEFT + (12 if projector else 0)
    bottom = bottom + (12 if projector else 0)
    plot_w = width - left - 20
    font = PROJECTOR_FONT if projector else FONT_SIZE
    rows, used = 1, 0.0
    for name in legend_names:
        item = 56 + 0.55 * font * len(name)  # generous: a legend with more rows than planned would shrink the plot
        if used and used + item > plot_w:
            rows, used = rows + 1, 0.0
        used += item
    row = LEGEND_ROW * font / FONT_SIZE
    return Geometry(width=int(width), height=int(height), top=int(max(20, rows * row + 10)), left=left,
                    bottom=bottom, label_size=max(LABEL_SIZE, PROJECTOR_FONT) if projector else LABEL_SIZE,
                    growth=PROJECTOR_GROWTH if projector else 1.0)


@dataclass(frozen=True)
class View:
    """A square of data ``2 h`` wide centred on ``(cx, cy)``, drawn at ``scale`` px per data unit in the
    plot area of ``geometry`` (the longer side of the plot area shows more, at the same scale, unless the plot is
    kept square)."""

    cx: float
    cy: float
    h: float
    geometry: Geometry
    kind: str = "overview"  # "overview", "neighbourhood", "seed" (closer), "segment" or "end" (closer)

    @property
    def scale(self) -> float:
        return self.geometry.side / (2 * self.h)

    @property
    def ranges(self) -> tuple[list[float], list[float]]:
        """The ranges handed to Plotly: the square; Plotly widens the longer side to keep one scale."""
        return [self.cx - self.h, self.cx + self.h], [self.cy - self.h, self.cy + self.h]

    @property
    def shown(self) -> tuple[list[float], list[float]]:
        """The data ranges the plot area shows."""
        left, top, right, bottom = self.geometry.area
        hx = (right - left) / 2 / self.scale
        hy = (bottom - top) / 2 / self.scale
        return [self.cx - hx, self.cx + hx], [self.cy - hy, self.cy + hy]

    def to_px(self, points: np.ndarray) -> np.ndarray:
        mx, my = self.geometry.centre
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        px = mx + (pts[:, 0] - self.cx) * self.scale
        py = my - (pts[:, 1] - self.cy) * self.scale
        return np.column_stack([px, py])


def _compact(values, digits: int = 7) -> list:
    """A few coordinates as a plain list at 7 significant digits, float32's precision (None: a hidden point).
    For short arrays this is smaller in JSON than a typed array, and Plotly serialises it several times faster."""
    return [None if not np.isfinite(v) else float(f"{v:.{digits}g}") for v in np.asarray(values, dtype=np.float64)]


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


def point_texts(k: int) -> list[str]:
    """The label of each point of the highlight-points trace (see ``point_roles``)."""
    return ["x_i", *[str(r + 1) for r in range(k)], "x_zi", "x_new"]


def point_sizes(k: int) -> list[int]:
    return [SEED_SIZE, *[NEIGHBOUR_SIZE] * k, CHOSEN_SIZE, NEW_SIZE]


def placed_count(position: int) -> int:
    """Synthetic points already placed at ``position`` (the current point counts once phase 4 is reached)."""
    i, phase = split_position(position)
    if i is None:
        return 0
    return i + (1 if phase == 4 else 0)


# --- views ---------------------------------------------------------------------------------------------------


def focus_ranges(trace: SmoteTrace) -> tuple[list[float], list[float]]:
    """Ranges around the classes being over-sampled (and their new points), with a wide margin so the
    neighbouring points of other classes stay in view; all the data if nothing is over-sampled."""
    X = np.asarray(trace.X, dtype=np.float64)
    classes = oversampled_classes(trace)
    if not classes:
        return axis_ranges(X)
    rows = np.isin(trace.y, classes)
    points = np.vstack([X[rows], np.asarray(trace.new_points, dtype=np.float64)])
    return axis_ranges(points, pad=0.5)


def _inside(px: np.ndarray, box: Sequence[float], pad: float = 0.0) -> np.ndarray:
    return ((px[:, 0] >= box[0] - pad) & (px[:, 0] <= box[2] + pad)
            & (px[:, 1] >= box[1] - pad) & (px[:, 1] <= box[3] + pad))


def overview(trace: SmoteTrace, geometry: Geometry) -> View:
    """The start's view: ``focus_ranges``, grown until no point of the classes being over-sampled (nor a new
    point) is under the map or at the plot's edge."""
    (x0, x1), (y0, y1) = focus_ranges(trace)
    X = np.asarray(trace.X, dtype=np.float64)
    classes = oversampled_classes(trace)
    keep = X[np.isin(trace.y, classes)] if classes else X
    keep = np.vstack([keep, np.asarray(trace.new_points, dtype=np.float64).reshape(-1, 2)])
    view = View((x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0, 1e-9) / 2, geometry)
    left, top, right, bottom = geometry.area
    inner = (left + 6, top + 6, right - 6, bottom - 6)
    for _ in range(80):
        px = view.to_px(keep)
        if _inside(px, inner).all() and not _inside(px, geometry.map_box, pad=8).any():
            break
        view = View(view.cx, view.cy, view.h * 1.05, geometry, "overview")
    return view


def _zoom(trace: SmoteTrace, centre: np.ndarray, radius: float, geometry: Geometry, kind: str) -> View:
    """A view centred on ``centre`` in which the circle of ``radius`` around it is as large as the plot allows,
    with room for labels at its edge and clear of the map."""
    if not radius > 0:  # everything on one spot: show a small patch of the class around it
        (x0, x1), (y0, y1) = focus_ranges(trace)
        radius = 0.05 * max(x1 - x0, y1 - y0, 1e-9)
    g = geometry
    middle = np.array(g.centre)
    left, top, right, bottom = g.map_box
    to_map = np.hypot(max(left - middle[0], 0.0, middle[0] - right), max(top - middle[1], 0.0, middle[1] - bottom))
    pixels = max(min(g.side / 2 - EDGE_ROOM, to_map - MAP_CLEARANCE), 20.0)
    return View(float(centre[0]), float(centre[1]), g.side / 2 * radius / pixels, g, kind)


def neighbourhood(trace: SmoteTrace, i: int, geometry: Geometry) -> View:
    """Synthetic point ``i``'s neighbourhood: centred on its seed, the circle through its k-th nearest
    neighbour as large as the plot allows."""
    seed = np.asarray(trace.X[trace.seed_index[i]], dtype=np.float64)
    radius = float(trace.neighbor_distances[i].max()) if trace.k_neighbors else 0.0
    return _zoom(trace, seed, radius, geometry, "neighbourhood")


def segment_view(trace: SmoteTrace, i: int, geometry: Geometry) -> View:
    """Synthetic point ``i``'s segment, from its seed to the chosen neighbour, centred and as large as the
    plot allows."""
    seed = np.asarray(trace.X[trace.seed_index[i]], dtype=np.float64)
    chosen = np.asarray(trace.X[trace.chosen_index[i]], dtype=np.float64)
    return _zoom(trace, (seed + chosen) / 2, float(np.hypot(*(chosen - seed))) / 2, geometry, "segment")


SEED_ZOOMS = (1.0, 1.5, 2.25, 3.4)  # phase 1 zooms closer onto the seed when its label needs the room
END_SHARE = 0.25  # phase 4: a new point nearer than this share of the segment to one end ...
END_ZOOMS = (3, 9, 27)  # ... may be shown this much closer


def candidate_views(trace: SmoteTrace, position: int, geometry: Geometry) -> list[View]:
    """The views tried at ``position``, best first: the start's overview; in phase 1 the neighbourhood, then
    closer onto the seed; in phases 2 and 3 the neighbourhood (its circle drawn); in phase 4 the segment (the
    circle is gone, and the new point's label needs room among the stars placed before it)."""
    i, phase = split_position(position)
    if i is None:
        return [overview(trace, geometry)]
    if phase == 4:
        views = [segment_view(trace, i, geometry)]
        # A new point almost on one end of its segment (λ near 0 or 1): closer views of that end, in which the
        # two markers part far enough for both labels; the other end may then leave the view.
        X = np.asarray(trace.X, dtype=np.float64)
        seed, chosen = X[trace.seed_index[i]], X[trace.chosen_index[i]]
        new = np.asarray(trace.new_points[i], dtype=np.float64)
        end = seed if np.hypot(*(new - seed)) <= np.hypot(*(new - chosen)) else chosen
        near, length = float(np.hypot(*(new - end))), float(np.hypot(*(chosen - seed)))
        if length > 0 and near < END_SHARE * length:
            middle = (end + new) / 2
            views += [View(float(middle[0]), float(middle[1]), views[0].h / z, geometry, "end") for z in END_ZOOMS
                      if views[0].h / z > 2 * near]
        return views
    view = neighbourhood(trace, i, geometry)
    if phase == 1:
        return [view] + [View(view.cx, view.cy, view.h / z, geometry, "seed") for z in SEED_ZOOMS[1:]]
    return [view]


# --- the highlights and their labels -------------------------------------------------------------------------


def _drawn_markers(trace: SmoteTrace, placed: int, extra: np.ndarray, growth: float = 1.0
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Data coordinates and drawn radii (px) of every marker under the highlights: the originals (drawn again,
    a little larger, above the stars for the over-sampled classes), the placed stars, and ``extra`` (x, y, size)
    rows from the caller's layers."""
    X = np.asarray(trace.X, dtype=np.float64).reshape(-1, 2)
    stars = np.asarray(trace.new_points[:placed], dtype=np.float64).reshape(-1, 2)
    extra = np.asarray(extra, dtype=np.float64).reshape(-1, 3)
    points = np.vstack([X, stars, extra[:, :2]])
    # A layer's mark rings a data point (Borderline's vote, ADASYN's hardness): a label may cross the ring, not
    # the point inside it.
    radii = np.concatenate([np.full(len(X), ORIGINAL_TOP_SIZE / 2), np.full(len(stars), SYNTHETIC_SIZE / 2),
                            np.minimum(extra[:, 2], ORIGINAL_TOP_SIZE) / 2]) * growth
    return points, radii


@dataclass(frozen=True)
class Scene:
    """One position as drawn: the view, and x/y of the three highlight traces (guide lines, the segment, the
    highlighted points with their ``text`` and ``textposition``); ``unlabelled``: points left without a label."""

    view: View
    highlights: list[dict]
    unlabelled: int = 0


def scene_at(trace: SmoteTrace, position: int, geometry: Geometry | None = None,
             extra_markers: np.ndarray | None = None) -> Scene:
    """The view and the highlights at ``position``. The highlighted points are the seed, its k neighbours, the
    chosen neighbour and the new point (``point_roles``); their labels are placed by ``labels.place_labels``
    in the first of ``candidate_views`` where every label finds a place (else the one leaving fewest out).

    A hidden point is NaN, a hidden line a single NaN point. Never an empty list: a Plotly animation frame
    (``redraw: false``) that sets a trace to empty arrays leaves its old markers on screen.
    """
    geometry = geometry or geometry_for([], 560)
    i, phase = split_position(position)
    k = trace.k_neighbors
    nan1 = {"x": [None], "y": [None]}
    px = np.full(k + 3, np.nan)
    py = np.full(k + 3, np.nan)
    guides, segment = nan1, nan1
    texts = point_texts(k)
    views = candidate_views(trace, position, geometry)
    if i is None:
        return Scene(views[0], [guides, segment, {"x": _compact(px), "y": _compact(py), "text": texts,
                                                  "textposition": ["top right"] * (k + 3)}])
    X = np.asarray(trace.X, dtype=np.float64)
    seed = X[trace.seed_index[i]]
    chosen = X[trace.chosen_index[i]]
    neighbours = X[trace.neighbor_indices[i]]
    px[0], py[0] = seed
    lines = []
    if phase in (2, 3):
        gx = np.column_stack([np.full(k, seed[0]), neighbours[:, 0], np.full(k, np.nan)]).ravel()
        gy = np.column_stack([np.full(k, seed[1]), neighbours[:, 1], np.full(k, np.nan)]).ravel()
        cx, cy = _circle(seed, float(trace.neighbor_distances[i, -1]))
        guides = {"x": _f32(np.concatenate([gx, cx])), "y": _f32(np.concatenate([gy, cy]))}
        px[1:k + 1], py[1:k + 1] = neighbours[:, 0], neighbours[:, 1]
        lines += [np.concatenate([seed, n]) for n in neighbours]
        circle = np.column_stack([cx, cy])
        lines += [np.concatenate([a, b]) for a, b in zip(circle[:-1], circle[1:], strict=True)]
    if phase >= 3:
        px[k + 1], py[k + 1] = chosen
    if phase == 4:
        new = np.asarray(trace.new_points[i], dtype=np.float64)
        segment = {"x": _compact([seed[0], chosen[0]]), "y": _compact([seed[1], chosen[1]])}
        px[k + 2], py[k + 2] = new[0], new[1]
        lines.append(np.concatenate([seed, chosen]))
    shown = np.isfinite(px)
    extra = np.zeros((0, 3)) if extra_markers is None else np.asarray(extra_markers, dtype=np.float64)
    drawn, radii = _drawn_markers(trace, placed_count(position), extra, geometry.growth)
    markers = np.vstack([drawn, np.column_stack([px, py])[shown]])
    sizes = np.asarray(point_sizes(k), dtype=np.float64) * geometry.growth
    radii = np.concatenate([radii, sizes[shown] / 2])
    best = None
    for view in views:
        markers_px = view.to_px(markers)
        near = _inside(markers_px, geometry.area, pad=40)
        lines_px = view.to_px(np.asarray(lines).reshape(-1, 2)).reshape(-1, 4) if lines else None
        points_px = view.to_px(np.column_stack([px, py]))
        inside = shown & _inside(np.nan_to_num(points_px, nan=-1e9), geometry.area)
        placed = _place(view, px, py, inside, texts, markers_px[near], radii[near], lines_px)
        missing = sum(1 for j in range(k + 3) if inside[j] and placed[j] is None)
        # Every label missed counts 1, every highlighted point out of the view a half.
        score = missing + 0.5 * int(np.sum(shown & ~inside))
        if best is None or score < best[0]:
            best = (score, view, placed, missing)
        if score == 0:
            break
    _, view, placed, missing = best
    text = [t if p is not None or not shown[j] else "" for j, (t, p) in enumerate(zip(texts, placed, strict=True))]
    textposition = [p or "top right" for p in placed]
    points = {"x": _compact(px), "y": _compact(py), "text": text, "textposition": textposition}
    return Scene(view, [guides, segment, points], missing)


def _frame_points(points: dict, with_text: bool) -> dict:
    """The highlighted points for an animation frame: the points after the last shown one left out (they are
    hidden either way), and the texts only when some frame of the run leaves a label out."""
    shown = [j for j, v in enumerate(points["x"]) if v is not None]
    last = (shown[-1] + 1) if shown else 1
    out = {"x": points["x"][:last], "y": points["y"][:last], "textposition": points["textposition"][:last]}
    if with_text:
        out["text"] = points["text"]
    return out


def _place(view: View, px: np.ndarray, py: np.ndarray, shown: np.ndarray, texts: list[str],
           markers_px: np.ndarray, radii: np.ndarray, lines_px: np.ndarray | None) -> list[str | None]:
    """Text positions of the shown highlighted points (None: hidden point, or a label with no safe place).
    Priority: the seed, the chosen neighbour, the new point, then the neighbours nearest first."""
    k = len(px) - 3
    pts = view.to_px(np.column_stack([px, py]))
    seed = pts[0]
    sizes = [size * view.geometry.growth for size in point_sizes(k)]
    prefer = ["top right"] * (k + 3)
    around = pts[1:k + 1][shown[1:k + 1]] - seed
    if shown[k + 2]:  # phase 4: the seed's label faces away from the segment
        prefer[0] = facing(*-(pts[k + 1] - seed))
    elif len(around):  # the widest empty angle between its neighbours
        angles = np.sort(np.arctan2(around[:, 1], around[:, 0]))
        gaps = np.diff(np.append(angles, angles[0] + 2 * np.pi))
        widest = int(np.argmax(gaps))
        middle = angles[widest] + gaps[widest] / 2
        prefer[0] = facing(np.cos(middle), np.sin(middle))
    for j in range(1, k + 2):
        prefer[j] = facing(*(pts[j] - seed))
    if shown[k + 2]:
        along = pts[k + 1] - seed
        prefer[k + 2] = facing(-along[1], along[0])  # across the segment
    order = [0, k + 1, k + 2, *range(1, k + 1)]
    order = [j for j in order if shown[j]]
    labels = [Label(float(pts[j, 0]), float(pts[j, 1]), texts[j], sizes[j], view.geometry.label_size, prefer[j])
              for j in order]
    placed = place_labels(labels, markers_px, radii=radii, area=view.geometry.area, avoid=[view.geometry.map_box],
                          lines=lines_px)
    out: list[str | None] = [None] * (k + 3)
    for j, p in zip(order, placed, strict=True):
        out[j] = p
    return out


def _highlight_traces(trace: SmoteTrace, position: int, positions: dict, scene: Scene) -> list[go.Scatter]:
    data = scene.highlights
    k = trace.k_neighbors
    i, _ = split_position(position)
    label = trace.step_class[i] if i is not None else (oversampled_classes(trace) or [trace.y[0]])[0]
    pos = positions[label.item() if hasattr(label, "item") else label]
    colour = class_colour(pos)
    common = {"showlegend": False, "hoverinfo": "skip", "cliponaxis": True}  # labels are placed inside the plot
    return [
        go.Scatter(**data[GUIDES], name=HIGHLIGHT_NAMES[GUIDES], mode="lines",
                   line={"color": "#555555", "width": 1.5, "dash": "dash", "shape": "spline", "smoothing": 1.3},
                   connectgaps=False, **common),
        go.Scatter(**data[SEGMENT], name=HIGHLIGHT_NAMES[SEGMENT], mode="lines",
                   line={"color": HIGHLIGHT_COLOUR, "width": 3}, **common),
        go.Scatter(
            **data[POINTS], name=HIGHLIGHT_NAMES[POINTS], mode="markers+text",
            textfont={"size": LABEL_SIZE, "color": HIGHLIGHT_COLOUR},
            marker={
                "symbol": [class_symbol(pos), *["circle-open"] * k, "circle-open", synthetic_symbol(pos)],
                "size": point_sizes(k),
                "color": [colour, *[HIGHLIGHT_COLOUR] * k, HIGHLIGHT_COLOUR, colour],
                "line": {"color": HIGHLIGHT_COLOUR, "width": [3, *[2] * k, 3, 2]},
            },
            **common,
        ),
    ]


# --- the data, the stars, the map ----------------------------------------------------------------------------


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
        marker={"symbol": synthetic_symbol(pos), "size": SYNTHETIC_SIZE, "color": class_colour(pos),
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
        t = class_trace(X[rows], label, positions[label], size=ORIGINAL_TOP_SIZE, opacity=1.0)
        t.showlegend = False
        t.hoverinfo = "skip"
        t.hovertemplate = None
        out.append(t)
    return out


def _webgl(t: go.Scatter) -> go.Scattergl:
    """The same markers drawn with WebGL: thousands of SVG markers make a browser sluggish."""
    spec = t.to_plotly_json()
    spec.pop("type", None)
    spec.pop("cliponaxis", None)
    return go.Scattergl(**spec)


MAP_RING = 0.05  # a rectangle narrower than this share of the map gets a ring around it, so it can be found
MAP_RING_SIZE = 14  # px: the ring (a marker on the rectangle's centre)


def _map_rectangle(view: View, whole: View) -> dict:
    """x/y of the map's rectangle: the part of the data the main view shows, clipped to the map, then its centre,
    where the trace draws a ring (its only marker) when the rectangle is too small to see (else the centre is
    hidden). Coordinates are rounded to a thousandth of the map's width."""
    (x0, x1), (y0, y1) = view.shown
    (mx0, mx1), (my0, my1) = whole.ranges
    x0, x1 = max(x0, mx0), min(x1, mx1)
    y0, y1 = max(y0, my0), min(y1, my1)
    span = mx1 - mx0
    tiny = max(x1 - x0, y1 - y0) < MAP_RING * span
    xs = [x0, x1, x1, x0, x0, np.nan, (x0 + x1) / 2 if tiny else np.nan]
    ys = [y0, y0, y1, y1, y0, np.nan, (y0 + y1) / 2 if tiny else np.nan]
    decimals = max(0, int(-np.floor(np.log10(span / 1000)))) if span > 0 else 6
    return {axis: [None if not np.isfinite(v) else round(float(v), decimals) for v in values]
            for axis, values in (("x", xs), ("y", ys))}


def _map_traces(trace: SmoteTrace, positions: dict, whole: View, view: View, webgl: bool) -> list:
    """The overview map: every class as small dots (every n-th point above ``MAP_POINTS``), and the rectangle
    of the main view."""
    X = np.asarray(trace.X, dtype=np.float64)
    stride = max(1, int(np.ceil(len(X) / MAP_POINTS)))
    out = []
    for label in np.unique(trace.y).tolist():
        rows = np.flatnonzero(trace.y == label)[::stride]
        pos = positions[label]
        t = go.Scatter(x=_f32(X[rows, 0]), y=_f32(X[rows, 1]), mode="markers", name=MAP_NAMES[0],
                       marker={"color": class_colour(pos), "symbol": class_symbol(pos), "size": 3},
                       xaxis="x2", yaxis="y2", showlegend=False, hoverinfo="skip")
        out.append(_webgl(t) if webgl else t)
    out.append(go.Scatter(**_map_rectangle(view, whole), name=MAP_NAMES[1], mode="lines+markers",
                          line={"color": HIGHLIGHT_COLOUR, "width": 1.5}, connectgaps=False,
                          marker={"size": [0, 0, 0, 0, 0, 0, MAP_RING_SIZE], "symbol": "circle-open",
                                  "color": HIGHLIGHT_COLOUR, "line": {"width": 1.5}},
                          xaxis="x2", yaxis="y2", showlegend=False, hoverinfo="skip", cliponaxis=True))
    return out


def _legend_names(trace: SmoteTrace, layers: Sequence) -> list[str]:
    names = [f"class {label_text(label)} ({int(np.sum(trace.y == label))})" for label in np.unique(trace.y).tolist()]
    names += [f"synthetic {label_text(label)}" for label in oversampled_classes(trace)]
    names += [t.name for t in layers if t.showlegend is not False and t.name]
    return names


def _base(trace: SmoteTrace, positions: dict, *, x_title: str, y_title: str, geometry: Geometry,
          view: View, webgl: bool = False) -> go.Figure:
    fig = go.Figure()
    X = np.asarray(trace.X, dtype=np.float64)
    for label in np.unique(trace.y).tolist():
        pos = positions[label]
        rows = np.flatnonzero(trace.y == label)
        t = class_trace(X[rows], label, pos, name=f"class {plot_text(label)} ({len(rows)})", hover_rows=rows,
                        opacity=0.55)
        fig.add_trace(_webgl(t) if webgl else t)
    base_layout(fig, x_title=x_title, y_title=y_title, height=geometry.height)
    x_range, y_range = view.ranges
    # One scale on both axes (circles round, distances true); the longer side of the plot shows more.
    # One scale on both axes (circles round, distances true) on a square plot: Plotly shrinks the plot, never
    # widens a range, so a resize (a hidden tab shown) or an animation frame keeps the view as planned.
    # The margins are the geometry's (labels are placed in its pixels), never grown by Plotly for long tick labels
    # (Streamlit's theme turns automargin on): a step drawn as an animation frame keeps the plot's size, so its
    # constrained domain, and one scale on both axes, stay right.
    fig.update_xaxes(range=x_range, autorange=False, constrain="domain", constraintoward="center", automargin=False)
    fig.update_yaxes(range=y_range, autorange=False, scaleanchor="x", scaleratio=1, constrain="domain",
                     constraintoward="bottom", automargin=False)
    (mx, my) = geometry.map_domain
    whole = overview(trace, geometry)
    map_axis = {"showgrid": False, "zeroline": False, "showticklabels": False, "ticks": "", "showline": True,
                "mirror": True, "linecolor": "#888888", "fixedrange": True, "title": None}
    fig.update_layout(
        hovermode="closest", template="none",
        margin={"l": geometry.left, "r": geometry.right, "t": geometry.top, "b": geometry.bottom},
        xaxis2={**map_axis, "domain": mx, "anchor": "y2", "range": whole.ranges[0], "autorange": False,
                "constrain": "domain", "constraintoward": "right"},
        yaxis2={**map_axis, "domain": my, "anchor": "x2", "range": whole.ranges[1], "autorange": False,
                "scaleanchor": "x2", "scaleratio": 1, "constrain": "domain", "constraintoward": "top"},
    )
    return fig


def _layer_points(layers: Sequence) -> np.ndarray:
    """x, y and marker size of every marker of the caller's layers (n x 3)."""
    pts = []
    for t in layers:
        if t.x is None or not len(t.x):
            continue
        size = t.marker.size if t.marker.size is not None else DATA_SIZE
        sizes = np.broadcast_to(np.asarray(size, dtype=np.float64), (len(t.x),))
        pts.append(np.column_stack([np.asarray(t.x, dtype=np.float64), np.asarray(t.y, dtype=np.float64), sizes]))
    return np.vstack(pts) if pts else np.zeros((0, 3))


def stepper_figure(trace: SmoteTrace, position: int, *, x_title: str = "x1", y_title: str = "x2",
                   positions: dict | None = None, height: int = 560, width: int = PLAN_WIDTH,
                   layers: Sequence[go.Scatter] = (), projector: bool = False) -> go.Figure:
    """The picture at one position: the data, the synthetic points placed so far, the current phase, zoomed
    onto the seed's neighbourhood in phases 1-4, with the overview map in the corner.

    Above ``WEBGL_ABOVE`` points the data and synthetic markers use WebGL (``Scattergl``); the highlights stay
    SVG. The animation always uses SVG, which Plotly can animate without redrawing.

    ``positions`` maps labels to style positions (``Dataset.class_positions``); default: the same rule.
    ``width``: the narrowest the figure is drawn (px); labels are placed for it. ``layers``: marker traces
    drawn under the highlights (e.g. Borderline's danger marks); labels keep clear of their markers too.
    ``projector``: presenter mode, the figure already ``common.projector_sized`` with its labels placed for
    those sizes (do not size it again)."""
    if trace.X.shape[1] != 2:
        raise ValueError("The stepper draws 2-D data; pass the two viewed columns.")
    position = clamp_position(position, trace)
    positions = positions or class_positions(trace)
    geometry = geometry_for(_legend_names(trace, layers), height, width, projector=projector)
    scene = scene_at(trace, position, geometry, _layer_points(layers))
    view = scene.view
    placed = placed_count(position)
    webgl = trace.n_original + placed > WEBGL_ABOVE
    fig = _base(trace, positions, x_title=x_title, y_title=y_title, geometry=geometry, view=view, webgl=webgl)
    for label in oversampled_classes(trace):
        steps = trace.class_steps(label)
        t = _synthetic_trace(trace, label, steps[steps < placed], positions[label])
        fig.add_trace(_webgl(t) if webgl else t)
    for t in _originals_on_top(trace, positions):
        fig.add_trace(_webgl(t) if webgl else t)
    for t in layers:
        fig.add_trace(t)
    for t in _highlight_traces(trace, position, positions, scene):
        fig.add_trace(t)
    for t in _map_traces(trace, positions, overview(trace, geometry), view, webgl):
        fig.add_trace(t)
    return projector_sized(fig) if projector else fig


def _visibility(first: int, placed: int, n: int) -> dict:
    """cmin/cmax that show the first ``placed - first`` points of a class trace whose colour values are
    0..n-1: values below the threshold map under 0.5 (class colour), the others above (transparent)."""
    threshold = min(max(placed - first, 0), n) - 0.5
    half = n + 1.0
    return {"cmin": threshold - half, "cmax": threshold + half}


WHOLE_RUN = "whole"  # the name of the frame of the whole run done (``animation_figure(whole_run=True)``)

# A slider jump changes the axes with a transition of this length. Not 0: Plotly divides the time elapsed by the
# duration, and 0 / 0 (a first animation frame within the same millisecond) gives the axes transforms of NaN.
JUMP_MS = 1


def _axis_range(values) -> list[float]:
    """An axis range rounded to a ten-thousandth of its span: both axes keep one scale (circles round) to within
    2e-4, also zoomed close far from 0, where a fixed count of significant digits would move each end by a
    visible share of the span (data in the hundred thousands, a neighbourhood a few units wide)."""
    a, b = (float(v) for v in values)
    decimals = max(0, 4 - int(np.floor(np.log10(max(abs(b - a), 1e-300)))))
    return [round(a, decimals), round(b, decimals)]


def _frame_layout(view: View) -> dict:
    x_range, y_range = view.ranges
    return {"xaxis": {"range": _axis_range(x_range)}, "yaxis": {"range": _axis_range(y_range)}}


def animation_figure(trace: SmoteTrace, *, frame_ms: int = 500, start: int = 0, x_title: str = "x1",
                     y_title: str = "x2", positions: dict | None = None, height: int = 600,
                     width: int = PLAN_WIDTH, layers: Sequence[go.Scatter] = (), projector: bool = False,
                     first: int = 0, controls: bool = True, whole_run: bool = False) -> go.Figure:
    """The whole run as frames, one per position, with Play / Pause and a slider over every phase.

    Frames list only the traces that change (``traces=[...]``): each class's synthetic trace (two numbers),
    the three highlight traces (points with their label positions) and the map's rectangle; and the axis
    ranges, so the view zooms onto each seed's neighbourhood as in the stepper. ``frame_ms`` is the time each
    phase stays on screen while playing; the zoom from one neighbourhood to the next glides in part of it.
    ``width``, ``layers``, ``projector``: as for ``stepper_figure``. ``first``: the first position with a frame
    (a window of the run; ``start`` is at least ``first``). ``controls``: Plotly's own Play / Pause and slider
    (off when the page's stepping component drives the frames). ``whole_run``: one more frame, named
    ``WHOLE_RUN``, of the run done (every new point, the whole data in view, nothing highlighted).
    """
    if trace.X.shape[1] != 2:
        raise ValueError("The stepper draws 2-D data; pass the two viewed columns.")
    n_pos = position_count(trace)
    first = int(min(max(first, 0), n_pos - 1))
    start = int(min(max(start, first), n_pos - 1))
    positions = positions or class_positions(trace)
    geometry = geometry_for(_legend_names(trace, layers), height, width,
                            bottom=ANIMATION_BOTTOM if controls else MARGIN_BOTTOM, projector=projector)
    whole = overview(trace, geometry)
    extra = _layer_points(layers)
    scenes = {p: scene_at(trace, p, geometry, extra) for p in range(first, n_pos)}
    fig = _base(trace, positions, x_title=x_title, y_title=y_title, geometry=geometry, view=scenes[start].view)
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
                                 marker={"symbol": synthetic_symbol(positions[label]), "size": SYNTHETIC_SIZE,
                                         "color": colour}))
    for t in _originals_on_top(trace, positions):
        fig.add_trace(t)
    for t in layers:
        fig.add_trace(t)
    first_dynamic = len(fig.data)
    for t in _highlight_traces(trace, start, positions, scenes[start]):
        fig.add_trace(t)
    highlight_ids = list(range(first_dynamic, first_dynamic + len(HIGHLIGHT_NAMES)))
    for t in _map_traces(trace, positions, whole, scenes[start].view, webgl=False):
        fig.add_trace(t)
    rectangle_id = len(fig.data) - 1
    frames = []
    sizes = {label: len(trace.class_steps(label)) for label in classes}
    texts_change = any(scene.highlights[2]["text"] != point_texts(trace.k_neighbors) for scene in scenes.values())
    def frame(name: str, placed: int, scene: Scene) -> go.Frame:
        # Frames hold only x, y, text, positions and marker.cmin/cmax, of traces validated above: Plotly's
        # per-property validation is skipped, which makes building thousands of frames several times faster.
        data = [go.Scatter(marker=_visibility(firsts[label], placed, sizes[label]), _validate=False)
                for label in classes]
        guides, segment, points = scene.highlights
        data += [go.Scatter(**guides, _validate=False), go.Scatter(**segment, _validate=False),
                 go.Scatter(**_frame_points(points, texts_change), _validate=False)]
        data.append(go.Scatter(**_map_rectangle(scene.view, whole), _validate=False))
        return go.Frame(data=data, traces=[*synthetic_ids, *highlight_ids, rectangle_id], name=name,
                        layout=_frame_layout(scene.view), _validate=False)

    for p in range(first, n_pos):
        frames.append(frame(str(p), placed_count(p), scenes[p]))
    if whole_run:  # the run done: every new point placed, in the start's view of the whole data, no highlight
        frames.append(frame(WHOLE_RUN, placed_count(n_pos - 1), scene_at(trace, 0, geometry, extra)))
    fig.frames = frames
    if not controls:
        return projector_sized(fig) if projector else fig
    glide = {"duration": int(min(400, 0.5 * frame_ms)), "easing": "cubic-in-out"}
    play_args = {"frame": {"duration": int(frame_ms), "redraw": False}, "fromcurrent": True,
                 "transition": glide, "mode": "immediate"}
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
            "active": start - first, "x": 0.22, "len": 0.78, "y": -0.1, "yanchor": "top", "pad": {"t": 10},
            "currentvalue": {"visible": True, "prefix": "Point ", "xanchor": "left",
                             "font": {"size": 15, "color": "#222222"}},
            "font": {"color": TRANSPARENT, "size": 1}, "ticklen": 0, "minorticklen": 0,
            "transition": {"duration": 0},
            "steps": [
                {"label": phase_label(trace, p), "method": "animate",
                 "args": [[str(p)], {"mode": "immediate", "frame": {"duration": JUMP_MS, "redraw": False},
                                     "transition": {"duration": JUMP_MS}}]}
                for p in range(first, n_pos)
            ],
        }],
        margin={"b": geometry.bottom},
    )
    return projector_sized(fig) if projector else fig


def outside_view(trace: SmoteTrace, height: int = 560, width: int = PLAN_WIDTH) -> dict:
    """``{label: rows outside the start's view}`` for classes that have any: the start's view holds the
    classes being over-sampled, and the page says how much of the rest it leaves out."""
    geometry = geometry_for(_legend_names(trace, ()), height, width)
    (x0, x1), (y0, y1) = overview(trace, geometry).shown
    X = np.asarray(trace.X, dtype=np.float64)
    outside = (X[:, 0] < x0) | (X[:, 0] > x1) | (X[:, 1] < y0) | (X[:, 1] > y1)
    counts = {}
    for label in np.unique(trace.y).tolist():
        n = int(np.sum(outside & (trace.y == label)))
        if n:
            counts[label] = n
    return counts


def view_caption(trace: SmoteTrace, position: int, height: int = 560, width: int = PLAN_WIDTH,
                 layers: Sequence[go.Scatter] = ()) -> str:
    """What the view shows at ``position``, in words (plain text; labels are user text: escape for markdown).
    ``height``, ``width`` and ``layers`` as given to ``stepper_figure``."""
    i, phase = split_position(position)
    if i is None:
        hidden = outside_view(trace, height, width)
        counts = class_counts(trace.y)
        classes = ", ".join(f"class {label_text(c)}" for c in oversampled_classes(trace)) or "every class"
        words = f"The view holds {classes}, the class being over-sampled, and its new points."
        if hidden:
            words += " Outside it: " + ", ".join(f"{n} of the {counts[label]} points of class {label_text(label)}"
                                               for label, n in hidden.items()) + "."
        return words + " The small map in the top right corner shows the data as a whole."
    geometry = geometry_for(_legend_names(trace, layers), height, width)
    view = scene_at(trace, position, geometry, _layer_points(layers)).view
    seed_row, chosen_row = int(trace.seed_index[i]), int(trace.chosen_index[i])
    radius = float(trace.neighbor_distances[i].max())
    if view.kind == "end":
        gap = float(trace.gap[i])
        where = (f"Zoomed close onto the new point: it lies almost on one end of its segment (λ = {gap:.4f}), so "
                 f"the view is near enough to tell them apart; the segment runs on from the seed (row {seed_row}) "
                 f"to the chosen neighbour (row {chosen_row}), which may lie outside the view.")
    elif view.kind == "segment":
        where = (f"Zoomed onto the segment from the seed (row {seed_row}) to the chosen neighbour (row "
                 f"{chosen_row}), centred on the segment.")
    elif view.kind == "seed":
        where = (f"Zoomed close onto the seed (row {seed_row}), centred on it; the next phase steps back to show "
                 "its k nearest neighbours.")
    elif phase == 1:
        where = (f"Zoomed onto the neighbourhood of the seed (row {seed_row}), centred on it: its k nearest "
                 f"neighbours all lie within {radius:.3f} of it, inside the view.")
    else:
        where = (f"Zoomed onto the neighbourhood of the seed (row {seed_row}), centred on it: the dashed circle "
                 f"through its k-th nearest neighbour (radius {radius:.3f}) fills most of the view.")
    return where + (" The small map in the top right corner shows the whole data, with a rectangle around the "
                    "part this view shows (ringed when it is too small to see).")
