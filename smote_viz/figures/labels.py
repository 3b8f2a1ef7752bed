"""Where each text label goes: beside its own marker, nearer to it than to any other marker, on no other label.

Plotly draws a point's text at one of nine positions around its marker (``"top left"`` ... ``"bottom right"``),
pushed out by the marker's radius. ``text_box`` mirrors that geometry in pixels (plotly.js
``Drawing.textPointStyle``: the offset is ``size / 1.6 + 1`` px, the baseline sits ``0.75 em`` below the
anchor plus the offset, the box is the font's line box) for Streamlit's Source Sans. ``place_labels`` then
tries the eight positions around every marker and keeps, for all labels together, positions where

- the distance from the label's box to its own marker (plus ``OWN_SLACK_PX``) is smaller, by ``MARGIN_PX``,
  than the distance to every other marker drawn (markers closer than ``SAME_PLACE_PX`` to its own count as the same place: the seed's
  highlight drawn over the seed's data point);
- no two label boxes overlap (they keep ``GAP_PX`` apart), and no label covers another marker's body or the
  largest ring drawn on its own spot (a chosen neighbour's);
- the box lies inside the plot area and keeps clear of the rectangles to avoid (an inset), by more than its
  distance to its own marker.

Among such positions it prefers the one facing the way the caller asks (away from the seed) and keeping the
most room, and crossing no drawn line. A label for which no position exists is dropped (``None``): a missing
label misleads no one, a label beside the wrong marker does.

Pixel geometry is planned for the smallest plot the figure is drawn in; a larger plot only moves markers
apart while labels keep their pixel offsets, so the guarantees hold there too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

POSITIONS = ("top center", "top right", "middle right", "bottom right", "bottom center", "bottom left",
             "middle left", "top left")
# Unit direction of each position from the marker, screen coordinates (y down).
_DIRECTION = {
    "top center": (0.0, -1.0), "top right": (0.7071, -0.7071), "middle right": (1.0, 0.0),
    "bottom right": (0.7071, 0.7071), "bottom center": (0.0, 1.0), "bottom left": (-0.7071, 0.7071),
    "middle left": (-1.0, 0.0), "top left": (-0.7071, -0.7071),
}
# Advance widths (em) of Source Sans, the font Streamlit ships and draws Plotly text in, measured in Chromium;
# ``WIDTH_SAFETY`` covers a fallback font (DejaVu Sans is 7 % wider) and other characters get ``WIDE_EM``.
CHAR_EM = {**dict.fromkeys("0123456789", 0.497), "x": 0.446, "_": 0.5, "i": 0.246, "z": 0.425, "n": 0.547,
           "e": 0.496, "w": 0.719, " ": 0.2}
WIDE_EM = 0.75
WIDTH_SAFETY = 1.08
ASCENT_EM = 1.0  # the text box reaches this far above the baseline ...
DESCENT_EM = 0.36  # ... and this far below (Chromium's line box of Source Sans, measured)
PAD_PX = 1.0
MARGIN_PX = 0.5  # another marker must be at least this much farther from the box than its own marker ...
OWN_SLACK_PX = 1.5  # ... counting the own marker this much farther than the model says (the drawn box is up to
# 1.4 px smaller than the padded model on the side facing its marker, measured in Chromium)
SAME_PLACE_PX = 0.25  # markers closer than this to a label's own marker are drawn at the same place
GAP_PX = 2.0  # between two label boxes
BODY_SHARE = 1.0  # a label keeps this share of another marker's radius away from its centre: off its body
MAX_SEARCH = 4000  # nodes of one joint search
MAX_LEFT_OUT = 2  # labels left out in every combination before the lowest-priority one goes for good


@dataclass(frozen=True)
class Label:
    """One text to place: its marker's pixel position (x right, y down), marker size (px), text, font size."""

    x: float
    y: float
    text: str
    marker_size: float
    font_size: float
    prefer: str = "top right"  # the position to try first (e.g. facing away from the seed)


def text_width(text: str, font_size: float) -> float:
    """The drawn width (px) of ``text``, a little generous."""
    return WIDTH_SAFETY * font_size * sum(CHAR_EM.get(ch, WIDE_EM) for ch in text)


