"""Classifiers before and after balancing, measured honestly.

Everything here is pure (no Streamlit). The recipe:

- Split first: a stratified ``train_test_split`` of the row positions; the test part keeps the real class
  prevalence and is never resampled.
- Every model and treatment is one ``imblearn.pipeline.Pipeline`` (scaler where the model is distance or
  margin based, then the sampler, then the model). Fitting the pipeline resamples the training part only;
  predicting never resamples.
- Repeated stratified k-fold cross-validation runs ``cross_validate`` on the same pipeline, so the sampler is
  refitted inside every training fold.
- The leaky alternative resamples the whole dataset first and then splits (or cross-validates) the resampled
  rows, which is the mistake the page warns about.

Metrics treat the dataset's minority class (``Dataset.minority``) as the positive class. With more than two
classes, recall, precision, F1, ROC-AUC, PR-AUC and the confusion matrix are "minority class versus the rest"
(one-vs-rest); accuracy and balanced accuracy count every class.

Bad cases (too few rows for the folds or for SMOTE's k, a class missing from a split, a model that fails to
fit) become messages in the result, never exceptions.

Besides the scores, the module measures what the page draws: each change with its spread over the paired
cross-validation folds (``change``), confusion counts pooled over the test folds (``pooled_confusion``), a
reliability diagram of the held-out probabilities (``reliability``) and, for the leaky mistake, how close each
minority test point lies to a synthetic training point (``leak_picture``).
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    make_scorer,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    TunedThresholdClassifierCV,
    cross_validate,
    train_test_split,
)
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from smote_viz.compare.boosting import XGBoostClassifier, xgboost_version
from smote_viz.data import Dataset
from smote_viz.data.dataset import class_counts
from smote_viz.state import GeneratorSettings, param
from smote_viz.style import label_text
from smote_viz.threads import one_native_thread

# --- what can be compared --------------------------------------------------------------------------------------
CLASSIFIERS: dict[str, str] = {
    "logreg": "Logistic regression",
    "knn": "k-nearest neighbours",
    "tree": "Decision tree",
    "forest": "Random forest",
    "hgb": "Gradient boosting",
    "svm": "RBF SVM",
    **({"xgb": "XGBoost"} if xgboost_version() else {}),  # offered only where the optional package imports
    "dummy": "Always majority (dummy)",
}
# Distance- and margin-based models see unscaled features unevenly (a balance in 100 000s outvotes an age in 10s).
NEEDS_SCALING = frozenset({"logreg", "knn", "svm"})
SUPPORTS_CLASS_WEIGHT = frozenset({"logreg", "tree", "forest", "hgb", "svm", "xgb"})

TREATMENTS: dict[str, str] = {
    "none": "No balancing",
    "smote": "SMOTE",
    "ros": "Random over-sampling",
    "rus": "Random under-sampling",
    "weight": "class_weight='balanced'",
    "threshold": "Threshold moving",
}
SAMPLER_TREATMENTS = ("smote", "ros", "rus")
THRESHOLD_METRICS: dict[str, str] = {"balanced_accuracy": "balanced accuracy", "f1": "F1"}

METRICS: dict[str, str] = {  # recall first: it is the headline
    "recall": "Recall",
    "precision": "Precision",
    "f1": "F1",
    "balanced_accuracy": "Balanced accuracy",
    "accuracy": "Accuracy",
    "roc_auc": "ROC-AUC",
    "pr_auc": "PR-AUC",
}

DEFAULT_CLASSIFIERS = "logreg,knn,tree,hgb,dummy"
DEFAULT_TREATMENTS = "none,smote"
THRESHOLD_INNER_CV = 3
# Generated data is compared on a larger sample of the same shape and settings: on the 200-point step-through
# data the test part holds 5 minority rows and one split's recall moves in steps of 0.2.
LARGER_SAMPLE = 2000


@dataclass(frozen=True)
class CompareSettings:
    """Every choice on the compare page. Lists are comma-separated keys so the settings stay hashable and fit a URL."""

    classifiers: str = field(default=DEFAULT_CLASSIFIERS, metadata=param("models"))
    treatments: str = field(default=DEFAULT_TREATMENTS, metadata=param("treat"))
    test_share: float = field(default=0.25, metadata=param("test", lo=0.1, hi=0.5))
    seed: int = field(default=0, metadata=param("cseed", lo=0, hi=2**31 - 1))
    cv_folds: int = field(default=5, metadata=param("folds", lo=0, hi=10))
    cv_repeats: int = field(default=1, metadata=param("repeats", lo=1, hi=5))
    k_neighbors: int = field(default=5, metadata=param("k", lo=1, hi=15))
    threshold_metric: str = field(default="balanced_accuracy", metadata=param("tune", choices=tuple(THRESHOLD_METRICS)))
    leaky: bool = field(default=False, metadata=param("leaky"))
    larger_sample: bool = field(default=True, metadata=param("big"))

    @property
    def classifier_keys(self) -> tuple[str, ...]:
        return _keys(self.classifiers, CLASSIFIERS)

    @property
    def treatment_keys(self) -> tuple[str, ...]:
        keys = _keys(self.treatments, TREATMENTS)
        # "No balancing" is the baseline every change is measured against: always present, always first.
        return ("none", *[k for k in keys if k != "none"])

    def validated(self) -> tuple[CompareSettings, list[str]]:
        """The settings with unknown model or treatment names dropped, and a message for each one dropped."""
        problems = []
        for name, known in (("classifiers", CLASSIFIERS), ("treatments", TREATMENTS)):
            unknown = [k for k in getattr(self, name).split(",") if k.strip() and k.strip() not in known]
            if unknown:
                problems.append(f"Unknown {name} {', '.join(unknown)} ignored; known: {', '.join(known)}.")
        classifiers = ",".join(self.classifier_keys) or DEFAULT_CLASSIFIERS
        if not self.classifier_keys:
            problems.append("No classifier chosen; using the default set.")
        return replace(self, classifiers=classifiers, treatments=",".join(self.treatment_keys)), problems


def _keys(text: str, known: dict[str, str]) -> tuple[str, ...]:
    chosen = {k.strip() for k in text.split(",")}
    return tuple(k for k in known if k in chosen)


def larger_sample(generator: GeneratorSettings | None, settings: CompareSettings) -> GeneratorSettings | None:
    """The generator settings of the data to compare on instead of the current data, or None to use the current
    data as it is: an upload (``generator`` None) has no larger sample, and data already at least
    ``LARGER_SAMPLE`` rows large needs none."""
    if generator is None or not settings.larger_sample or generator.n_samples >= LARGER_SAMPLE:
        return None
    return replace(generator, n_samples=LARGER_SAMPLE)


# --- building pipelines ----------------------------------------------------------------------------------------
def make_classifier(key: str, *, seed: int = 0, class_weight: str | None = None, probability: bool = False):
    """A fresh scikit-learn classifier. ``class_weight`` only for the models that support it."""
    if class_weight is not None and key not in SUPPORTS_CLASS_WEIGHT:
        raise ValueError(f"{CLASSIFIERS[key]} has no class_weight option")
    cw = {"class_weight": class_weight} if class_weight is not None else {}
    if key == "logreg":
        return LogisticRegression(max_iter=1000, random_state=seed, **cw)
    if key == "knn":
        return KNeighborsClassifier(n_neighbors=5)
    if key == "tree":
        return DecisionTreeClassifier(random_state=seed, **cw)
    if key == "forest":
        return RandomForestClassifier(n_estimators=100, random_state=seed, **cw)
    if key == "hgb":
        return HistGradientBoostingClassifier(random_state=seed, **cw)
    if key == "svm":
        svm = SVC(kernel="rbf", random_state=seed, **cw)
        # An SVM has no probabilities; where a picture needs them, Platt scaling fitted by cross-validation.
        return CalibratedClassifierCV(svm, method="sigmoid", ensemble=False) if probability else svm
    if key == "dummy":
        return DummyClassifier(strategy="most_frequent")
    if key == "xgb" and key in CLASSIFIERS:
        return XGBoostClassifier(random_state=seed, **cw)
    raise ValueError(f"unknown classifier {key!r}")


def make_sampler(treatment: str, *, seed: int = 0, k_neighbors: int = 5):
    if treatment == "smote":
        return SMOTE(k_neighbors=k_neighbors, random_state=seed)
    if treatment == "ros":
        return RandomOverSampler(random_state=seed)
    if treatment == "rus":
        return RandomUnderSampler(random_state=seed)
    raise ValueError(f"{treatment!r} is not a sampler")


def treatment_problem(classifier: str, treatment: str, n_classes: int) -> str | None:
    """Why ``treatment`` cannot apply to ``classifier`` (None when it can)."""
    if treatment == "weight" and classifier not in SUPPORTS_CLASS_WEIGHT:
        return f"{CLASSIFIERS[classifier]} has no class_weight option in scikit-learn, so it has no 'balanced' weighting."
    if treatment == "threshold":
        if n_classes != 2:
            return "Threshold moving (TunedThresholdClassifierCV) works for two classes only."
        if classifier == "dummy":
            return "The dummy's predicted probability is the same for every row, so no threshold can change it."
    return None


def build_pipeline(
    classifier: str,
    treatment: str = "none",
    *,
    seed: int = 0,
    k_neighbors: int = 5,
    threshold_metric: str = "balanced_accuracy",
    positive: object = None,
    with_sampler: bool = True,
    probability: bool = False,
) -> Pipeline:
    """One imblearn Pipeline: [scaler] -> [sampler] -> model (model may be wrapped in a threshold tuner).

    ``with_sampler=False`` leaves the sampler out (the leaky mode resamples before the pipeline sees the data).
    """
    steps: list[tuple[str, object]] = []
    if classifier in NEEDS_SCALING:
        steps.append(("scale", StandardScaler()))
    if treatment in SAMPLER_TREATMENTS and with_sampler:
        steps.append(("sampler", make_sampler(treatment, seed=seed, k_neighbors=k_neighbors)))
    model = make_classifier(
        classifier, seed=seed, class_weight="balanced" if treatment == "weight" else None, probability=probability
    )
    if treatment == "threshold":
        if threshold_metric == "f1":
            scoring = make_scorer(f1_score, pos_label=positive)
        else:
            scoring = "balanced_accuracy"
        model = TunedThresholdClassifierCV(model, scoring=scoring, cv=THRESHOLD_INNER_CV, random_state=seed)
    steps.append(("model", model))
    return Pipeline(steps)


# --- metrics ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Metrics:
    accuracy: float
    recall: float
    precision: float
    f1: float
    balanced_accuracy: float
    roc_auc: float
    pr_auc: float
    tn: int
    fp: int
    fn: int
    tp: int

    def as_dict(self) -> dict[str, float]:
        return {k: getattr(self, k) for k in METRICS}

    @property
    def confusion(self) -> np.ndarray:
        """[[TN, FP], [FN, TP]] with the minority as the positive class (rows: truth, columns: prediction)."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]])


