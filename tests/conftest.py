"""Shared test fixtures: an AppTest factory with a clean cache for every test."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """st.cache_data outlives an AppTest within one process; start every test from nothing."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def open_app(page: str | None = None, query: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """A new session of the app, opened with ``query`` and run, then on ``page`` (a page file) if given."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


@pytest.fixture
def app():
    """A factory: ``app(page=None, query=None)`` returns a run AppTest on that page."""
    return open_app


@pytest.fixture
def fits(monkeypatch):
    """The (classifier, treatment) of every model fit a page asks ``smote_viz.compare.evaluate`` for (cache misses)."""
    import smote_viz.compare.evaluate as evaluate

    calls = []
    original = evaluate.evaluate_unit

    def counting(*args, **kwargs):
        calls.append(args[2:4])
        return original(*args, **kwargs)

    monkeypatch.setattr(evaluate, "evaluate_unit", counting)
    return calls



# ----- how the tests are shared between parallel workers (pytest-xdist) ------------------------------------------
# ``--dist loadscope`` (pyproject's addopts) hands a worker one scope at a time. Here a scope is one test, as with
# ``--dist load``, except in the modules below, where several checks read one page x mode x screen visit: there a
# scope is one visit (the tests' parameters), so each visit is made by one worker, once.
SPLIT_BY_PARAMETERS = ("tests/e2e/test_explorer_browser.py",)


def scope_of(nodeid: str) -> str:
    module, _, rest = nodeid.partition("::")
    if module in SPLIT_BY_PARAMETERS and rest.endswith("]") and "[" in rest:
        return module + "[" + rest.split("[", 1)[1]
    return nodeid


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByVisit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return ByVisit(config, log)
