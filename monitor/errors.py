"""One error tree for everything a user can cause or a feed can do.

    MonitorError                 root: the CLI prints these as one line, no traceback
    ├── ConfigError              a settings, feeds or catalogue file is wrong (names file, line, fix)
    ├── FetchError               a feed could not be fetched; .kind says how to treat it
    │                            (temporary: try again soon; soft: back off; hard: needs an admin)
    ├── ParseError               the bytes are not a feed we can read (a hard failure)
    ├── StoreError               the database is locked, newer than this program, or unreadable
    ├── InputError               a file given on the command line is malformed
    ├── DeliveryError            a report could not be written or sent
    └── WriteError               a file could not be written (full disk, read-only folder, a folder
                                 given for a file) or its edit lock not had; the old file stays whole

Anything that is not a MonitorError is a bug and keeps its traceback.
"""

from __future__ import annotations


class MonitorError(Exception):
    """An error the user can act on; its message is one line in the user's words."""


class ConfigError(MonitorError):
    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class FetchError(MonitorError):
    def __init__(self, message: str, kind: str = "soft", status: int | None = None,
                 retry_after: float | None = None, code: str | None = None):
        super().__init__(message)
        # what happened, for readers in any language (vocabulary.FETCH_ERRORS): "unavailable:503"
        self.code = code or (f"http_error:{status}" if status else "unknown")
        self.kind = kind  # temporary, soft or hard
        self.status = status
        self.retry_after = retry_after  # seconds the server asked us to wait


class ParseError(MonitorError):
    kind = "hard"
    code = "not_feed"


class StoreError(MonitorError):
    def __init__(self, message: str, busy: bool = False):
        super().__init__(message)
        self.busy = busy  # another process held the write lock past the wait: trying again may work


class InputError(MonitorError):
    pass


class DeliveryError(MonitorError):
    pass


class WriteError(MonitorError):
    pass
