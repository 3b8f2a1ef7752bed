"""Load benchmark: N classroom sessions at once against one ``streamlit run app.py``.

Each session does what a student does in a lesson: opens the app, goes to Step through SMOTE and presses Next
``--clicks`` times, goes to Compare classifiers and presses Run comparison, then opens the SMOTE family. Reported
per N: the server's RSS at idle (started, no session yet), warm (after one session: libraries imported, the
shared link's results cached), at its peak while the N sessions work, 5 s after they close, and settled: after
the server has dropped the closed sessions (Streamlit keeps a closed session 2 minutes for a reconnect;
``--settle`` seconds, then one probe session, which makes it evict them) and the app has returned the freed
memory (``smote_viz.memory``, once a minute); the server's CPU-seconds per session (the N sessions only); Next-click-to-figure and page-open times (50th and 95th percentiles); and errors (exceptions the app
showed, or failed runs).

Two modes:

- ``--mode ws`` (default): no browser. Each session speaks Streamlit's own websocket protocol
  (``/_stcore/stream``, ``BackMsg`` / ``ForwardMsg`` protobufs from ``streamlit.proto``), as the browser's
  frontend does: a rerun request per page visit, a widget trigger per click (with the fragment id for the
  stepper's buttons, so a click reruns only the fragment, as in the browser). The server does exactly the
  work a browser would make it do, and the client costs almost nothing, so the figures are the server's own.
  Click-to-figure is the time from sending the click to receiving the new figure.
- ``--mode browser``: real Chromium tabs (Playwright, ``/usr/bin/chromium``), one browser context per session.
  On a 2-core machine the browsers' own work (a Plotly page costs Chromium CPU-seconds) dominates, so their
  timings measure the machine more than the server.

All sessions open the same link (a classroom follows the teacher's link), so they share cached results, as on
the hosted app; ``--distinct`` gives each session its own data seed (no sharing: the worst case).

    python benchmarks/bench_load.py --sessions 10 20 40 [--mode ws|browser] [--clicks 5] [--distinct]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ws_client import SessionResult, WsSession  # noqa: E402 - the websocket client the tests use too

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
RUN_TIMEOUT_S = 600
RELEASE_WAIT_S = 65  # smote_viz.memory releases freed memory every 60 s


# --- the server -------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run app.py`` on a free port, with its RSS and CPU time read from /proc."""

    def __init__(self, root: Path = ROOT, script: str = "app.py") -> None:
        self.port = free_port()
        self.log = open(ROOT / f".bench-load-streamlit-{self.port}.log", "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=root, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {self.log.name}")
            time.sleep(0.3)
        self.peak_mb = 0.0
        self._sampling = False

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def start_sampling(self) -> None:
        self.peak_mb = self.rss_mb()
        self._sampling = True

        def sample() -> None:
            while self._sampling:
                self.peak_mb = max(self.peak_mb, self.rss_mb())
                time.sleep(0.2)

        self._sampler = threading.Thread(target=sample, daemon=True)
        self._sampler.start()

    def stop_sampling(self) -> float:
        self._sampling = False
        self._sampler.join()
        return self.peak_mb

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


# --- results ---------------------------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))]


# --- websocket sessions (no browser): tests/ws_client.py's WsSession ---------------------------------------------
async def ws_lesson(url: str, query: str, clicks: int) -> SessionResult:
    async with WsSession(url, query) as s:
        try:
            _, took = await s.rerun(page="")
            s.result.opens_s.append(took)
            _, took = await s.rerun(page="stepper")
            s.result.opens_s.append(took)
            if "Next" in s.buttons:  # a stepper that steps on the server (before it stepped in the browser)
                for n in range(1, clicks + 1):
                    figure, took = await s.rerun(trigger="Next")
                    s.result.clicks_s.append(figure if figure == figure else took)
                    s.expect(f"Step **{n}** of", f"the stepper at step {n}")
            # else the browser steps: a click inside the window it holds sends nothing (bench_classroom.py)
            _, took = await s.rerun(page="compare")
            s.result.opens_s.append(took)
            _, took = await s.rerun(trigger="Run comparison")
            s.result.opens_s.append(took)
            s.expect("The accuracy paradox", "the comparison's results")
            _, took = await s.rerun(page="variants")
            s.result.opens_s.append(took)
            if s.figures == 0:
                s.result.errors.append("the SMOTE family drew no figure")
        except Exception as exc:  # noqa: BLE001 - a failed session is counted, not raised
            s.result.errors.append(f"{type(exc).__name__}: {exc}")
        return s.result


async def run_ws(url: str, queries: list[str], clicks: int) -> list[SessionResult]:
    return await asyncio.gather(*(ws_lesson(url, q, clicks) for q in queries))


