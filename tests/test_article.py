"""The article replay (smote_viz.compare.article) and the churn-shaped data it runs on, with XGBoost and without it;
on the Compare page, its sample button (what it says, the comparison it clears, the way back) and its words, whose
numbers must be the ones its own table shows."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from dataclasses import replace
from pathlib import Path

import imblearn
import numpy as np
import pandas as pd
import pytest
import sklearn

from smote_viz import ui as shared_ui
from smote_viz.compare import article, boosting
from smote_viz.compare import ui as compare_ui
from smote_viz.compare.article_figures import spread_figure
from smote_viz.compare.evaluate import CompareSettings
from smote_viz.data import Dataset, load_csv
from smote_viz.data.churn import HEADER, churn_csv, churn_frame
from tests.plotly_json import arr

CHURN_FILE = Path(__file__).resolve().parent / "data" / "good" / "bank_churn_like.csv"
HAS_XGBOOST = boosting.xgboost_version() is not None


@pytest.fixture(scope="module")
def churn() -> Dataset:
    return load_csv(CHURN_FILE)


@pytest.fixture
def no_xgboost(monkeypatch):
    """XGBoost made unimportable, as on a machine without it."""
    boosting.xgboost_version.cache_clear()
    monkeypatch.setitem(sys.modules, "xgboost", None)  # "import xgboost" now raises ImportError
    yield
    boosting.xgboost_version.cache_clear()


# --- the churn-shaped file ----------------------------------------------------------------------------------------
def test_the_committed_file_is_the_generators_output():
    assert CHURN_FILE.read_bytes() == churn_csv()


def test_the_sample_looks_like_the_articles_file():
    df = pd.read_csv(CHURN_FILE)
    assert tuple(df.columns) == HEADER and len(df) == 10_000
    assert df["CustomerId"].is_unique and not df["CustomerId"].is_monotonic_increasing
    assert df["CreditScore"].between(350, 850).all() and df["Age"].between(18, 92).all()
    assert 0.33 < (df["Balance"] == 0).mean() < 0.39
    assert set(df["NumOfProducts"]) == {1, 2, 3, 4} and set(df["HasCrCard"]) == set(df["IsActiveMember"]) == {0, 1}
    assert 0.18 < df["Exited"].mean() < 0.22
    # Exits depend on age, activity and products as in the real table: the 50s leave most, active members
    # less, two products least and four products nearly always.
    by_age = df.groupby(pd.cut(df["Age"], [17, 30, 40, 50, 60, 92]), observed=True)["Exited"].mean()
    assert by_age.idxmax().left == 50 and by_age.iloc[0] < 0.15
    active = df.groupby("IsActiveMember")["Exited"].mean()
    assert active[0] > active[1] + 0.05
    products = df.groupby("NumOfProducts")["Exited"].mean()
    assert products[2] < products[1] < products[3] < products[4]
    assert churn_frame(500, seed=3).equals(churn_frame(500, seed=3))


def test_the_file_loads_with_the_articles_features_and_two_different_view_columns(churn):
    assert churn.feature_names == list(article.FEATURES)
    assert churn.label_name == "Exited" and churn.counts[1] / churn.n_samples == pytest.approx(0.2, abs=0.02)
    x, y = churn.view_names
    assert x != y and (x, y) == ("CreditScore", "Age")
    notes = " ".join(churn.notices)
    assert "RowNumber (its name; numbered 1, 2, 3, ... one per row)" in notes
    assert "CustomerId (its name; a different whole number in every row)" in notes
    assert "Surname (480 different values), Geography (3 categories), Gender (2 categories)" in notes
    assert "SMOTENC" in notes


# --- the replay -----------------------------------------------------------------------------------------------------
def _check_the_articles_pattern(result):
    assert set(result.before) == set(result.after) == {"accuracy", "recall", "precision"}
    assert result.after["recall"] >= result.before["recall"] + 0.10  # recall up by at least 10 points
    assert result.after["accuracy"] < result.before["accuracy"]  # accuracy down
    assert result.after["precision"] < result.before["precision"]
    assert result.n_train == 8_000 and result.n_test == 2_000
    assert result.resampled_counts[0] == result.resampled_counts[1] == result.train_counts[0]
    m = result.before_metrics
    assert m.tp + m.fn == result.n_test - (m.tn + m.fp) and m.recall == pytest.approx(m.tp / (m.tp + m.fn))


@pytest.mark.skipif(not HAS_XGBOOST, reason="XGBoost is not installed")
def test_auto_replays_with_xgboost_when_it_imports(churn):
    result = article.replay(churn)
    assert result.model_key == "xgboost" and result.model.startswith(f"XGBoost {boosting.xgboost_version()}")
    _check_the_articles_pattern(result)
    assert "as in the article" in article.model_sentence(result)


def test_without_xgboost_auto_falls_back_to_histgradientboosting(churn, no_xgboost):
    assert boosting.xgboost_version() is None
    assert article.model_key("auto") == "hgb"
    with pytest.raises(ValueError, match="not installed"):
        article.model_key("xgboost")
    result = article.replay(churn)
    assert result.model_key == "hgb" and "HistGradientBoostingClassifier" in result.model
    _check_the_articles_pattern(result)
    assert "is not installed here" in article.model_sentence(result)


def test_the_replay_uses_the_articles_split_and_its_whole_number_columns(churn):
    """Same split as train_test_split(X, y, test_size=0.2, random_state=1) on the file's rows; SMOTE on integer
    columns gives whole numbers back, as the article's DataFrame did, and that is what lifts recall."""
    frame, y, integers = article.recipe_data(churn)
    assert integers == ("CreditScore", "Age", "Tenure", "NumOfProducts", "HasCrCard", "IsActiveMember")
    raw = pd.read_csv(CHURN_FILE)
    assert frame.equals(raw[list(article.FEATURES)]) and np.array_equal(y, raw["Exited"])
    result = article.replay(churn, model="hgb", decimals=True)
    assert result.train_counts == {0: 6_455, 1: 1_545}
    assert result.after_decimals["recall"] < result.after["recall"] - 0.05
    assert "truncated to whole numbers" in article.truncation_sentence(result)


