"""Every question the dashboard asks, each declared once; the rest is derived from here.

A ``Question`` names its SQL builder, its summary, its view, its component and its place
on the page. ``DataSource`` and ``Dialogues`` get one method per question from
``QUESTIONS``, the page its layout, each component the state it watches (the filters
its builder reads, found by building it), and the browser tests their lists. Adding a
question is one ``register(Question(...))``: see the README, "Adding a question".

Summaries, views and components are named as ``"module:attribute"`` and imported when
first used, so importing the registry imports neither HoloViews nor Panel.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import cached_property

from .queries import MODES, ROLES, Filters, Query, fast
from .queries import questions as q

# Keyword arguments of builders and views, and the state parameter that supplies each.
STATE_OPTIONS = {"level": "area_level", "shares": "shares", "search": "search", "count": "count"}
# Where a component sits: a banner above everything, or a card across the page or
# beside the next half-width card.
PLACES = ("banner", "full", "half")


def resolve(target: object) -> object:
    """``"package.module:attribute"`` imported; anything else returned as it is."""
    if not isinstance(target, str):
        return target
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


# One value per Filters field that is valid and restricts (the probe of ``filters_read``).
_PROBE = {"years": (1900,), "modes": MODES[:1], "roles": ROLES[:1], "count": "registered"}


def filters_read(build: Callable[..., Query]) -> tuple[str, ...]:
    """The ``Filters`` fields that change what ``build`` asks, in ``Filters`` order.

    A builder is pure, so the fields it reads are those whose value changes the query it
    builds: each set on its own, and each cleared where every other one is set (a field
    read only beside another is found too).
    """
    names = [f.name for f in fields(Filters)]
    probe = {name: _PROBE.get(name, ("probe",)) for name in names}
    everything = Filters(**probe)
    default = Filters()

    def reads(name: str) -> bool:
        alone = Filters(**{name: probe[name]})
        cleared = replace(everything, **{name: getattr(default, name)})
        return build(alone) != build(default) or build(cleared) != build(everything)

    return tuple(name for name in names if reads(name))


def _keywords(function: Callable) -> set[str]:
    """The keyword arguments a builder or view takes besides its first (filters, frame)."""
    return set(list(inspect.signature(function).parameters)[1:])


@dataclass(frozen=True)
class Question:
    """One question: how it is asked, told, drawn and placed.

    ``build(filters, **options) -> Query`` is the SQL builder, its docstring the help
    of ``source.<name>`` and ``d.<name>``; ``summary(df) -> str`` the sentence shown with
    the view; ``view(df, **options)`` what is drawn (a HoloViews element or a spec);
    ``component`` the Panel ``ViewComponent`` class; ``place`` one of ``PLACES``, or
    None to keep it off the page. ``summary``, ``view`` and ``component`` may be objects
    or ``"module:attribute"`` names. ``fast``, when given, builds the same query over the
    store's rollups (``queries/fast.py``): the data source asks it on a store whose
    rollups are current, and the plain ``build`` otherwise.
    """

    name: str
    build: Callable[..., Query]
    summary: Callable[..., str] | str
    view: Callable | str | None = None
    component: type | str | None = None
    place: str | None = None
    fast: Callable[..., Query] | None = None

    def __post_init__(self) -> None:
        if self.place not in (None, *PLACES):
            raise ValueError(f"{self.name}: place must be one of {PLACES}, not {self.place!r}")
        if self.place and self.component is None:
            raise ValueError(f"{self.name}: a question on the page needs a component")

    @cached_property
    def filters(self) -> tuple[str, ...]:
        """The filters the question's SQL reads (``filters_read`` of its builder)."""
        return filters_read(self.build)

    @cached_property
    def options(self) -> dict[str, str]:
        """The builder's own options and the state parameter each comes from."""
        return {k: STATE_OPTIONS[k] for k in sorted(_keywords(self.build)) if k in STATE_OPTIONS}

    @cached_property
    def view_options(self) -> dict[str, str]:
        """The view's options that the state supplies, and the parameter of each."""
        accepted = _keywords(self.view_function) if self.view is not None else set()
        return {k: STATE_OPTIONS[k] for k in sorted(accepted) if k in STATE_OPTIONS}

    @cached_property
    def watches(self) -> tuple[str, ...]:
        """Every state parameter that changes what the view shows: the filters the SQL
        reads, then the options of the builder and of the view."""
        extra = [*self.options.values(), *self.view_options.values()]
        return tuple(dict.fromkeys([*self.filters, *extra]))

    @property
    def summary_function(self) -> Callable[..., str]:
        return resolve(self.summary)

    @property
    def view_function(self) -> Callable:
        if self.view is None:
            raise LookupError(f"question {self.name!r} has no view")
        return resolve(self.view)

    @property
    def component_class(self) -> type:
        if self.component is None:
            raise LookupError(f"question {self.name!r} has no component")
        return resolve(self.component)


QUESTIONS: dict[str, Question] = {}
# Classes given one method per question (DataSource, Dialogues): kept in step by register.
_WITH_METHODS: list[type] = []


def register(question: Question) -> Question:
    """Add a question (after the others: its place on the page follows theirs)."""
    if question.name in QUESTIONS:
        raise ValueError(f"question {question.name!r} is already registered")
    for cls in _WITH_METHODS:  # every check before any change
        _check_free(cls, question.name)
    for cls in _WITH_METHODS:
        _add_method(cls, question)
    QUESTIONS[question.name] = question
    return question


def unregister(name: str) -> None:
    """Remove a question and the methods made for it."""
    get(name)
    for cls in _WITH_METHODS:
        delattr(cls, name)
    del QUESTIONS[name]


