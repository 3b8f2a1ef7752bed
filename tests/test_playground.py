"""The playground's state and events: what each click, drag, undo and pick does (no browser needed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from smote_viz.data import generate
from smote_viz.playground.canvas import (
    COLOUR_NAMES,
    EDIT,
    HISTORY,
    LINK_POINTS,
    MAX_POINTS,
    PICK,
    PRESETS,
    SHAPE_NAMES,
    Click,
    Drag,
    Play,
    PlaygroundSettings,
    Points,
    class_button,
    dataset_canvas,
    decode_points,
    edit,
    encode_points,
    hit,
    parse_event,
    pick,
    preset_canvas,
    respond,
    restart,
    settle,
    start_canvas,
    undo,
)
from smote_viz.state import from_query, to_query
from smote_viz.style import CLASS_COLOURS, CLASS_SYMBOLS

PX = 0.01  # one screen pixel in data units, both ways, in these tests


def click(x, y, ux=PX, uy=PX):
    return Click(x, y, ux, uy)


@pytest.fixture
def canvas():
    return preset_canvas("twelve")


def test_presets_are_what_they_say():
    twelve = preset_canvas("twelve")
    assert twelve.start.counts(twelve.classes) == {0: 12, 1: 5}
    assert twelve.target == 1 and twelve.majority == 0
    ring = preset_canvas("ring")
    assert ring.start.counts(ring.classes) == {0: 32, 1: 8}
    stretched = preset_canvas("stretched")
    assert stretched.x_name == "age (years)" and stretched.y_name == "income (euros)"
    span_x = stretched.x_range[1] - stretched.x_range[0]
    span_y = stretched.y_range[1] - stretched.y_range[0]
    assert span_y / span_x > 1000  # one axis a thousand times longer than the other
    for canvas in (twelve, ring, stretched):
        X = canvas.start.X
        assert all(canvas.inside(x, y) for x, y in X)  # every start point is in the fixed view
        assert canvas.positions[canvas.majority] == 0 and canvas.positions[canvas.target] == 1


def test_every_class_position_has_a_colour_name_and_a_shape_name():
    assert len(COLOUR_NAMES) == len(CLASS_COLOURS) and len(SHAPE_NAMES) == len(CLASS_SYMBOLS)
    canvas = preset_canvas("twelve")
    assert canvas.class_words(1) == "class 1 (vermillion triangles)"
    assert canvas.class_words(0) == "class 0 (blue circles)"
    assert class_button(canvas, 1) == "▲ class 1"


def test_a_large_dataset_starts_from_a_stratified_sample_with_a_note():
    ds = generate("blobs", 2000, 0.1, 0.3, random_state=1)
    canvas = dataset_canvas(ds, max_points=300)
    counts = canvas.start.counts(canvas.classes)
    assert sum(counts.values()) == 300
    assert counts == {0: 270, 1: 30}  # each class keeps its share
    assert "2000 rows" in canvas.notes[0] and "sample of 300" in canvas.notes[0]
    small = dataset_canvas(generate("blobs", 200, 0.1, 0.3, random_state=1))
    assert len(small.start) == 200 and small.notes == ()
    assert np.array_equal(small.start.X, generate("blobs", 200, 0.1, 0.3, random_state=1).X2)


def test_start_canvas_follows_the_setting():
    ds = generate("moons", 100, 0.2, 0.3, random_state=2)
    assert start_canvas(PlaygroundSettings(start="current"), ds).start.counts((0, 1)) == {0: 80, 1: 20}
    assert start_canvas(PlaygroundSettings(start="ring"), ds).name == PRESETS["ring"]


def test_settings_travel_through_the_link_and_bad_values_fall_back():
    chosen = PlaygroundSettings(start="stretched", k=7, balance=False, new=40, every_class=True, standardise=True,
                                model="logreg", smote_seed=9)
    restored, problems = from_query(PlaygroundSettings, to_query(chosen))
    assert restored == chosen and problems == []
    restored, problems = from_query(PlaygroundSettings, {"k": "11", "start": "moon", "model": "tree"})
    assert restored == PlaygroundSettings() and len(problems) == 3


@pytest.mark.parametrize("payload", [
    None, "click", [], {"kind": "tap", "x": 1, "y": 1, "ux": 1, "uy": 1},
    {"kind": "click", "x": 1, "y": 1, "ux": 1},  # missing uy
    {"kind": "click", "x": float("nan"), "y": 1, "ux": 1, "uy": 1},
    {"kind": "click", "x": float("inf"), "y": 1, "ux": 1, "uy": 1},
    {"kind": "click", "x": "1", "y": 1, "ux": 1, "uy": 1},
    {"kind": "click", "x": True, "y": 1, "ux": 1, "uy": 1},
    {"kind": "click", "x": 1, "y": 1, "ux": 0, "uy": 1},
    {"kind": "drag", "x0": 1, "y0": 1, "x": 1, "y": 1, "ux": 1, "uy": -1},
    {"kind": "click", "x": 10**400, "y": 1, "ux": 1, "uy": 1},  # a JSON integer too large for a float
    {"kind": "click", "x": {"a": 1}, "y": [1], "ux": 1, "uy": 1},
])
def test_anything_but_a_well_formed_event_is_ignored(payload, canvas):
    assert parse_event(payload) is None
    play = restart(canvas)
    assert respond(play, payload, EDIT, 1, canvas, None) is play


def test_events_parse_into_clicks_and_drags():
    assert parse_event({"kind": "click", "x": 1, "y": 2.5, "ux": 0.1, "uy": 0.2}) == Click(1.0, 2.5, 0.1, 0.2)
    assert parse_event({"kind": "drag", "x0": 1, "y0": 2, "x": 3, "y": 4, "ux": 0.1, "uy": 0.2}) == Drag(
        1.0, 2.0, 3.0, 4.0, 0.1, 0.2)


def test_hit_measures_in_screen_pixels_on_each_axis():
    points = Points([[0.0, 0.0], [1.0, 1000.0]], [0, 1])
    # x in units of 0.01 per pixel, y in units of 10 per pixel: (0.05, 50) is 5 px right and 5 px up of point 0.
    assert hit(points, 0.05, 50.0, 0.01, 10.0) == 0
    assert hit(points, 0.2, 0.0, 0.01, 10.0) is None  # 20 px away
    assert hit(points, 0.95, 1000.0, 0.01, 10.0) == 1
    assert hit(Points(np.zeros((0, 2)), np.zeros(0, dtype=int)), 0, 0, 1, 1) is None
    two = Points([[0.0, 0.0], [0.08, 0.0]], [0, 0])
    assert hit(two, 0.05, 0.0, PX, PX) == 1  # the nearer one


def test_a_click_on_empty_space_adds_a_point_of_the_chosen_class(canvas):
    play = restart(canvas)
    after = edit(play, click(1.0, 4.6), 1, canvas)
    assert len(after.points) == len(play.points) + 1
    assert after.points.X[-1].tolist() == [1.0, 4.6] and after.points.y[-1] == 1
    assert after.points.counts(canvas.classes) == {0: 12, 1: 6}
    assert after.history[-1] is play.points
    assert after.message == "Added a point of class 1 (vermillion triangles) at (1.00, 4.60)."
    assert edit(play, click(1.0, 4.6), 0, canvas).points.counts(canvas.classes) == {0: 13, 1: 5}


def test_a_click_on_a_point_removes_it_and_undo_brings_it_back(canvas):
    play = restart(canvas)
    x, y = play.points.X[3]
    after = edit(play, click(x + 3 * PX, y - 3 * PX), 1, canvas)  # 4 px off its centre: still on the marker
    assert len(after.points) == len(play.points) - 1
    assert not any(np.allclose(p, (x, y)) for p in after.points.X)
    assert after.message == "Removed point 3 of class 0 (blue circles)."
    back = undo(after)
    assert back.points.same_as(play.points) and back.history == ()
    assert undo(back).message == "Nothing to undo." and undo(back).points is back.points


def test_a_drag_moves_the_point_it_starts_on_and_keeps_it_in_view(canvas):
    play = restart(canvas)
    x, y = play.points.X[0]
    moved = edit(play, Drag(x, y, 2.0, 1.0, PX, PX), 1, canvas)
    assert moved.points.X[0].tolist() == [2.0, 1.0] and moved.points.y[0] == play.points.y[0]
    assert len(moved.points) == len(play.points)
    out = edit(play, Drag(x, y, 99.0, -99.0, PX, PX), 1, canvas)
    assert out.points.X[0].tolist() == [canvas.x_range[1], canvas.y_range[0]]
    nothing = edit(play, Drag(1.0, 4.6, 2.0, 2.0, PX, PX), 1, canvas)
    assert nothing.points is play.points and "start a drag on a point" in nothing.message


def test_clicks_outside_the_view_and_past_the_limit_change_nothing(canvas):
    play = restart(canvas)
    outside = edit(play, click(canvas.x_range[1] + 1, 2.0), 1, canvas)
    assert outside.points is play.points and "outside" in outside.message
    full = Play(Points(np.column_stack([np.linspace(0, 5, MAX_POINTS), np.zeros(MAX_POINTS)]),
                       np.zeros(MAX_POINTS, dtype=int)))
    refused = edit(full, click(1.0, 4.6), 1, canvas)
    assert len(refused.points) == MAX_POINTS and str(MAX_POINTS) in refused.message


def test_a_reset_can_be_undone(canvas):
    play = edit(restart(canvas), click(1.0, 4.6), 1, canvas)
    reset = restart(canvas, play)
    assert reset.points is canvas.start and reset.message == "Back to 12 + 5 points."
    assert undo(reset).points is play.points


def test_undo_history_is_bounded(canvas):
    play = restart(canvas)
    for i in range(HISTORY + 5):
        play = edit(play, click(1.0, 1.0 + 0.001 * i, ux=1e-6, uy=1e-6), 1, canvas)
    assert len(play.history) == HISTORY
    assert len(play.history[0]) == len(canvas.start) + 5  # the oldest steps were dropped


def neighbours_from(table):
    return lambda row: table.get(row, ())


def test_picking_a_seed_then_a_neighbour(canvas):
    play = restart(canvas)
    target_rows = np.flatnonzero(play.points.y == 1)
    seed, other = int(target_rows[0]), int(target_rows[1])
    table = neighbours_from({seed: (other, int(target_rows[2]))})
    sx, sy = play.points.X[seed]
    picked = pick(play, click(sx, sy), canvas, table)
    assert (picked.seed, picked.neighbour) == (seed, None) and "seed x_i" in picked.message
    ox, oy = play.points.X[other]
    chosen = pick(picked, click(ox, oy), canvas, table)
    assert (chosen.seed, chosen.neighbour) == (seed, other)
    assert chosen.message.startswith("Chose neighbour 1 (point")
    assert chosen.points is play.points  # picking never edits the points
    dropped = pick(chosen, click(sx, sy), canvas, table)
    assert (dropped.seed, dropped.neighbour) == (None, None)


def test_picking_refuses_other_classes_and_empty_space(canvas):
    play = restart(canvas)
    majority = int(np.flatnonzero(play.points.y == 0)[0])
    x, y = play.points.X[majority]
    refused = pick(play, click(x, y), canvas, neighbours_from({}))
    assert refused.seed is None and "SMOTE's seeds are points of class 1" in refused.message
    empty = pick(play, click(1.0, 4.6), canvas, neighbours_from({}))
    assert empty.seed is None and empty.message.startswith("No point there")
    x0, y0 = play.points.X[0]
    dragged = pick(play, Drag(x0, y0, 2, 2, PX, PX), canvas, neighbours_from({}))
    assert dragged.seed is None and dragged.points is play.points


def test_a_majority_neighbour_can_be_chosen_when_the_table_offers_it(canvas):
    # With neighbours from every class, a seed's neighbour may be a majority point.
    play = restart(canvas)
    seed = int(np.flatnonzero(play.points.y == 1)[0])
    majority = int(np.flatnonzero(play.points.y == 0)[0])
    picked = pick(play, click(*play.points.X[seed]), canvas, neighbours_from({seed: (majority,)}))
    chosen = pick(picked, click(*play.points.X[majority]), canvas, neighbours_from({seed: (majority,)}))
    assert chosen.neighbour == majority


def test_removing_points_keeps_the_pick_pointing_at_the_same_points(canvas):
    play = restart(canvas)
    seed, neighbour = 14, 15
    play = Play(play.points, seed=seed, neighbour=neighbour)
    before_seed, before_neighbour = play.points.X[seed].copy(), play.points.X[neighbour].copy()
    after = edit(play, click(*play.points.X[2]), 1, canvas)  # remove point 2, before both
    assert (after.seed, after.neighbour) == (13, 14)
    assert np.array_equal(after.points.X[after.seed], before_seed)
    assert np.array_equal(after.points.X[after.neighbour], before_neighbour)
    gone = edit(play, click(*play.points.X[seed]), 1, canvas)  # remove the seed itself
    assert (gone.seed, gone.neighbour) == (None, None)
    lost = edit(play, click(*play.points.X[neighbour]), 1, canvas)  # remove the neighbour
    assert (lost.seed, lost.neighbour) == (seed, None)


def test_settle_drops_a_pick_that_no_longer_holds(canvas):
    play = Play(restart(canvas).points, seed=14, neighbour=15)
    assert settle(play, neighbours_from({14: (15, 16)})) is play
    assert settle(play, neighbours_from({14: (16, 13)})).neighbour is None  # k or a switch changed
    assert settle(play, None).seed is None  # SMOTE cannot run: nothing to pick
    beyond = Play(play.points, seed=len(play.points), neighbour=None)
    assert settle(beyond, neighbours_from({})).seed is None


def test_respond_sends_events_to_the_mode(canvas):
    play = restart(canvas)
    payload = {"kind": "click", "x": 1.0, "y": 4.6, "ux": PX, "uy": PX}
    assert len(respond(play, payload, EDIT, 0, canvas, None).points) == len(play.points) + 1
    picking = respond(play, payload, PICK, 0, canvas, neighbours_from({}))
    assert picking.points is play.points and picking.message.startswith("No point there")
    blocked = respond(play, payload, PICK, 0, canvas, None)
    assert "cannot run" in blocked.message


def test_points_keep_label_types_through_edits():
    points = Points([[0, 0], [1, 1]], np.array(["cat", "mouse"]))
    added = points.added(2.0, 2.0, "mouse")
    assert added.y.tolist() == ["cat", "mouse", "mouse"]
    assert added.counts(("cat", "mouse", "dog")) == {"cat": 1, "mouse": 2, "dog": 0}
    emptied = added.removed(0).removed(0).removed(0)
    assert len(emptied) == 0 and emptied.added(1.0, 1.0, "cat").y.tolist() == ["cat"]
    with pytest.raises(ValueError):
        Points([[0, 0]], [1, 2])
    assert math.isclose(points.moved(1, 5.0, 6.0).X[1, 1], 6.0)


def test_small_boards_travel_in_the_link_and_come_back(canvas):
    play = edit(edit(restart(canvas), click(1.0, 4.6), 1, canvas), click(*canvas.start.X[0]), 1, canvas)
    code = encode_points(play.points, canvas)
    back, problem = decode_points(code, canvas)
    assert problem is None and np.array_equal(back.y, play.points.y)
    assert np.allclose(back.X, play.points.X, rtol=1e-3)
    assert encode_points(canvas.start, canvas) is None  # the start needs no points in the link
    many = Points(np.random.default_rng(0).uniform(1, 4, (LINK_POINTS + 1, 2)), np.zeros(LINK_POINTS + 1, dtype=int))
    assert encode_points(many, canvas) is None  # too many: the link keeps the start and the settings only


@pytest.mark.parametrize("code", ["", "1,2", "1,2,5", "a,b,0", "nan,1,0", "inf,1,0", "1,2,-1", ";".join(["1,1,0"] * 61),
                                  "1," * 2000])
def test_a_bad_point_code_is_refused_with_a_message(code, canvas):
    points, problem = decode_points(code, canvas)
    assert points is None and "could not be read" in problem


def test_link_points_outside_the_view_are_moved_to_its_edge(canvas):
    points, problem = decode_points("99,-99,1;2,2,0", canvas)
    assert problem is None
    assert points.X[0].tolist() == [canvas.x_range[1], canvas.y_range[0]] and points.y.tolist() == [1, 0]
