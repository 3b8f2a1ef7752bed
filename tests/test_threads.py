"""The OpenMP limit (smote_viz.threads) is per Python thread: concurrent sessions never see each other's limit,
and every thread gets its own count back, whatever the order in which threads enter and leave."""

from __future__ import annotations

import threading

import pytest
import sklearn.ensemble  # noqa: F401 - loads scikit-learn's OpenMP runtime

from smote_viz import evaluate
from smote_viz.data import default_dataset
from smote_viz.threads import openmp_threads, single_openmp_thread

pytestmark = pytest.mark.skipif(not openmp_threads(), reason="no OpenMP runtime loaded")


def _in_thread(fn):
    out = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0]


def test_the_limit_holds_inside_and_is_restored_after():
    before = openmp_threads()
    with single_openmp_thread():
        assert set(openmp_threads()) == {1}
        with single_openmp_thread():
            assert set(openmp_threads()) == {1}
        assert set(openmp_threads()) == {1}
    assert openmp_threads() == before


def test_a_limit_in_one_thread_does_not_reach_another():
    if max(openmp_threads()) == 1:
        pytest.skip("OpenMP already runs one thread here, so a limit cannot be told apart")
    default = openmp_threads()
    inside, release = threading.Event(), threading.Event()
    seen = {}

    def holder():
        with single_openmp_thread():
            seen["holder"] = openmp_threads()
            inside.set()
            release.wait(10)
        seen["holder after"] = openmp_threads()

    t = threading.Thread(target=holder)
    t.start()
    assert inside.wait(10)
    seen["main meanwhile"] = openmp_threads()
    seen["other thread meanwhile"] = _in_thread(openmp_threads)
    release.set()
    t.join()
    assert seen["holder"] == [1] * len(default)
    assert seen["main meanwhile"] == default
    assert seen["other thread meanwhile"] == default
    assert seen["holder after"] == default


def test_interleaved_sessions_restore_their_own_counts():
    """Eight threads enter and leave the limit in overlapping order; none ends with another's value."""
    default = _in_thread(openmp_threads)
    barrier = threading.Barrier(4)  # the odd threads meet inside the limit, the even ones run through
    results, errors = [], []

    def session(i):
        try:
            for _ in range(20):
                with single_openmp_thread():
                    if i % 2:
                        barrier.wait(10)
                    assert set(openmp_threads()) == {1}
            results.append(openmp_threads())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == [default] * 8


def test_evaluate_unit_leaves_the_calling_thread_as_it_was():
    before = openmp_threads()
    ds = default_dataset()
    settings = evaluate.CompareSettings(classifiers="hgb", treatments="none", cv_folds=0)
    unit = evaluate.evaluate_unit(ds, settings, "hgb", "none")
    assert unit.holdout is not None
    assert openmp_threads() == before
