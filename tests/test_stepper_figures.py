"""Stepper figures and narration: what each phase draws and says, and how big the animation's frames are."""

from __future__ import annotations

import json

import numpy as np
import pytest

from smote_viz.data import generate
from smote_viz.smote import trace_smote
from smote_viz.stepper.figures import animation_figure, placed_count, point_roles, stepper_figure
from smote_viz.stepper.narration import narrate, phase_label, position_count, split_position
from smote_viz.style import SYNTHETIC_SYMBOL
from tests.plotly_json import arr, trace_by_name
from tests.test_smote import golden


def trace_index(spec: dict, name: str) -> int:
    return [t.get("name") for t in spec["data"]].index(name)


@pytest.fixture(scope="module")
def gold():
    X, y = golden()
    return trace_smote(X, y, k_neighbors=3, random_state=42)


def spec_of(fig) -> dict:
    return json.loads(fig.to_json())


def points_at(trace, position):
    spec = spec_of(stepper_figure(trace, position))
    pts = trace_by_name(spec, "highlighted points")
    return spec, np.column_stack([arr(pts["x"]), arr(pts["y"])])


def test_positions_split_into_four_phases_per_point(gold):
    assert position_count(gold) == 25
    assert split_position(0) == (None, 0)
    assert [split_position(p) for p in (1, 2, 3, 4, 5, 24)] == [(0, 1), (0, 2), (0, 3), (0, 4), (1, 1), (5, 4)]
    assert [placed_count(p) for p in (0, 3, 4, 5, 24)] == [0, 0, 1, 1, 6]
    assert phase_label(gold, 6) == "2/6 neighbours"


def test_each_phase_draws_what_it_should(gold):
    X = gold.X
    roles = point_roles(3)
    assert roles == ["seed", "neighbour 1", "neighbour 2", "neighbour 3", "chosen", "new"]
    # Position 0: nothing highlighted, no synthetic point yet.
    spec, pts = points_at(gold, 0)
    assert np.isnan(pts).all()
    assert len(arr(trace_by_name(spec, "synthetic 1")["x"])) == 0
    # Phase 1: only the seed (row 12).
    spec, pts = points_at(gold, 1)
    np.testing.assert_allclose(pts[0], X[12], rtol=1e-6)
    assert np.isnan(pts[1:]).all()
    assert np.isnan(arr(trace_by_name(spec, "guides")["x"])).all()
    # Phase 2: seed, its 3 neighbours nearest first (rows 11, 10, 13), lines and the circle through the 3rd.
    spec, pts = points_at(gold, 2)
    np.testing.assert_allclose(pts[1:4], X[[11, 10, 13]], rtol=1e-6)
    assert np.isnan(pts[4:]).all()
    guides = trace_by_name(spec, "guides")
    gx, gy = arr(guides["x"]), arr(guides["y"])
    circle = np.column_stack([gx[9:], gy[9:]]).astype(float)
    radius = np.hypot(*(X[13] - X[12]))
    np.testing.assert_allclose(np.hypot(*(circle - X[12]).T), radius, rtol=1e-5)
    # Phase 3: the chosen neighbour (row 11) appears.
    _, pts = points_at(gold, 3)
    np.testing.assert_allclose(pts[4], X[11], rtol=1e-6)
    assert np.isnan(pts[5]).all()
    # Phase 4: segment from seed to chosen, the new point at lambda, and it is counted as placed.
    spec, pts = points_at(gold, 4)
    np.testing.assert_allclose(pts[5], [1.93375, 1.643334], atol=1e-5)
    seg = trace_by_name(spec, "segment")
    np.testing.assert_allclose(np.column_stack([arr(seg["x"]), arr(seg["y"])]), X[[12, 11]], rtol=1e-6)
    synthetic = trace_by_name(spec, "synthetic 1")
    assert synthetic["marker"]["symbol"] == SYNTHETIC_SYMBOL
    np.testing.assert_allclose(arr(synthetic["x"]), [1.93375], atol=1e-5)
    # Hover on a synthetic point: its number, seed, neighbour and lambda.
    custom = arr(synthetic["customdata"])
    np.testing.assert_allclose(custom[0], [1, 12, 11, 0.445833, 4], atol=1e-5)
    assert "seed: row" in synthetic["hovertemplate"] and "λ" in synthetic["hovertemplate"]
    # The end: all six synthetic points, exactly imbalanced-learn's new rows.
    spec, _ = points_at(gold, 24)
    synthetic = trace_by_name(spec, "synthetic 1")
    np.testing.assert_allclose(arr(synthetic["x"]), gold.X_resampled[14:, 0], rtol=1e-6)


