"""Guided lesson: eight chapters, each a question to predict first, then the answer with its figure and numbers.

The content lives in smote_viz.lesson (chapters: questions, answers, links; views: figures and numbers; ui: the
learner's place and answers in the session, and the rendering); this page wires them.
"""

import streamlit as st

from smote_viz import ui
from smote_viz.lesson import ui as lesson_ui
from smote_viz.lesson.chapters import CHAPTERS, chapter

ui.route_through_app()  # first: a first deep link runs inside app.py's router

number, answers = lesson_ui.place()
ch = chapter(number)
lesson_ui.keep_in_link(number, answers)  # the chapter and the answers: a reload keeps the learner's progress

st.title("Guided lesson")
lesson_ui.navigation(number, answers)
st.subheader(f"{ch.number}. {ch.title}")
choice = answers.get(number)
pictures, words = st.columns([3, 2])
with words:
    lesson_ui.question_and_answer(ch, choice)
with pictures:
    lesson_ui.pictures(ch, choice is not None)
if number == len(CHAPTERS) and choice is not None:
    st.success(f"End of the lesson: {lesson_ui.right_so_far(answers)} of {len(answers)} predictions right. Every "
               "page of the app explores one of these ideas further; the links above open each in the state this "
               "lesson used.", icon=":material/school:")
