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
-- trigger do not change, so adding the nullable columns rewrites no row. The index
-- serves listings without words of one act.

ALTER TABLE attributions ADD COLUMN act TEXT;
ALTER TABLE attributions ADD COLUMN channel TEXT;
ALTER TABLE attributions ADD COLUMN channel_spans TEXT;
CREATE INDEX attributions_act ON attributions (act, date DESC NULLS LAST, undated_rank DESC, id DESC);
