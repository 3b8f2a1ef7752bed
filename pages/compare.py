"""Compare classifiers before and after balancing, honestly: split first, resample the training part only.

The page reads the settings, asks smote_viz.compare.evaluate for the results and smote_viz.compare.text for every
sentence, default and caveat, and renders them with smote_viz.compare.ui: a compact first screen (one model before
and after, in numbers with their noise, the before/after bars and the confusion matrices), then the detail in tabs
that compute only when opened. Presenter mode keeps the Run button, a one-sentence narration and projector-sized
figures; predict first holds the results back until the learner has guessed.
"""

import streamlit as st

from smote_viz import ui
from smote_viz.compare import cost, text
from smote_viz.compare import ui as compare
from smote_viz.compare.evaluate import CompareSettings, make_plan
from smote_viz.state import to_query
from smote_viz.style import escape_markdown

ui.route_through_app()  # first: a first deep link runs inside app.py's router

st.title("Compare classifiers")
ui.show_url_problems()
presenting, predicting = ui.presenting(), ui.predicting()

# --- settings: the last run, else a shared link, else the defaults ----------------------------------------------
last: CompareSettings | None = compare.last_settings()
shown = last or CompareSettings()
ds, sample_note = compare.data_for(shown)

if not presenting:
    st.markdown(text.intro(ds))
if (warning := text.positive_warning(ds)) is not None:
    st.warning(warning, icon=":material/swap_vert:")
if (note := text.multiclass_note(ds)) is not None:
    st.info(note, icon=":material/info:")

waiting_note = st.empty()  # above the settings, so a link that waits for a click says so on the first screen
run_asked, say = compare.settings_panel(shown, last, presenting)

if not presenting:  # presenter mode keeps the first screen for the comparison's figure
    compare.article_section(ui.current_dataset())

if run_asked:
    last = compare.store_chosen()

ui.share_in_url(to_query(last) if last else None)

if last is None:
    if presenting:
        say.markdown(text.presenter_prompt(shown, ds))
    else:
        st.info(text.run_time_note(shown), icon=":material/touch_app:")
    st.stop()

settings = last
if settings is not shown:  # a new run was just asked for: its own data
    ds, sample_note = compare.data_for(settings)
seconds = cost.compare_seconds(settings, ds)
if st.session_state.get(compare.WAITING_KEY):
    waiting_note.info(text.waiting_sentence(seconds, settings, ds), icon=":material/hourglass_top:")
    st.stop()
plan = make_plan(ds, settings)
for error in plan.errors:
    st.error(escape_markdown(error), icon=":material/error:")
if not plan.ok:
    st.stop()

result = compare.run_comparison(ds, settings, plan, seconds)
if result.messages:
    st.warning("\n".join(f"- {escape_markdown(m)}" for m in result.messages), icon=":material/warning:")

# --- predict first holds the results back until the learner has guessed; then the first screen and the tabs --------
run = compare.Run(settings, ds, plan, result, sample_note, presenting, say)
headline_model, headline_after = text.headline_pair(settings)
run_id = text.run_identity(ds, settings)
prediction = st.session_state.get(compare.PREDICTION_KEY)
if prediction is not None and prediction["run"] != run_id:
    prediction = None
if predicting and headline_after is not None and prediction is None:
    prediction = compare.ask_first(headline_model, headline_after, run_id)
    ready = prediction is not None
else:
    ready = True
if predicting and headline_after is not None:
    compare.tell_class(result, run_id, headline_model, headline_after, prediction)  # class mode's count
if ready:
    compare.detail_tabs(run, *compare.first_screen(run, headline_model, headline_after, prediction))
