"""The participation and submissions templates (CSV, French-Excel CSV, XLSX)."""

from __future__ import annotations

from datetime import date

from conftest import load, name_pid, participation, people, pid, query, rejects, warnings

from dashboard.ingest import neutralize_formula


def test_participation_template_csv(store):
    summary = load(store, "template_participation.csv", "CD-2022-FA")
    assert (summary.format, summary.records_read, summary.loaded, summary.rejected) == (
        "template-participation",
        7,
        6,
        1,
    )
    assert participation(store, "CD-2022-FA") == {
        pid("amina.diallo@example.org"): (True, None, True, "in person", "panellist", None),
        pid("lukas.berger@example.org"): (True, None, True, "online", "speaker", None),
        pid("eva.novak@example.org"): (True, None, False, "online", "participant", None),
        pid("raj.patel@example.org"): (True, None, False, "in person", "participant", None),
        pid("fatou.ndiaye@example.org"): (True, None, False, "online", "participant", None),
        # a role that cannot be read: stored as participant, with a warning
        pid("ian.moore@example.org"): (True, None, True, "online", "participant", None),
    }
    orgs = people(store, "CD-2022-FA")
    # 'Sahel Womens Network' is matched to "Sahel Women's Network" (fuzzy, same file)
    assert (
        orgs[pid("fatou.ndiaye@example.org")]
        == orgs[pid("amina.diallo@example.org")]
        == ("Sahel Women's Network", "NGO / civil society", "SEN")
    )
    assert orgs[pid("lukas.berger@example.org")] == (
        "Institute for Security Studies Europe",
        "Academia",
        "DEU",
    )
    assert rejects(store, summary.import_id) == [
        (
            6,
            "session_id",
            "session 'CD-2022-TIP' is not the session being loaded (CD-2022-FA); the row is "
            "kept here: copy that session's rows into a file of their own and load it with "
            "--session CD-2022-TIP",
        ),
    ]
    assert warnings(store, summary.import_id) == [
        (
            7,
            "role",
            "VIP",
            "is not a role (chair, panellist, speaker, participant, organizer); "
            "stored as participant",
        )
    ]
    assert query(store, "SELECT count(*) FROM organizations WHERE NOT illustrative") == [(5,)]


def test_formula_values_are_stored_verbatim_and_neutralised_on_export(store):
    load(store, "template_participation.csv", "CD-2022-FA")
    orgs = people(store, "CD-2022-FA")
    eva, raj = orgs[pid("eva.novak@example.org")][0], orgs[pid("raj.patel@example.org")][0]
    assert eva == '=HYPERLINK("http://example.org","click")'
    assert raj == "+Global Foundation"
    assert neutralize_formula(eva) == "'" + eva
    assert neutralize_formula(raj) == "'+Global Foundation"


def test_participation_template_french_excel_csv(store):
    summary = load(store, "template_participation_fr.csv", "CD-2022-ICTA")
    assert (summary.records_read, summary.loaded, summary.rejected) == (4, 4, 0)
    assert participation(store, "CD-2022-ICTA") == {
        pid("claire.dubois@example.org"): (True, None, True, "in person", "participant", None),
        pid("jose.alvarez@example.org"): (True, None, True, "online", "panellist", None),
        pid("marc.petit@example.org"): (True, None, True, "in person", "chair", None),
        pid("lea.bernard@example.org"): (True, None, False, "online", "participant", None),
    }
    assert people(store, "CD-2022-ICTA") == {
        pid("claire.dubois@example.org"): (
            "Observatoire des migrations",
            "NGO / civil society",
            "CIV",
        ),
        pid("jose.alvarez@example.org"): ("Universidad de los Andes", "Academia", "COL"),
        pid("marc.petit@example.org"): ("Ministère de la Justice", "Government", "BEL"),
        pid("lea.bernard@example.org"): ("Collectif Entraide", "Other / unknown", "FRA"),
    }
    assert summary.unmapped_sector_labels == ["Fondation communautaire"]
    assert [w[:3] for w in warnings(store, summary.import_id)] == [
        (5, "sector", "Fondation communautaire")
    ]


