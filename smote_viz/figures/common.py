"""Pieces every figure shares: per-class scatter traces, fixed axis ranges, one layout."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..style import class_colour, class_symbol, plot_text

FONT_SIZE = 15  # readable from the back of a classroom


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
