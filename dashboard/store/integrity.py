"""Checks for the references the schema keeps without FOREIGN KEY constraints.

See the note above ``participants`` in schema.sql for why those columns carry no
constraint. ``dangling_references`` names every reference that points nowhere.
"""

from __future__ import annotations

import duckdb

# (table, column, referenced table, referenced column): constants, never user input.
CHECKED_REFERENCES = (
    ("participants", "organization_id", "organizations", "organization_id"),
    ("participants", "country_iso3", "countries", "iso3"),
    ("submissions", "organization_id", "organizations", "organization_id"),
    ("submission_topics", "submission_id", "submissions", "submission_id"),
    ("import_warnings", "import_id", "imports", "import_id"),
)


def dangling_references(con: duckdb.DuckDBPyConnection) -> list[str]:
    """'participants.organization_id -> organizations: 2 rows' for each broken reference."""
    problems = []
    for table, column, target, key in CHECKED_REFERENCES:
        count = con.execute(
            f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {target} r WHERE r.{key} = t.{column})"
        ).fetchone()[0]
        if count:
            problems.append(f"{table}.{column} -> {target}: {count} rows")
    return problems
