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
from pathlib import Path

import duckdb
import pandas as pd

from . import registry
from .config import Settings, get_settings
from .data import DataSource
from .errors import QueryError
from .queries import Filters
from .state import DashboardState
from .store.imports import list_imports


@registry.add_methods
class Dialogues:
    """The store, seen through a ``DashboardState``: questions, views and the app.

    ``d.headline()``, ``d.attendance_by_sector()``, ... (one method per question of
    ``dashboard.registry``) answer for the current state (``d.filters``) unless given
    other ``Filters``; a question's options (``level``) default to the state's too.
    """

    def __init__(self, source: DataSource, state: DashboardState | None = None):
        self.source = source
        self.state = state if state is not None else DashboardState(source.options())
        self.notices: list[str] = []  # what the last applied link could not express
        self.plot = _Plots(self)

    @classmethod
    def open(cls, db: str | Path | None = None) -> Dialogues:
        """Open the store at ``db`` (default: DIALOGUES_DB or the built-in one, built if
        missing).

        Returns a ``Dialogues`` over that store, with a fresh state (nothing selected)::

            >>> d = Dialogues.open("store.duckdb")
            >>> d.headline()["participants"].iloc[0]
        """
        return cls(DataSource(db))

    @classmethod
    def from_url(cls, url: str, db: str | Path | None = None) -> Dialogues:
        """Open the view a dashboard link shows.

        Returns a ``Dialogues`` whose state is the link's; ``.notices`` lists what in the
        link was ignored (unknown or malformed values)::

            >>> d = Dialogues.from_url("http://host:5006/app?sessions=CD-2022-FA")
            >>> d.state.sessions, d.notices
            (['CD-2022-FA'], [])
        """
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
        """Set the state from a dashboard link or its query string.

        Returns the notices: what in the link could not be applied (an empty list when
        all of it was)::

            >>> d.apply_url("sectors=Academia&colour=red")
            ["Ignored unknown setting 'colour' in the link."]
        """
        self.notices = self.state.apply_query_string(url)
        return self.notices

    def query_string(self) -> str:
        """Returns the state as a dashboard link's query string (only what differs from
        the defaults)::

            >>> d.state.sessions = ["CD-2022-FA"]
            >>> d.query_string()
            'sessions=CD-2022-FA'
        """
        return self.state.to_query_string()

    def url(self, base: str = "") -> str:
        """Returns a link that opens this view in the dashboard at ``base``::

        >>> d.url("http://host:5006/app")
        'http://host:5006/app?sessions=CD-2022-FA'
        """
        query = self.query_string()
        return f"{base}?{query}" if query else base

    # Questions -----------------------------------------------------------------------
    def ask(self, question: str, filters: Filters | None = None, **options: str) -> pd.DataFrame:
        """Ask any question of ``dashboard.registry`` by name, for the state or ``filters``.

        Returns a new DataFrame (changing it changes nothing else); the question's
        options (``level``) default to the state's::

            >>> d.ask("participants_by_area", level="country").head()
        """
        try:
            from_state = registry.get(question).options
        except LookupError as exc:
            raise QueryError(str(exc)) from None
        for option, parameter in from_state.items():
            options.setdefault(option, getattr(self.state, parameter))
        return self.source.ask(question, self._filters(filters), **options)

    def _filters(self, filters: Filters | None) -> Filters:
        return self.filters if filters is None else filters

    # Free SQL ------------------------------------------------------------------------
    def sql(self, text: str, params: list | None = None) -> pd.DataFrame:
        """Run read-only SQL with ``?`` parameters on the store (tables: store/schema.sql).

        Returns the result as a DataFrame::

            >>> d.sql("SELECT count(*) AS n FROM sessions WHERE date > ?", ["2022-06-01"])
        """
        return self.source.sql(text, params)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on the process's read-only connection; close it (or use ``with``).

        Returns a DuckDB cursor::

            >>> with d.connection as con:
            ...     con.execute("SELECT count(*) FROM organizations").fetchone()
        """
        return self.source.connection.cursor()

    def imports(self) -> pd.DataFrame:
        """The loaded exports, as ``dialogues imports`` lists them.

        Returns a new DataFrame, one row per import (``import_id``, ``file_name``,
        ``session_id``, ``imported_at``, ``loaded``, ``rejected``...), empty when nothing
        was loaded::

            >>> d.imports()
            >>> d.imports()["file_name"].tolist()
        """
        return list_imports(self.source.db_path)

    # Views and Panel -----------------------------------------------------------------
    def view(self, name: str, filters: Filters | None = None, **options):
        """The dashboard's view of question ``name`` for the state (or ``filters``).

        Charts are HoloViews objects (they render inline); ``headline`` and the tables are
        small specs (``.frame`` holds the rows). ``options`` go to the view function; the
        state's ``shares``, ``area_level`` and ``search`` and the filters' ``count`` are
        the defaults.

        Returns the HoloViews element or spec (``d.plot.<name>()`` is the same)::

            >>> d.view("funnel")
            >>> d.view("attendance_by_sector", shares=True)
        """
        question = _question_with_view(name)
        function = question.view_function
        filters = self._filters(filters)
        # The view's options from the state, but the count of the filters it is drawn for.
        from_state = {
            option: filters.count if parameter == "count" else getattr(self.state, parameter)
            for option, parameter in question.view_options.items()
        }
        options = {**from_state, **options}
        asked = {k: options[k] for k in question.options if k in options}  # places by level
        return function(self.ask(name, filters, **asked), **options)

    def summary(self, question: str, filters: Filters | None = None) -> str:
        """The sentence the dashboard shows under a chart, for the state or ``filters``.

        Returns a string, in the words of what is counted (``filters.count``) and of the
        state's level of places::

            >>> d.summary("funnel")
            '1,497 registrations and 1,437 attendances across 4 sessions; ...'
        """
        from . import views

        filters = self._filters(filters)
        words = {"count": filters.count, "level": self.state.area_level}
        return views.summary(question, self.ask(question, filters), **words)

    def export(self, format: str, path: str | Path) -> Path:
        """Write the briefing pack of this view.

        Formats: pptx, html, pdf, png (a folder, or a ``.zip``), xlsx; small counts are
        suppressed (``settings.min_cell_size``). See ``dashboard.export``. Returns the
        path written::

            >>> d.export("pptx", "briefing.pptx")
            PosixPath('briefing.pptx')
        """
        from .export import export

        return export(self, format, path)

    def app(self, **options):
        """The whole dashboard, bound to this state.

        Returns a Panel Viewer (``dashboard.app.Dashboard``); display it inline, or
        ``d.app(theme="dark")``::

            >>> d.app()
        """
        from .app import create_app

        return create_app(state=self.state, source=self.source, **options)

    def panel(self, name: str):
        """One dashboard component bound to this state.

        Returns a Panel Viewer (the card of the question ``name``)::

            >>> d.panel("funnel")
        """
        from . import components

        return components.component(name)(state=self.state, source=self.source)

    def widgets(self):
        """The filter widgets, generated from the state's parameters (as in the app).

        Returns the ``FilterPanel`` (a Panel Viewer) bound to ``d.state``::

            >>> d.widgets()
        """
        from . import components

        return components.FilterPanel(state=self.state)

    def __repr__(self) -> str:
        return f"Dialogues(db={str(self.source.db_path)!r}, filters={self.filters.to_dict()})"


class _Plots:
    """``d.plot.attendance_by_sector()``: each view as a method (tab completion in Jupyter)."""

    def __init__(self, owner: Dialogues):
        self._owner = owner

    def __getattr__(self, name: str):
        if name not in registry.views():
            raise AttributeError(f"no view {name!r}; views: {', '.join(registry.views())}")
        return functools.partial(self._owner.view, name)

    def __dir__(self) -> list[str]:
        return list(registry.views())


def _question_with_view(name: str) -> registry.Question:
    if name not in registry.views():
        raise QueryError(f"no view {name!r}; views: {', '.join(registry.views())}")
    # Views are imported when first asked for, not with the package; their options are
    # written for the Bokeh backend.
    import holoviews.plotting.bokeh  # noqa: F401

    return registry.get(name)


def open(db: str | Path | None = None) -> Dialogues:
    """Open the store (default: DIALOGUES_DB or the built-in one, built on first use).

    Returns a ``Dialogues``: the store seen through a state with every filter of the
    dashboard (``d.state``), one method per question returning a DataFrame, the views
    (``d.plot``), SQL (``d.sql``) and the app (``d.app()``)::

        >>> import dashboard
        >>> d = dashboard.open()              # or dashboard.open("store.duckdb")
        >>> d.state.sessions = ["CD-2022-FA"]
        >>> d.funnel()                        # a DataFrame, one row per session
        >>> d.summary("funnel")               # the sentence the dashboard shows
    """
    return Dialogues.open(db)
