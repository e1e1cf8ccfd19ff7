"""An article page's main text, for feeds that carry only a title and a lead (`fulltext = true`).

The page is fetched with the same client, limits and per-host limit as feeds; trafilatura finds the
main text and drops menus, comments and footers. Failure is never an error of the feed: the caller
keeps the lead and stores the reason this returns. Nothing from the page is executed or kept as
markup: trafilatura returns plain text.
"""

from __future__ import annotations

from .errors import FetchError
from .fetch import PAGE_ACCEPT, fetch
from .records import Limits

MIN_TEXT = 200  # characters; less is a cookie banner or a teaser, not an article


def article_text(client, url: str | None, limits: Limits, limiter) -> tuple[str | None, str | None]:
    """(main text, None) or (None, why not)."""
    if not url or not url.startswith(("http://", "https://")):
        return None, "no article link in the entry"
    try:
        with limiter(url):
            result = fetch(client, url, limits, accept=PAGE_ACCEPT)
    except FetchError as exc:
        return None, f"article page: {exc}"
    if not result.body:
        return None, "article page was empty"
    return extract(result.body, url)


def extract(page: bytes | str, url: str | None = None) -> tuple[str | None, str | None]:
    """Main text of an HTML page, or (None, why not). trafilatura detects the page's encoding."""
    import trafilatura

    try:
        text = trafilatura.extract(page, url=url, include_comments=False, include_tables=False,
                                   favor_precision=True, deduplicate=True)
    except Exception as exc:  # a library bug on one hostile page must not stop the feed's poll
        return None, f"extraction failed: {type(exc).__name__}"
    if not text or len(text.strip()) < MIN_TEXT:
        return None, "no main text found on the article page"
    return text.strip(), None
