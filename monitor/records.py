"""Frozen records that cross module boundaries. No I/O here.

Reads return these records; writes take them as intents. Everything is immutable so a record
handed from the poller to the store or from the store to the report cannot change underneath.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime
from typing import Mapping

LANGUAGES = ("ru", "be", "uk", "en")
# What a report can be written as and in: named here, below the report code, so the command line
# can offer the choices without loading the report's templates.
REPORT_FORMATS = ("md", "html", "csv", "json")
OUTLETS_CSV = "outlets.csv"  # the outlet scorecard alone, for a spreadsheet
REPORT_LANGUAGES = ("ru", "be", "en")


# --- catalogue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """A territory (country, region, district, city) or an organization."""

    id: str
    kind: str  # country, region, district, city, organization
    country: str  # ISO 3166-1 alpha-2
    names: Mapping[str, str]  # language ("ru", "be", "uk", "en", "local") -> official name
    aliases: Mapping[str, tuple[str, ...]]  # language -> colloquial names, bodies, spellings
    parent: str | None = None  # the territory this one belongs to
    org_type: str | None = None  # for organizations: enterprise, university, media ...
    ambiguous: bool = False  # a name that is also a common word, surname or other place
    ambiguity_note: str | None = None

    @property
    def name(self) -> str:
        """The name editors read: Russian, the reports' working language."""
        return self.names.get("ru") or self.names.get("en") or self.id


@dataclass(frozen=True)
class Agreement:
    type: str  # cooperation agreement, twinning, action plan, memorandum ...
    signed: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD" as the monograph states it
    period: str | None  # free text such as "2019-2021", for plans and programmes
    status: str  # signed, in force, planned, other
    signatories: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    seed_lines: tuple[int, ...] = ()  # lines of the monograph that record it
    evidence: str = ""  # the monograph's words (Dutch translation)
    note: str | None = None
    source: str | None = None  # the article or document an admin cited (None: the monograph)


@dataclass(frozen=True)
class Partnership:
    id: str  # "a--b", stable
    a: str  # the Belarusian side
    b: str  # the partner side
    level: str  # intergovernmental, interregional, municipal, enterprise, academic, media, other
    agreements: tuple[Agreement, ...] = ()
    topics: tuple[str, ...] = ()
    first_signed: str | None = None
    last_signed: str | None = None
    retired: bool = False  # kept for history and ids, but no longer watched or reported as a gap


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    kind: str
    territory: str | None
    country: str
    url: str | None


@dataclass(frozen=True)
class Catalogue:
    entities: Mapping[str, Entity]
    partnerships: Mapping[str, Partnership]
    outlets: Mapping[str, Outlet] = field(default_factory=dict)

    def ancestors(self, entity_id: str) -> tuple[str, ...]:
        """The entity itself, its parents up the chain, and its country entity if known."""
        known = self._ancestry.get(entity_id)
        if known is None:
            known = self._ancestry[entity_id] = self._chain(entity_id)
        return known

    @cached_property
    def _ancestry(self) -> dict[str, tuple[str, ...]]:
        # Coverage asks for every partnership's sides in every window; the catalogue never changes
        # in place (an edit makes a new one), so each chain is worked out once.
        return {}

    @cached_property
    def _countries(self) -> dict[str, str]:
        countries: dict[str, str] = {}
        for candidate in self.entities.values():
            if candidate.kind == "country":
                countries.setdefault(candidate.country, candidate.id)
        return countries

    def _chain(self, entity_id: str) -> tuple[str, ...]:
        chain: list[str] = []
        current: str | None = entity_id
        while current and current not in chain and current in self.entities:
            chain.append(current)
            current = self.entities[current].parent
        country = self.country_entity(entity_id)
        if country and country not in chain:
            chain.append(country)
        return tuple(chain)

    def country_entity(self, entity_id: str) -> str | None:
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        return self._countries.get(entity.country)


@dataclass(frozen=True)
class CatalogueChange:
    """One admin edit of the catalogue, as recorded in config/catalogue/local-changes.jsonl."""

    at: str  # ISO 8601 UTC
    by: str  # who made it: --by, else $USER
    op: str  # add-entity, add-partnership, add-agreement, edit, edit-agreement, retire, review-candidate
    target: str  # the entity or partnership id (a candidate key for review-candidate)
    data: Mapping[str, object]  # what changed, in the catalogue files' own field names
    why: str = ""  # the admin's reason
    source: str = ""  # the article or document that states the fact
    line: int = 0  # line in the change log, so a replay error can point at it


