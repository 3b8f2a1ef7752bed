"""The compare page's sentences, defaults and caveats (smote_viz.compare.text), checked against the library's results."""

from __future__ import annotations

import math

import numpy as np
import pytest

from smote_viz.compare import text
from smote_viz.compare.evaluate import CompareSettings, compare, decision_regions
from smote_viz.data import Dataset, default_dataset, generate

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
        assert f"Gradient boosting ({text.signed(u1.roc_auc - u0.roc_auc)})" in got[1]


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


def arrowed(value: float) -> str:
    """A change as the changes table writes it: its size to 3 decimals after an arrow for its direction (none
    when it rounds to 0)."""
    size = f"{abs(value):.3f}"
    return size if float(size) == 0 else f"{'↑' if value > 0 else '↓'} {size}"


def test_tables_format_the_library_numbers():
    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers="logreg,knn", cv_folds=2))
    raw, table = result.table("holdout"), text.holdout_table(result)
    # Recall next to accuracy (the paradox), no Δ and no empty Note column in the main table.
    assert list(table.columns) == ["Model", "Treatment", "Recall", "Accuracy", "Balanced accuracy", "Precision",
                                   "F1", "ROC-AUC", "PR-AUC"]
    np.testing.assert_allclose(table["Accuracy"], raw["Accuracy"])
    # The changes in their own table, treated rows only: each the mean change over the two folds beside the
    # standard deviation of the per-fold change (recomputed here from the folds).
    change = text.change_table(result)
    treated = raw[raw["Treatment"] != "No balancing"].reset_index(drop=True)
    assert len(change) == len(treated) == 2 and list(change.columns[2:4]) == ["Δ Recall", "Δ Accuracy"]
    for i, model in enumerate(("logreg", "knn")):
        b, a = result.unit(model, "none").cv_folds["accuracy"], result.unit(model, "smote").cv_folds["accuracy"]
        assert change["Δ Accuracy"][i] == f"{arrowed((a - b).mean())} ± {np.std(a - b):.3f}"
    # Without cross-validation: the held-out change alone.
    held_out = compare(ds, CompareSettings(classifiers="logreg,knn", cv_folds=0))
    knn0, knn1 = held_out.unit("knn", "none").holdout, held_out.unit("knn", "smote").holdout
    assert text.change_table(held_out)["Δ Accuracy"][1] == arrowed(knn1.accuracy - knn0.accuracy)
    assert "Turn on cross-validation" in text.change_caption(held_out)
    cv = text.cv_table(result)
    u = result.unit("knn", "smote")
    row = cv[(cv["Model"] == "k-nearest neighbours") & (cv["Treatment"] == "SMOTE")].iloc[0]
    assert row["Recall"] == f"{u.cv_mean['recall']:.3f} ± {u.cv_std['recall']:.3f}"
    assert list(cv.columns) == ["Model", "Treatment", "Recall", "Accuracy", "Bal. accuracy", "Precision", "F1"]


# --- walkthrough findings: ties, few test positives, the dummy after balancing, honest caveats --------------------------
@pytest.fixture(scope="module")
def ring():
    """Ring data with 5 % minority: 2 minority rows in the test part, so many recalls tie."""
    ds = generate("ring", 200, 0.05, 0.3)
    settings = CompareSettings(classifiers="logreg,knn,tree,hgb,dummy", treatments="smote,ros,rus", leaky=True, **FAST)
    return ds, compare(ds, settings)


def test_the_best_recall_breaks_ties_by_balanced_accuracy_then_accuracy(ring):
    ds, result = ring
    units = [u for u in result.units if u.holdout is not None and u.classifier != "dummy"]
    top = max(u.holdout.recall for u in units)
    tied = [u for u in units if u.holdout.recall == top]
    assert len(tied) > 1  # the case the rule is for
    best = max(tied, key=lambda u: (u.holdout.balanced_accuracy, u.holdout.accuracy))
    assert text.best_recall(result) == (best, len(tied))
    sentence = text.paradox_sentence(result, ds)
    assert f"reached by {len(tied)} model and treatment pairs" in sentence
    assert (
        f"is {text.CLASSIFIERS[best.classifier]} with {text.TREATMENTS[best.treatment]} (balanced accuracy "
        f"{best.holdout.balanced_accuracy:.1%}, accuracy {best.holdout.accuracy:.1%})" in sentence
    )
    # No pair with the same recall is more accurate than the one named.
    assert all(u.holdout.balanced_accuracy <= best.holdout.balanced_accuracy for u in tied)


