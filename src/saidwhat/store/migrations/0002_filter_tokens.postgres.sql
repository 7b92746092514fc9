-- Schema version 2 (PostgreSQL): search filters inside the search vector.
--
-- As in SQLite (see 0002_filter_tokens.sqlite.sql), each attribution's speaker,
-- kind, site and date are indexed as tokens, here with weight D and the 'simple'
-- configuration, so the GIN index intersects a query with its filters; ranking
-- uses the text query alone, so filters never change it.

CREATE OR REPLACE FUNCTION attributions_tsv_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tsv :=
        setweight(to_tsvector('english', saidwhat_fold(NEW.content)), 'A') ||
        setweight(to_tsvector('english', saidwhat_fold(NEW.speaker_name)), 'B') ||
        setweight(to_tsvector('english', saidwhat_fold(
            (SELECT title FROM articles WHERE id = NEW.article_id))), 'C') ||
        setweight(to_tsvector('simple', concat_ws(' ',
            's' || NEW.speaker_id, 'k' || NEW.kind,
            'h' || encode(convert_to(NEW.site, 'UTF8'), 'hex'),
            'y' || substr(NEW.date, 1, 4),
            'm' || substr(NEW.date, 1, 4) || substr(NEW.date, 6, 2),
            'd' || replace(NEW.date, '-', ''),
            CASE WHEN NEW.date IS NULL THEN 'nodate' END)), 'D');
    RETURN NEW;
END
$$;

DROP TRIGGER attributions_tsv ON attributions;
CREATE TRIGGER attributions_tsv BEFORE INSERT OR UPDATE
    ON attributions FOR EACH ROW EXECUTE FUNCTION attributions_tsv_update();

-- Recompute existing vectors with their tokens (the trigger fires on update).
UPDATE attributions SET kind = kind;