def visible_synthetic(spec: dict, frame: dict, trace_id: int) -> int:
    """How many points of an animated synthetic trace a frame shows: colour values below the midpoint of
    [cmin, cmax] get the class colour, the others the transparent end of the step colour scale."""
    base = spec["data"][trace_id]["marker"]
    values = arr(base["color"])
    update = frame["data"][frame["traces"].index(trace_id)]["marker"]
    scale = base["colorscale"]
    assert scale[2][1] == "rgba(0,0,0,0)" and scale[1][0] == scale[2][0] == 0.5
    t = (values - update["cmin"]) / (update["cmax"] - update["cmin"])
    shown = t < 0.5
    assert shown.sum() == 0 or shown[: shown.sum()].all(), "visible points must be the first ones"
    return int(shown.sum())


def test_animation_frames_only_carry_changing_traces_and_accumulate():
    ds = generate("blobs", 90, 0.3, 0.3, n_classes=3, random_state=4)
    trace = trace_smote(ds.X2, ds.y, k_neighbors=4, random_state=1).head(30)
    fig = animation_figure(trace, frame_ms=250)
    spec = spec_of(fig)
    frames = spec["frames"]
    assert len(frames) == position_count(trace) == 121
    class_ids = [i for i, t in enumerate(spec["data"]) if t["name"].startswith("class ")]
    dynamic = frames[0]["traces"]
    assert not set(dynamic) & set(class_ids)
    assert all(f["traces"] == dynamic for f in frames)
    # Each frame sets the zoom (the axis ranges) and nothing else of the layout; the map's rectangle follows.
    assert all(set(f["layout"]) == {"xaxis", "yaxis"} for f in frames)
    assert spec["layout"]["xaxis"]["autorange"] is False and len(spec["layout"]["xaxis"]["range"]) == 2
    rectangle = trace_index(spec, "map view")
    assert rectangle in dynamic
    for p in (1, 2, 37):
        x_range, y_range = frames[p]["layout"]["xaxis"]["range"], frames[p]["layout"]["yaxis"]["range"]
        seed = trace.X[trace.seed_index[split_position(p)[0]]]
        np.testing.assert_allclose([sum(x_range) / 2, sum(y_range) / 2], seed, rtol=1e-4)  # centred on the seed
        box = frames[p]["data"][dynamic.index(rectangle)]
        bx, by = arr(box["x"])[:5], arr(box["y"])[:5]  # the rectangle (then a ring, when it is tiny)
        assert bx.min() <= seed[0] <= bx.max() and by.min() <= seed[1] <= by.max()
    # One synthetic trace per over-sampled class, in imbalanced-learn's (sorted) order.
    labels = [label for label, n in trace.sampling_strategy.items() if n > 0]
    synth_ids = dynamic[: len(labels)]
    for p in (0, 1, 4, 37, 60, 120):
        placed = placed_count(p)
        for label, tid in zip(labels, synth_ids, strict=True):
            steps = trace.class_steps(label)
            assert visible_synthetic(spec, frames[p], tid) == int(np.sum(steps < placed)), (p, label)
    # Play / Pause and a slider over every phase, with the requested speed.
    buttons = spec["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == ["▶ Play", "❚❚ Pause"]
    assert buttons[0]["args"][1]["frame"] == {"duration": 250, "redraw": False}
    steps = spec["layout"]["sliders"][0]["steps"]
    assert [s["args"][0][0] for s in steps] == [str(p) for p in range(121)]


def frames_bytes(fig) -> int:
    spec = json.loads(fig.to_json())
    return len(json.dumps(spec["frames"], separators=(",", ":"))) + len(
        json.dumps(spec["layout"]["sliders"], separators=(",", ":"))
    )


def test_animation_payload_grows_linearly_and_stays_small_per_frame():
    ds = generate("moons", 400, 0.2, 0.3, random_state=2)
    trace = trace_smote(ds.X2, ds.y, random_state=0)
    small, large = trace.head(20), trace.head(80)
    per_small = frames_bytes(animation_figure(small)) / position_count(small)
    per_large = frames_bytes(animation_figure(large)) / position_count(large)
    assert per_large < 1000  # bytes per phase frame, slider step included
    assert per_large <= per_small * 1.1  # no frame repeats the earlier points


def test_static_figure_rejects_more_than_two_columns(gold):
    X, y = golden()
    wide = trace_smote(np.column_stack([X, X[:, 0]]), y, k_neighbors=3, random_state=0)
    with pytest.raises(ValueError, match="2-D"):
        stepper_figure(wide, 0)


def test_narration_has_the_numbers_of_each_phase(gold):
    start = narrate(gold, 0)
    assert "**6** synthetic points" in start and "class 1: 4 → 10 (+6)" in start
    one = narrate(gold, 1)
    assert "Synthetic point 1 of 6" in one and "row **12**" in one and "(1.800, 2.000)" in one
    assert "for the first time" in one
    assert "picked for the 2nd time" in narrate(gold, 13)  # step 4 reuses seed 12
    two = narrate(gold, 2)
    assert "1. row 11 at (2.100, 1.200), distance 0.854" in two
    assert "3. row 13 at (2.600, 0.800), distance 1.442" in two and "radius 1.442" in two
    three = narrate(gold, 3)
    assert "neighbour 1 (row **11**, distance 0.854)" in three and "x_zi = (2.100, 1.200)" in three
    four = narrate(gold, 4)
    assert "λ = **0.4458**" in four
    assert ("x_new = x_i + λ·(x_zi − x_i) = (1.800, 2.000) + 0.4458 × ((2.100, 1.200) − (1.800, 2.000)) "
            "= (1.934, 1.643)") in four


def test_narration_escapes_user_labels_and_names_the_class_being_over_sampled():
    ds = generate("blobs", 80, 0.3, 0.3, n_classes=3, random_state=0)
    y = np.array(["major", "*bold*", "[x](y)"])[ds.y]
    trace = trace_smote(ds.X2, y, k_neighbors=3, random_state=0)
    first = narrate(trace, 1, ("a_b", "c"))
    last = narrate(trace, position_count(trace) - 1)
    assert "over-sampling **class \\*bold\\***" in first
    assert "over-sampling **class \\[x\\]\\(y\\)**" in last
    assert "(a\\_b, c)" in narrate(trace, 0, ("a_b", "c"))


def test_formula_shows_the_integer_truncation():
    X = np.array([[0, 0], [1, 0], [0, 1], [9, 9], [10, 9], [9, 10], [10, 10], [8, 8]])
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0])
    trace = trace_smote(X, y, k_neighbors=2, random_state=3)
    four = narrate(trace, 4)
    seed, chosen, lam = X[trace.seed_index[0]], X[trace.chosen_index[0]], trace.gap[0]
    exact = seed + lam * (chosen - seed)
    assert f"= ({exact[0]:.3f}, {exact[1]:.3f}), truncated to the integers" in four
    assert np.array_equal(trace.new_points[0], exact.astype(int))


