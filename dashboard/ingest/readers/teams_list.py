"""The older Teams attendance list, ``meetingAttendanceList.csv`` (2020-2021).

UTF-16 LE with a byte-order mark, tab-separated: ``Full Name``, ``User Action``,
``Timestamp``; one row per join or leave (``Joined``, ``Joined before``, ``Left``), in
time order, with US (``5/6/2022, 1:02:11 PM``) or day-first timestamps; names as the
directory writes them (often ``Last, First``); no e-mail addresses. Some copies have no
header line. A person's minutes are the time between each join and the next leave; a
join with no leave runs to the last timestamp of the list (the list does not say when
the meeting ended).
"""

from __future__ import annotations

from ...text import fold
from ..normalize import clean, parse_datetime, person_key, resolve_date_order
from ..records import Columns, ParsedFile, Record
from ..source import Row, Source

FORMAT = "teams-attendance-list"
KIND = "attendance"
KINDS = ("attendance",)
DESCRIPTION = "Microsoft Teams attendance list (meetingAttendanceList.csv)"

HEADER = (
    ("full name", "nom complet", "nombre completo"),
    ("user action", "action de l utilisateur", "accion del usuario", "activite", "actividad"),
    ("timestamp", "horodatage", "marca de tiempo"),
)
JOINED = {
    "joined",
    "joined before",
    "a rejoint",
    "a rejoint avant",
    "rejoint",
    "rejoint avant",
    "se unio",
    "se unio antes",
    "unido",
    "unido antes",
}
LEFT = {"left", "a quitte", "quitte", "salio", "abandono"}
LABELS = {"name": "Full Name", "action": "User Action", "time": "Timestamp"}


def _action(value: object) -> str | None:
    text = fold(clean(value) or "")
    return "join" if text in JOINED else "leave" if text in LEFT else None


def _is_header(row: Row) -> bool:
    cells = [" ".join(fold(str(c or "")).replace("'", " ").split()) for c in row.cells[:3]]
    return len(cells) == 3 and all(c in names for c, names in zip(cells, HEADER))


def sniff(source: Source) -> float:
    if source.is_workbook:
        return 0.0
    head = source.head(30)
    if head and _is_header(head[0]):
        return 0.95
    events = [r for r in head if len(r.cells) == 3 and _action(r.get(1))]
    return 0.8 if head and len(events) >= 0.8 * len(head) else 0.0


def read(source: Source, context) -> ParsedFile:
    parsed = ParsedFile(source.name, source.sha256, FORMAT, KIND, online=True)
    rows = source.rows
    header = rows[0] if rows and _is_header(rows[0]) else Row(0, tuple(LABELS.values()))
    columns = Columns(header)
    labels = {
        "name": columns.label(0),
        "joined": columns.label(2),
        "left": columns.label(2),
        "role": columns.label(1),
    }
    body = [r for r in rows[1 if header.number else 0 :] if not r.blank]
    order = resolve_date_order([r.get(2) for r in body], context.session_date)
    events, records = [], {}
    for row in body:
        record = Record(
            row=row.number,
            raw=columns.raw(row),
            columns=labels,
            name=row.get(0),
            problem=columns.width_problem(row),
        )
        records[row.number] = record
        parsed.records.append(record)
        action = _action(row.get(1))
        if record.problem:
            continue
        if action is None:
            record.warn("role", row.get(1), "not 'Joined' or 'Left'; the row's time is not counted")
            continue
        try:
            moment = parse_datetime(row.get(2), order)
        except ValueError as exc:
            record.warn("joined", row.get(2), f"{exc}; the row's time is not counted")
            continue
        if moment is None:
            record.warn("joined", None, "no timestamp; the row's time is not counted")
            continue
        events.append((moment, row.number, person_key(row.get(0)), action))
    _pair(sorted(events), records, parsed)
    return parsed


def _pair(events, records: dict[int, Record], parsed: ParsedFile) -> None:
    """Give each join row its interval: until the person's next leave, else the list's end."""
    end = events[-1][0] if events else None
    open_joins: dict[str | None, Record] = {}
    for moment, number, who, action in events:
        record = records[number]
        if action == "join":
            if who not in open_joins:
                record.joined = moment
                open_joins[who] = record
            else:
                record.seconds = 0  # joined again while present (a second device)
        else:
            started = open_joins.pop(who, None)
            record.seconds = 0  # a leave row's time is counted on its join row
            if started is not None:
                started.left = moment
    for record in open_joins.values():
        record.left = end
    if open_joins:
        parsed.notes.append(
            f"{len(open_joins)} join(s) without a leave: counted until the "
            "last timestamp in the list"
        )
