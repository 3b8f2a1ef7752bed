"""Every page runs without an exception and shows what it should (AppTest)."""

from __future__ import annotations

import json


def test_home_page_shows_the_steps_and_the_accuracy_paradox(app):
    at = app()
    assert not at.exception
    assert at.title[0].value == "SMOTE Lab"
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # drop markdown escapes
    assert "accurate and finds none of class 1" in text
    # Default data: 180 majority, 20 minority -> 90.0 % accuracy for "always majority".
    assert "90.0% accurate" in text
    assert "arXiv:1106.1813" in " ".join(c.value for c in at.caption)


def test_data_page_draws_the_default_data(app):
    at = app("pages/data.py")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [t["name"] for t in spec["data"]]
    assert names == ["class 0 (180)", "class 1 (20)"]
    symbols = [t["marker"]["symbol"] for t in spec["data"]]
    assert len(set(symbols)) == 2


def test_the_sidebar_describes_the_data_on_every_page_even_one_that_stops_early(app):
    # Compare stops (st.stop) until Run is pressed; the sidebar still says what data is loaded.
    for page in ("pages/home.py", "pages/data.py", "pages/stepper.py", "pages/compare.py", "pages/lesson.py"):
        at = app(page)
        assert not at.exception, page
        captions = [c.value for c in at.sidebar.caption]
        assert captions.count("Current data") == 1, page
        assert any("200 rows, 2 features" in m.value for m in at.sidebar.markdown), page
