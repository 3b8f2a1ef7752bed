"""The SMOTE family page's Streamlit parts: its settings (kept across pages and in the link), the grid of panels
(cached panel by panel), presenter mode's grid, the download, and the step-through of BorderlineSMOTE and ADASYN
(an ``st.fragment``).

The family's one Streamlit module; ``smote_viz.family`` does not import it. Functions take what the page knows
(``FamilyPage``) as an argument; the words are in ``family.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from smote_viz import inputs, ui
from smote_viz.compare import cost
from smote_viz.data import Dataset
from smote_viz.export import RESAMPLED_HELP, csv_bytes, variant_frame
from smote_viz.family.evaluation import few_positives_warning
from smote_viz.family.figures import gallery_figure, panel_explanation, state_figure, step_layers
from smote_viz.family.gallery import run_variant
from smote_viz.family.params import (
    CLASSIFIERS,
    CLUSTER_RANGE,
    CLUSTER_THRESHOLDS,
    K_RANGE,
    M_RANGE,
    SEED_RANGE,
    SHRINKAGE_RANGE,
    STRATEGIES,
    VARIANT_KEYS,
    GalleryParams,
)
from smote_viz.family.steps import (
    STEP_VARIANTS,
    WalkSettings,
    gap_range,
    narrate_variant,
    narrate_variant_short,
    variant_trace,
)
from smote_viz.family.text import (
    DESCRIPTIONS,
    MARKS_CAPTION,
    PRESENT_LINE,
    STRATEGY_HELP,
    WALK_CAPTION,
    about_text,
    gallery_caption,
    heavy_work_text,
    settings_summary,
    short_name,
    vote_text,
)
from smote_viz.figures.common import projector_sized
from smote_viz.state import from_query, to_query
from smote_viz.stepper import ui as ui_stepper
from smote_viz.stepper.browser import Telling, Window, standing_at, window_at, window_payload
from smote_viz.stepper.figures import stepper_figure, view_caption
from smote_viz.stepper.narration import clamp_position, narrate_whole, phase_label, position_count
from smote_viz.stepper.predict import (
    DANGER,
    GAP,
    candidate_rows,
    danger_question,
    question_at,
    score,
    score_danger,
)
from smote_viz.stepper.settings import SPEEDS
from smote_viz.style import escape_markdown

PREFIX = "variants."
WALK_HEIGHT = 500  # the step-through figure: with the controls above it, fits a 720 px high screen
PRESENT_WALK_HEIGHT = 540  # presenter mode: below the tabs and one row of controls on a 1280 x 720 projector
PRESENT_PANELS = 3  # presenter mode shows the grid three panels at a time, in one row
PRESENT_PANEL_HEIGHT = 400
TAB_KEY = PREFIX + "tab"
TAB_LABELS = {"grid": "Side by side", "walk": "Step through BorderlineSMOTE and ADASYN"}
REVEAL_KEY = PREFIX + "revealed0"  # predict first: the vote of step 0 has been revealed
SCOPE = "variants"  # predict-first answers of this page
GROUP_KEY = PREFIX + "group"
AHEAD_KEY = PREFIX + "ahead"  # the step-through's next figure, built while the learner looks at this one
GALLERY_USES_SHORTCUTS = False  # the side-by-side tab binds no keys; the step-through may take ←/→/Home/End
SETTINGS_KEY = PREFIX + "settings"  # GalleryParams of the last run (not a widget key)
WALK_KEY = PREFIX + "walk_settings"  # WalkSettings of the last run (not a widget key)
STEP_KEY = PREFIX + "step"
CONFIRMED_KEY = PREFIX + "confirmed"  # fingerprint of the data whose heavy grid the user asked for
state = st.session_state


@dataclass(frozen=True)
class FamilyPage:
    """What the page knows in this run: the data, the settings, presenter mode, the step figure's height and the
    step-through's saved settings (a fragment's rerun gets the ones of the last full run)."""

    ds: Dataset
    params: GalleryParams
    present: bool
    walk_height: int
    saved_walk: WalkSettings

    @property
    def axis_names(self) -> tuple[str, str]:
        x_name, y_name = self.ds.view_names
        return x_name, y_name


@st.cache_data(max_entries=64, ttl="30m", show_spinner=False)
def cached_panel(_dataset: Dataset, fingerprint: str, key: str, params: GalleryParams):
    """One panel's result (keyed by the data's fingerprint; ``params.panels`` is left out, so showing another
    set of panels reuses the ones already run)."""
    return run_variant(key, _dataset.X2, _dataset.y, params, positive=_dataset.minority)


@st.cache_data(max_entries=8, ttl="30m", show_spinner=False)
def cached_gallery_figure(_dataset: Dataset, _results: tuple, fingerprint: str, params: GalleryParams):
    return gallery_figure(list(_results), _dataset.X2, _dataset.y, axis_names=_dataset.view_names,
                          positions=_dataset.class_positions)


def cached_gallery(dataset: Dataset, params: GalleryParams):
    """Results and figure for one dataset and one set of choices, panel by panel: between panels the work gives
    way to a stop or a rerun (``ui.checkpoint``), so a closed browser stops it."""
    panel_params = replace(params, panels="")
    results = []
    with st.spinner("Running the samplers..."):
        for key in params.panel_keys():
            ui.checkpoint()
            results.append(cached_panel(dataset, dataset.fingerprint, key, panel_params))
        figure = cached_gallery_figure(dataset, tuple(results), dataset.fingerprint, params)
    return results, figure


def heavy_work_confirmed(dataset: Dataset, params: GalleryParams) -> bool:
    """Work above the budget (big data, a slow classifier) waits for one click per dataset, which says how long
    it will take; a link alone never starts it."""
    seconds = cost.gallery_seconds(params, dataset)
    if not cost.over_budget(seconds) or state.get(CONFIRMED_KEY) == dataset.fingerprint:
        return True
    st.info(
        heavy_work_text(len(params.panel_keys()), dataset.n_samples, params.classifier, cost.duration_text(seconds)),
        icon=":material/hourglass_top:",
    )
    if st.button(f"Run the samplers ({cost.duration_text(seconds)})", type="primary", icon=":material/play_arrow:",
                 key=PREFIX + "confirm"):
        state[CONFIRMED_KEY] = dataset.fingerprint
        return True
    return False


@st.cache_data(max_entries=32, ttl="30m", show_spinner=False)
def cached_walk(_dataset: Dataset, fingerprint: str, key: str, params: GalleryParams):
    """One variant's run and its stepper record, keyed by the data's fingerprint and the settings."""
    result = run_variant(key, _dataset.X2, _dataset.y, params, positive=_dataset.minority, with_evaluation=False)
    try:
        trace = variant_trace(result, _dataset.X2, _dataset.y)
    except ValueError:
        trace = None
    return result, trace


def saved_settings() -> tuple[GalleryParams, WalkSettings]:
    """The page's settings, kept under keys no widget owns (Streamlit drops widget state when the user visits
    another page, so the widgets are rebuilt from these on every run). The first visit reads them from the link."""
    if SETTINGS_KEY not in state:
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        settings, problems = from_query(GalleryParams, query)
        walk, walk_problems = from_query(WalkSettings, query)
        for problem in problems + walk_problems:
            st.warning(escape_markdown(problem), icon=":material/link_off:")
        state[SETTINGS_KEY] = settings
        state[WALK_KEY] = walk
        state[STEP_KEY] = walk.step
    return state[SETTINGS_KEY], state[WALK_KEY]


def _now(name: str, saved_value):
    """A setting's value in this run: the widget's (already updated when it triggered the run), else the saved."""
    return state.get(PREFIX + name, saved_value)


def _summary(saved: GalleryParams) -> str:
    """The settings box's label: the settings of this run (read before the widgets are drawn, so checked here)."""
    now = _checked(saved, _now("panels", list(saved.panel_keys())), _now("k", saved.k), _now("m", saved.m),
                   _now("strategy", saved.strategy), _now("seed", saved.seed), _now("classifier", saved.classifier),
                   saved.shrinkage, saved.n_clusters, saved.cluster_threshold)
    return settings_summary(now.k, now.m, now.strategy, now.seed, now.classifier, len(now.panel_keys()))


