"""The dashboard page: ``panel serve dashboard/app.py`` (from the repo root).

``create_app(state=None, source=None, theme=None)`` builds the whole dashboard as a
Panel Viewer: display it in a notebook, or serve it. Served, the page is a Bootstrap
template whose every asset (Bokeh, Panel, Tabulator, Bootstrap) comes from the server
itself; the URL query string mirrors the state, so a copied link opens the same view;
``?theme=dark`` picks the dark theme (the header button toggles it).

The store is ``DIALOGUES_DB`` (or the built-in one, built on first use); see
``dashboard.config``. Importing this module does nothing; only ``panel serve`` makes
the page (the ``servable()`` call at the bottom runs only when served).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import panel as pn
import param
from bokeh.models import CustomJS
from bokeh.settings import settings as bokeh_settings

from dashboard.components import (
    AttendanceBySector,
    ContributionsOverTime,
    ContributionsTable,
    FilterPanel,
    Funnel,
    HeadlineFigures,
    IllustrativeBanner,
    ParticipantsByArea,
    PublishedVsRecorded,
    ReturningParticipants,
    SelectionBar,
    TopicsPerSession,
)
from dashboard.components.base import refresh_safely
from dashboard.components.look import html
from dashboard.components.upload import UploadPanel
from dashboard.config import get_settings
from dashboard.data import DataSource
from dashboard.state import LIST_FILTERS, PAGE_KEYS, SCALARS, DashboardState

TITLE = "Constructive Dialogues: who took part"
THEMES = ("default", "dark")
THEME_KEY = PAGE_KEYS[0]  # in the URL next to the state: it picks the page's theme


def configure_panel() -> None:
    """Panel and Bokeh set to serve every asset locally (no CDN), with Tabulator loaded.

    Bokeh's resources setting decides whether Panel points pages at a CDN; "server"
    makes both Bokeh's and Panel's extension files come from this server's /static.
    """
    bokeh_settings.resources.set_value("server")
    uploads = ["filedropper"] if get_settings().uploads_enabled else []  # the upload panel
    pn.extension("tabulator", *uploads, notifications=False, design="bootstrap")


class Dashboard(pn.viewable.Viewer):
    """Every view, the filters and the selection bar, bound to one state."""

    state = param.ClassSelector(class_=DashboardState, allow_refs=False)
    source = param.ClassSelector(class_=DataSource, allow_refs=False)
    theme = param.Selector(default="default", objects=list(THEMES))

    def __init__(self, **params):
        super().__init__(**params)
        shared = {"state": self.state, "source": self.source}
        self.filter_panel = FilterPanel(**shared)
        self.banner = IllustrativeBanner(**shared)
        self.selection_bar = SelectionBar(**shared)
        self.notices = pn.pane.Alert(
            "",
            alert_type="info",
            visible=False,
            sizing_mode="stretch_width",
            css_classes=["url-notices"],
            margin=(5, 8),
        )
        self.headline = HeadlineFigures(**shared)
        self.views = {
            cls.question: cls(**shared)
            for cls in (
                AttendanceBySector,
                TopicsPerSession,
                ContributionsOverTime,
                ParticipantsByArea,
                Funnel,
                ReturningParticipants,
                PublishedVsRecorded,
                ContributionsTable,
            )
        }
        self.upload = (
            UploadPanel(source=self.source, on_loaded=self.reload)
            if get_settings().uploads_enabled
            else None
        )

    def components(self) -> list:
        """Every component that shows data (the banner, the headline, the views)."""
        return [self.banner, self.headline, *self.views.values()]

    def reload(self) -> None:
        """After the store changed (an upload): new filter choices, every view asked again."""
        self.source.clear_cache()
        for name, choices in self.source.options().items():
            if name in LIST_FILTERS:
                self.state.param[name].objects = {str(label): value for value, label in choices}
        with pn.io.hold():  # one message to the browser for every view
            for component in self.components():
                refresh_safely(component)

    def show_notices(self, notices: list[str]) -> None:
        """Say what a link asked for that could not be shown (unknown or malformed values)."""
        self.notices.param.update(
            object="**Some of the link could not be applied.** " + " ".join(notices),
            visible=bool(notices),
        )

    # Layout --------------------------------------------------------------------------
    def sidebar(self) -> list:
        help_text = html(
            '<p class="filter-help">Nothing ticked means everything. '
            "Clicking a bar, a session or a topic in the charts sets "
            "these filters too.</p>",
            margin=(0, 10),
        )
        return [help_text, self.filter_panel, *([self.upload] if self.upload else [])]

    def main(self) -> list:
        v = self.views

        def pair(a: str, b: str) -> pn.GridBox:
            return pn.GridBox(v[a], v[b], ncols=2, sizing_mode="stretch_width")

        return [
            self.banner,
            self.notices,
            self.selection_bar,
            self.headline,
            pair("attendance_by_sector", "topics_per_session"),
            pair("contributions_over_time", "participants_by_area"),
            pair("funnel", "returning_participants"),
            v["published_vs_recorded"],
            v["contributions"],
        ]

    def header(self) -> list:
        dark = self.theme == "dark"
        toggle = pn.widgets.Button(
            label="Light theme" if dark else "Dark theme",
            color="light",
            width=120,
            margin=(0, 8),
            css_classes=["theme-toggle"],
        )
        switch = (
            "url.searchParams.delete('theme');"
            if dark
            else "url.searchParams.set('theme', 'dark');"
        )
        toggle.js_on_click(
            code=f"""
            const url = new URL(window.location.href);
            {switch}
            window.location.assign(url.toString());"""
        )
        copy = pn.widgets.Button(
            label="Copy link", color="light", width=110, margin=(0, 8), css_classes=["copy-link"]
        )
        copy.js_on_click(
            code="navigator.clipboard && navigator.clipboard.writeText(window.location.href);"
        )
        return [pn.Row(pn.layout.HSpacer(), copy, toggle, sizing_mode="stretch_width")]

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Row(
            pn.Column(*self.sidebar(), width=320),
            pn.Column(*self.main(), sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )

    def template(self) -> pn.template.BootstrapTemplate:
        """The served page: Bootstrap template (local assets only), title, header buttons."""
        return pn.template.BootstrapTemplate(
            title=TITLE,
            sidebar=self.sidebar(),
            main=self.main(),
            header=self.header(),
            theme=self.theme,
            sidebar_width=330,
            main_max_width="1600px",
            header_background="#0b5394",
            favicon="",
            busy_indicator=None,
        )


def create_app(
    state: DashboardState | None = None, source: DataSource | None = None, theme: str | None = None
) -> Dashboard:
    """The whole dashboard for a state (a fresh one by default) over a data source."""
    source = source if source is not None else DataSource()
    state = state if state is not None else DashboardState(source.options())
    return Dashboard(state=state, source=source, theme=theme or "default")


# Serving -----------------------------------------------------------------------------
def split_query(search: str) -> tuple[str, str]:
    """The state's part of a URL query and the theme asked for (``"default"`` if none)."""
    pairs = parse_qsl(search.lstrip("?"), keep_blank_values=True)
    theme = next((v for k, v in pairs if k == THEME_KEY), "default")
    rest = urlencode([(k, v) for k, v in pairs if k != THEME_KEY])
    return rest, theme if theme in THEMES else "default"


