"""Class mode benchmark: a teacher and ``--students`` students on one server, over Streamlit's websocket protocol
(as ``bench_load.py`` speaks it; each student's page also sends what the browser sends for its class bar,
a fragment rerun at the interval its ``run_every`` asks for).

1. Join: the teacher starts a class on the Class page; every student opens the join link (``/?class=CODE``) at
   once. Printed: join time (link -> page drawn, 50th and 95th percentiles).
2. Idle: for ``--idle`` seconds every student's page only calls in (its class bar's fragment reruns). Printed:
   the server's CPU-seconds per student per minute, against the same time with nobody connected (the baseline,
   measured in the same run), and the server's RSS.
3. Answers: the teacher leads the class to the lesson's chapter 1 (Lead); each student's page follows, then
   every student answers within ``--spread`` seconds (random times). The teacher's bar refreshes every second,
   as in the browser. Printed: the delay from the last answer sent to the teacher's screen counting every
   answer, and how long the students' pages took to follow the teacher.

    python benchmarks/bench_class.py --students 40
    python benchmarks/bench_class.py --students 200 --idle 60 --spread 10
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_load import Server, pct  # noqa: E402
from tests.ws_client import WsSession  # noqa: E402

CODE = re.compile(r"Class code: `(\w{3}) (\w{3})`")
COUNTED = re.compile(r"(\d+) answered")


class Browserish(WsSession):
    """A session whose address follows the server's changes to it (``page_info_changed``), as the browser's does."""

    def __init__(self, url: str, query: str = "") -> None:
        super().__init__(url, query)
        self.follows_address = True


def interval(s: WsSession) -> float:
    """The interval the page asks its ``run_every`` fragment to rerun at (the browser keeps to it)."""
    return min(s.auto_reruns.values(), default=2.0)


async def calls_in(s: WsSession, until: float, delays: list[float]) -> None:
    """What the browser does for a page's ``run_every`` fragments: rerun each at its interval, until ``until``."""
    while time.perf_counter() < until:
        await asyncio.sleep(interval(s) * random.uniform(0.9, 1.1))
        for fragment in list(s.auto_reruns):
            _, took = await s.auto_rerun(fragment)
            delays.append(took)


async def a_class(url: str, n: int, idle: float, spread: float, server: Server) -> dict:
    teacher = Browserish(url)
    async with teacher:
        await teacher.rerun(page="class")
        await teacher.rerun(trigger="Start a class")
        match = next((CODE.search(t) for t in teacher.texts if CODE.search(t)), None)
        if match is None:
            raise RuntimeError(f"no class code on the Class page: {teacher.texts[:5]} {teacher.exceptions}")
        code = match.group(1) + match.group(2)
        students = [Browserish(url, query=f"class={code}") for _ in range(n)]
        for s in students:
            await s.__aenter__()
        try:
            joins = await asyncio.gather(*(s.rerun(page="") for s in students))
            joined = sum(1 for s in students if any(f"In class `{code}`" in t for t in s.texts))
            # 2. idle: students call in; the server's CPU over the time
            cpu0, t0 = server.cpu_s(), time.perf_counter()
            calls: list[float] = []
            await asyncio.gather(*(calls_in(s, t0 + idle, calls) for s in students))
            idle_cpu = server.cpu_s() - cpu0
            idle_wall = time.perf_counter() - t0
            rss = server.rss_mb()
            # 3. lead to the lesson; students follow; they answer; the teacher's bar counts
            await teacher.rerun(widgets=[teacher.state("room.mode", string_value=teacher.option("room.mode", 1))])
            await teacher.rerun(page="lesson")
            led = time.perf_counter()
            followed: list[float] = []

            async def follow_then_answer(s: Browserish) -> float:
                while not any(w.id.endswith("-lesson.choice.1") for w in s.widgets.values()):
                    for fragment in list(s.auto_reruns):
                        await s.auto_rerun(fragment)
                    if not any(w.id.endswith("-lesson.choice.1") for w in s.widgets.values()):
                        await asyncio.sleep(interval(s))
                followed.append(time.perf_counter() - led)
                await asyncio.sleep(random.uniform(0, spread))
                choice = s.option("lesson.choice.1", random.randrange(2))
                await s.rerun(widgets=[s.state("lesson.choice.1", string_value=choice)])
                return time.perf_counter()

            async def teacher_watches(stop: asyncio.Event) -> tuple[float, int]:
                seen, at = 0, 0.0
                while not stop.is_set() or seen < n:
                    await asyncio.sleep(1.0)
                    for fragment in list(teacher.auto_reruns):
                        await teacher.auto_rerun(fragment)
                    counts = [int(m.group(1)) for t in teacher.texts if (m := COUNTED.search(t))]
                    if counts and counts[0] != seen:
                        seen, at = counts[0], time.perf_counter()
                    if stop.is_set() and time.perf_counter() - last[0] > 30:
                        break
                return at, seen

            stop, last = asyncio.Event(), [0.0]
            watcher = asyncio.create_task(teacher_watches(stop))
            answered = await asyncio.gather(*(follow_then_answer(s) for s in students))
            last[0] = max(answered)
            stop.set()
            shown_at, counted = await watcher
        finally:
            for s in students:
                await s.__aexit__(None, None, None)
    errors = [e for s in [teacher, *students] for e in s.result.errors]
    return {
        "joined": joined, "join_p50": pct([j[1] for j in joins], 50), "join_p95": pct([j[1] for j in joins], 95),
        "idle_cpu_per_student_min": idle_cpu / n / (idle_wall / 60), "idle_wall": idle_wall,
        "call_p50": pct(calls, 50), "call_p95": pct(calls, 95), "rss_mb": rss,
        "follow_p50": pct(followed, 50), "follow_p95": pct(followed, 95),
        "aggregation_delay": shown_at - last[0], "counted": counted, "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle students")
    parser.add_argument("--spread", type=float, default=10.0, help="students answer within this many seconds")
    args = parser.parse_args()
    random.seed(0)
    for n in args.students:
        server = Server()
        try:
            asyncio.run(a_class(server.url, 2, 4.0, 1.0, server))  # warm: imports and the lesson's figures
            cpu0 = server.cpu_s()
            time.sleep(args.idle / 4)
            quiet = (server.cpu_s() - cpu0) / (args.idle / 4) * 60  # CPU-s a minute with nobody connected
            r = asyncio.run(a_class(server.url, n, args.idle, args.spread, server))
        finally:
            server.stop()
        print(f"\n{n} students, one teacher, one server")
        print(f"  joined {r['joined']} of {n}; join (link -> page drawn) p50 {r['join_p50']:.2f} s, "
              f"p95 {r['join_p95']:.2f} s")
        print(f"  idle: server CPU {r['idle_cpu_per_student_min']:.3f} s per student per minute "
              f"(nobody connected: {quiet:.3f} s a minute in all); a call-in p50 {1000 * r['call_p50']:.0f} ms, "
              f"p95 {1000 * r['call_p95']:.0f} ms; RSS {r['rss_mb']:.0f} MB")
        print(f"  lead: students on the teacher's chapter after p50 {r['follow_p50']:.1f} s, "
              f"p95 {r['follow_p95']:.1f} s")
        print(f"  answers: the teacher's screen counted {r['counted']} of {n}, "
              f"{r['aggregation_delay']:.2f} s after the last answer was sent")
        print(f"  errors: {len(r['errors'])} {r['errors'][:3]}")


if __name__ == "__main__":
    main()
