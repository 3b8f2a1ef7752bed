"""Streamlit pieces the two steppers share (Step through SMOTE and the SMOTE family's step-through).

- predict-first answers: a selection on the figure or a slider, read into ``predict.Answer`` values kept in
  session state per page, and read back at the reveal;
- blocks a page places with one call: Home's SMOTE at a glance and the minority-only counterfactual;
- playback: the run's animation shown in the stepper's own figure area, started from the current step, and a
  small component that hands the position back to the stepper when the animation is paused or ends;
- the Step through SMOTE page's parts: its settings (from the link, then the settings box), the cached run and
  animation, the stepping fragment (the figure and the browser's stepping component, fed a window of the run at
  a time), the server's stepper fragment of predict-first mode (buttons, figure, narration, questions), the trace
  table with its downloads and the class sizes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import numpy as np
import streamlit as st

from smote_viz import inputs, ui
from smote_viz.data import Dataset
from smote_viz.data.dataset import class_counts
from smote_viz.export import FORMULA_NOTE, RESAMPLED_HELP, count_neutralised, csv_bytes, neutralise, trace_frame
from smote_viz.figures.common import PROJECTOR_GROWTH, projector_sized
from smote_viz.figures.data import counts_figure
from smote_viz.room import ui as room
from smote_viz.smote import clamp_k, trace_smote
from smote_viz.state import from_query, to_query
from smote_viz.stepper import text
from smote_viz.stepper.browser import Window, standing_at, window_at, window_payload
from smote_viz.stepper.counterfactual import minority_only_figure
from smote_viz.stepper.figures import animation_figure, stepper_figure, view_caption
from smote_viz.stepper.glance import POINTS as GLANCE_POINTS
from smote_viz.stepper.glance import glance_figure
from smote_viz.stepper.landing import MinorityOnly, minority_only, minority_only_sentence
from smote_viz.stepper.narration import (
    clamp_position,
    formula_text,
    narrate,
    narrate_short,
    phase_label,
    position_count,
)
from smote_viz.stepper.playback import play_from
from smote_viz.stepper.predict import (
    CHOSEN,
    DANGER,
    GAP,
    NEIGHBOURS,
    Answer,
    Question,
    candidate_rows,
    class_answer,
    class_question,
    question_at,
    rows_at,
    score,
)
from smote_viz.stepper.predict_figures import add_guess, add_picks
from smote_viz.stepper.settings import (
    AMOUNT_LABELS,
    AMOUNTS,
    K_RANGE,
    MAX_ANIMATED,
    MAX_NEW_POINTS,
    RATIO_STEP,
    SPEEDS,
    StepperSettings,
    lowest_ratio,
    play_seconds,
)
from smote_viz.style import escape_markdown

ANSWERS_KEY = "smote_lab.answers"


# ----- predict first ------------------------------------------------------------------------------------------

def answers(scope: str) -> dict[int, Answer]:
    """The answers given on one page's stepper, by the position the question was asked at."""
    return st.session_state.setdefault(ANSWERS_KEY, {}).setdefault(scope, {})


def clear_answers(scope: str) -> None:
    st.session_state.setdefault(ANSWERS_KEY, {})[scope] = {}


def _selected_points(value) -> list[tuple[float, float]]:
    """(x, y) of every well-formed point in a plotly_chart selection state (the browser's, so checked)."""
    return inputs.points(value)


def _store_selection(scope: str, chart_key: str, question: Question, X: np.ndarray, candidates: tuple) -> None:
    rows = rows_at(_selected_points(st.session_state.get(chart_key)), X, candidates)
    answers(scope)[question.position] = Answer(question.kind, question.position, rows)


# A step's figure shows the view the step chose (zoomed on the seed and its neighbours): a double click (a learner
# picking points quickly makes one) goes back to that view, not to Plotly's default of the whole data, where the
# overview map would sit over the points.
STEP_FIGURE_CONFIG = {"doubleClick": "reset"}


def answer_on_figure(fig, *, scope: str, key: str, question: Question, X: np.ndarray,
                     candidates: Sequence[int]) -> None:
    """The figure, with the learner's selection (click, box or lasso) read as the answer to ``question``."""
    st.plotly_chart(fig, key=key, selection_mode=question.selection, config=STEP_FIGURE_CONFIG,
                    on_select=partial(_store_selection, scope, key, question, X, tuple(candidates)))


def _store_gap(scope: str, slider_key: str, question: Question) -> None:
    guess = inputs.number(st.session_state.get(slider_key), 0.0, 1.0)
    if guess is not None:  # anything but a λ in [0, 1] is no guess
        answers(scope)[question.position] = Answer(GAP, question.position, value=guess)


