"""Benchmark of the playground in a real browser: a click on the figure until the updated figure is drawn, at 200
points, against a bare Streamlit click measured in the same run; and a λ slider drag, which must not reach the
server at all.

Run from the project root:  python benchmarks/bench_playground.py [--clicks 30]

- Playground: the page starts from the default data (200 points). Clicks add a point on an empty spot, then
  remove the point added before, then add the next one, and so on (201 and 202 points): every click gives a board
  not seen before, so no figure can come from Streamlit's message cache. Timed from the mouse click until a chart
  in the page has the new class count in its trace name, i.e. Plotly has drawn the new figure.
- Baseline: ``benchmarks/bare_click_app.py``, one ``st.button`` and a figure with the same kinds and sizes of
  traces, redrawn on each click, timed the same way. The two are clicked in turn, so both see the same load.
- λ drag: after picking a seed and a neighbour, the slider's grip is dragged across; the script counts the
  websocket messages the browser sends and the changes of the app's ``data-test-script-state`` meanwhile.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_FLAGS, find_chromium, streamlit_server  # noqa: E402
from tests.e2e.playground_helpers import (  # noqa: E402
    all_points,
    empty_spots,
    slider_text,
    to_screen,
    trace_named,
    traces,
    wait_for_trace_name,
)

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def server(script: str):
    """The script served on a free port (the browser tests' server); its log in .e2e-bench-<name>.log."""
    return streamlit_server(f".e2e-bench-{Path(script).stem}.log", script=script)


def idle(page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=120_000)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 0.95)


FIGURE_BYTES = 20_000  # a websocket message this large carries the figure (the other deltas are far smaller)


def figure_arrival(received: list[tuple[float, int]], start: float) -> float | None:
    """Seconds from ``start`` to the first message after it large enough to carry a figure."""
    return next((t - start for t, size in received if t >= start and size >= FIGURE_BYTES), None)


