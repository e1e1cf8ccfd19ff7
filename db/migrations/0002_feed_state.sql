-- Polling state kept as data: how busy each feed is, the interval in force, since when it has been
-- failing and when it moved; why an article's page text was not used.

ALTER TABLE feeds ADD COLUMN entries_per_week REAL;      -- from the entries of the last four weeks
ALTER TABLE feeds ADD COLUMN interval_minutes INTEGER;   -- the interval in force: the feed's own or the adaptive one
ALTER TABLE feeds ADD COLUMN failing_since TEXT;         -- set after repeated failures, cleared on success
ALTER TABLE feeds ADD COLUMN moved_at TEXT;              -- when a 301/308 moved the feed to moved_to
ALTER TABLE feeds ADD COLUMN disabled_at TEXT;           -- when a 410 Gone disabled it

ALTER TABLE articles ADD COLUMN fulltext_note TEXT;      -- why the lead was kept instead of the page's text

CREATE INDEX articles_feed_time ON articles (feed_id, published);
