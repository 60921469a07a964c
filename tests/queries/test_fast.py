"""The questions over the rollups give exactly the plain queries' answers, and are used
only where the rollups match the store."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.config import get_settings
from dashboard.data import DataSource
from dashboard.queries import Filters, fast
from dashboard.registry import QUESTIONS, filters_read
from dashboard.store import rollups
from dashboard.store.generate import Plan, generate_store

FAST = sorted(name for name, question in QUESTIONS.items() if question.fast is not None)
STATES = {
    "none": Filters(),
    "registered": Filters(count="registered"),
    "sector": Filters(sectors=["Academia", "Private sector"]),
    "mode and role": Filters(modes=["online"], roles=["speaker", "participant"]),
    "in person, registered": Filters(modes=["in person"], count="registered"),
    "sessions": Filters(sessions=["CD-2022-TIP", "CD-2023-001", "BR-2024-001"]),
    "year and sector": Filters(years=[2022, 2024], sectors=["NGO / civil society"]),
    "series": Filters(series=["CD-2023"]),
    "topic": Filters(topics=["victim-protection"]),
    "region, registered": Filters(regions=["Europe"], count="registered"),
    "group and role": Filters(regional_groups=["WEOG"], roles=["chair"]),
    "countries": Filters(countries=["MEX", "AUT", "XXX"], modes=["online"]),
    "sub-region and year": Filters(sub_regions=["Western Europe"], years=[2023]),
    "nothing matches": Filters(sessions=["no-such-session"]),
    "everything at once": Filters(
        years=[2023, 2024],
        sectors=["Government", "Academia"],
        modes=["online"],
        roles=["participant"],
        topics=["victim-protection", "corruption"],
        count="registered",
    ),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A synthetic store: the 2022 series and 24 synthetic sessions over two years."""
    path = tmp_path_factory.mktemp("fast") / "scale6.duckdb"
    generate_store(path, get_settings().data_dir, Plan(scale=6, seed=11))
    return path


@pytest.fixture(scope="module")
def con(generated):
    with duckdb.connect(str(generated), read_only=True) as connection:
        yield connection


def _answer(con, query) -> pd.DataFrame:
    return con.execute(query.sql, query.params).df()


def _options(name: str) -> list[dict]:
    if name == "participants_by_area":
        return [
            {"level": level} for level in ("region", "sub_region", "un_regional_group", "country")
        ]
    return [{}]


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("name", FAST)
def test_the_fast_query_gives_the_plain_answer(con, name, state):
    question, filters = QUESTIONS[name], STATES[state]
    for options in _options(name):
        plain = _answer(con, question.build(filters, **options))
        fast = _answer(con, question.fast(filters, **options))
        pd.testing.assert_frame_equal(fast, plain, check_exact=True)


def test_the_states_compared_are_not_empty(con):
    """The comparison means something: most states have people, one has none."""
    counts = {
        state: _answer(con, QUESTIONS["headline"].build(filters)).loc[0, "participants"]
        for state, filters in STATES.items()
    }
    assert counts["nothing matches"] == 0
    assert sum(n > 0 for n in counts.values()) >= len(STATES) - 2
    assert counts["sessions"] < counts["none"] < counts["registered"]


@pytest.mark.parametrize("name", FAST)
def test_the_fast_query_reads_the_same_filters(name):
    question = QUESTIONS[name]
    assert filters_read(question.fast) == question.filters


@pytest.mark.parametrize("name", FAST)
def test_the_fast_query_takes_values_only_as_parameters(name):
    hostile = "x'); DROP TABLE participation; --"
    filters = Filters(sessions=[hostile], sectors=[hostile], topics=[hostile], regions=[hostile])
    for filters_given in (filters, filters.without("sessions", "topics")):
        query = QUESTIONS[name].fast(filters_given)
        assert hostile not in query.sql
        assert query.sql.count("?") == len(query.params)


def test_the_mask_admits_exactly_the_combinations_filtered():
    everything = rollups.combos_mask("attended", [], [])
    online_speakers = rollups.combos_mask("attended", ["online"], ["speaker"])
    assert online_speakers == rollups.combo_bit("attended", "online", "speaker")
    assert online_speakers & everything == online_speakers
    assert rollups.combo_bit("attended", None, "chair") & everything
    assert not rollups.combos_mask("registered", [], []) & everything
    assert not rollups.combos_mask("attended", ["in person"], []) & online_speakers


