"""Class mode in Streamlit: the Class page (start a class, its code, link and QR code, who is present, pacing),
the class bar every page of a class shows (the teacher's: the class's answers to the question on screen; a
student's: the class they are in), following the teacher's place, and sending a student's answers.

The rooms live in one ``MemoryRooms`` per server process (``st.cache_resource``): a class is reached only with
its code (students) or its token (the teacher); each session keeps its own code, id and token in
``st.session_state``. A restart of the server ends every class: pages then say that the class has ended.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit

import streamlit as st

from smote_viz import inputs, ui
from smote_viz.room import text
from smote_viz.room.figures import tally_figure
from smote_viz.room.qr import qr_png
from smote_viz.room.store import (
    FREE,
    IDLE_SECONDS,
    LEAD,
    PAUSE,
    MemoryRooms,
    Place,
    RoomError,
    nickname_of,
    normal_code,
)
from smote_viz.room.tally import Asked, tally
from smote_viz.state import CLASS_PARAM, LINK_PARAM, ClassroomModes, query_keys

CLASS_PATH = "class"  # the Class page's URL path
TEACHER_KEY = "room.teacher"  # (code, token)
STUDENT_KEY = "room.student"  # (code, student id)
ASKED_KEY = "room.asked"  # (Asked, revealed) of the question this run shows (the teacher's page)
SHOWN_KEY = "room.shown"  # the teacher's "Show the answer" per question id
PATH_KEY = "room.path"  # the URL path of the page this session runs
APPLIED_KEY = "room.applied"  # the pacing version a student's page last followed
ENDED_KEY = "room.ended"  # a message: the class this session was in has ended
ERROR_KEY = "room.error"  # why a join failed
TEACHER_EVERY = 1.0  # s: the teacher's bar refreshes the class's answers this often
STUDENT_EVERY = 3.0  # s: a student's page calls in this often (presence, pacing)
MODE_WORDS = {FREE: "Free: everyone explores", LEAD: "Lead: everyone follows my page and step",
              PAUSE: "Pause: screens show “eyes on the teacher”"}


@st.cache_resource
def rooms() -> MemoryRooms:
    """The classes of this server process (shared by every session; each class reached only by its code)."""
    return MemoryRooms()


def now() -> float:
    return time.monotonic()


def teaching() -> tuple[str, str] | None:
    return st.session_state.get(TEACHER_KEY)


def studying() -> tuple[str, str] | None:
    return st.session_state.get(STUDENT_KEY)


def _client() -> str:
    """Who tries codes, for the join limit: the browser's address, else this session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    address = getattr(st.context, "ip_address", None)
    if address:
        return f"ip:{address}"
    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id if ctx else ''}"


# ----- the page asks, the student answers --------------------------------------------------------------------

def asking(asked: Asked | None, *, revealed: bool = False) -> None:
    """The page shows ``asked`` (revealed: with its answer): the teacher's bar counts the class's answers to it,
    and in Lead a student's page follows to it."""
    st.session_state[ASKED_KEY] = (asked, revealed) if asked is not None else None
    if teaching() is not None:  # a page's fragment may step without the router: its place is reported here
        report_place(st.session_state.get(PATH_KEY, ""))


def answered(asked: Asked, value) -> None:
    """A student answered ``asked``: send the value to their class (nothing when not in a class)."""
    joined = studying()
    kept = asked.valid(value)
    if joined is None or kept is None:
        return
    if not rooms().answer(joined[0], joined[1], asked.id, kept, now()):
        _ended()


# ----- joining and leaving -------------------------------------------------------------------------------------

def start_class() -> None:
    try:
        code, token = rooms().start(now())
    except RoomError as problem:
        st.session_state[ERROR_KEY] = str(problem)
        return
    st.session_state[TEACHER_KEY] = (code, token)
    st.session_state.pop(STUDENT_KEY, None)
    ui.set_modes(predict=True)  # the class predicts: every step and reveal goes through the server


