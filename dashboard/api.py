"""The notebook API: one object over the store, the filters, the questions and the views.

    import dashboard
    d = dashboard.open()                      # the default store, built on first use
    d.state.sessions = ["CD-2022-FA"]         # the same filters as the app
    d.attendance_by_sector()                  # the question, as a DataFrame
    d.plot.attendance_by_sector()             # the dashboard's chart (HoloViews), inline
    d.app()                                   # the whole dashboard, inline in JupyterLab
    d = dashboard.Dialogues.from_url(link)    # the view a colleague shared
    d.sql("SELECT * FROM sessions WHERE date > ?", ["2022-06-01"])

``Dialogues`` only composes: queries live in ``dashboard.queries``, running and caching
in ``dashboard.data``, filters and the URL format in ``dashboard.state``, charts in
``dashboard.views`` and Panel pieces in ``dashboard.app`` / ``dashboard.components``.
Panel is imported only by the methods that display Panel objects.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path

import duckdb
import pandas as pd

from .config import Settings, get_settings
from .data import DataSource
from .errors import QueryError
from .queries import QUESTIONS, Filters
from .state import DashboardState

# The dashboard's views (charts and specs), each named after the question it draws.
VIEWS = (
    "headline",
    "attendance_by_sector",
    "topics_per_session",
    "contributions_over_time",
    "participants_by_area",
    "funnel",
    "returning_participants",
    "published_vs_recorded",
    "contributions",
)


class Dialogues:
    """The store, seen through a ``DashboardState``: questions, views and the app.

    ``d.headline()``, ``d.attendance_by_sector()``, ... (one method per question of
    ``dashboard.queries.QUESTIONS``) answer for the current state (``d.filters``) unless
    given other ``Filters``. Returned frames are shared with the cache: copy to edit.
    """

    def __init__(self, source: DataSource, state: DashboardState | None = None):
        self.source = source
        self.state = state if state is not None else DashboardState(source.options())
        self.notices: list[str] = []  # what the last applied link could not express
        self.plot = _Plots(self)

    @classmethod
    def open(cls, db: str | Path | None = None) -> Dialogues:
        """The store at ``db`` (default: DIALOGUES_DB or the built-in one, built if missing)."""
        return cls(DataSource(db))

    @classmethod
    def from_url(cls, url: str, db: str | Path | None = None) -> Dialogues:
        """The view a dashboard link shows; ``.notices`` lists what in it was ignored."""
        dialogues = cls.open(db)
        dialogues.apply_url(url)
        return dialogues

    # State and links -----------------------------------------------------------------
    @property
    def filters(self) -> Filters:
        """The immutable filters of the current state, as the queries take them."""
        return self.state.filters()

    @property
    def settings(self) -> Settings:
        """The settings in force (``min_cell_size``, ...): defaults, then the environment."""
        return get_settings()

    def apply_url(self, url: str) -> list[str]:
        """Set the state from a dashboard link or its query string; return the notices."""
        self.notices = self.state.apply_query_string(url)
        return self.notices

    def query_string(self) -> str:
        return self.state.to_query_string()

    def url(self, base: str = "") -> str:
        """A link that opens this view in the dashboard: ``d.url("http://host:5006/app")``."""
        query = self.query_string()
        return f"{base}?{query}" if query else base

    # Questions -----------------------------------------------------------------------
    def ask(self, question: str, filters: Filters | None = None, **options: str) -> pd.DataFrame:
        """Any question of ``dashboard.queries.QUESTIONS`` by name, for the state or ``filters``."""
        if question == "participants_by_area":
            options.setdefault("level", self.state.area_level)
        return self.source.ask(question, self._filters(filters), **options)

    def _filters(self, filters: Filters | None) -> Filters:
        return self.filters if filters is None else filters

    # Free SQL ------------------------------------------------------------------------
    def sql(self, text: str, params: list | None = None) -> pd.DataFrame:
        """Run read-only SQL with ``?`` parameters on the store; tables: see store/schema.sql."""
        return self.source.sql(text, params)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on the process's read-only connection; close it (or use ``with``)."""
        return self.source.connection.cursor()

    # Views and Panel -----------------------------------------------------------------
    def view(self, name: str, filters: Filters | None = None, **options):
        """The dashboard's view of question ``name`` for the state (or ``filters``).

        Charts are HoloViews objects (they render inline); ``headline`` and the tables are
        small specs (``.frame`` holds the rows). ``options`` go to the view function; the
        state's ``shares``, ``area_level`` and ``search`` and the filters' ``count`` are
        the defaults.
        """
        function = _view_function(name)
        filters = self._filters(filters)
        accepted = inspect.signature(function).parameters
        from_state = {
            "shares": self.state.shares,
            "level": self.state.area_level,
            "search": self.state.search,
            "count": filters.count,
        }
        options = {**{k: v for k, v in from_state.items() if k in accepted}, **options}
        query = {"level": options["level"]} if "level" in options else {}  # places by level
        return function(self.ask(name, filters, **query), **options)

    def summary(self, question: str, filters: Filters | None = None) -> str:
        """The sentence the dashboard shows under a chart, for the state or ``filters``."""
        from . import views

        return views.summary(question, self.ask(question, filters))

    def export(self, format: str, path: str | Path) -> Path:
        """The briefing pack of this view: ``d.export("pptx", "briefing.pptx")``.

        Formats: pptx, html, pdf, png (a folder, or a ``.zip``), xlsx; small counts are
        suppressed (``settings.min_cell_size``). See ``dashboard.export``.
        """
        from .export import export

        return export(self, format, path)

    def app(self, **options):
        """The whole dashboard as a Panel object, bound to this state (display it inline)."""
        from .app import create_app

        return create_app(state=self.state, source=self.source, **options)

    def panel(self, name: str):
        """One dashboard component (a Panel Viewer) bound to this state: ``d.panel("funnel")``."""
        from . import components

        return components.component(name)(state=self.state, source=self.source)

    def widgets(self):
        """The filter widgets, generated from the state's parameters (as in the app)."""
        from . import components

        return components.FilterPanel(state=self.state, source=self.source)

    def __repr__(self) -> str:
        return f"Dialogues(db={str(self.source.db_path)!r}, filters={self.filters.to_dict()})"


