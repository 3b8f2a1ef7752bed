"""A Streamlit session without a browser: the frontend's own websocket protocol, for tests and benchmarks.

``WsSession`` speaks ``/_stcore/stream`` as the browser's frontend does: a ``BackMsg`` ``rerun_script`` per page
visit, widget change or button click (with the fragment's id when the widget lives in an ``st.fragment``), and it
reads the ``ForwardMsg`` deltas until the run finishes. It remembers every widget the last run drew (its id, the
element type, the fragment it belongs to and its proto), so a test can find a widget by its user key (a widget id
ends with the key) and send it any value the protocol can carry, not only the ones a browser would send.

    async with WsSession(url) as s:
        await s.rerun(page="stepper")
        await s.rerun(widgets=[s.state("stepper_amount", string_value="evil")])
        assert not s.exceptions

``SyncSession`` is the same for plain (non-async) tests: one event loop per session.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

RUN_TIMEOUT_S = 600
EVENTS_SUFFIX = "__events"  # components v2: the trigger aggregator is "$$STREAMLIT_INTERNAL_KEY_{id}__events"
INTERNAL_PREFIX = "$$STREAMLIT_INTERNAL_KEY"


@dataclass(frozen=True)
class Widget:
    """One widget the last run drew: its id, element type (``selectbox``, ``plotly_chart``, ``bidi_component``...),
    the fragment it belongs to ('' outside fragments) and its proto."""

    id: str
    kind: str
    fragment_id: str
    proto: Any

    @property
    def label(self) -> str:
        return getattr(self.proto, "label", "")


@dataclass
class SessionResult:
    clicks_s: list[float] = field(default_factory=list)  # Next click -> new figure
    opens_s: list[float] = field(default_factory=list)  # page open (or Run click) -> script finished
    errors: list[str] = field(default_factory=list)


def json_text(value: Any) -> str:
    """``value`` as the JSON a browser's JavaScript would send (NaN and Infinity written as JavaScript's
    JSON.stringify never would, since a forged client may send them: Python's json accepts them)."""
    return json.dumps(value, allow_nan=True)


