"""Class mode's rooms: who is in a class, where the teacher leads it, and what the class predicts.

A class lives in the memory of one server process (``MemoryRooms``). Pages reach it only through the methods of
``Rooms``, so a deployment of several replicas can put a shared store (Redis: a hash per room, a sorted set of
students by last call) behind the same methods instead.

Bounded and private by construction:

- at most ``MAX_ROOMS`` classes at once and ``MAX_STUDENTS`` students in a class; a class idle for
  ``IDLE_SECONDS`` ends (swept on every start and join), and so does one whose teacher ends it;
- a code is ``CODE_LENGTH`` characters from 32 (about 10^9 codes for at most 50 classes) drawn by ``secrets``;
  a client (an address, or a browser session) may try ``JOIN_ATTEMPTS`` wrong codes a minute, so guessing a class
  takes years (right codes do not count: a class behind one school address joins at once); the teacher holds a second secret (the token) without which nobody can lead or read the class;
- a student is a random id and an optional nickname (at most ``MAX_NICKNAME`` characters); nothing else about a
  person is kept, and nothing outlives the class;
- answers are kept per question of the class (at most ``MAX_QUESTIONS``), one per student: the latest.

Every method takes ``now`` (seconds, ``time.monotonic()`` in the app) so tests drive the clock.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field, replace
from typing import Protocol

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read off a projector
CODE_LENGTH = 6
MAX_ROOMS = 50
MAX_STUDENTS = 200
MAX_QUESTIONS = 200  # questions with answers kept per class; the oldest go first
MAX_NICKNAME = 24
IDLE_SECONDS = 3 * 3600  # a class nobody has called in to for this long ends
PRESENT_SECONDS = 20  # a student counts as present while their page calls in at least this often
GONE_SECONDS = 600  # a student silent this long may give their place to a new one when the class is full
JOIN_ATTEMPTS = 10  # wrong codes one client (an address: a school's network is one) may try per JOIN_WINDOW s
JOIN_WINDOW = 60
MAX_CLIENTS = 10_000  # clients whose recent attempts are remembered (the oldest forgotten first)

FREE, LEAD, PAUSE = "free", "lead", "pause"
MODES = (FREE, LEAD, PAUSE)


class RoomError(Exception):
    """Why a class cannot be started or joined, in words for the page."""


class NoSuchClass(RoomError):
    pass


class Full(RoomError):
    pass


class TooManyAttempts(RoomError):
    pass


@dataclass(frozen=True)
class Place:
    """Where the teacher is: a page (its URL path), the link's query parameters, and the question on screen
    (an id, or None)."""

    path: str = ""
    query: tuple[tuple[str, str], ...] = ()
    question: str | None = None


@dataclass(frozen=True)
class Pacing:
    """What the students' pages do: explore freely (``FREE``), follow the teacher's place (``LEAD``), or show
    "eyes on the teacher" (``PAUSE``). ``version`` grows with every change, so a page can tell it has moved."""

    mode: str = FREE
    place: Place = Place()
    version: int = 0


@dataclass(frozen=True)
class StudentView:
    """What a student's page reads when it calls in."""

    code: str
    pacing: Pacing
    nickname: str


@dataclass(frozen=True)
class TeacherView:
    """What the teacher's page reads: who is present and what the class answered to ``question``."""

    code: str
    present: int
    joined: int
    pacing: Pacing
    answers: tuple = ()  # the latest answer of each student to the question asked, in the order given
    answered_by: tuple[str, ...] = ()  # their nicknames ("" when anonymous), in the same order


class Rooms(Protocol):
    """The store behind class mode. ``MemoryRooms`` keeps it in this process."""

    def start(self, now: float) -> tuple[str, str]: ...
    def end(self, code: str, token: str) -> None: ...
    def join(self, code: str, client: str, now: float, nickname: str = "") -> str: ...
    def call_in(self, code: str, student: str, now: float) -> StudentView | None: ...
    def answer(self, code: str, student: str, question: str, value, now: float) -> bool: ...
    def lead(self, code: str, token: str, now: float, *, mode: str | None = None,
             place: Place | None = None) -> Pacing | None: ...
    def teacher_view(self, code: str, token: str, now: float, question: str | None = None) -> TeacherView | None: ...
    def rename(self, code: str, student: str, nickname: str, now: float) -> bool: ...
    def count(self) -> int: ...


