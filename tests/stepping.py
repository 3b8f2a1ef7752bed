"""Step through SMOTE as the browser steps it, for AppTest: what ``stepping.js`` does with the window the page sends.

The page sends one window of the run (frames and words); the browser shows a step by applying its frame to the
chart and writing its words, and asks the server (the component's "moved" trigger) only for a step outside the
window. ``Stepping`` does the same in Python, so AppTest tests read exactly the figure and words a learner sees at
each step; the real browser code is tested in ``tests/e2e/test_stepping_browser.py``.
"""

from __future__ import annotations

import json

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from smote_viz.stepper.playback import apply_frame

KEY = "stepper_stepping"
CHART = "stepper_chart"
FAMILY_KEY, FAMILY_CHART = "variants.stepping", "variants.walk_chart"  # the SMOTE family's step-through


def _node(at: AppTest, kind: str, key: str):
    for node in at._tree:
        if getattr(node, "type", None) == kind and getattr(node, "key", None) == key:
            return node
    for node in at._tree:  # a chart's key is in its proto id
        if getattr(node, "type", None) == kind and key in getattr(getattr(node, "proto", None), "id", ""):
            return node
    raise AssertionError(f"no {kind} {key!r} on the page")


def send(at: AppTest, event: str, value, key: str = KEY) -> None:
    """A rerun carrying the component's trigger ``event`` with ``value``, as the browser sends it."""
    node = _node(at, "bidi_component", key)
    state = WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{node.proto.id}__events",
                        json_trigger_value=json.dumps([{"event": event, "value": value}]))
    states = at._tree.get_widget_states()
    kept = [w for w in states.widgets if w.id != state.id]
    del states.widgets[:]
    states.widgets.extend([*kept, state])
    at._run(states)


class Stepping:
    """The stepping component of the page ``at`` shows, at ``position``."""

    def __init__(self, at: AppTest, key: str = KEY, chart: str = CHART):
        self.at, self.key, self.chart = at, key, chart
        data = self.data
        self.position = data["position"]
        self.whole = bool(data.get("show_whole") and data.get("whole") and self.position == data["total"] - 1)

    @property
    def data(self) -> dict:
        return json.loads(_node(self.at, "bidi_component", self.key).proto.json)

    def figure(self) -> dict:
        """The chart as the browser shows it: the server's figure with this step's frame applied (on a step the
        server draws with a figure of its own, None)."""
        data = self.data
        if self.position in data["drawn_by_server"]:
            return None
        spec = json.loads(_node(self.at, "plotly_chart", self.chart).proto.spec)
        frame = data["whole"]["frame"] if self.whole else data["frames"][self.position - data["first"]]
        return apply_frame(spec, frame)

    def step(self) -> dict:
        data = self.data
        return data["whole"]["words"] if self.whole else data["steps"][self.position - data["first"]]

    def text(self) -> str:
        """The words beside the figure: the step line, the narration (as markdown, bold in ``**``) and the view."""
        data, step = self.data, self.step()
        parts = [f"Step **{self.position}** of {data['total'] - 1}"
                 + (": the whole run" if self.whole else f" (point {step['label']})")]
        for paragraph in step["text"]:
            parts.append("".join(f"**{t}**" if style.startswith("b") else t for style, t in paragraph))
        parts.append(step.get("view", ""))
        return "\n".join(parts)

    def go(self, position: int, whole: bool = False) -> Stepping:
        """To ``position``; ``whole``: the run done, seen whole ("Go to end")."""
        data = self.data
        position = max(0, min(data["total"] - 1, position))
        if position == self.position and bool(whole and data.get("whole")) == self.whole:
            return self  # already there
        by_server = set(data["drawn_by_server"])
        if data["first"] <= position <= data["last"] and position not in by_server and data["position"] not in by_server:
            self.position = position  # the browser's alone: no message to the server
            self.whole = bool(whole and data.get("whole") and position == data["total"] - 1)
            return self
        send(self.at, "moved", {"position": position, "playing": False, "whole": whole}, self.key)
        assert not self.at.exception
        data = self.data
        self.position = data["position"]
        self.whole = bool(data["show_whole"] and data.get("whole") and self.position == data["total"] - 1)
        assert self.position == position
        return self

    def next(self) -> Stepping:
        return self.go(self.position + 1)

    def prev(self) -> Stepping:
        return self.go(self.position - 1)

    def reset(self) -> Stepping:
        return self.go(0)

    def end(self) -> Stepping:
        return self.go(self.data["total"] - 1, whole=True)

    def at_end(self) -> bool:
        return self.position == self.data["total"] - 1
