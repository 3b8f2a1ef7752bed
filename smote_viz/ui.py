"""The module that talks to Streamlit for every page (``ui_stepper`` does it for the two steppers): session state,
the URL, the classroom modes, and shared page furniture.

Per-user data lives in ``st.session_state`` only (never in ``st.cache_resource``, which every user shares).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import streamlit as st

from smote_viz import inputs
from smote_viz.data import Dataset, Table, default_dataset, generate, read_table, table_to_dataset
from smote_viz.data.churn import SAMPLE_NAME, churn_csv
from smote_viz.figures.common import PLAN_WIDTH
from smote_viz.state import (
    CLASS_PARAM,
    LINK_PARAM,
    ClassroomModes,
    GeneratorSettings,
    from_query,
    generator_settings_from_query,
    query_keys,
    to_query,
)
from smote_viz.style import escape_markdown, label_text

DATASET_KEY = "smote_lab.dataset"
SETTINGS_KEY = "smote_lab.generator_settings"
URL_PROBLEMS_KEY = "smote_lab.url_problems"
MODES_KEY = "smote_lab.modes"
# The Data page's upload: (file id, Table, file name) of the table whose columns it offers, the user's column
# choices for it, and the source radio ("Generate" or "Upload a CSV").
UPLOAD_TABLE_KEY = "smote_lab.upload_table"
UPLOAD_CHOICES_KEY = "smote_lab.upload_choices"
SOURCE_KEY = "smote_lab.source"
GENERATE, UPLOAD = "Generate", "Upload a CSV"
SAMPLE_ID = "bank-churn-sample"
CHECKPOINT_KEY = "smote_lab.checkpoint"  # never set: reading it is the point
# In the URL while the data is an uploaded file (a link cannot carry the file itself): a new session that finds
# it (after a reload, a server restart, or from a shared link) says that the file is gone instead of silently
# showing other data.
DATA_PARAM, UPLOAD_MARK = "data", "upload"
STEP_PARAMS = ("step", "vstep")  # positions in a run: meaningless once the data is another
UPLOAD_LOST = (
    "Your uploaded file was lost: an upload lives only in this browser tab's session, which a page reload or a "
    "server restart ends (and a shared link cannot carry the file). Upload it again on the Data page. Until then "
    "the default data is loaded and every stepper starts again from step 0."
)


NUMBER_FIELDS = {"double_value", "int_value"}  # a number input registers double_value; an int one sends int_value


def ignore_unreadable_values() -> None:
    """Make Streamlit ignore a widget value it cannot read, as if the browser had sent none.

    The browser sends each widget's value in a typed field of its message (a slider a list of floats, a selectbox
    a string, a number input a number), and Streamlit 1.67 trusts the field. A forged message that puts a string
    where a slider expects floats, NaN where an int number input expects an int, or text that is not JSON where a
    figure selection belongs makes a deserialiser raise; a value in another field than the widget's (a number for
    a selectbox) is read, but then breaks the widget when Streamlit writes it back. Either way the page showed a
    traceback instead of itself, in a callback before the page runs or in the widget's call.

    Installed once per process (on import of this module), this wraps the one place where Streamlit reads a
    browser value (``WStates.__getitem__``): a value in another field than the widget's, or one its deserialiser
    fails on, is replaced by the widget's default. Values of the right type still reach the app, which checks them
    with ``smote_viz.inputs``."""
    try:  # Streamlit's internals as of 1.67; a release that moves them leaves its own behaviour in place
        from streamlit.runtime.state.session_state import Serialized, Value, WStates
    except ImportError:
        return
    read = WStates.__getitem__
    if getattr(read, "ignores_unreadable", False):
        return

    def fits(sent: str | None, expected: str | None) -> bool:
        return sent is None or expected is None or sent == expected or {sent, expected} <= NUMBER_FIELDS

    def read_or_default(self, key: str):
        stored, metadata = self.states.get(key), self.widget_metadata.get(key)
        if metadata is not None and isinstance(stored, Serialized) and \
                not fits(stored.value.WhichOneof("value"), metadata.value_type):
            return default(self, key, metadata)
        try:
            value = read(self, key)
        except KeyError:
            raise
        except (TypeError, ValueError, OverflowError, AttributeError, IndexError, RecursionError):
            return default(self, key, metadata)
        if metadata is not None and self.widget_metadata.get(key, metadata).value_type is None:
            self.widget_metadata[key] = metadata  # a cleared value leaves the widget's field as it was
        return value

    def default(self, key: str, metadata):
        try:
            value = metadata.deserializer(None)
        except Exception:  # noqa: BLE001 - no default either: the widget has no value
            raise KeyError(key) from None
        self.states[key] = Value(value)  # replaced, not removed: callers may be iterating over the states
        return value

    read_or_default.ignores_unreadable = True
    WStates.__getitem__ = read_or_default


ignore_unreadable_values()


def chosen(key: str, options, default):
    """The value of the widget with key ``key`` in session state if it is one of ``options``, else ``default``:
    for code that reads a widget's value before (or without) drawing it, and for callbacks."""
    return inputs.choice(st.session_state.get(key), options, default)


