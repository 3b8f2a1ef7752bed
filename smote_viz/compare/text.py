"""The sentences, defaults and caveats of the compare page, as pure functions (no Streamlit).

Every function returns markdown in which user text (labels, column names) is escaped with
``style.escape_markdown``; the page only renders what it gets. The positive class is the class chosen as
minority on the Data page (``Dataset.minority``), which need not be the smallest: the user may pick any class,
so nothing here assumes that the positive class is rare or that the majority is the negative class.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from smote_viz import inputs
from smote_viz.compare.cost import duration_text
from smote_viz.compare.evaluate import (
    CLASSIFIERS,
    LARGER_SAMPLE,
    LEAK_TREATMENTS,
    METRICS,
    SAMPLER_TREATMENTS,
    THRESHOLD_METRICS,
    TREATMENTS,
    Change,
    CompareSettings,
    Comparison,
    Counts,
    LeakPicture,
    Metrics,
    Plan,
    Regions,
    Reliability,
    UnitResult,
    change,
    fit_count,
)
from smote_viz.data import Dataset
from smote_viz.state import GeneratorSettings, to_query
from smote_viz.style import escape_markdown, label_text

# Models whose gain from SMOTE is discussed in the "strong learners" caveat, strong ones first.
STRONG_MODELS = ("hgb", "forest")
WEAK_MODELS = ("logreg", "knn", "tree", "svm")


# --- small formatting helpers ------------------------------------------------------------------------------------
def pct(value: float | None) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.1%}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def signed(value: float | None) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value * 100:+.1f} points"


def class_name(label: object) -> str:
    """``class <label>`` with the label escaped for markdown."""
    return f"class {escape_markdown(label_text(label))}"


def counts_text(counts: dict) -> str:
    return ", ".join(f"class {escape_markdown(k)}: {v}" for k, v in counts.items())


# --- which class is which ----------------------------------------------------------------------------------------
def negative_name(dataset: Dataset) -> str:
    """Plain text (not escaped) naming everything that is not the positive class: ``class <the other label>``
    with two classes, ``other classes`` with more. Never the positive class itself."""
    positive = dataset.minority
    others = [label for label in dataset.counts if label != positive]
    if len(others) == 1:
        return f"class {label_text(others[0])}"
    return "other classes"


def smallest_label(dataset: Dataset) -> object:
    """The first smallest class (sorted label order)."""
    counts = dataset.counts
    low = min(counts.values())
    return next(label for label, c in counts.items() if c == low)


def positive_is_smallest(dataset: Dataset) -> bool:
    counts = dataset.counts
    return counts[dataset.minority] == min(counts.values())


def intro(dataset: Dataset) -> str:
    """What is compared and which class is positive."""
    head = (
        "Does balancing the training data help a classifier find the rare class? Every model below is trained on "
        f"**all {dataset.n_features} features** of the data ({dataset.n_samples:,} rows) and judged on rows "
        "it never saw. "
    )
    positive = class_name(dataset.minority)
    if positive_is_smallest(dataset):
        return (
            head + f"The positive class is the minority, **{positive}**: recall is the share of its rows a model finds."
        )
    return head + (
        f"The positive class is **{positive}**, the class chosen as minority on the Data page: recall is the share "
        "of its rows a model finds."
    )


def positive_warning(dataset: Dataset) -> str | None:
    """A plain statement when the chosen positive class is not the smallest class (None when it is)."""
    if positive_is_smallest(dataset):
        return None
    counts = dataset.counts
    positive, small = dataset.minority, smallest_label(dataset)
    largest = positive == dataset.majority_label
    if largest:
        effect = "how well models find the common class, not the rare one, and the accuracy paradox does not show"
    else:
        effect = f"how well models find {class_name(positive)}, not the rarest class"
    rank = "the largest class" if largest else "not the smallest class"
    return (
        f"The class chosen as minority, {class_name(positive)} ({counts[positive]} of {dataset.n_samples} rows), "
        f"is {rank} here; {class_name(small)} is the smallest ({counts[small]} rows). Every metric below treats "
        f"{class_name(positive)} as positive, so recall measures {effect}. To study the rare class, choose "
        f"{class_name(small)} as the minority class on the Data page."
    )


def multiclass_note(dataset: Dataset) -> str | None:
    """How metrics are scored with more than two classes (None with two)."""
    if len(dataset.counts) <= 2:
        return None
    return (
        f"This data has {len(dataset.counts)} classes. Recall, precision, F1, ROC-AUC, PR-AUC and the confusion "
        f"matrices treat {class_name(dataset.minority)} as positive and all other classes together as negative "
        "(one-vs-rest); accuracy and balanced accuracy count every class. The samplers balance every class; "
        "threshold moving works for two classes only."
    )


def run_time_note(settings: CompareSettings) -> str:
    """The "press Run" hint with an honest time estimate from the number of model fits the settings need."""
    n = fit_count(settings)
    return (
        "Choose classifiers and treatments, then press **Run comparison**. With the settings shown, a run makes "
        f"about {n} model fits: usually a few seconds, longer with many models, random forests, SVMs, threshold "
        "moving, leaky mode, many folds or big data. Results are kept, so a second run with the same settings is "
        "instant."
    )


# --- the split and the accuracy paradox ---------------------------------------------------------------------------------
def split_sentence(result: Comparison, dataset: Dataset) -> str:
    positive = dataset.minority
    n_test = sum(result.test_counts.values())
    share_test = result.test_counts.get(label_text(positive), 0) / max(n_test, 1)
    share_all = dataset.counts[positive] / dataset.n_samples
    if f"{share_test:.1%}" == f"{share_all:.1%}":
        share = f"{class_name(positive)} is {share_test:.1%} of it, as in the whole data"
    else:
        share = (
            f"{class_name(positive)} is {share_test:.1%} of it, close to the whole data's {share_all:.1%} "
            "(a stratified split keeps the share as close as whole rows allow)"
        )
    return (
        f"**Split first.** Training part: {sum(result.train_counts.values())} rows "
        f"({counts_text(result.train_counts)}). Test part: {n_test} rows ({counts_text(result.test_counts)}); "
        f"{share}. Only the training part is resampled; the test part is never touched."
    )


FEW_POSITIVES = 10  # below this many positive test rows, one split's recall moves in big steps


def few_positives_warning(result: Comparison, dataset: Dataset) -> str | None:
    """A plain warning when the test part has fewer than ``FEW_POSITIVES`` rows of the positive class: recall
    can then take only a few values. None with enough rows (or none at all: the plan reports a missing class)."""
    n_pos = result.test_counts.get(label_text(dataset.minority), 0)
    if n_pos == 0 or n_pos >= FEW_POSITIVES:
        return None
    values = ", ".join(f"{k / n_pos:.0%}" if (100 * k) % n_pos == 0 else f"{k / n_pos:.1%}" for k in range(n_pos + 1))
    rows = plural(n_pos, f"{class_name(dataset.minority)} row")
    if result.plan.cv_folds:
        cv = (
            "Trust the cross-validated numbers of the first screen and the Cross-validation tab more: they "
            f"average {result.plan.cv_folds * result.plan.cv_repeats} fits, each scored on different rows."
        )
    else:
        cv = "Turn on cross-validation (folds above 0 in the settings) for an estimate averaged over several splits."
    return (
        f"The test part has only {rows}, so recall on it can only be {values}: one row more or less found moves "
        f"it by {1 / n_pos:.0%}, and a difference between two models may be luck. {cv}"
    )


def _recall_key(u: UnitResult) -> tuple[float, float, float]:
    m = u.holdout
    return tuple(-1.0 if math.isnan(v) else v for v in (m.recall, m.balanced_accuracy, m.accuracy))


def best_recall(result: Comparison) -> tuple[UnitResult | None, int]:
    """The model and treatment with the highest held-out recall (not the dummy), ties broken by balanced
    accuracy, then accuracy; and how many pairs share that recall."""
    units = [u for u in result.units if u.holdout is not None and u.classifier != "dummy"]
    if not units:
        return None, 0
    best = max(units, key=_recall_key)
    top = _recall_key(best)[0]
    return best, sum(1 for u in units if math.isclose(_recall_key(u)[0], top, abs_tol=1e-12))


def paradox_sentence(result: Comparison, dataset: Dataset) -> str:
    """The accuracy paradox in the numbers of this run: always answering the majority is accurate, yet finds
    none of a small positive class. From the dummy's held-out result when it ran, else from the test counts.
    When the positive class is itself the majority, says so instead of claiming a recall of zero."""
    positive, majority = dataset.minority, dataset.majority_label
    pos = class_name(positive)
    n_test = sum(result.test_counts.values())
    n_pos = result.test_counts.get(label_text(positive), 0)
    dummy = result.unit("dummy", "none")
    if dummy is not None and dummy.holdout is not None:
        m = dummy.holdout
        accuracy, recall, found = m.accuracy, m.recall, m.tp
        n_pos = m.tp + m.fn
        who, verb = "The dummy that always answers the majority class", "is"
        recall_verb, find_verb = "its recall is", "it finds"
    else:
        accuracy = result.test_counts.get(label_text(majority), 0) / max(n_test, 1)
        answers_positive = positive == majority
        found = n_pos if answers_positive else 0
        recall = (found / n_pos) if n_pos else math.nan
        who, verb = "A model that always answers the majority class", "would be"
        recall_verb, find_verb = "its recall would be", "it would find"
    if found == n_pos and n_pos > 0:  # the majority is the positive class: no paradox to show
        text = (
            f"{who} ({class_name(majority)}) {verb} {accuracy:.1%} accurate on the test part and {find_verb} all "
            f"{n_pos} {pos} rows (recall {pct(recall)}), because {pos}, the positive class here, is the majority. "
            "The paradox appears when the positive class is rare: then the same model finds none of it."
        )
        return f"**{text}**"
    rows = "minority rows" if positive_is_smallest(dataset) else f"{pos} rows"
    text = (
        f"{who} {verb} {accuracy:.1%} accurate on the test part, yet {recall_verb} {pct(recall)}: {find_verb} "
        f"{found} of the {n_pos} {rows}."
    )
    best, ties = best_recall(result) if dummy is not None else (None, 0)
    if best is not None:
        m, who = best.holdout, f"{CLASSIFIERS[best.classifier]} with {TREATMENTS[best.treatment]}"
        if ties > 1:
            text += (
                f" The best recall here is {pct(m.recall)}, reached by {ties} model and treatment pairs; the "
                f"best of them by balanced accuracy, then accuracy, is {who} (balanced accuracy "
                f"{pct(m.balanced_accuracy)}, accuracy {pct(m.accuracy)})."
            )
        else:
            text += (
                f" The best recall here is {pct(m.recall)} ({who}, balanced accuracy {pct(m.balanced_accuracy)}, "
                f"accuracy {pct(m.accuracy)})."
            )
    return f"**{text}** Accuracy rewards ignoring the rare class; recall does not."


# --- tables -----------------------------------------------------------------------------------------------------------
# Main table columns: recall and accuracy side by side (the paradox), then the others; the changes (Δ) live in
# their own table so the main one stays narrow.
TABLE_METRICS = ("recall", "accuracy", "balanced_accuracy", "precision", "f1", "roc_auc", "pr_auc")


def _ran(result: Comparison, table: pd.DataFrame, source: str = "holdout") -> pd.DataFrame:
    """``table`` (one row per unit, in ``result.units`` order) without the rows that have no ``source`` results
    ("holdout" or "cv"); ``Comparison.messages`` says why they have none."""
    keep = [(u.holdout if source == "holdout" else u.cv_mean) is not None for u in result.units]
    return table[keep]


def holdout_table(result: Comparison) -> pd.DataFrame:
    """Held-out metrics per model and treatment that ran: Model, Treatment, then ``TABLE_METRICS`` in that
    order (pairs that could not run are named by ``not_run_note``)."""
    table = _ran(result, result.table("holdout"))
    return table[["Model", "Treatment", *(METRICS[k] for k in TABLE_METRICS)]].reset_index(drop=True)


def not_run_note(result: Comparison) -> str | None:
    """The pairs left out of the tables because they have no held-out result (None when every pair has one)."""
    failed = [f"{CLASSIFIERS[u.classifier]} with {TREATMENTS[u.treatment]}" for u in result.units if u.holdout is None]
    if not failed:
        return None
    return f"Not in the tables, because they could not run (the messages above say why): {'; '.join(failed)}."


# Tables whose cells are "value ± spread" text are wider per column: they keep these five metrics (the area
# under the curves stays in the held-out table), so no table scrolls sideways on a 1280-px screen.
SPREAD_METRICS = ("recall", "accuracy", "balanced_accuracy", "precision", "f1")
SHORT_NAMES = {"balanced_accuracy": "Bal. accuracy"}


def short_name(metric: str) -> str:
    return SHORT_NAMES.get(metric, METRICS[metric])


RISE, FALL = "↑", "↓"


def change_number(ch: Change | None) -> str:
    """A change as text to 3 decimals, its direction as an arrow in front, beside its spread when it has one:
    "↑ 0.055 ± 0.010", "↓ 0.020", "0.000 ± 0.004". Not "+0.055 ± 0.010": the table's CSV download (Streamlit's
    toolbar writes the cells as shown) would hand a spreadsheet a text cell starting with + or -, which it runs
    as a formula."""
    if ch is None or math.isnan(ch.change):
        return "n/a"
    size = f"{abs(ch.change):.3f}"
    direction = "" if float(size) == 0 else f"{RISE if ch.change > 0 else FALL} "
    spread = "" if ch.spread is None or math.isnan(ch.spread) else f" ± {ch.spread:.3f}"
    return f"{direction}{size}{spread}"


def change_table(result: Comparison) -> pd.DataFrame:
    """Each treated pair's change (Δ) against the same model with no balancing: with cross-validation the mean
    change over the folds beside its spread ("↑ 0.055 ± 0.010", see ``evaluate.change``), without it the held-out
    change ("↑ 0.020"); "n/a" when undefined. Baseline rows and pairs that could not run are left out."""
    rows = []
    for u in result.units:
        if u.treatment == "none" or u.holdout is None:
            continue
        row = {"Model": CLASSIFIERS[u.classifier], "Treatment": TREATMENTS[u.treatment]}
        for key in SPREAD_METRICS:
            row[f"Δ {short_name(key)}"] = change_number(change(result, u.classifier, u.treatment, key))
        rows.append(row)
    columns = ["Model", "Treatment", *(f"Δ {short_name(k)}" for k in SPREAD_METRICS)]
    return pd.DataFrame(rows, columns=columns)


def change_caption(result: Comparison) -> str:
    plan = result.plan
    if plan.cv_folds:
        return (
            f"Δ is the change against the same model with no balancing, as the mean over the {plan.cv_folds * plan.cv_repeats} "
            "cross-validation folds ± the standard deviation of the change from fold to fold (both pipelines are "
            f"scored on the same folds); {RISE} is a rise, {FALL} a fall. A change larger than twice its ± stands out "
            "from the noise."
        )
    return (
        f"Δ is the change against the same model with no balancing, on the same held-out test part ({RISE} a rise, "
        f"{FALL} a fall). Turn on cross-validation to see how much each change moves from one split to another."
    )


def cv_table(result: Comparison) -> pd.DataFrame:
    """Cross-validation per model and treatment, each metric as "mean ± standard deviation" ("n/a" if undefined)."""
    mean, std = _ran(result, result.table("cv"), "cv"), _ran(result, result.table("cv_std"), "cv")
    out = mean[["Model", "Treatment"]].reset_index(drop=True)
    for key in SPREAD_METRICS:
        name = METRICS[key]
        out[short_name(key)] = [
            "n/a" if math.isnan(m) else f"{m:.3f} ± {s:.3f}"
            for m, s in zip(mean[name].tolist(), std[name].tolist(), strict=True)
        ]
    return out


def leak_display(leak: pd.DataFrame) -> pd.DataFrame:
    """``Comparison.leak_table()`` narrowed for the page: per score one column "honest → leaky (inflation)"."""
    out = leak[["Model", "Treatment"]].copy()
    for name, short in (("Recall", "Recall"), ("Balanced accuracy", "Bal. accuracy")):
        out[f"{short}: honest → leaky"] = [
            f"{h:.3f} → {k:.3f} ({k - h:+.3f})" if not (math.isnan(h) or math.isnan(k)) else "n/a"
            for h, k in zip(leak[f"{name} honest"], leak[f"{name} leaky"], strict=True)
        ]
    if "CV recall honest" in leak.columns:
        out["CV recall: honest → leaky"] = [
            f"{h:.3f} → {k:.3f} ({k - h:+.3f})" if not (pd.isna(h) or pd.isna(k)) else "n/a"
            for h, k in zip(leak["CV recall honest"], leak["CV recall leaky"], strict=True)
        ]
    return out.reset_index(drop=True)


# --- the metric changes ------------------------------------------------------------------------------------------------
def metric_change_lines(result: Comparison, metric: str) -> list[str]:
    """One bullet per model and treatment: ``metric`` and accuracy before → after."""
    lines = []
    for c in result.settings.classifier_keys:
        base = result.unit(c, "none")
        for t in result.settings.treatment_keys[1:]:
            u = result.unit(c, t)
            if base and base.holdout and u and u.holdout:
                lines.append(
                    f"- {CLASSIFIERS[c]}, {TREATMENTS[t]}: {METRICS[metric].lower()} "
                    f"{getattr(base.holdout, metric):.3f} → {getattr(u.holdout, metric):.3f} "
                    f"(accuracy {base.holdout.accuracy:.3f} → {u.holdout.accuracy:.3f})"
                )
    return lines


# --- confusion matrices --------------------------------------------------------------------------------------------------
def fitted_models(result: Comparison) -> list[str]:
    """Models whose baseline (no balancing) has held-out results."""
    return [c for c in result.settings.classifier_keys if (u := result.unit(c, "none")) and u.holdout]


def recall_change(result: Comparison, classifier: str, treatment: str) -> float:
    """|recall after - recall before| on the test part; -1 for the dummy or a model without results."""
    before, after = result.unit(classifier, "none"), result.unit(classifier, treatment)
    if classifier == "dummy" or before is None or before.holdout is None or after is None or after.holdout is None:
        return -1.0
    change = abs(after.holdout.recall - before.holdout.recall)
    return -1.0 if math.isnan(change) else change


def default_confusion_model(result: Comparison, treatment: str) -> str | None:
    """The model whose recall ``treatment`` changes most (first in the chosen order on ties): the most telling
    pair of matrices. None when no model has results."""
    fitted = fitted_models(result)
    return max(fitted, key=lambda c: recall_change(result, c, treatment)) if fitted else None


def confusion_sentence(before: Metrics, after: Metrics, treatment: str, dataset: Dataset) -> str:
    """The two matrices in words, with the real names of the positive and the negative side."""
    pos = class_name(dataset.minority)
    neg = escape_markdown(negative_name(dataset))
    b, a = before, after
    return (
        f"Rows are the truth, columns the prediction. Before: the model finds **{b.tp} of {b.tp + b.fn}** "
        f"{pos} rows (TP) and misses {b.fn} (FN), with {plural(b.fp, 'false alarm')} (FP) among "
        f"{b.tn + b.fp} rows of {neg}. After {escape_markdown(TREATMENTS[treatment])}: it finds "
        f"**{a.tp} of {a.tp + a.fn}** (misses {a.fn}) with {plural(a.fp, 'false alarm')}. "
        f"Recall {pct(b.recall)} → {pct(a.recall)}, precision {pct(b.precision)} → {pct(a.precision)}, "
        f"accuracy {pct(b.accuracy)} → {pct(a.accuracy)}."
    )


# --- decision regions ----------------------------------------------------------------------------------------------------
def region_models(classifier_keys: tuple[str, ...]) -> list[str]:
    """Models worth drawing regions for: every chosen one but the dummy (the dummy alone if nothing else)."""
    return [c for c in classifier_keys if c != "dummy"] or list(classifier_keys)


def default_region_model(classifier_keys: tuple[str, ...]) -> str:
    """kNN when chosen (its regions bend visibly around synthetic points), else the first model."""
    choices = region_models(classifier_keys)
    return "knn" if "knn" in choices else choices[0]


def regions_sentence(regions: list[Regions], dataset: Dataset, classifier: str) -> str:
    pos = class_name(dataset.minority)
    parts = []
    for r in regions:
        if r.error:
            parts.append(f"{TREATMENTS[r.treatment]}: {escape_markdown(r.error)}")
            continue
        share = float((r.z >= 0.5).mean())
        extra = (
            f", with {len(r.synthetic_X)} synthetic points (open stars) added to the training part"
            if len(r.synthetic_X)
            else ""
        )
        parts.append(f"{TREATMENTS[r.treatment]}: {pos} is predicted on {share:.1%} of the plotted area{extra}")
    x_name, y_name = (escape_markdown(n) for n in dataset.view_names)
    return (
        f"A {escape_markdown(CLASSIFIERS[classifier])} trained on two features only ({x_name}, {y_name}) of the "
        f"same training rows. Shading is the predicted probability of {pos}; the dashed line is 0.5. "
        + "; ".join(parts)
        + "."
    )


# --- cross-validation and the leak -----------------------------------------------------------------------------------------
def cv_sentence(plan: Plan) -> str:
    return (
        f"One split can be lucky. Repeated stratified {plan.cv_folds}-fold cross-validation ({plan.cv_repeats} "
        f"repeat(s), {plan.cv_folds * plan.cv_repeats} fits per row) refits the whole pipeline, sampler "
        "included, inside every training fold. The bars of the first screen show each mean with ± one standard "
        "deviation, cut at 0 and 1 because no score can leave that range; the table below has every metric."
    )


def leak_sentence(leak: pd.DataFrame) -> str | None:
    """The leak explained, with the largest recall inflation of ``Comparison.leak_table()`` among real models
    (None if the table is empty). The dummy is left out: its recall after balancing depends on a tie-break,
    not on learning (see ``dummy_balancing_note``)."""
    if leak.empty:
        return None
    text = (
        "Resampling before the split puts synthetic or copied minority rows, made from the same originals, "
        "on both sides of the split, and makes the test part balanced instead of real: the model is graded "
        "on near-copies of what it learnt."
    )
    models = leak[leak["Model"] != CLASSIFIERS["dummy"]]
    if models.empty:
        return text
    top = models.loc[models["Recall inflation"].idxmax()]
    return text + (
        f" The largest inflation here: {escape_markdown(top['Model'])} with {escape_markdown(top['Treatment'])}, "
        f"recall {top['Recall honest']:.3f} honest against {top['Recall leaky']:.3f} leaky "
        f"({signed(top['Recall inflation'])}), a gain that new data would not confirm."
    )


def _answers_positive_everywhere(m: Metrics | None) -> bool:
    return m is not None and m.tp + m.fp == m.tn + m.fp + m.fn + m.tp > 0


def dummy_balancing_note(result: Comparison, dataset: Dataset) -> str | None:
    """Why the "always majority" dummy may answer the positive class for every row after balancing, when a
    dummy row with a sampler is in the results (None otherwise); with what it did in this run."""
    balanced = [t for t in result.settings.treatment_keys if t in SAMPLER_TREATMENTS]
    if "dummy" not in result.settings.classifier_keys or not balanced:
        return None
    first = next(iter(dataset.counts))  # Dataset.counts is in sorted label order, as DummyClassifier's classes_
    pos = class_name(dataset.minority)
    text = (
        "**The dummy after balancing.** Resampling makes the training classes (about) equally large, so "
        "DummyClassifier(strategy='most_frequent') answers whichever class has a row more, and on an exact tie "
        f"the first label in sorted order ({class_name(first)}); it may then answer {pos} for every row and "
        "score a recall of 100% without learning anything."
    )
    flips = []
    for t in balanced:
        u = result.unit("dummy", t)
        if u is None:
            continue
        if _answers_positive_everywhere(u.holdout):
            flips.append(TREATMENTS[t])
        if _answers_positive_everywhere(u.leaky_holdout):
            flips.append(f"{TREATMENTS[t]} (leaky)")
    if flips:
        return text + f" Here it answers {pos} for every test row with {', '.join(flips)}."
    return text + f" Here it answers {pos} for no row with any of them."


# --- caveats --------------------------------------------------------------------------------------------------------------------
CALIBRATION_CAVEAT = (
    "**Probabilities are distorted.** Resampling and class weights make the minority look more common than "
    "it is, so predicted probabilities are too high and the model is miscalibrated; if you need risks, not "
    "just labels, prefer no correction with a moved threshold, or recalibrate. Source: R. van den Goorbergh, "
    'M. van Smeden, D. Timmerman, B. Van Calster, "The harm of class imbalance corrections for risk '
    'prediction models", *JAMIA* 29(9), 2022, [doi:10.1093/jamia/ocac093](https://doi.org/10.1093/jamia/ocac093).'
)
STRONG_LEARNERS_CAVEAT = (
    "**Strong learners gain little.** A large benchmark found that SMOTE and its relatives mostly help weak "
    "classifiers; well-tuned strong ones such as gradient boosting do as well with no balancing and a "
    'tuned threshold. Source: Y. Elor, H. Averbuch-Elor, "To SMOTE, or not to SMOTE?", 2022, '
    "[arXiv:2201.08528](https://arxiv.org/abs/2201.08528)."
)
OVERLAP_CAVEAT = (
    "**SMOTE adds noise where classes overlap.** It draws new points on segments between minority "
    "neighbours, whatever lies between them, so where the classes mix, synthetic minority points land among "
    "the majority and blur the boundary (look at the open stars in the Decision regions tab)."
)
XGBOOST_CAVEAT = (
    "**Not XGBoost.** A widely used bank-churn example (10 000 customers, 20.37 % churned, XGBoost) reports "
    "accuracy 84.70 % and recall 44.82 % before SMOTE, and recall 63.61 % after, with accuracy slightly lower. "
    "Here gradient boosting is scikit-learn's HistGradientBoostingClassifier, a close relative that needs no "
    "extra package, on other data, so the numbers differ."
)


def roc_auc_changes(result: Comparison) -> list[tuple[str, float]]:
    """(model key, ROC-AUC with SMOTE - without) for the discussed models that have both results."""
    out = []
    for c in (c for c in STRONG_MODELS + WEAK_MODELS if c in result.settings.classifier_keys):
        u0, u1 = result.unit(c, "none"), result.unit(c, "smote")
        if u0 and u1 and u0.holdout and u1.holdout:
            change = u1.holdout.roc_auc - u0.holdout.roc_auc
            if not math.isnan(change):
                out.append((c, change))
    return out


def strong_learners_here(result: Comparison) -> str:
    """What SMOTE did to ROC-AUC in this run, as facts next to the benchmark's claim ("" with nothing to say)."""
    changes = roc_auc_changes(result)
    if not changes:
        return ""

    def listed(items):
        return ", ".join(f"{CLASSIFIERS[c]} ({signed(d)})" for c, d in items)

    gained = [(c, d) for c, d in changes if d >= 0.0005]
    lost = [(c, d) for c, d in changes if d <= -0.0005]
    same = [(c, d) for c, d in changes if -0.0005 < d < 0.0005]
    if len(lost) == len(changes):
        return f" Here SMOTE lowered every model's ROC-AUC ({listed(lost)}): it did not improve ranking on this data."
    if len(gained) == len(changes):
        return f" Here SMOTE raised every model's ROC-AUC ({listed(gained)})."
    parts = []
    if gained:
        parts.append(f"rose for {listed(gained)}")
    if lost:
        parts.append(f"fell for {listed(lost)}")
    if same:
        parts.append(f"stayed the same for {', '.join(CLASSIFIERS[c] for c, _ in same)}")
    verdict = ": SMOTE did not improve ranking on this data" if not gained else ""
    return f" Here, with SMOTE, ROC-AUC {'; it '.join(parts)}{verdict}."


