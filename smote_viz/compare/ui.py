"""The compare page's Streamlit pieces: the cached runs, the settings form, the article replay, the predict-first
question, the first screen and the detail tabs.

``pages/compare.py`` reads the state and calls these in order; every sentence, default and decision they show
comes from ``smote_viz.compare.text`` (pure), every number from ``smote_viz.compare.evaluate``. What a function
used to read from the page (presenter mode, the settings, the data, the plan, the result, the narration slot) it
now gets as a parameter, most of it in one ``Run``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from smote_viz import inputs, ui
from smote_viz.compare import article, cost, evaluate, text
from smote_viz.compare.article_figures import spread_figure
from smote_viz.compare.evaluate import (
    CLASSIFIERS,
    LARGER_SAMPLE,
    METRICS,
    THRESHOLD_METRICS,
    TREATMENTS,
    CompareSettings,
    Comparison,
    Plan,
    assemble,
    code_snippet,
    decision_regions,
    larger_sample,
    leak_picture,
    pooled_confusion,
    reliability,
    unit_settings,
    work_units,
)
from smote_viz.compare.figures import (
    calibration_figure,
    confusion_figure,
    cv_figure,
    drawn_pairs,
    leak_figure,
    metric_bars_figure,
    regions_figure,
    show_values,
)
from smote_viz.data import Dataset
from smote_viz.data.churn import SAMPLE_NAME
from smote_viz.export import neutralise
from smote_viz.figures.common import projector_sized
from smote_viz.room import ui as room
from smote_viz.room.tally import OPTION, Asked
from smote_viz.state import from_query, query_keys
from smote_viz.style import escape_markdown

SETTINGS_KEY = "compare.settings"  # the settings of the last run (plain session state, survives page changes)
RAN_KEY = "compare.ran"  # set by the Run buttons' callback, before the script runs: the settings box folds away
PREDICTION_KEY = "compare.prediction"  # predict first: {run: the run's identity, answers: {...} or None if skipped}
WAITING_KEY = "compare.waiting"  # a link's settings over the work budget: they wait for a click on Run
ARTICLE_KEY = "compare.article"  # the fingerprint of the data the article was last replayed on
# The sample the replay's button loaded: {"fingerprint": the sample's, "previous": the name of the data it replaced,
# "data": that data's session state (the dataset, its generator settings, the Data page's table, choices, source),
# "cleared": whether a comparison run on that data was cleared}
LOADED_KEY = "compare.article_loaded"
DATA_KEYS = (ui.DATASET_KEY, ui.SETTINGS_KEY, ui.UPLOAD_TABLE_KEY, ui.UPLOAD_CHOICES_KEY, ui.SOURCE_KEY)


# --- the cached runs: keyed by the data's fingerprint and the settings, so shared only by equal inputs ---------------------
@st.cache_data(max_entries=2048, ttl="1h", show_spinner=False)
def run_unit(_dataset: Dataset, fingerprint: str, settings: CompareSettings, classifier: str, treatment: str):
    """One model under one treatment. Keyed by the data's fingerprint and the settings: shared only by equal inputs.
    Between fits it gives way to a stop (the user went away) or a rerun (``ui.checkpoint``)."""
    # evaluate.evaluate_unit, looked up at each call: the tests count fits by replacing it
    return evaluate.evaluate_unit(_dataset, settings, classifier, treatment, checkpoint=ui.checkpoint)


@st.cache_data(max_entries=64, ttl="1h", show_spinner=False)
def run_regions(_dataset: Dataset, fingerprint: str, settings: CompareSettings, classifier: str):
    return decision_regions(_dataset, settings, classifier)


@st.cache_data(max_entries=16, ttl="1h", show_spinner=False)
def run_article(_dataset: Dataset, fingerprint: str, model: str):
    """The article's split (with the decimals variant), a stratified split, the repeated splits and SMOTE's draws
    on the article's split."""
    return (
        article.replay(_dataset, model=model, decimals=True),
        article.replay(_dataset, model=model, stratify=True),
        article.repeated_splits(_dataset, model=model),
        article.smote_draws(_dataset, model=model),
    )


