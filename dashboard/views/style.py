"""One look for every view: colours, labels, sizes and the session axis labels.

Every chart colours sectors from ``SECTOR_COLORS`` so a sector is the same colour in
every view. The palettes are Paul Tol's colour-blind-safe "bright" and "vibrant" sets,
readable on the light and the dark theme alike.
"""

from __future__ import annotations

import textwrap
from collections import Counter

import pandas as pd

from .. import domain

# The sector taxonomy in its sort order, and the kinds of contribution: defined by the
# data (see dashboard.domain); colours are given in the same order.
SECTORS = domain.sectors()
UNKNOWN_COLOR = "#BBBBBB"
SECTOR_COLORS = dict(
    zip(SECTORS, ("#4477AA", "#66CCEE", "#228833", "#CCBB44", "#EE6677", UNKNOWN_COLOR))
)
KINDS = domain.KINDS  # oral statement, written submission, recommendation, good practice
KIND_COLORS = dict(zip(KINDS, ("#EE7733", "#0077BB", "#009988", "#CC3311")))

# Registration-to-attendance stages and first-time / returning participants.
STAGES = ("Registered and attended", "Registered, absent", "Attended, unregistered")
STAGE_COLORS = dict(zip(STAGES, ("#228833", "#BBBBBB", "#CCBB44")))
RETURNING = ("First time", "Returning")
RETURNING_COLORS = {"First time": "#66CCEE", "Returning": "#4477AA"}

# The topics heat map, per page theme: the empty cell, then darker (light theme) or
# lighter (dark theme) blues for more submissions, and the page's background that dimmed
# cells fade towards. Designed for each theme, not inverted: on the dark page the empty
# cells are dark, so the map is no white block.
HEATMAP = {
    "default": {
        "ramp": (
            "#f7fbff",
            "#deebf7",
            "#c6dbef",
            "#9ecae1",
            "#6baed6",
            "#4292c6",
            "#2171b5",
            "#08519c",
            "#08306b",
        ),
        "background": "#ffffff",
    },
    "dark": {
        "ramp": (
            "#2b3138",
            "#1c3a57",
            "#1f4e79",
            "#24649c",
            "#2f7bbd",
            "#4a94d0",
            "#72afdf",
            "#a2cbec",
            "#d2e6f7",
        ),
        "background": "#212529",
    },
}
INKS = ("#000000", "#ffffff")  # cell labels: whichever reads better on the cell
DIMMED_ALPHA = 0.3  # unselected bars and cells when something is selected
HEIGHT = 380
TALL_HEIGHT = 420  # room for 15 places
# The heat map grows with its topics: a row per topic with room for a name wrapped on
# two lines at 12 px, plus the session axis below (labels of up to five lines).
TOPIC_ROW = 34
SESSION_AXIS = 110


def heat_map_height(topics: int) -> int:
    """The heat map's height for ``topics`` rows: at least TALL_HEIGHT."""
    return max(TALL_HEIGHT, topics * TOPIC_ROW + SESSION_AXIS)