def caveats(result: Comparison) -> list[str]:
    """The caveats that apply to the chosen models and treatments, with this run's numbers where they help."""
    settings = result.settings
    treatments, models = settings.treatment_keys, settings.classifier_keys
    out = []
    if any(t in SAMPLER_TREATMENTS or t == "weight" for t in treatments):
        out.append(CALIBRATION_CAVEAT)
    discussed = [c for c in STRONG_MODELS + WEAK_MODELS if c in models]
    if "smote" in treatments and discussed:
        out.append(STRONG_LEARNERS_CAVEAT + strong_learners_here(result))
    if "smote" in treatments:
        out.append(OVERLAP_CAVEAT)
    if "hgb" in models:
        out.append(XGBOOST_CAVEAT)
    return out


# --- which data is compared ------------------------------------------------------------------------------------------------
def sample_note(current: Dataset, generator: GeneratorSettings | None, larger: GeneratorSettings | None,
                settings: CompareSettings) -> str:
    """Which data the comparison runs on, and why: the larger sample of the same shape, or the current data as it
    is (an upload, data already large, or the larger sample switched off)."""
    if larger is not None:
        return (
            f"Compared on a **larger sample**: {larger.n_samples:,} rows of the same shape and settings, so a change "
            f"stands out from its noise (the Data page and the step-through keep the {current.n_samples}-row data)."
        )
    if generator is None:
        return (
            f"Compared on the uploaded data as it is ({current.n_samples:,} rows): an uploaded file has no larger "
            "sample of the same kind, so with few minority rows the changes below are noisy; the ± beside each "
            "change says how noisy."
        )
    if current.n_samples >= LARGER_SAMPLE:
        return f"Compared on the current data ({current.n_samples:,} rows)."
    return (
        f"Compared on the current data ({current.n_samples:,} rows), as chosen. With few minority rows one split's "
        f"recall moves in big steps: switch on the larger sample ({LARGER_SAMPLE:,} rows of the same shape) for a "
        "change that stands out from its noise."
    )


