"""Raw against standardised neighbourhoods, side by side: the same seed's k nearest neighbours of its class.

Left, the data in its raw units; right, standardised. Each panel numbers its own neighbours (nearest first) and
draws its own neighbourhood edge (dashed: a circle in that panel's units) and the other panel's edge (dotted: a
circle in the other units is an ellipse in these).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from smote_viz.data.scaling import Neighbourhoods, ellipse
from smote_viz.figures.common import FONT_SIZE, axis_ranges, class_trace
from smote_viz.figures.labels import label_positions
from smote_viz.style import HIGHLIGHT_COLOUR, NEUTRAL_GREY, class_colour, class_symbol, plot_text

PANEL_TITLES = ("Raw units (SMOTE's distance)", "Standardised units")
EDGE_NAMES = ("edge, this panel's distance", "edge, the other panel's")


def _panel(fig: go.Figure, col: int, points: np.ndarray, y: np.ndarray, positions: dict, seed: np.ndarray,
           rows: tuple[int, ...], own: tuple[np.ndarray, np.ndarray], other: tuple[np.ndarray, np.ndarray]) -> None:
    first = col == 1
    for label in positions:
        members = np.flatnonzero(y == label)
        t = class_trace(points[members], label, positions[label], name=f"class {plot_text(label)}",
                        hover_rows=members, opacity=0.6)
        t.legendgroup = f"class {label}"
        t.showlegend = first
        fig.add_trace(t, row=1, col=col)
    common = {"hoverinfo": "skip", "cliponaxis": True}
    fig.add_trace(go.Scatter(x=own[0], y=own[1], mode="lines", name=EDGE_NAMES[0], legendgroup="own",
                             showlegend=first, line={"color": "#555555", "width": 1.5, "dash": "dash"}, **common),
                  row=1, col=col)
    fig.add_trace(go.Scatter(x=other[0], y=other[1], mode="lines", name=EDGE_NAMES[1], legendgroup="other",
                             showlegend=first, line={"color": NEUTRAL_GREY, "width": 1.5, "dash": "dot"}, **common),
                  row=1, col=col)
    near = points[list(rows)]
    gx = np.column_stack([np.full(len(rows), seed[0]), near[:, 0], np.full(len(rows), np.nan)]).ravel()
    gy = np.column_stack([np.full(len(rows), seed[1]), near[:, 1], np.full(len(rows), np.nan)]).ravel()
    fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", name="seed to its neighbours", showlegend=False,
                             line={"color": "#555555", "width": 1}, connectgaps=False, **common), row=1, col=col)
    fig.add_trace(go.Scatter(
        x=near[:, 0], y=near[:, 1], mode="markers+text", name="k nearest neighbours", legendgroup="near",
        showlegend=first, text=[str(r + 1) for r in range(len(rows))], textposition=_label_sides(seed, near),
        textfont={"size": 13, "color": HIGHLIGHT_COLOUR},
        marker={"symbol": "circle-open", "size": 18, "color": HIGHLIGHT_COLOUR, "line": {"width": 2}},
        customdata=np.array(rows), hovertemplate="neighbour %{text}: row %{customdata}<extra></extra>",
    ), row=1, col=col)


def _label_sides(seed: np.ndarray, near: np.ndarray) -> list[str]:
    """Each neighbour's number on the side facing away from the seed (the stepper's rule)."""
    px = np.concatenate([[seed[0]], near[:, 0], [np.nan, np.nan]])
    py = np.concatenate([[seed[1]], near[:, 1], [np.nan, np.nan]])
    return label_positions(px, py)[1:len(near) + 1]


def _focus(points: np.ndarray, y: np.ndarray, nb: Neighbourhoods, seed: np.ndarray, rows) -> tuple[list, list]:
    """Axis ranges around the seed's class and both neighbour sets, with room for the other classes nearby."""
    members = points[np.asarray(y) == nb.label]
    shown = np.vstack([members, points[list(rows)], seed[None, :]])
    return axis_ranges(shown, pad=0.35)


def scaling_figure(X2, y, nb: Neighbourhoods, *, positions: dict, axis_names: tuple[str, str] = ("x1", "x2"),
                   height: int = 430) -> go.Figure:
    """Two panels, raw and standardised, of the data ``X2`` (n x 2) with the seed and neighbours of ``nb``.

    ``positions`` maps each label to its style position (``Dataset.class_positions``)."""
    X2 = np.asarray(X2, dtype=np.float64)
    y = np.asarray(y)
    Z = nb.standardise(X2)
    seed_raw, seed_z = X2[nb.seed_row], Z[nb.seed_row]
    seed_side = label_positions(np.concatenate([[seed_raw[0]], X2[list(nb.raw_rows), 0], [np.nan] * 2]),
                                np.concatenate([[seed_raw[1]], X2[list(nb.raw_rows), 1], [np.nan] * 2]))[0]
    # A circle in one panel's units, drawn in the other's: multiply or divide by the standard deviations.
    raw_circle = np.array([nb.raw_radius, nb.raw_radius])
    z_circle = np.array([nb.scaled_radius, nb.scaled_radius])
    fig = make_subplots(rows=1, cols=2, subplot_titles=PANEL_TITLES, horizontal_spacing=0.1)
    _panel(fig, 1, X2, y, positions, seed_raw, nb.raw_rows,
           ellipse(seed_raw, raw_circle), ellipse(seed_raw, z_circle * nb.scale))
    _panel(fig, 2, Z, y, positions, seed_z, nb.scaled_rows,
           ellipse(seed_z, z_circle), ellipse(seed_z, raw_circle / nb.scale))
    position = positions[nb.label.item() if hasattr(nb.label, "item") else nb.label]
    for col, seed in ((1, seed_raw), (2, seed_z)):
        fig.add_trace(go.Scatter(
            x=[seed[0]], y=[seed[1]], mode="markers+text", name="seed", legendgroup="seed", showlegend=col == 1,
            text=["seed"], textposition=seed_side, textfont={"size": 13, "color": HIGHLIGHT_COLOUR},
            marker={"symbol": class_symbol(position), "size": 17, "color": class_colour(position),
                    "line": {"color": HIGHLIGHT_COLOUR, "width": 3}},
            hovertemplate=f"seed: row {nb.seed_row}<extra></extra>",
        ), row=1, col=col)
    x_name, y_name = (plot_text(n) for n in axis_names)
    both = nb.raw_rows + nb.scaled_rows
    raw_x, raw_y = _focus(X2, y, nb, seed_raw, both)
    z_x, z_y = _focus(Z, y, nb, seed_z, both)
    fig.update_xaxes(title=x_name, range=raw_x, row=1, col=1)
    fig.update_yaxes(title=y_name, range=raw_y, row=1, col=1)
    fig.update_xaxes(title=f"{x_name}, standardised", range=z_x, row=1, col=2)
    fig.update_yaxes(title=f"{y_name}, standardised", range=z_y, row=1, col=2, scaleanchor="x2", scaleratio=1,
                     constrain="range")
    fig.update_xaxes(constrain="range", row=1, col=2)
    fig.update_xaxes(gridcolor="#e5e5e5", zeroline=False, autorange=False)
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False, autorange=False)
    fig.update_layout(
        height=height, font={"size": FONT_SIZE}, plot_bgcolor="white", hovermode="closest",
        margin={"l": 60, "r": 20, "t": 90, "b": 55},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.12, "xanchor": "left", "x": 0},
    )
    return fig
