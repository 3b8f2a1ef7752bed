"""Home: SMOTE at a glance on the current data beside its five steps, why imbalance hurts, and where to go next
(the guided lesson first)."""

import streamlit as st

from smote_viz import ui
from smote_viz.figures.data import imbalance_sentence
from smote_viz.stepper import ui as ui_stepper
from smote_viz.style import escape_markdown

ui.route_through_app()  # first: a first deep link runs inside app.py's router

st.title("SMOTE Lab")
ui.show_url_problems()
ds = ui.current_dataset()
picture, steps = st.columns([3, 2])
with picture:
    ui_stepper.glance(ds)
with steps:
    st.page_link("pages/lesson.py", label="New to SMOTE? Start the guided lesson", icon=":material/school:",
                 help="8 short chapters, each asking you to predict before it shows the answer.")
    st.markdown(
        "**SMOTE** (Synthetic Minority Over-sampling Technique) makes new examples of a rare class on the straight "
        "segments between a rare example and its nearest rare neighbours, in five steps:"
    )
    st.markdown(
        """
1. **Sample** a minority point at random: the *seed* $x_i$.
2. **Find** its $k$ nearest neighbours *within the minority class* (by Euclidean distance).
3. **Choose** one of those $k$ neighbours at random: $x_{zi}$.
4. **Draw** the segment from $x_i$ to $x_{zi}$.
5. **Place** the new point at a random gap $\\lambda$ in $[0, 1)$ along it:
   $x_{new} = x_i + \\lambda\\,(x_{zi} - x_i)$.

Repeat until the classes are as balanced as you asked. The new points are *synthetic*: they lie between real
minority points, so the rare class covers a region instead of a few dots.
"""
    )

sentence = imbalance_sentence(ds.counts)
st.subheader("Why imbalance hurts: the accuracy paradox")
st.markdown(
    "When one class is rare, a model can score a high accuracy by never predicting it. On the current data: "
    + escape_markdown(sentence[:1].lower() + sentence[1:])
    + " Accuracy rewards ignoring the rare class; **recall** (the share of rare cases found) exposes it."
)

st.subheader("Explore")
PAGE_LINKS = [
    ("pages/lesson.py", "Guided lesson", ":material/school:",
     "Eight chapters, from the accuracy paradox to Borderline-SMOTE: predict, then see."),
    ("pages/data.py", "Data", ":material/table_chart:", "Generate imbalanced 2-D data or upload a CSV."),
    ("pages/stepper.py", "Step through SMOTE", ":material/footprint:",
     "Watch every synthetic point being made: seed, neighbours, choice, gap."),
    ("pages/playground.py", "Playground", ":material/touch_app:",
     "Place points, move λ yourself, and watch SMOTE and a classifier answer."),
    ("pages/variants.py", "SMOTE family", ":material/grid_view:", "Every SMOTE variant side by side, inner workings shown."),
    ("pages/compare.py", "Compare classifiers", ":material/balance:", "Does balancing help? Measured honestly."),
]
for path, label, icon, blurb in PAGE_LINKS:
    st.page_link(path, label=f"{label}: {blurb}", icon=icon)

st.caption(
    "Source: N. V. Chawla, K. W. Bowyer, L. O. Hall, W. P. Kegelmeyer, \"SMOTE: Synthetic Minority Over-sampling "
    "Technique\", Journal of Artificial Intelligence Research 16 (2002) 321-357, "
    "[arXiv:1106.1813](https://arxiv.org/abs/1106.1813). The algorithm here is imbalanced-learn's `SMOTE`, "
    "reproduced step by step."
)
