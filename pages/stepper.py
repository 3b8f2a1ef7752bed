"""Step through SMOTE: every synthetic point in four phases, with its numbers, exactly as imbalanced-learn makes it."""

from dataclasses import replace

import streamlit as st

from smote_viz import ui
from smote_viz.data.dataset import class_counts
from smote_viz.export import FORMULA_NOTE, RESAMPLED_HELP, count_neutralised, csv_bytes, neutralise, trace_frame
from smote_viz.figures.data import counts_figure
from smote_viz.smote import clamp_k, trace_smote
from smote_viz.state import from_query, to_query
from smote_viz.stepper import ui as ui_stepper
from smote_viz.stepper.figures import animation_figure, stepper_figure, view_caption
from smote_viz.stepper.narration import clamp_position, narrate, narrate_short, phase_label, plan_text, position_count
from smote_viz.stepper.playback import play_from
from smote_viz.stepper.predict import GAP, candidate_rows, question_at, score
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
    sampling_strategy_for,
)
from smote_viz.style import escape_markdown, label_text

ui.route_through_app()  # first: a first deep link runs inside app.py's router

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
LEGEND = (
    "Legend: the seed x_i has a thick black outline; open circles numbered 1..k are its neighbours "
    "(nearest first); the dashed circle passes through the k-th neighbour; the large open circle marks "
    "the chosen neighbour x_zi; the star is the new point x_new; small stars are points placed earlier."
)
present = ui.presenting()
label_width = ui.figure_width(present)  # the figure's labels are placed for this width (px)
figure_height = ui.figure_height(present, HEIGHT, PRESENT_HEIGHT)


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


if not present:
    st.title("Step through SMOTE")
ui.show_url_problems()

if SETTINGS_KEY not in st.session_state:
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    first, problems = from_query(StepperSettings, params)
    st.session_state[SETTINGS_KEY] = first
    st.session_state[STEP_KEY] = first.step
    for problem in problems:
        st.warning(escape_markdown(problem), icon=":material/link_off:")
saved: StepperSettings = st.session_state[SETTINGS_KEY]

ds = ui.current_dataset()
x_name, y_name = ds.view_names
ratio, number = saved.ratio, saved.number
if present:  # presenter mode: no explanations and no settings; the link's settings hold
    k_asked, amount, seed, speed = saved.k, saved.amount, saved.smote_seed, saved.speed
else:
    st.caption(
        "Each new point in four phases: a seed, its k nearest neighbours *in its class*, one chosen at random, "
        "a new point at a random gap λ on the segment; exactly imbalanced-learn's `SMOTE`."
    )
    if ds.n_features > 2:
        st.info(
            f"SMOTE runs here on the two columns you view ({escape_markdown(x_name)}, {escape_markdown(y_name)}), "
            "so that every distance can be drawn. On all columns, the neighbours could differ.",
            icon=":material/info:",
        )
    # Collapsed, under a one-line summary, so that the buttons and the figure come first on a projector or a
    # phone; the "This run" line under the stepper says the rest.
    summary = (f"Settings: k = {saved.k}, {AMOUNT_LABELS[saved.amount].lower()}, seed {saved.smote_seed}, "
               f"{saved.speed} speed")
    with st.expander(summary, icon=":material/tune:", key="stepper_settings_box"):
        c1, c2, c3, c4 = st.columns([1, 2, 2, 1])
        k_asked = c1.number_input("k neighbours", K_RANGE[0], K_RANGE[1], int(saved.k), step=1, key="stepper_k")
        amount = c2.radio(
            "How many synthetic points", AMOUNTS, index=AMOUNTS.index(saved.amount),
            format_func=AMOUNT_LABELS.get, key="stepper_amount",
        )
        if amount == "ratio":
            lowest = lowest_ratio(ds)  # below it, imbalanced-learn would have to remove minority points
            if saved.ratio < lowest:
                st.info(f"A ratio of {saved.ratio:.2f} would mean removing minority points, which over-sampling "
                        f"never does; the lowest ratio on this data is {lowest:.2f}.", icon=":material/tune:")
            ratio = c3.slider(
                "Minority size after SMOTE, as a share of the majority", round(lowest, 2), 1.0,
                float(min(max(saved.ratio, lowest), 1.0)), step=RATIO_STEP, format="%.2f", key="stepper_ratio",
                help=f"The minority already is {min(ds.counts.values()) / max(ds.counts.values()):.2f} of the "
                     "majority: a smaller ratio would mean removing points, which over-sampling never does.",
            )
        elif amount == "number":
            number = c3.number_input(
                f"New points for class {escape_markdown(label_text(ds.minority))}", 1, MAX_NEW_POINTS,
                int(saved.number), step=1, key="stepper_number",
            )
        else:
            c3.markdown("Every class grows to the size of the majority class (imbalanced-learn's `'auto'`).")
        seed = c4.number_input("Random seed", 0, 2**31 - 1, int(saved.smote_seed), step=1, key="stepper_seed")
        speed = c4.select_slider("Play speed", list(SPEEDS), value=saved.speed, key="stepper_speed",
                                 help="How long each phase stays on screen while the run plays: "
                                      + ", ".join(f"{name} {ms} ms" for name, ms in SPEEDS.items()) + ".")

