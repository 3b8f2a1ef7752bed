"""Figures of the compare page (smote_viz.compare.figures): readable labels and bounded axes."""

from __future__ import annotations

import numpy as np
import pytest

from smote_viz.compare.evaluate import CompareSettings, compare
from smote_viz.compare.figures import capped_error, cv_figure, metric_bars_figure
from smote_viz.data import default_dataset, generate


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


# --- the first screen's names, the reliability diagram and the leak ----------------------------------------------------
def test_model_names_break_into_two_lines_at_the_middle_space():
    from smote_viz.compare.figures import two_lines

    assert two_lines("Logistic regression") == "Logistic<br>regression"
    assert two_lines("Always majority (dummy)") == "Always majority<br>(dummy)"
    assert two_lines("RBF SVM") == "RBF SVM"


def test_the_reliability_diagram_is_square_with_a_diagonal_and_sized_bins():
    from smote_viz.compare.evaluate import reliability
    from smote_viz.compare.figures import calibration_figure

    ds = generate("blobs", 600, 0.1, 0.6, random_state=3)
    result = compare(ds, CompareSettings(classifiers="logreg", cv_folds=0))
    curves = [reliability(result, ds, "logreg", t) for t in ("none", "smote")]
    fig = calibration_figure(curves, "Logistic regression", 1)
    diagonal, before, after = fig.data
    assert list(diagonal.x) == [0, 1] and list(diagonal.y) == [0, 1] and diagonal.line.dash == "dash"
    assert before.marker.symbol != after.marker.symbol and before.marker.color != after.marker.color
    assert fig.layout.yaxis.scaleanchor == "x" and tuple(fig.layout.xaxis.range) == tuple(fig.layout.yaxis.range)
    for trace, curve in ((before, curves[0]), (after, curves[1])):
        np.testing.assert_allclose(trace.x, curve.mean_predicted, rtol=1e-6)
        sizes = np.asarray(trace.marker.size)
        assert sizes[np.argmax(curve.counts)] == sizes.max() and f"Brier {curve.brier:.3f}" in trace.name


def test_the_leak_figure_draws_pairs_and_every_distance():
    from smote_viz.compare.evaluate import leak_picture
    from smote_viz.compare.figures import LEAK_DRAWN, drawn_pairs, leak_figure
    from smote_viz.figures.common import projector_sized

    ds = generate("blobs", 600, 0.1, 0.3, random_state=3)
    picture = leak_picture(ds, CompareSettings(classifiers="knn", leaky=True, cv_folds=0), "knn", "smote")
    assert len(picture.leaky.distance) > LEAK_DRAWN  # some pairs are left off the map...
    idx = drawn_pairs(picture.leaky)
    assert len(idx) == LEAK_DRAWN and len(set(idx.tolist())) == LEAK_DRAWN
    distances = np.sort(picture.leaky.distance)
    drawn = np.sort(picture.leaky.distance[idx])
    assert drawn[0] == distances[0] and drawn[-1] == distances[-1]  # ...spread from the nearest to the farthest
    fig = leak_figure(picture, ds)
    boxes = {t.name: np.sort(np.asarray(t.x)) for t in fig.data if t.type == "box"}
    np.testing.assert_allclose(boxes["leaky"], distances, rtol=1e-6)  # every distance, not only the drawn ones
    np.testing.assert_allclose(boxes["honest"], np.sort(picture.honest.distance), rtol=1e-6)
    segments = [t for t in fig.data if t.name == "test row → nearest training row"]
    assert len(segments) == 2 and len(segments[0].x) == 3 * LEAK_DRAWN
    big = projector_sized(fig)
    assert big.layout.legend.font.size >= 18 and big.layout.xaxis.title.font.size >= 18
