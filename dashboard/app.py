"""The dashboard page: ``panel serve dashboard/app.py`` (from the repo root).

``create_app(state=None, source=None, theme=None)`` builds the whole dashboard as a
Panel Viewer: display it in a notebook, or serve it. Served, the page is a Bootstrap
template whose every asset (Bokeh, Panel, Tabulator, Bootstrap) comes from the server
itself; the URL query string mirrors the state, so a copied link opens the same view;
``?theme=dark`` picks the dark theme (the header button toggles it).

The store is ``DIALOGUES_DB`` (or the built-in one, built on first use); see
``dashboard.config``. Importing this module does nothing; only ``panel serve`` makes
the page (the ``publish()`` call at the bottom runs only when served).
"""

from __future__ import annotations

import contextlib
import logging
from urllib.parse import parse_qsl, urlencode

import panel as pn
import param
from bokeh.models import CustomJS
from bokeh.settings import settings as bokeh_settings

from dashboard import registry
from dashboard.components import FilterPanel, SelectionBar
from dashboard.components.base import refresh_safely
from dashboard.components.briefing import BriefingButtons, printable
from dashboard.components.first_paint import after_first_paint
from dashboard.components.look import alert, html
from dashboard.components.paint import spare_style_recalculations
from dashboard.components.store_problem import store_problem
from dashboard.components.upload import UploadPanel
from dashboard.config import get_settings
from dashboard.data import DataSource
from dashboard.errors import StoreError
from dashboard.markup import escape
from dashboard.serve.assets import serve_lean
from dashboard.serve.auth import role_of
from dashboard.state import LIST_FILTERS, PAGE_KEYS, SCALARS, DashboardState

TITLE = "Constructive Dialogues: who took part"
THEMES = ("default", "dark")
THEME_KEY = PAGE_KEYS[0]  # in the URL next to the state: it picks the page's theme
log = logging.getLogger(__name__)


def configure_panel() -> None:
    """Panel and Bokeh set to serve every asset locally (no CDN), with Tabulator loaded
    and without the BokehJS bundles no page uses (``serve.assets``).

    Bokeh's resources setting decides whether Panel points pages at a CDN; "server"
    makes both Bokeh's and Panel's extension files come from this server's /static.
    """
    bokeh_settings.resources.set_value("server")
    serve_lean()
    uploads = ["filedropper"] if get_settings().uploads_enabled else []  # the upload panel
    pn.extension("tabulator", *uploads, notifications=False, design="bootstrap")


def top_of_page() -> list[str]:
    """The views a screen shows first: the banners, then the first two rows (the headline
    and the first row of cards). They are refreshed before the others."""
    banners = [q.name for q in registry.on_page("banner")]
    return banners + [name for row in registry.rows()[:2] for name in row]