def test_static_figure_switches_to_webgl_for_many_points():
    ds = generate("blobs", 3000, 0.2, 0.3, random_state=0)
    trace = trace_smote(ds.X2, ds.y, random_state=0)
    assert trace.n_original + trace.n_new > 4000 > trace.n_original
    start = spec_of(stepper_figure(trace, 0))
    end = spec_of(stepper_figure(trace, position_count(trace) - 1))
    assert {t["type"] for t in start["data"]} == {"scatter"}
    assert trace_by_name(end, "class 1 (600)")["type"] == "scattergl"
    assert trace_by_name(end, "synthetic 1")["type"] == "scattergl"
    assert len(arr(trace_by_name(end, "synthetic 1")["x"])) == trace.n_new
    assert trace_by_name(end, "highlighted points")["type"] == "scatter"


def test_phases_zoom_onto_the_neighbourhood_and_the_start_counts_what_it_leaves_out():
    from smote_viz.stepper.figures import (
        _legend_names,
        geometry_for,
        outside_view,
        overview,
        scene_at,
        view_caption,
    )

    ds = generate("blobs", 300, 0.1, 0.2, random_state=3)
    trace = trace_smote(ds.X2, ds.y, random_state=0)
    geometry = geometry_for(_legend_names(trace, ()), 560)
    (x0, x1), (y0, y1) = overview(trace, geometry).shown
    X = ds.X2
    outside = (X[:, 0] < x0) | (X[:, 0] > x1) | (X[:, 1] < y0) | (X[:, 1] > y1)
    assert outside_view(trace) == ({0: int(outside.sum())} if outside.any() else {})
    assert 1 not in outside_view(trace)  # the over-sampled class is always in view at the start
    for p in range(1, 13):
        i, phase = split_position(p)
        view = scene_at(trace, p, geometry).view
        seed = trace.X[trace.seed_index[i]]
        chosen = trace.X[trace.chosen_index[i]]
        radius_px = trace.neighbor_distances[i].max() * view.scale
        if phase in (2, 3):
            # The circle through the k-th neighbour fills most of the view, and all of it is in view, clear of
            # the map in the top right corner.
            assert 2 * radius_px >= 0.75 * geometry.side
            np.testing.assert_allclose([view.cx, view.cy], seed)
            circle = view.to_px(seed + radius_px / view.scale * np.column_stack(
                [np.cos(np.linspace(0, 2 * np.pi, 72)), np.sin(np.linspace(0, 2 * np.pi, 72))]))
            left, top, right, bottom = geometry.area
            assert (circle[:, 0] > left).all() and (circle[:, 0] < right).all()
            assert (circle[:, 1] > top).all() and (circle[:, 1] < bottom).all()
            mx0, my0, mx1, my1 = geometry.map_box
            assert not ((circle[:, 0] > mx0) & (circle[:, 1] < my1)).any()
            assert "dashed circle" in view_caption(trace, p) and f"row {trace.seed_index[i]}" in view_caption(trace, p)
        if phase == 4 and view.kind == "segment":  # the segment, centred, as large as the circle was
            np.testing.assert_allclose([view.cx, view.cy], (seed + chosen) / 2)
            assert np.hypot(*(chosen - seed)) * view.scale >= 0.75 * geometry.side
            assert "Zoomed onto the segment" in view_caption(trace, p)
        elif phase == 4:  # the new point almost on one end: closer, so that both can be told apart
            assert view.kind == "end" and "Zoomed close onto the new point" in view_caption(trace, p)
            new = trace.new_points[i]
            end = seed if np.hypot(*(new - seed)) < np.hypot(*(new - chosen)) else chosen
            np.testing.assert_allclose([view.cx, view.cy], (end + new) / 2)
            assert np.hypot(*(chosen - seed)) * view.scale > geometry.side
        if phase == 1:
            assert 2 * radius_px >= 0.75 * geometry.side  # at least as close as the neighbourhood
    assert "Outside it: " in view_caption(trace, 0) or not outside.any()