def gap_slider(*, scope: str, key: str, question: Question) -> float | None:
    """A slider for λ; returns the learner's guess once they have moved it (None before)."""
    given = answers(scope).get(question.position)
    st.slider("Your guess: λ", 0.0, 1.0, given.value if given else 0.5, step=0.05, key=key,
              on_change=_store_gap, args=(scope, key, question),
              help="0 puts x_new on the seed x_i, 1 on the chosen neighbour x_zi.")
    given = answers(scope).get(question.position)
    if given is None:
        st.caption("Move the slider: your guess appears on the segment.")
    return given.value if given else None


def add_overlays(figure, trace, position: int, question: Question | None, revealed: Question | None,
                 answer: Answer | None, *, scope: str, projector: bool):
    """The predict-first overlays on a stepper figure: the learner's answer to the question revealed here (picked
    points, or the guessed λ) and the guess of λ being made now; sized like the figure (``projector``)."""
    grow = PROJECTOR_GROWTH if projector else 1.0
    if revealed is not None and answer is not None:
        if revealed.kind in (NEIGHBOURS, CHOSEN, DANGER):
            add_picks(figure, trace.X, answer.rows, size=20 * grow)
        elif revealed.kind == GAP and answer.value is not None:
            add_guess(figure, trace, revealed.position, answer.value, draw_segment=False, size=22 * grow)
    if question is not None and question.kind == GAP:
        given = answers(scope).get(position)
        add_guess(figure, trace, position, given.value if given else None, draw_segment=True, size=22 * grow)
    return figure


def ask(question: Question, *, scope: str, key: str, present: bool) -> None:
    """The question before a reveal, in the narration: its text, then a λ slider (``key``) or how to answer on
    the figure, and (outside presenter mode) that Next reveals."""
    st.markdown(question.text)
    if question.kind == GAP:
        gap_slider(scope=scope, key=key, question=question)
    else:
        st.caption(question.how)
        given = answers(scope).get(question.position)
        st.caption(text.picked_so_far(given.rows if given else ()))
    if not present:
        st.caption("Press **Next** to see the answer (you may also skip the question).")


# ----- the next figure, built ahead ----------------------------------------------------------------------------

def built_ahead(key: str, ident: tuple, build: Callable[[], object]):
    """The figure for ``ident``: the one ``build_ahead`` made while the learner looked at the previous step, when
    it is for the same ``ident``; else ``build()`` now. Each session keeps one figure (under ``key``)."""
    ahead = st.session_state.pop(key, None)
    if ahead is not None and ahead[0] == ident:
        return ahead[1]
    return build()


def build_ahead(key: str, ident: tuple, build: Callable[[], object]) -> None:
    """Build the figure the next click will most likely ask for, after this run's elements have been sent: the
    click then costs serialising it, not building it (Plotly's checks make building the larger part)."""
    st.session_state[key] = (ident, build())


# ----- playback -----------------------------------------------------------------------------------------------

