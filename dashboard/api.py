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
        """Any question of ``dashboard.registry`` by name, for the state or ``filters``."""
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
    """Open the store (default: DIALOGUES_DB or the built-in one, built on first use)."""
    return Dialogues.open(db)
