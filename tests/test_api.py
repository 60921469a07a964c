"""The notebook facade: same numbers as DataSource, URL round trip, read-only SQL, views."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import dashboard
from dashboard import DashboardState, Dialogues, Filters, registry
from dashboard.components.charts import ChartComponent
from dashboard.errors import QueryError
from dashboard.ingest import ingest_files
from dashboard.registry import QUESTIONS

LINK = "http://vm.example:5006/app?sessions=CD-2022-FA,CD-2022-TIP&count=registered"


@pytest.fixture
def d(store_path) -> Dialogues:
    return dashboard.open(store_path)


def test_package_exports_the_facade_and_its_layers():
    for name in (
        "open",
        "Dialogues",
        "DashboardState",
        "Filters",
        "DataSource",
        "__version__",
        "suppress_small_cells",
    ):
        assert hasattr(dashboard, name), name
    assert dashboard.__version__ and dashboard.__doc__


def test_importing_dashboard_does_not_import_panel():
    code = "import sys, dashboard; dashboard.open; print('panel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_open_honours_dialogues_db(store_path, monkeypatch):
    monkeypatch.setenv("DIALOGUES_DB", str(store_path))
    assert dashboard.open().source.db_path == store_path


def test_state_offers_the_stores_choices(d):
    assert "CD-2022-FA" in d.state.choices("sessions")
    assert "Academia" in d.state.choices("sectors")
    assert d.filters == Filters()


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_every_question_is_a_method_with_the_same_numbers_as_datasource(d, source, question):
    d.state.sessions = ["CD-2022-FA", "CD-2022-TIP"]
    d.state.count = "registered"
    expected = source.ask(
        question, Filters(sessions=("CD-2022-FA", "CD-2022-TIP"), count="registered")
    )
    pd.testing.assert_frame_equal(getattr(d, question)(), expected)
    assert getattr(Dialogues, question).__doc__.startswith(QUESTIONS[question].build.__doc__)


def test_explicit_filters_override_the_state(d, source):
    d.state.sessions = ["CD-2022-FA"]
    both = Filters(sessions=("CD-2022-SOM", "CD-2022-TIP"))
    pd.testing.assert_frame_equal(d.funnel(both), source.funnel(both))
    assert d.state.sessions == ["CD-2022-FA"]  # asking never changes the state


def test_participants_by_area_follows_the_states_level(d, source):
    d.state.area_level = "country"
    pd.testing.assert_frame_equal(
        d.participants_by_area(), source.participants_by_area(Filters(), level="country")
    )
    assert (
        d.participants_by_area(level="region")["area"]
        .isin(["Africa", "Americas", "Asia", "Europe", "Oceania", "Unknown"])
        .all()
    )


def test_url_round_trip(d, store_path):
    d.apply_url(LINK)
    assert d.notices == []
    assert d.filters == Filters(sessions=("CD-2022-FA", "CD-2022-TIP"), count="registered")
    again = Dialogues.from_url(d.url("http://vm.example:5006/app"), store_path)
    assert again.filters == d.filters
    assert again.query_string() == "sessions=CD-2022-FA,CD-2022-TIP&count=registered"
    assert d.url("http://h/app") == "http://h/app?" + d.query_string()


def test_from_url_accepts_a_bare_query_string_and_reports_what_it_ignored(store_path):
    d = Dialogues.from_url("sessions=CD-2022-FA,CD-1999-X&colour=red", store_path)
    assert d.filters.sessions == ("CD-2022-FA",)
    assert any("CD-1999-X" in n for n in d.notices)
    assert any("colour" in n for n in d.notices)


def test_cleared_state_gives_a_bare_url(d):
    d.apply_url(LINK)
    d.state.clear()
    assert d.url("http://h/app") == "http://h/app" and d.query_string() == ""


def test_sql_takes_parameters(d):
    frame = d.sql(
        "SELECT count(*) AS n FROM participation_facts WHERE session_id = ? AND attended",
        ["CD-2022-FA"],
    )
    fa = d.funnel(Filters(sessions=("CD-2022-FA",)))
    assert int(frame.at[0, "n"]) == int(fa.at[0, "attended"])


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO series VALUES ('X', 'x', 2030, 'x')",
        "DELETE FROM participation",
        "CREATE TABLE mine AS SELECT 1",
        "DROP VIEW participation_facts",
    ],
)
def test_sql_and_connection_refuse_writes(d, statement):
    with pytest.raises(QueryError, match="read-only"):
        d.sql(statement)
    with d.connection as cursor, pytest.raises(Exception, match="read-only"):
        cursor.execute(statement)
    assert int(d.sql("SELECT count(*) AS n FROM series").at[0, "n"]) == 1


def test_connection_is_a_fresh_cursor_of_the_shared_connection(d):
    first, second = d.connection, d.connection
    assert first is not second
    first.close()
    assert second.execute("SELECT count(*) FROM sessions").fetchone()[0] == 4
    assert d.sql("SELECT 1 AS one").at[0, "one"] == 1  # closing a cursor left the rest open


def test_unknown_names_say_what_exists(d):
    with pytest.raises(QueryError, match="known"):
        d.ask("attendance_by_gender")
    with pytest.raises(AttributeError, match="views: headline"):
        _ = d.plot.attendance_by_gender
    assert sorted(dir(d.plot)) == sorted(registry.views())


def test_a_given_state_is_used_as_it_is(source):
    state = DashboardState(source.options(), sessions=["CD-2022-SOM"])
    d = Dialogues(source, state)
    assert d.state is state and d.filters.sessions == ("CD-2022-SOM",)


def test_repr_names_the_store_and_the_filters(d):
    d.state.sectors = ["Academia"]
    assert "Academia" in repr(d) and str(d.source.db_path) in repr(d)


# The questions drawn as charts on the page (from the registry: a new chart is tested too).
CHARTS = [q.name for q in registry.on_page() if issubclass(q.component_class, ChartComponent)]


def test_the_facade_knows_every_view_the_views_module_has():
    from dashboard import views

    assert set(registry.views()) == {
        name for name in QUESTIONS if callable(getattr(views, name, None))
    }


@pytest.mark.parametrize("name", CHARTS)
def test_chart_views_are_holoviews_objects_of_the_states_data(d, name):
    import holoviews as hv

    d.state.sessions = ["CD-2022-SOM", "CD-2022-TIP"]
    chart = getattr(d.plot, name)()
    assert isinstance(chart, hv.core.Dimensioned)
    assert d.view(name).__class__ is chart.__class__


def test_views_follow_the_states_display_options(d):
    d.state.shares = True
    bars = d.plot.attendance_by_sector()
    assert bars.data["value"].max() <= 100 and bars.vdims[0].label.startswith("Share")
    d.state.area_level = "country"
    places = d.plot.participants_by_area(top=5)
    assert len(places) == 5 and places.kdims[0].label == "Country"
    assert d.view("headline")["participants"].value == d.headline().at[0, "participants"]


def test_table_views_are_specs_with_their_rows(d):
    spec = d.view("published_vs_recorded")
    assert len(spec.frame) == len(d.published_vs_recorded()) and "Source" in spec.frame


def test_summary_is_the_dashboards_sentence_for_the_state(d):
    d.state.sessions = ["CD-2022-FA"]
    from dashboard import views

    assert d.summary("funnel") == views.summary("funnel", d.funnel())
    assert "1 session" in d.summary("funnel")


def test_a_cursor_may_keep_temp_tables_of_its_own(d):
    with d.connection as cursor:
        cursor.execute("CREATE TEMP TABLE mine AS SELECT session_id FROM sessions")
        assert cursor.execute("SELECT count(*) FROM mine").fetchone()[0] == 4
    with d.connection as other:
        assert (
            other.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mine'"
            ).fetchone()[0]
            == 0
        )


@pytest.fixture
def _panel_state():
    """Components register watchers and caches on Panel's global state: clean up after."""
    import panel as pn

    yield pn
    pn.state.reset()