LEAKY_HINT = ("Leaky mode is on: the numbers here are the honest ones; the Leak tab sets the leaky scores beside them "
              "and draws why they differ.")


def settings_label(settings: CompareSettings) -> str:
    """A one-line summary of the settings, for the label of the box that holds them."""
    treatments = ", ".join(TREATMENTS[t] for t in settings.treatment_keys)
    cv = f"{settings.cv_folds}-fold cross-validation" if settings.cv_folds >= 2 else "no cross-validation"
    extra = "; leaky mode" if settings.leaky else ""
    # Only the app's own names: nothing here comes from the user.
    return f"Settings: {plural(len(settings.classifier_keys), 'model')}; {treatments}; {cv}{extra}"


# --- the first screen: one model before and after, in numbers with their noise ----------------------------------------------
HEADLINE_METRICS = {
    "recall": "Recall ({rows} found)",
    "precision": "Precision (alarms that are right)",
    "accuracy": "Accuracy (all rows right)",
}
NO_SPREAD_TOLERANCE = 0.005  # without cross-validation, a change smaller than half a point counts as "about the same"


def headline_pair(settings: CompareSettings) -> tuple[str, str | None]:
    """The model and treatment the first screen is about, chosen from the settings alone (never from the
    results, so nothing is cherry-picked): logistic regression when chosen, else the first model that is not the
    dummy; the first treatment besides no balancing (None when there is none)."""
    models = [c for c in settings.classifier_keys if c != "dummy"] or list(settings.classifier_keys)
    model = "logreg" if "logreg" in models else models[0]
    return model, next((t for t in settings.treatment_keys if t != "none"), None)


