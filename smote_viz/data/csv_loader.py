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
import pyarrow as pa  # pandas' string columns are Arrow arrays (pyarrow comes with Streamlit)
import pyarrow.compute as pc
from sklearn.preprocessing import StandardScaler

from .dataset import DataError, Dataset

# The upload limit in bytes. Streamlit's uploader refuses bigger files in the browser (server.maxUploadSize in
# .streamlit/config.toml is 5, which the browser reads as 5 x 1 000 000 bytes, or 5 x 1024 x 1024 on Windows);
# the loader refuses them here too, so the number is the same whatever the browser.
MAX_BYTES = 5_000_000
MAX_MEGABYTES = MAX_BYTES // 1_000_000
MAX_ROWS = 20_000
# Wide tables are normal (gene expression, one-hot features, pixel tables: the user picks the features and the two
# columns of the view), so thousands of columns are read. The header is counted before pandas parses anything,
# because a very wide file (hundreds of thousands of columns in a few MB) costs pandas minutes of CPU and gigabytes
# of memory; within this limit and MAX_BYTES a table has at most 2.5 million cells, read in about a second.
MAX_COLUMNS = 5_000
# A wide table starts with this many of its numeric columns as features (the user can choose others): every page
# lists and computes with the chosen features, and a teaching view needs only a handful.
MAX_DEFAULT_FEATURES = 20
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
# The same rules for Arrow (RE2, ASCII digits), run over every cell of a table at once, and a plain number as
# pandas.to_numeric reads one (an optional sign, digits with an optional point and exponent, or inf/infinity).
_US_RE = r"^[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d*\.?\d+(?:[eE][+-]?\d+)?)$"
_EU_RE = r"^[+-]?(?:\d{1,3}(?:\.\d{3})+(?:,\d*)?|\d+(?:,\d+)?)$"
_PLAIN_RE = r"^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|(?i:inf|infinity))$"
_MISSING_ARROW = pa.array(sorted(MISSING_TOKENS), type=pa.large_string())


@dataclass(frozen=True, eq=False)
class Table:
    """An uploaded table: text cells, the columns that hold numbers, and what was detected on the way."""

    cells: pd.DataFrame  # every cell as stripped text
    numeric: dict[str, np.ndarray]  # column -> float64 values (NaN where missing), numeric columns only
    integer_columns: frozenset[str]
    trimmed: dict[str, int] = field(default_factory=dict)  # column -> cells that had surrounding spaces
    notices: list[str] = field(default_factory=list)
    name: str = "upload"
    id_reasons: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)  # id_reason's cache

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


def _first_line_end(text: str) -> int:
    """Where the first line ends: at the first \\n or \\r (Windows \\r\\n, Unix \\n and old Mac \\r alone all
    end a line), or the length of the text when it is one line."""
    ends = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
    return min(ends) if ends else len(text)


def _old_mac_notice(text: str, notices: list[str]) -> None:
    """Say so when lines end with a carriage return alone. The text is not changed: the csv module (given
    newline="") and pandas both read \\r\\n, \\n and \\r as line ends, and keep line breaks inside quoted cells."""
    end = _first_line_end(text)
    if text[end:end + 1] == "\r" and text[end + 1:end + 2] != "\n":
        notices.append("Lines end with a carriage return alone (old Mac line endings); they were read as line breaks.")


