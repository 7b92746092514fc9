-- Schema version 3 (PostgreSQL): date tokens leave the search vector.
--
-- SQLite now filters dates by a date-ordered row key (0003_date_ordered_search.sqlite.sql);
-- PostgreSQL filters them as plain conditions on the rows it reads to rank them
-- anyway, so the year/month/day tokens of 0002 are no longer used. Speaker, kind
-- and site tokens stay.

CREATE OR REPLACE FUNCTION attributions_tsv_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tsv :=
        setweight(to_tsvector('english', saidwhat_fold(NEW.content)), 'A') ||
        setweight(to_tsvector('english', saidwhat_fold(NEW.speaker_name)), 'B') ||
        setweight(to_tsvector('english', saidwhat_fold(
            (SELECT title FROM articles WHERE id = NEW.article_id))), 'C') ||
        setweight(to_tsvector('simple', concat_ws(' ',
            's' || NEW.speaker_id, 'k' || NEW.kind,
            'h' || encode(convert_to(NEW.site, 'UTF8'), 'hex'))), 'D');
    RETURN NEW;
END
$$;

UPDATE attributions SET kind = kind;
