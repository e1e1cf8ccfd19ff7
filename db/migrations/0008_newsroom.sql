-- Newsroom: fetch errors told in the reader's language.

-- A fetch error's code ("unavailable:503", "timeout", "not_feed"), so reports tell it in the
-- reader's language instead of showing the fetcher's English message.
ALTER TABLE fetch_log ADD COLUMN error_code TEXT;
-- Failures logged before this migration get the code their status or message implies.
UPDATE fetch_log SET error_code = CASE
    WHEN status = 429 THEN 'rate_limited:429'
    WHEN status = 503 THEN 'unavailable:503'
    WHEN status = 410 THEN 'gone'
    WHEN status >= 500 THEN 'server_error:' || status
    WHEN status >= 400 THEN 'http_error:' || status
    WHEN error LIKE 'timed out%' THEN 'timeout'
    WHEN error LIKE 'could not connect%' THEN 'connect'
    WHEN error LIKE '%not a feed%' OR error LIKE '%HTML page%' THEN 'not_feed'
    ELSE 'unknown' END
WHERE ok = 0;