def test_a_stratified_split_keeps_the_exit_share_in_the_test_part(churn):
    result = article.replay(churn, model="hgb", stratify=True)
    positives = result.before_metrics.tp + result.before_metrics.fn
    assert positives == round(0.2 * churn.counts[1])


def test_repeated_splits_show_the_spread_and_answer_the_lucky_split_question(churn):
    spread = article.repeated_splits(churn, model="hgb", n_splits=4)
    assert spread.seeds == (0, 1, 2, 3)
    on_the_articles_split = article.replay(churn, model="hgb")  # split 1 is exactly the replay, SMOTE seeded alike
    assert spread.recall_before[1] == on_the_articles_split.before["recall"]
    assert spread.recall_after[1] == on_the_articles_split.after["recall"]
    assert (spread.gains > 0.1).all()
    sentence = article.spread_sentence(spread)
    assert "SMOTE raised recall on 4 of 4 splits" in sentence and "18.79 points" in sentence
    fig = spread_figure(spread).to_plotly_json()
    markers = [t for t in fig["data"] if t.get("mode") == "markers"]
    assert [t["name"] for t in markers] == ["recall before SMOTE", "recall after SMOTE"]
    assert np.allclose(arr(markers[1]["x"]), np.array(spread.recall_after) * 100, atol=1e-4)
    assert markers[0]["marker"]["symbol"] != markers[1]["marker"]["symbol"]
    labels = [a["text"] for a in fig["layout"]["annotations"]]
    assert labels == ["article before: 44.82 %", "article after: 63.61 %"]
    table = article.comparison_table(article.replay(churn, model="hgb"), article.replay(churn, model="hgb",
                                     stratify=True), spread)
    assert list(table["Article"])[:2] == ["84.70 %", "44.82 %"] and list(table["Metric"])[4] == "Recall after SMOTE"
    assert table.iloc[4]["Article"] == "63.61 %"


