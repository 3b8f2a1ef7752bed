"""SMOTE Lab: router only. Page config, the page list, and the sidebar every page shares.

Streamlit treats a folder named ``pages`` next to the entry point as an old-style multipage app: a shared link
such as ``/data?...`` opened as the first request after a server start would run that page without this router.
Every page script therefore starts with ``ui.route_through_app()``, which runs this router in its place on
that one request (the router then runs the page the URL names, with the link's query parameters).
"""

from pathlib import Path

import streamlit as st

from smote_viz import memory, ui
from smote_viz.room import ui as room

memory.start_releasing()  # once per process: fewer malloc arenas, and freed memory goes back to the system
st.set_page_config(page_title="SMOTE Lab", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/lesson.py", title="Lesson", icon=":material/school:", url_path="lesson"),
    st.Page("pages/data.py", title="Data", icon=":material/table_chart:", url_path="data"),
    st.Page("pages/stepper.py", title="Step through SMOTE", icon=":material/footprint:", url_path="stepper"),
    st.Page("pages/playground.py", title="Playground", icon=":material/touch_app:", url_path="playground"),
    st.Page("pages/variants.py", title="SMOTE family", icon=":material/grid_view:", url_path="variants"),
    st.Page("pages/compare.py", title="Compare classifiers", icon=":material/balance:", url_path="compare"),
    st.Page("pages/class.py", title="Class", icon=":material/groups:", url_path=room.CLASS_PATH),
]

# Presenter mode has no sidebar: the navigation is hidden and nothing is added to the sidebar, so Streamlit
# draws none; the page offers "Exit presenter mode" instead.
# The first request after a server start, when it is a deep link, runs in Streamlit's old pages-folder mode,
# whose own navigation of pages/ was drawn in a sidebar until this router's arrived (seconds, on a cold start):
# .streamlit/config.toml turns that one off (client.showSidebarNavigation = false), and the router turns the
# option back on before its own navigation, which would otherwise be hidden too.
if not st.get_option("client.showSidebarNavigation"):
    st.set_option("client.showSidebarNavigation", True)
presenting = ui.presenting()
navigation = st.navigation(PAGES, position="hidden" if presenting else "sidebar")
ui.follow_link(navigation.url_path)  # an in-app link to a page in a given state opens exactly that state
ui.current()  # the link's data settings are read before any page reads its own (a lost upload resets steps)
ui.page_style()
# Class mode: a link with ?class=CODE joins the class; a student's page follows the teacher (or shows the pause);
# the teacher's bar (the class's answers) is drawn above the page once the page has said what it asks.
room.before_page(navigation.url_path, PAGES)
class_bar = st.container()
try:
    if presenting:
        ui.presenter_chrome(PAGES)
        navigation.run()
    else:
        summary = st.sidebar.empty()
        ui.sidebar_summary(summary)  # the data as the page starts: it stays if the page stops early (st.stop)
        ui.mode_toggles()
        try:
            navigation.run()
        finally:
            ui.sidebar_summary(summary)  # again after the page has run: the Data page may have chosen other data
finally:
    room.report_place(navigation.url_path)  # a teacher leading the class takes it here
    with class_bar:
        room.teacher_bar()
