"""The run as the browser steps it (smote_viz/stepper/browser.py): windows that cover the run, frames that draw
what the stepper figure draws, words that say what the narration says, as text only, in a bounded payload."""

from __future__ import annotations

import json

import numpy as np
import pytest

from smote_viz.data import default_dataset, generate
from smote_viz.smote import trace_smote
from smote_viz.stepper.browser import WINDOW_POINTS, runs, standing_at, window_at, window_payload
from smote_viz.stepper.figures import stepper_figure
from smote_viz.stepper.narration import narrate, narrate_short, narrate_whole, position_count
from smote_viz.stepper.playback import apply_frame
from tests.plotly_json import arr, trace_by_name


@pytest.fixture(scope="module")
def trace():
    ds = default_dataset()
    return trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)


def payload(trace, position: int, present: bool = False) -> dict:
    return window_payload(trace, window_at(trace, position), names=("x1", "x2"), positions={0: 0, 1: 1},
                          height=560, width=620, present=present, frame_ms=90)


def plain(paragraphs) -> str:
    return "\n\n".join("".join(text for _, text in paragraph) for paragraph in paragraphs)


def test_markdown_becomes_runs_of_text_with_their_style():
    assert runs("**Start.** a *b* `x*y` c\\*d \\[e\\](f)\n\nnext") == [
        [["b", "Start."], ["", " a "], ["i", "b"], ["", " "], ["code", "x*y"], ["", " c*d [e](f)"]],
        [["", "next"]],
    ]
    assert runs("***both***") == [[["bi", "both"]]]
    assert runs("`unclosed and <b>html</b>") == [[["", "`unclosed and <b>html</b>"]]]  # text, never markup


def test_windows_cover_the_run_and_meet_on_one_position(trace):
    total = position_count(trace)
    windows = []
    p = 0
    while p < total:
        w = window_at(trace, p)
        assert w.holds(p) and w.total == total
        assert w.last - w.first <= 4 * WINDOW_POINTS
        windows.append(w)
        p = w.last + 1
    assert windows[0].first == 0 and windows[-1].last == total - 1
    for a, b in zip(windows, windows[1:], strict=False):
        assert b.first == a.last  # the last step of one is the first of the next
    assert {window_at(trace, q) for q in range(windows[1].first + 1, windows[1].last + 1)} == {windows[1]}


@pytest.mark.parametrize("position", [1, 2, 3, 4, 57, 198, 200, 203])
def test_a_frame_draws_what_the_stepper_figure_draws(trace, position):
    data = payload(trace, position)
    frame_figure = standing_at(data, position)
    static = stepper_figure(trace, position, height=560, width=620).to_dict()
    shown = trace_by_name(frame_figure, "highlighted points")
    wanted = trace_by_name(static, "highlighted points")
    xs, ys = arr(wanted["x"]), arr(wanted["y"])
    n = len(arr(shown["x"]))
    np.testing.assert_allclose(arr(shown["x"]), xs[:n], rtol=1e-6)  # the hidden points after the last are cut
    np.testing.assert_allclose(arr(shown["y"]), ys[:n], rtol=1e-6)
    assert np.isnan(xs[n:]).all()
    np.testing.assert_allclose(frame_figure["layout"]["xaxis"]["range"], static["layout"]["xaxis"]["range"],
                               rtol=1e-4)


def test_each_step_says_what_the_narration_says(trace):
    data = payload(trace, 0)
    for p in (0, 1, 2, 3, 4, 150):
        step = data["steps"][p - data["first"]]
        assert plain(step["text"]) == plain(runs(narrate(trace, p)))
        assert step["view"]  # what the view shows, in words
    assert plain(data["legend"]).startswith("Legend: the seed x_i has a thick black outline")  # under every step
    assert payload(trace, 0, present=True)["legend"] == []
    short = payload(trace, 0, present=True)["steps"][6]
    assert plain(short["text"]) == plain(runs(narrate_short(trace, 6))) and "view" not in short
    assert "Synthetic point 2 of 160" in plain(data["steps"][5]["text"])


def test_user_text_stays_text_in_the_words(trace):
    ds = generate("blobs", 120, 0.2, 0.3, random_state=1)
    labels = np.where(ds.y == 1, "<img src=x onerror=alert(1)>**", "plain")
    run = trace_smote(ds.X2, labels, k_neighbors=3, random_state=0)
    words = window_payload(run, window_at(run, 1), names=("<b>x</b>", "y*"), positions={"plain": 0,
                           "<img src=x onerror=alert(1)>**": 1}, height=560, width=620, present=False,
                           frame_ms=90)["steps"]
    text = plain(words[0]["text"]) + plain(words[1]["text"])
    assert "<b>x</b>" in text and "<img src=x onerror=alert(1)>**" in text  # exactly as typed, as text


def test_a_long_run_reaches_the_browser_a_window_at_a_time(trace):
    ds = generate("blobs", 2000, 0.05, 0.3, random_state=0)
    long = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
    assert position_count(long) > 7000
    middle = window_payload(long, window_at(long, 3001), names=("x1", "x2"), positions=ds.class_positions,
                            height=560, width=620, present=False, frame_ms=90)
    size = len(json.dumps(middle, separators=(",", ":")))
    assert middle["first"] <= 3001 <= middle["last"] and len(middle["frames"]) == 4 * WINDOW_POINTS + 1
    assert size < 600_000, size  # a window, never the whole run
    default = len(json.dumps(payload(trace, 0), separators=(",", ":")))
    assert default < 400_000, default


def test_every_frame_keeps_one_scale_on_both_axes():
    """Ranges cut to five significant digits moved each end by a share of the span when zoomed close far from 0
    (here the data moved to x + 1000)."""
    ds = generate("moons", 200, 0.1, 0.5, random_state=7)
    run = trace_smote(ds.X2 + 1000.0, ds.y, k_neighbors=5, random_state=0)
    data = window_payload(run, window_at(run, 0), names=("x1", "x2"), positions=ds.class_positions, height=560,
                          width=620, present=False, frame_ms=90)
    ratios = [(f["layout"]["xaxis"]["range"][1] - f["layout"]["xaxis"]["range"][0])
              / (f["layout"]["yaxis"]["range"][1] - f["layout"]["yaxis"]["range"][0]) for f in data["frames"]]
    assert max(ratios) - min(ratios) < 3e-4, (min(ratios), max(ratios))


def test_the_last_window_holds_the_whole_run_done_for_go_to_end(trace):
    assert "whole" not in payload(trace, 0)
    last = payload(trace, 640)
    whole = last["whole"]
    spec = apply_frame(last["figure"], whole["frame"])
    stars = next(t for t in spec["data"] if t.get("customdata") is not None and "cmin" in t.get("marker", {}))
    values = arr(stars["marker"]["color"])
    assert int(np.sum(values < (stars["marker"]["cmin"] + stars["marker"]["cmax"]) / 2)) == 160  # every new point
    assert np.isnan(arr(trace_by_name(spec, "highlighted points")["x"])).all()  # nothing highlighted
    start = stepper_figure(trace, 0, height=560, width=620).to_dict()["layout"]
    np.testing.assert_allclose(spec["layout"]["xaxis"]["range"], start["xaxis"]["range"], rtol=1e-3)
    assert "All **160** synthetic points are made" in narrate_whole(trace)
    assert plain(whole["words"]["text"]) == plain(runs(narrate_whole(trace)))
