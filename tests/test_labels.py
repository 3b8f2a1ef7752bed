"""The label placement routine: every label by its own marker, nearer it than any other, on no other label."""

from __future__ import annotations

import numpy as np

from smote_viz.figures.labels import (
    MARGIN_PX,
    POSITIONS,
    Label,
    box_distance,
    crossings,
    facing,
    place_labels,
    preference_order,
    text_box,
)

AREA = (0.0, 0.0, 400.0, 400.0)


def lab(x, y, text="x_i", size=18, prefer="top right"):
    return Label(float(x), float(y), text, size, 15, prefer)


def check(labels, positions, markers):
    """The guarantees, recomputed from the boxes: nearest own marker by the margin, no overlap, inside."""
    boxes = []
    for label, position in zip(labels, positions, strict=True):
        if position is None:
            continue
        box = text_box(label, position)
        own = np.array([label.x, label.y])
        others = markers[np.hypot(*(markers - own).T) >= 1.0]
        assert box_distance(box, others).min() >= box_distance(box, own)[0] + MARGIN_PX, (label.text, position)
        assert AREA[0] <= box[0] and box[2] <= AREA[2] and AREA[1] <= box[1] and box[3] <= AREA[3]
        boxes.append(box)
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            p, q = boxes[a], boxes[b]
            assert min(p[2], q[2]) <= max(p[0], q[0]) or min(p[3], q[3]) <= max(p[1], q[1]), "overlap"


def test_text_box_follows_plotlys_offsets():
    """plotly.js pushes text out by size / 1.6 + 1 px; the baseline sits 0.75 em below the anchor plus the
    offset. Measured in Chromium for a size-18 marker and 15 px Source Sans: 'middle right' starts 12.25 px
    right of the marker and spans 11.2 px above to 8.8 px below it; the model is a pixel wider each side."""
    box = text_box(lab(100, 100), "middle right")
    np.testing.assert_allclose(box[[0, 1, 3]], [100 + 12.25 - 1, 100 - 11.25 - 1, 100 + 8.65 + 1], atol=0.5)
    assert 100 + 12.25 + 17.9 <= box[2] <= 100 + 12.25 + 17.9 + 4  # 'x_i' is 17.9 px wide
    top, bottom = text_box(lab(100, 100), "top center"), text_box(lab(100, 100), "bottom center")
    assert top[3] < 100 < bottom[1]  # above and below the marker, clear of it
    left, right = text_box(lab(100, 100), "middle left"), text_box(lab(100, 100), "middle right")
    assert left[2] < 100 < right[0]
    assert text_box(lab(100, 100, "x_new"), "top right")[2] - 100 > text_box(lab(100, 100), "top right")[2] - 100


def test_a_lone_label_takes_the_position_it_prefers():
    labels = [lab(200, 200, prefer="bottom left")]
    assert place_labels(labels, np.array([[200.0, 200.0]]), area=AREA) == ["bottom left"]
    assert preference_order("top center")[0] == "top center"
    assert set(preference_order("middle left")) == set(POSITIONS)


def test_a_crowded_side_sends_the_label_to_the_other_side():
    # Markers close on the right and above: the label must go left or below, where only its own marker is near.
    own = np.array([200.0, 200.0])
    crowd = np.array([[222.0, 200.0], [224.0, 188.0], [210.0, 178.0], [200.0, 176.0], [224.0, 212.0]])
    markers = np.vstack([own, crowd])
    labels = [lab(*own, prefer="top right")]
    placed = place_labels(labels, markers, area=AREA)
    assert placed[0] in ("middle left", "bottom left", "bottom center")
    check(labels, placed, markers)


def test_labels_of_close_markers_do_not_overlap_and_each_stays_by_its_own():
    # Three markers 10 px apart in a row: their labels must fan out, each nearest its own marker.
    markers = np.array([[190.0, 200.0], [200.0, 200.0], [210.0, 200.0]])
    labels = [lab(x, y, text=str(n + 1), size=20) for n, (x, y) in enumerate(markers)]
    placed = place_labels(labels, markers, area=AREA)
    assert placed.count(None) <= 1  # the middle one may have no safe place between its two neighbours
    check(labels, placed, markers)
    assert placed[0] is not None and placed[2] is not None
    assert "left" in placed[0] and "right" in placed[2]


def test_two_labels_on_one_spot_share_it():
    # The chosen neighbour: its rank and x_zi on the same place, as the stepper draws them.
    markers = np.array([[200.0, 200.0], [200.0, 200.0], [260.0, 200.0]])
    labels = [lab(200, 200, "x_zi", 26), lab(200, 200, "3", 18)]
    placed = place_labels(labels, markers, area=AREA)
    assert None not in placed and placed[0] != placed[1]
    check(labels, placed, markers)


def test_no_safe_place_leaves_the_label_out_lowest_priority_first():
    # A marker ringed by others 9 px away: no box of 'x_i' can be nearer its own marker than to the ring.
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ring = np.column_stack([200 + 9 * np.cos(angles), 200 + 9 * np.sin(angles)])
    markers = np.vstack([[200.0, 200.0], ring, [[320.0, 200.0]]])
    labels = [lab(320, 200, "x_zi"), lab(200, 200, "x_i")]
    assert place_labels(labels, markers, area=AREA) == [place_labels(labels[:1], markers, area=AREA)[0], None]
    assert place_labels(labels, markers, area=AREA)[0] is not None


def test_labels_stay_inside_the_area_and_clear_of_an_inset():
    corner = [lab(395, 5, "x_new")]  # at the top right corner: only the lower left side fits
    placed = place_labels(corner, np.array([[395.0, 5.0]]), area=AREA)
    assert placed == ["bottom left"]
    inset = (300.0, 0.0, 400.0, 100.0)
    near = [lab(290, 50, prefer="middle right")]  # prefers to go right, into the inset
    placed = place_labels(near, np.array([[290.0, 50.0]]), area=AREA, avoid=[inset])
    box = text_box(near[0], placed[0])
    assert box[2] < inset[0] and "left" in placed[0]


def test_lines_are_avoided_when_a_clear_place_exists():
    segment = np.array([[200.0, 200.0, 300.0, 140.0]])  # leaves the marker up and to the right
    assert crossings([text_box(lab(200, 200), "top right")], segment)[0] == 1
    assert crossings([text_box(lab(200, 200), "bottom left")], segment)[0] == 0
    placed = place_labels([lab(200, 200, prefer="top right")], np.array([[200.0, 200.0]]), area=AREA, lines=segment)
    assert crossings([text_box(lab(200, 200), placed[0])], segment)[0] == 0


def test_facing_turns_a_direction_into_a_position():
    assert facing(1, 0) == "middle right" and facing(-1, 0) == "middle left"
    assert facing(0, -1) == "top center" and facing(0, 1) == "bottom center"  # screen y points down
    assert facing(1, 1) == "bottom right" and facing(0, 0) == "top right"
