"""Real-browser fixtures: ``streamlit run`` on 127.0.0.1 and Playwright driving Debian's Chromium.

Without a Chromium these tests skip with the reason, except under CI (``CI`` set), where a missing browser is
a failure: ``.ci/run`` installs Debian's ``chromium`` package.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = "no Chromium found at /usr/bin/chromium (install Debian's 'chromium' package, or set CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed; CI installs requirements-dev.txt")
        pytest.skip("playwright is not installed (pip install -r requirements-dev.txt)")
    return path


@contextlib.contextmanager
def streamlit_server(log_name: str | Path = ".e2e-streamlit.log", root: Path = ROOT, script: str | Path = "app.py",
                     env: dict | None = None, start_timeout: float = 90):
    """``streamlit run script`` (in ``root``; default: the app) on a free loopback port; yields its URL once
    /_stcore/health says ok. ``log_name``: the server's log, relative to ``root`` or absolute; ``env``: extra
    environment variables. The browser tests and the benchmarks start every server through this."""
    port = _free_port()
    with open(Path(root) / log_name, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(script),
                "--server.headless", "true",
                "--server.port", str(port),
                "--server.address", "127.0.0.1",
                "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + start_timeout
        try:
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                        if response.read().decode().strip() == "ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {script} did not start; see {log.name}")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def app_url(chromium_path) -> str:
    """A Streamlit server for the whole test session."""
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


# Counts the server's "script finished" messages in ``window.__stFinished`` (a ForwardMsg whose field 6, a varint,
# is set; read from the websocket's binary frames). A run of tens of milliseconds can start and finish between two
# renders of the page, so the page's script state never shows "running"; its message still arrives.
SCRIPT_FINISHED_JS = """(() => {
  window.__stFinished = 0;
  const finished = (buffer) => {
    const b = new Uint8Array(buffer);
    let i = 0;
    const varint = () => { let v = 0, scale = 1, x; do { x = b[i++]; v += (x & 127) * scale; scale *= 128; }
                           while ((x & 128) && i < b.length); return v; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (field === 6 && wire === 0) return true;
      if (wire === 0) varint(); else if (wire === 2) i += varint(); else if (wire === 1) i += 8;
      else if (wire === 5) i += 4; else return false;
    }
    return false;
  };
  const Native = window.WebSocket;
  const Counted = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (event) => {
      const count = (buffer) => { if (finished(buffer)) window.__stFinished += 1; };
      if (event.data instanceof ArrayBuffer) count(event.data);
      else if (event.data instanceof Blob) event.data.arrayBuffer().then(count);
    });
    return ws;
  };
  Counted.prototype = Native.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Counted[k] = Native[k];
  window.WebSocket = Counted;
})();"""
# Counts the app's script runs as they start and finish (the stApp element's data-test-script-state), from the
# first paint: a wait can then ask for "a run that started after my click has finished", not take one look.
RUN_COUNTER_JS = """(() => {
  window.__stStarts = 0; window.__stRuns = 0;
  const watch = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) { setTimeout(watch, 10); return; }
    let last = app.getAttribute('data-test-script-state');
    if (last === 'running') window.__stStarts += 1;
    new MutationObserver(() => {
      const now = app.getAttribute('data-test-script-state');
      if (now === last) return;
      if (now === 'running') window.__stStarts += 1;
      if (last === 'running') window.__stRuns += 1;
      last = now;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  };
  watch();
})();""" + SCRIPT_FINISHED_JS
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Conditions are polled every POLL_MS, not at every animation frame (Playwright's default): polling at each frame
# keeps the page drawing 60 frames a second and took 6 times the CPU of a 50 ms poll, CPU the app's server needs.
POLL_MS = 50
# True once no element is still loading (Streamlit draws a skeleton in its place while its code loads: the first
# Plotly chart of a tab takes seconds) and the page's elements and every figure's boxes have stayed the same for 6
# polls, 300 ms (React has drawn the run's elements, Plotly has finished drawing).
STILL_JS = """() => {
  const sig = [...document.querySelectorAll('.js-plotly-plot')].map(g => {
    const r = g.getBoundingClientRect();
    const parts = [...g.querySelectorAll('.nsewdrag, .legend, g.textpoint text, .annotation')].map(e => {
      const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height].map(Math.round).join(',');
    });
    return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height), ...parts].join(';');
  }).join('|') + '#' + document.querySelectorAll('.js-plotly-plot .main-svg').length
    + '#' + document.querySelectorAll('[data-testid=stMain] *').length;
  if (document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]')) return false;  // still loading
  if (sig !== window.__stillSig) { window.__stillSig = sig; window.__stillFrames = 0; return false; }
  window.__stillFrames = (window.__stillFrames || 0) + 1;
  return window.__stillFrames >= 6;
}"""
# Resolves once the browser has drawn two more frames and run what was queued: what a scroll or a rejected promise
# started has happened by then.
NEXT_FRAME_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))"
# The stepping components' hosts (Step through SMOTE's and the SMOTE family's); the one shown counts.
STEPPING_HOSTS = ".st-key-stepper_stepping *, .st-key-variants-stepping *"
# The numbers of the first paragraph matching ``source`` (a regular expression with two groups: step and last; the
# shown stepping component's step line first, in its shadow root), once they are what is wanted (``step`` null: the
# last step); false before.
STEP_SHOWN_JS = """([source, step]) => {
  const re = new RegExp(source);
  const host = [...document.querySelectorAll(""" + repr(STEPPING_HOSTS) + """)].find(e => e.shadowRoot && e.getClientRects().length);
  const lines = [...(host ? host.shadowRoot.querySelectorAll('.where') : []),
                 ...document.querySelectorAll("[data-testid='stMarkdownContainer'] p")];
  for (const p of lines) {
    const m = re.exec(p.innerText.trim());
    if (!m) continue;
    const now = +m[1], last = +m[2];
    return (step === null ? now === last : now === step) ? [now, last] : false;
  }
  return false;
}"""


def step_shown(page, source: str, step: int | None, timeout: float = 60_000) -> tuple[int, int]:
    """Wait until the first paragraph that matches ``source`` shows ``step`` (None: its last step); (step, last)."""
    handle = page.wait_for_function(STEP_SHOWN_JS, arg=[source, step], polling=POLL_MS, timeout=timeout)
    now, last = handle.json_value()
    return int(now), int(last)


def wait_still(page, timeout: float = 30_000) -> None:
    """Wait until nothing is loading and the page's elements and figures have stopped moving (300 ms)."""
    page.evaluate("() => { window.__stillSig = null; window.__stillFrames = 0; }")
    page.wait_for_function(STILL_JS, polling=POLL_MS, timeout=timeout)


