"""Class mode's figure: the class's answers to one question, as bars."""

from __future__ import annotations

import plotly.graph_objects as go

RIGHT_COLOUR = "#009E73"  # Okabe-Ito bluish green: the right answer, once revealed (hatched as well)
BAR_COLOUR = "#0072B2"  # Okabe-Ito blue


def short(label: str, most: int = 32) -> str:
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def tally_figure(counts, labels, right_bar: int | None, *, present: bool) -> go.Figure:
    """The class's answers as horizontal bars, first option on top (the right answer's bar green and hatched
    once revealed), sized for the projector."""
    colours = [RIGHT_COLOUR if i == right_bar else BAR_COLOUR for i in range(len(counts))]
    patterns = ["/" if i == right_bar else "" for i in range(len(counts))]
    names = [short(str(label)) + (" ✓" if i == right_bar else "") for i, label in enumerate(labels)]
    fig = go.Figure(go.Bar(y=names, x=list(counts), orientation="h",
                           marker={"color": colours, "pattern": {"shape": patterns}},
                           text=[str(c) for c in counts], textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{x} students<extra></extra>"))
    size = 18 if present else 13
    row = 30 if present else 22
    fig.update_layout(height=min(40 + row * len(counts), 300), margin={"l": 10, "r": 40, "t": 4, "b": 24},
                      font={"size": size}, showlegend=False, bargap=0.25,
                      xaxis={"rangemode": "tozero", "dtick": 1 if max(counts, default=0) < 8 else None},
                      yaxis={"type": "category", "autorange": "reversed", "automargin": True,
                             "tickfont": {"size": size}})
    return fig
