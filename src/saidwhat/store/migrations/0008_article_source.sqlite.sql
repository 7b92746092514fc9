-- Schema version 8 (SQLite): where each article was read.
--
-- The path below the input folder, FILE@OFFSET of a WARC record or FILE:LINE of a
-- JSON Lines dump (saidwhat.model.Article.source); NULL for articles stored before
-- it was recorded, and for text that came from no file.
ALTER TABLE articles ADD COLUMN source TEXT;
