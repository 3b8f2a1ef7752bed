"""Every CSV the app writes: formulas neutralised (OWASP CSV injection), numbers untouched, and the resampled data
of a run (originals + synthetic points with their seed and neighbour rows) parsed back."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE

from smote_viz.data import Dataset, load_csv
from smote_viz.export import (
    count_neutralised,
    csv_bytes,
    is_formula,
    neutralise,
    resampled_frame,
    trace_frame,
    unique_names,
    variant_frame,
)
from smote_viz.family import GalleryParams, run_variant
from smote_viz.smote import trace_smote

HOSTILE_HEADER = "=cmd|' /C calc'!A0,+feat,@lbl"
HYPERLINK = '=HYPERLINK("http://x","y")'


def hostile_csv() -> bytes:
    """The upload of issue 12: formula-like header and labels."""
    rng = np.random.default_rng(3)
    lines = [HOSTILE_HEADER]
    for i in range(60):
        label = HYPERLINK if i % 6 == 0 else "-safe"
        a, b = rng.normal(size=2)
        lines.append(f'{a:.4f},{b:.4f},"{label.replace(chr(34), chr(34) * 2)}"')
    return ("\n".join(lines) + "\n").encode()


def formula_cells(text: str) -> list[str]:
    """Cells of a CSV (header included) that a spreadsheet would run: text starting with = + - @ tab CR, not a
    number. This is what Excel and LibreOffice do with a CSV cell, quoted or not."""
    found = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    found.append(cell)
    return found


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("=1+1", True), ("+feat", True), ("@lbl", True), ("-cmd", True), ("\t=x", True), ("\r=x", True),
        ("  =x", True), (HYPERLINK, True), ("-", True),
        ("-0.53", False), ("+3", False), ("-1e-5", False), ("-1,5", False), ("-1,234.5", False), ("-inf", False),
        ("plain", False), ("a=b", False), ("", False), ("x-1", False),
    ],
)
def test_is_formula(text, formula):
    assert is_formula(text) is formula


def test_neutralise_prefixes_text_and_headers_but_never_numbers():
    frame = pd.DataFrame({"=cmd": ["=1+1", "-0.53", "ok", None], "n": [-0.53, 1.0, -2.0, 3.0], "+h": [1, 2, 3, 4]})
    out = neutralise(frame)
    assert list(out.columns) == ["'=cmd", "n", "'+h"]
    assert out.iloc[:, 0].tolist()[:3] == ["'=1+1", "-0.53", "ok"]
    assert pd.isna(out.iloc[3, 0])
    assert out["n"].tolist() == [-0.53, 1.0, -2.0, 3.0] and out["n"].dtype == np.float64
    assert out["'+h"].dtype == frame["+h"].dtype
    assert count_neutralised(frame) == 3
    assert list(frame.columns) == ["=cmd", "n", "+h"], "the input frame is not changed"


def test_csv_bytes_has_no_formula_cell_and_numbers_round_trip():
    frame = pd.DataFrame({"=a": [HYPERLINK, "@x"], "b": [-0.53, 2.25], "c": ["-0.53", "\t=x"]})
    text = csv_bytes(frame).decode("utf-8")
    assert formula_cells(text) == []
    back = pd.read_csv(io.StringIO(text))
    assert back["b"].tolist() == [-0.53, 2.25]
    assert back["c"].tolist()[0] == -0.53 or back["c"].tolist()[0] == "-0.53"
    assert back["'=a"].tolist() == ["'" + HYPERLINK, "'@x"]


def test_hostile_upload_trace_download_has_no_formula_cell():
    """Issue 12: the trace CSV of an upload with a formula header and formula labels wrote 115 formula cells."""
    ds = load_csv(hostile_csv(), label="@lbl")
    trace = trace_smote(ds.X2, ds.y, k_neighbors=3, random_state=0)
    raw = trace.steps_frame(feature_names=list(ds.view_names))
    assert count_neutralised(raw) > 0, "the test data must contain formula cells to begin with"
    text = csv_bytes(raw).decode()
    assert formula_cells(text) == []
    back = pd.read_csv(io.StringIO(text))
    assert len(back) == trace.n_new
    np.testing.assert_allclose(back["gap"], trace.gap, rtol=1e-12)
    resampled = csv_bytes(trace_frame(trace, feature_names=list(ds.view_names), label_name=ds.label_name)).decode()
    assert formula_cells(resampled) == []
    assert "'@lbl" in resampled.splitlines()[0] and "'=cmd|' /C calc'!A0" in resampled.splitlines()[0]


GOLDEN_X = np.array(
    [[0, 0], [1, .2], [.3, 1.1], [1.4, 1.3], [2.2, .1], [.9, 2.4], [3, 3], [2.5, 1.7], [4.1, .6], [3.6, 2.2],
     [1.6, .9], [2.1, 1.2], [1.8, 2.0], [2.6, .8]]
)
GOLDEN_Y = np.array([0] * 10 + [1] * 4)


def test_trace_frame_is_imblearn_output_with_parents():
    trace = trace_smote(GOLDEN_X, GOLDEN_Y, k_neighbors=3, random_state=42)
    text = csv_bytes(trace_frame(trace, feature_names=["a", "b"], label_name="y")).decode()
    back = pd.read_csv(io.StringIO(text), keep_default_na=True)
    X_ref, y_ref = SMOTE(k_neighbors=3, random_state=42).fit_resample(GOLDEN_X, GOLDEN_Y)
    np.testing.assert_array_equal(back[["a", "b"]].to_numpy(), X_ref)
    np.testing.assert_array_equal(back["y"].to_numpy(), y_ref)
    assert back["synthetic"].tolist() == [False] * 14 + [True] * 6
    assert back["original_row"].tolist()[:14] == list(range(14)) and back["original_row"][14:].isna().all()
    # the design card's golden trace: seeds 12 11 13 12 11 12, chosen 11 10 10 10 13 11
    assert back["seed_row"][14:].astype(int).tolist() == [12, 11, 13, 12, 11, 12]
    assert back["neighbour_row"][14:].astype(int).tolist() == [11, 10, 10, 10, 13, 11]
    assert back["seed_row"][:14].isna().all() and back["neighbour_row"][:14].isna().all()
    np.testing.assert_allclose(back["gap"][14:], [0.445833, 0.099975, 0.459249, 0.333709, 0.142867, 0.650888],
                               atol=1e-6)
    assert set(back["sampler"]) == {"SMOTE"}
    # each new point lies where its seed, neighbour and gap put it
    seed = GOLDEN_X[back["seed_row"][14:].astype(int)]
    chosen = GOLDEN_X[back["neighbour_row"][14:].astype(int)]
    gap = back["gap"][14:].to_numpy()[:, None]
    np.testing.assert_allclose(seed + gap * (chosen - seed), X_ref[14:], rtol=1e-12)


@pytest.mark.parametrize("key", ["smote", "borderline1", "adasyn", "ros", "rus", "smoteenn"])
def test_variant_frame_parses_back_to_the_sampler_output(key):
    rng = np.random.default_rng(5)
    X = np.vstack([rng.normal(0, 1, size=(80, 2)), rng.normal(1.2, 0.6, size=(16, 2))])
    y = np.array([0] * 80 + [1] * 16)
    result = run_variant(key, X, y, GalleryParams(k=3), with_evaluation=False)
    assert result.ok
    back = pd.read_csv(io.StringIO(csv_bytes(variant_frame(result, feature_names=["f1", "f2"], label_name="cls"))
                                   .decode()))
    np.testing.assert_array_equal(back[["f1", "f2"]].to_numpy(), result.X)
    np.testing.assert_array_equal(back["cls"].to_numpy(), result.y)
    assert back["synthetic"].tolist() == result.synthetic.tolist()
    assert set(back["sampler"]) == {result.title}
    originals = ~back["synthetic"].to_numpy()
    np.testing.assert_array_equal(X[back["original_row"][originals].astype(int)], result.X[originals])
    if key in ("smote", "borderline1", "adasyn"):
        synth = back[back["synthetic"]]
        assert len(synth) == result.n_synthetic > 0
        seed = X[synth["seed_row"].astype(int)]
        chosen = X[synth["neighbour_row"].astype(int)]
        np.testing.assert_allclose(seed + synth["gap"].to_numpy()[:, None] * (chosen - seed),
                                   synth[["f1", "f2"]].to_numpy(), atol=1e-9)
    if key == "ros":
        synth = back[back["synthetic"]]
        assert synth["neighbour_row"].isna().all()
        np.testing.assert_array_equal(X[synth["seed_row"].astype(int)], synth[["f1", "f2"]].to_numpy())
    if key == "rus":
        assert not back["synthetic"].any() and len(back) < len(X)


def test_column_names_never_clash_with_the_added_columns():
    assert unique_names(["synthetic", "gap", "x", "x"]) == ["synthetic_2", "gap_2", "x", "x_2"]
    frame = resampled_frame(np.zeros((2, 1)), np.array([0, 1]), feature_names=["sampler"], label_name="gap",
                            sampler="S", original_row=np.array([0, 1]))
    assert list(frame.columns) == ["sampler_2", "gap_2", "synthetic", "original_row", "seed_row",
                                   "neighbour_row", "gap", "sampler"]


def test_string_labels_round_trip():
    ds = Dataset(GOLDEN_X, np.where(GOLDEN_Y == 1, "yes", "no"), ["a", "b"], label_name="churn")
    trace = trace_smote(ds.X, ds.y, k_neighbors=3, random_state=42)
    back = pd.read_csv(io.StringIO(csv_bytes(trace_frame(trace, feature_names=["a", "b"], label_name="churn"))
                                   .decode()))
    assert back["churn"].tolist() == ["no"] * 10 + ["yes"] * 10


# --- the pages offer the downloads --------------------------------------------------------------------------------
def download_labels(at) -> list[str]:
    return [d.proto.label for d in at.get("download_button")]


def test_stepper_page_offers_the_trace_and_the_resampled_data(app):
    at = app("pages/stepper.py")
    assert not at.exception
    labels = download_labels(at)
    assert "Download this table as CSV" in labels
    assert "Download the resampled data (200 originals + 160 synthetic) as CSV" in labels


def test_family_page_offers_the_resampled_data_of_the_chosen_panel(app):
    at = app("pages/variants.py")
    assert not at.exception
    chooser = at.selectbox(key="variants.download_panel")
    assert chooser.options[:4] == ["Original data", "RandomOverSampler", "RandomOverSampler (shrinkage)", "SMOTE"]
    chooser.set_value(3).run()  # the fourth panel that ran: SMOTE
    assert "Download SMOTE's output (360 rows, 160 synthetic) as CSV" in download_labels(at)
