"""Benchmark of the compare page against the bare scikit-learn / imbalanced-learn loop, measured in one run.

    python benchmarks/bench_compare.py [--rows 10000] [--repeat 1] [--default-only]

1. The page's full comparison (AppTest: press "Run comparison" with an empty cache) on 10 000 x 8 data with
   20 % minority: 6 classifiers x {no balancing, SMOTE}, a held-out split plus 5-fold cross-validation,
   against a hand-written loop that makes the same fits (same pipelines, split, folds and metrics) with
   scikit-learn and imbalanced-learn directly. The page also fits the decision-region model on the 2-D view
   (timed separately below, so the overhead can be read with and without it). Target: ratio <= 1.2.
2. A rerun of the page with every result cached, against a bare rerun of the same page before any comparison
   (the form only): what showing the cached tables and figures costs.
3. The default run a learner sees first: the page's default settings on the larger sample (2 000 rows of the
   default data's shape), against the bare loop making the same fits on the same rows, and against the same
   page run on the 200-point data. Target: a few seconds; ratio to the bare loop <= 1.2.

Both sides hold OpenMP to one thread, as the page does (``smote_viz.threads.one_native_thread``), so the
ratio compares the same fits, not two thread settings.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from imblearn.over_sampling import SMOTE  # noqa: E402
from imblearn.pipeline import Pipeline  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402
from sklearn.dummy import DummyClassifier  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import (  # noqa: E402
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate, train_test_split  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.svm import SVC  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

from smote_viz.compare.evaluate import CompareSettings, decision_regions  # noqa: E402
from smote_viz.data import Dataset  # noqa: E402
from smote_viz.threads import one_native_thread  # noqa: E402

MODELS = "logreg,knn,tree,forest,hgb,svm"
SEED = 0


def make_data(rows: int) -> Dataset:
    X, y = make_classification(
        n_samples=rows, n_features=8, n_informative=5, n_redundant=2, weights=[0.8], flip_y=0.02,
        class_sep=0.8, random_state=0,
    )
    return Dataset(X, y, [f"f{i}" for i in range(8)], name=f"bench {rows} x 8")


def bare_models():
    """The six models, written out by hand: scaler first where the model needs it."""
    return {
        "logreg": (True, lambda: LogisticRegression(max_iter=1000, random_state=SEED)),
        "knn": (True, lambda: KNeighborsClassifier(n_neighbors=5)),
        "tree": (False, lambda: DecisionTreeClassifier(random_state=SEED)),
        "forest": (False, lambda: RandomForestClassifier(n_estimators=100, random_state=SEED)),
        "hgb": (False, lambda: HistGradientBoostingClassifier(random_state=SEED)),
        "svm": (True, lambda: SVC(kernel="rbf", random_state=SEED)),
        "dummy": (False, lambda: DummyClassifier(strategy="most_frequent")),
    }


def bare_pipeline(scale: bool, model, smote: bool) -> Pipeline:
    steps = [("scale", StandardScaler())] if scale else []
    if smote:
        steps.append(("sampler", SMOTE(k_neighbors=5, random_state=SEED)))
    steps.append(("model", model))
    return Pipeline(steps)


def bare_scores(est, X, y, pos):
    pred = est.predict(X)
    scores = est.predict_proba(X)[:, 1] if hasattr(est, "predict_proba") else est.decision_function(X)
    t, p = y == pos, pred == pos
    return {
        "accuracy": accuracy_score(y, pred),
        "recall": recall_score(t, p, zero_division=0),
        "precision": precision_score(t, p, zero_division=0),
        "f1": f1_score(t, p, zero_division=0),
        "balanced_accuracy": balanced_accuracy_score(y, pred),
        "roc_auc": roc_auc_score(t, scores),
        "pr_auc": average_precision_score(t, scores),
        "cm": confusion_matrix(t, p, labels=[False, True]).ravel(),
    }


def bare_loop(ds: Dataset, models: str = MODELS) -> dict:
    """Held-out split + 5-fold CV for the models x {none, SMOTE}, scikit-learn / imbalanced-learn only."""
    X, y, pos = np.asarray(ds.X), np.asarray(ds.y), 1
    results = {}
    one_native_thread()  # the same thread limit as the page
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, stratify=y, random_state=SEED)
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=1, random_state=SEED)
    for key, (scale, make) in bare_models().items():
        if key not in models.split(","):
            continue
        for smote in (False, True):
            pipe = bare_pipeline(scale, make(), smote).fit(Xtr, ytr)
            holdout = bare_scores(pipe, Xte, yte, pos)
            cvr = cross_validate(
                bare_pipeline(scale, make(), smote), X, y, cv=cv,
                scoring=lambda est, Xf, yf: {k: v for k, v in bare_scores(est, Xf, yf, pos).items() if k != "cm"},
            )
            results[(key, smote)] = (holdout["recall"], float(np.mean(cvr["test_recall"])))
    return results


def page_app(ds: Dataset, timeout: float = 3600):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["smote_lab.dataset"] = ds
    at.session_state["smote_lab.generator_settings"] = None
    at.run()
    at.switch_page("pages/compare.py")
    at.run()
    return at


def page_run(ds: Dataset) -> tuple[float, float, float, object]:
    """Cold page run (press the button), then a cached rerun. Returns (cold, cached, form-only, at)."""
    import streamlit as st

    st.cache_data.clear()
    bare = page_app(ds)  # the form only, nothing run yet
    t0 = time.perf_counter()
    bare.run()
    form_only = time.perf_counter() - t0

    at = page_app(ds)
    at.multiselect(key="cmp_models").set_value(MODELS.split(","))
    at.multiselect(key="cmp_treatments").set_value(["smote"])
    t0 = time.perf_counter()
    at.button[0].click().run()
    cold = time.perf_counter() - t0
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) == 12
    t0 = time.perf_counter()
    at.run()
    cached = time.perf_counter() - t0
    assert not at.exception
    return cold, cached, form_only, at


def default_page_run(larger: bool) -> float:
    """The page as a learner first meets it: the default data, the default settings, press Run (empty cache)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=3600)
    at.run()
    at.switch_page("pages/compare.py")
    at.run()
    at.toggle(key="cmp_big").set_value(larger)
    t0 = time.perf_counter()
    at.button[0].click().run()
    seconds = time.perf_counter() - t0
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) == 10
    return seconds


