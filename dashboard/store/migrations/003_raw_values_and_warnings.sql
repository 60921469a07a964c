-- Schema 3: nobody lost over one field.
-- A value ingest cannot read is stored as unknown and its raw text kept, so that
-- `dialogues remap` can apply an edited mapping later without a reload: the sector label
-- an organization's sector came from, the country cell a participant's country came from.
-- `name_hash` is a keyed hash of a participant's normalised name (never the name), so a
-- later record without an e-mail can be linked to them. Every such field is reported as
-- a warning, kept in import_warnings beside import_rejects. (IF NOT EXISTS: DuckDB cannot
-- drop a column of a table others reference, so a test cannot make a true version-2
-- participants table; the step is safe on any store.)
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS sector_label VARCHAR;
ALTER TABLE participants ADD COLUMN IF NOT EXISTS country_label VARCHAR;
ALTER TABLE participants ADD COLUMN IF NOT EXISTS name_hash VARCHAR;
CREATE TABLE IF NOT EXISTS import_warnings (
    import_id   INTEGER NOT NULL,   -- checked: imports
    row_number  INTEGER NOT NULL,
    column_name VARCHAR,
    field       VARCHAR NOT NULL,
    value       VARCHAR,
    reason      VARCHAR NOT NULL
);