def test_few_positive_test_rows_are_warned_about_with_the_possible_recalls(ring):
    ds, result = ring
    assert result.test_counts["1"] == 2
    warning = text.few_positives_warning(result, ds)
    assert "only 2 class 1 rows, so recall on it can only be 0%, 50%, 100%" in warning
    assert "Turn on cross-validation" in warning
    default = default_dataset()
    with_cv = compare(default, CompareSettings(classifiers="logreg", treatments="none", cv_folds=2))
    warning = text.few_positives_warning(with_cv, default)
    assert "only 5 class 1 rows, so recall on it can only be 0%, 20%, 40%, 60%, 80%, 100%" in warning
    assert "average 2 fits" in warning
    big = generate("blobs", 200, 0.3, 0.3)
    assert text.few_positives_warning(compare(big, CompareSettings(classifiers="logreg", treatments="none", **FAST)),
                                      big) is None


def test_split_sentence_says_close_to_when_the_shares_differ(ring):
    ds, result = ring
    sentence = text.split_sentence(result, ds)
    assert "class 1 is 4.0% of it, close to the whole data's 5.0% (a stratified split keeps" in sentence
    assert "as in the whole data" not in sentence
    default = default_dataset()
    same = compare(default, CompareSettings(classifiers="logreg", treatments="none", **FAST))
    assert "class 1 is 10.0% of it, as in the whole data" in text.split_sentence(same, default)


def test_the_leak_sentence_leaves_out_the_dummy(ring):
    _, result = ring
    leak = result.leak_table()
    assert (leak[leak["Model"] == text.CLASSIFIERS["dummy"]]["Recall inflation"] == 1.0).all()  # the trap
    models = leak[leak["Model"] != text.CLASSIFIERS["dummy"]]
    top = models.loc[models["Recall inflation"].idxmax()]
    sentence = text.leak_sentence(leak)
    assert "dummy" not in sentence
    assert text.escape_markdown(top["Model"]) in sentence
    assert f"recall {top['Recall honest']:.3f} honest against {top['Recall leaky']:.3f} leaky" in sentence
    only_dummy = text.leak_sentence(leak[leak["Model"] == text.CLASSIFIERS["dummy"]])
    assert "largest inflation" not in only_dummy


def test_the_dummy_after_balancing_is_explained_with_what_it_did(ring):
    ds, result = ring
    note = text.dummy_balancing_note(result, ds)
    leaky = {t: result.unit("dummy", t).leaky_holdout for t in ("smote", "ros", "rus")}
    flips = [f"{text.TREATMENTS[t]} (leaky)" for t, m in leaky.items() if m.tp + m.fp == m.confusion.sum()]
    assert "first label in sorted order (class 0)" in note
    assert flips and f"answers class 1 for every test row with {', '.join(flips)}." in note
    # A minority whose label sorts first: after SMOTE's exact tie the honest dummy answers it for every row.
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal(0, 1, (80, 2)), rng.normal(2, 1, (16, 2))])
    y = np.array(["b"] * 80 + ["a"] * 16, dtype=object)
    small_first = Dataset(X, y, ["x", "y"], name="t")
    assert small_first.minority == "a"
    res = compare(small_first, CompareSettings(classifiers="dummy,logreg", treatments="smote", **FAST))
    m = res.unit("dummy", "smote").holdout
    assert m.recall == 1.0 and m.tn == 0
    note = text.dummy_balancing_note(res, small_first)
    assert "(class a)" in note and "answers class a for every test row with SMOTE." in note
    # No note without a dummy or without a sampler.
    assert text.dummy_balancing_note(compare(small_first, CompareSettings(classifiers="logreg", **FAST)),
                                     small_first) is None
    assert text.dummy_balancing_note(compare(small_first, CompareSettings(classifiers="dummy", treatments="weight",
                                                                          **FAST)), small_first) is None


