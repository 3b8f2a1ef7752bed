"""The playground's one piece of browser code: clicks and drags on a Plotly chart, anywhere in its plotting area.

``st.plotly_chart(on_select=...)`` reports clicks on markers only, never on empty space, and no drags. A small
Streamlit components-v2 component (``clicks.js``, inline, no iframe) listens to the chart's plotting
area and sends each click or drag back in data coordinates. The chart itself stays an ordinary
``st.plotly_chart`` built by a pure figure function.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from smote_viz.playground.canvas import DRAG_MIN_PX, Canvas

_JS = (Path(__file__).parent / "clicks.js").read_text(encoding="utf-8")
_FIGURE_CLICKS = st.components.v2.component("smote_lab.figure_clicks", js=_JS)


def _ignore() -> None:
    """Events are read from the mount's return value in the same run; nothing to do in a callback."""


def figure_clicks(key: str, *, target: str, canvas: Canvas, mode: str) -> dict | None:
    """Listen to pointer events on the chart whose element key is ``target``; return this run's event (a dict as
    ``playground.parse_event`` reads it), or None. Mount it before drawing, so the event is applied first."""
    result = _FIGURE_CLICKS(
        key=key,
        data={"target": target, "x_range": list(canvas.x_range), "y_range": list(canvas.y_range), "mode": mode,
              "drag_px": DRAG_MIN_PX},
        on_event_change=_ignore,
        height=0,
    )
    return result.event
