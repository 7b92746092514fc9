-- Schema version 5 (PostgreSQL): one person, one speaker; confident statements first.
--
-- As 0005_speaker_identity.sqlite.sql: statements grouped by name into
-- speaker_links, each pointing at a speaker with its rule and evidence; aliases and
-- roles counted per link; the log of manual decisions. Search: undated statements
-- sort after the dated ones by undated_rank, so the date indexes gain it as a second
-- column; the speaker's settled type is a search token (t<type>, D) and an index.

CREATE TABLE speaker_links (
    id          BIGINT PRIMARY KEY,
    name_key    TEXT NOT NULL,
    gender      TEXT NOT NULL DEFAULT '',
    role_key    TEXT NOT NULL DEFAULT '',
    period      TEXT NOT NULL DEFAULT '',
    short       INTEGER NOT NULL DEFAULT 0,
    surname     TEXT,
    first       TEXT,
    type        TEXT NOT NULL,
    name        TEXT NOT NULL,
    speaker_id  BIGINT REFERENCES speakers (id),
    rule        TEXT NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '{}',
    actor       TEXT,
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
    link_id   BIGINT NOT NULL REFERENCES speaker_links (id),
    alias_key TEXT NOT NULL,
    alias     TEXT NOT NULL,
    count     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, alias_key)
);
CREATE INDEX link_aliases_key ON link_aliases (alias_key);

CREATE TABLE link_roles (
    link_id    BIGINT NOT NULL REFERENCES speaker_links (id),
    role_key   TEXT NOT NULL,
    role       TEXT NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, role_key)
);

CREATE TABLE speaker_decisions (
    id         BIGINT PRIMARY KEY,
    action     TEXT NOT NULL,
    name_key   TEXT NOT NULL DEFAULT '',
    target_key TEXT NOT NULL,
    value      TEXT,
    actor      TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX speaker_decisions_name ON speaker_decisions (name_key);
CREATE INDEX speaker_decisions_target ON speaker_decisions (target_key);

CREATE TABLE store_tasks (name TEXT PRIMARY KEY, since TEXT NOT NULL);
INSERT INTO store_tasks (name, since) VALUES ('rebuild_speakers', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'));

ALTER TABLE speakers ADD COLUMN gender TEXT;
ALTER TABLE speakers ADD COLUMN external_id TEXT;
ALTER TABLE attributions ADD COLUMN speaker_link BIGINT;
ALTER TABLE attributions ADD COLUMN speaker_gender TEXT;
ALTER TABLE attributions ADD COLUMN resolved_type TEXT;
ALTER TABLE attributions ADD COLUMN undated_rank INTEGER NOT NULL DEFAULT 0;

INSERT INTO speaker_links (id, name_key, short, surname, type, name, speaker_id, rule, statements,
                           first_date, last_date)
    SELECT id, key, CASE WHEN strpos(key, ' ') = 0 AND type IN ('PERSON', 'UNKNOWN') THEN 1 ELSE 0 END,
           surname, type, name, id, 'same-name', statements, first_date, last_date
    FROM speakers;
INSERT INTO link_aliases (link_id, alias_key, alias, count)
    SELECT speaker_id, alias_key, alias, count FROM speaker_aliases;
INSERT INTO link_roles (link_id, role_key, role, first_seen, last_seen, count)
    SELECT speaker_id, role_key, role, first_seen, last_seen, count FROM speaker_roles;
DROP TABLE speaker_aliases;
DROP TABLE speaker_roles;

-- The search vector gains the speaker's type; the title memo of 0004 stays.
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
            'h' || encode(convert_to(NEW.site, 'UTF8'), 'hex'),
            't' || NEW.resolved_type)), 'D');
    RETURN NEW;
END
$$;

-- Only the columns the vector holds: moving statements between links re-indexes nothing.
DROP TRIGGER attributions_tsv ON attributions;
CREATE TRIGGER attributions_tsv BEFORE INSERT OR UPDATE OF content, speaker_name, speaker_id, resolved_type,
    kind, site ON attributions FOR EACH ROW EXECUTE FUNCTION attributions_tsv_update();

UPDATE attributions SET
    speaker_link = speaker_id,
    resolved_type = (SELECT type FROM speakers s WHERE s.id = attributions.speaker_id),
    undated_rank = CASE WHEN date IS NULL THEN greatest(0, least(1000, floor(confidence * 1000)::INTEGER)) ELSE 0 END;
CREATE INDEX attributions_link ON attributions (speaker_link);

DROP INDEX attributions_date;
DROP INDEX attributions_speaker;
DROP INDEX attributions_kind;
DROP INDEX attributions_site;
CREATE INDEX attributions_date ON attributions (date DESC NULLS LAST, undated_rank DESC, id DESC);
CREATE INDEX attributions_speaker ON attributions (speaker_id, date DESC NULLS LAST, undated_rank DESC, id DESC);
CREATE INDEX attributions_kind ON attributions (kind, date DESC NULLS LAST, undated_rank DESC, id DESC);
CREATE INDEX attributions_site ON attributions (site, date DESC NULLS LAST, undated_rank DESC, id DESC);
CREATE INDEX attributions_type ON attributions (resolved_type, date DESC NULLS LAST, undated_rank DESC, id DESC);
