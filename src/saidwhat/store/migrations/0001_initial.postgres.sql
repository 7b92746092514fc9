-- saidwhat quote database, schema version 1 (PostgreSQL).
-- Applied in one transaction by saidwhat.store.migrate; keep in step with
-- 0001_initial.sqlite.sql (same tables, columns and meaning). Dates stay ISO text,
-- as in SQLite, so both stores compare and return them alike.

CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    url          TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    dateline     TEXT,
    published    TEXT,
    pub_date     TEXT,
    author       TEXT,
    site         TEXT,
    language     TEXT,
    body         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX articles_pub_date ON articles (pub_date);

CREATE TABLE speakers (
    id          BIGINT PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    surname     TEXT,
    statements  INTEGER NOT NULL DEFAULT 0,
    first_date  TEXT,
    last_date   TEXT
);
CREATE INDEX speakers_statements ON speakers (statements DESC, id);
CREATE INDEX speakers_surname ON speakers (surname);

CREATE TABLE speaker_aliases (
    speaker_id BIGINT NOT NULL REFERENCES speakers (id),
    alias_key  TEXT NOT NULL,
    alias      TEXT NOT NULL,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, alias_key)
);
CREATE INDEX speaker_aliases_key ON speaker_aliases (alias_key);

CREATE TABLE speaker_roles (
    speaker_id BIGINT NOT NULL REFERENCES speakers (id),
    role_key   TEXT NOT NULL,
    role       TEXT NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, role_key)
);

CREATE TABLE clusters (
    id                   BIGINT PRIMARY KEY,
    norm                 TEXT NOT NULL,
    first_attribution_id BIGINT NOT NULL,
    first_article_id     TEXT NOT NULL,
    first_date           TEXT,
    variants             INTEGER NOT NULL DEFAULT 0,
    articles             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clusters_articles ON clusters (articles DESC, id);

CREATE TABLE cluster_prints (
    print      BIGINT NOT NULL,
    cluster_id BIGINT NOT NULL REFERENCES clusters (id),
    PRIMARY KEY (print, cluster_id)
);

CREATE TABLE attributions (
    id              BIGINT PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles (id),
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    content         TEXT NOT NULL,
    content_spans   TEXT NOT NULL,
    speaker_id      BIGINT REFERENCES speakers (id),
    speaker_name    TEXT,
    speaker_role    TEXT,
    speaker_type    TEXT,
    role            TEXT,
    source          TEXT,
    source_spans    TEXT,
    cue             TEXT,
    cue_spans       TEXT,
    addressee       TEXT,
    addressee_start INTEGER,
    addressee_end   INTEGER,
    when_text       TEXT,
    when_spans      TEXT,
    when_date       TEXT,
    confidence      DOUBLE PRECISION NOT NULL,
    date            TEXT,
    site            TEXT,
    quote_hash      TEXT,
    cluster_id      BIGINT REFERENCES clusters (id),
    tsv             TSVECTOR,          -- content (A), speaker (B), article title (C)
    UNIQUE (article_id, seq)
);
-- DESC NULLS LAST: newest first with undated statements last, as SQLite sorts them.
CREATE INDEX attributions_date ON attributions (date DESC NULLS LAST, id DESC);
CREATE INDEX attributions_speaker ON attributions (speaker_id, date DESC NULLS LAST, id DESC);
CREATE INDEX attributions_kind ON attributions (kind, date DESC NULLS LAST, id DESC);
CREATE INDEX attributions_site ON attributions (site, date DESC NULLS LAST, id DESC);
CREATE INDEX attributions_cluster ON attributions (cluster_id);
CREATE INDEX attributions_quote_hash ON attributions (quote_hash);
CREATE INDEX attributions_tsv ON attributions USING gin (tsv);

-- Latin letters without their accents, as SQLite's remove_diacritics folds them
-- (built in, so no unaccent extension is needed; query words are folded alike in
-- Python: saidwhat.store.query.fold_accents).
CREATE FUNCTION saidwhat_fold(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT translate(coalesce(value, ''),
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳØøŁłĐđĦħı',
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzsOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyOoLlDdHhi')
$$;

-- The search vector is kept in sync by a trigger, as SQLite's FTS5 table is.
CREATE FUNCTION attributions_tsv_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tsv :=
        setweight(to_tsvector('english', saidwhat_fold(NEW.content)), 'A') ||
        setweight(to_tsvector('english', saidwhat_fold(NEW.speaker_name)), 'B') ||
        setweight(to_tsvector('english', saidwhat_fold(
            (SELECT title FROM articles WHERE id = NEW.article_id))), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER attributions_tsv BEFORE INSERT OR UPDATE OF content, speaker_name
    ON attributions FOR EACH ROW EXECUTE FUNCTION attributions_tsv_update();