# --- configuration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    id: str
    url: str
    outlet: str  # the outlet's name as editors know it
    country: str  # ISO code of the outlet's country
    region: str  # catalogue entity id of the territory the feed reports on
    language: str
    interval: int | None = None  # minutes between polls; None lets the schedule decide
    enabled: bool = True
    tags: tuple[str, ...] = ()
    fulltext: bool | None = None  # article pages: None for lead-only entries, True for all, False never
    kind: str = "feed"  # feed, sitemap (a site's sitemap or index) or page (a news listing page)


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0  # seconds; a regional server that takes longer is down
    read_timeout: float = 30.0
    max_body_bytes: int = 10_000_000  # the largest real feed we saw is ~2 MB; 10 MB leaves room
    max_entries_per_poll: int = 500
    concurrency: int = 8  # feeds fetched at once across all hosts
    per_host: int = 2  # at once per host, so a small newsroom server is never hammered
    total_timeout: float = 60.0  # seconds for a whole fetch: a server dripping bytes forever is cut off
    fulltext_per_poll: int = 20  # article pages fetched per feed per poll, so one poll stays polite
    page_delay: float = 1.0  # seconds between two article-page requests to one server
    backfill_requests_per_host: int = 3000  # one backfill run's requests to one site: a year of a district paper is ~2000 pages


@dataclass(frozen=True)
class Smtp:
    """Where reports are emailed from. The password is never in a file: it comes from the
    MONITOR_SMTP_PASSWORD environment variable, read once by config.py."""

    host: str
    port: int = 587  # submission port: STARTTLS, which most providers expect
    tls: str = "starttls"  # starttls, ssl (implicit TLS, usually port 465) or none (a local relay)
    user: str | None = None  # log in as this user; None sends without logging in
    sender: str = "monitor@localhost"  # the From address
    password: str | None = field(default=None, repr=False)  # from the environment only


@dataclass(frozen=True)
class Settings:
    database: str  # path of the SQLite file, relative to the project root
    timezone: str = "Europe/Minsk"  # the editors' clock: weeks start on their Monday
    default_interval: int = 60  # minutes between polls of a feed without its own interval
    report_weekday: str = "mon"
    report_time: str = "08:00"
    report_window_days: int = 7
    reports_dir: str = "reports"
    outage_tolerance_hours: float = 6.0  # a feed down longer than this in a window was "not collected"
    min_interval: int = 10  # minutes; the adaptive interval never polls a busy feed more often
    max_interval: int = 1440  # minutes; a quiet feed is still polled daily
    failing_after: int = 3  # consecutive failures before a feed is marked failing
    fetch_log_days: int = 400  # days the raw fetch log is kept; weekly results and stories are kept for ever
    limits: Limits = field(default_factory=Limits)
    reports_url: str | None = None  # public address of the reports folder, for links in the Atom feed
    dashboard_url: str | None = None  # public address of `monitor serve`, for links in the calendar
    smtp: Smtp | None = None  # None: reports are written to the folder and not emailed
    # Networks fetched although not public (fetch.py refuses private, loopback, link-local...
    # addresses): empty, so a feed or a redirect cannot reach the machine or its network.
    allow_networks: tuple[str, ...] = ()
    # Host names the dashboard answers to besides the loopback ones (web.py refuses others).
    dashboard_hosts: tuple[str, ...] = ()


# --- articles and matches -------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleText:
    """What the matcher reads: an article from a feed or from a JSON Lines file."""

    id: str
    title: str
    summary: str = ""
    content: str = ""
    lang: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Mention:
    entity_id: str
    text: str  # the words as the article has them
    start: int  # character offsets into the matched text (title, summary and content joined)
    end: int


@dataclass(frozen=True)
class Evidence:
    a: Mention  # the Belarusian side
    b: Mention  # the partner side
    sentence: str  # the sentence(s) that hold both mentions or the closest pair
    cues: tuple[str, ...] = ()  # cooperation words seen near them


@dataclass(frozen=True)
class Match:
    partnership_id: str
    score: float  # 0..1; higher is surer
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One feed entry as parsed, before storage."""

    guid: str
    url: str | None
    title: str
    summary: str
    content: str
    published: datetime | None
    updated: datetime | None = None
    fulltext_note: str | None = None  # why the article page's text is not used, when fulltext is on


@dataclass(frozen=True)
class StoredArticle:
    id: int
    feed_id: str
    guid: str
    url: str | None
    title: str
    summary: str
    content: str
    lang: str | None
    published: datetime | None
    fetched: datetime
    story_at: datetime | None = None  # the story's time as coverage counts it (entry_dates.story_time)


# --- polling ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchResult:
    """A successful conditional GET: new bytes, or not modified."""

    url: str  # the final URL after redirects
    status: int
    body: bytes | None  # None when the server said 304 Not Modified
    etag: str | None
    last_modified: str | None
    content_type: str | None = None
    permanent_redirect: str | None = None  # the new URL when a 301/308 moved the feed


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of one feed did; failures are data, not exceptions."""

    feed_id: str
    started: datetime
    finished: datetime
    status: str  # "new", "unchanged", "error"
    new_articles: int = 0
    updated_articles: int = 0
    matched: int = 0
    error_kind: str | None = None  # temporary, soft, hard
    error: str | None = None


@dataclass(frozen=True)
class FetchLogRow:
    feed_id: str
    at: datetime
    ok: bool
    error_kind: str | None = None
    error: str | None = None
    error_code: str | None = None  # what failed, for readers in any language (vocabulary.FETCH_ERRORS)


