"""Issue 12: every refusal of an uploaded file is cheap. Real generated bad files (very wide, header-only wide,
over the size limit, too many rows, ...) are read in a fresh Python process each, which reports the CPU time of
the refusal and the process's peak memory (VmHWM, imports included): under 3 CPU-seconds and 400 MB.

CPU time rather than wall time, so a busy machine does not fail the test; the parent also gives up on a child
after 120 s (a wide file used to take 14 minutes), which fails the test too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smote_viz.data import MAX_BYTES, MAX_COLUMNS, MAX_ROWS

ROOT = Path(__file__).resolve().parents[1]
CPU_LIMIT_S = 3.0
PEAK_LIMIT_MB = 400

# Peak memory is the process's high-water mark (VmHWM in /proc/self/status, in kB). ru_maxrss is not used: on
# Linux a forked child starts with its parent's high-water mark, which here would be pytest's.
CHILD = """
import json, re, sys, time
def peak_mb():
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1)) / 1024
from smote_viz.data import DataError, load_csv
raw = open(sys.argv[1], "rb").read()
before = peak_mb()
start = time.process_time()
try:
    load_csv(raw)  # the Data page's path: read the table, then make the dataset with the default columns
    outcome = "read"
except DataError as error:
    outcome = str(error)
cpu = time.process_time() - start
print(json.dumps({"outcome": outcome, "cpu": cpu, "peak_mb": peak_mb(), "before_mb": before}))
"""


def _names(n: int) -> str:
    return ",".join(f"{i:x}" for i in range(n))


def wide(path: Path) -> None:
    """250 000 columns x 4 rows (the issue's file: 14 minutes at 100 % CPU and 2.9 GB before)."""
    n = 250_000
    row = ",".join("1" for _ in range(n))
    path.write_text(_names(n) + "\n" + "\n".join([row] * 4) + "\n")


def wide_old_mac(path: Path) -> None:
    """The same 250 000 columns with old-Mac line endings (a carriage return alone): the width check must see the
    header end at the first \\r, not count every cell of the file as one header."""
    n = 250_000
    row = ",".join("1" for _ in range(n))
    path.write_bytes((_names(n) + "\r" + "\r".join([row] * 4) + "\r").encode())


def header_only_wide(path: Path) -> None:
    """A header alone, as wide as the size limit allows (626 389 columns took 57 s and 2.9 GB before)."""
    n = 626_389
    text = _names(n)
    while len(text) + 1 > MAX_BYTES:
        n -= 1000
        text = _names(n)
    path.write_text(text + "\n")


def just_too_wide(path: Path) -> None:
    """One column over the limit, as many rows as fit in the byte limit."""
    n = MAX_COLUMNS + 1
    header, row = _names(n), ",".join(str(i % 7) for i in range(n))
    path.write_text(header + "\n" + "\n".join([row] * ((MAX_BYTES - len(header)) // (len(row) + 1) - 1)) + "\n")


def narrow_header_wide_row(path: Path) -> None:
    path.write_text("a,label\n1,0\n" + ",".join("1" for _ in range(1_000_000)) + "\n2,1\n")


def over_size(path: Path) -> None:
    path.write_text("a,b,label\n" + "0.123456,0.654321,1\n" * (MAX_BYTES // 20 + 10))


def many_rows(path: Path) -> None:
    path.write_text("a,label\n" + "1,0\n" * ((MAX_BYTES - 20) // 4))


def many_rows_one_column(path: Path) -> None:
    path.write_text("a\n" + "1\n" * ((MAX_BYTES - 10) // 2))


def one_long_line(path: Path) -> None:
    path.write_text("x" * (MAX_BYTES - 1) + "\n")


def json_array(path: Path) -> None:
    path.write_text("[" + "1," * ((MAX_BYTES - 10) // 2) + "1]")


def all_text(path: Path) -> None:
    """The most text cells the limits allow (MAX_COLUMNS columns, 5 MB): no numeric column, refused after parsing."""
    n = MAX_COLUMNS
    header = _names(n)
    rows = (MAX_BYTES - len(header) - 1000) // (2 * n)
    path.write_text(header + "\n" + "\n".join([",".join("a" for _ in range(n))] * rows) + "\n")


def all_words(path: Path) -> None:
    """As all_text, with a different word in every cell (no single-letter strings that Python shares)."""
    n = MAX_COLUMNS
    header = _names(n)
    row_length = len(",".join(f"w{j:x}" for j in range(n))) + 1
    rows = (MAX_BYTES - len(header) - 1000) // row_length
    body = "\n".join(",".join(f"w{j:x}" for j in range(n)) for _ in range(rows))
    path.write_text(header + "\n" + body + "\n")


def conflict_markers(path: Path) -> None:
    """A file saved in the middle of a git merge: the markers around two versions of the rows."""
    rows = "".join(f"{i},{i % 7},{i % 2}\n" for i in range(5000))
    path.write_text("<<<<<<< HEAD\na,b,label\n" + rows + "=======\na,b,label\n" + rows + ">>>>>>> cleanup\n")


CASES = {
    "wide": (wide, "columns"),
    "wide_old_mac": (wide_old_mac, "The header has 250,000 comma-separated columns"),
    "header_only_wide": (header_only_wide, "columns"),
    "just_too_wide": (just_too_wide, f"The header has {MAX_COLUMNS + 1:,} comma-separated columns; SMOTE Lab reads at most {MAX_COLUMNS:,}"),
    "narrow_header_wide_row": (narrow_header_wide_row, "Line 3"),
    "over_size": (over_size, "limit is"),
    "many_rows": (many_rows, f"{MAX_ROWS:,} rows"),
    "many_rows_one_column": (many_rows_one_column, f"{MAX_ROWS:,} rows"),
    "one_long_line": (one_long_line, ""),
    "json_array": (json_array, "JSON"),
    "all_text": (all_text, "no numeric feature"),
    "all_words": (all_words, "no numeric feature"),
    "conflict_markers": (conflict_markers, "git merge-conflict markers"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_upload_is_refused_quickly_and_in_little_memory(case, tmp_path):
    make, expected = CASES[case]
    path = tmp_path / f"{case}.csv"
    make(path)
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: reading {path.stat().st_size:,} bytes did not finish within 120 s")
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    print(case, path.stat().st_size, report)
    assert report["outcome"] != "read", f"{case} should be refused"
    assert expected in report["outcome"]
    assert report["cpu"] < CPU_LIMIT_S, f"{case}: the refusal took {report['cpu']:.2f} CPU-s"
    assert report["peak_mb"] < PEAK_LIMIT_MB, f"{case}: peak {report['peak_mb']:.0f} MB"
