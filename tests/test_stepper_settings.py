"""How the stepper's "how many synthetic points" choice becomes an imbalanced-learn sampling strategy."""

from __future__ import annotations

import numpy as np
from imblearn.over_sampling import SMOTE

from smote_viz.data import default_dataset, generate
from smote_viz.smote import resolve_strategy, trace_smote
from smote_viz.state import from_query, to_query
from smote_viz.stepper.settings import StepperSettings, sampling_strategy_for


def test_balance_ratio_and_number_on_binary_data():
    ds = default_dataset()  # 180 vs 20
    assert sampling_strategy_for(StepperSettings(), ds)[0] == "auto"
    strategy, words = sampling_strategy_for(StepperSettings(amount="ratio", ratio=0.5), ds)
    assert strategy == 0.5 and "int(0.5 × 180)" in words
    assert resolve_strategy(ds.y, strategy) == {1: 70}
    strategy, words = sampling_strategy_for(StepperSettings(amount="number", number=13), ds)
    assert strategy == {1: 33} and words == "add 13 points to class 1"
    new = trace_smote(ds.X2, ds.y, sampling_strategy=strategy, random_state=5).X_resampled
    assert np.array_equal(new, SMOTE(sampling_strategy=strategy, random_state=5).fit_resample(ds.X2, ds.y)[0])


def test_ratio_on_multi_class_data_becomes_a_dict_that_never_shrinks_a_class():
    ds = generate("blobs", 200, 0.4, 0.3, n_classes=3, random_state=0)
    counts = ds.counts
    strategy, _ = sampling_strategy_for(StepperSettings(amount="ratio", ratio=0.3), ds)
    assert set(strategy) == {1, 2}
    assert strategy[1] == max(counts[1], int(counts[0] * 0.3)) and strategy[2] == max(counts[2], int(counts[0] * 0.3))
    assert all(v >= counts[k] for k, v in strategy.items())
    resolve_strategy(ds.y, strategy)  # imbalanced-learn accepts it


def test_settings_round_trip_through_the_url_and_bad_values_fall_back():
    settings = StepperSettings(k=3, amount="number", ratio=0.8, number=40, smote_seed=9, step=17)
    assert from_query(StepperSettings, to_query(settings)) == (settings, [])
    back, problems = from_query(StepperSettings, {"k": "99", "amount": "lots", "step": "-1"})
    assert back == StepperSettings() and len(problems) == 3