def _name_list(names: list[str], limit: int = 10) -> str:
    """'a, b, c', or the first ``limit`` names and how many more (a wide table has thousands of columns)."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit:,} more"


# A line that git writes into a file whose merge stopped on a conflict: <<<<<<< ours, ======= (or ||||||| base
# in diff3 style) and >>>>>>> theirs, each at the start of a line.
_CONFLICT_LINE = re.compile(r"^(?:<{7}|>{7}|={7}|\|{7})(?: .*)?$", re.MULTILINE)


def _reject_conflict_markers(text: str) -> None:
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a copy with one kind of line end, to find lines
    markers = list(_CONFLICT_LINE.finditer(text))
    if not any(m.group().startswith(("<<<<<<<", ">>>>>>>")) for m in markers):
        return
    lines = [str(text.count("\n", 0, m.start()) + 1) for m in markers[:3]]
    if len(markers) > 3:
        where = f"lines {', '.join(lines)} and {len(markers) - 3:,} more"
    else:
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(lines[:-1])} and {lines[-1]}"
    raise DataError(
        f"This file holds unresolved git merge-conflict markers ({where} start{'s' if len(markers) == 1 else ''} "
        "with <<<<<<<, ======= or >>>>>>>): git merged two versions of the rows into one file and the conflict was "
        "never resolved. Resolve it: keep one side (for example git checkout --theirs file.csv, or --ours), or delete the marker "
        "lines and the version you do not want in an editor; then save the file and upload it again."
    )


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
    _reject_conflict_markers(text)


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
    """Fields in the header record, read with the csv module alone (only the first record is parsed). With
    newline="" the csv module ends a record at \\r\\n, \\n or a lone \\r (old Mac files), outside quotes."""
    try:
        return len(next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), []))
    except csv.Error:  # a NUL byte, or a first field longer than the csv module's limit: count the first line
        return text.count(delimiter, 0, _first_line_end(text)) + 1


def _too_wide(width: int, delimiter: str) -> str:
    return (
        f"The header has {width:,} {DELIMITER_NAMES[delimiter]}-separated columns; SMOTE Lab reads at most "
        f"{MAX_COLUMNS:,}. Keep the label column and the feature columns you want to explore (for example with "
        "pandas: df[['feature_1', 'feature_2', 'label']].to_csv('small.csv', index=False)) and upload that file."
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


@dataclass(frozen=True)
class _Numbers:
    """One column read as numbers: float64 values (NaN where missing or junk), whether they were all written as
    whole numbers, how many cells were junk, and the number format ("plain", "thousands" for 1,234.5 or
    "decimal comma" for 1.234,5)."""

    values: np.ndarray
    whole: bool
    junk: int
    style: str


def _arrow_strings(columns: list[pd.Series]) -> pa.Array:
    """Every cell of ``columns`` in one Arrow string array, column after column (column j is the slice
    ``j * rows`` to ``(j + 1) * rows``): the text operations below then run once over many columns in C++
    instead of once per column in pandas, which is what keeps a table of thousands of columns fast."""
    pieces = []
    for column in columns:
        array = pa.array(column, from_pandas=True)  # an Array or a ChunkedArray, without a copy
        pieces.extend(array.chunks if isinstance(array, pa.ChunkedArray) else [array])
    pieces = [piece if piece.type == pa.large_string() else piece.cast(pa.large_string()) for piece in pieces]
    return pa.concat_arrays([pa.array([], type=pa.large_string()), *pieces])


def _mask(array: pa.Array, rows: int) -> np.ndarray:
    """An Arrow boolean array (nulls as False) as a numpy (columns x rows) matrix."""
    return pc.fill_null(array, False).to_numpy(zero_copy_only=False).reshape(-1, rows)


def _as_floats(text: pa.Array, usable: np.ndarray) -> np.ndarray:
    """``text`` cast to float64 where ``usable`` (cells already checked to be numbers), NaN elsewhere."""
    out = np.full(len(text), np.nan)
    where = np.flatnonzero(usable)
    if where.size:
        out[where] = pc.cast(pc.filter(text, pa.array(usable)), pa.float64()).to_numpy(zero_copy_only=False)
    return out


def _whole(values: np.ndarray, written_whole: bool) -> bool:
    """Whole numbers: every cell written without a point or exponent, and at least one finite value."""
    finite = values[np.isfinite(values)]
    return bool(written_whole and finite.size and np.all(finite == np.round(finite)))


BLOCK_CELLS = 250_000  # cells read as numbers at once: bounds the temporary copies of a wide table (a few MB each)


def _parse_columns(cells: pd.DataFrame, delimiter: str) -> tuple[pd.DataFrame, dict[str, int], dict[str, _Numbers]]:
    """Strip every cell and read every column that holds numbers, a block of columns at a time.

    Returns the stripped cells, how many cells of each column had surrounding spaces, and the numeric columns.
    Thousands separators and decimal commas are understood: with a comma delimiter, '1,234.5' means 1234.5;
    with ';' or tab, '1.234,5' means 1234.5 and '0,5' means 0.5. A column where at most 5 % of the cells are not
    numbers is still numeric; those cells count as missing (junk). A column of missing cells only is not numeric.
    """
    rows, names = len(cells), [str(c) for c in cells.columns]
    columns = [column for _, column in cells.items()]
    step = max(1, BLOCK_CELLS // max(rows, 1))
    trimmed: dict[str, int] = {}
    out: dict[str, _Numbers] = {}
    for first in range(0, len(names), step):
        block = slice(first, first + step)
        block_trimmed, block_numbers = _parse_block(columns[block], names[block], rows, delimiter)
        trimmed.update(block_trimmed)
        out.update(block_numbers)
    for j, name in enumerate(names):
        if trimmed[name]:
            cells.isetitem(j, columns[j].str.strip())
    return cells, trimmed, out


def _parse_block(
    columns: list[pd.Series], names: list[str], rows: int, delimiter: str
) -> tuple[dict[str, int], dict[str, _Numbers]]:
    """``_parse_columns`` for some columns, all at once: one Arrow operation for each step over all their cells."""
    raw = _arrow_strings(columns)
    text = pc.utf8_trim_whitespace(raw)
    trimmed = dict(zip(names, _mask(pc.not_equal(text, raw), rows).sum(axis=1).tolist()))
    del raw
    missing = _mask(pc.is_in(pc.utf8_lower(text), value_set=_MISSING_ARROW), rows)
    present = ~missing
    plain = _mask(pc.match_substring_regex(text, _PLAIN_RE), rows) & present
    values = np.full(plain.shape, np.nan)
    pointed = np.zeros(plain.shape, dtype=bool)  # plain numbers written with a point or an exponent
    if plain.any():
        plain_cells = pc.filter(text, pa.array(plain.ravel()))
        where = np.flatnonzero(plain)
        values.ravel()[where] = pc.cast(plain_cells, pa.float64()).to_numpy(zero_copy_only=False)
        pointed.ravel()[where] = pc.match_substring_regex(plain_cells, "[.eE]").to_numpy(zero_copy_only=False)
        del plain_cells
    present_n, junk = present.sum(axis=1), (present & ~plain).sum(axis=1)
    attempts = [(_US_RE, "thousands"), (_EU_RE, "decimal comma")]
    if delimiter != ",":
        attempts.reverse()
    out: dict[str, _Numbers] = {}
    for j, name in enumerate(names):
        if present_n[j] == 0:
            continue
        if junk[j] == 0:
            out[name] = _Numbers(values[j].copy(), _whole(values[j], not pointed[j].any()), 0, "plain")
            continue
        # Numbers in another format? Only when the first cell that is not a plain number is one (a text column
        # ends here at the cost of one regular expression).
        first = text[j * rows + int(np.argmax(present[j] & ~plain[j]))].as_py()
        if _US_NUMBER.fullmatch(first) or _EU_NUMBER.fullmatch(first):
            column = text.slice(j * rows, rows)
            for pattern, style in attempts:
                if not (_mask(pc.match_substring_regex(column, pattern), rows)[0] | missing[j]).all():
                    continue
                if style == "thousands":
                    converted = pc.replace_substring(column, ",", "")
                else:
                    converted = pc.replace_substring(pc.replace_substring(column, ".", ""), ",", ".")
                numbers = _as_floats(converted, present[j])
                # Whole numbers: no point or exponent in the cells as written, or once converted (1.234 = 1234).
                dots = [(_mask(pc.match_substring_regex(t, "[.eE]"), rows)[0] & present[j]).any()
                        for t in (column, converted)]
                out[name] = _Numbers(numbers, _whole(numbers, not all(dots)), 0, style)
                break
            if name in out:
                continue
        if junk[j] <= 0.05 * present_n[j] and present_n[j] - junk[j] >= 2:
            out[name] = _Numbers(values[j].copy(), False, int(junk[j]), "plain")
    return trimmed, out


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
    _old_mac_notice(text, notices)
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
            # One pass over the (at most 5 MB of) tokens: in chunks, pandas builds each of thousands of columns
            # several times and joins the pieces, which is twice as slow.
            low_memory=False,
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
    counted = Counter(cells.columns)
    if len(counted) != len(cells.columns):
        duplicated = sorted(c for c, n in counted.items() if n > 1)
        raise DataError(f"Column names must be unique; these appear twice: {_name_list(duplicated)}. Rename them.")
    cells, trimmed, parsed = _parse_columns(cells, delimiter)
    numeric = {column: p.values for column, p in parsed.items()}
    integer_columns = {column for column, p in parsed.items() if p.whole}
    styles: dict[str, list[str]] = {}
    for column, p in parsed.items():
        styles.setdefault(p.style, []).append(column)
    junk = {column: p.junk for column, p in parsed.items() if p.junk}
    if len(junk) <= 5:
        notices.extend(f"Column '{c}': {n} cell(s) that are not numbers were treated as missing."
                       for c, n in junk.items())
    else:
        notices.append(
            f"In {len(junk):,} columns, cells that are not numbers were treated as missing: "
            + _name_list([f"{c} ({n})" for c, n in junk.items()]) + "."
        )
    if styles.get("decimal comma"):
        notices.append(f"Decimal commas read as decimal points (0,5 = 0.5) in: {_name_list(styles['decimal comma'])}.")
    if styles.get("thousands"):
        notices.append(f"Thousands separators removed (1,234.5 = 1234.5) in: {_name_list(styles['thousands'])}.")
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
MIN_CODE_DIGITS = 6  # codes of one length (CustomerId 15634602) have at least this many digits


def _digits(value: float) -> int:
    return len(str(int(abs(value))))


def _id_reason(table: Table, column: str) -> str | None:
    values = table.numeric.get(column)
    if values is None or column not in table.integer_columns:
        return None
    reasons = []
    name = column.strip()
    if name.lower() in _ID_NAMES or _ID_SUFFIX.search(name):
        reasons.append("its name")
    present = values[~np.isnan(values)]
    if len(values) >= MIN_ROWS_FOR_UNIQUE_ID and len(present) == len(values) and np.isfinite(present).all():
        distinct = np.unique(present)
        if len(distinct) == len(present):
            steps = np.diff(present)
            low, high = distinct[0], distinct[-1]
            if np.all(steps == 1) or np.all(steps == -1):
                reasons.append("numbered 1, 2, 3, ... one per row" if present[0] == 1 else "consecutive, one per row")
            elif high - low == len(distinct) - 1:
                reasons.append(f"the whole numbers {low:.0f} to {high:.0f}, each once (row numbers in another order)")
            elif np.all(steps > 0) or np.all(steps < 0):
                reasons.append("sorted, a different whole number in every row")
            elif low >= 10 ** (MIN_CODE_DIGITS - 1) and _digits(low) == _digits(high):
                reasons.append("a different whole number in every row")  # codes, all of one length
    return "; ".join(reasons) or None


def id_reason(table: Table, column: str) -> str | None:
    """Why ``column`` looks like a row number or an identifier rather than a measurement (None when it does not).

    Only whole-number columns qualify: a unique decimal (a salary in cents) is a measurement. The column is an
    ID when its name says so (id, *_id, CustomerId, RowNumber, index, ...), or, in a table of at least
    ``MIN_ROWS_FOR_UNIQUE_ID`` rows with a different whole number in every row, when those numbers are
    consecutive (in order or shuffled), sorted, or codes that all have the same number of digits (at least
    ``MIN_CODE_DIGITS``, like CustomerId 15634602). Different whole numbers in no order and of varying lengths
    (incomes, balances, counts) are measurements, and so is any column with repeated values (an age).
    """
    reasons = table.id_reasons
    if column not in reasons:
        reasons[column] = _id_reason(table, column)
    return reasons[column]


def looks_like_id(table: Table, column: str) -> bool:
    """A row number or an identifier, not a measurement (see ``id_reason``)."""
    return id_reason(table, column) is not None


def _candidate_features(table: Table, label: str) -> list[str]:
    numeric = [c for c in table.numeric_columns if c != label]
    return [c for c in numeric if not looks_like_id(table, c)] or numeric


def default_features(table: Table, label: str) -> list[str]:
    """Every numeric column except the label and columns that look like IDs (unless nothing else is left); in a
    wide table, the first ``MAX_DEFAULT_FEATURES`` of them."""
    return _candidate_features(table, label)[:MAX_DEFAULT_FEATURES]


def text_columns_note(table: Table, columns: list[str]) -> str:
    """Why text columns are not features, each with how many different values it has (the first ten of a wide
    table), and the SMOTE variant that handles categories."""
    described = []
    for column in columns[:10]:
        values = table.cells[column]
        distinct = int(values[~values.str.lower().isin(MISSING_TOKENS)].nunique())
        if distinct <= MAX_CLASSES:
            described.append(f"{column} ({distinct} categor{'y' if distinct == 1 else 'ies'})")
        else:
            described.append(f"{column} ({distinct:,} different values)")
    return (
        f"Text column(s) not used as features: {_name_list(described + columns[10:])}. SMOTE makes new points by "
        "interpolating between numbers, and there is nothing halfway between two categories. For data with categorical "
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
    """Choose the label (default: the last column) and features (default: ``default_features``)."""
    notices = list(table.notices)
    columns = table.columns
    label = columns[-1] if label is None else str(label)
    if label not in columns:
        raise DataError(f"There is no column '{label}'. The columns are: {_name_list(columns, 20)}.")
    ignored = [c for c in columns if c != label and c not in table.numeric]
    if ignored:
        notices.append(text_columns_note(table, ignored))
    if features is None:
        features = default_features(table, label)
    else:
        features = [str(f) for f in features]
        for f in features:
            if f not in table.cells.columns:
                raise DataError(f"There is no column '{f}'. The columns are: {_name_list(columns, 20)}.")
            if f == label:
                raise DataError(f"'{f}' is the label column; it cannot also be a feature.")
            if f not in table.numeric:
                raise DataError(f"Column '{f}' is not numeric; SMOTE can only interpolate numbers. Leave it out.")
    chosen = set(features)
    ids = [c for c in table.numeric_columns if c != label and c not in chosen and looks_like_id(table, c)]
    if ids:
        reasons = "; ".join(f"{c} ({id_reason(table, c)})" for c in ids[:10])
        if len(ids) > 10:
            reasons += f"; and {len(ids) - 10:,} more"
        notices.append(
            f"Left out of the features because they look like row numbers or identifiers, not measurements: "
            f"{reasons}. Add them back under 'Feature columns' if they are real measurements."
        )
    candidates = _candidate_features(table, label)
    if len(candidates) > MAX_DEFAULT_FEATURES and features == candidates[:MAX_DEFAULT_FEATURES]:
        notices.append(
            f"The file has {len(candidates):,} numeric columns that could be features; the first "
            f"{MAX_DEFAULT_FEATURES} ({features[0]} to {features[-1]}) are used. Choose the ones you want under "
            "'Feature columns' (SMOTE's neighbours use every chosen feature; the 2-D view shows two of them)."
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
    unlabelled, rows = int((~usable).sum()), len(usable)
    if len(classes) < 2 and unlabelled > rows - unlabelled:
        labelled = rows - unlabelled
        raise DataError(
            f"Labels are missing: the label column '{label}' is blank in {unlabelled:,} of {rows:,} rows, and the "
            f"{'only row' if labelled == 1 else f'{labelled:,} rows'} with a label say{'s' if labelled == 1 else ''} "
            f"'{classes[0]}'. Fill in the label of every row, or choose the column that holds the class of each "
            "row as the label column."
        )
    if len(classes) < 2 and unlabelled:
        raise DataError(
            f"Every row with a label has the same label ('{classes[0]}'), and {unlabelled:,} row(s) have no label "
            f"in '{label}'. SMOTE balances two or more classes: fill in the missing labels, upload data with at "
            "least two classes, or choose another label column."
        )
    if len(classes) < 2:
        raise DataError(
            f"Every row has the same label ('{classes[0]}'). SMOTE balances two or more classes: upload data with at "
            f"least two classes, or choose another label column."
        )
    integer_features = [f for f in features if f in table.integer_columns]
    if integer_features:
        notices.append(
            f"Integer feature(s) {_name_list(integer_features)} were converted to decimals: on integer data "
            "imbalanced-learn truncates each interpolated value toward zero, which turns many synthetic points into "
            "copies of real ones."
        )
    constant = [(f, column[0]) for f, column in zip(features, X.T) if column.min() == column.max()]
    if len(constant) <= 5:
        notices.extend(f"Feature '{f}' has the same value ({v:g}) in every row: it cannot separate classes."
                       for f, v in constant)
    else:
        notices.append(
            f"{len(constant):,} features have the same value in every row, so they cannot separate classes: "
            f"{_name_list([f for f, _ in constant])}. Leave them out under 'Feature columns'."
        )
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