def test_every_label_of_a_phase_keeps_to_its_own_marker_in_the_planned_pixels():
    """The figure's labels, checked with the plan's own pixels against every marker drawn (the real browser
    check is tests/e2e/test_labels_browser.py)."""
    from smote_viz.figures.labels import MARGIN_PX, Label, box_distance, text_box
    from smote_viz.stepper.figures import (
        LABEL_SIZE,
        _drawn_markers,
        _legend_names,
        geometry_for,
        point_sizes,
        scene_at,
    )

    unlabelled = labelled = 0
    for ds in (generate("blobs", 200, 0.1, 0.3, random_state=7), generate("moons", 200, 0.1, 0.5, random_state=7)):
        trace = trace_smote(ds.X2, ds.y, random_state=0)
        geometry = geometry_for(_legend_names(trace, ()), 560)
        sizes = point_sizes(trace.k_neighbors)
        for p in range(1, 17):
            scene = scene_at(trace, p, geometry)
            pts = scene.highlights[2]
            xy = np.column_stack([arr(pts["x"]), arr(pts["y"])]).astype(float)
            shown = np.isfinite(xy).all(axis=1)
            markers = scene.view.to_px(np.vstack([_drawn_markers(trace, placed_count(p), np.zeros((0, 3)))[0],
                                                  xy[shown]]))
            boxes = []
            for j in np.flatnonzero(shown):
                if not pts["text"][j]:
                    continue
                own = scene.view.to_px(xy[j])[0]
                box = text_box(Label(*own, pts["text"][j], sizes[j], LABEL_SIZE), pts["textposition"][j])
                others = markers[np.hypot(*(markers - own).T) >= 1.0]
                assert box_distance(box, others).min() >= box_distance(box, own)[0] + MARGIN_PX
                boxes.append(box)
            for a in range(len(boxes)):
                for b in range(a + 1, len(boxes)):
                    p_, q = boxes[a], boxes[b]
                    assert min(p_[2], q[2]) <= max(p_[0], q[0]) or min(p_[3], q[3]) <= max(p_[1], q[1])
            unlabelled += scene.unlabelled
            labelled += len(boxes)
    assert unlabelled <= 0.05 * labelled  # a label is left out only where no place keeps it by its own marker


