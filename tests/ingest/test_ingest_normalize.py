"""Normalizers, sector mapping, format detection and formula neutralisation."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import FIXTURES

from dashboard.config import get_settings
from dashboard.ingest import normalize as nz
from dashboard.ingest.detect import detect
from dashboard.ingest.safety import looks_like_formula, neutralize_formula
from dashboard.ingest.sectors import SectorMap
from dashboard.ingest.source import Source

SECTORS = {
    "Government",
    "IGO / UN entity",
    "NGO / civil society",
    "Academia",
    "Private sector",
    "Other / unknown",
}


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("1h 2m 3s", 3723),
        ("45m", 2700),
        ("3h", 10800),
        ("0s", 0),
        ("2h 5m", 7500),
        ("12 min 30 s", 750),
        ("1 hr 12 min", 4320),
        ("1:02:03", 3723),
        ("47:03", 2823),
        ("3H23M20S", 12200),
    ],
)
def test_durations(text, seconds):
    assert nz.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["about an hour", "12", "3:23:20:1", "h"])
def test_not_durations(text):
    with pytest.raises(ValueError, match="not a duration"):
        nz.parse_duration(text)


def test_dates_and_their_order():
    assert nz.parse_datetime("5/6/22, 1:02:11 PM", nz.MONTH_FIRST) == datetime(
        2022, 5, 6, 13, 2, 11
    )
    assert nz.parse_datetime("06/05/2022 13:02", nz.DAY_FIRST) == datetime(2022, 5, 6, 13, 2)
    assert nz.parse_datetime("5/6/22, 1:02:11\u202fPM", nz.MONTH_FIRST).hour == 13
    assert nz.parse_datetime("2022-05-06T13:02:11", None) == datetime(2022, 5, 6, 13, 2, 11)
    assert nz.parse_datetime("Mar 22, 2025 19:13:27") == datetime(2025, 3, 22, 19, 13, 27)
    assert nz.parse_datetime("22.09.26, 14:48:05") == datetime(2026, 9, 22, 14, 48, 5)
    # decided by a value that reads only one way, else by the session's date
    assert nz.resolve_date_order(["5/6/22, 1:00 PM", "5/13/22, 1:00 PM"], None) == nz.MONTH_FIRST
    assert nz.resolve_date_order(["13/05/2022 13:00"], None) == nz.DAY_FIRST
    assert nz.resolve_date_order(["06/05/2022 13:00"], date(2022, 5, 6)) == nz.DAY_FIRST
    assert nz.resolve_date_order(["05/06/2022 13:00"], date(2022, 5, 6)) == nz.MONTH_FIRST
    with pytest.raises(ValueError, match="not a date"):
        nz.parse_datetime("13/13/2022 10:00")


@pytest.mark.parametrize(
    "text, iso3",
    [
        ("France", "FRA"),
        ("Allemagne", "DEU"),
        ("Alemania", "DEU"),
        ("Estados Unidos", "USA"),
        ("États-Unis", "USA"),
        ("USA", "USA"),
        ("UK", "GBR"),
        ("Royaume-Uni", "GBR"),
        ("Côte d'Ivoire", "CIV"),
        ("Costa de Marfil", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Sénégal", "SEN"),
        ("Mexique", "MEX"),
        ("México", "MEX"),
        ("Liban", "LBN"),
        ("Corée du Sud", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Russie", "RUS"),
        ("Pays-Bas", "NLD"),
        ("Países Bajos", "NLD"),
        ("Suisse", "CHE"),
        ("fr", "FRA"),
        ("DEU", "DEU"),
        ("250", "FRA"),
        ("Congo", "COG"),
        ("DR Congo", "COD"),
        ("Saint-Siège", "VAT"),
        ("Viet Nam", "VNM"),
    ],
)
def test_countries_in_english_french_spanish_and_codes(text, iso3):
    assert nz.country_iso3(text) == iso3


def test_unknown_country_is_not_guessed():
    with pytest.raises(ValueError, match="'Atlantis' is not a country"):
        nz.country_iso3("Atlantis")


def test_emails_names_and_organizations():
    assert nz.normalize_email(" Jane.Doe@Example.ORG ") == "jane.doe@example.org"
    assert nz.normalize_email("anonymous") is None
    assert nz.normalize_email("mailto:kim@example.org") == "kim@example.org"
    with pytest.raises(ValueError, match="not an e-mail address"):
        nz.normalize_email("jane at example")
    assert nz.person_key("Doe, Jane (External)") == nz.person_key("jane DOE") == "doe jane"
    assert nz.person_key("Zoë Müller (Guest)") == "muller zoe"
    assert nz.organization_key("Sahel Women’s Network") == "sahel women s network"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Yes", True),
        ("oui", True),
        ("Sí", True),
        ("1", True),
        (True, True),
        ("No", False),
        ("non", False),
        ("0", False),
        ("", None),
        (None, None),
    ],
)
def test_yes_no(text, expected):
    assert nz.parse_yes_no(text) is expected


def test_roles_and_modes():
    assert nz.parse_role("Presenter") == "speaker"
    assert nz.parse_role("Organizer") == nz.parse_role("Organisateur") == "organizer"
    assert nz.parse_role("Présidente") == "chair"
    assert nz.parse_mode("In person (Vienna)") == "in person"
    assert nz.parse_mode("En ligne") == nz.parse_mode("Online (Microsoft Teams)") == "online"
    assert nz.parse_mode("Hybride") is None
    assert nz.parse_mode("In-person and online") is None
    with pytest.raises(ValueError):
        nz.parse_mode("by carrier pigeon")


def test_sector_labels_file_maps_english_french_spanish():
    sectors = SectorMap.load(get_settings().data_dir, SECTORS)
    assert sectors.lookup("Think tank") == "Academia"
    assert sectors.lookup("Milieu universitaire") == "Academia"
    assert sectors.lookup("Organisation non gouvernementale") == "NGO / civil society"
    assert sectors.lookup("ORGANIZACIÓN NO GUBERNAMENTAL") == "NGO / civil society"
    assert sectors.lookup("Secteur privé") == "Private sector"
    assert sectors.lookup("Gobierno") == "Government"
    assert sectors.lookup("Naciones Unidas") == "IGO / UN entity"
    assert sectors.lookup("IGO / UN entity") == "IGO / UN entity"
    assert sectors.lookup("Foundation") is None


def test_every_mapping_line_names_one_of_the_six_sectors():
    path = Path(get_settings().data_dir) / "reference" / "sector_labels.csv"
    import csv

    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["sector"] for r in rows} == SECTORS
    assert {r["language"] for r in rows} == {"en", "fr", "es"}


@pytest.mark.parametrize(
    "name, fmt, encoding",
    [
        ("teams_attendance_titlecase_2022.csv", "teams-attendance", "utf-16"),
        ("teams_attendance_sentencecase_2023.csv", "teams-attendance", "utf-16"),
        ("meetingAttendanceList.csv", "teams-attendance-list", "utf-16"),
        ("meetingAttendanceList_dayfirst_noheader.csv", "teams-attendance-list", "utf-16"),
        ("zoom_participants_2022.csv", "zoom-participants", "utf-8-sig"),
        ("zoom_participants_2023.csv", "zoom-participants", "utf-8-sig"),
        ("forms_registration_en.xlsx", "msforms-registration", None),
        ("forms_registration_fr.xlsx", "msforms-registration", None),
        ("indico_registrants.csv", "indico-registrants", "utf-8-sig"),
        ("indico_registrants.xlsx", "indico-registrants", None),
        ("template_participation.csv", "template-participation", "utf-8"),
        ("template_participation_fr.csv", "template-participation", "cp1252"),
        ("template_participation.xlsx", "template-participation", None),
        ("template_submissions.csv", "template-submissions", "utf-8"),
        ("template_submissions.xlsx", "template-submissions", None),
    ],
)
def test_format_is_detected_from_content_not_name(name, fmt, encoding):
    """Format and text encoding (None: a workbook) come from the bytes, under any name."""
    source = Source("upload.bin", (FIXTURES / name).read_bytes())
    assert fmt == detect(source).FORMAT
    assert (None if source.is_workbook else source.encoding) == encoding


def test_fixture_encodings_are_the_real_ones():
    assert (FIXTURES / "teams_attendance_titlecase_2022.csv").read_bytes()[:2] == b"\xff\xfe"
    assert (FIXTURES / "meetingAttendanceList.csv").read_bytes()[:2] == b"\xff\xfe"
    assert (FIXTURES / "zoom_participants_2022.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert (FIXTURES / "indico_registrants.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert Source.from_path(FIXTURES / "template_participation_fr.csv").encoding == "cp1252"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+Global Foundation", "'+Global Foundation"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sahel Women's Network", "Sahel Women's Network"),
        ("", ""),
        (None, None),
        (42, 42),
    ],
)
def test_neutralize_formula(value, expected):
    assert neutralize_formula(value) == expected
    assert looks_like_formula(value) == (expected != value)
