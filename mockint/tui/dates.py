"""Dates as the TUI shows them: local time, to the minute ("2026-11-28 17:01")."""

from __future__ import annotations

from datetime import datetime, timezone


def local_time(iso: str | None) -> str:
    """A stored UTC time (ISO 8601) in the local time zone; the text itself if it is not a date."""
    if not iso:
        return ""
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:16]
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone().strftime("%Y-%m-%d %H:%M")
