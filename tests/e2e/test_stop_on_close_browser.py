"""Real browser: a session that goes away stops its work (issue 12: a heavy comparison kept computing for
minutes after the browser closed).

The server's threads are sampled in /proc while a heavy comparison runs (some thread running or runnable: busy);
the tab is closed early in a unit of work that takes about 20 CPU-seconds; the server must fall back to idle (no
thread running in two 2-second windows) having spent at most about one more fit (5 CPU-s). CPU time and thread
states, not wall-clock time, decide the result, so a loaded machine does not change it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from .conftest import AppPage, streamlit_server

pytestmark = pytest.mark.e2e

# One random forest fitted 51 times (10 folds x 5 repeats + the held-out fit) on 3 750-4 500 rows: about 20
# CPU-seconds in a single unit of work, then four times as much with threshold moving.
HEAVY = {
    "shape": "moons", "n": "5000", "minority": "0.3", "classes": "2", "noise": "0.5",
    "models": "forest", "treat": "none,threshold", "folds": "10", "repeats": "5",
}
AFTER_CLOSE_CPU_S = 5.0  # at most about one fit, not the rest of the work
WINDOW_S = 2.0
SAMPLES = 20


def server_pid(port: int) -> int:
    """The process running ``streamlit run`` on ``port`` (its command line names the port)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(args) and str(port).encode() in args:
            return int(entry.name)
    raise RuntimeError(f"no streamlit process on port {port}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the whole process (every thread)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def running_share(pid: int) -> tuple[float, float]:
    """Over ``WINDOW_S``: the share of samples in which some thread of the server was running or waiting for a
    CPU (state R), and the CPU-seconds used. A thread that computes is in state R even when a busy machine
    makes it wait, so the share does not depend on how loaded the machine is; an idle server sleeps (S)."""
    before = cpu_seconds(pid)
    running = 0
    for _ in range(SAMPLES):
        states = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                states.append((task / "stat").read_text().rsplit(")", 1)[1].split()[0])
            except OSError:
                continue
        running += "R" in states
        time.sleep(WINDOW_S / SAMPLES)
    return running / SAMPLES, cpu_seconds(pid) - before


def test_closing_the_tab_stops_a_heavy_comparison(browser):
    with streamlit_server(".e2e-stop-on-close.log") as url:
        pid = server_pid(urlparse(url).port)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(60_000)
        app_page = AppPage(page, url)
        page.goto(f"{url}/compare?{urlencode(HEAVY)}")
        page.get_by_role("button", name="Run comparison").click()
        page.get_by_text("Fitting Random forest with No balancing", exact=False).first.wait_for(timeout=120_000)
        busy, busy_cpu = running_share(pid)
        assert busy > 0.5, f"the comparison should keep the server busy (running in {busy:.0%} of samples)"
        assert app_page.exceptions() == []
        context.close()  # the learner closes the tab, early in a unit of work that takes about 20 CPU-seconds
        closed_at = cpu_seconds(pid)

        deadline = time.monotonic() + 240
        seen = []
        while time.monotonic() < deadline:
            seen.append(running_share(pid))
            if len(seen) >= 2 and seen[-1][0] < 0.15 and seen[-2][0] < 0.15:
                break
        idle = len(seen) >= 2 and seen[-1][0] < 0.15 and seen[-2][0] < 0.15
        after = cpu_seconds(pid) - closed_at
        print(f"busy {busy:.0%} ({busy_cpu:.2f} CPU-s / {WINDOW_S:.0f} s); after closing: {after:.1f} CPU-s, windows "
              f"{[(f'{share:.0%}', round(cpu, 2)) for share, cpu in seen]}")
        assert idle, (
            "the server kept computing after the tab closed (share of samples running, CPU-s per window): "
            f"{[(round(share, 2), round(cpu, 2)) for share, cpu in seen]}"
        )
        assert after < AFTER_CLOSE_CPU_S, f"the server used {after:.1f} CPU-s after the tab closed"
