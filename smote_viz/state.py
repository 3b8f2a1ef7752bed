"""User choices as small dataclasses, and their round trip through the URL's query parameters.

A teacher shares a link; the link's query parameters rebuild the same choices. Each field of a settings
dataclass names its URL key and its bounds in ``field(metadata=...)``; ``to_query`` and ``from_query`` read that
metadata, so a new setting needs one line. Values that do not parse, or fall outside the bounds, are replaced
by the default and reported, never raised: a mistyped link still opens the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from smote_viz.data.generators import FRACTION_RANGE, N_CLASSES_RANGE, N_SAMPLES_RANGE, SHAPES, STRETCHES

T = TypeVar("T")


def param(key: str, *, lo: float | None = None, hi: float | None = None, choices: tuple = ()) -> dict:
    """Field metadata: the URL key, and the allowed range or choices."""
    return {"key": key, "lo": lo, "hi": hi, "choices": choices}


@dataclass(frozen=True)
class GeneratorSettings:
    """Every choice behind a generated dataset; equal settings give equal data."""

    shape: str = field(default="blobs", metadata=param("shape", choices=SHAPES))
    n_samples: int = field(default=200, metadata=param("n", lo=N_SAMPLES_RANGE[0], hi=N_SAMPLES_RANGE[1]))
    minority_fraction: float = field(
        default=0.10, metadata=param("minority", lo=FRACTION_RANGE[0], hi=FRACTION_RANGE[1])
    )
    noise: float = field(default=0.3, metadata=param("noise", lo=0.0, hi=1.0))
    n_classes: int = field(default=2, metadata=param("classes", lo=N_CLASSES_RANGE[0], hi=N_CLASSES_RANGE[1]))
    seed: int = field(default=7, metadata=param("seed", lo=0, hi=2**31 - 1))
    stretch: float = field(default=1.0, metadata=param("stretch", choices=STRETCHES))  # x2 multiplied by this

    def generate_kwargs(self) -> dict[str, Any]:
        return {
            "shape": self.shape,
            "n_samples": self.n_samples,
            "minority_fraction": self.minority_fraction,
            "noise": self.noise,
            "n_classes": self.n_classes,
            "random_state": self.seed,
            "stretch": self.stretch,
        }

    @classmethod
    def for_shape(cls, shape: str) -> GeneratorSettings:
        """The defaults of one shape: the general defaults with the shape's own (``SHAPE_DEFAULTS``)."""
        return cls(shape=shape, **SHAPE_DEFAULTS.get(shape, {}))


# Settings a shape needs to show what it is there to show. The ring teaches SMOTE's failure: with few minority
# points each one's neighbours lie far round the ring, so the segments between them cut through the majority
# disc (at the general 10 % they mostly run along the ring).
SHAPE_DEFAULTS: dict[str, dict[str, Any]] = {"ring": {"minority_fraction": 0.04}}


def shape_change(old: str, new: str) -> dict[str, Any]:
    """The settings to reset when the shape changes from ``old`` to ``new``: every field either shape has its
    own default for, at ``new``'s default. Settings neither shape cares about stay as the user left them."""
    names = set(SHAPE_DEFAULTS.get(old, {})) | set(SHAPE_DEFAULTS.get(new, {}))
    target = GeneratorSettings.for_shape(new)
    return {name: getattr(target, name) for name in sorted(names)}


def generator_settings_from_query(params: Mapping[str, Any]) -> tuple[GeneratorSettings, list[str]]:
    """Generator settings from a link. A setting the link leaves out takes the default of the link's shape, so
    ``?shape=ring`` opens the ring with the ring's own defaults."""
    first, _ = from_query(GeneratorSettings, params)
    return from_query(GeneratorSettings, params, base=GeneratorSettings.for_shape(first.shape))


@dataclass(frozen=True)
class ClassroomModes:
    """Two switches that hold on every page and travel in every shared link while they are on.

    ``present``: presenter mode, for a projector (no sidebar, no explanatory paragraphs, no settings boxes,
    projector-sized figures). ``predict``: predict first, each reveal is held back until the learner has
    answered the question the narration asks.
    """

    present: bool = field(default=False, metadata=param("present"))
    predict: bool = field(default=False, metadata=param("predict"))

    def query(self) -> dict[str, str]:
        """Only the switches that are on: a link without them opens the app in its usual mode."""
        return {key: value for key, value in to_query(self).items() if value == "1"}


# A link made inside the app to a page in a given state carries ``link=1``: the router then lets the link's
# settings replace what the session remembers for that page (see ``smote_viz.ui.follow_link``).
LINK_PARAM = "link"
# A class's code (class mode) travels in every page's link while the session is in the class, so a reload joins
# it again; pages keep it when they write their own settings into the URL.
CLASS_PARAM = "class"


def link_query(*settings: Any) -> dict[str, str]:
    """Query parameters of an in-app link that opens a page exactly in the state ``settings`` describe (each a
    settings dataclass: the data's ``GeneratorSettings``, the page's own settings)."""
    out: dict[str, str] = {}
    for one in settings:
        out.update(to_query(one))
    out[LINK_PARAM] = "1"
    return out


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _parse(kind: type, text: str) -> Any:
    if kind is bool:
        if text in {"1", "true", "True"}:
            return True
        if text in {"0", "false", "False"}:
            return False
        raise ValueError(text)
    if kind is int:
        return int(text)
    if kind is float:
        value = float(text)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(text)
        return value
    return str(text)


def to_query(settings: Any) -> dict[str, str]:
    """The settings as URL query parameters (every field, so a link is complete)."""
    return {f.metadata["key"]: _format(getattr(settings, f.name)) for f in fields(settings)}


def from_query(cls: type[T], params: Mapping[str, Any], base: T | None = None) -> tuple[T, list[str]]:
    """Settings read from query parameters, plus a message for every value that was replaced by its default.

    Missing keys take their defaults silently: ``base``'s values when given, else the class defaults.
    ``params`` may map a key to a string or a list of strings (the last one wins), as ``st.query_params`` and
    ``urllib.parse.parse_qs`` give them.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    defaults = cls()
    for f in fields(cls):
        meta = f.metadata
        key = meta["key"]
        if key not in params:
            continue
        raw = params[key]
        if isinstance(raw, list | tuple):
            if not raw:
                continue
            raw = raw[-1]
        kind = type(getattr(defaults, f.name))
        try:
            value = _parse(kind, str(raw))
        except ValueError:
            problems.append(f"The link's '{key}={raw}' is not a valid {f.name.replace('_', ' ')}; using the default.")
            continue
        if meta["choices"] and value not in meta["choices"]:
            problems.append(
                f"The link's '{key}={raw}' is not one of {', '.join(map(_format, meta['choices']))}; using the default."
            )
            continue
        lo, hi = meta["lo"], meta["hi"]
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            problems.append(f"The link's '{key}={raw}' is outside {_format(lo)} to {_format(hi)}; using the default.")
            continue
        values[f.name] = value
    return (cls(**values) if base is None else replace(base, **values)), problems


def query_keys(cls: type) -> set[str]:
    """The URL keys a settings class uses."""
    return {f.metadata["key"] for f in fields(cls)}


def canonical(settings: T) -> T:
    """The settings exactly as a link would restore them (floats at the URL's precision), so comparing the
    widgets' values with settings read from a link does not see a difference that is only rounding."""
    restored, _ = from_query(type(settings), to_query(settings))
    return restored
