"""The Data page's Streamlit block: one minority point's neighbours under raw and standardised distance, cached,
with its figure and its words from the pure library (``data.scaling``, ``figures.scaling``)."""

from __future__ import annotations

import streamlit as st

from smote_viz import ui
from smote_viz.data.dataset import Dataset
from smote_viz.data.scaling import neighbourhoods, scaling_sentence
from smote_viz.figures.common import projector_sized
from smote_viz.figures.scaling import scaling_figure
from smote_viz.style import escape_markdown


def _sized(figure):
    return projector_sized(figure) if ui.presenting() else figure


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
