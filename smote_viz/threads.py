"""Native thread pools (BLAS, OpenMP) held to one thread for the whole process.

On a small shared CPU (a free hosting tier), k-means with one OpenMP thread per core was measured 10 to 90
times slower than with one thread on this app's data sizes. ``threadpoolctl``'s limits are process-wide, so a
context manager entered and left per call inside concurrent Streamlit sessions interleaves: one session's exit
restores the limits another session saved, in the middle of that session's run. ``one_native_thread`` only ever
sets the limit to one thread and never restores anything, so calls from any number of sessions agree.
"""

from __future__ import annotations

import threading

from threadpoolctl import ThreadpoolController

_LOCK = threading.Lock()
_CONTROLLER: list[ThreadpoolController] = []


def one_native_thread() -> None:
    """Limit every loaded native thread pool to one thread, process-wide (idempotent, never undone).

    Called at the start of each computation, so a limit that other code restored in between is set again. The
    controller scans the loaded libraries once; setting the limit again costs microseconds.
    """
    with _LOCK:
        if not _CONTROLLER:
            _CONTROLLER.append(ThreadpoolController())
        _CONTROLLER[0].limit(limits=1)  # not used as a context manager: nothing is restored later
