"""Figures of the Data page: the 2-D scatter of the current data and the class-count bars."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from smote_viz.data import Dataset
from smote_viz.figures.common import axis_ranges, base_layout, class_trace
from smote_viz.style import class_colour, label_text, plot_text


def scatter_figure(dataset: Dataset) -> go.Figure:
    """Every row in the 2-D view, one trace per class (sorted label order, styled by class size)."""
    X2 = dataset.X2
    fig = go.Figure()
    for label in dataset.counts:
        rows = np.flatnonzero(dataset.y == label)
        position = dataset.class_position(label)
        fig.add_trace(
            class_trace(X2[rows], label, position, name=f"class {plot_text(label)} ({len(rows)})", hover_rows=rows)
        )
    x_range, y_range = axis_ranges(X2)
    x_name, y_name = dataset.view_names
    base_layout(fig, x_title=x_name, y_title=y_name)
    fig.update_xaxes(range=x_range)
    fig.update_yaxes(range=y_range)
    return fig


def counts_figure(counts: dict, title: str | None = None, positions: dict | None = None) -> go.Figure:
    """Horizontal bars of rows per class, each bar labelled with its count and share.

    ``positions`` maps each label to its style position (``Dataset.class_positions``); without it the bars
    take the colours in the order given.
    """
    labels = list(counts)
    positions = positions or {label: i for i, label in enumerate(labels)}
    values = [int(counts[k]) for k in labels]
    total = sum(values)
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[f"class {plot_text(k)}" for k in labels],
            orientation="h",
            marker={"color": [class_colour(positions[k]) for k in labels]},
            text=[f"{v} ({v / total:.1%})" for v in values],
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    base_layout(fig, x_title="rows", y_title="", title=title, height=90 + 55 * len(labels))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=False)
    return fig


def imbalance_sentence(counts: dict) -> str:
    """The imbalance written out: largest over smallest class, and what 'always majority' would score."""
    values = list(counts.values())
    labels = list(counts)
    top = max(values)
    low = min(values)
    if top == low:
        return (
            f"The classes are balanced ({top} rows each): there is no minority for SMOTE to over-sample, and a "
            f"model that always answers one class is only {top / sum(values):.1%} accurate."
        )
    majority = labels[values.index(top)]
    minority = labels[values.index(low)]
    total = sum(values)
    return (
        f"Imbalance ratio {top / low:.1f} : 1 (class {label_text(majority)} has {top} rows, class "
        f"{label_text(minority)} has {low}). A model that always answers class {label_text(majority)} "
        f"is {top / total:.1%} accurate and finds none of class {label_text(minority)}."
    )
