"""Class mode's rooms: codes, joining, the limits, expiry, isolation between classes, and the count of answers."""

from __future__ import annotations

import threading

import pytest

from smote_viz.room import store
from smote_viz.room.qr import qr_matrix, qr_png
from smote_viz.room.store import (
    ALPHABET,
    CODE_LENGTH,
    FREE,
    LEAD,
    PAUSE,
    Full,
    MemoryRooms,
    NoSuchClass,
    Place,
    TooManyAttempts,
    nickname_of,
    normal_code,
)
from smote_viz.room.tally import NUMBER, OPTION, Asked, tally


def test_a_code_is_six_characters_a_projector_cannot_confuse_and_codes_differ():
    rooms = MemoryRooms()
    codes = {rooms.start(0.0)[0] for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    assert not set("01IO") & set(ALPHABET) and len(ALPHABET) == 32  # 32**6, about 10**9 codes


def test_a_code_is_read_as_typed_in_any_case_with_spaces_or_a_dash():
    assert normal_code("k7q m2p") == "K7QM2P" and normal_code("K7Q-M2P") == "K7QM2P"
    for bad in ("K7QM2", "K7QM2P9", "K0QM2P", "", None, 123, "x" * 100, ["K7QM2P"]):
        assert normal_code(bad) is None


def test_a_student_joins_with_the_code_and_is_present_while_their_page_calls_in():
    rooms = MemoryRooms()
    code, token = rooms.start(0.0)
    student = rooms.join(code.lower(), "ip:1", 1.0, "  Ada \n Lovelace ")
    seen = rooms.call_in(code, student, 2.0)
    assert seen.code == code and seen.nickname == "Ada Lovelace" and seen.pacing.mode == FREE
    view = rooms.teacher_view(code, token, 3.0)
    assert (view.present, view.joined) == (1, 1)
    later = rooms.teacher_view(code, token, 2.0 + store.PRESENT_SECONDS + 1)
    assert (later.present, later.joined) == (0, 1)  # silent for a while: joined, not present


def test_a_wrong_code_says_so_and_a_client_may_try_only_a_few_codes_a_minute():
    rooms = MemoryRooms()
    code, _ = rooms.start(0.0)
    wrong = "".join(ALPHABET[(ALPHABET.index(c) + 1) % 32] for c in code)
    for attempt in range(store.JOIN_ATTEMPTS):
        with pytest.raises(NoSuchClass, match="No class with this code is on"):
            rooms.join(wrong, "ip:guesser", float(attempt))
    with pytest.raises(TooManyAttempts, match="wait a minute"):
        rooms.join(code, "ip:guesser", 20.0)  # even the right code, until the minute has passed
    assert rooms.join(code, "ip:another", 20.0)  # another client is not held back
    assert rooms.join(code, "ip:guesser", 20.0 + store.JOIN_WINDOW)


def test_a_whole_class_behind_one_school_address_joins_at_once():
    rooms = MemoryRooms()
    code, token = rooms.start(0.0)
    for n in range(60):
        rooms.join(code, "ip:school", 1.0 + n / 100)
    assert rooms.teacher_view(code, token, 2.0).joined == 60


def test_at_most_the_limit_of_classes_and_of_students():
    rooms = MemoryRooms(max_rooms=3, max_students=2)
    for _ in range(3):
        rooms.start(0.0)
    with pytest.raises(Full, match="3 classes"):
        rooms.start(1.0)
    rooms2 = MemoryRooms(max_students=2)
    code, _ = rooms2.start(0.0)
    rooms2.join(code, "ip:1", 0.0)
    rooms2.join(code, "ip:2", 0.0)
    with pytest.raises(Full, match="full"):
        rooms2.join(code, "ip:3", 1.0)
    # students gone for a long while give their places to new ones
    assert rooms2.join(code, "ip:3", store.GONE_SECONDS + 10.0)


def test_the_default_limits_are_the_ones_announced():
    assert (store.MAX_ROOMS, store.MAX_STUDENTS, store.IDLE_SECONDS) == (50, 200, 3 * 3600)


def test_an_idle_class_ends_and_its_students_hear_it_while_an_active_one_lives_on():
    rooms = MemoryRooms(idle_seconds=100)
    idle, _ = rooms.start(0.0)
    active, _ = rooms.start(0.0)
    a = rooms.join(idle, "ip:1", 0.0)
    b = rooms.join(active, "ip:2", 0.0)
    for t in range(10, 200, 10):
        assert rooms.call_in(active, b, float(t)) is not None  # calls keep it alive
    assert rooms.call_in(idle, a, 200.0) is None
    assert rooms.count() == 1
    rooms.start(500.0)  # a start sweeps the classes that have ended
    assert rooms.count() == 1


def test_an_ended_class_is_gone_for_everyone():
    rooms = MemoryRooms()
    code, token = rooms.start(0.0)
    student = rooms.join(code, "ip:1", 0.0)
    rooms.end(code, "not the token")
    assert rooms.call_in(code, student, 1.0) is not None
    rooms.end(code, token)
    assert rooms.call_in(code, student, 1.0) is None
    assert rooms.teacher_view(code, token, 1.0) is None
    assert not rooms.answer(code, student, "q", 1, 1.0)


def test_two_classes_see_nothing_of_each_other():
    rooms = MemoryRooms()
    one, one_token = rooms.start(0.0)
    two, two_token = rooms.start(0.0)
    a = rooms.join(one, "ip:1", 0.0, "Ann")
    b = rooms.join(two, "ip:2", 0.0, "Bo")
    assert rooms.answer(one, a, "lesson:1", 2, 1.0) and rooms.answer(two, b, "lesson:1", 0, 1.0)
    rooms.lead(one, one_token, 1.0, mode=LEAD, place=Place("stepper", (("step", "5"),), "q"))
    assert rooms.teacher_view(one, one_token, 2.0, "lesson:1").answers == (2,)
    assert rooms.teacher_view(two, two_token, 2.0, "lesson:1").answers == (0,)
    assert rooms.teacher_view(two, two_token, 2.0, "lesson:1").answered_by == ("Bo",)
    assert rooms.call_in(two, b, 2.0).pacing.mode == FREE  # the other class's lead does not reach it
    assert rooms.call_in(two, a, 2.0) is None  # a student id is good in its own class only
    assert rooms.teacher_view(one, two_token, 2.0) is None  # a token leads its own class only
    assert rooms.lead(two, one_token, 2.0, mode=PAUSE) is None


def test_only_the_teachers_token_leads_and_each_change_moves_the_version():
    rooms = MemoryRooms()
    code, token = rooms.start(0.0)
    student = rooms.join(code, "ip:1", 0.0)
    assert rooms.lead(code, "guess", 1.0, mode=PAUSE) is None
    free = rooms.lead(code, token, 0.5, place=Place("data"))  # kept, but nobody follows in Free: no move
    first = rooms.lead(code, token, 1.0, mode=LEAD)
    same = rooms.lead(code, token, 2.0, mode=LEAD)
    moved = rooms.lead(code, token, 3.0, place=Place("lesson", (("chapter", "2"),)))
    paused = rooms.lead(code, token, 4.0, mode=PAUSE, place=Place("lesson", (("chapter", "2"),)))
    assert free.version == 0 and free.place.path == "data"
    assert first.version == same.version == 1 and moved.version == 2 and paused.version == 3
    assert rooms.call_in(code, student, 5.0).pacing == paused
    assert rooms.lead(code, token, 5.0, mode="anything") == paused  # an unknown mode changes nothing
    assert rooms.lead(code, token, 6.0, place=Place("data")).version == 3  # paused: a place is no move
    assert rooms.lead(code, token, 7.0, mode=FREE).version == 4  # freed: the pause screens must go


def test_a_students_latest_answer_counts_and_only_so_many_questions_are_kept():
    rooms = MemoryRooms()
    code, token = rooms.start(0.0)
    student = rooms.join(code, "ip:1", 0.0)
    rooms.answer(code, student, "q", 0.2, 1.0)
    rooms.answer(code, student, "q", 0.7, 2.0)
    assert rooms.teacher_view(code, token, 3.0, "q").answers == (0.7,)
    for n in range(store.MAX_QUESTIONS + 5):
        rooms.answer(code, student, f"many{n}", 1, 4.0)
    assert rooms.teacher_view(code, token, 5.0, "q").answers == ()  # the oldest went first
    assert rooms.teacher_view(code, token, 5.0, f"many{store.MAX_QUESTIONS + 4}").answers == (1,)


def test_a_nickname_keeps_printable_characters_and_is_short():
    assert nickname_of("a\x00b\u202e\tc") == "a b c"
    assert len(nickname_of("x" * 500)) == store.MAX_NICKNAME
    assert nickname_of(None) == "" and nickname_of(12) == ""


def test_many_students_joining_and_answering_at_once_are_all_counted():
    rooms = MemoryRooms()
    code, token = rooms.start(0.0)

    def student(n: int) -> None:
        me = rooms.join(code, f"ip:{n}", 1.0)
        rooms.answer(code, me, "q", n % 3, 1.0)

    threads = [threading.Thread(target=student, args=(n,)) for n in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    view = rooms.teacher_view(code, token, 2.0, "q")
    assert view.joined == 200 and len(view.answers) == 200 and sorted(set(view.answers)) == [0, 1, 2]


# ----- counting answers ---------------------------------------------------------------------------------------

CHAPTER = Asked("lesson:3", "Which?", OPTION, ("up", "down", "the same"), right=1)
GAP = Asked("stepper:x:3", "λ", NUMBER, right=0.43)


def test_a_choice_is_counted_per_option_and_its_right_answer_shown_only_once_revealed():
    hidden = tally(CHAPTER, [0, 1, 1, 2, 1], revealed=False)
    assert hidden.counts == (1, 3, 1) and hidden.right_bar is None and hidden.answered == 5
    assert "the most chosen, by 3 (60 %): down" in hidden.summary
    shown = tally(CHAPTER, [0, 1, 1, 2, 1], revealed=True)
    assert shown.right_bar == 1 and shown.summary.startswith("3 (60 %) of 5 chose the right answer: down")


def test_values_that_are_no_answer_are_left_out_of_the_count():
    forged = [0, 3, -1, 1.5, True, "1", None, float("nan"), float("inf"), [1], {"a": 1}, 10**400]
    assert tally(CHAPTER, forged, revealed=False).counts == (1, 0, 0)
    assert tally(GAP, [0.5, 1.5, -0.1, float("nan"), "0.5", 1.0, 0.0], revealed=False).answered == 3


def test_guesses_of_a_number_are_counted_in_ten_bins_with_the_true_value_marked():
    counted = tally(GAP, [0.05, 0.41, 0.45, 0.48, 1.0], revealed=True)
    assert counted.counts[0] == 1 and counted.counts[4] == 3 and counted.counts[9] == 1 and sum(counted.counts) == 5
    assert counted.right_bar == 4 and counted.labels[4] == "0.4-0.5"
    assert "the true value is 0.43, and 3 (60 %) guessed within 0.1 of it" in counted.summary
    assert tally(GAP, [], revealed=False).summary == "No guess yet."


def test_the_join_link_is_drawn_as_a_qr_code_here():
    matrix = qr_matrix("http://localhost:8501/?class=K7QM2P")
    assert len(matrix) == len(matrix[0]) >= 21  # version 1 is 21 modules
    assert matrix[0][:7] == (1,) * 7  # a finder pattern in the corner
    png = qr_png("http://localhost:8501/?class=K7QM2P")
    assert png.startswith(b"\x89PNG")


def test_a_tie_names_no_leading_answer():
    assert tally(CHAPTER, [0, 1, 2], revealed=False).summary == "3 answered; no single answer leads."
