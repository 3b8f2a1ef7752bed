"""The seed article replayed: bank churn, XGBoost, before and after SMOTE, and what the article could not show.

The article's recipe: the 8 numeric columns of Kaggle's ``Churn_Modelling.csv`` below, label ``Exited``, rows with
missing values dropped; ``train_test_split(test_size=0.2, random_state=1)`` (not stratified); ``XGBClassifier()``
with its default settings, fitted before and after ``SMOTE(sampling_strategy="minority")`` on the training part.
It passes pandas DataFrames, so imbalanced-learn gives the synthetic rows back with the columns' own dtypes:
integer columns (age, number of products, ...) are truncated to whole numbers. ``replay`` does the same.

``"auto"`` uses XGBoost when it imports and scikit-learn's HistGradientBoostingClassifier otherwise; every result
names the model it used. Metrics are scikit-learn's, through ``smote_viz.compare.evaluate.compute_metrics``, with the
exited customers (the minority) as the positive class.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

from smote_viz.compare.boosting import xgboost_version
from smote_viz.compare.evaluate import Metrics, compute_metrics
from smote_viz.data import Dataset
from smote_viz.data.csv_loader import STANDARDISED_NOTICE
from smote_viz.data.dataset import class_counts
from smote_viz.threads import one_native_thread

REPORTED = {"accuracy_before": 0.8470, "recall_before": 0.4482, "recall_after": 0.6361}
FEATURES = (
    "CreditScore", "Age", "Tenure", "Balance", "NumOfProducts", "HasCrCard", "IsActiveMember", "EstimatedSalary",
)
LABEL = "Exited"
TEST_SIZE = 0.2
SPLIT_SEED = 1
SPREAD_SPLITS = 10
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
    smote_seed: int = 0,
    decimals: bool = False,
) -> ArticleReplay:
    """The article's recipe on ``dataset``; ``stratify`` and ``random_state`` change only the split.

    The article's SMOTE had no random_state; ``smote_seed`` fixes one so a replay can be repeated. ``decimals``
    also fits the model after SMOTE on decimal columns (no truncation), for comparison. Raises ``ValueError``
    with ``replay_problem``'s message when the dataset cannot replay the article.
    """
    problem = replay_problem(dataset)
    if problem is not None:
        raise ValueError(problem)
    key = model_key(model)
    one_native_thread()
    frame, y, integers = recipe_data(dataset)
    X_train, X_test, y_train, y_test = train_test_split(
        frame, y, test_size=TEST_SIZE, random_state=random_state, stratify=y if stratify else None
    )
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


def _fit_score(key: str, X_train, y_train, X_test, y_test) -> Metrics:
    fitted = make_model(key).fit(X_train, np.asarray(y_train))
    scores = fitted.predict_proba(X_test)[:, 1]
    return compute_metrics(np.asarray(y_test), fitted.predict(X_test), scores, 1)


# --- repeated splits ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spread:
    """The article's recipe over several random splits (random_state 0, 1, ...; 1 is the article's)."""

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
    """``replay`` on splits with random_state 0 .. n_splits - 1 (SMOTE seeded the same), not stratified."""
    runs = [replay(dataset, model=model, random_state=seed, smote_seed=seed) for seed in range(n_splits)]
    return Spread(
        model=runs[0].model,
        seeds=tuple(range(n_splits)),
        recall_before=tuple(r.before["recall"] for r in runs),
        recall_after=tuple(r.after["recall"] for r in runs),
        accuracy_before=tuple(r.before["accuracy"] for r in runs),
        accuracy_after=tuple(r.after["accuracy"] for r in runs),
    )


# --- in words and tables ---------------------------------------------------------------------------------------------
def pct(value: float) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{100 * value:.2f} %"


def _span(values) -> str:
    values = np.asarray(values, dtype=float) * 100
    return f"{values.min():.2f} to {values.max():.2f} %"


ROWS = (
    ("Accuracy before SMOTE", "before", "accuracy", "accuracy_before"),
    ("Recall before SMOTE", "before", "recall", "recall_before"),
    ("Precision before SMOTE", "before", "precision", None),
    ("Accuracy after SMOTE", "after", "accuracy", None),
    ("Recall after SMOTE", "after", "recall", "recall_after"),
    ("Precision after SMOTE", "after", "precision", None),
)


def comparison_table(article_split: ArticleReplay, stratified: ArticleReplay, spread: Spread) -> pd.DataFrame:
    """The article's figures beside this run's: its split, a stratified split, and the mean and range over
    ``spread``'s splits. Cells are text (percent with two decimals), "not reported" where the article is silent."""
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
    return pd.DataFrame(rows)


TABLE_CAPTION = (
    "Article: the figures it reports (none for precision, and only 'slightly lower' for accuracy after SMOTE). "
    "The other columns are this run: the article's split (test_size=0.2, random_state=1), the same split "
    "stratified, and the mean and range over {n} random splits (random_state 0 to {last})."
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
    return (
        "A detail that changes the result: the article passes pandas DataFrames, and imbalanced-learn gives the "
        f"synthetic rows back with the columns' dtypes, so the whole-number columns ({', '.join(result.integer_columns)}) "
        "are truncated to whole numbers: every synthetic customer has a whole age and 0 or 1 in HasCrCard. "
        f"On decimals (as the rest of SMOTE Lab works), the same SMOTE gives recall {pct(d['recall'])} and accuracy "
        f"{pct(d['accuracy'])} after SMOTE, instead of {pct(result.after['recall'])} and "
        f"{pct(result.after['accuracy'])}: the trees can tell synthetic rows apart by their fractional ages and "
        "0.4 credit cards, so they learn less about real customers from them."
    )


VERSIONS_NOTE = (
    "Why the numbers differ from the article's even on its own file: with xgboost-cpu 3.4.1 and the article's split "
    "on the real Churn_Modelling.csv, the baseline is accuracy 84.95 % and recall 42.86 %, and after SMOTE about "
    "79.8 % and 60 to 61 %; the article reports 84.70 %, 44.82 % and 63.61 %. XGBoost's defaults changed since "
    "the article was written (version 2.0 made the histogram tree method the default and estimates the starting "
    "score from the data), and the article's SMOTE had no random_state, so its 63.61 % is one draw among many."
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
