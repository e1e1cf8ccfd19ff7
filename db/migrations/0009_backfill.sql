-- Backfill: what a run has read from a source, so Ctrl-C and a rerun go on where it stopped
-- without fetching a page twice.

-- Every sitemap, listing page and article page a backfill fetched (or failed to).
CREATE TABLE source_pages (
    url TEXT PRIMARY KEY,
    feed_id TEXT NOT NULL,
    kind TEXT NOT NULL,           -- sitemap, listing, article
    fetched TEXT NOT NULL,
    ok INTEGER NOT NULL,
    note TEXT                     -- why the page gave nothing (an error, no text, no date)
);
CREATE INDEX source_pages_feed ON source_pages (feed_id, kind);

-- The article addresses a source's sitemaps and listing pages gave, with the date they gave.
CREATE TABLE source_listed (
    feed_id TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT,
    title TEXT,
    PRIMARY KEY (feed_id, url)
);
CREATE INDEX source_listed_time ON source_listed (feed_id, published);
