"""The Compare classifiers page (AppTest): controls, the run, tables and figures with the library's numbers."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

import smote_viz.evaluate as evaluate
from smote_viz.data import Dataset, default_dataset
from smote_viz.evaluate import CompareSettings, compare, decision_regions
from smote_viz.ui import DATASET_KEY

PAGE = "pages/compare.py"


def decode(value):
    """Plotly JSON arrays may arrive as {"dtype", "bdata"} (base64): turn them into numpy arrays."""
    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            shape = value["shape"]
            shape = [int(v) for v in shape.split(",")] if isinstance(shape, str) else shape
            arr = arr.reshape(shape)
        return arr
    if isinstance(value, list) and value and isinstance(value[0], dict | list):
        return [decode(v) for v in value]
    return np.asarray(value)


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def markdown_text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def run_page(at):
    at.button[0].click().run()
    assert not at.exception
    return at


@pytest.fixture
def fits(monkeypatch):
    """Counts the model fits the page asks the library for (cache misses)."""
    calls = []
    original = evaluate.evaluate_unit

    def counting(*args, **kwargs):
        calls.append(args[2:4])
        return original(*args, **kwargs)

    monkeypatch.setattr(evaluate, "evaluate_unit", counting)
    return calls


def test_controls_show_the_defaults_and_nothing_runs_before_the_button(app, fits):
    at = app(PAGE)
    assert not at.exception
    assert at.title[0].value == "Compare classifiers"
    models = at.multiselect(key="cmp_models")
    assert models.value == ["logreg", "knn", "tree", "hgb", "dummy"]
    assert at.multiselect(key="cmp_treatments").value == ["none", "smote"]
    assert at.slider(key="cmp_test").value == 0.25
    assert at.select_slider(key="cmp_folds").value == 5
    assert at.toggle(key="cmp_leaky").value is False
    assert at.button[0].label == "Run comparison"
    assert "press **Run comparison**" in at.info[0].value
    assert "about 62 model fits" in at.info[0].value  # 5 models x 2 treatments x (1 + 5 folds), and 2 for regions
    assert len(at.dataframe) == 0 and fits == []
    assert "all 2 features" in markdown_text(at)


def test_a_run_shows_the_library_numbers(app, fits):
    at = run_page(app(PAGE))
    assert len(fits) == 10  # 5 models x 2 treatments, each fitted once
    ds = default_dataset()
    expected = compare(ds, CompareSettings())
    # The metrics table: 5 models x 2 treatments, recall first, numbers equal to the library's.
    table = at.dataframe[0].value
    assert list(table.columns[:5]) == ["Model", "Treatment", "Recall", "Accuracy", "Balanced accuracy"]
    assert not any(c.startswith("Δ") for c in table.columns)
    assert len(table) == 10
    want = expected.table()
    np.testing.assert_allclose(table["Recall"], want["Recall"])
    np.testing.assert_allclose(table["Accuracy"], want["Accuracy"])
    # The accuracy paradox in one sentence: 45 of 50 test rows are the majority.
    text = markdown_text(at)
    assert "is 90.0% accurate on the test part, yet its recall is 0.0%: it finds 0 of the 5 minority rows" in text
    assert "Test part: 50 rows (class 0: 45, class 1: 5)" in text
    # 5 minority rows in the test part: recall moves in steps of 20 %, said in a warning.
    assert any("recall on it can only be 0%, 20%, 40%, 60%, 80%, 100%" in w.value for w in at.warning)
    # The dummy with SMOTE is in the table: its tie-break is explained.
    captions = " ".join(c.value for c in at.caption)
    assert "The dummy after balancing" in captions

    specs = charts(at)
    assert len(specs) == 4  # metric bars, confusion matrices, decision regions, CV
    bars, confusion, regions, cv = specs
    # Metric bars: one trace per treatment, recall per model.
    assert [t["name"] for t in bars["data"]] == ["No balancing", "SMOTE"]
    np.testing.assert_allclose(decode(bars["data"][1]["y"]), want[want["Treatment"] == "SMOTE"]["Recall"])
    # Confusion matrices before and after SMOTE, cells labelled with their counts; by default for the model
    # whose recall SMOTE changes most (computed here from the library's results, first model on ties).
    changes = {
        c: abs(expected.unit(c, "smote").holdout.recall - expected.unit(c, "none").holdout.recall)
        for c in ("logreg", "knn", "tree", "hgb")
    }
    most = max(changes, key=changes.get)
    assert at.selectbox(key="cmp_cm_model").value == most
    before, after = expected.unit(most, "none").holdout, expected.unit(most, "smote").holdout
    z_before = np.asarray(decode(confusion["data"][0]["z"]), dtype=int).reshape(2, 2)
    z_after = np.asarray(decode(confusion["data"][1]["z"]), dtype=int).reshape(2, 2)
    assert z_before.tolist() == before.confusion.tolist()
    assert z_after.tolist() == after.confusion.tolist()
    assert confusion["data"][0]["text"][1][1] == f"TP<br>{before.tp}"
    assert confusion["data"][1]["text"][0][1] == f"FP<br>{after.fp}"
    titles = [a["text"] for a in confusion["layout"]["annotations"]]
    assert titles[0].startswith("No balancing (recall") and titles[1].startswith("SMOTE (recall")
    assert f"finds **{before.tp} of {before.tp + before.fn}**" in text
    # Decision regions: kNN by default, shared grid, synthetic points drawn as open stars.
    regs = decision_regions(ds, CompareSettings(), "knn")
    heatmaps = [t for t in regions["data"] if t["type"] == "heatmap"]
    assert len(heatmaps) == 2
    np.testing.assert_allclose(np.asarray(decode(heatmaps[1]["z"]), dtype=float).reshape(regs[1].z.shape),
                               regs[1].z, atol=1e-6)
    synthetic = [t for t in regions["data"] if "synthetic" in t.get("name", "")]
    assert len(synthetic) == 1 and synthetic[0]["marker"]["symbol"] == "star-open"
    assert len(decode(synthetic[0]["x"])) == len(regs[1].synthetic_X) == 120
    assert regions["layout"]["xaxis"]["range"] == regions["layout"]["xaxis2"]["range"]
    assert "with 120 synthetic points (open stars)" in text
    # CV: mean ± sd per model.
    assert "mean ± sd over 5 folds × 1 repeats" in cv["layout"]["yaxis"]["title"]["text"]
    cv_table = at.dataframe[1].value
    u = expected.unit("logreg", "smote")
    assert cv_table.loc[1, "Recall"] == f"{u.cv_mean['recall']:.3f} ± {u.cv_std['recall']:.3f}"
    # Caveats with sources, the XGBoost note, and the snippet.
    assert "ocac093" in text and "2201.08528" in text and "XGBoost" in text
    assert "SMOTE(random_state=0)" in at.code[0].value
    # The settings are in the URL.
    assert at.query_params["models"] == "logreg,knn,tree,hgb,dummy"
    # The changes against no balancing: a second table behind a toggle, the library's numbers, signed.
    assert at.toggle(key="cmp_show_change").value is False
    fitted_before = len(fits)
    at.toggle(key="cmp_show_change").set_value(True).run()
    change = at.dataframe[1].value
    treated = want[want["Treatment"] != "No balancing"]
    assert len(change) == 5 and list(change.columns[2:4]) == ["Δ Recall", "Δ Accuracy"]
    assert change["Δ Recall"].tolist() == [f"{v:+.3f}" for v in treated["Δ Recall"]]
    lr_before, lr_after = expected.unit("logreg", "none").holdout, expected.unit("logreg", "smote").holdout
    assert change["Δ Recall"][0] == f"{lr_after.recall - lr_before.recall:+.3f}"
    assert len(fits) == fitted_before  # showing the changes fits nothing
    # Picking another model redraws the matrices from the cache, with no new fit.
    fitted_before = len(fits)
    other = "hgb" if most != "hgb" else "logreg"
    at.selectbox(key="cmp_cm_model").set_value(other).run()
    z = np.asarray(decode(charts(at)[1]["data"][0]["z"]), dtype=int).reshape(2, 2)
    assert z.tolist() == expected.unit(other, "none").holdout.confusion.tolist()
    assert len(fits) == fitted_before


def test_returning_to_the_page_reuses_the_cached_results(app, fits):
    at = run_page(app(PAGE))
    assert len(fits) == 10
    at.run()
    at.switch_page("pages/data.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert len(fits) == 10  # nothing refitted
    assert len(at.dataframe[0].value) == 10
    assert at.multiselect(key="cmp_models").value == ["logreg", "knn", "tree", "hgb", "dummy"]
    # Adding a model fits only that model; the others come from the cache.
    at.multiselect(key="cmp_models").set_value(["logreg", "knn", "tree", "hgb", "dummy", "forest"])
    run_page(at)
    assert sorted(fits[10:]) == [("forest", "none"), ("forest", "smote")]
    assert len(at.dataframe[0].value) == 12


def test_changed_controls_and_leaky_mode(app):
    at = app(PAGE)
    at.multiselect(key="cmp_models").set_value(["knn", "dummy"])
    at.multiselect(key="cmp_treatments").set_value(["ros", "weight"])
    at.select_slider(key="cmp_folds").set_value(3)
    at.toggle(key="cmp_leaky").set_value(True)
    run_page(at)
    table = at.dataframe[0].value
    # kNN and the dummy have no class_weight: those pairs could not run and are named under the table instead.
    assert list(table["Treatment"]) == ["No balancing", "Random over-sampling"] * 2
    captions = " ".join(c.value for c in at.caption)
    assert "k-nearest neighbours with class_weight='balanced'" in captions
    assert "Always majority (dummy) with class_weight='balanced'" in captions
    warnings = " ".join(w.value for w in at.warning)
    assert "has no class\\_weight option" in warnings or "has no class_weight option" in warnings
    leak = at.dataframe[2].value
    expected = compare(default_dataset(), CompareSettings(classifiers="knn,dummy", treatments="ros,weight",
                                                          cv_folds=3, leaky=True))
    np.testing.assert_allclose(leak["Recall leaky"], expected.leak_table()["Recall leaky"])
    text = markdown_text(at)
    assert "Resampling before the split puts synthetic or copied minority rows" in text
    assert at.query_params["leaky"] == "1"


def test_a_shared_link_runs_at_once_and_reports_bad_values(app):
    at = app(PAGE, query={"models": "logreg,nonsense", "treat": "smote", "folds": "99"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "nonsense" in warnings and "folds" in warnings
    table = at.dataframe[0].value
    assert list(table["Model"]) == ["Logistic regression"] * 2
    # No dummy chosen: the paradox is still stated, from the test part's counts.
    assert "always answers the majority class would be 90.0% accurate" in markdown_text(at)


def _set_data(at, dataset: Dataset):
    at.session_state["smote_lab.dataset"] = dataset
    at.session_state["smote_lab.generator_settings"] = None


def test_bad_data_becomes_messages(app):
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal(0, 1, (100, 2)), rng.normal(3, 1, (3, 2))])
    at = app(PAGE)
    _set_data(at, Dataset(X, np.array([0] * 100 + [1] * 3), ["a", "b"], name="tiny"))
    at.run()
    at.multiselect(key="cmp_models").set_value(["knn", "logreg"])
    at.multiselect(key="cmp_treatments").set_value(["smote", "rus"])
    run_page(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "using k = 1" in warnings  # 2 minority rows in a training fold
    assert "Fitting failed" in warnings  # kNN with 4 under-sampled rows
    assert len(at.dataframe[0].value) == 5  # the failed pair is named under the table, not listed in it
    assert "k-nearest neighbours with Random under-sampling" in " ".join(c.value for c in at.caption)

    _set_data(at, Dataset(np.arange(40.0).reshape(20, 2), np.array([0] * 19 + [1]), ["a", "b"]))
    at.run()
    assert not at.exception
    assert "single row" in at.error[0].value


def test_multiclass_data_states_how_it_is_scored(app):
    at = app(PAGE)
    from smote_viz.data import generate

    _set_data(at, generate("blobs", 300, 0.3, 0.3, n_classes=3, random_state=1))
    at.run()
    assert "one-vs-rest" in at.info[0].value
    at.multiselect(key="cmp_models").set_value(["logreg", "dummy"])
    at.multiselect(key="cmp_treatments").set_value(["smote", "threshold"])
    run_page(at)
    table = at.dataframe[0].value
    # Threshold moving cannot run with three classes: those pairs are named under the table, not listed in it.
    assert len(table) == 4 and "Threshold moving" not in set(table["Treatment"])
    assert "two classes only" in " ".join(w.value for w in at.warning)
    captions = " ".join(c.value for c in at.caption)
    assert "could not run" in captions and "Logistic regression with Threshold moving" in captions
    assert "other classes" in json.dumps(charts(at)[1]["data"][0]["y"])


# --- the chosen minority is not the smallest class -------------------------------------------------------------------
def test_minority_set_to_the_majority_class_is_stated_truthfully(app):
    """Default data (180 of class 0, 20 of class 1) with class 0 chosen as minority on the Data page."""
    ds = default_dataset().with_minority(0)
    at = app(PAGE)
    _set_data(at, ds)
    at.run()
    warning = " ".join(w.value for w in at.warning)
    assert "is the largest class here" in warning and "class 1 is the smallest (20 rows)" in warning
    assert "The positive class is the minority" not in markdown_text(at)
    at.multiselect(key="cmp_models").set_value(["logreg", "knn"])  # no dummy: the paradox from the test counts
    run_page(at)
    text = markdown_text(at)
    expected = compare(ds, CompareSettings(classifiers="logreg,knn"))
    n_pos = expected.test_counts["0"]
    # Always answering the majority (class 0) finds every class 0 row: never "recall 0.0%" or "none of".
    assert "recall would be 0.0%" not in text and "none of the" not in text
    assert f"would find all {n_pos} class 0 rows (recall 100.0%)" in text
    # The confusion matrices name both classes, each once per axis.
    confusion = charts(at)[1]["data"][0]
    assert list(confusion["x"]) == ["predicted class 1", "predicted class 0"]
    assert list(confusion["y"]) == ["true class 1", "true class 0"]
    model = at.selectbox(key="cmp_cm_model").value
    before = expected.unit(model, "none").holdout
    assert f"among {before.tn + before.fp} rows of class 1" in text
    assert "rows of class 0" not in text


def test_minority_set_to_the_majority_class_with_the_dummy(app):
    ds = default_dataset().with_minority(0)
    at = app(PAGE)
    _set_data(at, ds)
    at.run()
    at.multiselect(key="cmp_models").set_value(["logreg", "dummy"])
    at.select_slider(key="cmp_folds").set_value(0)
    run_page(at)
    text = markdown_text(at)
    dummy = compare(ds, CompareSettings(classifiers="logreg,dummy", cv_folds=0)).unit("dummy", "none").holdout
    assert dummy.recall == 1.0  # the library's own result: the dummy answers class 0 and finds all of it
    assert f"finds all {dummy.tp} class 0 rows (recall 100.0%)" in text
    assert "minority rows" not in text and "yet its recall" not in text


# --- more than two classes, string labels from a CSV ------------------------------------------------------------------
def test_four_classes_run_with_the_minority_against_the_rest(app):
    from smote_viz.data import generate

    ds = generate("blobs", 400, 0.3, 0.5, n_classes=4, random_state=2)
    assert len(ds.counts) == 4
    at = app(PAGE)
    _set_data(at, ds)
    at.run()
    info = " ".join(i.value for i in at.info)
    assert "This data has 4 classes" in info and "one-vs-rest" in info
    at.multiselect(key="cmp_models").set_value(["logreg", "knn", "dummy"])
    at.select_slider(key="cmp_folds").set_value(0)  # no cross-validation: keeps the test fast
    run_page(at)
    settings = CompareSettings(classifiers="logreg,knn,dummy", cv_folds=0)
    expected = compare(ds, settings)
    table = at.dataframe[0].value
    np.testing.assert_allclose(table["Recall"], expected.table()["Recall"])
    confusion = charts(at)[1]["data"][0]
    assert list(confusion["x"]) == ["predicted other classes", f"predicted class {ds.minority}"]
    text = markdown_text(at)
    assert "rows of other classes" in text
    dummy = expected.unit("dummy", "none").holdout
    assert f"yet its recall is 0.0%: it finds 0 of the {dummy.fn} minority rows" in text


def test_an_uploaded_csv_with_string_labels(app):
    from pathlib import Path

    csv = Path(__file__).resolve().parent / "data" / "good" / "plain.csv"
    at = app("pages/data.py")
    at.radio[0].set_value("Upload a CSV").run()
    at.file_uploader[0].set_value((csv.name, csv.read_bytes(), "text/csv")).run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "class churn" in markdown_text(at)
    at.multiselect(key="cmp_models").set_value(["logreg", "dummy"])
    run_page(at)
    text = markdown_text(at)
    assert "The positive class is the minority, **class churn**" in text
    confusion = charts(at)[1]["data"][0]
    assert list(confusion["x"]) == ["predicted class stay", "predicted class churn"]
    assert "rows of class stay" in text
    assert "MINORITY = 'churn'" in at.code[0].value
    assert not at.warning or all("Fitting failed" not in w.value for w in at.warning)


# --- the article replay -------------------------------------------------------------------------------------------
def test_the_article_replay_offers_the_sample_and_shows_the_article_beside_this_run(app):
    at = app("pages/compare.py", timeout=600)
    replay = [e for e in at.expander if e.label.startswith("Replay the article")]
    assert len(replay) == 1
    needs = markdown_text(at).replace("\\", "")
    assert "The replay needs the article's data: the feature columns CreditScore" in needs
    at.button(key="article_sample").click().run()
    assert not at.exception
    ds = at.session_state[DATASET_KEY]
    assert ds.name == "bank_churn_sample.csv" and ds.label_name == "Exited"
    table = at.dataframe[0].value  # the only table before a comparison runs
    assert list(table["Metric"]) == ["Accuracy before SMOTE", "Recall before SMOTE", "Precision before SMOTE",
                                     "Accuracy after SMOTE", "Recall after SMOTE", "Precision after SMOTE"]
    assert list(table["Article"][[0, 1, 4]]) == ["84.70 %", "44.82 %", "63.61 %"]
    ours = [float(v.rstrip(" %")) for v in table["Article's split"]]
    assert ours[4] >= ours[1] + 10 and ours[3] < ours[0]  # recall up 10 points or more, accuracy down
    text = markdown_text(at)
    assert "Model: XGBoost" in text or "HistGradientBoostingClassifier" in text
    assert "One lucky split?" in text and "Precision and the confusion matrices." in text
    assert "XGBoost's defaults changed" in " ".join(i.value for i in at.info)
    spread = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in spread["data"] if t.get("mode") == "markers"] == ["recall before SMOTE",
                                                                                 "recall after SMOTE"]
    confusion = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert [a["text"] for a in confusion["layout"]["annotations"]][0].startswith("Before SMOTE (recall")
    assert "SMOTE(sampling_strategy=\"minority\")" in at.code[0].value
