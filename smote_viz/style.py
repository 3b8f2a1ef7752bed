"""Colours and marker symbols shared by every figure.

Classes differ by marker symbol *and* by colour, and the colours come from the Okabe-Ito palette, which stays
distinguishable under the common forms of colour-vision deficiency (Okabe & Ito, "Color Universal Design", 2008).
"""

from __future__ import annotations

import html

# Okabe-Ito, ordered so that class 0 (usually the majority) is blue and the first minority class is vermillion.
CLASS_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
CLASS_SYMBOLS = ("circle", "triangle-up", "square", "diamond", "cross", "pentagon", "hexagon", "octagon")

SYNTHETIC_SYMBOL = "star"
HIGHLIGHT_COLOUR = "#000000"
NEUTRAL_GREY = "#7f7f7f"


def class_colour(position: int) -> str:
    """Colour of the class at ``position`` in the sorted list of labels."""
    return CLASS_COLOURS[position % len(CLASS_COLOURS)]


def class_symbol(position: int) -> str:
    """Marker symbol of the class at ``position`` in the sorted list of labels."""
    return CLASS_SYMBOLS[position % len(CLASS_SYMBOLS)]


# Synthetic points are stars; each class has its own kind, so classes differ by shape here too.
SYNTHETIC_SYMBOLS = ("hexagram", "star", "star-diamond", "star-triangle-up", "star-triangle-down", "hourglass")


def synthetic_symbol(position: int) -> str:
    """Marker symbol for the synthetic points of the class at ``position`` (the usual minority's is "star")."""
    return SYNTHETIC_SYMBOLS[position % len(SYNTHETIC_SYMBOLS)]


def plot_text(value: object) -> str:
    """User text (a label, a column name) made safe for Plotly, which renders tags such as <b> or <a> in titles,
    legends and hovers: ``<``, ``>`` and ``&`` become entities, which Plotly shows as the characters."""
    return html.escape(label_text(value), quote=False)


def label_text(label: object) -> str:
    """A label as plain text for legends and narration (numpy scalars print without their type)."""
    if hasattr(label, "item"):
        label = label.item()
    return str(label)


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def escape_markdown(text: object) -> str:
    """User text (a column name, a label, a file name) made safe to place inside Streamlit markdown.

    Streamlit never renders raw HTML in markdown unless asked to, but markdown itself would still turn
    ``[x](y)`` into a link or ``**x**`` into bold. Every markdown character is backslash-escaped and newlines
    become spaces, so the text shows exactly as typed.
    """
    out = []
    for ch in str(text).replace("\r", " ").replace("\n", " "):
        out.append("\\" + ch if ch in _MARKDOWN_SPECIAL else ch)
    return "".join(out)


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 point', '3 points', '0 points' (``words``: the plural when it is not ``word + "s"``)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