def text_box(label: Label, position: str) -> np.ndarray:
    """``[left, top, right, bottom]`` in pixels of ``label``'s text drawn at ``position``."""
    fs = float(label.font_size)
    r = label.marker_size / 2 / 0.8 + 1 if label.marker_size > 0 else 0.0
    vertical, horizontal = position.split(" ")
    width = text_width(label.text, fs)
    if horizontal == "right":
        left = label.x + r
    elif horizontal == "left":
        left = label.x - r - width
    else:
        left = label.x - width / 2
    sign = {"top": -1, "middle": 0, "bottom": 1}[vertical]
    baseline = label.y + 0.75 * fs + sign * r + (sign - 1) * fs / 2
    return np.array([left - PAD_PX, baseline - ASCENT_EM * fs - PAD_PX, left + width + PAD_PX,
                     baseline + DESCENT_EM * fs + PAD_PX])


def box_distance(box: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Distance from the box ``[l, t, r, b]`` to each point (n x 2); 0 inside."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    dx = np.maximum.reduce([box[0] - points[:, 0], np.zeros(len(points)), points[:, 0] - box[2]])
    dy = np.maximum.reduce([box[1] - points[:, 1], np.zeros(len(points)), points[:, 1] - box[3]])
    return np.hypot(dx, dy)


def _overlap(a: np.ndarray, b: np.ndarray, gap: float = GAP_PX) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def crossings(boxes: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """For each box ``[l, t, r, b]`` (n x 4), how many of the segments ``[x0, y0, x1, y1]`` (m x 4) pass
    through it (Liang-Barsky clipping, all pairs at once)."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)[:, None, :]
    seg = np.asarray(segments, dtype=float).reshape(-1, 4)[None, :, :]
    if seg.shape[1] == 0:
        return np.zeros(boxes.shape[0], dtype=int)
    x0, y0, x1, y1 = (seg[..., j] for j in range(4))
    dx, dy = x1 - x0, y1 - y0
    p = np.stack(np.broadcast_arrays(-dx, dx, -dy, dy), axis=-1)
    q = np.stack([x0 - boxes[..., 0], boxes[..., 2] - x0, y0 - boxes[..., 1], boxes[..., 3] - y0], axis=-1)
    p = np.broadcast_to(p, q.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = q / p
    t0 = np.max(np.where(p < 0, t, 0.0), axis=-1, initial=0.0)
    t1 = np.min(np.where(p > 0, t, 1.0), axis=-1, initial=1.0)
    parallel_outside = np.any((p == 0) & (q < 0), axis=-1)
    return np.sum((t0 <= t1) & ~parallel_outside, axis=1)


def preference_order(prefer: str) -> list[str]:
    """The eight positions, the preferred one first, then by how far they turn away from it."""
    px, py = _DIRECTION[prefer]
    return sorted(POSITIONS, key=lambda p: -(_DIRECTION[p][0] * px + _DIRECTION[p][1] * py))


def facing(dx: float, dy: float) -> str:
    """The position on the side of a marker that points along (dx, dy), screen coordinates (y down)."""
    if not (np.isfinite(dx) and np.isfinite(dy)) or (dx == 0 and dy == 0):
        return "top right"
    return max(POSITIONS, key=lambda p: _DIRECTION[p][0] * dx + _DIRECTION[p][1] * dy)


@dataclass(frozen=True)
class _Candidate:
    position: str
    box: np.ndarray
    score: float


def _candidates(label: Label, markers: np.ndarray, radii: np.ndarray, area: Sequence[float],
                avoid: Sequence[Sequence[float]], lines: np.ndarray) -> list[_Candidate]:
    """The positions that keep ``label`` nearest its own marker and inside the area, best first."""
    own = np.array([label.x, label.y])
    far = np.hypot(*(markers - own).T) >= SAME_PLACE_PX if len(markers) else np.zeros(0, dtype=bool)
    others, other_radii = markers[far], radii[far]
    # A larger marker drawn on its own spot (the chosen neighbour's ring around a neighbour): clear of it too.
    larger = radii[~far][radii[~far] > label.marker_size / 2 + 0.5] if len(markers) else radii[:0]
    ring = float(larger.max()) if len(larger) else 0.0
    order = preference_order(label.prefer)
    boxes = np.array([text_box(label, position) for position in order])
    inside = ((boxes[:, 0] >= area[0]) & (boxes[:, 1] >= area[1]) & (boxes[:, 2] <= area[2])
              & (boxes[:, 3] <= area[3]))
    mine = np.hypot(np.maximum.reduce([boxes[:, 0] - own[0], np.zeros(len(boxes)), own[0] - boxes[:, 2]]),
                    np.maximum.reduce([boxes[:, 1] - own[1], np.zeros(len(boxes)), own[1] - boxes[:, 3]]))
    off_ring = mine >= ring
    mine = mine + OWN_SLACK_PX
    if len(others):
        ox, oy = others[None, :, 0], others[None, :, 1]
        gx = np.maximum(np.maximum(boxes[:, 0:1] - ox, 0.0), ox - boxes[:, 2:3])
        gy = np.maximum(np.maximum(boxes[:, 1:2] - oy, 0.0), oy - boxes[:, 3:4])
        gaps = np.hypot(gx, gy)
        room = gaps.min(axis=1) - mine
        off_ring &= (gaps >= BODY_SHARE * other_radii[None, :]).all(axis=1)  # and off every other marker's body
    else:
        room = np.full(len(boxes), np.inf)
    clear = np.ones(len(boxes), dtype=bool)
    for rect in avoid:
        gx = np.maximum.reduce([rect[0] - boxes[:, 2], np.zeros(len(boxes)), boxes[:, 0] - rect[2]])
        gy = np.maximum.reduce([rect[1] - boxes[:, 3], np.zeros(len(boxes)), boxes[:, 1] - rect[3]])
        clear &= np.hypot(gx, gy) >= mine + MARGIN_PX
    crossed = crossings(boxes, lines)
    out = [
        _Candidate(position, boxes[rank], float(min(room[rank], 12.0) - 1.5 * rank - 8.0 * crossed[rank]))
        for rank, position in enumerate(order)
        if inside[rank] and clear[rank] and off_ring[rank] and room[rank] >= MARGIN_PX
    ]
    out.sort(key=lambda c: -c.score)
    return out


def place_labels(labels: Sequence[Label], markers: np.ndarray, *, area: Sequence[float],
                 avoid: Sequence[Sequence[float]] = (), lines: np.ndarray | None = None,
                 radii: np.ndarray | None = None) -> list[str | None]:
    """A text position for every label (``None``: dropped, no position keeps it by its own marker).

    ``markers``: pixel centres (n x 2) of every marker drawn in the plot, the labelled ones included;
    ``area``: ``[left, top, right, bottom]`` the labels must stay in; ``avoid``: rectangles labels keep clear of;
    ``lines``: segments ``[x0, y0, x1, y1]`` (px) a label should not cross (a softer rule); ``radii``: each
    marker's drawn radius (px): no label covers another marker's body, nor the largest ring on its own spot.
    Labels are listed in priority order: when some must be dropped, the later ones go first.
    """
    markers = np.asarray(markers, dtype=float).reshape(-1, 2)
    radii = np.zeros(len(markers)) if radii is None else np.asarray(radii, dtype=float).reshape(-1)
    lines = np.zeros((0, 4)) if lines is None else np.asarray(lines, dtype=float).reshape(-1, 4)
    lines = lines[np.isfinite(lines).all(axis=1)]
    options = [_candidates(lab, markers, radii, area, avoid, lines) for lab in labels]
    active = [i for i, opts in enumerate(options) if opts]
    while True:
        # No joint placement: leave out as few labels as possible, the lowest-priority ones first.
        for left_out in range(min(MAX_LEFT_OUT, len(active)) + 1):
            for drop in combinations(reversed(active), left_out):
                kept = [i for i in active if i not in drop]
                found = _search(options, kept)
                if found is not None:
                    result: list[str | None] = [None] * len(labels)
                    for i, c in zip(kept, found, strict=True):
                        result[i] = c.position
                    return result
        active = active[:-1]


def _search(options: list[list[_Candidate]], active: list[int]) -> list[_Candidate] | None:
    """Depth-first search, best candidates first, most constrained label first; None when none is found
    within ``MAX_SEARCH`` nodes."""
    order = sorted(range(len(active)), key=lambda j: len(options[active[j]]))
    chosen: list[_Candidate | None] = [None] * len(active)
    budget = [MAX_SEARCH]

    def extend(depth: int) -> bool:
        if depth == len(order):
            return True
        j = order[depth]
        for cand in options[active[j]]:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            if any(c is not None and _overlap(cand.box, c.box) for c in chosen):
                continue
            chosen[j] = cand
            if extend(depth + 1):
                return True
            chosen[j] = None
        return False

    if extend(0):
        return [c for c in chosen if c is not None]
    return None


# --- a first guess by direction only -------------------------------------------------------------------------
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
    """A first guess without pixel geometry, for small side figures that do not plan in pixels (the stepper uses
    ``place_labels``). Text positions for the highlighted points (seed, k neighbours, chosen, new): each neighbour's number
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