@dataclass
class _Student:
    nickname: str
    seen: float


@dataclass
class _Room:
    code: str
    token: str
    touched: float
    pacing: Pacing = Pacing()
    students: dict[str, _Student] = field(default_factory=dict)
    answers: OrderedDict[str, dict[str, object]] = field(default_factory=OrderedDict)


def normal_code(text: object) -> str | None:
    """A code as typed (any case, spaces or dashes between) in its canonical form, or None if it cannot be one."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    code = "".join(c for c in text.upper() if c not in " -")
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def nickname_of(text: object) -> str:
    """A nickname as kept: printable characters only, spaces collapsed, at most ``MAX_NICKNAME``; "" when none."""
    if not isinstance(text, str):
        return ""
    kept = "".join(c if c.isprintable() else " " for c in text[:200])
    return " ".join(kept.split())[:MAX_NICKNAME]


class MemoryRooms:
    """Rooms in this process's memory, behind one lock (every method is short)."""

    def __init__(self, *, max_rooms: int = MAX_ROOMS, max_students: int = MAX_STUDENTS,
                 idle_seconds: float = IDLE_SECONDS) -> None:
        self._lock = threading.Lock()
        self._rooms: dict[str, _Room] = {}
        self._attempts: OrderedDict[str, deque] = OrderedDict()
        self.max_rooms, self.max_students, self.idle_seconds = max_rooms, max_students, idle_seconds

    # -- the teacher --------------------------------------------------------------------------------------------
    def start(self, now: float) -> tuple[str, str]:
        """A new class: its code and the teacher's token. Raises ``Full`` when ``max_rooms`` classes are on."""
        with self._lock:
            self._sweep(now)
            if len(self._rooms) >= self.max_rooms:
                raise Full(f"This server already runs {self.max_rooms} classes, its limit. Try again when one "
                           "has ended (a class ends 3 hours after its last activity).")
            code = self._new_code()
            token = secrets.token_urlsafe(16)
            self._rooms[code] = _Room(code, token, now)
            return code, token

    def end(self, code: str, token: str) -> None:
        with self._lock:
            room = self._rooms.get(code)
            if room is not None and secrets.compare_digest(room.token, str(token)):
                del self._rooms[code]

    def lead(self, code: str, token: str, now: float, *, mode: str | None = None,
             place: Place | None = None) -> Pacing | None:
        """Change the class's mode and/or the teacher's place; the pacing as it now is (None: no such class).

        The version moves when the students' pages have something to do: a new mode, or a new place while the
        class follows the teacher (a place is kept in the other modes too, for the moment Lead is switched on)."""
        with self._lock:
            room = self._teachers_room(code, token, now)
            if room is None:
                return None
            old = room.pacing
            new = old
            if mode in MODES and mode != new.mode:
                new = replace(new, mode=mode)
            if place is not None and place != new.place:
                new = replace(new, place=place)
            if new.mode != old.mode or (new.mode == LEAD and new.place != old.place):
                new = replace(new, version=old.version + 1)
            room.pacing = new
            return new

    def teacher_view(self, code: str, token: str, now: float, question: str | None = None) -> TeacherView | None:
        with self._lock:
            room = self._teachers_room(code, token, now)
            if room is None:
                return None
            present = sum(1 for s in room.students.values() if now - s.seen <= PRESENT_SECONDS)
            given = room.answers.get(question, {}) if question else {}
            return TeacherView(code, present, len(room.students), room.pacing, tuple(given.values()),
                               tuple(room.students[s].nickname if s in room.students else "" for s in given))

    # -- the students -------------------------------------------------------------------------------------------
    def join(self, code: str, client: str, now: float, nickname: str = "") -> str:
        """A student joins the class ``code`` (as typed) from ``client`` (an address or a session id): their
        student id. Raises ``TooManyAttempts``, ``NoSuchClass`` or ``Full``."""
        with self._lock:
            self._sweep(now)
            if not self._may_try(str(client), now):
                raise TooManyAttempts(f"Too many wrong codes tried from here: wait a minute, then type the code "
                                      f"again (at most {JOIN_ATTEMPTS} wrong codes a minute).")
            room = self._rooms.get(normal_code(code) or "")
            if room is None:
                self._missed(str(client), now)
                raise NoSuchClass("No class with this code is on: the code is mistyped (check it on the teacher's "
                                  "screen: 6 letters and digits), or the class has ended (the teacher ended it, it "
                                  "was idle for 3 hours, or the server restarted). Ask the teacher for the link.")
            if len(room.students) >= self.max_students:  # students gone for a while make room first
                for gone in [s for s, v in room.students.items() if now - v.seen > GONE_SECONDS]:
                    del room.students[gone]
            if len(room.students) >= self.max_students:
                raise Full(f"This class is full ({self.max_students} students).")
            student = secrets.token_urlsafe(12)
            room.students[student] = _Student(nickname_of(nickname), now)
            room.touched = now
            return student

    def call_in(self, code: str, student: str, now: float) -> StudentView | None:
        """A student's page calls in: they count as present; the pacing to follow (None: the class has ended)."""
        with self._lock:
            room = self._live(code, now)
            if room is None or student not in room.students:
                return None
            seen = room.students[student]
            seen.seen = now
            room.touched = now
            return StudentView(room.code, room.pacing, seen.nickname)

    def answer(self, code: str, student: str, question: str, value, now: float) -> bool:
        """Keep a student's answer to ``question`` (the latest counts); False if the class or student is gone."""
        with self._lock:
            room = self._live(code, now)
            if room is None or student not in room.students:
                return False
            given = room.answers.get(question)
            if given is None:
                while len(room.answers) >= MAX_QUESTIONS:
                    room.answers.popitem(last=False)
                given = room.answers[question] = {}
            given[student] = value
            room.students[student].seen = now
            room.touched = now
            return True

    def rename(self, code: str, student: str, nickname: str, now: float) -> bool:
        """A student's nickname (kept as ``nickname_of`` makes it); False if the class or student is gone."""
        with self._lock:
            room = self._live(code, now)
            if room is None or student not in room.students:
                return False
            room.students[student].nickname = nickname_of(nickname)
            room.students[student].seen = now
            return True

    def count(self) -> int:
        with self._lock:
            return len(self._rooms)

    # -- inside the lock ----------------------------------------------------------------------------------------
    def _new_code(self) -> str:
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            if code not in self._rooms:
                return code

    def _live(self, code: str, now: float) -> _Room | None:
        room = self._rooms.get(code)
        if room is not None and now - room.touched > self.idle_seconds:
            del self._rooms[code]
            return None
        return room

    def _teachers_room(self, code: str, token: str, now: float) -> _Room | None:
        room = self._live(code, now)
        if room is None or not secrets.compare_digest(room.token, str(token)):
            return None
        room.touched = now
        return room

    def _sweep(self, now: float) -> None:
        for code in [c for c, r in self._rooms.items() if now - r.touched > self.idle_seconds]:
            del self._rooms[code]

    def _may_try(self, client: str, now: float) -> bool:
        """Whether ``client`` may try a code now: fewer than ``JOIN_ATTEMPTS`` wrong ones in the last minute. Only
        wrong codes count, so a whole class behind one school address joins at once."""
        missed = self._attempts.get(client)
        if missed is None:
            return True
        while missed and now - missed[0] > JOIN_WINDOW:
            missed.popleft()
        return len(missed) < JOIN_ATTEMPTS

    def _missed(self, client: str, now: float) -> None:
        missed = self._attempts.pop(client, None) or deque()
        missed.append(now)
        self._attempts[client] = missed  # the most recent last
        while len(self._attempts) > MAX_CLIENTS:
            self._attempts.popitem(last=False)