def change_points(ch: Change | None) -> str:
    """A change in percentage points, beside its spread when it has one: "+5.5 ± 1.0 points"."""
    if ch is None or math.isnan(ch.change):
        return "n/a"
    out = f"{ch.change * 100:+.1f}"
    if ch.spread is not None and not math.isnan(ch.spread):
        out += f" ± {ch.spread * 100:.1f}"
    return out + " points"


def direction(ch: Change | None) -> str | None:
    """"up", "down" or "about the same": a change within twice its spread (or, without a spread, smaller than
    half a point) is about the same. None when undefined."""
    if ch is None or math.isnan(ch.change):
        return None
    if ch.spread is not None and not math.isnan(ch.spread):
        if abs(ch.change) <= 2 * ch.spread:
            return "about the same"
    elif abs(ch.change) < NO_SPREAD_TOLERANCE:
        return "about the same"
    return "up" if ch.change > 0 else "down"


def headline_metrics(result: Comparison, classifier: str, treatment: str,
                     dataset: Dataset) -> list[tuple[str, str, str, bool]]:
    """(label, "before → after", the change in points with its spread, whether the change stands out from its
    noise) for recall, precision and accuracy. Recall counts "minority rows" only when the positive class is the
    smallest; otherwise it names the class."""
    rows = "minority rows" if positive_is_smallest(dataset) else f"{class_name(dataset.minority)} rows"
    out = []
    for key, template in HEADLINE_METRICS.items():
        label = template.format(rows=rows)
        ch = change(result, classifier, treatment, key)
        if ch is None:
            continue
        out.append((label, f"{pct(ch.before)} → {pct(ch.after)}", change_points(ch),
                    direction(ch) in ("up", "down")))
    return out


