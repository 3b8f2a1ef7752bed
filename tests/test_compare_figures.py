"""Figures of the compare page (smote_viz.figures.compare): readable labels and bounded axes."""

from __future__ import annotations

import numpy as np
import pytest

from smote_viz.data import default_dataset
from smote_viz.evaluate import CompareSettings, compare
from smote_viz.figures.compare import capped_error, cv_figure, metric_bars_figure


@pytest.fixture(scope="module")
def six():
    ds = default_dataset()
    settings = CompareSettings(classifiers="logreg,knn", treatments="smote,ros,rus,weight,threshold", cv_folds=2)
    return compare(ds, settings)


@pytest.fixture(scope="module")
def two():
    return compare(default_dataset(), CompareSettings(classifiers="logreg,knn", cv_folds=3))


def test_bar_values_are_labelled_only_with_few_treatments(six, two):
    many = metric_bars_figure(six, "recall")
    assert len(many.data) == 6
    assert all(t.text is None and t.textposition == "none" for t in many.data)
    assert tuple(many.layout.yaxis.range) == (0, 1.05)
    few = metric_bars_figure(two, "recall")
    assert len(few.data) == 2
    for trace in few.data:
        assert trace.textfont.size >= 12
        assert list(trace.text) == [f"{v:.2f}" for v in trace.y]


def test_cv_axis_and_error_bars_stay_within_the_bounds(six, two):
    for result in (six, two):
        for metric in ("recall", "precision", "roc_auc"):
            fig = cv_figure(result, metric)
            assert tuple(fig.layout.yaxis.range) == (0, 1.05)
            for trace in fig.data:
                means = np.array([np.nan if v is None else v for v in trace.y], dtype=float)
                up, down = np.array(trace.error_y.array), np.array(trace.error_y.arrayminus)
                ok = ~np.isnan(means)
                assert np.all(means[ok] + up[ok] <= 1 + 1e-12) and np.all(means[ok] - down[ok] >= -1e-12)
    # No value labels an error bar could cross; hover carries mean and sd.
    for result in (six, two):
        for trace in cv_figure(result, "recall").data:
            assert trace.text is None and "%{customdata:.3f}" in trace.hovertemplate


def test_capped_error_cuts_at_zero_and_one():
    up, down = capped_error([0.95, 0.1, 0.5, None], [0.2, 0.3, 0.1, 0.2])
    assert up == pytest.approx([0.05, 0.3, 0.1, 0.0])
    assert down == pytest.approx([0.2, 0.1, 0.1, 0.0])
