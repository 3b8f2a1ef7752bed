"""The lesson's Streamlit module: the learner's place and answers in the session, the chapter's navigation row,
its question and answer, and its pictures. Every question, answer and figure comes from the pure package
(``chapters``, ``views``)."""

from __future__ import annotations

import streamlit as st

from smote_viz import ui
from smote_viz.figures.common import projector_sized
from smote_viz.lesson.chapters import (
    CHAPTERS,
    Chapter,
    LessonSettings,
    answers_text,
    chapter,
    check,
    predictions_text,
    progress_text,
    read_answers,
)
from smote_viz.lesson.views import chapter_view
from smote_viz.room import ui as room
from smote_viz.room.tally import OPTION, Asked
from smote_viz.state import from_query
from smote_viz.style import escape_markdown

CHAPTER_KEY = "lesson.chapter"  # the chapter shown (1-based)
ANSWERS_KEY = "lesson.answers"  # {chapter number: option index chosen}
GOTO_KEY = "lesson.goto"


@st.cache_data(max_entries=16, ttl="1h", show_spinner="Preparing the chapter…")
def cached_view(key: str):
    """A chapter's figures and numbers depend only on the chapter (each has its own data): shared by everyone."""
    return chapter_view(key)


def go_to(number: int) -> None:
    st.session_state[CHAPTER_KEY] = min(max(int(number), 1), len(CHAPTERS))


def go_to_picked() -> None:
    """The chapter picker changed: go there (a value that is no chapter's number is ignored)."""
    number = ui.chosen(GOTO_KEY, [c.number for c in CHAPTERS], None)
    if number is not None:
        go_to(number)


def answered(number: int, widget: str) -> None:
    """An answer was chosen: keep its option index (a value that is no option's index is ignored)."""
    choice = ui.chosen(widget, range(len(chapter(number).options)), None)
    if choice is not None:
        st.session_state[ANSWERS_KEY][number] = choice


def answer_again(number: int, widget: str) -> None:
    st.session_state[ANSWERS_KEY].pop(number, None)
    st.session_state.pop(widget, None)


def figure(fig, key: str) -> None:
    st.plotly_chart(projector_sized(fig) if ui.presenting() else fig, key=key)


ANSWERS_IGNORED = ("Some of the link's lesson answers ('answers=') are not an option of their chapter; those "
                   "chapters are left unanswered.")


def place() -> tuple[int, dict]:
    """The chapter shown and the answers given so far: on the first visit of the session (a reload too) both
    from the link, an answer that is no option of its chapter ignored (and said so)."""
    state = st.session_state
    if CHAPTER_KEY not in state:
        first, problems = from_query(LessonSettings, {key: st.query_params.get_all(key) for key in st.query_params})
        state[CHAPTER_KEY] = first.chapter
        state[ANSWERS_KEY], ignored = read_answers(first.answers)
        for problem in [*problems, *([ANSWERS_IGNORED] if ignored else [])]:
            st.warning(escape_markdown(problem), icon=":material/link_off:")
    return state[CHAPTER_KEY], state.setdefault(ANSWERS_KEY, {})


def keep_in_link(number: int, answers: dict) -> None:
    """The chapter and the answers in the URL (the classroom modes too), so that a reload or a shared link keeps
    the learner's place and progress."""
    ui.share_in_url(LessonSettings(number, answers_text(answers)).query(), with_data=False)


def right_so_far(answers: dict) -> int:
    return sum(check(chapter(n), choice).correct for n, choice in answers.items())


def navigation(number: int, answers: dict) -> None:
    """Previous, where the learner is (with the score so far), a jump to any chapter, and Next."""
    back, where, jump, forward = st.columns([1, 2, 2, 1], vertical_alignment="center")
    back.button("Previous", icon=":material/arrow_back:", on_click=go_to, args=(number - 1,), disabled=number == 1,
                key="lesson.prev", width="stretch")
    where.progress(number / len(CHAPTERS), text=f"Chapter **{progress_text(number)}** · "
                   f"{predictions_text(right_so_far(answers), len(answers))}")
    st.session_state[GOTO_KEY] = number
    jump.selectbox("Go to chapter", [c.number for c in CHAPTERS], key=GOTO_KEY, label_visibility="collapsed",
                   format_func=ui.label({c.number: f"{c.number}. {c.title}" for c in CHAPTERS}),
                   on_change=go_to_picked)
    forward.button("Next", icon=":material/arrow_forward:", on_click=go_to, args=(number + 1,),
                   disabled=number == len(CHAPTERS), key="lesson.next", width="stretch",
                   type="primary" if number in answers else "secondary")


def question_and_answer(ch: Chapter, choice: int | None) -> None:
    """The setup and the question; once answered, the verdict, the explanation and the links to explore it."""
    widget = f"lesson.choice.{ch.number}"
    asked = Asked(f"lesson:{ch.number}", f"Chapter {ch.number}: {ch.question}", OPTION, ch.options, right=ch.answer)
    room.asking(asked)  # class mode: the teacher counts the class's answers (the right one when they show it)
    if choice is not None:
        room.answered(asked, choice)
    st.markdown(ch.setup)
    if choice is None:
        st.radio(f"**Predict:** {ch.question}", range(len(ch.options)), index=None, key=widget,
                 format_func=ui.label(dict(enumerate(ch.options))), on_change=answered, args=(ch.number, widget))
        st.caption("Choose an answer to see what happens.")
        return
    st.markdown(f"**Predict:** {ch.question}  \nYour prediction: *{ch.options[choice]}*")
    feedback = check(ch, choice)
    show = st.success if feedback.correct else st.error
    show(f"**{escape_markdown(feedback.headline)}** {escape_markdown(feedback.note)}",
         icon=":material/check_circle:" if feedback.correct else ":material/cancel:")
    st.markdown(feedback.explanation)
    st.button("Answer again", icon=":material/replay:", on_click=answer_again, args=(ch.number, widget),
              key="lesson.again")
    for link in ch.links:
        st.page_link(link.page, label=link.label, query_params=link.params, icon=":material/explore:")


def pictures(ch: Chapter, answered_yet: bool) -> None:
    """The chapter's picture before the answer; after it, its answer pictures (in tabs when there are several)."""
    view = cached_view(ch.key)
    number = ch.number
    if not answered_yet:
        figure(view.before.figure, f"lesson.figure.{number}.before")
        st.markdown(view.before.words)
    elif len(view.after) == 1:
        figure(view.after[0].figure, f"lesson.figure.{number}.after.0")
        st.markdown(view.after[0].words)
    else:
        for i, (tab, part) in enumerate(zip(st.tabs([p.title for p in view.after]), view.after, strict=True)):
            with tab:
                figure(part.figure, f"lesson.figure.{number}.after.{i}")
                st.markdown(part.words)
