"""Data: generate 2-D imbalanced data or upload a CSV; the chosen dataset is what every page uses."""

import streamlit as st

from smote_viz import ui
from smote_viz.data import SHAPE_DESCRIPTIONS, SHAPES
from smote_viz.figures.data import counts_figure, imbalance_sentence, scatter_figure
from smote_viz.state import GeneratorSettings

st.title("Data")
ui.show_url_problems()

data = ui.current()
settings = data.settings or GeneratorSettings()

with st.container(border=True):
    st.markdown("**Generate imbalanced 2-D data**")
    left, right = st.columns(2)
    shape = left.selectbox(
        "Shape", SHAPES, index=SHAPES.index(settings.shape), help="; ".join(f"{k}: {v}" for k, v in SHAPE_DESCRIPTIONS.items())
    )
    n_samples = left.slider("Number of points", 30, 2000, min(settings.n_samples, 2000), step=10)
    minority = left.slider(
        "Minority share", 0.01, 0.50, float(settings.minority_fraction), step=0.01, format="%.2f",
        help="Share of all rows that belong to the minority class (or classes, together).",
    )
    noise = right.slider("Overlap / noise", 0.0, 1.0, float(settings.noise), step=0.05)
    n_classes = right.slider("Number of classes", 2, 4, int(settings.n_classes))
    seed = right.number_input("Seed", 0, 2**31 - 1, int(settings.seed), step=1)
    st.caption(SHAPE_DESCRIPTIONS[shape])
    new_settings = GeneratorSettings(shape, int(n_samples), round(float(minority), 2), round(float(noise), 2), int(n_classes), int(seed))
    if data.settings is None:
        if st.button("Use generated data instead of the uploaded file"):
            ui.set_dataset(ui.generate_cached(new_settings), new_settings)
            st.rerun()
    elif new_settings != data.settings:
        ui.set_dataset(ui.generate_cached(new_settings), new_settings)

ui.share_in_url()
ds = ui.current_dataset()
ui.show_notices(ds.notices)

left, right = st.columns([3, 2])
with left:
    st.plotly_chart(scatter_figure(ds), key="data_scatter")
with right:
    st.plotly_chart(counts_figure(ds.counts, title="Rows per class"), key="data_counts")
    st.markdown(imbalance_sentence(ds.counts))
