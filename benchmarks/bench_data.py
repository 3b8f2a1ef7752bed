"""Benchmark of data loading: ``load_csv`` against a bare ``pandas.read_csv`` of the same bytes.

Run from the project root:  python benchmarks/bench_data.py
``load_csv`` does more than pandas (encoding and delimiter detection, number formats, label checks, notices);
this prints what that costs as a ratio against pandas measured in the same run, at the largest allowed upload:
the churn-shaped table of 20 000 rows, wide tables (1 001, 2 000 and 5 000 columns, as many rows as fit in the
byte limit; the target is under 2 s for 2 000 columns), and the refusal of a 250 000-column file with old-Mac line
endings, whose baseline is one pass over its text (decoding the bytes), since pandas would take minutes on it.
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

from smote_viz.data import MAX_BYTES, MAX_COLUMNS, MAX_ROWS, DataError, generate, load_csv  # noqa: E402


def median_time(fn, repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_cpu(fn, repeats: int = 3) -> float:
    """CPU seconds (this process), which a busy machine changes less than wall time."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
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


def wide_csv(columns: int, seed: int = 0) -> tuple[bytes, int]:
    """Gene-expression-like: ``columns - 1`` decimal measurements and a text label, as many rows as fit."""
    rng = np.random.default_rng(seed)

    def table(rows: int) -> bytes:
        frame = pd.DataFrame(rng.normal(size=(rows, columns - 1)).round(3), columns=[f"g{i}" for i in range(columns - 1)])
        frame["label"] = np.where(np.arange(rows) % 5 == 0, "tumour", "normal")
        return frame.to_csv(index=False).encode()

    rows = int((MAX_BYTES - 50_000) / (len(table(10)) / 10))
    return table(rows), rows


def refused(raw: bytes) -> None:
    try:
        load_csv(raw)
    except DataError:
        return
    raise AssertionError("the file should have been refused")


def main() -> None:
    raw = churn_like_csv(MAX_ROWS)
    bare = median_time(lambda: pd.read_csv(io.BytesIO(raw)))
    ours = median_time(lambda: load_csv(raw))
    print(f"CSV of {MAX_ROWS:,} rows x 9 columns ({len(raw) / 1e6:.1f} MB)")
    print(f"  pandas.read_csv   {bare * 1000:8.1f} ms")
    print(f"  load_csv          {ours * 1000:8.1f} ms   ratio {ours / bare:.2f}")
    for columns in (1001, 2000, MAX_COLUMNS):
        wide, rows = wide_csv(columns)
        bare = median_time(lambda: pd.read_csv(io.BytesIO(wide)), repeats=3)  # noqa: B023 (called at once)
        ours = median_time(lambda: load_csv(wide), repeats=3)  # noqa: B023
        bare_cpu = median_cpu(lambda: pd.read_csv(io.BytesIO(wide)))  # noqa: B023
        ours_cpu = median_cpu(lambda: load_csv(wide))  # noqa: B023
        print(f"Wide CSV of {rows:,} rows x {columns:,} columns ({len(wide) / 1e6:.1f} MB)")
        print(f"  pandas.read_csv   {bare * 1000:8.1f} ms   ({bare_cpu * 1000:.0f} ms CPU)")
        print(f"  load_csv          {ours * 1000:8.1f} ms   ({ours_cpu * 1000:.0f} ms CPU)   ratio {ours / bare:.2f}"
              f" (CPU {ours_cpu / bare_cpu:.2f})")
    names = ",".join(f"{i:x}" for i in range(250_000))
    attack = (names + "\r" + "\r".join([",".join("1" for _ in range(250_000))] * 4) + "\r").encode()
    bare = median_time(lambda: attack.decode("utf-8"))
    ours = median_time(lambda: refused(attack))
    print(f"Refusing 250,000 columns with old-Mac line endings ({len(attack) / 1e6:.1f} MB)")
    print(f"  bytes.decode      {bare * 1000:8.1f} ms")
    print(f"  load_csv refusal  {ours * 1000:8.1f} ms   ratio {ours / bare:.1f}")
    gen = median_time(lambda: generate("ring", 5000, 0.1, 0.3, n_classes=4, random_state=1))
    rng_only = median_time(lambda: np.random.default_rng(1).normal(size=(5000, 2)))
    print("Generated data, 5 000 points, 4 classes")
    print(f"  numpy normal draws {rng_only * 1000:7.2f} ms")
    print(f"  generate           {gen * 1000:7.2f} ms   ratio {gen / rng_only:.1f}")


if __name__ == "__main__":
    main()