settings = StepperSettings(int(k_asked), amount, round(float(ratio), 2), int(number), int(seed), saved.step, speed)
strategy, strategy_words = sampling_strategy_for(settings, ds)

try:
    k_used, k_message = clamp_k(ds.y, settings.k, strategy)
    trace = cached_trace(ds, ds.fingerprint, k_used, strategy, settings.smote_seed)
except ValueError as error:
    st.session_state[SETTINGS_KEY] = settings
    ui.share_in_url(to_query(settings))
    hint = ""
    if amount == "ratio":
        n_min, n_maj = min(ds.counts.values()), max(ds.counts.values())
        hint = (f" With {n_maj} majority points and {n_min} minority points, choose a ratio of at least "
                f"{lowest_ratio(ds):.2f}.")
    st.error(f"SMOTE cannot run with these settings: {escape_markdown(str(error))}{escape_markdown(hint)}",
             icon=":material/error:")
    st.stop()

if k_message:
    st.info(escape_markdown(k_message), icon=":material/tune:")

run_key = (ds.fingerprint, k_used, repr(strategy), settings.smote_seed)
if st.session_state.get(RUN_KEY) not in (None, run_key):
    st.session_state[STEP_KEY] = 0  # a different run: start again from the beginning
    st.session_state.pop(PLAY_KEY, None)
    ui_stepper.clear_answers(SCOPE)
st.session_state[RUN_KEY] = run_key
st.session_state[STEP_KEY] = clamp_position(st.session_state.get(STEP_KEY, 0), trace)
settings = replace(settings, step=st.session_state[STEP_KEY])
st.session_state[SETTINGS_KEY] = settings
ui.share_in_url(to_query(settings))

oversampled = [label for label, n in trace.sampling_strategy.items() if n > 0]
this_run = (
    f"**This run** ({escape_markdown(strategy_words)}, k = {k_used}, seed {settings.smote_seed}): "
    f"{trace.n_new} synthetic points. " + plan_text(trace) + "."
    + (" Classes are over-sampled one at a time, in sorted label order (imbalanced-learn's order)."
       if len(oversampled) > 1 else "")
)
if trace.n_new == 0:
    st.markdown(this_run)
    st.info("The classes already have the requested sizes: SMOTE makes no new points. Ask for more points above.",
            icon=":material/info:")
    st.stop()


def _stopped(position: int | None) -> None:
    """The animation paused or ended at ``position``: the stepper carries on from there."""
    st.session_state.pop(PLAY_KEY, None)
    if position is not None:
        st.session_state[STEP_KEY] = position


def _plain_figure(trace, position: int, x_name: str, y_name: str, positions: dict):
    """The figure of ``position``; in presenter mode projector-sized before its labels are placed."""
    return stepper_figure(trace, position, x_title=x_name, y_title=y_name, positions=positions,
                          height=figure_height, width=label_width, projector=present)


def _figure(trace, position: int, question, revealed, answer, x_name: str, y_name: str, positions: dict,
            run_key: tuple):
    """The static figure of ``position`` with the predict-first overlays: the learner's answer to the question
    revealed here, and the guess of λ being made. Without overlays it is usually the figure built ahead."""
    def plain():
        return _plain_figure(trace, position, x_name, y_name, positions)

    overlays = revealed is not None or (question is not None and question.kind == GAP)
    if not overlays:
        return ui_stepper.built_ahead(AHEAD_KEY, (run_key, position, present), plain)
    return ui_stepper.add_overlays(plain(), trace, position, question, revealed, answer, scope=SCOPE,
                                   projector=present)


