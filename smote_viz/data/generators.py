"""Synthetic 2-D imbalanced datasets for teaching.

Class 0 is the majority; classes 1, 2, 3 are minority classes that share the requested minority fraction,
each half the size of the one before, so multi-class data is imbalanced among the minorities too.
The same arguments always give the same data (a NumPy ``Generator`` seeded with ``random_state``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from smote_viz.data.dataset import Dataset

# SMOTE with its default k=5 needs k + 1 = 6 points in a class.
MIN_CLASS_SIZE = 6
N_SAMPLES_RANGE = (30, 5000)
FRACTION_RANGE = (0.01, 0.5)
N_CLASSES_RANGE = (2, 4)
# How much x2 can be stretched: a feature in the 100s next to one in units, as income next to age in real data.
STRETCHES = (1.0, 10.0, 100.0, 1000.0)

SHAPE_DESCRIPTIONS = {
    "blobs": "Gaussian clusters; the overlap slider widens them until they mix.",
    "moons": "Interleaving half circles: curved classes that a straight line cannot separate.",
    "circles": "Concentric circles with the minority inside: SMOTE works along each ring.",
    "xor": "Four squares in a chequerboard: each class lives in two opposite corners.",
    "ring": (
        "A thin minority ring around a majority disc. Few minority points mean far neighbours, so SMOTE's "
        "straight segments cut into the majority disc: the shape where SMOTE visibly fails."
    ),
}
SHAPES = tuple(SHAPE_DESCRIPTIONS)


def class_sizes(n_samples: int, minority_fraction: float, n_classes: int) -> tuple[list[int], list[str]]:
    """Rows per class (class 0 first) and a notice for every adjustment made to honour MIN_CLASS_SIZE."""
    notices: list[str] = []
    n_minority_classes = n_classes - 1
    weights = np.array([2.0 ** -i for i in range(n_minority_classes)])
    wanted_total = n_samples * minority_fraction
    raw = wanted_total * weights / weights.sum()
    sizes = [int(round(v)) for v in raw]
    # Round so the total minority count is round(n * fraction) exactly.
    sizes[0] += int(round(wanted_total)) - sum(sizes)
    for i, size in enumerate(sizes):
        if size < MIN_CLASS_SIZE:
            notices.append(
                f"Minority class {i + 1} would have {raw[i]:.1f} points; it has {MIN_CLASS_SIZE}, the fewest "
                f"that SMOTE's default k = 5 neighbours needs."
            )
            sizes[i] = MIN_CLASS_SIZE
    majority = n_samples - sum(sizes)
    return [majority, *sizes], notices


def _polar(rng: np.random.Generator, n: int, radius: float, width: float) -> np.ndarray:
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    r = radius + rng.normal(0.0, width, n)
    return np.column_stack([r * np.cos(angle), r * np.sin(angle)])


def _blobs(rng, c, n, n_classes, noise):
    if c == 0:
        centre = np.array([0.0, 0.0])
    else:
        angle = 2.0 * np.pi * (c - 1) / (n_classes - 1) + np.pi / 6
        centre = 2.6 * np.array([np.cos(angle), np.sin(angle)])
    spread = 0.45 + 1.2 * noise
    scale = spread if c == 0 else spread * 0.6
    return centre + rng.normal(0.0, scale, (n, 2))


def _moons(rng, c, n, n_classes, noise):
    t = rng.uniform(0.0, np.pi, n)
    if c % 2 == 0:
        pts = np.column_stack([np.cos(t), np.sin(t)])
    else:
        pts = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    pts[:, 0] += 2.0 * (c // 2)
    return pts + rng.normal(0.0, 0.05 + 0.35 * noise, (n, 2))


def _circles(rng, c, n, n_classes, noise):
    radius = 1.0 if c == 0 else 0.55 - 0.4 * (c - 1) / max(n_classes - 1, 1)
    return _polar(rng, n, radius, 0.03 + 0.25 * noise)


_XOR_CORNERS = {0: [(1, 1), (-1, -1)], 1: [(-1, 1)], 2: [(1, -1)], 3: [(0, 0)]}


def _xor(rng, c, n, n_classes, noise):
    corners = list(_XOR_CORNERS[c])
    if n_classes == 2 and c == 1:
        corners = [(-1, 1), (1, -1)]
    which = rng.integers(0, len(corners), n)
    centres = np.array(corners, dtype=float)[which]
    half = 0.5 if c == 3 else 0.9
    pts = centres + rng.uniform(-half, half, (n, 2))
    return pts + rng.normal(0.0, 0.3 * noise, (n, 2))


def _ring(rng, c, n, n_classes, noise):
    if c == 0:
        r = np.sqrt(rng.uniform(0.0, 1.0, n))
        angle = rng.uniform(0.0, 2.0 * np.pi, n)
        pts = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
        return pts + rng.normal(0.0, 0.15 * noise, (n, 2))
    return _polar(rng, n, 1.15 + 0.45 * (c - 1), 0.03 + 0.15 * noise)


_GENERATORS: dict[str, Callable] = {
    "blobs": _blobs,
    "moons": _moons,
    "circles": _circles,
    "xor": _xor,
    "ring": _ring,
}


def generate(
    shape: str,
    n_samples: int,
    minority_fraction: float,
    noise: float,
    n_classes: int = 2,
    random_state: int = 0,
    stretch: float = 1.0,
) -> Dataset:
    """A 2-D imbalanced dataset of ``shape`` with ``n_samples`` rows.

    ``minority_fraction`` is the share of all minority classes together (0.01 to 0.5); ``noise`` (0 to 1) widens
    the classes until they overlap; ``stretch`` (1 to 1000) multiplies x2, so that x2's range dwarfs x1's and
    Euclidean distance is decided by x2 alone (the same points, in other units). Raises ``ValueError`` for
    arguments outside those ranges.
    """
    if shape not in _GENERATORS:
        raise ValueError(f"Unknown shape {shape!r}; choose one of {', '.join(SHAPES)}.")
    n_samples = int(n_samples)
    n_classes = int(n_classes)
    if not N_SAMPLES_RANGE[0] <= n_samples <= N_SAMPLES_RANGE[1]:
        raise ValueError(f"n_samples must be between {N_SAMPLES_RANGE[0]} and {N_SAMPLES_RANGE[1]}.")
    if not FRACTION_RANGE[0] <= minority_fraction <= FRACTION_RANGE[1]:
        raise ValueError("minority_fraction must be between 0.01 and 0.5.")
    if not N_CLASSES_RANGE[0] <= n_classes <= N_CLASSES_RANGE[1]:
        raise ValueError("n_classes must be between 2 and 4.")
    if not 0.0 <= noise <= 1.0:
        raise ValueError("noise must be between 0 and 1.")
    if not STRETCHES[0] <= stretch <= STRETCHES[-1]:
        raise ValueError(f"stretch must be between {STRETCHES[0]:g} and {STRETCHES[-1]:g}.")

    sizes, notices = class_sizes(n_samples, minority_fraction, n_classes)
    rng = np.random.default_rng(random_state)
    make = _GENERATORS[shape]
    parts = [make(rng, c, size, n_classes, noise) for c, size in enumerate(sizes)]
    X = np.vstack(parts)
    X[:, 1] *= stretch
    y = np.concatenate([np.full(size, c, dtype=np.int64) for c, size in enumerate(sizes)])
    order = rng.permutation(len(y))
    return Dataset(
        X=X[order],
        y=y[order],
        feature_names=["x1", "x2"],
        notices=notices,
        name=f"{shape}, {n_samples} points, {minority_fraction:.0%} minority, seed {random_state}"
        + (f", x2 × {stretch:g}" if stretch != 1 else ""),
        label_name="class",
    )


def default_dataset() -> Dataset:
    """The dataset every page starts with: clearly imbalanced, small enough to step through."""
    return generate("blobs", 200, 0.1, 0.3, n_classes=2, random_state=7)
