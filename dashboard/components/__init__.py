"""Panel components: one Viewer per view, each taking ``state`` and ``source``.

    from dashboard.components import AttendanceBySector
    AttendanceBySector(state=state, source=source)   # follows the state, updates in place

``component(question)`` finds a view's component by its question's name (as declared in
``dashboard.registry``). Panel is imported here and in ``dashboard.app`` only.
"""

from __future__ import annotations

from .. import registry
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


def component(question: str) -> type[ViewComponent]:
    """The component class that shows ``question`` (e.g. ``"funnel"`` -> ``Funnel``)."""
    try:
        return registry.get(question).component_class
    except LookupError:
        known = sorted(q.name for q in registry.QUESTIONS.values() if q.component is not None)
        raise KeyError(f"no component for {question!r}; known: {known}") from None


__all__ = [
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
