"""The built-in 2022 dataset: published facts, and a sample that agrees with every figure."""

from __future__ import annotations

import csv

import pytest

from dashboard.config import get_settings
from dashboard.queries import Filters
from dashboard.store import open_store
from dashboard.store.build import build_store

SERIES_DIR = get_settings().data_dir / "series" / "2022"


def published() -> list[dict]:
    with open(SERIES_DIR / "published_figures_2022.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_four_2022_meetings_on_three_dates(store_path):
    con = open_store(store_path)
    rows = con.execute(
        "SELECT session_id, CAST(date AS VARCHAR), short_title FROM sessions "
        "ORDER BY date, session_id"
    ).fetchall()
    assert rows == [
        ("CD-2022-FA", "2022-05-06", "Firearms"),
        ("CD-2022-ICTA", "2022-05-27", "International Cooperation and Technical Assistance"),
        ("CD-2022-SOM", "2022-07-01", "Smuggling of Migrants"),
        ("CD-2022-TIP", "2022-07-01", "Trafficking in Persons"),
    ]
    groups = con.execute(
        "SELECT count(*) FROM session_working_groups WHERE session_id = 'CD-2022-ICTA'"
    ).fetchone()[0]
    assert groups == 2  # 27 May followed two working groups


def test_every_published_figure_is_loaded_with_its_source(store_path):
    con = open_store(store_path)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT figure_id, value, unit, qualifier, source_title, source_url "
            "FROM published_figures"
        ).fetchall()
    }
    for fig in published():
        value, unit, qualifier, title, url = rows[fig["figure_id"]]
        assert (value, unit, qualifier, title) == (
            int(fig["value"]),
            fig["unit"],
            fig["qualifier"],
            fig["source_title"],
        )
        assert url == (fig["source_url"] or None)
    spans = con.execute(
        "SELECT session_id FROM published_figure_sessions WHERE figure_id = 'F10' ORDER BY 1"
    ).fetchall()
    assert spans == [("CD-2022-SOM",), ("CD-2022-TIP",)]


@pytest.mark.parametrize("fig", published(), ids=lambda f: f["figure_id"])
def test_the_sample_reproduces_each_published_figure(source, fig):
    row = source.published_vs_recorded().set_index("figure_id").loc[fig["figure_id"]]
    value, recorded = int(fig["value"]), int(row["recorded"])
    if fig["qualifier"] == "exactly":
        assert recorded == value
    else:
        assert recorded > value
    assert bool(row["agrees"])


def test_people_and_organizations_are_kept_apart(source):
    """6 May: 43 organizations and over 100 people from the same three sectors."""
    figures = source.published_vs_recorded().set_index("figure_id")
    assert figures.loc["F02", "recorded_as"] == "organizations"
    assert figures.loc["F01", "recorded_as"] == "people"
    assert (figures.loc["F01", "recorded"], figures.loc["F02", "recorded"]) == (104, 43)


def test_the_sample_covers_what_the_dashboard_shows(store_path):
    con = open_store(store_path)

    def distinct(sql: str) -> set:
        return {r[0] for r in con.execute(sql).fetchall()}

    assert distinct("SELECT sector FROM participation_facts WHERE attended") == {
        "Government",
        "IGO / UN entity",
        "NGO / civil society",
        "Academia",
        "Private sector",
        "Other / unknown",
    }
    assert distinct("SELECT mode FROM participation WHERE attended") == {"in person", "online"}
    assert distinct("SELECT role FROM participation WHERE attended") == {
        "chair",
        "panellist",
        "speaker",
        "participant",
        "organizer",
    }
    assert distinct("SELECT kind FROM submissions") == {
        "oral statement",
        "written submission",
        "recommendation",
        "good practice",
    }
    assert distinct("SELECT gender FROM participants") == {"female", "male", "other", None}
    returning = con.execute(
        "SELECT count(*) FROM (SELECT participant_id FROM participation "
        "WHERE attended GROUP BY 1 HAVING count(*) > 1)"
    ).fetchone()[0]
    assert returning > 10
    no_shows = con.execute(
        "SELECT count(*) FROM participation WHERE registered AND NOT attended"
    ).fetchone()[0]
    assert no_shows > 50


def test_each_session_has_100_to_150_participants(source):
    attended = source.funnel().set_index("session_id")["attended"]
    assert attended.between(100, 150).all(), attended.to_dict()


def test_every_sample_row_is_marked_illustrative(store_path):
    con = open_store(store_path)
    for table in ("organizations", "participants", "participation", "submissions"):
        flags = {r[0] for r in con.execute(f"SELECT DISTINCT illustrative FROM {table}").fetchall()}
        assert flags == {True}, table
    assert con.execute("SELECT format, illustrative FROM imports").fetchall() == [
        ("illustrative-sample", True)
    ]


def test_sample_topics_come_from_the_session_topics(store_path):
    con = open_store(store_path)
    own = con.execute("""
        SELECT avg(CAST(EXISTS (SELECT 1 FROM session_topics x WHERE x.session_id = s.session_id
                                AND x.topic_id = st.topic_id) AS INTEGER))
        FROM submission_topics st JOIN submissions s USING (submission_id)""").fetchone()[0]
    assert 0.8 < own < 1.0  # mostly the session's own themes, now and then another


def test_sources_named_speakers_appear_in_their_roles(store_path):
    con = open_store(store_path)
    rows = con.execute("""
        SELECT o.name, pa.role FROM participation pa JOIN participants p USING (participant_id)
        JOIN organizations o USING (organization_id)
        WHERE pa.session_id = 'CD-2022-ICTA' AND o.name IN
          ('Centre for Governance Research (CGR)', 'Amal (Hope)')
          AND pa.role = 'speaker'""").fetchall()
    assert {r[0] for r in rows} == {"Centre for Governance Research (CGR)", "Amal (Hope)"}


def test_the_build_is_deterministic(tmp_path, store_path):
    again = tmp_path / "again.duckdb"
    build_store(again, get_settings().data_dir)
    query = "SELECT content_sha256 FROM imports WHERE format = 'illustrative-sample'"
    assert (
        open_store(again).execute(query).fetchall()
        == open_store(store_path).execute(query).fetchall()
    )


def test_no_raw_email_addresses_in_the_sample(store_path):
    con = open_store(store_path)
    assert (
        con.execute(
            "SELECT count(*) FROM participants WHERE email IS NOT NULL OR participant_id LIKE '%@%'"
        ).fetchone()[0]
        == 0
    )


def test_headline_for_all_of_2022(source):
    h = source.headline(Filters(years=[2022])).iloc[0]
    assert h["sessions"] == 4
    assert (
        h["participants"]
        == source.sql(
            "SELECT count(DISTINCT participant_id) FROM participation WHERE attended"
        ).iloc[0, 0]
    )
