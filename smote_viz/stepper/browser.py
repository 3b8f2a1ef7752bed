"""A SMOTE run as the browser steps it: windows of the run, each a figure, its frames and every step's words.

Stepping in the browser sends no message to the server: the page sends one window of the run (``WINDOW_POINTS``
synthetic points, four positions each) and the stepping component (``stepping.js``) moves the figure from frame
to frame and shows each step's narration. Only leaving the window (past its last point, a link to a far step)
asks the server for the next one, so a run of any length costs the browser a bounded payload at a time.

Words travel as *runs*: paragraphs of ``[style, text]`` pairs read from the narration's markdown (bold, italic,
code), which the browser writes with ``textContent``, never as HTML: a label or column name in a narration stays
text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from smote_viz.smote import PHASES_PER_POINT, SmoteTrace
from smote_viz.stepper import text
from smote_viz.stepper.figures import animation_figure, view_caption
from smote_viz.stepper.narration import (
    clamp_position,
    narrate,
    narrate_short,
    narrate_whole,
    phase_label,
    position_count,
    split_position,
)
from smote_viz.stepper.playback import apply_frame

# Synthetic points per window: 200 positions, about 300 KB of frames and words (``benchmarks/bench_classroom.py``
# prints the bytes). The default run (160 points) is in four windows; Play crosses from one to the next.
WINDOW_POINTS = 50
# How long a glide from one view to the next lasts while playing, at most (ms); a step jumps at once.
MAX_GLIDE_MS = 400


@dataclass(frozen=True)
class Window:
    """Positions ``first`` to ``last`` (both included) of a run of ``total`` positions."""

    first: int
    last: int
    total: int

    def holds(self, position: int) -> bool:
        return self.first <= position <= self.last


def window_at(trace: SmoteTrace, position: int, points: int = WINDOW_POINTS) -> Window:
    """The window holding ``position``: the synthetic points ``w * points`` to ``(w + 1) * points - 1`` for the
    point ``position`` belongs to, with the position before them (the start, or the previous point's last phase),
    so that windows meet on a shared position."""
    total = position_count(trace)
    position = clamp_position(position, trace)
    i, _ = split_position(position)
    w = 0 if i is None else i // points
    a = w * points
    b = min(a + points, trace.n_new)
    return Window(PHASES_PER_POINT * a, PHASES_PER_POINT * b, total)


def runs(markdown: str) -> list[list[list[str]]]:
    """The narration's markdown as paragraphs of ``[style, text]`` runs: style "" (plain), "b" (bold), "i"
    (italic), "bi" or "code". Backslash escapes (user text, see ``style.escape_markdown``) give their character;
    a code span is literal up to its closing backtick. Anything else is text."""
    return [out for out in (_paragraph(block) for block in markdown.split("\n\n")) if out]


def _paragraph(block: str) -> list[list[str]]:
    out: list[list[str]] = []
    bold = italic = False
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append([("b" if bold else "") + ("i" if italic else ""), "".join(buf)])
            buf.clear()

    i, n = 0, len(block)
    while i < n:
        ch = block[i]
        end = block.find("`", i + 1) if ch == "`" else -1
        if ch == "\\" and i + 1 < n:
            buf.append(block[i + 1])
            i += 2
        elif end > 0:
            flush()
            out.append(["code", block[i + 1:end]])
            i = end + 1
        elif block.startswith("**", i):
            flush()
            bold = not bold
            i += 2
        elif ch == "*":
            flush()
            italic = not italic
            i += 1
        else:
            buf.append(" " if ch == "\n" else ch)
            i += 1
    flush()
    return out


@dataclass(frozen=True)
class Telling:
    """How a run's steps are told: ``narrate(position)`` (markdown with the step's numbers), ``short(position)``
    (presenter mode), ``view(position)`` (what the view shows, plain text; None: nothing to say), the ``legend``
    under every step (markdown; none in presenter mode) and ``whole(short)`` (the run done, seen whole)."""

    narrate: Callable[[int], str]
    short: Callable[[int], str]
    view: Callable[[int], str | None]
    legend: str
    whole: Callable[[bool], str]


def smote_telling(trace: SmoteTrace, names: tuple[str, str], height: int, width: int) -> Telling:
    """Step through SMOTE's words (``narration``), its view captions and its legend."""
    return Telling(
        narrate=lambda p: narrate(trace, p, names), short=lambda p: narrate_short(trace, p),
        view=lambda p: view_caption(trace, p, height=height, width=width), legend=text.LEGEND,
        whole=lambda short: narrate_whole(trace, short=short),
    )


def step_words(trace: SmoteTrace, position: int, telling: Telling, *, present: bool) -> dict:
    """One step's words: its slider label, the narration (short in presenter mode) and what the view shows."""
    words = {"label": phase_label(trace, position),
             "text": runs(telling.short(position) if present else telling.narrate(position))}
    view = None if present else telling.view(position)
    if view:
        words["view"] = view
    return words


def window_payload(trace: SmoteTrace, window: Window, *, names: tuple[str, str], positions: dict, height: int,
                   width: int, present: bool, frame_ms: int, telling: Telling | None = None,
                   layers: Sequence[go.Scatter] = ()) -> dict:
    """What the browser needs to step through ``window``: the figure standing at its first position (a dict, for
    ``st.plotly_chart``), one frame per position (named by the position), each step's words, the legend's words
    (outside presenter mode), the timing of Play, and in the run's last window the run done, seen whole (its
    frame and words: "Go to end"). Plain JSON data; the same for every session with the same run and screen.

    ``telling``: the words (default: Step through SMOTE's); ``layers``: marker traces drawn under the highlights
    (the SMOTE family's classification), as ``stepper_figure`` takes them."""
    telling = telling or smote_telling(trace, names, height, width)
    head = trace.head(window.last // PHASES_PER_POINT)
    at_end = window.last == window.total - 1
    fig = animation_figure(head, frame_ms=frame_ms, start=window.first, first=window.first, x_title=names[0],
                           y_title=names[1], positions=positions, height=height, width=width, projector=present,
                           controls=False, whole_run=at_end, layers=layers)
    spec = fig.to_dict()
    frames = spec.pop("frames")
    for frame in frames:
        frame.pop("group", None)
    steps = [step_words(trace, p, telling, present=present) for p in range(window.first, window.last + 1)]
    payload = {
        "figure": spec, "frames": frames, "steps": steps, "first": window.first, "last": window.last,
        "total": window.total, "frame_ms": int(frame_ms), "glide_ms": int(min(MAX_GLIDE_MS, 0.5 * frame_ms)),
        "legend": [] if present else runs(telling.legend),  # what each mark of the figure is, under every step
    }
    if at_end:  # "Go to end": the run done, seen whole
        whole = frames.pop()  # the frame named WHOLE_RUN, after the positions'
        payload["whole"] = {"frame": whole, "words": {
            "label": "the whole run", "text": runs(telling.whole(present)),
            **({} if present else {"view": "The view holds the whole data again, with every new point."})}}
    return payload


def standing_at(payload: dict, position: int) -> dict:
    """The window's figure standing at ``position`` (in the window): the traces a frame changes take that frame's
    values and the axes its view. ``payload`` is not changed."""
    position = int(min(max(position, payload["first"]), payload["last"]))
    return apply_frame(payload["figure"], payload["frames"][position - payload["first"]])
