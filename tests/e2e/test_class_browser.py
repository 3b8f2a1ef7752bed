"""Class mode in Chromium: a teacher on a laptop and three students on phones. They join by the link, follow the
teacher to the lesson, answer, and the teacher's screen counts them live; Pause and the end of the class reach
every phone."""

from __future__ import annotations

import re

import pytest

from smote_viz.lesson.chapters import CHAPTERS
from tests.e2e.conftest import POLL_MS, AppPage

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "user_agent": ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        "Chrome/131.0.0.0 Mobile Safari/537.36")}
STUDENTS = 3
FOLLOW_MS = 30_000  # a student's page calls in every 3 s; a busy machine may take longer to run the page


def tab(browser, app_url, **context) -> AppPage:
    page = browser.new_context(**context).new_page()
    page.set_default_timeout(30_000)
    return AppPage(page, app_url)


def text_shown(page, pattern: str, timeout: float = FOLLOW_MS) -> None:
    page.wait_for_function("re => new RegExp(re).test(document.body.innerText)", arg=pattern, polling=POLL_MS,
                           timeout=timeout)


def test_a_teacher_leads_three_phones_through_a_lesson_question_and_sees_their_answers(browser, app_url):
    teacher = tab(browser, app_url, viewport={"width": 1280, "height": 720})
    teacher.open("class")
    teacher.page.get_by_role("button", name="Start a class").click()
    teacher.wait_idle()
    heading = teacher.page.get_by_text(re.compile(r"Class code: [A-Z0-9]{3} [A-Z0-9]{3}")).inner_text()
    code = heading.split(": ")[1].replace(" ", "")
    qr = teacher.page.locator("[data-testid='stImageContainer'] img")
    qr.wait_for()  # the QR code, drawn by the app
    assert qr.count() == 1
    link = teacher.page.locator("[data-testid='stCode']").inner_text().strip()
    assert link.endswith(f"/?class={code}")
    teacher.page.reload()  # a new session in the teacher's browser takes the class back
    teacher.wait_idle()
    text_shown(teacher.page, f"Class code: {code[:3]} {code[3:]}")
    assert "class=" not in teacher.page.url  # the teacher is no student of their class

    students = []
    for _ in range(STUDENTS):
        student = tab(browser, app_url, **PHONE)
        student.open(f"?class={code}")
        text_shown(student.page, f"In class {code}")
        students.append(student)
    text_shown(teacher.page, f"Class {code} · {STUDENTS} students present")

    teacher.page.get_by_text("Lead: everyone follows my page and step").click()
    teacher.wait_idle()
    teacher.page.locator("[data-testid='stSidebarNavLink']").filter(has_text="Lesson").click()
    teacher.page.get_by_role("heading", name="Guided lesson").wait_for()
    teacher.wait_idle()
    first = CHAPTERS[0]
    for n, student in enumerate(students):  # each phone follows the teacher to the lesson's first question
        student.page.get_by_role("heading", name="Guided lesson").wait_for(timeout=FOLLOW_MS)
        student.wait_idle()
        student.page.locator("[data-testid='stRadio'] [role='radiogroup'] label").nth(n % 2).click()
        student.wait_idle()
        text_shown(student.page, "Your prediction")  # each student sees their own result
    text_shown(teacher.page, f"{STUDENTS} answered; the most chosen")
    bars = teacher.page.locator(".st-key-room-teacher-bar [data-testid='stPlotlyChart']")
    assert bars.count() == 1
    teacher.page.get_by_role("button", name="Show the class the right answer").click()
    teacher.wait_idle()
    right = sum(1 for n in range(STUDENTS) if n % 2 == first.answer)
    text_shown(teacher.page, rf"{right} \(\d+ %\) of {STUDENTS} chose the right answer")

    teacher.page.locator("[data-testid='stSidebarNavLink']").filter(has_text=re.compile("Class$")).click()
    teacher.wait_idle()
    teacher.page.get_by_text("Pause: screens show").click()
    teacher.wait_idle()
    for student in students:
        student.page.get_by_role("heading", name="Eyes on the teacher").wait_for(timeout=FOLLOW_MS)
    teacher.page.get_by_text("Free: everyone explores").click()  # the pause screens go by themselves
    teacher.wait_idle()
    for student in students:
        student.page.get_by_role("heading", name="Guided lesson").wait_for(timeout=FOLLOW_MS)
    teacher.page.get_by_role("button", name="End the class").click()
    teacher.wait_idle()
    for student in students:
        text_shown(student.page, "The class has ended")
        assert student.exceptions() == [] and student.console_errors == []
    assert teacher.exceptions() == [] and teacher.console_errors == []
    for page in [teacher, *students]:
        page.page.context.close()
