-- Candidates from the news, kept per article: the review list reads only the articles stored (or
-- changed) since it was last drawn up, not a year of news on every page view.
CREATE TABLE candidate_sightings (
    key TEXT NOT NULL,            -- catalogue.review.candidate_key(belarusian, partner)
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    belarusian TEXT NOT NULL,     -- the catalogue territory's id
    partner TEXT NOT NULL,        -- as the article names it, nominative where the matcher could
    partner_id TEXT,              -- when the partner is a catalogue entity not paired with this side
    sentence TEXT NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX candidate_sightings_article ON candidate_sightings (article_id);

-- How far the stored news has been read for candidates, and by which matcher code: new code
-- reads everything again.
CREATE TABLE candidate_scan (
    code TEXT PRIMARY KEY,
    through INTEGER NOT NULL      -- every article with an id up to this one has been read
);

-- Articles whose text changed after they were read (an updated story): read again.
CREATE TABLE candidate_rescan (article_id INTEGER PRIMARY KEY);
CREATE TRIGGER candidate_text_changed AFTER UPDATE OF title, summary, content ON articles
WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.content IS NOT new.content
BEGIN
    DELETE FROM candidate_sightings WHERE article_id = new.id;
    INSERT OR IGNORE INTO candidate_rescan (article_id) VALUES (new.id);
END;
