"""Benchmark of data loading: ``load_csv`` against a bare ``pandas.read_csv`` of the same bytes.

Run from the project root:  python benchmarks/bench_data.py
``load_csv`` does more than pandas (encoding and delimiter detection, number formats, label checks, notices);
this prints what that costs as a ratio against pandas measured in the same run, at the largest allowed upload.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smote_viz.data import MAX_ROWS, generate, load_csv  # noqa: E402


def median_time(fn, repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def churn_like_csv(rows: int, seed: int = 0) -> bytes:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "credit_score": rng.integers(350, 850, rows),
            "age": rng.integers(18, 92, rows),
            "tenure": rng.integers(0, 11, rows),
            "balance": rng.uniform(0, 250_000, rows).round(2),
            "products": rng.integers(1, 5, rows),
            "has_card": rng.integers(0, 2, rows),
            "active": rng.integers(0, 2, rows),
            "salary": rng.uniform(10, 200_000, rows).round(2),
            "churned": (rng.uniform(size=rows) < 0.2037).astype(int),
        }
    )
    return frame.to_csv(index=False).encode()


def main() -> None:
    raw = churn_like_csv(MAX_ROWS)
    bare = median_time(lambda: pd.read_csv(io.BytesIO(raw)))
    ours = median_time(lambda: load_csv(raw))
    print(f"CSV of {MAX_ROWS:,} rows x 9 columns ({len(raw) / 1e6:.1f} MB)")
    print(f"  pandas.read_csv   {bare * 1000:8.1f} ms")
    print(f"  load_csv          {ours * 1000:8.1f} ms   ratio {ours / bare:.2f}")
    gen = median_time(lambda: generate("ring", 5000, 0.1, 0.3, n_classes=4, random_state=1))
    rng_only = median_time(lambda: np.random.default_rng(1).normal(size=(5000, 2)))
    print("Generated data, 5 000 points, 4 classes")
    print(f"  numpy normal draws {rng_only * 1000:7.2f} ms")
    print(f"  generate           {gen * 1000:7.2f} ms   ratio {gen / rng_only:.1f}")


if __name__ == "__main__":
    main()
