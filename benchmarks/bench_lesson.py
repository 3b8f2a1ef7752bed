"""Benchmarks of the guided lesson and the new pictures: each chapter's figures and numbers, Home's glance, the
Step through counterfactual and the Data page's scaling comparison, against a baseline measured in the same run.

Run from the project root:  python benchmarks/bench_lesson.py
The baseline is the cheapest thing every chapter must at least do: imbalanced-learn's SMOTE.fit_resample on the
default data (200 points) plus one LogisticRegression fit on 2 000 points. Each line prints a ratio to it, so the
numbers compare across machines; a chapter should stay well under one second on a loaded 2-core machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imblearn.over_sampling import SMOTE  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from smote_viz.data import default_dataset, generate  # noqa: E402
from smote_viz.data.scaling import neighbourhoods  # noqa: E402
from smote_viz.figures.scaling import scaling_figure  # noqa: E402
from smote_viz.lesson.chapters import CHAPTERS  # noqa: E402
from smote_viz.lesson.views import chapter_view  # noqa: E402
from smote_viz.smote import trace_smote  # noqa: E402
from smote_viz.stepper.counterfactual import minority_only_figure  # noqa: E402
from smote_viz.stepper.glance import glance_figure  # noqa: E402
from smote_viz.stepper.landing import minority_only  # noqa: E402


def timed(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main(repeats: int = 7) -> None:
    small = default_dataset()
    large = generate("blobs", 2000, 0.1, 0.3, random_state=7)

    def baseline():
        SMOTE(random_state=0).fit_resample(small.X, small.y)
        LogisticRegression(max_iter=1000).fit(large.X, large.y)

    def glance():
        glance_figure(trace_smote(small.X2, small.y, k_neighbors=5, random_state=0)).to_json()

    def counterfactual():
        result = minority_only(small.X2, small.y, k_neighbors=5, random_state=0)
        minority_only_figure(result, positions=small.class_positions).to_json()

    stretched = generate("blobs", 200, 0.1, 0.3, random_state=7, stretch=100)

    def scaling():
        nb = neighbourhoods(stretched.X2, stretched.y, stretched.minority, 5)
        scaling_figure(stretched.X2, stretched.y, nb, positions=stretched.class_positions).to_json()

    for ch in CHAPTERS:  # imports and first-call set-up out of the way
        chapter_view(ch.key)
    base_best, base_median = timed(baseline, repeats)
    print(f"baseline (SMOTE on 200 points + LogisticRegression on 2 000): best {base_best * 1000:.1f} ms, "
          f"median {base_median * 1000:.1f} ms")
    jobs = [(f"chapter {ch.number} ({ch.key}): figures and numbers", lambda ch=ch: chapter_view(ch.key))
            for ch in CHAPTERS]
    jobs += [("Home: glance animation, built and serialised", glance),
             ("Step through: minority-only counterfactual, built and serialised", counterfactual),
             ("Data: raw against standardised neighbours, built and serialised", scaling)]
    for name, fn in jobs:
        best, median = timed(fn, repeats)
        print(f"{name}: {best / base_best:.1f}x baseline best, {median / base_median:.1f}x median "
              f"({median * 1000:.0f} ms median)")


if __name__ == "__main__":
    main()
