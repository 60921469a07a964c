-- Public schema of the Constructive Dialogues store (schema version 1).
-- Analysts query these tables by name: keep names stable; change them only through a
-- numbered migration in migrations/ and bump SCHEMA_VERSION in store/migrate.py.

CREATE TABLE schema_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Reference tables ----------------------------------------------------------------

CREATE TABLE sectors (
    sector        VARCHAR PRIMARY KEY,   -- 'Government', 'NGO / civil society', ...
    governmental  BOOLEAN NOT NULL,      -- true for Government and IGO / UN entity
    sort_order    INTEGER NOT NULL,
    description   VARCHAR
);

CREATE TABLE countries (
    iso3              VARCHAR PRIMARY KEY,  -- ISO 3166-1 alpha-3
    iso2              VARCHAR,
    name              VARCHAR NOT NULL,
    m49_code          VARCHAR,              -- UN M49 numeric code, zero-padded
    region            VARCHAR,              -- M49 region: Africa, Americas, Asia, Europe, Oceania
    sub_region        VARCHAR,              -- M49 sub-region, e.g. 'Western Europe'
    un_regional_group VARCHAR               -- UN regional group of Member States, NULL otherwise
);

-- The series and its meetings ---------------------------------------------------------

CREATE TABLE series (
    series_id  VARCHAR PRIMARY KEY,      -- 'CD-2022'
    title      VARCHAR NOT NULL,
    year       INTEGER NOT NULL,
    convener   VARCHAR
);

CREATE TABLE sessions (
    session_id        VARCHAR PRIMARY KEY,   -- 'CD-2022-FA'
    series_id         VARCHAR NOT NULL REFERENCES series (series_id),
    date              DATE NOT NULL,
    title             VARCHAR NOT NULL,
    short_title       VARCHAR NOT NULL,      -- for axis labels: 'Firearms'
    format            VARCHAR,               -- 'hybrid', 'in person', 'online'
    venue             VARCHAR,
    chair             VARCHAR,
    chair_affiliation VARCHAR,
    preceded_by       VARCHAR,               -- the working-group session it followed
    notes             VARCHAR
);

CREATE TABLE working_groups (
    working_group_id VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL UNIQUE
);

CREATE TABLE session_working_groups (
    session_id       VARCHAR NOT NULL REFERENCES sessions (session_id),
    working_group_id VARCHAR NOT NULL REFERENCES working_groups (working_group_id),
    PRIMARY KEY (session_id, working_group_id)
);

CREATE TABLE topics (
    topic_id VARCHAR PRIMARY KEY,   -- slug: 'victim-protection'
    name     VARCHAR NOT NULL UNIQUE
);

CREATE TABLE session_topics (
    session_id VARCHAR NOT NULL REFERENCES sessions (session_id),
    topic_id   VARCHAR NOT NULL REFERENCES topics (topic_id),
    detail     VARCHAR,
    source_url VARCHAR,
    PRIMARY KEY (session_id, topic_id)
);

-- Provenance: every ingested file, and every record that was not loaded ------------------

CREATE SEQUENCE import_id_seq START 1;

