"""Classes differ by marker shape as well as colour, for originals and for synthetic points."""

from __future__ import annotations

from smote_viz.data import generate
from smote_viz.smote import trace_smote
from smote_viz.stepper.figures import animation_figure
from smote_viz.style import CLASS_COLOURS, CLASS_SYMBOLS, SYNTHETIC_SYMBOLS, class_symbol, synthetic_symbol


def test_every_class_position_has_its_own_symbol_colour_and_synthetic_symbol():
    n = 4
    assert len({class_symbol(i) for i in range(n)}) == n
    assert len(set(CLASS_COLOURS[:n])) == n
    assert len({synthetic_symbol(i) for i in range(n)}) == n
    assert not set(SYNTHETIC_SYMBOLS) & set(CLASS_SYMBOLS)
    assert synthetic_symbol(1) == "star"


def test_synthetic_points_of_different_classes_differ_by_shape_in_the_stepper():
    ds = generate("blobs", 300, 0.3, 0.2, n_classes=4, random_state=2)
    trace = trace_smote(ds.X2, ds.y, k_neighbors=3, random_state=0)
    fig = animation_figure(trace, positions=ds.class_positions)
    legend = {t.name: t.marker.symbol for t in fig.data if t.name and t.name.startswith("synthetic")}
    assert len(legend) == 3
    assert len(set(legend.values())) == 3
