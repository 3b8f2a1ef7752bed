"""Predict-first overlays on the stepper's figures: the learner's picks and the learner's guess of the gap.

They are added on top of a finished figure (``stepper_figure``, ``state_figure``), so the figure builders stay
as they are. Every overlay is a named trace without hover, so tests can find it and it never hides a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from smote_viz.smote import SmoteTrace
from smote_viz.stepper.narration import split_position

PICKS_NAME = "your picks"
GUESS_NAME = "your guess"
GUESS_LINE_NAME = "segment x_i to x_zi"
PICK_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple: no two-class figure uses it for a class


def add_picks(fig: go.Figure, X: np.ndarray, rows: Sequence[int], *, size: float = 20) -> go.Figure:
    """Mark the rows the learner picked with a square ring, so the reveal shows picks and truth together."""
    rows = [int(r) for r in rows]
    if not rows:
        return fig
    pts = np.asarray(X, dtype=np.float64)[rows]
    fig.add_trace(go.Scatter(
        x=pts[:, 0].tolist(), y=pts[:, 1].tolist(), mode="markers", name=PICKS_NAME, hoverinfo="skip",
        marker={"symbol": "square-open", "size": size, "color": PICK_COLOUR, "line": {"width": 2.5}},
        showlegend=True, cliponaxis=False,
    ))
    return fig


def guess_point(trace: SmoteTrace, position: int, gap: float) -> tuple[float, float]:
    """Where x_new would land for gap ``gap``, on the segment of the point that ``position`` belongs to."""
    i, _ = split_position(position)
    X = np.asarray(trace.X, dtype=np.float64)
    seed, chosen = X[trace.seed_index[i]], X[trace.chosen_index[i]]
    point = seed + float(gap) * (chosen - seed)
    return float(point[0]), float(point[1])


def add_guess(fig: go.Figure, trace: SmoteTrace, position: int, gap: float | None, *, draw_segment: bool,
              size: float = 22) -> go.Figure:
    """The learner's guess of x_new as an open diamond on the segment; ``draw_segment`` also draws the segment
    itself (dotted), which the figure does not show before the new point is placed."""
    i, _ = split_position(position)
    if i is None:
        return fig
    X = np.asarray(trace.X, dtype=np.float64)
    seed, chosen = X[trace.seed_index[i]], X[trace.chosen_index[i]]
    if draw_segment:
        fig.add_trace(go.Scatter(
            x=[seed[0], chosen[0]], y=[seed[1], chosen[1]], mode="lines", name=GUESS_LINE_NAME, hoverinfo="skip",
            line={"color": PICK_COLOUR, "width": 2, "dash": "dot"}, showlegend=False,
        ))
    if gap is not None:
        gx, gy = guess_point(trace, position, gap)
        fig.add_trace(go.Scatter(
            x=[gx], y=[gy], mode="markers", name=GUESS_NAME, hoverinfo="skip", cliponaxis=False,
            marker={"symbol": "diamond-open", "size": size, "color": PICK_COLOUR, "line": {"width": 3}},
        ))
    return fig
