-- Schema version 4 (PostgreSQL): the quote's own words get their own search vector.
--
-- Searches rank in tiers (the quote says the words; else its speaker or article
-- title does), newest first within each tier, so a page is read from the date
-- index instead of ranking every match. tsv_content, with its own GIN index and
-- statistics, lets the planner judge how many statements each tier holds. SQLite
-- needs no change: its content column already is a column of the FTS5 index.

-- saidwhat_fold, same result, without translate() for ASCII text: translate() with
-- this table costs about 90 us per call, three calls per statement, which was most of
-- the server's work at ingest. (octet_length = length exactly when the text is ASCII.)
CREATE OR REPLACE FUNCTION saidwhat_fold(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN octet_length(coalesce(value, '')) = length(coalesce(value, '')) THEN coalesce(value, '')
        ELSE translate(value,
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳØøŁłĐđĦħı',
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzsOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyOoLlDdHhi') END
$$;

ALTER TABLE attributions ADD COLUMN tsv_content TSVECTOR;

-- The article title's vector is computed once per article, not once per statement:
-- the writer inserts an article's statements one after another, so the trigger keeps
-- the last title's vector in two transaction-local settings. (Looking the title up and
-- parsing it for every statement was 33 us of the trigger's 50 us per statement.)
CREATE OR REPLACE FUNCTION attributions_tsv_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    title TSVECTOR;
BEGIN
    IF current_setting('saidwhat.title_of', true) IS DISTINCT FROM NEW.article_id THEN
        title := setweight(to_tsvector('english', saidwhat_fold(
            (SELECT a.title FROM articles a WHERE a.id = NEW.article_id))), 'C');
        PERFORM set_config('saidwhat.title_of', NEW.article_id, true),
                set_config('saidwhat.title_vector', title::text, true);
    ELSE
        title := current_setting('saidwhat.title_vector')::tsvector;
    END IF;
    NEW.tsv_content := to_tsvector('english', saidwhat_fold(NEW.content));
    NEW.tsv :=
        setweight(NEW.tsv_content, 'A') ||
        setweight(to_tsvector('english', saidwhat_fold(NEW.speaker_name)), 'B') ||
        title ||
        setweight(to_tsvector('simple', concat_ws(' ',
            's' || NEW.speaker_id, 'k' || NEW.kind,
            'h' || encode(convert_to(NEW.site, 'UTF8'), 'hex'))), 'D');
    RETURN NEW;
END
$$;

UPDATE attributions SET kind = kind;
CREATE INDEX attributions_tsv_content ON attributions USING gin (tsv_content);
