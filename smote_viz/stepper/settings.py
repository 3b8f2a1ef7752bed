"""The stepper page's choices: shareable settings, and how "how many new points" becomes a sampling strategy."""

from __future__ import annotations

from dataclasses import dataclass, field

from smote_viz.data import Dataset
from smote_viz.state import param
from smote_viz.style import label_text

AMOUNTS = ("balance", "ratio", "number")
AMOUNT_LABELS = {
    "balance": "Balance fully",
    "ratio": "A ratio of the majority",
    "number": "A number of new points",
}
K_RANGE = (1, 30)
RATIO_STEP = 0.05
# Synthetic points in the animated figure (4 frames of under 1 KB each): the whole run on the default data and
# most teaching sets; the stepper itself has no cap.
MAX_ANIMATED = 250
MAX_NEW_POINTS = 20_000
# Milliseconds each phase stays on screen while the run plays. "normal" plays the default run (160 new points,
# 641 positions) in under a minute; "slow" leaves time to read each phase.
SPEEDS = {"slow": 600, "normal": 90, "fast": 30}


def play_seconds(n_positions: int, speed: str) -> float:
    """How long playing ``n_positions`` positions (from the first to the last) takes at ``speed``."""
    return max(n_positions - 1, 0) * SPEEDS[speed] / 1000


@dataclass(frozen=True)
class StepperSettings:
    """Every choice of the stepper page; ``step`` is the position in the run (0 = before SMOTE)."""

    k: int = field(default=5, metadata=param("k", lo=K_RANGE[0], hi=K_RANGE[1]))
    amount: str = field(default="balance", metadata=param("amount", choices=AMOUNTS))
    ratio: float = field(default=1.0, metadata=param("ratio", lo=0.01, hi=1.0))
    number: int = field(default=20, metadata=param("new", lo=1, hi=MAX_NEW_POINTS))
    smote_seed: int = field(default=0, metadata=param("rs", lo=0, hi=2**31 - 1))
    step: int = field(default=0, metadata=param("step", lo=0, hi=10**7))
    speed: str = field(default="normal", metadata=param("speed", choices=tuple(SPEEDS)))


def sampling_strategy_for(settings: StepperSettings, dataset: Dataset) -> tuple[object, str]:
    """The imbalanced-learn ``sampling_strategy`` for the page's choice, and the choice in words.

    - balance: ``'auto'``: every class but the majority grows to the majority's size;
    - ratio r: binary data passes the float r to imbalanced-learn (minority grows to int(r * majority));
      multi-class data, where imbalanced-learn accepts no float, gets a dict asking every smaller class for
      int(r * majority) points (or its current size, if that is already more);
    - number N: a dict asking for N more points of the chosen minority class.
    """
    counts = dataset.counts
    majority = dataset.majority_label
    n_major = counts[majority]
    if settings.amount == "ratio":
        r = float(settings.ratio)
        if len(counts) == 2:
            return r, f"grow the minority class to int({r:g} × {n_major}) points"
        strategy = {label: max(n, int(n_major * r)) for label, n in counts.items() if label != majority}
        return strategy, f"grow every smaller class to int({r:g} × {n_major}) = {int(n_major * r)} points"
    if settings.amount == "number":
        label = dataset.minority
        n = int(settings.number)
        return {label: counts[label] + n}, f"add {n} points to class {label_text(label)}"
    return "auto", f"grow every class to the majority's {n_major} points"


def lowest_ratio(dataset: Dataset) -> float:
    """The smallest ratio (a multiple of RATIO_STEP) that imbalanced-learn accepts on this data.

    A float ratio r asks for int(r * majority) minority points; below the minority's current size that would
    remove points, which an over-sampler refuses. Multi-class data gets a dict that never asks for fewer points,
    so any ratio works there.
    """
    counts = dataset.counts
    if len(counts) != 2:
        return RATIO_STEP
    n_major = counts[dataset.majority_label]
    n_minor = min(counts.values())
    steps = int(round(1 / RATIO_STEP))
    return next((i * RATIO_STEP for i in range(1, steps + 1) if int(n_major * i * RATIO_STEP) >= n_minor), 1.0)
