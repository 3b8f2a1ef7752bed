"""The compare page's sentences, defaults and caveats (smote_viz.compare_text), checked against the library's results."""

from __future__ import annotations

import math

import numpy as np
import pytest

from smote_viz import compare_text as text
from smote_viz.data import Dataset, default_dataset, generate
from smote_viz.evaluate import CompareSettings, compare, decision_regions

FAST = {"cv_folds": 0}


@pytest.fixture(scope="module")
def flipped():
    """Default data (180 of class 0, 20 of class 1) with the majority, class 0, chosen as minority."""
    ds = default_dataset().with_minority(0)
    return ds, compare(ds, CompareSettings(classifiers="logreg,knn,dummy", **FAST))


@pytest.fixture(scope="module")
def usual():
    ds = default_dataset()
    return ds, compare(ds, CompareSettings(classifiers="logreg,knn,tree,dummy", treatments="smote,ros", **FAST))


# --- which class is which ---------------------------------------------------------------------------------------------
def test_negative_is_never_the_positive_class():
    ds = default_dataset()
    assert text.negative_name(ds) == "class 0"
    assert text.negative_name(ds.with_minority(0)) == "class 1"
    four = generate("blobs", 200, 0.3, 0.3, n_classes=4, random_state=0)
    for label in four.counts:
        assert text.negative_name(four.with_minority(label)) == "other classes"


def test_the_positive_warning_appears_only_when_the_positive_class_is_not_the_smallest():
    ds = default_dataset()
    assert text.positive_warning(ds) is None
    assert "The positive class is the minority, **class 1**" in text.intro(ds)
    warning = text.positive_warning(ds.with_minority(0))
    assert "class 0 (180 of 200 rows), is the largest class here" in warning
    assert "class 1 is the smallest (20 rows)" in warning
    assert "the minority, **class" not in text.intro(ds.with_minority(0))
    # A middle class of four is not the largest, but not the smallest either.
    four = generate("blobs", 400, 0.3, 0.3, n_classes=4, random_state=0)
    middle = sorted(four.counts, key=four.counts.get)[1]
    middle_warning = text.positive_warning(four.with_minority(middle))
    assert "is not the smallest class here" in middle_warning
    assert "paradox" not in middle_warning  # a middle class shows the paradox too: no claim that it does not
    assert "the accuracy paradox does not show" in warning


def test_multiclass_note_only_with_more_than_two_classes():
    assert text.multiclass_note(default_dataset()) is None
    four = generate("blobs", 200, 0.3, 0.3, n_classes=4, random_state=0)
    assert "This data has 4 classes" in text.multiclass_note(four)


# --- the accuracy paradox -----------------------------------------------------------------------------------------------
def test_paradox_from_the_dummy_in_the_usual_case(usual):
    ds, result = usual
    m = result.unit("dummy", "none").holdout
    sentence = text.paradox_sentence(result, ds)
    assert (
        f"is {m.accuracy:.1%} accurate on the test part, yet its recall is {m.recall:.1%}: it finds {m.tp} of "
        f"the {m.tp + m.fn} minority rows" in sentence
    )
    best = max((u for u in result.units if u.classifier != "dummy"), key=lambda u: u.holdout.recall)
    assert f"The best recall here is {best.holdout.recall:.1%}" in sentence
    assert sentence.endswith("Accuracy rewards ignoring the rare class; recall does not.")


def test_paradox_without_the_dummy_uses_the_test_counts():
    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers="logreg", treatments="none", **FAST))
    n_test = sum(result.test_counts.values())
    share = result.test_counts["0"] / n_test
    assert (
        f"would be {share:.1%} accurate on the test part, yet its recall would be 0.0%: it would find 0 of the "
        f"{result.test_counts['1']} minority rows" in text.paradox_sentence(result, ds)
    )


def test_paradox_when_the_positive_class_is_the_majority(flipped):
    ds, result = flipped
    m = result.unit("dummy", "none").holdout
    assert m.recall == 1.0 and m.tp == result.test_counts["0"]
    sentence = text.paradox_sentence(result, ds)
    assert f"finds all {m.tp} class 0 rows (recall 100.0%)" in sentence
    assert "is the majority" in sentence
    assert "recall is 0.0%" not in sentence and "minority rows" not in sentence
    # The same without a dummy: computed from the test counts, still true.
    no_dummy = compare(ds, CompareSettings(classifiers="logreg", treatments="none", **FAST))
    fallback = text.paradox_sentence(no_dummy, ds)
    assert f"would find all {no_dummy.test_counts['0']} class 0 rows (recall 100.0%)" in fallback
    assert "recall would be 0.0%" not in fallback and "none of the" not in fallback


def test_paradox_for_a_middle_class_names_its_rows():
    four = generate("blobs", 400, 0.3, 0.5, n_classes=4, random_state=2)
    middle = sorted(four.counts, key=four.counts.get)[1]
    ds = four.with_minority(middle)
    result = compare(ds, CompareSettings(classifiers="logreg,dummy", treatments="none", **FAST))
    m = result.unit("dummy", "none").holdout
    assert m.tp == 0
    assert f"it finds 0 of the {m.fn} class {middle} rows" in text.paradox_sentence(result, ds)