def test_data_without_the_articles_columns_says_what_the_replay_needs():
    ds = load_csv(b"a,b,label\n" + b"".join(f"{i},{i % 7},{i % 5 == 0}\n".encode() for i in range(60)))
    problem = article.replay_problem(ds)
    assert "CreditScore" in problem and "lacks the feature column(s)" in problem and "'label' instead of 'Exited'" in problem
    assert "bank-churn-shaped sample" in problem
    with pytest.raises(ValueError, match="needs the article's data"):
        article.replay(ds)


def test_the_reported_figures_are_the_articles():
    assert article.REPORTED == {"accuracy_before": 0.8470, "recall_before": 0.4482, "recall_after": 0.6361}


# --- the replay's words: this run's numbers and versions, never pasted ------------------------------------------------
PERCENT = re.compile(r"(\d+\.\d\d) ?%")
ARTICLES_OWN = {"84.70", "44.82", "63.61", "20.37"}  # the article's reported figures and its share of exits


def test_the_pages_words_hold_no_measured_percentage():
    """Every percentage written in the replay's code is one of the article's own figures: what this run measured
    is formatted from the run, so no figure measured elsewhere (another version, another file) can be pasted in."""
    sources = [Path(article.__file__).read_text(), Path(spread_figure.__code__.co_filename).read_text(),
               inspect.getsource(compare_ui.article_section), inspect.getsource(compare_ui.loaded_notice)]
    written = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                written |= set(PERCENT.findall(node.value))
    assert written <= ARTICLES_OWN, written - ARTICLES_OWN
    assert not hasattr(article, "VERSIONS_NOTE")


def table_cell(table: pd.DataFrame, metric: str, column: str) -> str:
    return table.loc[table["Metric"] == metric, column].item()


def span(cell: str) -> tuple[str, str]:
    """ "41.05 to 45.11 %" -> ("41.05", "45.11")."""
    low, high = re.fullmatch(r"(\d+\.\d\d) to (\d+\.\d\d) %", cell).groups()
    return low, high


def check_words_against_the_table(note: str, table: pd.DataFrame, model_key: str) -> None:
    """The replay's note states the installed versions (or that XGBoost is not installed) and, for this run, only
    numbers its own table shows, each where the table shows it."""
    xgb = boosting.xgboost_version()
    if model_key == "xgboost":
        assert f"XGBoost {xgb} (`XGBClassifier()` with its defaults)" in note
    elif xgb is None:
        assert "XGBoost is not installed" in note and "HistGradientBoostingClassifier" in note
    assert f"imbalanced-learn {imblearn.__version__}" in note and f"scikit-learn {sklearn.__version__}" in note
    # Every percentage is the article's own or one the table shows.
    shown = set(re.findall(r"\d+\.\d\d", " ".join(table.astype(str).to_numpy().ravel())))  # ranges too
    stated = PERCENT.findall(note)
    assert stated and set(stated) <= shown | ARTICLES_OWN, set(stated) - shown - ARTICLES_OWN
    # ... and each is the table's number for what the sentence says it is.
    split = "Article's split"
    assert (f"accuracy {table_cell(table, 'Accuracy before SMOTE', split)} before SMOTE (the article: 84.70 %)"
            in note)
    assert (f"recall {table_cell(table, 'Recall before SMOTE', split)} before, "
            f"{table_cell(table, 'Recall after SMOTE', split)} after (the article: 44.82 % and 63.61 %)" in note)
    splits = next(c for c in table.columns if c.endswith("splits: range"))
    n = splits.split()[0]
    before, after = span(table_cell(table, "Recall before SMOTE", splits)), span(table_cell(table, "Recall after SMOTE", splits))
    assert (f"Over {n} random splits (random_state 0 to {int(n) - 1};" in note
            and f"recall before SMOTE ranged from {before[0]} % to {before[1]} % and after from {after[0]} % to "
            f"{after[1]} %" in note)
    draws = next(c for c in table.columns if c.endswith(" SMOTE draws"))
    low, high = span(table_cell(table, "Recall after SMOTE", draws))
    assert f"{draws.split()[0]} draws (random_state 0 to" in note and f"recall after SMOTE from {low} % to {high} %." in note
    assert table_cell(table, "Recall before SMOTE", draws) == ""  # SMOTE's draw does not touch the model before it