def headline_caption(result: Comparison, dataset: Dataset, classifier: str, treatment: str) -> str:
    """Where the headline numbers come from, in one line (the model and treatment are in the pickers above)."""
    ch = change(result, classifier, treatment, "recall")
    if ch is not None and ch.folds:
        return (
            f"Means over {ch.folds} cross-validation folds of {dataset.n_samples:,} rows, ± one standard deviation "
            "of the change; grey: within the noise."
        )
    return "Scores on the held-out test part; turn on cross-validation to see how noisy each change is."


def _moved(ch: Change, what: str) -> str:
    numbers = f"{pct(ch.before)} → {pct(ch.after)}, {change_points(ch)}"
    way = direction(ch)
    if way == "up":
        return f"raised {what} ({numbers})"
    if way == "down":
        return f"lowered {what} ({numbers})"
    return f"left {what} about the same ({numbers}, within the noise)"


def narration(result: Comparison, classifier: str, treatment: str) -> str | None:
    """The first screen in one sentence (presenter mode): what the treatment did to the model's recall,
    precision and accuracy, each with its spread. None when the pair has no results."""
    r, p, a = (change(result, classifier, treatment, m) for m in ("recall", "precision", "accuracy"))
    if r is None or p is None or a is None:
        return None
    where = f"Over {r.folds} cross-validation folds" if r.folds else "On the held-out test part"
    return (
        f"{where}, **{escape_markdown(TREATMENTS[treatment])} {_moved(r, f'{CLASSIFIERS[classifier]}’s recall')}**, "
        f"{_moved(p, 'its precision')} and {_moved(a, 'its accuracy')}."
    )