def default_run(repeat: int) -> None:
    from smote_viz.compare.evaluate import DEFAULT_CLASSIFIERS, LARGER_SAMPLE
    from smote_viz.data import generate
    from smote_viz.state import GeneratorSettings

    settings = GeneratorSettings()
    big = generate(**{**settings.generate_kwargs(), "n_samples": LARGER_SAMPLE})
    bare, page, small = [], [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        bare_loop(big, DEFAULT_CLASSIFIERS)
        bare.append(time.perf_counter() - t0)
        page.append(default_page_run(larger=True))
        small.append(default_page_run(larger=False))
    b, p, s = (statistics.median(v) for v in (bare, page, small))
    print(f"\ndefault run ({DEFAULT_CLASSIFIERS} x {{none, SMOTE}}, holdout + 5-fold CV):")
    print(f"  page on the larger sample ({LARGER_SAMPLE} rows) {p:.1f} s / bare loop on the same rows {b:.1f} s "
          f"= ratio {p / b:.3f} (target <= 1.2)")
    print(f"  page on the larger sample {p:.1f} s / page on the {settings.n_samples}-point data {s:.1f} s "
          f"= ratio {p / s:.2f} (the cost of a first comparison larger than its noise)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="repeat the timed pair (the median is reported)")
    parser.add_argument("--default-only", action="store_true", help="only the default run (part 3)")
    args = parser.parse_args()
    if args.default_only:
        default_run(args.repeat)
        return
    ds = make_data(args.rows)
    print(f"data: {ds.n_samples} rows x {ds.n_features} features, counts {ds.counts}")
    print(f"models: {MODELS}; treatments: none, SMOTE; holdout 25 % + 5-fold CV\n")

    bare_times, page_times, cached_times, form_times = [], [], [], []
    for i in range(args.repeat):
        t0 = time.perf_counter()
        bare = bare_loop(ds)
        bare_times.append(time.perf_counter() - t0)
        cold, cached, form_only, at = page_run(ds)
        page_times.append(cold)
        cached_times.append(cached)
        form_times.append(form_only)
        print(f"round {i + 1}: bare loop {bare_times[-1]:.1f} s, page {cold:.1f} s, "
              f"cached rerun {cached:.2f} s, form-only rerun {form_only:.2f} s")

    # The page's numbers must be the bare loop's numbers.
    table = at.dataframe[0].value
    page_recall = dict(zip(zip(table["Model"], table["Treatment"], strict=True), table["Recall"], strict=True))
    names = {"logreg": "Logistic regression", "knn": "k-nearest neighbours", "tree": "Decision tree",
             "forest": "Random forest", "hgb": "Gradient boosting", "svm": "RBF SVM"}
    for (key, smote), (recall, _) in bare.items():
        got = page_recall[(names[key], "SMOTE" if smote else "No balancing")]
        assert abs(got - recall) < 1e-12, (key, smote, got, recall)
    print("page recall == bare-loop recall for all 12 model/treatment pairs")

    t0 = time.perf_counter()
    decision_regions(ds, CompareSettings(classifiers=MODELS, treatments="smote"), "knn")
    regions = time.perf_counter() - t0

    b, p, c, f = (statistics.median(v) for v in (bare_times, page_times, cached_times, form_times))
    print(f"\nfull comparison: page {p:.1f} s / bare loop {b:.1f} s = ratio {p / b:.3f} (target <= 1.2)")
    print(f"  of which the 2-D decision-region fits (not in the bare loop): {regions:.1f} s; "
          f"without them: ratio {(p - regions) / b:.3f}")
    print(f"cached page rerun {c:.3f} s / bare page rerun {f:.3f} s = ratio {c / f:.2f}")
    print(f"cached rerun / cold page run = {c / p:.4f} (returning to the page is {p / c:.0f}x faster)")
    default_run(args.repeat)


if __name__ == "__main__":
    main()
