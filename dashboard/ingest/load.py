"""Writing one prepared file to the store: one transaction, all or nothing.

In one transaction: the ``imports`` row, the session's illustrative rows that real ones
replace, new organizations, participants and participation (updated where they exist,
inserted where not), submissions and their topics, and the rejects. Any error rolls the
whole file back. Values reach SQL only as ``?`` parameters or through DataFrames
registered on this writable connection; table and column names are constants.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from ..store.keys import record_fingerprint
from ..store.sample import drop_illustrative
from .batch import Batch

_PARTICIPANT_COLUMNS = (
    "participant_id",
    "organization_id",
    "country_iso3",
    "email",
    "country_label",
    "name_hash",
)
_PARTICIPATION_COLUMNS = (
    "session_id",
    "participant_id",
    "registered",
    "registration_state",
    "attended",
    "mode",
    "role",
    "minutes_present",
)


def _frame(rows: list[dict], columns: tuple[str, ...], types: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    return (
        frame.astype(types)
        if len(frame)
        else frame.astype({c: types.get(c, "object") for c in columns})
    )


def _run_with(
    con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame, *statements: tuple[str, list]
) -> None:
    con.register(name, frame)
    for sql, params in statements:
        con.execute(sql, params)  # on error the caller rolls back; the view goes with it
    con.unregister(name)


def write(
    con: duckdb.DuckDBPyConnection, batch: Batch, key: str, min_minutes: int
) -> tuple[int, int]:
    """Write ``batch`` in one transaction; (import_id, illustrative rows replaced).

    The first load records the fingerprint of the key its participant ids were made with.
    """
    con.begin()
    try:
        record_fingerprint(con, key)
        import_id = _insert_import(con, batch)
        replaced = _replace_illustrative(con, batch)
        _write_organizations(con, batch)
        if batch.people:
            _write_participants(con, batch)
            _write_participation(con, batch, import_id, min_minutes)
        if batch.submissions:
            _write_submissions(con, batch, import_id)
        _write_rejects(con, batch, import_id)
        _write_warnings(con, batch, import_id)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return import_id, replaced


def _insert_import(con: duckdb.DuckDBPyConnection, batch: Batch) -> int:
    parsed = batch.parsed
    return con.execute(
        "INSERT INTO imports (file_name, content_sha256, format, kind, session_id, "
        "records_read, loaded, rejected, illustrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?, false) "
        "RETURNING import_id",
        [
            parsed.name.replace("\\", "/").rsplit("/", 1)[-1],
            parsed.sha256,
            parsed.format,
            parsed.kind,
            batch.session_id,
            len(parsed.records),
            batch.loaded,
            len(batch.rejects),
        ],
    ).fetchall()[0][0]


def _replace_illustrative(con: duckdb.DuckDBPyConnection, batch: Batch) -> int:
    """Real participation (or submissions) for a session replaces its illustrative ones."""
    tables = ["participation"] * bool(batch.people) + ["submissions"] * bool(batch.submissions)
    return sum(drop_illustrative(con, batch.session_id, table) for table in tables)


def _write_organizations(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    if batch.new_organizations:
        frame = pd.DataFrame(
            batch.new_organizations,
            columns=[
                "organization_id",
                "name",
                "normalized_name",
                "sector",
                "sector_label",
                "country_iso3",
            ],
        )
        _run_with(
            con,
            "_new_organizations",
            frame,
            (
                "INSERT INTO organizations (organization_id, name, normalized_name, sector, "
                "sector_label, country_iso3, illustrative) SELECT organization_id, name, "
                "normalized_name, sector, sector_label, country_iso3, false "
                "FROM _new_organizations",
                [],
            ),
        )
    for org in batch.updated_organizations:  # an unknown sector this file knows
        con.execute(
            "UPDATE organizations SET sector = ?, sector_label = ? WHERE organization_id = ?",
            [org["sector"], org["sector_label"], org["organization_id"]],
        )


def _write_participants(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """New participants are inserted; a known one gains the e-mail, organization and
    country a later file knows and earlier ones did not (what is known is never
    overwritten: the first file that named a person's organization stays authoritative).
    ``country_label`` follows the country it gave, or the first cell when none is known."""
    frame = _frame(batch.participant_rows(), _PARTICIPANT_COLUMNS, {})
    _run_with(
        con,
        "_participants",
        frame,
        (
            "UPDATE participants SET email = coalesce(participants.email, b.email), "
            "organization_id = coalesce(participants.organization_id, b.organization_id), "
            "name_hash = coalesce(participants.name_hash, b.name_hash), "
            "country_label = CASE WHEN participants.country_iso3 IS NULL AND b.country_iso3 "
            "IS NOT NULL THEN b.country_label "
            "ELSE coalesce(participants.country_label, b.country_label) END, "
            "country_iso3 = coalesce(participants.country_iso3, b.country_iso3) "
            "FROM _participants b WHERE participants.participant_id = b.participant_id",
            [],
        ),
        (
            "INSERT INTO participants (participant_id, organization_id, country_iso3, email, "
            "country_label, name_hash, illustrative) SELECT b.participant_id, "
            "b.organization_id, b.country_iso3, b.email, b.country_label, b.name_hash, false "
            "FROM _participants b "
            "WHERE NOT EXISTS (SELECT 1 FROM participants p "
            "WHERE p.participant_id = b.participant_id)",
            [],
        ),
    )


def _write_participation(
    con: duckdb.DuckDBPyConnection, batch: Batch, import_id: int, min_minutes: int
) -> None:
    frame = _frame(
        batch.participation_rows(min_minutes),
        _PARTICIPATION_COLUMNS,
        {"registered": "boolean", "attended": "boolean", "minutes_present": "Int64"},
    )
    # An online report adds evidence: it never unsets 'attended' (the person may have been
    # checked in at the venue) nor turns 'in person' into 'online'. Other files state
    # what they know and override; a blank cell changes nothing.
    online = batch.parsed.online
    _run_with(
        con,
        "_participation",
        frame,
        (
            "UPDATE participation SET "
            "registered = coalesce(b.registered, participation.registered), "
            "registration_state = "
            "coalesce(b.registration_state, participation.registration_state), "
            "attended = CASE WHEN ? THEN participation.attended OR coalesce(b.attended, false) "
            "ELSE coalesce(b.attended, participation.attended) END, "
            "mode = CASE WHEN ? AND participation.mode = 'in person' THEN participation.mode "
            "ELSE coalesce(b.mode, participation.mode) END, "
            "role = coalesce(b.role, participation.role), "
            "minutes_present = coalesce(b.minutes_present, participation.minutes_present), "
            "import_id = ? FROM _participation b WHERE participation.session_id = b.session_id "
            "AND participation.participant_id = b.participant_id",
            [online, online, import_id],
        ),
        (
            "INSERT INTO participation (session_id, participant_id, registered, "
            "registration_state, "
            "attended, mode, role, minutes_present, import_id, illustrative) "
            "SELECT b.session_id, b.participant_id, coalesce(b.registered, false), "
            "b.registration_state, coalesce(b.attended, false), b.mode, "
            "coalesce(b.role, 'participant'), b.minutes_present, ?, false FROM _participation b "
            "WHERE NOT EXISTS (SELECT 1 FROM participation p WHERE p.session_id = b.session_id "
            "AND p.participant_id = b.participant_id)",
            [import_id],
        ),
    )


def _write_submissions(con: duckdb.DuckDBPyConnection, batch: Batch, import_id: int) -> None:
    frame = pd.DataFrame(
        list(batch.submissions.values()),
        columns=["submission_id", "session_id", "organization_id", "kind", "title", "date"],
    )
    _run_with(
        con,
        "_submissions",
        frame,
        (
            "INSERT INTO submissions (submission_id, session_id, organization_id, kind, title, "
            "date, import_id, illustrative) SELECT submission_id, session_id, organization_id, "
            "kind, title, CAST(date AS DATE), ?, false FROM _submissions "
            "ON CONFLICT (submission_id) DO NOTHING",
            [import_id],
        ),
    )
    if batch.submission_topics:
        topics = pd.DataFrame(
            sorted(batch.submission_topics), columns=["submission_id", "topic_id"]
        )
        _run_with(
            con,
            "_submission_topics",
            topics,
            (
                "INSERT INTO submission_topics (submission_id, topic_id) SELECT submission_id, "
                "topic_id FROM _submission_topics ON CONFLICT DO NOTHING",
                [],
            ),
        )


def _write_rejects(con: duckdb.DuckDBPyConnection, batch: Batch, import_id: int) -> None:
    if not batch.rejects:
        return
    frame = pd.DataFrame(
        [(r.row, r.column, r.reason, r.raw_record) for r in batch.rejects],
        columns=["row_number", "column_name", "reason", "raw_record"],
    )
    _run_with(
        con,
        "_rejects",
        frame,
        (
            "INSERT INTO import_rejects (import_id, row_number, column_name, reason, raw_record) "
            "SELECT ?, row_number, column_name, reason, raw_record FROM _rejects",
            [import_id],
        ),
    )


def _write_warnings(con: duckdb.DuckDBPyConnection, batch: Batch, import_id: int) -> None:
    if not batch.warnings:
        return
    frame = pd.DataFrame(
        [(w.row, w.column, w.field, w.value, w.reason) for w in batch.warnings],
        columns=["row_number", "column_name", "field", "value", "reason"],
    )
    _run_with(
        con,
        "_warnings",
        frame,
        (
            "INSERT INTO import_warnings (import_id, row_number, column_name, field, value, "
            "reason) SELECT ?, row_number, column_name, field, value, reason FROM _warnings",
            [import_id],
        ),
    )
