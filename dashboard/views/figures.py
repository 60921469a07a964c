"""Headline figures, and the published figures next to the recorded ones.

Both return small specs (``specs.Headline``, ``specs.TableSpec``), not charts. Source
links are built here, escaped, and only for http(s) addresses.
"""

from __future__ import annotations

import pandas as pd

from ..markup import escape
from .specs import Figure, Headline, TableSpec

COUNT_WORDS = {"attended": "attending", "registered": "registered"}


def _value(row: pd.Series | None, column: str) -> float | None:
    if row is None or column not in row or pd.isna(row[column]):
        return None
    return float(row[column])


def headline(df: pd.DataFrame, count: str = "attended") -> Headline:
    """Seven figures from the headline question's one row (``None`` where undefined)."""
    row = df.iloc[0] if len(df) else None
    recorded = _value(row, "gender_recorded")
    women_note = f"of {recorded:,.0f} with gender recorded" if recorded else "gender not recorded"
    people = COUNT_WORDS.get(count, "attending")
    return Headline(
        (
            Figure(
                "participants", "Participants", _value(row, "participants"), note=f"people {people}"
            ),
            Figure("organizations", "Organizations", _value(row, "organizations")),
            Figure("countries", "Countries", _value(row, "countries")),
            Figure("sessions", "Sessions", _value(row, "sessions")),
            Figure(
                "non_governmental_share",
                "Non-governmental",
                _value(row, "non_governmental_share"),
                "share",
                "NGOs, academia, private sector",
            ),
            Figure(
                "first_time_share",
                "First-time",
                _value(row, "first_time_share"),
                "share",
                "first session in the record",
            ),
            Figure(
                "women_share",
                "Women",
                _value(row, "women_share") if recorded else None,
                "share",
                women_note,
            ),
        )
    )


def source_link(title: object, url: object) -> str:
    """``<a href=...>title</a>`` for an http(s) address, else the escaped title."""
    text = "Source" if pd.isna(title) else escape(title)
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text


def _source(title: object, url: object, publisher: object, date: object) -> str:
    """The linked title, then publisher and date in plain (escaped) text."""
    when = None if pd.isna(date) else pd.Timestamp(date)
    byline = ", ".join(
        escape(p) for p in (publisher, when and f"{when:%-d %b %Y}") if not pd.isna(p)
    )
    link = source_link(title, url)
    return f"{link}<br><small>{byline}</small>" if byline else link


def _amount(qualifier: str, value: object, unit: str) -> str:
    prefix = "" if qualifier == "exactly" else f"{qualifier} "
    return f"{prefix}{value:,} {unit}"


def published_vs_recorded(df: pd.DataFrame) -> TableSpec:
    """One row per published figure: what was published, what the record shows, the source."""
    frame = pd.DataFrame(
        {
            "Figure": df["figure_id"],
            "Sessions": df["sessions"],
            "Who was counted": [
                p if m == "participated" else f"{p} ({m})"
                for p, m in zip(df["population"], df["measure"])
            ],
            "Published": [
                _amount(q, v, u) for q, v, u in zip(df["qualifier"], df["published"], df["unit"])
            ],
            "Recorded": [f"{r:,} {a}" for r, a in zip(df["recorded"], df["recorded_as"])],
            "Agrees": ["yes" if a else "NO" for a in df["agrees"]],
            "Source": [
                _source(t, u, p, d)
                for t, u, p, d in zip(
                    df["source_title"], df["source_url"], df["source_publisher"], df["source_date"]
                )
            ],
        }
    ).reset_index(drop=True)
    return TableSpec(
        frame,
        html_columns=("Source",),
        widths={"Figure": 100, "Sessions": 130, "Published": 140, "Recorded": 140, "Agrees": 110},
    )
