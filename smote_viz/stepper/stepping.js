// Step through a SMOTE run in the browser: the buttons, the slider, the keys and Play move the Plotly chart from
// frame to frame and show each step's words, with no message to the server. The server is asked only for another
// window of the run (a step outside the one it sent). The words arrive as runs of [style, text] and are written
// with textContent: nothing the page receives is read as HTML.
//
// data: chart (the chart's element key), run (an id of the run), position (where the server stands), first, last,
// total, frames (one per position of the window, first to last), steps (each position's label, text and view
// words), whole (in the last window: the frame and words of the run done, seen whole, for "Go to end"), frame_ms
// and glide_ms (Play's timing), present (projector sizes), autoplay (go on playing), show_whole (show the run
// done, seen whole), param (the URL parameter of the step), drawn_by_server (positions the page draws with another
// figure: the browser asks the server for them, and standing on one, for any other).

const STORE = "__smoteLabStepping";

const CSS = `
:host { display: block; }
.stepper { font-family: var(--st-font, "Source Sans Pro", sans-serif); color: var(--st-text-color, #31333f);
  font-size: 1rem; line-height: 1.5; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-bottom: 0.5rem; }
button { font: inherit; font-size: 0.95rem; padding: 0.3rem 0.8rem; min-height: 2.5rem; border-radius: 0.5rem;
  border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); background: var(--st-background-color, #fff);
  color: inherit; cursor: pointer; }
button.primary { background: var(--st-primary-color, #ff4b4b); border-color: var(--st-primary-color, #ff4b4b);
  color: #fff; }
button:disabled { opacity: 0.45; cursor: default; }
button:focus-visible, input:focus-visible { outline: 2px solid var(--st-primary-color, #ff4b4b); outline-offset: 2px; }
input[type=range] { width: 100%; margin: 0.2rem 0 0.4rem; accent-color: var(--st-primary-color, #ff4b4b); }
.where { font-weight: 600; margin: 0 0 0.4rem; }
.narration p { margin: 0 0 0.6rem; }
.narration code { font-family: var(--st-code-font, "Source Code Pro", monospace); font-size: 0.88em;
  background: var(--st-code-background-color, rgba(172, 177, 195, 0.25)); padding: 0.1em 0.25em;
  border-radius: 0.25rem; overflow-wrap: anywhere; }
.view, .hint, .legend-words p { font-size: 0.875rem; color: var(--st-gray-color, rgba(49, 51, 63, 0.7)); margin: 0 0 0.5rem; }
.present { font-size: 1.45rem; line-height: 1.4; }
.present .buttons { margin-top: 3.2rem; }  /* under the "Pages / Exit presenter mode" card in the top right */
.present button { font-size: 1.15rem; }
`;

