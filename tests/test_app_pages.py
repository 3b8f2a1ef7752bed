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
