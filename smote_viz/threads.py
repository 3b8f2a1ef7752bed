"""Native thread pools (BLAS, OpenMP) held to one thread, safe under concurrent Streamlit sessions.

On a small shared CPU (a free hosting tier), k-means with one OpenMP thread per core was measured 10 to 90
times slower than with one thread on this app's data sizes, and gradient boosting about 3 times slower
(benchmarks/bench_threads.py). A context manager entered and left per call inside concurrent sessions can
interleave: one session's exit restores limits another session saved, in the middle of that session's run.
``one_native_thread`` only ever sets the limit to one thread and never restores anything, so calls from any
number of sessions agree.

Where the limit lives: BLAS pools (OpenBLAS) are process-wide, but OpenMP's thread count belongs to the Python
thread that sets it (libgomp and LLVM libomp alike; threadpoolctl issue #207), and every Streamlit script run is
its own thread. So the limit is not set once at import: ``one_native_thread`` is called at the start of each
computation, in the thread that computes (tests/test_threads.py checks this on the installed runtime).
"""

from __future__ import annotations

import threading

from threadpoolctl import ThreadpoolController

_LOCK = threading.Lock()
_CONTROLLER: list[ThreadpoolController] = []


def _controller() -> ThreadpoolController:
    """The shared controller; call with ``_LOCK`` held (threadpoolctl's calls are not thread-safe, issue #176)."""
    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0]


def one_native_thread() -> None:
    """Limit every loaded native thread pool to one thread: BLAS for the process, OpenMP for the calling thread
    (idempotent, never undone).

    Called at the start of each computation, so a limit that other code restored in between is set again, and
    OpenMP is limited in whichever thread runs the computation. The controller scans the loaded libraries once;
    setting the limit again costs microseconds.
    """
    with _LOCK:
        _controller().limit(limits=1)  # not used as a context manager: nothing is restored later


def openmp_threads() -> list[int]:
    """The OpenMP thread count of every loaded OpenMP runtime, as the calling thread sees it."""
    with _LOCK:
        return [lib.get_num_threads() for lib in _controller().select(user_api="openmp").lib_controllers]
