"""Benchmark: the SMOTE-family page's real work on 2 000 points against the bare library calls it wraps.

The page, with its default settings (``GalleryParams()``: every panel, k = 5, m = 10, strategy auto, cluster
threshold auto, logistic regression), builds the grid (every sampler on all rows, its internal state, the Plotly
figure) AND scores every panel on a held-out split (the Compare page's recipe). Measured in the same run:

- headline: page work (grid + held-out evaluation) against the bare library calls that work needs: every
  panel's ``sampler.fit_resample(X, y)``, plus per panel the held-out part done by hand (stratified split with
  the same test share, scaler where the model needs one, ``sampler.fit_resample`` of the training part, the
  classifier's ``fit`` and ``predict``);
- second line: the grid alone against the bare ``fit_resample(X, y)`` calls alone.

Printed for the median and for the fastest of ``REPEATS`` runs (the fastest is the least disturbed by other
processes on a shared machine). Both sides run under the same process-wide one-thread limit the page sets
(``smote_viz.threads.one_native_thread``); ``--no-thread-limit`` runs everything with the libraries' default
thread pools instead (run it in its own process: the limit, once set, stays for the process).

    python benchmarks/bench_variants.py [n_samples] [--no-thread-limit]
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from pathlib import Path

from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_info

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import smote_viz.family.gallery as gallery  # noqa: E402
from smote_viz.compare import evaluate  # noqa: E402
from smote_viz.data import generate  # noqa: E402
from smote_viz.family import TEST_SIZE, VARIANT_KEYS, GalleryParams, make_sampler, run_gallery  # noqa: E402
from smote_viz.family.figures import gallery_figure  # noqa: E402
from smote_viz.threads import one_native_thread  # noqa: E402

REPEATS = 7


def bare(X, y, params, with_evaluation: bool) -> dict[str, float]:
    """Seconds per panel of the bare library calls (a failing sampler costs what it costs until it raises)."""
    times = {}
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=TEST_SIZE, stratify=y, random_state=params.seed)
    for key in VARIANT_KEYS:
        start = time.perf_counter()
        sampler = make_sampler(key, params)
        if sampler is not None:
            try:
                sampler.fit_resample(X, y)
            except (ValueError, RuntimeError):
                pass
        if with_evaluation:
            pipe = evaluate.build_pipeline(params.classifier, "none", seed=params.seed)
            scaler, model = pipe.named_steps.get("scale"), pipe.named_steps["model"]
            A, B = (scaler.fit_transform(Xtr), scaler.transform(Xte)) if scaler is not None else (Xtr, Xte)
            A_fit, y_fit = A, ytr
            if sampler is not None:
                try:
                    A_fit, y_fit = make_sampler(key, params).fit_resample(A, ytr)
                except (ValueError, RuntimeError):
                    pass
            model.fit(A_fit, y_fit)
            model.predict(B)
        times[key] = time.perf_counter() - start
    return times


def page(X, y, params, names, with_evaluation: bool) -> float:
    start = time.perf_counter()
    results = run_gallery(X, y, VARIANT_KEYS, params, positive=1, with_evaluation=with_evaluation)
    gallery_figure(results, X, y, axis_names=names)
    return time.perf_counter() - start


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    limited = "--no-thread-limit" not in sys.argv
    n = int(args[0]) if args else 2000
    warnings.simplefilter("ignore")
    if limited:
        one_native_thread()
    else:
        gallery.one_native_thread = lambda: None  # the page's limit switched off, for comparison only
    ds = generate("moons", n, 0.1, 0.3, random_state=1)
    X, y = ds.X2, ds.y
    params = GalleryParams()  # the page's defaults
    page(X, y, params, ds.view_names, True)  # warm-up: imports, BLAS threads, first Plotly validation
    runs: dict[str, list[float]] = {"bare": [], "bare_eval": [], "grid": [], "page": []}
    per_key = []
    for _ in range(REPEATS):
        times = bare(X, y, params, with_evaluation=False)
        per_key.append(times)
        runs["bare"].append(sum(times.values()))
        runs["bare_eval"].append(sum(bare(X, y, params, with_evaluation=True).values()))
        runs["grid"].append(page(X, y, params, ds.view_names, False))
        runs["page"].append(page(X, y, params, ds.view_names, True))
    threads = sorted({lib["num_threads"] for lib in threadpool_info()})
    print(f"SMOTE-family page, {n} points ({ds.counts}), {len(VARIANT_KEYS)} panels, page defaults "
          f"(threshold {params.cluster_threshold}, {evaluate.CLASSIFIERS[params.classifier]}, test share "
          f"{TEST_SIZE}), {REPEATS} runs, native threads {threads}")
    for key in VARIANT_KEYS:
        print(f"  bare fit_resample {key:<14} {statistics.median(t[key] for t in per_key) * 1000:8.1f} ms (median)")
    for name, pick in (("median", statistics.median), ("fastest", min)):
        b, be, g, p = (pick(runs[k]) for k in ("bare", "bare_eval", "grid", "page"))
        print(f"[{name}] HEADLINE page (grid + held-out evaluation) {p * 1000:8.1f} ms vs bare fit_resample + "
              f"held-out fit_resample + classifier fit/predict {be * 1000:8.1f} ms: ratio {p / be:.2f}")
        print(f"[{name}] grid only (state + figure)          {g * 1000:8.1f} ms vs bare fit_resample calls "
              f"{b * 1000:8.1f} ms: ratio {g / b:.2f}")


if __name__ == "__main__":
    main()
