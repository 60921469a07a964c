"""One slide per view: a question's frame -> its public table, chart numbers and finding.

Counts of people go through ``dashboard.privacy.cells_to_suppress`` with the sums a
reader can see (rows, columns, "registered = attended + absent"); a hidden count is
``None`` in the chart and ``<5`` in the table, and shares on it are left out. Submissions,
organizations and published figures are public and shown as they are.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from .. import views
from ..privacy import cells_to_suppress, mask_cells
from ..views import style
from ..views.participation import AREA_LABELS
from ..views.summaries import EMPTY
from .model import Chart, Slide

TOP_PLACES = 15  # as the dashboard's chart
CHART_WRAP = 26  # characters per line of a session label on a slide


def count_text(n: float, threshold: int) -> str:
    """A count as shown in public: ``<5`` when small, else with thousands separators."""
    return f"<{threshold}" if 0 < n < threshold else f"{int(n):,}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _hidden(n: float, threshold: int) -> bool:
    return 0 < n < threshold


def session_name(title: str, date) -> str:
    """'Firearms (6 May 2022)': one line, for tables and notes."""
    when = pd.Timestamp(date)
    return f"{title} ({when.day} {when:%b %Y})"


def chart_label(title: str, date) -> str:
    """A session's category label on a slide: its title wrapped wide, then the date."""
    when = pd.Timestamp(date)
    return "\n".join([*textwrap.wrap(str(title), CHART_WRAP), f"{when.day} {when:%b %Y}"])


def _session_labels(df: pd.DataFrame) -> list[str]:
    """Category labels of a frame's sessions, by date then session id."""
    ordered = df.drop_duplicates("session_id").sort_values(["date", "session_id"], kind="stable")
    return [chart_label(t, d) for t, d in zip(ordered["session"], ordered["date"])]


def _label_of(df: pd.DataFrame) -> dict[str, str]:
    return {s: chart_label(t, d) for s, t, d in zip(df["session_id"], df["session"], df["date"])}


def _values(column: pd.Series, hidden: pd.Series) -> list[float | None]:
    return [None if h else float(v) for v, h in zip(column, hidden)]


# Headline figures ----------------------------------------------------------------------
def _share_shown(share, total: float, threshold: int) -> bool:
    """A share gives its two parts back: both must be zero or not small."""
    if share is None or pd.isna(share) or _hidden(total, threshold):
        return False
    part = round(float(share) * total)
    return not _hidden(part, threshold) and not _hidden(total - part, threshold)


def headline(df, threshold: int, count: str, sources: str, sample: bool) -> Slide:
    spec = views.headline(df, count)
    row = df.iloc[0] if len(df) else None
    people = float(row["participants"]) if row is not None else 0.0
    recorded = float(row["gender_recorded"]) if row is not None else 0.0
    shown = {
        "participants": not _hidden(people, threshold),
        "non_governmental_share": _share_shown(
            spec["non_governmental_share"].value, people, threshold
        ),
        "first_time_share": not _hidden(people, threshold),
        "women_share": _share_shown(spec["women_share"].value, recorded, threshold),
    }
    texts, values, rows = [], [], []
    for figure in spec.figures:
        visible = shown.get(figure.key, True) and figure.value is not None
        if figure.kind == "share":
            text = figure.text if visible else "–"
            number = round(figure.value * 100, 1) if visible else None
        else:
            text = figure.text if visible else f"<{threshold}"
            number = int(figure.value) if visible else None
        texts.append(text)
        values.append(number)
        rows.append(
            (
                figure.label,
                text if number is None else number,
                "%" if figure.kind == "share" else "count",
                figure.note,
            )
        )
    chart = Chart("figures", [f.label for f in spec.figures], {"value": values}, labels=texts)
    table = pd.DataFrame(rows, columns=["Figure", "Value", "Unit", "Note"], dtype=object)
    if not people:
        title = EMPTY
    else:
        title = (
            f"{texts[0]} participants from {texts[1]} organizations and {texts[2]} "
            f"countries took part in {texts[3]} sessions"
            + (f"; {texts[4]} were non-governmental." if values[4] is not None else ".")
        )
    return Slide("headline", "Headline figures", title, chart, table, sources, sample)


