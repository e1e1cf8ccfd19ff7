-- Observed time: the spans of each feed the monitor can prove it saw (a fetch that overlapped the
-- previous one), the holes between them with their cause, and each story's time as coverage counts
-- it. A gap is only claimed for time in these spans (see monitor/observed.py).

-- Merged intervals: one row per unbroken stretch of observed time.
CREATE TABLE observed_spans (
    feed_id TEXT NOT NULL,
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL
);
-- Reads seek by the window's start: spans ending after it; never a scan of a feed's history.
CREATE INDEX observed_spans_feed_end ON observed_spans (feed_id, end_at);

-- What a fetch found was missed, and why: observed.CAUSES.
CREATE TABLE observed_holes (
    feed_id TEXT NOT NULL,
    start_at TEXT,                -- NULL: everything before the feed's first poll
    end_at TEXT NOT NULL,
    cause TEXT NOT NULL,          -- errors, rolled_over, not_polled, empty, before_first_poll
    held_minutes INTEGER,         -- how far back the feed's entries reached at the fetch that found it
    gap_minutes INTEGER,          -- the time between the two fetches
    error TEXT                    -- the last failure, for errors
);
CREATE INDEX observed_holes_feed_end ON observed_holes (feed_id, end_at);

ALTER TABLE feeds ADD COLUMN seen_keys TEXT;          -- JSON: the last successful fetch's entry keys
ALTER TABLE feeds ADD COLUMN horizon_minutes INTEGER; -- how far back the feed's entries reach
-- Feeds polled before this migration: time before their last attempt is judged by failed attempts,
-- as it was; observed time starts there. NULL for feeds first polled after it.
ALTER TABLE feeds ADD COLUMN legacy_until TEXT;
UPDATE feeds SET legacy_until = COALESCE(last_attempt, last_success);

-- A story's time as coverage counts it (entry_dates.story_time): its date when the fetch's dates are
-- article dates, else when it was first seen. Existing rows: the date unless it lies in the future
-- of its fetch (a wrong offset), else the fetch, which is how coverage counted them until now.
ALTER TABLE articles ADD COLUMN story_at TEXT;
UPDATE articles SET story_at = CASE
    WHEN published IS NOT NULL AND published <= strftime('%Y-%m-%dT%H:%M:%S+00:00', fetched, '+15 minutes')
    THEN published ELSE fetched END;
CREATE INDEX articles_feed_story ON articles (feed_id, story_at);
