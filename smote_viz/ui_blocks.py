"""Self-contained page blocks (Streamlit-aware, like ``ui``): a figure with its words, cached, that a page places
with one call. Home's SMOTE at a glance, the Data page's raw against standardised neighbourhoods, and the Step
through page's minority-only counterfactual. Every figure and sentence comes from the pure library.
"""

from __future__ import annotations

import streamlit as st

from . import ui
from .data import Dataset
from .figures.common import projector_sized
from .figures.counterfactual import minority_only_figure
from .figures.glance import POINTS as GLANCE_POINTS
from .figures.glance import glance_figure
from .figures.scaling import scaling_figure
from .landing import MinorityOnly, minority_only, minority_only_sentence
from .narration import formula_text
from .scaling import neighbourhoods, scaling_sentence
from .smote import clamp_k, trace_smote
from .style import escape_markdown

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


# --- Data: why scale first ----------------------------------------------------------------------------------
@st.cache_data(max_entries=32, ttl="1h", show_spinner=False)
def _neighbourhoods(_dataset: Dataset, fingerprint: str, k: int):
    return neighbourhoods(_dataset.X2, _dataset.y, _dataset.minority, k)


def scaling(dataset: Dataset, k: int = 5) -> None:
    """Raw against standardised neighbourhoods of one minority point, side by side, with the change in words."""
    st.subheader("Why scale first: neighbours before and after standardising")
    try:
        nb = _neighbourhoods(dataset, dataset.fingerprint, k)
    except ValueError as error:
        st.info(escape_markdown(error), icon=":material/info:")
        return
    names = dataset.view_names
    st.plotly_chart(_sized(scaling_figure(dataset.X2, dataset.y, nb, positions=dataset.class_positions,
                                          axis_names=names)), key="data_scaling")
    st.markdown(scaling_sentence(nb, names))
    st.caption(
        "SMOTE and imbalanced-learn measure distance on the features as given. Standardise first (scikit-learn's "
        "StandardScaler, inside the pipeline) when the features have different units."
    )


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