def test_participation_template_xlsx_walk_in(store):
    summary = load(store, "template_participation.xlsx", "CD-2022-SOM", kind="attendance")
    assert (summary.kind, summary.records_read, summary.loaded, summary.rejected) == (
        "attendance",
        5,
        5,
        0,
    )
    assert participation(store, "CD-2022-SOM") == {
        pid("grace.otieno@example.org"): (True, None, True, "in person", "chair", None),
        pid("ana.sousa@example.org"): (True, None, True, "online", "panellist", None),
        name_pid("guest in walk"): (False, None, True, "in person", "participant", None),
        pid("dash@example.org"): (True, None, False, "online", "participant", None),
        # 'maybe' attended: not stated
        pid("kim.lee@example.org"): (True, None, False, "online", "participant", None),
    }
    assert people(store, "CD-2022-SOM")[pid("dash@example.org")] == (
        "@Home Collective",
        "NGO / civil society",
        "FRA",
    )
    assert warnings(store, summary.import_id) == [
        (6, "attended", "maybe", "is not yes or no; stored as not stated")
    ]


def submissions(store, session):
    rows = query(
        store,
        "SELECT s.title, s.kind, s.date, o.name, s.illustrative, "
        "list(t.topic_id ORDER BY t.topic_id) FILTER (WHERE t.topic_id IS NOT NULL) "
        "FROM submissions s LEFT JOIN organizations o USING (organization_id) "
        "LEFT JOIN submission_topics t USING (submission_id) "
        "WHERE s.session_id = ? GROUP BY ALL ORDER BY s.title",
        [session],
    )
    return rows


def test_submissions_template_csv_replaces_illustrative_submissions(store):
    summary = load(store, "template_submissions.csv", "CD-2022-FA")
    assert (
        summary.format,
        summary.kind,
        summary.records_read,
        summary.loaded,
        summary.rejected,
        summary.submissions,
    ) == ("template-submissions", "submissions", 6, 3, 3, 3)
    assert submissions(store, "CD-2022-FA") == [
        (
            "Community data on small arms in the Sahel",
            "written submission",
            date(2022, 5, 2),
            "Sahel Women's Network",
            False,
            ["civil-society-participation", "data-availability"],
        ),
        (
            "Fund local data collection",
            "recommendation",
            date(2022, 5, 6),
            "Small Arms Survey Friends",
            False,
            None,
        ),
        (
            "Marking and tracing: lessons from the field",
            "oral statement",
            date(2022, 5, 6),
            "Institute for Security Studies Europe",
            False,
            ["firearms-protocol-implementation"],
        ),
    ]
    assert [r[:2] for r in rejects(store, summary.import_id)] == [
        (5, "kind"),
        (6, "topics"),
        (7, "title"),
    ]
    # illustrative participation of the session is untouched by a submissions file
    assert query(
        store,
        "SELECT count(*) > 0 FROM participation WHERE session_id = 'CD-2022-FA' AND illustrative",
    ) == [(True,)]


def test_submissions_template_xlsx(store):
    summary = load(store, "template_submissions.xlsx", "CD-2022-SOM")
    assert (summary.records_read, summary.loaded, summary.rejected) == (3, 2, 1)
    assert submissions(store, "CD-2022-SOM") == [
        (
            "=SUM(1,2) data sharing across borders",
            "recommendation",
            date(2022, 7, 1),
            "Observatório de Migrações",
            False,
            ["international-cooperation", "partnerships"],
        ),
        (
            "Protecting smuggled migrants at sea",
            "written submission",
            date(2022, 6, 28),
            "Coast Migrant Support",
            False,
            ["victim-protection"],
        ),
    ]
    assert rejects(store, summary.import_id) == [(4, "date", "'not a date' is not a date and time")]
