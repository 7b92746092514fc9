-- Schema version 2 (SQLite): search filters inside the full-text index.
--
-- Joining tens of thousands of full-text matches to attributions to filter them by
-- speaker, kind, site or date is what makes a filtered search slow. Instead every
-- attribution's filter values are indexed as tokens in a fourth FTS column, tags:
--   s<speaker id>  k<kind>  h<site as UTF-8 hex>  y<yyyy> m<yyyymm> d<yyyymmdd> (or nodate)
-- so FTS5 intersects a query with its selective filters itself, and ranks only
-- what is left (tags has bm25 weight 0: filters never change the ranking). A date
-- range is a union of day, month and year tokens (saidwhat.store.query).
-- Keep the tags expression identical in the view and the triggers.

DROP TRIGGER attributions_fts_insert;
DROP TRIGGER attributions_fts_delete;
DROP TRIGGER attributions_fts_update;
DROP TABLE attributions_fts;
DROP VIEW attribution_documents;

CREATE VIEW attribution_documents AS
    SELECT a.id AS id, a.content AS content, coalesce(a.speaker_name, '') AS speaker,
           coalesce(ar.title, '') AS title,
           trim(coalesce('s' || a.speaker_id, '') || ' ' || coalesce('k' || a.kind, '') || ' '
                || coalesce('h' || hex(a.site), '') || ' '
                || coalesce('y' || substr(a.date, 1, 4) || ' m' || substr(a.date, 1, 4)
                            || substr(a.date, 6, 2) || ' d' || replace(a.date, '-', ''), 'nodate')) AS tags
    FROM attributions a JOIN articles ar ON ar.id = a.article_id;

CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content, speaker, title, tags,
    content = 'attribution_documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, speaker, title, tags)
    SELECT id, content, speaker, title, tags FROM attribution_documents WHERE id = new.id;
END;

CREATE TRIGGER attributions_fts_delete BEFORE DELETE ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title, tags)
    SELECT 'delete', id, content, speaker, title, tags FROM attribution_documents WHERE id = old.id;
END;

CREATE TRIGGER attributions_fts_update_before BEFORE UPDATE ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title, tags)
    SELECT 'delete', id, content, speaker, title, tags FROM attribution_documents WHERE id = old.id;
END;

CREATE TRIGGER attributions_fts_update_after AFTER UPDATE ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, speaker, title, tags)
    SELECT id, content, speaker, title, tags FROM attribution_documents WHERE id = new.id;
END;

INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
