"""Giving freed memory back to the operating system, so the server's RSS falls after a lesson ends.

When sessions close, Python frees their objects, but the C allocator (glibc's malloc) keeps most of the freed
pages mapped for reuse: the server's RSS stays at its peak although the memory is free. ``malloc_trim(0)``
returns those pages. ``start_releasing`` runs it every ``interval_s`` seconds on a daemon thread, once per
process; on a C library without ``malloc_trim`` (macOS, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time

_STARTED = threading.Event()


def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return the allocator's free pages to the operating system now; False where that is not possible."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def start_releasing(interval_s: float = 60.0) -> bool:
    """Start (once per process) a daemon thread that calls ``release_free_memory`` every ``interval_s`` seconds.
    Returns True when this call started it."""
    if _STARTED.is_set() or _malloc_trim() is None:
        return False
    _STARTED.set()

    def loop() -> None:
        while True:
            time.sleep(interval_s)
            release_free_memory()

    threading.Thread(target=loop, name="smote-lab-release-memory", daemon=True).start()
    return True
