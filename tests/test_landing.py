"""Where synthetic points land: the minority-only counterfactual and the ring's defaults."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

from smote_viz.data import generate
from smote_viz.smote import trace_smote
from smote_viz.state import GeneratorSettings, from_query, generator_settings_from_query, shape_change
from smote_viz.stepper.counterfactual import minority_only_figure
from smote_viz.stepper.landing import (
    chose_other_class,
    closest_approach,
    cuts_through_majority,
    landed_among_others,
    minority_only,
    minority_only_sentence,
)
from tests.plotly_json import arr


def data(settings: GeneratorSettings):
    return generate(**settings.generate_kwargs())


@pytest.mark.parametrize("settings", [GeneratorSettings(), GeneratorSettings(shape="moons"),
                                      GeneratorSettings(noise=0.6, seed=3)])
def test_with_neighbours_from_every_class_more_minority_points_land_among_the_majority(settings):
    ds = data(settings)
    result = minority_only(ds.X2, ds.y, k_neighbors=5, random_state=0)
    # Same seeds, same draws: only the neighbour pool differs.
    np.testing.assert_array_equal(result.smote.seed_index, result.every.seed_index)
    np.testing.assert_array_equal(result.smote.gap, result.every.gap)
    assert not chose_other_class(result.smote).any()
    assert result.chose_other > 0
    # A synthetic minority point whose nearest original point is a majority point, counted by scikit-learn.
    nearest = NearestNeighbors(n_neighbors=1).fit(ds.X2).kneighbors(result.every.new_points, return_distance=False)
    assert result.landed_every == int(np.sum(ds.y[nearest[:, 0]] != ds.minority)) > 0
    assert result.landed_every > result.landed_smote


def test_the_shown_step_is_made_towards_another_class_and_lands_there():
    ds = data(GeneratorSettings(shape="moons"))
    result = minority_only(ds.X2, ds.y, k_neighbors=5, random_state=0)
    step = result.shown_step
    assert chose_other_class(result.every)[step] and landed_among_others(result.every)[step]


def test_the_counterfactual_figure_draws_both_runs_and_their_counts():
    ds = data(GeneratorSettings(shape="moons"))
    result = minority_only(ds.X2, ds.y, k_neighbors=5, random_state=0)
    spec = json.loads(minority_only_figure(result, positions=ds.class_positions).to_json())
    titles = [a["text"] for a in spec["layout"]["annotations"]]
    assert f"{result.landed_smote} of 160 nearer another class" in titles[0]
    assert f"{result.landed_every} of 160 nearer another class" in titles[1]
    highlighted = [t for t in spec["data"] if t["name"] == "highlighted points"]
    assert [t.get("xaxis", "x") for t in highlighted] == ["x", "x2"]
    step = result.shown_step
    for trace, run in zip(highlighted, (result.smote, result.every), strict=True):
        chosen = ds.X2[run.chosen_index[step]]
        assert arr(trace["x"])[-2] == pytest.approx(chosen[0]) and arr(trace["y"])[-2] == pytest.approx(chosen[1])
    # Outlined stars: exactly the points that land nearer another class, per panel.
    outlined = [t for t in spec["data"] if t["name"].endswith("nearer another class")]
    assert [len(arr(t["x"])) for t in outlined] == [result.landed_smote, result.landed_every]
    towards = [t for t in spec["data"] if t["name"] == "segment to another class's point"]
    assert len(towards) == 1 and towards[0]["xaxis"] == "x2"  # SMOTE never has such a segment
    assert len(arr(towards[0]["x"])) == 3 * result.chose_other
    assert "This is why SMOTE looks for neighbours only among the minority" in minority_only_sentence(result)


def test_closest_approach_of_a_segment():
    starts = np.array([[-1.0, 0.0], [2.0, 1.0], [1.0, 1.0]])
    ends = np.array([[1.0, 0.0], [3.0, 1.0], [1.0, 1.0]])
    np.testing.assert_allclose(closest_approach(starts, ends, np.zeros(2)), [0.0, np.sqrt(5), np.sqrt(2)])


def test_the_ring_defaults_make_smote_cut_through_the_majority_disc():
    ring = GeneratorSettings.for_shape("ring")
    assert ring.minority_fraction == 0.04 and ring.shape == "ring"
    shares = {}
    for name, settings in (("ring defaults", ring), ("general defaults", GeneratorSettings(shape="ring"))):
        ds = data(settings)
        trace = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
        shares[name] = cuts_through_majority(trace, ds.majority_label).share
    assert shares["ring defaults"] >= 0.2  # a good share of the segments pass through the disc's inner half
    assert shares["general defaults"] < 0.05  # at a 10 % minority they run along the ring


def test_a_link_that_names_only_the_shape_gets_the_shapes_defaults():
    settings, problems = generator_settings_from_query({"shape": "ring"})
    assert settings == GeneratorSettings.for_shape("ring") and problems == []
    chosen, _ = generator_settings_from_query({"shape": "ring", "minority": "0.1"})
    assert chosen.minority_fraction == 0.1  # what the link says wins
    assert generator_settings_from_query({"shape": "moons"})[0] == GeneratorSettings(shape="moons")
    # A complete link keeps its exact values; the general reader still knows no shape defaults.
    assert from_query(GeneratorSettings, {"shape": "ring"})[0].minority_fraction == 0.1


def test_changing_shape_swaps_the_shape_defaults_only():
    assert shape_change("blobs", "ring") == {"minority_fraction": 0.04}
    assert shape_change("ring", "moons") == {"minority_fraction": 0.1}
    assert shape_change("blobs", "moons") == {}


def test_the_counterfactual_figure_names_the_roles_in_its_legend_not_in_labels_beside_other_markers():
    """The panels show the whole class, where one neighbourhood is a few pixels wide: no text sits on the plot
    (it would land beside other markers); each role has one legend entry with its marker."""
    ds = data(GeneratorSettings(shape="moons"))
    result = minority_only(ds.X2, ds.y, k_neighbors=5, random_state=0)
    spec = json.loads(minority_only_figure(result, positions=ds.class_positions).to_json())
    assert all("text" not in t.get("mode", "") for t in spec["data"])
    legend = [t["name"] for t in spec["data"] if t.get("showlegend", True)]
    for role in ("seed x_i", "its 5 nearest neighbours", "chosen neighbour x_zi", "new point x_new"):
        assert legend.count(role) == 1, legend
    highlighted = next(t for t in spec["data"] if t["name"] == "highlighted points")
    assert highlighted["text"][0] == "seed x_i" and highlighted["text"][-1] == "new point x_new"  # on hover
