-- Schema version 7 (SQLite): what act each statement reports, and its channel.
-- Keep in step with 0007_attribution_acts.postgres.sql (same columns and meaning).
--
-- act: speech, writing, stance, plan or perception (saidwhat.model.Act); NULL for
-- statements stored before it was recorded (and those a moderator added), which
-- search filters call "unknown". channel + channel_spans: the document or
-- intermediary it came through ("a statement", "a spokesperson"), offsets into
-- articles.text as every span, so store.article() rebuilds the Article ingested.
--
-- Search: the act is in the full-text row key, its three lowest bits:
--     julianday(date) * 2^35 + id * 8 + act code   (undated_rank * 2^35 + ... when undated)
-- codes: 0 unknown (NULL), 1 speech, 2 writing, 3 stance, 4 plan, 5 perception; keep
-- them in step with saidwhat.store.sqlite.ACT_CODES. Rows keep their order (date, then
-- id), and an act filter is a check of each matched key as FTS5 returns it: an index
-- token would make FTS5 intersect the doclists of most rows with the words, three times
-- as slow for the usual filter (speech and writing) at 1M statements. The full-text
-- table is rebuilt once with the new keys.
--
-- Listings without words: the filter indexes end with the act, so a listing and its
-- exact count read the index alone (a speaker's speech and writing without a row lookup
-- each), and an index by act serves one act's listing and counts what a broad filter
-- leaves out (saidwhat.store.reader._exact_count).

ALTER TABLE attributions ADD COLUMN act TEXT;
ALTER TABLE attributions ADD COLUMN channel TEXT;
ALTER TABLE attributions ADD COLUMN channel_spans TEXT;

DROP INDEX attributions_date;
DROP INDEX attributions_speaker;
DROP INDEX attributions_kind;
DROP INDEX attributions_site;
DROP INDEX attributions_type;
CREATE INDEX attributions_date ON attributions (date, undated_rank, id, act);
CREATE INDEX attributions_speaker ON attributions (speaker_id, date, undated_rank, id, act);
CREATE INDEX attributions_kind ON attributions (kind, date, undated_rank, id, act);
CREATE INDEX attributions_site ON attributions (site, date, undated_rank, id, act);
CREATE INDEX attributions_type ON attributions (resolved_type, date, undated_rank, id, act);
CREATE INDEX attributions_act ON attributions (act, date, undated_rank, id);

DROP TRIGGER attributions_fts_insert;
DROP TRIGGER attributions_fts_delete;
DROP TRIGGER attributions_fts_update_before;
DROP TRIGGER attributions_fts_update_after;
DROP TABLE attributions_fts;
DROP VIEW attribution_documents;

-- Row key: julianday(date), or undated_rank when undated, * 2^35 + id * 8 + act code.
CREATE VIEW attribution_documents AS
    SELECT a.id AS id,
           coalesce(CAST(julianday(a.date) AS INTEGER), a.undated_rank) * 34359738368 + a.id * 8
               + CASE a.act WHEN 'speech' THEN 1 WHEN 'writing' THEN 2 WHEN 'stance' THEN 3
                            WHEN 'plan' THEN 4 WHEN 'perception' THEN 5 ELSE 0 END AS search_key,
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
                     undated_rank, act ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker, title, tags)
    SELECT 'delete', search_key, content, speaker, title, tags FROM attribution_documents WHERE id = old.id;
END;

CREATE TRIGGER attributions_fts_update_after
    AFTER UPDATE OF content, speaker_name, speaker_id, resolved_type, kind, site, date, confidence,
                    undated_rank, act ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, speaker, title, tags)
    SELECT search_key, content, speaker, title, tags FROM attribution_documents WHERE id = new.id;
END;

INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
