"""XGBoost as an optional Compare classifier: offered when it imports, absent (and nothing breaks) when not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from smote_viz.compare import boosting, evaluate
from smote_viz.data import Dataset

ROOT = Path(__file__).resolve().parents[1]
needs_xgboost = pytest.mark.skipif(boosting.xgboost_version() is None, reason="XGBoost is not installed")


def _labelled(n=300, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = np.where(X[:, 0] + 0.5 * rng.normal(size=n) > 1.0, "churn", "stay")
    return X, y


@needs_xgboost
def test_the_wrapper_takes_any_labels_and_gives_them_back():
    X, y = _labelled()
    model = boosting.XGBoostClassifier().fit(X, y)
    assert list(model.classes_) == ["churn", "stay"]
    assert set(model.predict(X)) <= {"churn", "stay"} and (model.predict(X) == y).mean() > 0.85
    assert model.predict_proba(X).shape == (len(X), 2)
    # class_weight='balanced' weighs the rare class up: more rows are called 'churn'.
    weighted = boosting.XGBoostClassifier(class_weight="balanced").fit(X, y)
    assert (weighted.predict(X) == "churn").sum() > (model.predict(X) == "churn").sum()


@needs_xgboost
def test_xgboost_is_a_compare_classifier_under_every_treatment():
    assert evaluate.CLASSIFIERS["xgb"] == "XGBoost" and list(evaluate.CLASSIFIERS)[-1] == "dummy"
    X, y = _labelled(400, seed=1)
    ds = Dataset(X, y, ["a", "b"])
    settings = evaluate.CompareSettings(classifiers="xgb,knn", treatments=",".join(evaluate.TREATMENTS), cv_folds=2)
    result = evaluate.compare(ds, settings)
    for t in evaluate.TREATMENTS:
        unit = result.unit("xgb", t)
        assert unit.error is None and unit.holdout is not None and unit.cv_mean is not None, (t, unit.error)
    # The snippet says why XGBoost is left out of it, and still reproduces the other models.
    code = evaluate.code_snippet(ds, settings)
    assert "XGBoost is left out here" in code and "XGBoost + " not in code
    namespace = {"X": np.array(ds.X), "y": np.array(ds.y)}
    exec(compile(code, "snippet", "exec"), namespace)  # noqa: S102 - our own generated code
    assert namespace["results"]["k-nearest neighbours + SMOTE"] == pytest.approx(result.unit("knn", "smote").holdout.recall)


def test_without_xgboost_the_compare_classifiers_leave_it_out():
    """A clean interpreter where 'import xgboost' fails: no XGBoost entry, and the replay falls back."""
    script = """
import sys
sys.modules["xgboost"] = None
from smote_viz.compare import article
from smote_viz.compare import evaluate
assert "xgb" not in evaluate.CLASSIFIERS, evaluate.CLASSIFIERS
try:
    evaluate.make_classifier("xgb")
except ValueError as error:
    assert "unknown classifier" in str(error)
else:
    raise AssertionError("xgb was built without XGBoost")
assert article.model_key() == "hgb"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_requirements_install_xgboost_only_where_a_wheel_exists():
    """xgboost-cpu publishes wheels for Linux x86-64 / ARM64 and Windows x86-64 only (checked against PyPI with
    pip download --platform ... --only-binary=:all:); elsewhere pip would try a source build, so the
    requirement's marker must leave it out there."""
    from packaging.requirements import Requirement

    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line.startswith("xgboost")]
    assert len(lines) == 1
    requirement = Requirement(lines[0])
    assert requirement.name == "xgboost-cpu" and "3.2.0" in requirement.specifier and "3.4.1" in requirement.specifier

    def installs(system, machine, python="3.12"):
        return requirement.marker.evaluate({"platform_system": system, "platform_machine": machine,
                                            "python_version": python})

    assert installs("Linux", "x86_64") and installs("Linux", "aarch64") and installs("Windows", "AMD64")
    assert installs("Linux", "x86_64", "3.11")
    assert not installs("Darwin", "arm64") and not installs("Darwin", "x86_64") and not installs("Windows", "ARM64")
