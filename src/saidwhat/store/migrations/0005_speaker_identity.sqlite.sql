-- Schema version 5 (SQLite): one person, one speaker; confident statements first.
--
-- Statements are grouped by the name they were given into speaker_links (a full
-- name with the gender the statements gave it; a one-word name with its role and
-- year too), and each link points at a speaker with the rule and evidence that put
-- it there (saidwhat.store.identity). Aliases and roles are counted per link, so a
-- link that moves to another speaker takes them along. speaker_decisions is the log
-- of manual merges, splits, renames and alias files: who, when, what. Keep in step
-- with 0005_speaker_identity.postgres.sql.
--
-- Search: undated statements sort after the dated ones by confidence (undated_rank),
-- not by id; the speaker's settled type is a tag (t<type>) so a search can ask for
-- people only (and an index, for listings). A tier's confident statements come first
-- (saidwhat.store.reader), read by their primary key.

CREATE TABLE speaker_links (
    id          INTEGER PRIMARY KEY,
    name_key    TEXT NOT NULL,            -- names.name_key of the clean name
    gender      TEXT NOT NULL DEFAULT '', -- m / f from the statements, '' without evidence
    role_key    TEXT NOT NULL DEFAULT '', -- one-word names: the role they were given
    period      TEXT NOT NULL DEFAULT '', -- one-word names: the year of the statements
    short       INTEGER NOT NULL DEFAULT 0,
    surname     TEXT,
    first       TEXT,
    type        TEXT NOT NULL,
    name        TEXT NOT NULL,            -- the clean name as first written
    speaker_id  INTEGER REFERENCES speakers (id),  -- NULL: unresolved (a gender conflict)
    rule        TEXT NOT NULL,            -- why it belongs to that speaker
    evidence    TEXT NOT NULL DEFAULT '{}',
    actor       TEXT,                     -- who decided, for manual decisions
    decided_at  TEXT,
    statements  INTEGER NOT NULL DEFAULT 0,
    first_date  TEXT,
    last_date   TEXT,
    UNIQUE (name_key, gender, role_key, period)
);
CREATE INDEX speaker_links_speaker ON speaker_links (speaker_id);
CREATE INDEX speaker_links_surname ON speaker_links (surname);
CREATE INDEX speaker_links_first ON speaker_links (first);

CREATE TABLE link_aliases (
    link_id   INTEGER NOT NULL REFERENCES speaker_links (id),
    alias_key TEXT NOT NULL,
    alias     TEXT NOT NULL,
    count     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, alias_key)
);
CREATE INDEX link_aliases_key ON link_aliases (alias_key);

CREATE TABLE link_roles (
    link_id    INTEGER NOT NULL REFERENCES speaker_links (id),
    role_key   TEXT NOT NULL,
    role       TEXT NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, role_key)
);

