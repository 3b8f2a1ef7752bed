"""Compare classifiers before and after balancing, honestly: split first, resample the training part only.

The page reads the settings, asks smote_viz.evaluate for the results and smote_viz.compare_text for every
sentence, default and caveat, and renders them.
"""

import streamlit as st

from smote_viz import compare_text as text
from smote_viz import cost, ui
from smote_viz.data import Dataset
from smote_viz.evaluate import (
    CLASSIFIERS,
    METRICS,
    THRESHOLD_METRICS,
    TREATMENTS,
    CompareSettings,
    Comparison,
    assemble,
    code_snippet,
    decision_regions,
    evaluate_unit,
    fit_count,
    make_plan,
    unit_settings,
    work_units,
)
from smote_viz.figures.compare import confusion_figure, cv_figure, metric_bars_figure, regions_figure, show_values
from smote_viz.state import from_query, query_keys, to_query
from smote_viz.style import escape_markdown

ui.route_through_app()  # first: a first deep link runs inside app.py's router

SETTINGS_KEY = "compare.settings"  # the settings of the last run (plain session state, survives page changes)
WAITING_KEY = "compare.waiting"  # a link's settings over the work budget: they wait for a click on Run
FOLD_CHOICES = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10]


@st.cache_data(max_entries=2048, ttl="1h", show_spinner=False)
def run_unit(_dataset: Dataset, fingerprint: str, settings: CompareSettings, classifier: str, treatment: str):
    """One model under one treatment. Keyed by the data's fingerprint and the settings: shared only by equal inputs.
    Between fits it gives way to a stop (the user went away) or a rerun (``ui.checkpoint``)."""
    return evaluate_unit(_dataset, settings, classifier, treatment, checkpoint=ui.checkpoint)


@st.cache_data(max_entries=64, ttl="1h", show_spinner=False)
def run_regions(_dataset: Dataset, fingerprint: str, settings: CompareSettings, classifier: str):
    return decision_regions(_dataset, settings, classifier)


st.title("Compare classifiers")
ui.show_url_problems()
ds = ui.current_dataset()

# --- settings: the last run, else a shared link, else the defaults ----------------------------------------------
if SETTINGS_KEY not in st.session_state:
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if query_keys(CompareSettings) & set(params):
        from_url, problems = from_query(CompareSettings, params)
        from_url, more = from_url.validated()
        for problem in problems + more:
            st.warning(escape_markdown(problem), icon=":material/link_off:")
        st.session_state[SETTINGS_KEY] = from_url  # a shared link runs at once, unless it is heavy work
        st.session_state[WAITING_KEY] = cost.over_budget(cost.compare_seconds(from_url, ds))
last: CompareSettings | None = st.session_state.get(SETTINGS_KEY)
shown = last or CompareSettings()

st.markdown(text.intro(ds))
if (warning := text.positive_warning(ds)) is not None:
    st.warning(warning, icon=":material/swap_vert:")
if (note := text.multiclass_note(ds)) is not None:
    st.info(note, icon=":material/info:")

defaults = {
    "cmp_models": list(shown.classifier_keys),
    "cmp_treatments": list(shown.treatment_keys),
    "cmp_test": float(shown.test_share),
    "cmp_seed": int(shown.seed),
    "cmp_folds": int(shown.cv_folds) if shown.cv_folds in FOLD_CHOICES else 5,
    "cmp_repeats": int(shown.cv_repeats),
    "cmp_k": int(shown.k_neighbors),
    "cmp_tune": shown.threshold_metric,
    "cmp_leaky": bool(shown.leaky),
}
for key, value in defaults.items():
    st.session_state.setdefault(key, value)

waiting_note = st.empty()  # above the form, so a link that waits for a click says so on the first screen
with st.form("compare_form", border=True):
    st.multiselect("Classifiers", list(CLASSIFIERS), format_func=CLASSIFIERS.get, key="cmp_models")
    st.multiselect(
        "Treatments (no balancing is always included as the baseline)",
        list(TREATMENTS),
        format_func=TREATMENTS.get,
        key="cmp_treatments",
        help="SMOTE, random over-sampling and random under-sampling resample the training part inside the "
        "pipeline. class_weight='balanced' re-weights errors instead; threshold moving keeps the model and "
        "tunes its decision threshold (scikit-learn's TunedThresholdClassifierCV).",
    )
    a, b, c = st.columns(3)
    a.slider("Test share", 0.1, 0.5, step=0.05, key="cmp_test", help="Share of rows held out, stratified.")
    a.number_input(
        "Seed", 0, 2**31 - 1, step=1, key="cmp_seed", help="Seeds the split, the folds, the samplers and the models."
    )
    b.select_slider("Cross-validation folds (0 = off)", FOLD_CHOICES, key="cmp_folds")
    b.slider("Cross-validation repeats", 1, 5, key="cmp_repeats")
    c.slider("SMOTE's k nearest neighbours", 1, 15, key="cmp_k")
    c.selectbox(
        "Threshold moving optimises", list(THRESHOLD_METRICS), format_func=THRESHOLD_METRICS.get, key="cmp_tune"
    )
    st.toggle(
        "Leaky mode: also resample the whole dataset before splitting (the mistake), to see how much it inflates scores",
        key="cmp_leaky",
    )
    submitted = st.form_submit_button("Run comparison", type="primary", icon=":material/play_arrow:")

