"""Versioned schema: each migration is applied once, in order, inside a transaction."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
    CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, title VARCHAR, date VARCHAR,
        date_precision VARCHAR, url VARCHAR, outlet VARCHAR, path VARCHAR, text VARCHAR NOT NULL,
        discarded VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp);
    CREATE TABLE IF NOT EXISTS sentences (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start_char INTEGER, end_char INTEGER, text VARCHAR,
        PRIMARY KEY (doc_id, idx));
    CREATE TABLE IF NOT EXISTS actors (
        actor_id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
        code VARCHAR, aliases JSON, roles JSON, how VARCHAR, evidence VARCHAR);
    CREATE TABLE IF NOT EXISTS mentions (
        doc_id VARCHAR NOT NULL, sentence_index INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        actor_id VARCHAR, country VARCHAR, sector VARCHAR, how VARCHAR, evidence VARCHAR);
    CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, sentence_index INTEGER, date VARCHAR,
        date_precision VARCHAR, source_actor_id VARCHAR, source_country VARCHAR, source_sector VARCHAR,
        source_code VARCHAR, target_actor_id VARCHAR, target_country VARCHAR, target_sector VARCHAR,
        target_code VARCHAR, cameo VARCHAR, root VARCHAR, goldstein DOUBLE, quad_class INTEGER,
        plover_event VARCHAR, plover_mode VARCHAR, modality VARCHAR, attribution_kind VARCHAR,
        speaker_actor_id VARCHAR, evidence_start INTEGER, evidence_end INTEGER, trigger_start INTEGER,
        trigger_end INTEGER, trigger_text VARCHAR, rule VARCHAR, confidence DOUBLE, framed BOOLEAN,
        record JSON NOT NULL);
    CREATE TABLE IF NOT EXISTS quantities (
        event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, text VARCHAR, value DOUBLE, unit VARCHAR, per VARCHAR);
    CREATE TABLE IF NOT EXISTS framing (
        doc_id VARCHAR NOT NULL, sentence_index INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        category VARCHAR);
    """),
    # 2: derived analysis tables (stories, syndication, contradictions), written by
    # dyads.analysis.persist (full rebuild) and dyads.analysis.incremental (after each ingest).
    (2, """
    CREATE TABLE IF NOT EXISTS stories (
        story_id VARCHAR PRIMARY KEY, root VARCHAR, cameo VARCHAR, source VARCHAR, target VARCHAR,
        first_date VARCHAR, last_date VARCHAR, events INTEGER, reports INTEGER, distinct_docs INTEGER,
        independent_reports INTEGER, outlets JSON, n_outlets INTEGER, doc_ids JSON, quad_class INTEGER,
        goldstein DOUBLE, headline VARCHAR);
    CREATE TABLE IF NOT EXISTS story_events (story_id VARCHAR NOT NULL, event_id VARCHAR PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS syndication (
        doc_id VARCHAR PRIMARY KEY, canonical_doc_id VARCHAR NOT NULL, similarity DOUBLE);
    CREATE TABLE IF NOT EXISTS contradictions (
        contradiction_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, kind VARCHAR, about VARCHAR, sides JSON);
    """),
    # 3: incremental analysis. The shingle index (hashes of word 5-grams per kept document with
    # at least MIN_SHINGLES of them), the copy pairs it implies, and per story member the keys
    # clustering blocks on, so that an ingest updates stories and syndication near what it wrote
    # (dyads.analysis.incremental) instead of re-reading the store. Existing analysis tables lack
    # these rows: the store is marked stale and the next ingest (or `dyads analyse`) rebuilds.
    (3, """
    CREATE TABLE IF NOT EXISTS doc_shingles (doc_id VARCHAR NOT NULL, shingle BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS shingle_counts (doc_id VARCHAR PRIMARY KEY, n INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS syndication_edges (a VARCHAR NOT NULL, b VARCHAR NOT NULL, similarity DOUBLE);
    ALTER TABLE story_events ADD COLUMN doc_id VARCHAR;
    ALTER TABLE story_events ADD COLUMN root VARCHAR;
    ALTER TABLE story_events ADD COLUMN date VARCHAR;
    INSERT OR REPLACE INTO meta VALUES ('analysis_stale', '1');
    """),
    # 4: where each event happened (dyads.places): flat columns for filtering and maps; the whole
    # location is in `record`. Events stored before stay unplaced (NULL) until their document is
    # ingested again with changed content; nothing else changes.
    (4, """
    ALTER TABLE events ADD COLUMN location_name VARCHAR;
    ALTER TABLE events ADD COLUMN location_country VARCHAR;
    ALTER TABLE events ADD COLUMN location_lat DOUBLE;
    ALTER TABLE events ADD COLUMN location_lon DOUBLE;
    ALTER TABLE events ADD COLUMN location_precision VARCHAR;
    """),
    # 5: each document's language (ISO 639-1; dyads.ingest.language), and its events' records carry
    # it as "lang". Documents stored before were never detected: their language stays null
    # (undetermined; they were coded as English) and their records gain "lang": null, appended to
    # the compact JSON text (every stored record is one object ending in "}"). Ingesting such a
    # document again recodes it when it is detected as another language than English (its content
    # hash then differs: dyads.ingest.readers.content_hash).
    (5, """
    ALTER TABLE documents ADD COLUMN lang VARCHAR;
    UPDATE events SET record = CAST(left(CAST(record AS VARCHAR), length(CAST(record AS VARCHAR)) - 1) || ', "lang": null}' AS JSON)
        WHERE json_exists(record, '$.lang') IS NOT TRUE;
    """),
)

LATEST = MIGRATIONS[-1][0]
DOC_TABLES = ("sentences", "mentions", "events", "quantities", "framing")
