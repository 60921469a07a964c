"""Nobody is lost over one field: values that cannot be read are stored as unknown, their
raw text kept, and reported as warnings; only a record that names nobody is rejected."""

from __future__ import annotations

from conftest import pid, query, rejects, snapshot, warnings

from dashboard.data import DataSource
from dashboard.ingest import ingest_files
from dashboard.queries import Filters

HEADER = "name,email,organization,sector,country,session_id,mode,role,registered,attended\n"


def load_rows(store, tmp_path, *rows: str, name="registrations.csv", session="CD-2022-FA"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), "utf-8")
    [summary] = ingest_files([path], session, db_path=store)
    return summary


def test_an_odd_email_still_identifies_the_person_and_is_never_stored(store, tmp_path):
    summary = load_rows(
        store,
        tmp_path,
        ",kim@example,Lisbon Lab,NGO,Portugal,,online,,yes,yes",  # no name: the address
        "Ola Berg,n/a,Oslo Forum,NGO,Norway,,online,,yes,yes",  # no address: the name
        ",n/a,Nowhere Lab,NGO,Norway,,online,,yes,yes",  # nobody
    )
    assert (summary.loaded, summary.rejected, summary.participants) == (2, 1, 2)
    assert rejects(store, summary.import_id) == [
        (4, "email", "no e-mail address and no name: cannot tell who this is")
    ]
    # the rejected row's unreadable address is reported once, as part of the reject
    assert warnings(store, summary.import_id) == [
        (
            2,
            "email",
            "[removed]",
            "not an e-mail address; the person is identified by it as written",
        ),
        (3, "email", "[removed]", "not an e-mail address; ignored"),
    ]
    stored = query(
        store,
        "SELECT participant_id FROM participation WHERE session_id = 'CD-2022-FA' "
        "AND NOT illustrative",
    )
    assert (pid("kim@example"),) in stored
    assert "kim@example" not in repr(snapshot(store))
    assert "kim@example" not in summary.describe() + repr(summary.to_dict())


def test_unknown_sectors_and_countries_are_counted_on_the_dashboard(store, tmp_path):
    summary = load_rows(
        store,
        tmp_path,
        "Ana Lima,ana@example.org,Lisbon Lab,Academia / research institute,PT,,online,,yes,yes",
        "Bo Chen,bo@example.org,Oslo Forum,NGO,Atlantis,,online,,yes,yes",
        "Cy Diaz,cy@example.org,Quito Hub,NGO,Ecuador,,online,,yes,yes",
    )
    assert (summary.loaded, summary.rejected, summary.warned) == (3, 0, 2)
    source = DataSource(store)
    filters = Filters(sessions=("CD-2022-FA",))
    assert source.headline(filters).loc[0, "participants"] == 3
    sectors = source.attendance_by_sector(filters).set_index("sector")["participants"]
    assert sectors.to_dict() == {"NGO / civil society": 2, "Other / unknown": 1}
    areas = source.participants_by_area(filters, level="country").set_index("area")
    assert areas.loc["Unknown", "participants"] == 1


def test_a_later_file_gives_an_unknown_sector_its_mapping(store, tmp_path):
    load_rows(store, tmp_path, "Ana Lima,ana@example.org,Lisbon Lab,Think-tank hybrid,PT,,,,yes,")
    assert query(
        store, "SELECT sector, sector_label FROM organizations WHERE name = 'Lisbon Lab'"
    ) == [("Other / unknown", "Think-tank hybrid")]
    load_rows(
        store,
        tmp_path,
        "Rui Melo,rui@example.org,Lisbon Lab,Think tank,PT,,,,yes,",
        name="later.csv",
    )
    assert query(
        store, "SELECT sector, sector_label FROM organizations WHERE name = 'Lisbon Lab'"
    ) == [("Academia", "Think tank")]


def test_a_short_row_is_loaded_with_a_warning(store, tmp_path):
    summary = load_rows(store, tmp_path, "Ana Lima,ana@example.org,Lisbon Lab")
    assert (summary.loaded, summary.rejected) == (1, 0)
    assert warnings(store, summary.import_id) == [
        (2, None, None, "only 3 of the 10 columns are there; the missing cells are empty")
    ]
