"""Generated data, the Dataset value, and the URL round trip of generator settings."""

from __future__ import annotations

import numpy as np
import pytest

from smote_viz.data import SHAPES, Dataset, default_dataset, generate
from smote_viz.data.generators import MIN_CLASS_SIZE
from smote_viz.state import GeneratorSettings, from_query, to_query


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("n_classes", [2, 3, 4])
def test_same_settings_give_the_same_data_and_another_seed_does_not(shape, n_classes):
    a = generate(shape, 300, 0.2, 0.3, n_classes=n_classes, random_state=5)
    b = generate(shape, 300, 0.2, 0.3, n_classes=n_classes, random_state=5)
    c = generate(shape, 300, 0.2, 0.3, n_classes=n_classes, random_state=6)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)
    assert a.X.dtype == np.float64 and a.X.shape == (300, 2)
    assert sorted(a.counts) == list(range(n_classes))


@pytest.mark.parametrize("n_samples, fraction", [(200, 0.1), (1000, 0.05), (500, 0.5), (2000, 0.01), (333, 0.27)])
@pytest.mark.parametrize("n_classes", [2, 3, 4])
def test_class_shares_match_the_request(n_samples, fraction, n_classes):
    ds = generate("blobs", n_samples, fraction, 0.2, n_classes=n_classes, random_state=0)
    counts = ds.counts
    assert sum(counts.values()) == n_samples
    minority_total = n_samples - counts[0]
    wanted = round(n_samples * fraction)
    if all(counts[c] > MIN_CLASS_SIZE for c in range(1, n_classes)):
        assert minority_total == wanted
    assert all(counts[c] >= MIN_CLASS_SIZE for c in range(1, n_classes))
    assert counts[0] == max(counts.values())
    # Minority classes get smaller, one after the other.
    sizes = [counts[c] for c in range(1, n_classes)]
    assert sizes == sorted(sizes, reverse=True)


def test_tiny_minority_is_raised_to_the_smallest_usable_class_with_a_notice():
    ds = generate("moons", 100, 0.01, 0.2, random_state=1)
    assert ds.counts[1] == MIN_CLASS_SIZE
    assert any("fewest" in n for n in ds.notices)


def test_noise_widens_the_classes():
    tight = generate("circles", 600, 0.3, 0.0, random_state=2)
    loose = generate("circles", 600, 0.3, 1.0, random_state=2)
    radius_spread = lambda d: np.std(np.hypot(*d.X[d.y == 0].T))  # noqa: E731
    assert radius_spread(loose) > 3 * radius_spread(tight)


def test_ring_puts_the_minority_around_the_majority():
    ds = generate("ring", 400, 0.1, 0.0, random_state=3)
    r = np.hypot(*ds.X.T)
    assert r[ds.y == 1].min() > r[ds.y == 0].max() - 0.05


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"shape": "spiral"}, "Unknown shape"),
        ({"n_samples": 5}, "n_samples"),
        ({"minority_fraction": 0.9}, "minority_fraction"),
        ({"n_classes": 7}, "n_classes"),
        ({"noise": -1}, "noise"),
    ],
)
def test_generate_rejects_arguments_out_of_range(kwargs, words):
    args = {"shape": "blobs", "n_samples": 100, "minority_fraction": 0.1, "noise": 0.1} | kwargs
    with pytest.raises(ValueError, match=words):
        generate(**args)


def test_dataset_is_read_only_and_describes_its_classes():
    ds = Dataset(X=[[0, 0], [1, 1], [2, 2], [3, 3]], y=["b", "a", "b", "b"], feature_names=["u", "v"])
    assert ds.X.dtype == np.float64
    with pytest.raises(ValueError):
        ds.X[0, 0] = 5
    assert ds.counts == {"a": 1, "b": 3}
    assert ds.majority_label == "b" and ds.minority == "a"
    assert ds.imbalance_ratio == 3
    assert ds.with_minority("b").minority == "b"
    assert ds.fingerprint != ds.with_view(1, 0).fingerprint
    assert np.array_equal(ds.with_view(1, 0).X2, ds.X[:, [1, 0]])


def test_majority_ties_go_to_the_first_label_like_imbalanced_learn():
    ds = Dataset(X=np.zeros((6, 2)), y=[2, 2, 1, 1, 0, 5], feature_names=["a", "b"])
    assert ds.majority_label == 1
    assert ds.minority == 0


def test_dataset_rejects_inconsistent_shapes():
    with pytest.raises(ValueError):
        Dataset(X=np.zeros((3, 2)), y=[0, 1], feature_names=["a", "b"])
    with pytest.raises(ValueError):
        Dataset(X=np.zeros((3, 2)), y=[0, 1, 1], feature_names=["a"])
    with pytest.raises(ValueError):
        Dataset(X=np.zeros((3, 2)), y=[0, 1, 1], feature_names=["a", "b"], view=(0, 2))


def test_default_dataset_is_the_default_generator_settings():
    settings = GeneratorSettings()
    ds = generate(**settings.generate_kwargs())
    assert np.array_equal(ds.X, default_dataset().X)
    assert default_dataset().counts == {0: 180, 1: 20}


def test_generator_settings_survive_the_url_round_trip():
    settings = GeneratorSettings("ring", 750, 0.07, 0.45, 3, 12345)
    again, problems = from_query(GeneratorSettings, to_query(settings))
    assert again == settings and problems == []


def test_bad_url_values_fall_back_to_defaults_with_a_message():
    settings, problems = from_query(
        GeneratorSettings, {"shape": "spiral", "n": "lots", "minority": ["0.2"], "noise": "5", "seed": "nan"}
    )
    assert settings == GeneratorSettings(minority_fraction=0.2)
    assert len(problems) == 4
    assert any("'shape=spiral'" in p for p in problems)
    assert any("outside 0 to 1" in p for p in problems)


def test_two_axes_are_always_two_different_columns():
    from smote_viz.data.dataset import two_axes

    names = ["a", "b", "c"]
    assert two_axes(names) == ("a", "b")
    assert two_axes(names, "c", "b") == ("c", "b")
    assert two_axes(names, "b", "b", previous=("a", "b")) == ("b", "a")  # the vertical column moved: swap
    assert two_axes(names, "b", "b") == ("b", "a")
    assert two_axes(names, "gone", "c") == ("a", "c")
    assert two_axes(names, "c", "gone") == ("c", "a")
    assert two_axes(["only"], "only", "only") == ("only", "only")
    for x in names + [None]:
        for y in names + [None]:
            first, second = two_axes(names, x, y, previous=("c", "a"))
            assert first != second and {first, second} <= set(names)


def test_a_dataset_never_views_one_column_twice_when_it_has_two():
    with pytest.raises(ValueError, match="one column twice"):
        Dataset(X=np.zeros((3, 2)), y=[0, 1, 1], feature_names=["a", "b"], view=(1, 1))
    assert Dataset(X=np.zeros((3, 1)), y=[0, 1, 1], feature_names=["a"], view=(0, 0)).view_names == ("a", "a")
