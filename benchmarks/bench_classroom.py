"""Classroom benchmark: a class steps through SMOTE at once on one server, this app against a baseline commit.

1. Server (no browser, Streamlit's websocket protocol as ``bench_load.py`` speaks it): ``--sessions`` sessions open
   Step through SMOTE (the classroom's shared link, ``--start`` its step) and step ``--steps`` times each, all at
   once. A stepper that steps on the server gets a Next press per step; a stepper that steps in the browser gets
   nothing for a step inside the window of the run it holds, and the component's "moved" trigger for a step
   outside it (the browser asks for the next window). Printed per app: the server's CPU-seconds per session
   (the sessions only: the server is warmed by one session first), the messages per session, the page's open
   time and the latency of the steps that reached the server (50th and 95th percentiles), the bytes the server
   sent per session, and errors.
2. Browser (``--no-browser`` skips it): one Chromium tab at 1280 x 720 on an idle server, per app: the median and
   95th percentile of Next -> the new narration shown and the figure drawn (``--clicks`` clicks), and the page's
   open time (a warm server; the link -> the figure drawn) against a bare Streamlit page with one figure
   (``bench_click.py``'s), opened the same way.

    python benchmarks/bench_classroom.py                      # 40 sessions x 30 steps, against BASELINE
    python benchmarks/bench_classroom.py --sessions 40 --steps 30 --start 185 --baseline REF

The baseline is exported with ``git archive`` and run from a temporary folder, in the same run, on the same
machine. Needs Chromium (/usr/bin/chromium) and Playwright for part 2, like the browser tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_click import BARE_APP  # noqa: E402 - the bare page with one figure
from benchmarks.bench_load import Server, pct  # noqa: E402
from tests.e2e.conftest import CHROMIUM_FLAGS, find_chromium  # noqa: E402
from tests.ws_client import WsSession  # noqa: E402

BASELINE = "bf13a6e"  # main before the stepper stepped in the browser
STEPPING = "stepper_stepping"


def baseline_tree(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


# --- 1. the server under a class ------------------------------------------------------------------------------------
class Counted(WsSession):
    """A websocket session that counts what it sends and the bytes it receives."""

    def __init__(self, url: str, query: str = "") -> None:
        super().__init__(url, query)
        self.sent = 0
        self.received = 0
        self.steps_s: list[float] = []

    async def __aenter__(self):
        await super().__aenter__()
        recv = self.ws.recv

        async def counting_recv(*args, **kwargs):
            raw = await recv(*args, **kwargs)
            self.received += len(raw)
            return raw

        self.ws.recv = counting_recv
        return self

    async def rerun(self, **kwargs):
        self.sent += 1
        return await super().rerun(**kwargs)


def window_of(s: WsSession) -> dict | None:
    """The stepping component's data (first, last, position, total), or None when the page has none."""
    for widget in s.widgets.values():
        if widget.kind == "bidi_component" and widget.id.endswith("-" + STEPPING):
            data = json.loads(widget.proto.json)
            return {k: data[k] for k in ("first", "last", "position", "total")}
    return None


async def student(url: str, query: str, steps: int) -> Counted:
    async with Counted(url, query) as s:
        try:
            _, took = await s.rerun(page="stepper")
            s.result.opens_s.append(took)
            window = window_of(s)
            for _ in range(steps):
                if window is None:  # the server steps: one Next press
                    _, took = await s.rerun(trigger="Next")
                    s.steps_s.append(took)
                    continue
                position = window["position"] + 1
                if position > window["last"]:  # the browser asks for the window holding the step
                    value = [{"event": "moved", "value": {"position": position, "playing": False}}]
                    _, took = await s.rerun(widgets=[s.state(STEPPING, events=value)])
                    s.steps_s.append(took)
                    window = window_of(s)
                    if window is None or window["position"] != position:
                        s.result.errors.append(f"the server did not move to step {position}")
                        break
                else:
                    window["position"] = position  # the browser's alone
        except Exception as exc:  # noqa: BLE001 - a failed session is counted, not raised
            s.result.errors.append(f"{type(exc).__name__}: {exc}")
        s.result.errors += s.exceptions
        return s


async def a_class(url: str, query: str, n: int, steps: int) -> list[Counted]:
    return await asyncio.gather(*(student(url, query, steps) for _ in range(n)))


def measure_server(root: Path, query: str, n: int, steps: int) -> dict:
    server = Server(root)
    try:
        asyncio.run(a_class(server.url, query, 1, steps))  # warm: libraries imported, the run's work cached
        before = server.cpu_s()
        started = time.perf_counter()
        sessions = asyncio.run(a_class(server.url, query, n, steps))
        wall = time.perf_counter() - started
        cpu = server.cpu_s() - before
    finally:
        server.stop()
    opens = [t for s in sessions for t in s.result.opens_s]
    stepped = [t for s in sessions for t in s.steps_s]
    return {
        "cpu_per_session": cpu / n, "wall": wall,
        "messages": statistics.mean(s.sent - 1 for s in sessions),  # the page's opening excepted
        "open_p50": pct(opens, 50), "open_p95": pct(opens, 95),
        "server_steps": len(stepped) / n, "step_p50": pct(stepped, 50), "step_p95": pct(stepped, 95),
        "kb_per_session": statistics.mean(s.received for s in sessions) / 1024,
        "errors": [e for s in sessions for e in s.result.errors],
    }