def paradox_line(dataset: Dataset) -> str | None:
    """The accuracy paradox in one line, from the class counts alone (None when the positive class is the majority)."""
    positive, majority = dataset.minority, dataset.majority_label
    if positive == majority:
        return None
    share = dataset.counts[majority] / dataset.n_samples
    return (
        f"**The accuracy paradox:** always answering {class_name(majority)} is {share:.1%} accurate here, yet finds "
        f"none of {class_name(positive)}."
    )


def pooled_confusion_sentence(before: Counts, after: Counts, treatment: str, dataset: Dataset, plan: Plan) -> str:
    """The pooled cross-validation matrices in words (see ``evaluate.pooled_confusion``)."""
    pos = class_name(dataset.minority)
    neg = escape_markdown(negative_name(dataset))
    times = "once" if plan.cv_repeats == 1 else f"{plan.cv_repeats} times"
    b, a = before, after
    return (
        f"Rows are the truth, columns the prediction, added up over the {plan.cv_folds * plan.cv_repeats} test folds: "
        f"each of the {dataset.n_samples:,} rows is predicted {times}, by a model that never saw it. Before: the "
        f"model finds **{b.tp} of {b.tp + b.fn}** {pos} rows (misses {b.fn}), with {plural(b.fp, 'false alarm')} "
        f"among {b.tn + b.fp} rows of {neg}. After {escape_markdown(TREATMENTS[treatment])}: it finds "
        f"**{a.tp} of {a.tp + a.fn}** (misses {a.fn}) with {plural(a.fp, 'false alarm')}."
    )


