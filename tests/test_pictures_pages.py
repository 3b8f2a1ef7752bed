"""The pictures added for ideas that were only words: Home's glance, Data's stretch and ring defaults, Step
through's minority-only counterfactual (AppTest)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from smote_viz.data import default_dataset
from smote_viz.smote import trace_smote
from smote_viz.stepper.landing import minority_only
from smote_viz.ui import DATASET_KEY
from tests.plotly_json import arr, trace_by_name


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_home_starts_with_smote_at_a_glance_on_the_current_data(app):
    at = app()
    assert not at.exception
    charts = specs(at)
    assert len(charts) == 1
    glance = charts[0]
    assert len(glance["frames"]) == 4 * 4 + 1  # four synthetic points, four phases each, and the start
    assert glance["layout"]["sliders"][0]["active"] == 4  # resting on the first new point
    ds = default_dataset()
    trace = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
    points = trace_by_name(glance, "highlighted points")
    assert arr(points["x"])[-1] == pytest.approx(trace.new_points[0, 0], rel=1e-6)  # x_new of the first point
    assert "x_new = x_i + λ·(x_zi − x_i)" in " ".join(c.value for c in at.caption)
    links = at.get("page_link")
    assert links[0].proto.page == "lesson"  # the guided lesson is the first link


def test_home_says_so_when_smote_has_nothing_to_make(app):
    at = app(query={"minority": "0.5"})  # 100 against 100
    assert not at.exception
    assert not at.get("plotly_chart")
    assert "makes no new points" in at.info[0].value


def test_stretching_x2_on_the_data_page_shows_raw_against_standardised_neighbours(app):
    at = app("pages/data.py")
    assert len(at.get("plotly_chart")) == 2  # the scatter and the counts: no comparison without a stretch
    at.select_slider(key="data.stretch").set_value(100.0).run()
    assert not at.exception
    ds = at.session_state[DATASET_KEY]
    np.testing.assert_allclose(ds.X[:, 1], 100 * default_dataset().X[:, 1])
    assert at.query_params["stretch"] in ("100", ["100"])
    scaling = specs(at)[2]
    assert [a["text"] for a in scaling["layout"]["annotations"]][:2] == [
        "Raw units (SMOTE's distance)", "Standardised units"]
    text = " ".join(m.value for m in at.markdown)
    assert "nearest neighbours change** when the features are standardised" in text


def test_a_link_with_the_stretch_rebuilds_it(app):
    at = app("pages/data.py", query={"stretch": "1000"})
    assert at.select_slider(key="data.stretch").value == 1000.0
    assert "x2 × 1000" in at.session_state[DATASET_KEY].name
    assert len(at.get("plotly_chart")) == 3


def test_choosing_the_ring_brings_its_defaults_and_leaving_it_drops_them(app):
    at = app("pages/data.py")
    at.selectbox(key="data.shape").set_value("ring").run()
    assert not at.exception
    assert at.slider(key="data.minority").value == 0.04
    assert at.session_state[DATASET_KEY].counts == {0: 192, 1: 8}
    assert "Choosing it sets the minority share to 0.04" in " ".join(c.value for c in at.caption)
    at.slider(key="data.noise").set_value(0.5).run()  # a setting the ring has no default for stays
    at.selectbox(key="data.shape").set_value("moons").run()
    assert at.slider(key="data.minority").value == 0.1 and at.slider(key="data.noise").value == 0.5


def test_a_link_naming_only_the_ring_opens_it_with_its_defaults(app):
    at = app("pages/stepper.py", query={"shape": "ring"})
    assert not at.exception
    assert at.session_state[DATASET_KEY].counts == {0: 192, 1: 8}


def test_step_through_answers_why_neighbours_are_minority_only(app):
    at = app("pages/stepper.py")
    assert not at.exception
    expander = next(e for e in at.expander if "only among the minority" in e.label)
    chart = json.loads(expander.get("plotly_chart")[0].proto.spec)
    ds = default_dataset()
    result = minority_only(ds.X2, ds.y, k_neighbors=5, random_state=0)
    titles = [a["text"] for a in chart["layout"]["annotations"]]
    assert f"{result.landed_smote} of 160" in titles[0] and f"{result.landed_every} of 160" in titles[1]
    assert result.landed_every > result.landed_smote
    words = " ".join(m.value for m in expander.markdown)
    assert "This is why SMOTE looks for neighbours only among the minority" in words
    # The stepper's own figure is still the first chart on the page.
    assert trace_by_name(specs(at)[0], "highlighted points")
