"""Real browser: the app loads, every page opens from the sidebar, a good and a bad CSV upload."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
PAGE_TITLES = re.findall(r'st\.Page\("pages/[^"]+", title="([^"]+)"', (Path(__file__).resolve().parents[2] / "app.py").read_text())
DATA = Path(__file__).resolve().parents[1] / "data"


def test_every_page_opens_from_the_sidebar(app_page):
    app_page.open()
    page = app_page.page
    assert page.get_by_role("heading", name="SMOTE Lab").first.is_visible()
    links = page.locator("[data-testid='stSidebarNavLink']")
    names = [t.strip().split("\n")[-1] for t in links.all_inner_texts()]
    assert names[:3] == ["Home", "Lesson", "Data"]
    # Every page that app.py registers has a link.
    app_source = (Path(__file__).resolve().parents[2] / "app.py").read_text()
    assert len(names) == app_source.count("st.Page(")
    for i in range(links.count()):
        links.nth(i).click()
        app_page.wait_idle()
        assert app_page.exceptions() == [], names[i]
        assert page.locator("h1").first.is_visible()
    assert app_page.console_errors == []


def test_upload_a_good_csv_then_a_bad_one(app_page):
    app_page.open("data")
    page = app_page.page
    page.get_by_text("Upload a CSV").click()
    app_page.wait_idle()
    dropzone = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    dropzone.set_input_files(str(DATA / "good" / "semicolon_decimal_comma.csv"))
    page.get_by_text("class churn (10)").first.wait_for()
    app_page.wait_idle()
    assert app_page.exceptions() == []
    assert page.get_by_text("Columns are separated by a semicolon.").is_visible()
    app_page.screenshot("data-upload-good")

    dropzone.set_input_files(str(DATA / "bad" / "spreadsheet_renamed.csv"))
    alert = page.locator("[data-testid='stAlert']").filter(has_text="not CSV text")
    alert.wait_for()
    app_page.wait_idle()
    assert "save it as 'CSV UTF-8" in alert.inner_text()
    assert app_page.exceptions() == []
    # The good data is still what the page draws and the sidebar describes.
    assert page.get_by_text("class churn (10)").first.is_visible()
    assert "churn: 10" in page.locator("[data-testid='stSidebar']").inner_text()
    app_page.screenshot("data-upload-bad")


def test_home_and_data_pages_render(app_page):
    app_page.open()
    app_page.screenshot("home")
    app_page.open("data")
    app_page.page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first.wait_for()
    assert app_page.page.locator("[data-testid='stPlotlyChart']").count() == 2
    app_page.screenshot("data")


@contextlib.contextmanager
def first_request(browser, path: str, log_name: str):
    """Start a fresh server, open ``path`` as its very first request, and return (page, final URL)."""
    from tests.e2e.conftest import AppPage, streamlit_server

    with streamlit_server(log_name) as url:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        try:
            app_page = AppPage(context.new_page(), url)
            app_page.open(path)
            app_page.wait_idle()
            links = app_page.page.locator("[data-testid='stSidebarNavLink']").all_inner_texts()
            yield app_page, [t.strip().split("\n")[-1] for t in links]
        finally:
            context.close()


def test_a_shared_link_as_the_first_request_goes_through_the_router(browser, chromium_path):
    """A fresh server whose very first visitor opens /data still runs app.py's navigation and sidebar."""
    assert (Path(__file__).resolve().parents[2] / "pages").is_dir()  # the layout that triggers the old mode
    link = "data?shape=moons&n=300&minority=0.2&noise=0.2&classes=2&seed=4"
    with first_request(browser, link, ".e2e-deeplink.log") as (app_page, links):
        assert links == PAGE_TITLES
        sidebar = app_page.page.locator("[data-testid='stSidebar']").inner_text()
        assert "moons, 300 points" in sidebar
        assert app_page.page.locator("h1").first.inner_text().strip() == "Data"
        assert app_page.exceptions() == []


def test_a_first_deep_link_keeps_its_query_parameters(browser, chromium_path):
    """A shared link to step 12 of the stepper, as the first request after a server start, opens step 12 of
    that data, inside the router, and the URL still carries the link's settings."""
    link = "stepper?shape=moons&n=300&minority=0.2&noise=0.2&classes=2&seed=4&k=3&step=12"
    with first_request(browser, link, ".e2e-deeplink-params.log") as (app_page, links):
        page = app_page.page
        assert links[:3] == ["Home", "Lesson", "Data"]
        assert app_page.page.locator("h1").first.inner_text().strip() == "Step through SMOTE"
        assert page.get_by_text("Step 12 of").first.is_visible()
        assert "moons, 300 points" in page.locator("[data-testid='stSidebar']").inner_text()
        assert "k = 3" in page.locator("[data-testid='stMain']").inner_text()
        assert "step=12" in page.url and "shape=moons" in page.url
        assert app_page.exceptions() == []
