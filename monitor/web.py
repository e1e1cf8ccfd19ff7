"""The dashboard: server-rendered pages for editors, newsrooms and admins (`monitor serve`).

Editors' pages (coverage matrix, gap list, partnership, article, report downloads) are read-only.
Admin pages and every change need a login with the admin token; the session is a signed,
HttpOnly, SameSite=Strict cookie holding a random session id that the database knows (so logging
out ends it on the server), and every form carries a CSRF token. Failed logins from one client
are throttled. Pages work without JavaScript and the Content-Security-Policy forbids scripts
altogether. Every string from a feed is escaped by Jinja2's autoescape, and links to originals
are kept only when they are http(s).

Before a request reaches a page (RequestGuard): a Host that is not ours is refused (so no forged
name ends up in a link), and a body over MAX_FORM_BYTES is refused unread. Every response, error
pages and crashes included, carries SECURITY_HEADERS; admin pages are never cached. Waiting on a
remote server (a feed check, adding a feed) happens in worker threads outside the database lock,
so it never stalls other pages.

Pages speak Russian, the editors' working language, Belarusian with `?lang=be` and English with
`?lang=en`, which every link,
form and redirect carries on. Words the reports also use come from report.STRINGS; the dashboard's
own words are in STRINGS below, and templates see both as one table, `t`.

This module holds no SQL and no coverage policy: it reads through the facade (`Monitor`) and
renders. It does not read the environment: `monitor serve` passes the token and the key in.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import secrets
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from . import report, vocabulary
from .web_strings import WEB_STRINGS
from .coverage import iso_week, previous_week, window_problem
from .config import ENTITY_KINDS
from .errors import MonitorError
from .feeds_admin import CheckResult
from .records import OUTLETS_CSV, REPORT_FORMATS, REPORT_LANGUAGES, WeekCounts, Window

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUSES = ("covered", "gap", "not_collected")
LANGS = REPORT_LANGUAGES  # ru, be, en
TIMELINE_WINDOWS = 12  # a quarter of weeks: long enough to see a silence, short enough to read
CALENDAR_WEEKS = 8  # two months ahead: time to plan a story, short enough to read on one page
SESSION_HOURS = 8  # one working day; an admin logs in again tomorrow
MAX_FORM_BYTES = 64 * 1024  # the largest form here is a feed's six fields; any larger body is refused unread
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")  # always answered; others come from settings.dashboard_hosts
FREE_LOGINS = 5  # failed logins from one client before it must wait
FIRST_WAIT = 30.0  # seconds after the first refused try; each further failure doubles it...
LONGEST_WAIT = 3600.0  # ...up to an hour: guessing a 16-character token stays hopeless
CHECKS_AT_ONCE = 4  # feed checks running in the background at once
NO_STORE = ("/admin", "/login", "/logout")  # pages with an admin's data or a login: never cached
log = logging.getLogger("monitor")
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
               "csv": "text/csv; charset=utf-8", "json": "application/json"}
# No scripts at all, no framing, forms only to ourselves: a second wall behind autoescape.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

assert all(WEB_STRINGS[lang].keys() == WEB_STRINGS["ru"].keys() for lang in LANGS), "every word in every language"
assert not WEB_STRINGS["ru"].keys() & report.STRINGS["ru"].keys(), "a word the report has is taken from it"
# What templates see as `t`: the report's words and the dashboard's, one table per language.
STRINGS = {lang: {**report.STRINGS[lang], **WEB_STRINGS[lang]} for lang in LANGS}
DEFAULT_LANG = "ru"  # the editors' working language, as the reports'


class Invalid(Exception):
    """A request the dashboard cannot answer: rendered as a page with this status and the message
    `key` names in STRINGS, filled with `params`, in the page's language."""

    def __init__(self, status: int, key: str, **params):
        super().__init__(key, params)
        self.status = status
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        return STRINGS[lang][self.key].format(**self.params)


# --- pure helpers ----------------------------------------------------------------------------


def parse_window(query, today: date) -> Window:
    """`week=YYYY-Www`, or `from` and `to`; by default the last complete week, as the report."""
    week, start, end = query.get("week"), query.get("from"), query.get("to")
    try:
        if week:
            return iso_week(week)
        if start or end:
            window = Window(date.fromisoformat(start or ""), date.fromisoformat(end or ""))
            if window.end < window.start:
                raise Invalid(400, "bad_order", start=start, end=end)
            if window_problem(window):
                raise ValueError(window_problem(window))
            return window
    except ValueError:
        raise Invalid(400, "bad_dates")
    return previous_week(today)


def window_query(window: Window) -> dict:
    monday = window.start - timedelta(days=window.start.weekday())
    if window.start == monday and window.end == monday + timedelta(days=6):
        year, week, _ = window.start.isocalendar()
        return {"week": f"{year}-W{week:02d}"}
    return {"from": window.start.isoformat(), "to": window.end.isoformat()}


def link(path: str, params=(), lang: str = DEFAULT_LANG) -> str:
    """A path on this server with its query, carrying the language on unless it is the default;
    empty values are left out."""
    query = [(k, v) for k, v in (params.items() if isinstance(params, dict) else params) if v and k != "lang"]
    if lang != DEFAULT_LANG:
        query.append(("lang", lang))
    return f"{path}?{urlencode(query)}" if query else path