class WsSession:
    """One Streamlit session driven through ``/_stcore/stream`` with the frontend's messages."""

    def __init__(self, url: str, query: str = "") -> None:
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.query = query
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.buttons: dict[str, tuple[str, str]] = {}  # label -> (widget id, fragment id)
        self.widgets: dict[str, Widget] = {}  # widget id -> the widget, as the last run drew it
        self.result = SessionResult()
        self.texts: list[str] = []  # markdown, headings, captions, alerts and toasts of the last run
        self.titles: list[str] = []  # headings of the last run
        self.exceptions: list[str] = []  # exception elements of the last run: "type: message"
        self.figures = 0  # Plotly charts of the last run
        self.status = ""  # how the last run finished
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (s): st.fragment(run_every=...) asks
        self.follows_address = False  # True: the server's changes to the query string are sent back, as a browser does

    async def __aenter__(self):
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=120, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    # --- finding widgets ------------------------------------------------------------------------------------------
    def widget(self, key: str, kind: str | None = None) -> Widget:
        """The widget whose user key is ``key`` (its id ends with '-' + key), optionally of element type ``kind``;
        the one drawn last if an earlier run drew it with another id."""
        found = [w for w in self.widgets.values()
                 if (w.id.endswith("-" + key) or w.id == key) and (kind is None or w.kind == kind)]
        if not found:
            known = sorted(f"{w.kind}:{w.id}" for w in self.widgets.values())
            raise KeyError(f"no widget with key {key!r} (of {kind or 'any type'}); drawn: {known}")
        return found[-1]

    def state(self, key: str, *, kind: str | None = None, **value: Any):
        """A ``WidgetState`` for the widget with user key ``key`` holding ``value``: exactly one of the proto's
        value fields, e.g. ``string_value="evil"``, ``double_array_value=[math.nan]``, ``json_value="{...}"``,
        ``trigger_value=True``. ``events=[...]`` instead makes the components-v2 trigger aggregator's value (a JSON
        list of ``{"event", "value"}``)."""
        return self.state_for(self.widget(key, kind), **value)

    def option(self, key: str, index: int) -> str:
        """The text a browser sends for option ``index`` of a selectbox, radio, multiselect, segmented control or
        select slider (the option as its ``format_func`` shows it)."""
        options = self.widget(key).proto.options
        option = options[index]
        return option if isinstance(option, str) else option.content

    def click_state(self, key: str):
        """A button press (``trigger_value``) of the button with user key ``key``."""
        return self.state(key, trigger_value=True)

    @staticmethod
    def state_for(widget: Widget, **value: Any):
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        (name, content), = value.items()
        state = WidgetState()
        state.id = widget.id
        if name == "events":  # components v2: the trigger aggregator widget of a component
            state.id = f"{INTERNAL_PREFIX}_{widget.id}{EVENTS_SUFFIX}"
            state.json_trigger_value = content if isinstance(content, str) else json_text(content)
        elif name.endswith("_array_value"):
            getattr(state, name).data.extend(content)
        elif name in ("json_value", "json_trigger_value") and not isinstance(content, str):
            setattr(state, name, json_text(content))
        else:
            setattr(state, name, content)
        return state

    # --- one run ---------------------------------------------------------------------------------------------------
    async def rerun(self, *, page: str | None = None, trigger: str | None = None, widgets: list | tuple = (),
                    fragment_id: str | None = None) -> tuple[float, float]:
        """Send one rerun (a page visit, a button trigger or forged widget states); read until the run finishes.

        ``widgets``: ``WidgetState`` protos (from ``state``); a run for widgets that all belong to one fragment
        reruns only that fragment, as in the browser, unless ``fragment_id`` says otherwise ('' for the page).
        Returns (seconds to the first Plotly figure, or NaN; seconds to the end of the run)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        if page is not None:
            state.page_script_hash = self.pages.get(page, "")
            state.page_name = page
            self.page_hash = state.page_script_hash
        else:
            state.page_script_hash = self.page_hash
        fragments = set()
        if trigger is not None:
            widget_id, fragment = self.buttons[trigger]
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.trigger_value = True
            fragments.add(fragment)
        for forged in widgets:
            state.widget_states.widgets.add().CopyFrom(forged)
            owner = next((w.fragment_id for w in self.widgets.values() if w.id == _owner(forged.id)), "")
            fragments.add(owner)
        if fragment_id is None and len(fragments) == 1:
            fragment_id = fragments.pop()
        if fragment_id:  # the fragment draws its widgets again (an id may change with the widget's options)
            state.fragment_id = fragment_id
            self.buttons = {label: b for label, b in self.buttons.items() if b[1] != fragment_id}
            self.widgets = {i: w for i, w in self.widgets.items() if w.fragment_id != fragment_id}
        else:  # a full run draws every widget again
            self.buttons, self.widgets = {}, {}
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await self._read_run(start)

    async def auto_rerun(self, fragment_id: str) -> tuple[float, float]:
        """What the browser sends every ``run_every`` seconds for a fragment: a rerun of that fragment alone."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.fragment_id = fragment_id
        msg.rerun_script.is_auto_rerun = True
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await self._read_run(start)

    async def _read_run(self, start: float) -> tuple[float, float]:
        """Read ForwardMsgs until the run finishes; remember its widgets, texts, figures and exceptions."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        first_figure = math.nan
        self.texts, self.titles, self.exceptions, self.figures = [], [], [], 0
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=RUN_TIMEOUT_S)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "navigation":  # st.navigation's pages, and the page this run shows
                for app_page in fwd.navigation.app_pages:
                    self.pages[app_page.url_pathname] = app_page.page_script_hash
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                proto = getattr(element, which)
                widget_id = getattr(proto, "id", "")  # widgets (and keyed elements) carry their id
                if widget_id and isinstance(widget_id, str):
                    self.widgets.pop(widget_id, None)  # drawn again: it moves to the end
                    self.widgets[widget_id] = Widget(widget_id, which, fwd.delta.fragment_id, proto)
                if which == "plotly_chart":
                    self.figures += 1
                    if first_figure != first_figure:
                        first_figure = time.perf_counter() - start
                elif which == "heading":
                    self.titles.append(proto.body)
                    self.texts.append(proto.body)
                elif which in ("markdown", "alert", "toast"):
                    self.texts.append(proto.body)
                elif which == "button":
                    self.buttons[proto.label] = (proto.id, fwd.delta.fragment_id)
                elif which == "exception":
                    message = f"{proto.type}: {proto.message[:300]}"
                    self.exceptions.append(message)
                    self.result.errors.append(message)
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "add_block":
                block = fwd.delta.add_block  # stateful blocks (tabs, expanders, popovers with a key) carry an id
                which = block.WhichOneof("type")
                proto = getattr(block, which) if which else None
                widget_id = getattr(proto, "id", "") if proto is not None else ""
                if widget_id and isinstance(widget_id, str):
                    self.widgets.pop(widget_id, None)  # drawn again: it moves to the end
                    self.widgets[widget_id] = Widget(widget_id, which, fwd.delta.fragment_id, proto)
            elif kind == "page_info_changed" and self.follows_address:
                self.query = fwd.page_info_changed.query_string
            elif kind == "auto_rerun":  # the browser reruns this fragment every interval seconds
                self.auto_reruns[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
            elif kind == "script_finished":
                status = fwd.script_finished
                self.status = ForwardMsg.ScriptFinishedStatus.Name(status)
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return first_figure, time.perf_counter() - start
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.result.errors.append("compile error")
                    return first_figure, time.perf_counter() - start
                # FINISHED_EARLY_FOR_RERUN: another run follows (st.switch_page, st.rerun); keep reading

    def expect(self, text: str, what: str) -> None:
        """Counts an error when the last run did not show ``text`` (so a click that did nothing is noticed)."""
        if not any(text in t for t in self.texts):
            self.result.errors.append(f"{what} was not shown")


class SyncSession:
    """``WsSession`` for plain tests: each call runs to the end of its Streamlit run on the session's own loop.

        with SyncSession(url, "predict=1") as s:
            s.rerun(page="stepper")
            s.rerun(widgets=[s.state("stepper_speed", string_array_value=["evil"])])
    """

    def __init__(self, url: str, query: str = "") -> None:
        self.session = WsSession(url, query)
        # The loop runs in its own thread: a test process may already run one in this thread (Playwright's sync
        # API does, in the browser tests that share a pytest worker with these), and a thread runs one loop.
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="ws-session", daemon=True)
        self.thread.start()

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def __enter__(self) -> SyncSession:
        self._run(self.session.__aenter__())
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._run(self.session.__aexit__(*exc))
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()

    def rerun(self, **kwargs) -> tuple[float, float]:
        return self._run(self.session.rerun(**kwargs))

    def __getattr__(self, name: str):  # widgets, state(), texts, exceptions... of the session
        return getattr(self.session, name)


def _owner(state_id: str) -> str:
    """The component id a components-v2 trigger aggregator id belongs to."""
    if state_id.startswith(INTERNAL_PREFIX + "_") and state_id.endswith(EVENTS_SUFFIX):
        return state_id[len(INTERNAL_PREFIX) + 1:-len(EVENTS_SUFFIX)]
    return state_id
