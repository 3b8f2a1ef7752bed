"""SMOTE Lab: router only. Page config, the page list, and the sidebar every page shares."""

import streamlit as st

from smote_viz import ui

st.set_page_config(page_title="SMOTE Lab", page_icon=":material/scatter_plot:", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/data.py", title="Data", icon=":material/table_chart:", url_path="data"),
    st.Page("pages/variants.py", title="SMOTE family", icon=":material/grid_view:", url_path="variants"),
]

navigation = st.navigation(PAGES)
ui.sidebar_summary()
navigation.run()
