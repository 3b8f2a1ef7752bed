"""The article replay (smote_viz.compare.article) and the churn-shaped data it runs on, with XGBoost and without it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smote_viz.compare import article, boosting
from smote_viz.compare.article_figures import spread_figure
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
    assert spread.recall_before[1] == article.replay(churn, model="hgb", smote_seed=1).before["recall"]
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
    assert "84.95 %" in article.VERSIONS_NOTE and "42.86 %" in article.VERSIONS_NOTE
