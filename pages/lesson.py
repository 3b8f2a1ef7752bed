"""Guided lesson: eight chapters, each a question to predict first, then the answer with its figure and numbers.

The content lives in smote_viz.lesson (chapters: questions, answers, links; views: figures and numbers); this
page keeps the learner's place (in the URL, ?chapter=N) and answers (in the session), and renders.
"""

import streamlit as st

from smote_viz import ui
from smote_viz.figures.common import projector_sized
from smote_viz.lesson.chapters import CHAPTERS, LessonSettings, chapter, check, progress_text
from smote_viz.lesson.views import chapter_view
from smote_viz.state import from_query, to_query
from smote_viz.style import escape_markdown

ui.route_through_app()  # first: a first deep link runs inside app.py's router

CHAPTER_KEY = "lesson.chapter"  # the chapter shown (1-based)
ANSWERS_KEY = "lesson.answers"  # {chapter number: option index chosen}
GOTO_KEY = "lesson.goto"
state = st.session_state


@st.cache_data(max_entries=16, ttl="1h", show_spinner="Preparing the chapter…")
def cached_view(key: str):
    """A chapter's figures and numbers depend only on the chapter (each has its own data): shared by everyone."""
    return chapter_view(key)


def go_to(number: int) -> None:
    state[CHAPTER_KEY] = min(max(int(number), 1), len(CHAPTERS))


def answered(number: int, widget: str) -> None:
    state[ANSWERS_KEY][number] = state[widget]


def answer_again(number: int, widget: str) -> None:
    state[ANSWERS_KEY].pop(number, None)
    state.pop(widget, None)


def figure(fig, key: str) -> None:
    st.plotly_chart(projector_sized(fig) if ui.presenting() else fig, key=key)


if CHAPTER_KEY not in state:
    first, problems = from_query(LessonSettings, {key: st.query_params.get_all(key) for key in st.query_params})
    state[CHAPTER_KEY] = first.chapter
    for problem in problems:
        st.warning(escape_markdown(problem), icon=":material/link_off:")
answers: dict = state.setdefault(ANSWERS_KEY, {})
number = state[CHAPTER_KEY]
ch = chapter(number)
ui.share_in_url(to_query(LessonSettings(number)), with_data=False)

st.title("Guided lesson")
back, where, jump, forward = st.columns([1, 2, 2, 1], vertical_alignment="center")
back.button("Previous", icon=":material/arrow_back:", on_click=go_to, args=(number - 1,), disabled=number == 1,
            key="lesson.prev", width="stretch")
right_so_far = sum(check(chapter(n), choice).correct for n, choice in answers.items())
where.progress(number / len(CHAPTERS), text=f"Chapter **{progress_text(number)}** · "
               f"{right_so_far} of {len(answers)} predictions right")
state[GOTO_KEY] = number
jump.selectbox("Go to chapter", [c.number for c in CHAPTERS], key=GOTO_KEY, label_visibility="collapsed",
               format_func=lambda n: f"{n}. {chapter(n).title}", on_change=lambda: go_to(state[GOTO_KEY]))
forward.button("Next", icon=":material/arrow_forward:", on_click=go_to, args=(number + 1,),
               disabled=number == len(CHAPTERS), key="lesson.next", width="stretch",
               type="primary" if number in answers else "secondary")

st.subheader(f"{ch.number}. {ch.title}")
view = cached_view(ch.key)
choice = answers.get(number)
widget = f"lesson.choice.{number}"
pictures, words = st.columns([3, 2])
with words:
    st.markdown(ch.setup)
    if choice is None:
        st.radio(f"**Predict:** {ch.question}", range(len(ch.options)), index=None, key=widget,
                 format_func=lambda i: ch.options[i], on_change=answered, args=(number, widget))
        st.caption("Choose an answer to see what happens.")
    else:
        st.markdown(f"**Predict:** {ch.question}  \nYour prediction: *{ch.options[choice]}*")
        feedback = check(ch, choice)
        show = st.success if feedback.correct else st.error
        show(f"**{escape_markdown(feedback.headline)}** {escape_markdown(feedback.note)}",
             icon=":material/check_circle:" if feedback.correct else ":material/cancel:")
        st.markdown(feedback.explanation)
        st.button("Answer again", icon=":material/replay:", on_click=answer_again, args=(number, widget),
                  key="lesson.again")
        for link in ch.links:
            st.page_link(link.page, label=link.label, query_params=link.params, icon=":material/explore:")
with pictures:
    if choice is None:
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
if number == len(CHAPTERS) and choice is not None:
    st.success(f"End of the lesson: {right_so_far} of {len(answers)} predictions right. Every page of the app "
               "explores one of these ideas further; the links above open each in the state this lesson used.",
               icon=":material/school:")
