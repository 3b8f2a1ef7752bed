"""Does holding native threads to one (smote_viz.threads.one_native_thread) still pay, and what does it cost?

    python benchmarks/bench_threads.py [--rows 2000] [--fits 10]

1. Gradient boosting (HistGradientBoostingClassifier, OpenMP) fitted ``--fits`` times with the runtime's
   default thread count (baseline, in a fresh thread) against a fresh thread that calls ``one_native_thread()``
   first: ratio < 1 means one thread is faster on this machine, as it is on a small shared CPU. (Gradient
   boosting uses OpenMP, whose count is per thread; the BLAS limit the call also sets does not matter here.)
2. Two sessions at once: two Python threads fitting the same models concurrently, baseline without the
   limit against both inside the limit.
3. The cost of one call (shared controller under a lock, nothing restored) against threadpoolctl's
   ``threadpool_limits`` context manager built per call, the previous way.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from smote_viz.threads import one_native_thread, openmp_threads  # noqa: E402


def data(rows: int):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, 8))
    y = (X[:, 0] + rng.normal(scale=1.0, size=rows) > 1.2).astype(int)
    return X, y


def fits(X, y, n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        HistGradientBoostingClassifier(random_state=i).fit(X, y)
    return time.perf_counter() - start


def limited_fits(X, y, n: int) -> float:
    one_native_thread()
    return fits(X, y, n)


def in_fresh_thread(work, *args) -> float:
    out = []
    t = threading.Thread(target=lambda: out.append(work(*args)))
    t.start()
    t.join()
    return out[0]


def two_sessions(work, X, y, n: int) -> float:
    threads = [threading.Thread(target=work, args=(X, y, n)) for _ in range(2)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def per_call(call, n: int = 200) -> float:
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


def old_way() -> None:
    with threadpool_limits(limits=1, user_api="openmp"):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--fits", type=int, default=10)
    args = parser.parse_args()
    X, y = data(args.rows)
    print(
        f"CPUs: {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}, OpenMP threads by default: {openmp_threads()}"
    )
    in_fresh_thread(fits, X, y, 2)  # warm up
    base, one = [], []
    for _ in range(3):  # interleaved, so both sides see the same background load
        base.append(in_fresh_thread(fits, X, y, args.fits))
        one.append(in_fresh_thread(limited_fits, X, y, args.fits))
    b, o = min(base), min(one)
    print(
        f"1. {args.fits} HGB fits on {args.rows} x 8: default threads {b:.2f} s, one thread {o:.2f} s, "
        f"ratio one/default {o / b:.2f}"
    )
    b2 = two_sessions(fits, X, y, args.fits)
    o2 = two_sessions(limited_fits, X, y, args.fits)
    print(f"2. two sessions at once: default threads {b2:.2f} s, one thread each {o2:.2f} s, ratio {o2 / b2:.2f}")
    old = per_call(old_way)
    new = per_call(one_native_thread)
    print(
        f"3. one call: threadpool_limits enter+leave {old * 1e6:.0f} us, one_native_thread {new * 1e6:.0f} us, "
        f"ratio {new / old:.4f}"
    )


if __name__ == "__main__":
    main()