if submitted:
    chosen = CompareSettings(
        classifiers=",".join(st.session_state["cmp_models"]),
        treatments=",".join(st.session_state["cmp_treatments"]),
        test_share=round(float(st.session_state["cmp_test"]), 2),
        seed=int(st.session_state["cmp_seed"]),
        cv_folds=int(st.session_state["cmp_folds"]),
        cv_repeats=int(st.session_state["cmp_repeats"]),
        k_neighbors=int(st.session_state["cmp_k"]),
        threshold_metric=st.session_state["cmp_tune"],
        leaky=bool(st.session_state["cmp_leaky"]),
    )
    if not chosen.classifier_keys:
        st.warning("No classifier was chosen, so the default set is compared.", icon=":material/warning:")
    chosen, _ = chosen.validated()
    st.session_state[SETTINGS_KEY] = chosen
    st.session_state[WAITING_KEY] = False
    last = chosen

ui.share_in_url(to_query(last) if last else None)

if last is None:
    st.info(text.run_time_note(shown), icon=":material/touch_app:")
    st.stop()

settings = last
seconds = cost.compare_seconds(settings, ds)
if st.session_state.get(WAITING_KEY):
    waiting_note.info(
        f"This link asks for {cost.duration_text(seconds)} of computing ({fit_count(settings, len(ds.counts))} model "
        f"fits on {ds.n_samples} rows), so it waits for you: press **Run comparison** to start it, or choose "
        "lighter settings (fewer models, folds or repeats) first.",
        icon=":material/hourglass_top:",
    )
    st.stop()
plan = make_plan(ds, settings)
for error in plan.errors:
    st.error(escape_markdown(error), icon=":material/error:")
if not plan.ok:
    st.stop()

todo = work_units(settings)
bar = st.progress(0.0, text="Starting")
units = []
for i, (c, t) in enumerate(todo):
    bar.progress(i / len(todo), text=f"Fitting {CLASSIFIERS[c]} with {TREATMENTS[t]} ({i + 1} of {len(todo)}; "
                                     f"{cost.duration_text(seconds)} of computing in all)")
    units.append(run_unit(ds, ds.fingerprint, unit_settings(settings, c, t), c, t))
bar.empty()
result: Comparison = assemble(ds, settings, plan, units)

if result.messages:
    st.warning("\n".join(f"- {escape_markdown(m)}" for m in result.messages), icon=":material/warning:")

# --- the split and the accuracy paradox -------------------------------------------------------------------------
st.markdown(text.split_sentence(result, ds))
if (few := text.few_positives_warning(result, ds)) is not None:
    st.warning(few, icon=":material/casino:")
st.subheader("The accuracy paradox")
st.markdown(text.paradox_sentence(result, ds))

# --- the metrics table -------------------------------------------------------------------------------------------
st.subheader("Held-out metrics")
st.dataframe(
    text.holdout_table(result),
    hide_index=True,
    key="metrics_table",
    column_config={
        **{name: st.column_config.NumberColumn(name, format="%.3f") for name in METRICS.values()},
        METRICS["balanced_accuracy"]: st.column_config.NumberColumn(
            "Bal. accuracy", format="%.3f", help="Balanced accuracy: the mean of the recalls of all classes."
        ),
    },
)
st.caption(
    "Each row is one imbalanced-learn Pipeline fitted on the training part and scored on the test part. "
    "Bal. accuracy is balanced accuracy. ROC-AUC and PR-AUC use the predicted probability (or the SVM's "
    "decision value) of the positive class."
)
if (not_run := text.not_run_note(result)) is not None:
    st.caption(not_run)
if (dummy_note := text.dummy_balancing_note(result, ds)) is not None:
    st.caption(dummy_note)
if st.toggle("Show the change against no balancing (Δ)", key="cmp_show_change"):
    st.dataframe(text.change_table(result), hide_index=True, key="change_table")
    st.caption("Δ is the change against the same model with no balancing, on the same test part (positive = higher).")

