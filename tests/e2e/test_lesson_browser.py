"""Real browser: the guided lesson walked from chapter 1 to 8 (predict, reveal, next), a chapter opened
directly from its URL, and a chapter's link followed to the page it names."""

from __future__ import annotations

import re

import pytest

from smote_viz.lesson.chapters import CHAPTERS

pytestmark = pytest.mark.e2e
SUBHEADER = "[data-testid='stHeadingWithActionElements'] h3"


def chapter_heading(page) -> str:
    return page.locator(SUBHEADER).first.inner_text().strip()


def charts(page):
    return page.locator("[data-testid='stMain'] [data-testid='stPlotlyChart']")


def test_walk_the_whole_lesson(app_page):
    app_page.open("lesson")
    page = app_page.page
    for ch in CHAPTERS:
        assert chapter_heading(page) == f"{ch.number}. {ch.title}"
        assert f"chapter={ch.number}" in page.url
        assert f"Chapter {ch.number} of 8" in page.locator("[data-testid='stProgress']").inner_text()
        charts(page).first.locator(".js-plotly-plot").wait_for()
        assert charts(page).count() == 1  # the question's figure
        assert page.locator("[data-testid='stAlert']").count() == 0  # nothing revealed yet
        # Predict: the right answer in odd chapters, a wrong one in even chapters.
        choice = ch.answer if ch.number % 2 else (ch.answer + 1) % len(ch.options)
        page.locator("[data-testid='stRadio'] [role='radiogroup'] label").nth(choice).click()
        app_page.wait_idle()
        verdict = page.locator("[data-testid='stAlert']").first.inner_text()
        assert ("Right." if ch.number % 2 else "Not quite.") in verdict, verdict
        page.get_by_text("Your prediction:").first.wait_for()
        charts(page).first.locator(".js-plotly-plot").wait_for()
        assert page.get_by_role("link", name=ch.links[0].label).is_visible()
        assert app_page.exceptions() == []
        app_page.screenshot(f"lesson-chapter-{ch.number}")
        if ch.number < len(CHAPTERS):
            page.get_by_role("button", name="Next").click()
            app_page.wait_idle()
    assert "4 of 8 predictions right" in page.locator("[data-testid='stProgress']").inner_text()
    assert page.get_by_text("End of the lesson").is_visible()
    # Back one chapter: the answer given there is still shown.
    page.get_by_role("button", name="Previous").click()
    app_page.wait_idle()
    assert chapter_heading(page).startswith("7. ") and page.get_by_text("Your prediction:").first.is_visible()
    assert app_page.console_errors == []


def test_a_chapter_opens_directly_from_its_link_and_its_own_link_opens_the_page_it_names(app_page):
    app_page.open("lesson?chapter=5")
    page = app_page.page
    assert chapter_heading(page) == "5. Why scale first"
    assert "chapter=5" in page.url
    charts(page).first.locator(".js-plotly-plot").wait_for()
    page.locator("[data-testid='stRadio'] [role='radiogroup'] label").nth(CHAPTERS[4].answer).click()
    app_page.wait_idle()
    # The session's data is the default (unstretched); the chapter's link opens the Data page with x2 x 100.
    assert "x2 × 100" not in page.locator("[data-testid='stSidebar']").inner_text()
    page.get_by_role("link", name=CHAPTERS[4].links[0].label).click()
    app_page.wait_idle()
    page.get_by_role("heading", name=re.compile("Why scale first")).wait_for()
    assert page.locator("h1").first.inner_text().strip() == "Data"
    assert "stretch=100" in page.url and "link=" not in page.url
    assert "x2 × 100" in page.locator("[data-testid='stSidebar']").inner_text()
    assert app_page.exceptions() == []
    app_page.screenshot("lesson-link-to-data")
