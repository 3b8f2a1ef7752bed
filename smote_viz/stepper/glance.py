"""Home's picture: SMOTE at a glance, the stepper's animation cut to its first few synthetic points."""

from __future__ import annotations

import plotly.graph_objects as go

from smote_viz.smote import PHASES_PER_POINT, SmoteTrace
from smote_viz.stepper.figures import animation_figure

POINTS = 4  # synthetic points in the animation
FRAME_MS = 900  # each phase stays this long while playing
HEIGHT = 500
# The Play / Pause buttons and the slider sit this many pixels under the plot, whatever the figure's height
# (the stepper places them in plot-height units, which crowd the axis title on a smaller figure).
BUTTONS_BELOW, SLIDER_BELOW = 64, 46
# In a figure this narrow the two buttons take almost half the width: the slider (and its "Point 1/4" label)
# starts after them.
SLIDER_FROM = 0.46


def glance_figure(trace: SmoteTrace, *, x_title: str = "x1", y_title: str = "x2", positions: dict | None = None,
                  height: int = HEIGHT) -> go.Figure:
    """The first ``POINTS`` synthetic points of ``trace`` as an animation of their phases, resting on the first
    new point placed (seed, chosen neighbour, segment, star), with Play to watch the others being made."""
    short = trace.head(POINTS)
    fig = animation_figure(short, frame_ms=FRAME_MS, start=min(PHASES_PER_POINT, 4 * short.n_new),
                           x_title=x_title, y_title=y_title, positions=positions, height=height)
    margin = fig.layout.margin
    plot_height = height - (margin.t or 0) - (margin.b or 0)
    fig.layout.updatemenus[0].y = -BUTTONS_BELOW / plot_height
    fig.layout.sliders[0].y = -SLIDER_BELOW / plot_height
    fig.layout.sliders[0].x = SLIDER_FROM
    fig.layout.sliders[0].len = 1 - SLIDER_FROM
    return fig
