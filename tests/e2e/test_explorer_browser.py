"""The explorer, screens and modes (real browser): every page in every classroom mode on a projector and a phone.

Every page x {normal, presenter (``?present=1``), predict first (``?predict=1``), both} x {1280 x 720, a 390 x 844
phone with a phone's User-Agent} is opened in Debian's Chromium (one server, one browser, one tab per screen), the
page's main actions are done (the stepper: Next a few times, Play then a pause by an arrow key and by the Pause
button; Compare: Run, and the predict-first answer; the lesson: an answer; the SMOTE family: both tabs and a step;
the Playground: a click on the figure; the Data page: another shape), and after each:

- no ``[data-testid='stException']``, no browser page error (``pageerror``) and no console error (two known,
  harmless messages are filtered precisely, see ``harmless``);
- nothing floating (a fixed or sticky element: the presenter-mode "Pages / Exit presenter mode" card, a tooltip,
  Streamlit's header or toolbar, a popover) over the plot area of a figure, its text labels (legend, axis titles,
  annotations, marker labels) or a link (``a[href]``): their boxes (``getBoundingClientRect``) are intersected
  with every floating element's, and ``document.elementFromPoint`` at the middle of the overlap says which is on
  top (a link scrolled to the middle of the screen first, as a reader would);
- no marker label of a figure under another of its subplots (the stepper's overview map drawn over a label).

The whole matrix is visited once per screen (``visit``), then each check is its own test, so a defect that
others are still fixing is marked ``xfail`` on its check only (``KNOWN``). The full actions run at 1280 x 720 in
every mode; the phone gets a lighter pass (open, one action). Waits are conditions (Streamlit's script state, a
rerun counted by a MutationObserver, a figure whose geometry stopped moving), each bounded; no fixed sleeps.
A screenshot of every step that found something lands in ``test-artifacts/explorer/`` (of every step with
``EXPLORER_SHOTS=1``).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import pytest

from tests.e2e.conftest import ARTIFACTS, POLL_MS, SCRIPT_FINISHED_JS, STILL_JS

pytestmark = pytest.mark.e2e

PAGES = {"home": "", "lesson": "lesson", "data": "data", "stepper": "stepper", "playground": "playground",
         "variants": "variants", "compare": "compare", "class": "class"}
MODES = {"normal": "", "present": "present=1", "predict": "predict=1", "present+predict": "present=1&predict=1"}
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/131.0.0.0 Mobile Safari/537.36")
SCREENS = {
    "1280x720": {"viewport": {"width": 1280, "height": 720}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "user_agent": PHONE_AGENT},
    "1366x768": {"viewport": {"width": 1366, "height": 768}},  # a laptop: the steppers only (LAPTOP_STATES)
}
# The laptop pass opens the two steppers in a state (data and step in the link) and steps on: the step figure is
# wider there than the width its labels are placed for. The stepper's came from the label search in
# tests/e2e/test_paths_browser.py (the x_zi label under the overview map at 1366 px), which checks more states.
LAPTOP_STATES = {
    "stepper": ["shape=moons&seed=7&step=151"],
    "variants": ["shape=moons&seed=7&vtab=walk&vwalk=adasyn&vstep=5"],
}
SHOTS = ARTIFACTS / "explorer"
ALL_SHOTS = bool(os.environ.get("EXPLORER_SHOTS"))  # a screenshot after every step; by default only of a finding
RUN_TIMEOUT = 180_000  # ms: a Compare run on a busy 2-core machine
LOST_MS = 15_000  # an action whose run has not started after this is done again (``Tab.act``)
AGAIN_MS = 5_000  # ... if its control can still be acted on within this
PLAY = "play"  # the stepper's Play-then-pause steps: their own check (page errors while a glide is interrupted)

# Counts the script's finished runs (each change of stApp's data-test-script-state away from "running", read from
# the mutation's old value, so a run too short to be seen running still counts): an action's rerun is waited for
# by a condition instead of a sleep.
# Counts the app's finished runs: each change of the page's script state away from "running", and (conftest's
# SCRIPT_FINISHED_JS) each "script finished" message, for a run too short to show "running". ``Tab.runs`` adds them.
RUNS_JS = """
window.__stRuns = 0;
new MutationObserver((records) => {
  for (const r of records) if (r.oldValue === 'running') window.__stRuns += 1;  // a run finished
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
""" + SCRIPT_FINISHED_JS
RUNS = "((window.__stRuns || 0) + (window.__stFinished || 0))"
IDLE = "() => { const a = document.querySelector('[data-testid=stApp]'); " \
       "return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }"
# What floats over the page: every visible element with position fixed or sticky, and for a zero-sized fixed layer
# (Streamlit's portal of tooltips and popovers) its visible children. For each target (a link, a figure's label or
# plot area) in view, an overlap with a floating element that is painted on top of the target (elementFromPoint at
# the middle of the overlap lands in the floating element) is a problem. ``scroll``: each link and figure is first
# scrolled to the middle of the screen (nested scroll positions are restored after).
COVER_JS = """([scroll]) => {
  const vw = innerWidth, vh = innerHeight;
  const visible = (e) => {
    const s = getComputedStyle(e);
    return s.display !== 'none' && s.visibility !== 'hidden' && parseFloat(s.opacity || '1') > 0.05;
  };
  const box = (e) => e.getBoundingClientRect();
  const area = (r) => Math.max(0, r.width) * Math.max(0, r.height);
  const name = (e) => {  // the element's widget key, else its role or test id, else its tag
    let id = null;
    for (let x = e; x && x !== document.body; x = x.parentElement) {
      const key = [...(x.classList || [])].find(c => c.startsWith('st-key-'));
      if (key) return key.slice(7);
      if (!id && x.getAttribute && x.getAttribute('role') === 'tooltip') id = 'tooltip';
      if (!id && x.getAttribute && x.getAttribute('data-testid')) id = x.getAttribute('data-testid');
    }
    return id || e.tagName.toLowerCase();
  };
  const floating = [];
  for (const e of document.querySelectorAll('body *')) {
    const p = getComputedStyle(e).position;
    if (p !== 'fixed' && p !== 'sticky') continue;
    if (!visible(e)) continue;
    if (area(box(e)) > 4) { floating.push(e); continue; }
    for (const c of e.querySelectorAll('*')) {
      if (area(box(c)) > 4 && visible(c) && !floating.some(f => f.contains(c))) floating.push(c);
    }
  }
  const targets = [];
  document.querySelectorAll('a[href]').forEach(a => {
    if (visible(a) && area(box(a)) > 0) targets.push({kind: 'link', el: a, text: a.textContent.trim().slice(0, 60)});
  });
  document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    const chart = name(gd);
    gd.querySelectorAll('.draglayer .nsewdrag').forEach(e => targets.push({kind: 'plot area', el: e, gd, chart,
      text: [...e.parentElement.classList].join(' ')}));
    gd.querySelectorAll('.legend .traces').forEach(e => targets.push({kind: 'legend', el: e, gd, chart,
      text: e.textContent.trim().slice(0, 40)}));
    gd.querySelectorAll('.g-xtitle text, .g-ytitle text, .gtitle, .annotation-text, g.textpoint text').forEach(e => {
      if (e.textContent.trim()) targets.push({kind: 'label', el: e, gd, chart, text: e.textContent.trim().slice(0, 40)});
    });
  });
  const scrollers = [document.scrollingElement, ...document.querySelectorAll('[data-testid=stMain], section')]
      .filter(Boolean).map(e => [e, e.scrollTop, e.scrollLeft]);
  const problems = [];
  const seen = new Set();
  for (const t of targets) {
    if (scroll && (t.kind === 'link' || t.kind === 'plot area')) t.el.scrollIntoView({block: 'center', inline: 'nearest'});
    const r = box(t.el);
    if (area(r) === 0 || r.bottom <= 0 || r.right <= 0 || r.top >= vh || r.left >= vw) continue;
    for (const f of floating) {
      if (f.contains(t.el) || t.el.contains(f)) continue;
      const b = box(f);
      const o = {left: Math.max(r.left, b.left, 0), top: Math.max(r.top, b.top, 0),
                 right: Math.min(r.right, b.right, vw), bottom: Math.min(r.bottom, b.bottom, vh)};
      if (o.right - o.left < 2 || o.bottom - o.top < 2) continue;
      const top = document.elementFromPoint((o.left + o.right) / 2, (o.top + o.bottom) / 2);
      if (!top || !f.contains(top)) continue;
      const key = `${t.kind}|${t.chart || ''}|${t.text}|${name(f)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({kind: t.kind, chart: t.chart || null, text: t.text, by: name(f),
                     overlap: [o.left, o.top, o.right - o.left, o.bottom - o.top].map(Math.round)});
    }
  }
  for (const [e, top, left] of scrollers) { e.scrollTop = top; e.scrollLeft = left; }
  return problems;
}"""

# A figure's marker labels (and annotations) under another of its subplots: the overview map (x2y2) is drawn
# after the main plot, so a label of the main plot inside the map's area is hidden by it.
UNDER_SUBPLOT_JS = """() => {
  const problems = [];
  document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    const key = [...gd.closest('[class*=st-key-]')?.classList || []].find(c => c.startsWith('st-key-'));
    const areas = [...gd.querySelectorAll('.draglayer > g')].map(g => ({
      id: [...g.classList].find(c => /^x\\d*y\\d*$/.test(c)), box: g.querySelector('.nsewdrag')?.getBoundingClientRect()
    })).filter(a => a.id && a.box && a.box.width > 0);
    gd.querySelectorAll('.cartesianlayer > .subplot').forEach(sub => {
      const own = [...sub.classList].find(c => /^x\\d*y\\d*$/.test(c));
      const order = areas.findIndex(a => a.id === own);
      sub.querySelectorAll('g.textpoint text').forEach(t => {
        const text = t.textContent.trim();
        const r = t.getBoundingClientRect();
        if (!text || r.width === 0) return;
        areas.forEach((a, n) => {
          if (a.id === own || n < order) return;  // only subplots drawn after (over) the label's own
          const w = Math.min(r.right, a.box.right) - Math.max(r.left, a.box.left);
          const h = Math.min(r.bottom, a.box.bottom) - Math.max(r.top, a.box.top);
          if (w > 1 && h > 1 && w * h > 0.2 * r.width * r.height) {
            problems.push({chart: key ? key.slice(7) : null, label: text, subplot: own, under: a.id,
                           covered: Math.round(100 * w * h / (r.width * r.height))});
          }
        });
      });
    });
  });
  return problems;
}"""


# --- what the browser said ---------------------------------------------------------------------------------------
def harmless(kind: str, text: str, url: str, base: str) -> bool:
    """Known browser noise that is not the app's:

    - Streamlit's frontend, opened on a page's path (``/stepper``), first asks for ``/stepper/_stcore/health`` and
      ``/stepper/_stcore/host-config`` (it looks for the server's base path), gets 404 and then asks ``/_stcore/``;
      Chromium logs each 404 as a console error. Only exactly these two URLs are ignored.
    """
    if kind == "console" and text.startswith("Failed to load resource: the server responded with a status of 404"):
        return re.fullmatch(re.escape(base) + r"/[A-Za-z0-9_-]+/_stcore/(health|host-config)", url) is not None
    return False


@dataclass
class Visit:
    """One page, in one mode, on one screen: what each step showed."""

    page: str
    mode: str
    screen: str
    steps: list[str] = field(default_factory=list)
    exceptions: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)  # step -> page errors and console errors
    covered: dict[str, list[dict]] = field(default_factory=dict)  # step -> something floating over a target
    under: dict[str, list[dict]] = field(default_factory=dict)  # step -> a label under another subplot
    sidebar: dict | None = None  # presenter mode switched on in the sidebar: the sidebar's box, if any
    lesson_progress: tuple[str, str] | None = None  # the lesson's progress line before and after a reload
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return f"{self.page}-{self.mode}-{self.screen}"


class Tab:
    """A browser tab on one screen, reused by every visit on it; listens for page and console errors."""

    def __init__(self, browser, base_url: str, screen: str):
        self.context = browser.new_context(**SCREENS[screen])
        self.context.add_init_script(RUNS_JS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.base = base_url
        self.screen = screen
        self.visit: Visit | None = None
        self.step = "open"
        self.page.on("pageerror", lambda error: self._error("pageerror", str(error) or repr(error), ""))
        self.page.on("console", lambda m: m.type == "error" and self._error("console", m.text, m.location.get("url", "")))

    def _error(self, kind: str, text: str, url: str) -> None:
        if self.visit is not None and not harmless(kind, text, url, self.base):
            self.visit.errors.setdefault(self.step, []).append(f"{kind}: {text}" + (f" ({url})" if url else ""))

    # --- waiting ----------------------------------------------------------------------------------------------
    def runs(self) -> int:
        return self.page.evaluate(f"() => {RUNS}")

    def settle(self, runs_before: int | None = None, timeout: float = RUN_TIMEOUT) -> None:
        """Wait for the rerun an action caused (when ``runs_before`` is given: a new run must be seen), until the
        script is idle, then for the figures to stop moving (bounded; an animation that plays on is noted)."""
        if runs_before is not None:
            self.page.wait_for_function(f"() => {RUNS} > {runs_before}", polling=POLL_MS, timeout=timeout)
        self.page.wait_for_function(IDLE, polling=POLL_MS, timeout=timeout)
        try:
            self.page.wait_for_function(STILL_JS, polling=POLL_MS, timeout=30_000)
        except Exception:  # noqa: BLE001 - a figure that keeps moving (an animation) is checked as it is
            if self.visit is not None:
                self.visit.notes.append(f"{self.step}: the page was still changing after 30 s")

    def act(self, step: str, action: Callable[[], None], *, reruns: bool = True, timeout: float = 60_000) -> None:
        """Do ``action`` as step ``step`` and wait for its rerun (``reruns``), then check the page. An action whose
        run has not even started after ``LOST_MS`` (a tap that fell while the page was still moving) is done once
        more, as a person who sees nothing happen does; that is noted."""
        self.step = step
        before = self.runs()
        action()
        if reruns:
            try:
                self.page.wait_for_function(f"() => {RUNS} > {before} || "
                                            "document.querySelector('[data-testid=stApp]')"
                                            "?.getAttribute('data-test-script-state') === 'running'", polling=POLL_MS,
                                            timeout=LOST_MS)
            except Exception:  # noqa: BLE001 - nothing started: the action was lost, or its run starts late
                self.visit.notes.append(f"{step}: nothing happened after {LOST_MS / 1000:.0f} s; done again")
                # On a busy machine the first action's run may start later still, and then its control can be
                # gone or disabled (an answered question, presenter mode's hidden sidebar): the second try gives
                # up after a few seconds instead of waiting a minute for a control that is not coming back.
                self.page.set_default_timeout(AGAIN_MS)
                try:
                    action()
                except Exception:  # noqa: BLE001 - nothing to do again: the first action took effect
                    self.visit.notes.append(f"{step}: nothing to do again (its first run started late)")
                finally:
                    self.page.set_default_timeout(60_000)
        self.settle(before if reruns else None, timeout=timeout)
        self.check(step)

    # --- checking ---------------------------------------------------------------------------------------------
    def check(self, step: str, *, scroll: bool = True) -> None:
        v = self.visit
        v.steps.append(step)
        v.exceptions[step] = self.page.locator("[data-testid='stException']").all_inner_texts()
        problems = self.page.evaluate(COVER_JS, [False])  # as it is (a tooltip under the mouse shows now)
        if scroll:
            problems += [p for p in self.page.evaluate(COVER_JS, [True]) if p not in problems]
        v.covered[step] = problems
        v.under[step] = self.page.evaluate(UNDER_SUBPLOT_JS)
        if not (ALL_SHOTS or problems or v.under[step] or v.exceptions[step] or v.errors.get(step)):
            return
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{v.name}-{len(v.steps):02d}-{re.sub(r'[^a-z0-9]+', '-', step)}.png"))

    def hover_tooltip(self) -> None:
        """A tooltip shows after the mouse has rested on a button a moment: wait for one (bounded), if any."""
        try:
            self.page.wait_for_selector("[data-testid='stTooltipContent'], [role='tooltip']", state="visible",
                                        timeout=2000)
        except Exception:  # noqa: BLE001 - no tooltip on this screen (a phone has no hover)
            pass

    def open(self, page: str, mode: str, *, extra: str = "", step: str = "open") -> None:
        """A new session on ``page`` in ``mode`` (and the state ``extra`` in its link)."""
        query = "&".join(q for q in (MODES[mode], extra) if q)
        self.step = step
        self.page.goto(f"{self.base}/{PAGES[page]}" + (f"?{query}" if query else ""))
        self.page.wait_for_selector("[data-testid='stApp']")
        self.settle()
        self.check(step)

    def click(self, locator) -> Callable[[], None]:
        phone = self.screen == "phone"
        return lambda: locator.tap() if phone else locator.click()

    def click_if_shown(self, locator) -> Callable[[], None]:
        """A click on a control that its own click removes (the sidebar's toggle, "Exit presenter mode"): done
        again after a click whose run started late (a busy machine), it would wait for a control that is gone."""
        click = self.click(locator)
        return lambda: click() if locator.is_visible() else None


# --- the pages' main actions ----------------------------------------------------------------------------------------
def button(tab: Tab, name: str):
    return tab.page.get_by_role("button", name=name).first


def lesson_actions(tab: Tab, full: bool) -> None:
    """Answer chapter 1; in presenter mode every chapter (the floating card sits where a chapter's links end)."""
    chapters = 8 if full and tab.visit.mode.startswith("present") else 1
    for n in range(1, chapters + 1):
        if n > 1:
            tab.act(f"chapter {n}", tab.click(tab.page.locator(".st-key-lesson-next [data-testid^='stBaseButton']:visible")))
        tab.act(f"answer chapter {n}", tab.click(tab.page.locator("[data-testid='stRadioOption']").first))
    if full and tab.visit.mode == "normal":  # the learner's progress after a reload
        before = progress(tab)
        tab.act("reload", lambda: tab.page.reload(), reruns=False)
        tab.visit.lesson_progress = (before, progress(tab))


def progress(tab: Tab) -> str:
    return tab.page.locator("[data-testid='stProgress']").first.inner_text().strip()


def data_actions(tab: Tab, full: bool) -> None:
    if not full or tab.visit.mode.startswith("present"):
        return
    def moons():
        tab.page.locator(".st-key-data-shape [role='combobox']").click()
        tab.page.get_by_role("option", name="moons", exact=True).click()

    tab.act("shape moons", moons)


# The step the stepping component shows (its "Step N of M" line, in the component's shadow root); -1 before it is drawn.
STEPPING_STEP_JS = """() => {
  const host = [...document.querySelectorAll('.st-key-stepper_stepping *')].find(e => e.shadowRoot);
  const line = host && host.shadowRoot.querySelector('.where');
  return line ? Number(line.textContent.split(' ')[1]) : -1;
}"""


def stepper_actions(tab: Tab, full: bool) -> None:
    """Next a few times and Play then a pause. Outside predict first the browser steps (no rerun); in predict first
    the server's stepper does, and its Play hands the position back when paused."""
    if tab.visit.mode.endswith("predict"):
        server_stepper_actions(tab, full)
        return
    next_button = tab.page.locator("[data-testid=stepping-next]")
    next_button.wait_for(timeout=60_000)
    for n in range(3 if full else 1):
        tab.act(f"next {n + 1}", tab.click(next_button), reruns=False)
    if tab.screen != "phone":  # the mouse rests on Next, as a learner's does between clicks
        tab.hover_tooltip()
        tab.check("the mouse resting on Next", scroll=False)
    if not full:
        return
    play = tab.page.locator("[data-testid=stepping-play]")
    for how in ("an arrow key", "the Pause button") if tab.visit.mode == "normal" else ("an arrow key",):
        tab.step = f"{PLAY}, paused by {how}"
        start = tab.page.evaluate(STEPPING_STEP_JS)
        play.click()
        tab.page.wait_for_function(f"() => ({STEPPING_STEP_JS})() >= {start + 2}", polling=POLL_MS, timeout=60_000)

        def pause(how=how):
            if how == "an arrow key":
                tab.page.evaluate("() => document.activeElement && document.activeElement.blur()")
                tab.page.keyboard.press("ArrowRight")
            else:
                play.click()
            play.filter(has_text="Play").wait_for(timeout=60_000)  # paused: the button offers Play again

        tab.act(f"{PLAY}, paused by {how}", pause, reruns=False)


def server_stepper_actions(tab: Tab, full: bool) -> None:
    next_button = tab.page.locator(".st-key-stepper_next [data-testid^='stBaseButton']:visible")
    for n in range(3 if full else 1):
        tab.act(f"next {n + 1}", tab.click(next_button))
    if tab.screen != "phone":  # the mouse rests on Next, as a learner's does between clicks
        tab.hover_tooltip()
        tab.check("the mouse resting on Next", scroll=False)
    if not full:
        return
    chart = ".st-key-stepper_play_chart .js-plotly-plot"
    started = "() => { const g = document.querySelector(" + repr(chart) + "); " \
              "return !!g && !!g._fullLayout && g._fullLayout.sliders[0].active >= 2; }"
    tab.step = f"{PLAY}, paused by an arrow key"
    before = tab.runs()
    tab.page.locator(".st-key-stepper_play [data-testid^='stBaseButton']:visible").click()
    tab.settle(before)
    tab.page.wait_for_function(started, polling=POLL_MS, timeout=60_000)

    def pause():
        tab.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        tab.page.keyboard.press("ArrowRight")
        next_button.wait_for(timeout=60_000)  # the stepper has its position back (its buttons again)

    tab.act(f"{PLAY}, paused by an arrow key", pause, reruns=False)


def playground_actions(tab: Tab, full: bool) -> None:
    plot = tab.page.locator(".st-key-playground_figure .nsewdrag").first

    def click_empty():
        b = plot.bounding_box()
        x, y = b["x"] + 0.12 * b["width"], b["y"] + 0.12 * b["height"]
        if tab.screen == "phone":
            tab.page.touchscreen.tap(x, y)
        else:
            tab.page.mouse.click(x, y)

    tab.act("click on the figure", click_empty)


def variants_actions(tab: Tab, full: bool) -> None:
    walk = tab.page.get_by_role("tab", name=re.compile("Step through"))
    tab.act("step-through tab", tab.click(walk))
    if full:
        following = ".st-key-variants-next [data-testid^='stBaseButton']:visible" if tab.visit.mode.endswith("predict") \
            else "[data-testid=stepping-next]:visible"  # in the browser; from step 0 (the server's figure) a rerun
        tab.act("step-through next", tab.click(tab.page.locator(following)))
        tab.act("side-by-side tab", tab.click(tab.page.get_by_role("tab", name="Side by side")))


def compare_actions(tab: Tab, full: bool) -> None:
    if not full:
        return
    tab.act("run", tab.click(button(tab, "Run comparison")), timeout=RUN_TIMEOUT)
    if tab.visit.mode.endswith("predict"):
        form = tab.page.locator("[data-testid='stForm']").filter(has=tab.page.get_by_role("button", name="Reveal"))
        for radio in form.locator("[data-testid='stRadio']").all():
            radio.locator("label").first.click()
        tab.act("reveal", tab.click(button(tab, "Reveal")))


def class_actions(tab: Tab, full: bool) -> None:
    """Start a class (its code, link and QR code; the teacher's bar refreshes every second), then, in the full
    visit, every pacing (the end of a class, with students, is tests/e2e/test_class_browser.py's)."""
    tab.act("start a class", tab.click(button(tab, "Start a class")))
    if not full:
        return
    for mode in ("Lead: everyone follows", "Pause: screens show", "Free: everyone explores"):
        tab.act(f"pacing {mode.split(':')[0]}", tab.click(tab.page.get_by_text(mode)))


ACTIONS = {"home": lambda tab, full: None, "lesson": lesson_actions, "data": data_actions,
           "stepper": stepper_actions, "playground": playground_actions, "variants": variants_actions,
           "compare": compare_actions, "class": class_actions}

SIDEBAR_JS = """() => { const s = document.querySelector('[data-testid=stSidebar]');
  if (!s) return null; const r = s.getBoundingClientRect();
  return {width: Math.round(r.width), left: Math.round(r.left), visible: r.width > 0 && r.right > 0 &&
          getComputedStyle(s).visibility !== 'hidden'}; }"""


def presenter_from_the_sidebar(tab: Tab) -> None:
    """Presenter mode switched on with the sidebar's toggle (not the link): no sidebar may stay behind."""
    toggle = tab.page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox'] label").filter(
        has_text="Presenter mode")
    tab.act("presenter mode from the sidebar", tab.click_if_shown(toggle))
    tab.visit.sidebar = tab.page.evaluate(SIDEBAR_JS)
    tab.act("exit presenter mode", tab.click_if_shown(button(tab, "Exit presenter mode")))


def laptop_states(tab: Tab, page: str, mode: str) -> None:
    """Each of the page's ``LAPTOP_STATES`` opened by its link, then two steps on."""
    for state in LAPTOP_STATES[page]:
        tab.open(page, mode, extra=state, step=f"open {state}")
        for k in range(2):  # the browser steps (no rerun)
            tab.act(f"{state}: next {k + 1}", tab.click(tab.page.locator("[data-testid=stepping-next]:visible")),
                    reruns=False)


# --- the visits -------------------------------------------------------------------------------------------------
COMBOS = [(p, m, s) for s in ("1280x720", "phone") for m in MODES for p in PAGES] + [
    (p, "normal", "1366x768") for p in LAPTOP_STATES]
VISITS: dict[tuple[str, str, str], Visit] = {}
TABS: dict[str, Tab] = {}


def do_visit(tab: Tab, page: str, mode: str) -> Visit:
    started = time.monotonic()
    visit = Visit(page, mode, tab.screen)
    tab.visit = visit
    full = tab.screen == "1280x720"
    try:
        if tab.screen == "1366x768":
            laptop_states(tab, page, mode)
            return visit
        tab.context.clear_cookies()  # each visit is a new user (a teacher's browser keeps its class in a cookie)
        tab.open(page, mode)
        ACTIONS[page](tab, full)
        if full and mode == "normal":
            presenter_from_the_sidebar(tab)
    except Exception as error:  # noqa: BLE001 - a step that could not be done is a finding, with its screenshot
        visit.notes.append(f"{tab.step}: could not be done: {type(error).__name__}: {str(error).splitlines()[0]}")
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(SHOTS / f"{visit.name}-failed.png"))
    finally:
        tab.visit = None
        visit.seconds = time.monotonic() - started
    return visit


@pytest.fixture(scope="module")
def explored(browser, app_url):
    """Every combination, visited once (lazily, screen by screen); the tabs are closed at the end."""
    def get(page: str, mode: str, screen: str) -> Visit:
        key = (page, mode, screen)
        if key not in VISITS:
            if screen not in TABS:
                TABS[screen] = Tab(browser, app_url, screen)
            VISITS[key] = do_visit(TABS[screen], page, mode)
        return VISITS[key]

    yield get
    for tab in TABS.values():
        tab.context.close()
    TABS.clear()
    lines = [f"{v.name}: {v.seconds:.1f} s, steps {v.steps}" + (f", notes {v.notes}" if v.notes else "")
             for v in VISITS.values()]
    if lines:
        SHOTS.mkdir(parents=True, exist_ok=True)
        total = sum(v.seconds for v in VISITS.values())
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # in parallel, each worker its own visits
        (SHOTS / f"visits{worker}.txt").write_text("\n".join([f"{len(VISITS)} visits in {total:.0f} s", *lines]) + "\n")
        (SHOTS / f"visits{worker}.json").write_text(json.dumps([asdict(v) for v in VISITS.values()], indent=1, default=str))
        print(f"\nexplorer (browser): {len(VISITS)} page x mode x screen visits in {total:.0f} s")


# Known defects others are fixing now: their checks are expected to fail until the fix lands (strict=False, so a
# fix turns them into passes). Keyed (check, page, mode, screen); "*" matches any.
KNOWN = {
}


def known(check: str, page: str, mode: str, screen: str) -> str | None:
    for (c, p, m, s), reason in KNOWN.items():
        if c == check and p in ("*", page) and m in ("*", mode) and s in ("*", screen):
            return reason
    return None


def combos(check: str, where=COMBOS):
    out = []
    for page, mode, screen in where:
        reason = known(check, page, mode, screen)
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        out.append(pytest.param(page, mode, screen, id=f"{page}-{mode}-{screen}", marks=marks))
    return out


def _report(visit: Visit, by_step: dict, skip=lambda step: False) -> list[str]:
    return [f"{step}: {item}" for step, items in by_step.items() if not skip(step) for item in items]


@pytest.mark.parametrize(("page", "mode", "screen"), combos("errors"))
def test_no_exception_and_no_browser_error(explored, page, mode, screen):
    visit = explored(page, mode, screen)
    could_not = [n for n in visit.notes if "could not be done" in n]
    assert not could_not, could_not
    assert not _report(visit, visit.exceptions), _report(visit, visit.exceptions)
    errors = _report(visit, visit.errors, skip=lambda step: step.startswith(PLAY))
    assert not errors, errors


@pytest.mark.parametrize(("page", "mode", "screen"), combos("play", [c for c in COMBOS if c[0] == "stepper"
                                                                     and c[2] == "1280x720"]))
def test_stepper_play_then_a_pause_raises_no_browser_error(explored, page, mode, screen):
    visit = explored(page, mode, screen)
    played = [s for s in visit.steps if s.startswith(PLAY)]
    assert len(played) == (2 if mode == "normal" else 1), (visit.steps, visit.notes)
    errors = _report(visit, visit.errors, skip=lambda step: not step.startswith(PLAY))
    assert not errors, errors


CARD = "smote-lab-exit"  # presenter mode's floating "Pages / Exit presenter mode" card
TOOLTIP = "tooltip"


def _covered(visit: Visit, keep) -> list[str]:
    return [f"{step}: {p}" for step, problems in visit.covered.items() for p in problems if keep(p)]


@pytest.mark.parametrize(("page", "mode", "screen"), combos("covered"))
def test_nothing_floats_over_a_figure_its_labels_or_a_link(explored, page, mode, screen):
    """Anything floating but presenter mode's card and the buttons' tooltips (their own checks below)."""
    problems = _covered(explored(page, mode, screen), lambda p: p["by"] not in (CARD, TOOLTIP))
    assert not problems, problems


@pytest.mark.parametrize(("page", "mode", "screen"), combos("card"))
def test_the_presenter_card_covers_no_figure_label_or_link(explored, page, mode, screen):
    problems = _covered(explored(page, mode, screen), lambda p: p["by"] == CARD)
    assert not problems, problems


@pytest.mark.parametrize(("page", "mode", "screen"), combos("tooltip"))
def test_no_tooltip_covers_a_figure_its_labels_or_a_link(explored, page, mode, screen):
    problems = _covered(explored(page, mode, screen), lambda p: p["by"] == TOOLTIP)
    assert not problems, problems


@pytest.mark.parametrize(("page", "mode", "screen"), combos("under"))
def test_no_figure_label_lies_under_another_subplot(explored, page, mode, screen):
    visit = explored(page, mode, screen)
    problems = _report(visit, visit.under)
    assert not problems, problems


@pytest.mark.parametrize(("page", "mode", "screen"), combos("sidebar", [c for c in COMBOS if c[1] == "normal"
                                                                        and c[2] == "1280x720"]))
def test_presenter_mode_from_the_sidebar_leaves_no_empty_sidebar(explored, page, mode, screen):
    visit = explored(page, mode, screen)
    assert "presenter mode from the sidebar" in visit.steps, (visit.steps, visit.notes)
    assert not (visit.sidebar and visit.sidebar["visible"]), f"a sidebar is still shown: {visit.sidebar}"


@pytest.mark.parametrize(("page", "mode", "screen"), combos("progress", [("lesson", "normal", "1280x720")]))
def test_the_lesson_keeps_its_progress_over_a_reload(explored, page, mode, screen):
    visit = explored(page, mode, screen)
    assert visit.lesson_progress is not None, (visit.steps, visit.notes)
    before, after = visit.lesson_progress
    assert "of 1 predictions" in before, before
    assert after == before, f"before the reload: {before!r}; after: {after!r}"