def _checked(saved: GalleryParams, panels, k, m, strategy, seed, classifier, shrinkage, n_clusters,
             threshold) -> GalleryParams:
    """The settings the widgets hold, each checked: a value no widget offers keeps the saved setting (unknown
    samplers are dropped)."""
    return GalleryParams(
        k=inputs.whole(k, K_RANGE[0], K_RANGE[1], saved.k),
        m=inputs.whole(m, M_RANGE[0], M_RANGE[1], saved.m),
        strategy=inputs.choice(strategy, STRATEGIES, saved.strategy),
        seed=inputs.whole(seed, SEED_RANGE[0], SEED_RANGE[1], saved.seed),
        classifier=inputs.choice(classifier, tuple(CLASSIFIERS), saved.classifier),
        shrinkage=round(inputs.number(shrinkage, SHRINKAGE_RANGE[0], SHRINKAGE_RANGE[1], saved.shrinkage), 2),
        n_clusters=inputs.whole(n_clusters, CLUSTER_RANGE[0], CLUSTER_RANGE[1], saved.n_clusters),
        cluster_threshold=inputs.choice(threshold, CLUSTER_THRESHOLDS, saved.cluster_threshold),
        panels=",".join(inputs.choices(panels, VARIANT_KEYS)),
    )


def settings(saved: GalleryParams, present: bool) -> GalleryParams:
    """This run's settings: the settings box's (every widget starts from the saved settings), or in presenter mode
    the saved ones (no settings; the link's settings hold)."""
    if present:
        panels, k, m, strategy, seed, classifier = (list(saved.panel_keys()), saved.k, saved.m, saved.strategy,
                                                    saved.seed, saved.classifier)
        shrinkage, n_clusters, threshold = saved.shrinkage, saved.n_clusters, saved.cluster_threshold
    else:
        # The settings box stays collapsed, its label saying what is set, so that the step-through's buttons and
        # figure come first on a 1280 x 720 screen or a phone. Its key keeps it open while its label changes.
        with st.expander(_summary(saved), icon=":material/tune:", key=PREFIX + "settings_box"):
            # Every widget takes its value from the saved settings: on the first run after a visit to another page
            # (widget state gone) it shows the same choices again.
            panels = st.multiselect(
                "Samplers to show",
                VARIANT_KEYS,
                default=list(saved.panel_keys()),
                key=PREFIX + "panels",
                format_func=ui.label({key: DESCRIPTIONS[key].title for key in VARIANT_KEYS}),
            )
            c1, c2, c3, c4, c5 = st.columns(5)
            k = c1.slider("k (SMOTE neighbours)", K_RANGE[0], K_RANGE[1], saved.k, key=PREFIX + "k",
                          help="Neighbours within the class for SMOTE-style interpolation; ADASYN also uses it for "
                               "hardness.")
            m = c2.slider("m (vote neighbours)", M_RANGE[0], M_RANGE[1], saved.m, key=PREFIX + "m",
                          help="Neighbours over ALL data whose vote marks a point noise / danger / safe (Borderline, "
                          "SVMSMOTE).")
            strategy = c3.selectbox("Sampling strategy", STRATEGIES, index=STRATEGIES.index(saved.strategy),
                                    key=PREFIX + "strategy", help=STRATEGY_HELP)
            seed = c4.number_input("Seed", SEED_RANGE[0], SEED_RANGE[1], saved.seed, step=1, key=PREFIX + "seed")
            classifier = c5.selectbox("Classifier", tuple(CLASSIFIERS),
                                      index=tuple(CLASSIFIERS).index(saved.classifier), key=PREFIX + "classifier",
                                      format_func=ui.label(CLASSIFIERS),
                                      help="The Compare page's classifiers, fitted the same way.")
            st.markdown("**More settings**")
            d1, d2, d3 = st.columns(3)
            shrinkage = d1.slider("Shrinkage (RandomOverSampler)", SHRINKAGE_RANGE[0], SHRINKAGE_RANGE[1],
                                  float(saved.shrinkage), step=0.1, key=PREFIX + "shrinkage")
            n_clusters = d2.slider("k-means clusters (KMeansSMOTE)", CLUSTER_RANGE[0], CLUSTER_RANGE[1],
                                   saved.n_clusters, key=PREFIX + "n_clusters")
            threshold = d3.selectbox(
                "Cluster balance threshold (KMeansSMOTE)", CLUSTER_THRESHOLDS,
                index=CLUSTER_THRESHOLDS.index(saved.cluster_threshold), key=PREFIX + "threshold",
                help="A cluster is kept when its minority share is at least this; auto = 0.5 for two classes.",
            )
    return _checked(saved, panels, k, m, strategy, seed, classifier, shrinkage, n_clusters, threshold)