def _fake(changes: dict[str, float]):
    """A Comparison whose models have ROC-AUC 0.8 without SMOTE and 0.8 + change with it."""
    from dataclasses import replace

    from smote_viz.compare.evaluate import Comparison, Metrics, UnitResult

    base = Metrics(0.9, 0.5, 0.5, 0.5, 0.7, 0.8, 0.5, 40, 5, 2, 3)
    units = []
    for c, d in changes.items():
        units += [UnitResult(c, "none", holdout=base), UnitResult(c, "smote", holdout=replace(base, roc_auc=0.8 + d))]
    settings = CompareSettings(classifiers=",".join(changes), treatments="smote", **FAST)
    return Comparison(None, settings, tuple(units), {}, {})


def test_strong_learners_caveat_states_what_happened_here():
    lost = text.strong_learners_here(_fake({"hgb": -0.05, "logreg": -0.02}))
    assert "lowered every model's ROC-AUC" in lost and "did not improve ranking on this data" in lost
    assert "Gradient boosting (-5.0 points)" in lost
    gained = text.strong_learners_here(_fake({"hgb": 0.01, "knn": 0.04}))
    assert "raised every model's ROC-AUC" in gained and "did not improve" not in gained
    mixed = text.strong_learners_here(_fake({"hgb": -0.03, "knn": 0.04, "tree": 0.0}))
    assert "rose for k-nearest neighbours (+4.0 points)" in mixed
    assert "fell for Gradient boosting (-3.0 points)" in mixed and "stayed the same for Decision tree" in mixed
    assert "did not improve" not in mixed
    none_rose = text.strong_learners_here(_fake({"hgb": -0.03, "tree": 0.0}))
    assert none_rose.endswith("stayed the same for Decision tree: SMOTE did not improve ranking on this data.")
    assert text.strong_learners_here(_fake({})) == ""


def test_the_xgboost_caveat_cites_no_unnamed_article():
    assert "article" not in text.XGBOOST_CAVEAT
    assert "bank-churn example (10 000 customers, 20.37 % churned, XGBoost)" in text.XGBOOST_CAVEAT
    assert "44.82 %" in text.XGBOOST_CAVEAT and "63.61 %" in text.XGBOOST_CAVEAT


def test_run_time_note_counts_the_fits():
    from smote_viz.compare.evaluate import fit_count

    default = CompareSettings()  # 5 models x 2 treatments, each 1 + 5 folds
    assert fit_count(default) == 5 * 2 * 6 + 2
    assert "about 62 model fits" in text.run_time_note(default)
    assert "a second or two" not in text.run_time_note(default)
    # Threshold moving fits 4 times (3 inner folds and a refit); the dummy cannot move its threshold.
    assert fit_count(CompareSettings(classifiers="logreg,dummy", treatments="threshold", cv_folds=0)) == 2 + 4 + 2
    # Leaky mode fits every sampler twice.
    assert fit_count(CompareSettings(classifiers="logreg", treatments="smote", cv_folds=2, leaky=True)) == 3 + 6 + 2


def test_pairs_that_could_not_run_are_named_instead_of_listed():
    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers="knn,logreg", treatments="weight", cv_folds=2))
    assert result.unit("knn", "weight").error
    for table in (text.holdout_table(result), text.change_table(result), text.cv_table(result)):
        pairs = set(zip(table["Model"], table["Treatment"], strict=True))
        assert ("k-nearest neighbours", "class_weight='balanced'") not in pairs
        assert ("Logistic regression", "class_weight='balanced'") in pairs
    assert text.not_run_note(result) == (
        "Not in the tables, because they could not run (the messages above say why): k-nearest neighbours with "
        "class_weight='balanced'."
    )
    assert text.not_run_note(compare(ds, CompareSettings(classifiers="logreg", **FAST))) is None


def test_a_pair_whose_cross_validation_failed_keeps_its_held_out_row():
    from dataclasses import replace

    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers="logreg,knn", cv_folds=2))
    units = tuple(replace(u, cv_mean=None, cv_std=None, error="Cross-validation failed: x")
                  if (u.classifier, u.treatment) == ("knn", "smote") else u for u in result.units)
    partial = replace(result, units=units)
    pair = ("k-nearest neighbours", "SMOTE")
    assert pair in set(zip(*(text.holdout_table(partial)[c] for c in ("Model", "Treatment")), strict=True))
    assert pair in set(zip(*(text.change_table(partial)[c] for c in ("Model", "Treatment")), strict=True))
    assert pair not in set(zip(*(text.cv_table(partial)[c] for c in ("Model", "Treatment")), strict=True))
    assert text.not_run_note(partial) is None


