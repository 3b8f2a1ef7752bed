"""Compare classifiers before and after balancing, honestly: split first, resample the training part only."""

import math

import streamlit as st

from smote_viz import ui
from smote_viz.data import Dataset
from smote_viz.evaluate import (
    CLASSIFIERS,
    METRICS,
    SAMPLER_TREATMENTS,
    THRESHOLD_METRICS,
    TREATMENTS,
    CompareSettings,
    Comparison,
    accuracy_paradox,
    assemble,
    code_snippet,
    decision_regions,
    evaluate_unit,
    make_plan,
    unit_settings,
    work_units,
)
from smote_viz.figures.compare import confusion_figure, cv_figure, metric_bars_figure, regions_figure
from smote_viz.state import from_query, query_keys, to_query
from smote_viz.style import escape_markdown, label_text

SETTINGS_KEY = "compare.settings"  # the settings of the last run (plain session state, survives page changes)
FOLD_CHOICES = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10]


@st.cache_data(max_entries=2048, show_spinner=False)
def run_unit(_dataset: Dataset, fingerprint: str, settings: CompareSettings, classifier: str, treatment: str):
    """One model under one treatment. Keyed by the data's fingerprint and the settings: shared only by equal inputs."""
    return evaluate_unit(_dataset, settings, classifier, treatment)


@st.cache_data(max_entries=256, show_spinner=False)
def run_regions(_dataset: Dataset, fingerprint: str, settings: CompareSettings, classifier: str):
    return decision_regions(_dataset, settings, classifier)


def pct(value: float) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.1%}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def signed(value: float) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value * 100:+.1f} points"


st.title("Compare classifiers")
ui.show_url_problems()
ds = ui.current_dataset()
positive = ds.minority
multi = len(ds.counts) > 2
negative = "other classes" if multi else f"class {label_text(ds.majority_label)}"
pos_text = escape_markdown(label_text(positive))

# --- settings: the last run, else a shared link, else the defaults ----------------------------------------------
if SETTINGS_KEY not in st.session_state:
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if query_keys(CompareSettings) & set(params):
        from_url, problems = from_query(CompareSettings, params)
        from_url, more = from_url.validated()
        for problem in problems + more:
            st.warning(escape_markdown(problem), icon=":material/link_off:")
        st.session_state[SETTINGS_KEY] = from_url  # a shared link runs at once
last: CompareSettings | None = st.session_state.get(SETTINGS_KEY)
shown = last or CompareSettings()

st.markdown(
    f"Does balancing the training data help a classifier find the rare class? Every model below is trained on "
    f"**all {ds.n_features} features** of the current data ({ds.n_samples} rows) and judged on rows it never "
    f"saw. The positive class is the minority, **class {pos_text}**: recall is the share of its rows a model finds."
)
if multi:
    st.info(
        f"This data has {len(ds.counts)} classes. Recall, precision, F1, ROC-AUC, PR-AUC and the confusion "
        f"matrices treat class {pos_text} as positive and all other classes together as negative (one-vs-rest); "
        "accuracy and balanced accuracy count every class. The samplers balance every class; threshold moving "
        "works for two classes only.",
        icon=":material/info:",
    )

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
    a.number_input("Seed", 0, 2**31 - 1, step=1, key="cmp_seed", help="Seeds the split, the folds, the samplers and the models.")
    b.select_slider("Cross-validation folds (0 = off)", FOLD_CHOICES, key="cmp_folds")
    b.slider("Cross-validation repeats", 1, 5, key="cmp_repeats")
    c.slider("SMOTE's k nearest neighbours", 1, 15, key="cmp_k")
    c.selectbox("Threshold moving optimises", list(THRESHOLD_METRICS), format_func=THRESHOLD_METRICS.get, key="cmp_tune")
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
    last = chosen

ui.share_in_url(to_query(last) if last else None)

if last is None:
    st.info(
        "Choose classifiers and treatments, then press **Run comparison**. The defaults take a second or two "
        "on the default data; random forests, SVMs, threshold moving and many folds take longer on big data.",
        icon=":material/touch_app:",
    )
    st.stop()

settings = last
plan = make_plan(ds, settings)
for error in plan.errors:
    st.error(escape_markdown(error), icon=":material/error:")
if not plan.ok:
    st.stop()