def test_app_components_and_widgets_are_bound_to_the_facades_state(d, _panel_state):
    app, funnel, filters = d.app(), d.panel("funnel"), d.widgets()
    assert app.state is d.state and app.source is d.source
    assert funnel.state is d.state and filters.state is d.state
    d.state.sectors = ["Academia"]  # widgets and components follow the one state
    assert filters.widgets["sectors"].value == ["Academia"]
    pd.testing.assert_frame_equal(funnel.frame, d.funnel())
    filters.widgets["count"].value = "registered"  # ... and the state follows the widgets
    assert d.filters.count == "registered"


def test_app_and_panels_render_to_bokeh_models(d, _panel_state):
    from bokeh.model import Model

    for viewable in (d.app(), d.panel("attendance_by_sector"), d.widgets()):
        assert isinstance(_panel_state.panel(viewable).get_root(), Model)


def test_an_unknown_component_names_the_known_ones(d):
    with pytest.raises(KeyError, match="known"):
        d.panel("attendance_by_gender")


def test_the_contributions_table_follows_the_states_search(d):
    everything = d.view("contributions").frame
    d.state.search = "firearms"
    found = d.view("contributions").frame
    assert 0 < len(found) < len(everything)


def test_a_link_resets_every_key_it_does_not_name(d):
    d.state.param.update(
        sectors=["Academia"],
        topics=[d.state.choices("topics")[0]],
        count="registered",
        search="x",
        shares=True,
        area_level="country",
    )
    d.apply_url("http://h/app?sessions=CD-2022-FA")
    assert d.url("http://h/app") == "http://h/app?sessions=CD-2022-FA"
    assert d.filters == Filters(sessions=("CD-2022-FA",))
    assert (d.state.search, d.state.shares, d.state.area_level) == ("", False, "region")


