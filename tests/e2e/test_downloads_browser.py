"""Real browser: every CSV the app offers is parsed as the browser received it. An upload with a formula header
and formula labels (issue 12) gives downloads without a single formula cell; the resampled data (issue 9)
parses back to originals + synthetic points with their seed and neighbour rows."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd
import pytest

pytestmark = pytest.mark.e2e

HYPERLINK = '=HYPERLINK("http://x","y")'


def hostile_csv(path) -> None:
    rng = np.random.default_rng(3)
    lines = ["=cmd|' /C calc'!A0,+feat,@lbl"]
    for i in range(60):
        label = '"=HYPERLINK(""http://x"",""y"")"' if i % 6 == 0 else "-safe"
        a, b = rng.normal(size=2)
        lines.append(f"{a:.4f},{b:.4f},{label}")
    path.write_text("\n".join(lines) + "\n")


def formula_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run: text starting with = + - @ tab CR that is not a number."""
    found = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    found.append(cell)
    return found


def download(app_page, button) -> str:
    page = app_page.page
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = info.value.path()
    with open(path, encoding="utf-8") as f:
        return f.read()


def toolbar_download(app_page, table) -> str:
    """The CSV of Streamlit's own table toolbar ("Download as CSV"). Chromium would open a native save dialog
    (showSaveFilePicker), which a headless browser cannot answer; without it the toolbar falls back to an
    ordinary download, with the same bytes."""
    page = app_page.page
    # the toolbar of this table (it shows while the mouse is over the table)
    button = table.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]") \
        .get_by_role("button", name="Download as CSV")
    for attempt in range(3):  # a busy page can hide the toolbar again before the click
        table.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the page's sticky header
        table.hover()
        try:
            button.wait_for(state="visible", timeout=10_000)
            with page.expect_download(timeout=30_000) as info:
                try:
                    button.click(timeout=3_000)
                except Exception:  # noqa: BLE001 - the table's own scroller can lie over the toolbar's edge
                    button.dispatch_event("click")
            break
        except Exception:
            if attempt == 2:
                raise
            page.mouse.move(0, 0)
    with open(info.value.path(), encoding="utf-8-sig") as f:
        return f.read()


def go(app_page, name: str) -> None:
    page = app_page.page
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text=name).click()
    page.get_by_role("heading", name=name).first.wait_for()
    app_page.wait_idle()


def upload_hostile(app_page, tmp_path) -> None:
    path = tmp_path / "hostile.csv"
    hostile_csv(path)
    app_page.page.context.add_init_script("delete window.showSaveFilePicker; window.showSaveFilePicker = undefined;")  # see toolbar_download
    app_page.open("data")
    page = app_page.page
    page.get_by_text("Upload a CSV").click()
    app_page.wait_idle()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    page.get_by_text("First rows of the file").wait_for()
    app_page.wait_idle()
    assert app_page.exceptions() == []


def test_stepper_downloads_have_no_formula_and_parse_back(app_page, tmp_path):
    upload_hostile(app_page, tmp_path)
    go(app_page, "Step through SMOTE")
    page = app_page.page
    assert app_page.exceptions() == []
    trace_text = download(app_page, page.get_by_role("button", name=re.compile(r"Download (this table|the trace) as CSV")))
    assert formula_cells(trace_text) == []
    trace = pd.read_csv(io.StringIO(trace_text))
    assert len(trace) > 0 and set(trace["class"]) <= {"'" + HYPERLINK, "-safe"}
    assert "'" + HYPERLINK in set(trace["class"])
    # Streamlit's own toolbar download of the same table: no formula either
    shown = toolbar_download(app_page, page.locator("[data-testid='stDataFrame']").first)
    assert formula_cells(shown) == []
    assert set(pd.read_csv(io.StringIO(shown))["class"]) == set(trace["class"])

    button = page.get_by_role("button", name=re.compile(r"Download the resampled data \(\d+ originals"))
    label = button.inner_text()
    n_orig, n_new = map(int, re.search(r"\((\d+) originals \+ (\d+) synthetic\)", label).groups())
    text = download(app_page, button)
    assert formula_cells(text) == []
    data = pd.read_csv(io.StringIO(text))
    assert list(data.columns[:3]) == ["'=cmd|' /C calc'!A0", "'+feat", "'@lbl"]
    assert len(data) == n_orig + n_new == 60 + n_new
    assert data["synthetic"].tolist() == [False] * n_orig + [True] * n_new
    assert set(data["sampler"]) == {"SMOTE"}
    synth = data[data["synthetic"]]
    originals = data[~data["synthetic"]]
    assert originals["original_row"].astype(int).tolist() == list(range(n_orig))
    # every synthetic point lies on the segment from its seed row to its neighbour row, at its gap
    X = originals.iloc[:, :2].to_numpy()
    seed = X[synth["seed_row"].astype(int)]
    chosen = X[synth["neighbour_row"].astype(int)]
    np.testing.assert_allclose(seed + synth["gap"].to_numpy()[:, None] * (chosen - seed),
                               synth.iloc[:, :2].to_numpy(), atol=1e-9)
    # the synthetic rows are the trace table's new points, in the same order
    np.testing.assert_allclose(synth.iloc[:, 0].to_numpy(), trace.filter(like="new_").iloc[:, 0].to_numpy())
    app_page.screenshot("stepper-downloads")


def test_first_rows_of_the_file_export_without_formulas(app_page, tmp_path):
    upload_hostile(app_page, tmp_path)
    page = app_page.page
    page.get_by_text("First rows of the file").click()
    table = page.locator("[data-testid='stExpander']").filter(has_text="First rows of the file") \
        .locator("[data-testid='stDataFrame']")
    table.wait_for()
    shown = toolbar_download(app_page, table)
    assert formula_cells(shown) == []
    rows = list(csv.reader(io.StringIO(shown)))
    assert rows[0] == ["'=cmd|' /C calc'!A0", "'+feat", "'@lbl"]
    assert len(rows) == 21 and rows[1][2] == "'" + HYPERLINK and rows[2][2] == "'-safe"
    assert float(rows[1][0]) == float(rows[1][0]), "numbers stay numbers"


def test_family_download_of_the_chosen_panel(app_page, tmp_path):
    upload_hostile(app_page, tmp_path)
    go(app_page, "SMOTE family")
    page = app_page.page
    chooser = page.locator("[data-testid='stSelectbox']").filter(has_text="Resampled data of").locator("input")
    chooser.wait_for()
    app_page.wait_idle()
    chooser.click()
    chooser.fill("BorderlineSMOTE-1")
    page.get_by_role("option", name="BorderlineSMOTE-1", exact=True).click()
    app_page.wait_idle()
    button = page.get_by_role("button", name=re.compile(r"Download BorderlineSMOTE-1's output"))
    text = download(app_page, button)
    assert formula_cells(text) == []
    data = pd.read_csv(io.StringIO(text))
    assert set(data["sampler"]) == {"BorderlineSMOTE-1"}
    synth = data[data["synthetic"]]
    assert len(synth) > 0 and synth["seed_row"].notna().all() and synth["neighbour_row"].notna().all()
    n_synth = int(re.search(r"(\d+) synthetic", button.inner_text()).group(1))
    assert len(synth) == n_synth
    app_page.screenshot("variants-download")
