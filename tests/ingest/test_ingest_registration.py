"""Microsoft Forms (English and French tenants) and Indico (CSV and XLSX) registrations."""

from __future__ import annotations

from conftest import load, name_pid, participation, people, pid, query, rejects, warnings


def test_forms_english_anonymous_responses(store):
    summary = load(store, "forms_registration_en.xlsx", "CD-2022-FA")
    assert (
        summary.format,
        summary.kind,
        summary.records_read,
        summary.loaded,
        summary.rejected,
        summary.participants,
    ) == ("msforms-registration", "registration", 8, 7, 1, 6)
    kwame = name_pid("kwame mensah", "accra community justice centre")
    assert participation(store, "CD-2022-FA") == {
        pid("amina.diallo@example.org"): (True, "complete", False, "online", "participant", None),
        pid("lukas.berger@example.org"): (
            True,
            "complete",
            False,
            "in person",
            "participant",
            None,
        ),
        kwame: (True, "complete", False, "online", "participant", None),
        # 'In-person and online' says nothing certain: mode not known
        pid("chen.wei@example.org"): (True, "complete", False, None, "participant", None),
        # a sector label and a country that cannot be read lose nobody
        pid("john.smith@example.org"): (True, "complete", False, "online", "participant", None),
        pid("zoe.clark@example.org"): (True, "complete", False, "online", "participant", None),
    }
    assert people(store, "CD-2022-FA") == {
        pid("amina.diallo@example.org"): ("Sahel Women's Network", "NGO / civil society", "SEN"),
        pid("lukas.berger@example.org"): (
            "Institute for Security Studies Europe",
            "Academia",
            "DEU",
        ),
        kwame: ("Accra Community Justice Centre", "NGO / civil society", "GHA"),
        pid("chen.wei@example.org"): ("Asia Pacific Rule of Law Institute", "Academia", "CHN"),
        pid("john.smith@example.org"): ("Smith Family Foundation", "Other / unknown", "USA"),
        pid("zoe.clark@example.org"): ("Atlantis Policy Lab", "Academia", None),
    }
    assert rejects(store, summary.import_id) == [
        (7, "Email address", "no e-mail address and no name: cannot tell who this is"),
    ]
    assert warnings(store, summary.import_id) == [
        (
            5,
            "Type of organization",
            "Foundation",
            "not in data/reference/sector_labels.csv; stored as Other / unknown: add a line "
            "for it (label,language,sector), then run `dialogues remap`",
        ),
        (
            6,
            "Country",
            "Atlantis",
            "is not a country name or code we recognise (English, French or Spanish name, "
            "or ISO code); stored as unknown; add it to the country aliases, then run "
            "`dialogues remap`",
        ),
    ]
    assert [w["message"] for w in summary.warnings][:1] == [
        "row 5, column Type of organization: 'Foundation' not in "
        "data/reference/sector_labels.csv; stored as Other / unknown: add a line for it "
        "(label,language,sector), then run `dialogues remap`"
    ]
    assert summary.warned == 2
    assert summary.unmapped_sector_labels == ["Foundation"]
    # the raw values are kept for `dialogues remap`
    assert query(
        store, "SELECT sector_label FROM organizations WHERE name = 'Smith Family Foundation'"
    ) == [("Foundation",)]
    assert query(
        store,
        "SELECT country_label FROM participants WHERE participant_id = ?",
        [pid("zoe.clark@example.org")],
    ) == [("Atlantis",)]


def test_forms_french_tenant(store):
    summary = load(store, "forms_registration_fr.xlsx", "CD-2022-ICTA")
    assert (summary.records_read, summary.loaded, summary.rejected) == (5, 5, 0)
    rows = participation(store, "CD-2022-ICTA")
    assert rows[pid("claire.dubois@example.org")] == (
        True,
        "complete",
        False,
        "in person",
        "participant",
        None,
    )
    assert rows[pid("ana.sousa@example.org")][3] is None  # 'Hybride'
    assert people(store, "CD-2022-ICTA") == {
        pid("claire.dubois@example.org"): (
            "Observatoire des migrations",
            "NGO / civil society",
            "CIV",
        ),
        pid("marc.petit@example.org"): ("Ministère de la Justice", "Government", "BEL"),
        pid("nadia.haddad@example.org"): ("Université Saint-Joseph", "Academia", "LBN"),
        pid("hugo.martin@example.org"): ("Martin & Fils SARL", "Private sector", "FRA"),
        pid("ana.sousa@example.org"): ("Observatório de Migrações", "IGO / UN entity", "PRT"),
    }