@st.fragment
def stepper(trace, x_name: str, y_name: str, positions: dict, run_key: tuple, speed: str) -> None:
    """Buttons, the figure of the current phase (or the run playing from it) and its narration; a click reruns
    only this part."""
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
    answer = ui_stepper.answers(SCOPE).get(position - 1) if revealed is not None else None
    left, right = st.columns([5, 3] if present else [3, 2])
    with left:
        if playing is not None:
            frame_ms = SPEEDS[speed]
            spec = cached_animation(trace, run_key, frame_ms, x_name, y_name, tuple(positions.items()),
                                    figure_height, present, label_width)
            st.plotly_chart(play_from(spec, playing), key=PLAY_CHART_KEY)
            ui_stepper.playback(chart_key=PLAY_CHART_KEY, key="stepper_playback", on_stop=_stopped)
        else:
            fig = _figure(trace, position, question, revealed, answer, x_name, y_name, positions, run_key)
            if question is not None and question.selection:
                ui_stepper.answer_on_figure(fig, scope=SCOPE, key=FIGURE_KEY, question=question, X=trace.X,
                                            candidates=candidate_rows(trace, question))
            else:
                st.plotly_chart(fig, key=FIGURE_KEY)
    with right, ui.narration_box():
        if playing is not None:
            rest = play_seconds(n_animated - playing, speed)
            st.markdown(
                f"**Playing** from step {playing} at {speed} speed ({SPEEDS[speed]} ms a phase; the rest of the "
                f"run takes {rest:.0f} s). Pause in the figure, or press an arrow key, to go on step by step from "
                "where it stops."
            )
            if animated.n_new < trace.n_new:
                st.caption(f"The animation covers the first {animated.n_new} of the {trace.n_new} new points.")
            return
        st.markdown(f"Step **{position}** of {total - 1} (point {phase_label(trace, position)})")
        if revealed is not None:
            st.markdown(score(trace, revealed, answer).markdown())
        st.markdown(narrate_short(trace, position) if present else narrate(trace, position, (x_name, y_name)))
        if question is not None:
            ui_stepper.ask(question, scope=SCOPE, key=f"stepper_gap_{position}", present=present)
        if not present:
            st.caption(LEGEND)
            st.caption(escape_markdown(view_caption(trace, position, height=figure_height, width=label_width)))
    if position + 1 < total:  # everything is on screen: get the next step's figure ready
        ui_stepper.build_ahead(AHEAD_KEY, (run_key, position + 1, present),
                               lambda: _plain_figure(trace, position + 1, x_name, y_name, positions))


stepper(trace, x_name, y_name, ds.class_positions, run_key, settings.speed)
if present:
    st.stop()  # presenter mode shows the stepper only
st.markdown(this_run)
ui_stepper.minority_only_answer(ds, k_used, strategy, settings.smote_seed)

st.subheader("Every synthetic point and its parents")
st.markdown(
    "imbalanced-learn returns only the new points; it never says which two originals made each one "
    "(its issues #376, #712 and #772 ask for this). Rows below are in output order; `seed_row` and "
    "`chosen_row` are row numbers of the original data, `chosen_rank` says which neighbour was chosen (1 = nearest)."
)
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

st.subheader("Class sizes before and after")
before, after = st.columns(2)
before.plotly_chart(counts_figure(ds.counts, title="Before SMOTE", positions=ds.class_positions),
                    key="stepper_counts_before")
after.plotly_chart(counts_figure(class_counts(trace.y_resampled), title="After SMOTE",
                                 positions=ds.class_positions),
                   key="stepper_counts_after")

st.subheader("The paper and the library")
unused = trace.unused_seed_counts()
unused_words = "; ".join(
    f"class {escape_markdown(label_text(label))}: {n_unused} of its {size} points never used"
    for label, (n_unused, size) in unused.items()
)
st.markdown(
    f"""
- **One gap on the segment, not a box.** The pseudocode of Chawla et al. (2002) draws a fresh random gap for every
  feature, which fills the box spanned by the two points; its text and worked example use one gap for all features,
  which keeps the new point on the segment. imbalanced-learn (and this page) use one gap: λ in
  x_new = x_i + λ (x_zi − x_i).
- **Seeds drawn with replacement.** The paper uses every minority point the same number of times (N/100 each).
  imbalanced-learn draws seeds at random with replacement, so some points seed several new points and others none
  (imbalanced-learn issue #597). On this run: {unused_words}.
- **Integer features are truncated.** imbalanced-learn casts new points back to the input's type: with integer
  columns, 2 + 0.7 × (3 − 2) = 2.7 becomes 2, a copy of the seed (issue #1093). This app stores data as floating
  point, so nothing is truncated here.
- **One class at a time.** The paper is about two classes; imbalanced-learn over-samples each class in turn (sorted
  by label), searching neighbours only among that class's points.
"""
)