# --- predict first --------------------------------------------------------------------------------------------------------------
PREDICT_CHOICES = ("up", "about the same", "down")
PREDICT_METRICS = ("recall", "accuracy")
WHY = {
    "recall": "Balancing makes the minority look common while the model learns, so it answers the minority more "
              "often and finds more of it.",
    "accuracy": "Answering the minority more often also raises false alarms among the far more numerous other "
                "rows, and accuracy counts every row alike.",
}


def prediction_question(classifier: str, treatment: str) -> str:
    return (
        f"**Predict first.** {CLASSIFIERS[classifier]} trained with {escape_markdown(TREATMENTS[treatment])} "
        "instead of no balancing: will its **recall** go up or down? And its **accuracy**? Answer, then reveal."
    )


def prediction_verdict(result: Comparison, classifier: str, treatment: str,
                       answers: dict[str, str]) -> list[tuple[bool, str]]:
    """(right, sentence) per predicted metric: the answer against what happened, with the numbers and why."""
    out = []
    for key in PREDICT_METRICS:
        ch = change(result, classifier, treatment, key)
        truth, said = direction(ch), answers.get(key)
        if truth is None or said is None:
            continue
        went = "stayed about the same" if truth == "about the same" else f"went {truth}"
        right = said == truth
        out.append((right, (
            f"{METRICS[key]}: you said **{said}**; it {went} ({pct(ch.before)} → {pct(ch.after)}, "
            f"{change_points(ch)}). {'Right.' if right else 'Not this time.'} {WHY[key]}"
        )))
    return out


def verdict_line(result: Comparison, classifier: str, treatment: str, answers: dict[str, str]) -> str:
    """The verdict in one line, for presenter mode: "recall went up, as you said; accuracy went down, not up"."""
    parts = []
    for key in PREDICT_METRICS:
        truth, said = direction(change(result, classifier, treatment, key)), answers.get(key)
        if truth is None or said is None:
            continue
        went = "stayed about the same" if truth == "about the same" else f"went {truth}"
        parts.append(f"{METRICS[key].lower()} {went}, " + ("as you said" if said == truth else f"not {said}"))
    return "; ".join(parts).capitalize() + "."


# --- calibration ------------------------------------------------------------------------------------------------------------------
def calibration_sentence(before: Reliability, after: Reliability, classifier: str, dataset: Dataset,
                         n_test: int) -> str:
    """The reliability diagram in words: mean predicted probability against the real share, Brier scores, and
    how many bins lie under the diagonal (the model said more than the truth)."""
    pos = class_name(dataset.minority)
    treatment = escape_markdown(TREATMENTS[after.treatment])
    text = (
        f"On the held-out test part ({n_test:,} rows, {pct(before.prevalence)} of them {pos}), "
        f"{CLASSIFIERS[classifier]} with no balancing gives {pos} a mean predicted probability of "
        f"{pct(before.average_probability)} (Brier score {before.brier:.3f}); with {treatment}, "
        f"{pct(after.average_probability)} (Brier score {after.brier:.3f}; lower is better, 0 is perfect)."
    )
    if after.average_probability > before.average_probability + NO_SPREAD_TOLERANCE and after.prevalence > 0:
        text += (
            f" The model now says {pos} is {after.average_probability / after.prevalence:.2f} times as common as it "
            "really is."
        )

    def under(r: Reliability) -> str:
        n = int(((r.mean_predicted - r.fraction_positive) > 0.05).sum())
        return f"{n} of {len(r.counts)}"

    return text + (
        f" A point under the dashed diagonal is a bin where the model said a higher probability than the share of "
        f"rows that really were {pos}: {under(after)} bins after, {under(before)} before, by more than 5 points. "
        "Marker size shows how many test rows a bin holds; most sit in the first and last bins."
    )


def calibration_missing(classifier: str) -> str:
    return (
        f"{CLASSIFIERS[classifier]} gives no predicted probabilities in this comparison (an SVM gives decision "
        "values), so it has no reliability diagram: choose another model above."
    )


