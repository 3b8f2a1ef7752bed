"""The Playground page (AppTest): every control, the words beside the figure, the link, and browser events
simulated through the same pure functions the page applies them with (AppTest cannot click on a figure)."""

from __future__ import annotations

import json

import numpy as np
from imblearn.over_sampling import SMOTE

from smote_viz.data import default_dataset
from smote_viz.figures.common import PROJECTOR_FONT
from smote_viz.playground.canvas import EDIT, PICK, Play, respond
from smote_viz.playground.figures import HAND_NEW, NEIGHBOURS, REGION, SEED
from smote_viz.playground.run import run
from tests.plotly_json import arr, trace_by_name

PAGE = "pages/playground.py"
PLAY = "playground.play"
CANVAS = "playground.canvas"


def spec(at) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def names(at) -> list[str]:
    return [t["name"] for t in spec(at)["data"]]


def words(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def messages(at) -> list[str]:
    return [i.value.replace("\\", "") for i in at.info]


def url(at, key: str) -> str:
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def send(at, payload: dict, mode: str = EDIT, label=1):
    """What the page does with a browser event, applied to the session's state, then a rerun."""
    canvas = at.session_state[CANVAS]
    play = at.session_state[PLAY]
    outcome = run(play.points, canvas, at.session_state["playground.settings"])
    at.session_state[PLAY] = respond(play, payload, mode, label, canvas,
                                     outcome.neighbours_of if outcome.can_pick else None)
    at.run()
    assert not at.exception
    return at


def click_at(x: float, y: float) -> dict:
    return {"kind": "click", "x": x, "y": y, "ux": 0.01, "uy": 0.01}


def test_the_page_opens_on_the_small_preset_with_counts_figure_and_words(app):
    at = app(PAGE)
    assert not at.exception
    assert at.title[0].value == "Playground"
    assert names(at) == ["boundary before", "boundary after", "new points (7)", "class 0 (12)", "class 1 (5)"]
    assert [shape["name"] for shape in spec(at)["layout"]["shapes"]] == [REGION]
    text = words(at)
    assert "Points: **12** of class 0 (blue circles), **5** of class 1 (vermillion triangles)" in text
    assert "SMOTE adds **7** of class 1" in text
    assert "k = 3 nearest neighbours among class 1 only, distances in raw units" in text
    assert "**k-nearest neighbours (5)** assigns **15%** of the view to class 1 before SMOTE" in text
    assert "**25%** after" in text
    assert url(at, "start") == "twelve" and url(at, "k") == "3" and url(at, "model") == "knn"
    assert at.button(key="playground_undo").disabled  # nothing to undo yet


def test_simulated_clicks_add_points_and_smote_answers(app):
    at = app(PAGE)
    for x in (1.0, 1.3, 1.6):
        send(at, click_at(x, 4.6))
    assert "class 1 (8)" in names(at) and "new points (4)" in names(at)
    assert "**8** of class 1" in words(at) and "SMOTE adds **4**" in words(at)
    assert messages(at)[-1] == "Added a point of class 1 (vermillion triangles) at (1.60, 4.60)."
    assert not at.button(key="playground_undo").disabled
    at.button(key="playground_undo").click().run()
    assert "class 1 (7)" in names(at) and messages(at)[-1] == "Undid the last change."
    at.button(key="playground_reset").click().run()
    assert "class 1 (5)" in names(at) and "class 0 (12)" in names(at)


def test_the_class_control_chooses_the_class_of_new_points(app):
    at = app(PAGE)
    control = at.segmented_control(key="playground.add_class")
    assert control.options == ["● class 0", "▲ class 1"] and control.value == 1
    control.set_value(0).run()
    send(at, click_at(1.0, 4.6), label=at.segmented_control(key="playground.add_class").value)
    assert "class 0 (13)" in names(at)


def test_pick_mode_picks_a_seed_and_a_neighbour_and_draws_the_slider(app):
    at = app(PAGE)
    at.segmented_control(key="playground.mode").set_value(PICK).run()
    assert at.segmented_control(key="playground.add_class").disabled
    assert "**λ by hand:**" in words(at)
    canvas = at.session_state[CANVAS]
    seed = int(np.flatnonzero(canvas.start.y == 1)[0])
    send(at, click_at(*canvas.start.X[seed]), mode=PICK)
    assert names(at)[-1] == SEED and "frames" not in spec(at)
    assert f"**Seed** x_i = point {seed}" in words(at)
    neighbours = trace_by_name(spec(at), NEIGHBOURS)
    first = (float(arr(neighbours["x"])[0]), float(arr(neighbours["y"])[0]))
    send(at, click_at(*first), mode=PICK)
    assert names(at)[-1] == HAND_NEW and len(spec(at)["frames"]) == 100
    assert "**Chosen** x_zi" in words(at) and "Move the λ slider" in words(at)
    assert messages(at)[-1].startswith("Chose neighbour 1")
    # A switch that changes the neighbours drops a neighbour that is no longer one of them.
    at.slider(key="playground.k").set_value(1).run()
    play: Play = at.session_state[PLAY]
    assert play.seed == seed and (play.neighbour is None or play.neighbour in
                                  run(play.points, canvas, at.session_state["playground.settings"])
                                  .neighbours_of(seed))


def test_the_switches_change_smote_and_say_so(app):
    at = app(PAGE)
    at.toggle(key="playground.every_class").set_value(True).run()
    assert "among every class (the counterfactual)" in words(at)
    assert "**3** lie nearer to a point of another class" in words(at)
    assert url(at, "everyclass") == "1"
    at.toggle(key="playground.every_class").set_value(False).run()
    assert "**0** lie nearer to a point of another class" in words(at)
    at.toggle(key="playground.standardise").set_value(True).run()
    assert "distances in standard deviations (standardised)" in words(at) and url(at, "std") == "1"
    at.slider(key="playground.k").set_value(2).run()
    assert "k = 2 nearest neighbours" in words(at) and url(at, "k") == "2"
    assert at.slider(key="playground.new").disabled
    at.toggle(key="playground.balance").set_value(False).run()
    assert not at.slider(key="playground.new").disabled
    at.slider(key="playground.new").set_value(20).run()
    assert "SMOTE adds **20**" in words(at) and "new points (20)" in names(at)
    assert url(at, "balance") == "0" and url(at, "new") == "20"
    first = arr(trace_by_name(spec(at), "new points (20)")["x"])
    at.number_input(key="playground.seed").set_value(5).run()
    assert "random seed 5" in words(at) and url(at, "rs") == "5"
    assert not np.allclose(arr(trace_by_name(spec(at), "new points (20)")["x"]), first)


def test_the_classifier_choice(app):
    at = app(PAGE)
    at.radio(key="playground.model").set_value("logreg").run()
    assert "**Logistic regression** assigns **0%** of the view to class 1 before SMOTE" in words(at)
    assert url(at, "model") == "logreg"
    at.radio(key="playground.model").set_value("none").run()
    assert "boundary after" not in names(at) and "shapes" not in spec(at)["layout"] and "assigns" not in words(at)


def test_starting_points_ring_stretched_and_the_current_data(app):
    at = app(PAGE)
    at.selectbox(key="playground.start").set_value("ring").run()
    assert "class 0 (32)" in names(at) and "class 1 (8)" in names(at) and url(at, "start") == "ring"
    at.selectbox(key="playground.start").set_value("stretched").run()
    assert spec(at)["layout"]["yaxis"]["title"]["text"] == "income (euros)"
    at.selectbox(key="playground.start").set_value("current").run()
    assert not at.exception
    ds = default_dataset()
    assert "class 0 (180)" in names(at) and "new points (160)" in names(at)
    X_res, _ = SMOTE(k_neighbors=3, sampling_strategy={1: 180}, random_state=0).fit_resample(ds.X2, ds.y)
    stars = trace_by_name(spec(at), "new points (160)")
    assert np.allclose(arr(stars["x"]), X_res[200:, 0], atol=1e-6)


def test_a_shared_link_restores_the_settings(app):
    at = app(PAGE, query={"start": "stretched", "k": "4", "std": "1", "model": "logreg", "everyclass": "1",
                          "balance": "0", "new": "9", "rs": "3"})
    assert not at.exception
    assert at.selectbox(key="playground.start").value == "stretched"
    assert at.slider(key="playground.k").value == 4
    assert at.toggle(key="playground.standardise").value is True
    assert at.toggle(key="playground.every_class").value is True
    assert at.radio(key="playground.model").value == "logreg"
    assert at.slider(key="playground.new").value == 9 and at.number_input(key="playground.seed").value == 3
    assert "SMOTE adds **9**" in words(at)


def test_a_broken_link_opens_with_defaults_and_says_so(app):
    at = app(PAGE, query={"k": "99", "start": "spiral"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "k=99" in warnings and "spiral" in warnings
    assert at.slider(key="playground.k").value == 3


def test_a_board_smote_cannot_use_shows_notes_and_still_draws(app):
    at = app(PAGE)
    canvas = at.session_state[CANVAS]
    for _ in range(4):  # remove four of the five minority points
        play = at.session_state[PLAY]
        row = int(np.flatnonzero(play.points.y == 1)[0])
        send(at, click_at(*play.points.X[row]))
    assert "class 1 (1)" in names(at) and "new points (0)" in names(at)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "SMOTE needs at least two points of class 1" in captions
    at.segmented_control(key="playground.mode").set_value(PICK).run()
    send(at, click_at(*canvas.start.X[0]), mode=PICK)
    assert "cannot run" in messages(at)[-1]


def test_presenter_mode_draws_a_projector_sized_figure(app):
    at = app(PAGE, query={"present": "1"})
    assert not at.exception
    assert spec(at)["layout"]["font"]["size"] >= PROJECTOR_FONT


def test_a_small_board_travels_in_the_link(app):
    at = app(PAGE)
    assert "pts" not in at.query_params  # the start's points need no code
    send(at, click_at(1.0, 4.6))
    send(at, click_at(1.3, 4.6))
    code = url(at, "pts")
    assert code.count(";") == 18  # 19 points
    again = app(PAGE, query={"pts": code, "k": "2"})
    assert "class 1 (7)" in names(again) and "class 0 (12)" in names(again)
    assert messages(again)[-1] == "Opened the link's 19 points."
    assert url(again, "pts") == code
    at.button(key="playground_reset").click().run()
    assert "pts" not in at.query_params


def test_a_link_with_broken_points_opens_the_preset_and_says_so(app):
    at = app(PAGE, query={"pts": "1,2,9;oops"})
    assert not at.exception
    assert "class 1 (5)" in names(at)
    assert any("points could not be read" in w.value for w in at.warning)


def test_undo_is_enabled_in_the_run_that_applies_the_first_edit(app, monkeypatch):
    # The event arrives through the click component during the run; Undo was drawn before it was applied.
    import smote_viz.playground.ui as playground_ui

    events = [click_at(1.0, 4.6)]
    monkeypatch.setattr(playground_ui, "figure_clicks", lambda *a, **k: events.pop() if events else None)
    at = app(PAGE)
    assert not at.exception
    assert "class 1 (6)" in names(at)
    assert not at.button(key="playground_undo").disabled
    at.button(key="playground_undo").click().run()
    assert "class 1 (5)" in names(at) and at.button(key="playground_undo").disabled
