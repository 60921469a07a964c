"""Headline figures and tables as shown: the texts, cells and links a reader sees."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import views
from dashboard.views.specs import Figure


def headline_row(**values) -> pd.DataFrame:
    row = {
        "participants": 1234.0,
        "organizations": 56,
        "countries": 7,
        "sessions": 2,
        "non_governmental_share": 0.726,
        "first_time_share": 0.5,
        "women_share": 0.254,
        "gender_recorded": 1500,
    }
    return pd.DataFrame([{**row, **values}])


def test_headline_figures_as_shown():
    spec = views.headline(headline_row(), count="registered")
    shown = {f.key: (f.label, f.text, f.note) for f in spec.figures}
    assert shown == {
        "participants": ("Participants", "1,234", "people registered"),
        "organizations": ("Organizations", "56", ""),
        "countries": ("Countries", "7", ""),
        "sessions": ("Sessions", "2", ""),
        "non_governmental_share": (
            "Non-governmental",
            "73%",
            "NGOs, academia, private sector",
        ),
        "first_time_share": ("First-time", "50%", "first session in the record"),
        "women_share": ("Women", "25%", "of 1,500 with gender recorded"),
    }
    assert views.headline(headline_row())["participants"].note == "people attending"
    unknown_basis = views.headline(headline_row(), count="invited")
    assert unknown_basis["participants"].note == "people attending"


def test_headline_without_gender_shows_no_share_of_women():
    women = views.headline(headline_row(gender_recorded=0))["women_share"]
    assert (women.text, women.note) == ("–", "gender not recorded")
    missing = views.headline(headline_row(non_governmental_share=None))
    assert missing["non_governmental_share"].text == "–"
    nothing = views.headline(headline_row().iloc[:0])
    assert [f.text for f in nothing.figures] == ["–"] * 7


def test_a_headline_figure_is_found_by_key_only():
    spec = views.headline(headline_row())
    assert spec["countries"].value == 7.0
    with pytest.raises(KeyError, match="Countries"):
        spec["Countries"]


def test_figure_text_rounds_counts_and_shares():
    assert Figure("x", "X", 1234.6).text == "1,235"
    assert Figure("x", "X", 0.125, kind="share").text == "12%"
    assert Figure("x", "X", float("nan")).text == "–"


def test_source_links_open_safely_in_a_new_tab():
    assert views.source_link('Report "A" & B', "https://example.org/?a=1&b=2") == (
        '<a href="https://example.org/?a=1&amp;b=2" target="_blank" '
        'rel="noopener noreferrer">Report &quot;A&quot; &amp; B</a>'
    )
    assert views.source_link(None, "http://example.org").endswith(">Source</a>")
    assert views.source_link(float("nan"), None) == "Source"
    assert views.source_link("<b>x</b>", "ftp://example.org") == "&lt;b&gt;x&lt;/b&gt;"
    # A quote in the address cannot close the attribute and add one of its own.
    hostile = views.source_link("x", 'https://example.org/" onmouseover="alert(1)')
    assert hostile.startswith('<a href="https://example.org/&quot; onmouseover=&quot;alert(1)"')


def published(**values) -> pd.DataFrame:
    row = {
        "figure_id": "F01",
        "sessions": "CD-2022-FA",
        "population": "NGOs",
        "measure": "participated",
        "qualifier": "over",
        "published": 1000,
        "unit": "people",
        "recorded": 1043,
        "recorded_as": "people",
        "agrees": True,
        "source_title": "News <1>",
        "source_url": "https://example.org/news",
        "source_publisher": "UNODC & partners",
        "source_date": pd.Timestamp("2022-05-17"),
    }
    return pd.DataFrame([{**row, **values}])


def test_published_figures_table_row_as_shown():
    spec = views.published_vs_recorded(published())
    assert spec.frame.iloc[0].to_dict() == {
        "Figure": "F01",
        "Sessions": "CD-2022-FA",
        "Who was counted": "NGOs",
        "Published": "over 1,000 people",
        "Recorded": "1,043 people",
        "Agrees": "yes",
        "Source": '<a href="https://example.org/news" target="_blank" '
        'rel="noopener noreferrer">News &lt;1&gt;</a><br><small>UNODC &amp; partners, '
        "17 May 2022</small>",
    }
    assert spec.html_columns == ("Source",)


def test_published_figures_table_exact_registered_and_unsourced():
    frame = published(
        measure="registered",
        qualifier="exactly",
        unit="organizations",
        published=43,
        recorded=44,
        recorded_as="organizations",
        agrees=False,
        source_url=None,
        source_publisher=None,
        source_date=None,
    )
    row = views.published_vs_recorded(frame).frame.iloc[0]
    assert row["Who was counted"] == "NGOs (registered)"
    assert (row["Published"], row["Recorded"], row["Agrees"]) == (
        "43 organizations",
        "44 organizations",
        "NO",
    )
    assert row["Source"] == "News &lt;1&gt;"
    dated = published(source_publisher=float("nan"))
    assert (
        views.published_vs_recorded(dated)
        .frame.iloc[0]["Source"]
        .endswith("<br><small>17 May 2022</small>")
    )


def contribution_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "submission_id": ["S2", "S1"],
            "date": pd.to_datetime(["2022-07-01", "2022-05-06"]),
            "session_id": ["CD-2022-TIP", "CD-2022-FA"],
            "session": ["Trafficking in Persons", "Firearms"],
            "kind": ["oral statement", "written submission"],
            "title": ["Victims first", "Marking of firearms"],
            "organization": ["Ubuntu Trust", "UNODC"],
            "sector": ["NGO / civil society", "IGO / UN entity"],
            "country": ["Kenya", None],
            "topics": ["Victim protection", None],
            "illustrative": [True, False],
        }
    )


def test_contributions_table_columns_and_cells_as_shown():
    spec = views.contributions(contribution_rows())
    assert list(spec.frame.columns) == [
        "ID",
        "Date",
        "Session",
        "Kind",
        "Title",
        "Organization",
        "Sector",
        "Country",
        "Topics",
        "Sample",
    ]
    first = spec.frame.iloc[0]
    assert str(first["Date"]) == "2022-07-01" and first["Sample"] == "sample"
    assert spec.frame.iloc[1]["Sample"] == ""
    assert spec.hidden_columns == ("ID", "Kind", "Sample")
    assert spec.widths["Date"] == 105 and list(spec.frame.index) == [0, 1]


@pytest.mark.parametrize(
    ("search", "ids"),
    [
        ("kenya", ["S2"]),  # country
        ("s1", ["S1"]),  # id
        ("un entity", ["S1"]),  # every word, in any column
        ("written firearms", ["S1"]),
        ("victim unodc", []),  # words in different rows do not match together
        ("   ", ["S2", "S1"]),
        ("(", []),  # plain text, not a pattern
    ],
)
def test_contributions_search_needs_every_word(search, ids):
    assert views.contributions(contribution_rows(), search=search).frame["ID"].tolist() == ids


def test_contributions_search_on_no_rows():
    assert len(views.contributions(contribution_rows().iloc[:0], search="x").frame) == 0


def test_tables_size_their_short_columns_and_leave_the_rest_to_the_text():
    figures = views.published_vs_recorded(published())
    assert figures.widths == {
        "Figure": 100,
        "Sessions": 130,
        "Published": 140,
        "Recorded": 140,
        "Agrees": 110,
    }
    contributions = views.contributions(contribution_rows())
    assert contributions.widths == {
        "Date": 105,
        "Session": 115,
        "Sector": 115,
        "Country": 120,
    }
    for spec in (figures, contributions):
        assert set(spec.widths) < set(spec.frame.columns)


@pytest.mark.parametrize("search", ["xx", "nan", "none", "kenyavictim"])
def test_a_search_finds_only_the_words_in_the_cells(search):
    # Missing cells hold no text, and the columns are joined by a plain space.
    assert views.contributions(contribution_rows(), search=search).frame.empty
