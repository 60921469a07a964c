"""Each slide's public numbers: small counts of people hidden, with their complements."""

from __future__ import annotations

import pandas as pd

from dashboard.export import slides


def _attendance() -> pd.DataFrame:
    rows = [
        ("FA", "Firearms", "2022-05-06", "Government", 1, 30),
        ("FA", "Firearms", "2022-05-06", "NGO / civil society", 3, 3),
        ("FA", "Firearms", "2022-05-06", "Academia", 4, 12),
        ("TIP", "Trafficking", "2022-07-01", "Government", 1, 25),
        ("TIP", "Trafficking", "2022-07-01", "NGO / civil society", 3, 40),
        ("TIP", "Trafficking", "2022-07-01", "Academia", 4, 9),
    ]
    df = pd.DataFrame(
        rows, columns=["session_id", "session", "date", "sector", "sector_order", "participants"]
    )
    df["date"] = pd.to_datetime(df["date"])
    return df.assign(
        share=df["participants"] / df.groupby("session_id")["participants"].transform("sum")
    )


def test_attendance_hides_the_small_count_its_row_and_column_complements():
    slide = slides.attendance_by_sector(_attendance(), 5, "records", True)
    shown = dict(
        zip(zip(slide.table["Session"].str[:3], slide.table["Sector"]), slide.table["Participants"])
    )
    assert shown[("Fir", "NGO / civil society")] == "<5"  # primary
    assert shown[("Fir", "Academia")] == "<5"  # the row's smallest other count
    assert shown[("Tra", "NGO / civil society")] == "<5"  # column NGO
    assert shown[("Tra", "Academia")] == "<5"  # then row TIP, column Academia
    assert shown[("Fir", "Government")] == 30 and shown[("Tra", "Government")] == 25
    hidden = slide.table["Participants"].eq("<5")
    assert slide.table.loc[hidden, "Share (%)"].isna().all()  # no share on a hidden count
    assert slide.table.loc[~hidden, "Share (%)"].notna().all()
    assert slide.chart.series["NGO / civil society"] == [None, None]
    assert slide.chart.series["Government"] == [30.0, 25.0]
    assert "3" not in slide.notes().split("Numbers:")[1].split()  # not in the notes either


def test_funnel_hides_what_registered_and_attended_would_give_back():
    df = pd.DataFrame(
        {
            "session_id": ["FA", "TIP"],
            "session": ["Firearms", "Trafficking"],
            "date": pd.to_datetime(["2022-05-06", "2022-07-01"]),
            "registered": [60, 80],
            "attended": [52, 75],
            "registered_and_attended": [50, 70],
            "no_shows": [10, 10],
            "walk_ins": [2, 5],
        }
    )
    slide = slides.funnel(df, 5, "records", True)
    row = slide.table.iloc[0]
    assert row["Attended, unregistered"] == "<5"
    # attended = both + walk-ins: with attended shown, "both" must go too, and then
    # registered = both + absent takes "absent" with it.
    assert row["Registered and attended"] == "<5" and row["Registered, absent"] == "<5"
    assert row["Registered"] == 60 and row["Attended"] == 52
    assert slide.table.iloc[1]["Attended, unregistered"] == "<5"  # the column's complement
    assert slide.chart.series["Registered"] == [60.0, 80.0]
    assert "Registered and attended" not in slide.chart.series  # all hidden: no series


def test_regional_reach_hides_a_second_place_when_one_is_small():
    df = pd.DataFrame(
        {
            "area": ["Europe", "Africa", "Oceania", "Asia"],
            "iso3": [None] * 4,
            "participants": [40, 12, 2, 9],
            "organizations": [20, 8, 2, 6],
            "sessions": [2, 2, 1, 2],
        }
    )
    slide = slides.participants_by_area(df, 5, "region", "records", True)
    shown = dict(zip(slide.table["M49 region"], slide.table["Participants"]))
    assert shown == {"Europe": 40, "Africa": 12, "Asia": "<5", "Oceania": "<5"}
    assert dict(zip(slide.table["M49 region"], slide.table["Organizations"]))["Oceania"] == 2
    assert slide.chart.series["Participants"] == [40.0, 12.0, None, None]


def test_headline_hides_a_share_that_gives_a_small_count_back():
    df = pd.DataFrame(
        {
            "participants": [40],
            "organizations": [12],
            "countries": [9],
            "sessions": [2],
            "non_governmental_share": [38 / 40],  # 2 governmental people
            "first_time_share": [0.5],
            "women_share": [0.5],
            "gender_recorded": [20],
        }
    )
    slide = slides.headline(df, 5, "attended", "records", True)
    values = dict(zip(slide.table["Figure"], slide.table["Value"]))
    assert values["Participants"] == 40 and values["Organizations"] == 12
    assert values["Non-governmental"] == "–" and values["Women"] == 50.0
    assert "non-governmental" not in slide.title


def test_small_headline_counts_are_markers_but_organizations_stay():
    df = pd.DataFrame(
        {
            "participants": [3],
            "organizations": [3],
            "countries": [2],
            "sessions": [1],
            "non_governmental_share": [1.0],
            "first_time_share": [1.0],
            "women_share": [None],
            "gender_recorded": [0],
        }
    )
    slide = slides.headline(df, 5, "attended", "records", True)
    assert slide.title.startswith("<5 participants from 3 organizations")
    assert slide.chart.labels[:2] == ["<5", "3"]