# Attendance by sector ------------------------------------------------------------------
def attendance_by_sector(df, threshold: int, sources: str, sample: bool) -> Slide:
    grid = df.pivot_table(
        index="session_id", columns="sector", values="participants", aggfunc="sum", fill_value=0
    )
    hidden_grid = cells_to_suppress(grid, threshold)
    hidden = pd.Series(
        [bool(hidden_grid.at[s, c]) for s, c in zip(df["session_id"], df["sector"])],
        index=df.index,
        dtype=bool,
    )
    table = pd.DataFrame(
        {
            "Session": [session_name(t, d) for t, d in zip(df["session"], df["date"])],
            "Date": pd.to_datetime(df["date"]).dt.date,
            "Sector": df["sector"],
            "Participants": mask_cells(
                df[["participants"]], hidden.to_frame("participants"), threshold
            )["participants"],
            "Share (%)": (df["share"] * 100).round(1).where(~hidden, None),
        }
    ).reset_index(drop=True)
    labels = _session_labels(df)
    by_label = {label: s for s, label in _label_of(df).items()}
    sectors = style.ordered_sectors(df["sector"])
    series = {
        sector: [
            None
            if sector in grid and hidden_grid.at[by_label[label], sector]
            else float(grid.at[by_label[label], sector])
            if sector in grid
            else 0.0
            for label in labels
        ]
        for sector in sectors
    }
    chart = Chart(
        "stacked", labels, series, style.sector_colors(sectors), "Session", "Participants"
    )
    return Slide(
        "attendance_by_sector",
        "Attendance by sector",
        _sector_title(grid, threshold),
        chart,
        table,
        sources,
        sample,
    )


def _sector_title(grid: pd.DataFrame, threshold: int) -> str:
    if grid.empty:
        return EMPTY
    totals = grid.sum().sort_values(ascending=False)
    total = totals.sum()
    largest = totals.index[0]
    share = f" ({totals.iloc[0] / total:.0%})" if not _hidden(totals.iloc[0], threshold) else ""
    return (
        f"{largest} was the largest sector: {count_text(totals.iloc[0], threshold)} of "
        f"{count_text(total, threshold)} participations{share} across "
        f"{_plural(len(grid), 'session')}."
    )


# Topics and contributions (submissions: public) ---------------------------------------
def topics_per_session(df, sources: str, sample: bool) -> Slide:
    table = pd.DataFrame(
        {
            "Session": [session_name(t, d) for t, d in zip(df["session"], df["date"])],
            "Topic": df["topic"],
            "Raised at the session": df["raised"].map({True: "yes", False: "no"}),
            "Submissions": df["submissions"],
        }
    ).reset_index(drop=True)
    labels = _session_labels(df)
    label_of = _label_of(df)
    topics = sorted(set(df["topic"]), key=str.lower)
    cell = {
        (label_of[s], t): (int(n), bool(r))
        for s, t, n, r in zip(df["session_id"], df["topic"], df["submissions"], df["raised"])
    }
    chart = Chart(
        "heatmap",
        labels,
        {t: [float(cell.get((label, t), (0, False))[0]) for label in labels] for t in topics},
        x_label="Session",
        y_label="Topic",
        marked={t: [cell.get((label, t), (0, False))[1] for label in labels] for t in topics},
    )
    return Slide(
        "topics_per_session",
        "Topics per session",
        views.summary("topics_per_session", df),
        chart,
        table,
        sources,
        sample,
    )


def contributions_over_time(df, sources: str, sample: bool) -> Slide:
    table = pd.DataFrame(
        {
            "Date": pd.to_datetime(df["date"]).dt.date,
            "Kind": df["kind"],
            "Sector": df["sector"],
            "Submissions": df["submissions"],
            "Cumulative (kind)": df["cumulative"],
        }
    ).reset_index(drop=True)
    by_date = (
        df.pivot_table(
            index="date", columns="kind", values="submissions", aggfunc="sum", fill_value=0
        )
        .sort_index()
        .cumsum()
    )
    kinds = [k for k in style.KINDS if k in by_date] + sorted(
        set(by_date.columns) - set(style.KINDS)
    )
    chart = Chart(
        "lines",
        [f"{pd.Timestamp(d):%-d %b %Y}" for d in by_date.index],
        {k: by_date[k].astype(float).tolist() for k in kinds},
        {k: style.KIND_COLORS.get(k, style.UNKNOWN_COLOR) for k in kinds},
        "Date",
        "Submissions (cumulative)",
    )
    return Slide(
        "contributions_over_time",
        "Contributions over the series",
        views.summary("contributions_over_time", df),
        chart,
        table,
        sources,
        sample,
    )