def tabs(saved_walk: WalkSettings):
    """The two tabs and the name of the open one. The open tab is tracked (and kept in the link as vtab); both
    tabs' contents still run, so a switch shows them at once."""
    gallery_tab, walk_tab = st.tabs(list(TAB_LABELS.values()), key=TAB_KEY, default=TAB_LABELS[saved_walk.tab],
                                    on_change="rerun")
    open_tab = next((name for name, label in TAB_LABELS.items() if state.get(TAB_KEY) == label), saved_walk.tab)
    return gallery_tab, walk_tab, open_tab


@st.cache_data(max_entries=16, ttl="30m", show_spinner=False)
def cached_presenter_gallery(_dataset: Dataset, _results: tuple, fingerprint: str, params: GalleryParams, group: int):
    """Presenter mode's grid: ``PRESENT_PANELS`` panels of the full grid (group ``group``), in one row, with
    projector-sized fonts and markers."""
    shown = list(_results[group * PRESENT_PANELS:(group + 1) * PRESENT_PANELS])
    figure = gallery_figure(shown, _dataset.X2, _dataset.y, axis_names=_dataset.view_names,
                            positions=_dataset.class_positions, columns=PRESENT_PANELS,
                            panel_height=PRESENT_PANEL_HEIGHT)
    projector_sized(figure)
    # Projector-sized panel titles take three lines of 18 px: the legend moves above them.
    top, bottom = 120, figure.layout.margin.b or 50
    plot_height = figure.layout.height - top - bottom
    figure.update_layout(margin={"t": top}, legend={"y": 1 + 80 / plot_height, "yanchor": "bottom"})
    return figure


