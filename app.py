"""SMOTE Lab: router only. Page config, the page list, and the sidebar every page shares.

The page scripts live in ``app_pages/``, not ``pages/``: Streamlit treats a folder named ``pages`` next to
the entry point as an old-style multipage app, and a shared link such as ``/data`` opened as the first
request after a server start would then run that page without this router (no sidebar, wrong page list).
"""

from pathlib import Path

import streamlit as st

from smote_viz import ui

st.set_page_config(page_title="SMOTE Lab", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide")

PAGES = [
    st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("app_pages/data.py", title="Data", icon=":material/table_chart:", url_path="data"),
    st.Page("app_pages/stepper.py", title="Step through SMOTE", icon=":material/footprint:", url_path="stepper"),
    st.Page("app_pages/variants.py", title="SMOTE family", icon=":material/grid_view:", url_path="variants"),
    st.Page("app_pages/compare.py", title="Compare classifiers", icon=":material/balance:", url_path="compare"),
]

navigation = st.navigation(PAGES)
summary = st.sidebar.empty()  # filled after the page has run, so it describes the data the page just chose
try:
    navigation.run()
finally:
    ui.sidebar_summary(summary)
