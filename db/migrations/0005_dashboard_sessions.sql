-- Dashboard admin sessions kept on the server, so logging out (or an expiry) ends a session even
-- for someone who kept a copy of its cookie. The cookie carries a random id; only its SHA-256 is
-- stored here, so a copy of the database opens no session.

CREATE TABLE dashboard_sessions (
    id_hash  TEXT PRIMARY KEY,   -- sha256 hex of the id in the cookie
    created  TEXT NOT NULL,      -- ISO time of the login
    expires  TEXT NOT NULL,      -- ISO time after which the session no longer opens anything
    ended    TEXT                -- ISO time of the logout; NULL while the session lasts
);

CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires);
