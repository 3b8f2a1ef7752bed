"""Reading Plotly figure JSON in tests: arrays may arrive base64-encoded as {"dtype", "bdata", "shape"}."""

from __future__ import annotations

import base64

import numpy as np


def arr(value) -> np.ndarray:
    """A figure JSON array (plain list or typed-array spec) as a NumPy array (None becomes NaN)."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            shape = value["shape"]
            if isinstance(shape, str):
                shape = [int(s) for s in shape.split(",")]
            out = out.reshape(shape)
        return out
    return np.array([np.nan if v is None else v for v in value], dtype=float) if value is not None else np.array([])


def trace_by_name(spec: dict, name: str) -> dict:
    matches = [t for t in spec["data"] if t.get("name") == name]
    assert len(matches) == 1, f"{name!r} not found once in {[t.get('name') for t in spec['data']]}"
    return matches[0]
