"""Class: start a class (its code, link and QR code, who is present, how the class is paced) or join one."""

import streamlit as st

from smote_viz import ui
from smote_viz.room import ui as room

ui.route_through_app()  # first: a first deep link runs inside app.py's router

st.title("Class")
room.class_page()
