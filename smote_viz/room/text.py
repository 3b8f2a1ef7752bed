"""The words of class mode."""

from __future__ import annotations

from smote_viz.room.store import FREE, IDLE_SECONDS, LEAD, MAX_STUDENTS, PAUSE
from smote_viz.style import escape_markdown

INTRO = (
    "A class connects the room: students join from their phones or laptops with a code (no account, no name "
    "needed), the teacher leads them through the same page and step, and sees the class's predictions live on "
    "the projector before revealing the answer."
)
TEACH = (
    "Start a class, show its code or QR code, then open a page in **Predict first** mode (the Lesson, or Step "
    "through SMOTE). While **Lead** is on, every student's screen follows your page and step; a bar at the top of "
    "your page counts the class's answers to the question you show."
)
TEACHER_HOW = (
    f"Students join at the link or with the code on the Class page. **Lead** takes every screen to your page, step "
    f"or chapter (open one from the page list); **Free** lets them explore; **Pause** shows their screens “eyes on "
    f"the teacher”. A class holds up to {MAX_STUDENTS} students and ends {IDLE_SECONDS // 3600} hours after its "
    "last activity, or when you end it. It lives in this server's memory: a restart of the server ends it."
)
ENDED = (
    "The class has ended (the teacher ended it, it was idle for 3 hours, or the server restarted). You can go on "
    "exploring on your own, or join a new class on the Class page."
)
PAUSED_TITLE = "Eyes on the teacher"
PAUSED = "The teacher has paused the class's screens. This page comes back when the teacher goes on."
MODE_SHORT = {FREE: "free to explore", LEAD: "following the teacher", PAUSE: "paused"}


def code_words(code: str) -> str:
    spaced = f"{code[:3]} {code[3:]}"
    return f"## Class code: `{spaced}`\nStudents open the link below (or scan the code), or type the code on the Class page."


def teacher_line(code: str, present: int, mode: str) -> str:
    students = "1 student" if present == 1 else f"{present} students"
    return f"**Class {code}** · {students} present · {MODE_SHORT.get(mode, mode)}"


def student_line(code: str, mode: str, nickname: str) -> str:
    who = "anonymously" if not nickname else "as " + escape_markdown(nickname)
    return f"In class `{code}` ({who}) · {MODE_SHORT.get(mode, mode)}"


def joined_words(code: str) -> str:
    return (f"You are in class `{code}`. Your screen follows the teacher while they lead; your answers go to the "
            "class's count anonymously (a name, if you give one, is shown only to the teacher).")
