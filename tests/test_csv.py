"""CSV loading: real files a user sends, good and bad. Every bad one is a DataError with a helpful message."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smote_viz.data import MAX_BYTES, DataError, csv_loader, load_csv, read_table, table_to_dataset

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"

# file -> words the message must contain (what is wrong, and what to do)
BAD_FILES = {
    "empty.csv": ["empty", "header row"],
    "whitespace_only.csv": ["empty"],
    "header_only.csv": ["no data rows"],
    "spreadsheet_renamed.csv": ["Excel", "save it as 'CSV"],
    "png_renamed.csv": ["PNG image", "save it as 'CSV"],
    "binary_noise.csv": ["binary data"],
    "json_records.csv": ["JSON", "to_csv"],
    "json_object.csv": ["JSON"],
    "html_page.csv": ["web page"],
    "ragged_rows.csv": ["Line 4 has 4 values but the header has 3", "double quotes"],
    "single_class.csv": ["same label ('yes')", "two or more classes"],
    "blank_labels.csv": ["only blank values"],
    "continuous_label.csv": ["60 different decimal numbers", "measurement"],
    "no_numeric_feature.csv": ["no numeric feature column"],
    "one_column.csv": ["Only one column"],
    "too_many_rows.csv": ["more than 20,000 rows", "sample"],
    "too_many_classes.csv": ["at most 10 classes"],
    "conflict_markers.csv": ["unresolved git merge-conflict markers", "lines 1, 33 and 95", "keep one side",
                             "save the file and upload it again"],
    "nearly_blank_labels.csv": ["Labels are missing", "'note' is blank in 91 of 92 rows", "the only row with a label",
                                "Fill in the label of every row, or choose the column"],
}


def test_every_bad_file_is_covered():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_raise_a_data_error_that_says_what_to_do(name):
    with pytest.raises(DataError) as error:
        load_csv(BAD / name)
    for words in BAD_FILES[name]:
        assert words in str(error.value)
    # The same file read as bytes and as an open file gives the same message.
    raw = (BAD / name).read_bytes()
    for source in (raw, io.BytesIO(raw)):
        with pytest.raises(DataError) as again:
            load_csv(source)
        assert str(again.value) == str(error.value)


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)


def test_a_file_over_the_byte_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.csv"
    row = "0.123456789012345678901234567890,1,0\n"
    path.write_text("x1,x2,label\n" + row * (MAX_BYTES // len(row) + 10))
    with pytest.raises(DataError, match="limit is 5 MB"):
        load_csv(path)
    with pytest.raises(DataError, match="limit is 5 MB"):
        load_csv(io.BytesIO(path.read_bytes()))


def test_missing_path_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="Could not open"):
        load_csv(tmp_path / "nope.csv")


PLAIN = load_csv(GOOD / "plain.csv")


@pytest.mark.parametrize(
    "name",
    ["utf8_bom.csv", "utf16.csv", "semicolon_decimal_comma.csv", "tab_separated.csv", "label_whitespace.csv",
     "quoted_newlines.csv", "old_mac_line_endings.csv"],
)
def test_awkward_encodings_and_formats_read_the_same_values(name):
    ds = load_csv(GOOD / name)
    assert ds.feature_names == ["x1", "x2"]
    assert np.allclose(ds.X, PLAIN.X)
    assert ds.y.tolist() == PLAIN.y.tolist()
    assert ds.counts == {"churn": 10, "stay": 50}


def test_notices_say_what_the_loader_changed():
    assert any("UTF-16" in n for n in load_csv(GOOD / "utf16.csv").notices)
    assert any("carriage return alone" in n for n in load_csv(GOOD / "old_mac_line_endings.csv").notices)
    assert not any("carriage return" in n for n in load_csv(GOOD / "plain.csv").notices)
    assert any("semicolon" in n for n in load_csv(GOOD / "semicolon_decimal_comma.csv").notices)
    assert any("20 label(s) had stray spaces" in n for n in load_csv(GOOD / "label_whitespace.csv").notices)
    assert any("note" in n and "not used" in n for n in load_csv(GOOD / "quoted_newlines.csv").notices)
    assert any("Decimal commas" in n and "x1, x2" in n for n in load_csv(GOOD / "semicolon_decimal_comma.csv").notices)
    assert any("Thousands separators" in n and "balance" in n for n in load_csv(GOOD / "quoted_thousands.csv").notices)
    assert any("same value (1)" in n for n in load_csv(GOOD / "constant_feature.csv").notices)


def test_latin1_header_is_decoded():
    ds = load_csv(GOOD / "latin1_header.csv")
    assert ds.feature_names == ["température", "débit"]
    assert any("Windows-1252" in n for n in ds.notices)


def test_quoted_thousands_separators_are_numbers():
    ds = load_csv(GOOD / "quoted_thousands.csv")
    raw = (GOOD / "quoted_thousands.csv").read_text().splitlines()[1]
    first_balance = float(raw.split('"')[1].replace(",", ""))
    assert ds.feature_names == ["balance", "age"]
    assert ds.X[0, 0] == pytest.approx(first_balance)
    assert ds.X[:, 0].max() > 1000


def test_integer_features_become_float_with_the_reason():
    ds = load_csv(GOOD / "integer_features.csv")
    assert ds.X.dtype == np.float64
    assert ds.y.dtype.kind == "i" and ds.counts == {0: 48, 1: 12}
    assert any("truncates" in n for n in ds.notices)


def test_rows_with_missing_or_infinite_values_are_dropped_and_counted():
    ds = load_csv(GOOD / "missing_values.csv")
    assert ds.n_samples == 57
    assert np.isfinite(ds.X).all()
    assert any("3 row(s)" in n for n in ds.notices)


def test_html_in_names_and_labels_is_kept_as_plain_text():
    ds = load_csv(GOOD / "html_in_names.csv")
    assert ds.feature_names == ["<script>alert(1)</script>", "<b>bold</b>"]
    assert set(ds.counts) == {"<img src=x onerror=alert(2)>", "**stay**"}


def test_label_and_feature_choices():
    table = read_table(GOOD / "constant_feature.csv")
    ds = table_to_dataset(table, "label", ["x2", "x1"], minority="stay", view=("x1", "x2"))
    assert ds.feature_names == ["x2", "x1"]
    assert ds.view == (1, 0)
    assert ds.minority == "stay"
    with pytest.raises(DataError, match="There is no column 'nope'"):
        table_to_dataset(table, "nope")
    with pytest.raises(DataError, match="not numeric"):
        table_to_dataset(read_table(GOOD / "quoted_newlines.csv"), "label", ["note"])
    with pytest.raises(DataError, match="label column"):
        table_to_dataset(table, "label", ["label"])


def test_numeric_label_with_few_values_is_a_class_column():
    ds = load_csv(b"a,b,grade\n1.5,2,1\n2.5,3,2\n3.5,1,1\n0.5,0,2\n")
    assert ds.counts == {1: 2, 2: 2}


def test_the_safety_net_turns_a_surprise_into_a_data_error(monkeypatch):
    def boom(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(csv_loader, "_detect_delimiter", boom)
    with pytest.raises(DataError, match="could not be read as CSV"):
        load_csv(GOOD / "plain.csv")


def test_standardising_values_too_large_to_scale_is_a_clear_error():
    with pytest.raises(DataError, match="too large"):
        table_to_dataset(read_table(b"a,b,label\n1e308,1,x\n-1e308,2,y\n1e308,3,x\n"), standardise=True)


def test_id_like_columns_are_left_out_of_the_default_features():
    rows = "".join(f"{1000 + i},{(i * 37) % 11},{i % 3},{'ab'[i % 2]}\n" for i in range(40))
    ds = load_csv(("customer_id,score,visits,label\n" + rows).encode())
    assert ds.feature_names == ["score", "visits"]
    assert any("customer_id (its name" in n and "identifiers" in n for n in ds.notices)
    # Chosen explicitly, it is a feature like any other.
    assert load_csv(("customer_id,score,visits,label\n" + rows).encode(), features=["customer_id"]).n_features == 1


def test_very_different_feature_ranges_suggest_standardising():
    ds = load_csv(GOOD / "quoted_thousands.csv")
    assert any("balance" in n and "Standardise" in n for n in ds.notices)
    scaled = table_to_dataset(read_table(GOOD / "quoted_thousands.csv"), standardise=True)
    assert not any("Standardise features" in n for n in scaled.notices)
    assert not any("ranges differ" in n for n in load_csv(GOOD / "plain.csv").notices)


def test_standardise_gives_zero_mean_unit_spread():
    table = read_table(GOOD / "quoted_thousands.csv")
    ds = table_to_dataset(table, standardise=True)
    assert np.allclose(ds.X.mean(axis=0), 0, atol=1e-12)
    assert np.allclose(ds.X.std(axis=0), 1)


# load_csv turns any surprise into a generic DataError so the app never shows a traceback; the property
# tests check that no input needs that safety net, i.e. every bad input has its own specific message.
GENERIC = ("This file could not be read as CSV (", "This file could not be turned into data (")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_anything_but_a_specific_data_error(raw):
    try:
        ds = load_csv(raw)
    except DataError as error:
        assert str(error) and not str(error).startswith(GENERIC), str(error)
    else:
        assert np.isfinite(ds.X).all() and len(ds.counts) >= 2


csv_cell = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet=',;\t"\n\r ab.-1e', max_size=6),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(csv_cell, min_size=1, max_size=5), min_size=1, max_size=12), st.sampled_from([",", ";", "\t"]))
def test_arbitrary_csv_like_text_never_raises_anything_but_a_specific_data_error(rows, sep):
    text = "\n".join(sep.join(r) for r in rows)
    try:
        load_csv(text.encode("utf-8"))
    except DataError as error:
        assert str(error) and not str(error).startswith(GENERIC), str(error)


def _table(header: str, rows: list[str]):
    return read_table((header + "\n" + "\n".join(rows) + "\n").encode())


def test_unique_whole_numbers_are_ids_when_consecutive_sorted_or_codes_of_one_length():
    rng = np.random.default_rng(4)
    shuffled = rng.permutation(50) + 7  # 7..56 in another order: row numbers after a shuffle
    ascending = np.sort(rng.choice(10**6, 50, replace=False))  # sorted, not consecutive
    codes = rng.choice(np.arange(15_565_701, 15_815_691), 50, replace=False)  # CustomerId-like: 8 digits each
    amounts = rng.choice(10**6, 50, replace=False)  # not consecutive, not sorted, 4 to 6 digits: a measurement
    assert len({len(str(v)) for v in amounts}) > 1
    rows = [f"{a},{b},{c},{d},{i % 9},{i % 13 / 3:.3f},{'ab'[i % 2]}"
            for i, (a, b, c, d) in enumerate(zip(shuffled, ascending, codes, amounts))]
    table = _table("code,ref,account,amount,visits,score,label", rows)
    assert csv_loader.id_reason(table, "code") == "the whole numbers 7 to 56, each once (row numbers in another order)"
    assert csv_loader.id_reason(table, "ref") == "sorted, a different whole number in every row"
    assert csv_loader.id_reason(table, "account") == "a different whole number in every row"  # 8-digit codes
    assert csv_loader.id_reason(table, "amount") is None
    assert csv_loader.default_features(table, "label") == ["amount", "visits", "score"]


def test_id_names_are_recognised_and_measurements_are_kept():
    n = 40
    rows = [
        f"{i % 3},{i % 4},{i % 5},{i % 6},{i},{i % 2},{1000 + 17.25 * i:.2f},{0 if i % 3 else 1000 + i * 7},{i % 7},{'ab'[i % 2]}"
        for i in range(n)
    ]
    header = "id,CustomerId,order_ID,Customer ID,index,Paid,EstimatedSalary,Balance,Valid,label"
    table = _table(header, rows)
    features = csv_loader.default_features(table, "label")
    # IDs by name even when their values repeat; a unique decimal salary and a balance with many zeros stay.
    assert features == ["Paid", "EstimatedSalary", "Balance", "Valid"]
    assert csv_loader.id_reason(table, "index") == "its name; consecutive, one per row"
    ds = table_to_dataset(table)
    assert any(n.startswith("Left out of the features because they look like row numbers or identifiers") and
               "id (its name)" in n and "Add them back" in n for n in ds.notices)


def test_few_rows_of_different_whole_numbers_are_not_taken_for_ids():
    rows = [f"{v},{i % 3},{'ab'[i % 2]}" for i, v in enumerate([5, 9, 2, 14, 7, 3, 11, 8, 1, 6])]
    assert csv_loader.default_features(_table("count,other,label", rows), "label") == ["count", "other"]


def test_text_columns_are_listed_with_their_kind_and_smotenc():
    rows = [f"{i % 7},{['FR', 'DE', 'ES'][i % 3]},name{i},{'ab'[i % 2]}" for i in range(30)]
    ds = table_to_dataset(_table("x,country,name,label", rows))
    note = next(n for n in ds.notices if n.startswith("Text column(s)"))
    assert "country (3 categories), name (30 different values)" in note
    assert "nothing halfway between two categories" in note and "SMOTENC" in note and "SMOTEN " in note


def test_one_feature_is_said_plainly_and_a_view_of_one_column_twice_is_refused():
    table = read_table(GOOD / "plain.csv")
    ds = table_to_dataset(table, "label", ["x1"])
    assert ds.view == (0, 0)
    note = next(n for n in ds.notices if n.startswith("Only one feature column"))
    assert "plot x1 against itself" in note and "Choose a second feature column" in note
    with pytest.raises(DataError, match="two different columns"):
        table_to_dataset(table, "label", ["x1", "x2"], view=("x1", "x1"))
