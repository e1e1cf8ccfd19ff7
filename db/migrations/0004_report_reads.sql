-- Reads that seek instead of scanning history: a report over a year of log costs what it costs over
-- a week. tests/test_query_plans.py checks every query a report and the dashboard run.

-- Failed attempts by time: a window's collection is decided by its failures, each feed's first
-- success and the success that ends each failure (store.collection_log), never by every attempt.
CREATE INDEX fetch_log_failed ON fetch_log (at) WHERE ok = 0;

-- A matched story's time (articles.story_at, from migration 0003) kept beside the match, so a
-- window's stories and each partnership's last story before a window are index ranges over matches
-- alone, however many unmatched articles surround them. Triggers keep it current for every writer.
ALTER TABLE matches ADD COLUMN story_at TEXT;
UPDATE matches SET story_at = (SELECT a.story_at FROM articles a WHERE a.id = matches.article_id);
CREATE INDEX matches_story_at ON matches (story_at);
CREATE INDEX matches_partnership_story_at ON matches (partnership_id, story_at);
DROP INDEX matches_partnership;  -- the index above starts with the same column
CREATE TRIGGER matches_story_at_ai AFTER INSERT ON matches BEGIN
    UPDATE matches SET story_at = (SELECT a.story_at FROM articles a WHERE a.id = new.article_id)
    WHERE rowid = new.rowid;
END;
CREATE TRIGGER articles_story_at_au AFTER UPDATE OF story_at ON articles BEGIN
    UPDATE matches SET story_at = new.story_at WHERE article_id = new.id;
END;

-- Each feed's collection over a window that has ended, computed once and kept (the raw fetch log
-- may be pruned; these rows are kept for ever). The window is [start_at, end_at) in UTC, so the
-- editors' time zone is not part of it; `key` says what it was computed under (the outage tolerance
-- and the version of the collection rules): a row under another key is computed again while the
-- raw log still holds the window.
CREATE TABLE week_results (
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    key TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    feeds TEXT NOT NULL,          -- JSON: feed id -> its collection over the window
    PRIMARY KEY (start_at, end_at)
) WITHOUT ROWID;
CREATE INDEX week_results_end ON week_results (end_at);

-- Exact invalidation. An attempt logged at `at` changes the windows that contain it and, as the
-- feed's last attempt before a window's start, the windows that start before the feed's next
-- attempt (all later ones when it is the newest): a trigger, for every writer. A poll's own attempt
-- is the newest, so it finds no kept window; a backfill drops exactly the windows it touches.
-- Observed spans and holes are merged as they are written, so the store's write path drops the
-- windows that a fetch's newly observed span or its hole reaches into (Store._write_observation).
CREATE TRIGGER fetch_log_touches_weeks AFTER INSERT ON fetch_log BEGIN
    DELETE FROM week_results WHERE end_at > new.at AND start_at <= COALESCE(
        (SELECT MIN(g.at) FROM fetch_log g WHERE g.feed_id = new.feed_id AND g.at > new.at), '9999');
END;
CREATE TRIGGER feeds_legacy_touches_weeks AFTER UPDATE OF legacy_until ON feeds
WHEN old.legacy_until IS NOT new.legacy_until BEGIN
    DELETE FROM week_results;
END;

-- Pruning the raw log keeps, per feed, its last attempt before the cut (where the next window
-- starts from) and records the cut, so a window before it is never computed from a partial log.
CREATE TABLE prune_marks (
    pruned_before TEXT NOT NULL,  -- attempts before this moment were removed (all but each feed's last)
    pruned_at TEXT NOT NULL
);
