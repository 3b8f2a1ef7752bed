"""Playground: place points by hand, pick a seed and a neighbour, move λ, flip counterfactual switches, and see
SMOTE and a classifier answer at once."""

import streamlit as st

from smote_viz import inputs, ui
from smote_viz.playground.canvas import (
    EDIT,
    K_RANGE,
    MODELS,
    NEW_RANGE,
    PICK,
    PRESETS,
    Play,
    PlaygroundSettings,
    class_button,
    decode_points,
    encode_points,
    respond,
    restart,
    settle,
    start_canvas,
    undo,
)
from smote_viz.playground.figures import playground_figure
from smote_viz.playground.run import run
from smote_viz.playground.text import classifier_text, counts_text, pick_text, smote_text
from smote_viz.playground.ui import figure_clicks
from smote_viz.state import from_query, to_query
from smote_viz.style import escape_markdown

ui.route_through_app()  # first: a first deep link runs inside app.py's router

SETTINGS_KEY = "playground.settings"
CANVAS_KEY = "playground.canvas"
CANVAS_ID_KEY = "playground.canvas_id"
PLAY_KEY = "playground.play"
MEMO_KEY = "playground.memo"
LINK_KEY = "playground.link_points"  # the points a shared link carried, until the first canvas is built
FIGURE_KEY = "playground_figure"
MODE_LABELS = {EDIT: "Edit points", PICK: "Pick a seed"}
WIDGETS = {  # widget key -> settings field
    "playground.start": "start", "playground.k": "k", "playground.balance": "balance", "playground.new": "new",
    "playground.every_class": "every_class", "playground.standardise": "standardise", "playground.model": "model",
    "playground.seed": "smote_seed",
}

st.title("Playground")
ui.show_url_problems()
presenting = ui.presenting()

if SETTINGS_KEY not in st.session_state:
    first, problems = from_query(PlaygroundSettings, {key: st.query_params.get_all(key) for key in st.query_params})
    st.session_state[SETTINGS_KEY] = first
    st.session_state[LINK_KEY] = st.query_params.get("pts")
    for problem in problems:
        st.warning(escape_markdown(problem), icon=":material/link_off:")
saved: PlaygroundSettings = st.session_state[SETTINGS_KEY]
for widget_key, name in WIDGETS.items():  # Streamlit forgets widget state on other pages: seed it again
    st.session_state.setdefault(widget_key, getattr(saved, name))
st.session_state.setdefault("playground.mode", EDIT)


def _undo() -> None:
    st.session_state[PLAY_KEY] = undo(st.session_state[PLAY_KEY])


def _reset() -> None:
    st.session_state[PLAY_KEY] = restart(st.session_state[CANVAS_KEY], st.session_state[PLAY_KEY])


def _memo_run(play: Play, canvas, settings: PlaygroundSettings):
    """``run`` once per board and settings: a rerun for a widget that changes neither (the click mode, the
    class of new points) reuses the last result."""
    key = (canvas, play.points.X.tobytes(), play.points.y.tobytes(), settings)  # a canvas equals only itself
    memo = st.session_state.get(MEMO_KEY)
    if memo is None or memo[0] != key:
        memo = (key, run(play.points, canvas, settings))
        st.session_state[MEMO_KEY] = memo
    return memo[1]


def chosen_settings() -> PlaygroundSettings:
    """The settings as the switches below the figure hold them (their keys are seeded on every visit), each
    checked: a value no switch offers keeps the setting of the last run."""
    saved: PlaygroundSettings = st.session_state[SETTINGS_KEY]
    value = st.session_state.get
    return PlaygroundSettings(
        start=inputs.choice(value("playground.start"), PRESETS, saved.start),
        k=inputs.whole(value("playground.k"), K_RANGE[0], K_RANGE[1], saved.k),
        balance=inputs.flag(value("playground.balance"), saved.balance),
        new=inputs.whole(value("playground.new"), NEW_RANGE[0], NEW_RANGE[1], saved.new),
        every_class=inputs.flag(value("playground.every_class"), saved.every_class),
        standardise=inputs.flag(value("playground.standardise"), saved.standardise),
        model=inputs.choice(value("playground.model"), MODELS, saved.model),
        smote_seed=inputs.whole(value("playground.seed"), 0, 2**31 - 1, saved.smote_seed),
    )