# --- the first screen, predict first, the larger sample, calibration and the leak in words ------------------------------
def test_changes_read_with_their_noise():
    from smote_viz.compare.evaluate import Change

    clear_up = Change("recall", 0.92, 0.975, 0.010, 5)
    assert text.change_points(clear_up) == "+5.5 ± 1.0 points" and text.direction(clear_up) == "up"
    # No sign in front (a spreadsheet runs a text cell starting with + or - as a formula): an arrow says which way.
    assert text.change_number(clear_up) == "↑ 0.055 ± 0.010"
    assert text.change_number(Change("recall", 0.5, 0.48, None, 0)) == "↓ 0.020"
    assert text.change_number(Change("recall", 0.5, 0.5002, 0.004, 5)) == "0.000 ± 0.004"
    within = Change("recall", 0.90, 0.94, 0.034, 5)  # +0.04 is less than twice 0.034
    assert text.direction(within) == "about the same"
    assert text.direction(Change("accuracy", 0.98, 0.97, None, 0)) == "down"  # held-out: no spread, a clear point
    assert text.direction(Change("accuracy", 0.98, 0.978, None, 0)) == "about the same"
    assert text.change_points(Change("recall", 0.5, 0.4, None, 0)) == "-10.0 points"
    assert text.direction(None) is None and text.change_points(None) == "n/a"


def test_the_headline_pair_comes_from_the_settings_not_the_results():
    assert text.headline_pair(CompareSettings()) == ("logreg", "smote")
    assert text.headline_pair(CompareSettings(classifiers="dummy,tree,knn", treatments="ros,weight")) == ("knn", "ros")
    assert text.headline_pair(CompareSettings(classifiers="dummy", treatments="none")) == ("dummy", None)


def test_the_sample_note_says_which_data_is_compared():
    from dataclasses import replace

    from smote_viz.compare.evaluate import larger_sample
    from smote_viz.state import GeneratorSettings

    ds, gen = default_dataset(), GeneratorSettings()
    bigger = larger_sample(gen, CompareSettings())
    assert "**larger sample**: 2,000 rows" in text.sample_note(ds, gen, bigger, CompareSettings())
    assert "keep the 200-row data" in text.sample_note(ds, gen, bigger, CompareSettings())
    off = CompareSettings(larger_sample=False)
    assert "Compared on the current data (200 rows), as chosen" in text.sample_note(ds, gen, None, off)
    assert "uploaded data as it is" in text.sample_note(ds, None, None, CompareSettings())
    large = generate("blobs", 2500, 0.1, 0.3)
    assert text.sample_note(large, replace(gen, n_samples=2500), None, CompareSettings()) == (
        "Compared on the current data (2,500 rows).")


def test_narration_and_verdict_follow_the_direction_of_each_change(usual):
    ds, result = usual  # no cross-validation here: held-out changes, no spread
    from smote_viz.compare.evaluate import change

    recall, accuracy = (change(result, "logreg", "smote", m) for m in ("recall", "accuracy"))
    line = text.narration(result, "logreg", "smote")
    assert line.startswith("On the held-out test part, **SMOTE ")
    verbs = {"up": "raised", "down": "lowered", "about the same": "left"}
    assert f"{verbs[text.direction(recall)]} Logistic regression’s recall" in line
    assert f"{verbs[text.direction(accuracy)]} its accuracy" in line
    truth = {"recall": text.direction(recall), "accuracy": text.direction(accuracy)}
    wrong = {m: next(c for c in text.PREDICT_CHOICES if c != truth[m]) for m in truth}
    verdict = text.prediction_verdict(result, "logreg", "smote", {"recall": truth["recall"], "accuracy": wrong["accuracy"]})
    assert [ok for ok, _ in verdict] == [True, False]
    assert verdict[0][1].startswith(f"Recall: you said **{truth['recall']}**") and "Right." in verdict[0][1]
    assert f"Accuracy: you said **{wrong['accuracy']}**" in verdict[1][1] and "Not this time." in verdict[1][1]
    assert f"{accuracy.before:.1%} → {accuracy.after:.1%}" in verdict[1][1]