ARTICLE_FITS = 3 + 2 + 2 * article.SPREAD_SPLITS + article.SMOTE_DRAWS  # run_article's model fits


@st.cache_data(max_entries=64, ttl="1h", show_spinner=False)
def run_leak_picture(_dataset: Dataset, fingerprint: str, settings: CompareSettings, classifier: str, treatment: str):
    return leak_picture(_dataset, settings, classifier, treatment)


# --- the seed article, replayed -----------------------------------------------------------------------------------------
def forget_comparison() -> None:
    """Forget the last comparison: its settings (in the session and in the URL, where a new run would read them as a
    shared link), the settings form's choices and a pending prediction. Called when the data changes under the page:
    the comparison was computed on the other data, so it must not stay on screen (or rerun unasked) as the new data's."""
    for key in (SETTINGS_KEY, RAN_KEY, WAITING_KEY, PREDICTION_KEY, *text.form_defaults(CompareSettings())):
        st.session_state.pop(key, None)
    for key in query_keys(CompareSettings):
        if key in st.query_params:
            del st.query_params[key]


def load_churn_sample() -> None:
    """The replay's sample button (a callback, so the whole run that follows sees the new data): the sample becomes
    the data of every page, the comparison on the old data is forgotten, and the replay opens. The data it replaced
    is kept so the user can go back; a second click (the sample already loaded) keeps what the first one replaced."""
    previous = ui.current_dataset()
    kept = {key: st.session_state[key] for key in DATA_KEYS if key in st.session_state}
    sample = ui.use_churn_sample()
    if previous.fingerprint != sample.fingerprint:
        st.session_state[LOADED_KEY] = {"fingerprint": sample.fingerprint, "previous": previous.name, "data": kept,
                                        "cleared": SETTINGS_KEY in st.session_state}
        forget_comparison()
    st.session_state[ARTICLE_KEY] = sample.fingerprint


def back_to_previous_data() -> None:
    """Undo ``load_churn_sample``: the data it replaced (and the Data page's table and choices) come back."""
    loaded = st.session_state.pop(LOADED_KEY, None)
    if loaded is None:
        return
    for key in DATA_KEYS:
        if key in loaded["data"]:
            st.session_state[key] = loaded["data"][key]
        else:
            st.session_state.pop(key, None)
    st.session_state.pop(ARTICLE_KEY, None)
    forget_comparison()


def loaded_notice(ds: Dataset) -> None:
    """Where the sample button was pressed: what it loaded, in place of what, and the ways back (while the sample
    it loaded is still the current data)."""
    loaded = st.session_state.get(LOADED_KEY)
    if loaded is None or loaded["fingerprint"] != ds.fingerprint:
        return
    st.success(article.loaded_sentence(ds, loaded["previous"], loaded["cleared"]), icon=":material/swap_horiz:")
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(article.BACK_LABEL, key="article_back", icon=":material/undo:", on_click=back_to_previous_data)
        st.page_link("pages/data.py", label="Choose data on the Data page", icon=":material/table_chart:")


