"""The playground's points and what a click does to them: pure values and functions, no Streamlit.

A learner places points by hand, picks a seed and a neighbour, and watches SMOTE and a classifier answer. The
browser reports a click or a drag in data coordinates, with the size of one screen pixel in data units; the
functions here turn that event into a new ``Play`` (the points, the undo history, the picked seed and neighbour,
and one line saying what happened). The page only forwards events, so every interaction is testable here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from smote_viz import inputs
from smote_viz.data import Dataset, generate
from smote_viz.data.dataset import class_counts, style_positions
from smote_viz.figures.common import axis_ranges
from smote_viz.state import param
from smote_viz.style import CLASS_COLOURS, CLASS_SYMBOLS, label_text

MAX_POINTS = 500  # a click past this is refused; the current data is subsampled to it
HISTORY = 50  # undo steps kept
HIT_RADIUS_PX = 10  # a click this close to a marker's centre is a click on the marker
DRAG_MIN_PX = 5  # the browser calls a press a drag once it moved this far
K_RANGE = (1, 10)
NEW_RANGE = (1, 200)
PRESETS = {
    "twelve": "12 + 5 points",
    "ring": "a minority ring",
    "stretched": "one stretched axis",
    "current": "the current data",
}
MODELS = {"knn": "k-nearest neighbours (5)", "logreg": "Logistic regression", "none": "No classifier"}
EDIT, PICK = "edit", "pick"
# The words for style.CLASS_COLOURS and style.CLASS_SYMBOLS, position by position.
COLOUR_NAMES = ("blue", "vermillion", "green", "pink", "orange", "sky blue", "yellow", "black")
SHAPE_NAMES = ("circles", "triangles", "squares", "diamonds", "crosses", "pentagons", "hexagons", "octagons")


SHAPE_SIGNS = ("●", "▲", "■", "◆", "✚", "⬟", "⬢", "⯃")  # the same shapes as text, for buttons


def class_button(canvas: Canvas, label: object) -> str:
    """A short button label for a class: its shape as a sign, then its name ('▲ class 1')."""
    return f"{SHAPE_SIGNS[canvas.positions[label] % len(SHAPE_SIGNS)]} class {label_text(label)}"


def class_look(position: int) -> str:
    """'vermillion triangles': how the class at a style position is drawn, in words."""
    return f"{COLOUR_NAMES[position % len(CLASS_COLOURS)]} {SHAPE_NAMES[position % len(CLASS_SYMBOLS)]}"


@dataclass(frozen=True)
class PlaygroundSettings:
    """Every choice of the playground that a shared link carries (the points themselves stay in the session)."""

    start: str = field(default="twelve", metadata=param("start", choices=tuple(PRESETS)))
    k: int = field(default=3, metadata=param("k", lo=K_RANGE[0], hi=K_RANGE[1]))
    balance: bool = field(default=True, metadata=param("balance"))
    new: int = field(default=10, metadata=param("new", lo=NEW_RANGE[0], hi=NEW_RANGE[1]))
    every_class: bool = field(default=False, metadata=param("everyclass"))
    standardise: bool = field(default=False, metadata=param("std"))
    model: str = field(default="knn", metadata=param("model", choices=tuple(MODELS)))
    smote_seed: int = field(default=0, metadata=param("rs", lo=0, hi=2**31 - 1))


@dataclass(frozen=True, eq=False)
class Points:
    """Points on the board: ``X`` (n x 2, float64) and one label each. Immutable; every edit makes a new one."""

    X: np.ndarray
    y: np.ndarray

    def __post_init__(self) -> None:
        X = np.array(self.X, dtype=np.float64).reshape(-1, 2)
        y = np.array(self.y).reshape(-1)
        if len(X) != len(y):
            raise ValueError(f"{len(X)} points but {len(y)} labels")
        X.setflags(write=False)
        y.setflags(write=False)
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)

    def __len__(self) -> int:
        return len(self.y)

    def counts(self, classes: Sequence) -> dict:
        """Points per class, for every class of the board (0 for a class with no point left)."""
        found = class_counts(self.y) if len(self.y) else {}
        return {label: found.get(label, 0) for label in classes}

    def added(self, x: float, y: float, label: object) -> Points:
        return Points(np.vstack([self.X, [[x, y]]]), np.append(self.y, np.array([label], dtype=self.y.dtype)))

    def removed(self, row: int) -> Points:
        keep = np.arange(len(self)) != row
        return Points(self.X[keep], self.y[keep])

    def moved(self, row: int, x: float, y: float) -> Points:
        X = self.X.copy()
        X[row] = (x, y)
        return Points(X, self.y)

    def same_as(self, other: Points) -> bool:
        return bool(np.array_equal(self.X, other.X) and np.array_equal(self.y, other.y))


@dataclass(frozen=True, eq=False)
class Canvas:
    """What stays fixed while a learner plays: the start, the classes and their styles, the class SMOTE grows
    (``target``, the start's smallest class) and the view, whose ranges never change, so a click always lands
    where the pointer was."""

    name: str
    start: Points
    x_name: str
    y_name: str
    classes: tuple
    positions: dict  # label -> style position (blue circles for the largest class, and so on)
    target: object
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    notes: tuple[str, ...] = ()

    def class_words(self, label: object) -> str:
        """'class 1 (vermillion triangles)': a class by its name, colour and shape."""
        return f"class {label_text(label)} ({class_look(self.positions[label])})"

    def inside(self, x: float, y: float) -> bool:
        return self.x_range[0] <= x <= self.x_range[1] and self.y_range[0] <= y <= self.y_range[1]

    def clamp(self, x: float, y: float) -> tuple[float, float]:
        return (min(max(x, self.x_range[0]), self.x_range[1]), min(max(y, self.y_range[0]), self.y_range[1]))

    @property
    def majority(self) -> object:
        """The start's largest class (first in sorted order on a tie)."""
        counts = self.start.counts(self.classes)
        return max(self.classes, key=lambda label: (counts[label], -self.classes.index(label)))


@dataclass(frozen=True, eq=False)
class Play:
    """The playground's state: the points, the undo history (older first), the picked seed and neighbour (row
    numbers in ``points``), and what the last action did, in words."""

    points: Points
    history: tuple[Points, ...] = ()
    seed: int | None = None
    neighbour: int | None = None
    message: str = ""


# --- the events the browser sends -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Click:
    x: float
    y: float
    ux: float  # data units per screen pixel, horizontally
    uy: float  # and vertically


@dataclass(frozen=True)
class Drag:
    x0: float  # where the press started
    y0: float
    x: float  # where it was released
    y: float
    ux: float
    uy: float


def _number(payload: Mapping, key: str) -> float | None:
    return inputs.number(payload.get(key))  # finite, not a bool, not an integer too large for a float


def parse_event(payload: object) -> Click | Drag | None:
    """The browser's event as a ``Click`` or a ``Drag``; None for anything else (the payload comes from the
    browser, so it is checked like any input: a known kind, finite numbers, positive pixel sizes)."""
    if not isinstance(payload, Mapping):
        return None
    kind = payload.get("kind")
    names = {"click": ("x", "y", "ux", "uy"), "drag": ("x0", "y0", "x", "y", "ux", "uy")}.get(kind)
    if names is None:
        return None
    values = [_number(payload, name) for name in names]
    if any(v is None for v in values) or values[-1] <= 0 or values[-2] <= 0:
        return None
    return Click(*values) if kind == "click" else Drag(*values)


def hit(points: Points, x: float, y: float, ux: float, uy: float, radius_px: float = HIT_RADIUS_PX) -> int | None:
    """The point drawn under the pointer: the nearest within ``radius_px`` screen pixels, or None."""
    if not len(points):
        return None
    d = np.hypot((points.X[:, 0] - x) / ux, (points.X[:, 1] - y) / uy)
    row = int(np.argmin(d))
    return row if d[row] <= radius_px else None


def _where(x: float, y: float) -> str:
    return f"({x:.2f}, {y:.2f})"


# --- editing the points ---------------------------------------------------------------------------------------
def _with_points(play: Play, points: Points, message: str, *, removed: int | None = None) -> Play:
    history = (*play.history, play.points)[-HISTORY:]
    seed, neighbour = play.seed, play.neighbour
    if removed is not None:
        seed, neighbour = (_after_removal(r, removed) for r in (seed, neighbour))
        if seed is None:
            neighbour = None
    return Play(points, history, seed, neighbour, message)


def _after_removal(row: int | None, removed: int) -> int | None:
    if row is None or row == removed:
        return None
    return row - 1 if row > removed else row


def edit(play: Play, event: Click | Drag, label: object, canvas: Canvas) -> Play:
    """Edit mode: a click on empty space adds a point of ``label``, a click on a point removes it, a drag
    from a point moves it (the drop is kept inside the view)."""
    points = play.points
    if isinstance(event, Drag):
        row = hit(points, event.x0, event.y0, event.ux, event.uy)
        if row is None:
            return replace(play, message="Nothing to drag there: start a drag on a point.")
        x, y = canvas.clamp(event.x, event.y)
        moved = points.moved(row, x, y)
        return _with_points(play, moved, f"Moved point {row} of {canvas.class_words(points.y[row])} to {_where(x, y)}.")
    row = hit(points, event.x, event.y, event.ux, event.uy)
    if row is not None:
        word = canvas.class_words(points.y[row])
        return _with_points(play, points.removed(row), f"Removed point {row} of {word}.", removed=row)
    if not canvas.inside(event.x, event.y):
        return replace(play, message="That click was outside the plotting area.")
    if len(points) >= MAX_POINTS:
        return replace(play, message=f"The playground holds at most {MAX_POINTS} points: remove some first.")
    return _with_points(play, points.added(event.x, event.y, label),
                        f"Added a point of {canvas.class_words(label)} at {_where(event.x, event.y)}.")


def undo(play: Play) -> Play:
    if not play.history:
        return replace(play, message="Nothing to undo.")
    return Play(play.history[-1], play.history[:-1], None, None, "Undid the last change.")


def restart(canvas: Canvas, play: Play | None = None) -> Play:
    """The start's points. Resetting a ``play`` keeps its points in the history, so a reset can be undone."""
    if play is None:
        return Play(canvas.start, message=f"Started from {canvas.name}.")
    return Play(canvas.start, (*play.history, play.points)[-HISTORY:], message=f"Back to {canvas.name}.")


# --- picking a seed and a neighbour -----------------------------------------------------------------------------
def pick(play: Play, event: Click | Drag, canvas: Canvas, neighbours_of: Callable[[int], Sequence[int]]) -> Play:
    """Pick mode: a click on a point of the target class makes it the seed x_i; then a click on one of its
    neighbours (``neighbours_of(seed)``, nearest first) makes that the chosen neighbour x_zi. A click on the
    seed again drops the pick; a drag does nothing here."""
    if isinstance(event, Drag):
        return replace(play, message="Dragging moves points in edit mode; here, click a point.")
    points = play.points
    row = hit(points, event.x, event.y, event.ux, event.uy)
    target = canvas.class_words(canvas.target)
    if row is None:
        return replace(play, message=f"No point there: click a point of {target}.")
    if play.seed is not None and row == play.seed:
        return replace(play, seed=None, neighbour=None, message="Seed dropped: click a point to pick a new one.")
    if play.seed is not None and row in list(neighbours_of(play.seed)):
        rank = list(neighbours_of(play.seed)).index(row) + 1
        return replace(play, neighbour=row,
                       message=f"Chose neighbour {rank} (point {row}) as x_zi: move λ with the slider above the plot.")
    if points.y[row] != canvas.target:
        return replace(play, message=(
            f"Point {row} is of {canvas.class_words(points.y[row])}: SMOTE's seeds are points of {target}."
            + (" Its neighbours are circled: click one of them." if play.seed is not None else "")))
    return replace(play, seed=row, neighbour=None,
                   message=f"Point {row} is the seed x_i: click one of its circled neighbours.")


def settle(play: Play, neighbours_of: Callable[[int], Sequence[int]] | None) -> Play:
    """Drop a pick that no longer holds: a seed that is no longer a point of the target class, or a neighbour
    that is no longer among the seed's neighbours (after a drag, or after k or a switch changed)."""
    n = len(play.points)
    seed = play.seed if play.seed is not None and play.seed < n and neighbours_of is not None else None
    neighbour = play.neighbour if seed is not None else None
    if seed is not None and neighbour is not None and neighbour not in list(neighbours_of(seed)):
        neighbour = None
    if (seed, neighbour) == (play.seed, play.neighbour):
        return play
    return replace(play, seed=seed, neighbour=neighbour)


# --- where a playground starts --------------------------------------------------------------------------------
# A minority cluster of 5 with 6 majority points close around it and 6 further away: SMOTE's new points stay
# inside the cluster; with neighbours from every class they reach out to the majority points around it.
_TWELVE = np.array([
    [2.75, 3.3], [3.9, 3.2], [2.7, 2.1], [3.8, 2.1], [2.2, 2.8], [4.4, 2.6],
    [1.4, 1.3], [2.4, 0.9], [1.3, 3.7], [2.5, 4.3], [4.9, 1.1], [4.7, 4.1],
])
_FIVE = np.array([[2.8, 2.7], [3.8, 2.65], [3.3, 3.2], [3.3, 2.2], [3.3, 2.75]])


def _twelve() -> tuple[Points, str, str]:
    X = np.vstack([_TWELVE, _FIVE])
    y = np.array([0] * len(_TWELVE) + [1] * len(_FIVE))
    return Points(X, y), "x1", "x2"


def _ring() -> tuple[Points, str, str]:
    ds = generate("ring", 40, 0.2, 0.2, random_state=3)
    return Points(ds.X2, ds.y), "x1", "x2"


def _stretched() -> tuple[Points, str, str]:
    """Age in years and income in euros: income's numbers are a thousand times larger, so unscaled distances
    are income distances. The majority is middle-aged; the minority is young or old, with incomes interleaved,
    so that by income alone a young point's nearest minority neighbours are old, and the other way round."""
    rng = np.random.default_rng(11)
    n_maj = 30
    majority = np.column_stack([np.round(rng.uniform(35, 55, n_maj), 1), np.round(rng.uniform(20_000, 90_000, n_maj), -2)])
    young = np.column_stack([[22, 26, 24, 27, 23], [30_000, 42_000, 54_000, 66_000, 78_000]])
    old = np.column_stack([[64, 67, 63, 68, 65], [36_000, 48_000, 60_000, 72_000, 84_000]])
    X = np.vstack([majority, young, old]).astype(np.float64)
    y = np.array([0] * n_maj + [1] * 10)
    return Points(X, y), "age (years)", "income (euros)"


_PRESET_BUILDERS = {"twelve": _twelve, "ring": _ring, "stretched": _stretched}


def _view(X: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """Fixed ranges with room around the points to add new ones."""
    if not len(X):
        return (0.0, 1.0), (0.0, 1.0)
    x_range, y_range = axis_ranges(X, pad=0.15)
    return (x_range[0], x_range[1]), (y_range[0], y_range[1])


def _canvas(name: str, points: Points, x_name: str, y_name: str, notes: tuple[str, ...] = ()) -> Canvas:
    counts = class_counts(points.y)
    classes = tuple(counts)
    target = min(classes, key=lambda label: (counts[label], classes.index(label)))
    x_range, y_range = _view(points.X)
    return Canvas(name, points, x_name, y_name, classes, style_positions(counts), target, x_range, y_range, notes)


def preset_canvas(name: str) -> Canvas:
    """The canvas of a preset start ('twelve', 'ring' or 'stretched')."""
    points, x_name, y_name = _PRESET_BUILDERS[name]()
    return _canvas(PRESETS[name], points, x_name, y_name)


def dataset_canvas(dataset: Dataset, max_points: int = MAX_POINTS, seed: int = 0) -> Canvas:
    """A canvas from a dataset's 2-D view. Above ``max_points`` rows, a stratified sample (every class keeps
    its share, and at least two points) keeps each click fast; a note says so."""
    X, y = np.asarray(dataset.X2, dtype=np.float64), dataset.y
    notes: tuple[str, ...] = ()
    if len(y) > max_points:
        rng = np.random.default_rng(seed)
        counts = class_counts(y)
        keep = []
        for label, n in counts.items():
            rows = np.flatnonzero(y == label)
            take = min(n, max(2, int(round(max_points * n / len(y)))))
            keep.append(rng.choice(rows, size=take, replace=False))
        rows = np.sort(np.concatenate(keep))
        X, y = X[rows], y[rows]
        notes = (f"The current data has {len(dataset.y)} rows; the playground starts from a sample of {len(y)} "
                 f"of them (every class keeps its share), so each click stays fast.",)
    x_name, y_name = dataset.view_names
    return _canvas(f"the current data ({dataset.name})", Points(X, y), x_name, y_name, notes)


def start_canvas(settings: PlaygroundSettings, dataset: Dataset) -> Canvas:
    return dataset_canvas(dataset) if settings.start == "current" else preset_canvas(settings.start)


def respond(play: Play, payload: object, mode: str, label: object, canvas: Canvas,
            neighbours_of: Callable[[int], Sequence[int]] | None) -> Play:
    """Apply one browser event to the state: what the page does with each click or drag. ``neighbours_of``
    is None when SMOTE cannot run (then there is nothing to pick)."""
    event = parse_event(payload)
    if event is None:
        return play
    if mode == PICK:
        if neighbours_of is None:
            return replace(play, message="SMOTE cannot run on these points, so there is no seed to pick: add points.")
        return pick(play, event, canvas, neighbours_of)
    return edit(play, event, label, canvas)


# --- points in a shared link ---------------------------------------------------------------------------------------
LINK_POINTS = 60  # a board of at most this many points travels in the link
LINK_CHARS = 1500  # and only if its code is at most this long


def encode_points(points: Points, canvas: Canvas) -> str | None:
    """The board as a short text for the link (``x,y,class;...``, 4 significant digits, the class as its
    position in ``canvas.classes``), or None when it is the start's board or too large for a link."""
    if points.same_as(canvas.start) or len(points) > LINK_POINTS:
        return None
    index = {label: i for i, label in enumerate(canvas.classes)}
    code = ";".join(f"{x:.4g},{y:.4g},{index[label]}" for (x, y), label in zip(points.X.tolist(), points.y.tolist()))
    return code if len(code) <= LINK_CHARS else None


def decode_points(code: str, canvas: Canvas) -> tuple[Points | None, str | None]:
    """A board from a link's code, or None and what is wrong with it (the code comes from a URL, so every
    number and class is checked; points outside the view are moved to its edge)."""
    problem = "The link's points could not be read; starting from the preset instead."
    if len(code) > LINK_CHARS:
        return None, problem
    rows = [part.split(",") for part in code.split(";")] if code else []
    if not rows or len(rows) > LINK_POINTS or any(len(row) != 3 for row in rows):
        return None, problem
    try:
        values = [(float(x), float(y), int(c)) for x, y, c in rows]
    except ValueError:
        return None, problem
    if any(not (math.isfinite(x) and math.isfinite(y)) or not 0 <= c < len(canvas.classes) for x, y, c in values):
        return None, problem
    X = [canvas.clamp(x, y) for x, y, _ in values]
    labels = np.array([canvas.classes[c] for _, _, c in values], dtype=canvas.start.y.dtype)
    return Points(X, labels), None