def minority_scores(estimator, X: np.ndarray, positive: object) -> np.ndarray:
    """A score per row that grows with the model's belief in ``positive``: its probability, or its decision value."""
    classes = list(estimator.classes_)
    if positive not in classes:
        return np.zeros(len(X))
    col = classes.index(positive)
    if hasattr(estimator, "predict_proba"):
        return estimator.predict_proba(X)[:, col]
    values = estimator.decision_function(X)
    if values.ndim == 1:  # binary: positive values mean classes_[1]
        return values if col == 1 else -values
    return values[:, col]


def compute_metrics(y_true: np.ndarray, y_pred: np.ndarray, scores: np.ndarray | None, positive: object) -> Metrics:
    """Every metric through sklearn.metrics, with ``positive`` (the minority) as the positive class."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    t = y_true == positive
    p = y_pred == positive
    tn, fp, fn, tp = (int(v) for v in confusion_matrix(t, p, labels=[False, True]).ravel())
    both = t.any() and (~t).any()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zero division is reported as 0 by zero_division below
        return Metrics(
            accuracy=float(accuracy_score(y_true, y_pred)),
            recall=float(recall_score(t, p, zero_division=0)) if t.any() else math.nan,
            precision=float(precision_score(t, p, zero_division=0)),
            f1=float(f1_score(t, p, zero_division=0)),
            balanced_accuracy=float(balanced_accuracy_score(y_true, y_pred)),
            roc_auc=float(roc_auc_score(t, scores)) if both and scores is not None else math.nan,
            pr_auc=float(average_precision_score(t, scores)) if both and scores is not None else math.nan,
            tn=tn,
            fp=fp,
            fn=fn,
            tp=tp,
        )


def evaluate_fitted(estimator, X: np.ndarray, y: np.ndarray, positive: object) -> Metrics:
    return compute_metrics(y, estimator.predict(X), minority_scores(estimator, X, positive), positive)


COUNTS = ("tn", "fp", "fn", "tp")


def _cv_scorer(positive: object) -> Callable:
    def scorer(estimator, X, y):
        m = evaluate_fitted(estimator, X, y, positive)
        return {**m.as_dict(), **{k: getattr(m, k) for k in COUNTS}}

    return scorer


# --- planning: splits, folds, SMOTE's k --------------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """What the data allows: the split, the folds actually used, SMOTE's k actually used, and why."""

    train: np.ndarray | None  # row positions
    test: np.ndarray | None
    positive: object
    n_classes: int
    k_neighbors: int | None  # None: SMOTE impossible
    cv_folds: int  # 0: no cross-validation
    cv_repeats: int
    notices: tuple[str, ...]
    errors: tuple[str, ...]  # nothing can be evaluated when this is not empty

    @property
    def ok(self) -> bool:
        return not self.errors