CREATE TABLE speaker_decisions (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL,             -- merge, alias-file, split, rename, external-id
    name_key   TEXT NOT NULL DEFAULT '',  -- the name decided about
    target_key TEXT NOT NULL,             -- the speaker's home key (speakers.key)
    value      TEXT,
    actor      TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX speaker_decisions_name ON speaker_decisions (name_key);
CREATE INDEX speaker_decisions_target ON speaker_decisions (target_key);

-- Work the store does in Python the next time it is opened for writing.
CREATE TABLE store_tasks (name TEXT PRIMARY KEY, since TEXT NOT NULL);
INSERT INTO store_tasks (name, since) VALUES ('rebuild_speakers', datetime('now'));

ALTER TABLE speakers ADD COLUMN gender TEXT;
ALTER TABLE speakers ADD COLUMN external_id TEXT;
ALTER TABLE attributions ADD COLUMN speaker_link INTEGER;
ALTER TABLE attributions ADD COLUMN speaker_gender TEXT;
ALTER TABLE attributions ADD COLUMN resolved_type TEXT;
ALTER TABLE attributions ADD COLUMN undated_rank INTEGER NOT NULL DEFAULT 0;

-- Until the rebuild, every stored speaker is one link of its own.
INSERT INTO speaker_links (id, name_key, short, surname, type, name, speaker_id, rule, statements,
                           first_date, last_date)
    SELECT id, key, CASE WHEN instr(key, ' ') = 0 AND type IN ('PERSON', 'UNKNOWN') THEN 1 ELSE 0 END,
           surname, type, name, id, 'same-name', statements, first_date, last_date
    FROM speakers;
INSERT INTO link_aliases (link_id, alias_key, alias, count)
    SELECT speaker_id, alias_key, alias, count FROM speaker_aliases;
INSERT INTO link_roles (link_id, role_key, role, first_seen, last_seen, count)
    SELECT speaker_id, role_key, role, first_seen, last_seen, count FROM speaker_roles;
DROP TABLE speaker_aliases;
DROP TABLE speaker_roles;

DROP TRIGGER attributions_fts_insert;
DROP TRIGGER attributions_fts_delete;
DROP TRIGGER attributions_fts_update_before;
DROP TRIGGER attributions_fts_update_after;
DROP TABLE attributions_fts;
DROP VIEW attribution_documents;

UPDATE attributions SET
    speaker_link = speaker_id,
    resolved_type = (SELECT type FROM speakers s WHERE s.id = attributions.speaker_id),
    undated_rank = CASE WHEN date IS NULL THEN max(0, min(1000, CAST(confidence * 1000 AS INTEGER))) ELSE 0 END;
CREATE INDEX attributions_link ON attributions (speaker_link);

DROP INDEX attributions_date;
DROP INDEX attributions_speaker;
DROP INDEX attributions_kind;
DROP INDEX attributions_site;
CREATE INDEX attributions_date ON attributions (date, undated_rank, id);
CREATE INDEX attributions_speaker ON attributions (speaker_id, date, undated_rank, id);
CREATE INDEX attributions_kind ON attributions (kind, date, undated_rank, id);
CREATE INDEX attributions_site ON attributions (site, date, undated_rank, id);
CREATE INDEX attributions_type ON attributions (resolved_type, date, undated_rank, id);

-- Row key: julianday(date) * 2^32 + id, or undated_rank * 2^32 + id when undated
-- (below every dated key: julianday is above 1.7 million, undated_rank at most 1000).
CREATE VIEW attribution_documents AS
    SELECT a.id AS id,
           coalesce(CAST(julianday(a.date) AS INTEGER), a.undated_rank) * 4294967296 + a.id AS search_key,
           a.content AS content, coalesce(a.speaker_name, '') AS speaker,
           coalesce(ar.title, '') AS title,
           trim(coalesce('s' || a.speaker_id, '') || ' ' || coalesce('k' || a.kind, '') || ' '
                || coalesce('h' || hex(a.site), '') || ' ' || coalesce('t' || a.resolved_type, '')) AS tags
    FROM attributions a JOIN articles ar ON ar.id = a.article_id;

CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content, speaker, title, tags,
    content = 'attribution_documents', content_rowid = 'search_key',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, speaker, title, tags)
    SELECT search_key, content, speaker, title, tags FROM attribution_documents WHERE id = new.id;
END;

CREATE TRIGGER attributions_fts_delete BEFORE DELETE ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title, tags)
    SELECT 'delete', search_key, content, speaker, title, tags FROM attribution_documents WHERE id = old.id;
END;

-- Only the columns the index holds: moving statements between links re-indexes nothing.
CREATE TRIGGER attributions_fts_update_before
    BEFORE UPDATE OF content, speaker_name, speaker_id, resolved_type, kind, site, date, confidence,
                     undated_rank ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title, tags)
    SELECT 'delete', search_key, content, speaker, title, tags FROM attribution_documents WHERE id = old.id;
END;

CREATE TRIGGER attributions_fts_update_after
    AFTER UPDATE OF content, speaker_name, speaker_id, resolved_type, kind, site, date, confidence,
                    undated_rank ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, speaker, title, tags)
    SELECT search_key, content, speaker, title, tags FROM attribution_documents WHERE id = new.id;
END;

INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
