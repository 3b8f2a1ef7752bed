"""The baseline of bench_playground.py: a bare Streamlit app with one button and a figure comparable to the
playground's (a 64 x 64 heatmap, two contour lines, 200 points in two classes and stars), redrawn on every
click with a changed trace name, so Streamlit sends and Plotly draws a new figure each time, with no SMOTE and
no classifier behind it.

Run by the benchmark:  streamlit run benchmarks/bare_click_app.py
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("clicks", 0)
if st.button("Click", key="bare_click"):
    st.session_state["clicks"] += 1
n = st.session_state["clicks"]

rng = np.random.default_rng(n)
X = rng.normal(size=(200, 2)).astype(np.float32)
minority = np.arange(200) < 20
grid = np.linspace(-3, 3, 64, dtype=np.float32)
z = (np.add.outer(grid, grid) + rng.normal(0, 0.3, (64, 64))).astype(np.float32)
fig = go.Figure([
    go.Heatmap(x=grid, y=grid, z=(z > 0).astype(np.float32), showscale=False, hoverinfo="skip"),
    go.Contour(x=grid, y=grid, z=z, contours={"start": 0, "end": 0, "size": 1, "coloring": "lines"}, showscale=False),
    go.Contour(x=grid, y=grid, z=z - 1, contours={"start": 0, "end": 0, "size": 1, "coloring": "lines"},
               showscale=False),
    go.Scatter(x=X[~minority, 0], y=X[~minority, 1], mode="markers", name=f"class 0 ({n})"),
    go.Scatter(x=X[minority, 0], y=X[minority, 1], mode="markers", name="class 1",
               marker={"symbol": "triangle-up"}),
    go.Scatter(x=X[:160, 1], y=X[:160, 0], mode="markers", name="new points", marker={"symbol": "star"}),
])
fig.update_layout(height=520, dragmode=False, xaxis={"range": [-3, 3], "fixedrange": True},
                  yaxis={"range": [-3, 3], "fixedrange": True})
st.plotly_chart(fig, key="bare_figure")