class _Plots:
    """``d.plot.attendance_by_sector()``: each view as a method (tab completion in Jupyter)."""

    def __init__(self, owner: Dialogues):
        self._owner = owner

    def __getattr__(self, name: str):
        if name not in VIEWS:
            raise AttributeError(f"no view {name!r}; views: {', '.join(VIEWS)}")
        return functools.partial(self._owner.view, name)

    def __dir__(self) -> list[str]:
        return list(VIEWS)


def _view_function(name: str):
    if name not in VIEWS:
        raise QueryError(f"no view {name!r}; views: {', '.join(VIEWS)}")
    import holoviews.plotting.bokeh  # noqa: F401 - the backend the views' options are for

    from . import views  # imported when a view is first asked for, not with the package

    return getattr(views, name)


def _question_method(question: str):
    """``d.<question>(filters=None, **options)``, documented by the query builder itself."""

    def method(self: Dialogues, filters: Filters | None = None, **options: str) -> pd.DataFrame:
        return self.ask(question, filters, **options)

    method.__name__ = method.__qualname__ = question
    method.__doc__ = QUESTIONS[question].__doc__
    return method


# One method per question (``d.funnel()``, ``d.headline()``, ...), kept in step with the
# query layer: a new question there is a new method here.
for _question in QUESTIONS:
    assert not hasattr(Dialogues, _question), (
        f"question {_question!r} shadows Dialogues.{_question}"
    )
    setattr(Dialogues, _question, _question_method(_question))


def open(db: str | Path | None = None) -> Dialogues:
    """Open the store (default: DIALOGUES_DB or the built-in one, built on first use)."""
    return Dialogues.open(db)


assert set(VIEWS) <= set(QUESTIONS), "every view answers a question of the same name"
