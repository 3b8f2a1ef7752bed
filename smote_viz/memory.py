"""Keeping the server's memory low under many sessions, and giving freed memory back after a lesson ends.

Every Streamlit session runs its script in its own thread, and glibc's malloc gives threads that allocate at the
same time their own memory arenas (up to 8 per core); memory freed in one arena is not reused by another, so 20
sessions clicking at once leave the server at a much higher RSS than the memory it really uses.
``limit_arenas`` caps the arenas (``mallopt(M_ARENA_MAX)``, what the ``MALLOC_ARENA_MAX`` environment variable
does, which a hosted app cannot set): measured with benchmarks/bench_load.py, 20 sessions on one link peaked at
414 MB instead of 467 MB, and the server settled at 386 MB instead of 408 MB after they closed.

When sessions close, Python frees their objects, but malloc keeps freed pages mapped for reuse: the server's RSS
stays at its peak although the memory is free. ``malloc_trim(0)`` returns those pages; ``start_releasing`` runs
it every ``interval_s`` seconds on a daemon thread, once per process. On a C library without these calls (macOS,
musl) both do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import threading
import time

_STARTED = threading.Event()


@functools.cache
def _libc():
    """The C library, loaded once (None where it cannot be loaded)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


@functools.cache
def _malloc_trim():
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is None:
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)
ARENAS = 2


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap malloc's arenas for threads created from now on (once is enough; calling again is harmless)."""
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, int(arenas)))


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
    limit_arenas()

    def loop() -> None:
        while True:
            time.sleep(interval_s)
            gc.collect()  # the cycles left by the runs since (Streamlit's collection after each run is off)
            release_free_memory()

    threading.Thread(target=loop, name="smote-lab-release-memory", daemon=True).start()
    return True