@pytest.mark.parametrize(
    "filters",
    [
        Filters(modes=["online"]),
        Filters(roles=["speaker", "chair"]),
        Filters(count="registered"),
        Filters(countries=["MEX"], modes=["in person"], roles=["participant"], count="registered"),
    ],
)
def test_people_narrowed_by_mode_role_or_count_are_read_from_rollup_people(filters):
    """Mode, role and count are bits of each person's ``combos``: their rows are not grouped."""
    params: list = []
    sql = fast.people(filters, params)
    assert "FROM rollup_people" in sql and fast.FACTS not in sql
    assert params[-1] == rollups.combos_mask(filters.count, filters.modes, filters.roles)


def test_people_in_chosen_sessions_are_grouped_from_their_rows():
    """A session filter is no attribute of a person: the rows of those sessions are read."""
    params: list = []
    sql = fast.people(Filters(sessions=["CD-2022-TIP"], modes=["online"]), params)
    assert f"FROM {fast.FACTS}" in sql and "rollup_people" not in sql
    assert params == ["CD-2022-TIP", "online"]


@pytest.mark.parametrize(
    "name", ["headline", "attendance_by_sector", "funnel", "returning_participants"]
)
def test_counts_without_a_place_filter_add_up_rollup_counts(name):
    """Every filter but a person's place is a column of rollup_counts; a place is not."""
    build = QUESTIONS[name].fast
    unplaced = Filters(
        series=["CD-2023"],
        years=[2023],
        sessions=["CD-2023-001"],
        sectors=["Academia"],
        modes=["online"],
        roles=["speaker"],
        topics=["corruption"],
        count="registered",
    )
    assert f"FROM {fast.COUNTS}" in build(unplaced).sql
    for place in ("regions", "sub_regions", "regional_groups", "countries"):
        sql = build(Filters(**{place: ["x"]})).sql
        assert fast.COUNTS not in sql and f"FROM {fast.FACTS}" in sql


def _copy(generated, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copy(generated.resolve(), path)
    return path


def test_the_data_source_asks_the_rollups_when_they_match(generated):
    source = DataSource(generated)
    assert source.rollups_current()
    assert f"FROM {fast.COUNTS}" in source.query("funnel").sql


def test_a_store_changed_without_refresh_is_asked_the_plain_queries(generated, tmp_path):
    path = _copy(generated, tmp_path)
    with duckdb.connect(str(path)) as con:  # a writer that did not refresh the rollups
        con.execute("UPDATE organizations SET sector = 'Academia' WHERE sector = 'Government'")
        plain = _answer(con, QUESTIONS["attendance_by_sector"].build(Filters()))
    source = DataSource(path)
    assert not source.rollups_current()
    assert "participation_facts" in source.query("attendance_by_sector").sql
    answer = source.attendance_by_sector()
    pd.testing.assert_frame_equal(answer, plain)
    assert "Government" not in set(answer["sector"])


def test_a_store_without_rollups_is_asked_the_plain_queries(generated, tmp_path):
    path = _copy(generated, tmp_path)
    with duckdb.connect(str(path)) as con:  # as written by a version without rollups
        for table in rollups.TABLES:
            con.execute(f"DROP TABLE {table}")
    source = DataSource(path)
    assert not source.rollups_current()
    assert source.headline().loc[0, "participants"] > 0


def test_refresh_brings_the_rollups_back_in_step(generated, tmp_path):
    path = _copy(generated, tmp_path)
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM participation WHERE session_id = 'CD-2022-TIP'")
        assert not rollups.ready(con)
        rollups.refresh(con)
        assert rollups.ready(con)
        fast = _answer(con, QUESTIONS["funnel"].fast(Filters()))
        plain = _answer(con, QUESTIONS["funnel"].build(Filters()))
    pd.testing.assert_frame_equal(fast, plain)
    assert "CD-2022-TIP" not in set(fast["session_id"])


def test_migrate_refreshes_rollups_a_store_lacks(generated, tmp_path, capsys):
    path = _copy(generated, tmp_path)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE rollup_info")
    assert not DataSource(path).rollups_current()
    assert main(["migrate", "--db", str(path)]) == 0
    assert DataSource(path).rollups_current()