def end_class() -> None:
    held = st.session_state.pop(TEACHER_KEY, None)
    if held:
        rooms().end(*held)
    st.session_state[FORGET_KEY] = True


# The teacher's browser keeps the class's code and token in a cookie (this site only, 3 hours): a reload, or a
# link opened in the same browser, starts a new session, which takes the class back from it. The token is never
# in a URL (a projector shows the address bar). The component sets or clears the cookie, nothing else.
COOKIE = "smote_lab_teacher"
FORGET_KEY = "room.forget"  # the class ended: the next run clears the teacher's cookie
COOKIE_READ_KEY = "room.cookie_read"
_COOKIE_JS = """
export default function (component) {
  const { data } = component;
  const attributes = "; path=/; SameSite=Strict; max-age=";
  if (data.value) document.cookie = data.name + "=" + encodeURIComponent(data.value) + attributes + data.max_age;
  else document.cookie = data.name + "=" + attributes + "0";
}
"""
_cookie_component = None


def _keep_in_browser(value: str | None) -> None:
    global _cookie_component
    if _cookie_component is None:
        _cookie_component = st.components.v2.component("smote_lab_teacher_cookie", js=_COOKIE_JS)
    _cookie_component(key="room.cookie", data={"name": COOKIE, "value": value, "max_age": IDLE_SECONDS},
                      height=0)


def _teacher_from_cookie() -> None:
    """A new session in the teacher's browser takes the class back (when it is still on)."""
    if st.session_state.get(COOKIE_READ_KEY):
        return
    st.session_state[COOKIE_READ_KEY] = True  # once per session: its cookies are those of its first request
    if teaching() is not None or studying() is not None:
        return
    kept = inputs.field(getattr(st.context, "cookies", {}), COOKIE)
    if not isinstance(kept, str) or kept.count(".") < 1 or len(kept) > 100:
        return
    code, _, token = kept.partition(".")
    if normal_code(code) == code and rooms().teacher_view(code, token, now()) is not None:
        st.session_state[TEACHER_KEY] = (code, token)
    else:  # the class this browser led has ended (a restart of the server ends every class): say so, once
        st.session_state[ENDED_KEY] = text.ENDED
        st.session_state[FORGET_KEY] = True


def join(code: object, nickname: object = "") -> None:
    """Join the class ``code`` (as typed or linked); a failure is kept in words for the page."""
    st.session_state.pop(ERROR_KEY, None)
    try:
        student = rooms().join(str(code), _client(), now(), nickname_of(nickname))
    except RoomError as problem:
        st.session_state[ERROR_KEY] = str(problem)
        return
    st.session_state[STUDENT_KEY] = (normal_code(code), student)
    st.session_state.pop(ENDED_KEY, None)
    st.session_state.pop(APPLIED_KEY, None)
    ui.set_modes(predict=True, present=False)


def leave() -> None:
    st.session_state.pop(STUDENT_KEY, None)
    st.session_state.pop(APPLIED_KEY, None)
    if CLASS_PARAM in st.query_params:
        del st.query_params[CLASS_PARAM]


def _ended() -> None:
    if st.session_state.pop(STUDENT_KEY, None) or st.session_state.pop(TEACHER_KEY, None):
        st.session_state[ENDED_KEY] = text.ENDED
    if CLASS_PARAM in st.query_params:
        del st.query_params[CLASS_PARAM]


def join_from_link() -> None:
    """A link with ``?class=CODE`` joins that class once (a code already joined, or a teacher's own, does nothing)."""
    linked = normal_code(st.query_params.get(CLASS_PARAM))
    if linked is None:
        return
    held = studying() or teaching()
    if held is not None and held[0] == linked:
        return
    if st.session_state.get(ERROR_KEY + ".code") == linked:  # tried once: the page says why it failed
        return
    st.session_state[ERROR_KEY + ".code"] = linked
    join(linked)


# ----- the router: follow the teacher, or report where the teacher is -----------------------------------------

