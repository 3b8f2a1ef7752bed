"""Play the stepper's animation from any step, without rebuilding it.

``animation_figure`` takes a second to build its hundreds of frames, so the page builds it once per run (from
step 0) and keeps its JSON. ``play_from`` turns that JSON into the same animation standing at step ``start``:
the traces a frame changes take that frame's values, the layout takes its view (axis ranges), the slider points at it, and Play runs the frames after
it; the frames before it are left out. Every frame describes the whole picture (see ``figures.stepper``), so applying one frame is exact.
"""

from __future__ import annotations

import copy


def _merge(target: dict, changes: dict) -> dict:
    out = dict(target)
    for key, value in changes.items():
        if key == "type":
            continue
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def apply_frame(spec: dict, frame: dict) -> dict:
    """The figure ``spec`` showing ``frame``: the traces the frame changes take its values, the layout its view
    (axis ranges). Neither is changed."""
    data = list(spec["data"])
    for index, changes in zip(frame["traces"], frame["data"], strict=True):
        data[index] = _merge(data[index], changes)
    return {**spec, "data": data, "layout": _merge(spec["layout"], frame.get("layout", {}))}


def play_from(spec: dict, start: int) -> dict:
    """The animation ``spec`` (a figure as a dict, with one frame per position, named by it) standing at position
    ``start``, holding only the frames from ``start`` on (and the slider only their steps): Play runs the run
    from there, and the figure is smaller the later it starts. ``spec`` itself is not changed."""
    frames = spec["frames"]
    start = int(min(max(start, 0), len(frames) - 1))
    out = apply_frame(spec, frames[start])
    out["frames"] = frames[start:]
    layout = out["layout"]
    sliders = [dict(s) for s in layout.get("sliders", [])]
    if sliders:
        sliders[0]["steps"] = sliders[0]["steps"][start:]
        sliders[0]["active"] = 0
    layout["sliders"] = sliders
    menus = copy.deepcopy(layout.get("updatemenus", []))
    if menus:
        play = menus[0]["buttons"][0]
        play["args"] = [[f["name"] for f in frames[start + 1:]], play["args"][1]]
    layout["updatemenus"] = menus
    out["layout"] = layout
    return out