def _replayed(churn, model, n=4):
    replayed = article.replay(churn, model=model, decimals=True)
    stratified = article.replay(churn, model=model, stratify=True)
    spread = article.repeated_splits(churn, model=model, n_splits=n)
    draws = article.smote_draws(churn, model=model, n_draws=n)
    return replayed, spread, draws, article.comparison_table(replayed, stratified, spread, draws)


@pytest.fixture(scope="module")
def hgb_run(churn):
    """The replay with HistGradientBoosting, as without XGBoost, on 3 splits and 3 draws."""
    return _replayed(churn, "hgb", n=3)


def test_smote_draws_change_only_smotes_seed_on_the_articles_split(churn):
    draws = article.smote_draws(churn, model="hgb", n_draws=3)
    assert draws.seeds == (0, 1, 2)
    replayed = article.replay(churn, model="hgb")
    assert draws.recall_after[0] == replayed.after["recall"]  # draw 0 is the replay's SMOTE
    assert draws.recall_after[1] == article.replay(churn, model="hgb", smote_seed=1).after["recall"]
    assert len(set(draws.recall_after)) > 1  # the draw alone moves recall


def test_the_replays_words_state_the_installed_versions_and_the_numbers_of_its_table(churn):
    replayed, spread, draws, table = _replayed(churn, "auto")
    note = article.differences_note(replayed, spread, draws, on_sample=True)
    check_words_against_the_table(note, table, replayed.model_key)
    for cause in ("**SMOTE's draw.**", "had no random_state", "`hist`", "`base_score`", "**Whole-number columns.**",
                  "truncates", "**How large these differences are.**", "XGBoost's defaults changed"):
        assert cause in note
    assert "bank-churn-shaped sample, made-up customers" in note
    assert "bank-churn-shaped sample" not in article.differences_note(replayed, spread, draws, on_sample=False)


def test_without_xgboost_the_words_say_so_and_still_quote_the_table(hgb_run, no_xgboost):
    replayed, spread, draws, table = hgb_run
    assert article.model_key() == "hgb" and article.installed_versions()["xgboost"] is None
    note = article.differences_note(replayed, spread, draws, on_sample=True)
    check_words_against_the_table(note, table, "hgb")
    assert "**Another model.** XGBoost is not installed here" in note and "XGBoost's defaults changed" in note
    assert "XGBoost 3" not in note and "XGBoost 2" not in note


def test_the_words_say_which_of_the_articles_figures_this_run_matches(hgb_run):
    replayed, spread, draws, _ = hgb_run
    reported = {"accuracy": article.REPORTED["accuracy_before"], "recall": article.REPORTED["recall_before"]}
    same_before = replace(replayed, before={**replayed.before, **reported})
    note = article.differences_note(same_before, spread, draws, on_sample=False)
    assert "Here recall after SMOTE differs from the article's, for these reasons:" in note
    both = replace(same_before, after={**replayed.after, "recall": article.REPORTED["recall_after"]})
    note = article.differences_note(both, spread, draws, on_sample=False)
    assert "All three equal the article's; these could still have moved them:" in note
    assert "accuracy 84.70 % before SMOTE (the article: 84.70 %)" in note
    note = article.differences_note(replayed, spread, draws, on_sample=False)
    assert "Here accuracy before SMOTE, recall before SMOTE and recall after SMOTE differ" in note


def test_the_versions_in_the_words_are_the_ones_given(hgb_run):
    replayed, spread, draws, _ = hgb_run
    versions = {"xgboost": None, "imbalanced-learn": "9.8.7", "scikit-learn": "6.5.4"}
    note = article.differences_note(replayed, spread, draws, on_sample=False, versions=versions)
    assert "imbalanced-learn 9.8.7, scikit-learn 6.5.4" in note and "XGBoost is not installed here" in note
    versions["xgboost"] = "1.2.3"
    note = article.differences_note(replayed, spread, draws, on_sample=False, versions=versions)
    assert "in place of XGBoost" in note and "installed XGBoost 1.2.3" in note