@st.fragment
def playground() -> None:
    """The figure, the click controls and the words: a click, a drag, undo or the click mode reruns this part
    only (the switches below live outside it, so a click does not redraw them)."""
    left, right = st.columns([5, 3], gap="medium")
    figure_slot = left.container()
    events_slot = left.container()

    settings = chosen_settings()
    st.session_state[SETTINGS_KEY] = settings
    ds = ui.current_dataset()
    canvas_id = (settings.start, ds.fingerprint if settings.start == "current" else None)
    if st.session_state.get(CANVAS_ID_KEY) != canvas_id:
        canvas = start_canvas(settings, ds)
        st.session_state[CANVAS_KEY] = canvas
        st.session_state[CANVAS_ID_KEY] = canvas_id
        st.session_state[PLAY_KEY] = restart(canvas)
        code = st.session_state.pop(LINK_KEY, None)
        if code:
            points, problem = decode_points(code, canvas)
            if problem:
                right.warning(escape_markdown(problem), icon=":material/link_off:")
            else:
                st.session_state[PLAY_KEY] = Play(points, message=f"Opened the link's {len(points)} points.")
    canvas = st.session_state[CANVAS_KEY]
    c1, c2 = right.columns(2, gap="small")  # filled once this run's event is applied (Undo's state depends on it)
    mode = inputs.choice(right.segmented_control(
        "Click on the figure to", [EDIT, PICK], format_func=ui.label(MODE_LABELS), required=True, key="playground.mode",
        help="Edit points: click empty space to add a point, click a point to remove it, drag a point to move it. "
             "Pick a seed: click a point of the minority class, then one of its neighbours.",
    ), (EDIT, PICK), EDIT)
    if ui.chosen("playground.add_class", canvas.classes, None) is None:
        st.session_state["playground.add_class"] = canvas.target
    add_label = inputs.choice(right.segmented_control(
        "Class of new points", canvas.classes, format_func=ui.label({c: class_button(canvas, c) for c in canvas.classes}),
        required=True, key="playground.add_class", disabled=mode != EDIT,
        help="The class of the points a click adds: " + "; ".join(canvas.class_words(c) for c in canvas.classes),
    ), canvas.classes, canvas.target)
    with events_slot:
        event = figure_clicks("playground_clicks", target=FIGURE_KEY, canvas=canvas, mode=mode)
    play: Play = st.session_state[PLAY_KEY]
    outcome = _memo_run(play, canvas, settings)
    if event is not None:
        play = respond(play, event, mode, add_label, canvas, outcome.neighbours_of if outcome.can_pick else None)
        outcome = _memo_run(play, canvas, settings)
    play = settle(play, outcome.neighbours_of if outcome.can_pick else None)
    st.session_state[PLAY_KEY] = play
    c1.button("Undo", icon=":material/undo:", on_click=_undo, key="playground_undo",
              help="Undo the last change to the points", disabled=not play.history, width="stretch")
    c2.button("Reset", icon=":material/restart_alt:", on_click=_reset, key="playground_reset", width="stretch",
              help="Back to the start's points")
    link = to_query(settings)
    code = encode_points(play.points, canvas)  # a small board travels in the link; a large one does not
    if code:
        link["pts"] = code
    ui.share_in_url(link)

    figure = playground_figure(canvas, play, outcome, projector=presenting)
    figure_slot.plotly_chart(figure, key=FIGURE_KEY, config={"displayModeBar": False})

    with right:
        st.markdown(counts_text(play, canvas, outcome))
        if play.message:
            st.info(escape_markdown(play.message), icon=":material/touch_app:")
        for note in (*canvas.notes, *outcome.notes):
            st.caption(escape_markdown(note))
        st.markdown(smote_text(play, canvas, outcome))
        st.markdown(pick_text(play, canvas, outcome))
        st.markdown(classifier_text(canvas, outcome))


def switches() -> None:
    """The counterfactual switches and the other settings, each with one line on what to look for. Outside the
    fragment: changing one reruns the page, and the fragment reads them from the session."""
    s1, s2, s3 = st.container(border=True).columns(3, gap="medium")
    s1.toggle("Neighbours from every class", key="playground.every_class")
    s1.caption("Same random draws, but a seed's neighbours may belong to any class: watch new stars land among "
               "the other class. This is why SMOTE looks only within the minority.")
    s1.toggle("Standardise the features", key="playground.standardise")
    s1.caption("Distances in standard deviations instead of raw units. Try it on *one stretched axis*: the "
               "neighbour circle becomes an ellipse in raw units, and the neighbours change.")
    s2.slider("k nearest neighbours", K_RANGE[0], K_RANGE[1], key="playground.k")
    s2.caption("How many neighbours a seed chooses among: a small k keeps new points near their seed "
               "(imbalanced-learn's default is 5).")
    s2.toggle("Balance the classes", key="playground.balance")
    s2.slider("How many new points", NEW_RANGE[0], NEW_RANGE[1], key="playground.new",
              disabled=st.session_state["playground.balance"])
    s2.caption("Balance: as many new points as it takes to match the largest class. Off: choose the number.")
    s3.selectbox("Start from", list(PRESETS), format_func=ui.label(PRESETS), key="playground.start",
                 help="A preset, or the current data (the Data page's dataset, its 2-D view).")
    s3.radio("Classifier", list(MODELS), format_func=ui.label(MODELS), key="playground.model")
    s3.caption("Fitted on the points before and after SMOTE; its regions are drawn in the figure.")
    s3.number_input("SMOTE's random seed", 0, 2**31 - 1, step=1, key="playground.seed")
    s3.caption("imbalanced-learn's random_state: another seed, other draws.")


playground()
switches()
