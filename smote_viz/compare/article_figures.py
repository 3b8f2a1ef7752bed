"""The article replay's figure: recall before and after SMOTE on each of several random splits."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from smote_viz.compare.article import REPORTED, Spread
from smote_viz.figures.common import FONT_SIZE, base_layout
from smote_viz.style import NEUTRAL_GREY, class_colour, class_symbol

BEFORE_COLOUR, AFTER_COLOUR = class_colour(0), class_colour(1)


def spread_figure(spread: Spread) -> go.Figure:
    """One row per split: recall before SMOTE (blue circle) and after (vermillion triangle) joined by a grey
    line; the article's two figures as dashed vertical lines, labelled above the plot so no label sits on a
    marker. Recall in percent on a shared axis."""
    before = np.array(spread.recall_before) * 100
    after = np.array(spread.recall_after) * 100
    rows = [f"split {seed}" + (" (the article's)" if seed == 1 else "") for seed in spread.seeds]
    fig = go.Figure()
    for row, b, a in zip(rows, before, after):
        fig.add_trace(go.Scatter(
            x=[b, a], y=[row, row], mode="lines", line={"color": NEUTRAL_GREY, "width": 2},
            showlegend=False, hoverinfo="skip",
        ))
    for name, values, colour, symbol in (
        ("recall before SMOTE", before, BEFORE_COLOUR, class_symbol(0)),
        ("recall after SMOTE", after, AFTER_COLOUR, class_symbol(1)),
    ):
        fig.add_trace(go.Scatter(
            x=values.astype(np.float32), y=rows, mode="markers", name=name,
            marker={"color": colour, "symbol": symbol, "size": 13, "line": {"color": "white", "width": 1}},
            hovertemplate="%{y}: %{x:.2f} %<extra>" + name + "</extra>",
        ))
    low = float(min(before.min(), REPORTED["recall_before"] * 100))
    high = float(max(after.max(), REPORTED["recall_after"] * 100))
    pad = max(2.0, 0.06 * (high - low))
    for key, colour, shift in (("recall_before", BEFORE_COLOUR, 0), ("recall_after", AFTER_COLOUR, 1)):
        value = REPORTED[key] * 100
        fig.add_vline(x=value, line={"color": colour, "dash": "dash", "width": 1.5})
        fig.add_annotation(
            x=value, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
            text=f"article {'before' if shift == 0 else 'after'}: {value:.2f} %",
            font={"color": colour, "size": FONT_SIZE - 1}, xanchor="center",
        )
    base_layout(fig, x_title=f"Recall on the test part (%), {spread.model.split(' (')[0]}", y_title="",
                height=120 + 34 * len(rows))
    fig.update_layout(
        margin={"l": 170, "r": 30, "t": 40, "b": 110},
        legend={"orientation": "h", "yanchor": "top", "y": -0.28, "xanchor": "left", "x": 0},
    )
    fig.update_xaxes(range=[low - pad, high + pad], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", type="category")
    return fig
