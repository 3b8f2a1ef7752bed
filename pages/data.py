"""Data: generate 2-D imbalanced data or upload a CSV; the chosen dataset is what every page uses."""

import streamlit as st

from smote_viz import inputs, ui
from smote_viz.data import MAX_ROWS, SHAPE_DESCRIPTIONS, SHAPES, DataError, read_table, table_to_dataset
from smote_viz.data import ui as ui_data
from smote_viz.data.churn import SAMPLE_ROWS
from smote_viz.data.csv_loader import MAX_COLUMNS, MAX_MEGABYTES, ONE_FEATURE_NOTE, default_features
from smote_viz.data.dataset import two_axes
from smote_viz.data.generators import FRACTION_RANGE, N_CLASSES_RANGE, N_SAMPLES_RANGE, STRETCHES
from smote_viz.export import FORMULA_NOTE, count_neutralised, neutralise
from smote_viz.figures.data import counts_figure, imbalance_sentence, scatter_figure
from smote_viz.state import SHAPE_DEFAULTS, GeneratorSettings, canonical, shape_change
from smote_viz.style import escape_markdown, label_text

ui.route_through_app()  # first: a first deep link runs inside app.py's router

TABLE_KEY, CHOICES_KEY, SOURCE_KEY = ui.UPLOAD_TABLE_KEY, ui.UPLOAD_CHOICES_KEY, ui.SOURCE_KEY
GENERATE, UPLOAD = ui.GENERATE, ui.UPLOAD
READ_KEY = "smote_lab.upload_read"  # (file id, error or None) of the last upload read

st.title("Data")
st.markdown(
    "Choose the data every page works on: generate an imbalanced 2-D dataset, or upload your own table. "
    "The current data stays loaded while you visit the other pages."
)
ui.show_url_problems()
data = ui.current()
if SOURCE_KEY not in st.session_state:
    st.session_state[SOURCE_KEY] = GENERATE if data.settings is not None else UPLOAD
source = inputs.choice(st.radio("Source", [GENERATE, UPLOAD], horizontal=True, key=SOURCE_KEY,
                                label_visibility="collapsed"), (GENERATE, UPLOAD), GENERATE)


WIDGETS = {  # GeneratorSettings field -> the widget that sets it
    "shape": "data.shape", "n_samples": "data.n", "minority_fraction": "data.minority", "noise": "data.noise",
    "n_classes": "data.classes", "seed": "data.seed", "stretch": "data.stretch",
}

FIELD_WORDS = {"minority_fraction": "the minority share to", "noise": "the overlap to", "n_samples": "the points to"}


def apply_shape_defaults() -> None:
    """A new shape brings its own defaults (the ring: a 4 % minority) and drops the old shape's."""
    old = (ui.current().settings or GeneratorSettings()).shape
    new = ui.chosen(WIDGETS["shape"], SHAPES, old)  # a value that is no shape changes nothing
    for name, value in shape_change(old, new).items():
        st.session_state[WIDGETS[name]] = value


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
        "data.stretch": float(settings.stretch),
    }
    for key, value in seeds.items():
        st.session_state.setdefault(key, value)
    with st.container(border=True):
        left, right = st.columns(2)
        shape = left.selectbox("Shape", SHAPES, key="data.shape", on_change=apply_shape_defaults)
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
        stretch = left.select_slider(
            "Stretch x2 (multiply it by)", STRETCHES, key="data.stretch",
            format_func=ui.label({v: f"× {v:g}" for v in STRETCHES}),
            help="The same points with x2 in other units, like an income next to an age: SMOTE's distances are "
                 "then decided by x2 alone. The comparison below shows which neighbours change.",
        )
        chosen = canonical(GeneratorSettings(  # each value checked: one no widget offers keeps the current setting
            inputs.choice(shape, SHAPES, settings.shape),
            inputs.whole(n_samples, N_SAMPLES_RANGE[0], N_SAMPLES_RANGE[1], settings.n_samples),
            inputs.number(minority, FRACTION_RANGE[0], FRACTION_RANGE[1], settings.minority_fraction),
            inputs.number(noise, 0.0, 1.0, settings.noise),
            inputs.whole(n_classes, N_CLASSES_RANGE[0], N_CLASSES_RANGE[1], settings.n_classes),
            inputs.whole(seed, 0, 2**31 - 1, settings.seed),
            inputs.choice(stretch, STRETCHES, settings.stretch),
        ))
        own = SHAPE_DEFAULTS.get(chosen.shape, {})
        own_words = ", ".join(f"{FIELD_WORDS.get(n, n)} {v:g}" for n, v in own.items())
        st.caption(f"**{chosen.shape}**: {SHAPE_DESCRIPTIONS[chosen.shape]}"
                   + (f" Choosing it sets {own_words}." if own else ""))
    if chosen != data.settings:
        ui.set_dataset(ui.generate_cached(chosen), chosen)


