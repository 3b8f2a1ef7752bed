"""Benchmarks of the stepper: traced SMOTE against imbalanced-learn, animation payload, a Next click.

Run from the project root:  python benchmarks/bench_smote.py
Every figure is printed as a ratio against a baseline measured in the same run, on the same machine.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imblearn.over_sampling import SMOTE  # noqa: E402

from smote_viz.data import generate  # noqa: E402
from smote_viz.smote import trace_smote  # noqa: E402
from smote_viz.stepper.figures import animation_figure  # noqa: E402
from smote_viz.stepper.narration import position_count  # noqa: E402
from smote_viz.stepper.settings import MAX_ANIMATED  # noqa: E402


def best_and_median(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def bench_trace(repeats: int = 11) -> None:
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (45_000, 2)), rng.normal(2.5, 0.6, (5_000, 2))])
    y = np.array([0] * 45_000 + [1] * 5_000)
    for level in ("run", "arrays", "table"):
        def run_trace(level=level):
            trace = trace_smote(X, y, k_neighbors=5, random_state=0)
            if level != "run":  # every per-step array: seeds, chosen, ranks, neighbours, distances, gaps
                _ = (trace.seed_index, trace.chosen_index, trace.neighbor_indices, trace.neighbor_distances,
                     trace.gap, trace.step_class)
            if level == "table":
                trace.steps_frame()  # the table the page shows: every step with its parents
            return trace

        def run_imblearn():
            return SMOTE(k_neighbors=5, random_state=0).fit_resample(X, y)

        # Interleaved, so both see the same machine load.
        t_times, i_times = [], []
        for _ in range(repeats):
            t_times.append(best_and_median(run_trace, 1)[0])
            i_times.append(best_and_median(run_imblearn, 1)[0])
        t_best, t_med = min(t_times), statistics.median(t_times)
        i_best, i_med = min(i_times), statistics.median(i_times)
        what = {"run": "trace_smote", "arrays": "  + every per-step array", "table": "  + steps_frame() table"}[level]
        print(
            f"{what:26s} 50 000 x 2 -> 40 000 new: {t_best * 1e3:7.1f} ms (median {t_med * 1e3:6.1f}); "
            f"SMOTE.fit_resample {i_best * 1e3:6.1f} ms (median {i_med * 1e3:6.1f}); "
            f"ratio best {t_best / i_best:.2f}, median {t_med / i_med:.2f}"
            + (" (target <= 1.2)" if level == "run" else "")
        )


def frame_bytes(fig) -> tuple[int, int]:
    spec = json.loads(fig.to_json())
    frames = len(json.dumps(spec["frames"], separators=(",", ":")))
    sliders = len(json.dumps(spec["layout"]["sliders"], separators=(",", ":")))
    return frames + sliders, len(fig.to_json())


def bench_payload() -> None:
    ds = generate("blobs", 2000, 0.2, 0.3, random_state=1)
    full = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
    rows = []
    for n in (50, 200, 800):
        trace = full.head(n)
        start = time.perf_counter()
        fig = animation_figure(trace)
        build = time.perf_counter() - start
        per_phase, total = frame_bytes(fig)
        n_frames = position_count(trace)
        rows.append((n, n_frames, per_phase, total, build))
    print("animation payload (frames + slider steps), bytes per phase frame:")
    for n, n_frames, per_phase, total, build in rows:
        print(
            f"  {n:4d} synthetic points, {n_frames:5d} frames: {per_phase / n_frames:6.0f} B/frame, "
            f"whole figure {total / 1e6:5.2f} MB, built in {build:5.2f} s"
        )
    (_, f0, b0, _, _), (_, f2, b2, _, _) = rows[0], rows[-1]
    print(
        f"  growth 50 -> 800 points: frames x{f2 / f0:.1f}, bytes x{b2 / b0:.1f} "
        f"(linear if equal); marginal {(b2 - b0) / (f2 - f0):.0f} B per extra frame (target <= 1000)"
    )


def bench_click(repeats: int = 5) -> None:
    from streamlit.testing.v1 import AppTest

    # predict-first mode: the stepper that steps on the server (elsewhere the browser steps, bench_classroom.py)
    query = {"shape": "blobs", "n": "1000", "minority": "0.1", "noise": "0.3", "classes": "2", "seed": "7",
             "predict": "1"}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/stepper.py")
    at.run()
    assert not at.exception, at.exception
    bare = []
    clicks = []
    for _ in range(repeats):
        start = time.perf_counter()
        at.run()
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        at.button(key="stepper_next").click().run()
        clicks.append(time.perf_counter() - start)
    assert not at.exception
    step = [m.value for m in at.markdown if m.value.startswith("Step **")][0]
    b, c = statistics.median(bare), statistics.median(clicks)
    print(
        f"page at 1 000 points (900 new points, {min(900, MAX_ANIMATED)} animated): bare rerun {b * 1e3:.0f} ms, Next click "
        f"{c * 1e3:.0f} ms (median of {repeats}); ratio {c / b:.2f}; now at '{step[:20]}...'"
    )
    # In the browser a click reruns only the st.fragment around the stepper: its work is one static figure
    # (built and serialised) and one narration. AppTest always reruns the whole script, so time that work here.
    import plotly.io as pio

    from smote_viz.stepper.figures import stepper_figure
    from smote_viz.stepper.narration import narrate

    ds = generate("blobs", 1000, 0.1, 0.3, random_state=7)
    trace = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
    position = 2 * trace.n_new  # half way: 450 synthetic points already drawn

    def fragment_work():
        pio.to_json(stepper_figure(trace, position, positions=ds.class_positions), validate=False)
        narrate(trace, position)

    f_best, f_med = best_and_median(fragment_work, repeats)
    print(
        f"  the fragment's own work per click (figure + JSON + narration): {f_med * 1e3:.0f} ms, "
        f"{f_med / b:.2f} of a bare page rerun (AppTest reruns the whole script; the browser reruns the fragment)"
    )


if __name__ == "__main__":
    bench_trace()
    bench_payload()
    bench_click()