# Finds the Plotly chart of the animation (by the chart's key), plays it frame by frame from the frame shown, and
# reports the position on screen (the name of the frame) once: when Pause is pressed, when the run ends, or when
# the learner lets go of the slider. An arrow key, Home, End, Space or Escape pauses it. No user data reaches this
# code: ``data`` holds the chart's key and a flag.
_PLAYBACK_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const selector = ".st-key-" + data.chart + " .js-plotly-plot";
  let gd = null, reported = false, dragging = false, run = null, shown = null, gliding = null;
  const steps = () => {
    const sliders = gd && gd._fullLayout && gd._fullLayout.sliders;
    return sliders && sliders.length ? sliders[0] : null;
  };
  const position = () => {  // the frame on screen: frames are named by their position in the run
    if (shown !== null) return Number(shown);
    const slider = steps();
    const step = slider && slider.steps[slider.active];
    return step && step.args && step.args[0] ? Number(step.args[0][0]) : null;
  };
  const report = () => {
    if (reported || dragging || !gd) return;
    reported = true;
    setTriggerValue("stopped", position());
  };
  const stop = () => { if (run) run.stopped = true; run = null; };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const glideEnded = async () => {  // Plotly's transition of the axes ends after its animate() promise: 3 s at most
    const until = Date.now() + 3000;
    while (gd && gd._transitioning && Date.now() < until) await sleep(16);
  };
  // Play runs the frames one by one (Plotly.animate of one frame, then the rest of the frame's time): Plotly's
  // own sequence (its Play button) stops applying the frames' axis ranges after the first few, so the zoom
  // stayed on the first neighbourhood while the points went on; one frame at a time, every frame's view shows.
  const play = async () => {
    const slider = steps();
    if (!slider || !window.Plotly) { click(0); return; }
    const names = slider.steps.map((s) => String(s.args[0][0]));
    const menu = gd.layout.updatemenus && gd.layout.updatemenus[0];
    const timing = (menu && menu.buttons[0].args[1]) || {};
    const frameMs = (timing.frame && timing.frame.duration) || 500;
    // Plotly cuts a transition to its frame's duration, and a transition of 0 ms divides 0 by 0 when its first
    // animation frame comes within the same millisecond (axes and labels then get transforms of NaN): the frame
    // lasts as long as its glide, at least 1 ms.
    const glide = Math.max(1, (timing.transition && timing.transition.duration) || 0);
    const options = { frame: { duration: glide, redraw: false }, mode: "immediate",
                      transition: { duration: glide, easing: "cubic-in-out" } };
    const mine = { stopped: false };
    run = mine;
    let i = Math.max(0, names.indexOf(String(position())));
    while (i < names.length - 1) {
      i += 1;
      shown = names[i];
      const began = Date.now();
      gliding = window.Plotly.animate(gd, [names[i]], options).catch(() => {}).then(glideEnded);  // rejected: interrupted
      await gliding;
      gliding = null;
      if (mine.stopped) return;
      await sleep(Math.max(0, frameMs - (Date.now() - began)));
      if (mine.stopped) return;
    }
    run = null;
    report();  // the run has played to its end
  };
  const click = (index) => {
    const buttons = gd ? gd.querySelectorAll(".updatemenu-button") : [];
    if (buttons.length > index) buttons[index].dispatchEvent(new MouseEvent("click", { bubbles: true }));
    return buttons.length > index;
  };
  const pause = async () => {  // a glide under way ends first: the stepper then replaces a still chart
    stop();
    await gliding;
    await glideEnded();
    report();
  };
  const onKey = (event) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End", " ", "Escape"].includes(event.key)) return;
    if (event.target && event.target.closest && event.target.closest("input, textarea, [contenteditable]")) return;
    event.preventDefault();
    event.stopPropagation();
    pause();
  };
  const onButton = (event) => {  // the figure's own Pause (or Play, which hands the run to Plotly's sequence)
    const label = event && event.button && event.button.label ? String(event.button.label) : "";
    if (label.includes("Pause")) pause(); else if (label.includes("Play")) stop();
  };
  const onStart = () => { stop(); shown = null; dragging = true; };
  const onEnd = () => { dragging = false; report(); };
  // Pausing interrupts Plotly.animate, which then rejects the promise of the animation it interrupts, without a
  // reason; the figure's Play button leaves that promise unhandled, so the page would report an uncaught
  // "undefined". That rejection is how a pause ends a play: it is handled here, one reasonless rejection for each
  // interruption of this chart, also when a busy page reports it only after the stepper has taken over (this
  // listener then stays until it has come, 30 s at most).
  let expected = 0;
  const onInterrupted = () => { expected += 1; if (!run) report(); };
  const onAnimated = () => { if (!run) report(); };  // Plotly's own sequence ended
  const onRejection = (event) => {
    if (event.reason !== undefined || expected === 0) return;
    expected -= 1;
    event.preventDefault();
  };
  const stopHandling = () => window.removeEventListener("unhandledrejection", onRejection);
  const timer = setInterval(() => {
    gd = document.querySelector(selector);
    if (!gd || !gd._fullLayout || typeof gd.on !== "function") return;
    clearInterval(timer);
    gd.on("plotly_animationinterrupted", onInterrupted);
    gd.on("plotly_animated", onAnimated);
    gd.on("plotly_buttonclicked", onButton);
    gd.on("plotly_sliderstart", onStart);
    gd.on("plotly_sliderend", onEnd);
    if (data.autoplay) setTimeout(play, 150);
  }, 50);
  window.addEventListener("keydown", onKey, true);
  window.addEventListener("unhandledrejection", onRejection);
  return () => {
    clearInterval(timer);
    stop();
    window.removeEventListener("keydown", onKey, true);
    if (expected > 0) setTimeout(stopHandling, 30000); else stopHandling();
    if (gd && typeof gd.removeListener === "function") {
      gd.removeListener("plotly_animationinterrupted", onInterrupted);
      gd.removeListener("plotly_animated", onAnimated);
      gd.removeListener("plotly_buttonclicked", onButton);
      gd.removeListener("plotly_sliderstart", onStart);
      gd.removeListener("plotly_sliderend", onEnd);
    }
  };
}
"""

MAX_POSITION = 10**7  # as a link's step (StepperSettings.step): larger is no position of any run
_COMPONENTS: dict[str, object] = {}


def _component(name: str, js: str):
    """The components-v2 component ``name`` (registered once, on first use)."""
    if name not in _COMPONENTS:
        _COMPONENTS[name] = st.components.v2.component(name, js=js)
    return _COMPONENTS[name]


def _trigger(key: str, event: str):
    """The value the browser sent with trigger ``event`` of the component under ``key`` (unchecked: the caller
    reads it through ``inputs``)."""
    value = st.session_state.get(key)
    return inputs.field(value, event) if isinstance(value, dict) else getattr(value, event, None)


def playback(*, chart_key: str, key: str, on_stop: Callable[[int | None], None]) -> None:
    """Start the animation drawn by ``st.plotly_chart(..., key=chart_key)`` and call ``on_stop(position)`` once it
    pauses, ends, or its slider is let go (``position``: the slider's position, None if unknown)."""

    def stopped() -> None:
        # the browser's number: a whole position or nothing (the stepper then fits it to the run)
        on_stop(inputs.whole(_trigger(key, "stopped"), 0, MAX_POSITION))

    _component("smote_lab_playback", _PLAYBACK_JS)(key=key, data={"chart": chart_key, "autoplay": True}, height=0,
                          on_stopped_change=stopped)


# ----- blocks: a figure with its words, cached -------------------------------------------------------------------
GLANCE_K = 5


def _sized(figure):
    return projector_sized(figure) if ui.presenting() else figure


# --- Home: SMOTE at a glance --------------------------------------------------------------------------------
@st.cache_data(max_entries=32, ttl="1h", show_spinner=False)
def _glance(_dataset: Dataset, fingerprint: str):
    """The first synthetic points SMOTE makes on the data (k = 5, or fewer on a small class; seed 0), as the
    stepper's animation cut short, resting on the first new point; None when SMOTE makes nothing here."""
    try:
        k, _ = clamp_k(_dataset.y, GLANCE_K)
        trace = trace_smote(_dataset.X2, _dataset.y, k_neighbors=k, random_state=0)
    except ValueError:
        return None, None
    if trace.n_new == 0:
        return None, None
    x_name, y_name = _dataset.view_names
    figure = glance_figure(trace, x_title=x_name, y_title=y_name, positions=_dataset.class_positions)
    return figure, formula_text(trace, 0)


def glance(dataset: Dataset) -> bool:
    """Home's picture: SMOTE's first synthetic points on the current data. False when there is nothing to draw."""
    figure, formula = _glance(dataset, dataset.fingerprint)
    if figure is None:
        st.info("SMOTE makes no new points on the current data (its classes are already balanced, or a class "
                "has a single point). Generate other data on the Data page to see it at work.",
                icon=":material/info:")
        return False
    st.plotly_chart(_sized(figure), key="home_glance")
    st.caption(
        f"SMOTE on the current data. The first new point (star) lies on the segment from its seed x_i to the chosen "
        f"neighbour x_zi: `{formula}`. Press Play to watch the next {GLANCE_POINTS - 1} being made, phase by phase."
    )
    return True


# --- Step through: why minority-only neighbours --------------------------------------------------------------
@st.cache_data(max_entries=16, ttl="1h", show_spinner=False)
def _minority_only(_dataset: Dataset, fingerprint: str, k: int, strategy: object, seed: int) -> MinorityOnly:
    return minority_only(_dataset.X2, _dataset.y, k_neighbors=k, sampling_strategy=strategy, random_state=seed)


def minority_only_answer(dataset: Dataset, k: int, strategy: object, seed: int) -> None:
    """An expander: the same run (same k, strategy and seed) with neighbours from every class, beside SMOTE's."""
    with st.expander("Why does SMOTE look for neighbours only among the minority? The same run with neighbours "
                     "from every class", icon=":material/help:"):
        result = _minority_only(dataset, dataset.fingerprint, k, strategy, seed)
        if result.smote.n_new == 0:
            st.caption("This run makes no new points.")
            return
        st.plotly_chart(_sized(minority_only_figure(result, positions=dataset.class_positions,
                                                    axis_names=dataset.view_names)), key="stepper_minority_only")
        st.markdown(minority_only_sentence(result))
        st.caption(
            f"Both panels draw synthetic point {result.shown_step + 1} in full (the seed x_i with a thick outline, "
            f"its {k} neighbours in small rings, the chosen neighbour x_zi in a large ring and the new point, a large "
            "star; the legend names each); the same seeds and random draws make both runs. Stars with "
            "a thick outline lie nearer to a point of another class than to any of their own; thin black lines "
            "are segments towards a point of another class."
        )


# ----- Step through SMOTE (pages/stepper.py) ---------------------------------------------------------------------
SETTINGS_KEY = "stepper.settings"
STEP_KEY = "stepper.step"
RUN_KEY = "stepper.run"
PLAY_KEY = "stepper.playing"  # while the run plays: the position Play started from
SCOPE = "stepper"  # predict-first answers of this page
FIGURE_KEY = "stepper_figure"
PLAY_CHART_KEY = "stepper_play_chart"
AHEAD_KEY = "stepper.ahead"  # the next step's figure, built while the learner looks at this one
HEIGHT = 560
PRESENT_HEIGHT = 610  # with the buttons above it, fills a 720 px high projector screen


@dataclass(frozen=True)
class Screen:
    """How the stepper's figures are drawn on this screen: ``present`` (presenter mode: projector-sized, no
    explanations), the figure's ``height`` and the ``width`` (px) its labels are placed for."""

    present: bool
    height: int
    width: int

    @classmethod
    def current(cls) -> Screen:
        present = ui.presenting()
        width = ui.figure_width(present)
        return cls(present, ui.figure_height(present, HEIGHT, PRESENT_HEIGHT), width)


@st.cache_data(max_entries=32, ttl="30m", show_spinner=False)
def cached_trace(_dataset, fingerprint: str, k: int, strategy: object, seed: int):
    """The traced run; keyed by the dataset's fingerprint and the settings (the dataset itself is not hashed)."""
    return trace_smote(_dataset.X2, _dataset.y, k_neighbors=k, sampling_strategy=strategy, random_state=seed)


@st.cache_data(max_entries=8, ttl="30m", show_spinner="Building the animation…")
def cached_animation(_trace, run_key: tuple, frame_ms: int, x_name: str, y_name: str, positions: tuple,
                     height: int, projector: bool, width: int) -> dict:
    """The animated run as a figure dict, from step 0; building its hundreds of frames takes a second, so it is
    built once per run and speed (``play_from`` then starts it at any step)."""
    fig = animation_figure(_trace.head(MAX_ANIMATED), frame_ms=frame_ms, x_title=x_name, y_title=y_name,
                           positions=dict(positions), height=height, width=width, projector=projector)
    return fig.to_dict()


def saved_settings() -> StepperSettings:
    """The page's settings: on the first visit of the session read from the link (saying what in it was
    wrong), then kept in session state."""
    if SETTINGS_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        first, problems = from_query(StepperSettings, params)
        st.session_state[SETTINGS_KEY] = first
        st.session_state[STEP_KEY] = first.step
        for problem in problems:
            st.warning(escape_markdown(problem), icon=":material/link_off:")
    return st.session_state[SETTINGS_KEY]


def settings_box(saved: StepperSettings, ds: Dataset) -> StepperSettings:
    """The settings expander, collapsed under a one-line summary (so that the buttons and the figure come first
    on a projector or a phone; the "This run" line under the stepper says the rest); the settings chosen in it."""
    ratio, number = saved.ratio, saved.number
    with st.expander(text.settings_summary(saved), icon=":material/tune:", key="stepper_settings_box"):
        c1, c2, c3, c4 = st.columns([1, 2, 2, 1])
        k_asked = c1.number_input("k neighbours", K_RANGE[0], K_RANGE[1], int(saved.k), step=1, key="stepper_k")
        amount = inputs.choice(c2.radio(
            "How many synthetic points", AMOUNTS, index=AMOUNTS.index(saved.amount),
            format_func=ui.label(AMOUNT_LABELS), key="stepper_amount",
        ), AMOUNTS, saved.amount)
        if amount == "ratio":
            lowest = lowest_ratio(ds)  # below it, imbalanced-learn would have to remove minority points
            if saved.ratio < lowest:
                st.info(text.ratio_too_low(saved.ratio, lowest), icon=":material/tune:")
            ratio = c3.slider(
                "Minority size after SMOTE, as a share of the majority", round(lowest, 2), 1.0,
                float(min(max(saved.ratio, lowest), 1.0)), step=RATIO_STEP, format="%.2f", key="stepper_ratio",
                help=text.ratio_help(ds),
            )
        elif amount == "number":
            number = c3.number_input(text.number_label(ds), 1, MAX_NEW_POINTS, int(saved.number), step=1,
                                     key="stepper_number")
        else:
            c3.markdown(text.BALANCE_WORDS)
        seed = c4.number_input("Random seed", 0, 2**31 - 1, int(saved.smote_seed), step=1, key="stepper_seed")
        speed = c4.select_slider("Play speed", list(SPEEDS), value=saved.speed, key="stepper_speed",
                                 help=text.speed_help())
    return _settings(saved, k_asked, amount, ratio, number, seed, speed)


def _settings(saved: StepperSettings, k, amount, ratio, number, seed, speed) -> StepperSettings:
    """The settings the widgets hold, each checked: a value no widget offers keeps the saved setting."""
    return StepperSettings(
        inputs.whole(k, K_RANGE[0], K_RANGE[1], saved.k), inputs.choice(amount, AMOUNTS, saved.amount),
        round(inputs.number(ratio, 0.01, 1.0, saved.ratio), 2), inputs.whole(number, 1, MAX_NEW_POINTS, saved.number),
        inputs.whole(seed, 0, 2**31 - 1, saved.smote_seed), saved.step, inputs.choice(speed, tuple(SPEEDS), saved.speed),
    )


def chosen_settings(saved: StepperSettings, ds: Dataset, *, present: bool) -> StepperSettings:
    """The settings of this run: in presenter mode (no explanations, no settings) the link's, else the intro, a
    note on data of more than two columns and the settings box."""
    if present:
        return _settings(saved, saved.k, saved.amount, saved.ratio, saved.number, saved.smote_seed, saved.speed)
    st.caption(text.INTRO)
    if ds.n_features > 2:
        st.info(text.two_columns_note(*ds.view_names), icon=":material/info:")
    return settings_box(saved, ds)


def run_or_stop(ds: Dataset, settings: StepperSettings, strategy: object):
    """``(trace, k_used)`` of the run; says so when k had to be lowered. When SMOTE cannot run with these
    settings, keeps them (in the session and the URL), says why and stops the page."""
    try:
        k_used, k_message = clamp_k(ds.y, settings.k, strategy)
        trace = cached_trace(ds, ds.fingerprint, k_used, strategy, settings.smote_seed)
    except ValueError as error:
        st.session_state[SETTINGS_KEY] = settings
        ui.share_in_url(to_query(settings))
        st.error(text.cannot_run(error, ds, settings.amount), icon=":material/error:")
        st.stop()
    if k_message:
        st.info(escape_markdown(k_message), icon=":material/tune:")
    return trace, k_used


def start_run(ds: Dataset, settings: StepperSettings, k_used: int, strategy: object, trace) -> tuple:
    """Keep the run's position (from the start for a different run, which also forgets Play and the answers) and
    the settings in the session and the URL; the run's key."""
    run_key = (ds.fingerprint, k_used, repr(strategy), settings.smote_seed)
    if st.session_state.get(RUN_KEY) not in (None, run_key):
        st.session_state[STEP_KEY] = 0  # a different run: start again from the beginning
        st.session_state.pop(PLAY_KEY, None)
        clear_answers(SCOPE)
    st.session_state[RUN_KEY] = run_key
    st.session_state[STEP_KEY] = clamp_position(st.session_state.get(STEP_KEY, 0), trace)
    settings = replace(settings, step=st.session_state[STEP_KEY])
    st.session_state[SETTINGS_KEY] = settings
    ui.share_in_url(to_query(settings))
    return run_key


def _stopped(position: int | None) -> None:
    """The animation paused or ended at ``position``: the stepper carries on from there."""
    st.session_state.pop(PLAY_KEY, None)
    if position is not None:
        st.session_state[STEP_KEY] = position


def _plain_figure(trace, position: int, x_name: str, y_name: str, positions: dict, screen: Screen):
    """The figure of ``position``; in presenter mode projector-sized before its labels are placed."""
    return stepper_figure(trace, position, x_title=x_name, y_title=y_name, positions=positions,
                          height=screen.height, width=screen.width, projector=screen.present)


def _figure(trace, position: int, question, revealed, answer, x_name: str, y_name: str, positions: dict,
            run_key: tuple, screen: Screen):
    """The static figure of ``position`` with the predict-first overlays: the learner's answer to the question
    revealed here, and the guess of λ being made. Without overlays it is usually the figure built ahead."""
    def plain():
        return _plain_figure(trace, position, x_name, y_name, positions, screen)

    overlays = revealed is not None or (question is not None and question.kind == GAP)
    if not overlays:
        return built_ahead(AHEAD_KEY, (run_key, position, screen.present), plain)
    return add_overlays(plain(), trace, position, question, revealed, answer, scope=SCOPE,
                        projector=screen.present)


def tell_class(trace, run_key: tuple, question: Question | None, revealed: Question | None) -> None:
    """Class mode: the question on screen (or the one revealed here) for the teacher's count of the class's
    answers, and this learner's answer to it, for the count (nothing happens outside a class)."""
    run_id = hashlib.sha256(repr(run_key).encode()).hexdigest()[:12]
    shown = question or revealed
    asked = class_question(trace, shown, run_id) if shown is not None else None
    room.asking(asked, revealed=question is None and revealed is not None)
    if asked is not None and question is not None:
        value = class_answer(trace, question, answers(SCOPE).get(question.position))
        if value is not None:
            room.answered(asked, value)


@st.fragment
def stepper(trace, x_name: str, y_name: str, positions: dict, run_key: tuple, speed: str, screen: Screen) -> None:
    """Buttons, the figure of the current phase (or the run playing from it) and its narration; a click reruns
    only this part."""
    present = screen.present
    total = position_count(trace)
    position = clamp_position(st.session_state.get(STEP_KEY, 0), trace)
    predict = ui.predicting()
    playing = st.session_state.get(PLAY_KEY)
    animated = trace.head(MAX_ANIMATED)
    n_animated = position_count(animated)
    if playing is not None and playing >= n_animated - 1:
        st.session_state.pop(PLAY_KEY, None)
        playing = None
    if playing is None:
        ui.step_buttons(STEP_KEY, total, position, key_prefix="stepper_", shortcuts=True,
                        play_key=PLAY_KEY if position < n_animated - 1 else None)
    if st.query_params.get("step") != str(position):
        st.query_params["step"] = str(position)
    question = question_at(trace, position) if predict and playing is None else None
    revealed = question_at(trace, position - 1) if predict and playing is None and position > 0 else None
    answer = answers(SCOPE).get(position - 1) if revealed is not None else None
    tell_class(trace, run_key, question, revealed)
    left, right = st.columns([5, 3] if present else [3, 2])
    with left:
        if playing is not None:
            frame_ms = SPEEDS[speed]
            spec = cached_animation(trace, run_key, frame_ms, x_name, y_name, tuple(positions.items()),
                                    screen.height, present, screen.width)
            st.plotly_chart(play_from(spec, playing), key=PLAY_CHART_KEY)
            playback(chart_key=PLAY_CHART_KEY, key="stepper_playback", on_stop=_stopped)
        else:
            fig = _figure(trace, position, question, revealed, answer, x_name, y_name, positions, run_key, screen)
            if question is not None and question.selection:
                answer_on_figure(fig, scope=SCOPE, key=FIGURE_KEY, question=question, X=trace.X,
                                 candidates=candidate_rows(trace, question))
            else:
                st.plotly_chart(fig, key=FIGURE_KEY, config=STEP_FIGURE_CONFIG)
    with right, ui.narration_box():
        if playing is not None:
            st.markdown(text.playing(playing, speed, play_seconds(n_animated - playing, speed)))
            if animated.n_new < trace.n_new:
                st.caption(f"The animation covers the first {animated.n_new} of the {trace.n_new} new points.")
            return
        st.markdown(f"Step **{position}** of {total - 1} (point {phase_label(trace, position)})")
        if revealed is not None:
            st.markdown(score(trace, revealed, answer).markdown())
        st.markdown(narrate_short(trace, position) if present else narrate(trace, position, (x_name, y_name)))
        if question is not None:
            ask(question, scope=SCOPE, key=f"stepper_gap_{position}", present=present)
        if not present:
            st.caption(text.LEGEND)
            st.caption(escape_markdown(view_caption(trace, position, height=screen.height, width=screen.width)))
    if position + 1 < total:  # everything is on screen: get the next step's figure ready
        build_ahead(AHEAD_KEY, (run_key, position + 1, present),
                    lambda: _plain_figure(trace, position + 1, x_name, y_name, positions, screen))


# ----- stepping in the browser (every mode but predict first) ------------------------------------------------------
STEPPING_KEY = "stepper_stepping"
STEPPING_CHART_KEY = "stepper_chart"
_STEPPING_JS = (Path(__file__).parent / "stepping.js").read_text(encoding="utf-8")


def css_key(key: str) -> str:
    """The class Streamlit gives the element of widget key ``key`` (``st-key-`` + the key, other characters than
    letters, digits, ``-`` and ``_`` as ``-``), without its prefix."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _moved(key: str, step_key: str) -> None:
    """The browser asks for a position outside its window (whether Play goes on there, whether to show the run
    done whole): checked, then kept for the rerun."""
    moved = _trigger(key, "moved")
    position = inputs.whole(inputs.field(moved, "position"), 0, MAX_POSITION)
    if position is None:
        return
    st.session_state[step_key] = position
    st.session_state[key + ".autoplay"] = inputs.flag(inputs.field(moved, "playing"), False)
    st.session_state[key + ".whole"] = inputs.flag(inputs.field(moved, "whole"), False)


def stepping_controls(*, key: str, chart_key: str, step_key: str, param: str, run: object, position: int,
                      payload: dict, present: bool, drawn_by_server: Sequence[int] = ()) -> None:
    """The browser's stepping component for the chart of key ``chart_key`` (drawn from ``payload``, a
    ``browser.window_payload``): buttons, slider, keys, Play and each step's words; the position is kept under
    ``step_key`` and the URL parameter ``param`` follows it. ``drawn_by_server``: positions the page draws with
    another figure (the family's step 0): the browser asks the server for them, and standing on one, for any
    other."""
    autoplay = bool(st.session_state.pop(key + ".autoplay", False))
    show_whole = bool(st.session_state.pop(key + ".whole", False))
    _component("smote_lab_stepping", _STEPPING_JS)(
        key=key, on_moved_change=partial(_moved, key, step_key),
        data={"chart": css_key(chart_key), "param": param, "run": repr(run), "position": position,
              "autoplay": autoplay, "show_whole": show_whole, "present": present,
              "drawn_by_server": [int(p) for p in drawn_by_server],
              **{k: payload[k] for k in ("first", "last", "total", "frames", "steps", "frame_ms", "glide_ms",
                                         "legend")},
              "whole": payload.get("whole")},
    )


@st.cache_data(max_entries=16, ttl="30m", show_spinner="Preparing the run…")
def cached_window(_trace, run_key: tuple, window: Window, names: tuple, positions: tuple, height: int, width: int,
                  present: bool, frame_ms: int) -> dict:
    """One window of the run as the browser steps it (``browser.window_payload``); built once per run, window,
    screen and speed, and shared by every session with the same inputs (the run key holds the data's
    fingerprint)."""
    return window_payload(_trace, window, names=names, positions=dict(positions), height=height,
                          width=width, present=present, frame_ms=frame_ms)


@st.fragment
def stepping(trace, x_name: str, y_name: str, positions: dict, run_key: tuple, speed: str, screen: Screen) -> None:
    """The figure and, beside it (below it on a phone), the stepping component: buttons, slider, each step's
    narration. Steps inside the window the server sent are the browser's alone; this part reruns only to send
    another window."""
    position = clamp_position(st.session_state.get(STEP_KEY, 0), trace)
    st.session_state[STEP_KEY] = position
    if st.query_params.get("step") != str(position):
        st.query_params["step"] = str(position)
    window = window_at(trace, position)
    payload = cached_window(trace, run_key, window, (x_name, y_name), tuple(positions.items()),
                            screen.height, screen.width, screen.present, SPEEDS[speed])
    left, right = st.columns([5, 3] if screen.present else [3, 2])
    left.plotly_chart(standing_at(payload, position), key=STEPPING_CHART_KEY, config=STEP_FIGURE_CONFIG)
    with right:
        stepping_controls(key=STEPPING_KEY, chart_key=STEPPING_CHART_KEY, step_key=STEP_KEY, param="step",
                          run=run_key, position=position, payload=payload, present=screen.present)


def trace_table(trace, ds: Dataset) -> None:
    """Every synthetic point and its parents: the trace as a table, and downloads of it and of the resampled
    data."""
    x_name, y_name = ds.view_names
    st.subheader("Every synthetic point and its parents")
    st.markdown(text.TRACE_TABLE)
    frame = trace.steps_frame(feature_names=[x_name, y_name])
    st.dataframe(neutralise(frame), hide_index=True, height=300)  # the toolbar's CSV export is safe too
    if count_neutralised(frame):
        st.caption(FORMULA_NOTE)
    downloads = st.container(horizontal=True)
    downloads.download_button(
        "Download this table as CSV", lambda: csv_bytes(frame), file_name="smote_trace.csv",
        mime="text/csv", on_click="ignore", icon=":material/download:", key="stepper_download",
    )
    downloads.download_button(
        f"Download the resampled data ({trace.n_original} originals + {trace.n_new} synthetic) as CSV",
        lambda: csv_bytes(trace_frame(trace, feature_names=[x_name, y_name], label_name=ds.label_name)),
        file_name="smote_resampled.csv", mime="text/csv", on_click="ignore", icon=":material/download:",
        key="stepper_download_resampled",
        help=RESAMPLED_HELP,
    )


def class_sizes(trace, ds: Dataset) -> None:
    """Class sizes before and after SMOTE, side by side."""
    st.subheader("Class sizes before and after")
    before, after = st.columns(2)
    before.plotly_chart(counts_figure(ds.counts, title="Before SMOTE", positions=ds.class_positions),
                        key="stepper_counts_before")
    after.plotly_chart(counts_figure(class_counts(trace.y_resampled), title="After SMOTE",
                                     positions=ds.class_positions),
                       key="stepper_counts_after")
