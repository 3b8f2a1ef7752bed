"""User text (column names, labels) is shown as text on every page: never HTML in figures, never markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smote_viz.style import escape_markdown, plot_text

DATA = Path(__file__).resolve().parent / "data"
HTML_FILE = DATA / "good" / "html_in_names.csv"
RAW = ["<b>bold</b>", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>"]


def test_plot_text_turns_tags_into_entities():
    assert plot_text("<b>bold</b> & co") == "&lt;b&gt;bold&lt;/b&gt; &amp; co"
    assert plot_text(3) == "3"


def test_escape_markdown_leaves_no_markup():
    assert escape_markdown("**x** [a](b)\nnext") == "\\*\\*x\\*\\* \\[a\\]\\(b\\) next"


def _upload(at):
    at.radio[0].set_value("Upload a CSV").run()
    at.file_uploader[0].set_value((HTML_FILE.name, HTML_FILE.read_bytes(), "text/csv")).run()
    assert not at.exception


def _figure_json(at) -> str:
    return " ".join(c.proto.spec for c in at.get("plotly_chart"))


def _text_elements(at) -> list:
    return [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success]


@pytest.mark.parametrize("page", ["pages/home.py", "pages/data.py", "pages/stepper.py",
                                  "pages/variants.py", "pages/compare.py"])
def test_every_page_shows_html_names_and_labels_as_text(app, page):
    at = app("pages/data.py")
    _upload(at)
    at.switch_page(page).run()
    if page.endswith("compare.py"):
        next(b for b in at.button if b.label == "Run comparison").click().run()
    assert not at.exception
    figures = _figure_json(at)
    if page != "pages/home.py":
        assert figures, "the page draws at least one figure"
        assert "&lt;" in figures  # the user's names or labels are in the figures, escaped
    for raw in RAW:
        assert raw not in figures
        assert json.dumps(raw)[1:-1] not in figures
    for element in _text_elements(at):
        assert not getattr(element.proto, "allow_html", False)
        body = element.value if isinstance(element.value, str) else ""
        assert "**stay**" not in body  # the label is escaped (\*\*stay\*\*), so it never turns bold


@pytest.mark.parametrize("page", ["pages/playground.py", "pages/lesson.py"])
def test_the_playground_and_the_lesson_show_html_names_and_labels_as_text(app, page):
    """The Playground starting from the uploaded data (its names, labels and file name), and the Lesson beside it."""
    at = app("pages/data.py")
    _upload(at)
    at.switch_page(page).run()
    if page.endswith("playground.py"):
        at.selectbox(key="playground.start").set_value("current").run()
    assert not at.exception
    figures = _figure_json(at)
    assert figures, "the page draws at least one figure"
    if page.endswith("playground.py"):
        assert "&lt;" in figures  # the uploaded names or labels are in the figure, escaped
    for raw in RAW:
        assert raw not in figures
        assert json.dumps(raw)[1:-1] not in figures
    for element in _text_elements(at):
        assert not getattr(element.proto, "allow_html", False)
        body = element.value if isinstance(element.value, str) else ""
        assert "**stay**" not in body