CREATE TABLE imports (
    import_id      INTEGER PRIMARY KEY DEFAULT nextval('import_id_seq'),
    file_name      VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL UNIQUE,  -- the same file twice is recognised
    format         VARCHAR NOT NULL,         -- 'illustrative-sample', 'teams-attendance', ...
    kind           VARCHAR NOT NULL,         -- 'registration', 'attendance', 'submissions', 'sample'
    session_id     VARCHAR REFERENCES sessions (session_id),
    imported_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    records_read   INTEGER NOT NULL,
    loaded         INTEGER NOT NULL,
    rejected       INTEGER NOT NULL,
    illustrative   BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE import_rejects (
    import_id  INTEGER NOT NULL REFERENCES imports (import_id),
    row_number INTEGER NOT NULL,   -- 1-based row in the file as a spreadsheet shows it
    column_name VARCHAR,           -- the offending column, when one is to blame
    reason     VARCHAR NOT NULL,
    raw_record VARCHAR,            -- the record as read, JSON; pseudonymised where personal
    PRIMARY KEY (import_id, row_number)
);

-- A field of a loaded record that could not be read: stored as unknown, reported here.
CREATE TABLE import_warnings (
    import_id   INTEGER NOT NULL,  -- checked: imports
    row_number  INTEGER NOT NULL,  -- 1-based row in the file as a spreadsheet shows it
    column_name VARCHAR,           -- the column as headed in the file
    field       VARCHAR NOT NULL,  -- 'sector', 'country', 'email', 'role', ...
    value       VARCHAR,           -- the cell as read; '[removed]' for e-mail fields
    reason      VARCHAR NOT NULL
);

-- Who took part ----------------------------------------------------------------------

CREATE TABLE organizations (
    organization_id VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    normalized_name VARCHAR NOT NULL,      -- lower-case, accents and punctuation folded
    sector          VARCHAR NOT NULL REFERENCES sectors (sector),
    country_iso3    VARCHAR REFERENCES countries (iso3),
    ecosoc_status   VARCHAR,               -- 'general', 'special', 'roster' or NULL
    illustrative    BOOLEAN NOT NULL DEFAULT false,
    sector_label    VARCHAR                -- the label as read that gave `sector` (`dialogues remap`)
);

-- Columns marked "checked" refer to another table without a FOREIGN KEY: DuckDB cannot
-- update a row whose indexed columns are referenced, nor delete in one transaction rows
-- that other deleted rows referenced, and ingest must enrich these columns later files
-- know better. store/integrity.py checks them; the tests run it after every write.
CREATE TABLE participants (
    participant_id  VARCHAR PRIMARY KEY,   -- keyed hash (HMAC-SHA256); never a raw e-mail
    organization_id VARCHAR,               -- checked: organizations
    country_iso3    VARCHAR,               -- checked: countries
    gender          VARCHAR,               -- 'female', 'male', 'other'; NULL when not recorded
    email           VARCHAR,               -- NULL unless the store_raw_email setting is on
    illustrative    BOOLEAN NOT NULL DEFAULT false,
    country_label   VARCHAR,               -- the country cell as read (`dialogues remap`)
    name_hash       VARCHAR                -- keyed hash of the normalised name; never the name
);

CREATE TABLE participation (
    session_id         VARCHAR NOT NULL REFERENCES sessions (session_id),
    participant_id     VARCHAR NOT NULL REFERENCES participants (participant_id),
    registered         BOOLEAN NOT NULL,
    registration_state VARCHAR,            -- 'complete', 'pending', 'withdrawn', ... as exported
    attended           BOOLEAN NOT NULL,
    mode               VARCHAR,            -- one of the CHECK below; NULL when not known
    role               VARCHAR NOT NULL,   -- one of the CHECK below (dashboard.domain.ROLES)
    minutes_present    INTEGER,
    import_id          INTEGER NOT NULL REFERENCES imports (import_id),
    illustrative       BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (session_id, participant_id),
    CHECK (mode IS NULL OR mode IN ('in person', 'online')),
    CHECK (role IN ('chair', 'panellist', 'speaker', 'participant', 'organizer'))
);

-- What they contributed ----------------------------------------------------------------

CREATE TABLE submissions (
    submission_id   VARCHAR PRIMARY KEY,
    session_id      VARCHAR NOT NULL REFERENCES sessions (session_id),
    organization_id VARCHAR,            -- checked: organizations
    kind            VARCHAR NOT NULL,   -- one of the CHECK below (dashboard.domain.KINDS)
    title           VARCHAR NOT NULL,
    date            DATE NOT NULL,
    import_id       INTEGER NOT NULL REFERENCES imports (import_id),
    illustrative    BOOLEAN NOT NULL DEFAULT false,
    CHECK (kind IN ('oral statement', 'written submission', 'recommendation', 'good practice'))
);

CREATE TABLE submission_topics (
    submission_id VARCHAR NOT NULL,     -- checked: submissions
    topic_id      VARCHAR NOT NULL REFERENCES topics (topic_id),
    PRIMARY KEY (submission_id, topic_id)
);

-- What others published -----------------------------------------------------------------

CREATE TABLE published_figures (
    figure_id        VARCHAR PRIMARY KEY,
    session_id       VARCHAR REFERENCES sessions (session_id),  -- NULL when it spans sessions
    measure          VARCHAR NOT NULL,   -- 'registered', 'participated', 'panellists'
    unit             VARCHAR NOT NULL,   -- 'people', 'organizations', 'stakeholders': never sum across units
    population       VARCHAR NOT NULL,   -- who is counted, in the source's words
    qualifier        VARCHAR NOT NULL,   -- 'exactly' or 'over'
    value            INTEGER NOT NULL,
    source_title     VARCHAR NOT NULL,
    source_publisher VARCHAR NOT NULL,
    source_date      DATE,
    source_url       VARCHAR             -- NULL when no address was confirmed
);

-- Every session a figure covers (one row, or several for a figure such as "both 1 July
-- meetings together").
CREATE TABLE published_figure_sessions (
    figure_id  VARCHAR NOT NULL REFERENCES published_figures (figure_id),
    session_id VARCHAR NOT NULL REFERENCES sessions (session_id),
    PRIMARY KEY (figure_id, session_id)
);

-- How a figure is reproduced from the record-level data: which count, over which
-- sectors and roles. The query is queries.questions.published_vs_recorded.
CREATE TABLE published_figure_rules (
    figure_id VARCHAR PRIMARY KEY REFERENCES published_figures (figure_id),
    counts    VARCHAR NOT NULL,   -- 'people' (distinct participants) or 'organizations'
    sectors   VARCHAR[],          -- NULL: every sector
    roles     VARCHAR[],          -- NULL: every role
    CHECK (counts IN ('people', 'organizations'))
);

-- Analysis views: one row per participation / submission with everything the dashboard
-- filters and groups by. Analysts can query them directly.
-- `sector` is taken from the sectors table, not as coalesce(o.sector, ...): DuckDB 2.0.1
-- answers `sector IN (...)` on such a coalesced column wrongly (nearly every row);
-- tests/test_data.py::test_every_filter_alone_matches_pandas guards against it.
CREATE VIEW participation_facts AS
SELECT pa.session_id, pa.participant_id, pa.registered, pa.registration_state, pa.attended,
       pa.mode, pa.role, pa.minutes_present, pa.illustrative, pa.import_id,
       s.series_id, se.year, s.date, s.short_title,
       p.organization_id, p.gender,
       sc.sector, sc.governmental, sc.sort_order AS sector_order,
       c.iso3 AS country_iso3, c.name AS country, c.region, c.sub_region, c.un_regional_group
FROM participation pa
JOIN sessions s USING (session_id)
JOIN series se USING (series_id)
JOIN participants p USING (participant_id)
LEFT JOIN organizations o USING (organization_id)
JOIN sectors sc ON sc.sector = coalesce(o.sector, 'Other / unknown')
LEFT JOIN countries c ON c.iso3 = coalesce(p.country_iso3, o.country_iso3);

CREATE VIEW submission_facts AS
SELECT su.submission_id, su.session_id, su.kind, su.title, su.date, su.illustrative,
       s.series_id, se.year, s.short_title,
       su.organization_id, o.name AS organization,
       sc.sector, sc.sort_order AS sector_order,
       c.iso3 AS country_iso3, c.name AS country, c.region, c.sub_region, c.un_regional_group
FROM submissions su
JOIN sessions s USING (session_id)
JOIN series se USING (series_id)
LEFT JOIN organizations o USING (organization_id)
JOIN sectors sc ON sc.sector = coalesce(o.sector, 'Other / unknown')
LEFT JOIN countries c ON c.iso3 = o.country_iso3;
