"""Step through SMOTE: every synthetic point in four phases, with its numbers, exactly as imbalanced-learn makes it."""

from dataclasses import replace

import streamlit as st

from smote_viz import ui
from smote_viz.data.dataset import class_counts
from smote_viz.export import FORMULA_NOTE, RESAMPLED_HELP, count_neutralised, csv_bytes, neutralise, trace_frame
from smote_viz.figures.data import counts_figure
from smote_viz.figures.stepper import animation_figure, outside_view, stepper_figure
from smote_viz.narration import clamp_position, narrate, phase_label, plan_text, position_count
from smote_viz.smote import clamp_k, trace_smote
from smote_viz.state import from_query, to_query
from smote_viz.stepper import (
    AMOUNT_LABELS,
    AMOUNTS,
    K_RANGE,
    MAX_ANIMATED,
    MAX_NEW_POINTS,
    RATIO_STEP,
    StepperSettings,
    lowest_ratio,
    sampling_strategy_for,
)
from smote_viz.style import escape_markdown, label_text

ui.route_through_app()  # first: a first deep link runs inside app.py's router

SETTINGS_KEY = "stepper.settings"
STEP_KEY = "stepper.step"
RUN_KEY = "stepper.run"
SPEEDS = {"slow": 1400, "normal": 700, "fast": 300, "very fast": 100}  # milliseconds per phase


@st.cache_data(max_entries=32, ttl="30m", show_spinner=False)
def cached_trace(_dataset, fingerprint: str, k: int, strategy: object, seed: int):
    """The traced run; keyed by the dataset's fingerprint and the settings (the dataset itself is not hashed)."""
    return trace_smote(_dataset.X2, _dataset.y, k_neighbors=k, sampling_strategy=strategy, random_state=seed)


@st.cache_data(max_entries=16, ttl="30m", show_spinner="Building the animation…")
def cached_animation(_trace, run_key: tuple, frame_ms: int, x_name: str, y_name: str, positions: tuple):
    """The animated figure of a run; building a thousand frames takes a second, so it is built once per run."""
    return animation_figure(_trace.head(MAX_ANIMATED), frame_ms=frame_ms, x_title=x_name, y_title=y_name,
                            positions=dict(positions))


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
st.markdown(
    "Each synthetic point in four phases: **(1)** pick a seed, **(2)** find its k nearest neighbours *in the same "
    "class*, **(3)** choose one at random, **(4)** place the new point at a random gap λ on the segment. Same "
    "neighbours, same random draws, same output as imbalanced-learn's `SMOTE`."
)
if ds.n_features > 2:
    st.info(
        f"SMOTE runs here on the two columns you view ({escape_markdown(x_name)}, {escape_markdown(y_name)}), so "
        "that every distance can be drawn. On all columns, the neighbours could differ.",
        icon=":material/info:",
    )

# Collapsed by default so the buttons, the figure and its narration fit on one projector screen; the
# "This run" line below always says which settings are in force.
with st.expander("Settings: k neighbours, how many synthetic points, seed, animation speed", icon=":material/tune:"):
    c1, c2, c3, c4 = st.columns([1, 2, 2, 1])
    k_asked = c1.number_input("k neighbours", K_RANGE[0], K_RANGE[1], int(saved.k), step=1, key="stepper_k")
    amount = c2.radio(
        "How many synthetic points", AMOUNTS, index=AMOUNTS.index(saved.amount),
        format_func=AMOUNT_LABELS.get, key="stepper_amount",
    )
    ratio, number = saved.ratio, saved.number
    if amount == "ratio":
        lowest = lowest_ratio(ds)  # below it, imbalanced-learn would have to remove minority points
        if saved.ratio < lowest:
            st.info(f"A ratio of {saved.ratio:.2f} would mean removing minority points, which over-sampling never "
                    f"does; the lowest ratio on this data is {lowest:.2f}.", icon=":material/tune:")
        ratio = c3.slider(
            "Minority size after SMOTE, as a share of the majority", round(lowest, 2), 1.0,
            float(min(max(saved.ratio, lowest), 1.0)), step=RATIO_STEP, format="%.2f", key="stepper_ratio",
            help=f"The minority already is {min(ds.counts.values()) / max(ds.counts.values()):.2f} of the majority: "
                 "a smaller ratio would mean removing points, which over-sampling never does.",
        )
    elif amount == "number":
        number = c3.number_input(
            f"New points for class {escape_markdown(label_text(ds.minority))}", 1, MAX_NEW_POINTS, int(saved.number), step=1,
            key="stepper_number",
        )
    else:
        c3.markdown("Every class grows to the size of the majority class (imbalanced-learn's `'auto'`).")
    seed = c4.number_input("Random seed", 0, 2**31 - 1, int(saved.smote_seed), step=1, key="stepper_seed")
    speed = c4.select_slider("Animation speed", list(SPEEDS), value="normal", key="stepper_speed")

