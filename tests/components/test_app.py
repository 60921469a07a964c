"""The app: the whole dashboard from ``create_app``; the URL kept equal to the state."""

from __future__ import annotations

import os
import subprocess
import sys

import panel as pn
import param

from dashboard import registry
from dashboard.app import Dashboard, create_app, link_location, query_for, split_query

# The cards of the page before any question was added, top to bottom (a new one may go
# anywhere between them: only their order is checked).
CARDS = [
    "illustrative_sessions",
    "headline",
    "attendance_by_sector",
    "topics_per_session",
    "contributions_over_time",
    "participants_by_area",
    "funnel",
    "returning_participants",
    "published_vs_recorded",
    "contributions",
]


def test_create_app_builds_every_view(state, source):
    app = create_app(state=state, source=source)
    assert isinstance(app, Dashboard)
    # Every question on the page, in page order: from the registry, so a question is
    # expected here as soon as it is declared; the cards already there keep their order.
    assert list(app.views) == [q.name for q in registry.on_page()]
    assert [name for name in app.views if name in CARDS] == CARDS
    assert isinstance(app.__panel__(), pn.Row)
    page = app.template()
    assert isinstance(page, pn.template.BootstrapTemplate)
    assert page.theme.__name__ == "DefaultTheme"
    dark = create_app(state=state, source=source, theme="dark").template()
    assert dark.theme.__name__ == "DarkTheme"


def test_notices_are_shown_only_when_there_are_some(state, source):
    app = create_app(state=state, source=source)
    assert not app.notices.visible
    app.show_notices(state.apply_query_string("sectors=Nope&colour=red"))
    assert app.notices.visible and "Nope" in app.notices.object and "colour" in app.notices.object


def test_a_links_keys_and_values_reach_the_notice_as_text_only(state, source):
    app = create_app(state=state, source=source)
    app.show_notices(state.apply_query_string("sectors=<img src=x onerror=alert(1)>&<svg>=1"))
    assert isinstance(app.notices, pn.pane.HTML) and not isinstance(app.notices, pn.pane.Markdown)
    assert "<img" not in app.notices.object and "<svg" not in app.notices.object
    assert "&lt;img src=x onerror=alert(1)&gt;" in app.notices.object
    assert "&lt;svg&gt;" in app.notices.object


def test_theme_travels_in_the_url_beside_the_state(state):
    assert split_query("?sectors=Academia&theme=dark") == ("sectors=Academia", "dark")
    assert split_query("theme=neon") == ("", "default")
    state.sectors = ["Academia"]
    assert query_for(state, "dark") == "?sectors=Academia&theme=dark"
    state.clear()
    assert query_for(state, "default") == ""


class FakeLocation(param.Parameterized):
    search = param.String(default="")


def test_the_url_follows_every_state_change(state):
    location = FakeLocation()
    link_location(state, location, "default")
    state.param.update(sessions=["CD-2022-FA"], count="registered")
    assert location.search == "?sessions=CD-2022-FA&count=registered"
    state.search = "victim"
    assert location.search.endswith("&search=victim")
    state.clear()
    assert location.search == ""


def test_back_and_forward_set_the_state_from_the_address_the_browser_reports(state):
    location, notices = FakeLocation(), []
    address = link_location(state, location, "default", notices.append)
    state.sectors = ["Academia"]
    address.value = "1 ?sessions=CD-2022-FA&count=registered"  # Back went there
    assert (state.sessions, state.sectors, state.count) == (["CD-2022-FA"], [], "registered")
    assert location.search == "?sessions=CD-2022-FA&count=registered"
    assert notices == [[]]
    address.value = "2 ?sectors=Nope"  # an address it went to before: a new stamp, a change
    assert state.sessions == [] and "Nope" in notices[-1][0]


def test_importing_the_app_module_neither_serves_nor_opens_a_store(tmp_path):
    db = tmp_path / "never.duckdb"
    code = (
        "import panel as pn, dashboard.app as app\n"
        "assert not pn.state._views and not pn.state.cache, 'served or cached at import'\n"
    )
    env = {**os.environ, "DIALOGUES_DB": str(db)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not db.exists()


def test_reload_after_an_upload_asks_every_view_again(state, source, monkeypatch):
    app = create_app(state=state, source=source)
    asked = []
    original = source.ask

    def counting(question, *args, **kwargs):
        asked.append(question)
        return original(question, *args, **kwargs)

    monkeypatch.setattr(source, "ask", counting)
    app.reload()
    assert {"headline", "funnel", "contributions", "illustrative_sessions"} <= set(asked)


def test_the_upload_panel_follows_the_setting(state, source, monkeypatch):
    assert create_app(state=state, source=source).upload is not None
    monkeypatch.setenv("DIALOGUES_UPLOADS", "false")
    app = create_app(state=state, source=source)
    assert app.upload is None and all(p is not None for p in app.sidebar())


def test_only_staff_get_the_upload_panel(state, source):
    assert create_app(state=state, source=source).upload is not None
    viewer = create_app(state=state, source=source, staff=False)
    assert viewer.upload is None
    assert not any("upload" in str(type(part)).lower() for part in viewer.sidebar())


def test_the_top_of_the_page_is_marked_to_be_refreshed_first(state, source):
    from dashboard.app import top_of_page

    app = create_app(state, source)
    first_row = registry.rows()[1]
    assert top_of_page() == ["illustrative_sessions", "headline", *first_row]
    assert [name for name, view in app.views.items() if view.early] == top_of_page()


def test_the_top_of_the_page_is_refreshed_first_then_each_other_view_on_a_tick_of_its_own(
    monkeypatch,
):
    """The views marked early are refreshed together at once; each of the others on a
    later tick of its own (a message of its own), in page order."""
    from bokeh.document import Document

    from dashboard.components import base

    refreshed: list[str] = []
    later: list = []

    class View:
        def __init__(self, question: str, early: bool):
            self.question, self.early = question, early

        def refresh(self) -> None:
            refreshed.append(self.question)

    monkeypatch.setattr(base.pn.state, "execute", lambda call, schedule=False: later.append(call))
    doc = Document()
    base._BATCHES[doc] = [
        View("headline", True),
        View("funnel", False),
        View("topics", True),
        View("returning", False),
    ]
    base._refresh_batch(doc)
    assert refreshed == ["headline", "topics"] and len(later) == 2
    later.pop(0)()
    assert refreshed == ["headline", "topics", "funnel"]
    later.pop(0)()
    assert refreshed == ["headline", "topics", "funnel", "returning"] and not later
    base._BATCHES[doc] = [View("funnel", False), View("contributions", False)]
    base._refresh_batch(doc)  # nothing early: all at once
    assert refreshed[4:] == ["funnel", "contributions"] and not later