def _counts(y: np.ndarray) -> dict:
    return {label_text(k): c for k, c in class_counts(y).items()}


def make_plan(dataset: Dataset, settings: CompareSettings) -> Plan:
    y = dataset.y
    positive = dataset.minority
    counts = dataset.counts
    n_classes = len(counts)
    notices: list[str] = []
    errors: list[str] = []
    if n_classes < 2:
        return Plan(None, None, positive, n_classes, None, 0, 1, (), ("The data has one class only: there is nothing to classify.",))
    smallest = min(counts.values())
    tiny = [label_text(k) for k, c in counts.items() if c < 2]
    if tiny:
        errors.append(
            f"Class {', '.join(tiny)} has a single row: a stratified split needs at least 2 rows per class "
            "(one for training, one for testing). Generate more data or choose another label column."
        )
        return Plan(None, None, positive, n_classes, None, 0, 1, tuple(notices), tuple(errors))
    n_test = math.ceil(settings.test_share * len(y))
    n_train = len(y) - n_test
    if n_test < n_classes or n_train < n_classes:
        errors.append(
            f"A test share of {settings.test_share:.0%} of {len(y)} rows leaves {n_test} test and {n_train} training "
            f"rows, fewer than the {n_classes} classes. Use more data or another test share."
        )
        return Plan(None, None, positive, n_classes, None, 0, 1, tuple(notices), tuple(errors))
    train, test = train_test_split(
        np.arange(len(y)), test_size=settings.test_share, stratify=y, random_state=settings.seed
    )
    # Kept in train_test_split's order, so X[train] is exactly the X_train of the code snippet.
    train_counts = _counts(y[train])
    test_counts = _counts(y[test])
    for label in counts:
        name = label_text(label)
        if train_counts.get(name, 0) == 0 or test_counts.get(name, 0) == 0:
            where = "training" if train_counts.get(name, 0) == 0 else "test"
            notices.append(f"Class {name} is missing from the {where} part of the split; its metrics are undefined.")
    # Folds: stratified k-fold needs every class in every fold.
    folds = settings.cv_folds
    if folds >= 2 and smallest < folds:
        if smallest >= 2:
            notices.append(
                f"The smallest class has {smallest} rows, too few for {folds} stratified folds; "
                f"cross-validation uses {smallest} folds."
            )
            folds = smallest
        else:
            notices.append("The smallest class has fewer than 2 rows: no cross-validation.")
            folds = 0
    if folds < 2:
        folds = 0
    # SMOTE's k: it needs k + 1 rows of each resampled class in every training set it sees.
    smallest_train = min(train_counts.values())
    if folds:
        smallest_train = min(smallest_train, smallest * (folds - 1) // folds)
    k = settings.k_neighbors
    if "smote" in settings.treatment_keys:
        if smallest_train < 2:
            notices.append(
                f"The smallest class has {smallest_train} row(s) in a training set: SMOTE needs at least 2 "
                "(a point and one neighbour), so SMOTE is skipped."
            )
            k = None
        elif k + 1 > smallest_train:
            new_k = smallest_train - 1
            notices.append(
                f"SMOTE's k = {settings.k_neighbors} needs {settings.k_neighbors + 1} rows of the smallest class in "
                f"every training set, which has only {smallest_train}: using k = {new_k}."
            )
            k = new_k
    return Plan(train, test, positive, n_classes, k, folds, settings.cv_repeats, tuple(notices), tuple(errors))


# --- evaluating one model under one treatment ---------------------------------------------------------------------
@dataclass(frozen=True)
class UnitResult:
    """One classifier under one treatment: held-out metrics, CV mean and spread, and the leaky counterparts."""

    classifier: str
    treatment: str
    holdout: Metrics | None = None
    cv_mean: dict[str, float] | None = None
    cv_std: dict[str, float] | None = None
    leaky_holdout: Metrics | None = None
    leaky_cv_mean: dict[str, float] | None = None
    train_counts: dict | None = None  # training rows per class after resampling
    error: str | None = None
    notices: tuple[str, ...] = ()
    seconds: float = 0.0
    # Every fold's score (all folds of all repeats, in the splitter's order) for each metric and confusion count.
    cv_folds: dict[str, np.ndarray] | None = None
    # The held-out predicted probability of the positive class per test row (None: the model has none, e.g. SVC).
    test_proba: np.ndarray | None = None


def _summarise(cv: dict) -> tuple[dict[str, float], dict[str, float]]:
    mean = {k: float(np.nanmean(cv[f"test_{k}"])) if not np.all(np.isnan(cv[f"test_{k}"])) else math.nan for k in METRICS}
    std = {k: float(np.nanstd(cv[f"test_{k}"])) if not np.all(np.isnan(cv[f"test_{k}"])) else math.nan for k in METRICS}
    return mean, std


def _error_text(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"{type(exc).__name__}: {text[:300]}"


def pipeline_for(classifier: str, treatment: str, plan: Plan, settings: CompareSettings, **kwargs) -> Pipeline:
    return build_pipeline(
        classifier,
        treatment,
        seed=settings.seed,
        k_neighbors=plan.k_neighbors or 1,
        threshold_metric=settings.threshold_metric,
        positive=plan.positive,
        **kwargs,
    )


def cv_splitter(plan: Plan, settings: CompareSettings) -> RepeatedStratifiedKFold:
    return RepeatedStratifiedKFold(n_splits=plan.cv_folds, n_repeats=plan.cv_repeats, random_state=settings.seed)


def evaluate_unit(
    dataset: Dataset, settings: CompareSettings, classifier: str, treatment: str, plan: Plan | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> UnitResult:
    """Fit and score one pipeline: honest holdout, repeated CV, and (if ``settings.leaky``) the leaky versions.

    Native thread pools (gradient boosting's OpenMP threads, BLAS) are held to one thread in the calling thread
    (``smote_viz.threads.one_native_thread``, set and never restored): safe when several sessions evaluate at once.
    ``checkpoint`` is called before every fit (the held-out fit, each CV fold): the app passes one that raises
    when the user has gone away, so abandoned work stops within one fit.
    """
    plan = plan or make_plan(dataset, settings)
    one_native_thread()
    return _evaluate_unit(dataset, settings, classifier, treatment, plan, checkpoint or _no_checkpoint)


def _no_checkpoint() -> None:
    return None


def _cross_validate(make_pipeline: Callable[[], Pipeline], X, y, splitter, scoring, checkpoint) -> dict:
    """``cross_validate`` one split at a time (the same splits, fits and scores), calling ``checkpoint`` between
    them."""
    parts = []
    for train, test in splitter.split(X, y):
        checkpoint()
        parts.append(cross_validate(make_pipeline(), X, y, cv=[(train, test)], scoring=scoring, error_score="raise"))
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


def _evaluate_unit(dataset, settings, classifier, treatment, plan, checkpoint) -> UnitResult:
    start = time.perf_counter()
    if not plan.ok:
        return UnitResult(classifier, treatment, error=" ".join(plan.errors))
    problem = treatment_problem(classifier, treatment, plan.n_classes)
    if problem is None and treatment == "smote" and plan.k_neighbors is None:
        problem = "SMOTE is skipped: too few rows of the smallest class (see the notices above)."
    if problem is not None:
        return UnitResult(classifier, treatment, error=problem)
    X, y = dataset.X, dataset.y
    Xtr, ytr, Xte, yte = X[plan.train], y[plan.train], X[plan.test], y[plan.test]
    notices: list[str] = []
    pipe = pipeline_for(classifier, treatment, plan, settings)
    checkpoint()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pipe.fit(Xtr, ytr)
            scores = minority_scores(pipe, Xte, plan.positive)
            holdout = compute_metrics(yte, pipe.predict(Xte), scores, plan.positive)
    except Exception as exc:  # noqa: BLE001 - any failure of a model is reported, not raised
        return UnitResult(classifier, treatment, error=f"Fitting failed: {_error_text(exc)}",
                          seconds=time.perf_counter() - start)
    train_counts = _resampled_counts(pipe, Xtr, ytr)
    test_proba = np.asarray(scores, dtype=float) if hasattr(pipe, "predict_proba") else None
    cv_mean = cv_std = cv_folds = None
    if plan.cv_folds:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cv = _cross_validate(
                    lambda: pipeline_for(classifier, treatment, plan, settings), X, y,
                    cv_splitter(plan, settings), _cv_scorer(plan.positive), checkpoint,
                )
            cv_mean, cv_std = _summarise(cv)
            cv_folds = {k: np.asarray(cv[f"test_{k}"], dtype=float) for k in (*METRICS, *COUNTS)}
        except Exception as exc:  # noqa: BLE001
            notices.append(f"Cross-validation failed: {_error_text(exc)}")
    leaky_holdout = leaky_cv_mean = None
    if settings.leaky and treatment in SAMPLER_TREATMENTS:
        try:
            checkpoint()
            leaky_holdout, leaky_cv_mean = _leaky(dataset, settings, plan, classifier, treatment, checkpoint)
        except Exception as exc:  # noqa: BLE001
            notices.append(f"The leaky version failed: {_error_text(exc)}")
    return UnitResult(
        classifier, treatment, holdout, cv_mean, cv_std, leaky_holdout, leaky_cv_mean, train_counts,
        None, tuple(notices), time.perf_counter() - start, cv_folds, test_proba,
    )


def _resampled_counts(pipe: Pipeline, Xtr: np.ndarray, ytr: np.ndarray) -> dict:
    """Training rows per class as the model saw them (after the sampler, when there is one)."""
    if "sampler" not in pipe.named_steps:
        return _counts(ytr)
    Xs = pipe.named_steps["scale"].transform(Xtr) if "scale" in pipe.named_steps else Xtr
    _, yr = clone(pipe.named_steps["sampler"]).fit_resample(Xs, ytr)
    return _counts(yr)


def resample_all(dataset: Dataset, settings: CompareSettings, plan: Plan, classifier: str, treatment: str):
    """The leaky first step: the whole dataset resampled (in the model's scaled space, as the pipeline would)."""
    X, y = dataset.X, dataset.y
    sampler = make_sampler(treatment, seed=settings.seed, k_neighbors=plan.k_neighbors or 1)
    if classifier in NEEDS_SCALING:
        scaler = StandardScaler().fit(X)
        Xr, yr = sampler.fit_resample(scaler.transform(X), y)
        return scaler.inverse_transform(Xr), yr
    return sampler.fit_resample(X, y)


def _leaky(dataset, settings, plan, classifier, treatment, checkpoint=_no_checkpoint) -> tuple[Metrics, dict | None]:
    Xr, yr = resample_all(dataset, settings, plan, classifier, treatment)
    tr, te = train_test_split(np.arange(len(yr)), test_size=settings.test_share, stratify=yr, random_state=settings.seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe = pipeline_for(classifier, treatment, plan, settings, with_sampler=False).fit(Xr[tr], yr[tr])
        holdout = evaluate_fitted(pipe, Xr[te], yr[te], plan.positive)
        mean = None
        if plan.cv_folds:
            cv = _cross_validate(
                lambda: pipeline_for(classifier, treatment, plan, settings, with_sampler=False), Xr, yr,
                cv_splitter(plan, settings), _cv_scorer(plan.positive), checkpoint,
            )
            mean, _ = _summarise(cv)
    return holdout, mean


# --- the whole comparison -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    plan: Plan
    settings: CompareSettings
    units: tuple[UnitResult, ...]
    train_counts: dict
    test_counts: dict

    def unit(self, classifier: str, treatment: str) -> UnitResult | None:
        return next((u for u in self.units if u.classifier == classifier and u.treatment == treatment), None)

    @property
    def messages(self) -> list[str]:
        """Every notice and per-model problem, in plain words."""
        out = list(self.plan.errors) + list(self.plan.notices)
        for u in self.units:
            who = f"{CLASSIFIERS[u.classifier]} + {TREATMENTS[u.treatment]}"
            if u.error:
                out.append(f"{who}: {u.error}")
            out.extend(f"{who}: {n}" for n in u.notices)
        return out

    def table(self, source: str = "holdout") -> pd.DataFrame:
        """One row per model and treatment; each metric with its change against "no balancing" (Δ columns).

        ``source`` is "holdout" (the held-out test part), "cv" (cross-validation mean) or "cv_std".
        """
        rows = []
        for u in self.units:
            values = self._values(u, source)
            base_unit = self.unit(u.classifier, "none")
            base = self._values(base_unit, source) if base_unit is not None else None
            row = {"Model": CLASSIFIERS[u.classifier], "Treatment": TREATMENTS[u.treatment]}
            for key, name in METRICS.items():
                v = values[key] if values else math.nan
                row[name] = v
                if source != "cv_std":
                    b = base[key] if base else math.nan
                    row[f"Δ {name}"] = math.nan if u.treatment == "none" else v - b
            row["Note"] = u.error or ""
            rows.append(row)
        return pd.DataFrame(rows)

    def leak_table(self) -> pd.DataFrame:
        """Honest against leaky scores for every sampler treatment: how much the leak inflates them."""
        rows = []
        for u in self.units:
            if u.treatment not in SAMPLER_TREATMENTS or u.holdout is None or u.leaky_holdout is None:
                continue
            row = {"Model": CLASSIFIERS[u.classifier], "Treatment": TREATMENTS[u.treatment]}
            for key in ("recall", "f1", "balanced_accuracy"):
                name = METRICS[key]
                row[f"{name} honest"] = getattr(u.holdout, key)
                row[f"{name} leaky"] = getattr(u.leaky_holdout, key)
                row[f"{name} inflation"] = getattr(u.leaky_holdout, key) - getattr(u.holdout, key)
            if u.cv_mean and u.leaky_cv_mean:
                row["CV recall honest"] = u.cv_mean["recall"]
                row["CV recall leaky"] = u.leaky_cv_mean["recall"]
            rows.append(row)
        return pd.DataFrame(rows)

    @staticmethod
    def _values(u: UnitResult, source: str) -> dict | None:
        if source == "holdout":
            return u.holdout.as_dict() if u.holdout else None
        if source == "cv":
            return u.cv_mean
        if source == "cv_std":
            return u.cv_std
        raise ValueError(source)


def unit_settings(settings: CompareSettings, classifier: str, treatment: str) -> CompareSettings:
    """Only what one model under one treatment depends on: a cache key that survives adding another model.

    The split, folds, seed and SMOTE's k stay; the other models and treatments go, and the leaky flag goes
    where there is no sampler to leak.
    """
    return replace(
        settings,
        classifiers=classifier,
        treatments=treatment,
        larger_sample=CompareSettings.larger_sample,  # the data itself is the other half of the cache key
        leaky=settings.leaky and treatment in SAMPLER_TREATMENTS,
        k_neighbors=settings.k_neighbors if treatment == "smote" else CompareSettings.k_neighbors,
        threshold_metric=settings.threshold_metric if treatment == "threshold" else CompareSettings.threshold_metric,
    )


def work_units(settings: CompareSettings) -> list[tuple[str, str]]:
    return [(c, t) for c in settings.classifier_keys for t in settings.treatment_keys]


def pair_fit_count(settings: CompareSettings, classifier: str, treatment: str, n_classes: int = 2) -> int:
    """Model fits of one model under one treatment: one held-out fit plus one per CV fold and repeat, four times
    as many with threshold moving (inner CV and refit), twice as many for a sampler in leaky mode; 0 when the
    pair cannot run."""
    if treatment_problem(classifier, treatment, n_classes):
        return 0
    fits = 1 + (settings.cv_folds * settings.cv_repeats if settings.cv_folds >= 2 else 0)
    fits *= THRESHOLD_INNER_CV + 1 if treatment == "threshold" else 1
    return fits * (2 if settings.leaky and treatment in SAMPLER_TREATMENTS else 1)


def fit_count(settings: CompareSettings, n_classes: int = 2) -> int:
    """About how many model fits a run makes: ``pair_fit_count`` of every pair, plus the two fits of the
    decision-region pictures."""
    return sum(pair_fit_count(settings, c, t, n_classes) for c, t in work_units(settings)) + 2


def assemble(dataset: Dataset, settings: CompareSettings, plan: Plan, units: list[UnitResult]) -> Comparison:
    train_counts = _counts(dataset.y[plan.train]) if plan.train is not None else {}
    test_counts = _counts(dataset.y[plan.test]) if plan.test is not None else {}
    return Comparison(plan, settings, tuple(units), train_counts, test_counts)


def compare(
    dataset: Dataset, settings: CompareSettings, progress: Callable[[float, str], None] | None = None
) -> Comparison:
    """Every chosen classifier under every chosen treatment. ``progress(fraction, text)`` hears what is fitted next."""
    plan = make_plan(dataset, settings)
    units = []
    todo = work_units(settings)
    for i, (c, t) in enumerate(todo):
        if progress is not None:
            progress(i / len(todo), f"Fitting {CLASSIFIERS[c]} with {TREATMENTS[t]}")
        units.append(evaluate_unit(dataset, settings, c, t, plan))
    if progress is not None:
        progress(1.0, "Done")
    return assemble(dataset, settings, plan, units)


# --- a change and its spread, pooled confusion counts -------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """``metric`` of one model with no balancing (``before``) and with a treatment (``after``).

    With cross-validation, both are means over the same folds and ``spread`` is the standard deviation of the
    per-fold change: both pipelines are scored on the same folds, so each fold gives one paired change and the
    spread says how much the change moves from one split of the data to another. Without cross-validation they
    are the held-out scores and ``spread`` is None.
    """

    metric: str
    before: float
    after: float
    spread: float | None
    folds: int  # how many fold changes the means and the spread are over; 0 for held-out scores

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def clear(self) -> bool:
        """The change is larger than twice its spread (False without a spread)."""
        return self.spread is not None and not math.isnan(self.change) and abs(self.change) > 2 * self.spread


def change(result: Comparison, classifier: str, treatment: str, metric: str) -> Change | None:
    """``metric`` before and after ``treatment`` for ``classifier``: cross-validated with its paired spread when
    both pipelines were cross-validated, else held-out; None when either has no result."""
    base, after = result.unit(classifier, "none"), result.unit(classifier, treatment)
    if base is None or after is None:
        return None
    if base.cv_folds is not None and after.cv_folds is not None:
        b, a = base.cv_folds[metric], after.cv_folds[metric]
        both = ~(np.isnan(a) | np.isnan(b))
        if both.any():
            return Change(metric, float(b[both].mean()), float(a[both].mean()), float(np.std(a[both] - b[both])),
                          int(both.sum()))
    if base.holdout is None or after.holdout is None:
        return None
    return Change(metric, getattr(base.holdout, metric), getattr(after.holdout, metric), None, 0)


@dataclass(frozen=True)
class Counts:
    """Confusion counts with the positive class as "positive" (the minority against the rest)."""

    tn: int
    fp: int
    fn: int
    tp: int

    @property
    def confusion(self) -> np.ndarray:
        """[[TN, FP], [FN, TP]] (rows: truth, columns: prediction), as ``Metrics.confusion``."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]])


def pooled_confusion(unit: UnitResult | None) -> Counts | None:
    """The confusion counts of every cross-validation test fold added up: each row of the data is predicted
    once per repeat, by a pipeline that never saw it. None without cross-validation results."""
    if unit is None or unit.cv_folds is None:
        return None
    return Counts(*(int(np.nansum(unit.cv_folds[k])) for k in COUNTS))


# --- calibration: a reliability diagram of the held-out probabilities ------------------------------------------------
CALIBRATION_BINS = 10


@dataclass(frozen=True)
class Reliability:
    """scikit-learn's ``calibration_curve`` (uniform bins) and ``brier_score_loss`` on the held-out test part."""

    treatment: str
    mean_predicted: np.ndarray  # per non-empty bin: the mean predicted probability of the positive class
    fraction_positive: np.ndarray  # per non-empty bin: the share of its test rows that are positive
    counts: np.ndarray  # per non-empty bin: how many test rows it holds
    brier: float
    average_probability: float  # mean predicted probability over the test part
    prevalence: float  # share of positive rows in the test part


def reliability(result: Comparison, dataset: Dataset, classifier: str, treatment: str,
                n_bins: int = CALIBRATION_BINS) -> Reliability | None:
    """The reliability diagram of one model and treatment; None when the model gives no probabilities (an SVM)
    or the test part lacks one side."""
    u = result.unit(classifier, treatment)
    if u is None or u.test_proba is None or result.plan.test is None:
        return None
    truth = dataset.y[result.plan.test] == result.plan.positive
    if truth.all() or not truth.any():
        return None
    p = np.clip(np.asarray(u.test_proba, dtype=float), 0.0, 1.0)
    fraction, mean = calibration_curve(truth, p, n_bins=n_bins, strategy="uniform")
    # Rows per bin, binned exactly as calibration_curve bins them (uniform edges, searchsorted on the inner ones).
    total = np.bincount(np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p), minlength=n_bins)
    return Reliability(treatment, mean, fraction, total[total > 0], float(brier_score_loss(truth, p)),
                       float(p.mean()), float(truth.mean()))


# --- the leak, measured: how close each positive test row lies to a synthetic training row ---------------------------
LEAK_TREATMENTS = ("smote", "ros")  # the samplers that add rows; under-sampling adds none


@dataclass(frozen=True)
class LeakPairs:
    """Each positive-class test row of one split, and the synthetic (or copied) training row nearest to it."""

    test_X: np.ndarray  # the test rows on the 2-D view, n x 2
    test_synthetic: np.ndarray  # per test row: it is itself a synthetic row (possible in the leaky split only)
    nearest_X: np.ndarray  # the nearest synthetic training row on the 2-D view, n x 2
    distance: np.ndarray  # over all features, in standard deviations of each feature (z-scores of the data)


@dataclass(frozen=True)
class LeakPicture:
    classifier: str
    treatment: str
    leaky: LeakPairs | None
    honest: LeakPairs | None
    error: str | None = None


def leak_picture(dataset: Dataset, settings: CompareSettings, classifier: str, treatment: str) -> LeakPicture:
    """The leak of ``treatment`` for ``classifier`` as distances: in the leaky split (the whole data resampled,
    then split, as ``resample_all`` and the leaky scores do it) and in the honest one (split first, the training
    part resampled as the pipeline does it), each positive test row and its nearest synthetic training row of
    the same class. Distances are measured over all features in z-scores of the original data, the same ruler
    for both splits."""
    one_native_thread()
    if treatment not in LEAK_TREATMENTS:
        return LeakPicture(classifier, treatment, None, None,
                           f"{TREATMENTS[treatment]} adds no rows, so there are no copies to draw.")
    plan = make_plan(dataset, settings)
    if not plan.ok:
        return LeakPicture(classifier, treatment, None, None, " ".join(plan.errors))
    if treatment == "smote" and plan.k_neighbors is None:
        return LeakPicture(classifier, treatment, None, None, "SMOTE is skipped: too few rows of the smallest class.")
    X, y, positive, view = dataset.X, dataset.y, plan.positive, list(dataset.view)
    z = StandardScaler().fit(X)

    def pairs(test_rows: np.ndarray, synthetic_rows: np.ndarray, test_synthetic: np.ndarray) -> LeakPairs | None:
        if not len(test_rows) or not len(synthetic_rows):
            return None
        nn = NearestNeighbors(n_neighbors=1).fit(z.transform(synthetic_rows))
        distance, nearest = nn.kneighbors(z.transform(test_rows))
        return LeakPairs(test_rows[:, view], test_synthetic, synthetic_rows[nearest[:, 0]][:, view], distance[:, 0])

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Leaky: resample everything, then split the resampled rows (imblearn appends the new rows after the originals).
        Xr, yr = resample_all(dataset, settings, plan, classifier, treatment)
        Xr = np.asarray(Xr, dtype=float)
        tr, te = train_test_split(np.arange(len(yr)), test_size=settings.test_share, stratify=yr,
                                  random_state=settings.seed)
        syn_train = tr[(tr >= len(y)) & (yr[tr] == positive)]
        test_pos = te[yr[te] == positive]
        leaky = pairs(Xr[test_pos], Xr[syn_train], test_pos >= len(y))
        # Honest: the training part alone is resampled, in the model's space, as the pipeline does it.
        Xtr, ytr = X[plan.train], y[plan.train]
        sampler = make_sampler(treatment, seed=settings.seed, k_neighbors=plan.k_neighbors or 1)
        if classifier in NEEDS_SCALING:
            scaler = StandardScaler().fit(Xtr)
            Xs, ys = sampler.fit_resample(scaler.transform(Xtr), ytr)
            new_X = scaler.inverse_transform(Xs[len(Xtr):])
        else:
            Xs, ys = sampler.fit_resample(Xtr, ytr)
            new_X = np.asarray(Xs[len(Xtr):], dtype=float)
        new_X = new_X[ys[len(Xtr):] == positive]
        test_rows = plan.test[y[plan.test] == positive]
        honest = pairs(X[test_rows], new_X, np.zeros(len(test_rows), dtype=bool))
    if leaky is None or honest is None:
        return LeakPicture(classifier, treatment, None, None,
                           f"{TREATMENTS[treatment]} added no rows of class {label_text(positive)}, the positive "
                           "class, so there are no copies of it to draw.")
    return LeakPicture(classifier, treatment, leaky, honest)


# --- decision regions on the 2-D view -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Regions:
    """A model trained on the 2-D view of the training part: minority probability on a grid."""

    treatment: str
    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray  # len(ys) x len(xs), probability of the minority class
    train_X: np.ndarray  # original training rows (2-D)
    train_y: np.ndarray
    synthetic_X: np.ndarray  # rows the sampler added (2-D; empty without one)
    synthetic_y: np.ndarray
    error: str | None = None


def decision_regions(
    dataset: Dataset, settings: CompareSettings, classifier: str, treatments=("none", "smote"), grid: int = 70
) -> list[Regions]:
    """The chosen model on the 2-D view, one Regions per treatment, all on the same grid (shared axes)."""
    one_native_thread()
    return _decision_regions(dataset, settings, classifier, treatments, grid)


def _decision_regions(dataset, settings, classifier, treatments, grid) -> list[Regions]:
    plan = make_plan(dataset, settings)
    if not plan.ok:
        return []
    X2 = np.asarray(dataset.X2, dtype=float)
    Xtr, ytr = X2[plan.train], dataset.y[plan.train]
    lo, hi = X2.min(axis=0), X2.max(axis=0)
    pad = np.where(hi - lo > 0, hi - lo, 1.0) * 0.08
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], grid)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], grid)
    gx, gy = np.meshgrid(xs, ys)
    cells = np.column_stack([gx.ravel(), gy.ravel()])
    out = []
    for treatment in treatments:
        empty = np.empty((0, 2))
        if treatment == "smote" and plan.k_neighbors is None:
            out.append(Regions(treatment, xs, ys, np.full(gx.shape, np.nan), Xtr, ytr, empty, ytr[:0],
                               "SMOTE is skipped: too few minority rows."))
            continue
        pipe = pipeline_for(classifier, treatment, plan, settings, probability=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pipe.fit(Xtr, ytr)
                z = minority_scores(pipe, cells, plan.positive).reshape(gx.shape)
        except Exception as exc:  # noqa: BLE001
            out.append(Regions(treatment, xs, ys, np.full(gx.shape, np.nan), Xtr, ytr, empty, ytr[:0],
                               f"Fitting failed: {_error_text(exc)}"))
            continue
        syn_X, syn_y = empty, ytr[:0]
        if "sampler" in pipe.named_steps and treatment != "rus":
            scaler = pipe.named_steps.get("scale")
            Xs = scaler.transform(Xtr) if scaler is not None else Xtr
            Xr, yr = clone(pipe.named_steps["sampler"]).fit_resample(Xs, ytr)
            # imblearn's over-samplers keep the originals first and append the new rows.
            syn_X, syn_y = Xr[len(Xtr):], yr[len(Xtr):]
            if scaler is not None and len(syn_X):
                syn_X = scaler.inverse_transform(syn_X)
        out.append(Regions(treatment, xs, ys, z, Xtr, ytr, syn_X, syn_y))
    return out


# --- the copy-paste snippet -------------------------------------------------------------------------------------------
def code_snippet(dataset: Dataset, settings: CompareSettings) -> str:
    """Python that reproduces the current held-out comparison and cross-validation outside the app."""
    plan = make_plan(dataset, settings)
    k = plan.k_neighbors or settings.k_neighbors
    sampler_imports = {
        "smote": "from imblearn.over_sampling import SMOTE",
        "ros": "from imblearn.over_sampling import RandomOverSampler",
        "rus": "from imblearn.under_sampling import RandomUnderSampler",
    }
    model_imports = {
        "logreg": "from sklearn.linear_model import LogisticRegression",
        "knn": "from sklearn.neighbors import KNeighborsClassifier",
        "tree": "from sklearn.tree import DecisionTreeClassifier",
        "forest": "from sklearn.ensemble import RandomForestClassifier",
        "hgb": "from sklearn.ensemble import HistGradientBoostingClassifier",
        "svm": "from sklearn.svm import SVC",
        "dummy": "from sklearn.dummy import DummyClassifier",
    }
    entries = []
    for c, t in work_units(settings):
        if treatment_problem(c, t, plan.n_classes) or (t == "smote" and plan.k_neighbors is None) or c == "xgb":
            continue
        pipe = build_pipeline(c, t, seed=settings.seed, k_neighbors=k, threshold_metric=settings.threshold_metric,
                              positive=plan.positive)
        steps = ",\n        ".join(f"({name!r}, {_one_line(step)})" for name, step in pipe.steps)
        entries.append(f"    {CLASSIFIERS[c] + ' + ' + TREATMENTS[t]!r}: Pipeline([\n        {steps},\n    ]),")
    imports = {
        "from imblearn.pipeline import Pipeline",
        "from sklearn.metrics import accuracy_score, confusion_matrix, recall_score",
        "from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate, train_test_split",
    }
    for c, t in work_units(settings):
        if c == "xgb":  # left out of the snippet (see the comment it adds)
            continue
        imports.add(model_imports[c])
        if c in NEEDS_SCALING:
            imports.add("from sklearn.preprocessing import StandardScaler")
        if t in sampler_imports:
            imports.add(sampler_imports[t])
        if t == "threshold":
            imports.add("from sklearn.model_selection import TunedThresholdClassifierCV")
            if settings.threshold_metric == "f1":
                imports.add("from sklearn.metrics import f1_score, make_scorer")
    # User text (column names, labels) enters the code only as Python literals (repr), never inside a comment
    # or as code: a header with a newline stays one string instead of becoming a line of its own.
    features = _literal([label_text(n) for n in dataset.feature_names])
    cv_part = ""
    if plan.cv_folds:
        cv_part = f"""
# Repeated stratified k-fold cross-validation: the sampler is refitted inside every training fold.
cv = RepeatedStratifiedKFold(n_splits={plan.cv_folds}, n_repeats={plan.cv_repeats}, random_state={settings.seed})
def minority_recall(estimator, X, y):
    return recall_score(y == MINORITY, estimator.predict(X) == MINORITY)
for name, model in models.items():
    scores = cross_validate(model, X, y, cv=cv, scoring=minority_recall)["test_score"]
    cv_results[name] = (scores.mean(), scores.std())
    print(f"{{name}}: CV recall {{scores.mean():.3f}} ± {{scores.std():.3f}}")
"""
    return f'''{chr(10).join(sorted(imports))}

# X: the feature matrix ({dataset.n_samples} rows x {dataset.n_features} features, the columns FEATURES); y: the labels.
# Load your own data here, e.g. X = df[FEATURES].to_numpy(dtype=float); y = df[LABEL].to_numpy()
FEATURES = {features}
LABEL = {_literal(label_text(dataset.label_name or "label"))}
MINORITY = {_literal(plan.positive)}  # the positive class for recall

# Split first, stratified; the test part keeps its real class balance and is never resampled.
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size={settings.test_share!r}, stratify=y, random_state={settings.seed}
)
{XGB_SNIPPET_NOTE if "xgb" in settings.classifier_keys else ""}models = {{
{chr(10).join(entries)}
}}
results, cv_results = {{}}, {{}}
for name, model in models.items():
    model.fit(X_train, y_train)  # the sampler (if any) resamples the training part only
    pred = model.predict(X_test)
    results[name] = recall_score(y_test == MINORITY, pred == MINORITY)
    tn, fp, fn, tp = confusion_matrix(y_test == MINORITY, pred == MINORITY, labels=[False, True]).ravel()
    print(f"{{name}}: recall {{results[name]:.3f}}, accuracy {{accuracy_score(y_test, pred):.3f}}, "
          f"TN={{tn}} FP={{fp}} FN={{fn}} TP={{tp}}")
{cv_part}'''


XGB_SNIPPET_NOTE = (
    "# XGBoost is left out here: its XGBClassifier wants the classes numbered 0, 1, ... (the app numbers them\n"
    "# with sklearn.preprocessing.LabelEncoder and wraps it; see smote_viz/compare/boosting.py).\n"
)


def _literal(value: object) -> str:
    """``value`` as a one-line Python literal: numbers and strings as they are, anything else as its text.

    ``repr`` of a string escapes newlines and every other non-printable character, so the result is one line
    that evaluates to the value and can never end a comment or start a statement.
    """
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if hasattr(value, "item"):
        value = value.item()
    if not isinstance(value, int | float | str):
        value = label_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        value = label_text(value)
    return repr(value)


def _one_line(estimator) -> str:
    return " ".join(repr(estimator).split())
