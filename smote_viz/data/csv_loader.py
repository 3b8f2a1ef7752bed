"""Reading a CSV file that a real user uploads, into a ``Dataset`` or a ``DataError`` that says what to do.

Two stages, so the Data page can offer column choices between them:
``read_table`` turns bytes into a table of text cells (encoding, delimiter, number formats detected), and
``table_to_dataset`` picks the label and feature columns and cleans the rows. ``load_csv`` does both.
Uploaded bytes are only ever decoded as text and parsed by pandas: never unpickled, evaluated or executed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

from .dataset import DataError, Dataset

# The upload limit in bytes. Streamlit's uploader refuses bigger files in the browser (server.maxUploadSize in
# .streamlit/config.toml is 5, which the browser reads as 5 x 1 000 000 bytes, or 5 x 1024 x 1024 on Windows);
# the loader refuses them here too, so the number is the same whatever the browser.
MAX_BYTES = 5_000_000
MAX_MEGABYTES = MAX_BYTES // 1_000_000
MAX_ROWS = 20_000
# A teaching table never needs more; the header is counted before pandas parses anything, because a very wide
# file (hundreds of thousands of columns in a few MB) costs pandas minutes of CPU and gigabytes of memory.
MAX_COLUMNS = 200
SNIFF_CHARS = 65_536  # the delimiter is detected on at most this much text (and at most 60 lines)
MAX_CLASSES = 10
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none", "?", "-", "#n/a", "missing"})

_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx or OpenDocument spreadsheet is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"PAR1", "a Parquet file"),
    (b"SQLite format", "an SQLite database"),
    (b"\x80\x03", "a Python pickle"),
    (b"\x80\x04", "a Python pickle"),
    (b"\x80\x05", "a Python pickle"),
)
_SAVE_AS_CSV = "Open it in your spreadsheet program and save it as 'CSV UTF-8 (comma delimited)', then upload that file."

# A whole cell that is a number written with thousands separators or a decimal comma.
_US_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+(\.\d*)?|\d*\.?\d+([eE][+-]?\d+)?)$")
_EU_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+(,\d*)?|\d+(,\d+)?)$")


@dataclass(frozen=True, eq=False)
class Table:
    """An uploaded table: text cells, the columns that hold numbers, and what was detected on the way."""

    cells: pd.DataFrame  # every cell as stripped text
    numeric: dict[str, np.ndarray]  # column -> float64 values (NaN where missing), numeric columns only
    integer_columns: frozenset[str]
    trimmed: dict[str, int] = field(default_factory=dict)  # column -> cells that had surrounding spaces
    notices: list[str] = field(default_factory=list)
    name: str = "upload"

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.cells.columns]

    @property
    def numeric_columns(self) -> list[str]:
        return [c for c in self.columns if c in self.numeric]


# --- bytes -> text ------------------------------------------------------------------------------------------
def _read_bytes(source: Any) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), "upload"
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise DataError(_too_big(path.stat().st_size))
            return path.read_bytes(), path.name
        except OSError as exc:
            raise DataError(f"Could not open the file {path.name}: {exc.strerror or exc}.") from exc
    read = getattr(source, "read", None)
    if callable(read):
        data = read(MAX_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, bytes | bytearray):
            raise DataError("The upload did not give bytes to read; upload the file again.")
        return bytes(data), str(getattr(source, "name", "upload"))
    raise DataError("Nothing to read: give the CSV file's bytes, a path or an open binary file.")


def _too_big(size: int) -> str:
    return (
        f"The file is {size:,} bytes ({size / 1e6:.1f} MB); the limit is {MAX_MEGABYTES} MB ({MAX_BYTES:,} bytes). "
        f"Upload a sample of at most {MAX_ROWS:,} rows (SMOTE Lab is for exploring, not for big data)."
    )


def _decode(raw: bytes, notices: list[str]) -> str:
    if not raw.strip():
        raise DataError("The file is empty. Upload a CSV file with a header row and at least one data row.")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        notices.append("The file is UTF-16 text; it was read as such.")
        return raw.decode("utf-16", errors="replace")
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise DataError(f"This file is {what}, not CSV text. {_SAVE_AS_CSV}")
    head = raw[:4096]
    if b"\x00" in head:
        even_zeros = head[0::2].count(0)
        odd_zeros = head[1::2].count(0)
        half = len(head) // 2
        if odd_zeros > 0.4 * half and even_zeros == 0:
            notices.append("The file is UTF-16 text (little-endian, no byte-order mark); it was read as such.")
            return raw.decode("utf-16-le", errors="replace")
        if even_zeros > 0.4 * half and odd_zeros == 0:
            notices.append("The file is UTF-16 text (big-endian, no byte-order mark); it was read as such.")
            return raw.decode("utf-16-be", errors="replace")
        raise DataError(f"This file contains binary data, not CSV text. {_SAVE_AS_CSV}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
        notices.append("The file is not UTF-8; it was read as Windows-1252 (Western European) text.")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        notices.append("The file is not UTF-8; it was read as Latin-1 text.")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(3, len(sample) // 50)


def _reject_other_formats(text: str) -> None:
    stripped = text.lstrip()
    if _looks_binary(text):
        raise DataError(f"This file contains binary data, not CSV text. {_SAVE_AS_CSV}")
    if stripped.startswith("{") or (stripped.startswith("[") and _is_json(stripped)):
        raise DataError(
            "This file is JSON, not CSV. Convert it to a table with one row per example and one column per "
            "feature, for example with pandas: pd.read_json('file.json').to_csv('file.csv', index=False)."
        )
    lowered = stripped[:200].lower()
    if lowered.startswith(("<!doctype", "<html", "<?xml", "<table")):
        raise DataError("This file is a web page or XML, not CSV. Export the table itself as CSV and upload that.")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


# --- text -> table ------------------------------------------------------------------------------------------
def _detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (more than one) of fields most often."""
    sample_lines = text[:SNIFF_CHARS].splitlines()[:60]
    if len(text) > SNIFF_CHARS and len(sample_lines) > 1 and len(sample_lines) < 60:
        sample_lines = sample_lines[:-1]  # the last line was cut short by the sample's end
    sample = "\n".join(sample_lines)
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not rows:
            continue
        widths = Counter(len(r) for r in rows)
        width, agreeing = widths.most_common(1)[0]
        if width < 2:
            continue
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _header_width(text: str, delimiter: str) -> int:
    """Fields in the header record, read with the csv module alone (only the first record is parsed)."""
    try:
        return len(next(csv.reader(io.StringIO(text), delimiter=delimiter), []))
    except csv.Error:
        return text.split("\n", 1)[0].count(delimiter) + 1