function text(node, runs) {  // paragraphs of [style, text] runs, as DOM nodes (textContent only)
  node.replaceChildren();
  for (const paragraph of runs) {
    const p = document.createElement("p");
    for (const [style, words] of paragraph) {
      let el;
      if (style === "code") el = document.createElement("code");
      else if (style === "b") el = document.createElement("strong");
      else if (style === "i") el = document.createElement("em");
      else if (style === "bi") { el = document.createElement("strong"); el.style.fontStyle = "italic"; }
      else el = document.createElement("span");
      el.textContent = String(words);
      p.appendChild(el);
    }
    node.appendChild(p);
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const store = (window[STORE] = window[STORE] || {});
  const total = data.total, first = data.first, last = data.last, wholeRun = data.whole || null;
  const param = data.param || "step", byServer = new Set(data.drawn_by_server || []);
  const selector = ".st-key-" + data.chart + " .js-plotly-plot";

  // Where to stand: the server's position, unless this browser has stepped on from it in the same run since.
  let position = data.position, whole = !!(data.show_whole && wholeRun && position === total - 1);
  const kept = store[data.run];
  if (kept && kept.server === data.position && kept.position >= first && kept.position <= last
      && !byServer.has(data.position)) {
    position = kept.position;
    whole = !!(kept.whole && wholeRun && position === total - 1);
  }

  const root = document.createElement("div");
  root.className = "stepper" + (data.present ? " present" : "");
  const style = document.createElement("style");
  style.textContent = CSS;
  const buttons = document.createElement("div");
  buttons.className = "buttons";
  const make = (label, title, primary) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    if (primary) b.className = "primary";
    buttons.appendChild(b);
    return b;
  };
  const prev = make("← Previous", "Previous step (left arrow key)");
  const next = make("Next →", "Next step (right arrow key)", true);
  const playButton = make("▶ Play", "Play the run from here (space bar); any key pauses");
  const reset = make("Reset", "Back to the start (Home key)");
  const end = make("Go to end", "The whole run, every new point placed (End key)");
  prev.dataset.testid = "stepping-prev";
  next.dataset.testid = "stepping-next";
  playButton.dataset.testid = "stepping-play";
  reset.dataset.testid = "stepping-reset";
  end.dataset.testid = "stepping-end";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = String(total - 1);
  slider.step = "1";
  slider.setAttribute("aria-label", "Step of the run");
  const where = document.createElement("p");
  where.className = "where";
  const narration = document.createElement("div");
  narration.className = "narration";
  narration.setAttribute("aria-live", "polite");
  const view = document.createElement("p");
  view.className = "view";
  const legend = document.createElement("div");
  legend.className = "view legend-words";
  text(legend, data.legend || []);
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.textContent = "Keys: ← → step, Home and End jump, space plays and pauses; they work in fullscreen too.";
  root.append(style, buttons, slider, where, narration, view, legend);
  if (!data.present) root.append(hint);
  parentElement.replaceChildren(root);

  let gd = null, playing = false, shown = null, busy = false, wanted = null, asked = false, disposed = false;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const findChart = () => {
    const el = document.querySelector(selector);
    return el && el._fullLayout && window.Plotly ? el : null;
  };
  const glideEnded = async () => {  // Plotly's transition of the axes ends after its animate() promise: 3 s at most
    const until = Date.now() + 3000;
    while (gd && gd._transitioning && Date.now() < until) await sleep(16);
  };
  const frameOf = (key) => {  // a position, or "whole": the run done
    const f = key === "whole" ? wholeRun.frame : data.frames[key - first];
    return { data: f.data, traces: f.traces, layout: f.layout || {}, name: String(key) };
  };
  // The figure follows `wanted`: one animation at a time, always to the latest position asked for (clicks faster
  // than the drawing skip the frames in between). A step jumps (1 ms, never 0: Plotly divides by the duration);
  // Play glides.
  const draw = async (glide) => {
    if (busy) return;
    busy = true;
    try {
      while (!disposed && wanted !== null && wanted !== shown) {
        gd = findChart() || gd;
        if (!gd) { await sleep(50); continue; }
        const target = wanted;
        const ms = Math.max(1, glide || 1);
        await window.Plotly.animate(gd, frameOf(target), {
          mode: "immediate", frame: { duration: ms, redraw: false },
          transition: { duration: ms, easing: "cubic-in-out" },
        }).catch(() => {});
        await glideEnded();
        shown = target;
      }
    } finally {
      busy = false;
    }
  };
  const ask = (p, keepPlaying, seeWhole) => {  // outside this window: the server sends the window holding it
    if (asked) return;
    asked = true;
    stopPlaying();
    setTriggerValue("moved", { position: p, playing: !!keepPlaying, whole: !!seeWhole });
  };
  const words = (p) => {
    const step = whole ? wholeRun.words : data.steps[p - first];
    where.textContent = whole ? "Step " + p + " of " + (total - 1) + ": the whole run"
      : "Step " + p + " of " + (total - 1) + " (point " + step.label + ")";
    text(narration, step.text);
    view.textContent = step.view || "";
    prev.disabled = p <= 0;
    next.disabled = p >= total - 1;
    end.disabled = whole;
    playButton.disabled = p >= total - 1 && !playing;
    slider.value = String(p);
  };
  const follow = (p) => {  // the address bar names the step shown, so a shared link opens it
    try {
      const url = new URL(window.location.href);
      if (url.searchParams.get(param) === String(p)) return;
      url.searchParams.set(param, String(p));
      window.history.replaceState(window.history.state, "", url.toString());
    } catch (e) { /* a sandboxed page without history: the link keeps its step */ }
  };
  const go = (p, glide, seeWhole) => {
    p = Math.max(0, Math.min(total - 1, Math.round(Number(p))));
    if (!Number.isFinite(p)) return;
    if (p === position && !!seeWhole === whole && wanted !== null) return;  // already there
    if (p < first || p > last || byServer.has(p) || byServer.has(data.position) && p !== data.position) {
      ask(p, false, seeWhole);  // outside the window, or a figure of its own: the server draws it
      return;
    }
    position = p;
    whole = !!(seeWhole && wholeRun && p === total - 1);
    store[data.run] = { server: data.position, position: p, whole };
    words(p);
    follow(p);
    wanted = whole ? "whole" : p;
    draw(glide);
  };
  const toEnd = () => { stopPlaying(); go(total - 1, 0, true); };
  const stopPlaying = () => {
    playing = false;
    playButton.textContent = "▶ Play";
    playButton.title = "Play the run from here (space bar); any key pauses";
  };
  const play = async () => {
    if (playing) return;
    playing = true;
    playButton.textContent = "❚❚ Pause";
    playButton.title = "Pause here (space bar)";
    playButton.disabled = false;
    while (playing && !disposed) {
      if (position >= total - 1) break;
      if (position >= last || byServer.has(position + 1) || byServer.has(data.position)) {
        ask(position + 1, true);  // the next step is the server's to draw: Play goes on there
        return;
      }
      const began = Date.now();
      go(position + 1, data.glide_ms);
      await draw(data.glide_ms);
      await sleep(Math.max(0, data.frame_ms - (Date.now() - began)));
    }
    stopPlaying();
    words(position);
  };
  const toggle = () => { if (playing) stopPlaying(); else play(); };

  prev.addEventListener("click", () => { stopPlaying(); go(position - 1); });
  next.addEventListener("click", () => { stopPlaying(); go(position + 1); });
  reset.addEventListener("click", () => { stopPlaying(); go(0); });
  end.addEventListener("click", toEnd);
  playButton.addEventListener("click", toggle);
  slider.addEventListener("input", () => {  // live inside the window; outside it, when let go
    stopPlaying();
    const p = Number(slider.value);
    if (p >= first && p <= last) go(p);
  });
  slider.addEventListener("change", () => go(Number(slider.value)));
  const onKey = (event) => {
    if (!root.getClientRects().length) return;  // not shown (another tab of the page): the keys are not ours
    const keys = { ArrowLeft: -1, ArrowRight: 1, Home: "home", End: "end", " ": "play" };
    if (!(event.key in keys) || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath ? event.composedPath()[0] : event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]") && target !== slider) return;
    if (target === slider && event.key !== " ") return;  // the slider's own keys move it
    event.preventDefault();
    event.stopPropagation();
    const key = keys[event.key];
    if (key === "play") { toggle(); return; }
    stopPlaying();
    if (key === "home") go(0);
    else if (key === "end") toEnd();
    else go(position + key);
  };
  window.addEventListener("keydown", onKey, true);

  words(position);
  follow(position);
  wanted = whole ? "whole" : position;
  shown = data.position === position && !whole ? position : null;  // the server drew its own position
  draw(0);
  if (data.autoplay) setTimeout(play, 150);
  return () => {  // new data (another window, other settings) or the page left: this instance draws no more
    disposed = true;
    stopPlaying();
    window.removeEventListener("keydown", onKey, true);
  };
}
