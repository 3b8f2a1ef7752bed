"""Presenter and predict-first modes: read from the link, kept in it, and projector-sized figures."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go

from smote_viz.figures.common import PROJECTOR_FONT, PROJECTOR_TICKS, projector_sized
from smote_viz.state import ClassroomModes, from_query


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
    assert at.toggle(key="smote_lab.toggle_present").value is True
    assert at.toggle(key="smote_lab.toggle_predict").value is True
    at.switch_page("pages/data.py").run()
    assert url(at) == {"present": "1", "predict": "1"}
    at.toggle(key="smote_lab.toggle_present").set_value(False).run()
    assert url(at) == {"predict": "1"}


def url(at) -> dict:
    """The classroom-mode keys of the AppTest's URL, as plain strings."""
    out = {}
    for key in ("present", "predict"):
        if key in at.query_params:
            value = at.query_params[key]
            out[key] = value[-1] if isinstance(value, list) else value
    return out
