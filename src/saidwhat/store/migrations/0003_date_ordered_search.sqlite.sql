-- Schema version 3 (SQLite): full-text rows in date order.
--
-- The FTS5 rowid becomes the statement's date and id together:
--     julianday(date) * 2^32 + id        (just id when the statement is undated)
-- so full-text rows are ordered by date then id. A date filter is then a rowid
-- range, which FTS5 seeks directly instead of intersecting date tokens (0002); the
-- order "relevance, then date" is ORDER BY score, rowid; and newest-first text
-- searches never read the attributions table. The date tokens of 0002 go; the
-- speaker, kind and site tokens stay. saidwhat.store.sqlite computes the same key
-- (search_key) for date ranges; keep the two in step.

DROP TRIGGER attributions_fts_insert;
DROP TRIGGER attributions_fts_delete;
DROP TRIGGER attributions_fts_update_before;
DROP TRIGGER attributions_fts_update_after;
DROP TABLE attributions_fts;
DROP VIEW attribution_documents;

CREATE VIEW attribution_documents AS
    SELECT a.id AS id,
           coalesce(CAST(julianday(a.date) AS INTEGER) * 4294967296, 0) + a.id AS search_key,
           a.content AS content, coalesce(a.speaker_name, '') AS speaker,
           coalesce(ar.title, '') AS title,
           trim(coalesce('s' || a.speaker_id, '') || ' ' || coalesce('k' || a.kind, '') || ' '
                || coalesce('h' || hex(a.site), '')) AS tags
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

CREATE TRIGGER attributions_fts_update_before BEFORE UPDATE ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title, tags)
    SELECT 'delete', search_key, content, speaker, title, tags FROM attribution_documents WHERE id = old.id;
END;

CREATE TRIGGER attributions_fts_update_after AFTER UPDATE ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, speaker, title, tags)
    SELECT search_key, content, speaker, title, tags FROM attribution_documents WHERE id = new.id;
END;

INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