def _too_wide(width: int, delimiter: str) -> str:
    return (
        f"The header has {width:,} {DELIMITER_NAMES[delimiter]}-separated columns; SMOTE Lab reads at most "
        f"{MAX_COLUMNS}. Keep the label column and a few numeric feature columns (for example with pandas: "
        "df[['feature_1', 'feature_2', 'label']].to_csv('small.csv', index=False)) and upload that file."
    )


def _ragged_message(exc: Exception, delimiter: str) -> str:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    name = DELIMITER_NAMES[delimiter]
    if match:
        expected, line, saw = match.groups()
        return (
            f"Line {line} has {saw} values but the header has {expected} ({name}-separated). Every row needs one "
            f"value per column: fix that line (a value containing a {name} must be in double quotes) and upload again."
        )
    return f"The file could not be split into columns ({exc}). Check that it is {name}-separated CSV text."


def _parse_numbers(values: pd.Series, delimiter: str) -> tuple[np.ndarray, bool, int, str] | None:
    """A text column as float64 (NaN where missing), whether it was all integers, how many cells were junk, and
    the number format it used ("plain", "thousands" for 1,234.5 or "decimal comma" for 1.234,5).

    Returns None when the column is not numeric. Thousands separators and decimal commas are understood:
    with a comma delimiter, '1,234.5' means 1234.5; with ';' or tab, '1.234,5' means 1234.5 and '0,5' means 0.5.
    A column where at most 5 % of the cells are not numbers is still numeric; those cells count as missing.
    """
    missing = values.str.lower().isin(MISSING_TOKENS).to_numpy()
    present = values[~missing]
    if present.empty:
        return None

    def result(numbers: pd.Series, bad: int, style: str = "plain") -> tuple[np.ndarray, bool, int, str]:
        out = np.full(len(values), np.nan)
        out[np.flatnonzero(~missing)] = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
        finite = out[np.isfinite(out)]
        whole = numbers.dtype.kind in "iu" or (
            bad == 0 and bool(finite.size) and bool(np.all(finite == np.round(finite)))
            and not present.str.contains(r"[.eE]", regex=True).any()
        )
        return out, bool(whole), bad, style

    # A text column ends here cheaply: when its first 5 % of cells (plus one) are numbers in no format, more than
    # 5 % of the column is not numbers, so none of the rules below could call it numeric (a wide file of text
    # would otherwise cost seconds of number parsing).
    head = present.iloc[: int(0.05 * len(present)) + 1]
    if (pd.to_numeric(head, errors="coerce").isna().all() and not head.str.fullmatch(_US_NUMBER).any()
            and not head.str.fullmatch(_EU_NUMBER).any()):
        return None
    plain = pd.to_numeric(present, errors="coerce")  # the fast path: most columns end here
    plain_bad = int(plain.isna().sum())
    if plain_bad == 0:
        return result(plain, 0)
    us = present.str.replace(",", "", regex=False) if bool(present.str.fullmatch(_US_NUMBER).all()) else None
    eu = None
    if bool(present.str.fullmatch(_EU_NUMBER).all()):
        eu = present.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    attempts = [(us, "thousands"), (eu, "decimal comma")]
    for attempt, style in attempts if delimiter == "," else attempts[::-1]:
        if attempt is not None:
            numbers = pd.to_numeric(attempt, errors="coerce")
            if not numbers.isna().any():
                return result(numbers, 0, style)
    if plain_bad <= 0.05 * len(present) and len(present) - plain_bad >= 2:
        return result(plain, plain_bad)
    return None