settings = StepperSettings(int(k_asked), amount, round(float(ratio), 2), int(number), int(seed), saved.step)
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
st.session_state[RUN_KEY] = run_key
st.session_state[STEP_KEY] = clamp_position(st.session_state.get(STEP_KEY, 0), trace)
settings = replace(settings, k=int(k_asked), step=st.session_state[STEP_KEY])
st.session_state[SETTINGS_KEY] = settings
ui.share_in_url(to_query(settings))

oversampled = [label for label, n in trace.sampling_strategy.items() if n > 0]
st.markdown(
    f"**This run** ({escape_markdown(strategy_words)}, k = {k_used}, seed {settings.smote_seed}): "
    f"{trace.n_new} synthetic points. " + plan_text(trace) + "."
    + (" Classes are over-sampled one at a time, in sorted label order (imbalanced-learn's order)."
       if len(oversampled) > 1 else "")
)
if trace.n_new == 0:
    st.info("The classes already have the requested sizes: SMOTE makes no new points. Ask for more points above.",
            icon=":material/info:")
    st.stop()


@st.fragment
def stepper(trace, x_name: str, y_name: str, positions: dict) -> None:
    """Buttons, the figure of the current phase and its narration; a click reruns only this part."""
    total = position_count(trace)
    position = clamp_position(st.session_state.get(STEP_KEY, 0), trace)
    ui.step_buttons(STEP_KEY, total, position, key_prefix="stepper_", shortcuts=True)
    st.markdown(f"Step **{position}** of {total - 1} (point {phase_label(trace, position)})")
    if st.query_params.get("step") != str(position):
        st.query_params["step"] = str(position)
    left, right = st.columns([3, 2])
    with left:
        figure = stepper_figure(trace, position, x_title=x_name, y_title=y_name, positions=positions)
        st.plotly_chart(figure, key="stepper_figure")
    with right:
        st.markdown(narrate(trace, position, (x_name, y_name)))
        st.caption(
            "Legend: the seed x_i has a thick black outline; open circles numbered 1..k are its neighbours "
            "(nearest first); the dashed circle passes through the k-th neighbour; the large open circle marks "
            "the chosen neighbour x_zi; the star is the new point x_new; small stars are points placed earlier."
        )
        hidden = outside_view(trace)
        if hidden:
            parts = ", ".join(f"{n} of the {ds.counts[label]} points of class {escape_markdown(label_text(label))}"
                              for label, n in hidden.items())
            st.caption(f"The view is zoomed on the class being over-sampled: {parts} lie outside it.")


stepper(trace, x_name, y_name, ds.class_positions)

st.subheader("The whole run, animated")
animated = trace.head(MAX_ANIMATED)
if animated.n_new < trace.n_new:
    st.caption(
        f"The animation shows the first {animated.n_new} of the {trace.n_new} synthetic points "
        f"({4 * animated.n_new} phases), so it stays responsive; the stepper above and the table below cover them all."
    )
st.caption(
    f"Press Play, or drag the slider over the {4 * animated.n_new} phases. Each phase stays {SPEEDS[speed]} ms "
    "(change the speed above). Hover a star to see its seed, neighbour and λ."
)
st.plotly_chart(
    cached_animation(trace, run_key, SPEEDS[speed], x_name, y_name, tuple(ds.class_positions.items())),
    key="stepper_animation",
)

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