# --- confusion matrices, regions, leak, caveats -------------------------------------------------------------------------
def test_default_confusion_model_is_the_largest_recall_change(usual):
    ds, result = usual
    for treatment in ("smote", "ros"):
        changes = {
            c: abs(result.unit(c, treatment).holdout.recall - result.unit(c, "none").holdout.recall)
            for c in ("logreg", "knn", "tree")
        }
        top = max(changes.values())
        assert text.default_confusion_model(result, treatment) == next(c for c in changes if changes[c] == top)
    assert text.recall_change(result, "dummy", "smote") == -1.0


def test_confusion_sentence_names_the_real_negative_class(flipped):
    ds, result = flipped
    b, a = result.unit("logreg", "none").holdout, result.unit("logreg", "smote").holdout
    sentence = text.confusion_sentence(b, a, "smote", ds)
    assert f"finds **{b.tp} of {b.tp + b.fn}** class 0 rows (TP)" in sentence
    assert f"among {b.tn + b.fp} rows of class 1" in sentence
    assert f"finds **{a.tp} of {a.tp + a.fn}**" in sentence


def test_regions_sentence_has_the_predicted_share_and_the_synthetic_count():
    ds = default_dataset()
    settings = CompareSettings(classifiers="knn", **FAST)
    regions = decision_regions(ds, settings, "knn", grid=20)
    sentence = text.regions_sentence(regions, ds, "knn")
    for r in regions:
        assert f"class 1 is predicted on {float((r.z >= 0.5).mean()):.1%} of the plotted area" in sentence
    assert f"with {len(regions[1].synthetic_X)} synthetic points" in sentence
    assert text.default_region_model(("dummy", "logreg", "knn")) == "knn"
    assert text.default_region_model(("dummy", "tree")) == "tree"
    assert text.region_models(("dummy",)) == ["dummy"]


def test_leak_sentence_quotes_the_largest_inflation():
    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers="knn,tree", treatments="ros", leaky=True, **FAST))
    leak = result.leak_table()
    top = leak.loc[leak["Recall inflation"].idxmax()]
    sentence = text.leak_sentence(leak)
    assert f"recall {top['Recall honest']:.3f} honest against {top['Recall leaky']:.3f} leaky" in sentence
    assert text.leak_sentence(leak.iloc[0:0]) is None


@pytest.mark.parametrize(
    ("classifiers", "treatments", "want"),
    [
        ("logreg", "none", []),
        ("logreg", "weight", ["Probabilities are distorted"]),
        ("dummy", "smote", ["Probabilities are distorted", "adds noise"]),
        ("logreg,hgb", "smote", ["Probabilities are distorted", "Strong learners", "adds noise", "Not XGBoost"]),
        ("hgb", "threshold", ["Not XGBoost"]),
    ],
)
def test_caveats_follow_the_chosen_models_and_treatments(classifiers, treatments, want):
    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers=classifiers, treatments=treatments, **FAST))
    got = text.caveats(result)
    assert len(got) == len(want)
    for caveat, key in zip(got, want, strict=True):
        assert key in caveat
    if "Strong learners" in want:
        u0, u1 = result.unit("hgb", "none").holdout, result.unit("hgb", "smote").holdout
        assert f"Gradient boosting {text.signed(u1.roc_auc - u0.roc_auc)}" in got[1]


def test_user_labels_are_escaped_in_every_sentence():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(2, 1, (12, 2))])
    y = np.array(["**big**"] * 60 + ["[x](y)"] * 12, dtype=object)
    ds = Dataset(X, y, ["*a*", "b_c"], name="t")
    result = compare(ds, CompareSettings(classifiers="logreg,dummy", **FAST))
    b, a = result.unit("logreg", "none").holdout, result.unit("logreg", "smote").holdout
    regions = decision_regions(ds, CompareSettings(classifiers="logreg", **FAST), "logreg", grid=10)
    sentences = [
        text.intro(ds),
        text.split_sentence(result, ds),
        text.paradox_sentence(result, ds),
        text.confusion_sentence(b, a, "smote", ds),
        text.regions_sentence(regions, ds, "logreg"),
    ]
    for sentence in sentences:
        assert "[x](y)" not in sentence and "**big**" not in sentence
    assert "class \\[x\\]\\(y\\)" in sentences[0]


def test_formatting_helpers():
    assert text.pct(math.nan) == "n/a" and text.pct(0.5) == "50.0%"
    assert text.signed(0.0123) == "+1.2 points" and text.signed(None) == "n/a"
    assert text.plural(1, "false alarm") == "1 false alarm" and text.plural(2, "false alarm") == "2 false alarms"


def test_tables_format_the_library_numbers():
    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers="logreg,knn", cv_folds=2))
    raw, table = result.table("holdout"), text.holdout_table(result)
    for i, v in enumerate(raw["Δ Recall"]):
        assert table["Δ Recall"][i] == ("" if math.isnan(v) else f"{v:+.3f}")
    assert table["Δ Recall"][0] == "" and table["Δ Recall"][1].startswith(("+", "-"))
    cv = text.cv_table(result)
    u = result.unit("knn", "smote")
    row = cv[(cv["Model"] == "k-nearest neighbours") & (cv["Treatment"] == "SMOTE")].iloc[0]
    assert row["Recall"] == f"{u.cv_mean['recall']:.3f} ± {u.cv_std['recall']:.3f}"