# --- 2. one browser tab ------------------------------------------------------------------------------------------------
# Clicks Next and resolves with the ms until the step line names the next step and the chart has drawn it (the
# stepping component's step line and Plotly's animation event; the server's stepper: the new markdown and chart).
CLICK_TO_DRAWN_JS = """async ([n]) => {
  const host = [...document.querySelectorAll('.st-key-stepper_stepping *')].find(e => e.shadowRoot);
  const root = host ? host.shadowRoot : document;
  const stepping = !!host;
  const button = stepping ? root.querySelector('[data-testid=stepping-next]')
      : document.querySelector('.st-key-stepper_next button');
  const line = () => stepping ? root.querySelector('.where').textContent
      : ([...document.querySelectorAll("[data-testid='stMarkdownContainer'] p")].map(p => p.innerText)
          .find(t => /^Step \\d+ of/.test(t)) || '');
  const chart = () => document.querySelector(stepping ? '.st-key-stepper_chart .js-plotly-plot'
                                                      : '.st-key-stepper_figure .js-plotly-plot');
  const before = chart();
  let drawn = false;
  const mark = () => { drawn = true; };
  if (stepping) before.once('plotly_animated', mark);
  const t0 = performance.now();
  button.click();
  return await new Promise((resolve) => {
    const look = () => {
      const g = chart();
      const redrawn = stepping ? drawn && !g._transitioning
          : !!g && (g !== before || g.__stamp !== before.__stamp) && g._fullLayout && !g._transitioning;
      if (line().startsWith('Step ' + n + ' of') && redrawn) resolve(performance.now() - t0);
      else requestAnimationFrame(look);
    };
    look();
  });
}"""
STAMP_JS = "() => { const g = document.querySelector('.st-key-stepper_figure .js-plotly-plot'); if (g) g.__stamp = Math.random(); }"
DRAWN = "[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg"


def open_ms(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(DRAWN, state="attached", timeout=120_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
    return (time.perf_counter() - start) * 1000


def measure_browser(browser, root: Path, clicks: int, opens: int) -> dict:
    server = Server(root)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.set_default_timeout(120_000)
        open_ms(page, server.url + "/stepper")  # warm
        times = [open_ms(page, server.url + "/stepper") for _ in range(opens)]
        page.wait_for_timeout(500)
        steps = []
        for n in range(1, clicks + 1):
            page.evaluate(STAMP_JS)
            steps.append(page.evaluate(CLICK_TO_DRAWN_JS, [n]))
            page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        context.close()
    finally:
        server.stop()
    return {"open_ms": statistics.median(times), "step_p50": pct(steps, 50), "step_p95": pct(steps, 95)}


def measure_bare(browser, opens: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "bare.py").write_text(BARE_APP)
        server = Server(ROOT, script=str(Path(tmp) / "bare.py"))
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            open_ms(page, server.url)  # warm
            times = [open_ms(page, server.url) for _ in range(opens)]
            context.close()
        finally:
            server.stop()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--start", type=int, default=0, help="the step the class's link opens at")
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--clicks", type=int, default=20, help="Next clicks in the browser")
    parser.add_argument("--opens", type=int, default=5, help="page opens in the browser")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    query = f"step={args.start}"
    with tempfile.TemporaryDirectory() as tmp:
        apps = {"baseline": baseline_tree(args.baseline, Path(tmp)), "this app": ROOT}
        print(f"{args.sessions} sessions at once, each opens /stepper?{query} and steps {args.steps} times "
              f"(baseline {args.baseline}):")
        server = {}
        for name, root in apps.items():
            r = server[name] = measure_server(root, query, args.sessions, args.steps)
            print(f"  {name:9s} server CPU {r['cpu_per_session']:.3f} s/session, {r['messages']:.1f} messages/session "
                  f"({r['server_steps']:.1f} steps reached the server), open p50 {r['open_p50']:.2f} s p95 "
                  f"{r['open_p95']:.2f} s, server step p50 {r['step_p50']:.3f} s p95 {r['step_p95']:.3f} s, "
                  f"{r['kb_per_session']:.0f} KB/session, wall {r['wall']:.1f} s, errors {len(r['errors'])}"
                  + (f" {r['errors'][:3]}" if r["errors"] else ""), flush=True)
        ratio = server["baseline"]["cpu_per_session"] / max(server["this app"]["cpu_per_session"], 1e-9)
        print(f"  server CPU per session: baseline / this app = {ratio:.1f}x")
        if args.no_browser:
            return
        chromium = find_chromium()
        if chromium is None:
            sys.exit("no Chromium found at /usr/bin/chromium (install Debian's 'chromium' package, or set CHROMIUM)")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
            bare = measure_bare(browser, args.opens)
            print(f"one Chromium tab at 1280 x 720, {args.clicks} Next clicks, {args.opens} warm opens "
                  f"(a bare Streamlit page with one figure opens in {bare:.0f} ms):")
            for name, root in apps.items():
                r = measure_browser(browser, root, args.clicks, args.opens)
                print(f"  {name:9s} Next -> narration and figure drawn: p50 {r['step_p50']:.0f} ms, p95 "
                      f"{r['step_p95']:.0f} ms; page open {r['open_ms']:.0f} ms = {r['open_ms'] / bare:.2f}x the "
                      "bare page", flush=True)
            browser.close()


if __name__ == "__main__":
    main()
