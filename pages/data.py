"""Data: generate 2-D imbalanced data or upload a CSV; the chosen dataset is what every page uses."""

import streamlit as st

from smote_viz import ui
from smote_viz.data import MAX_ROWS, SHAPE_DESCRIPTIONS, SHAPES, DataError, read_table, table_to_dataset
from smote_viz.data.csv_loader import MAX_COLUMNS, MAX_MEGABYTES, default_features
from smote_viz.data.generators import N_SAMPLES_RANGE
from smote_viz.export import FORMULA_NOTE, count_neutralised, neutralise
from smote_viz.figures.data import counts_figure, imbalance_sentence, scatter_figure
from smote_viz.state import GeneratorSettings, canonical
from smote_viz.style import escape_markdown, label_text

ui.route_through_app()  # first: a first deep link runs inside app.py's router

TABLE_KEY = "smote_lab.upload_table"
CHOICES_KEY = "smote_lab.upload_choices"
SOURCE_KEY = "smote_lab.source"
GENERATE, UPLOAD = "Generate", "Upload a CSV"

st.title("Data")
st.markdown(
    "Choose the data every page works on: generate an imbalanced 2-D dataset, or upload your own table. "
    "The current data stays loaded while you visit the other pages."
)
ui.show_url_problems()
data = ui.current()
if SOURCE_KEY not in st.session_state:
    st.session_state[SOURCE_KEY] = GENERATE if data.settings is not None else UPLOAD
source = st.radio("Source", [GENERATE, UPLOAD], horizontal=True, key=SOURCE_KEY, label_visibility="collapsed")


def generate_controls() -> None:
    settings = data.settings or GeneratorSettings()
    # Keyed widgets keep their identity (and keyboard focus) from one rerun to the next. Streamlit forgets
    # widget state on other pages, so the keys are seeded again from the current settings when missing.
    seeds = {
        "data.shape": settings.shape,
        "data.n": settings.n_samples,
        "data.minority": float(settings.minority_fraction),
        "data.noise": float(settings.noise),
        "data.classes": int(settings.n_classes),
        "data.seed": int(settings.seed),
    }
    for key, value in seeds.items():
        st.session_state.setdefault(key, value)
    with st.container(border=True):
        left, right = st.columns(2)
        shape = left.selectbox("Shape", SHAPES, key="data.shape")
        n_samples = left.slider("Number of points", N_SAMPLES_RANGE[0], N_SAMPLES_RANGE[1], step=10, key="data.n")
        minority = left.slider(
            "Minority share", 0.01, 0.50, step=0.01, format="%.2f", key="data.minority",
            help="Share of all rows in the minority class (several minority classes share it, each half the one before).",
        )
        noise = right.slider("Overlap / noise", 0.0, 1.0, step=0.05, key="data.noise",
                             help="0: classes well apart; 1: classes mix.")
        n_classes = right.slider("Number of classes", 2, 4, key="data.classes")
        seed = right.number_input("Seed", 0, 2**31 - 1, step=1, key="data.seed",
                                  help="The same settings and seed always give the same points.")
        st.caption(f"**{shape}**: {SHAPE_DESCRIPTIONS[shape]}")
    chosen = canonical(
        GeneratorSettings(shape, int(n_samples), float(minority), float(noise), int(n_classes), int(seed))
    )
    if chosen != data.settings:
        ui.set_dataset(ui.generate_cached(chosen), chosen)


