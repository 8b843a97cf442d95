"""Arithmetic every app's figures share."""


def share(part: int, whole: int) -> float | None:
    """part / whole, or None where there is no whole to share (not zero: nothing is known)."""
    return part / whole if whole else None