todo = work_units(settings)
bar = st.progress(0.0, text="Starting")
units = []
for i, (c, t) in enumerate(todo):
    bar.progress(i / len(todo), text=f"Fitting {CLASSIFIERS[c]} with {TREATMENTS[t]} ({i + 1} of {len(todo)})")
    units.append(run_unit(ds, ds.fingerprint, unit_settings(settings, c, t), c, t))
bar.empty()
result: Comparison = assemble(ds, settings, plan, units)

if result.messages:
    st.warning("\n".join(f"- {escape_markdown(m)}" for m in result.messages), icon=":material/warning:")

# --- the split ------------------------------------------------------------------------------------------------
def counts_text(counts: dict) -> str:
    return ", ".join(f"class {escape_markdown(k)}: {v}" for k, v in counts.items())


n_test = sum(result.test_counts.values())
test_share_pos = result.test_counts.get(label_text(positive), 0) / max(n_test, 1)
st.markdown(
    f"**Split first.** Training part: {sum(result.train_counts.values())} rows ({counts_text(result.train_counts)}). "
    f"Test part: {n_test} rows ({counts_text(result.test_counts)}), class {pos_text} is {test_share_pos:.1%} "
    f"of it, as in the whole data ({ds.counts[positive] / ds.n_samples:.1%}). Only the training part is "
    "resampled; the test part is never touched."
)

paradox = accuracy_paradox(result)
if paradox is None:  # no dummy chosen: the same point from the test part's counts
    n_major = result.test_counts.get(label_text(ds.majority_label), 0)
    paradox = (
        f"A model that always answers the majority class would be {n_major / max(n_test, 1):.1%} accurate on "
        f"the test part, yet its recall would be 0.0%: it would find none of the "
        f"{result.test_counts.get(label_text(positive), 0)} minority rows."
    )
st.subheader("The accuracy paradox")
st.markdown(f"**{paradox}** Accuracy rewards ignoring the rare class; recall does not.")

# --- the metrics table -------------------------------------------------------------------------------------------
st.subheader("Held-out metrics (change against no balancing)")
table = result.table("holdout")
for name in METRICS.values():  # changes as signed text; the baseline rows have none
    table[f"Δ {name}"] = ["" if math.isnan(v) else f"{v:+.3f}" for v in table[f"Δ {name}"]]
st.dataframe(
    table, hide_index=True, key="metrics_table",
    column_config={name: st.column_config.NumberColumn(name, format="%.3f") for name in METRICS.values()},
)
st.caption(
    "Each row is one imbalanced-learn Pipeline fitted on the training part and scored on the test part. "
    "Δ is the change against the same model with no balancing (positive = higher). ROC-AUC and PR-AUC use the "
    "predicted probability (or the SVM's decision value) of the minority class."
)

metric = st.selectbox("Metric to plot", list(METRICS), format_func=METRICS.get, key="cmp_plot_metric")
st.plotly_chart(metric_bars_figure(result, metric), key="metric_bars")
lines = []
for c in settings.classifier_keys:
    base = result.unit(c, "none")
    for t in settings.treatment_keys[1:]:
        u = result.unit(c, t)
        if base and base.holdout and u and u.holdout:
            lines.append(
                f"- {CLASSIFIERS[c]}, {TREATMENTS[t]}: {METRICS[metric].lower()} "
                f"{getattr(base.holdout, metric):.3f} → {getattr(u.holdout, metric):.3f} "
                f"(accuracy {base.holdout.accuracy:.3f} → {u.holdout.accuracy:.3f})"
            )
if lines:
    st.markdown("\n".join(lines))

