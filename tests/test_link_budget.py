"""Issue 12: a shared link may restore any settings, but work above the budget waits for a click that says how
long it will take; a link alone never starts minutes of work."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import smote_viz.family.ui as family_ui
from smote_viz.compare import cost
from smote_viz.compare.evaluate import CompareSettings
from smote_viz.data import Dataset, generate
from smote_viz.family import GalleryParams

ROOT = Path(__file__).resolve().parents[1]
HEAVY_COMPARE = {
    "shape": "moons", "n": "5000", "minority": "0.3", "classes": "4", "noise": "0.5",
    "models": "logreg,knn,tree,forest,hgb,svm,dummy", "treat": "none,smote,ros,rus,weight,threshold",
    "folds": "10", "repeats": "5", "leaky": "1",
}


def open_link(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def panels(monkeypatch):
    """Every SMOTE-family panel the page runs for the grid (the step-through tab's one cheap run, a sampler
    without scoring, is not counted)."""
    calls = []
    original = family_ui.run_variant  # the family page's panels run through its ui module

    def counting(key, *args, **kwargs):
        if kwargs.get("with_evaluation", True):
            calls.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(family_ui, "run_variant", counting)
    return calls


def infos(at) -> str:
    return " ".join(i.value for i in at.info)


def test_the_issue_link_is_estimated_as_minutes():
    ds = generate(shape="moons", n_samples=5000, minority_fraction=0.3, noise=0.5, n_classes=4, random_state=7)
    settings = CompareSettings(classifiers=HEAVY_COMPARE["models"], treatments=HEAVY_COMPARE["treat"], cv_folds=10,
                               cv_repeats=5, leaky=True)
    assert cost.compare_seconds(settings, ds) > 10 * cost.LINK_BUDGET_S


def test_a_heavy_compare_link_restores_its_settings_but_waits_for_a_click(fits):
    at = open_link("pages/compare.py", HEAVY_COMPARE)
    assert fits == [], "nothing is fitted before the click"
    assert "press **Run comparison**" in infos(at) and "of computing" in infos(at)
    assert at.multiselect(key="cmp_models").value == HEAVY_COMPARE["models"].split(",")
    assert at.select_slider(key="cmp_folds").value == 10 and at.toggle(key="cmp_leaky").value is True
    assert at.query_params["folds"] in ("10", ["10"]), "the link stays as it was"
    at.run()
    assert fits == [], "a rerun (another widget) does not start it either"


def test_a_light_compare_link_runs_at_once(fits):
    at = open_link("pages/compare.py", {"models": "logreg,dummy", "treat": "none,smote", "folds": "0"})
    assert len(fits) == 4
    assert "press **Run comparison**" not in infos(at)


def test_over_the_budget_the_click_runs_it(fits, monkeypatch):
    monkeypatch.setattr(cost, "LINK_BUDGET_S", 0.001)
    at = open_link("pages/compare.py", {"models": "logreg,dummy", "treat": "none,smote", "folds": "0"})
    assert fits == []
    at.button(key="FormSubmitter:compare_form-Run comparison").click().run()
    assert not at.exception
    assert len(fits) == 4
    assert "press **Run comparison**" not in infos(at)


def test_a_heavy_family_link_waits_for_a_click(panels):
    at = open_link("pages/variants.py", {"shape": "moons", "n": "5000", "minority": "0.3", "classes": "4",
                                         "vclf": "svm"})
    assert panels == [], "no sampler runs before the click"
    assert "of computing" in infos(at)
    assert not [c for c in at.get("plotly_chart") if "variants_gallery" in str(c.proto.id)]
    assert at.button(key="variants.confirm").label.startswith("Run the samplers (about")


def test_over_the_budget_the_family_click_runs_it_and_later_runs_need_no_click(panels, monkeypatch):
    monkeypatch.setattr(cost, "LINK_BUDGET_S", 0.001)
    at = open_link("pages/variants.py", {"vpanels": "smote,rus"})
    assert panels == []
    at.button(key="variants.confirm").click().run()
    assert not at.exception
    assert panels == ["smote", "rus"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["data"]) > 0
    at.run()
    assert "of computing" not in infos(at), "one click per dataset"


def test_family_estimates_grow_with_the_data_and_the_classifier():
    small = generate(shape="blobs", n_samples=200, minority_fraction=0.1, noise=0.3, n_classes=2, random_state=7)
    big = generate(shape="moons", n_samples=5000, minority_fraction=0.3, noise=0.5, n_classes=4, random_state=7)
    assert not cost.over_budget(cost.gallery_seconds(GalleryParams(), small))
    assert cost.gallery_seconds(GalleryParams(), big) > cost.gallery_seconds(GalleryParams(), small)
    assert cost.gallery_seconds(GalleryParams(classifier="svm"), big) > cost.gallery_seconds(GalleryParams(), big)


def test_compare_estimates_grow_with_the_feature_count():
    rng = np.random.default_rng(0)
    y = (rng.random(2000) < 0.15).astype(int)
    narrow = Dataset(rng.normal(size=(2000, 2)), y, ["a", "b"])
    wide = Dataset(rng.normal(size=(2000, 199)), y, [f"f{i}" for i in range(199)])
    settings = CompareSettings(classifiers="tree,hgb", treatments="none,smote", cv_folds=5)
    assert cost.compare_seconds(settings, wide) > 10 * cost.compare_seconds(settings, narrow)


@pytest.mark.parametrize(("seconds", "text"), [(0.2, "about 1 s"), (9.1, "about 10 s"), (89, "about 89 s"),
                                               (91, "about 2 min"), (2700, "about 45 min")])
def test_durations_are_rounded_up(seconds, text):
    assert cost.duration_text(seconds) == text


def test_every_classifier_on_offer_has_a_fit_cost():
    # XGBoost is offered where it imports; a classifier without a cost crashed the page (KeyError: 'xgb').
    from smote_viz.compare.evaluate import CLASSIFIERS

    assert set(CLASSIFIERS) <= set(cost.FIT_COST)
    ds = generate(shape="moons", n_samples=300, minority_fraction=0.2, noise=0.3, random_state=1)
    for key in CLASSIFIERS:
        assert cost.compare_seconds(CompareSettings(classifiers=key, treatments="none,smote"), ds) > 0


@pytest.mark.skipif("xgb" not in __import__("smote_viz.compare.evaluate", fromlist=["CLASSIFIERS"]).CLASSIFIERS,
                    reason="XGBoost does not import here")
def test_a_link_with_xgboost_runs_it(fits):
    at = open_link("pages/compare.py", {"models": "xgb", "treat": "none,smote", "folds": "0"})
    assert not at.exception
    assert sorted(fits) == [("xgb", "none"), ("xgb", "smote")]
    assert "XGBoost" in " ".join(m.value for m in at.markdown)