# --- coverage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class Pruned:
    """What pruning the raw fetch log did."""

    before: datetime  # attempts before this moment were removed, but each feed's last one
    removed: int  # attempts removed
    weeks_kept: int  # weeks whose results were computed and kept first


@dataclass(frozen=True)
class Story:
    article_id: int
    feed_id: str
    outlet: str
    title: str
    url: str | None
    published: datetime | None
    side: str  # "belarusian" or "partner": which side's press published it
    score: float = 0.0
    sentence: str = ""


@dataclass(frozen=True)
class Outage:
    feed_id: str
    outlet: str
    hours: float  # how long within the window the feed was not collected
    error: str | None  # the fetcher's English message, as the command line prints it
    missed: tuple = ()  # observed.Missed: each stretch not observed, with its cause
    # each fetch error above (the outage's and its stretches') with the code stored with it, so a
    # report tells it in its reader's language (vocabulary.fetch_error)
    error_codes: tuple[tuple[str, str], ...] = ()

    def code_of(self, error: str | None) -> str | None:
        if error == "not polled during the window":
            return "not_polled"
        return dict(self.error_codes).get(error) if error else None

    @property
    def error_code(self) -> str | None:
        return self.code_of(self.error)


@dataclass(frozen=True)
class PartnershipCoverage:
    partnership: Partnership
    status: str  # "covered", "gap", "not_collected"
    stories: tuple[Story, ...] = ()
    outages: tuple[Outage, ...] = ()  # why "not collected"
    watching_feeds: tuple[str, ...] = ()  # feeds that would carry a story on it
    last_covered: date | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({story.outlet for story in self.stories}))


@dataclass(frozen=True)
class CoverageReport:
    window: Window
    scope: Mapping[str, str]
    partnerships: tuple[PartnershipCoverage, ...]
    feeds_collected: int
    feeds_failing: int


@dataclass(frozen=True)
class WeekCounts:
    """How many partnerships in a scope were covered, gaps or not collected in one window."""

    window: Window
    covered: int
    gap: int
    not_collected: int


@dataclass(frozen=True)
class OutletWeek:
    """One outlet in one window: what it published and what of its territory it covered."""

    window: Window
    articles: int  # stories collected from its feeds
    partnership_articles: int  # of those, stories matched to any catalogue partnership
    covered: tuple[str, ...] = ()  # partnerships it watches that it covered
    gaps: tuple[str, ...] = ()  # partnerships it watches that it left uncovered while collected
    not_collected: tuple[str, ...] = ()  # partnerships it watches whose window its feeds missed
    observed: float | None = None  # the share of the window its feeds were collected (1.0: all of it)

    @property
    def share(self) -> float | None:
        return self.partnership_articles / self.articles if self.articles else None


@dataclass(frozen=True)
class OutletScore:
    """An outlet's scorecard: its feeds together, for the report's window and the weeks before."""

    id: str  # its first feed's id: the address of its dashboard page
    outlet: str
    country: str  # ISO code: Belarusian outlets and partner-side ones side by side
    feeds: tuple[str, ...]
    weeks: tuple[OutletWeek, ...]  # oldest first; the last is the report's window

    @property
    def now(self) -> OutletWeek:
        return self.weeks[-1]


@dataclass(frozen=True)
class Trend:
    """One partnership's statuses over the weeks up to and including the report's window."""

    statuses: tuple[str, ...]  # oldest first; the last one is the report's window
    partner_stories: tuple[Story, ...] = ()  # what the partner side's press published in those weeks
    belarusian_stories: int = 0  # how many stories the Belarusian press published in those weeks

    def covered_weeks(self, last: int) -> int:
        return sum(1 for status in self.statuses[-last:] if status == "covered")

    def collected_weeks(self, last: int) -> int:
        return sum(1 for status in self.statuses[-last:] if status != "not_collected")

    @property
    def silent_weeks(self) -> int:
        """Weeks in a row, up to the window, that were collected and said nothing."""
        count = 0
        for status in reversed(self.statuses):
            if status != "gap":
                break
            count += 1
        return count


# --- delivery --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subscription:
    """Who gets which weekly report, from config/subscriptions.toml."""

    recipient: str  # an email address
    regions: tuple[str, ...] = ()  # Belarusian territories (entity ids); empty: all
    partner_countries: tuple[str, ...] = ()  # ISO codes of partner countries; empty: all
    outlets: tuple[str, ...] = ()  # feed ids or outlet names: only what these outlets carry; empty: all
    format: str = "html"  # md, html, csv, json
    lang: str = "ru"
    where: str = ""  # file:line of its table, for messages

    @property
    def scope(self) -> dict:
        scope: dict = {}
        if self.regions:
            scope["region"] = list(self.regions)
        if self.partner_countries:
            scope["partner_country"] = list(self.partner_countries)
        if self.outlets:
            scope["outlet"] = list(self.outlets)
        return scope


@dataclass(frozen=True)
class Delivery:
    """What happened to one subscription's report for one window."""

    recipient: str
    window: Window
    status: str  # "sent", "already sent", "failed"
    error: str | None = None
