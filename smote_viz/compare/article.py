"""The seed article replayed: bank churn, XGBoost, before and after SMOTE, and what the article could not show.

The article's recipe: the 8 numeric columns of Kaggle's ``Churn_Modelling.csv`` below, label ``Exited``, rows with
missing values dropped; ``train_test_split(test_size=0.2, random_state=1)`` (not stratified); ``XGBClassifier()``
with its default settings, fitted before and after ``SMOTE(sampling_strategy="minority")`` on the training part.
It passes pandas DataFrames, so imbalanced-learn gives the synthetic rows back with the columns' own dtypes:
integer columns (age, number of products, ...) are truncated to whole numbers. ``replay`` does the same.

``"auto"`` uses XGBoost when it imports and scikit-learn's HistGradientBoostingClassifier otherwise; every result
names the model it used. Metrics are scikit-learn's, through ``smote_viz.compare.evaluate.compute_metrics``, with the
exited customers (the minority) as the positive class. SMOTE is seeded (``random_state=0``) everywhere except in
``smote_draws``, which measures how much its draw alone moves the result.

Every number in the words below is computed from a run, and every version from the installed packages
(``installed_versions``): only the article's own figures (``REPORTED``) are written here.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import imblearn
import numpy as np
import pandas as pd
import sklearn
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

from smote_viz.compare.boosting import xgboost_version
from smote_viz.compare.evaluate import Metrics, compute_metrics
from smote_viz.data import Dataset
from smote_viz.data.csv_loader import STANDARDISED_NOTICE
from smote_viz.data.dataset import class_counts
from smote_viz.style import escape_markdown
from smote_viz.threads import one_native_thread

REPORTED = {"accuracy_before": 0.8470, "recall_before": 0.4482, "recall_after": 0.6361}
FEATURES = (
    "CreditScore", "Age", "Tenure", "Balance", "NumOfProducts", "HasCrCard", "IsActiveMember", "EstimatedSalary",
)
LABEL = "Exited"
TEST_SIZE = 0.2
SPLIT_SEED = 1
SPREAD_SPLITS = 10
SMOTE_DRAWS = 10  # SMOTE's random_state 0 .. 9 on the article's split
SMOTE_SEED = 0  # SMOTE's random_state in every replay but the draws (the article's SMOTE had none)
MODELS = ("xgboost", "hgb")


# --- the model ------------------------------------------------------------------------------------------------
def model_key(model: str = "auto") -> str:
    """"xgboost" or "hgb": ``"auto"`` is XGBoost when it imports, else HistGradientBoosting."""
    if model == "auto":
        return "xgboost" if xgboost_version() else "hgb"
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of auto, {', '.join(MODELS)}")
    if model == "xgboost" and not xgboost_version():
        raise ValueError("XGBoost is not installed (pip install xgboost-cpu)")
    return model


def installed_versions() -> dict[str, str | None]:
    """The versions this replay runs with: XGBoost (None when it does not import), imbalanced-learn, scikit-learn."""
    return {"xgboost": xgboost_version(), "imbalanced-learn": imblearn.__version__, "scikit-learn": sklearn.__version__}


def model_name(key: str) -> str:
    if key == "xgboost":
        return f"XGBoost {xgboost_version()} (XGBClassifier with its default settings)"
    return "scikit-learn's HistGradientBoostingClassifier (default settings)"


def make_model(key: str):
    """The article's model with its defaults; one thread (a resource setting, not a modelling one)."""
    if key == "xgboost":
        from xgboost import XGBClassifier

        return XGBClassifier(n_jobs=1)
    return HistGradientBoostingClassifier(random_state=0)


# --- what the data must have ----------------------------------------------------------------------------------
def missing_columns(dataset: Dataset) -> list[str]:
    """The article's feature columns that the dataset's features lack (its label is checked separately)."""
    return [f for f in FEATURES if f not in dataset.feature_names]