MIN_WIDTH = 420
# Chart text in CSS pixels: nothing below 12 px on screen (ticks, legends, cell labels).
FONT_SIZES = {
    "xticks": "12px",
    "yticks": "12px",
    "xlabel": "13px",
    "ylabel": "13px",
    "legend": "12px",
}
CELL_FONT_SIZE = "12px"
TOP_PLACES = 15  # bars of the places chart: the places with the most participants
# Characters per line of a session label, and of a topic name on the heat map's axis:
# four sessions and the topics fit a half-width card at 1366x768 without colliding.
LABEL_WRAP = 13
TOPIC_WRAP = 20
# Beyond FLAT_LABELS sessions (or periods) on an axis, wrapped labels collide: they stand
# upright instead, on one line (a period's name, or a session's date and title cut to
# UPRIGHT_TITLE characters), and the chart grows by UPRIGHT_AXIS px to hold them.
FLAT_LABELS = 6
UPRIGHT_TITLE = 16
UPRIGHT_AXIS = 100


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""

    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21; AA text needs 4.5)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: str, background: str, alpha: float) -> str:
    """``colour`` at opacity ``alpha`` over ``background``, as an opaque colour."""
    mixed = (round(a * alpha + b * (1 - alpha)) for a, b in zip(_rgb(colour), _rgb(background)))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def ink_on(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour`` (at least 4.58:1)."""
    return max(INKS, key=lambda ink: contrast(ink, colour))


def sector_colors(sectors: list[str] | tuple[str, ...] = SECTORS) -> dict[str, str]:
    """Colours for these sectors: the taxonomy's own, grey for any sector it lacks."""
    return {s: SECTOR_COLORS.get(s, UNKNOWN_COLOR) for s in sectors}


def ordered_sectors(values: pd.Series) -> list[str]:
    """The sectors present, in taxonomy order (any unknown ones last, alphabetically)."""
    present = set(values.dropna())
    return [s for s in SECTORS if s in present] + sorted(present - set(SECTORS))


def session_label(title: str, date: object, upright: bool = False) -> str:
    """'Firearms\\n6 May 2022': a short, wrapped label for a session axis; upright, on
    one line: '6 May 2022 · Firearms' (a period, with no date: its name as it is)."""
    when = pd.Timestamp(date)
    day = f"{when.day} {when:%b %Y}" if not pd.isna(when) else ""
    if upright:
        title = str(title)
        short = title if len(title) <= UPRIGHT_TITLE else title[: UPRIGHT_TITLE - 1] + "…"
        return f"{day} · {short}" if day else title
    lines = textwrap.wrap(str(title), LABEL_WRAP, break_long_words=False)
    return "\n".join(lines + ([day] if day else []))


def upright(df: pd.DataFrame) -> bool:
    """Whether a frame's session axis has too many labels to lie flat."""
    return _upright(df["session_id"].nunique())


def _upright(sessions: int) -> bool:
    return sessions > FLAT_LABELS


def x_rotation(df: pd.DataFrame) -> int:
    """Degrees the session axis's labels turn: 90 upright, else 0."""
    return 90 if upright(df) else 0


def session_axis_height(df: pd.DataFrame, height: int = HEIGHT) -> int:
    """A session chart's height: ``height``, with room for upright labels."""
    return height + (UPRIGHT_AXIS if upright(df) else 0)


def topic_label(name: object) -> str:
    """A topic's name wrapped for the heat map's axis ('Criminalization and\\nlegal ...')."""
    return "\n".join(textwrap.wrap(str(name), TOPIC_WRAP))


def _sessions(df: pd.DataFrame) -> dict[object, tuple[object, object]]:
    """Each session's (title, date), by session id in first-seen order.

    Plain Python over the columns: the session charts ask for labels and their order on
    every filter change, for a few dozen sessions at most (more are folded into periods),
    where pandas' per-call cost was a sixth of the server's time for a change."""
    firsts: dict[object, tuple[object, object]] = {}
    for sid, title, date in zip(df["session_id"].tolist(), df["session"].tolist(), df["date"]):
        firsts.setdefault(sid, (title, date))
    return firsts


def _labels(sessions: dict[object, tuple[object, object]]) -> dict[object, str]:
    """Each session's label, unique (a label two sessions share gets each one's id)."""
    up = _upright(len(sessions))
    labels = {sid: session_label(title, date, up) for sid, (title, date) in sessions.items()}
    shared = Counter(labels.values())
    return {
        sid: f"{label} ({sid})" if shared[label] > 1 else label for sid, label in labels.items()
    }


def session_labels(df: pd.DataFrame) -> pd.Series:
    """One label per row of a frame with ``session_id``, ``session`` (short title) and
    ``date`` columns, upright when there are many; unique per session (a label two
    sessions share gets each one's id)."""
    labels = _labels(_sessions(df))
    return pd.Series(
        [labels[sid] for sid in df["session_id"].tolist()], index=df.index, dtype=object
    )


def session_order(df: pd.DataFrame) -> list[str]:
    """The session labels of a frame, ordered by date then session id (no date: last)."""
    sessions = _sessions(df)
    labels = _labels(sessions)

    def when(sid: object) -> tuple:
        date = sessions[sid][1]
        return (True, 0, str(sid)) if pd.isna(date) else (False, pd.Timestamp(date).value, str(sid))

    return [labels[sid] for sid in sorted(labels, key=when)]


def percent(value: float | None) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value:.0%}"