# --- on the Compare page: the sample button ------------------------------------------------------------------------------
def sample_notice(at) -> str:
    [notice] = at.success
    return notice.value.replace("\\", "")  # markdown escapes out


def test_the_sample_button_says_what_it_loaded_where_it_was_pressed_and_the_way_back(app):
    at = app("pages/compare.py", timeout=900)
    before = at.session_state[shared_ui.DATASET_KEY]
    at.button(key="article_sample").click().run()
    assert not at.exception
    assert at.session_state[shared_ui.DATASET_KEY].name == "bank_churn_sample.csv"
    # In the replay's box, where the button was: what was loaded, in place of what, every page, the way back.
    [replay] = [e for e in at.expander if e.label.startswith("Replay the article")]
    words = " ".join(a.value for a in replay.success).replace("\\", "")
    assert words == sample_notice(at)
    assert "Loaded the bank-churn-shaped sample** (bank_churn_sample.csv: 10,000 made-up customers" in words
    assert f"in place of the previous data, *{before.name}*" in words
    assert "It is now the data on every page" in words and "choose other data on the Data page" in words
    assert "cleared" not in words  # no comparison had been run
    assert at.button(key="article_back").label == "Back to the previous data"

    # The replay's words: this run's numbers, as its own table shows them, and the installed versions.
    [note] = [i.value for i in at.info if i.value.startswith("**Why this run's figures can differ")]
    check_words_against_the_table(note, at.dataframe[0].value, "xgboost" if boosting.xgboost_version() else "hgb")

    at.run()  # the notice stays while the sample is the data
    assert not at.exception and "Loaded the bank-churn-shaped sample" in sample_notice(at)

    at.button(key="article_back").click().run()
    assert not at.exception
    assert at.session_state[shared_ui.DATASET_KEY].fingerprint == before.fingerprint
    assert len(at.success) == 0 and at.query_params.get("shape") == "blobs" and "data" not in at.query_params
    assert any("The replay needs the article's data" in m.value.replace("\\", "") for m in at.markdown)


def test_the_sample_button_clears_the_comparison_run_on_the_previous_data(app):
    at = app("pages/compare.py", timeout=900)
    at.session_state["cmp_models"] = ["logreg"]  # a quick comparison on the default data first
    at.button[0].click().run()
    assert not at.exception and len(at.metric) == 3
    assert "models" in at.query_params and compare_ui.SETTINGS_KEY in at.session_state

    at.button(key="article_sample").click().run()
    assert not at.exception
    # The comparison run on the old data is gone: no numbers, no settings, nothing in the URL to rerun it from
    # (the page does not quietly rerun it on the sample either), and the form starts afresh.
    assert len(at.metric) == 0 and len(at.dataframe) == 1  # only the replay's table
    assert compare_ui.SETTINGS_KEY not in at.session_state and "models" not in at.query_params
    assert any(i.value.startswith("Choose classifiers and treatments, then press **Run comparison**") for i in at.info)
    assert at.session_state["cmp_models"] == list(CompareSettings().classifier_keys)
    assert "The comparison on this page was run on the previous data, so its settings and results were cleared" in (
        sample_notice(at))


def test_the_comparison_table_holds_no_cell_a_spreadsheet_runs_as_a_formula(hgb_run):
    """The Compare page shows this table, and Streamlit's table toolbar downloads it as CSV with the cells as
    shown: no text cell may start like a formula (=, +, -, @, a tab or a carriage return)."""
    from smote_viz.export import is_formula

    table = hgb_run[3]
    cells = [*map(str, table.columns), *(cell for cell in table.to_numpy().ravel() if isinstance(cell, str))]
    assert len(cells) > 20 and [cell for cell in cells if is_formula(cell)] == []