def top_territory(catalogue, entity_id: str) -> str:
    """The matrix row or column an entity falls under: its topmost territory below the country
    (a district's oblast, a plant's city); an organization with no territory, or the state itself,
    falls under the country."""
    chain = catalogue.ancestors(entity_id)
    territories = [e for e in chain if catalogue.entities[e].kind not in ("country", "organization")]
    return territories[-1] if territories else chain[-1]


def safe_url(url: str | None) -> str | None:
    """A feed's link, only if it is http(s): autoescape does not stop `javascript:` in an href."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def evidence_spans(evidence_json: str) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of both sides' mentions, from a match's stored evidence."""
    try:
        evidence = json.loads(evidence_json) or []
    except ValueError:
        return []
    spans = []
    for item in evidence if isinstance(evidence, list) else []:
        for side in ("a", "b"):
            mention = item.get(side) if isinstance(item, dict) else None
            if isinstance(mention, dict) and isinstance(mention.get("start"), int) and isinstance(mention.get("end"), int):
                spans.append((mention["start"], mention["end"], str(mention.get("entity_id", ""))))
    return spans


def highlight(text: str, spans, context: int | None = None) -> list[tuple[str, str | None]]:
    """The text cut into (piece, entity id or None) so a template can mark the mentions, each piece
    escaped on its own. With `context`, only that many characters around the mentions are kept."""
    spans = sorted((s, e, label) for s, e, label in spans if 0 <= s < e <= len(text))
    merged: list[list] = []
    for start, end, label in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, label])
    low, high = 0, len(text)
    if context is not None and merged:
        low, high = max(0, merged[0][0] - context), min(len(text), merged[-1][1] + context)
    elif context is not None:
        high = min(len(text), 2 * context)
    pieces: list[tuple[str, str | None]] = [("…", None)] if low > 0 else []
    cursor = low
    for start, end, label in merged:
        if end <= low or start >= high:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((text[max(start, cursor):end], label))
        cursor = end
    if cursor < high:
        pieces.append((text[cursor:high], None))
    if high < len(text):
        pieces.append(("…", None))
    return pieces


def article_text(article) -> str:
    """The text the matcher's offsets point into (match.Matcher.text_of)."""
    return f"{article.title}\n\n{article.summary}\n\n{article.content}"


def describe_check(result: CheckResult, lang: str) -> str:
    """A feed check in the page's language (CheckResult's own str is the CLI's English)."""
    t = STRINGS[lang]
    text = t["check_entries"].format(entries=result.entries)
    text += t["check_newest"].format(newest=f"{result.newest:%Y-%m-%d %H:%M}") if result.newest else t["check_undated"]
    if result.matched is not None:
        text += t["check_matched"].format(matched=result.matched)
    if result.moved_to:
        text += t["check_moved"].format(url=result.moved_to)
    return text


# --- the application -------------------------------------------------------------------------