def test_indico_csv_states_and_check_in(store):
    summary = load(store, "indico_registrants.csv", "CD-2022-TIP")
    assert (summary.format, summary.records_read, summary.loaded, summary.rejected) == (
        "indico-registrants",
        6,
        6,
        0,
    )
    assert participation(store, "CD-2022-TIP") == {
        pid("amina.diallo@example.org"): (True, "complete", True, "in person", "participant", None),
        pid("pierre.lefevre@example.org"): (True, "complete", False, None, "participant", None),
        pid("mariam.yusuf@example.org"): (False, "withdrawn", False, None, "participant", None),
        pid("hugo.martin@example.org"): (True, "pending", False, None, "participant", None),
        # 'li.na@example' is no address, but names her mailbox: her pseudonym comes from it
        pid("li.na@example"): (True, "complete", False, None, "participant", None),
        pid("omar.farouk@example.org"): (True, "complete", True, "in person", "participant", None),
    }
    assert people(store, "CD-2022-TIP")[pid("omar.farouk@example.org")] == (
        "Cairo Migration Observatory",
        "Other / unknown",
        "EGY",
    )
    assert people(store, "CD-2022-TIP")[pid("pierre.lefevre@example.org")] == (
        "Université de Genève",
        "Academia",
        "CHE",
    )
    assert rejects(store, summary.import_id) == []
    # the odd address is neither shown nor kept
    assert [w[:3] for w in warnings(store, summary.import_id)] == [
        (6, "Email Address", "[removed]"),
        (7, "Type of organisation", "Observatory"),
    ]
    assert warnings(store, summary.import_id)[0][3] == (
        "not an e-mail address; the person is identified by it as written"
    )
    assert "li.na" not in summary.describe() and "li.na" not in str(summary.to_dict())


def test_indico_xlsx(store):
    summary = load(store, "indico_registrants.xlsx", "CD-2022-SOM")
    assert (summary.records_read, summary.loaded, summary.rejected) == (5, 5, 0)
    assert participation(store, "CD-2022-SOM") == {
        pid("ana.sousa@example.org"): (True, "complete", False, None, "participant", None),
        pid("grace.otieno@example.org"): (True, "complete", True, "in person", "participant", None),
        pid("tomas.vidal@example.org"): (
            True,
            "awaiting payment",
            False,
            None,
            "participant",
            None,
        ),
        pid("youssef.amrani@example.org"): (False, "rejected", False, None, "participant", None),
        # 'On hold' is no state Indico documents: registration not known
        pid("ola.nordmann@example.org"): (False, None, False, None, "participant", None),
    }
    assert people(store, "CD-2022-SOM")[pid("youssef.amrani@example.org")] == (
        "Rabat Rights Centre",
        "NGO / civil society",
        "MAR",
    )
    assert warnings(store, summary.import_id) == [
        (
            6,
            "Registration state",
            "On hold",
            "not an Indico registration state; registration not known",
        )
    ]


def test_registration_then_attendance_is_one_person_per_session(store):
    load(store, "indico_registrants.csv", "CD-2022-TIP")
    load(store, "teams_attendance_sentencecase_2023.csv", "CD-2022-TIP")
    assert participation(store, "CD-2022-TIP") == {
        # checked in at the venue and organizer online: stays 'in person'
        pid("amina.diallo@example.org"): (True, "complete", True, "in person", "organizer", 151),
        pid("pierre.lefevre@example.org"): (True, "complete", True, "online", "participant", 60),
        pid("mariam.yusuf@example.org"): (False, "withdrawn", False, "online", "participant", 2),
        pid("hugo.martin@example.org"): (True, "pending", False, None, "participant", None),
        pid("ana.sousa@example.org"): (False, None, True, "online", "organizer", 146),
        pid("li.na@example"): (True, "complete", False, None, "participant", None),
        pid("omar.farouk@example.org"): (True, "complete", True, "in person", "participant", None),
        pid("jonas.keller@example.org"): (False, None, False, "online", "participant", None),
    }
    # and across sessions: Amina is one participant in TIP and in FA
    load(store, "forms_registration_en.xlsx", "CD-2022-FA")
    assert query(
        store,
        "SELECT count(DISTINCT session_id) FROM participation WHERE participant_id = ?",
        [pid("amina.diallo@example.org")],
    ) == [(2,)]


def test_attendance_then_registration_gives_the_same_rows(store):
    load(store, "teams_attendance_sentencecase_2023.csv", "CD-2022-TIP")
    load(store, "indico_registrants.csv", "CD-2022-TIP")
    rows = participation(store, "CD-2022-TIP")
    assert rows[pid("amina.diallo@example.org")] == (
        True,
        "complete",
        True,
        "in person",
        "organizer",
        151,
    )
    assert rows[pid("pierre.lefevre@example.org")] == (
        True,
        "complete",
        True,
        "online",
        "participant",
        60,
    )


def test_a_registration_after_attendance_adds_organization_and_country(store):
    load(store, "teams_attendance_sentencecase_2023.csv", "CD-2022-TIP")
    assert people(store, "CD-2022-TIP")[pid("pierre.lefevre@example.org")] == (None, None, None)
    load(store, "indico_registrants.csv", "CD-2022-TIP")
    assert people(store, "CD-2022-TIP")[pid("pierre.lefevre@example.org")] == (
        "Université de Genève",
        "Academia",
        "CHE",
    )
    assert people(store, "CD-2022-TIP")[pid("hugo.martin@example.org")] == (
        "Martin & Fils SARL",
        "Private sector",
        "FRA",
    )
    assert query(
        store,
        "SELECT count(*) FROM participants WHERE participant_id = ?",
        [pid("pierre.lefevre@example.org")],
    ) == [(1,)]
