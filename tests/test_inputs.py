"""smote_viz.inputs: every value a browser can send is either what the app asked for or the default; none raises."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from smote_viz import inputs

OPTIONS = ("balance", "ratio", "number")
# Anything JSON (and so a forged websocket message) can carry, and more: NaN, infinities, integers far too large
# for a float, bools, nested lists and dicts, and objects Python code might pass by mistake.
atoms = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**300, max_value=10**400)
         | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20) | st.sampled_from(OPTIONS)
         | st.just(object()) | st.just(b"bytes"))
anything = st.recursive(atoms, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=3) | st.sampled_from(["x", "y", "selection", "points"]),
                                          inner, max_size=4), max_leaves=12)


@given(anything)
def test_a_choice_is_an_option_or_the_default(value):
    result = inputs.choice(value, OPTIONS, "balance")
    assert result in OPTIONS
    assert result == value or result == "balance"


def test_a_choice_matches_the_option_itself_not_a_lookalike():
    assert inputs.choice("ratio", OPTIONS) == "ratio"
    assert inputs.choice("evil", OPTIONS) is None and inputs.choice("", OPTIONS, "balance") == "balance"
    assert inputs.choice(True, (1, 2), 2) == 2 and inputs.choice("1", (1, 2)) is None  # a bool or text is no number
    assert inputs.choice(1, (1, 2)) == 1 and inputs.choice(np.int64(2), (1, 2)) == 2  # numpy's ints are ints
    assert inputs.choice(math.nan, (math.nan,)) is None
    assert inputs.choice(["ratio"], OPTIONS) is None and inputs.choice({"ratio": 1}, OPTIONS) is None
    labels = (np.int64(0), np.int64(1))  # a dataset's class labels
    assert inputs.choice(1, labels) is labels[1]
    assert inputs.choice(np.array([1, 1]), labels) is None  # an array's comparison has no single truth


@given(anything)
def test_choices_are_known_options_each_once(values):
    result = inputs.choices(values, OPTIONS)
    assert set(result) <= set(OPTIONS) and len(result) == len(set(result))


def test_choices_keep_the_order_given_and_drop_unknowns_and_repeats():
    assert inputs.choices(["number", "evil", "balance", "number", ""], OPTIONS) == ["number", "balance"]
    assert inputs.choices("balance", OPTIONS) == [] and inputs.choices(None, OPTIONS) == []
    assert inputs.choices(("ratio",), OPTIONS) == ["ratio"]


@given(anything)
def test_a_number_is_finite_in_range_or_the_default(value):
    result = inputs.number(value, -5.0, 5.0, 0.5)
    assert isinstance(result, float) and math.isfinite(result) and -5.0 <= result <= 5.0
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= 5:  # NaN compares False
        assert result == value


def test_a_number_refuses_what_is_not_a_plain_finite_number():
    for bad in (math.nan, math.inf, -math.inf, 10**400, -(10**400), True, False, "1", None, [1], {"x": 1}, object()):
        assert inputs.number(bad, default=-1.0) == -1.0, bad
    assert inputs.number(1e308) == 1e308 and inputs.number(1e308, high=1.0) is None
    assert inputs.number(3) == 3.0 and inputs.number(np.float32(0.5), 0, 1) == 0.5


@given(anything)
def test_a_whole_number_is_an_int_in_range_or_the_default(value):
    result = inputs.whole(value, 0, 100, 7)
    assert type(result) is int and 0 <= result <= 100


def test_a_whole_number_takes_integral_floats_and_refuses_the_rest():
    assert inputs.whole(3.0, 0, 10) == 3 and inputs.whole(np.int64(4), 0, 10) == 4
    for bad in (2.5, math.nan, math.inf, 1e308, 10**400, -1, 11, True, "3", None, [3]):
        assert inputs.whole(bad, 0, 10, None) is None, bad


@given(anything)
def test_a_flag_is_a_bool(value):
    assert inputs.flag(value, False) is (value if isinstance(value, bool) else False)


def selection_of(points_value) -> dict:
    return {"selection": {"points": points_value, "box": [], "lasso": []}}


point = st.fixed_dictionaries({"x": anything, "y": anything}) | anything


@given(st.one_of(anything, st.lists(point, max_size=6).map(selection_of)))
def test_selected_points_are_pairs_of_finite_floats(state):
    for x, y in inputs.points(state):
        assert type(x) is float and type(y) is float and math.isfinite(x) and math.isfinite(y)


def test_selected_points_keep_the_well_formed_ones():
    state = selection_of([{"x": 1.0, "y": 2, "curve_number": 0}, 7, "abc", None, {"x": "abc", "y": 1},
                          {"x": math.nan, "y": 1}, {"x": 10**400, "y": 1}, {"x": [1], "y": {}}, {"x": True, "y": 0},
                          {"y": 1}, {"x": -3, "y": 4.5}])
    assert inputs.points(state) == [(1.0, 2.0), (-3.0, 4.5)]
    for wrong in (None, 7, "abc", [], {}, {"selection": 7}, selection_of(7), selection_of("abc"), selection_of(None)):
        assert inputs.points(wrong) == []


def test_a_selection_is_read_up_to_its_limit():
    many = selection_of([{"x": float(i), "y": 0.0} for i in range(inputs.MAX_POINTS + 50)])
    assert len(inputs.points(many)) == inputs.MAX_POINTS
    assert len(inputs.points(many, limit=3)) == 3