# --- confusion matrices --------------------------------------------------------------------------------------------
st.subheader("Confusion matrices: before and after")
fitted = [c for c in settings.classifier_keys if result.unit(c, "none") and result.unit(c, "none").holdout]
others = [t for t in settings.treatment_keys if t != "none"]
if fitted and others:
    left, right = st.columns(2)
    cm_treat = right.selectbox("After", others, format_func=TREATMENTS.get, key="cmp_cm_treat")

    def recall_change(c: str) -> float:
        before, after = result.unit(c, "none"), result.unit(c, cm_treat)
        if c == "dummy" or after is None or after.holdout is None:
            return -1.0
        return abs(after.holdout.recall - before.holdout.recall)

    # By default the model whose recall the treatment changes most: the most telling pair of matrices.
    preferred = max(fitted, key=recall_change)
    cm_model = left.selectbox("Model", fitted, index=fitted.index(preferred), format_func=CLASSIFIERS.get, key="cmp_cm_model")
    before, after = result.unit(cm_model, "none"), result.unit(cm_model, cm_treat)
    if after is None or after.holdout is None:
        st.info(escape_markdown(f"{CLASSIFIERS[cm_model]} with {TREATMENTS[cm_treat]}: {after.error if after else 'not run'}"))
    else:
        st.plotly_chart(
            confusion_figure(
                [(f"No balancing (recall {pct(before.holdout.recall)})", before.holdout),
                 (f"{TREATMENTS[cm_treat]} (recall {pct(after.holdout.recall)})", after.holdout)],
                positive,
                negative,
            ),
            key="confusion",
        )
        b, a = before.holdout, after.holdout
        st.markdown(
            f"Rows are the truth, columns the prediction. Before: the model finds **{b.tp} of {b.tp + b.fn}** "
            f"class {pos_text} rows (TP) and misses {b.fn} (FN), with {plural(b.fp, 'false alarm')} (FP) among "
            f"{b.tn + b.fp} rows of {escape_markdown(negative)}. After {escape_markdown(TREATMENTS[cm_treat])}: it "
            f"finds **{a.tp} of {a.tp + a.fn}** (misses {a.fn}) with {plural(a.fp, 'false alarm')}. "
            f"Recall {pct(b.recall)} → {pct(a.recall)}, precision {pct(b.precision)} → {pct(a.precision)}, "
            f"accuracy {pct(b.accuracy)} → {pct(a.accuracy)}."
        )
else:
    st.info("Choose at least one treatment besides no balancing to see matrices before and after.")

# --- decision regions -----------------------------------------------------------------------------------------------
st.subheader("Decision regions on the 2-D view: before and after SMOTE")
region_choices = [c for c in settings.classifier_keys if c != "dummy"] or list(settings.classifier_keys)
preferred = "knn" if "knn" in region_choices else region_choices[0]
region_model = st.selectbox(
    "Model for the regions", region_choices, index=region_choices.index(preferred), format_func=CLASSIFIERS.get,
    key="cmp_region_model",
)
x_name, y_name = (escape_markdown(n) for n in ds.view_names)
with st.spinner(f"Fitting {CLASSIFIERS[region_model]} on the 2-D view"):
    regions = run_regions(ds, ds.fingerprint, unit_settings(settings, region_model, "smote"), region_model)
if regions:
    st.plotly_chart(regions_figure(regions, ds, CLASSIFIERS[region_model]), key="regions")
    parts = []
    for r in regions:
        if r.error:
            parts.append(f"{TREATMENTS[r.treatment]}: {escape_markdown(r.error)}")
            continue
        share = float((r.z >= 0.5).mean())
        extra = f", with {len(r.synthetic_X)} synthetic points (open stars) added to the training part" if len(r.synthetic_X) else ""
        parts.append(f"{TREATMENTS[r.treatment]}: class {pos_text} is predicted on {share:.1%} of the plotted area{extra}")
    st.markdown(
        f"A {escape_markdown(CLASSIFIERS[region_model])} trained on two features only ({x_name}, {y_name}) of the "
        f"same training rows. Shading is the predicted probability of class {pos_text}; the dashed line is 0.5. "
        + "; ".join(parts) + "."
    )

# --- cross-validation -----------------------------------------------------------------------------------------------
if plan.cv_folds:
    st.subheader("Cross-validation: mean and spread")
    st.markdown(
        f"One split can be lucky. Repeated stratified {plan.cv_folds}-fold cross-validation ({plan.cv_repeats} "
        f"repeat(s), {plan.cv_folds * plan.cv_repeats} fits per row) refits the whole pipeline, sampler "
        "included, inside every training fold; bars show the mean and ± one standard deviation."
    )
    st.plotly_chart(cv_figure(result, metric), key="cv_chart")
    mean, std = result.table("cv"), result.table("cv_std")
    cv_table = mean[["Model", "Treatment"]].copy()
    for name in METRICS.values():
        cv_table[name] = [
            "n/a" if math.isnan(m) else f"{m:.3f} ± {s:.3f}" for m, s in zip(mean[name], std[name], strict=True)
        ]
    st.dataframe(cv_table, hide_index=True, key="cv_table")

