"""Step through SMOTE: every synthetic point in four phases, with its numbers, exactly as imbalanced-learn makes it."""

import streamlit as st

from smote_viz import ui
from smote_viz.stepper import text
from smote_viz.stepper import ui as ui_stepper
from smote_viz.stepper.settings import sampling_strategy_for

ui.route_through_app()  # first: a first deep link runs inside app.py's router

screen = ui_stepper.Screen.current()  # presenter mode, the figure's height and the width its labels are placed for

if not screen.present:
    st.title("Step through SMOTE")
ui.show_url_problems()
saved = ui_stepper.saved_settings()
# Outside predict-first mode the browser steps through the run: the figure and its controls come first (right under
# the title, in one view on a laptop or a phone), the settings under them.
in_browser = not ui.predicting()
top = st.container() if in_browser else None

ds = ui.current_dataset()
x_name, y_name = ds.view_names
# presenter mode: no explanations and no settings; the link's settings hold
settings = ui_stepper.chosen_settings(saved, ds, present=screen.present)
strategy, strategy_words = sampling_strategy_for(settings, ds)
trace, k_used = ui_stepper.run_or_stop(ds, settings, strategy)
run_key = ui_stepper.start_run(ds, settings, k_used, strategy, trace)

this_run = text.this_run(trace, strategy_words, k_used, settings.smote_seed)
if trace.n_new == 0:
    st.markdown(this_run)
    st.info(text.NOTHING_TO_MAKE, icon=":material/info:")
    st.stop()

if in_browser:
    with top:
        ui_stepper.stepping(trace, x_name, y_name, ds.class_positions, run_key, settings.speed, screen)
else:
    ui_stepper.stepper(trace, x_name, y_name, ds.class_positions, run_key, settings.speed, screen)
if screen.present:
    st.stop()  # presenter mode shows the stepper only
st.markdown(this_run)
ui_stepper.minority_only_answer(ds, k_used, strategy, settings.smote_seed)

ui_stepper.trace_table(trace, ds)
ui_stepper.class_sizes(trace, ds)

st.subheader("The paper and the library")
st.markdown(text.paper_and_library(trace))
