"""Issue 12: cache keys that cannot collide between users, one upload limit, link warnings shown at once, a lost
upload said out loud, and bounded caches."""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path

import numpy as np
import pytest

from smote_viz.data import MAX_BYTES, DataError, Dataset, read_table
from smote_viz.ui import DATASET_KEY

ROOT = Path(__file__).resolve().parents[1]


# --- 3. cache keys ------------------------------------------------------------------------------------------------
def test_fingerprint_separates_names_that_a_joined_string_would_merge():
    X, y = np.arange(8.0).reshape(4, 2), np.array([0, 0, 1, 1])
    a = Dataset(X, y, ["AAA\x1fBBB", "CCC"])
    b = Dataset(X, y, ["AAA", "BBB\x1fCCC"])
    assert a.fingerprint != b.fingerprint


def test_fingerprint_separates_labels_that_a_joined_string_would_merge():
    X = np.arange(4.0).reshape(2, 2)
    a = Dataset(X, np.array(["a\x1fb", "c"]), ["x", "y"])
    b = Dataset(X, np.array(["a", "b\x1fc"]), ["x", "y"])
    assert a.fingerprint != b.fingerprint
    assert a.fingerprint == Dataset(X, np.array(["a\x1fb", "c"]), ["x", "y"]).fingerprint


def upload_on_data_page(at, name: str, raw: bytes):
    at.radio[0].set_value("Upload a CSV").run()
    at.file_uploader[0].set_value((name, raw, "text/csv")).run()
    assert not at.exception
    return at


def test_two_users_with_colliding_headers_each_see_their_own_names(app):
    """Issue 12: the second upload's SMOTE family axes showed the first upload's column names (shared cache)."""
    rows = "\n".join(f"{(i * 37) % 11 / 3:.3f},{(i * 53) % 13 / 4:.3f},{int(i % 5 == 0)}" for i in range(60))
    first = ("AAA\x1fBBB,CCC,label\n" + rows + "\n").encode()
    second = ("AAA,BBB\x1fCCC,label\n" + rows + "\n").encode()
    axes = []
    for raw in (first, second):
        at = upload_on_data_page(app("pages/data.py"), "same.csv", raw)
        at.switch_page("pages/variants.py").run()
        assert not at.exception
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        titles = sorted({v["title"]["text"] for k, v in spec["layout"].items()
                         if k.startswith(("xaxis", "yaxis")) and v.get("title", {}).get("text")})
        axes.append(titles)
    assert axes[0] != axes[1]
    assert any("BBB\x1fCCC" in t or "BBB\u241fCCC" in t or "BBB" in t and "CCC" in t for t in axes[1])


# --- 5. one upload limit --------------------------------------------------------------------------------------------
def test_upload_limit_is_one_number_everywhere():
    """Streamlit's browser refuses files over server.maxUploadSize x 1 000 000 bytes (x 1024 x 1024 on Windows);
    the loader refuses over MAX_BYTES; the page says the limit. All three are the same number."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    megabytes = config["server"]["maxUploadSize"]
    assert MAX_BYTES == megabytes * 1_000_000
    with pytest.raises(DataError, match=rf"limit is {megabytes} MB"):
        read_table(b"a,b\n" + b"1,2\n" * (MAX_BYTES // 4 + 1))
    exactly = b"a,b\n" + b"1,0\n" * ((MAX_BYTES - 4) // 4)
    assert len(exactly) == MAX_BYTES
    with pytest.raises(DataError) as refused:
        read_table(exactly)
    assert "rows" in str(refused.value) and "MB" not in str(refused.value), "at the limit, only the rows are too many"


def test_data_page_states_the_upload_limit(app):
    at = app("pages/data.py")
    at.radio[0].set_value("Upload a CSV").run()
    help_text = at.file_uploader[0].proto.help
    assert f"{MAX_BYTES // 1_000_000} MB" in help_text


# --- 5. bounded caches -----------------------------------------------------------------------------------------------
def cached_functions():
    """(file, function name, decorator keywords) of every st.cache_data / st.cache_resource in the app."""
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "smote_viz").rglob("*.py"))]:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for dec in node.decorator_list:
                    call = dec if isinstance(dec, ast.Call) else None
                    target = ast.unparse(call.func if call else dec)
                    if target.endswith(("cache_data", "cache_resource")):
                        keywords = {k.arg for k in call.keywords} if call else set()
                        yield path.relative_to(ROOT), node.name, target, keywords


# The one object every session shares on purpose: class mode's rooms. A class is shared by its members by design,
# and each class is reached only with its code or its teacher's token; the store bounds itself (classes, students,
# questions, expiry: tests/test_room_store.py).
SHARED_ON_PURPOSE = {("smote_viz/room/ui.py", "rooms")}


def test_every_cache_is_bounded_by_entries_and_time():
    found = list(cached_functions())
    assert found, "the app caches results; the scan must find them"
    shared = set()
    for path, name, target, keywords in found:
        if target.endswith("cache_resource"):
            assert (str(path), name) in SHARED_ON_PURPOSE, f"{path}:{name}: cache_resource is shared by all users"
            shared.add((str(path), name))
            continue
        assert {"max_entries", "ttl"} <= keywords, f"{path}:{name} needs max_entries and ttl"
    assert shared == SHARED_ON_PURPOSE  # the scan sees the rooms' registry, so it would see another


# --- 5. link warnings at once, and a lost upload ----------------------------------------------------------------------
def warnings_text(at) -> str:
    return " ".join(w.value for w in at.warning)


@pytest.mark.parametrize("page", [None, "pages/data.py"])
def test_bad_data_settings_in_a_link_are_reported_on_the_page_it_opens(app, page):
    query = {"shape": "moons", "n": "abc", "minority": "7"}
    at = AppTest_with_query(app, page, query)
    assert not at.exception
    text = warnings_text(at)
    assert "n=abc" in text and "minority=7" in text


def AppTest_with_query(app, page, query):
    """The page opened from a link: the query is set before the first run, on that page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(page)
    at.run()
    return at


def test_an_upload_is_marked_in_the_link(app):
    at = upload_on_data_page(app("pages/data.py"), "plain.csv", (ROOT / "tests/data/good/plain.csv").read_bytes())
    assert at.query_params["data"] in ("upload", ["upload"])
    assert "shape" not in at.query_params
    at.radio[0].set_value("Generate").run()
    at.slider[0].set_value(300).run()
    assert "data" not in at.query_params, "generated data carries its settings, not the upload mark"


def test_a_link_whose_upload_was_lost_says_so_and_starts_the_stepper_again(app):
    at = AppTest_with_query(app, "pages/stepper.py", {"data": "upload", "step": "7", "k": "3"})
    assert not at.exception
    assert "uploaded file was lost" in warnings_text(at)
    assert at.session_state["stepper.step"] == 0
    assert at.query_params.get("step") in (None, "0", ["0"])
    assert at.session_state[DATASET_KEY].name.startswith("blobs")
    at.run()
    assert "uploaded file was lost" not in warnings_text(at), "said once"


def test_a_normal_link_keeps_its_step(app):
    at = AppTest_with_query(app, "pages/stepper.py", {"step": "7"})
    assert at.session_state["stepper.step"] == 7
    assert "lost" not in warnings_text(at)


def test_memory_release_runs_once_per_process():
    from smote_viz import memory

    assert memory.release_free_memory() is True  # glibc: the machine this runs on
    assert memory.limit_arenas() is True
    first = memory.start_releasing(interval_s=3600)
    assert memory.start_releasing(interval_s=3600) is False
    assert first or memory._STARTED.is_set()
