"""One OpenMP thread for native work started from the calling Python thread, safe under concurrent sessions.

Why: on a small shared CPU (a free hosting tier, two cores shared with other work), OpenMP code such as
scikit-learn's HistGradientBoostingClassifier starting a second thread that fights other work for the same
core is slower than one thread (measured in benchmarks/bench_threads.py).

How, and why it is safe when several Streamlit sessions run at once (each script run is its own Python
thread):

- OpenMP's thread count (the ``nthreads-var`` ICV) belongs to the calling thread: ``omp_set_num_threads`` in
  one Python thread does not change another thread's count (libgomp and LLVM libomp alike; threadpoolctl
  issue #207). So a limit set and restored inside one thread cannot restore a wrong value in another thread.
  tests/test_threads.py checks this on the installed runtime.
- threadpoolctl's own calls are not thread-safe (threadpoolctl issue #176), so every set and restore here
  runs under one process-wide lock, on one shared ``ThreadpoolController`` built once (building it scans the
  loaded libraries).
- BLAS pools (OpenBLAS) are process-wide, so they are deliberately left alone: changing them from one
  session would change them for every session.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import ThreadpoolController

_LOCK = threading.Lock()
_CONTROLLER: list[ThreadpoolController] = []


def _controller() -> ThreadpoolController:
    """The shared controller; call with ``_LOCK`` held. Built at first use, after scikit-learn has loaded OpenMP."""
    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0]


def openmp_threads() -> list[int]:
    """The OpenMP thread count of every loaded OpenMP runtime, as the calling thread sees it."""
    with _LOCK:
        return [lib.get_num_threads() for lib in _controller().select(user_api="openmp").lib_controllers]


@contextmanager
def single_openmp_thread() -> Iterator[None]:
    """Within the block, OpenMP code started from this thread uses one thread; the previous count comes back after.

    Only the calling thread is affected (see the module docstring); nesting is fine.
    """
    with _LOCK:
        limiter = _controller().limit(limits=1, user_api="openmp")
    try:
        yield
    finally:
        with _LOCK:
            limiter.restore_original_limits()
