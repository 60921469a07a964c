"""What a cell of an export becomes: the value stored, or the reason it is refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dashboard.ingest import normalize as nz


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("  Jane \t  Doe\n", "Jane Doe"),
        (12.0, "12"),  # a spreadsheet's whole number, not '12.0'
        (12.5, "12.5"),
        (7, "7"),
        ("   ", None),
        (None, None),
        (float("nan"), None),
        ("Cafe\u0301", "Café"),  # one composed character, as typed elsewhere
    ],
)
def test_cells_are_trimmed_to_single_spaces(cell, text):
    assert nz.clean(cell) == text


@pytest.mark.parametrize(
    ("cell", "address"),
    [
        ("<Kim@Example.org>", "kim@example.org"),
        ("MAILTO:kim@example.org", "kim@example.org"),
        ("a.b-c+d@mail.example.co.uk", "a.b-c+d@mail.example.co.uk"),
        ("Xavier@Example.orgX", "xavier@example.orgx"),  # only <, > and spaces trimmed
        ("Anonyme", None),
        ("anónimo", None),
        ("ANONIMO", None),
        ("", None),
    ],
)
def test_email_addresses(cell, address):
    assert nz.normalize_email(cell) == address


@pytest.mark.parametrize(
    "cell", ["kim@example", "kim@@example.org", "kim@example.org extra", "mailto kim@example.org"]
)
def test_not_email_addresses(cell):
    with pytest.raises(ValueError, match=r"^not an e-mail address$"):
        nz.normalize_email(cell)
    assert nz.email_or_none(cell) is None


def test_an_optional_email_column_keeps_good_addresses():
    assert nz.email_or_none(" Kim@Example.org ") == "kim@example.org"


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("Jane Doe (External)", "Jane Doe"),
        ("Jane Doe [Guest] (Externe)", "Jane Doe"),
        ("Juan Pérez (invitado)", "Juan Pérez"),
        ("Marie (non vérifié)", "Marie"),
        ("(External)", None),
        ("Guest House Ltd", "Guest House Ltd"),  # only a marker at the end is one
        (None, None),
    ],
)
def test_display_names_lose_the_markers_meeting_tools_add(cell, name):
    assert nz.display_name(cell) == name


def test_person_and_organization_keys():
    assert nz.person_key("DOE,  Jane") == "doe jane"
    assert nz.person_key("(Guest)") is None
    assert nz.person_key("") is None
    assert nz.person_key("---") is None
    assert nz.organization_key(" Société  Civile, Inc. ") == "societe civile inc"
    assert nz.organization_key("...") is None
    assert nz.organization_key(None) is None


@pytest.mark.parametrize(("cell", "minutes"), [("58", 58.0), ("58,5", 58.5), (0, 0.0), ("", None)])
def test_minutes(cell, minutes):
    assert nz.parse_minutes(cell) == minutes


@pytest.mark.parametrize("cell", ["-1", "an hour"])
def test_not_minutes(cell):
    with pytest.raises(ValueError, match=f"^'{cell}' is not a number of minutes$"):
        nz.parse_minutes(cell)


@pytest.mark.parametrize(
    ("cell", "order", "when"),
    [
        ("06/05/2022", nz.DAY_FIRST, datetime(2022, 5, 6)),
        ("06/05/2022", nz.MONTH_FIRST, datetime(2022, 6, 5)),
        ("6.5.22", nz.DAY_FIRST, datetime(2022, 5, 6)),
        ("2022-05-06 09:30", nz.MONTH_FIRST, datetime(2022, 5, 6, 9, 30)),
        ("2022/5/6 9h30", nz.DAY_FIRST, datetime(2022, 5, 6, 9, 30)),
        ("06-05-2022 12:00:59 AM", nz.DAY_FIRST, datetime(2022, 5, 6, 0, 0, 59)),
        ("06-05-2022 12:00 p.m.", nz.DAY_FIRST, datetime(2022, 5, 6, 12, 0)),
        ("06-05-2022 1:05 pm", nz.DAY_FIRST, datetime(2022, 5, 6, 13, 5)),
        ("06/05/2022 13:02:11.250 +02:00", nz.DAY_FIRST, datetime(2022, 5, 6, 13, 2, 11)),
        ("2022-05-06T13:02:11Z", nz.DAY_FIRST, datetime(2022, 5, 6, 13, 2, 11)),
        ("May 6, 2022", nz.DAY_FIRST, datetime(2022, 5, 6)),
        ("Sept. 30 2022 9:05:07 am", nz.DAY_FIRST, datetime(2022, 9, 30, 9, 5, 7)),
        ("December 1, 2022, 11:00 PM", None, datetime(2022, 12, 1, 23, 0)),
        ("06\xa005\xa02022", nz.DAY_FIRST, None),
    ],
)
def test_dates_and_times(cell, order, when):
    if when is None:
        with pytest.raises(ValueError, match="is not a date and time"):
            nz.parse_datetime(cell, order)
    else:
        assert nz.parse_datetime(cell, order) == when


@pytest.mark.parametrize(
    "cell",
    ["13:00 on Friday", "Foo 6, 2022", "06/05/2022 13:00 pm", "06/05/2022 0:10 am", "31/02/2022"],
)
def test_not_dates(cell):
    with pytest.raises(ValueError, match=f"^'{cell}' is not a date and time$"):
        nz.parse_datetime(cell)


def test_only_two_digit_years_are_expanded():
    assert nz.parse_datetime("06/05/99") == datetime(2099, 5, 6)
    assert nz.parse_datetime("06/05/100") == datetime(100, 5, 6)


def test_date_values_pass_through():
    assert nz.parse_datetime(date(2022, 5, 6)) == datetime(2022, 5, 6)
    stamp = datetime(2022, 5, 6, 13, 2)
    assert nz.parse_datetime(stamp) is stamp
    assert nz.parse_datetime(None) is None and nz.parse_datetime(" ") is None
    assert nz.parse_date("06/05/2022") == date(2022, 5, 6)  # the template's day-first
    assert nz.parse_date("2022-07-01 10:00") == date(2022, 7, 1)
    assert nz.parse_date("") is None


def test_date_order_tie_goes_to_month_first():
    # Every value reads both ways and neither order lands on the session: US order.
    both_ways = ["05/06/2022 13:00", "04/06/2022 13:00"]
    assert nz.resolve_date_order(both_ways, None) == nz.MONTH_FIRST
    assert nz.resolve_date_order(both_ways, date(2023, 1, 1)) == nz.MONTH_FIRST
    # One value on the session's date each way: still a tie.
    assert nz.resolve_date_order(["06/05/2022", "05/06/2022"], date(2022, 5, 6)) == nz.MONTH_FIRST


def test_date_order_follows_the_session_date_then_impossible_values():
    assert nz.resolve_date_order(["06/05/2022", "06/05/2022"], date(2022, 5, 6)) == nz.DAY_FIRST
    on_session = ["06/05/2022", "06/05/2022", "05/06/2022"]
    assert nz.resolve_date_order(on_session, date(2022, 5, 6)) == nz.DAY_FIRST
    # One value that reads only day-first decides, whatever the others say.
    assert nz.resolve_date_order(["05/06/2022", "22/07/2022"], date(2022, 5, 6)) == nz.DAY_FIRST
    assert nz.resolve_date_order(["07/22/2022", "06/05/2022"], date(2022, 5, 6)) == nz.MONTH_FIRST
    # Cells that are not dates, or are dates already, say nothing.
    ignored = [None, "", "n/a", date(2022, 6, 5), datetime(2022, 6, 5), "06/05/2022"]
    assert nz.resolve_date_order(ignored, date(2022, 5, 6)) == nz.DAY_FIRST


@pytest.fixture
def cold_country_cache():
    """Country look-ups are cached per process: start from an empty cache."""
    nz.country_iso3.cache_clear()
    nz._country_index.cache_clear()
    yield
    nz.country_iso3.cache_clear()


@pytest.mark.usefixtures("cold_country_cache")
@pytest.mark.parametrize(
    ("cell", "iso3"),
    [
        ("The Netherlands", "NLD"),
        ("Los Países Bajos", "NLD"),
        ("la France", "FRA"),
        ("l Italie", "ITA"),
        ("Korea, Republic of", "KOR"),
        ("Great Britain", "GBR"),
        ("U.K.", "GBR"),
        ("Kenya (Nairobi office)", "KEN"),
        ("ken", "KEN"),
    ],
)
def test_countries_by_name_article_alias_or_code(cell, iso3):
    assert nz.country_iso3(cell) == iso3


def test_country_aliases_are_read_from_the_committed_table():
    rows = nz._alias_rows()
    assert {"name": "UK", "iso3": "GBR"} in rows
    assert all(set(r) == {"name", "iso3"} for r in rows)
    assert not any(r["name"].startswith("#") for r in rows)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("Kim@Example", "kim@example"),
        ("kim@@example.org", "kim@@example.org"),
        ("kim@example@", "kim@example@"),  # something on each side of the first @
        (" kim@X ", "kim@x"),
        ("kim@", None),
        ("kim@@", None),
        ("@example.org", None),
        ("n/a", None),
        ("", None),
        (None, None),
    ],
)
def test_loose_addresses_name_a_mailbox_or_nothing(cell, text):
    assert nz.loose_email(cell) == text


def test_reload_countries_reads_the_aliases_again(monkeypatch):
    nz.reload_countries()
    assert nz.country_iso3("Portugal") == "PRT"  # now cached, with the index
    monkeypatch.setattr(nz, "_alias_rows", lambda: [{"name": "Portugal", "iso3": "ESP"}])
    assert nz.country_iso3("Portugal") == "PRT"
    nz.reload_countries()
    assert nz.country_iso3("Portugal") == "ESP"  # aliases win over pycountry's names
    monkeypatch.undo()
    nz.reload_countries()


@pytest.mark.parametrize(
    ("cell", "address"),
    [
        ("José.Núñez@Example.org", "josé.núñez@example.org"),  # RFC 6531 local part
        ("用户@例子.广告", "用户@例子.广告"),
        ("zoë@xn--exmple-cua.es", "zoë@exämple.es"),  # one spelling per mailbox
        ("kim@EXAMPLE.org", "kim@example.org"),
        ("a_b@x.org", "a_b@x.org"),
    ],
)
def test_internationalised_email_addresses(cell, address):
    assert nz.normalize_email(cell) == address


@pytest.mark.parametrize(
    ("domain", "unicode"),
    [
        ("xn--exmple-cua.es", "exämple.es"),
        ("exämple.es", "exämple.es"),  # not ASCII: already Unicode
        ("a" * 64 + ".org", "a" * 64 + ".org"),  # too long a label for IDNA: as given
        ("example.org", "example.org"),
    ],
)
def test_idna_domains_in_their_unicode_form(domain, unicode):
    assert nz.unicode_domain(domain) == unicode


def test_countries_named_in_an_organization_name():
    assert nz.countries_named("Red Cross Society of Nigeria") == {"NGA"}
    assert nz.countries_named("Red Cross Society of Niger") == {"NER"}
    assert nz.countries_named("Papua New Guinea and Guinea Forum") == {"PNG", "GIN"}
    assert nz.countries_named("Universidad de los Andes, US office") == frozenset()  # codes
    assert nz.countries_named("Observatoire du Maroc") == {"MAR"}  # French names too
    assert nz.countries_named("") == frozenset()