class Dashboard:
    """The routes, over one facade. SQLite work runs in a worker thread, one request at a time,
    so a slow page never blocks the event loop and two requests never share the connection."""

    def __init__(self, monitor, admin_token: str | None, clock=None):
        self.monitor = monitor
        self.admin_token = admin_token or None
        self.lock = threading.Lock()
        self.clock = clock or (lambda: datetime.now(timezone.utc))  # sessions and login throttling
        self.throttle = LoginThrottle(lambda: self.clock().timestamp())
        self.checks = BackgroundChecks()
        self.env = Environment(loader=FileSystemLoader([TEMPLATES / "web", TEMPLATES]), autoescape=True,
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters["safe_url"] = safe_url
        self.env.globals.update(STATUSES=STATUSES, FORMATS=REPORT_FORMATS, LANGS=LANGS, DEFAULT_LANG=DEFAULT_LANG,
                                agreement_type=vocabulary.agreement_type, agreement_status=vocabulary.agreement_status,
                                topic=vocabulary.topic, month=vocabulary.month)

    async def call(self, fn, *args, **kwargs):
        def locked():
            with self.lock:
                return fn(*args, **kwargs)
        return await run_in_threadpool(locked)

    async def offline(self, fn, *args, **kwargs):
        """Work that waits on the network and not on the database (adding a feed fetches it first):
        a worker thread, without the database lock, so other pages go on."""
        return await run_in_threadpool(fn, *args, **kwargs)

    # --- rendering and sessions ---

    def render(self, request: Request, name: str, status: int = 200, lang: str | None = None,
               **context) -> HTMLResponse:
        """A page in the request's language (an unknown `?lang=` is refused, except on the error
        page that says so). `href` makes a link that keeps the language; `switch` is this page in
        each language."""
        lang = lang or _lang(request.query_params)
        html = self.env.get_template(name).render(
            request=request, csrf=csrf_token(request), admin=is_admin(request),
            flash=request.session.pop("flash", None), login_enabled=self.admin_token is not None,
            lang=lang, t=STRINGS[lang], href=lambda path, params=(): link(path, params, lang),
            switch={other: _switch(request, other) for other in LANGS}, **context)
        return HTMLResponse(html, status_code=status)

    def name(self, entity_id: str, lang: str) -> str:
        return vocabulary.entity_name(self.monitor.catalogue, entity_id, lang)

    def outlet_of(self, feed_id: str) -> str:
        feed = self.monitor.config.feed(feed_id)
        return feed.outlet if feed else feed_id

    # --- editors' pages: read-only ---

    async def matrix(self, request: Request) -> Response:
        q = request.query_params
        lang = _lang(q)
        window = parse_window(q, self.monitor.today())
        catalogue = self.monitor.catalogue
        country = q.get("country", "").upper() or None
        if country and country not in self.partner_countries():
            raise Invalid(400, "no_country", country=country)
        coverage = await self.call(self.monitor.coverage, window, {"partner_country": country} if country else {})
        cells: dict[tuple[str, str], dict[str, int]] = {}
        for item in coverage.partnerships:
            p = item.partnership
            row = top_territory(catalogue, p.a)
            column = top_territory(catalogue, p.b) if country else catalogue.entities[p.b].country
            counts = cells.setdefault((row, column), dict.fromkeys(STATUSES, 0))
            counts[item.status] += 1
        rows = sorted({r for r, _ in cells}, key=lambda r: (catalogue.entities[r].kind != "region",
                                                             r == "by-belarus", self.name(r, lang)))
        columns = sorted({c for _, c in cells}, key=lambda c: -sum(sum(v.values()) for (r, cc), v in cells.items() if cc == c))
        column_names = {c: (self.name(c, lang) if country else self.country_name(c, lang)) for c in columns}
        return self.render(request, "matrix.html.j2", window=window, wq=window_query(window),
                           rows=rows, columns=columns, cells=cells, country=country,
                           country_label=self.country_name(country, lang) if country else None,
                           row_names={r: self.name(r, lang) for r in rows}, column_names=column_names,
                           countries=self.partner_countries())

    def partner_countries(self) -> list[str]:
        catalogue = self.monitor.catalogue
        return sorted({catalogue.entities[p.b].country for p in catalogue.partnerships.values()})

    def country_name(self, code: str, lang: str) -> str:
        entity = next((e for e in self.monitor.catalogue.entities.values()
                       if e.kind == "country" and e.country == code), None)
        return (entity.names.get(lang) or entity.name) if entity else code

    def filters(self, q) -> tuple[dict, dict]:
        """The report's scope (region, partner country, outlet) and the page's own narrowing
        (status, and the matrix's partner territory) from the query, each value checked."""
        catalogue = self.monitor.catalogue
        scope, narrow = {}, {}
        region = q.get("region")
        if region:
            if region not in catalogue.entities:
                raise Invalid(400, "no_region", region=region)
            scope["region"] = region
        country = q.get("partner_country", "").upper()
        if country:
            if country not in self.partner_countries():
                raise Invalid(400, "no_country", country=country)
            scope["partner_country"] = country
        outlet = q.get("outlet")
        if outlet:
            if outlet not in self.outlets():
                raise Invalid(400, "no_outlet", outlet=outlet)
            scope["outlet"] = outlet
        status = q.get("status")
        if status:
            if status not in STATUSES:
                raise Invalid(400, "bad_status", statuses=", ".join(STATUSES))
            narrow["status"] = status
        partner = q.get("partner")
        if partner:
            if partner not in catalogue.entities:
                raise Invalid(400, "no_partner", partner=partner)
            narrow["partner"] = partner
        return scope, narrow

    def outlets(self) -> list[str]:
        return sorted({feed.outlet for feed in self.monitor.config.feeds})

    def regions(self) -> list[str]:
        catalogue = self.monitor.catalogue
        return sorted({top_territory(catalogue, p.a) for p in catalogue.partnerships.values()},
                      key=lambda r: (catalogue.entities[r].kind != "region", r))

    async def gaps(self, request: Request) -> Response:
        q = request.query_params
        lang = _lang(q)
        window = parse_window(q, self.monitor.today())
        scope, narrow = self.filters(q)
        coverage = await self.call(self.monitor.coverage, window, scope)
        rows = report.rank(coverage, self.monitor.catalogue, self.monitor.today(), lang, zone=self.monitor.timezone)
        if "status" in narrow:
            rows = [r for r in rows if r.coverage.status == narrow["status"]]
        if "partner" in narrow:
            rows = [r for r in rows if narrow["partner"] in self.monitor.catalogue.ancestors(r.coverage.partnership.b)]
        counts = {s: sum(1 for r in rows if r.coverage.status == s) for s in STATUSES}
        download = {**scope, **window_query(window)}
        return self.render(request, "gaps.html.j2", window=window, wq=window_query(window), rows=rows,
                           counts=counts, scope=scope, narrow=narrow, coverage=coverage, download=download,
                           regions=[(r, self.name(r, lang)) for r in self.regions()],
                           countries=[(c, self.country_name(c, lang)) for c in self.partner_countries()],
                           outlets=self.outlets(), partner_name=self.name(narrow["partner"], lang) if "partner" in narrow else None)

    # --- newsroom pages: the planning calendar and the outlet scorecard ---

    def calendar_scope(self, q) -> dict:
        scope, _ = self.filters(q)
        scope.pop("outlet", None)  # the calendar is the catalogue's: an outlet narrows nothing in it
        return scope

    async def calendar_page(self, request: Request) -> Response:
        q = request.query_params
        lang = _lang(q)
        scope = self.calendar_scope(q)
        events = await self.call(self.monitor.calendar_events, scope=scope, lang=lang, days=CALENDAR_WEEKS * 7)
        today = self.monitor.today()
        weeks: dict[date, list] = {}
        for event in events:
            shown = max(event.day, today)  # this month's anniversary, day not recorded, goes in this week
            weeks.setdefault(shown - timedelta(days=shown.weekday()), []).append(event)
        return self.render(request, "calendar.html.j2", weeks=sorted(weeks.items()), scope=scope, start=today,
                           end=today + timedelta(days=CALENDAR_WEEKS * 7 - 1), n_weeks=CALENDAR_WEEKS,
                           regions=[(r, self.name(r, lang)) for r in self.regions()],
                           countries=[(c, self.country_name(c, lang)) for c in self.partner_countries()])

    async def calendar_file(self, request: Request) -> Response:
        q = request.query_params
        scope = self.calendar_scope(q)
        data = await self.call(self.monitor.calendar, 12, scope, _lang(q))
        return Response(data, media_type="text/calendar; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="calendar.ics"'})

    def scorecard(self, window: Window, scope: dict):
        history = self.monitor.coverage_history(window, scope, TIMELINE_WINDOWS)
        return history, self.monitor.outlet_scores(history, scope)

    async def outlets_page(self, request: Request) -> Response:
        q = request.query_params
        lang = _lang(q)
        window = parse_window(q, self.monitor.today())
        scope = self.calendar_scope(q)
        _, scores = await self.call(self.scorecard, window, scope)
        return self.render(request, "outlets.html.j2", window=window, wq=window_query(window), scores=scores,
                           download={**scope, **window_query(window)},
                           scope=scope, share_text=report.share_text, percent=report.percent, sparkline=report.sparkline,
                           countries={s.country: self.country_name(s.country, lang) for s in scores},
                           regions=[(r, self.name(r, lang)) for r in self.regions()],
                           partner_countries=[(c, self.country_name(c, lang)) for c in self.partner_countries()])

    async def outlet_page(self, request: Request) -> Response:
        q = request.query_params
        lang = _lang(q)
        outlet_id = request.path_params["outlet_id"]
        feed = self.monitor.config.feed(outlet_id)
        if feed is None:
            raise Invalid(404, "no_outlet", outlet=outlet_id)
        window = parse_window(q, self.monitor.today())
        # The outlet's own scope: the partnerships its feeds watch, its stories only.
        _, scores = await self.call(self.scorecard, window, {"outlet": feed.outlet})
        score = next((s for s in scores if outlet_id in s.feeds), None)
        catalogue = self.monitor.catalogue

        def pair(pid):
            p = catalogue.partnerships[pid]
            return pid, f"{self.name(p.a, lang)} — {self.name(p.b, lang)}"

        from .scorecard import week_counts

        return self.render(request, "outlet.html.j2", feed=feed, score=score, window=window, wq=window_query(window),
                           share_text=report.share_text, percent=report.percent, country=self.country_name(feed.country, lang),
                           chart=Markup(report.chart_svg(week_counts(score), lang)) if score else "",
                           covered=[pair(pid) for pid in score.now.covered] if score else [],
                           gaps=[pair(pid) for pid in score.now.gaps] if score else [])

    async def download(self, request: Request) -> Response:
        q = request.query_params
        fmt = request.path_params["fmt"]
        if fmt not in REPORT_FORMATS + (OUTLETS_CSV,):
            raise Invalid(404, "bad_format", formats=", ".join(REPORT_FORMATS + (OUTLETS_CSV,)))
        window = parse_window(q, self.monitor.today())
        scope, _ = self.filters(q)
        text = await self.call(self.monitor.report, window, scope, fmt, _lang(q))
        filename = f"report-{window.start.isoformat()}-{window.end.isoformat()}.{fmt}"
        return Response(text, media_type=MEDIA_TYPES[fmt.rpartition(".")[2]],
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    async def partnership(self, request: Request) -> Response:
        q = request.query_params
        lang = _lang(q)
        pid = request.path_params["pid"]
        p = self.monitor.catalogue.partnerships.get(pid)
        if p is None:
            raise Invalid(404, "no_partnership", pid=pid)
        window = parse_window(q, self.monitor.today())

        def gather():
            # The facade's trend: the same scope over the windows before, oldest first.
            history = self.monitor.coverage_history(window, {"region": p.a}, TIMELINE_WINDOWS)
            timeline = [(c.window, next((i for i in c.partnerships if i.partnership.id == pid), None)) for c in history]
            return timeline, self.monitor.store.partnership_articles(pid)

        timeline, found = await self.call(gather)
        stories = []
        for score, evidence, article in found:
            feed = self.monitor.config.feed(article.feed_id)
            stories.append({"article": article, "score": score, "outlet": self.outlet_of(article.feed_id),
                            "side": "belarusian" if feed is None or feed.country == "BY" else "partner",
                            "excerpt": highlight(article_text(article), evidence_spans(evidence), context=160)})
        # The report's chart for one partnership: each window's bar is its status in that window.
        weeks = [WeekCounts(w, *(int(item is not None and item.status == s) for s in STATUSES)) for w, item in timeline]
        return self.render(request, "partnership.html.j2", p=p, window=window, wq=window_query(window),
                           chart=Markup(report.chart_svg(weeks, lang)),
                           name_a=self.name(p.a, lang), name_b=self.name(p.b, lang), timeline=timeline,
                           stories=stories, entity_names={e: self.name(e, lang) for e in (p.a, p.b)},
                           signatories=lambda names: vocabulary.signatory_names(self.monitor.catalogue, names, lang))

    async def article(self, request: Request) -> Response:
        lang = _lang(request.query_params)
        article_id = request.path_params["article_id"]
        article, matches = await self.call(
            lambda: (self.monitor.store.article(article_id), self.monitor.store.article_matches(article_id)))
        if article is None:
            raise Invalid(404, "no_article", id=article_id)
        spans = [span for _, _, evidence in matches for span in evidence_spans(evidence)]
        catalogue = self.monitor.catalogue
        matched = [(pid, score, self.name(catalogue.partnerships[pid].a, lang) + " — "
                    + self.name(catalogue.partnerships[pid].b, lang) if pid in catalogue.partnerships else pid)
                   for pid, score, _ in matches]
        return self.render(request, "article.html.j2", article=article, matched=matched,
                           outlet=self.outlet_of(article.feed_id), body=highlight(article_text(article), spans),
                           entity_names={e: self.name(e, lang) for _, _, e in spans})

    # --- login ---

    async def login_page(self, request: Request) -> Response:
        return self.render(request, "login.html.j2", next=_local(request.query_params.get("next")))

    async def login(self, request: Request) -> Response:
        client = request.client.host if request.client else "unknown"
        wait = self.throttle.wait(client)
        if wait:  # refused before the form is read or the token compared
            log.warning("dashboard: login from %s refused unread: too many failed logins; next try in %d s",
                        client, math.ceil(wait))
            return self.too_many_logins(request, wait)
        lang, form = await checked_form(request, admin=False)
        given = form.get("token", "")
        if self.admin_token is None or not hmac.compare_digest(given.encode(), self.admin_token.encode()):
            wait = self.throttle.failed(client)
            log.warning("dashboard: failed login from %s%s", client,
                        f"; further tries refused for {math.ceil(wait)} s" if wait else "")
            if wait:
                return self.too_many_logins(request, wait)
            return self.render(request, "login.html.j2", status=401, next=_local(form.get("next")), error="bad_token")
        self.throttle.succeeded(client)
        # A fresh session, known to the database, and a fresh CSRF token at the change of privilege.
        session_id, now = secrets.token_urlsafe(32), self.clock()
        await self.call(self.monitor.store.open_session, session_id, now, now + timedelta(hours=SESSION_HOURS))
        request.session.clear()
        request.session.update({"sid": session_id, "csrf": secrets.token_urlsafe(32)})
        log.info("dashboard: admin logged in from %s", client)
        return RedirectResponse(_local(form.get("next")) or link("/admin", lang=lang), status_code=303)

    def too_many_logins(self, request: Request, wait: float) -> Response:
        lang = request.query_params.get("lang") if request.query_params.get("lang") in LANGS else DEFAULT_LANG
        t = STRINGS[lang]
        seconds = math.ceil(wait)
        when = t["seconds"].format(n=seconds) if seconds < 120 else t["minutes"].format(n=math.ceil(seconds / 60))
        response = self.render(request, "error.html.j2", status=429, lang=lang,
                               message=t["too_many_logins"].format(wait=when), forbidden=True)
        response.headers["Retry-After"] = str(seconds)
        return response

    async def logout(self, request: Request) -> Response:
        lang, form = await checked_form(request, admin=False)
        session_id = request.session.get("sid")
        if isinstance(session_id, str):
            await self.call(self.monitor.store.end_session, session_id, self.clock())
        request.session.clear()
        return RedirectResponse(link("/", lang=lang), status_code=303)

    # --- admin pages: login required for every page and every change ---

    async def admin_feeds(self, request: Request) -> Response:
        need_admin(request)
        rows = await self.call(self.monitor.feeds_status, _lang(request.query_params))
        feeds = {feed.id: feed for feed in self.monitor.config.feeds}
        return self.render(request, "admin_feeds.html.j2", rows=rows, feeds=feeds,
                           regions=sorted(self.monitor.catalogue.entities),
                           min_interval=self.monitor.config.settings.min_interval)

    async def feed_action(self, request: Request) -> Response:
        lang, form = await checked_form(request, admin=True)
        action, feed_id = request.path_params["action"], request.path_params["feed_id"]
        if action not in ("enable", "disable", "check") or self.monitor.config.feed(feed_id) is None:
            raise Invalid(404, "no_feed_action", action=action, feed=feed_id)
        if action == "check":  # waits on the feed's server: in the background, the page polls it
            job = self.checks.start(feed_id, self.monitor.check_feed)
            if job is None:
                request.session["flash"] = f"{feed_id}: {STRINGS[lang]['checks_busy']}"
                return RedirectResponse(link("/admin", lang=lang), status_code=303)
            return RedirectResponse(link(f"/admin/checks/{job}", lang=lang), status_code=303)
        method = {"enable": self.monitor.enable_feed, "disable": self.monitor.disable_feed}[action]
        try:
            result = await self.call(method, feed_id)
        except MonitorError as exc:
            request.session["flash"] = f"{feed_id}: {exc}"  # the facade's error, as the CLI prints it
        else:
            done = (describe_check(result, lang) if isinstance(result, CheckResult)
                    else STRINGS[lang]["done"][action] if result is None or result is True else str(result))
            request.session["flash"] = f"{feed_id}: {done}"
        return RedirectResponse(link("/admin", lang=lang), status_code=303)

    async def check_progress(self, request: Request) -> Response:
        """A feed check started from the feeds page: "still checking" (the page refreshes itself)
        until it ends, then its result as the feeds page's message."""
        need_admin(request)
        lang = _lang(request.query_params)
        job = request.path_params["job"]
        found = self.checks.get(job)
        if found is None:
            raise Invalid(404, "no_check")
        feed_id, future = found
        if not future.done():
            return self.render(request, "checking.html.j2", feed=feed_id)
        self.checks.forget(job)
        try:
            result = future.result()
        except MonitorError as exc:
            request.session["flash"] = f"{feed_id}: {exc}"  # the facade's error, as the CLI prints it
        else:
            request.session["flash"] = f"{feed_id}: {describe_check(result, lang)}"
        return RedirectResponse(link("/admin", lang=lang), status_code=303)

    async def add_feed(self, request: Request) -> Response:
        lang, form = await checked_form(request, admin=True)
        fields = {k: form.get(k, "").strip() for k in ("id", "url", "outlet", "country", "region", "language")}
        try:
            await self.offline(self.monitor.add_feed, **fields)  # it fetches the feed first
        except MonitorError as exc:
            request.session["flash"] = STRINGS[lang]["not_added"].format(error=exc)
        else:
            request.session["flash"] = STRINGS[lang]["added"].format(id=fields["id"])
        return RedirectResponse(link("/admin", lang=lang), status_code=303)

    async def candidates(self, request: Request) -> Response:
        need_admin(request)
        items = await self.call(self.monitor.candidates)
        return self.render(request, "admin_candidates.html.j2", items=items, kinds=sorted(ENTITY_KINDS),
                           catalogue=self.monitor.catalogue)

    async def candidate_action(self, request: Request) -> Response:
        lang, form = await checked_form(request, admin=True)
        action, key = request.path_params["action"], request.path_params["key"]
        by = "admin (dashboard)"  # one admin token, so the log names the channel
        t = STRINGS[lang]
        try:
            if action == "accept":
                pid = await self.call(self.monitor.accept_candidate, key, form.get("kind", ""),
                                      form.get("country", "").strip().upper(), by,
                                      name_en=form.get("name_en", "").strip() or None)
                request.session["flash"] = t["accepted"].format(key=key, pid=pid)
            elif action == "reject":
                await self.call(self.monitor.reject_candidate, key, by, form.get("why", ""))
                request.session["flash"] = t["rejected"].format(key=key)
            else:
                raise Invalid(404, "no_candidate_action", action=action)
        except MonitorError as exc:
            request.session["flash"] = f"{key}: {exc}"
        return RedirectResponse(link("/admin/candidates", lang=lang), status_code=303)

    # --- the whole app ---

    async def on_invalid(self, request: Request, exc: Invalid) -> Response:
        lang = request.query_params.get("lang") if request.query_params.get("lang") in LANGS else DEFAULT_LANG
        if exc.status == 401:
            return RedirectResponse(link("/login", {"next": link(request.url.path, lang=lang)}, lang), status_code=303)
        return self.render(request, "error.html.j2", status=exc.status, lang=lang, message=exc.message(lang),
                           forbidden=exc.key == "login_first")

    async def on_http_error(self, request: Request, exc: HTTPException) -> Response:
        """Starlette's own refusals (no such route, wrong method) as the dashboard's error page. A
        path with a trailing slash goes to its twin without, by a relative redirect: an absolute
        one would be built from the Host header."""
        path = request.url.path
        if exc.status_code == 404 and request.method == "GET" and len(path) > 1 and path.endswith("/"):
            target = "/" + path.strip("/")  # never //host, which a browser reads as another site
            query = request.url.query
            return RedirectResponse(f"{target}?{query}" if query else target, status_code=307)
        key = "not_found" if exc.status_code == 404 else "bad_method" if exc.status_code == 405 else None
        if key is None:
            return Response(exc.detail, status_code=exc.status_code, headers=exc.headers)
        return await self.on_invalid(request, Invalid(exc.status_code, key))

    async def on_crash(self, request: Request, exc: Exception) -> Response:
        """A bug: logged with its traceback; the visitor gets the error page with the same headers
        as every other page (this handler runs outside the middleware that adds them)."""
        log.error("dashboard: %s %s failed", request.method, request.url.path, exc_info=exc)
        lang = request.query_params.get("lang") if request.query_params.get("lang") in LANGS else DEFAULT_LANG
        try:
            response = self.render(request, "error.html.j2", status=500, lang=lang, message=STRINGS[lang]["crashed"])
        except Exception:  # the page itself cannot be drawn (no session yet, a broken template)
            response = Response(STRINGS[lang]["crashed"], status_code=500, media_type="text/plain; charset=utf-8")
        for key, value in SECURITY_HEADERS.items():
            response.headers[key] = value
        response.headers["Cache-Control"] = "no-store"
        response.headers["Connection"] = "close"  # the server drops this connection after a crash
        return response

    def app(self, secret_key: str, https_only: bool = False, hosts: tuple[str, ...] = ()) -> Starlette:
        routes = [
            Route("/", self.matrix),
            Route("/partnerships", self.gaps),
            Route("/partnerships/{pid}", self.partnership),
            Route("/articles/{article_id:int}", self.article),
            Route("/calendar", self.calendar_page),
            Route("/calendar.ics", self.calendar_file),
            Route("/outlets", self.outlets_page),
            Route("/outlets/{outlet_id}", self.outlet_page),
            Route("/report.{fmt}", self.download),
            Route("/login", self.login_page, methods=["GET"]),
            Route("/login", self.login, methods=["POST"]),
            Route("/logout", self.logout, methods=["POST"]),
            Route("/admin", self.admin_feeds),
            Route("/admin/feeds", self.add_feed, methods=["POST"]),
            Route("/admin/feeds/{feed_id}/{action}", self.feed_action, methods=["POST"]),
            Route("/admin/checks/{job}", self.check_progress),
            Route("/admin/candidates", self.candidates),
            Route("/admin/candidates/{key}/{action}", self.candidate_action, methods=["POST"]),
        ]
        middleware = [Middleware(SecurityHeaders),
                      Middleware(RequestGuard, hosts=LOOPBACK_HOSTS + tuple(hosts)),
                      Middleware(SessionMiddleware, secret_key=secret_key, session_cookie="monitor_session",
                                 max_age=SESSION_HOURS * 3600, same_site="strict", https_only=https_only),
                      Middleware(AdminSessions, dashboard=self)]
        app = Starlette(routes=routes, middleware=middleware,
                        exception_handlers={Invalid: self.on_invalid, HTTPException: self.on_http_error,
                                            Exception: self.on_crash})
        app.router.redirect_slashes = False  # on_http_error redirects, relatively
        return app


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response, error pages included (plain ASGI middleware), and
    keeps admin pages and the login out of every cache."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
                if scope["path"].startswith(NO_STORE):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestGuard:
    """Refusals before any page runs: a Host header that is none of ours (400, never echoed), and
    a body over MAX_FORM_BYTES (413), by its Content-Length before a byte of it is read, or while
    it streams when it has none."""

    def __init__(self, app, hosts: tuple[str, ...]):
        self.app = app
        self.hosts = frozenset(host.lower() for host in hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        if _host_name(headers.get("host", "")) not in self.hosts:
            return await _refuse(scope, receive, send, 400, "This dashboard does not answer to that host name; "
                                 "settings.toml dashboard_hosts lists the names it answers to.")
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_FORM_BYTES):
            return await _refuse(scope, receive, send, 413, f"Request bodies here are at most {MAX_FORM_BYTES:,} bytes.")
        if length is None and scope["method"] not in ("GET", "HEAD"):
            received = 0

            async def counted():
                nonlocal received
                message = await receive()
                received += len(message.get("body", b""))
                if received > MAX_FORM_BYTES:
                    raise Invalid(413, "too_large")
                return message

            return await self.app(scope, counted, send)
        await self.app(scope, receive, send)


async def _refuse(scope, receive, send, status: int, text: str) -> None:
    response = Response(text, status_code=status, media_type="text/plain; charset=utf-8",
                        headers={"Connection": "close"})
    await response(scope, receive, send)


def _host_name(host: str) -> str:
    """The name in a Host header, without its port: "[::1]:8080" → "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class AdminSessions:
    """Whether the request is an admin's: its cookie's session id must be open in the database
    (not logged out, not expired). The answer is request.state.admin."""

    def __init__(self, app, dashboard: Dashboard):
        self.app = app
        self.dashboard = dashboard

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            session = scope.get("session", {})
            session_id = session.get("sid")
            admin = False
            if isinstance(session_id, str):
                admin = await self.dashboard.call(self.dashboard.monitor.store.session_is_open, session_id,
                                                  self.dashboard.clock())
                if not admin:  # ended elsewhere or expired: the cookie forgets it
                    session.pop("sid", None)
            scope.setdefault("state", {})["admin"] = admin
        await self.app(scope, receive, send)


class LoginThrottle:
    """Failed logins per client: FREE_LOGINS are free, then each failure shuts the door for twice
    as long as the one before (FIRST_WAIT, then double, up to LONGEST_WAIT). A success forgets
    the client. `clock` gives seconds; the table is bounded, forgetting the stalest clients."""

    MAX_CLIENTS = 10_000

    def __init__(self, clock, free: int = FREE_LOGINS, first: float = FIRST_WAIT, longest: float = LONGEST_WAIT):
        self.clock, self.free, self.first, self.longest = clock, free, first, longest
        self.clients: dict[str, tuple[int, float]] = {}  # client → (failures, when it may try again)
        self.lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds before this client may try again (0: now)."""
        with self.lock:
            _, opens = self.clients.get(client, (0, 0.0))
        return max(opens - self.clock(), 0.0)

    def failed(self, client: str) -> float:
        """Count a failure; the seconds the client must now wait."""
        now = self.clock()
        with self.lock:
            failures = self.clients.get(client, (0, 0.0))[0] + 1
            wait = 0.0 if failures < self.free else min(self.first * 2 ** (failures - self.free), self.longest)
            self.clients[client] = (failures, now + wait)
            if len(self.clients) > self.MAX_CLIENTS:
                for stale, _ in sorted(self.clients.items(), key=lambda item: item[1][1])[: self.MAX_CLIENTS // 2]:
                    del self.clients[stale]
        return wait

    def succeeded(self, client: str) -> None:
        with self.lock:
            self.clients.pop(client, None)


class BackgroundChecks:
    """Feed checks started from the dashboard, each in its own thread and outside the database
    lock: a check waits on a remote server up to the fetch deadline, and nothing else waits with
    it. Finished checks wait here until their page shows the result."""

    KEEP = 100  # finished checks kept for their pages; the oldest go first

    def __init__(self, at_once: int = CHECKS_AT_ONCE):
        self.pool = ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="feed-check")
        self.at_once = at_once
        self.jobs: dict[str, tuple[str, Future]] = {}
        self.lock = threading.Lock()

    def start(self, feed_id: str, check) -> str | None:
        """A new check's id, or None when at_once checks are already running."""
        with self.lock:
            if sum(not future.done() for _, future in self.jobs.values()) >= self.at_once:
                return None
            done = [job for job, (_, future) in self.jobs.items() if future.done()]
            for job in done[: max(len(done) - self.KEEP, 0)]:
                del self.jobs[job]
            job = secrets.token_urlsafe(16)
            self.jobs[job] = (feed_id, self.pool.submit(check, feed_id))
            return job

    def get(self, job: str) -> tuple[str, Future] | None:
        with self.lock:
            return self.jobs.get(job)

    def forget(self, job: str) -> None:
        with self.lock:
            self.jobs.pop(job, None)


def create_app(monitor, admin_token: str | None = None, secret_key: str | None = None,
               https_only: bool = False, hosts: tuple[str, ...] | None = None, clock=None) -> Starlette:
    """The dashboard over a facade. Without an admin token nobody can log in; without a secret key
    a random one is made, so sessions end when the server restarts. It answers to the loopback
    names and to `hosts` (by default settings.toml's dashboard_hosts); `clock` (UTC datetimes)
    times sessions and login throttling."""
    if hosts is None:
        hosts = tuple(getattr(monitor.config.settings, "dashboard_hosts", ()))
    return Dashboard(monitor, admin_token, clock).app(secret_key or secrets.token_urlsafe(32), https_only, hosts)


# --- sessions, forms, CSRF -------------------------------------------------------------------


def is_admin(request: Request) -> bool:
    """Set by AdminSessions: the session is open in the database."""
    return getattr(request.state, "admin", False) is True


def need_admin(request: Request) -> None:
    """A page asks the anonymous visitor to log in; a change is refused outright."""
    if not is_admin(request):
        raise Invalid(401 if request.method == "GET" else 403, "login_first")


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, form: dict) -> None:
    expected = request.session.get("csrf", "")
    if not expected or not hmac.compare_digest(form.get("csrf", "").encode(), expected.encode()):
        raise Invalid(403, "csrf")


async def checked_form(request: Request, admin: bool) -> tuple[str, dict[str, str]]:
    """A POST's language and form, after the checks every change needs: an admin's session for
    admin changes (refused before anything else is read), then the CSRF token."""
    if admin:
        need_admin(request)
    lang = _lang(request.query_params)
    form = await read_form(request)
    check_csrf(request, form)
    return lang, form


async def read_form(request: Request) -> dict[str, str]:
    """A url-encoded form (the only kind these pages send), first value of each field."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise Invalid(413, "too_large")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        raise Invalid(400, "not_utf8")
    return {key: values[0] for key, values in fields.items()}


def _local(target: str | None) -> str | None:
    """Only a path on this server is a place to go after login, never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _lang(query) -> str:
    lang = query.get("lang") or DEFAULT_LANG
    if lang not in LANGS:
        raise Invalid(400, "bad_lang")
    return lang


def _switch(request: Request, lang: str) -> str:
    """This page in another language: the same path and query with `lang` changed. A page that
    answered a form (a failed login, a refused change) switches to its GET twin, or the matrix."""
    if request.method != "GET":
        return link("/login" if request.url.path == "/login" else "/", lang=lang)
    return link(request.url.path, request.query_params.multi_items(), lang)