def query_for(state: DashboardState, theme: str) -> str:
    """``?sessions=...&theme=dark``: the state as a query string, plus the theme if dark."""
    parts = [state.to_query_string()] + ([f"{THEME_KEY}={theme}"] if theme != "default" else [])
    query = "&".join(p for p in parts if p)
    return f"?{query}" if query else ""


# Panel records each URL change as a browser history entry; Back and Forward then change
# the address only. Reloading on them opens the page at that address, i.e. that state.
RELOAD_ON_HISTORY = "window.addEventListener('popstate', () => window.location.reload());"


def link_location(state: DashboardState, location, theme: str) -> None:
    """Keep the browser's URL equal to the state (every filter and selection)."""

    def write(*events) -> None:
        location.search = query_for(state, theme)

    state.param.watch(write, [*LIST_FILTERS, *SCALARS])
    if pn.state.curdoc is not None:
        pn.state.curdoc.js_on_event("document_ready", CustomJS(code=RELOAD_ON_HISTORY))


def shared_source() -> DataSource:
    """One DataSource per server process: its cache serves every browser session."""
    return pn.state.as_cached("dialogues-data-source", DataSource)


def serve_page() -> pn.template.BootstrapTemplate:
    """The page for one browser session: state from the URL, notices for what was ignored."""
    configure_panel()
    source = shared_source()
    state = DashboardState(source.options())
    location = pn.state.location
    query, theme = split_query(location.search if location is not None else "")
    notices = state.apply_query_string(query)
    app = create_app(state, source, theme=theme)
    app.show_notices(notices)
    if location is not None:
        link_location(state, location, theme)
    return app.template()


if pn.state.served or __name__.startswith("bokeh"):
    serve_page().servable(title=TITLE)
