-- Pinned entries: when each entry of a feed's last successful fetch was first seen, so an entry
-- the feed keeps while it drops newer ones (a pinned announcement) proves no continuity.
ALTER TABLE feeds ADD COLUMN seen_since TEXT;  -- JSON: {first seen (ISO 8601): [entry keys]}
