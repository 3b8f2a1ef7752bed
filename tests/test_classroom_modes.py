"""Presenter and predict-first modes: read from the link, kept in it, and projector-sized figures."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go

from smote_viz.data import default_dataset
from smote_viz.figures.common import PROJECTOR_FONT, PROJECTOR_TICKS, projector_sized
from smote_viz.smote import trace_smote
from smote_viz.state import ClassroomModes, from_query
from smote_viz.stepper.predict import DANGER, NEIGHBOURS, Answer
from smote_viz.stepper.settings import SPEEDS
from smote_viz.stepper.ui import ANSWERS_KEY
from smote_viz.ui import EXIT_KEY as EXIT
from tests.plotly_json import arr
from tests.stepping import FAMILY_CHART, FAMILY_KEY, Stepping

STEPPER = "pages/stepper.py"
VARIANTS = "pages/variants.py"


def test_modes_round_trip_through_the_link_and_only_the_ones_on_are_written():
    assert ClassroomModes().query() == {}
    assert ClassroomModes(present=True).query() == {"present": "1"}
    modes, problems = from_query(ClassroomModes, {"present": ["1"], "predict": "0"})
    assert modes == ClassroomModes(present=True, predict=False) and problems == []
    modes, problems = from_query(ClassroomModes, {"present": "yes please"})
    assert modes == ClassroomModes() and "present" in problems[0]


def test_projector_sized_figures_have_large_fonts_markers_and_lines():
    fig = go.Figure([
        go.Scatter(x=[0, 1], y=[0, 1], mode="markers+text", text=["a", "b"], textfont={"size": 12},
                   marker={"size": [10, 20], "line": {"width": 1}}),
        go.Scatter(x=[0, 1], y=[1, 0], mode="lines", line={"width": 2}),
    ])
    fig.update_layout(font={"size": 12})
    spec = json.loads(projector_sized(fig).to_json())
    assert spec["layout"]["font"]["size"] >= PROJECTOR_FONT
    assert spec["layout"]["xaxis"]["tickfont"]["size"] >= PROJECTOR_TICKS
    assert spec["layout"]["yaxis"]["tickfont"]["size"] >= PROJECTOR_TICKS
    assert spec["data"][0]["textfont"]["size"] >= PROJECTOR_FONT
    assert np.all(np.array(spec["data"][0]["marker"]["size"]) > [10, 20])
    assert spec["data"][1]["line"]["width"] > 2


def test_a_link_with_present_and_predict_keeps_them_on_every_page(app):
    at = app(query={"present": "1", "predict": "1"})
    assert not at.exception
    # Presenter mode: no sidebar toggles (no sidebar at all), a way out on the page instead.
    assert not [t for t in at.toggle if t.key == "smote_lab.toggle_present"]
    assert at.button(key=EXIT).label == "Exit presenter mode"
    at.switch_page("pages/data.py").run()
    assert url(at) == {"present": "1", "predict": "1"}
    at.button(key=EXIT).click().run()
    assert not at.exception
    assert url(at) == {"predict": "1"}
    assert at.toggle(key="smote_lab.toggle_present").value is False
    assert at.toggle(key="smote_lab.toggle_predict").value is True
    at.toggle(key="smote_lab.toggle_present").set_value(True).run()
    assert url(at) == {"present": "1", "predict": "1"} and at.button(key=EXIT)


def test_presenter_mode_on_the_stepper_shows_the_instrument_only(app):
    at = app(STEPPER, query={"present": "1", "step": "6", "speed": "fast"})
    assert not at.exception
    assert not at.title and not at.expander  # no page title, no settings box
    assert not at.get("download_button") and not at.dataframe  # nothing below the stepper
    assert [c for c in at.get("plotly_chart")]
    stepping = Stepping(at)
    spec = stepping.figure()
    assert spec["layout"]["height"] >= 600
    assert spec["layout"]["xaxis"]["tickfont"]["size"] >= PROJECTOR_TICKS
    assert spec["layout"]["legend"]["font"]["size"] >= PROJECTOR_FONT
    assert spec["layout"]["xaxis"]["title"]["font"]["size"] >= PROJECTOR_FONT
    body = stepping.text()
    assert "Step **6** of 640" in body
    assert "Point 2 of 160, phase 2" in body and "Its 5 nearest neighbours in class 1" in body
    assert "nearest first:" not in body and not stepping.step().get("view")  # short, no caption of the view
    assert stepping.data["present"] is True  # the component's words projector-sized too
    assert "Step **7** of 640" in stepping.next().text()
    assert query(at, "present") == "1" and query(at, "step") == "6" and query(at, "speed") == "fast"


def test_play_runs_in_the_browser_at_the_chosen_speed_from_the_current_step(app):
    at = app(STEPPER, query={"step": "9", "speed": "slow"})
    stepping = Stepping(at)
    assert stepping.position == 9 and stepping.data["autoplay"] is False
    assert stepping.data["frame_ms"] == SPEEDS["slow"] and 0 < stepping.data["glide_ms"] <= SPEEDS["slow"]
    assert [f["name"] for f in stepping.data["frames"][9:11]] == ["9", "10"]  # every frame of the window is there
    assert not [s for s in specs(at) if s.get("frames")]  # the chart itself carries none: the browser applies them
    assert query(at, "speed") == "slow"


def test_predict_first_asks_holds_back_and_scores_on_the_next_click(app):
    ds = default_dataset()
    trace = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
    at = app(STEPPER, query={"predict": "1", "step": "1"})
    assert not at.exception
    body = text(at)
    assert "**Predict:** which 5 points of class 1 are the nearest neighbours" in body
    assert "nearest neighbours within class 1" not in body  # the answer is held back
    chart = at.get("plotly_chart")[0].proto
    assert list(chart.selection_mode)  # the learner answers on the figure
    truth = [int(r) for r in trace.neighbor_indices[0]]
    wrong = next(int(r) for r in np.flatnonzero(ds.y == 1) if r not in truth and r != trace.seed_index[0])
    at.session_state[ANSWERS_KEY] = {"stepper": {1: Answer(NEIGHBOURS, 1, tuple(truth[:4] + [wrong]))}}
    click(at, "stepper_next")
    body = text(at)
    assert "**4 of your 5 were right.**" in body and "nearest neighbours within class 1" in body
    picks = [t for t in figure(at)["data"] if t.get("name") == "your picks"]
    assert len(picks) == 1 and len(arr(picks[0]["x"])) == 5
    assert "**Predict:** which of the 5 neighbours will be chosen?" in body
    click(at, "stepper_next")  # skipped: revealed anyway
    body = text(at)
    assert "**No prediction.**" in body and "x_zi = (" in body
    assert "**Predict:** where on the segment from x_i to x_zi will x_new land?" in body
    gap = float(trace.gap[0])
    guess = 0.0 if gap > 0.5 else 1.0
    at.slider(key="stepper_gap_3").set_value(guess).run()
    assert [t for t in figure(at)["data"] if t.get("name") == "your guess"]
    click(at, "stepper_next")
    body = text(at)
    assert f"You said λ = {guess:.2f}; the draw gave λ = {gap:.4f}" in body and "x_new = x_i" in body
    assert query(at, "predict") == "1" and query(at, "step") == "4"


def test_predict_first_on_the_borderline_step_through_asks_which_points_are_in_danger(app):
    at = app(VARIANTS, query={"predict": "1", "vtab": "walk"}, timeout=120)
    assert not at.exception
    body = text(at)
    assert "**Predict:** which minority points are **in danger**?" in body
    walk = specs(at)[1]
    assert not any(t.get("name") == "danger: a seed" for t in walk["data"])  # the vote is held back
    assert at.button(key="variants.next").label == "Reveal"
    at.session_state[ANSWERS_KEY] = {"variants": {0: Answer(DANGER, 0, ())}}
    at.button(key="variants.next").click().run()
    assert not at.exception
    body = text(at)
    assert "**No prediction.**" in body and "Step **0** of" in body
    assert any(t.get("name") == "danger: a seed" for t in specs(at)[1]["data"])  # revealed, still at step 0
    at.button(key="variants.next").click().run()
    assert "Step **1** of" in text(at) and query(at, "vstep") == "1"
    at.button(key="variants.reset").click().run()
    assert at.button(key="variants.next").label == "Reveal"  # back at the start, the question is asked again
    assert query(at, "vtab") == "walk" and query(at, "predict") == "1"


def test_presenter_mode_on_the_smote_family_shows_three_panels_at_a_time(app):
    at = app(VARIANTS, query={"present": "1"}, timeout=120)
    assert not at.exception
    assert not at.title and not at.expander
    grid = specs(at)[0]
    titles = [a["text"].split("<br>")[0] for a in grid["layout"]["annotations"] if a.get("xref") == "paper"]
    assert titles == ["<b>Original data</b>", "<b>RandomOverSampler</b>", "<b>RandomOverSampler (shrinkage)</b>"]
    assert grid["layout"]["xaxis"]["tickfont"]["size"] >= PROJECTOR_TICKS
    at.session_state["variants.group"] = 1
    at.run()
    grid = specs(at)[0]
    titles = [a["text"].split("<br>")[0] for a in grid["layout"]["annotations"] if a.get("xref") == "paper"]
    assert titles == ["<b>SMOTE</b>", "<b>BorderlineSMOTE-1</b>", "<b>BorderlineSMOTE-2</b>"]
    walk = specs(at)[1]
    assert walk["layout"]["legend"]["font"]["size"] >= PROJECTOR_FONT
    walk_words = Stepping(at, FAMILY_KEY, FAMILY_CHART)
    assert "**Step 0: the vote over m = 10 neighbours (all classes).**" in walk_words.text()
    assert walk_words.data["present"] is True and walk_words.data["legend"] == []  # short words, no caption
    assert query(at, "present") == "1" and query(at, "vtab") == "grid"
    at.session_state["variants.tab"] = "Step through BorderlineSMOTE and ADASYN"  # the learner opens the other tab
    at.run()
    assert query(at, "vtab") == "walk" and query(at, "present") == "1"


def url(at) -> dict:
    """The classroom-mode keys of the AppTest's URL, as plain strings."""
    out = {}
    for key in ("present", "predict"):
        if key in at.query_params:
            value = at.query_params[key]
            out[key] = value[-1] if isinstance(value, list) else value
    return out


def query(at, key: str) -> str | None:
    if key not in at.query_params:
        return None
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def figure(at) -> dict:
    """The stepper's figure (the first chart)."""
    return specs(at)[0]


def text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception
    return at
