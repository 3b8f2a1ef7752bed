"""The join link as a QR code, drawn here (segno, no outside service) as PNG bytes for ``st.image``."""

from __future__ import annotations

import io

import segno


def qr_matrix(text: str) -> tuple[tuple[int, ...], ...]:
    """The QR code of ``text`` (error correction M, at least 15 % of it may be unreadable), 1 = dark module."""
    return tuple(tuple(int(bool(v)) for v in row) for row in segno.make(text, error="m", micro=False).matrix)


def qr_png(text: str, *, scale: int = 10) -> bytes:
    """``text`` as a black-on-white QR code, ``scale`` pixels a module, with the standard quiet zone of 4."""
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
