"""The one module that talks to Streamlit: session state, the URL, and shared page furniture.

Per-user data lives in ``st.session_state`` only (never in ``st.cache_resource``, which every user shares).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from .data import Dataset, default_dataset, generate
from .state import ClassroomModes, GeneratorSettings, from_query, query_keys, to_query
from .style import escape_markdown, label_text

DATASET_KEY = "smote_lab.dataset"
SETTINGS_KEY = "smote_lab.generator_settings"
URL_PROBLEMS_KEY = "smote_lab.url_problems"
MODES_KEY = "smote_lab.modes"
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
        settings, problems = from_query(GeneratorSettings, params)
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


def modes() -> ClassroomModes:
    """Presenter and predict-first modes of this session; the first run reads them from the link."""
    if MODES_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        chosen, problems = from_query(ClassroomModes, params)
        st.session_state[MODES_KEY] = chosen
        if problems:
            st.session_state[URL_PROBLEMS_KEY] = st.session_state.get(URL_PROBLEMS_KEY, []) + problems
    return st.session_state[MODES_KEY]


def presenting() -> bool:
    """Presenter mode is on: pages leave out explanatory paragraphs and settings, figures are projector-sized."""
    return modes().present


def predicting() -> bool:
    """Predict-first mode is on: each reveal waits until the learner has answered."""
    return modes().predict


def set_modes(**changes: bool) -> None:
    st.session_state[MODES_KEY] = replace(modes(), **changes)


def _toggle_mode(name: str, widget_key: str) -> None:
    set_modes(**{name: bool(st.session_state[widget_key])})


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


def share_in_url(page_params: dict[str, str] | None = None) -> None:
    """Write the data settings (generated data only), the classroom modes that are on and this page's own
    settings into the URL.

    Only keys that changed are written, so a rerun with the same choices does not touch the browser history.
    """
    wanted: dict[str, str] = dict(modes().query())
    settings = current().settings
    if settings is not None:
        wanted.update(to_query(settings))
    else:
        wanted[DATA_PARAM] = UPLOAD_MARK
    wanted.update(page_params or {})
    for key in list(st.query_params):
        if key not in wanted:
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


def _move_step(step_key: str, total: int, delta: int | None = None, to: int | None = None) -> None:
    current = int(st.session_state.get(step_key, 0))
    target = to if to is not None else current + (delta or 0)
    st.session_state[step_key] = int(min(max(target, 0), total - 1))


def step_buttons(step_key: str, total: int, position: int, *, key_prefix: str, shortcuts: bool = False) -> None:
    """Previous / Next / Reset / Jump to end for a stepper whose position (0 .. total - 1) is kept in
    ``st.session_state[step_key]``. Buttons get the keys ``key_prefix + "prev" | "next" | "reset" | "end"``;
    ``shortcuts`` binds them to the arrow, Home and End keys."""
    buttons = (
        ("Previous", "prev", ":material/arrow_back:", {"delta": -1}, position == 0, "Left", "Previous phase (← key)"),
        ("Next", "next", ":material/arrow_forward:", {"delta": 1}, position == total - 1, "Right",
         "Next phase (→ key)"),
        ("Reset", "reset", ":material/restart_alt:", {"to": 0}, False, "Home", "Back to the start (Home key)"),
        ("Jump to end", "end", ":material/last_page:", {"to": total - 1}, False, "End", "All points placed (End key)"),
    )
    for column, (label, name, icon, move, disabled, shortcut, help_text) in zip(st.columns(4), buttons, strict=True):
        extra = {"shortcut": shortcut, "help": help_text} if shortcuts else {}
        column.button(
            label, key=key_prefix + name, icon=icon, on_click=_move_step,
            kwargs={"step_key": step_key, "total": total, **move}, disabled=disabled,
            type="primary" if name == "next" else "secondary", **extra,
        )
