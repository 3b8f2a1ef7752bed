"""Every CSV the app offers is written here, with spreadsheet formulas neutralised.

A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, even when the CSV quotes it, and a tab or carriage return in front hides such a start. Uploaded column
names and labels reach our downloads, so a file named ``=HYPERLINK(...)`` could make a learner's spreadsheet
open a link or run a command. Following OWASP's CSV-injection guidance, a text cell (a header included) that
starts with one of those characters gets a leading ``'``, which makes the spreadsheet show it as text; real
numbers such as ``-0.53`` (number columns, and text cells that are a whole number) are never changed.

The same neutralising is applied to tables shown with ``st.dataframe`` that hold user text, because
Streamlit's own table toolbar can download them as CSV too (it writes the cells as shown).

The resampled data of a run (originals and synthetic points, with where each synthetic point came from) is
built here as a table for the download buttons of the stepper and the SMOTE family.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
ESCAPE = "'"
# A whole cell that is a number, as a spreadsheet would read it: optional sign, digits with optional thousands
# separators, a decimal point or comma, an exponent; or inf / nan. Such cells are data, not formulas.
_NUMBER = re.compile(
    r"[+-]?(\d+([.,]\d*)?|[.,]\d+|\d{1,3}([,.' ]\d{3})+([.,]\d*)?)([eE][+-]?\d+)?|[+-]?(inf|infinity|nan)",
    re.IGNORECASE,
)


def is_formula(text: str) -> bool:
    """True when a spreadsheet could run ``text`` as a formula: its first character (after any spaces) is one
    of ``FORMULA_STARTS`` and it is not a plain number."""
    stripped = text.lstrip(" ")
    if not stripped or not (text.startswith(FORMULA_STARTS) or stripped.startswith(FORMULA_STARTS)):
        return False
    return _NUMBER.fullmatch(stripped.strip()) is None


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula; anything else as is."""
    if isinstance(value, str) and is_formula(value):
        return ESCAPE + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose column names and text cells are safe to open in a spreadsheet.

    Number, boolean and date columns are left exactly as they are; only text (object or string) columns and the
    header are looked at.
    """
    out = frame.copy()
    out.columns = [safe_cell(str(c)) if isinstance(c, str) else c for c in out.columns]
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if column.dtype.kind == "O" or isinstance(column.dtype, pd.StringDtype):
            out.isetitem(i, column.map(safe_cell, na_action="ignore"))
    return out


def count_neutralised(frame: pd.DataFrame) -> int:
    """How many header and text cells ``neutralise`` changes (to tell the user)."""
    header = sum(1 for c in frame.columns if isinstance(c, str) and is_formula(c))
    cells = 0
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if column.dtype.kind == "O" or isinstance(column.dtype, pd.StringDtype):
            cells += int(column.map(lambda v: isinstance(v, str) and is_formula(v), na_action="ignore").sum())
    return header + cells


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV (no index), neutralised: the one way the app writes a CSV file.

    Text cells are quoted (OWASP: escape quotes and wrap each text field in quotes); numbers are not.
    """
    return neutralise(frame).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").encode("utf-8")


# --- the resampled data of a run -------------------------------------------------------------------------------
def resampled_frame(
    X: np.ndarray,
    y: np.ndarray,
    *,
    feature_names: Sequence[str],
    label_name: str,
    sampler: str,
    original_row: np.ndarray,
    seed_row: np.ndarray | None = None,
    neighbour_row: np.ndarray | None = None,
    gap: np.ndarray | None = None,
) -> pd.DataFrame:
    """The output of a sampler as a table, one row per output row, in the sampler's output order.

    ``original_row`` gives, per output row, its row number in the original data (-1 for a synthetic row).
    ``seed_row``, ``neighbour_row`` and ``gap`` give, per output row, the seed and the neighbour a synthetic point
    was made from and its gap (-1 / NaN where there is none: originals, copies without a neighbour). Row numbers
    count from 0, as on every page of the app. Columns: the features, the label, ``synthetic``, ``original_row``,
    ``seed_row``, ``neighbour_row``, ``gap``, ``sampler``; row numbers that do not apply are left empty.
    """
    X = np.asarray(X)
    n = len(X)
    original = np.asarray(original_row, dtype=np.int64)
    if X.ndim != 2 or X.shape[1] != len(feature_names) or len(y) != n or len(original) != n:
        raise ValueError("X, y, original_row and feature_names must describe the same rows and columns")
    frame: dict[str, object] = {}
    names = unique_names([*feature_names, label_name])
    for j, name in enumerate(names[:-1]):
        frame[name] = X[:, j]
    frame[names[-1]] = np.asarray(y)
    frame["synthetic"] = original < 0
    frame["original_row"] = _rows(original)
    frame["seed_row"] = _rows(seed_row, n)
    frame["neighbour_row"] = _rows(neighbour_row, n)
    frame["gap"] = np.full(n, np.nan) if gap is None else np.asarray(gap, dtype=np.float64)
    frame["sampler"] = np.full(n, sampler, dtype=object)
    return pd.DataFrame(frame)