def test_a_new_point_on_top_of_its_seed_gets_a_closer_view_with_both_labels():
    from smote_viz.stepper.figures import _legend_names, geometry_for, scene_at, segment_view, view_caption

    ds = generate("blobs", 200, 0.1, 0.3, random_state=7)
    trace = trace_smote(ds.X2, ds.y, random_state=0)
    i = 1  # the default data's 2nd point: λ = 0.0047, its new point under 2 px from its seed in the segment view
    assert trace.gap[i] < 0.01
    geometry = geometry_for(_legend_names(trace, ()), 560)
    scene = scene_at(trace, 4 * i + 4, geometry)
    assert scene.view.kind == "end"
    points = scene.highlights[2]
    k = trace.k_neighbors
    assert points["text"][0] == "x_i" and points["text"][k + 2] == "x_new"  # both labelled, apart
    pair = np.vstack([trace.X[trace.seed_index[i]], trace.new_points[i]])
    close, far = scene.view.to_px(pair), segment_view(trace, i, geometry).to_px(pair)
    assert np.hypot(*(close[1] - close[0])) >= 2.9 * np.hypot(*(far[1] - far[0]))  # parted on screen
    assert "λ = " in view_caption(trace, 4 * i + 4) and "may lie outside the view" in view_caption(trace, 4 * i + 4)