def replay_problem(dataset: Dataset) -> str | None:
    """Why the dataset cannot replay the article (None when it can): what it lacks and what to do."""
    missing = missing_columns(dataset)
    wrong_label = dataset.label_name != LABEL
    if missing or wrong_label:
        parts = []
        if missing:
            parts.append(f"lacks the feature column(s) {', '.join(missing)}")
        if wrong_label:
            parts.append(f"has the label '{dataset.label_name}' instead of '{LABEL}'")
        return (
            f"The replay needs the article's data: the feature columns {', '.join(FEATURES)} and the label column "
            f"'{LABEL}' (0 stayed, 1 exited), as in the bank-churn file Churn_Modelling.csv. The current data "
            f"({dataset.name}) {' and '.join(parts)}. Upload that file on the Data page (with these columns "
            "chosen), or load the bank-churn-shaped sample."
        )
    if len(dataset.counts) != 2:
        return f"The replay needs two classes in '{LABEL}' (stayed and exited); the current data has {len(dataset.counts)}."
    if min(dataset.counts.values()) < 10:
        return f"The replay needs at least 10 exited customers; the current data has {min(dataset.counts.values())}."
    return None


def standardised(dataset: Dataset) -> bool:
    """The Data page standardised the features; the article used the raw values (SMOTE's neighbours differ)."""
    return STANDARDISED_NOTICE in dataset.notices


def recipe_data(dataset: Dataset) -> tuple[pd.DataFrame, np.ndarray, tuple[str, ...]]:
    """The article's table: its 8 columns in its order, whole-number columns as integers (as pandas reads them
    from the CSV), the label as 1 (the minority, exited) or 0, and the names of the integer columns."""
    columns = {f: dataset.X[:, dataset.feature_names.index(f)] for f in FEATURES}
    frame = pd.DataFrame(columns)
    integers = tuple(f for f in FEATURES if np.all(frame[f] == np.round(frame[f])) and np.all(np.abs(frame[f]) < 2**53))
    frame = frame.astype({f: np.int64 for f in integers})
    y = (np.asarray(dataset.y) == dataset.minority).astype(np.int64)
    return frame, y, integers


# --- one replay -------------------------------------------------------------------------------------------------
def _three(m: Metrics) -> dict[str, float]:
    return {"accuracy": m.accuracy, "recall": m.recall, "precision": m.precision}


@dataclass(frozen=True)
class ArticleReplay:
    """The article's recipe on one split: the model used, metrics before and after SMOTE, and the counts."""

    model: str  # what was used, in words (name and version)
    model_key: str  # "xgboost" or "hgb"
    stratified: bool
    random_state: int
    before: dict[str, float]  # accuracy, recall, precision as fractions
    after: dict[str, float]
    before_metrics: Metrics  # every metric and the confusion matrix (positive: exited)
    after_metrics: Metrics
    after_decimals: dict[str, float] | None  # SMOTE on decimals: no truncation of the integer columns
    n_train: int
    n_test: int
    train_counts: dict  # training rows per class (0 stayed, 1 exited)
    resampled_counts: dict  # after SMOTE
    integer_columns: tuple[str, ...]  # truncated to whole numbers in the synthetic rows, as in the article


