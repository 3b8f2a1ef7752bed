"""Labels on the stepper figures, measured in a real browser at 1280 x 720: how many sit nearer another marker
than their own, how many pairs overlap, how many highlighted points go unlabelled; for this app and for a
baseline (the app before the figure was rebuilt), run the same way in the same run.

For every dataset of ``tests/e2e/labels.DATASETS``: the Step through page's figure at steps 1-16 and at the end
(Next, Next, ..., Go to end, as a learner clicks), and, for an app whose Play is a separate animation (the
baseline), the animation's frames 1-16 and its last one (the chart's own data and frames replayed with
``Plotly.animate``, as its slider does; stepped in the browser, each step is a frame Play plays); then the SMOTE family
step-through (Borderline-1, Borderline-2, ADASYN) on the default data and on moons. Each label's box is compared
with every marker drawn, read from the rendered SVG (``tests/e2e/labels.MEASURE_JS``).

    python benchmarks/bench_labels.py                    # this worktree against the baseline commit
    python benchmarks/bench_labels.py --baseline REF     # against another commit (git archive REF)
    python benchmarks/bench_labels.py --no-baseline      # this app only

Needs Debian's Chromium (/usr/bin/chromium) and Playwright, like the browser tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_FLAGS, AppPage, find_chromium, streamlit_server  # noqa: E402
from tests.e2e.labels import (  # noqa: E402
    CHART,
    DATASETS,
    PHASES,
    LabelCount,
    replay_animation,
    step_through,
    wait_for_step,
)

BASELINE = "1fcfe12"  # main before the stepper figure was rebuilt (issue 9): whole-class view, fixed positions
FAMILY = {"default data": "", "moons, noise 0.5": "shape=moons&noise=0.5"}
WALKS = {"borderline1": "Borderline-1", "borderline2": "Borderline-2", "adasyn": "ADASYN"}


def measure_app(browser, root: Path, label: str, shots: Path | None) -> dict[str, LabelCount]:
    """Every count of one app: {"stepper": ..., "animation": ..., "family": ...}."""
    counts = {"stepper": LabelCount(), "animation": LabelCount(), "family": LabelCount()}
    with streamlit_server(".e2e-bench-labels.log", root=root) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.set_default_timeout(120_000)
        app = AppPage(page, url)
        for name, query in DATASETS.items():
            app.open("stepper?" + query)
            shot_names = None
            if shots is not None and name in list(DATASETS)[:1] + list(DATASETS)[-1:]:
                stem = "default" if not query else "dense"
                shot_names = {n: shots / f"{label}-{stem}-{n}.png" for n in (1, 2, 3, 4, "end")}
            step_through(app, lambda: page.locator(CHART).first, counts["stepper"], f"{label}: {name}",
                         shots=shot_names)
            print(f"  {label:8s} {name:46s} stepper: {counts['stepper'].line()}", flush=True)
            if page.locator("[data-testid=stepping-play]").count():
                continue  # stepped in the browser: each step is a frame Play plays, measured above
            animated = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot:has(.updatemenu-button)")
            if animated.count() == 0:  # the animation plays in the stepper's own figure: Play from step 0
                page.evaluate("() => document.activeElement && document.activeElement.blur()")
                page.keyboard.press("Home")
                wait_for_step(app, 0)
                page.get_by_role("button", name="Play").click()
            animated.wait_for()
            last = animated.evaluate("gd => gd._transitionData._frames.length - 1")
            positions = [*range(1, PHASES + 1), last]
            for p, measured in zip(positions, replay_animation(page, animated, positions), strict=True):
                counts["animation"].add(measured, f"{label}: {name}, animation frame {p}")
        for name, query in FAMILY.items():
            for walk, title in WALKS.items():
                app.open(f"variants?vwalk={walk}&vpanels=smote" + (f"&{query}" if query else ""))
                page.get_by_role("tab", name="Step through BorderlineSMOTE and ADASYN").click()
                wait_for_step(app, 0)
                step_through(app, lambda: page.locator(CHART).last, counts["family"], f"{label}: {title}, {name}")
        print(f"  {label:8s} SMOTE family step-through: {counts['family'].line()}", flush=True)
        context.close()
    return counts


def baseline_tree(ref: str, into: Path) -> Path:
    """The app at ``ref``, exported with ``git archive`` (no checkout, no worktree)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit to compare with (default: %(default)s)")
    parser.add_argument("--no-baseline", action="store_true", help="measure this app only")
    parser.add_argument("--shots", type=Path, default=None,
                        help="folder for 1280 x 720 screenshots of steps 1-4 and the end (default and dense data)")
    parser.add_argument("--failures", type=int, default=10, help="failures to list per app")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        sys.exit("no Chromium found at /usr/bin/chromium (install Debian's 'chromium' package, or set CHROMIUM)")
    from playwright.sync_api import sync_playwright

    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    results = {}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        print(f"labels at 1280 x 720, first {PHASES} phases and the end of {len(DATASETS)} datasets:")
        results["this app"] = measure_app(browser, ROOT, "this app", args.shots)
        if not args.no_baseline:
            results["baseline"] = measure_app(browser, baseline_tree(args.baseline, Path(tmp)), "baseline",
                                              args.shots)
        browser.close()
    print()
    header = f"{'':10s} {'figure':28s} {'labels':>7s} {'nearer another marker':>22s} {'overlapping pairs':>18s}"
    print(header + f" {'unlabelled points':>18s}")
    for app, counts in results.items():
        for kind, count in counts.items():
            print(f"{app:10s} {kind:28s} {count.checked:7d} {count.nearer_other:22d} {count.overlapping:18d} "
                  f"{count.unlabelled:12d} of {count.highlighted}")
        total = LabelCount()
        for count in counts.values():
            total.checked += count.checked
            total.nearer_other += count.nearer_other
            total.overlapping += count.overlapping
            total.unlabelled += count.unlabelled
            total.highlighted += count.highlighted
        print(f"{app:10s} {'TOTAL':28s} {total.checked:7d} {total.nearer_other:22d} {total.overlapping:18d} "
              f"{total.unlabelled:12d} of {total.highlighted}")
    if "baseline" in results:
        now = sum(c.nearer_other for c in results["this app"].values())
        before = sum(c.nearer_other for c in results["baseline"].values())
        print(f"\nlabels nearer another marker: {now} now against {before} at {args.baseline}")
    for app, counts in results.items():
        failures = [f for count in counts.values() for f in count.failures]
        if failures:
            print(f"\n{app}: first {min(args.failures, len(failures))} of {len(failures)} failures")
            print("\n".join("  " + f for f in failures[: args.failures]))


if __name__ == "__main__":
    main()
