"""In-app links (``state.link_query``, ``link=1``): a page opened from one shows exactly the state the link
names, even when the session remembers other settings for that page (AppTest)."""

from __future__ import annotations

from smote_viz.lesson.chapters import chapter
from smote_viz.state import LINK_PARAM
from smote_viz.stepper.settings import StepperSettings
from smote_viz.ui import DATASET_KEY


def follow(at, page: str, params: dict[str, str]):
    """What a click on ``st.page_link(page, query_params=params)`` sends: the page and exactly these parameters."""
    for key in list(at.query_params):
        del at.query_params[key]
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def test_a_lesson_link_replaces_what_the_session_remembers(app):
    at = app("pages/stepper.py", query={"k": "3", "step": "7"})
    assert at.session_state["stepper.settings"].k == 3
    at.switch_page("pages/lesson.py").run()
    ring = chapter(7).links[0]
    follow(at, ring.page, ring.params)
    assert not at.exception
    assert at.session_state["stepper.settings"] == StepperSettings()
    assert at.session_state[DATASET_KEY].name.startswith("ring, 200 points, 4% minority")
    assert LINK_PARAM not in at.query_params  # used once, then gone from the URL
    assert at.query_params["shape"] in ("ring", ["ring"])


def test_a_plain_page_switch_keeps_the_sessions_settings(app):
    at = app("pages/stepper.py", query={"k": "3"})
    at.switch_page("pages/lesson.py").run()
    params = {key: value for key, value in chapter(7).links[0].params.items() if key != LINK_PARAM}
    follow(at, "pages/stepper.py", params)  # the same URL without the marker: a page revisited
    assert at.session_state["stepper.settings"].k == 3
    assert at.session_state[DATASET_KEY].name.startswith("blobs")


def test_a_link_without_data_settings_keeps_the_current_data(app):
    at = app("pages/stepper.py", query={"shape": "moons", "k": "3"})
    at.switch_page("pages/home.py").run()
    follow(at, "pages/stepper.py", {"k": "4", LINK_PARAM: "1"})
    assert not at.exception
    assert at.session_state[DATASET_KEY].name.startswith("moons")
    assert at.session_state["stepper.settings"].k == 4