def replay(
    dataset: Dataset,
    *,
    model: str = "auto",
    stratify: bool = False,
    random_state: int = SPLIT_SEED,
    smote_seed: int = SMOTE_SEED,
    decimals: bool = False,
) -> ArticleReplay:
    """The article's recipe on ``dataset``; ``stratify`` and ``random_state`` change only the split.

    The article's SMOTE had no random_state; ``smote_seed`` fixes one so a replay can be repeated. ``decimals``
    also fits the model after SMOTE on decimal columns (no truncation), for comparison. Raises ``ValueError``
    with ``replay_problem``'s message when the dataset cannot replay the article.
    """
    key = model_key(model)
    X_train, X_test, y_train, y_test, integers = _article_split(dataset, stratify, random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = _fit_score(key, X_train, y_train, X_test, y_test)
        X_res, y_res = SMOTE(sampling_strategy="minority", random_state=smote_seed).fit_resample(X_train, y_train)
        after = _fit_score(key, X_res, y_res, X_test, y_test)
        after_decimals = None
        if decimals and integers:
            X_dec, y_dec = SMOTE(sampling_strategy="minority", random_state=smote_seed).fit_resample(
                X_train.astype(np.float64), y_train
            )
            after_decimals = _three(_fit_score(key, X_dec, y_dec, X_test, y_test))
    return ArticleReplay(
        model=model_name(key),
        model_key=key,
        stratified=stratify,
        random_state=random_state,
        before=_three(before),
        after=_three(after),
        before_metrics=before,
        after_metrics=after,
        after_decimals=after_decimals,
        n_train=len(y_train),
        n_test=len(y_test),
        train_counts=class_counts(y_train),
        resampled_counts=class_counts(np.asarray(y_res)),
        integer_columns=integers,
    )


def _article_split(dataset: Dataset, stratify: bool, random_state: int):
    """The article's table split as the article splits it: X_train, X_test, y_train, y_test and the integer columns.
    Raises ``ValueError`` with ``replay_problem``'s message when the dataset cannot replay the article."""
    problem = replay_problem(dataset)
    if problem is not None:
        raise ValueError(problem)
    one_native_thread()
    frame, y, integers = recipe_data(dataset)
    X_train, X_test, y_train, y_test = train_test_split(
        frame, y, test_size=TEST_SIZE, random_state=random_state, stratify=y if stratify else None
    )
    return X_train, X_test, y_train, y_test, integers


def _fit_score(key: str, X_train, y_train, X_test, y_test) -> Metrics:
    fitted = make_model(key).fit(X_train, np.asarray(y_train))
    scores = fitted.predict_proba(X_test)[:, 1]
    return compute_metrics(np.asarray(y_test), fitted.predict(X_test), scores, 1)


# --- repeated splits ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spread:
    """The article's recipe over several random splits (random_state 0, 1, ...; 1 is the article's), SMOTE seeded
    as in ``replay`` on every split, so split 1 is exactly the replay on the article's split."""

    model: str
    seeds: tuple[int, ...]
    recall_before: tuple[float, ...]
    recall_after: tuple[float, ...]
    accuracy_before: tuple[float, ...]
    accuracy_after: tuple[float, ...]

    @property
    def gains(self) -> np.ndarray:
        """Recall after SMOTE minus before, per split (fractions)."""
        return np.array(self.recall_after) - np.array(self.recall_before)


def repeated_splits(dataset: Dataset, *, model: str = "auto", n_splits: int = SPREAD_SPLITS) -> Spread:
    """``replay`` on splits with random_state 0 .. n_splits - 1 (SMOTE's random_state 0 on each), not stratified:
    only the split changes from one run to the next."""
    runs = [replay(dataset, model=model, random_state=seed) for seed in range(n_splits)]
    return Spread(
        model=runs[0].model,
        seeds=tuple(range(n_splits)),
        recall_before=tuple(r.before["recall"] for r in runs),
        recall_after=tuple(r.after["recall"] for r in runs),
        accuracy_before=tuple(r.before["accuracy"] for r in runs),
        accuracy_after=tuple(r.after["accuracy"] for r in runs),
    )


# --- SMOTE's draw -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Draws:
    """The article's split with SMOTE's random_state 0, 1, ...: what SMOTE's draw alone does to the model after
    SMOTE (the article's SMOTE had no random_state, so its figure is one such draw)."""

    model: str
    seeds: tuple[int, ...]
    recall_after: tuple[float, ...]
    accuracy_after: tuple[float, ...]
    precision_after: tuple[float, ...]


def smote_draws(dataset: Dataset, *, model: str = "auto", n_draws: int = SMOTE_DRAWS) -> Draws:
    """The article's split (test_size=0.2, random_state=1), the model fitted after SMOTE with random_state
    0 .. n_draws - 1 (draw 0 is ``replay``'s)."""
    key = model_key(model)
    X_train, X_test, y_train, y_test, _ = _article_split(dataset, False, SPLIT_SEED)
    runs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for seed in range(n_draws):
            X_res, y_res = SMOTE(sampling_strategy="minority", random_state=seed).fit_resample(X_train, y_train)
            runs.append(_fit_score(key, X_res, y_res, X_test, y_test))
    return Draws(
        model=model_name(key),
        seeds=tuple(range(n_draws)),
        recall_after=tuple(m.recall for m in runs),
        accuracy_after=tuple(m.accuracy for m in runs),
        precision_after=tuple(m.precision for m in runs),
    )


# --- in words and tables ---------------------------------------------------------------------------------------------
def pct(value: float) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{100 * value:.2f} %"


def _bounds(values) -> tuple[str, str]:
    """The smallest and largest of ``values`` (fractions) in percent with two decimals, as the table shows them."""
    values = np.asarray(values, dtype=float) * 100
    return f"{values.min():.2f}", f"{values.max():.2f}"


def _span(values) -> str:
    low, high = _bounds(values)
    return f"{low} to {high} %"


def _from_to(values) -> str:
    low, high = _bounds(values)
    return f"from {low} % to {high} %"


ROWS = (
    ("Accuracy before SMOTE", "before", "accuracy", "accuracy_before"),
    ("Recall before SMOTE", "before", "recall", "recall_before"),
    ("Precision before SMOTE", "before", "precision", None),
    ("Accuracy after SMOTE", "after", "accuracy", None),
    ("Recall after SMOTE", "after", "recall", "recall_after"),
    ("Precision after SMOTE", "after", "precision", None),
)


def draws_column(draws: Draws) -> str:
    return f"{len(draws.seeds)} SMOTE draws"  # each cell a range, like "10 splits: range"


def comparison_table(article_split: ArticleReplay, stratified: ArticleReplay, spread: Spread,
                     draws: Draws | None = None) -> pd.DataFrame:
    """The article's figures beside this run's: its split, a stratified split, the mean and range over
    ``spread``'s splits and (with ``draws``) the range over SMOTE's draws on the article's split (rows after SMOTE
    only). Cells are text (percent with two decimals), "not reported" where the article is silent."""
    over = {
        ("before", "accuracy"): spread.accuracy_before, ("before", "recall"): spread.recall_before,
        ("after", "accuracy"): spread.accuracy_after, ("after", "recall"): spread.recall_after,
    }
    n = len(spread.seeds)
    rows = []
    for label, when, metric, reported in ROWS:
        article = pct(REPORTED[reported]) if reported else "not reported"
        if label == "Accuracy after SMOTE":
            article = "slightly lower"
        values = over.get((when, metric))
        rows.append({
            "Metric": label,
            "Article": article,
            "Article's split": pct(getattr(article_split, when)[metric]),
            "Stratified split": pct(getattr(stratified, when)[metric]),
            f"{n} splits: mean": pct(float(np.mean(values))) if values else "",
            f"{n} splits: range": _span(values) if values else "",
        })
        if draws is not None:
            rows[-1][draws_column(draws)] = _span(getattr(draws, f"{metric}_after")) if when == "after" else ""
    return pd.DataFrame(rows)


TABLE_CAPTION = (
    "Article: the figures it reports (none for precision, and only 'slightly lower' for accuracy after SMOTE). "
    "The other columns are this run, with SMOTE's random_state=0: the article's split (test_size=0.2, "
    "random_state=1), the same split stratified, and the mean and range over {n} random splits (random_state 0 to "
    "{last}); the last column is the range when only SMOTE's random_state changes (0 to {last_draw}), on the article's split."
)


def model_sentence(result: ArticleReplay) -> str:
    if result.model_key == "xgboost":
        return f"Model: {result.model}, as in the article."
    return (
        f"Model: {result.model}. XGBoost, the article's model, is not installed here, so scikit-learn's own "
        "gradient boosting stands in: the same idea (boosted trees), slightly different numbers. Install it "
        "with `pip install xgboost-cpu` to replay with XGBoost itself."
    )


def split_sentence(result: ArticleReplay) -> str:
    before, after = result.train_counts, result.resampled_counts
    return (
        f"The article's split (test_size=0.2, random_state=1, not stratified): {result.n_train:,} training and "
        f"{result.n_test:,} test rows. SMOTE(sampling_strategy=\"minority\") grew the exited customers in the "
        f"training part from {before.get(1, 0):,} to {after.get(1, 0):,}, as many as those who stayed "
        f"({after.get(0, 0):,}); the test part is never resampled."
    )


def spread_sentence(spread: Spread) -> str:
    """Whether the rise in recall is more than one lucky split."""
    gains = spread.gains * 100
    before = np.array(spread.recall_before) * 100
    n = len(gains)
    rose = int((gains > 0).sum())
    article_gain = (REPORTED["recall_after"] - REPORTED["recall_before"]) * 100
    spread_before = before.max() - before.min()
    verdict = (
        "so the rise is not one lucky split: it is larger than how much recall moves from one split to another"
        if rose == n and gains.min() > spread_before
        else "so the rise holds on every split, though one split's figures can be off by a few points"
        if rose == n
        else "so one split alone can mislead: on some splits SMOTE did not raise recall"
    )
    return (
        f"Over {n} random splits (random_state 0 to {n - 1}; 1 is the article's), recall before SMOTE ranged from "
        f"{before.min():.2f} % to {before.max():.2f} % ({spread_before:.2f} points apart) just by which customers "
        f"landed in the test part. SMOTE raised recall on {rose} of {n} splits, by {gains.min():.2f} to "
        f"{gains.max():.2f} points (mean {gains.mean():.2f}), {verdict}. The article's rise, 44.82 % to 63.61 %, "
        f"is {article_gain:.2f} points."
    )


def _more(n: int, what: str) -> str:
    return f"{n:,} more {what}" if n >= 0 else f"{-n:,} fewer {what}"


def accuracy_sentence(result: ArticleReplay) -> str:
    b, a = result.before_metrics, result.after_metrics
    return (
        f"The article reports no precision: it went from {pct(b.precision)} to {pct(a.precision)}. After SMOTE "
        f"the model flags {a.tp + a.fp:,} of the {result.n_test:,} test customers as leaving instead of "
        f"{b.tp + b.fp:,}: it finds {_more(a.tp - b.tp, 'of those who really left')} (true positives, TP) and "
        f"raises {_more(a.fp - b.fp, 'false alarms')} (false positives, FP), which is why accuracy went from "
        f"{pct(b.accuracy)} to {pct(a.accuracy)}."
    )


def stratified_sentence(article_split: ArticleReplay, stratified: ArticleReplay) -> str:
    return (
        "The article's split is not stratified, so its test part need not have the data's share of exited "
        f"customers. With stratify=y (same seed), recall goes from {pct(stratified.before['recall'])} to "
        f"{pct(stratified.after['recall'])}, against {pct(article_split.before['recall'])} to "
        f"{pct(article_split.after['recall'])} on the article's split."
    )


def truncation_sentence(result: ArticleReplay) -> str | None:
    """The article's SMOTE kept integer columns whole (DataFrame dtypes); what SMOTE on decimals gives instead."""
    if not result.integer_columns or result.after_decimals is None:
        return None
    d = result.after_decimals
    why = (
        ": the trees can tell synthetic rows apart by their fractional ages and 0.4 credit cards, so they learn less "
        "about real customers from them" if pct(d["recall"]) != pct(result.after["recall"])
        and d["recall"] < result.after["recall"] else ""
    )
    return (
        "A detail that changes the result: the article passes pandas DataFrames, and imbalanced-learn gives the "
        f"synthetic rows back with the columns' dtypes, so the whole-number columns ({', '.join(result.integer_columns)}) "
        "are truncated to whole numbers: every synthetic customer has a whole age and 0 or 1 in HasCrCard. "
        f"On decimals (as the rest of SMOTE Lab works), the same SMOTE gives recall {pct(d['recall'])} and accuracy "
        f"{pct(d['accuracy'])} after SMOTE, instead of {pct(result.after['recall'])} and "
        f"{pct(result.after['accuracy'])}{why}."
    )


def _inside(value: float, values) -> bool:
    low, high = (float(v) for v in _bounds(values))
    return low <= round(100 * value, 2) <= high


def differences_note(result: ArticleReplay, spread: Spread, draws: Draws, *, on_sample: bool,
                     versions: dict[str, str | None] | None = None) -> str:
    """Why this run's figures differ from the article's: this run's own figures on the article's split and the
    versions it ran with, then each cause (SMOTE's unseeded draw, XGBoost's changed defaults or a stand-in model,
    the whole-number columns) beside the spread over splits. Every number is one the table shows
    (``comparison_table``) or one of the article's (``REPORTED``); ``versions`` defaults to the installed ones."""
    versions = versions or installed_versions()
    xgb = versions.get("xgboost")
    rb, ra = REPORTED["recall_before"], REPORTED["recall_after"]
    if result.model_key == "xgboost":
        used = f"XGBoost {xgb} (`XGBClassifier()` with its defaults)"
    else:
        used = "scikit-learn's HistGradientBoostingClassifier" + (
            " (XGBoost is not installed here)" if not xgb else f" (instead of the installed XGBoost {xgb})"
        )
    head = (
        f"**Why this run's figures can differ from the article's.** This run: {used}, imbalanced-learn "
        f"{versions['imbalanced-learn']}, scikit-learn {versions['scikit-learn']}. "
        f"On the article's split it gives accuracy {pct(result.before['accuracy'])} before SMOTE (the article: "
        f"{pct(REPORTED['accuracy_before'])}) and recall {pct(result.before['recall'])} before, "
        f"{pct(result.after['recall'])} after (the article: {pct(rb)} and {pct(ra)})."
    )
    differ = [name for name, ours, theirs in (
        ("accuracy before SMOTE", result.before["accuracy"], REPORTED["accuracy_before"]),
        ("recall before SMOTE", result.before["recall"], rb), ("recall after SMOTE", result.after["recall"], ra),
    ) if pct(ours) != pct(theirs)]
    if on_sample:
        head += (" This is the bank-churn-shaped sample, made-up customers, so its figures are not comparable with "
                 "the article's; on the real Churn_Modelling.csv, these would still move them:")
    elif differ:
        named = differ[0] if len(differ) == 1 else f"{', '.join(differ[:-1])} and {differ[-1]}"
        head += (f" Here {named} {'differs' if len(differ) == 1 else 'differ'} from the article's, "
                 "for these reasons:")
    else:
        head += " All three equal the article's; these could still have moved them:"
    n_draws = len(draws.seeds)
    causes = [
        f"**SMOTE's draw.** The article's SMOTE had no random_state, so its {pct(ra)} is one draw among many; this "
        f"replay seeds SMOTE (random_state={SMOTE_SEED}) so it can be repeated. On the article's split, {n_draws} "
        f"draws (random_state 0 to {n_draws - 1}) give recall after SMOTE {_from_to(draws.recall_after)}."
    ]
    defaults = (
        "since the article was written: version 2.0 made `hist` (histogram) the default tree method and estimates "
        "`base_score` (the starting score) from the data"
    )
    if result.model_key == "xgboost":
        causes.append(f"**XGBoost's defaults changed** {defaults}, so today's `XGBClassifier()` grows other trees "
                      f"than the article's did (this run: XGBoost {xgb}).")
    else:
        causes.append(
            "**Another model.** "
            + ("XGBoost is not installed here, so scikit-learn's HistGradientBoostingClassifier stands in for it"
               if not xgb else "This replay used scikit-learn's HistGradientBoostingClassifier in place of XGBoost")
            + f", with its own defaults. And XGBoost's defaults changed {defaults}, so even XGBoost would not give "
            "the article's figures."
        )
    if result.integer_columns:
        lower = ""
        if result.after_decimals is not None:
            d, a = round(100 * result.after_decimals["recall"], 2), round(100 * result.after["recall"], 2)
            lower = " lower" if d < a else " higher" if d > a else " the same"
            lower = f" On decimals (NumPy floats, no truncation) recall after SMOTE comes out{lower}: see *Whole numbers* below."
        causes.append(
            "**Whole-number columns.** The article passes pandas DataFrames, so imbalanced-learn truncates the "
            f"synthetic customers' whole-number columns ({', '.join(result.integer_columns)}) to whole numbers; this "
            f"replay does the same, and a replay that does not gets another figure.{lower}"
        )
    n = len(spread.seeds)
    outside = [f"{pct(value)} ({when} SMOTE)"
               for value, values, when in ((rb, spread.recall_before, "before"), (ra, spread.recall_after, "after"))
               if not _inside(value, values)]
    verdict = (
        "both of the article's figures lie inside these ranges: the difference from the article is no larger than "
        "what another split alone makes" if not outside
        else f"the article's {' and '.join(outside)} {'lies' if len(outside) == 1 else 'lie'} outside: a difference "
        "larger than what another split alone makes"
    )
    split_width, draw_width = (float(np.ptp(np.round(np.asarray(v, dtype=float) * 100, 2)))
                               for v in (spread.recall_after, draws.recall_after))
    than_draws = "wider than" if split_width > draw_width else "narrower than" if split_width < draw_width else "as wide as"
    causes.append(
        f"**How large these differences are.** Over {n} random splits (random_state 0 to {n - 1}; split 1 is the "
        f"article's, on its file the same rows), recall before SMOTE ranged {_from_to(spread.recall_before)} and "
        f"after {_from_to(spread.recall_after)}, a range {than_draws} SMOTE's draws give; {verdict}."
    )
    return head + "\n\n" + "\n".join(f"- {cause}" for cause in causes)


SAMPLE_BUTTON_HELP = (
    "Makes the bank-churn-shaped sample (made-up customers with the article's columns) the data of every page, in "
    "place of the current data, and replays the article on it. A comparison run on the current data is cleared."
)
BACK_LABEL = "Back to the previous data"


def loaded_sentence(sample: Dataset, previous: str, cleared: bool) -> str:
    """What the replay's sample button just did: what it loaded, in place of which data (``previous``, its name;
    user text, escaped), that every page now works on it, the comparison it cleared (``cleared``: one had been run
    on the previous data), and how to go back."""
    exited = sample.counts.get(sample.minority, 0)
    comparison = (
        "The comparison on this page was run on the previous data, so its settings and results were cleared: press "
        "**Run comparison** to compare classifiers on the sample."
        if cleared else "Press **Run comparison** to compare classifiers on the sample."
    )
    return (
        f"**Loaded the bank-churn-shaped sample** ({escape_markdown(sample.name)}: {sample.n_samples:,} made-up "
        f"customers, {exited:,} of them exited, with the article's {len(FEATURES)} columns and the label "
        f"{LABEL}) in place of the previous data, *{escape_markdown(previous)}*. It is now the data on every page "
        f"(the Data page, the step-through, the SMOTE family, the Playground, the lesson and this page). {comparison} "
        f"To go back, press **{BACK_LABEL}**, or choose other data on the Data page."
    )


SAMPLE_NOTE = (
    "This is the bank-churn-shaped sample, made-up customers with the article's columns, not the article's file, "
    "so compare the pattern (recall up, accuracy and precision down), not the exact figures."
)


def recipe_code(model_key_: str) -> str:
    """The article's recipe as Python, for the learner to run on the real file."""
    if model_key_ == "xgboost":
        model_import, model = "from xgboost import XGBClassifier", "XGBClassifier()"
    else:
        model_import, model = "from sklearn.ensemble import HistGradientBoostingClassifier", "HistGradientBoostingClassifier()"
    return f'''import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.metrics import accuracy_score, recall_score
from sklearn.model_selection import train_test_split
{model_import}

df = pd.read_csv("Churn_Modelling.csv").dropna()
X = df[{list(FEATURES)!r}]
y = df["{LABEL}"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)

model = {model}.fit(X_train, y_train)
pred = model.predict(X_test)
print("before:", accuracy_score(y_test, pred), recall_score(y_test, pred))

X_res, y_res = SMOTE(sampling_strategy="minority").fit_resample(X_train, y_train)  # training part only
model = {model}.fit(X_res, y_res)
pred = model.predict(X_test)
print("after: ", accuracy_score(y_test, pred), recall_score(y_test, pred))
'''