def presenter_gallery(page: FamilyPage) -> None:
    """Presenter mode: three panels at a time, a row of buttons choosing which three, and one short line."""
    ds, params = page.ds, page.params
    results, _ = cached_gallery(ds, params)
    groups = [results[i:i + PRESENT_PANELS] for i in range(0, len(results), PRESENT_PANELS)]
    names = [" · ".join(short_name(r.key) for r in group) for group in groups]
    row = st.container(horizontal=True, vertical_alignment="center", key="variants-present-row")
    if state.get(GROUP_KEY) is not None and inputs.whole(state[GROUP_KEY], 0, len(groups) - 1) is None:
        state[GROUP_KEY] = 0
    group = row.segmented_control("Samplers shown", list(range(len(groups))), default=0, required=True, key=GROUP_KEY,
                                  format_func=ui.label(dict(enumerate(names))), label_visibility="collapsed")
    row.markdown(PRESENT_LINE)
    group = inputs.whole(group, 0, len(groups) - 1, 0)
    figure = cached_presenter_gallery(ds, tuple(results), ds.fingerprint, params, group)
    st.plotly_chart(figure, key="variants_gallery")


def gallery(page: FamilyPage) -> None:
    """The grid of panels, then one explanation line and a description per panel."""
    ds, params = page.ds, page.params
    if not params.panel_keys():
        st.info("Pick at least one sampler to show.", icon=":material/touch_app:")
        return
    if not heavy_work_confirmed(ds, params):
        return
    if page.present:
        presenter_gallery(page)
        return
    st.caption(gallery_caption(ds.n_samples, ds.n_features, page.axis_names, params.classifier, ds.minority))
    results, figure = cached_gallery(ds, params)
    scored = [r.evaluation for r in results if r.evaluation is not None and r.evaluation.ok]
    few = few_positives_warning(scored[0].n_test_positive) if scored else ""
    if few:  # one split for every panel: one warning
        st.warning(f"{few} Differences between panels of one or two rows are luck, not method.",
                   icon=":material/warning:")
    st.plotly_chart(figure, key="variants_gallery")
    st.caption(MARKS_CAPTION)
    download_panel(results, ds)
    st.subheader("What each panel shows")
    for result in results:
        description = DESCRIPTIONS[result.key]
        line = escape_markdown(panel_explanation(result))
        if not result.ok:
            st.warning(line, icon=":material/block:")  # the message names the sampler
        else:
            st.markdown(f"**{description.title}**: {line}")
            if result.message:
                st.info(escape_markdown(result.message), icon=":material/info:")
        if result.evaluation is not None:
            st.caption(escape_markdown(result.evaluation.sentence()))
        with st.expander(f"About {description.title}"):
            st.markdown(about_text(description))


