"""Small figures of the guided lesson that no other page draws: the gap λ on a number line, honest against leaky
recall, a reliability diagram, and a run's segments.

The Compare page has its own leak and calibration figures; these stay small and separate (one question each).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from smote_viz.compare.figures import TREATMENT_COLOURS, TREATMENT_PATTERNS
from smote_viz.figures.common import FONT_SIZE, axis_ranges, base_layout, class_trace
from smote_viz.smote import SmoteTrace
from smote_viz.style import HIGHLIGHT_COLOUR, NEUTRAL_GREY, class_colour, class_symbol, plot_text, synthetic_symbol

HONEST, LEAKY = "honest", "leaky"
HONEST_COLOUR, LEAKY_COLOUR = "#7f7f7f", "#D55E00"
CALIBRATION_SYMBOLS = ("circle", "triangle-up", "square", "diamond")


def gap_figure(gap: float, position: int, *, marks: Sequence[float] = (), gaps: np.ndarray | None = None,
               height: int = 380) -> go.Figure:
    """The segment from the seed x_i (λ = 0) to the chosen neighbour x_zi (λ = 1) as a number line, with the
    new point at ``gap`` and labelled ticks at ``marks``; with ``gaps`` (every λ of a run), a histogram of them
    below on the same λ axis. Without ``marks`` and ``gaps`` only the ends are drawn (the question).

    ``position`` is the over-sampled class's style position (its colour and symbols)."""
    rows = 2 if gaps is not None else 1
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.16,
                        row_heights=[0.45, 0.55] if rows == 2 else [1.0],
                        subplot_titles=("The segment from x_i to x_zi",
                                        *(["λ of every synthetic point of the run"] if rows == 2 else [])))
    colour = class_colour(position)
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 0], mode="lines", line={"color": HIGHLIGHT_COLOUR, "width": 3},
                             name="segment", showlegend=False, hoverinfo="skip"), row=1, col=1)
    fig.add_trace(go.Scatter(
        x=[0, 1], y=[0, 0], mode="markers+text", text=["x_i (λ = 0)", "x_zi (λ = 1)"],
        textposition=["bottom center", "bottom center"], textfont={"size": FONT_SIZE, "color": HIGHLIGHT_COLOUR},
        marker={"symbol": [class_symbol(position), "circle-open"], "size": [18, 24],
                "color": [colour, HIGHLIGHT_COLOUR], "line": {"color": HIGHLIGHT_COLOUR, "width": [3, 3]}},
        name="seed and chosen neighbour", showlegend=False, hoverinfo="skip", cliponaxis=False,
    ), row=1, col=1)
    if marks:
        fig.add_trace(go.Scatter(
            x=list(marks), y=[0] * len(marks), mode="markers+text", text=[f"λ = {m:g}" for m in marks],
            textposition="top center", textfont={"size": FONT_SIZE - 1, "color": HIGHLIGHT_COLOUR},
            marker={"symbol": "line-ns", "size": 22, "line": {"color": HIGHLIGHT_COLOUR, "width": 2}},
            name="λ marks", showlegend=False, hoverinfo="skip", cliponaxis=False,
        ), row=1, col=1)
        fig.add_trace(go.Scatter(
            x=[gap], y=[0], mode="markers", name=f"x_new of this run, λ = {gap:.4f}",
            marker={"symbol": synthetic_symbol(position), "size": 22, "color": colour,
                    "line": {"color": HIGHLIGHT_COLOUR, "width": 1.5}},
            hovertemplate="λ = %{x:.4f}<extra></extra>",
        ), row=1, col=1)
    fig.update_yaxes(visible=False, range=[-1, 1], fixedrange=True, row=1, col=1)
    fig.update_xaxes(range=[-0.08, 1.08], gridcolor="#e5e5e5", zeroline=False, row=1, col=1,
                     title="λ" if rows == 1 else None)
    if gaps is not None:
        fig.add_trace(go.Histogram(
            x=np.asarray(gaps, dtype=np.float64), xbins={"start": 0.0, "end": 1.0, "size": 0.1},
            marker={"color": colour, "line": {"color": "white", "width": 1}}, name="λ of the run",
            showlegend=False, hovertemplate="λ in [%{x}): %{y} points<extra></extra>",
        ), row=2, col=1)
        fig.update_xaxes(title="λ", range=[-0.08, 1.08], gridcolor="#e5e5e5", zeroline=False, row=2, col=1)
        fig.update_yaxes(title="points", gridcolor="#e5e5e5", row=2, col=1)
    fig.update_layout(height=height if rows == 2 else 230, font={"size": FONT_SIZE}, plot_bgcolor="white",
                      margin={"l": 60, "r": 30, "t": 50, "b": 50},
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.08, "xanchor": "right", "x": 1})
    return fig


def leak_figure(models: Sequence[str], honest: Sequence[float], leaky: Sequence[float] | None = None,
                metric: str = "Recall") -> go.Figure:
    """Held-out ``metric`` per model, honest (split first) and, when given, leaky (resampled before the split),
    each bar labelled with its value."""
    fig = go.Figure()
    series = [(HONEST, "Honest: split, then SMOTE on the training part", honest, HONEST_COLOUR, "")]
    if leaky is not None:
        series.append((LEAKY, "Leaky: SMOTE on all rows, then split", leaky, LEAKY_COLOUR, "/"))
    for _, name, values, colour, pattern in series:
        fig.add_trace(go.Bar(
            x=list(models), y=list(values), name=name, text=[f"{v:.2f}" for v in values], textposition="outside",
            cliponaxis=False, marker={"color": colour, "pattern": {"shape": pattern}},
            hovertemplate="%{x}: " + metric + " %{y:.3f}<extra>" + name + "</extra>",
        ))
    base_layout(fig, x_title="", y_title=f"{metric} on the test part", height=360)
    fig.update_layout(barmode="group", bargap=0.3, legend={"y": 1.02}, showlegend=True)
    fig.update_yaxes(range=[0, 1.12])
    return fig


