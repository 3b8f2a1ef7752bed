"""Pieces every figure shares: per-class scatter traces, fixed axis ranges, one layout."""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from smote_viz.style import class_colour, class_symbol, plot_text

FONT_SIZE = 15  # readable from the back of a classroom
# Presenter mode (a projector at 1280 x 720 seen from the back of a room): minimum font sizes in px, and how
# much larger markers and lines are drawn.
PROJECTOR_FONT = 18
PROJECTOR_TICKS = 16
PROJECTOR_GROWTH = 1.35


def axis_ranges(points: np.ndarray, pad: float = 0.08) -> tuple[list[float], list[float]]:
    """Fixed x and y ranges around ``points`` (n x 2) with a margin, so animations never rescale."""
    pts = np.asarray(points, dtype=float)
    lo = pts.min(axis=0)
    hi = pts.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    lo = lo - pad * span
    hi = hi + pad * span
    return [float(lo[0]), float(hi[0])], [float(lo[1]), float(hi[1])]


def class_trace(
    points: np.ndarray,
    label: object,
    position: int,
    *,
    name: str | None = None,
    size: int = 9,
    opacity: float = 0.85,
    hover_rows: Sequence[int] | None = None,
) -> go.Scatter:
    """One class as markers: its Okabe-Ito colour and its own marker symbol, white outline."""
    pts = np.asarray(points, dtype=np.float32).reshape(-1, 2)
    text = None
    if hover_rows is not None:
        text = [f"row {int(r)}" for r in hover_rows]
    return go.Scatter(
        x=pts[:, 0],
        y=pts[:, 1],
        mode="markers",
        name=name or f"class {plot_text(label)}",
        marker={
            "color": class_colour(position),
            "symbol": class_symbol(position),
            "size": size,
            "opacity": opacity,
            "line": {"color": "white", "width": 0.8},
        },
        text=text,
        hovertemplate="%{text}<br>(%{x:.3f}, %{y:.3f})<extra>%{fullData.name}</extra>" if text else None,
    )


def base_layout(fig: go.Figure, *, x_title: str, y_title: str, title: str | None = None, height: int = 520) -> go.Figure:
    fig.update_layout(
        title=title,
        height=height,
        font={"size": FONT_SIZE},
        margin={"l": 60, "r": 20, "t": 50 if title else 20, "b": 55},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0},
        plot_bgcolor="white",
        xaxis={"title": plot_text(x_title), "gridcolor": "#e5e5e5", "zeroline": False},
        yaxis={"title": plot_text(y_title), "gridcolor": "#e5e5e5", "zeroline": False},
    )
    return fig


def _numbers(value) -> np.ndarray:
    """An array property as floats: a list, an array, or Plotly's typed-array form ``{"dtype", "bdata"}`` (which
    a figure holds after a round trip through ``to_dict`` or a cache)."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape", flat.shape)
        if isinstance(shape, str):
            shape = tuple(int(n) for n in shape.split(","))
        return flat.astype(float).reshape(shape)
    return np.asarray(value, dtype=float)


def _grown(value, factor: float):
    """A marker size or line width (a number, a list, an array or a typed array) times ``factor``; None stays
    None."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return value * factor
    if isinstance(value, list | tuple) and any(v is None for v in value):
        return [None if v is None else v * factor for v in value]
    return (_numbers(value) * factor).tolist()


def _at_least(size, minimum: float):
    """A font size (a number, a list, or None) raised to ``minimum``."""
    if size is None or isinstance(size, int | float):
        return max(size or 0, minimum)
    return [max(v or 0, minimum) for v in size]


def projector_sized(fig: go.Figure) -> go.Figure:
    """The same figure for presenter mode: every font at least ``PROJECTOR_FONT`` px (tick labels at least
    ``PROJECTOR_TICKS``), markers and lines ``PROJECTOR_GROWTH`` times larger. Changes ``fig`` and returns it.

    Sizes are set on every text element (legend, axis titles, slider and button labels too), because Streamlit's
    chart theme gives those its own smaller sizes wherever the figure leaves them unset."""
    base = fig.layout.font.size or FONT_SIZE
    fig.update_layout(font={"size": max(base, PROJECTOR_FONT)},
                      legend={"font": {"size": _at_least(fig.layout.legend.font.size, PROJECTOR_FONT)}},
                      hoverlabel={"font": {"size": PROJECTOR_FONT}})
    if fig.layout.title.text:
        fig.layout.title.font.size = _at_least(fig.layout.title.font.size, PROJECTOR_FONT)

    def axis(ax) -> None:
        ax.update(tickfont={"size": _at_least(ax.tickfont.size, PROJECTOR_TICKS)},
                  title={"font": {"size": _at_least(ax.title.font.size, PROJECTOR_FONT)}})

    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    for annotation in fig.layout.annotations:
        annotation.font.size = _at_least(annotation.font.size, PROJECTOR_FONT)
    for slider in fig.layout.sliders:
        slider.currentvalue.font.size = _at_least(slider.currentvalue.font.size, PROJECTOR_FONT)
    for menu in fig.layout.updatemenus:
        menu.font.size = _at_least(menu.font.size, PROJECTOR_FONT)
    for trace in fig.data:
        if "textfont" in trace and trace.textfont.size is not None:
            trace.textfont.size = _at_least(trace.textfont.size, PROJECTOR_FONT)
        marker = getattr(trace, "marker", None)
        if marker is not None and "size" in marker and marker.size is not None:
            marker.size = _grown(marker.size, PROJECTOR_GROWTH)
        line = getattr(trace, "line", None)
        if line is not None and "width" in line and line.width is not None:
            line.width = _grown(line.width, PROJECTOR_GROWTH)
    return fig

PLAN_WIDTH = 480  # the narrowest figure planned for: the stepper's figure is 484 px wide at 1280 x 720