metric = st.selectbox("Metric to plot", list(METRICS), format_func=METRICS.get, key="cmp_plot_metric")
st.plotly_chart(metric_bars_figure(result, metric), key="metric_bars")
if not show_values(result):
    st.caption("With more than three treatments the bars carry no value labels: hover a bar, or read the table above.")
if lines := text.metric_change_lines(result, metric):
    st.markdown("\n".join(lines))

# --- confusion matrices --------------------------------------------------------------------------------------------
st.subheader("Confusion matrices: before and after")
fitted = text.fitted_models(result)
others = [t for t in settings.treatment_keys if t != "none"]
if fitted and others:
    left, right = st.columns(2)
    cm_treat = right.selectbox("After", others, format_func=TREATMENTS.get, key="cmp_cm_treat")
    preferred = text.default_confusion_model(result, cm_treat)
    cm_model = left.selectbox(
        "Model", fitted, index=fitted.index(preferred), format_func=CLASSIFIERS.get, key="cmp_cm_model"
    )
    before, after = result.unit(cm_model, "none"), result.unit(cm_model, cm_treat)
    if after is None or after.holdout is None:
        st.info(
            escape_markdown(
                f"{CLASSIFIERS[cm_model]} with {TREATMENTS[cm_treat]}: {after.error if after else 'not run'}"
            )
        )
    else:
        st.plotly_chart(
            confusion_figure(
                [
                    (f"No balancing (recall {text.pct(before.holdout.recall)})", before.holdout),
                    (f"{TREATMENTS[cm_treat]} (recall {text.pct(after.holdout.recall)})", after.holdout),
                ],
                ds.minority,
                text.negative_name(ds),
            ),
            key="confusion",
        )
        st.markdown(text.confusion_sentence(before.holdout, after.holdout, cm_treat, ds))
else:
    st.info("Choose at least one treatment besides no balancing to see matrices before and after.")

# --- decision regions -----------------------------------------------------------------------------------------------
st.subheader("Decision regions on the 2-D view: before and after SMOTE")
region_choices = text.region_models(settings.classifier_keys)
region_model = st.selectbox(
    "Model for the regions",
    region_choices,
    index=region_choices.index(text.default_region_model(settings.classifier_keys)),
    format_func=CLASSIFIERS.get,
    key="cmp_region_model",
)
with st.spinner(f"Fitting {CLASSIFIERS[region_model]} on the 2-D view"):
    regions = run_regions(ds, ds.fingerprint, unit_settings(settings, region_model, "smote"), region_model)
if regions:
    st.plotly_chart(regions_figure(regions, ds, CLASSIFIERS[region_model]), key="regions")
    st.markdown(text.regions_sentence(regions, ds, region_model))

# --- cross-validation -----------------------------------------------------------------------------------------------
if plan.cv_folds:
    st.subheader("Cross-validation: mean and spread")
    st.markdown(text.cv_sentence(plan))
    st.plotly_chart(cv_figure(result, metric), key="cv_chart")
    st.dataframe(text.cv_table(result), hide_index=True, key="cv_table")
    if dummy_note is not None:
        st.caption(dummy_note)

# --- leaky against honest ---------------------------------------------------------------------------------------------
st.subheader("Leaky against honest")
if settings.leaky:
    leak = result.leak_table()
    if leak.empty:
        st.info("Leaky mode only changes the samplers (SMOTE, random over- and under-sampling); none was chosen.")
    else:
        st.dataframe(
            leak,
            hide_index=True,
            key="leak_table",
            column_config={
                c: st.column_config.NumberColumn(c, format="%+.3f" if "inflation" in c else "%.3f")
                for c in leak.columns[2:]
            },
        )
        st.markdown(text.leak_sentence(leak))
        if dummy_note is not None and (leak["Model"] == CLASSIFIERS["dummy"]).any():
            st.caption(dummy_note)
else:
    st.info(
        "Switch on leaky mode and run again to see how much resampling before the split inflates the scores.",
        icon=":material/info:",
    )

# --- caveats ------------------------------------------------------------------------------------------------------------
st.subheader("Caveats")
caveats = text.caveats(result)
st.markdown("\n\n".join(caveats) if caveats else "No caveat applies to the chosen treatments.")

# --- code ------------------------------------------------------------------------------------------------------------------
st.subheader("Reproduce it outside the app")
st.markdown("The same split, pipelines and cross-validation in plain scikit-learn and imbalanced-learn:")
st.code(code_snippet(ds, settings), language="python")