class Dashboard(pn.viewable.Viewer):
    """Every view, the filters and the selection bar, bound to one state.

    The views and their places are those of ``dashboard.registry``: ``views`` holds one
    component per question on the page, in page order.
    """

    state = param.ClassSelector(class_=DashboardState, allow_refs=False)
    source = param.ClassSelector(class_=DataSource, allow_refs=False)
    theme = param.Selector(default="default", objects=list(THEMES))
    staff = param.Boolean(default=True, doc="Mount the upload panel (the staff role's).")

    def __init__(self, **params):
        super().__init__(**params)
        shared = {"state": self.state, "source": self.source, "theme": self.theme}
        self.filter_panel = FilterPanel(state=self.state)
        self.selection_bar = SelectionBar(state=self.state)
        self.notices = alert("", "info", css_classes=("url-notices",), visible=False, margin=(5, 8))
        self.views = {q.name: q.component_class(**shared) for q in registry.on_page()}
        for name in top_of_page():
            self.views[name].early = True
        after_first_paint(
            view for view in self.views.values() if view.waits_for_first_paint and not view.early
        )
        self.upload = (
            UploadPanel(source=self.source, on_loaded=self.reload)
            if get_settings().uploads_enabled and self.staff
            else None
        )

    def components(self) -> list:
        """Every component that shows data (the banners and the cards)."""
        return list(self.views.values())

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
        text = escape(" ".join(notices))  # the link's own keys and values: text only
        self.notices.param.update(
            object=f'<p role="status"><b>Some of the link could not be applied.</b> {text}</p>',
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

        def row(names: tuple[str, ...]) -> pn.viewable.Viewable:
            if len(names) == 1 and registry.get(names[0]).place == "full":
                return v[names[0]]
            return pn.GridBox(*(v[n] for n in names), ncols=2, sizing_mode="stretch_width")

        return [
            *(v[q.name] for q in registry.on_page("banner")),
            self.notices,
            self.selection_bar,
            *(row(names) for names in registry.rows()),
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
        return [
            pn.Row(
                pn.layout.HSpacer(),
                *briefing_controls(self),
                *copy_link(),
                toggle,
                sizing_mode="stretch_width",
            )
        ]

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


# Copy link: the clipboard API exists only in a secure context (HTTPS or localhost); on
# plain HTTP elsewhere, or when the browser refuses, the link is shown selected in a
# read-only field to copy by hand. Either way the page says what happened.
COPY_LINK = """
const url = window.location.href;
const copied = () => { field.visible = false; status.text = 'Link copied'; };
const by_hand = () => {
  field.value = url;
  field.visible = true;
  status.text = 'Copy this link:';
  const select = (tries) => {
    const view = Bokeh.index.find_one(field);
    if (view && view.input_el && view.el.isConnected) {
      view.input_el.readOnly = true;
      view.input_el.focus();
      view.input_el.select();
    } else if (tries > 0) {
      requestAnimationFrame(() => select(tries - 1));
    }
  };
  select(600);
};
if (navigator.clipboard && navigator.clipboard.writeText) {
  navigator.clipboard.writeText(url).then(copied, by_hand);
} else {
  by_hand();
}
"""


def copy_link() -> list:
    """The Copy link button, the line that confirms it, and the fallback's field."""
    button = pn.widgets.Button(
        label="Copy link", color="light", width=110, margin=(0, 8), css_classes=["copy-link"]
    )
    status = pn.pane.HTML("", margin=(6, 4), css_classes=["copy-status"], styles={"color": "white"})
    field = pn.widgets.TextInput(
        value="", visible=False, width=320, margin=(0, 8), css_classes=["copy-field"]
    )
    button.js_on_click(args={"status": status, "field": field}, code=COPY_LINK)
    return [button, status, field]


def briefing_controls(dashboard: Dashboard) -> list:
    """The header's briefing controls: download the briefing pack, open the presenter."""
    return [BriefingButtons(state=dashboard.state, source=dashboard.source)]


def create_app(
    state: DashboardState | None = None,
    source: DataSource | None = None,
    theme: str | None = None,
    staff: bool = True,
) -> Dashboard:
    """The whole dashboard for a state (a fresh one by default) over a data source;
    ``staff=False`` leaves out the upload panel."""
    source = source if source is not None else DataSource()
    state = state if state is not None else DashboardState(source.options())
    return Dashboard(state=state, source=source, theme=theme or "default", staff=staff)


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


# Panel records each URL change as a browser history entry; Back and Forward change the
# address only. The page tells the server the address it moved to (through a hidden
# field, stamped so the same address twice is two changes) and the state follows in
# place: no reload, the scroll position kept. The Location model learns the address
# silently, so the server's echo of it adds no history entry (which would cut Forward
# off). A step across a theme change reloads: the theme is the page's, not the state's.
FOLLOW_HISTORY = """
history.scrollRestoration = 'manual';
const theme = new URLSearchParams(window.location.search).get('theme');
window.addEventListener('popstate', () => {
  const search = window.location.search;
  if (new URLSearchParams(search).get('theme') !== theme) {
    window.location.reload();
    return;
  }
  for (const doc of Bokeh.documents) {
    const models = [...doc._all_models.values()];
    const address = models.find((m) => (m.css_classes || []).includes('history-address'));
    const location = models.find((m) => m.constructor.__name__ === 'Location');
    if (!address || !location) continue;
    location.setv({search: search}, {silent: true});
    address.value = `${Date.now()} ${search}`;
  }
});
"""


def link_location(state: DashboardState, location, theme: str, on_notices=None):
    """Keep the browser's URL equal to the state (every filter and selection), and the
    state equal to the URL that Back and Forward go to.

    Returns the hidden field the page reports those addresses in: put it on the page.
    ``on_notices`` gets what such an address held that could not be applied.
    """

    def write(*events) -> None:
        location.search = query_for(state, theme)

    def follow(event) -> None:
        search = event.new.partition(" ")[2]
        location.search = search  # where the browser already is: no new history entry
        notices = state.apply_query_string(split_query(search)[0])
        if on_notices is not None:
            on_notices(notices)

    state.param.watch(write, [*LIST_FILTERS, *SCALARS])
    address = pn.widgets.TextInput(visible=False, css_classes=["history-address"])
    address.param.watch(follow, "value")
    if pn.state.curdoc is not None:
        pn.state.curdoc.js_on_event("document_ready", CustomJS(code=FOLLOW_HISTORY))
    return address


def shared_source() -> DataSource:
    """One DataSource per server process: its cache serves every browser session."""
    return pn.state.as_cached("dialogues-data-source", DataSource)


def serve_page() -> pn.template.BootstrapTemplate:
    """The page for one browser session: state from the URL, notices for what was ignored;
    the upload panel for the staff role only; what is wrong when the store cannot open."""
    configure_panel()
    spare_style_recalculations(pn.state.curdoc)
    try:
        source = shared_source()
        state = DashboardState(source.options())
    except StoreError as exc:
        log.error("the store cannot be opened: %s", exc)
        return pn.template.BootstrapTemplate(title=TITLE, main=[store_problem(exc)], favicon="")
    location = pn.state.location
    query, theme = split_query(location.search if location is not None else "")
    notices = state.apply_query_string(query)
    staff = role_of(pn.state.user, get_settings()) == "staff"
    app = create_app(state, source, theme=theme, staff=staff)
    app.show_notices(notices)
    page = app.template()
    if location is not None:
        page.header.append(link_location(state, location, theme, app.show_notices))
    return printable(page)


def publish(page: pn.viewable.Viewable, title: str) -> None:
    """``page.servable(title=title)``, with the document's index of models rebuilt once.

    A template adds each of its parts to the document as a root, and Bokeh walks every
    model of the document again after each one: a fifth of the page's build time.
    Frozen, the walk happens once, when the last part is in.
    """
    doc = pn.state.curdoc
    with doc.models.freeze() if doc is not None else contextlib.nullcontext():
        page.servable(title=title)


if pn.state.served or __name__.startswith("bokeh"):
    publish(serve_page(), TITLE)
