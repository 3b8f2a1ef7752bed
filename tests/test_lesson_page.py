"""The Lesson page in AppTest: every chapter asks, then reveals; the chapter lives in the URL."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from smote_viz.lesson.chapters import CHAPTERS, KEYS
from smote_viz.lesson.views import chapter_view

PAGE = "pages/lesson.py"


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def texts(at) -> str:
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def same_figure(spec: dict, figure) -> bool:
    """The chart on the page is the chapter's figure (compared through the same JSON)."""
    expected = json.loads(figure.to_json())
    return [t.get("name") for t in spec["data"]] == [t.get("name") for t in expected["data"]]


@pytest.mark.parametrize("ch", CHAPTERS, ids=KEYS)
def test_each_chapter_asks_first_then_reveals_the_answer(app, ch):
    at = app(PAGE, query={"chapter": str(ch.number)})
    assert not at.exception
    assert at.subheader[0].value == f"{ch.number}. {ch.title}"
    assert at.query_params["chapter"] in (str(ch.number), [str(ch.number)])
    view = chapter_view(ch.key)
    charts = specs(at)
    assert len(charts) == 1 and same_figure(charts[0], view.before.figure)
    question = at.radio(key=f"lesson.choice.{ch.number}")
    assert question.value is None and ch.question in question.label
    assert not at.success and not at.error  # nothing revealed before the prediction
    assert not at.get("page_link")
    wrong = (ch.answer + 1) % len(ch.options)
    question.set_value(wrong).run()
    assert not at.exception
    assert ch.options[ch.answer] in at.error[0].value.replace("\\", "")
    assert ch.notes[wrong].split(":")[0].replace("\\", "") in at.error[0].value.replace("\\", "")
    charts = specs(at)
    assert len(charts) == len(view.after)
    assert all(same_figure(s, p.figure) for s, p in zip(charts, view.after, strict=True))
    assert view.after[0].words.replace("\\", "")[:40] in texts(at)
    assert f"Your prediction: *{ch.options[wrong]}*" in " ".join(m.value for m in at.markdown)
    links = at.get("page_link")
    assert len(links) == len(ch.links)
    for shown, link in zip(links, ch.links, strict=True):
        assert shown.proto.page == Path(link.page).stem  # the page's URL path
        assert parse_qs(shown.proto.query_string) == {k: [v] for k, v in link.params.items()}


def test_a_right_answer_is_confirmed_and_counted(app):
    at = app(PAGE)
    at.radio(key="lesson.choice.1").set_value(CHAPTERS[0].answer).run()
    assert at.success[0].value.startswith("**Right\\.**")
    assert "1 of 1 predictions right" in at.get("progress")[0].proto.text


def test_next_and_previous_move_through_the_chapters_and_the_url_follows(app):
    at = app(PAGE)
    assert "Chapter **1 of 8**" in at.get("progress")[0].proto.text
    assert at.button(key="lesson.prev").disabled
    at.button(key="lesson.next").click().run()
    at.button(key="lesson.next").click().run()
    assert at.subheader[0].value.startswith("3. ")
    assert at.query_params["chapter"] in ("3", ["3"])
    assert "Chapter **3 of 8**" in at.get("progress")[0].proto.text
    at.button(key="lesson.prev").click().run()
    assert at.subheader[0].value.startswith("2. ")
    at.selectbox(key="lesson.goto").set_value(8).run()
    assert at.subheader[0].value.startswith("8. ") and at.button(key="lesson.next").disabled


def test_answers_are_kept_when_going_back_and_can_be_taken_again(app):
    at = app(PAGE, query={"chapter": "4"})
    at.radio(key="lesson.choice.4").set_value(0).run()
    at.button(key="lesson.next").click().run()
    at.button(key="lesson.prev").click().run()
    assert at.success and "Your prediction" in texts(at)
    at.button(key="lesson.again").click().run()
    assert not at.success and at.radio(key="lesson.choice.4").value is None


def test_the_lesson_link_keeps_only_the_chapter_and_the_classroom_modes(app):
    at = app(PAGE, query={"chapter": "5", "present": "1"})
    assert not at.exception
    assert dict(at.query_params) in ({"chapter": "5", "present": "1"}, {"chapter": ["5"], "present": ["1"]})


