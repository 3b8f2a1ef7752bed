"""Streamlit pieces the two steppers share (Step through SMOTE and the SMOTE family's step-through).

- predict-first answers: a selection on the figure or a slider, read into ``predict.Answer`` values kept in
  session state per page, and read back at the reveal;
- blocks a page places with one call: Home's SMOTE at a glance and the minority-only counterfactual;
- playback: the run's animation shown in the stepper's own figure area, started from the current step, and a
  small component that hands the position back to the stepper when the animation is paused or ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
import streamlit as st

from smote_viz import ui
from smote_viz.data import Dataset
from smote_viz.figures.common import PROJECTOR_GROWTH, projector_sized
from smote_viz.smote import clamp_k, trace_smote
from smote_viz.stepper.counterfactual import minority_only_figure
from smote_viz.stepper.glance import POINTS as GLANCE_POINTS
from smote_viz.stepper.glance import glance_figure
from smote_viz.stepper.landing import MinorityOnly, minority_only, minority_only_sentence
from smote_viz.stepper.narration import formula_text
from smote_viz.stepper.predict import CHOSEN, DANGER, GAP, NEIGHBOURS, Answer, Question, rows_at
from smote_viz.stepper.predict_figures import add_guess, add_picks

ANSWERS_KEY = "smote_lab.answers"


# ----- predict first ------------------------------------------------------------------------------------------

def answers(scope: str) -> dict[int, Answer]:
    """The answers given on one page's stepper, by the position the question was asked at."""
    return st.session_state.setdefault(ANSWERS_KEY, {}).setdefault(scope, {})


def clear_answers(scope: str) -> None:
    st.session_state.setdefault(ANSWERS_KEY, {})[scope] = {}


def _selected_points(value) -> list[tuple[float, float]]:
    """(x, y) of every point in a plotly_chart selection state (attribute or dict access)."""
    if value is None:
        return []
    selection = value.get("selection") if isinstance(value, dict) else getattr(value, "selection", None)
    if selection is None:
        return []
    points = selection.get("points", []) if isinstance(selection, dict) else getattr(selection, "points", [])
    return [(p.get("x"), p.get("y")) for p in points or []]


def _store_selection(scope: str, chart_key: str, question: Question, X: np.ndarray, candidates: tuple) -> None:
    rows = rows_at(_selected_points(st.session_state.get(chart_key)), X, candidates)
    answers(scope)[question.position] = Answer(question.kind, question.position, rows)


def answer_on_figure(fig, *, scope: str, key: str, question: Question, X: np.ndarray,
                     candidates: Sequence[int]) -> None:
    """The figure, with the learner's selection (click, box or lasso) read as the answer to ``question``."""
    st.plotly_chart(fig, key=key, selection_mode=question.selection,
                    on_select=partial(_store_selection, scope, key, question, X, tuple(candidates)))


def _store_gap(scope: str, slider_key: str, question: Question) -> None:
    answers(scope)[question.position] = Answer(GAP, question.position, value=float(st.session_state[slider_key]))


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

# Finds the Plotly chart of the animation (by the chart's key), starts it, and reports the position its slider
# shows (the name of the frame on screen) once: when Pause is pressed, when the run ends, or when the learner lets go of the slider. An arrow key, Home,
# End, Space or Escape pauses it. No user data reaches this code: ``data`` holds the chart's key and a flag.
_PLAYBACK_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const selector = ".st-key-" + data.chart + " .js-plotly-plot";
  let gd = null, reported = false, dragging = false;
  const position = () => {  // the frame the slider shows: frames are named by their position in the run
    const sliders = gd && gd._fullLayout && gd._fullLayout.sliders;
    if (!sliders || !sliders.length) return null;
    const step = sliders[0].steps[sliders[0].active];
    return step && step.args && step.args[0] ? Number(step.args[0][0]) : null;
  };
  const report = () => {
    if (reported || dragging || !gd) return;
    reported = true;
    setTriggerValue("stopped", position());
  };
  const click = (index) => {
    const buttons = gd ? gd.querySelectorAll(".updatemenu-button") : [];
    if (buttons.length > index) buttons[index].dispatchEvent(new MouseEvent("click", { bubbles: true }));
    return buttons.length > index;
  };
  const onKey = (event) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End", " ", "Escape"].includes(event.key)) return;
    if (event.target && event.target.closest && event.target.closest("input, textarea, [contenteditable]")) return;
    event.preventDefault();
    event.stopPropagation();
    if (!click(1)) report();
  };
  const onStart = () => { dragging = true; };
  const onEnd = () => { dragging = false; report(); };
  const timer = setInterval(() => {
    gd = document.querySelector(selector);
    if (!gd || !gd._fullLayout || typeof gd.on !== "function") return;
    clearInterval(timer);
    gd.on("plotly_animationinterrupted", report);
    gd.on("plotly_animated", report);
    gd.on("plotly_sliderstart", onStart);
    gd.on("plotly_sliderend", onEnd);
    if (data.autoplay) setTimeout(() => click(0), 150);
  }, 50);
  window.addEventListener("keydown", onKey, true);
  return () => {
    clearInterval(timer);
    window.removeEventListener("keydown", onKey, true);
    if (gd && typeof gd.removeListener === "function") {
      gd.removeListener("plotly_animationinterrupted", report);
      gd.removeListener("plotly_animated", report);
      gd.removeListener("plotly_sliderstart", onStart);
      gd.removeListener("plotly_sliderend", onEnd);
    }
  };
}
"""

_playback = None


def _playback_component():
    global _playback
    if _playback is None:
        _playback = st.components.v2.component("smote_lab_playback", js=_PLAYBACK_JS)
    return _playback


def playback(*, chart_key: str, key: str, on_stop: Callable[[int | None], None]) -> None:
    """Start the animation drawn by ``st.plotly_chart(..., key=chart_key)`` and call ``on_stop(position)`` once it
    pauses, ends, or its slider is let go (``position``: the slider's position, None if unknown)."""

    def stopped() -> None:
        value = st.session_state.get(key)
        position = value.get("stopped") if isinstance(value, dict) else getattr(value, "stopped", None)
        on_stop(None if position is None else int(position))

    _playback_component()(key=key, data={"chart": chart_key, "autoplay": True}, height=0,
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
