"""Class mode (AppTest): a teacher starts a class, students join by link or code, the teacher leads them to a
page and step, pauses their screens, counts their answers, and ends the class."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import open_app
from tests.test_compare_page import run_page


def page(query: dict | None = None, path: str | None = None) -> AppTest:
    return open_app(path, query)


def lead_to(teacher: AppTest, path: str) -> None:
    """The teacher leads the class (Lead) and opens ``path``."""
    teacher.radio(key="room.mode").set_value("lead").run()
    teacher.switch_page(path)
    teacher.run()


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]
                     + [e.value for e in at.error] + [i.value for i in at.info] + [w.value for w in at.warning])


def start_class() -> tuple[AppTest, str]:
    teacher = page(path="pages/class.py")
    teacher.button(key="room.start").click().run()
    assert not teacher.exception
    return teacher, teacher.session_state["room.teacher"][0]


def test_a_teacher_starts_a_class_and_sees_its_code_link_qr_code_and_who_is_present():
    teacher, code = start_class()
    shown = texts(teacher)
    assert f"Class code: `{code[:3]} {code[3:]}`" in shown and f"**Class {code}** · 0 students present" in shown
    assert any(f"?class={code}" in c.value for c in teacher.code)
    assert len(teacher.get("image")) == 1  # the QR code, drawn by the app
    assert teacher.session_state["smote_lab.modes"].predict  # a class predicts first
    for _ in range(3):
        student = page({"class": code})
        assert not student.exception and f"In class `{code}` (anonymously)" in texts(student)
    teacher.run()
    assert f"**Class {code}** · 3 students present" in texts(teacher)


def test_a_student_joins_with_the_code_and_a_name_and_a_wrong_code_says_what_to_do():
    teacher, code = start_class()
    student = page(path="pages/class.py")
    form = student.get("form")[0]
    form.text_input[0].input("zz zzzz")
    form.text_input[1].input("Ada")
    form.button[0].click().run()
    assert "No class with this code is on" in texts(student) and "room.student" not in student.session_state
    form = student.get("form")[0]
    form.text_input[0].input(code.lower())
    form.button[0].click().run()
    assert not student.exception and f"In class `{code}` (as Ada)" in texts(student)
    assert "You are in class" in texts(student)


def test_a_link_with_a_class_that_does_not_exist_says_so_and_the_page_still_works():
    student = page({"class": "ZZZZZZ"}, path="pages/stepper.py")
    assert not student.exception
    assert "No class with this code is on" in texts(student)
    assert student.session_state["stepper.step"] == 0  # the page itself runs as usual


def test_a_student_follows_the_teachers_page_and_step_and_the_teacher_counts_the_answers():
    teacher, code = start_class()
    student = page({"class": code})
    lead_to(teacher, "pages/stepper.py")
    for _ in range(3):  # step 3: "where will x_new land?"
        teacher.button(key="stepper_next").click().run()
    assert "Where the class guessed x_new lands" in texts(teacher) and "No guess yet." in texts(teacher)
    student.run()  # the student's page calls in and follows
    assert not student.exception
    assert student.query_params["step"] == "3" and student.query_params["class"] == code
    assert "**Predict:** where on the segment from x_i to x_zi will x_new land?" in texts(student)
    student.slider(key="stepper_gap_3").set_value(0.7).run()
    teacher.run()
    assert "1 guessed; the middle guess is 0.70." in texts(teacher)
    teacher.button(key="stepper_next").click().run()  # the reveal: the true λ is marked on the class's bars
    assert "the true value is" in texts(teacher)
    student.run()
    assert student.query_params["step"] == "4"
    assert "You said λ = 0.70" in texts(student)  # each student sees their own result


def test_the_lesson_counts_the_class_and_the_teacher_shows_the_right_answer_when_ready():
    teacher, code = start_class()
    students = [page({"class": code}) for _ in range(3)]
    lead_to(teacher, "pages/lesson.py")
    for n, student in enumerate(students):
        student.run()
        assert not student.exception and "In class" in texts(student)
        student.radio(key="lesson.choice.1").set_value(n % 2).run()
    teacher.run()
    shown = texts(teacher)
    assert "3 answered; the most chosen" in shown and "chose the right answer" not in shown
    teacher.button(key="room.reveal").click().run()
    assert "of 3 chose the right answer" in texts(teacher)


def test_pause_shows_every_student_eyes_on_the_teacher_until_the_teacher_goes_on():
    teacher, code = start_class()
    student = page({"class": code}, path="pages/compare.py")
    teacher.radio(key="room.mode").set_value("pause").run()
    student.run()
    assert [t.value for t in student.title] == ["Eyes on the teacher"] and not student.exception
    teacher.radio(key="room.mode").set_value("free").run()
    student.run()
    assert "Eyes on the teacher" not in [t.value for t in student.title]


def test_when_the_teacher_ends_the_class_the_students_are_told():
    teacher, code = start_class()
    student = page({"class": code})
    teacher.button(key="room.end").click().run()
    assert "Start a class" in [b.label for b in teacher.button]
    student.run()
    assert "The class has ended" in texts(student) and "room.student" not in student.session_state
    assert "class" not in student.query_params


def test_a_teachers_view_forgets_nothing_of_another_class():
    one, one_code = start_class()
    two, two_code = start_class()
    assert one_code != two_code
    page({"class": one_code})
    one.run()
    two.run()
    assert "1 student present" in texts(one) and "0 students present" in texts(two)


def test_compare_counts_the_class_recall_prediction():
    teacher, code = start_class()
    student = page({"class": code})
    lead_to(teacher, "pages/compare.py")
    run_page(teacher)
    assert not teacher.exception
    assert "Recall of Logistic regression with SMOTE" in texts(teacher) and "No answer yet." in texts(teacher)
    student.run()
    run_page(student)
    assert not student.exception
    student.radio(key="cmp_guess_recall").set_value("up")
    student.radio(key="cmp_guess_accuracy").set_value("down")
    student.button(key="FormSubmitter:cmp_predict_form-Reveal").click().run()
    assert not student.exception
    teacher.run()
    assert "1 answered; the most chosen, by 1 (100 %): up" in texts(teacher)
