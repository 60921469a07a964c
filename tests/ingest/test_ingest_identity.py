"""Who a record is: internationalised e-mail addresses, people without an e-mail linked to
their registration, Kosovo, and organizations that are never merged when they differ."""

from __future__ import annotations

from conftest import pid, query, warnings

from dashboard.data import DataSource
from dashboard.ingest import ingest_files
from dashboard.ingest import normalize as nz
from dashboard.ingest.organizations import OrganizationIndex, distinctive
from dashboard.queries import Filters

HEADER = "name,email,organization,sector,country,session_id,mode,role,registered,attended\n"


def load_rows(store, tmp_path, name: str, *rows: str, kind=None):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), "utf-8")
    [summary] = ingest_files([path], "CD-2022-FA", kind=kind, db_path=store)
    return summary


def real_people(store) -> set[str]:
    rows = query(
        store,
        "SELECT participant_id FROM participation WHERE session_id = 'CD-2022-FA' "
        "AND NOT illustrative",
    )
    return {r[0] for r in rows}


def test_internationalised_addresses_are_accepted(store, tmp_path):
    summary = load_rows(
        store,
        tmp_path,
        "idn.csv",
        "José Núñez,José.Núñez@Example.org,Lisbon Lab,NGO,PT,,online,,yes,",
        "Zoë Berg,zoë@xn--exmple-cua.es,Oslo Forum,NGO,NO,,online,,yes,",
        "Wei Zhang,用户@例子.广告,Beijing Forum,NGO,CN,,online,,yes,",
    )
    assert (summary.loaded, summary.rejected, summary.warned) == (3, 0, 0)
    assert real_people(store) == {
        pid("josé.núñez@example.org"),
        pid("zoë@exämple.es"),  # the IDNA domain in its Unicode form: one mailbox
        pid("用户@例子.广告"),
    }


def test_people_without_an_email_link_to_their_registration(store, tmp_path):
    load_rows(
        store,
        tmp_path,
        "registrations.csv",
        "Ana Lima,ana@example.org,Lisbon Lab,NGO,PT,,online,,yes,",
        "Bo Chen,bo.one@example.org,Oslo Forum,NGO,NO,,online,,yes,",
        "Bo Chen,bo.two@example.org,Quito Hub,NGO,EC,,online,,yes,",
    )
    summary = load_rows(
        store,
        tmp_path,
        "attendance.csv",
        "LIMA  Ana,,,,,,online,,,yes",  # the name alone: one registrant is called so
        "Bo Chen,,Quito Hub,,,,online,,,yes",  # two are: the organization tells them apart
        "Bo Chen,,,,,,online,,,yes",  # two are, no organization: not linked
        "Cy Diaz,,,,,,online,,,yes",  # nobody of that name registered
        kind="attendance",
    )
    assert summary.linked_by_name == 2
    assert (
        "linked 2 people without an e-mail to their registration for the session by name"
        in summary.describe()
    )
    rows = dict(
        query(
            store,
            "SELECT participant_id, attended FROM participation WHERE session_id = 'CD-2022-FA' "
            "AND NOT illustrative",
        )
    )
    assert rows[pid("ana@example.org")] is True
    assert rows[pid("bo.two@example.org")] is True
    assert rows[pid("bo.one@example.org")] is False
    assert len(rows) == 5  # three registrants, the unlinked Bo Chen and Cy Diaz
    # the name hash is a keyed hash: no name in the store
    hashes = query(store, "SELECT name_hash FROM participants WHERE name_hash IS NOT NULL")
    assert len(hashes) == 5 and all(h.startswith("n-") for (h,) in hashes)
    assert not query(store, "SELECT 1 FROM participants WHERE name_hash ILIKE '%lima%'")


