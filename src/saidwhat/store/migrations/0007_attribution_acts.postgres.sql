-- Schema version 7 (PostgreSQL): what act each statement reports, and its channel.
-- Keep in step with 0007_attribution_acts.sqlite.sql (same columns and meaning).
--
-- act: speech, writing, stance, plan or perception (saidwhat.model.Act); NULL for
-- statements stored before it was recorded (and those a moderator added), which
-- search filters call "unknown". channel + channel_spans: the document or
-- intermediary it came through, offsets into articles.text.
--
-- Search filters the act as a plain condition on the rows a search reads anyway
-- (as dates and confidence): the usual filter keeps most statements, which a search
-- token would make the GIN index intersect with the words. The search vector and its
-- trigger do not change, so adding the nullable columns rewrites no row.
--
-- Listings without words: the filter indexes carry the act (INCLUDE), so counting a
-- listing's first 10,001 statements of some acts stays an index-only scan (a speaker's
-- speech and writing: 42 ms with a heap visit per row at 1M statements); an index by
-- act serves one act's listing.

ALTER TABLE attributions ADD COLUMN act TEXT;
ALTER TABLE attributions ADD COLUMN channel TEXT;
ALTER TABLE attributions ADD COLUMN channel_spans TEXT;

DROP INDEX attributions_date;
DROP INDEX attributions_speaker;
DROP INDEX attributions_kind;
DROP INDEX attributions_site;
DROP INDEX attributions_type;
CREATE INDEX attributions_date ON attributions (date DESC NULLS LAST, undated_rank DESC, id DESC) INCLUDE (act);
CREATE INDEX attributions_speaker ON attributions (speaker_id, date DESC NULLS LAST, undated_rank DESC, id DESC)
    INCLUDE (act);
CREATE INDEX attributions_kind ON attributions (kind, date DESC NULLS LAST, undated_rank DESC, id DESC) INCLUDE (act);
CREATE INDEX attributions_site ON attributions (site, date DESC NULLS LAST, undated_rank DESC, id DESC) INCLUDE (act);
CREATE INDEX attributions_type ON attributions (resolved_type, date DESC NULLS LAST, undated_rank DESC, id DESC)
    INCLUDE (act);
CREATE INDEX attributions_act ON attributions (act, date DESC NULLS LAST, undated_rank DESC, id DESC);
