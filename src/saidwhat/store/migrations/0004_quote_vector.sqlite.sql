-- Schema version 4 (SQLite): nothing to change.
--
-- PostgreSQL gains a search vector of the quote's own words (see
-- 0004_quote_vector.postgres.sql), for searches ranked in tiers: the quote says the
-- words, else its speaker or article title does. In SQLite the content column is
-- already a column of the FTS5 index, so a tier is a column filter.
SELECT 1;