def read_table(source: Any, name: str | None = None) -> Table:
    """Bytes (or a path, or a binary file object) -> a ``Table``. Raises ``DataError`` for anything unreadable.

    ``name`` (for example the uploaded file's name) names the resulting dataset.
    """
    try:
        return _read_table(source, name)
    except DataError:
        raise
    except Exception as exc:  # the promise is DataError only: a surprise becomes a plain message
        raise DataError(f"This file could not be read as CSV ({type(exc).__name__}). Check that it is a CSV text file.") from exc


def _read_table(source: Any, name: str | None) -> Table:
    notices: list[str] = []
    raw, source_name = _read_bytes(source)
    name = name or source_name
    if len(raw) > MAX_BYTES:
        raise DataError(_too_big(len(raw)))
    text = _decode(raw, notices)
    _reject_other_formats(text)
    delimiter = _detect_delimiter(text)
    if delimiter != ",":
        notices.append(f"Columns are separated by a {DELIMITER_NAMES[delimiter]}.")
    width = _header_width(text, delimiter)
    if width > MAX_COLUMNS:
        raise DataError(_too_wide(width, delimiter))
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skipinitialspace=True,
            nrows=MAX_ROWS + 1,
            engine="c",
        )
    except pd.errors.EmptyDataError as exc:
        raise DataError("The file has no columns. Upload a CSV file with a header row and data rows.") from exc
    except pd.errors.ParserError as exc:
        raise DataError(_ragged_message(exc, delimiter)) from exc
    cells.columns = [str(c).strip() for c in cells.columns]
    if len(cells) == 0:
        raise DataError(
            f"The file has a header ({len(cells.columns)} columns) but no data rows. Add the rows and upload again."
        )
    if len(cells) > MAX_ROWS:
        raise DataError(
            f"The file has more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}. Upload a random sample "
            "(for example with pandas: df.sample(10_000, random_state=0))."
        )
    if len(cells.columns) < 2:
        raise DataError(
            f"Only one column was found ('{cells.columns[0]}'). SMOTE Lab needs a label column and at least one "
            "numeric feature column, separated by commas, semicolons or tabs."
        )
    if len(set(cells.columns)) != len(cells.columns):
        duplicated = sorted({c for c in cells.columns if list(cells.columns).count(c) > 1})
        raise DataError(f"Column names must be unique; these appear twice: {', '.join(duplicated)}. Rename them.")
    stripped = cells.apply(lambda col: col.str.strip())
    trimmed = {str(c): int((stripped[c] != cells[c]).sum()) for c in cells.columns}
    cells = stripped
    numeric: dict[str, np.ndarray] = {}
    integer_columns: set[str] = set()
    styles: dict[str, list[str]] = {}
    for column in cells.columns:
        parsed = _parse_numbers(cells[column], delimiter)
        if parsed is None:
            continue
        values, is_int, junk, style = parsed
        styles.setdefault(style, []).append(column)
        numeric[column] = values
        if is_int:
            integer_columns.add(column)
        if junk:
            notices.append(f"Column '{column}': {junk} cell(s) that are not numbers were treated as missing.")
    if styles.get("decimal comma"):
        notices.append(f"Decimal commas read as decimal points (0,5 = 0.5) in: {', '.join(styles['decimal comma'])}.")
    if styles.get("thousands"):
        notices.append(f"Thousands separators removed (1,234.5 = 1234.5) in: {', '.join(styles['thousands'])}.")
    return Table(cells=cells, numeric=numeric, integer_columns=frozenset(integer_columns), trimmed=trimmed,
        notices=notices, name=name,
    )


