"""The dashboard's views: pure functions from a question's DataFrame to what is drawn.

Each is named after the ``DataSource`` question whose frame it takes::

    views.attendance_by_sector(source.attendance_by_sector(filters), shares=False)

Charts return HoloViews elements; the headline and the tables return small specs
(``Headline``, ``TableSpec``). ``summary(question, df)`` is the short text a screen
reader gets for each. No IO, no state, no Panel; inputs are never modified.
"""

from .contributions import contributions, contributions_over_time
from .figures import headline, published_vs_recorded, source_link
from .participation import (
    attendance_by_sector,
    funnel,
    participants_by_area,
    returning_participants,
)
from .selection import area_at, sector_at, session_at, toggle, topic_at
from .specs import Figure, Headline, TableSpec
from .style import SECTOR_COLORS, SECTORS, session_label
from .summaries import summary
from .topics import topics_per_session

__all__ = [
    "SECTORS",
    "SECTOR_COLORS",
    "Figure",
    "Headline",
    "TableSpec",
    "area_at",
    "attendance_by_sector",
    "contributions",
    "contributions_over_time",
    "funnel",
    "headline",
    "participants_by_area",
    "published_vs_recorded",
    "returning_participants",
    "sector_at",
    "session_at",
    "session_label",
    "source_link",
    "summary",
    "toggle",
    "topic_at",
    "topics_per_session",
]