# --- the leak, drawn -----------------------------------------------------------------------------------------------------------------
def leak_picture_sentence(picture: LeakPicture, dataset: Dataset, drawn: tuple[int, int]) -> str:
    """The leak figure in words: how close the positive test rows lie to a synthetic (or copied) training row in
    the leaky and the honest split. ``drawn`` is how many pairs the maps draw (leaky, honest)."""
    leaky, honest = picture.leaky, picture.honest
    pos = class_name(dataset.minority)
    kind = "copies" if picture.treatment == "ros" else "synthetic"
    treatment = escape_markdown(TREATMENTS[picture.treatment])
    honest_median = float(np.median(honest.distance))
    closer = float((leaky.distance < honest_median).mean())
    shown = ""
    if drawn[0] < len(leaky.distance) or drawn[1] < len(honest.distance):
        shown = (f" The maps draw {drawn[0]} of the {len(leaky.distance)} leaky and {drawn[1]} of the "
                 f"{len(honest.distance)} honest pairs; the distance panel has them all.")
    return (
        f"**Leaky** ({treatment} on the whole data, then split): {len(leaky.distance):,} {pos} test rows, "
        f"{int(leaky.test_synthetic.sum()):,} of them {kind} themselves. The median one lies "
        f"{float(np.median(leaky.distance)):.3f} from the nearest {kind} training row, and {closer:.0%} lie closer "
        f"than the median honest test row. **Honest** (split first, only the training part resampled): "
        f"{len(honest.distance):,} {pos} test rows, median distance {honest_median:.3f}. Distances are over all "
        f"{dataset.n_features} features, in standard deviations of each feature. The leaky test part holds "
        f"near-copies of what the model learnt, so its score says little about new data.{shown}"
    )


def leak_treatment(settings: CompareSettings, preferred: str | None) -> str | None:
    """The sampler whose leak is drawn: ``preferred`` when it adds rows, else SMOTE, else random over-sampling
    (None when no chosen treatment adds rows)."""
    if preferred in LEAK_TREATMENTS:
        return preferred
    return next((t for t in LEAK_TREATMENTS if t in settings.treatment_keys), None)


def presenter_prompt(settings: CompareSettings, dataset: Dataset) -> str:
    """Presenter mode before the first run: what pressing Run will compare, in one line."""
    treatments = ", ".join(escape_markdown(TREATMENTS[t]) for t in settings.treatment_keys[1:]) or "nothing else"
    return (
        f"Press **Run comparison** to train {plural(len(settings.classifier_keys), 'model')} on {dataset.n_samples:,} "
        f"rows, with no balancing and with {treatments}, and see what happens to recall and accuracy."
    )


def dummy_flips(result: Comparison) -> bool:
    """The "always majority" dummy answers the positive class for every test row after some sampler (see
    ``dummy_balancing_note``): worth explaining next to the chart that shows its recall of 100%."""
    return any(
        _answers_positive_everywhere(u.holdout) or _answers_positive_everywhere(u.leaky_holdout)
        or bool(u.cv_folds is not None and (u.cv_folds["fn"].sum() == 0 and u.cv_folds["tp"].sum() > 0))
        for u in result.units if u.classifier == "dummy" and u.treatment in SAMPLER_TREATMENTS
    )


# --- the settings form, the run and the detail tabs: defaults and decisions ----------------------------------------------
FOLD_CHOICES = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10]
TABS = ("Held-out split", "Changes ± spread", "Cross-validation", "Decision regions", "Calibration", "Leak",
        "Caveats", "Code")


def form_defaults(shown: CompareSettings) -> dict[str, object]:
    """The settings form's widget values for the settings shown, by widget key."""
    return {
        "cmp_models": list(shown.classifier_keys),
        "cmp_treatments": list(shown.treatment_keys),
        "cmp_test": float(shown.test_share),
        "cmp_seed": int(shown.seed),
        "cmp_folds": int(shown.cv_folds) if shown.cv_folds in FOLD_CHOICES else 5,
        "cmp_repeats": int(shown.cv_repeats),
        "cmp_k": int(shown.k_neighbors),
        "cmp_tune": shown.threshold_metric,
        "cmp_leaky": bool(shown.leaky),
        "cmp_big": bool(shown.larger_sample),
    }


def chosen_settings(values: Mapping[str, object]) -> CompareSettings:
    """The settings the form's widgets hold (``values`` by widget key, as ``form_defaults`` names them), each
    checked (a value no widget offers takes the default; unknown models and treatments are dropped); the choice of
    no model at all is left to ``CompareSettings.validated``."""
    default = CompareSettings()
    return CompareSettings(
        classifiers=",".join(inputs.choices(values.get("cmp_models"), CLASSIFIERS)),
        treatments=",".join(inputs.choices(values.get("cmp_treatments"), TREATMENTS)),
        test_share=round(inputs.number(values.get("cmp_test"), 0.1, 0.5, default.test_share), 2),
        seed=inputs.whole(values.get("cmp_seed"), 0, 2**31 - 1, default.seed),
        cv_folds=inputs.choice(values.get("cmp_folds"), FOLD_CHOICES, default.cv_folds),
        cv_repeats=inputs.whole(values.get("cmp_repeats"), 1, 5, default.cv_repeats),
        k_neighbors=inputs.whole(values.get("cmp_k"), 1, 15, default.k_neighbors),
        threshold_metric=inputs.choice(values.get("cmp_tune"), THRESHOLD_METRICS, default.threshold_metric),
        leaky=inputs.flag(values.get("cmp_leaky"), default.leaky),
        larger_sample=inputs.flag(values.get("cmp_big"), default.larger_sample),
    )


def settings_open(last: CompareSettings | None, ran: bool, waiting: bool, presenting: bool) -> bool:
    """Whether the settings box starts open: before the first run (until Run was pressed) and while a heavy link
    waits for its click (the Run button must be in view); never in presenter mode, where they wait behind a button."""
    return (last is None and not ran or waiting) and not presenting


def waiting_sentence(seconds: float, settings: CompareSettings, dataset: Dataset) -> str:
    """A link's settings over the work budget: how much work they ask for, and that it waits for a click."""
    return (
        f"This link asks for {duration_text(seconds)} of computing ({fit_count(settings, len(dataset.counts))} model "
        f"fits on {dataset.n_samples} rows), so it waits for you: press **Run comparison** to start it, or choose "
        "lighter settings (fewer models, folds or repeats) first."
    )


def run_identity(dataset: Dataset, settings: CompareSettings) -> tuple:
    """What a predict-first answer belongs to: the data and the settings of one run."""
    return dataset.fingerprint, tuple(sorted(to_query(settings).items()))