def time_clicks(pg, bare, clicks: int, received: dict) -> tuple[list[float], list[float], int, dict]:
    n_minority = len(trace_named(pg, "class 1 (")["x"])
    n_points = len(all_points(pg)) - len(trace_named(pg, "new points (")["x"])
    spots = [to_screen(pg, x, y) for x, y in empty_spots(pg, all_points(pg), count=clicks // 2 + 2)]
    button = bare.locator(".st-key-bare_click button").bounding_box()
    bx, by = button["x"] + button["width"] / 2, button["y"] + button["height"] / 2
    ours, baseline = [], []
    arrivals = {"playground": [], "bare": []}
    for i in range(clicks):
        start = time.perf_counter()
        bare.mouse.click(bx, by)
        bare.wait_for_function(
            """name => Array.from(document.querySelectorAll('.st-key-bare_figure .js-plotly-plot'))
                 .some(g => g._fullData && g._fullData.some(t => t.name === name))""",
            arg=f"class 0 ({i + 1})", polling=10, timeout=120_000,
        )
        baseline.append(time.perf_counter() - start)
        arrivals["bare"].append(figure_arrival(received["bare"], start))
        idle(bare)

        # add spot 0; then add spot j (202 points), remove spot j - 1 (201 points), ...
        spot = spots[(i + 1) // 2] if i % 2 == 1 or i == 0 else spots[i // 2 - 1]
        want = n_minority + (2 if i % 2 == 1 else 1)
        start = time.perf_counter()
        pg.mouse.click(*spot)
        wait_for_trace_name(pg, f"class 1 ({want})", timeout=120_000)
        ours.append(time.perf_counter() - start)
        arrivals["playground"].append(figure_arrival(received["playground"], start))
        idle(pg)
    return ours, baseline, n_points, arrivals


def lambda_drag(pg, sent: list[str]) -> dict:
    """Pick a seed and its nearest neighbour, then drag the λ grip across while counting messages and reruns."""
    pg.get_by_role("radio", name="Pick a seed").click()
    idle(pg)
    minority = trace_named(pg, "class 1 (")
    pg.mouse.click(*to_screen(pg, minority["x"][0], minority["y"][0]))
    wait_for_trace_name(pg, "neighbours", timeout=120_000)  # the rerun drew them (an idle look can come too early)
    idle(pg)
    neighbours = traces(pg)["neighbours"]
    pg.mouse.click(*to_screen(pg, neighbours["x"][0], neighbours["y"][0]))
    wait_for_trace_name(pg, "chosen neighbour x_zi", timeout=120_000)
    idle(pg)
    grip = pg.locator(".st-key-playground_figure .slider-grip-rect").first
    grip.scroll_into_view_if_needed()
    pg.wait_for_timeout(300)
    rail = pg.locator(".st-key-playground_figure .slider-rail-rect").first.bounding_box()
    box = grip.bounding_box()
    before_text, before_new = slider_text(pg), traces(pg)["your x_new"]
    pg.evaluate("""() => { window.__states = [];
        const app = document.querySelector("[data-testid='stApp']");
        new MutationObserver(() => window.__states.push(app.getAttribute('data-test-script-state')))
          .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }""")
    sent.clear()
    y = box["y"] + box["height"] / 2
    pg.mouse.move(box["x"] + box["width"] / 2, y)
    pg.mouse.down()
    steps = 25
    for i in range(1, steps + 1):
        pg.mouse.move(rail["x"] + rail["width"] * (0.5 - 0.45 * i / steps), y)
        pg.wait_for_timeout(20)
    pg.mouse.up()
    pg.wait_for_timeout(1500)  # anything the drag sent would have arrived and rerun the script by now
    return {
        "messages": len(sent), "state_changes": pg.evaluate("window.__states"), "before": before_text,
        "after": slider_text(pg), "x_new_before": (before_new["x"][0], before_new["y"][0]),
        "x_new_after": (traces(pg)["your x_new"]["x"][0], traces(pg)["your x_new"]["y"][0]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=30)
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        sys.exit("No Chromium at /usr/bin/chromium (install Debian's chromium package, or set CHROMIUM).")
    from playwright.sync_api import sync_playwright

    with server("app.py") as app_url, server("benchmarks/bare_click_app.py") as bare_url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        sent: list[str] = []
        received: dict[str, list[tuple[float, int]]] = {"playground": [], "bare": []}

        def record(name: str):
            return lambda ws: ws.on("framereceived", lambda payload: received[name].append(
                (time.perf_counter(), len(payload))))

        pg = browser.new_page(viewport={"width": 1280, "height": 720})
        pg.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append("x")))
        pg.on("websocket", record("playground"))
        pg.goto(f"{app_url}/playground?start=current")
        pg.wait_for_selector(".st-key-playground_figure .js-plotly-plot", timeout=120_000)
        idle(pg)
        bare = browser.new_page(viewport={"width": 1280, "height": 720})
        bare.on("websocket", record("bare"))
        bare.goto(bare_url)
        bare.wait_for_selector(".st-key-bare_figure .js-plotly-plot", timeout=120_000)
        idle(bare)
        ours, baseline, n_points, arrivals = time_clicks(pg, bare, args.clicks, received)
        drag = lambda_drag(pg, sent)
        browser.close()

    om, op = (1000 * v for v in summary(ours))
    bm, bp = (1000 * v for v in summary(baseline))
    print(f"Click on the playground figure -> updated figure drawn ({n_points} points, {args.clicks} clicks):")
    print(f"  playground:            median {om:6.0f} ms   95th percentile {op:6.0f} ms")
    print(f"  bare Streamlit click:  median {bm:6.0f} ms   95th percentile {bp:6.0f} ms")
    print(f"  ratio playground / bare: median {om / bm:.2f}x, 95th percentile {op / bp:.2f}x")
    for name, totals in (("playground", ours), ("bare", baseline)):
        times = [(a, t) for a, t in zip(arrivals[name], totals) if a is not None]
        if times:
            arrival = 1000 * statistics.median(a for a, _ in times)
            browser = 1000 * statistics.median(t - a for a, t in times)
            print(f"  {name}: figure message arrives after {arrival:.0f} ms (server and network, median), "
                  f"drawn {browser:.0f} ms later (browser, median)")
    print("λ slider drag (25 pointer moves across the slider):")
    print(f"  websocket messages sent by the browser: {drag['messages']}; script-state changes: "
          f"{drag['state_changes'] or 'none'}")
    print(f"  before: {drag['before']}  (x_new drawn at {drag['x_new_before']})")
    print(f"  after:  {drag['after']}  (x_new drawn at {drag['x_new_after']})")


if __name__ == "__main__":
    main()