# --- leaky against honest ---------------------------------------------------------------------------------------------
st.subheader("Leaky against honest")
if settings.leaky:
    leak = result.leak_table()
    if leak.empty:
        st.info("Leaky mode only changes the samplers (SMOTE, random over- and under-sampling); none was chosen.")
    else:
        st.dataframe(
            leak, hide_index=True, key="leak_table",
            column_config={
                c: st.column_config.NumberColumn(c, format="%+.3f" if "inflation" in c else "%.3f")
                for c in leak.columns[2:]
            },
        )
        top = leak.loc[leak["Recall inflation"].idxmax()]
        st.markdown(
            "Resampling before the split puts synthetic or copied minority rows, made from the same originals, "
            "on both sides of the split, and makes the test part balanced instead of real: the model is graded "
            "on near-copies of what it learnt. "
            f"The largest inflation here: {escape_markdown(top['Model'])} with {escape_markdown(top['Treatment'])}, "
            f"recall {top['Recall honest']:.3f} honest against {top['Recall leaky']:.3f} leaky "
            f"({signed(top['Recall inflation'])}), a gain that new data would not confirm."
        )
else:
    st.info(
        "Switch on leaky mode and run again to see how much resampling before the split inflates the scores.",
        icon=":material/info:",
    )

# --- caveats ------------------------------------------------------------------------------------------------------------
st.subheader("Caveats")
caveats = []
samplers = [t for t in settings.treatment_keys if t in SAMPLER_TREATMENTS or t == "weight"]
if samplers:
    caveats.append(
        "**Probabilities are distorted.** Resampling and class weights make the minority look more common than "
        "it is, so predicted probabilities are too high and the model is miscalibrated; if you need risks, not "
        "just labels, prefer no correction with a moved threshold, or recalibrate. Source: R. van den Goorbergh, "
        "M. van Smeden, D. Timmerman, B. Van Calster, \"The harm of class imbalance corrections for risk "
        "prediction models\", *JAMIA* 29(9), 2022, [doi:10.1093/jamia/ocac093](https://doi.org/10.1093/jamia/ocac093)."
    )
strong = [c for c in ("hgb", "forest") if c in settings.classifier_keys]
weak = [c for c in ("logreg", "knn", "tree", "svm") if c in settings.classifier_keys]
if "smote" in settings.treatment_keys and (strong or weak):
    detail = []
    for c in strong + weak:
        u0, u1 = result.unit(c, "none"), result.unit(c, "smote")
        if u0 and u1 and u0.holdout and u1.holdout:
            detail.append(f"{CLASSIFIERS[c]} {signed(u1.holdout.roc_auc - u0.holdout.roc_auc)}")
    caveats.append(
        "**Strong learners gain little.** A large benchmark found that SMOTE and its relatives mostly help weak "
        "classifiers; well-tuned strong ones such as gradient boosting do as well with no balancing and a "
        "tuned threshold. Source: Y. Elor, H. Averbuch-Elor, \"To SMOTE, or not to SMOTE?\", 2022, "
        "[arXiv:2201.08528](https://arxiv.org/abs/2201.08528)."
        + (f" Here, the change in ROC-AUC with SMOTE: {escape_markdown('; '.join(detail))}." if detail else "")
    )
if "smote" in settings.treatment_keys:
    caveats.append(
        "**SMOTE adds noise where classes overlap.** It draws new points on segments between minority "
        "neighbours, whatever lies between them, so where the classes mix, synthetic minority points land among "
        "the majority and blur the boundary (look at the open stars in the regions above)."
    )
if "hgb" in settings.classifier_keys:
    caveats.append(
        "**Not XGBoost.** The article this page replays used XGBoost (accuracy 84.70 %, recall 44.82 % before "
        "SMOTE; recall 63.61 % after, accuracy slightly lower). Here gradient boosting is scikit-learn's "
        "HistGradientBoostingClassifier, a close relative that needs no extra package, so numbers differ."
    )
st.markdown("\n\n".join(caveats) if caveats else "No caveat applies to the chosen treatments.")

# --- code ------------------------------------------------------------------------------------------------------------------
st.subheader("Reproduce it outside the app")
st.markdown("The same split, pipelines and cross-validation in plain scikit-learn and imbalanced-learn:")
st.code(code_snippet(ds, settings), language="python")