def test_a_broken_chapter_link_opens_chapter_one_and_says_why(app):
    at = app(PAGE, query={"chapter": "nine"})
    assert not at.exception
    assert "chapter=nine" in at.warning[0].value
    assert at.subheader[0].value.startswith("1. ")


@pytest.mark.parametrize("ch", CHAPTERS, ids=KEYS)
def test_each_answered_chapter_turns_to_presenter_mode(app, ch):
    # Chapter 8's ADASYN ring sizes arrive from the cache as a typed array; presenter mode crashed on them.
    at = app(PAGE, query={"chapter": str(ch.number)})
    at.radio(key=f"lesson.choice.{ch.number}").set_value(0).run()
    at.toggle(key="smote_lab.toggle_present").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("plotly_chart")


def test_projector_sizing_reads_plotly_typed_arrays():
    import base64

    import numpy as np
    import plotly.graph_objects as go

    from smote_viz.figures.common import PROJECTOR_GROWTH, projector_sized

    sizes = np.array([7.0, 16.5], dtype=np.float64)
    figure = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], marker={"size": sizes}))
    figure.data[0].marker.size = {"dtype": "f8", "bdata": base64.b64encode(sizes.tobytes()).decode()}
    projector_sized(figure)
    assert list(figure.data[0].marker.size) == [7.0 * PROJECTOR_GROWTH, 16.5 * PROJECTOR_GROWTH]


def _link(at) -> dict[str, str]:
    """The page's URL query, as a reload would send it again."""
    return {key: (value[-1] if isinstance(value, list) else value) for key, value in dict(at.query_params).items()}


def test_a_reload_keeps_the_learners_place_and_answers(app):
    """The answers used to live in the session only: after a reload the chapter was kept (?chapter=N) but the
    progress line said "0 of 0 predictions right". They now travel in the link, one letter per chapter."""
    at = app(PAGE, query={"chapter": "2"})
    assert "no predictions yet" in at.get("progress")[0].proto.text  # not "0 of 0"
    second, third = CHAPTERS[1], CHAPTERS[2]
    wrong = (third.answer + 1) % len(third.options)
    at.radio(key="lesson.choice.2").set_value(second.answer).run()
    at.button(key="lesson.next").click().run()
    at.radio(key="lesson.choice.3").set_value(wrong).run()
    link = _link(at)
    assert link == {"chapter": "3", "answers": "-" + "abcdefgh"[second.answer] + "abcdefgh"[wrong]}
    reloaded = app(PAGE, query=link)  # a reload: a new session from the same link
    assert not reloaded.exception and not reloaded.warning
    assert reloaded.subheader[0].value.startswith("3. ")
    assert "1 of 2 predictions right" in reloaded.get("progress")[0].proto.text
    assert reloaded.error and f"Your prediction: *{third.options[wrong]}*" in texts(reloaded)
    reloaded.button(key="lesson.prev").click().run()
    assert reloaded.success and f"Your prediction: *{second.options[second.answer]}*" in texts(reloaded)
    # Answering again takes the answer out of the link too.
    reloaded.button(key="lesson.again").click().run()
    assert _link(reloaded)["answers"] == "--" + "abcdefgh"[wrong]
    assert "0 of 1 predictions right" in reloaded.get("progress")[0].proto.text


def test_answers_in_a_link_that_are_no_option_are_ignored(app):
    """A hand-made or damaged link: each chapter's letter must be one of its options; anything else (another
    character, a letter past its options, characters beyond the last chapter) is ignored, and said so once."""
    first = CHAPTERS[0]
    right = "abcdefgh"[first.answer]
    at = app(PAGE, query={"chapter": "1", "answers": right + "!z=" + "-" * 4 + "a" * 50})
    assert not at.exception
    assert len(at.warning) == 1 and "not an option of their chapter" in at.warning[0].value
    assert at.success  # chapter 1's answer was kept, nothing else
    assert "1 of 1 predictions right" in at.get("progress")[0].proto.text
    assert _link(at) == {"chapter": "1", "answers": right}  # the link is cleaned up
