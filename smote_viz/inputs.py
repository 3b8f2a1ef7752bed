"""Values from the browser, checked before use: the one boundary every widget, figure selection and component
value passes through.

A browser sends widget values, Plotly selections and component payloads over Streamlit's websocket, and any
client can send anything there: an option that does not exist, an empty string, NaN, Infinity, an integer of 400
digits, a list where an object belongs. Each function here takes such a value and returns it only if it is what
the app asked for; anything else gives the caller's ``default``. Nothing here raises, and nothing here imports
Streamlit: the UI modules call these on what Streamlit hands them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral, Real
from typing import Any, TypeVar

T = TypeVar("T")
MAX_POINTS = 10_000  # points read from one figure selection (a figure draws far fewer)


def _same(value: Any, option: Any) -> bool:
    """``value`` is ``option``: equal, and of the same kind (True is not 1, "1" is not 1, NaN is nothing)."""
    if isinstance(value, bool) or isinstance(option, bool):
        return type(value) is type(option) and value == option
    if isinstance(value, Real) and isinstance(option, Real):  # 3 and 3.0, numpy's ints and Python's
        return bool(value == option)
    if isinstance(value, str) or isinstance(option, str):
        return isinstance(value, str) and isinstance(option, str) and value == option
    try:
        return type(value) is type(option) and bool(value == option)
    except Exception:  # noqa: BLE001 - an object whose comparison fails is no option
        return False


def choice(value: Any, options: Iterable[T], default: T | None = None) -> T | None:
    """``value`` if it is one of ``options`` (the option itself is returned), else ``default``."""
    for option in options:
        if _same(value, option):
            return option
    return default


def choices(values: Any, options: Iterable[T]) -> list[T]:
    """The known options among ``values`` (a list or tuple), each once, in the order given; unknown values and
    repeats are dropped, and anything but a list or tuple gives no choice at all."""
    if not isinstance(values, list | tuple):
        return []
    known = list(options)
    picked: list[T] = []
    for value in values:
        option = choice(value, known)
        if option is not None and not any(_same(option, p) for p in picked):
            picked.append(option)
    return picked


def number(value: Any, low: float = -math.inf, high: float = math.inf, default: float | None = None) -> float | None:
    """``value`` as a float if it is a finite number within [``low``, ``high``], else ``default``. A bool is not
    a number; an integer too large for a float is not either."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return default
    try:
        result = float(value)
    except (OverflowError, ValueError, TypeError):
        return default
    if not math.isfinite(result) or not low <= result <= high:
        return default
    return result


def whole(value: Any, low: int, high: int, default: int | None = None) -> int | None:
    """``value`` as an int if it is a whole number within [``low``, ``high``] (3.0 counts, 2.5 does not), else
    ``default``."""
    if isinstance(value, bool):
        return default
    if isinstance(value, Integral):
        result = int(value)
    else:
        as_float = number(value)
        if as_float is None or not as_float.is_integer():
            return default
        result = int(as_float)
    return result if low <= result <= high else default


def flag(value: Any, default: bool) -> bool:
    """``value`` if it is a bool, else ``default``."""
    return value if isinstance(value, bool) else default


def field(container: Any, name: str) -> Any:
    """``container[name]`` for a mapping (Streamlit's selection state is a dict), else None."""
    if isinstance(container, Mapping):
        try:
            return container.get(name)
        except Exception:  # noqa: BLE001 - a mapping that fails to answer holds nothing
            return None
    return None


def point(item: Any) -> tuple[float, float] | None:
    """One selected point's (x, y), if it is a mapping with two finite numbers under "x" and "y"."""
    x, y = number(field(item, "x")), number(field(item, "y"))
    return None if x is None or y is None else (x, y)


def points(selection_state: Any, limit: int = MAX_POINTS) -> list[tuple[float, float]]:
    """(x, y) of every well-formed point in a Plotly chart's selection state, ``{"selection": {"points": [{"x":
    .., "y": ..}, ...]}}``; malformed points are left out, and at most ``limit`` are read."""
    listed = field(field(selection_state, "selection"), "points")
    if not isinstance(listed, Sequence) or isinstance(listed, str | bytes):
        return []
    found = (point(item) for item in listed[:limit])
    return [p for p in found if p is not None]

