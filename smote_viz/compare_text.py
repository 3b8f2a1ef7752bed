"""The sentences, defaults and caveats of the compare page, as pure functions (no Streamlit).

Every function returns markdown in which user text (labels, column names) is escaped with
``style.escape_markdown``; the page only renders what it gets. The positive class is the class chosen as
minority on the Data page (``Dataset.minority``), which need not be the smallest: the user may pick any class,
so nothing here assumes that the positive class is rare or that the majority is the negative class.
"""

from __future__ import annotations

import math

import pandas as pd

from .data import Dataset
from .evaluate import (
    CLASSIFIERS,
    METRICS,
    SAMPLER_TREATMENTS,
    TREATMENTS,
    Comparison,
    Metrics,
    Plan,
    Regions,
    UnitResult,
)
from .style import escape_markdown, label_text

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
        f"**all {dataset.n_features} features** of the current data ({dataset.n_samples} rows) and judged on rows "
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


# --- the split and the accuracy paradox ---------------------------------------------------------------------------------
def split_sentence(result: Comparison, dataset: Dataset) -> str:
    positive = dataset.minority
    n_test = sum(result.test_counts.values())
    share_test = result.test_counts.get(label_text(positive), 0) / max(n_test, 1)
    return (
        f"**Split first.** Training part: {sum(result.train_counts.values())} rows "
        f"({counts_text(result.train_counts)}). Test part: {n_test} rows ({counts_text(result.test_counts)}), "
        f"{class_name(positive)} is {share_test:.1%} of it, as in the whole data "
        f"({dataset.counts[positive] / dataset.n_samples:.1%}). Only the training part is resampled; the test part "
        "is never touched."
    )


def _best_recall(result: Comparison) -> UnitResult | None:
    return max(
        (u for u in result.units if u.holdout is not None and u.classifier != "dummy"),
        key=lambda u: u.holdout.recall if not math.isnan(u.holdout.recall) else -1,
        default=None,
    )


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
    best = _best_recall(result) if dummy is not None else None
    if best is not None:
        text += (
            f" The best recall here is {pct(best.holdout.recall)} ({CLASSIFIERS[best.classifier]} with "
            f"{TREATMENTS[best.treatment]}, accuracy {pct(best.holdout.accuracy)})."
        )
    return f"**{text}** Accuracy rewards ignoring the rare class; recall does not."


# --- tables -----------------------------------------------------------------------------------------------------------
def holdout_table(result: Comparison) -> pd.DataFrame:
    """``Comparison.table("holdout")`` with each change (Δ) as signed text to 3 decimals; empty on baseline rows."""
    table = result.table("holdout")
    for name in METRICS.values():
        table[f"Δ {name}"] = ["" if math.isnan(v) else f"{v:+.3f}" for v in table[f"Δ {name}"]]
    return table


def cv_table(result: Comparison) -> pd.DataFrame:
    """Cross-validation per model and treatment, each metric as "mean ± standard deviation" ("n/a" if undefined)."""
    mean, std = result.table("cv"), result.table("cv_std")
    out = mean[["Model", "Treatment"]].copy()
    for name in METRICS.values():
        out[name] = [
            "n/a" if math.isnan(m) else f"{m:.3f} ± {s:.3f}" for m, s in zip(mean[name], std[name], strict=True)
        ]
    return out


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
        "included, inside every training fold; bars show the mean and ± one standard deviation."
    )


def leak_sentence(leak: pd.DataFrame) -> str | None:
    """The leak explained, with the largest recall inflation of ``Comparison.leak_table()`` (None if empty)."""
    if leak.empty:
        return None
    top = leak.loc[leak["Recall inflation"].idxmax()]
    return (
        "Resampling before the split puts synthetic or copied minority rows, made from the same originals, "
        "on both sides of the split, and makes the test part balanced instead of real: the model is graded "
        "on near-copies of what it learnt. "
        f"The largest inflation here: {escape_markdown(top['Model'])} with {escape_markdown(top['Treatment'])}, "
        f"recall {top['Recall honest']:.3f} honest against {top['Recall leaky']:.3f} leaky "
        f"({signed(top['Recall inflation'])}), a gain that new data would not confirm."
    )


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
    "the majority and blur the boundary (look at the open stars in the regions above)."
)
XGBOOST_CAVEAT = (
    "**Not XGBoost.** The article this page replays used XGBoost (accuracy 84.70 %, recall 44.82 % before "
    "SMOTE; recall 63.61 % after, accuracy slightly lower). Here gradient boosting is scikit-learn's "
    "HistGradientBoostingClassifier, a close relative that needs no extra package, so numbers differ."
)


def caveats(result: Comparison) -> list[str]:
    """The caveats that apply to the chosen models and treatments, with this run's numbers where they help."""
    settings = result.settings
    treatments, models = settings.treatment_keys, settings.classifier_keys
    out = []
    if any(t in SAMPLER_TREATMENTS or t == "weight" for t in treatments):
        out.append(CALIBRATION_CAVEAT)
    discussed = [c for c in STRONG_MODELS + WEAK_MODELS if c in models]
    if "smote" in treatments and discussed:
        detail = []
        for c in discussed:
            u0, u1 = result.unit(c, "none"), result.unit(c, "smote")
            if u0 and u1 and u0.holdout and u1.holdout:
                detail.append(f"{CLASSIFIERS[c]} {signed(u1.holdout.roc_auc - u0.holdout.roc_auc)}")
        out.append(
            STRONG_LEARNERS_CAVEAT
            + (f" Here, the change in ROC-AUC with SMOTE: {'; '.join(detail)}." if detail else "")
        )
    if "smote" in treatments:
        out.append(OVERLAP_CAVEAT)
    if "hgb" in models:
        out.append(XGBOOST_CAVEAT)
    return out