def _place_query(query: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The teacher's link parameters a student follows: not the modes (a student predicts on their own screen),
    not the class itself, not the in-app link mark."""
    skip = query_keys(ClassroomModes) | {CLASS_PARAM, LINK_PARAM}
    return tuple(sorted((k, v) for k, v in query.items() if k not in skip))


def _call_in():
    """A student's page calls in (they count as present): their class's ``StudentView``, or None when the session
    is in no class or the class has ended (then said so)."""
    joined = studying()
    if joined is None:
        return None
    seen = rooms().call_in(joined[0], joined[1], now())
    if seen is None:
        _ended()
    return seen


def follow(url_path: str, pages: Mapping[str, object]) -> None:
    """Before the page runs, for a student: in Pause, say so and stop; in Lead, go to the teacher's place (once per
    move of the teacher, and back to the teacher's page if the student left it)."""
    joined = studying()
    seen = _call_in()
    if seen is None:
        return
    pacing = seen.pacing
    moved = st.session_state.get(APPLIED_KEY) != pacing.version
    st.session_state[APPLIED_KEY] = pacing.version  # the student's bar reruns the page at the next move
    if pacing.mode == PAUSE:
        student_bar()
        st.title(text.PAUSED_TITLE)
        st.markdown(text.PAUSED)
        st.stop()
    if pacing.mode != LEAD:
        return
    place = pacing.place
    elsewhere = place.path != url_path
    if (moved or elsewhere) and place.path in pages:
        here = _place_query({k: st.query_params.get(k) for k in st.query_params})
        if elsewhere or here != place.query:
            query = {**dict(place.query), CLASS_PARAM: joined[0], LINK_PARAM: "1"}
            st.switch_page(pages[place.path], query_params=query)


def before_page(url_path: str, pages) -> None:
    """The router, before the page: join from a link, forget the last run's question, follow the teacher (a
    student) and draw the student's bar."""
    st.session_state[PATH_KEY] = url_path
    st.session_state[ASKED_KEY] = None
    _teacher_from_cookie()
    join_from_link()
    follow(url_path, {page.url_path: page for page in pages})
    student_bar()


def report_place(url_path: str) -> None:
    """After the page has run, for a teacher: the class's pacing learns the teacher's place (page, link, question)."""
    held = teaching()
    if held is None or url_path == CLASS_PATH:  # the Class page itself is no place to lead the class to
        return
    shown = st.session_state.get(ASKED_KEY)
    question = shown[0].id if shown else None
    place = Place(url_path, _place_query({k: st.query_params.get(k) for k in st.query_params}), question)
    if rooms().lead(held[0], held[1], now(), place=place) is None:
        _ended()


# ----- the bars ------------------------------------------------------------------------------------------------

def _teacher_bar_body() -> None:
    held = teaching()
    if held is None:
        return
    shown = st.session_state.get(ASKED_KEY)
    asked, revealed = shown if shown else (None, False)
    view = rooms().teacher_view(held[0], held[1], now(), asked.id if asked else None)
    if view is None:
        _ended()
        st.warning(text.ENDED)
        return
    line = text.teacher_line(view.code, view.present, view.pacing.mode)
    if asked is None:
        st.markdown(line)
        return
    revealed = revealed or st.session_state.get(SHOWN_KEY, {}).get(asked.id, False)
    counted = tally(asked, view.answers, revealed=revealed)
    words, bars = st.columns([2, 3])
    with words:
        st.markdown(f"{line}  \n**The class:** {asked.text}  \n{counted.summary}")
        if not revealed and asked.right is not None:
            st.button("Show the class the right answer", key="room.reveal", on_click=_show_answer,
                      args=(asked.id,), help="Marks the right answer on the class's bars.")
    bars.plotly_chart(tally_figure(counted.counts, counted.labels, counted.right_bar, present=ui.presenting()),
                      key="room.tally", config={"displayModeBar": False, "staticPlot": True})


@st.fragment(run_every=TEACHER_EVERY)
def _teacher_bar() -> None:
    _teacher_bar_body()


def _show_answer(question: str) -> None:
    st.session_state.setdefault(SHOWN_KEY, {})[question] = True


def teacher_bar() -> None:
    """The teacher's bar on every page while a class is on: the code, who is present, and the class's answers
    to the question on screen (its right answer once the teacher shows it, or the page reveals it)."""
    held = teaching()
    if held is None:
        if st.session_state.pop(FORGET_KEY, False):
            _keep_in_browser(None)
        return
    with st.container(border=True, key="room-teacher-bar"):
        _teacher_bar()
        _keep_in_browser(f"{held[0]}.{held[1]}")


@st.fragment(run_every=STUDENT_EVERY)
def _student_bar() -> None:
    if studying() is None:
        return
    seen = _call_in()
    if seen is None:
        st.rerun(scope="app")
    if seen.pacing.version != st.session_state.get(APPLIED_KEY):
        st.rerun(scope="app")  # the teacher moved, paused or freed the class: the router follows
    st.caption(text.student_line(seen.code, seen.pacing.mode, seen.nickname))


def student_bar() -> None:
    """A student's bar on every page: the class they are in; it calls in every ``STUDENT_EVERY`` seconds, and
    when the teacher moves or pauses the class the whole page follows."""
    if studying() is not None:
        with st.container(key="room-student-bar"):
            _student_bar()
    elif st.session_state.get(ENDED_KEY):
        st.info(st.session_state.pop(ENDED_KEY), icon=":material/logout:")
    if st.session_state.get(ERROR_KEY) and studying() is None and teaching() is None:
        st.error(st.session_state[ERROR_KEY], icon=":material/error:")


# ----- the Class page ------------------------------------------------------------------------------------------

def join_link(code: str) -> str:
    """The link students open: this app's address with ``?class=CODE``."""
    base = getattr(st.context, "url", None) or "http://localhost:8501/"
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}/?{urlencode({CLASS_PARAM: code})}"


