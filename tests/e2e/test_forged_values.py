"""Forged browser values, sent the way the browser sends them: Streamlit's websocket, against a real server.

Every widget, figure selection and component of every page gets values no browser would send: options that do
not exist, empty strings, NaN, infinities, numbers too large for a float, JSON of the wrong shape, and values of
the wrong wire type (a string for a slider, a number for a selectbox). After each, the run must end without an
exception element and the page must still be drawn (its title, or for a fragment's run its figure). A forged
value is ignored: the widget's default (or the last valid value) is used instead.

No browser is needed (``tests/ws_client.py`` speaks the frontend's protocol); one server serves the module.
Each case forges several values in one session; a value that breaks the page is reported and the next value
gets a fresh session, so each failure names the value that caused it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.e2e.conftest import streamlit_server
from tests.ws_client import SyncSession

pytestmark = pytest.mark.e2e

NAN, INF = math.nan, math.inf
HUGE = int("9" * 400)  # a JSON integer of 400 digits: a Python int too large for a float

# --- values of each widget's own wire type ---------------------------------------------------------------------
CHOICE = ({"string_value": "evil"}, {"string_value": ""})  # selectbox, radio, tabs
CHOICES = ({"string_array_value": ["evil"]}, {"string_array_value": ["evil", "evil", ""]},
           {"string_array_value": []})  # multiselect
SEGMENT = ({"string_array_value": ["evil"]}, {"string_array_value": []},
           {"string_array_value": ["evil", "worse"]})  # segmented control, select slider
SLIDER = tuple({"double_array_value": v} for v in ([NAN], [INF], [-1e308], [0.1, 0.2, 0.3]))
WHOLE = (*({"double_value": v} for v in (NAN, INF, -INF, 1e308, 2.5)), {"int_value": 2**63 - 1})  # number_input
TOGGLE = ({"bool_value": True}, {"bool_value": False})
# --- values of the wrong wire type: what Streamlit's own deserialisers cannot read -------------------------------
WRONG = (
    {"string_value": "evil"}, {"string_array_value": ["evil"]}, {"double_value": NAN}, {"int_value": 2**63 - 1},
    {"double_array_value": [NAN]}, {"json_value": "not json"}, {"json_value": "[7]"}, {"bool_value": True},
    {"trigger_value": True},
)


def selection(payload) -> dict:
    return {"string_value": payload if isinstance(payload, str) else json.dumps(payload)}


SELECTIONS = (  # a Plotly chart's selection state: JSON in a string_value
    selection("not json"), selection(7), selection("abc"), selection({}), selection({"selection": 7}),
    selection({"selection": {"points": 7}}), selection({"selection": {"points": "abc"}}),
    selection({"selection": {"points": [7, "a", None, [1, 2]]}}),
    selection({"selection": {"points": [{"x": "abc", "y": 1}]}}),
    selection({"selection": {"points": [{"x": NAN, "y": INF}]}}),
    selection('{"selection": {"points": [{"x": ' + "9" * 400 + ', "y": 1}]}}'),
    selection({"selection": {"points": [{"x": [1], "y": {"a": 1}}]}}),
    selection({"selection": {"points": [{"x": True, "y": False}]}}),
    selection({"selection": {"points": [{"x": 0.0, "y": 0.0}] * 20_000}}),
)


def trigger(event: str, value) -> dict:
    return {"events": [{"event": event, "value": value}]}


STOPPED = (  # the stepper's playback component: setTriggerValue("stopped", position)
    trigger("stopped", NAN), trigger("stopped", INF), trigger("stopped", -INF), trigger("stopped", "abc"),
    trigger("stopped", {"a": 1}), trigger("stopped", [1]), trigger("stopped", 1e308), trigger("stopped", HUGE),
    trigger("stopped", -5), trigger("stopped", 10**9), trigger("stopped", True), trigger("stopped", 2.5),
    {"events": "abc"}, {"events": 7}, {"events": [7]}, {"events": [{"event": 7}]}, {"events": "not json"},
)
MOVED = (  # the stepping components: setTriggerValue("moved", {position, playing, whole})
    trigger("moved", NAN), trigger("moved", "abc"), trigger("moved", 7), trigger("moved", [1, 2]),
    trigger("moved", {"position": NAN}), trigger("moved", {"position": INF}), trigger("moved", {"position": HUGE}),
    trigger("moved", {"position": "abc"}), trigger("moved", {"position": -5}), trigger("moved", {"position": 2.5}),
    trigger("moved", {"position": 10**9, "playing": "yes"}), trigger("moved", {"position": 300, "playing": 7}),
    trigger("moved", {"position": True}), {"events": "abc"}, {"events": [{"event": 7}]}, {"events": "not json"},
)
COMPONENT_STATE = ({"json_value": "not json"}, {"json_value": "7"}, {"json_value": '{"stopped": "abc"}'})
CLICK = {"kind": "click", "x": 1.0, "y": 1.0, "ux": 0.01, "uy": 0.01}
EVENTS = (  # the Playground's click listener: setTriggerValue("event", {kind, x, y, ux, uy})
    trigger("event", {**CLICK, "x": HUGE}), trigger("event", {**CLICK, "x": NAN}), trigger("event", {**CLICK, "y": INF}),
    trigger("event", {**CLICK, "x": "abc"}), trigger("event", {**CLICK, "ux": 0}), trigger("event", {**CLICK, "uy": -1}),
    trigger("event", {**CLICK, "kind": "evil"}), trigger("event", {"kind": "drag", "x": 1}), trigger("event", 7),
    trigger("event", "abc"), trigger("event", None), trigger("event", {**CLICK, "x": 1e308, "y": -1e308}),
    {"events": "not json"}, {"events": [{"event": 7}]},
)


# --- the steps before a forged value: clicks and valid choices ---------------------------------------------------
def click(key: str) -> Callable:
    return lambda s: s.rerun(widgets=[s.click_state(key)])


def choose(key: str, index: int, field: str = "string_value") -> Callable:
    """Pick option ``index`` of a widget, as the browser sends it."""
    def step(s):
        text = s.option(key, index)
        s.rerun(widgets=[s.state(key, **{field: [text] if field.endswith("_array_value") else text})])
    return step


@dataclass(frozen=True)
class Case:
    """Forge ``values`` for the widget with user key ``key`` on ``page`` (opened with ``query``, after ``setup``).
    ``title``: the heading a full run must draw ('' when none: a fragment's run or presenter mode, then a figure
    must be drawn). ``submit``: a button (user key) pressed in the same message (a form's submit button)."""

    name: str
    page: str
    key: str
    values: tuple[dict, ...]
    title: str
    query: str = ""
    setup: tuple[Callable, ...] = ()
    submit: str | None = None
    kind: str | None = None
    resume: tuple[Callable, ...] = ()  # steps that draw the widget again when a value took it away


def problem(s, title: str) -> str | None:
    """What is wrong with the last run: an exception, a run that did not finish, or a page not drawn."""
    if s.exceptions:
        return s.exceptions[0]
    if s.status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY":
        return None if s.figures else "the fragment drew no figure"
    if s.status != "FINISHED_SUCCESSFULLY":
        return f"the run ended {s.status}"
    if title and title not in s.titles:
        return f"the page's title {title!r} was not drawn (headings: {s.titles[:3]})"
    if not title and not s.figures:
        return "the page drew no figure"
    return None


def short(value: dict) -> str:
    text = repr(value)
    return text if len(text) < 90 else text[:87] + "..."


def open_case(url: str, case: Case) -> SyncSession:
    s = SyncSession(url, case.query).__enter__()
    s.rerun(page=case.page)
    for step in case.setup:
        step(s)
        if (wrong := problem(s, case.title)) is not None:
            s.__exit__(None, None, None)
            raise AssertionError(f"{case.name}: the setup failed: {wrong}")
    return s


def forge(url: str, case: Case) -> list[str]:
    """Send each of the case's values; the values that broke the page, each with what went wrong."""
    failures, s = [], None
    try:
        for value in case.values:
            if s is None:
                s = open_case(url, case)
            try:
                states = [s.state(case.key, kind=case.kind, **value)]
            except KeyError:  # the last value took the widget away (playback stopped, presenter mode hid the sidebar)
                for step in case.resume:
                    step(s)
                if not case.resume:
                    s.__exit__(None, None, None)
                    s = open_case(url, case)
                states = [s.state(case.key, kind=case.kind, **value)]
            if case.submit is not None:
                states.append(s.click_state(case.submit))
            s.rerun(widgets=states)
            if (wrong := problem(s, case.title)) is not None:
                failures.append(f"{short(value)} -> {wrong}")
                s.__exit__(None, None, None)
                s = None
    finally:
        if s is not None:
            s.__exit__(None, None, None)
    return failures


def to_ratio(s):
    choose("stepper_amount", 1)(s)


def to_number(s):
    choose("stepper_amount", 2)(s)


def to_upload(s):
    choose("smote_lab.source", 1)(s)
    click("data_churn_sample")(s)


PLAY = click("stepper_play")
UPLOAD = "data.upload.{}.bank-churn-sample"
STEPPER, FAMILY, DATA, COMPARE = "Step through SMOTE", "SMOTE family", "Data", "Compare classifiers"
RUN = "Run comparison"
CASES = [
    # every page: the sidebar's switches
    Case("sidebar present toggle", "data", "smote_lab.toggle_present", TOGGLE, ""),
    Case("sidebar predict toggle", "data", "smote_lab.toggle_predict", TOGGLE + WRONG, DATA),
    # the lesson
    Case("lesson chapter", "lesson", "lesson.goto", CHOICE + WRONG, "Guided lesson"),
    Case("lesson answer", "lesson", "lesson.choice.1", CHOICE, "Guided lesson"),
    # the Data page: generate
    Case("data source", "data", "smote_lab.source", CHOICE, DATA),
    Case("data shape", "data", "data.shape", CHOICE + WRONG, DATA),
    *[Case(f"data {name}", "data", f"data.{name}", SLIDER, DATA) for name in ("n", "minority", "noise", "classes")],
    Case("data slider, wrong types", "data", "data.n", WRONG, DATA),
    Case("data seed", "data", "data.seed", WHOLE, DATA),
    Case("data stretch", "data", "data.stretch", SEGMENT, DATA),
    # the Data page: an uploaded table's columns
    Case("upload label", "data", UPLOAD.format("label"), CHOICE, DATA, setup=(to_upload,)),
    Case("upload features", "data", UPLOAD.format("features"), CHOICES, DATA, setup=(to_upload,)),
    Case("upload standardise", "data", UPLOAD.format("standardise"), TOGGLE, DATA, setup=(to_upload,)),
    Case("upload minority", "data", UPLOAD.format("minority"), CHOICE, DATA, setup=(to_upload,)),
    Case("upload x axis", "data", UPLOAD.format("x"), CHOICE, DATA, setup=(to_upload,)),
    Case("upload y axis", "data", UPLOAD.format("y"), CHOICE, DATA, setup=(to_upload,)),
    # Step through SMOTE: its settings
    Case("stepper k", "stepper", "stepper_k", WHOLE + WRONG, STEPPER),
    Case("stepper amount", "stepper", "stepper_amount", CHOICE + WRONG, STEPPER),
    Case("stepper ratio", "stepper", "stepper_ratio", SLIDER, STEPPER, setup=(to_ratio,)),
    Case("stepper number", "stepper", "stepper_number", WHOLE, STEPPER, setup=(to_number,)),
    Case("stepper seed", "stepper", "stepper_seed", WHOLE, STEPPER),
    Case("stepper speed", "stepper", "stepper_speed", SEGMENT + WRONG, STEPPER),
    Case("stepper moves", "stepper", "stepper_stepping", MOVED + COMPONENT_STATE, ""),
    # Step through SMOTE: predict first (its server stepper: buttons, a selection on the figure, a λ slider, Play)
    Case("stepper next button", "stepper", "stepper_next", WRONG, "", query="predict=1"),
    Case("stepper neighbours selection", "stepper", "stepper_figure", SELECTIONS + WRONG, "", query="predict=1",
         setup=(click("stepper_next"),)),
    Case("stepper chosen selection", "stepper", "stepper_figure", SELECTIONS[:8], "", query="predict=1",
         setup=(click("stepper_next"), click("stepper_next"))),
    Case("stepper gap slider", "stepper", "stepper_gap_3", SLIDER + WRONG, "", query="predict=1",
         setup=(click("stepper_next"),) * 3),
    Case("stepper playback trigger", "stepper", "stepper_playback", STOPPED, "", query="predict=1",
         setup=(click("stepper_reset"), PLAY), resume=(click("stepper_reset"), PLAY)),
    Case("stepper playback state", "stepper", "stepper_playback", COMPONENT_STATE + WRONG, "", query="predict=1",
         setup=(click("stepper_reset"), PLAY), resume=(click("stepper_reset"), PLAY)),
    # the Playground
    Case("playground start", "playground", "playground.start", CHOICE, "Playground"),
    Case("playground model", "playground", "playground.model", CHOICE, "Playground"),
    Case("playground k", "playground", "playground.k", SLIDER, "Playground"),
    Case("playground new", "playground", "playground.new", SLIDER, "Playground"),
    Case("playground seed", "playground", "playground.seed", WHOLE, "Playground"),
    *[Case(f"playground {name}", "playground", f"playground.{name}", TOGGLE, "Playground")
      for name in ("balance", "every_class", "standardise")],
    Case("playground mode", "playground", "playground.mode", SEGMENT + WRONG, ""),
    Case("playground class of new points", "playground", "playground.add_class", SEGMENT, ""),
    Case("playground clicks", "playground", "playground_clicks", EVENTS + COMPONENT_STATE, ""),
    # the SMOTE family
    Case("family panels", "variants", "variants.panels", CHOICES + WRONG, FAMILY),
    *[Case(f"family {name}", "variants", f"variants.{name}", CHOICE, FAMILY)
      for name in ("strategy", "classifier", "threshold", "download_panel")],
    Case("family tab", "variants", "variants.tab", CHOICE + WRONG, FAMILY),
    *[Case(f"family {name}", "variants", f"variants.{name}", SLIDER, FAMILY)
      for name in ("k", "m", "shrinkage", "n_clusters")],
    Case("family seed", "variants", "variants.seed", WHOLE, FAMILY),
    Case("family walk variant", "variants", "variants.walk", CHOICE, ""),
    Case("family moves", "variants", "variants.stepping", MOVED + COMPONENT_STATE, ""),
    Case("family danger selection", "variants", "variants.walk_figure", SELECTIONS, "", query="predict=1"),
    Case("family gap slider", "variants", "variants.gap_3", SLIDER, "", query="predict=1",
         setup=(click("variants.next"),) * 4),
    Case("family presenter group", "variants", "variants.group", SEGMENT, "", query="present=1"),
    # Compare classifiers: the settings form (forged values arrive with the Run button's press)
    Case("compare models", "compare", "cmp_models", CHOICES, COMPARE, submit=RUN),
    Case("compare treatments", "compare", "cmp_treatments", CHOICES, COMPARE, submit=RUN),
    Case("compare tune", "compare", "cmp_tune", CHOICE, COMPARE, submit=RUN),
    Case("compare folds", "compare", "cmp_folds", SEGMENT, COMPARE, submit=RUN),
    *[Case(f"compare {name}", "compare", f"cmp_{name}", SLIDER[:3], COMPARE, submit=RUN)
      for name in ("test", "repeats", "k")],
    Case("compare seed", "compare", "cmp_seed", WHOLE, COMPARE, submit=RUN),
    Case("compare leaky", "compare", "cmp_leaky", TOGGLE, COMPARE, submit=RUN),
    # Compare classifiers: after a run
    *[Case(f"compare {name}", "compare", f"cmp_{name}", CHOICE, COMPARE, setup=(click(RUN),))
      for name in ("cm_model", "cm_treat", "plot_metric", "tab")],
    Case("compare region model", "compare", "cmp_region_model", CHOICE, COMPARE,
         setup=(click(RUN), lambda s: s.rerun(widgets=[s.state("cmp_tab", string_value="Decision regions")]))),
    Case("compare predict recall", "compare", "cmp_guess_recall", CHOICE, COMPARE, query="predict=1",
         setup=(click(RUN),), submit="Reveal"),
    Case("compare predict accuracy", "compare", "cmp_guess_accuracy", CHOICE, COMPARE, query="predict=1",
         setup=(click(RUN), choose("cmp_guess_recall", 0)), submit="Reveal"),
]


@pytest.fixture(scope="module")
def url():
    with streamlit_server(".e2e-forged-streamlit.log") as url:
        with SyncSession(url) as s:  # the first session imports the libraries
            s.rerun(page="")
        yield url


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_forged_values_are_ignored(url, case):
    failures = forge(url, case)
    assert not failures, f"{case.name}: {len(failures)} of {len(case.values)} forged values broke the page:\n" + \
        "\n".join(failures)
