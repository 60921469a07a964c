"""Panel components: one Viewer per view, each taking ``state`` and ``source``.

    from dashboard.components import AttendanceBySector
    AttendanceBySector(state=state, source=source)   # follows the state, updates in place

``component(question)`` finds a view's component by its question's name. Panel is
imported here and in ``dashboard.app`` only.
"""

from __future__ import annotations

from .base import ViewComponent
from .charts import (
    AttendanceBySector,
    ContributionsOverTime,
    Funnel,
    ParticipantsByArea,
    ReturningParticipants,
    TopicsPerSession,
)
from .filters import FilterPanel
from .headline import HeadlineFigures
from .status import IllustrativeBanner, SelectionBar
from .tables import ContributionsTable, PublishedVsRecorded

COMPONENTS: dict[str, type[ViewComponent]] = {
    cls.question: cls
    for cls in (
        HeadlineFigures,
        AttendanceBySector,
        TopicsPerSession,
        ContributionsOverTime,
        ParticipantsByArea,
        Funnel,
        ReturningParticipants,
        PublishedVsRecorded,
        ContributionsTable,
        IllustrativeBanner,
    )
}


def component(question: str) -> type[ViewComponent]:
    """The component class that shows ``question`` (e.g. ``"funnel"`` -> ``Funnel``)."""
    try:
        return COMPONENTS[question]
    except KeyError:
        raise KeyError(f"no component for {question!r}; known: {sorted(COMPONENTS)}") from None


__all__ = [
    "COMPONENTS",
    "AttendanceBySector",
    "ContributionsOverTime",
    "ContributionsTable",
    "FilterPanel",
    "Funnel",
    "HeadlineFigures",
    "IllustrativeBanner",
    "ParticipantsByArea",
    "PublishedVsRecorded",
    "ReturningParticipants",
    "SelectionBar",
    "TopicsPerSession",
    "ViewComponent",
    "component",
]