def test_presenter_mode_places_labels_for_its_own_sizes():
    """projector=True: the figure comes projector-sized (fonts at least 18 px, markers 1.35 times larger) and its
    labels are placed for those sizes, not for the smaller ones."""
    from smote_viz.figures.common import PROJECTOR_FONT, PROJECTOR_GROWTH
    from smote_viz.figures.labels import Label, box_distance, text_box
    from smote_viz.stepper.figures import _legend_names, geometry_for, point_sizes, scene_at

    ds = generate("moons", 200, 0.1, 0.5, random_state=7)
    trace = trace_smote(ds.X2, ds.y, random_state=0)
    fig = stepper_figure(trace, 3, projector=True, width=720, height=600)
    points = next(t for t in fig.data if t.name == "highlighted points")
    assert points.textfont.size == PROJECTOR_FONT and fig.layout.font.size >= PROJECTOR_FONT
    np.testing.assert_allclose(points.marker.size, np.array(point_sizes(trace.k_neighbors)) * PROJECTOR_GROWTH)
    geometry = geometry_for(_legend_names(trace, ()), 600, 720, projector=True)
    scene = scene_at(trace, 3, geometry)
    assert list(points.textposition) == scene.highlights[2]["textposition"]
    # Placed for 18 px text beside the grown markers: each box clear of the others (no overlap).
    xy = scene.view.to_px(np.column_stack([arr(scene.highlights[2]["x"]), arr(scene.highlights[2]["y"])]))
    boxes = [text_box(Label(*xy[j], text, points.marker.size[j], PROJECTOR_FONT), position)
             for j, (text, position) in enumerate(zip(points.text, points.textposition, strict=True))
             if text and np.isfinite(xy[j]).all()]
    assert len(boxes) >= 3
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            p, q = boxes[a], boxes[b]
            assert min(p[2], q[2]) <= max(p[0], q[0]) or min(p[3], q[3]) <= max(p[1], q[1])
    assert box_distance(boxes[0], xy[0])[0] > 0


def _drawn(spec: dict, width: float, ranges: tuple | None = None):
    """Where Plotly draws the stepper figure ``spec`` (its JSON) when it is ``width`` px wide: the map's box
    ``[left, top, right, bottom]`` and a function from data to pixels in the main axes. Both keep one scale
    (``constrain="domain"``): the main axes' square sits across the middle and at the bottom of the plot area, the
    map's square in its domain's top right corner. ``ranges``: the main axes' ranges (default: the figure's)."""
    layout = spec["layout"]
    margin, height = layout["margin"], layout["height"]
    plot_w, plot_h = width - margin["l"] - margin["r"], height - margin["t"] - margin["b"]
    (x0, x1), (y0, y1) = ranges or (layout["xaxis"]["range"], layout["yaxis"]["range"])
    scale = min(plot_w / (x1 - x0), plot_h / (y1 - y0))
    left = margin["l"] + (plot_w - (x1 - x0) * scale) / 2
    top = margin["t"] + plot_h - (y1 - y0) * scale

    def to_px(x, y):
        return left + (np.asarray(x) - x0) * scale, top + (y1 - np.asarray(y)) * scale

    (dx0, dx1), (dy0, dy1) = layout["xaxis2"]["domain"], layout["yaxis2"]["domain"]
    (a0, a1), (b0, b1) = layout["xaxis2"]["range"], layout["yaxis2"]["range"]
    map_scale = min((dx1 - dx0) * plot_w / (a1 - a0), (dy1 - dy0) * plot_h / (b1 - b0))
    right, map_top = margin["l"] + dx1 * plot_w, margin["t"] + (1 - dy1) * plot_h
    return (right - (a1 - a0) * map_scale, map_top, right, map_top + (b1 - b0) * map_scale), to_px


