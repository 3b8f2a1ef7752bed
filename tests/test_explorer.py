"""The explorer, breadth (AppTest): walk every path a user can take through the app and check that none raises.

Two layers here (the real browser's screens and modes are in ``tests/e2e/test_explorer_browser.py``):

- **A sweep, then a random walk.** The explorer starts from ``app.py`` and reads what the current page offers:
  every button, selectbox, radio, multiselect, segmented control, select slider, slider, number input, toggle and
  checkbox, the tabs, the file uploader, the in-app links, the Playground's figure (clicks and drags, sent through
  its browser component), the stepper's animation (paused through its component) and the figures that take a
  predict-first answer (a selection). The sweep sets every option of every control it sees at least once
  (sliders and number inputs at both ends, a multiselect with every option and with none), the newest control
  first, so a control that appears only after another choice (the stepper's ratio slider, an upload's column
  pickers, the Compare results) is swept where it appears; it clicks every button and opens every tab of every
  page in every classroom mode (normal, presenter, predict first, both), and runs every classifier and treatment
  on Compare. Then seeded random actions on top. After each action: no ``at.exception`` (and no AppTest error or
  timeout). A failure is reported with the actions that led to it, as JSON for ``EXPLORER_REPLAY``.
- **Hypothesis over every page's query parameters**: the known keys (``query_keys`` of each settings dataclass,
  the classroom modes, ``link``, ``data``, ``pts``) with valid, boundary and garbage values (NaN, inf, -1, huge and
  400-digit numbers, text, empty, repeated and unknown keys, unicode), opened as a first visit (a deep link):
  never an exception, and the page still renders its title (in presenter mode, where the stepper and the SMOTE
  family have none, its figure or the message that says why there is none).

Cost: heavy settings stay rare. A Compare run is trimmed below ``COMPARE_LIMIT_S`` by the app's own estimate
(``compare.cost``); data of more than ``HEAVY_ROWS`` rows is left at once (a new session). The CI default is the
sweep plus ``DEFAULT_ACTIONS`` random actions; ``EXPLORER_ACTIONS=3000`` walks longer (heavy states may then stay
a while), ``EXPLORER_SEED`` picks the walk, ``EXPLORER_EXAMPLES`` the Hypothesis examples per page. The summary
(actions, page x mode combinations, coverage, failures) is printed (``-s``) and written to
``test-artifacts/explorer.txt``.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

from tests.conftest import APP, DATA_DIR, ROOT
from tests.plotly_json import arr

PAGES = (
    "pages/home.py",
    "pages/lesson.py",
    "pages/data.py",
    "pages/stepper.py",
    "pages/playground.py",
    "pages/variants.py",
    "pages/compare.py",
    "pages/class.py",
)
TITLES = {
    "pages/home.py": "SMOTE Lab",
    "pages/lesson.py": "Guided lesson",
    "pages/data.py": "Data",
    "pages/stepper.py": "Step through SMOTE",
    "pages/playground.py": "Playground",
    "pages/variants.py": "SMOTE family",
    "pages/compare.py": "Compare classifiers",
    "pages/class.py": "Class",
}
URL_PATHS = {"": "pages/home.py", **{p.split("/")[1][:-3]: p for p in PAGES}}
DATA_PAGE = "pages/data.py"
MODES = ((False, False), (False, True), (True, False), (True, True))  # (presenter mode, predict first)
MODE_NAMES = {(False, False): "normal", (False, True): "predict", (True, False): "present",
              (True, True): "present+predict"}
PRESENT_KEY, PREDICT_KEY, EXIT_KEY = "smote_lab.toggle_present", "smote_lab.toggle_predict", "smote_lab.exit_present"

DEFAULT_ACTIONS = 40  # random actions after the sweep, in CI
LONG = bool(os.environ.get("EXPLORER_ACTIONS"))
ACTIONS = int(os.environ.get("EXPLORER_ACTIONS") or DEFAULT_ACTIONS)
SEED = int(os.environ.get("EXPLORER_SEED") or 0)
EXAMPLES = int(os.environ.get("EXPLORER_EXAMPLES") or 5)
VERBOSE = bool(os.environ.get("EXPLORER_VERBOSE"))  # log every action
TIMEOUT = 120  # AppTest's per-run timeout (s)
ARTIFACTS = ROOT / "test-artifacts"

# --- heavy states: left at once by the CI walk; a long walk lets them stay now and then ----------------------------
SLOW_S = 8.0  # a setting whose run took longer is set back at once (in a long walk, not always)
HEAVY_ROWS = 2000  # more rows of data than this (Compare's own larger sample) and every page recomputes on them
COMPARE_LIMIT_S = 1.0  # the app's own estimate of one Compare run (CPU-s on a quiet 2-core machine)
COMPARE_LONG_LIMIT_S = 8.0  # ... now and then in a long walk
CHEAP_COMPARE = {  # the Compare form's fields at a cheap value (labels as the form shows them)
    "cmp_big": False, "cmp_repeats": 1, "cmp_folds": "0", "cmp_leaky": False,
    "cmp_treatments": ["No balancing", "SMOTE"], "cmp_models": ["Logistic regression", "Always majority (dummy)"],
}
UPLOADS = sorted((DATA_DIR / "good").glob("*.csv")) + sorted((DATA_DIR / "bad").glob("*.csv"))
SMALL_UPLOADS = [p for p in UPLOADS if p.stat().st_size <= 100_000]
# The sweep uploads a few files of every sort (tests/test_csv.py and test_bad_uploads.py read each one); a long
# walk uploads them all.
SWEPT_UPLOADS = [DATA_DIR / name for name in ("good/three_classes.csv", "good/semicolon_decimal_comma.csv",
                                              "good/html_in_names.csv", "bad/single_class.csv", "bad/empty.csv")]

OPTION_KINDS = ("radio", "selectbox", "select_slider", "button_group")
SET_KINDS = (*OPTION_KINDS, "multiselect", "slider", "number_input", "toggle", "checkbox")
CLICK_KINDS = ("button", "download_button")
# Buttons clicked in every classroom mode (each mode changes what they do); the others once in any mode.
PER_MODE = re.compile(r"^(stepper_(prev|next|play|reset|end)|variants\.(prev|next|reset|end)|cmp_present_run|"
                      r"FormSubmitter:)")
# Controls that choose what a page shows (a lesson chapter, the family's step-through variant): every option in
# every mode (an answered chapter 8 in presenter mode once raised).
PER_MODE_OPTIONS = re.compile(r"^(lesson\.goto|variants\.walk)=")
DATA_DEPENDENT = re.compile(r"^data\.upload\.")  # controls whose options are the uploaded file's columns or labels
# Keys that carry a position or a file id make one family for coverage (a lesson chapter's answer keeps its
# number: every chapter is answered with every answer).
FAMILIES = ((re.compile(r"^(stepper_gap_|variants\.gap_)\d+$"), r"\1#"),
            (re.compile(r"^(data\.upload\.[a-z]+)\..*$"), r"\1"))


# --- an option as the browser sends it ------------------------------------------------------------------------------
class Chosen(str):
    """An option as the widget shows it (its ``format_func`` label). AppTest sends it as it is, so the explorer
    picks any option a widget offers without knowing the values behind the labels."""


def _passing(original: property) -> property:
    def format_func(self):
        func = original.fget(self)
        return lambda value: str(value) if isinstance(value, Chosen) else func(value)

    return property(format_func)


@pytest.fixture
def chosen_options(monkeypatch):
    for cls in (et.Radio, et.Selectbox, et.Multiselect, et.SelectSlider, et.ButtonGroup):
        monkeypatch.setattr(cls, "format_func", _passing(cls.__dict__["format_func"]))


# --- actions -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Act:
    """One thing a user does. ``kind``: start (a new session opening page ``key`` with the query ``value``: a
    deep link), page, link (to page ``key`` with the query string ``value``), set (control ``key``, of kind
    ``extra``, to ``value``), submit (a form: ``extra`` maps its fields to (kind, value), ``key`` is the submit
    button), click, tab (``key``: the tabs' key, ``value``: a label), event (the browser component ``key`` sends
    ``value`` = [event, payload]), select (points [x, y, trace, index] on figure ``key``), upload (a file of
    tests/data)."""

    kind: str
    key: str
    value: Any = None
    extra: Any = None

    def __str__(self) -> str:
        if self.kind in ("page", "click"):
            return f"{self.kind} {self.key}"
        if self.kind == "submit":
            return f"submit {self.key} with {json.dumps(self.extra, ensure_ascii=False)}"
        return f"{self.kind} {self.key} = {json.dumps(self.value, ensure_ascii=False)}"

    def to_json(self) -> list:
        return [self.kind, self.key, self.value, self.extra]


def _num(value: float | None) -> str:
    return "None" if value is None else f"{float(value):.10g}"


def family_of(key: str) -> str:
    for pattern, replacement in FAMILIES:
        if pattern.match(key):
            return pattern.sub(replacement, key)
    return key


@dataclass
class Control:
    """A control the page shows, with what it accepts."""

    kind: str
    key: str  # the widget key (or kind:label when it has none)
    node: Any
    form: str = ""
    options: tuple = ()
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    integer: bool = False
    multi: bool = False

    @property
    def family(self) -> str:
        return family_of(self.key)

    def targets(self) -> list[str]:
        """Coverage targets: every option (and a multiselect's empty choice), both ends, both states."""
        if self.kind in OPTION_KINDS or self.kind == "multiselect":
            return [f"{self.family}={o}" for o in self.options] + ([f"{self.family}=[]"] if self.multi else [])
        if self.kind in ("slider", "number_input"):
            return [f"{self.family}={_num(v)}" for v in self.values()]
        if self.kind in ("toggle", "checkbox"):
            return [f"{self.family}=True", f"{self.family}=False"]
        return []

    def values(self) -> list:
        """A number's targets: every value when there are at most 6 (the number of classes), else both ends."""
        if self.integer and self.hi - self.lo <= 5 * max(1, int(self.step or 1)):
            return list(range(self.lo, self.hi + 1, max(1, int(self.step or 1))))
        return [self.lo, self.hi]

    def value_for(self, target: str) -> Any:
        raw = target.split("=", 1)[1]
        if self.multi:
            return [] if raw == "[]" else list(self.options)  # every option at once covers them all
        if self.kind in OPTION_KINDS:
            return raw
        if self.kind in ("toggle", "checkbox"):
            return raw == "True"
        return next(v for v in self.values() if _num(v) == raw)

    def random_value(self, rng: random.Random) -> Any:
        if self.multi:
            if rng.random() < 0.1:
                return []
            n = rng.randint(1, min(3, len(self.options))) if rng.random() < 0.85 else len(self.options)
            return rng.sample(list(self.options), n)
        if self.kind in OPTION_KINDS:
            return rng.choice(list(self.options))
        if self.kind in ("toggle", "checkbox"):
            return rng.random() < 0.5
        lo, hi = self.lo, self.hi
        if self.kind == "number_input" and hi - lo > 1000 and rng.random() < 0.9:
            hi = lo + 1000  # seeds: mostly small ones, the top now and then
        if rng.random() < 0.2:
            return rng.choice([lo, hi])
        if self.integer:
            step = max(1, int(self.step or 1))
            return int(lo + step * rng.randint(0, int((hi - lo) // step)))
        step = self.step or (hi - lo) / 100
        return round(lo + step * rng.randint(0, int(round((hi - lo) / step))), 10)


# --- reading the page ------------------------------------------------------------------------------------------------
def _label(node) -> str:
    return getattr(node.proto, "label", "") or ""


def _key(node, kind: str) -> str:
    return node.key or f"{kind}:{_label(node)}"


def controls(at: AppTest, long: bool = True) -> list[Control]:
    """Every enabled control the page shows, in page order (the main area, then the sidebar); outside a long
    walk, a control listing an upload's columns offers a few of them."""
    out = []
    for node in at._tree:
        kind = getattr(node, "type", None)
        if kind not in SET_KINDS and kind not in CLICK_KINDS and kind != "file_uploader":
            continue
        if getattr(node.proto, "disabled", False):
            continue
        c = Control(kind, _key(node, kind), node, getattr(node.proto, "form_id", "") or "")
        if kind in OPTION_KINDS or kind == "multiselect":
            c.options = tuple(node.options)
            if not long and DATA_DEPENDENT.match(c.key) and len(c.options) > 4:
                c.options = c.options[:2] + c.options[-2:]  # an upload's columns: a few of them in CI
            c.multi = kind == "multiselect" or (kind == "button_group" and not node._is_single_select)
            if not c.options:
                continue
        elif kind == "slider":
            p = node.proto
            c.integer = p.data_type == p.INT
            c.lo, c.hi, c.step = p.min, p.max, p.step
        elif kind == "number_input":
            p = node.proto
            c.integer = p.data_type == p.INT
            c.lo = p.min if p.has_min else -1e6
            c.hi = p.max if p.has_max else 1e6
            c.step = p.step or (1 if c.integer else 0.01)
        if c.integer:
            c.lo, c.hi = int(c.lo), int(c.hi)
        out.append(c)
    return out


def tab_groups(at: AppTest) -> list[tuple[str, tuple[str, ...]]]:
    """(key, labels) of every keyed ``st.tabs`` on the page: a tab opens through its key, as a click does."""
    out = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        try:
            is_tabs = proto is not None and proto.WhichOneof("type") == "tab_container"
        except (TypeError, ValueError):  # an element's proto has no such oneof
            is_tabs = False
        if not is_tabs:
            continue
        match = re.match(r"^\$\$ID-[0-9a-f]+-(.+)$", proto.tab_container.id or proto.id)
        if match:
            labels = tuple(child.label for child in node.children.values() if getattr(child, "type", "") == "tab")
            out.append((match.group(1), labels))
    return out


def components(at: AppTest) -> dict[str, Any]:
    """The browser components on the page by key (the stepper's playback, the Playground's clicks)."""
    return {n.key: n for n in at._tree if getattr(n, "type", None) == "bidi_component" and n.key}


def selectable_charts(at: AppTest) -> dict[str, Any]:
    """Figures that take a selection (predict first: the learner answers on the figure), by key."""
    return {n.key: n for n in at._tree if getattr(n, "type", None) == "plotly_chart" and n.key
            and n.proto.id and list(n.proto.selection_mode)}


def page_links(at: AppTest) -> list[tuple[str, str]]:
    """(page script, query string) of every in-app link the page shows."""
    out = []
    for node in at._tree:
        if getattr(node, "type", None) == "page_link" and not node.proto.external:
            page = URL_PATHS.get(node.proto.page.strip("/").split("?")[0])
            if page is not None:
                out.append((page, node.proto.query_string))
    return out


# --- the explorer ------------------------------------------------------------------------------------------------------
class Gone(LookupError):
    """The control an action names is not on the page (any more)."""


def _get(found: dict, key: str):
    if key not in found:
        raise Gone(f"no {key!r} on the page")
    return found[key]


@dataclass
class Failure:
    kind: str  # exception, timeout, or explorer (an AppTest error: a bug of the explorer itself)
    message: str
    page: str
    modes: tuple[bool, bool]
    trail: list[Act]

    def signature(self) -> str:
        lines = [line.strip() for line in self.message.splitlines() if line.strip()]
        head = lines[0] if self.kind == "exception" and lines else (lines[-1] if lines else "")
        return f"{self.kind}: {head[:200]} on {self.page}"

    def report(self, saved: Path | None = None) -> str:
        steps = "\n".join(f"    {n}. {a}" for n, a in enumerate(self.trail, 1))
        replay = (f"EXPLORER_REPLAY={saved.relative_to(ROOT)}" if saved is not None else
                  "EXPLORER_REPLAY='" + json.dumps([a.to_json() for a in self.trail], ensure_ascii=False) + "'")
        return (f"{self.kind} on {self.page} ({MODE_NAMES[self.modes]} mode):\n  {self.message.strip()[-2000:]}\n"
                f"  after:\n{steps}\n  replay: {replay} python -m pytest tests/test_explorer.py -k replay -s")

    def save(self, n: int) -> Path:
        """The trail as JSON in test-artifacts/ (what ``EXPLORER_REPLAY`` reads)."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"explorer-failure-{n}.json"
        path.write_text(json.dumps([a.to_json() for a in self.trail], ensure_ascii=False, indent=1), encoding="utf-8")
        return path


class Explorer:
    """One user session at a time (a new one after a failure or a heavy state), its trail of actions since the
    session started, what it has covered and what went wrong."""

    def __init__(self, rng: random.Random, *, long: bool = False, pages: tuple[str, ...] = PAGES, log=None):
        self.rng = rng
        self.long = long
        self.pages = pages
        self.log = log or (lambda line: None)
        self.hit: set[str] = set()
        self.seen: dict[str, str] = {}  # target -> the page it was first seen on
        self.families: dict[str, int] = {}  # control family -> the action after which it was first seen
        self.failures: list[Failure] = []
        self.ran: set[str] = set()  # "ran:classifier=..", "ran:treatment=.." of Compare runs that went through
        self.visits: Counter = Counter()  # (page, presenter mode, predict first) -> actions there
        self.actions = 0
        self.walked = 0
        self.seconds: Counter = Counter()  # by action kind
        self.page_seconds: Counter = Counter()  # by page
        self.visible: set[str] = set()  # kinds of control (``_shape``) the page offers now
        self.revealers: dict[str, list[Act]] = {}  # kind of control -> actions after which it appeared
        self.swapped: dict[str, set[str]] = {}  # family -> the families that appeared when it was last hidden
        self.hidden_by: dict[str, Act | None] = {}  # family -> the action that undoes what last hid it
        self.undo: Act | None = None
        self.tries: Counter = Counter()  # (action, kind) -> replays since it last made that kind appear
        self.at: AppTest | None = None
        self.page = PAGES[0]
        self.trail: list[Act] = []
        self.do(Act("start", PAGES[0], {}))

    # --- the session ------------------------------------------------------------------------------------------------
    @property
    def modes(self) -> tuple[bool, bool]:
        try:
            modes = self.at.session_state["smote_lab.modes"]
        except Exception:  # noqa: BLE001 - no session yet, or it never got that far
            return False, False
        return bool(modes.present), bool(modes.predict)

    @property
    def mode(self) -> str:
        return MODE_NAMES[self.modes]

    def _apply(self, act: Act) -> None:
        kind = act.kind
        if kind == "start":
            self.at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
            for key, value in (act.value or {}).items():
                self.at.query_params[key] = value
            if act.key != PAGES[0]:
                self.at.switch_page(act.key)  # a deep link: the first run opens this page
            self.at.run()
            return
        at = self.at
        if kind in ("page", "link"):
            at.query_params.clear()  # a page change drops the query; a link brings its own
            for key, values in parse_qs((act.value or "").lstrip("?"), keep_blank_values=True).items():
                at.query_params[key] = values if len(values) > 1 else values[0]
            at.switch_page(act.key).run()
        elif kind == "set":
            self._find(act.extra, act.key).set_value(_widget_value(act.extra, act.value)).run()
        elif kind == "submit":
            for key, (field_kind, value) in act.extra.items():
                self._find(field_kind, key).set_value(_widget_value(field_kind, value))
            self._find("button", act.key).click().run()
        elif kind == "click":
            self._find(act.extra or "button", act.key).click().run()
        elif kind == "tab":
            at.session_state[act.key] = act.value
            at.run()
        elif kind == "event":
            event, payload = act.value
            node = _get(components(at), act.key)
            _run_with(at, WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{node.proto.id}__events",
                                      json_trigger_value=json.dumps([{"event": event, "value": payload}])))
        elif kind == "select":
            node = _get(selectable_charts(at), act.key)
            points = [{"x": x, "y": y, "curve_number": c, "point_number": i, "point_index": i}
                      for x, y, c, i in act.value]
            selection = {"points": points, "point_indices": [p[3] for p in act.value], "box": [], "lasso": []}
            _run_with(at, WidgetState(id=node.proto.id, string_value=json.dumps({"selection": selection})))
        elif kind == "upload":
            path = DATA_DIR / act.value
            self._find("file_uploader", act.key).set_value((path.name, path.read_bytes(), "text/csv")).run()
        else:
            raise ValueError(f"unknown action {act}")

    def _find(self, kind: str, key: str):
        for node in self.at._tree:
            if getattr(node, "type", None) == kind and _key(node, kind) == key:
                return node
        raise Gone(f"no {kind} {key!r} on the page")

    def do(self, act: Act) -> bool:
        """Apply ``act`` and check the page; on a failure record it (with the trail) and start a new session."""
        if act.kind == "start":
            self.trail = []
        page, modes = self.page, self.modes
        self.undo = None
        if act.kind == "set" and self.at is not None:  # what would set the control back
            before = next((c for c in controls(self.at, self.long) if c.key == act.key), None)
            if before is not None and _current(before) is not None:
                self.undo = Act("set", act.key, _current(before), act.extra)
        self.trail.append(act)
        self.actions += 1
        started = time.monotonic()
        problem = None
        try:
            self._apply(act)
        except Gone as error:  # the control went away: the explorer's view was stale
            self.trail.pop()
            self.actions -= 1
            self.log(f"  skipped {act}: {error!r}")
            return True
        except Exception as error:  # noqa: BLE001 - every AppTest error is reported with its trail
            timeout = "timed out" in str(error).lower() or "timeout" in type(error).__name__.lower()
            problem = ("timeout" if timeout else "explorer", f"{type(error).__name__}: {error}\n"
                       + traceback.format_exc(limit=-4))
        finally:
            self.seconds[act.kind] += time.monotonic() - started
            self.page_seconds[page] += time.monotonic() - started
            if VERBOSE:
                self.log(f"    {time.monotonic() - started:5.1f} s  {str(act)[:300]}")
        if problem is None and self.at.exception:
            problem = ("exception", "\n".join(f"{e.value}\n" + "\n".join(e.stack_trace) for e in self.at.exception))
        if problem is None:
            if act.kind in ("start", "page", "link"):
                self.page = act.key
            self._observe(act)
            if act.kind == "set" and self.undo is not None and self._heavy_setting(act, time.monotonic() - started):
                self.do(self.undo)  # a heavy setting (20 000 new points, 5 000 rows) is set back at once
            return True
        self.hit.update(self.covered(act))  # attempted: the sweep moves on
        failure = Failure(problem[0], problem[1], act.key if act.kind in ("start", "page", "link") else page,
                          modes, list(self.trail))
        self.failures.append(failure)
        self.log(f"  FAILED: {failure.signature()}")
        if act.kind != "start":
            self.restart(page, modes)
        return False

    def _heavy_setting(self, act: Act, seconds: float) -> bool:
        """A number at the top of a wide range (the data's size, the stepper's new points, folds), or a setting
        whose run took more than ``SLOW_S``: set back at once (a long walk keeps it now and then)."""
        if self.long and self.rng.random() < 0.3:
            return False
        if seconds > SLOW_S:
            return True
        control = next((c for c in controls(self.at, self.long) if c.key == act.key), None)
        return (control is not None and control.kind in ("slider", "number_input") and act.value == control.hi
                and control.hi - control.lo > 20)

    def restart(self, page: str, modes: tuple[bool, bool]) -> None:
        """A new session on ``page`` in ``modes``, as a deep link opens it (the trail starts there); Home if that
        page cannot open."""
        query = {**({"present": "1"} if modes[0] else {}), **({"predict": "1"} if modes[1] else {})}
        if not self.do(Act("start", page, query)) and not self.do(Act("start", PAGES[0], {})):
            raise RuntimeError("the app does not open at all:\n" + self.failures[-1].report())

    # --- coverage ---------------------------------------------------------------------------------------------------
    def covered(self, act: Act) -> list[str]:
        """The targets an action covers."""
        mode = self.mode
        if act.kind == "set":
            few = [f"{family_of(act.key)}=(a few)"] if isinstance(act.value, list) and 0 < len(act.value) <= 3 else []
            return [_per_mode(t, mode) for t in _covering(act.extra, act.key, act.value)] + few
        if act.kind == "submit":
            return [t for key, (kind, value) in act.extra.items() for t in _covering(kind, key, value)] + [
                _click(family_of(act.key), mode)]
        if act.kind == "click":
            return [_click(family_of(act.key), mode)]
        if act.kind == "tab":
            return [f"tab:{act.key}={act.value}@{mode}"]
        if act.kind == "event":
            return [f"event:{act.key}:{_event_kind(act)}"]
        if act.kind == "select":
            return [f"select:{act.key}"]
        if act.kind in ("upload", "link"):
            return [f"{act.kind}:{act.key}:{act.value}"]
        return []

    def _observe(self, act: Act) -> None:
        """Count what the action covered; learn the targets the page now offers."""
        self.visits[(self.page, *self.modes)] += 1
        self.hit.add(f"page:{self.page}@{self.mode}")
        new = set(self.covered(act)) - self.hit
        self.hit.update(new)
        for shape in {_shape(_target_family(t)) for t in new}:  # progress: what brings it back may be tried again
            for pair in [p for p in self.tries if p[1] == shape]:
                self.tries[pair] = 0
        if act.kind == "submit":
            state = self.at.session_state
            if "compare.settings" in state and state["compare.settings"] is not None:
                ran = state["compare.settings"]
                self.ran.update(f"ran:classifier={c}" for c in ran.classifier_keys)
                self.ran.update(f"ran:treatment={t}" for t in ran.treatment_keys)
        offered = self.targets()
        for target in offered:
            self.seen.setdefault(target, self.page)
        visible = {_target_family(t) for t in offered}
        if act.kind not in ("start", "page", "link"):
            appeared = visible - self.visible
            for family in self.visible - visible:  # hidden by this action: setting it back, or what appeared with
                self.swapped[family] = appeared  # it, may bring it back
                self.hidden_by[family] = self.undo
            for shape in {_shape(f) for f in appeared}:  # remember what made a kind of control appear
                if act not in self.revealers.setdefault(shape, []):
                    self.revealers[shape].append(act)
        self.visible = visible

    def targets(self) -> list[str]:
        """Every target the page offers now (its forms' fields and buttons too)."""
        mode = self.mode
        out = [t for _, t, _ in self.candidates()]
        for c in controls(self.at, self.long):
            if c.form:
                out.extend([_click(c.family, mode)] if c.kind in CLICK_KINDS else c.targets())
        return out

    # --- the sweep --------------------------------------------------------------------------------------------------
    def candidates(self) -> list[tuple[tuple, str, Act]]:
        """(rank, target, action) for everything the page offers now outside forms, in the sweep's order: the
        newest control first (a control that appeared after a choice is swept where it appeared), page order
        among equals; then tabs, the figure's inputs (components, selections), uploads, and last the links."""
        mode = self.mode
        ranked = []
        for position, c in enumerate(controls(self.at, self.long)):
            if c.form or c.family in (PRESENT_KEY, PREDICT_KEY, EXIT_KEY):
                continue  # forms are submitted whole; the modes are the sweep's outer loop
            rank = (0, -self.families.setdefault(c.family, self.actions), position)
            if c.kind in CLICK_KINDS:
                ranked.append((rank, _click(c.family, mode), Act("click", c.key, None, c.kind)))
            elif c.kind == "file_uploader":
                for path in UPLOADS if self.long else SWEPT_UPLOADS:
                    name = str(path.relative_to(DATA_DIR))
                    ranked.append(((3, 0, position), f"upload:{c.key}:{name}", Act("upload", c.key, name)))
            else:
                ranked.extend((rank, _per_mode(t, mode), Act("set", c.key, c.value_for(t), c.kind))
                              for t in c.targets())
                if c.multi and len(c.node.value) > 3:  # once swept, the rest of the page on a few options
                    few = random.Random(c.key).sample(list(c.options), min(3, len(c.options)))
                    ranked.append(((0, rank[1], position + 0.5), f"{c.family}=(a few)", Act("set", c.key, few, c.kind)))
        for position, (key, labels) in enumerate(tab_groups(self.at)):
            ranked.extend(((1, 0, position), f"tab:{key}={label}@{mode}", Act("tab", key, label)) for label in labels)
        rng = random.Random(len(self.hit))
        for key in components(self.at):
            ranked.extend(((2, 0, 0), f"event:{key}:{_event_kind(a)}", a) for a in self._component_acts(key, rng))
        for key, chart in selectable_charts(self.at).items():
            ranked.append(((2, 0, 1), f"select:{key}", Act("select", key, _some_points(chart, rng))))
        for page, query in page_links(self.at):
            if page in self.pages:
                ranked.append(((4, 0, 0), f"link:{page}:{query}", Act("link", page, query)))
        ranked.sort(key=lambda r: r[0])
        return ranked

    def rank(self, target: str) -> tuple:
        """A target's place in the sweep's order when it is not in view (as ``candidates`` ranks it)."""
        kind = target.partition(":")[0]
        group = {"click": 0, "tab": 1, "event": 2, "select": 2, "upload": 3, "link": 4}.get(kind, 0)
        return group, -self.families.get(_target_family(target), 0) if group == 0 else 0, 10**6


    def sweep_page(self, budget: int = 250, stalls: int = 6) -> None:
        """Hit every uncovered target the page offers. When none is in view but some seen on this page are still
        missing (an answered question hides its options until "Answer again"), random actions on the page look
        for them (at most ``stalls``). After a link the sweep comes back."""
        page = self.page
        for _ in range(budget):
            act = self._next_uncovered()
            if act is None:
                if stalls <= 0 or not self.wanted(page):
                    break
                stalls -= 1
                act = self.random_act(navigate=False)
                if act is None:
                    break
            self.do(act)
            self.leave_heavy()
            if self.page != page:
                self.go(page)

    def wanted(self, page: str) -> set[str]:
        return {t for t, p in self.seen.items() if p == page and t not in self.hit}

    def _next_uncovered(self) -> Act | None:
        """The sweep's next action: the first uncovered target in view, unless a target of this page out of view
        comes first in the sweep's order and an action that once brought its kind of control into view is at hand
        (a question hidden once answered comes back with "Answer again"); then a form's submit."""
        candidates = self.candidates()
        first = next(((rank, act) for rank, target, act in candidates if target not in self.hit), None)
        offered = {str(a): a for _, _, a in candidates}
        by_family: dict[str, list[Act]] = {}
        for _, target, act in candidates:
            by_family.setdefault(_target_family(target), []).append(act)
        hidden = sorted({(self.rank(t), _target_family(t)) for t in self.wanted(self.page)
                         if _target_family(t) not in self.visible})
        for rank, family in hidden:
            if first is not None and rank >= first[0]:
                break
            shape = _shape(family)
            # setting back what hid it, a button that appeared when it was hidden ("Answer again" when an
            # answer hid the question), then what once made its kind of control appear
            undo = self.hidden_by.get(family)
            tries = [undo] if undo is not None and str(undo) in offered or (
                undo is not None and undo.key in {c.key for c in controls(self.at, self.long)}) else []
            tries += [a for f in sorted(self.swapped.get(family, ())) for a in by_family.get(f, [])
                      if a.kind == "click"]
            tries += [offered[str(a)] for a in reversed(self.revealers.get(shape, [])) if str(a) in offered]
            for act in tries:
                if self.tries[(str(act), shape)] < 3:
                    self.tries[(str(act), shape)] += 1
                    return act
        if first is not None:
            return first[1]
        forms: dict[str, list[Control]] = {}
        for c in controls(self.at, self.long):
            if c.form:
                forms.setdefault(c.form, []).append(c)
        for members in forms.values():
            act = self._form_act(members)
            if act is not None:
                return act
        return None

    def _form_act(self, members: list[Control], rng: random.Random | None = None) -> Act | None:
        """One submit of a form that covers as many of its uncovered targets as a cheap run allows: a multiselect
        one more option at a time (``rng``: random values in some fields instead). None when a submit would
        cover nothing new."""
        submits = [c for c in members if c.kind == "button"]
        fields = [c for c in members if c.kind in SET_KINDS]
        if not submits:
            return None
        staged: dict[str, tuple[str, Any]] = {}
        for c in fields:
            if rng is not None:
                if rng.random() < 0.5:
                    staged[c.key] = (c.kind, c.random_value(rng))
                continue
            todo = [t for t in c.targets() if t not in self.hit]
            if not todo:
                continue
            value = c.value_for(todo[0])
            if c.multi and value:
                base = [v for v in CHEAP_COMPARE.get(c.key, _current(c)) if v in c.options]
                option = todo[0].split("=", 1)[1]
                value = base if option in base else [*base, option]
            staged[c.key] = (c.kind, value)
        clicks = [c for c in submits if _click(c.family, self.mode) not in self.hit]
        submit = rng.choice(submits) if rng is not None else (clicks or submits)[0]
        act = Act("submit", submit.key, None, self._cheap(fields, staged, rng))
        if rng is None and not clicks and set(self.covered(act)) <= self.hit:
            return None
        return act

    def _cheap(self, fields: list[Control], staged: dict, rng: random.Random | None) -> dict:
        """Compare's form: the staged run trimmed until the app's own estimate is under the limit (first the
        fields not being covered go to their cheap values, then the covered ones, the costliest first)."""
        kinds = {c.key: c.kind for c in fields}
        if "cmp_models" not in kinds:
            return staged
        limit = COMPARE_LONG_LIMIT_S if (self.long and rng is not None and rng.random() < 0.1) else COMPARE_LIMIT_S
        run = {**{c.key: (c.kind, _current(c)) for c in fields}, **staged}
        if self._compare_cost(run) <= limit:
            return run
        for key, value in CHEAP_COMPARE.items():
            if key in kinds and key not in staged:
                run[key] = (kinds[key], value)
        while self._compare_cost(run) > limit:
            costly = [k for k in staged if k in CHEAP_COMPARE and run[k][1] != CHEAP_COMPARE[k]]
            if not costly:
                break
            cheapest = min(costly, key=lambda k: self._compare_cost({**run, k: (kinds[k], CHEAP_COMPARE[k])}))
            run[cheapest] = (kinds[cheapest], CHEAP_COMPARE[cheapest])
        return run

    def _compare_cost(self, run: dict) -> float:
        """The app's estimate of a Compare run with these form values (``compare.cost``)."""
        from smote_viz.compare import cost
        from smote_viz.compare.evaluate import (
            CLASSIFIERS,
            THRESHOLD_METRICS,
            TREATMENTS,
            CompareSettings,
            larger_sample,
        )
        from smote_viz.data import generate

        value = {k: v for k, (_, v) in run.items()}
        models = {v: k for k, v in CLASSIFIERS.items()}
        treatments = {v: k for k, v in TREATMENTS.items()}
        chosen = CompareSettings(
            classifiers=",".join(models.get(n, "") for n in value.get("cmp_models", [])),
            treatments=",".join(treatments.get(n, "") for n in value.get("cmp_treatments", [])),
            test_share=float(value.get("cmp_test", 0.25)), cv_folds=int(value.get("cmp_folds", 5)),
            cv_repeats=int(value.get("cmp_repeats", 1)), k_neighbors=int(value.get("cmp_k", 5)),
            threshold_metric={v: k for k, v in THRESHOLD_METRICS.items()}.get(value.get("cmp_tune"), "f1"),
            leaky=bool(value.get("cmp_leaky", False)), larger_sample=bool(value.get("cmp_big", False)),
        )
        if not chosen.classifier_keys:
            chosen = CompareSettings(**{**chosen.__dict__, "classifiers": CompareSettings.classifiers})
        state = self.at.session_state
        ds = state["smote_lab.dataset"]
        bigger = larger_sample(state["smote_lab.generator_settings"], chosen)
        if bigger is not None:
            ds = generate(**bigger.generate_kwargs())
        return cost.compare_seconds(chosen, ds)

    def _component_acts(self, key: str, rng: random.Random) -> list[Act]:
        """What the browser may send: the stepper's animation pausing at a frame (or at none known), the
        Playground's clicks and drags, and a forged click (a client can send anything)."""
        state = self.at.session_state
        if key == "stepper_playback":
            start = int(state["stepper.playing"]) if "stepper.playing" in state else 0
            return [Act("event", key, ["stopped", start + rng.randint(1, 40)]), Act("event", key, ["stopped", None])]
        if key in ("stepper_stepping", "variants.stepping"):  # another window: past this one's edge (playing on, or
            # not), anywhere, or forged
            data = json.loads(components(self.at)[key].proto.json)
            return [Act("event", key, ["moved", {"position": data["last"] + 1, "playing": False}]),
                    Act("event", key, ["moved", {"position": data["last"] + 1, "playing": True}]),
                    Act("event", key, ["moved", {"position": rng.randrange(data["total"]), "playing": False}]),
                    Act("event", key, ["moved", {"position": "NaN", "playing": 7}])]
        if key == "playground_clicks" and "playground.canvas" in state:
            canvas, play = state["playground.canvas"], state["playground.play"]
            (x0, x1), (y0, y1) = canvas.x_range, canvas.y_range
            ux, uy = (x1 - x0) / 500, (y1 - y0) / 400  # data units per pixel of a 500 x 400 plot
            events = [{"kind": "click", "x": rng.uniform(x0, x1), "y": rng.uniform(y0, y1), "ux": ux, "uy": uy}]
            X = play.points.X
            if len(X):
                row = rng.randrange(len(X))
                x, y = float(X[row, 0]), float(X[row, 1])
                events.append({"kind": "click", "x": x, "y": y, "ux": ux, "uy": uy})
                events.append({"kind": "drag", "x0": x, "y0": y, "x": rng.uniform(x0, x1), "y": rng.uniform(y0, y1),
                               "ux": ux, "uy": uy})
            events.append({"kind": "click", "x": "NaN", "y": 1e308, "ux": 0, "uy": -1})  # forged
            return [Act("event", key, ["event", e]) for e in events]
        return []

    def heavy(self) -> bool:
        state = self.at.session_state if self.at is not None else {}
        return "smote_lab.dataset" in state and state["smote_lab.dataset"].n_samples > HEAVY_ROWS

    def leave_heavy(self, going_to: str | None = None) -> bool:
        """Data of more than ``HEAVY_ROWS`` rows stays on the Data page (its column pickers are swept on the
        bank-churn sample) but is not taken to another page in CI: a new session opens that page, in the same
        modes. A long walk takes it along now and then. True when a new session was started."""
        page = going_to or self.page
        if page == DATA_PAGE or not self.heavy() or (self.long and self.rng.random() < 0.3):
            return False
        self.restart(page, self.modes)
        return True

    def go(self, page: str) -> None:
        """To ``page`` as the sidebar goes there (with heavy data: a new session on it)."""
        if not self.leave_heavy(page):
            self.do(Act("page", page))

    def set_modes(self, present: bool, predict: bool) -> None:
        """Switch the classroom modes as a user does: the sidebar's toggles, or "Exit presenter mode"."""
        if self.modes[0] and (not present or predict != self.modes[1]):
            self.do(Act("click", EXIT_KEY, None, "button"))  # no sidebar in presenter mode: out first
        if predict != self.modes[1]:
            self.do(Act("set", PREDICT_KEY, predict, "toggle"))
        if present != self.modes[0]:
            self.do(Act("set", PRESENT_KEY, present, "toggle"))

    # --- the random walk ---------------------------------------------------------------------------------------------
    def random_act(self, navigate: bool = True) -> Act | None:
        """A random action among what the page offers (``navigate``: a page change or a link among them)."""
        rng = self.rng
        choices: list[Callable[[], Act | None]] = []
        if navigate:
            pages = [p for p in self.pages if p != self.page] or list(self.pages)
            choices.append(lambda: Act("page", rng.choice(pages)))
        forms: dict[str, list[Control]] = {}
        for c in controls(self.at, self.long):
            if c.form:
                forms.setdefault(c.form, []).append(c)
            elif c.family in (PRESENT_KEY, PREDICT_KEY, EXIT_KEY) and not navigate:
                continue
            elif c.kind in CLICK_KINDS:
                choices.append(lambda c=c: Act("click", c.key, None, c.kind))
            elif c.kind == "file_uploader":
                files = UPLOADS if self.long and rng.random() < 0.2 else SMALL_UPLOADS
                choices.append(lambda c=c, files=files: Act("upload", c.key,
                                                             str(rng.choice(files).relative_to(DATA_DIR))))
            else:
                choices.append(lambda c=c: Act("set", c.key, self._rarely_heavy(c, c.random_value(rng)), c.kind))
        for members in forms.values():
            choices.append(lambda m=members: self._form_act(m, rng))
        for key, labels in tab_groups(self.at):
            choices.append(lambda k=key, labels=labels: Act("tab", k, rng.choice(labels)))
        for key in components(self.at):
            acts = self._component_acts(key, rng)
            if acts:
                choices.extend([lambda acts=acts: rng.choice(acts)] * 2)
        for key, chart in selectable_charts(self.at).items():
            choices.append(lambda k=key, chart=chart: Act("select", k, _some_points(chart, rng)))
        links = [link for link in page_links(self.at) if link[0] in self.pages]
        if links and navigate:
            choices.append(lambda: Act("link", *rng.choice(links)))
        return rng.choice(choices)() if choices else None

    def _rarely_heavy(self, c: Control, value: Any) -> Any:
        """Many rows stay rare: most of the time the data's size is drawn again below ``HEAVY_ROWS``."""
        if c.key == "data.n" and value > HEAVY_ROWS and self.rng.random() < 0.8:
            step = int(c.step or 10)
            return int(c.lo + step * self.rng.randint(0, (HEAVY_ROWS - int(c.lo)) // step))
        return value

    def walk(self, n: int, deadline: float) -> int:
        """``n`` random actions (fewer if ``deadline`` comes first)."""
        done = 0
        while done < n and time.monotonic() < deadline:
            act = self.random_act()
            if act is not None and act.kind == "page":
                self.go(act.key)
            elif act is not None:
                self.do(act)
                self.leave_heavy()
            done += 1
        self.walked += done
        return done


def _event_kind(act: Act) -> str:
    event, payload = act.value
    if event == "moved":
        position = payload.get("position") if isinstance(payload, dict) else None
        kind = "none" if not isinstance(position, int) else "play" if payload.get("playing") is True else "step"
        return f"moved={kind}"
    if isinstance(payload, dict):
        forged = any(not isinstance(v, int | float) or v <= 0 for k, v in payload.items() if k in ("ux", "uy", "x"))
        return f"{payload.get('kind')}{' (forged)' if forged else ''}"
    return f"{event}={'none' if payload is None else 'frame'}"


def _click(family: str, mode: str) -> str:
    """A button's target: the steppers' buttons and the forms' once in every mode, others once in any mode."""
    return f"click:{family}@{mode if PER_MODE.match(family) else 'any'}"


def _per_mode(target: str, mode: str) -> str:
    """An option target, in every classroom mode for the controls that choose what a page shows."""
    return f"{target}@{mode}" if PER_MODE_OPTIONS.match(target) else target


def _shape(family: str) -> str:
    """A kind of control: its family with every number replaced (lesson.choice.3 and lesson.choice.5 are one
    kind: what brings one back, "Answer again", brings back the other)."""
    return re.sub(r"\d+", "#", family)


def _target_family(target: str) -> str:
    """The control family (or tabs key, component, figure) a target belongs to."""
    kind, _, rest = target.partition(":")
    if kind in ("click", "tab"):
        return re.split(r"[@=]", rest, maxsplit=1)[0]
    if kind in ("event", "select", "upload", "link", "page"):
        return target.rsplit(":", 1)[0] if kind != "page" else target
    return target.split("=", 1)[0]


def _covering(kind: str, key: str, value: Any) -> list[str]:
    family = family_of(key)
    if isinstance(value, list):
        return [f"{family}={v}" for v in value] if value else [f"{family}=[]"]
    if kind in ("slider", "number_input"):
        return [f"{family}={_num(value)}"]
    return [f"{family}={value}"]


def _widget_value(kind: str, value: Any) -> Any:
    if kind in OPTION_KINDS or kind == "multiselect":
        return [Chosen(v) for v in value] if isinstance(value, list) else Chosen(value)
    return value


def _current(c: Control) -> Any:
    """A control's value as the explorer stages it (options by their labels)."""
    value = c.node.value
    if value is None:
        return None
    if c.kind in OPTION_KINDS or c.kind == "multiselect":
        func = c.node.format_func
        return [str(func(v)) for v in value] if isinstance(value, list) else str(func(value))
    return value


def _run_with(at: AppTest, state: WidgetState) -> None:
    """A rerun that carries one widget state the browser would send (a component's trigger, a figure's
    selection) beside the page's own."""
    states = at._tree.get_widget_states()
    kept = [w for w in states.widgets if w.id != state.id]
    del states.widgets[:]
    states.widgets.extend([*kept, state])
    at._run(states)


def _some_points(chart, rng: random.Random) -> list[list]:
    """Up to 5 markers of the figure: [x, y, trace, index]."""
    spec = json.loads(chart.proto.spec)
    points = []
    for c, trace in enumerate(spec.get("data", [])):
        if "markers" not in str(trace.get("mode", "markers")) or "x" not in trace or "y" not in trace:
            continue
        xs, ys = arr(trace["x"]), arr(trace["y"])
        points.extend([float(xs[i]), float(ys[i]), c, i] for i in range(min(len(xs), len(ys)))
                      if np.isfinite(xs[i]) and np.isfinite(ys[i]))
    return rng.sample(points, min(len(points), rng.randint(0, 5)))


# --- the walk ------------------------------------------------------------------------------------------------------------
def required_targets() -> set[str]:
    """What the sweep must reach (the issue's list): every classifier and treatment run on Compare, every
    generator shape, every lesson chapter answered with each answer, every Compare tab, the SMOTE family's tabs,
    panels, step-through variants and step buttons, every Playground preset, classifier and switch, and every page
    in every classroom mode."""
    from smote_viz.compare.evaluate import CLASSIFIERS, TREATMENTS
    from smote_viz.compare.text import TABS
    from smote_viz.data.generators import SHAPES
    from smote_viz.family.params import VARIANT_KEYS
    from smote_viz.family.steps import STEP_VARIANTS
    from smote_viz.family.text import DESCRIPTIONS, short_name
    from smote_viz.family.ui import TAB_LABELS
    from smote_viz.lesson.chapters import CHAPTERS
    from smote_viz.playground.canvas import MODELS, PRESETS

    out = {f"ran:classifier={c}" for c in CLASSIFIERS} | {f"ran:treatment={t}" for t in TREATMENTS}
    out |= {f"data.shape={s}" for s in SHAPES}
    out |= {f"lesson.choice.{ch.number}={option}" for ch in CHAPTERS for option in ch.options}
    out |= {f"tab:cmp_tab={t}@normal" for t in TABS}
    out |= {f"tab:variants.tab={label}@{m}" for label in TAB_LABELS.values() for m in ("normal", "present")}
    out |= {f"variants.walk={short_name(v)}@{m}" for v in STEP_VARIANTS for m in ("normal", "present")}
    out |= {f"lesson.goto={ch.number}. {ch.title}@{m}" for ch in CHAPTERS for m in MODE_NAMES.values()}
    out |= {f"variants.panels={DESCRIPTIONS[k].title}" for k in VARIANT_KEYS}
    # the steppers' buttons are the server's in predict first; elsewhere the browser steps and asks the server only
    # for another window of the run (the stepping components' "moved")
    served = ("predict", "present+predict")
    out |= {f"click:variants.{b}@{m}" for b in ("prev", "next", "reset", "end") for m in served}
    out |= {f"click:stepper_{b}@{m}" for b in ("prev", "next", "play", "reset", "end") for m in served}
    out |= {f"event:{key}:moved={kind}" for key in ("stepper_stepping", "variants.stepping")
            for kind in ("step", "play", "none")}
    out |= {f"playground.start={label}" for label in PRESETS.values()}
    out |= {f"playground.model={label}" for label in MODELS.values()}
    out |= {f"playground.{s}={v}" for s in ("every_class", "standardise", "balance") for v in (True, False)}
    out |= {f"page:{p}@{m}" for p in PAGES for m in MODE_NAMES.values()}
    return out


def explore(rng: random.Random, n_random: int, deadline: float, *, long: bool = False, pages=PAGES, modes=MODES,
            log=print) -> Explorer:
    """The sweep (every page of ``pages`` in every mode, every target where it shows), then ``n_random`` random
    actions."""
    ex = Explorer(rng, long=long, pages=pages, log=log)
    for present, predict in modes:
        for page in pages:
            if ex.modes != (present, predict):
                ex.set_modes(present, predict)
            if ex.page != page:
                ex.go(page)
            if ex.modes != (present, predict):  # a failure started a new session: back to this mode
                ex.set_modes(present, predict)
            ex.sweep_page()
            log(f"swept {page} ({MODE_NAMES[(present, predict)]}): {ex.actions} actions, {len(ex.hit)} targets hit, "
                f"{len(ex.failures)} failures")
    ex.walk(n_random, deadline)
    return ex


@dataclass
class Tally:
    """What one or more explorers did, merged (picklable: the sweep runs in two processes)."""

    hit: set = field(default_factory=set)
    ran: set = field(default_factory=set)
    seen: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    visits: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)
    page_seconds: Counter = field(default_factory=Counter)
    actions: int = 0
    walked: int = 0

    def add(self, ex: Explorer | Tally) -> Tally:
        self.hit |= ex.hit
        self.ran |= ex.ran
        self.seen = {**ex.seen, **self.seen}
        self.failures += ex.failures
        self.visits += ex.visits
        self.seconds += ex.seconds
        self.page_seconds += ex.page_seconds
        self.actions += ex.actions
        self.walked += ex.walked
        return self


# The sweep's two halves (about the same work), one process each on a 2-core machine.
HALVES = (("pages/home.py", "pages/lesson.py", "pages/data.py", "pages/stepper.py"),
          ("pages/playground.py", "pages/variants.py", "pages/compare.py", "pages/class.py"))


def _explore_half(job: tuple) -> Tally:
    pages, seed, n_random, deadline, long = job
    ex = explore(random.Random(seed), n_random, deadline, long=long, pages=pages,
                 log=lambda line: print(f"[{pages[0].split('/')[-1]}..] {line}", flush=True))
    return Tally().add(ex)


def explore_in_parallel(seed: int, n_random: int, deadline: float, *, long: bool = False) -> Tally:
    """Both halves of the app at once (a forked process each, so they share the imports), merged."""
    import multiprocessing

    jobs = [(pages, seed * 2 + n, n_random // 2 + (n_random % 2) * (1 - n), deadline, long)
            for n, pages in enumerate(HALVES)]
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        tallies = pool.map(_explore_half, jobs)
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def summary(ex: Tally, seconds: float) -> str:
    missed_required = sorted(required_targets() - ex.hit - ex.ran)
    missed = sorted(t for t in ex.seen if t not in ex.hit)
    combos = {(p, a, b) for p, a, b in ex.visits}
    signatures = Counter(f.signature() for f in ex.failures)
    return "\n".join([
        f"explorer: seed {SEED}, {ex.actions} actions ({ex.walked} random) in {seconds:.0f} s",
        f"page x mode combinations visited: {len(combos)} of {len(PAGES) * len(MODES)}",
        f"targets hit: {len(ex.hit & set(ex.seen))} of {len(ex.seen)} seen; Compare ran {sorted(ex.ran)}",
        "seconds by action kind: " + ", ".join(f"{k} {v:.0f}" for k, v in ex.seconds.most_common()),
        "seconds by page: " + ", ".join(f"{k.split('/')[-1]} {v:.0f}" for k, v in ex.page_seconds.most_common()),
        f"failures: {len(ex.failures)} ({len(signatures)} distinct)",
        *[f"  {n} x {s}" for s, n in signatures.most_common()],
        f"required targets missed: {missed_required}",
        f"seen targets missed ({len(missed)}): {missed[:100]}",
        "",
        *[f.report(f.save(n)) + "\n" for n, f in enumerate(distinct(ex.failures), 1)],
    ])


def distinct(failures: list[Failure]) -> list[Failure]:
    """The shortest trail of each distinct failure."""
    best: dict[str, Failure] = {}
    for f in failures:
        if f.signature() not in best or len(f.trail) < len(best[f.signature()].trail):
            best[f.signature()] = f
    return list(best.values())


def test_the_explorer_walks_every_control_of_every_page_in_every_mode_without_an_exception(chosen_options):
    started = time.monotonic()
    tally = explore_in_parallel(SEED, ACTIONS, started + (8 * 3600 if LONG else 240), long=LONG)
    report = summary(tally, time.monotonic() - started)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "explorer.txt").write_text(report, encoding="utf-8")
    print("\n" + report)
    assert not tally.failures, "the explorer found failures (the shortest trail of each, with a replay):\n\n" + (
        "\n".join(f.report(ARTIFACTS / f"explorer-failure-{n}.json") for n, f in enumerate(distinct(tally.failures), 1)))
    missed = required_targets() - tally.hit - tally.ran
    assert not missed, f"the sweep did not reach: {sorted(missed)}"


# --- the self-checks: the explorer catches what it is there to catch ------------------------------------------------
def _grown_before_e658b4c(value, factor: float):
    """``figures.common._grown`` as it was before e658b4c: a cached figure's typed-array marker sizes raise."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return value * factor
    return [None if v is None else v * factor for v in np.asarray(value, dtype=float).tolist()]


def test_the_explorer_finds_the_lesson_chapter_8_presenter_crash_with_the_old_code(chosen_options, monkeypatch):
    """The known defect, put back: the sweep answers every chapter, then opens each in presenter mode."""
    import smote_viz.figures.common as common

    monkeypatch.setattr(common, "_grown", _grown_before_e658b4c)
    ex = explore(random.Random(0), 0, time.monotonic() + 600, pages=("pages/lesson.py",),
                 modes=((False, False), (True, False)), log=lambda line: None)
    crashes = [f for f in ex.failures if f.kind == "exception" and f.modes == (True, False)]
    assert crashes, summary(Tally().add(ex), 0)
    shortest = min(crashes, key=lambda f: len(f.trail))
    assert any(a.kind == "set" and a.key == PRESENT_KEY and a.value is True for a in shortest.trail), shortest.report()
    assert any(a.kind == "set" and a.key.startswith("lesson.choice.") for a in shortest.trail), shortest.report()
    # the trail replays to the same exception
    again = replay([a.to_json() for a in shortest.trail], log=lambda line: None)
    assert [f.signature() for f in again.failures] == [shortest.signature()]


def test_the_explorer_reports_an_injected_exception_with_a_trail_that_replays_it(chosen_options, monkeypatch):
    """A bug behind one option of one control (the Data page's xor shape) is found by the sweep and replayed."""
    import smote_viz.ui as app_ui

    original = app_ui.generate

    def generate(**kwargs):
        if kwargs["shape"] == "xor":
            raise RuntimeError("injected: xor is broken")
        return original(**kwargs)

    monkeypatch.setattr(app_ui, "generate", generate)
    ex = explore(random.Random(0), 0, time.monotonic() + 600, pages=(DATA_PAGE,), modes=((False, False),),
                 log=lambda line: None)
    found = [f for f in ex.failures if "injected: xor is broken" in f.message]
    assert found, summary(Tally().add(ex), 0)
    trail = min(found, key=lambda f: len(f.trail)).trail
    assert (trail[-1].kind, trail[-1].key, trail[-1].value) == ("set", "data.shape", "xor")
    again = replay([a.to_json() for a in trail], log=lambda line: None)
    assert again.failures and "injected: xor is broken" in again.failures[0].message


# --- Hypothesis: every page's query parameters ------------------------------------------------------------------------
def _settings_classes() -> list[type]:
    from smote_viz.compare.evaluate import CompareSettings
    from smote_viz.family.params import GalleryParams
    from smote_viz.family.steps import WalkSettings
    from smote_viz.lesson.chapters import LessonSettings
    from smote_viz.playground.canvas import PlaygroundSettings
    from smote_viz.state import ClassroomModes, GeneratorSettings
    from smote_viz.stepper.settings import StepperSettings

    return [GeneratorSettings, ClassroomModes, StepperSettings, CompareSettings, GalleryParams, WalkSettings,
            LessonSettings, PlaygroundSettings]


def _key_specs() -> dict[str, list[dict]]:
    """Every URL key the app reads, with the metadata of each field that uses it (``k`` is three pages' key)."""
    from dataclasses import fields

    specs: dict[str, list[dict]] = {}
    for cls in _settings_classes():
        defaults = cls()
        for f in fields(cls):
            specs.setdefault(f.metadata["key"], []).append({**f.metadata, "type": type(getattr(defaults, f.name))})
    for key in ("link", "data", "pts"):  # read by the router, the data's loader and the Playground
        specs.setdefault(key, [{"key": key, "lo": None, "hi": None, "choices": (), "type": str}])
    return specs


KEY_SPECS = _key_specs()
GARBAGE = ["NaN", "nan", "inf", "-inf", "Infinity", "-1", "0", "1e308", "-1e308", "1e-320", "9" * 400, "-" + "9" * 400,
           "2147483648", "18446744073709551616", "", " ", "0x1A", "1_000", "١٢", "½", "𝟙", "true", "None", "null",
           "[]", "{}", "1,2", "1;2", "<b>x</b>", "%00", "\u202e1", "é", "日本", "upload", "1.5", "-0", "+3", "3 ", "\t"]


def _valid_values(spec: dict) -> hs.SearchStrategy[str]:
    kind = spec["type"]
    if spec["choices"]:
        return hs.sampled_from([f"{c:g}" if isinstance(c, float) else str(c) for c in spec["choices"]])
    if kind is bool:
        return hs.sampled_from(["0", "1", "true", "False"])
    lo, hi = spec["lo"], spec["hi"]
    if kind is int and lo is not None:
        return hs.one_of(hs.integers(int(lo), int(hi)), hs.sampled_from([lo, hi, lo - 1, hi + 1])).map(
            lambda v: str(int(v)))
    if kind is float and lo is not None:
        return hs.one_of(hs.floats(lo, hi), hs.sampled_from([lo, hi, lo - 0.01, hi + 0.01])).map(str)
    if spec["key"] in ("models", "treat", "vpanels"):
        from smote_viz.compare.evaluate import CLASSIFIERS, TREATMENTS
        from smote_viz.family.params import VARIANT_KEYS

        words = [*CLASSIFIERS, *TREATMENTS, *VARIANT_KEYS, "nope", "", "SMOTE"]
        return hs.lists(hs.sampled_from(words), max_size=6).map(",".join)
    if spec["key"] == "pts":
        number = hs.one_of(hs.floats(allow_nan=True, allow_infinity=True), hs.integers(-10**6, 10**6)).map(str)
        point = hs.tuples(number, number, hs.sampled_from(["0", "1", "2", "-1", "x"])).map(",".join)
        return hs.lists(point, max_size=8).map(";".join)
    return hs.text(max_size=12)


@hs.composite
def queries(draw, page: str) -> dict[str, Any]:
    """A query string: known keys (valid, boundary or garbage values, sometimes repeated) and unknown keys."""
    known = draw(hs.lists(hs.sampled_from(sorted(KEY_SPECS)), max_size=8, unique=True))
    query: dict[str, Any] = {}
    for key in known:
        spec = draw(hs.sampled_from(KEY_SPECS[key]))
        one = hs.one_of(_valid_values(spec), hs.sampled_from(GARBAGE), hs.text(max_size=20))
        values = draw(hs.lists(one, min_size=1, max_size=3))
        query[key] = values if len(values) > 1 else values[0]
    for key in draw(hs.lists(hs.text(min_size=1, max_size=10), max_size=2)):
        query.setdefault(key, draw(hs.sampled_from(GARBAGE)))
    return query


def check_query(page: str, query: dict[str, Any]) -> None:
    """Open ``page`` as the first visit of a link with ``query``: no exception, and the page renders."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    if page != PAGES[0]:
        at.switch_page(page)
    at.run()
    shown = f"{page}?{query}"
    assert not at.exception, f"{shown}: {[e.value for e in at.exception]}"
    titles = [t.value for t in at.title]
    if titles:
        assert titles[0] == TITLES[page], f"{shown}: the title is {titles[0]!r}"
        return
    presenting = bool(at.session_state["smote_lab.modes"].present) if "smote_lab.modes" in at.session_state \
        else False
    assert presenting and page in ("pages/stepper.py", "pages/variants.py"), f"{shown}: no title"
    shows = at.get("plotly_chart") or at.error or at.warning or at.info  # the figure, or why there is none
    assert shows, f"{shown}: presenter mode shows neither a figure nor a message"


def _every_key(value: Callable[[dict], str]) -> dict[str, str]:
    return {key: value(specs[0]) for key, specs in KEY_SPECS.items()}


@pytest.mark.parametrize("page", PAGES, ids=[p.split("/")[1][:-3] for p in PAGES])
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=hs.data())
def test_any_query_string_opens_every_page(page, data):
    query = data.draw(queries(page), label="query")
    check_query(page, query)


@pytest.mark.parametrize("page", PAGES, ids=[p.split("/")[1][:-3] for p in PAGES])
def test_every_known_key_at_once_with_garbage_or_past_its_ends_opens_every_page(page):
    """Every key the app reads in one link: a huge number, NaN, past the top of its range, text; repeated."""
    check_query(page, _every_key(lambda spec: "9" * 400))
    check_query(page, {**_every_key(lambda spec: "NaN"), "present": "1", "predict": "1"})
    past = _every_key(lambda spec: str((spec["hi"] or 0) + 1) if spec["hi"] is not None else "zz")
    check_query(page, {**past, "present": ["1", "0", "1"], "step": ["3", "-1", "10000001"]})


def test_the_query_check_catches_a_parser_that_lets_garbage_through(monkeypatch):
    """The check fails when a page raises on a link: ``state._parse`` reading whole numbers through float (inf ->
    OverflowError) instead of refusing them."""
    import smote_viz.state as state

    original = state._parse

    def careless(kind, text):
        return int(float(text)) if kind is int else original(kind, text)

    monkeypatch.setattr(state, "_parse", careless)
    assert "inf" in GARBAGE
    with pytest.raises(AssertionError, match="OverflowError|cannot convert float infinity"):
        check_query("pages/data.py", {"n": "inf"})


def replay(trail: list[list], log=print) -> Explorer:
    """Apply a recorded trail (``Failure.report``'s JSON) action by action in a new session."""
    ex = Explorer(random.Random(SEED), log=log)
    for row in trail:
        act = Act(*row)
        if act.kind == "submit":
            act = Act(act.kind, act.key, act.value, {k: tuple(v) for k, v in act.extra.items()})
        log(f"  {act}")
        if not ex.do(act):
            break
    return ex


@pytest.mark.skipif(not os.environ.get("EXPLORER_REPLAY"), reason="EXPLORER_REPLAY holds no trail to replay")
def test_replay_a_trail(chosen_options):
    """``EXPLORER_REPLAY='[...]'`` (or a path to a file holding it): the trail of a failure, replayed."""
    raw = os.environ["EXPLORER_REPLAY"]
    trail = json.loads(Path(raw).read_text() if Path(raw).is_file() else raw)
    ex = replay(trail)
    assert not ex.failures, "\n".join(f.report() for f in ex.failures)
