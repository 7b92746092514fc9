-- saidwhat quote database, schema version 1 (SQLite).
-- Applied in one transaction by saidwhat.store.migrate; keep in step with
-- 0001_initial.postgres.sql (same tables, columns and meaning).

-- One row per article; the same URL or the same text (content_hash) is stored once.
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    url          TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    dateline     TEXT,
    published    TEXT,                -- as given (ISO date or datetime)
    pub_date     TEXT,                -- its YYYY-MM-DD, for filters and ordering
    author       TEXT,
    site         TEXT,
    language     TEXT,
    body         TEXT NOT NULL,       -- JSON [[start, end], ...] prose regions of text
    ingested_at  TEXT NOT NULL,
    text         TEXT NOT NULL        -- last: rows are read for metadata without it
);
CREATE INDEX articles_pub_date ON articles (pub_date);

-- One row per person, organisation or group across articles (see store/names.py).
CREATE TABLE speakers (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE, -- name_key(): the merge key
    name        TEXT NOT NULL,        -- display name (first full form seen)
    type        TEXT NOT NULL,        -- PERSON, ORG, GROUP, UNKNOWN
    surname     TEXT,                 -- last-resort lookup key for persons
    statements  INTEGER NOT NULL DEFAULT 0,
    first_date  TEXT,
    last_date   TEXT
);
CREATE INDEX speakers_statements ON speakers (statements DESC, id);
CREATE INDEX speakers_surname ON speakers (surname);

-- Every form a speaker was named by ("Secretary of State Mike Pompeo", "Pompeo").
CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers (id),
    alias_key  TEXT NOT NULL,
    alias      TEXT NOT NULL,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, alias_key)
);
CREATE INDEX speaker_aliases_key ON speaker_aliases (alias_key);

-- Every role a speaker was given, with the first and last publication date.
CREATE TABLE speaker_roles (
    speaker_id INTEGER NOT NULL REFERENCES speakers (id),
    role_key   TEXT NOT NULL,
    role       TEXT NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, role_key)
);

-- One row per quote reported (possibly with small changes) by one or more articles.
CREATE TABLE clusters (
    id                   INTEGER PRIMARY KEY,
    norm                 TEXT NOT NULL, -- normalised words of the first version ingested
    first_attribution_id INTEGER NOT NULL,
    first_article_id     TEXT NOT NULL,
    first_date           TEXT,          -- publication date of the earliest article
    variants             INTEGER NOT NULL DEFAULT 0,
    articles             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clusters_articles ON clusters (articles DESC, id);

-- Winnowed shingle fingerprints of each cluster's first version (near-duplicate lookup).
CREATE TABLE cluster_prints (
    print      INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    PRIMARY KEY (print, cluster_id)
) WITHOUT ROWID;

-- Every field of the JSON output, spans as JSON [[start, end], ...] into articles.text.
CREATE TABLE attributions (
    id              INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles (id),
    seq             INTEGER NOT NULL,  -- position in the article's attributions
    kind            TEXT NOT NULL,
    content         TEXT NOT NULL,
    content_spans   TEXT NOT NULL,
    speaker_id      INTEGER REFERENCES speakers (id),
    speaker_name    TEXT,              -- the speaker as the article gave it
    speaker_role    TEXT,
    speaker_type    TEXT,
    role            TEXT,              -- speaker_role, else a title in the name
    source          TEXT,
    source_spans    TEXT,
    cue             TEXT,
    cue_spans       TEXT,
    addressee       TEXT,
    addressee_start INTEGER,
    addressee_end   INTEGER,
    when_text       TEXT,
    when_spans      TEXT,
    when_date       TEXT,
    confidence      REAL NOT NULL,
    date            TEXT,              -- when_date, else the article's pub_date
    site            TEXT,              -- the article's site, lower case (filter)
    quote_hash      TEXT,              -- quotes.quote_hash of a clusterable quote
    cluster_id      INTEGER REFERENCES clusters (id),
    UNIQUE (article_id, seq)
);
CREATE INDEX attributions_date ON attributions (date, id);
CREATE INDEX attributions_speaker ON attributions (speaker_id, date, id);
CREATE INDEX attributions_kind ON attributions (kind, date, id);
CREATE INDEX attributions_site ON attributions (site, date, id);
CREATE INDEX attributions_cluster ON attributions (cluster_id);
CREATE INDEX attributions_quote_hash ON attributions (quote_hash);

-- Full text search over content, speaker and article title: an FTS5 table whose
-- content lives in attributions and articles (external content), kept in sync by
-- triggers. Titles never change after ingest, so the triggers need only follow
-- attributions.
CREATE VIEW attribution_documents AS
    SELECT a.id AS id, a.content AS content, coalesce(a.speaker_name, '') AS speaker,
           coalesce(ar.title, '') AS title
    FROM attributions a JOIN articles ar ON ar.id = a.article_id;

CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content, speaker, title,
    content = 'attribution_documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, speaker, title)
    VALUES (new.id, new.content, coalesce(new.speaker_name, ''),
            coalesce((SELECT title FROM articles WHERE id = new.article_id), ''));
END;

CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title)
    VALUES ('delete', old.id, old.content, coalesce(old.speaker_name, ''),
            coalesce((SELECT title FROM articles WHERE id = old.article_id), ''));
END;

CREATE TRIGGER attributions_fts_update AFTER UPDATE OF content, speaker_name ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title)
    VALUES ('delete', old.id, old.content, coalesce(old.speaker_name, ''),
            coalesce((SELECT title FROM articles WHERE id = old.article_id), ''));
    INSERT INTO attributions_fts (rowid, content, speaker, title)
    VALUES (new.id, new.content, coalesce(new.speaker_name, ''),
            coalesce((SELECT title FROM articles WHERE id = new.article_id), ''));
END;
