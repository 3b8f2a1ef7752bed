"""The lesson's content and views (pure): chapters, answers, links, and the numbers each chapter reveals."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlencode

import numpy as np
import pytest

from smote_viz.compare.evaluate import CompareSettings
from smote_viz.data import generate
from smote_viz.lesson.chapters import CHAPTERS, KEYS, LessonSettings, chapter, check, progress_text
from smote_viz.lesson.measures import nearest_other, reliability
from smote_viz.lesson.views import chapter_view
from smote_viz.state import LINK_PARAM, GeneratorSettings, from_query, query_keys
from smote_viz.stepper.settings import StepperSettings
from tests.plotly_json import arr


def test_eight_chapters_in_the_order_of_the_lesson():
    assert [c.number for c in CHAPTERS] == list(range(1, 9))
    assert KEYS == ("paradox", "five_steps", "minority_only", "gap", "scaling", "leak", "hurts", "family")
    assert CHAPTERS[0].title == "The accuracy paradox" and "90 % accurate" in CHAPTERS[0].question
    assert progress_text(3) == "3 of 8"
    assert chapter(0).number == 1 and chapter(99).number == 8


@pytest.mark.parametrize("ch", CHAPTERS, ids=KEYS)
def test_every_chapter_asks_one_question_with_a_note_per_option(ch):
    assert 2 <= len(ch.options) <= 4 and len(ch.notes) == len(ch.options)
    assert 0 <= ch.answer < len(ch.options)
    assert ch.question.endswith("?") and ch.explanation and ch.links
    right = check(ch, ch.answer)
    assert right.correct and right.headline == "Right." and right.note == ch.notes[ch.answer]
    for wrong in set(range(len(ch.options))) - {ch.answer}:
        feedback = check(ch, wrong)
        assert not feedback.correct and ch.options[ch.answer] in feedback.headline
        assert feedback.note == ch.notes[wrong]
    with pytest.raises(ValueError):
        check(ch, len(ch.options))


@pytest.mark.parametrize("ch", CHAPTERS, ids=KEYS)
def test_every_link_opens_its_page_in_the_chapters_state(ch):
    for link in ch.links:
        assert link.page.startswith("pages/") and link.params[LINK_PARAM] == "1"
        # Through a real URL and back: the data settings come back exactly.
        params = parse_qs(urlencode(link.params))
        settings, problems = from_query(GeneratorSettings, params)
        assert problems == [] and query_keys(GeneratorSettings) <= set(params)
        assert generate(**settings.generate_kwargs()).n_samples == settings.n_samples
    assert from_query(GeneratorSettings, ch.links[0].params)[0] == ch.data


def test_links_carry_the_page_settings():
    leak = chapter(6).links[0]
    assert leak.page == "pages/compare.py"
    assert from_query(CompareSettings, leak.params)[0] == CompareSettings(classifiers="knn,tree", leaky=True)
    steps = chapter(4).links[0]
    assert from_query(StepperSettings, steps.params)[0].step == 4
    assert from_query(GeneratorSettings, chapter(5).links[0].params)[0].stretch == 100


def test_the_chapter_lives_in_the_url():
    assert from_query(LessonSettings, {"chapter": "5"})[0].chapter == 5
    settings, problems = from_query(LessonSettings, {"chapter": "12"})
    assert settings.chapter == 1 and "chapter=12" in problems[0]


@pytest.mark.parametrize("ch", CHAPTERS, ids=KEYS)
def test_every_chapter_has_a_figure_to_predict_and_one_to_answer(ch):
    view = chapter_view(ch.key)
    for part in (view.before, *view.after):
        spec = json.loads(part.figure.to_json())
        assert spec["data"] and part.words and part.title
    assert view.after


def test_chapter_one_the_dummy_is_ninety_percent_accurate_and_finds_nothing():
    view = chapter_view("paradox")
    spec = json.loads(view.after[0].figure.to_json())
    dummy, model = (arr(t["z"]) for t in spec["data"])
    assert dummy.sum() == 500 and dummy[0, 0] / dummy.sum() == pytest.approx(0.9)  # 450 of 500 right
    assert dummy[1, 1] == 0 and dummy[1, 0] == 50  # finds none of the 50 minority rows
    assert model[1, 1] > 25  # the real model finds most of them
    assert "90.0% accurate" in view.after[0].words and "0 of the 50" in view.after[0].words


def test_chapter_three_shows_smote_first_and_the_counterfactual_after():
    view = chapter_view("minority_only")
    before = json.loads(view.before.figure.to_json())
    after = json.loads(view.after[0].figure.to_json())
    assert {t.get("xaxis", "x") for t in before["data"]} == {"x"}
    assert {t.get("xaxis", "x") for t in after["data"]} == {"x", "x2"}
    assert "nearer than that" in view.before.words and "**2**" in view.after[0].words


def test_chapter_four_the_histogram_holds_every_gap_of_the_run():
    view = chapter_view("gap")
    spec = json.loads(view.after[0].figure.to_json())
    histogram = next(t for t in spec["data"] if t["type"] == "histogram")
    gaps = arr(histogram["x"])
    assert len(gaps) == 160 and gaps.min() >= 0 and gaps.max() < 1
    marks = next(t for t in spec["data"] if t["name"] == "λ marks")
    assert list(arr(marks["x"])) == [0.1, 0.5, 0.9]
    assert f"with {int(np.sum(gaps < 0.1))} below 0.1" in view.after[0].words


def test_chapter_six_leaky_recall_is_higher_than_honest():
    view = chapter_view("leak")
    spec = json.loads(view.after[0].figure.to_json())
    honest, leaky = (arr(t["y"]) for t in spec["data"])
    assert len(honest) == 2 and (leaky > honest + 0.05).all()
    assert len(json.loads(view.before.figure.to_json())["data"]) == 1  # the question shows honest bars only


def test_chapter_seven_ring_overlap_and_calibration():
    view = chapter_view("hurts")
    assert [p.title for p in view.after] == ["The ring", "Overlap", "Calibration"]
    ring = json.loads(view.after[0].figure.to_json())
    through = next(t for t in ring["data"] if t["name"] == "segment through the majority")
    assert len(arr(through["x"])) >= 3 * 30  # dozens of segments cut through the disc
    assert "of the 184 segments" in view.after[0].words


def test_resampling_inflates_predicted_probabilities():
    ds = generate(**GeneratorSettings(n_samples=2000, noise=0.7).generate_kwargs())
    plain, smote = reliability(ds, "logreg")
    assert plain.prevalence == pytest.approx(0.1)
    assert abs(plain.mean_predicted - plain.prevalence) < 0.03
    assert smote.mean_predicted > 1.5 * smote.prevalence  # over-estimates the rare class
    assert smote.brier > plain.brier
    assert len(plain.predicted) == len(plain.observed) >= 3


def test_nearest_point_of_another_class():
    X = np.array([[0, 0], [1, 0], [3, 0], [0.5, 0]])
    assert nearest_other(X, np.array([0, 0, 1, 1]), 0) == (3, 0.5)