def reliability_figure(curves: Sequence[tuple[str, str, np.ndarray, np.ndarray, float]]) -> go.Figure:
    """A reliability diagram: per curve (treatment key, name, mean predicted probability per bin, observed share
    per bin, Brier score), the observed share of the positive class against the predicted probability. The
    dashed diagonal is a perfectly calibrated model."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="perfectly calibrated",
                             line={"color": NEUTRAL_GREY, "dash": "dash", "width": 1.5}, hoverinfo="skip"))
    for i, (key, name, predicted, observed, brier) in enumerate(curves):
        fig.add_trace(go.Scatter(
            x=np.asarray(predicted, dtype=np.float64), y=np.asarray(observed, dtype=np.float64),
            mode="lines+markers", name=f"{plot_text(name)} (Brier {brier:.3f})",
            line={"color": TREATMENT_COLOURS.get(key, HIGHLIGHT_COLOUR), "width": 2.5,
                  "dash": "solid" if not TREATMENT_PATTERNS.get(key) else "dot"},
            marker={"symbol": CALIBRATION_SYMBOLS[i % len(CALIBRATION_SYMBOLS)], "size": 10,
                    "color": TREATMENT_COLOURS.get(key, HIGHLIGHT_COLOUR)},
            hovertemplate="predicted %{x:.2f}, observed %{y:.2f}<extra>%{fullData.name}</extra>",
        ))
    base_layout(fig, x_title="predicted probability of the rare class (mean per bin)",
                y_title="observed share of the rare class", height=380)
    fig.update_xaxes(range=[0, 1], constrain="domain")
    fig.update_yaxes(range=[0, 1], scaleanchor="x", scaleratio=1, constrain="domain")
    return fig


def segments_figure(trace: SmoteTrace, positions: dict, *, emphasised: np.ndarray | None = None,
                    landed: np.ndarray | None = None, circle: tuple[tuple[float, float], float] | None = None,
                    axis_names: tuple[str, str] = ("x1", "x2"), height: int = 420) -> go.Figure:
    """A whole run at once: the data, every segment from seed to chosen neighbour (``emphasised`` ones, a
    boolean per synthetic point, in black), and every new point (a star; ``landed`` ones, a boolean per point,
    with a thick black outline). ``circle`` ((x, y), radius) draws a dotted circle, e.g. round the inner half of
    the majority."""
    X = np.asarray(trace.X, dtype=np.float64)
    fig = go.Figure()
    for label in positions:
        rows = np.flatnonzero(trace.y == label)
        fig.add_trace(class_trace(X[rows], label, positions[label], name=f"class {plot_text(label)} ({len(rows)})",
                                  hover_rows=rows, opacity=0.6))
    emphasised = np.zeros(trace.n_new, dtype=bool) if emphasised is None else np.asarray(emphasised, dtype=bool)
    for strong in (False, True):
        which = np.flatnonzero(emphasised == strong)
        if not len(which):
            continue
        a, b = X[trace.seed_index[which]], X[trace.chosen_index[which]]
        nan = np.full(len(which), np.nan)
        fig.add_trace(go.Scatter(
            x=np.column_stack([a[:, 0], b[:, 0], nan]).ravel(), y=np.column_stack([a[:, 1], b[:, 1], nan]).ravel(),
            mode="lines", connectgaps=False, hoverinfo="skip",
            name="segment through the majority" if strong else "segment",
            line={"color": HIGHLIGHT_COLOUR if strong else NEUTRAL_GREY, "width": 1.6 if strong else 0.8},
            opacity=0.9 if strong else 0.5,
        ))
    landed = np.zeros(trace.n_new, dtype=bool) if landed is None else np.asarray(landed, dtype=bool)
    new = np.asarray(trace.new_points, dtype=np.float32)
    for label in dict.fromkeys(trace.step_class.tolist()):
        pos = positions[label]
        for among in (False, True):
            which = np.flatnonzero((trace.step_class == label) & (landed == among))
            if not len(which):
                continue
            fig.add_trace(go.Scatter(
                x=new[which, 0], y=new[which, 1], mode="markers",
                name=f"synthetic {plot_text(label)}" + (", nearest point of another class" if among else ""),
                marker={"symbol": synthetic_symbol(pos), "size": 11, "color": class_colour(pos),
                        "line": {"color": HIGHLIGHT_COLOUR, "width": 2.5} if among else {"color": "white", "width": 0.6}},
                hovertemplate="synthetic (%{x:.2f}, %{y:.2f})<extra></extra>",
            ))
    if circle is not None:
        (cx, cy), r = circle
        t = np.linspace(0, 2 * np.pi, 61)
        fig.add_trace(go.Scatter(x=cx + r * np.cos(t), y=cy + r * np.sin(t), mode="lines", hoverinfo="skip",
                                 name="inner half of the majority", line={"color": HIGHLIGHT_COLOUR, "dash": "dot"}))
    base_layout(fig, x_title=axis_names[0], y_title=axis_names[1], height=height)
    x_range, y_range = axis_ranges(np.vstack([X, np.asarray(trace.new_points, dtype=np.float64)]))
    fig.update_xaxes(range=x_range, autorange=False, constrain="domain")
    fig.update_yaxes(range=y_range, autorange=False, scaleanchor="x", scaleratio=1, constrain="domain")
    fig.update_layout(hovermode="closest")
    return fig
