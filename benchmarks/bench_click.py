"""A Next click in the real browser: from the click to the stepper's SVG showing the new phase (the stepper steps
in the browser; ``bench_classroom.py`` measures a whole class and the server's side).

Run from the project root:  python benchmarks/bench_click.py [--clicks 20] [--present]
Needs Chromium (/usr/bin/chromium) and playwright, like the browser tests.

The baseline is a bare Streamlit app measured in the same run, on the same machine: one button and one Plotly
figure of the same size (the same 200 points in two marker traces, a highlight trace and a guide line that move
with every click), rebuilt on each click. The two are clicked in turn, so both see the same load; the script
prints each median and their ratio (target: at most 1.5).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_FLAGS, find_chromium, streamlit_server  # noqa: E402

BARE_APP = '''
import numpy as np
import plotly.graph_objects as go
import streamlit as st

from smote_viz.data import default_dataset

st.set_page_config(layout="wide")


@st.cache_data
def data():
    ds = default_dataset()
    return ds.X2, ds.y


X, y = data()
if "n" not in st.session_state:
    st.session_state.n = 0


def step():
    st.session_state.n += 1


st.button("Next", on_click=step, type="primary")
n = st.session_state.n
rng = np.random.default_rng(n)
minority = X[y == 1]
seed = minority[n % len(minority)]
near = minority[rng.choice(len(minority), 5, replace=False)]
t = np.linspace(0, 2 * np.pi, 29)
fig = go.Figure()
for label in (0, 1):
    fig.add_trace(go.Scatter(x=X[y == label, 0], y=X[y == label, 1], mode="markers", name=f"class {label}"))
fig.add_trace(go.Scatter(x=seed[0] + 0.5 * np.cos(t), y=seed[1] + 0.5 * np.sin(t), mode="lines"))
fig.add_trace(go.Scatter(x=[seed[0], *near[:, 0]], y=[seed[1], *near[:, 1]], mode="markers+text",
                         text=["x_i", "1", "2", "3", "4", "5"], marker={"size": 18, "symbol": "circle-open"}))
fig.update_layout(height=560)
st.markdown(f"Step **{n}**")
st.plotly_chart(fig, key="bare_figure")
'''

# Clicks the Next button and resolves with the milliseconds until the chart's SVG markers differ from before the
# click (a chart that is still empty does not count as changed).
TIME_CLICK = r"""async (chart) => {
  const signature = () => {
    const g = document.querySelector(chart);
    if (!g) return '';
    return [...g.querySelectorAll('.scatterlayer .point, .scatterlayer .textpoint')]
      .map(p => (p.getAttribute('transform') || '') + (p.getAttribute('display') || '') + (p.style.display || ''))
      .join('|');
  };
  const before = signature();
  const host = [...document.querySelectorAll('.st-key-stepper_stepping *')].find(e => e.shadowRoot);
  const button = (host && host.shadowRoot.querySelector('[data-testid=stepping-next]'))  // stepping in the browser
    || [...document.querySelectorAll('[data-testid=stButton] button')].find(b => /\bNext\b/.test(b.innerText));
  const start = performance.now();
  button.click();
  return await new Promise(resolve => {
    const check = () => {
      const now = signature();
      if (now && now !== before) resolve(performance.now() - start); else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}"""


def server(script: Path, cwd: Path, log: Path):
    """The script served on a free port (the browser tests' server), with the project importable."""
    return streamlit_server(log, root=cwd, script=script, env={"PYTHONPATH": str(ROOT)})


def idle(page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
    page.wait_for_timeout(250)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--present", action="store_true", help="the stepper in presenter mode")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        sys.exit("no Chromium found (install Debian's 'chromium' package, or set CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        with server(ROOT / "app.py", ROOT, Path(tmp) / "app.log") as app_url, \
                server(bare, Path(tmp), Path(tmp) / "bare.log") as bare_url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
            pages = {}
            for name, url, chart in (
                ("app", f"{app_url}/stepper?step=0" + ("&present=1" if args.present else ""),
                 ".st-key-stepper_chart .js-plotly-plot"),
                ("bare", bare_url, ".st-key-bare_figure .js-plotly-plot"),
            ):
                page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
                page.goto(url)
                idle(page)
                page.wait_for_selector(chart + " .main-svg", state="attached", timeout=120_000)
                for _ in range(2):  # warm up: first clicks load code and caches
                    page.evaluate(TIME_CLICK, chart)
                    idle(page)
                pages[name] = (page, chart)
            times: dict[str, list[float]] = {"app": [], "bare": []}
            for _ in range(args.clicks):
                for name, (page, chart) in pages.items():
                    times[name].append(page.evaluate(TIME_CLICK, chart) / 1000)
                    idle(page)
            browser.close()
    app, base = statistics.median(times["app"]), statistics.median(times["bare"])
    mode = "presenter mode" if args.present else "normal mode"
    print(f"Next click to the new phase drawn, median of {args.clicks} clicks in Chromium at 1280 x 720 ({mode}):")
    print(f"  Step through SMOTE   {app:6.3f} s  (min {min(times['app']):.3f}, max {max(times['app']):.3f})")
    print(f"  bare Streamlit app   {base:6.3f} s  (min {min(times['bare']):.3f}, max {max(times['bare']):.3f})")
    print(f"  ratio {app / base:.2f} (target <= 1.5); fastest clicks {min(times['app']) / min(times['bare']):.2f} "
          "(less sensitive to other work on the machine)")


if __name__ == "__main__":
    main()