def label(names: Mapping) -> Callable[[object], str]:
    """A widget's ``format_func`` that names each option from ``names``. Streamlit also formats a value the
    browser sent that is no option (before the widget resets it, and in its serialiser, which needs a string):
    that value is shown as itself, so formatting never fails."""
    def name(value: object) -> str:
        try:
            return str(names[value])
        except (KeyError, TypeError, IndexError):
            return str(value)
    return name


def route_through_app() -> None:
    """The first line of every page script: make sure the page runs inside ``app.py``'s router.

    A folder named ``pages/`` next to ``app.py`` makes Streamlit start in its old multipage mode: when the very
    first request after a server start is a deep link (``/data?shape=moons``), it runs ``pages/data.py`` on its
    own, without ``app.py``'s ``st.navigation`` and sidebar. ``st.navigation`` turns that mode off for the rest of
    the process (``PagesManager.uses_pages_directory`` becomes False), so in a server the guard acts on that one
    request only. It runs ``app.py`` in its place, in the same script run: the router resolves the same URL path
    to the same page (a page's identity is its URL path in both modes), with the link's query parameters and any
    widget event of this run untouched, and runs it inside the router; then the guard stops the outer run.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    if not PagesManager.uses_pages_directory:
        return
    ctx = get_script_run_ctx()
    main_script = ctx.pages_manager.main_script_path
    router = {"__name__": "__main__", "__file__": main_script}
    exec(ctx.pages_manager.get_page_script_byte_code(main_script), router)  # noqa: S102 (the app's own app.py)
    st.stop()


def follow_link(url_path: str) -> None:
    """Called by the router before it runs the page at ``url_path``: a link made inside the app with
    ``state.link_query`` (it carries ``link=1``) opens that page exactly in the state it names.

    Pages read their settings from the URL only on their first run in a session, and then remember them (and
    the data) in session state, so a link followed later in the same session would show the remembered state
    instead. For a link, the router forgets what the session remembers for that page (session keys that start
    with the page's URL path and a dot, ``stepper.settings``), and the data when the link names generator
    settings; the page then reads both from the link, as on a first visit. Classroom modes stay as they are.
    """
    if st.query_params.get(LINK_PARAM) != "1":
        return
    del st.query_params[LINK_PARAM]
    names_data = bool(query_keys(GeneratorSettings) & set(st.query_params))
    prefix = f"{url_path}." if url_path else None
    for key in list(st.session_state):
        if (names_data and key in (DATASET_KEY, SETTINGS_KEY)) or (prefix and str(key).startswith(prefix)):
            del st.session_state[key]


@dataclass(frozen=True)
class CurrentData:
    dataset: Dataset
    settings: GeneratorSettings | None  # the generator settings, or None for an uploaded file


@st.cache_data(max_entries=64, ttl="1h", show_spinner=False)
def generate_cached(settings: GeneratorSettings) -> Dataset:
    """Generated data depends only on its settings, so every user may share it."""
    return generate(**settings.generate_kwargs())


def _initialise() -> None:
    if DATASET_KEY in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if query_keys(GeneratorSettings) & set(params):
        settings, problems = generator_settings_from_query(params)
        st.session_state[URL_PROBLEMS_KEY] = problems
        dataset = generate_cached(settings)
    else:
        settings = GeneratorSettings()
        dataset = default_dataset()
        if UPLOAD_MARK in params.get(DATA_PARAM, []):
            st.session_state[URL_PROBLEMS_KEY] = [*st.session_state.get(URL_PROBLEMS_KEY, []), UPLOAD_LOST]
            for key in STEP_PARAMS:  # the step numbers of the link meant a run on the lost data
                if key in st.query_params:
                    del st.query_params[key]
    st.session_state[DATASET_KEY] = dataset
    st.session_state[SETTINGS_KEY] = settings


def checkpoint() -> None:
    """A point where long work gives way. Streamlit looks for a pending stop (the browser went away) or rerun
    (the user clicked something) on every ``st.session_state`` access, and raises its StopException or
    RerunException there; work that calls this between fits therefore stops within one fit of the user
    leaving, instead of computing on for minutes. Library code receives it as a plain callable."""
    st.session_state.get(CHECKPOINT_KEY)


def current() -> CurrentData:
    """The dataset every page works on (the default one until the user changes it)."""
    _initialise()
    return CurrentData(st.session_state[DATASET_KEY], st.session_state[SETTINGS_KEY])


def current_dataset() -> Dataset:
    return current().dataset


def set_dataset(dataset: Dataset, settings: GeneratorSettings | None = None) -> None:
    """Make ``dataset`` the current one. ``settings`` is given for generated data, None for uploads."""
    st.session_state[DATASET_KEY] = dataset
    st.session_state[SETTINGS_KEY] = settings


@st.cache_data(max_entries=1, ttl="1h", show_spinner=False)
def churn_sample_table() -> Table:
    """The bank-churn-shaped sample as an uploaded table (the same for every user, so it may be shared)."""
    return read_table(churn_csv(), name=SAMPLE_NAME)


def use_table(table: Table, file_id: str) -> Dataset:
    """Make ``table`` the current data with the loader's default choices, as if it had just been uploaded: the
    Data page then shows its columns to choose from."""
    st.session_state[UPLOAD_TABLE_KEY] = (file_id, table, table.name)
    st.session_state.pop(UPLOAD_CHOICES_KEY, None)
    st.session_state[SOURCE_KEY] = UPLOAD
    dataset = table_to_dataset(table)
    set_dataset(dataset, None)
    return dataset


def use_churn_sample() -> Dataset:
    """The bank-churn-shaped sample (10 000 made-up customers with the article's columns) as the current data."""
    return use_table(churn_sample_table(), SAMPLE_ID)


def modes() -> ClassroomModes:
    """Presenter and predict-first modes of this session; the first run reads them from the link."""
    if MODES_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        chosen, problems = from_query(ClassroomModes, params)
        st.session_state[MODES_KEY] = chosen
        if problems:
            st.session_state[URL_PROBLEMS_KEY] = st.session_state.get(URL_PROBLEMS_KEY, []) + problems
    return st.session_state[MODES_KEY]


PHONE_FIGURE_WIDTH = 340  # px: a step figure on a phone's screen (390 px wide)
PRESENTER_FIGURE_WIDTH = 720  # px: the step figure in presenter mode is at least this wide
PHONE_FIGURE_HEIGHT = 430  # px: on a phone the step figure's square plot, its legend and axis titles, no more


def on_phone() -> bool:
    """The browser says it runs on a phone ('Mobi' in its User-Agent, as Chrome, Safari and Firefox on phones do)."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def figure_width(presenter: bool) -> int:
    """The width (px) a step figure's labels are placed for: the narrowest it will be drawn on this screen. Labels
    placed for a narrow figure stay clear of each other in a wider one (markers only move further apart)."""
    if on_phone():
        return PHONE_FIGURE_WIDTH
    return PRESENTER_FIGURE_WIDTH if presenter else PLAN_WIDTH


def figure_height(presenter: bool, normal: int, projector: int) -> int:
    """The height (px) of a step figure on this screen: ``projector`` in presenter mode, ``normal`` otherwise,
    and on a phone only what its square plot needs (a taller figure would leave an empty band above the plot,
    and push the plot below the screen's edge)."""
    if on_phone():
        return PHONE_FIGURE_HEIGHT
    return projector if presenter else normal


def presenting() -> bool:
    """Presenter mode is on: pages leave out explanatory paragraphs and settings, figures are projector-sized."""
    return modes().present


def predicting() -> bool:
    """Predict-first mode is on: each reveal waits until the learner has answered."""
    return modes().predict


def set_modes(**changes: bool) -> None:
    st.session_state[MODES_KEY] = replace(modes(), **changes)


# Presenter mode's page chrome, static CSS only (no user text in it): Streamlit's header bar goes, and so does the
# sidebar (the router hides its navigation and adds nothing to it, but a sidebar that held the mode toggles a moment
# ago stays drawn, empty, when presenter mode is switched on from it), the page uses the whole screen, the
# narration reads from the back of a room, and the "Pages" menu and "Exit presenter mode" sit in the top right
# corner of the page, where the header was, taking no room from it. They scroll with the page: a card floating
# over the screen covered whatever the page showed under it (the lesson's links at the end of a chapter), while
# the top right corner of every page is empty (titles and the steppers' buttons start on the left). On a narrow
# screen they take their own line instead. No padding above the page: the style element itself (zero high) and
# the gap after it already leave 1rem.
PRESENTER_CSS = """<style>
header[data-testid="stHeader"] {display: none;}
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
[data-testid="stMainBlockContainer"] {padding: 0 1.5rem 0.5rem 1.5rem; max-width: none; position: relative;}
.st-key-smote-lab-exit {position: absolute; right: 1.5rem; top: 0.5rem; z-index: 10; width: auto;
  background: white; border: 1px solid #d0d0d0; border-radius: 0.5rem; padding: 0 0.5rem;}
@media (max-width: 640px) {
  .st-key-smote-lab-exit {position: static; align-self: flex-end;}
}
.st-key-room-teacher-bar {margin-top: 3rem;}  /* class mode's bar: under the "Pages / Exit presenter mode" card */
.st-key-smote-lab-narration [data-testid="stMarkdownContainer"] p,
.st-key-smote-lab-narration [data-testid="stMarkdownContainer"] li {font-size: 1.3rem; line-height: 1.45;}
.st-key-smote-lab-narration [data-testid="stCaptionContainer"] p {font-size: 1.05rem;}
</style>"""
# Every page, static CSS only: on a phone, Streamlit keeps 6rem above the page for its 3.75rem header bar; 4.5rem
# is enough, and gives the stepper's figure the room to show beside the Next button without scrolling.
PAGE_CSS = """<style>
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] {padding-top: 4.5rem;}
}
</style>"""
NARRATION_KEY = "smote-lab-narration"  # a container with this key gets presenter mode's large narration font
EXIT_KEY = "smote_lab.exit_present"


def page_style() -> None:
    """The CSS every page shares (see ``PAGE_CSS``)."""
    st.html(PAGE_CSS)


def presenter_chrome(pages: list | None = None) -> None:
    """Presenter mode's CSS and its way around and out, in the top right corner of the page: a "Pages" menu (the
    sidebar's navigation is hidden) and "Exit presenter mode"."""
    st.html(PRESENTER_CSS)
    with st.container(key="smote-lab-exit", horizontal=True, gap="small", vertical_alignment="center"):
        if pages:
            with st.popover("Pages", icon=":material/menu:", type="tertiary", help="Go to another page"):
                for page in pages:
                    st.page_link(page)
        st.button("Exit presenter mode", key=EXIT_KEY, icon=":material/close_fullscreen:", type="tertiary",
                  on_click=set_modes, kwargs={"present": False},
                  help="Back to the normal page, with the sidebar, the explanations and the settings.")


def narration_box():
    """A container whose markdown is set large in presenter mode (the narration beside a figure)."""
    return st.container(key=NARRATION_KEY)


def _toggle_mode(name: str, widget_key: str) -> None:
    set_modes(**{name: inputs.flag(st.session_state.get(widget_key), getattr(modes(), name))})


def mode_toggles(container=None) -> None:
    """The two switches, each with a one-line help; ``container`` defaults to the sidebar."""
    where = container if container is not None else st.sidebar
    current = modes()
    for name, label, help_text in (
        ("present", "Presenter mode", "For a projector: large figures and fonts, no sidebar or settings. "
                                      "Kept in the link (present=1)."),
        ("predict", "Predict first", "Each step asks a question and reveals the answer on the next click. "
                                     "Kept in the link (predict=1)."),
    ):
        key = f"smote_lab.toggle_{name}"
        st.session_state[key] = getattr(current, name)
        where.toggle(label, key=key, help=help_text, on_change=_toggle_mode, args=(name, key))


def share_in_url(page_params: dict[str, str] | None = None, *, with_data: bool = True) -> None:
    """Write the data settings (generated data only, and only ``with_data``), the classroom modes that are on
    and this page's own settings into the URL.

    Only keys that changed are written, so a rerun with the same choices does not touch the browser history.
    """
    wanted: dict[str, str] = dict(modes().query())
    if with_data:
        settings = current().settings
        if settings is not None:
            wanted.update(to_query(settings))
        else:
            wanted[DATA_PARAM] = UPLOAD_MARK
    wanted.update(page_params or {})
    for key in list(st.query_params):
        if key not in wanted and key != CLASS_PARAM:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def show_url_problems() -> None:
    """Every problem with the link this session opened (bad values, a lost upload), shown once, on the first page
    that calls this: the link's data settings and modes are read first, so nothing waits for the next page."""
    _initialise()
    modes()
    for problem in st.session_state.pop(URL_PROBLEMS_KEY, []):
        st.warning(escape_markdown(problem), icon=":material/link_off:")


def show_notices(notices: list[str]) -> None:
    """Everything the loader or generator changed, as one info box (text escaped, never HTML)."""
    if notices:
        st.info("\n".join(f"- {escape_markdown(n)}" for n in notices), icon=":material/info:")


def sidebar_summary(slot) -> None:
    """The current dataset in a few lines, written into ``slot`` (a placeholder in the sidebar)."""
    data = current()
    ds = data.dataset
    counts = ", ".join(f"{escape_markdown(label_text(k))}: {v}" for k, v in ds.counts.items())
    with slot.container():
        st.caption("Current data")
        st.markdown(
            f"**{escape_markdown(ds.name)}**  \n{ds.n_samples} rows, {ds.n_features} features  \n"
            f"Classes: {counts}  \nImbalance ratio {ds.imbalance_ratio:.1f} : 1"
        )


def _move_step(step_key: str, total: int, delta: int | None = None, to: int | None = None,
               reveal_key: str | None = None) -> None:
    current = int(st.session_state.get(step_key, 0))
    if reveal_key is not None:
        if delta == 1 and current == 0 and not st.session_state.get(reveal_key, False):
            st.session_state[reveal_key] = True  # Next first reveals what position 0 held back
            return
        if to == 0:
            st.session_state[reveal_key] = False  # back to the start: the question is asked again
    target = to if to is not None else current + (delta or 0)
    st.session_state[step_key] = int(min(max(target, 0), total - 1))


def _start_playing(play_key: str, step_key: str) -> None:
    st.session_state[play_key] = int(st.session_state.get(step_key, 0))


def step_buttons(step_key: str, total: int, position: int, *, key_prefix: str, shortcuts: bool = False,
                 play_key: str | None = None, reveal_key: str | None = None, row=None) -> None:
    """Previous / Next (/ Play) / Reset / Go to end for a stepper whose position (0 .. total - 1) is kept in
    ``st.session_state[step_key]``, in one horizontal row that wraps but never stacks, Previous and Next first
    (so a phone keeps them side by side). Buttons get the keys ``key_prefix + "prev" | "next" | "play" | "reset"
    | "end"``; ``shortcuts`` binds them to the arrow, Home and End keys.

    ``play_key``: show Play, which stores the current position under that key (the page then plays from it).
    ``reveal_key``: position 0 holds something back (predict-first mode): the first Next sets
    ``st.session_state[reveal_key]`` instead of moving on, and Reset clears it. ``row``: a horizontal container
    to add the buttons to (after what it already holds); by default a new one."""
    revealing = reveal_key is not None and position == 0 and not st.session_state.get(reveal_key, False)
    # No tooltips (``help``): the figure sits right below the row, and a tooltip shown under a button the learner
    # keeps clicking (Next, again and again) covers the figure's legend. The keys are on the buttons themselves
    # (Streamlit shows a button's shortcut in it), and the narration says how to pause a play.
    buttons = [
        ("Previous", "prev", ":material/arrow_back:", {"delta": -1}, position == 0, "Left"),
        ("Reveal" if revealing else "Next", "next", ":material/arrow_forward:", {"delta": 1},
         position == total - 1 and not revealing, "Right"),
        ("Reset", "reset", ":material/restart_alt:", {"to": 0}, False, "Home"),
        ("Go to end", "end", ":material/last_page:", {"to": total - 1}, False, "End"),
    ]
    if row is None:
        row = st.container(horizontal=True, gap="xsmall", key=key_prefix + "buttons")
    for index, (label, name, icon, move, disabled, shortcut) in enumerate(buttons):
        extra = {"shortcut": shortcut} if shortcuts else {}
        row.button(
            label, key=key_prefix + name, icon=icon, on_click=_move_step,
            kwargs={"step_key": step_key, "total": total, "reveal_key": reveal_key, **move}, disabled=disabled,
            type="primary" if name == "next" else "secondary", **extra,
        )
        if index == 1 and play_key is not None:
            row.button("Play", key=key_prefix + "play", icon=":material/play_arrow:", on_click=_start_playing,
                       args=(play_key, step_key), disabled=position == total - 1)