def test_a_link_replaces_list_filters_it_does_not_name(d):
    d.state.param.update(sectors=["Academia"], modes=["online"])
    d.apply_url("count=registered")
    assert d.filters == Filters(count="registered")


def test_a_value_the_link_gets_wrong_leaves_the_default_not_the_old_value(d):
    d.state.param.update(count="registered", shares=True)
    notices = d.apply_url("count=sideways&shares=maybe")
    assert len(notices) == 2
    assert (d.state.count, d.state.shares) == ("attended", False)


def test_imports_lists_what_was_loaded(store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", "api-test-key")
    db = tmp_path / "store.duckdb"
    shutil.copy(store_path, db)
    d = Dialogues.open(db)
    assert d.imports().empty  # the illustrative sample is not a loaded import
    exports = Path(__file__).parent / "fixtures" / "exports"
    [summary] = ingest_files([exports / "zoom_participants_2022.csv"], "CD-2022-FA", db_path=db)
    listed = d.imports()
    assert listed[
        ["import_id", "file_name", "session_id", "loaded", "rejected"]
    ].values.tolist() == [[summary.import_id, "zoom_participants_2022.csv", "CD-2022-FA", 8, 0]]


def public_callables():
    """Every public function of the notebook API: ``dashboard.open``, ``Dialogues``'
    methods (the generated question methods included) and class methods."""
    yield "dashboard.open", dashboard.open
    for name in dir(Dialogues):
        member = getattr(Dialogues, name)
        if not name.startswith("_") and callable(member):
            yield f"Dialogues.{name}", member


@pytest.mark.parametrize(("name", "function"), list(public_callables()))
def test_help_says_what_each_public_function_returns_with_an_example(name, function):
    doc = function.__doc__ or ""
    assert "Returns" in doc, f"help({name}) does not say what it returns"
    assert ">>> " in doc, f"help({name}) gives no example"


def test_the_question_methods_are_in_the_list_checked():
    names = {name for name, _ in public_callables()}
    assert {f"Dialogues.{q}" for q in QUESTIONS} <= names and "Dialogues.ask" in names