def article_section(ds: Dataset) -> None:
    """"Replay the article": its recipe on the current data, its figures beside this run's, and what it could not
    show (a stratified split, the spread over splits and over SMOTE's draws, precision and the confusion matrices),
    with why this run's figures differ from the article's in numbers from this run and the installed versions."""
    shown = st.session_state.get(ARTICLE_KEY) == ds.fingerprint
    with st.expander("Replay the article: bank churn, XGBoost, before and after SMOTE", expanded=shown,
                     icon=":material/history_edu:"):
        st.markdown(
            "The article this app grew from trains XGBoost on a bank's 10 000 customers (20.37 % left) and reports "
            "accuracy 84.70 % and recall 44.82 % before SMOTE, recall 63.61 % after. Replay its recipe here: the "
            "same 8 columns, the same split, the same model, SMOTE on the training part only."
        )
        loaded_notice(ds)
        problem = article.replay_problem(ds)
        if problem is not None:
            st.markdown(":material/table_view: " + escape_markdown(problem))
            st.button("Load the bank-churn-shaped sample and replay", key="article_sample", type="primary",
                      icon=":material/play_arrow:", on_click=load_churn_sample, help=article.SAMPLE_BUTTON_HELP)
            return
        if not shown:
            shown = st.button("Replay the article", key="article_run", type="primary", icon=":material/replay:")
            if not shown:
                return
            st.session_state[ARTICLE_KEY] = ds.fingerprint
        key = article.model_key()
        with st.spinner(f"Replaying the article: {ARTICLE_FITS} fits of {article.model_name(key)}"):
            replayed, stratified, spread, draws = run_article(ds, ds.fingerprint, key)
        st.markdown(article.model_sentence(replayed))
        on_sample = ds.name == SAMPLE_NAME
        if on_sample:
            st.caption(article.SAMPLE_NOTE)
        if article.standardised(ds):
            st.warning("The features are standardised (Data page); the article used the raw values, so SMOTE's "
                       "neighbours differ from the article's. Switch standardising off to replay it exactly.",
                       icon=":material/warning:")
        extra = [f for f in ds.feature_names if f not in article.FEATURES]
        if extra:
            st.caption(escape_markdown(f"The replay uses the article's 8 columns only; {', '.join(extra)} left out."))
        st.dataframe(neutralise(article.comparison_table(replayed, stratified, spread, draws)), hide_index=True,
                     key="article_table")
        st.caption(article.TABLE_CAPTION.format(n=len(spread.seeds), last=len(spread.seeds) - 1,
                                                last_draw=len(draws.seeds) - 1))
        st.markdown(article.split_sentence(replayed))
        st.markdown("**One lucky split?** " + article.spread_sentence(spread))
        st.plotly_chart(spread_figure(spread), key="article_spread")
        st.info(article.differences_note(replayed, spread, draws, on_sample=on_sample), icon=":material/history:")
        st.markdown("**A stratified split.** " + article.stratified_sentence(replayed, stratified))
        confusion = confusion_figure(
            [(f"Before SMOTE (recall {article.pct(replayed.before['recall'])})", replayed.before_metrics),
             (f"After SMOTE (recall {article.pct(replayed.after['recall'])})", replayed.after_metrics)],
            "1 (exited)", "class 0 (stayed)",
        )
        st.plotly_chart(confusion, key="article_confusion")
        st.markdown("**Precision and the confusion matrices.** " + article.accuracy_sentence(replayed))
        if (truncation := article.truncation_sentence(replayed)) is not None:
            st.markdown("**Whole numbers.** " + truncation)
        st.caption("The article's recipe, to run on the real file:")
        st.code(article.recipe_code(key), language="python", wrap_lines=True)


# --- the settings: the last run, else a shared link, else the defaults ---------------------------------------------------
def data_for(settings: CompareSettings) -> tuple[Dataset, str]:
    """The data the comparison runs on (the larger sample of generated data, else the current data) and a note
    that says which. Generated data depends only on its settings, so ``ui.generate_cached`` shares it."""
    current = ui.current()
    bigger = larger_sample(current.settings, settings)
    data = current.dataset
    if bigger is not None:
        data = ui.generate_cached(bigger)
        if current.dataset.minority_label is not None and current.dataset.minority_label in data.counts:
            data = data.with_minority(current.dataset.minority_label)
    return data, text.sample_note(current.dataset, current.settings, bigger, settings)


def last_settings() -> CompareSettings | None:
    """The settings of the last run; on the first visit, a shared link's settings (with a warning for each problem
    in the link), which run at once unless they are heavy work."""
    if SETTINGS_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        if query_keys(CompareSettings) & set(params):
            from_url, problems = from_query(CompareSettings, params)
            from_url, more = from_url.validated()
            for problem in problems + more:
                st.warning(escape_markdown(problem), icon=":material/link_off:")
            st.session_state[SETTINGS_KEY] = from_url  # a shared link runs at once, unless it is heavy work
            st.session_state[WAITING_KEY] = cost.over_budget(cost.compare_seconds(from_url, data_for(from_url)[0]))
    return st.session_state.get(SETTINGS_KEY)


def mark_ran() -> None:
    st.session_state[RAN_KEY] = True