def _set_mode(code: str, token: str) -> None:
    mode = inputs.choice(st.session_state.get("room.mode"), (FREE, LEAD, PAUSE), None)
    if mode is not None and rooms().lead(code, token, now(), mode=mode) is None:
        _ended()


def _nickname() -> None:
    joined = studying()
    if joined is not None:
        rooms().rename(joined[0], joined[1], nickname_of(st.session_state.get("room.nickname")), now())


def class_page() -> None:
    """The Class page: start (or end) a class as a teacher, or join one as a student."""
    held, joined = teaching(), studying()
    if held is not None:
        code, token = held
        left, right = st.columns([3, 2])
        with left:
            st.markdown(text.code_words(code))
            link = join_link(code)
            st.code(link, language=None)
            st.radio("The class", (FREE, LEAD, PAUSE), key="room.mode", format_func=ui.label(MODE_WORDS),
                     on_change=_set_mode, args=(code, token), horizontal=not ui.on_phone())
            st.markdown(text.TEACHER_HOW)
            st.button("End the class", icon=":material/stop_circle:", on_click=end_class, key="room.end")
        with right:
            st.image(qr_png(link), caption=f"Scan to join class {code}", width=320)
        return
    if joined is not None:
        st.markdown(text.joined_words(joined[0]))
        st.text_input("Your name in this class (optional)", key="room.nickname", max_chars=24,
                      on_change=_nickname, placeholder="anonymous")
        st.button("Leave the class", on_click=leave, key="room.leave")
        return
    st.markdown(text.INTRO)
    student, teacher = st.columns(2)  # on a phone (a student's screen) Join comes first
    with teacher:
        st.subheader("Teach")
        st.markdown(text.TEACH)
        st.button("Start a class", type="primary", icon=":material/co_present:", on_click=start_class,
                  key="room.start")
    with student:
        st.subheader("Join")
        with st.form("room.join", border=False):
            code = st.text_input("Class code", max_chars=12, placeholder="e.g. K7QM2P")
            nickname = st.text_input("Your name (optional)", max_chars=24, placeholder="anonymous")
            if st.form_submit_button("Join"):
                join(code, nickname)
                st.rerun()
