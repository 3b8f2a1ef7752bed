"""Benchmark: the SMOTE-family gallery on 2 000 points against the bare ``fit_resample`` calls it wraps.

Baseline (measured in the same run): the sum of ``sampler.fit_resample(X, y)`` over every panel's sampler.
Measured: (a) every panel's result with its internal state (replayed draws, votes, clusters) plus the Plotly
grid; (b) the same plus each panel's held-out evaluation (a second resampling of the 70 % training part and a
classifier fit). Target: ratio (a) <= 1.5. Printed for the median and for the fastest of ``REPEATS`` runs (the fastest is
the least disturbed by other processes on a shared machine). Both sides run with native thread
pools limited to one thread, as the gallery does (``run_variant``).

    python benchmarks/bench_variants.py [n_samples]
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from pathlib import Path

from threadpoolctl import ThreadpoolController

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smote_viz.data import generate  # noqa: E402
from smote_viz.figures.variants import gallery_figure  # noqa: E402
from smote_viz.variants import VARIANT_KEYS, GalleryParams, make_sampler, run_gallery  # noqa: E402

REPEATS = 7
CONTROLLER = ThreadpoolController()


def bare(X, y, params) -> dict[str, float]:
    times = {}
    for key in VARIANT_KEYS:
        sampler = make_sampler(key, params)
        start = time.perf_counter()
        if sampler is not None:
            # the same one-thread limit the gallery uses, so both sides run under equal conditions
            try:
                with CONTROLLER.limit(limits=1):
                    sampler.fit_resample(X, y)
            except (ValueError, RuntimeError):
                pass  # a failing sampler costs what it costs until it raises
        times[key] = time.perf_counter() - start
    return times


def grid(X, y, params, names, with_evaluation: bool) -> float:
    start = time.perf_counter()
    results = run_gallery(X, y, VARIANT_KEYS, params, positive=1, with_evaluation=with_evaluation)
    gallery_figure(results, X, y, axis_names=names)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    warnings.simplefilter("ignore")
    ds = generate("moons", n, 0.1, 0.3, random_state=1)
    X, y = ds.X2, ds.y
    params = GalleryParams(cluster_threshold="0.1")
    grid(X, y, params, ds.view_names, True)  # warm-up: imports, BLAS threads, first Plotly validation
    base_runs, grid_runs, eval_runs, per_key = [], [], [], []
    for _ in range(REPEATS):
        times = bare(X, y, params)
        per_key.append(times)
        base_runs.append(sum(times.values()))
        grid_runs.append(grid(X, y, params, ds.view_names, False))
        eval_runs.append(grid(X, y, params, ds.view_names, True))
    print(f"SMOTE-family gallery, {n} points ({ds.counts}), {len(VARIANT_KEYS)} panels, {REPEATS} runs")
    for key in VARIANT_KEYS:
        print(f"  bare {key:<14} {statistics.median(t[key] for t in per_key) * 1000:8.1f} ms (median)")
    for name, pick in (("median", statistics.median), ("fastest", min)):
        base, g, e = pick(base_runs), pick(grid_runs), pick(eval_runs)
        print(f"[{name}] baseline: sum of bare fit_resample calls  {base * 1000:8.1f} ms")
        print(f"[{name}] grid (state + figure)                      {g * 1000:8.1f} ms   ratio {g / base:.2f}"
              "  (target <= 1.5)")
        print(f"[{name}] grid + held-out evaluation of every panel  {e * 1000:8.1f} ms   ratio {e / base:.2f}")


if __name__ == "__main__":
    main()