def settings_panel(shown: CompareSettings, last: CompareSettings | None,
                   presenting: bool) -> tuple[bool, DeltaGenerator | None]:
    """The settings form (filled with ``shown`` the first time) and its Run button. Presenter mode: a Run button,
    a Settings button and the narration in one row on the page. Returns whether a run was asked for, and the
    narration's slot (presenter mode only)."""
    for key, value in text.form_defaults(shown).items():
        st.session_state.setdefault(key, value)
    run_slot, say = st.columns([1, 4], vertical_alignment="center") if presenting else (None, None)
    present_run = presenting and run_slot.button(
        "Run comparison", type="primary", icon=":material/play_arrow:", key="cmp_present_run", on_click=mark_ran
    )
    waiting = bool(st.session_state.get(WAITING_KEY))  # a heavy link: the Run button must be in view
    settings_open = text.settings_open(last, st.session_state.get(RAN_KEY), waiting, presenting)
    # Presenter mode has no sidebar: the settings wait behind a small button beside Run.
    settings_box = (run_slot.popover("Settings", icon=":material/tune:") if presenting
                    else st.expander(text.settings_label(shown), expanded=settings_open))
    with settings_box, st.form("compare_form", border=False):
        st.multiselect("Classifiers", list(CLASSIFIERS), format_func=ui.label(CLASSIFIERS), key="cmp_models")
        st.multiselect(
            "Treatments (no balancing is always included as the baseline)",
            list(TREATMENTS),
            format_func=ui.label(TREATMENTS),
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
        b.select_slider("Cross-validation folds (0 = off)", text.FOLD_CHOICES, key="cmp_folds")
        b.slider("Cross-validation repeats", 1, 5, key="cmp_repeats")
        c.slider("SMOTE's k nearest neighbours", 1, 15, key="cmp_k")
        c.selectbox(
            "Threshold moving optimises", list(THRESHOLD_METRICS), format_func=ui.label(THRESHOLD_METRICS), key="cmp_tune"
        )
        st.toggle(
            "Leaky mode: also resample the whole dataset before splitting (the mistake), to see how much it inflates scores",
            key="cmp_leaky",
        )
        st.toggle(f"Compare on a larger sample of the same shape ({LARGER_SAMPLE:,} rows; generated data only)",
                  key="cmp_big")
        submitted = st.form_submit_button("Run comparison", type="primary", icon=":material/play_arrow:", on_click=mark_ran)
    return bool(submitted or present_run), say


def store_chosen() -> CompareSettings:
    """The settings in the form, validated, kept as the last run's (a click on Run never waits)."""
    chosen = text.chosen_settings(st.session_state)
    if not chosen.classifier_keys:
        st.warning("No classifier was chosen, so the default set is compared.", icon=":material/warning:")
    chosen, _ = chosen.validated()
    st.session_state[SETTINGS_KEY] = chosen
    st.session_state[WAITING_KEY] = False
    return chosen


# --- the run ---------------------------------------------------------------------------------------------------------------
def run_comparison(ds: Dataset, settings: CompareSettings, plan: Plan, seconds: float) -> Comparison:
    """Every model under every treatment, each from the cache or fitted now, with a progress bar while it runs."""
    todo = work_units(settings)
    bar = st.progress(0.0, text="Starting")
    units = []
    for i, (c, t) in enumerate(todo):
        bar.progress(i / len(todo), text=f"Fitting {CLASSIFIERS[c]} with {TREATMENTS[t]} ({i + 1} of {len(todo)}; "
                                         f"{cost.duration_text(seconds)} of computing in all)")
        units.append(run_unit(ds, ds.fingerprint, unit_settings(settings, c, t), c, t))
    bar.empty()
    return assemble(ds, settings, plan, units)


@dataclass(frozen=True)
class Run:
    """One run as the first screen and the tabs show it: its settings, data, plan and result, the note on which
    data it ran on, presenter mode, and (presenter mode only) the slot for the one-line narration."""

    settings: CompareSettings
    ds: Dataset
    plan: Plan
    result: Comparison
    sample_note: str
    presenting: bool
    say: DeltaGenerator | None = None

    def show(self, fig, key: str) -> None:
        """A figure, projector-sized in presenter mode."""
        st.plotly_chart(projector_sized(fig) if self.presenting else fig, key=key)


# --- predict first: hold the results back until the learner has guessed --------------------------------------------------
def ask_first(model: str, after: str, run_id: tuple) -> dict | None:
    """The question, a compact control and Reveal / Skip; the answer once given (None while waiting)."""
    slot = st.empty()
    with slot.container(), st.form("cmp_predict_form", border=True):
        st.markdown(text.prediction_question(model, after))
        guesses = st.columns(2)
        for column, key in zip(guesses, text.PREDICT_METRICS, strict=True):
            column.radio(METRICS[key], text.PREDICT_CHOICES, index=None, horizontal=True, key=f"cmp_guess_{key}")
        with st.container(horizontal=True):
            reveal = st.form_submit_button("Reveal", type="primary", icon=":material/visibility:")
            skip = st.form_submit_button("Skip the question")
    answers = {key: ui.chosen(f"cmp_guess_{key}", text.PREDICT_CHOICES, None) for key in text.PREDICT_METRICS}
    if skip or (reveal and all(answers.values())):
        slot.empty()
        answered = {"run": run_id, "model": model, "after": after, "answers": None if skip else answers}
        st.session_state[PREDICTION_KEY] = answered
        return answered
    if reveal:
        st.warning("Answer both questions, or skip them.", icon=":material/help:")
    return None


def tell_class(result, run_id: tuple, model: str, after: str, prediction: dict | None) -> None:
    """Class mode: the recall question on screen (revealed once this learner has answered or skipped) for the
    teacher's count of the class's answers, and this learner's answer to it."""
    digest = hashlib.sha256(repr((run_id, model, after)).encode()).hexdigest()[:12]
    truth = text.direction(evaluate.change(result, model, after, "recall"))
    asked = Asked(f"compare:{digest}:recall", f"Recall of {CLASSIFIERS[model]} with "
                  f"{escape_markdown(TREATMENTS[after])} instead of no balancing:", OPTION, text.PREDICT_CHOICES,
                  right=text.PREDICT_CHOICES.index(truth) if truth in text.PREDICT_CHOICES else None)
    room.asking(asked, revealed=prediction is not None)
    said = (prediction or {}).get("answers") or {}
    if said.get("recall") in text.PREDICT_CHOICES:
        room.answered(asked, text.PREDICT_CHOICES.index(said["recall"]))


# --- the first screen: one model before and after, the before/after bars and the confusion matrices ----------------------
def first_screen(run: Run, headline_model: str, headline_after: str | None,
                 prediction: dict | None) -> tuple[str, str | None]:
    """Renders the first screen; returns the model and treatment it shows (the pickers may change them)."""
    presenting, settings, result, ds, plan = run.presenting, run.settings, run.result, run.ds, run.plan
    show = run.show
    if run.sample_note and not presenting:
        st.caption(run.sample_note + (" " + text.LEAKY_HINT if settings.leaky else ""))
    scored = ""  # presenter mode: the verdict in one line under the narration, so the figure stays in view
    if prediction is not None and prediction["answers"] is not None:
        verdict = text.prediction_verdict(result, prediction["model"], prediction["after"], prediction["answers"])
        score = f"**{sum(ok for ok, _ in verdict)} of {len(verdict)} right.** "
        if presenting:
            scored = "\n\n" + score + text.verdict_line(result, prediction["model"], prediction["after"],
                                                         prediction["answers"])
        else:
            box = st.success if score.startswith(f"**{len(verdict)} of") else st.warning
            box(score + "\n\n".join(line for _, line in verdict), icon=":material/quiz:")

    others = [t for t in settings.treatment_keys if t != "none"]
    fitted = text.fitted_models(result)
    metric = ui.chosen("cmp_plot_metric", METRICS, "recall")
    if not presenting and fitted and others:
        pick_model, pick_after, pick_metric = st.columns(3)
        default_model = headline_model if headline_model in fitted else fitted[0]
        headline_model = inputs.choice(pick_model.selectbox(
            "Model", fitted, index=fitted.index(default_model), format_func=ui.label(CLASSIFIERS), key="cmp_cm_model",
        ), fitted, default_model)
        headline_after = inputs.choice(pick_after.selectbox(
            "After", others, format_func=ui.label(TREATMENTS), key="cmp_cm_treat",
        ), others, others[0])
        metric = inputs.choice(pick_metric.selectbox(
            "Metric in the bars", list(METRICS), format_func=ui.label(METRICS), key="cmp_plot_metric",
        ), METRICS, "recall")

    if headline_after is None or headline_model not in fitted:
        st.info("Choose at least one treatment besides no balancing to see a model before and after.",
                icon=":material/info:")
    else:
        if presenting:
            run.say.markdown((text.narration(result, headline_model, headline_after) or "") + scored)
        else:
            cards = st.columns(len(text.HEADLINE_METRICS))
            for card, (label, value, delta, clear) in zip(cards, text.headline_metrics(result, headline_model, headline_after, ds)):
                card.metric(label, value, delta, delta_color="normal" if clear else "off")
            st.caption(text.headline_caption(result, ds, headline_model, headline_after))
            if (paradox := text.paradox_line(ds)) is not None:
                st.markdown(paradox)

    # Side by side while the bars are few enough to read in half the width; one under the other with more treatments.
    side_by_side = not presenting and len(settings.treatment_keys) <= 3
    bars_area, confusion_area = st.columns([11, 9]) if side_by_side else (st.container(), st.container())
    with bars_area:
        height = 400 if presenting else 420  # presenter mode: in view at 720 px under the narration and a verdict
        if plan.cv_folds:
            show(cv_figure(result, metric, height=height), "metric_bars")
        else:
            show(metric_bars_figure(result, metric, height=height), "metric_bars")
            if not show_values(result):
                st.caption("With more than three treatments the bars carry no value labels: hover a bar, or read the "
                           "table under Held-out split.")
        if text.dummy_flips(result):
            st.caption(text.dummy_balancing_note(result, ds))
    with confusion_area:
        if headline_after is not None and headline_model in fitted:
            before, after = result.unit(headline_model, "none"), result.unit(headline_model, headline_after)
            pooled = (pooled_confusion(before), pooled_confusion(after))
            if after is None or after.holdout is None:
                st.info(escape_markdown(f"{CLASSIFIERS[headline_model]} with {TREATMENTS[headline_after]}: "
                                        f"{after.error if after else 'not run'}"))
            elif None not in pooled:
                show(confusion_figure(
                    [(f"No balancing<br>finds {pooled[0].tp} of {pooled[0].tp + pooled[0].fn}", pooled[0]),
                     (f"{TREATMENTS[headline_after]}<br>finds {pooled[1].tp} of {pooled[1].tp + pooled[1].fn}", pooled[1])],
                    ds.minority, text.negative_name(ds), height=380,
                ), "confusion")
                if not presenting:
                    st.markdown(text.pooled_confusion_sentence(pooled[0], pooled[1], headline_after, ds, plan))
            else:
                show(confusion_figure(
                    [(f"No balancing<br>recall {text.pct(before.holdout.recall)}", before.holdout),
                     (f"{TREATMENTS[headline_after]}<br>recall {text.pct(after.holdout.recall)}", after.holdout)],
                    ds.minority, text.negative_name(ds), height=380,
                ), "confusion")
                if not presenting:
                    st.markdown(text.confusion_sentence(before.holdout, after.holdout, headline_after, ds))

    return headline_model, headline_after


# --- the detail, one click away: each tab computes only when it is open ---------------------------------------------------
def detail_tabs(run: Run, headline_model: str, headline_after: str | None) -> None:
    presenting, settings, result, ds, plan = run.presenting, run.settings, run.result, run.ds, run.plan
    show = run.show
    fitted = text.fitted_models(result)
    tabs = dict(zip(text.TABS, st.tabs(list(text.TABS), key="cmp_tab", on_change="rerun"), strict=True))
    dummy_note = text.dummy_balancing_note(result, ds)

    with tabs["Held-out split"]:
        if tabs["Held-out split"].open:
            st.markdown(text.split_sentence(result, ds))
            if (few := text.few_positives_warning(result, ds)) is not None:
                st.warning(few, icon=":material/casino:")
            st.markdown(text.paradox_sentence(result, ds))
            st.dataframe(
                neutralise(text.holdout_table(result)),  # the toolbar's CSV export is safe too
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

    with tabs["Changes ± spread"]:
        if tabs["Changes ± spread"].open:
            st.dataframe(neutralise(text.change_table(result)), hide_index=True, key="change_table")
            st.caption(text.change_caption(result))

    with tabs["Cross-validation"]:
        if tabs["Cross-validation"].open:
            if plan.cv_folds:
                st.markdown(text.cv_sentence(plan))
                st.dataframe(neutralise(text.cv_table(result)), hide_index=True, key="cv_table")
            else:
                st.info("Cross-validation is off (0 folds): choose 2 or more folds in the settings.", icon=":material/info:")

    with tabs["Decision regions"]:
        if tabs["Decision regions"].open:
            region_choices = text.region_models(settings.classifier_keys)
            region_default = text.default_region_model(settings.classifier_keys)
            region_model = inputs.choice(st.selectbox(
                "Model for the regions",
                region_choices,
                index=region_choices.index(region_default),
                format_func=ui.label(CLASSIFIERS),
                key="cmp_region_model",
            ), region_choices, region_default)
            with st.spinner(f"Fitting {CLASSIFIERS[region_model]} on the 2-D view"):
                regions = run_regions(ds, ds.fingerprint, unit_settings(settings, region_model, "smote"), region_model)
            if regions:
                show(regions_figure(regions, ds, CLASSIFIERS[region_model]), "regions")
                st.markdown(text.regions_sentence(regions, ds, region_model))

    with tabs["Calibration"]:
        if tabs["Calibration"].open:
            if headline_after is None or headline_model not in fitted:
                st.info("Choose a treatment besides no balancing to compare probabilities before and after.")
            else:
                curves = [reliability(result, ds, headline_model, t) for t in ("none", headline_after)]
                if None in curves:
                    st.info(text.calibration_missing(headline_model), icon=":material/info:")
                else:
                    figure_side, words_side = (st.container(), st.container()) if presenting else st.columns([3, 2])
                    with figure_side:
                        show(calibration_figure(curves, CLASSIFIERS[headline_model], ds.minority), "calibration")
                    with words_side:
                        st.markdown(text.calibration_sentence(curves[0], curves[1], headline_model, ds, len(plan.test)))
                        st.caption("The model and the treatment are the ones chosen above the bars.")

    with tabs["Leak"]:
        if tabs["Leak"].open:
            if not settings.leaky:
                st.info("Switch on leaky mode in the settings and run again to see how much resampling before the split "
                        "inflates the scores, and why.", icon=":material/info:")
            else:
                leak = result.leak_table()
                if leak.empty:
                    st.info("Leaky mode only changes the samplers (SMOTE, random over- and under-sampling); none was chosen.")
                else:
                    st.dataframe(neutralise(text.leak_display(leak)), hide_index=True, key="leak_table")
                    st.markdown(text.leak_sentence(leak))
                drawn_treatment = text.leak_treatment(settings, headline_after)
                if drawn_treatment is not None:
                    picture = run_leak_picture(ds, ds.fingerprint, unit_settings(settings, headline_model, drawn_treatment),
                                               headline_model, drawn_treatment)
                    if picture.error:
                        st.info(escape_markdown(picture.error), icon=":material/info:")
                    else:
                        show(leak_figure(picture, ds), "leak_figure")
                        drawn = (len(drawn_pairs(picture.leaky)), len(drawn_pairs(picture.honest)))
                        st.markdown(text.leak_picture_sentence(picture, ds, drawn))

    with tabs["Caveats"]:
        if tabs["Caveats"].open:
            caveats = text.caveats(result)
            st.markdown("\n\n".join(caveats) if caveats else "No caveat applies to the chosen treatments.")
            if dummy_note is not None and not text.dummy_flips(result):
                st.caption(dummy_note)

    with tabs["Code"]:
        if tabs["Code"].open:
            st.markdown("The same split, pipelines and cross-validation in plain scikit-learn and imbalanced-learn:")
            st.code(code_snippet(ds, settings), language="python")