def test_kosovo_is_recognised_and_named_as_the_un_names_it(store, tmp_path):
    summary = load_rows(
        store,
        tmp_path,
        "kosovo.csv",
        "Ana Lima,ana@example.org,Prishtina Lab,NGO,Kosovo,,,,yes,yes",
    )
    assert warnings(store, summary.import_id) == []
    areas = DataSource(store).participants_by_area(
        Filters(sessions=("CD-2022-FA",)), level="country"
    )
    assert list(zip(areas["area"], areas["iso3"], strict=True)) == [
        ("Kosovo (under UNSC resolution 1244)", "XKX")
    ]
    assert [
        nz.country_iso3(v) for v in ("XKX", "Kosova", "Kosovo*", "Kosovo under UNSCR 1244")
    ] == ["XKX"] * 4


def test_organizations_differing_in_a_country_or_number_are_never_merged(store, tmp_path):
    first = load_rows(
        store,
        tmp_path,
        "first.csv",
        "Ana Lima,ana@example.org,Ministry of Interior Australia,Government,AU,,,,yes,",
        "Bo Chen,bo@example.org,Red Cross Society of Nigeria,NGO,NG,,,,yes,",
        "Cy Diaz,cy@example.org,Working Group 1 Secretariat,NGO,AT,,,,yes,",
        "Di Eng,di@example.org,Ministry of Justice,Government,FR,,,,yes,",
        "Ed Fox,ed@example.org,Sahel Women's Network,NGO,SN,,,,yes,",
    )
    assert first.fuzzy_matches == []
    second = load_rows(
        store,
        tmp_path,
        "second.csv",
        "Fay Gil,fay@example.org,Ministry of Interior Austria,Government,AT,,,,yes,",
        "Gus Ho,gus@example.org,Red Cross Society of Niger,NGO,NE,,,,yes,",
        "Hal Ito,hal@example.org,Working Group 2 Secretariat,NGO,AT,,,,yes,",
        "Ivy Jo,ivy@example.org,Ministry of Justice,Government,BE,,,,yes,",  # not France's
        "Jay Ka,jay@example.org,Sahel Womens Network,NGO,ML,,,,yes,",  # an NGO: no country
    )
    names = query(store, "SELECT name, country_iso3 FROM organizations WHERE NOT illustrative")
    assert sorted(names) == [
        ("Ministry of Interior Australia", "AUS"),
        ("Ministry of Interior Austria", "AUT"),
        ("Ministry of Justice", "BEL"),
        ("Ministry of Justice", "FRA"),
        ("Red Cross Society of Niger", None),
        ("Red Cross Society of Nigeria", None),
        ("Sahel Women's Network", None),
        ("Working Group 1 Secretariat", None),
        ("Working Group 2 Secretariat", None),
    ]
    assert second.fuzzy_matches == [
        {"row": 6, "name": "Sahel Womens Network", "matched": "Sahel Women's Network", "score": 93}
    ]
    assert (
        "matched organization 'Sahel Womens Network' (row 6) to 'Sahel Women's Network' "
        "(similarity 93): check it" in second.describe()
    )


def test_the_index_matches_what_shares_its_distinctive_words():
    index = OrganizationIndex(
        [
            (
                "o1",
                "ministry of interior australia",
                "Ministry of Interior Australia",
                "Government",
                "AUS",
            ),
            (
                "o2",
                "red cross society of nigeria",
                "Red Cross Society of Nigeria",
                "NGO / civil society",
                None,
            ),
        ],
        {"o1", "o2"},
        threshold=80,
    )
    assert index.match("ministry of interior australia", "AUS") == "o1"
    assert index.match("ministry of the interior australia", None) == "o1"  # fuzzy
    assert index.match("ministry of interior australia", "NZL") is None  # another country
    assert index.match("ministry of interior austria", None) is None
    assert index.match("red cross society of niger", None) is None
    assert index.match("red cross society nigeria", "NGA") == "o2"  # no country of its own
    assert distinctive("croix rouge du niger") == (frozenset({"NER"}), frozenset())
    assert distinctive("papua new guinea unit 7") == (frozenset({"PNG"}), frozenset({"7"}))
    assert distinctive("universidad de los andes") == (frozenset(), frozenset())
