"""SMOTE family: every imbalanced-learn sampler side by side on the current data, with its inner workings."""

import streamlit as st

from smote_viz import ui
from smote_viz.family import ui as ui_family

ui.route_through_app()  # first: a first deep link runs inside app.py's router

present = ui.presenting()
walk_height = ui.figure_height(present, ui_family.WALK_HEIGHT, ui_family.PRESENT_WALK_HEIGHT)
if not present:
    st.title("SMOTE family")
    st.caption(
        "imbalanced-learn's over-samplers side by side on the same data, each showing what it computed on the way."
    )
ui.show_url_problems()
saved, saved_walk = ui_family.saved_settings()
ds = ui.current_dataset()
if not present:
    ui.show_notices(ds.notices)

# The settings box (collapsed, its label saying what is set); in presenter mode none: the link's settings hold.
params = ui_family.settings(saved, present)
st.session_state[ui_family.SETTINGS_KEY] = params
page = ui_family.FamilyPage(ds, params, present, walk_height, saved_walk)

gallery_tab, walk_tab, open_tab = ui_family.tabs(saved_walk)
with gallery_tab:
    ui_family.gallery(page)
with walk_tab:
    ui_family.walk(page)  # a fragment: a step or a new variant reruns only the step-through
ui_family.share(params, open_tab)