def download_panel(results, dataset: Dataset) -> None:
    """One download button for the resampled data of the panel the user picks (every panel that ran)."""
    ran = [r for r in results if r.ok]
    if not ran:
        return
    x_name, y_name = dataset.view_names
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    titles = dict(enumerate(r.title for r in ran))
    chosen = left.selectbox("Resampled data of", range(len(ran)), format_func=ui.label(titles),
                            key=PREFIX + "download_panel")
    result = ran[inputs.whole(chosen, 0, len(ran) - 1, 0)]
    right.download_button(
        f"Download {result.title}'s output ({len(result.y)} rows, {result.n_synthetic} synthetic) as CSV",
        lambda: csv_bytes(variant_frame(result, feature_names=[x_name, y_name], label_name=dataset.label_name)),
        file_name=f"{result.key}_resampled.csv", mime="text/csv", on_click="ignore", icon=":material/download:",
        key=PREFIX + "download", help=RESAMPLED_HELP,
    )


def _phase_figure(page: FamilyPage, result, trace, position: int, positions: dict):
    """The figure of a phase (position >= 1) without overlays, with the sampler's step-0 marks as a light layer;
    in presenter mode projector-sized before its labels are placed."""
    x_name, y_name = page.axis_names
    return stepper_figure(trace, position, x_title=x_name, y_title=y_name, positions=positions,
                          height=page.walk_height, layers=step_layers(result, trace.X),
                          width=ui.figure_width(page.present), projector=page.present)


def _walk_figure(page: FamilyPage, result, trace, position: int, positions: dict, question, revealed, answer,
                 vote_hidden: bool):
    """The step-through's figure at ``position``, with the predict-first overlays (without any, a phase's figure
    is usually the one built ahead)."""
    x_name, y_name = page.axis_names
    present = page.present
    if position > 0 and revealed is None and (question is None or question.kind != GAP):
        return ui_stepper.built_ahead(AHEAD_KEY, (state.get(PREFIX + "walk_run"), position, present),
                                      lambda: _phase_figure(page, result, trace, position, positions))
    if position == 0 and not vote_hidden:
        figure = state_figure(result, trace.X, trace.y, axis_names=(x_name, y_name), positions=positions,
                              height=page.walk_height)
        if present:
            figure = projector_sized(figure)
    elif position == 0:  # before the reveal, step 0 shows the data without the vote
        figure = stepper_figure(trace, 0, x_title=x_name, y_title=y_name, positions=positions,
                                height=page.walk_height, width=ui.figure_width(present), projector=present)
    else:
        figure = _phase_figure(page, result, trace, position, positions)
    return ui_stepper.add_overlays(figure, trace, position, question, revealed, answer, scope=SCOPE,
                                   projector=present)


WALK_CHART = PREFIX + "walk_chart"  # the step-through's figure while the browser steps it
WALK_STEPPING = PREFIX + "stepping"