# --- table -> dataset ---------------------------------------------------------------------------------------
def _labels(table: Table, label: str, notices: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Labels as an array (int64 when every label is a whole number, else text) and the mask of usable rows."""
    raw = table.cells[label].astype(str)
    trimmed = table.trimmed.get(label, 0)
    if trimmed:
        notices.append(f"{trimmed} label(s) had stray spaces; they were trimmed.")
    blank = raw.str.lower().isin(MISSING_TOKENS).to_numpy()
    if blank.all():
        raise DataError(
            f"The label column '{label}' has only blank values. Choose the column that holds the class of each row."
        )
    if blank.any():
        notices.append(f"{int(blank.sum())} row(s) with a blank label were dropped.")
    present = raw[~blank]
    distinct = present.unique()
    numbers = pd.to_numeric(pd.Series(distinct), errors="coerce")
    if numbers.notna().all():
        values_ = numbers.to_numpy(dtype=np.float64)
        whole = bool(np.all(np.isfinite(values_) & (np.abs(values_) < 2**53) & (values_ == np.round(values_))))
        if not whole and len(distinct) > MAX_CLASSES:
            raise DataError(
                f"The label column '{label}' has {len(distinct)} different decimal numbers: it looks like a "
                "measurement, not a class. Choose the column that says which class each row belongs to."
            )
        if whole:
            values = np.zeros(len(raw), dtype=np.int64)
            values[~blank] = pd.to_numeric(present).to_numpy().astype(np.int64)
            labels = values
        else:
            labels = np.array(raw.tolist(), dtype=str)
    else:
        labels = np.array(raw.tolist(), dtype=str)
    if len(distinct) > MAX_CLASSES:
        raise DataError(
            f"The label column '{label}' has {len(distinct)} different values; SMOTE Lab handles at most "
            f"{MAX_CLASSES} classes. Is '{label}' an ID or a measurement? Choose the class column."
        )
    return labels, ~blank


# Names that say "identifier": id, ID, index, RowNumber, row_id, ...; a suffix after a separator (customer_id,
# CUSTOMER_ID, "Customer ID") or in camel case (CustomerId, userID). "Paid" or "Valid" are not IDs.
_ID_NAMES = frozenset({"id", "index", "idx", "rownumber", "row_number", "rownum", "row", "rowid", "row_id", "unnamed: 0"})
_ID_SUFFIX = re.compile(r"(?:[\s_.\-](?i:id)|[a-z0-9]Id|[a-z0-9]ID)$")
MIN_ROWS_FOR_UNIQUE_ID = 20  # fewer rows: whole numbers that all differ are no evidence of an ID


def id_reason(table: Table, column: str) -> str | None:
    """Why ``column`` looks like a row number or an identifier rather than a measurement (None when it does not).

    Only whole-number columns qualify: a unique decimal (a salary in cents) is a measurement. The column is an
    ID when its name says so, or when every row has a different whole number (consecutive or not, sorted or
    not) in a table of at least ``MIN_ROWS_FOR_UNIQUE_ID`` rows. Many repeated values (a balance that is often
    zero, an age) never look unique.
    """
    values = table.numeric.get(column)
    if values is None or column not in table.integer_columns:
        return None
    reasons = []
    name = column.strip()
    if name.lower() in _ID_NAMES or _ID_SUFFIX.search(name):
        reasons.append("its name")
    present = values[~np.isnan(values)]
    if len(values) >= MIN_ROWS_FOR_UNIQUE_ID and len(present) == len(values) and len(np.unique(present)) == len(present):
        if np.all(np.diff(present) == 1):
            reasons.append("numbered 1, 2, 3, ... one per row" if present[0] == 1 else "consecutive, one per row")
        else:
            reasons.append("a different whole number in every row")
    return "; ".join(reasons) or None


def looks_like_id(table: Table, column: str) -> bool:
    """A row number or an identifier, not a measurement (see ``id_reason``)."""
    return id_reason(table, column) is not None


def default_features(table: Table, label: str) -> list[str]:
    """Every numeric column except the label and columns that look like IDs (unless nothing else is left)."""
    numeric = [c for c in table.numeric_columns if c != label]
    measured = [c for c in numeric if not looks_like_id(table, c)]
    return measured or numeric


def text_columns_note(table: Table, columns: list[str]) -> str:
    """Why text columns are not features, each with how many different values it has, and the SMOTE variant
    that handles categories."""
    described = []
    for column in columns:
        values = table.cells[column]
        distinct = int(values[~values.str.lower().isin(MISSING_TOKENS)].nunique())
        if distinct <= MAX_CLASSES:
            described.append(f"{column} ({distinct} categor{'y' if distinct == 1 else 'ies'})")
        else:
            described.append(f"{column} ({distinct:,} different values)")
    return (
        f"Text column(s) not used as features: {', '.join(described)}. SMOTE makes new points by interpolating "
        "between numbers, and there is nothing halfway between two categories. For data with categorical "
        "features, imbalanced-learn has SMOTENC (numeric and categorical features mixed) and SMOTEN (categorical "
        "features only)."
    )


ONE_FEATURE_NOTE = (
    "Only one feature column, {name}: the pictures need two columns, so they plot {name} against itself (every "
    "point on one diagonal line) and SMOTE's neighbours are measured along {name} alone. Choose a second "
    "feature column on the Data page to see the data in 2-D."
)
STANDARDISED_NOTICE = "Features were standardised (mean 0, standard deviation 1)."


def scale_note(features: list[str], X: np.ndarray) -> str | None:
    """A warning when one feature's range dwarfs another's, since it would then decide the neighbours alone."""
    spans = np.ptp(X, axis=0) if len(X) else np.zeros(len(features))
    varying = [(span, name) for span, name in zip(spans, features) if span > 0]
    if len(varying) < 2:
        return None
    (low, low_name), (high, high_name) = min(varying), max(varying)
    if high < 100 * low:
        return None
    return (
        f"Feature ranges differ a lot ({high_name} spans {high:,.4g}, {low_name} spans {low:,.4g}): Euclidean "
        f"distances, and so SMOTE's neighbours, are decided by {high_name} almost alone. Switch on "
        "'Standardise features' to weigh them equally."
    )


def table_to_dataset(
    table: Table,
    label: str | None = None,
    features: list[str] | None = None,
    *,
    minority: object = None,
    view: tuple[str, str] | None = None,
    standardise: bool = False,
) -> Dataset:
    """Choose the label (default: the last column) and features (default: every other numeric column)."""
    notices = list(table.notices)
    columns = table.columns
    label = columns[-1] if label is None else str(label)
    if label not in columns:
        raise DataError(f"There is no column '{label}'. The columns are: {', '.join(columns)}.")
    ignored = [c for c in columns if c != label and c not in table.numeric]
    if ignored:
        notices.append(text_columns_note(table, ignored))
    if features is None:
        features = default_features(table, label)
    else:
        features = [str(f) for f in features]
        for f in features:
            if f not in columns:
                raise DataError(f"There is no column '{f}'. The columns are: {', '.join(columns)}.")
            if f == label:
                raise DataError(f"'{f}' is the label column; it cannot also be a feature.")
            if f not in table.numeric:
                raise DataError(f"Column '{f}' is not numeric; SMOTE can only interpolate numbers. Leave it out.")
    ids = [c for c in table.numeric_columns if c != label and c not in features and looks_like_id(table, c)]
    if ids:
        reasons = "; ".join(f"{c} ({id_reason(table, c)})" for c in ids)
        notices.append(
            f"Left out of the features because they look like row numbers or identifiers, not measurements: "
            f"{reasons}. Add them back under 'Feature columns' if they are real measurements."
        )
    if not features:
        raise DataError(
            f"There is no numeric feature column besides the label '{label}'. SMOTE interpolates between numbers, "
            "so the file needs at least one column of numbers."
        )
    labels, usable = _labels(table, label, notices)
    X = np.column_stack([table.numeric[f] for f in features])
    finite = np.isfinite(X).all(axis=1)
    dropped = int((usable & ~finite).sum())
    if dropped:
        notices.append(f"{dropped} row(s) with missing or non-finite feature values were dropped.")
    keep = usable & finite
    if not keep.any():
        raise DataError("Every row has a missing or non-numeric feature value. Fill the gaps or choose other features.")
    X, labels = X[keep], labels[keep]
    classes, counts = np.unique(labels, return_counts=True)
    if len(classes) < 2:
        raise DataError(
            f"Every row has the same label ('{classes[0]}'). SMOTE balances two or more classes: upload data with at "
            f"least two classes, or choose another label column."
        )
    integer_features = [f for f in features if f in table.integer_columns]
    if integer_features:
        notices.append(
            f"Integer feature(s) {', '.join(integer_features)} were converted to decimals: on integer data imbalanced-learn "
            "truncates each interpolated value toward zero, which turns many synthetic points into copies of real ones."
        )
    for f, column in zip(features, X.T):
        if column.min() == column.max():
            notices.append(f"Feature '{f}' has the same value ({column[0]:g}) in every row: it cannot separate classes.")
    for cls, count in zip(classes, counts):
        if count < 2:
            notices.append(f"Class '{cls}' has only 1 row: SMOTE needs at least 2 rows of a class to interpolate.")
    if not standardise:
        note = scale_note(features, X)
        if note:
            notices.append(note)
    if standardise:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # overflow is reported below, in words
            X = StandardScaler().fit_transform(X)
        if not np.isfinite(X).all():
            raise DataError(
                "Some values are too large to standardise (their spread overflows). Rescale those columns "
                "(for example divide by 1 000 000) or switch standardising off."
            )
        notices.append(STANDARDISED_NOTICE)
    view_idx = (0, 1) if len(features) > 1 else (0, 0)
    if view is not None:
        try:
            view_idx = (features.index(view[0]), features.index(view[1]))
        except ValueError as exc:
            raise DataError("The 2-D view must use two of the chosen feature columns.") from exc
        if view_idx[0] == view_idx[1] and len(features) > 1:
            raise DataError(f"The 2-D view needs two different columns; both axes are '{view[0]}'.")
    if len(features) == 1:
        notices.append(ONE_FEATURE_NOTE.format(name=features[0]))
    if minority is not None:
        chosen = next((c.item() for c in classes if str(c) == str(minority)), None)
        if chosen is None:
            raise DataError(f"'{minority}' is not one of the classes in '{label}'.")
        minority = chosen
    return Dataset(
        X=X,
        y=labels,
        feature_names=features,
        notices=notices,
        name=table.name,
        label_name=label,
        view=view_idx,
        minority_label=minority,
    )


def load_csv(source: Any, label: str | None = None, features: list[str] | None = None) -> Dataset:
    """Read a CSV (bytes, a path or a binary file object) into a ``Dataset``; every bad input is a ``DataError``."""
    table = read_table(source)
    try:
        return table_to_dataset(table, label, features)
    except DataError:
        raise
    except Exception as exc:
        raise DataError(f"This file could not be turned into data ({type(exc).__name__}). Check its columns.") from exc