# Regional reach ------------------------------------------------------------------------
def participants_by_area(df, threshold: int, level: str, sources: str, sample: bool) -> Slide:
    ordered = df.sort_values(
        ["participants", "area"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
    hidden = cells_to_suppress(ordered[["participants"]], threshold)["participants"]
    place = AREA_LABELS.get(level, "Place")
    table = pd.DataFrame(
        {
            place: ordered["area"],
            "Participants": mask_cells(
                ordered[["participants"]], hidden.to_frame("participants"), threshold
            )["participants"],
            "Organizations": ordered["organizations"],
            "Sessions": ordered["sessions"],
        }
    )
    top = ordered.head(TOP_PLACES)
    chart = Chart(
        "bars",
        top["area"].astype(str).tolist(),
        {"Participants": _values(top["participants"], hidden.head(TOP_PLACES))},
        {"Participants": style.SECTOR_COLORS["Government"]},
        place,
        "Participants",
        horizontal=True,
    )
    if ordered.empty:
        title = EMPTY
    else:
        first = ordered.iloc[0]
        title = (
            f"Most participants came from {first['area']}: "
            f"{count_text(first['participants'], threshold)} people from "
            f"{_plural(int(first['organizations']), 'organization')}; "
            f"{_plural(len(ordered), 'place')} in all."
        )
    return Slide("participants_by_area", "Regional reach", title, chart, table, sources, sample)


# Registration to attendance ------------------------------------------------------------
FUNNEL_COLUMNS = ("registered_and_attended", "no_shows", "walk_ins", "registered", "attended")


def funnel(df, threshold: int, sources: str, sample: bool) -> Slide:
    values = df.set_index("session_id")[list(FUNNEL_COLUMNS)]
    groups = [
        [(s, "registered_and_attended"), (s, "no_shows"), (s, "registered")] for s in values.index
    ] + [[(s, "registered_and_attended"), (s, "walk_ins"), (s, "attended")] for s in values.index]
    groups += [[(s, c) for s in values.index] for c in values.columns]
    hidden = cells_to_suppress(values, threshold, groups)
    shown = mask_cells(values, hidden, threshold).reset_index(drop=True)
    table = pd.DataFrame(
        {
            "Session": [session_name(t, d) for t, d in zip(df["session"], df["date"])],
            "Registered": shown["registered"],
            "Attended": shown["attended"],
            "Registered and attended": shown["registered_and_attended"],
            "Registered, absent": shown["no_shows"],
            "Attended, unregistered": shown["walk_ins"],
        }
    )
    # Bars of registered and attended per session, and of those who did both where that
    # is public: walk-ins are often few, and then "both" would give them back.
    bars = {"Registered": "registered", "Attended": "attended", style.STAGES[0]: FUNNEL_COLUMNS[0]}
    chart = Chart(
        "bars",
        _session_labels(df),
        {name: _values(values[c], hidden[c]) for name, c in bars.items() if not hidden[c].all()},
        {"Registered": "#BBBBBB", "Attended": "#4477AA", style.STAGES[0]: "#228833"},
        "Session",
        "People",
    )
    return Slide(
        "funnel",
        "Registration to attendance",
        _funnel_title(values, threshold),
        chart,
        table,
        sources,
        sample,
    )


def _funnel_title(values: pd.DataFrame, threshold: int) -> str:
    if values.empty:
        return EMPTY
    t = values.sum()
    rate = (
        f"{t['registered_and_attended'] / t['registered']:.0%} of those who registered attended: "
        if t["registered"]
        and not _hidden(t["registered_and_attended"], threshold)
        and not _hidden(t["registered"], threshold)
        else ""
    )
    return (
        f"{rate}{count_text(t['registered'], threshold)} registrations, "
        f"{count_text(t['attended'], threshold)} attendances, "
        f"{count_text(t['no_shows'], threshold)} registered but absent, "
        f"{count_text(t['walk_ins'], threshold)} attended without registering."
    )


# Published figures beside the record ---------------------------------------------------
def published_vs_recorded(df, threshold: int, sources: str, sample: bool) -> Slide:
    people = df["recorded_as"].eq("people")
    hidden = people & df["recorded"].gt(0) & df["recorded"].lt(threshold)
    table = pd.DataFrame(
        {
            "Figure": df["figure_id"],
            "Sessions": df["sessions"],
            "Who was counted": df["population"],
            "Measure": df["measure"],
            "Qualifier": df["qualifier"],
            "Published": df["published"],
            "Unit": df["unit"],
            "Recorded": mask_cells(df[["recorded"]], hidden.to_frame("recorded"), threshold)[
                "recorded"
            ],
            "Recorded as": df["recorded_as"],
            "Agrees": df["agrees"].map({True: "yes", False: "no"}),
            "Source": df["source_title"],
            "Publisher": df["source_publisher"],
            "Source date": pd.to_datetime(df["source_date"]).dt.date,
            "Address": df["source_url"],
        }
    ).reset_index(drop=True)
    chart = Chart(
        "bars",
        df["figure_id"].astype(str).tolist(),
        {
            "Published": df["published"].astype(float).tolist(),
            "Recorded": _values(df["recorded"], hidden),
        },
        {"Published": "#4477AA", "Recorded": "#CCBB44"},
        "Figure",
        "People or organizations",
    )
    title = views.summary("published_vs_recorded", df)
    return Slide(
        "published_vs_recorded",
        "Published figures and record",
        title,
        chart,
        table,
        sources,
        sample,
    )
