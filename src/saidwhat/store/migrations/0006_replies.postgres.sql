-- Schema version 6 (PostgreSQL): readers' replies, moderation, moderators, corrections.
-- Keep in step with 0006_replies.sqlite.sql (same tables, columns and meaning).
--
-- Emails live in posters only, and only the moderation rules and
-- 'saidwhat replies purge' read that table: no page, API answer, export or log line
-- carries an email. IP addresses are stored as their network (/24, /48), never whole.

-- The kind of the last correction applied to a statement (speaker, words, added), so
-- every reader can say "corrected" without looking the corrections up.
ALTER TABLE attributions ADD COLUMN corrected TEXT;

-- Moderators. Names are lower case; passwords are argon2id hashes.
CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT                 -- set: cannot log in; kept for the record of who did what
);

-- Logged-in sessions: the cookie's token is stored as its SHA-256 only.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- People who replied, one row per email (lower case, trimmed).
CREATE TABLE posters (
    id         BIGINT PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- Moderation mode per site (site as search filters it; '' = every other site):
-- all (hold every reply), first (hold a new email's first reply), none.
CREATE TABLE moderation_modes (
    site TEXT PRIMARY KEY,
    mode TEXT NOT NULL
);

-- Words that hold a reply for moderation (lower case, matched as whole words).
CREATE TABLE moderation_words (
    word TEXT PRIMARY KEY
);

-- Replies: a reader's comment on a statement (or on an article, for a missing
-- statement), or a moderator's answer to one (user_id and parent_id set).
CREATE TABLE replies (
    id             BIGINT PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles (id),
    attribution_id BIGINT,             -- no foreign key: a statement removed by a correction keeps its replies
    parent_id      BIGINT REFERENCES replies (id),
    poster_id      BIGINT REFERENCES posters (id),
    user_id        BIGINT REFERENCES users (id),
    name           TEXT NOT NULL,
    body           TEXT NOT NULL,
    body_hash      TEXT NOT NULL,      -- of the normalised body: repeats
    status         TEXT NOT NULL,      -- pending, approved, rejected
    held           TEXT,               -- JSON list: why a reply was held for moderation
    ip_net         TEXT,               -- the poster's network (/24 or /48), never the address
    reports        INTEGER NOT NULL DEFAULT 0,  -- reports since a moderator last looked
    created_at     TEXT NOT NULL,
    moderated_at   TEXT,
    moderated_by   BIGINT REFERENCES users (id)
);
CREATE INDEX replies_attribution ON replies (attribution_id, status, id);
CREATE INDEX replies_article ON replies (article_id, status, id);
CREATE INDEX replies_status ON replies (status, id);
CREATE INDEX replies_poster ON replies (poster_id, created_at);
CREATE INDEX replies_body ON replies (body_hash);
CREATE INDEX replies_parent ON replies (parent_id);

-- One report per reply and network.
CREATE TABLE reply_reports (
    reply_id   BIGINT NOT NULL REFERENCES replies (id),
    ip_net     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (reply_id, ip_net)
);

-- Corrections proposed with a reply, and what applying them changed.
CREATE TABLE corrections (
    id             BIGINT PRIMARY KEY,
    reply_id       BIGINT REFERENCES replies (id),
    article_id     TEXT NOT NULL REFERENCES articles (id),
    attribution_id BIGINT,             -- the statement corrected; for 'missing', the one added
    kind           TEXT NOT NULL,      -- speaker, not_statement, words, missing
    speaker        TEXT,               -- the right speaker (speaker, missing)
    speaker_type   TEXT,
    spans          TEXT,               -- JSON [[start, end], ...] into the article text (words, missing)
    status         TEXT NOT NULL,      -- proposed, applied, undone
    created_at     TEXT NOT NULL,
    applied_at     TEXT,
    applied_by     BIGINT REFERENCES users (id),
    previous       TEXT,               -- JSON: the values the last application replaced
    undone_at      TEXT,
    undone_by      BIGINT REFERENCES users (id)
);
CREATE INDEX corrections_attribution ON corrections (attribution_id, status);
CREATE INDEX corrections_article ON corrections (article_id, status);
CREATE INDEX corrections_status ON corrections (status, id);

-- Every application and undoing of a correction: who, when, and what it replaced.
CREATE TABLE correction_log (
    id            BIGINT PRIMARY KEY,
    correction_id BIGINT NOT NULL REFERENCES corrections (id),
    action        TEXT NOT NULL,       -- applied, undone
    user_id       BIGINT REFERENCES users (id),
    acted_at      TEXT NOT NULL,
    previous      TEXT                 -- JSON: the values before this action
);
CREATE INDEX correction_log_correction ON correction_log (correction_id, id);

-- Arithmetic challenges of reply forms: the token is stored as its SHA-256, the
-- answer never leaves the server; single use, expiring.
CREATE TABLE challenges (
    token_hash TEXT PRIMARY KEY,
    answer     INTEGER NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX challenges_expires ON challenges (expires_at);

-- Fixed-window counters of the per-network rate limits.
CREATE TABLE rate_limits (
    bucket       TEXT NOT NULL,        -- what is limited: reply, report, login, challenge
    key          TEXT NOT NULL,        -- a network, or a user name
    window_start TEXT NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (bucket, key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);

-- Server secrets shared by every process serving the store (the CSRF key).
CREATE TABLE site_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