def next_frame(page) -> None:
    page.evaluate(NEXT_FRAME_JS)


TOOLTIP = "[data-testid='stTooltipContent'], [role='tooltip']"
TOOLTIP_DELAY_MS = 1_500  # a tooltip shows after the mouse has rested a moment (Streamlit waits under 1 s)


def tooltip_shown(page) -> bool:
    """After a hover: wait for a tooltip to show, or for the delay in which one would have shown to pass."""
    try:
        page.wait_for_selector(TOOLTIP, state="visible", timeout=TOOLTIP_DELAY_MS)
        return True
    except Exception:  # noqa: BLE001 - none showed: the element has no tooltip
        return False
NO_RUN_GRACE_MS = 2_000  # an action that starts no run (a hover, a browser-only control) is over after this


class AppPage:
    """A browser tab on the app, with the waits Streamlit needs."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        self._counted = (0, 0, 0)  # (runs started, runs finished, "script finished" messages) at the last wait
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.add_init_script(RUN_COUNTER_JS)

    def open(self, path: str = "") -> None:
        self.page.goto(f"{self.base_url}/{path}")
        self._counted = (0, 0, 0)
        self.wait_idle()

    def _counts(self) -> tuple[int, int, int]:
        return tuple(self.page.evaluate(
            "() => [window.__stStarts || 0, window.__stRuns || 0, window.__stFinished || 0]"))

    def wait_idle(self, timeout: float = 60_000) -> None:
        """Wait until the runs the last action started have finished: a run that started since the last wait
        must finish (whenever it starts within ``NO_RUN_GRACE_MS``), and then the app must be idle. No fixed
        sleep: an action whose run starts late is still waited for."""
        self.page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
        started, _, finished = self._counted
        try:  # a run started (the page shows it running) or already finished (its message came)
            self.page.wait_for_function("([n, f]) => (window.__stStarts || 0) > n || (window.__stFinished || 0) > f",
                                        arg=[started, finished], polling=POLL_MS, timeout=NO_RUN_GRACE_MS)
        except Exception:  # noqa: BLE001 - no run started: the action needed none
            pass
        self.page.wait_for_function(
            f"""() => (window.__stRuns || 0) >= (window.__stStarts || 0)
                      && document.querySelector("{IDLE}") !== null""",
            polling=POLL_MS, timeout=timeout,
        )
        self._counted = self._counts()

    def exceptions(self) -> list[str]:
        return self.page.locator("[data-testid='stException']").all_inner_texts()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        # Streamlit scrolls inside its main container, so a full-page shot needs a viewport as tall as it.
        size = self.page.viewport_size
        height = self.page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
            ".map(e => e.scrollHeight), document.body.scrollHeight)"
        )
        self.page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 6000)})
        with contextlib.suppress(Exception):  # a playing animation never stands still: it is shot as it is
            wait_still(self.page, timeout=5_000)
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(size)
        return path


@pytest.fixture
def app_page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield AppPage(page, app_url)
    context.close()