@st.cache_data(max_entries=16, ttl="30m", show_spinner="Preparing the run…")
def cached_walk_window(_result, _trace, run_id: tuple, window: Window, names: tuple, positions: tuple, height: int,
                       width: int, present: bool) -> dict:
    """One window of the variant's run as the browser steps it, with the sampler's classification as a light
    layer and the family's words; built once per run, window and screen, shared by every session with the same
    inputs (the run id holds the data's fingerprint)."""
    layers = step_layers(_result, _trace.X)
    telling = Telling(
        narrate=lambda p: narrate_variant(_result, _trace, p, names),
        short=lambda p: narrate_variant_short(_result, _trace, p),
        view=lambda p: view_caption(_trace, p, height=height, width=width, layers=layers) if p else None,
        legend=WALK_CAPTION, whole=lambda short: narrate_whole(_trace, short=short),
    )
    return window_payload(_trace, window, names=names, positions=dict(positions), height=height, width=width,
                          present=present, frame_ms=SPEEDS["normal"], telling=telling, layers=layers)


def walk_in_browser(page: FamilyPage, result, trace, positions: dict) -> None:
    """The step-through stepped in the browser (every mode but predict first): step 0's figure of the sampler's
    vote (or ADASYN's weights) is the server's, the phases are frames of one window of the run at a time."""
    present = page.present
    position = clamp_position(state.get(STEP_KEY, 0), trace)
    state[STEP_KEY] = position
    if st.query_params.get("vstep") != str(position):
        st.query_params["vstep"] = str(position)
    width = ui.figure_width(present)
    window = window_at(trace, max(position, 1))
    payload = cached_walk_window(result, trace, state.get(PREFIX + "walk_run"), window, page.axis_names,
                                 tuple(positions.items()), page.walk_height, width, present)
    left, right = st.columns([5, 3] if present else [3, 2])
    with left:
        if position == 0:
            figure = state_figure(result, trace.X, trace.y, axis_names=page.axis_names, positions=positions,
                                  height=page.walk_height)
            st.plotly_chart(projector_sized(figure) if present else figure, key=PREFIX + "walk_figure",
                            config=ui_stepper.STEP_FIGURE_CONFIG)
        else:
            st.plotly_chart(standing_at(payload, position), key=WALK_CHART, config=ui_stepper.STEP_FIGURE_CONFIG)
    with right:
        ui_stepper.stepping_controls(key=WALK_STEPPING, chart_key=WALK_CHART, step_key=STEP_KEY, param="vstep",
                                     run=state.get(PREFIX + "walk_run"), position=position, payload=payload,
                                     present=present, drawn_by_server=(0,))