def test_the_paradox_line_and_the_pooled_sentence():
    ds = default_dataset()
    assert text.paradox_line(ds) == ("**The accuracy paradox:** always answering class 0 is 90.0% accurate here, yet "
                                     "finds none of class 1.")
    assert text.paradox_line(ds.with_minority(0)) is None  # the positive class is the majority: no paradox to state
    from smote_viz.compare.evaluate import pooled_confusion

    result = compare(ds, CompareSettings(classifiers="logreg", cv_folds=4))
    before, after = (pooled_confusion(result.unit("logreg", t)) for t in ("none", "smote"))
    sentence = text.pooled_confusion_sentence(before, after, "smote", ds, result.plan)
    assert "added up over the 4 test folds: each of the 200 rows is predicted once" in sentence
    assert f"finds **{before.tp} of 20**" in sentence and f"among {before.tn + before.fp} rows of class 0" in sentence


def test_calibration_and_leak_pictures_in_words():
    from smote_viz.compare.evaluate import leak_picture, reliability

    ds = generate("blobs", 600, 0.1, 0.6, random_state=3)
    settings = CompareSettings(classifiers="logreg", leaky=True, cv_folds=0)
    result = compare(ds, settings)
    before, after = (reliability(result, ds, "logreg", t) for t in ("none", "smote"))
    words = text.calibration_sentence(before, after, "logreg", ds, len(result.plan.test))
    assert f"mean predicted probability of {before.average_probability:.1%} (Brier score {before.brier:.3f})" in words
    assert f"{after.average_probability:.1%} (Brier score {after.brier:.3f}" in words
    assert f"{after.average_probability / after.prevalence:.2f} times as common as it really is" in words
    assert text.calibration_missing("svm").startswith("RBF SVM gives no predicted probabilities")
    picture = leak_picture(ds, settings, "logreg", "smote")
    said = text.leak_picture_sentence(picture, ds, (60, len(picture.honest.distance)))
    closer = (picture.leaky.distance < np.median(picture.honest.distance)).mean()
    assert f"{len(picture.leaky.distance):,} class 1 test rows, {int(picture.leaky.test_synthetic.sum()):,} of them" in said
    assert f"{closer:.0%} lie closer than the median honest test row" in said
    assert f"median distance {np.median(picture.honest.distance):.3f}" in said
    assert f"The maps draw 60 of the {len(picture.leaky.distance)} leaky" in said
    assert text.leak_treatment(CompareSettings(treatments="rus,ros"), "rus") == "ros"
    assert text.leak_treatment(CompareSettings(treatments="weight"), "weight") is None


def test_the_headline_names_the_rows_recall_counts():
    ds = default_dataset()
    result = compare(ds, CompareSettings(classifiers="logreg", cv_folds=3))
    labels = [label for label, *_ in text.headline_metrics(result, "logreg", "smote", ds)]
    assert labels[0] == "Recall (minority rows found)"
    flipped = ds.with_minority(0)
    result = compare(flipped, CompareSettings(classifiers="logreg", cv_folds=3))
    label, value, delta, clear = text.headline_metrics(result, "logreg", "smote", flipped)[0]
    assert label == "Recall (class 0 rows found)" and "minority" not in label
    from smote_viz.compare.evaluate import change

    ch = change(result, "logreg", "smote", "recall")
    assert value == f"{ch.before:.1%} → {ch.after:.1%}" and delta == text.change_points(ch)
    assert clear == (abs(ch.change) > 2 * ch.spread)


def test_the_presenter_verdict_fits_one_line(usual):
    ds, result = usual
    from smote_viz.compare.evaluate import change

    truth = {m: text.direction(change(result, "logreg", "smote", m)) for m in ("recall", "accuracy")}
    wrong = next(c for c in text.PREDICT_CHOICES if c != truth["accuracy"])
    line = text.verdict_line(result, "logreg", "smote", {"recall": truth["recall"], "accuracy": wrong})
    went = {"up": "went up", "down": "went down", "about the same": "stayed about the same"}
    assert line == f"Recall {went[truth['recall']]}, as you said; accuracy {went[truth['accuracy']]}, not {wrong}."