def _covered_by_map(spec: dict, width: float, ranges, points: dict) -> list[str]:
    """The highlighted points (``points``: x, y, text, textposition) whose label or marker the map covers when
    the figure is drawn ``width`` px wide."""
    from smote_viz.figures.labels import Label, text_box

    drawn = trace_by_name(spec, "highlighted points")
    sizes, font = arr(drawn["marker"]["size"]), drawn["textfont"]["size"]
    box, to_px = _drawn(spec, width, ranges)
    px, py = to_px(arr(points["x"]), arr(points["y"]))
    covered = []
    for j, (text, position) in enumerate(zip(points["text"], points["textposition"], strict=True)):
        if not np.isfinite(px[j]):
            continue
        r = sizes[j] / 2
        if box[0] - r < px[j] < box[2] + r and box[1] - r < py[j] < box[3] + r:
            covered.append(f"marker {j}")
        if text:
            label = text_box(Label(px[j], py[j], text, sizes[j], font), position)
            if label[0] < box[2] and box[0] < label[2] and label[1] < box[3] and box[1] < label[3]:
                covered.append(text)
    return covered


# Plans: (height, the narrowest width the figure is drawn at, presenter mode): the page's figure, presenter mode's
# and a phone's. The figure is drawn at its planned width or wider (it fills its column).
PLANS = {"page": (560, 480, False), "presenter": (610, 720, True), "phone": (430, 340, False)}


@pytest.mark.parametrize("plan", list(PLANS), ids=list(PLANS))
def test_the_overview_map_covers_no_label_and_no_highlighted_marker_at_any_width(plan):
    """The map is a square in the top right corner of the plot area; the axes' square is centred across and sits
    at the bottom. Labels are placed for the planned width, and in a wider figure the axes' square grows until
    it is as high as the plot area (the map then covers its top right corner), then only moves apart from the
    map. The chosen neighbour's label x_zi was covered at step 132 of the default data in a 520 px figure."""
    from smote_viz.data import default_dataset
    from smote_viz.stepper.figures import _legend_names, geometry_for, scene_at

    height, width, projector = PLANS[plan]
    datasets = [default_dataset()]
    if plan == "page":
        datasets += [generate("moons", 200, 0.1, 0.3, random_state=7), generate("moons", 200, 0.1, 0.3, random_state=0),
                     generate("circles", 200, 0.1, 0.3, random_state=0)]
    widths = range(width, width + 321, 16)
    covered, checked = [], 0
    for ds in datasets:
        trace = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
        geometry = geometry_for(_legend_names(trace, ()), height, width, projector=projector)
        spec = spec_of(stepper_figure(trace, 132, height=height, width=width, projector=projector))
        # The figure is drawn from its scene: its zoom and its highlighted points are the scene's.
        scene = scene_at(trace, 132, geometry)
        np.testing.assert_allclose([spec["layout"]["xaxis"]["range"], spec["layout"]["yaxis"]["range"]],
                                   scene.view.ranges, rtol=1e-6)
        assert trace_by_name(spec, "highlighted points")["textposition"] == scene.highlights[2]["textposition"]
        for p in range(1, min(position_count(trace), 161)):
            scene = scene_at(trace, p, geometry)
            for w in widths:
                checked += 1
                covered += [(ds.name, p, w, what) for what in
                            _covered_by_map(spec, w, scene.view.ranges, scene.highlights[2])]
    assert checked > 3000
    assert covered == [], covered[:10]


def test_every_jump_and_glide_of_the_animation_lasts_a_positive_time():
    """Plotly cuts a transition to its frame's duration (500 ms when not given) and moves the axes by the time
    elapsed over the duration: with 0 ms, a first animation frame within the same millisecond gives 0 / 0, and the
    axes and labels get transforms of NaN. Every slider jump and the Play button glide for a positive time."""
    ds = generate("blobs", 90, 0.3, 0.3, n_classes=3, random_state=4)
    fig = animation_figure(trace_smote(ds.X2, ds.y, k_neighbors=4, random_state=1).head(10), frame_ms=90)

    def lasts(options: dict) -> float:
        return min(options.get("frame", {}).get("duration", 500), options.get("transition", {}).get("duration", 500))

    jumps = [lasts(step.args[1]) for step in fig.layout.sliders[0].steps]
    assert jumps and min(jumps) > 0
    play = fig.layout.updatemenus[0].buttons[0]
    assert lasts(play.args[1]) > 0
