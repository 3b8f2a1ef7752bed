"""The Data page in AppTest: generator controls, URL sharing, uploads good and bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smote_viz.ui import DATASET_KEY

DATA = Path(__file__).resolve().parent / "data"


def scatter_names(at) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [t["name"] for t in spec["data"]]


def upload(at, path: Path, mime: str = "text/csv"):
    at.radio[0].set_value("Upload a CSV").run()
    at.file_uploader[0].set_value((path.name, path.read_bytes(), mime)).run()
    return at


def alerts(at) -> str:
    return " ".join(e.value for e in [*at.error, *at.warning, *at.info])


def test_generator_controls_change_the_data_and_the_url(app):
    at = app("pages/data.py")
    at.selectbox[0].set_value("moons")
    at.slider[0].set_value(400)  # number of points
    at.slider[1].set_value(0.25)  # minority share
    at.run()
    assert not at.exception
    assert scatter_names(at) == ["class 0 (300)", "class 1 (100)"]
    assert at.query_params["shape"] in ("moons", ["moons"])
    ds = at.session_state[DATASET_KEY]
    assert ds.n_samples == 400 and ds.counts[1] == 100


def test_a_shared_link_rebuilds_the_same_data(app):
    at = app(query={"shape": "xor", "n": "300", "minority": "0.2", "noise": "0.1", "classes": "3", "seed": "11"})
    at.switch_page("pages/data.py").run()
    assert not at.exception
    ds = at.session_state[DATASET_KEY]
    assert ds.name.startswith("xor, 300 points")
    assert sum(ds.counts.values()) == 300 and len(ds.counts) == 3
    assert at.selectbox[0].value == "xor"


def test_a_link_with_values_between_slider_steps_keeps_its_exact_data(app):
    query = {"shape": "moons", "n": "333", "minority": "0.123", "noise": "0.37", "classes": "2", "seed": "5"}
    at = app(query=query)
    home = at.session_state[DATASET_KEY]
    at.switch_page("pages/data.py").run()
    assert not at.exception
    data = at.session_state[DATASET_KEY]
    minority = round(333 * 0.123)  # 41: a slider rounded to 0.12 would give 40
    assert data.counts == home.counts == {0: 333 - minority, 1: minority}
    assert at.query_params["minority"] in ("0.123", ["0.123"])
    assert at.query_params["n"] in ("333", ["333"])


def test_a_broken_link_opens_with_defaults_and_says_what_was_wrong(app):
    at = app(query={"shape": "spiral", "n": "many"})  # the link opens Home: its warnings show there, at once
    assert not at.exception
    text = " ".join(w.value for w in at.warning)
    assert "shape=spiral" in text and "n=many" in text
    at.switch_page("pages/data.py").run()
    assert not at.warning, "each problem is said once"
    assert scatter_names(at) == ["class 0 (180)", "class 1 (20)"]


def test_uploading_a_good_file_makes_it_the_current_data(app):
    at = upload(app("pages/data.py"), DATA / "good" / "semicolon_decimal_comma.csv")
    assert not at.exception
    assert scatter_names(at) == ["class churn (10)", "class stay (50)"]
    # Styles follow class size, not spelling: the majority is always blue circles, the minority vermillion
    # triangles, even though 'churn' sorts first.
    markers = [t["marker"] for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
    assert [(m["symbol"], m["color"]) for m in markers] == [("triangle-up", "#D55E00"), ("circle", "#0072B2")]
    bars = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    assert bars["marker"]["color"] == ["#D55E00", "#0072B2"]
    assert "semicolon" in alerts(at)
    assert at.session_state[DATASET_KEY].feature_names == ["x1", "x2"]
    # Query parameters of generated data no longer describe the data.
    assert "shape" not in at.query_params


@pytest.mark.parametrize(
    "name, words",
    [
        ("empty.csv", "empty"),
        ("spreadsheet_renamed.csv", "Excel"),
        ("ragged_rows.csv", "Line 4 has 4 values"),
        ("single_class.csv", "same label"),
        ("json_records.csv", "JSON"),
        ("continuous_label.csv", "measurement"),
    ],
)
def test_a_bad_upload_shows_why_and_keeps_the_previous_data(app, name, words):
    at = app("pages/data.py")
    before = at.session_state[DATASET_KEY].fingerprint
    upload(at, DATA / "bad" / name)
    assert not at.exception
    assert words in " ".join(e.value for e in at.error)
    assert at.session_state[DATASET_KEY].fingerprint == before
    assert scatter_names(at) == ["class 0 (180)", "class 1 (20)"]
    assert "previous data is still loaded" in " ".join(c.value for c in at.caption)


def test_a_bad_upload_after_a_good_one_keeps_the_good_one(app):
    at = upload(app("pages/data.py"), DATA / "good" / "tab_separated.csv")
    good = at.session_state[DATASET_KEY].fingerprint
    at.file_uploader[0].set_value(("bad.csv", (DATA / "bad" / "binary_noise.csv").read_bytes(), "text/csv")).run()
    assert not at.exception
    assert "binary data" in " ".join(e.value for e in at.error)
    assert at.session_state[DATASET_KEY].fingerprint == good


def test_column_choices_pick_label_features_minority_and_view(app):
    at = upload(app("pages/data.py"), DATA / "good" / "constant_feature.csv")
    at.multiselect[0].set_value(["x1", "x2"]).run()
    minority = [s for s in at.selectbox if s.label == "Minority class"][0]
    minority.set_value("churn").run()
    vertical = [s for s in at.selectbox if s.label == "Vertical axis"][0]
    assert vertical.options == ["x2"]  # never the horizontal axis's column
    horizontal = [s for s in at.selectbox if s.label == "Horizontal axis"][0]
    horizontal.set_value("x2").run()  # the vertical column moved to the horizontal axis: the axes swap
    assert not at.exception
    assert [s for s in at.selectbox if s.label == "Vertical axis"][0].value == "x1"
    ds = at.session_state[DATASET_KEY]
    assert ds.feature_names == ["x1", "x2"] and ds.minority == "churn" and ds.view == (1, 0)
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert layout["xaxis"]["title"]["text"] == "x2"


def test_upload_choices_survive_a_visit_to_another_page(app):
    at = upload(app("pages/data.py"), DATA / "good" / "constant_feature.csv")
    at.toggle[0].set_value(True).run()
    [s for s in at.selectbox if s.label == "Horizontal axis"][0].set_value("x2").run()
    [s for s in at.selectbox if s.label == "Vertical axis"][0].set_value("flag").run()
    chosen = at.session_state[DATASET_KEY]
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    back = at.session_state[DATASET_KEY]
    assert back.fingerprint == chosen.fingerprint
    assert back.view_names == ("x2", "flag") and abs(back.X[:, 0].mean()) < 1e-9
    assert at.toggle[0].value is True
    assert [s for s in at.selectbox if s.label == "Vertical axis"][0].value == "flag"


def test_the_majority_class_is_not_offered_as_the_minority(app):
    at = upload(app("pages/data.py"), DATA / "good" / "plain.csv")
    minority = [s for s in at.selectbox if s.label == "Minority class"][0]
    assert minority.options == ["churn"]


def test_a_balanced_upload_loads_and_says_it_is_balanced(app, tmp_path):
    path = tmp_path / "balanced.csv"
    path.write_text("x1,x2,answer\n" + "".join(f"{i},{i % 7},{'yes' if i % 2 else 'no'}\n" for i in range(100)))
    at = upload(app("pages/data.py"), path)
    assert not at.exception
    assert at.session_state[DATASET_KEY].counts == {"no": 50, "yes": 50}
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "The classes are balanced (50 rows each)" in text


def test_standardise_toggle_rescales_and_says_so(app):
    at = upload(app("pages/data.py"), DATA / "good" / "quoted_thousands.csv")
    assert at.session_state[DATASET_KEY].X[:, 0].max() > 1000
    at.toggle[0].set_value(True).run()
    ds = at.session_state[DATASET_KEY]
    assert abs(ds.X[:, 0].mean()) < 1e-9
    assert "standardised" in alerts(at)


def test_html_in_column_names_and_labels_is_shown_as_text(app):
    at = upload(app("pages/data.py"), DATA / "good" / "html_in_names.csv")
    assert not at.exception
    # Plotly would render tags in legends: they arrive as entities, which it shows as the characters.
    assert scatter_names(at) == ["class **stay** (50)", "class &lt;img src=x onerror=alert(2)&gt; (10)"]
    markdown = " ".join(m.value for m in at.markdown)
    # Escaped for markdown: the asterisks cannot make bold text, the tag stays literal text.
    assert "\\*\\*stay\\*\\*" in markdown
    assert all(not m.proto.allow_html for m in at.markdown)


def test_every_page_still_works_after_an_upload(app):
    at = upload(app("pages/data.py"), DATA / "good" / "plain.csv")
    for page in ["pages/home.py", "pages/data.py"]:
        at.switch_page(page).run()
        assert not at.exception


def test_the_sidebar_describes_the_data_the_page_just_chose(app):
    at = app("pages/data.py")
    at.slider[1].set_value(0.25).run()  # minority share: 200 rows -> 150 / 50
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "0: 150, 1: 50" in sidebar
    assert "Imbalance ratio 3.0 : 1" in sidebar


def test_a_spreadsheet_with_its_own_name_gets_the_loader_message(app):
    at = app("pages/data.py")
    at.radio[0].set_value("Upload a CSV").run()
    xlsx = (DATA / "bad" / "spreadsheet_renamed.csv").read_bytes()
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].set_value(("churn.xlsx", xlsx, mime)).run()
    assert not at.exception
    assert "save it as 'CSV UTF-8" in " ".join(e.value for e in at.error).replace("\\", "")


def _axes(at):
    x = [s for s in at.selectbox if s.label == "Horizontal axis"]
    y = [s for s in at.selectbox if s.label == "Vertical axis"]
    return (x[0].value if x else None), (y[0].value if y else None)


def test_the_churn_file_loads_with_the_articles_features_and_different_axes(app):
    at = upload(app("pages/data.py"), DATA / "good" / "bank_churn_like.csv")
    assert not at.exception
    ds = at.session_state[DATASET_KEY]
    assert ds.feature_names == ["CreditScore", "Age", "Tenure", "Balance", "NumOfProducts", "HasCrCard",
                                "IsActiveMember", "EstimatedSalary"]
    assert ds.label_name == "Exited" and ds.view_names == ("CreditScore", "Age") == _axes(at)
    text = alerts(at).replace("\\", "")  # the page escapes markdown characters
    assert "RowNumber (its name; numbered 1, 2, 3" in text and "CustomerId (its name" in text
    assert "Geography (3 categories)" in text and "SMOTENC" in text


def test_the_axes_stay_two_different_columns_whatever_features_are_removed_or_added(app):
    at = upload(app("pages/data.py"), DATA / "good" / "bank_churn_like.csv")
    features = at.multiselect[0]
    # Remove the vertical axis's column, then the horizontal one's, down to two features.
    for keep in (["CreditScore", "Tenure", "Balance"], ["Tenure", "Balance"]):
        at.multiselect[0].set_value(keep).run()
        assert not at.exception
        x, y = _axes(at)
        ds = at.session_state[DATASET_KEY]
        assert x != y and {x, y} <= set(keep) and ds.view_names == (x, y)
        assert [s for s in at.selectbox if s.label == "Vertical axis"][0].options == [c for c in keep if c != x]
    # Down to one feature: no axis choice, a plain message, and the data shows that one column.
    at.multiselect[0].set_value(["Balance"]).run()
    assert not at.exception
    assert _axes(at) == (None, None)
    warning = " ".join(w.value for w in at.warning)
    assert "Only one feature column, Balance" in warning and "Choose a second feature column" in warning
    assert at.session_state[DATASET_KEY].view_names == ("Balance", "Balance")
    # Add features back: two different columns again.
    at.multiselect[0].set_value(["Balance", "Age"]).run()
    assert _axes(at) == ("Balance", "Age") and at.session_state[DATASET_KEY].view == (0, 1)
    at.multiselect[0].set_value(["Age", "Balance", "CustomerId"]).run()
    x, y = _axes(at)
    assert x != y and at.session_state[DATASET_KEY].view_names == (x, y)
    assert features.label.startswith("Feature columns")


def test_the_churn_sample_button_loads_the_sample_and_keeps_it(app):
    at = app("pages/data.py")
    at.radio[0].set_value("Upload a CSV").run()
    at.file_uploader[0].set_value(("plain.csv", (DATA / "good" / "plain.csv").read_bytes(), "text/csv")).run()
    at.button(key="data_churn_sample").click().run()
    assert not at.exception
    ds = at.session_state[DATASET_KEY]
    assert ds.name == "bank_churn_sample.csv" and ds.n_samples == 10_000 and ds.label_name == "Exited"
    # The earlier upload is not read again on the next rerun: the sample stays.
    at.toggle[0].set_value(True).run()
    assert at.session_state[DATASET_KEY].name == "bank_churn_sample.csv"
    assert "Features were standardised" in alerts(at).replace("\\", "")