# --- browser sessions ---------------------------------------------------------------------------------------------
async def browser_lesson(browser, url: str, query: str, clicks: int) -> SessionResult:
    result = SessionResult()
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_S * 1000)

    async def idle() -> None:
        await page.wait_for_selector("[data-testid='stApp']")
        await page.wait_for_timeout(200)
        await page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")

    async def visit(name: str) -> None:
        start = time.perf_counter()
        await page.locator("[data-testid='stSidebarNavLink']").filter(has_text=name).click()
        await page.get_by_role("heading", name=name).first.wait_for()
        await idle()
        result.opens_s.append(time.perf_counter() - start)

    try:
        start = time.perf_counter()
        await page.goto(f"{url}/?{query}")
        await idle()
        result.opens_s.append(time.perf_counter() - start)
        await visit("Step through SMOTE")
        for n in range(1, clicks + 1):
            start = time.perf_counter()
            await page.get_by_role("button", name="Next").click()
            await page.locator("[data-testid='stMarkdown']").filter(has_text=re.compile(rf"^Step {n} of")).first \
                .wait_for()
            await page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first.wait_for()
            result.clicks_s.append(time.perf_counter() - start)
            await idle()
        await visit("Compare classifiers")
        start = time.perf_counter()
        await page.get_by_role("button", name="Run comparison").click()
        await page.get_by_role("heading", name="The accuracy paradox").first.wait_for()
        await idle()
        result.opens_s.append(time.perf_counter() - start)
        await visit("SMOTE family")
        await page.locator("[data-testid='stPlotlyChart']").first.wait_for()
        result.errors += await page.locator("[data-testid='stException']").all_inner_texts()
    except Exception as exc:  # noqa: BLE001
        result.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await context.close()
    return result


async def run_browser(url: str, queries: list[str], clicks: int) -> list[SessionResult]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            return await asyncio.gather(*(browser_lesson(browser, url, q, clicks) for q in queries))
        finally:
            await browser.close()


# --- one measurement ------------------------------------------------------------------------------------------------
def measure(n: int, mode: str, clicks: int, distinct: bool, settle: float) -> dict:
    server = Server()
    try:
        time.sleep(2)
        idle_mb = server.rss_mb()
        asyncio.run(run_ws(server.url, ["seed=7"], 1))  # one session first: imports and the shared link's results
        time.sleep(2)
        warm_mb = server.rss_mb()
        queries = [f"seed={7 + i}" if distinct else "seed=7" for i in range(n)]
        cpu_before = server.cpu_s()
        server.start_sampling()
        start = time.perf_counter()
        runner = run_ws if mode == "ws" else run_browser
        results = asyncio.run(runner(server.url, queries, clicks))
        wall = time.perf_counter() - start
        peak_mb = server.stop_sampling()
        cpu = server.cpu_s() - cpu_before
        time.sleep(5)
        closed_mb = server.rss_mb()
        time.sleep(settle)
        if settle:
            asyncio.run(run_ws(server.url, ["seed=7"], 0))  # a probe session makes Streamlit evict expired ones
            time.sleep(RELEASE_WAIT_S)  # the app returns freed memory to the system once a minute
        settled_mb = server.rss_mb()
    finally:
        server.stop()
    clicks_s = [c for r in results for c in r.clicks_s]
    opens_s = [o for r in results for o in r.opens_s]
    errors = [e for r in results for e in r.errors]
    return {
        "n": n, "mode": mode, "idle_mb": idle_mb, "warm_mb": warm_mb, "peak_mb": peak_mb, "closed_mb": closed_mb,
        "settled_mb": settled_mb, "cpu_per_session": cpu / n, "wall_s": wall,
        "click_p50": pct(clicks_s, 50), "click_p95": pct(clicks_s, 95),
        "open_p50": pct(opens_s, 50), "open_p95": pct(opens_s, 95), "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--mode", choices=("ws", "browser"), default="ws")
    parser.add_argument("--clicks", type=int, default=5, help="Next clicks per session on the stepper")
    parser.add_argument("--distinct", action="store_true", help="each session its own data seed (no shared cache)")
    parser.add_argument("--settle", type=float, default=130.0,
                        help="seconds after closing before the last RSS reading (Streamlit keeps closed sessions "
                             "2 minutes for a reconnect)")
    args = parser.parse_args()
    print(f"mode {args.mode}, {args.clicks} Next clicks per session, "
          f"{'distinct data per session' if args.distinct else 'one shared link'}; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    header = (f"{'N':>3} {'idle MB':>8} {'warm MB':>8} {'peak MB':>8} {'closed MB':>9} {'settled MB':>10} {'CPU-s/session':>13} "
              f"{'click p50':>9} {'click p95':>9} {'open p50':>8} {'open p95':>8} {'wall s':>7} errors")
    print(header)
    for n in args.sessions:
        r = measure(n, args.mode, args.clicks, args.distinct, args.settle)
        print(f"{r['n']:>3} {r['idle_mb']:>8.0f} {r['warm_mb']:>8.0f} {r['peak_mb']:>8.0f} {r['closed_mb']:>9.0f} {r['settled_mb']:>10.0f} "
              f"{r['cpu_per_session']:>13.2f} {r['click_p50']:>9.2f} {r['click_p95']:>9.2f} {r['open_p50']:>8.2f} "
              f"{r['open_p95']:>8.2f} {r['wall_s']:>7.0f} {len(r['errors'])}", flush=True)
        for error in sorted(set(r["errors"]))[:5]:
            print(f"      error: {error}")
    print("Times in seconds (click: Next click to the new figure; open: page visit or Run click to the end of the "
          "run). CPU-s/session: the server's CPU time over the whole run, divided by N.")


if __name__ == "__main__":
    main()
