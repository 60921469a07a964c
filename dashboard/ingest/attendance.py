"""Attendance folded per person: one file's rows of a person make one participation.

Several join/leave rows of one person are folded into one attendance whose minutes are
the union of the time present (time in a waiting room does not count; two devices at
once count once), and the person attended when those minutes reach
``min_minutes_attended`` (unless the file says so itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .records import Record


@dataclass
class Person:
    """Everything the rows of one person in one file say, folded."""

    participant_id: str
    rows: int = 0
    email: str | None = None
    name_hash: str | None = None
    organization_id: str | None = None
    country: str | None = None
    country_label: str | None = None
    registered: bool | None = None
    registration_state: str | None = None
    attended: bool | None = None
    role: str | None = None
    mode: str | None = None
    seconds: float = 0.0
    timed: bool = False
    intervals: list[tuple[datetime, datetime]] = field(default_factory=list)
    present_outside_waiting_room: bool = False


def add_time(person: Person, record: Record, seconds, interval) -> None:
    if seconds is None and interval is None:
        return
    person.timed = True
    if record.waiting_room:
        return
    person.present_outside_waiting_room = True
    if interval:
        person.intervals.append(interval)
    else:
        person.seconds += seconds


def union_seconds(intervals: list[tuple[datetime, datetime]]) -> float:
    """Seconds covered by a set of intervals, overlaps counted once (two devices)."""
    total, end = 0.0, None
    for start, stop in sorted(intervals):
        if end is None or start > end:
            total += (stop - start).total_seconds()
            end = stop
        elif stop > end:
            total += (stop - end).total_seconds()
            end = stop
    return total


def participation_row(session_id: str, p: Person, min_minutes: int, online: bool) -> dict:
    minutes = None
    attended = p.attended
    if p.timed:
        minutes = int((p.seconds + union_seconds(p.intervals)) // 60)
        if attended is None:
            attended = p.present_outside_waiting_room and minutes >= min_minutes
    return {
        "session_id": session_id,
        "participant_id": p.participant_id,
        "registered": p.registered,
        "registration_state": p.registration_state,
        "attended": attended,
        "mode": p.mode,
        "role": p.role,
        "minutes_present": minutes,
    }
