"""The native thread limit (smote_viz.threads): OpenMP's count belongs to each Python thread, so the limit is set
in the thread that computes, and concurrent sessions setting it never undo each other's limit."""

from __future__ import annotations

import threading

import pytest
import sklearn.ensemble  # noqa: F401 - loads scikit-learn's OpenMP runtime

from smote_viz.compare import evaluate
from smote_viz.data import default_dataset
from smote_viz.threads import one_native_thread, openmp_threads

pytestmark = pytest.mark.skipif(not openmp_threads(), reason="no OpenMP runtime loaded")


def _in_fresh_thread(fn):
    out = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0]


def test_the_limit_is_set_in_the_calling_thread_and_kept():
    def limited():
        one_native_thread()
        one_native_thread()  # idempotent
        return openmp_threads()

    got = _in_fresh_thread(limited)
    assert got == [1] * len(got)


def test_a_limit_in_one_thread_does_not_reach_another():
    """Why the limit is set per computation, not once at import: a new thread (a new script run) starts at the
    runtime's default count."""
    default = _in_fresh_thread(openmp_threads)
    if max(default) == 1:
        pytest.skip("OpenMP already runs one thread here, so a limit cannot be told apart")
    inside, release = threading.Event(), threading.Event()

    def holder():
        one_native_thread()
        inside.set()
        release.wait(10)

    t = threading.Thread(target=holder)
    t.start()
    assert inside.wait(10)
    assert _in_fresh_thread(openmp_threads) == default
    release.set()
    t.join()


def test_concurrent_sessions_keep_their_limit_throughout():
    """Eight threads set the limit and compute in overlapping order; none ever sees another thread's value."""
    barrier = threading.Barrier(8)
    seen, errors = [], []

    def session():
        try:
            for _ in range(20):
                one_native_thread()
                barrier.wait(10)  # everyone has set the limit; now all check at once
                seen.append(openmp_threads())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=session) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(seen) == 160 and all(set(s) == {1} for s in seen)


def test_evaluate_unit_computes_under_the_limit():
    settings = evaluate.CompareSettings(classifiers="hgb", treatments="none", cv_folds=0)

    def run():
        unit = evaluate.evaluate_unit(default_dataset(), settings, "hgb", "none")
        return unit.holdout is not None, openmp_threads()

    fitted, threads_after = _in_fresh_thread(run)
    assert fitted and set(threads_after) == {1}