def _rows(values: np.ndarray | None, n: int | None = None) -> pd.Series:
    """Row numbers as a nullable integer column: -1 (no such row) becomes an empty cell."""
    if values is None:
        return pd.Series(pd.array([pd.NA] * int(n or 0), dtype="Int64"))
    values = np.asarray(values, dtype=np.int64)
    return pd.Series(pd.array(np.where(values < 0, 0, values), dtype="Int64")).mask(values < 0)


RESERVED = ("synthetic", "original_row", "seed_row", "neighbour_row", "gap", "sampler")


def unique_names(names: Sequence[str]) -> list[str]:
    """Column names that clash neither with each other nor with the columns ``resampled_frame`` adds
    (a clash gets ``_2``, ``_3`` ... appended)."""
    taken = set(RESERVED)
    out = []
    for name in map(str, names):
        candidate, i = name, 2
        while candidate in taken:
            candidate, i = f"{name}_{i}", i + 1
        taken.add(candidate)
        out.append(candidate)
    return out


def trace_frame(trace, *, feature_names: Sequence[str], label_name: str, sampler: str = "SMOTE") -> pd.DataFrame:
    """The resampled data of a traced SMOTE run (``smote_viz.smote.SmoteTrace``): every original row, then every
    synthetic point with its seed, chosen neighbour and gap."""
    n_orig, n_new = trace.n_original, trace.n_new
    original = np.concatenate([np.arange(n_orig), np.full(n_new, -1)])
    no_row = np.full(n_orig, -1)
    return resampled_frame(
        trace.X_resampled,
        trace.y_resampled,
        feature_names=feature_names,
        label_name=label_name,
        sampler=sampler,
        original_row=original,
        seed_row=np.concatenate([no_row, trace.seed_index]),
        neighbour_row=np.concatenate([no_row, trace.chosen_index]),
        gap=np.concatenate([np.full(n_orig, np.nan), trace.gap]),
    )


def variant_frame(result, *, feature_names: Sequence[str], label_name: str) -> pd.DataFrame:
    """The resampled data of one SMOTE-family panel (``smote_viz.family.VariantResult``): its output rows in
    its own order; synthetic rows carry their seed, chosen neighbour and gap when the sampler's draws are known
    (``result.provenance``), a copy made by random over-sampling carries the copied row as its seed."""
    n = len(result.y)
    seed = np.full(n, -1)
    neighbour = np.full(n, -1)
    gap = np.full(n, np.nan)
    prov = result.provenance
    if prov is not None and len(prov.rows):
        rows = np.asarray(prov.rows, dtype=np.int64)
        seed[rows] = prov.seed
        neighbour[rows] = prov.chosen
        has_neighbour = np.asarray(prov.chosen) >= 0
        gap[rows[has_neighbour]] = np.asarray(prov.gap, dtype=np.float64)[has_neighbour]
    return resampled_frame(
        result.X,
        result.y,
        feature_names=feature_names,
        label_name=label_name,
        sampler=result.title,
        original_row=result.origin,
        seed_row=seed,
        neighbour_row=neighbour,
        gap=gap,
    )


# --- words beside the download buttons ---------------------------------------------------------------------------
FORMULA_NOTE = (
    "Some names or labels start with =, +, -, @ or a tab: they are shown and saved with a leading ' so that a "
    "spreadsheet opening the file treats them as text, never as a formula."
)
RESAMPLED_HELP = (
    "One row per output row, in the sampler's own output order. Columns: the "
    "two features, the label, synthetic (True for a new point), original_row (the row number in your data, for "
    "originals), seed_row and neighbour_row (the original rows a synthetic point was made from), gap (its λ) and "
    "sampler. Row numbers count from 0, as on every page."
)
