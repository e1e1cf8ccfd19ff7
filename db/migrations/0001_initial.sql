-- The first schema. Times are ISO 8601 in UTC ("2026-11-16T08:00:00+00:00").

-- What we know of each feed between polls; the feed list itself lives in config/feeds.toml.
CREATE TABLE feeds (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,            -- some servers send a new ETag for the same bytes
    last_attempt TEXT,
    last_success TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error_kind TEXT,         -- temporary, soft, hard
    last_error TEXT,
    next_due TEXT,
    moved_to TEXT,                -- a permanent redirect the admin should copy into feeds.toml
    disabled_reason TEXT          -- set when the server said 410 Gone
);

-- Every attempt, kept so a report can tell "not covered" from "not collected".
CREATE TABLE fetch_log (
    id INTEGER PRIMARY KEY,
    feed_id TEXT NOT NULL,
    at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    status INTEGER,
    new_articles INTEGER NOT NULL DEFAULT 0,
    error_kind TEXT,
    error TEXT,
    duration_ms INTEGER
);
CREATE INDEX fetch_log_feed_at ON fetch_log (feed_id, at);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id TEXT NOT NULL,
    guid TEXT NOT NULL,
    url TEXT,
    canonical_url TEXT,
    title TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    lang TEXT,
    published TEXT,
    fetched TEXT NOT NULL,
    updated TEXT,
    content_hash TEXT NOT NULL,
    UNIQUE (feed_id, guid)
);
CREATE UNIQUE INDEX articles_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_published ON articles (published);

CREATE VIRTUAL TABLE articles_fts USING fts5 (title, summary, content, content='articles', content_rowid='id');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, summary, content) VALUES (new.id, new.title, new.summary, new.content);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, content) VALUES ('delete', old.id, old.title, old.summary, old.content);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, content) VALUES ('delete', old.id, old.title, old.summary, old.content);
    INSERT INTO articles_fts (rowid, title, summary, content) VALUES (new.id, new.title, new.summary, new.content);
END;

CREATE TABLE matches (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    partnership_id TEXT NOT NULL,
    score REAL NOT NULL,
    evidence TEXT NOT NULL,       -- JSON: the sentences and offsets of both mentions
    PRIMARY KEY (article_id, partnership_id)
);
CREATE INDEX matches_partnership ON matches (partnership_id);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    window_from TEXT NOT NULL,
    window_to TEXT NOT NULL,
    scope TEXT NOT NULL,          -- JSON
    format TEXT NOT NULL,
    path TEXT,
    delivered_to TEXT             -- who received it, for "never send the same week twice"
);