def upload_controls() -> None:
    with st.container(border=True):
        upload = st.file_uploader(
            "CSV file (comma, semicolon or tab separated, with a header row)",
            # No type filter: Streamlit would refuse a spreadsheet with its own terse message; the loader
            # reads the bytes and says what the file is and what to do instead.
            help=f"At most {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and {MAX_MEGABYTES} MB. One column holds the "
                 "class label; numeric columns are features.",
        )
        st.button(
            f"Or use a bank-churn-shaped sample ({SAMPLE_ROWS:,} made-up customers, the columns of the article's file)",
            key="data_churn_sample", icon=":material/table_view:", on_click=ui.use_churn_sample,
            help="The columns of the bank-churn file Churn_Modelling.csv with made-up values: about 20 % exited. "
            "The Compare page replays the article on it.",
        )
        if upload is not None and st.session_state.get(READ_KEY, (None,))[0] != upload.file_id:
            # Each upload is read once; a sample chosen after it stays until another file is uploaded.
            try:
                st.session_state[TABLE_KEY] = (upload.file_id, read_table(upload.getvalue(), name=upload.name), upload.name)
                st.session_state.pop(CHOICES_KEY, None)  # a new file starts from the default choices
                st.session_state[READ_KEY] = (upload.file_id, None)
            except DataError as error:
                st.session_state.pop(TABLE_KEY, None)
                st.session_state[READ_KEY] = (upload.file_id, str(error))
        read_id, read_error = st.session_state.get(READ_KEY, (None, None))
        if upload is not None and read_id == upload.file_id and read_error and TABLE_KEY not in st.session_state:
            st.error(f"**{escape_markdown(upload.name)}** was not loaded: {escape_markdown(read_error)}",
                     icon=":material/error:")
            st.caption("The previous data is still loaded.")
            return
        stored = st.session_state.get(TABLE_KEY)
        if stored is None:
            st.caption("No file uploaded yet; the current data stays loaded.")
            return
        file_id, table, file_name = stored
        # Widget state is dropped when the user visits another page; the choices are kept here, beside the
        # table, so coming back shows (and keeps) the same label, features, scaling, minority class and view.
        saved = st.session_state.get(CHOICES_KEY, {})

        def key_for(name: str, value: object) -> str:
            """A widget key for this table's ``name`` choice, seeded with ``value`` when the widget has no state.
            Widgets get keys and no default: a default that changes from one run to the next would make a new
            widget and lose the user's next change."""
            key = f"data.upload.{name}.{file_id}"
            if key not in st.session_state:
                st.session_state[key] = value
            return key

        columns = table.columns
        first_label = saved["label"] if saved.get("label") in columns else columns[-1]
        label = inputs.choice(st.selectbox("Label column (the class of each row)", columns,
                                           key=key_for("label", first_label)), columns, first_label)
        if label != saved.get("label"):
            saved = {"label": label}
            for name in ("features", "minority", "x", "y"):  # another label: start from its defaults
                st.session_state.pop(f"data.upload.{name}.{file_id}", None)
        numeric = [c for c in table.numeric_columns if c != label]
        features = inputs.choices(st.multiselect(
            "Feature columns (numeric only)", numeric,
            key=key_for("features", [f for f in saved.get("features", default_features(table, label)) if f in numeric]),
            help="Columns SMOTE interpolates. Text columns cannot be features.",
        ), numeric)
        standardise = inputs.flag(st.toggle(
            "Standardise features (mean 0, standard deviation 1)",
            key=key_for("standardise", bool(saved.get("standardise", False))),
            help="k-nearest neighbours measures distance: a feature in the 100 000s would outvote one in the 10s.",
        ), False)
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
        minority_key = key_for("minority", chosen_minority)
        if ui.chosen(minority_key, candidates, None) is None:
            st.session_state[minority_key] = chosen_minority
        minority = inputs.choice(cols[0].selectbox("Minority class", candidates, key=minority_key,
                                                   format_func=label_text), candidates, chosen_minority)
        # The two axes are always two different columns: the vertical axis offers every column but the
        # horizontal one, and moving the vertical column to the horizontal axis swaps them. The choice is
        # settled before the widgets are drawn, from what the user just picked and what was shown before.
        x_key, y_key = key_for("x", saved.get("x")), key_for("y", saved.get("y"))
        x_name, y_name = two_axes(names, ui.chosen(x_key, names, None), ui.chosen(y_key, names, None),
                                  (saved.get("x"), saved.get("y")))
        st.session_state[x_key], st.session_state[y_key] = x_name, y_name
        if len(names) > 1:
            cols[1].selectbox("Horizontal axis", names, key=x_key)
            cols[2].selectbox("Vertical axis", [n for n in names if n != x_name], key=y_key)
        else:
            st.warning(escape_markdown(ONE_FEATURE_NOTE.format(name=names[0])), icon=":material/looks_one:")
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

if (generated := ui.current().settings) is not None and generated.stretch != 1:
    ui_data.scaling(ds)