def upload_controls() -> None:
    with st.container(border=True):
        upload = st.file_uploader(
            "CSV file (comma, semicolon or tab separated, with a header row)",
            # No type filter: Streamlit would refuse a spreadsheet with its own terse message; the loader
            # reads the bytes and says what the file is and what to do instead.
            help=f"At most {MAX_ROWS:,} rows, {MAX_COLUMNS} columns and {MAX_MEGABYTES} MB. One column holds the "
                 "class label; numeric columns are features.",
        )
        if upload is not None:
            stored = st.session_state.get(TABLE_KEY)
            if stored is None or stored[0] != upload.file_id:
                try:
                    st.session_state[TABLE_KEY] = (upload.file_id, read_table(upload.getvalue(), name=upload.name), upload.name)
                    st.session_state.pop(CHOICES_KEY, None)  # a new file starts from the default choices
                except DataError as error:
                    st.session_state.pop(TABLE_KEY, None)
                    st.error(f"**{escape_markdown(upload.name)}** was not loaded: {escape_markdown(error)}",
                             icon=":material/error:")
                    st.caption("The previous data is still loaded.")
                    return
        stored = st.session_state.get(TABLE_KEY)
        if stored is None:
            st.caption("No file uploaded yet; the current data stays loaded.")
            return
        _, table, file_name = stored
        # Widget state is dropped when the user visits another page; the choices are kept here, beside the
        # table, so coming back shows (and keeps) the same label, features, scaling, minority class and view.
        saved = st.session_state.get(CHOICES_KEY, {})
        columns = table.columns
        label_index = columns.index(saved["label"]) if saved.get("label") in columns else len(columns) - 1
        label = st.selectbox("Label column (the class of each row)", columns, index=label_index)
        if label != saved.get("label"):
            saved = {"label": label}
        numeric = [c for c in table.numeric_columns if c != label]
        features = st.multiselect(
            "Feature columns (numeric only)", numeric,
            default=[f for f in saved.get("features", default_features(table, label)) if f in numeric],
            help="Columns SMOTE interpolates. Text columns cannot be features.",
        )
        standardise = st.toggle(
            "Standardise features (mean 0, standard deviation 1)", value=bool(saved.get("standardise", False)),
            help="k-nearest neighbours measures distance: a feature in the 100 000s would outvote one in the 10s.",
        )
        st.caption(
            "SMOTE finds neighbours by Euclidean distance, so a feature with a large range (an income in the "
            "100 000s) decides the neighbours alone over one with a small range (an age in the 10s). "
            "Standardising puts every feature on the same footing."
        )
        st.session_state[CHOICES_KEY] = {"label": label, "features": features, "standardise": standardise}
        try:
            dataset = table_to_dataset(table, label, features or [], standardise=standardise)
        except DataError as error:
            st.error(f"**{escape_markdown(file_name)}**: {escape_markdown(error)}", icon=":material/error:")
            st.caption("The previous data is still loaded.")
            return
        names = dataset.feature_names
        # Any class but the majority can be the one a page calls "minority" (several in multi-class data).
        candidates = [c for c in dataset.counts if c != dataset.majority_label]
        chosen_minority = saved.get("minority")
        if chosen_minority not in candidates:
            chosen_minority = dataset.minority if dataset.minority in candidates else candidates[0]
        cols = st.columns(3)
        minority = cols[0].selectbox("Minority class", candidates, index=candidates.index(chosen_minority),
                                     format_func=label_text)
        x_name = cols[1].selectbox("Horizontal axis", names, index=names.index(saved["x"]) if saved.get("x") in names else 0)
        y_default = names.index(saved["y"]) if saved.get("y") in names else min(1, len(names) - 1)
        y_name = cols[2].selectbox("Vertical axis", names, index=y_default)
        st.session_state[CHOICES_KEY].update(minority=minority, x=x_name, y=y_name)
        dataset = dataset.with_minority(minority).with_view(names.index(x_name), names.index(y_name))
        if dataset.fingerprint != ui.current_dataset().fingerprint:
            ui.set_dataset(dataset, None)
        with st.expander("First rows of the file"):
            first_rows = table.cells.head(20)
            st.dataframe(neutralise(first_rows), hide_index=True)  # the toolbar's CSV export is safe too
            if count_neutralised(first_rows):
                st.caption(FORMULA_NOTE)


if source == GENERATE:
    generate_controls()
else:
    upload_controls()

ui.share_in_url()
ds = ui.current_dataset()
ui.show_notices(ds.notices)

left, right = st.columns([3, 2])
with left:
    st.plotly_chart(scatter_figure(ds), key="data_scatter")
    x_name, y_name = ds.view_names
    st.caption(
        f"Each marker is one row, drawn at ({escape_markdown(x_name)}, {escape_markdown(y_name)}). Classes differ by "
        "shape and colour. Hover a point to see its row number."
    )
with right:
    st.plotly_chart(counts_figure(ds.counts, title="Rows per class", positions=ds.class_positions), key="data_counts")
    st.markdown(escape_markdown(imbalance_sentence(ds.counts)))
    minority = ds.minority
    st.markdown(
        f"Minority class: **{escape_markdown(label_text(minority))}** ({ds.counts[minority]} rows). "
        f"Majority class: **{escape_markdown(label_text(ds.majority_label))}** ({ds.counts[ds.majority_label]} rows)."
    )