def add_methods(cls: type) -> type:
    """Class decorator: ``cls.<question>(filters=None, **options)`` for every question,
    now and when one is registered, calling ``cls.ask(name, filters, **options)`` and
    documented by the question's builder (``help(source.funnel)``)."""
    for question in QUESTIONS.values():
        _add_method(cls, question)
    _WITH_METHODS.append(cls)
    return cls


# What every question method returns, after its builder's docstring (``help(d.funnel)``).
_RETURNS = """Returns a new pandas DataFrame (changing it changes nothing else), for the
filters given, else the current state's; options (``level``) as the builder's.

Example::

    >>> d = dashboard.open()
    >>> d.{name}()
    >>> d.{name}(dashboard.Filters(count="registered"))
"""


def _check_free(cls: type, name: str) -> None:
    if hasattr(cls, name):
        raise ValueError(f"question {name!r} would shadow {cls.__name__}.{name}")


def _add_method(cls: type, question: Question) -> None:
    name = question.name
    _check_free(cls, name)

    def method(self, filters: Filters | None = None, **options):
        return self.ask(name, filters, **options)

    builder = inspect.signature(question.build)
    first, *rest = builder.parameters.values()
    method.__name__ = name
    method.__qualname__ = f"{cls.__name__}.{name}"
    method.__doc__ = f"{question.build.__doc__ or name}\n\n{_RETURNS.format(name=name)}"
    method.__signature__ = builder.replace(  # type: ignore[attr-defined]
        return_annotation="pd.DataFrame",
        parameters=[
            inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            first.replace(default=None, annotation="Filters | None"),
            *rest,
        ],
    )
    setattr(cls, name, method)


def get(name: str) -> Question:
    """The question called ``name``, or a LookupError naming the known ones."""
    try:
        return QUESTIONS[name]
    except KeyError:
        raise LookupError(f"unknown question {name!r}; known: {sorted(QUESTIONS)}") from None


def views() -> tuple[str, ...]:
    """The questions that have a view, in page order."""
    return tuple(name for name, question in QUESTIONS.items() if question.view is not None)


def on_page(place: str | None = None) -> tuple[Question, ...]:
    """The questions shown on the page (or at ``place`` only), top to bottom."""
    return tuple(
        question
        for question in QUESTIONS.values()
        if question.place and (place is None or question.place == place)
    )


def rows() -> list[tuple[str, ...]]:
    """The page's cards below the banners, top to bottom: full-width cards alone,
    half-width ones two to a row."""
    out: list[tuple[str, ...]] = []
    for question in on_page():
        if question.place == "full":
            out.append((question.name,))
        elif question.place == "half":
            if out and len(out[-1]) == 1 and QUESTIONS[out[-1][0]].place == "half":
                out[-1] = (*out[-1], question.name)
            else:
                out.append((question.name,))
    return out


_S = "dashboard.views.summaries"
_C = "dashboard.components"
for _question in (
    Question(
        "illustrative_sessions",
        q.illustrative_sessions,
        f"{_S}:illustrative_sessions",
        component=f"{_C}.status:IllustrativeBanner",
        place="banner",
        fast=fast.illustrative_sessions,
    ),
    Question(
        "headline",
        q.headline,
        f"{_S}:headline",
        "dashboard.views:headline",
        f"{_C}.headline:HeadlineFigures",
        "full",
        fast=fast.headline,
    ),
    Question(
        "attendance_by_sector",
        q.attendance_by_sector,
        f"{_S}:attendance_by_sector",
        "dashboard.views:attendance_by_sector",
        f"{_C}.charts:AttendanceBySector",
        "half",
        fast=fast.attendance_by_sector,
    ),
    Question(
        "topics_per_session",
        q.topics_per_session,
        f"{_S}:topics_per_session",
        "dashboard.views:topics_per_session",
        f"{_C}.charts:TopicsPerSession",
        "half",
        fast=fast.topics_per_session,
    ),
    Question(
        "contributions_over_time",
        q.contributions_over_time,
        f"{_S}:contributions_over_time",
        "dashboard.views:contributions_over_time",
        f"{_C}.charts:ContributionsOverTime",
        "half",
        fast=fast.contributions_over_time,
    ),
    Question(
        "participants_by_area",
        q.participants_by_area,
        f"{_S}:participants_by_area",
        "dashboard.views:participants_by_area",
        f"{_C}.charts:ParticipantsByArea",
        "half",
        fast=fast.participants_by_area,
    ),
    Question(
        "funnel",
        q.funnel,
        f"{_S}:funnel",
        "dashboard.views:funnel",
        f"{_C}.charts:Funnel",
        "half",
        fast=fast.funnel,
    ),
    Question(
        "returning_participants",
        q.returning_participants,
        f"{_S}:returning_participants",
        "dashboard.views:returning_participants",
        f"{_C}.charts:ReturningParticipants",
        "half",
        fast=fast.returning_participants,
    ),
    Question(
        "sessions_per_participant", q.sessions_per_participant, f"{_S}:sessions_per_participant"
    ),
    Question(
        "published_vs_recorded",
        q.published_vs_recorded,
        f"{_S}:published_vs_recorded",
        "dashboard.views:published_vs_recorded",
        f"{_C}.tables:PublishedVsRecorded",
        "full",
        fast=fast.published_vs_recorded,
    ),
    Question(
        "contributions",
        q.contributions,
        f"{_S}:contributions",
        "dashboard.views:contributions",
        f"{_C}.tables:ContributionsTable",
        "full",
        fast=fast.contributions,
    ),
):
    register(_question)
