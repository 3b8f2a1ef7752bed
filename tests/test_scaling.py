"""Stretching x2 on generated data, and raw against standardised neighbourhoods (library and figure)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

from smote_viz.data import generate
from smote_viz.data.scaling import central_row, neighbourhoods, scaling_sentence
from smote_viz.figures.scaling import EDGE_NAMES, scaling_figure
from smote_viz.state import GeneratorSettings, from_query, to_query
from tests.plotly_json import arr


def blobs(stretch: float = 1.0):
    return generate("blobs", 200, 0.1, 0.3, n_classes=2, random_state=7, stretch=stretch)


def test_stretch_multiplies_x2_and_nothing_else():
    plain, stretched = blobs(), blobs(100.0)
    np.testing.assert_array_equal(stretched.X[:, 0], plain.X[:, 0])
    np.testing.assert_allclose(stretched.X[:, 1], 100 * plain.X[:, 1])
    np.testing.assert_array_equal(stretched.y, plain.y)
    assert "x2 × 100" in stretched.name and "×" not in plain.name


def test_stretch_is_a_setting_that_links_keep():
    settings = GeneratorSettings(stretch=100.0)
    assert to_query(settings)["stretch"] == "100"
    back, problems = from_query(GeneratorSettings, to_query(settings))
    assert back == settings and problems == []
    again, problems = from_query(GeneratorSettings, {"stretch": "37"})
    assert again.stretch == 1.0 and "stretch=37" in problems[0] and "1, 10, 100, 1000" in problems[0]
    with pytest.raises(ValueError, match="stretch"):
        generate("blobs", 200, 0.1, 0.3, stretch=5000)


def test_with_the_stretch_raw_neighbours_differ_from_standardised_ones():
    ds = blobs(100.0)
    nb = neighbourhoods(ds.X2, ds.y, ds.minority, k=5)
    assert nb.changed >= 1 and set(nb.raw_rows) != set(nb.scaled_rows)
    # Raw distance is decided by x2: the raw neighbours are the minority points nearest in x2 alone.
    rows = np.flatnonzero(ds.y == ds.minority)
    by_x2 = rows[np.argsort(np.abs(ds.X[rows, 1] - ds.X[nb.seed_row, 1]))][1:6]
    assert set(nb.raw_rows) == set(by_x2.tolist())
    # The standardised neighbours are scikit-learn's on the standardised points.
    z = (ds.X2 - ds.X2.mean(axis=0)) / ds.X2.std(axis=0)
    found = NearestNeighbors(n_neighbors=6).fit(z[rows]).kneighbors(z[[nb.seed_row]], return_distance=False)[0]
    assert list(nb.scaled_rows) == rows[found[1:]].tolist()
    # Over the whole class, far more neighbours change than on the unstretched data.
    plain = blobs()
    assert nb.mean_changed > 1.5 > neighbourhoods(plain.X2, plain.y, plain.minority, k=5).mean_changed


def test_the_seed_is_the_central_minority_point_and_the_sentence_has_the_numbers():
    ds = blobs(100.0)
    nb = neighbourhoods(ds.X2, ds.y, ds.minority, k=5)
    assert nb.seed_row == central_row(ds.X2, ds.y, ds.minority) and ds.y[nb.seed_row] == ds.minority
    text = scaling_sentence(nb)
    assert f"**{nb.changed} of its 5 nearest neighbours change**" in text
    assert ", ".join(map(str, nb.raw_rows)) in text and ", ".join(map(str, nb.scaled_rows)) in text
    assert "82 times" in text or f"{max(nb.scale) / min(nb.scale):.0f} times" in text
    plain = blobs()
    assert "similar spreads" in scaling_sentence(neighbourhoods(plain.X2, plain.y, plain.minority, k=5))


def test_a_class_of_one_point_has_no_neighbourhood():
    X = np.array([[0, 0], [1, 1], [2, 2], [5, 5]], dtype=float)
    with pytest.raises(ValueError, match="fewer than two points"):
        neighbourhoods(X, np.array([0, 0, 0, 1]), 1)


def test_the_figure_marks_each_panels_neighbours_and_both_edges():
    ds = blobs(100.0)
    nb = neighbourhoods(ds.X2, ds.y, ds.minority, k=5)
    spec = json.loads(scaling_figure(ds.X2, ds.y, nb, positions=ds.class_positions).to_json())
    near = [t for t in spec["data"] if t["name"] == "k nearest neighbours"]
    assert len(near) == 2
    raw_xy = np.column_stack([arr(near[0]["x"]), arr(near[0]["y"])])
    np.testing.assert_allclose(raw_xy, ds.X2[list(nb.raw_rows)])
    z = nb.standardise(ds.X2)
    np.testing.assert_allclose(np.column_stack([arr(near[1]["x"]), arr(near[1]["y"])]), z[list(nb.scaled_rows)])
    # Raw panel: its own edge is a circle of the k-th raw distance; the other is the standardised circle in raw
    # units, an ellipse whose half-axes are the radius times each standard deviation.
    own, other = (t for t in spec["data"] if t["name"] in EDGE_NAMES and t.get("xaxis", "x") == "x")
    seed = ds.X2[nb.seed_row]
    np.testing.assert_allclose(np.hypot(arr(own["x"]) - seed[0], arr(own["y"]) - seed[1]), nb.raw_radius)
    half = np.array([np.ptp(arr(other["x"])), np.ptp(arr(other["y"]))]) / 2
    np.testing.assert_allclose(half, nb.scaled_radius * nb.scale, rtol=1e-3)
    seeds = [t for t in spec["data"] if t["name"] == "seed"]
    assert [arr(s["x"])[0] for s in seeds] == pytest.approx([seed[0], z[nb.seed_row, 0]])
    symbols = {t["name"]: t["marker"]["symbol"] for t in spec["data"] if t["name"].startswith("class ")}
    assert symbols["class 0"] != symbols["class 1"]
