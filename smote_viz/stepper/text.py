"""The Step through SMOTE page's words that are not about one phase: the legend, the run in one sentence, why
SMOTE cannot run, the playing notice and how the paper and imbalanced-learn differ. Plain text (Markdown), no
Streamlit, so tests reach it directly."""

from __future__ import annotations

from collections.abc import Sequence

from smote_viz.data import Dataset
from smote_viz.smote import SmoteTrace
from smote_viz.stepper.narration import plan_text
from smote_viz.stepper.settings import AMOUNT_LABELS, SPEEDS, StepperSettings, lowest_ratio
from smote_viz.style import escape_markdown, label_text

INTRO = (
    "Each new point in four phases: a seed, its k nearest neighbours *in its class*, one chosen at random, "
    "a new point at a random gap λ on the segment; exactly imbalanced-learn's `SMOTE`."
)
LEGEND = (
    "Legend: the seed x_i has a thick black outline; open circles numbered 1..k are its neighbours "
    "(nearest first); the dashed circle passes through the k-th neighbour; the large open circle marks "
    "the chosen neighbour x_zi; the star is the new point x_new; small stars are points placed earlier."
)
NOTHING_TO_MAKE = (
    "The classes already have the requested sizes: SMOTE makes no new points. Ask for more points above."
)
BALANCE_WORDS = "Every class grows to the size of the majority class (imbalanced-learn's `'auto'`)."
TRACE_TABLE = (
    "imbalanced-learn returns only the new points; it never says which two originals made each one "
    "(its issues #376, #712 and #772 ask for this). Rows below are in output order; `seed_row` and "
    "`chosen_row` are row numbers of the original data, `chosen_rank` says which neighbour was chosen (1 = nearest)."
)


def two_columns_note(x_name: str, y_name: str) -> str:
    """Data with more than two columns: SMOTE runs on the two in view."""
    return (
        f"SMOTE runs here on the two columns you view ({escape_markdown(x_name)}, {escape_markdown(y_name)}), "
        "so that every distance can be drawn. On all columns, the neighbours could differ."
    )


def settings_summary(settings: StepperSettings) -> str:
    """The one line the collapsed settings box shows."""
    return (f"Settings: k = {settings.k}, {AMOUNT_LABELS[settings.amount].lower()}, seed {settings.smote_seed}, "
            f"{settings.speed} speed")


def ratio_too_low(ratio: float, lowest: float) -> str:
    return (f"A ratio of {ratio:.2f} would mean removing minority points, which over-sampling "
            f"never does; the lowest ratio on this data is {lowest:.2f}.")


def ratio_help(dataset: Dataset) -> str:
    return (f"The minority already is {min(dataset.counts.values()) / max(dataset.counts.values()):.2f} of the "
            "majority: a smaller ratio would mean removing points, which over-sampling never does.")


def number_label(dataset: Dataset) -> str:
    return f"New points for class {escape_markdown(label_text(dataset.minority))}"


def speed_help() -> str:
    return ("How long each phase stays on screen while the run plays: "
            + ", ".join(f"{name} {ms} ms" for name, ms in SPEEDS.items()) + ".")


def cannot_run(error: Exception, dataset: Dataset, amount: str) -> str:
    """Why SMOTE refused the settings; with a ratio too low for the data, the lowest one that works."""
    hint = ""
    if amount == "ratio":
        n_min, n_maj = min(dataset.counts.values()), max(dataset.counts.values())
        hint = (f" With {n_maj} majority points and {n_min} minority points, choose a ratio of at least "
                f"{lowest_ratio(dataset):.2f}.")
    return f"SMOTE cannot run with these settings: {escape_markdown(str(error))}{escape_markdown(hint)}"


def this_run(trace: SmoteTrace, strategy_words: str, k_used: int, seed: int) -> str:
    """**This run**: the strategy in words, k, the seed, and how many points each class gets, in order."""
    oversampled = [label for label, n in trace.sampling_strategy.items() if n > 0]
    return (
        f"**This run** ({escape_markdown(strategy_words)}, k = {k_used}, seed {seed}): "
        f"{trace.n_new} synthetic points. " + plan_text(trace) + "."
        + (" Classes are over-sampled one at a time, in sorted label order (imbalanced-learn's order)."
           if len(oversampled) > 1 else "")
    )


def playing(start: int, speed: str, seconds: float) -> str:
    """The narration while the run plays from position ``start``; the rest of the run takes ``seconds``."""
    return (
        f"**Playing** from step {start} at {speed} speed ({SPEEDS[speed]} ms a phase; the rest of the "
        f"run takes {seconds:.0f} s). Pause in the figure, or press an arrow key, to go on step by step from "
        "where it stops."
    )


def unused_seeds(trace: SmoteTrace) -> str:
    """Per over-sampled class, how many of its points never seeded a new point."""
    return "; ".join(
        f"class {escape_markdown(label_text(label))}: {n_unused} of its {size} points never used"
        for label, (n_unused, size) in trace.unused_seed_counts().items()
    )


def paper_and_library(trace: SmoteTrace) -> str:
    """Where Chawla et al. (2002) and imbalanced-learn differ, with this run's unused seeds."""
    return f"""
- **One gap on the segment, not a box.** The pseudocode of Chawla et al. (2002) draws a fresh random gap for every
  feature, which fills the box spanned by the two points; its text and worked example use one gap for all features,
  which keeps the new point on the segment. imbalanced-learn (and this page) use one gap: λ in
  x_new = x_i + λ (x_zi − x_i).
- **Seeds drawn with replacement.** The paper uses every minority point the same number of times (N/100 each).
  imbalanced-learn draws seeds at random with replacement, so some points seed several new points and others none
  (imbalanced-learn issue #597). On this run: {unused_seeds(trace)}.
- **Integer features are truncated.** imbalanced-learn casts new points back to the input's type: with integer
  columns, 2 + 0.7 × (3 − 2) = 2.7 becomes 2, a copy of the seed (issue #1093). This app stores data as floating
  point, so nothing is truncated here.
- **One class at a time.** The paper is about two classes; imbalanced-learn over-samples each class in turn (sorted
  by label), searching neighbours only among that class's points.
"""


def picked_so_far(rows: Sequence[int]) -> str:
    """What the learner has picked on the figure for the question being asked, so a lost click shows."""
    if not rows:
        return "Your answer so far: nothing picked yet."
    if len(rows) == 1:
        return f"Your answer so far: 1 point (row {rows[0]})."
    return f"Your answer so far: {len(rows)} points (rows {', '.join(str(r) for r in sorted(rows))})."
