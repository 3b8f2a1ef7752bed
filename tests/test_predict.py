"""Predict, then reveal: the questions, how a selection becomes rows, and the scores (pure functions)."""

from __future__ import annotations

import numpy as np
import pytest

from smote_viz.data import default_dataset
from smote_viz.smote import trace_smote
from smote_viz.stepper.predict import (
    CHOSEN,
    DANGER,
    GAP,
    NEIGHBOURS,
    Answer,
    candidate_rows,
    danger_question,
    question_at,
    rows_at,
    score,
    score_danger,
)
from smote_viz.stepper.ui import _selected_points


@pytest.fixture(scope="module")
def trace():
    ds = default_dataset()
    return trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)


def test_each_reveal_is_preceded_by_its_question(trace):
    assert question_at(trace, 0) is None  # the seed is random: nothing to predict
    kinds = [question_at(trace, p) for p in range(1, 9)]
    assert [q.kind if q else None for q in kinds] == [NEIGHBOURS, CHOSEN, GAP, None] * 2
    neighbours, chosen, gap = kinds[:3]
    assert "which 5 points of class 1 are the nearest neighbours" in neighbours.text
    assert "which of the 5 neighbours will be chosen" in chosen.text
    assert "where on the segment" in gap.text and "x_new" in gap.text
    assert neighbours.selection and chosen.selection and not gap.selection  # the gap takes a slider
    assert "in danger" in danger_question(0, 10).text and "m = 10" in danger_question(0, 10).how


def test_a_selection_becomes_the_candidate_rows_under_it(trace):
    X = trace.X
    q = question_at(trace, 1)
    candidates = candidate_rows(trace, q)
    seed = int(trace.seed_index[0])
    assert seed not in candidates and set(np.asarray(trace.y)[list(candidates)]) == {1}
    assert len(candidates) == int(np.sum(trace.y == 1)) - 1
    a, b = candidates[:2]
    majority_row = int(np.flatnonzero(trace.y == 0)[0])
    # Plotly reports float32 coordinates; a click on empty space or on another class's point picks nothing.
    points = [(float(np.float32(X[a, 0])), float(np.float32(X[a, 1]))), (X[b, 0], X[b, 1]), (X[a, 0], X[a, 1]),
              (X[majority_row, 0], X[majority_row, 1]), (99.0, 99.0), (None, None)]
    assert rows_at(points, X, candidates) == tuple(sorted((a, b)))
    assert rows_at([], X, candidates) == ()
    chosen = candidate_rows(trace, question_at(trace, 2))
    assert chosen == tuple(int(r) for r in trace.neighbor_indices[0])


def test_the_selection_state_of_a_chart_is_read_as_points():
    state = {"selection": {"points": [{"x": 1.0, "y": 2.0, "curve_number": 0}], "box": [], "lasso": []}}
    assert _selected_points(state) == [(1.0, 2.0)]
    assert _selected_points(None) == [] and _selected_points({"selection": {"points": []}}) == []


def test_neighbours_are_scored_by_how_many_were_right(trace):
    q = question_at(trace, 1)
    truth = [int(r) for r in trace.neighbor_indices[0]]
    wrong = [r for r in candidate_rows(trace, q) if r not in truth][0]
    verdict = score(trace, q, Answer(NEIGHBOURS, 1, tuple(truth[:4] + [wrong])))
    assert verdict.headline == "4 of your 5 were right." and (verdict.right, verdict.asked) == (4, 5)
    assert f"row {wrong} is only the" in verdict.detail and "You missed 1 neighbour" in verdict.detail
    assert score(trace, q, Answer(NEIGHBOURS, 1, tuple(truth))).headline == "5 of your 5 were right."
    fewer = score(trace, q, Answer(NEIGHBOURS, 1, tuple(truth[:2])))
    assert fewer.headline == "2 of the 2 points you picked are among the 5 nearest."
    skipped = score(trace, q, None)
    assert not skipped.answered and skipped.headline == "No prediction."


def test_the_chosen_neighbour_is_luck_and_the_verdict_says_so(trace):
    q = question_at(trace, 2)
    neighbours = [int(r) for r in trace.neighbor_indices[0]]
    chosen = int(trace.chosen_index[0])
    right = score(trace, q, Answer(CHOSEN, 2, (chosen,)))
    assert right.headline == "Right, by luck." and "chance, 1/5" in right.detail
    other = next(r for r in neighbours if r != chosen)
    wrong = score(trace, q, Answer(CHOSEN, 2, (other,)))
    assert wrong.headline == "Not this time." and f"chose neighbour {int(trace.chosen_rank[0])}" in wrong.detail
    assert wrong.right == 0


def test_the_gap_guess_is_scored_by_its_distance_along_the_segment(trace):
    q = question_at(trace, 3)
    gap = float(trace.gap[0])
    close = score(trace, q, Answer(GAP, 3, value=round(gap, 2)))
    assert close.headline == "Close." and close.error == pytest.approx(abs(round(gap, 2) - gap))
    far = score(trace, q, Answer(GAP, 3, value=1.0 if gap < 0.5 else 0.0))
    assert far.headline == "Far off." and f"λ = {gap:.4f}" in far.detail
    assert "[0, 0.5)" in score(trace, q, Answer(GAP, 3, value=0.2), gap_range=(0.0, 0.5)).detail
    assert score(trace, q, Answer(GAP, 3)).headline == "No prediction."


def test_danger_points_are_scored_against_the_vote():
    rows = [3, 5, 8, 13, 21]
    category = ["danger", "safe", "danger", "noise", "danger"]
    verdict = score_danger(rows, category, Answer(DANGER, 0, (3, 5, 13, 21, 99)))  # 99 is not a minority row
    assert verdict.headline == "2 of your 4 were right."
    assert "You found 2 of the 3 danger points" in verdict.detail and "1 safe and 1 noise" in verdict.detail
    assert score_danger(rows, category, None).headline == "No prediction."