def walk_through(page: FamilyPage, result, trace, positions: dict, row) -> None:
    """Buttons, the figure of the current phase and its narration (inside the step-through's fragment)."""
    if not ui.predicting():
        walk_in_browser(page, result, trace, positions)
        return
    present = page.present
    total = position_count(trace)
    position = clamp_position(state.get(STEP_KEY, 0), trace)
    state[STEP_KEY] = position
    predict = ui.predicting()
    vote = getattr(result.state, "category", None)  # Borderline's noise / danger / safe vote
    asks_danger = predict and vote is not None
    # ←/→/Home/End drive these buttons: the side-by-side tab has no step buttons of its own, so this is the
    # only set of shortcuts on the page (a page can bind each key once).
    ui.step_buttons(STEP_KEY, total, position, key_prefix=PREFIX, shortcuts=not GALLERY_USES_SHORTCUTS,
                    reveal_key=REVEAL_KEY if asks_danger else None, row=row)
    if st.query_params.get("vstep") != str(position):
        st.query_params["vstep"] = str(position)
    vote_hidden = asks_danger and position == 0 and not state.get(REVEAL_KEY, False)
    if position == 0:
        question = danger_question(0, result.state.m) if vote_hidden else None
        revealed = danger_question(0, result.state.m) if asks_danger and not vote_hidden else None
        answer = ui_stepper.answers(SCOPE).get(0) if revealed is not None else None
    else:
        question = question_at(trace, position) if predict else None
        revealed = question_at(trace, position - 1) if predict and position > 1 else None
        answer = ui_stepper.answers(SCOPE).get(position - 1) if revealed is not None else None
    where = "step 0: sort the minority points" if position == 0 else f"point {phase_label(trace, position)}"
    left, right = st.columns([5, 3] if present else [3, 2])
    with left:
        figure = _walk_figure(page, result, trace, position, positions, question, revealed, answer, vote_hidden)
        if question is not None and question.selection:
            candidates = (tuple(int(r) for r in result.state.rows) if question.kind == DANGER
                          else candidate_rows(trace, question))
            ui_stepper.answer_on_figure(figure, scope=SCOPE, key=PREFIX + "walk_figure", question=question,
                                        X=trace.X, candidates=candidates)
        else:
            st.plotly_chart(figure, key=PREFIX + "walk_figure", config=ui_stepper.STEP_FIGURE_CONFIG)
    with right, ui.narration_box():
        st.markdown(f"Step **{position}** of {total - 1} ({where})")
        if revealed is not None:
            verdict = (score_danger(result.state.rows, result.state.category, answer) if revealed.kind == DANGER
                       else score(trace, revealed, answer, gap_range=gap_range(result, trace, revealed.position)))
            st.markdown(verdict.markdown())
        if vote_hidden:
            st.markdown(vote_text(result.state.m))
        elif present:
            st.markdown(narrate_variant_short(result, trace, position))
        else:
            st.markdown(narrate_variant(result, trace, position, page.axis_names))
        if question is not None:
            ui_stepper.ask(question, scope=SCOPE, key=f"{PREFIX}gap_{position}", present=present)
        if not present:
            st.caption(WALK_CAPTION)
            if position:
                st.caption(escape_markdown(view_caption(trace, position, height=page.walk_height,
                                                        width=ui.figure_width(present),
                                                        layers=step_layers(result, trace.X))))
    if position + 1 < total:  # everything is on screen: get the next step's figure ready
        ui_stepper.build_ahead(AHEAD_KEY, (state.get(PREFIX + "walk_run"), position + 1, present),
                               lambda: _phase_figure(page, result, trace, position + 1, positions))


@st.fragment
def walk(page: FamilyPage) -> None:
    """The step-through: the variant, then its stepper; a click or a new variant reruns only this part (with the
    ``page`` of the last full run)."""
    ds = page.ds
    # The variant and the step buttons share one row that wraps (on a phone Previous and Next stay side by side).
    row = st.container(horizontal=True, gap="xsmall", vertical_alignment="center", key="variants-walk-row")
    variant = row.radio("Variant to step through", STEP_VARIANTS, index=STEP_VARIANTS.index(page.saved_walk.variant),
                        key=PREFIX + "walk", horizontal=True, label_visibility="collapsed", width="content",
                        format_func=ui.label({v: short_name(v) for v in STEP_VARIANTS}))
    variant = inputs.choice(variant, STEP_VARIANTS, page.saved_walk.variant)
    state[WALK_KEY] = replace(state[WALK_KEY], variant=variant)
    if st.query_params.get("vwalk") != str(variant):
        st.query_params["vwalk"] = str(variant)
    walk_params = replace(page.params, panels="", classifier=GalleryParams.classifier)  # neither changes the run
    result, trace = cached_walk(ds, ds.fingerprint, str(variant), walk_params)
    run_id = (ds.fingerprint, str(variant), walk_params)
    if state.get(PREFIX + "walk_run") not in (None, run_id):
        state[STEP_KEY] = 0  # another run: start again from step 0
        state[REVEAL_KEY] = False
        ui_stepper.clear_answers(SCOPE)
    state[PREFIX + "walk_run"] = run_id
    if trace is None or trace.n_new == 0:
        message = result.message or "This run makes no new points to step through."
        st.warning(escape_markdown(message), icon=":material/block:")
        return
    walk_through(page, result, trace, ds.class_positions, row)


def share(params: GalleryParams, open_tab: str) -> None:
    """Keep the step-through's settings (variant, step, open tab) and put this run's settings in the link."""
    walk_now = WalkSettings(state[WALK_KEY].variant, int(state.get(STEP_KEY, 0)), open_tab)
    state[WALK_KEY] = walk_now
    ui.share_in_url({**to_query(params), **to_query(walk_now)})
