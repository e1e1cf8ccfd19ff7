"""Loading and validating settings, feeds and the catalogue into frozen records.

Every problem is collected before anything is reported, and each is one line naming the file, the
line or id, and the fix. Nothing falls back silently to a default: a key we do not know is an error,
because a misspelt key silently ignored is a setting the admin believes in and does not have.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigError
from .records import LANGUAGES, Agreement, Catalogue, Entity, Feed, Limits, Outlet, Partnership, Settings, Smtp

PACKAGE_ROOT = Path(__file__).resolve().parent.parent

ENTITY_KINDS = {"country", "region", "district", "city", "organization"}
LEVELS = {"intergovernmental", "interregional", "municipal", "enterprise", "academic", "media", "other"}
AGREEMENT_TYPES = {"cooperation agreement", "other", "twinning", "contract", "programme", "action plan",
                   "protocol", "memorandum", "treaty", "road map"}
AGREEMENT_STATUSES = {"signed", "in force", "planned", "other"}
FEED_KEYS = {"id", "url", "outlet", "country", "region", "language", "interval", "enabled", "tags", "fulltext", "kind"}
FEED_KINDS = ("feed", "sitemap", "page")  # a feed, a site's sitemap (or sitemap index), a news listing page
FEED_REQUIRED = {"id", "url", "outlet", "country", "region", "language"}
FEED_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SMTP_KEYS = {"host", "port", "tls", "user", "sender"}
SMTP_TLS = ("starttls", "ssl", "none")
SMTP_PASSWORD_ENV = "MONITOR_SMTP_PASSWORD"
MIN_FETCH_LOG_DAYS = 98  # 14 weeks: the trend's 12, the report's week and the week under way


@dataclass(frozen=True)
class Config:
    root: Path  # the config folder
    settings: Settings
    feeds: tuple[Feed, ...]
    catalogue: Catalogue

    def feed(self, feed_id: str) -> Feed | None:
        return next((feed for feed in self.feeds if feed.id == feed_id), None)


def default_config_dir() -> Path:
    """MONITOR_CONFIG, else ./config in a checkout, else the config shipped beside the package."""
    if os.environ.get("MONITOR_CONFIG"):
        return Path(os.environ["MONITOR_CONFIG"])
    if Path("config/settings.toml").exists():
        return Path("config")
    return PACKAGE_ROOT / "config"


def load_config(config_dir: Path | str, catalogue: Catalogue | None = None) -> Config:
    root = Path(config_dir)
    if not root.is_dir():
        raise ConfigError(f"{root}: no such config folder; pass --config DIR or set MONITOR_CONFIG")
    problems: list[str] = []
    settings = load_settings(root / "settings.toml", problems)
    if catalogue is None:
        catalogue = load_catalogue(root / "catalogue", problems)
        from .catalogue import apply_local_changes  # here, not at the top: catalogue.py imports this module

        catalogue = apply_local_changes(catalogue, root / "catalogue", problems)  # admins' edits, kept apart
    feeds = load_feeds(root / "feeds.toml", catalogue, problems)
    if problems:
        raise ConfigError(problems)
    return Config(root=root, settings=settings, feeds=feeds, catalogue=catalogue)


# --- TOML helpers ------------------------------------------------------------------------------


def _read_toml(path: Path, problems: list[str], text: str | None = None) -> dict | None:
    """The file's tables, or None with a problem said; `text` stands for the file's content (an
    edit checked before it is written)."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(f"{path}: file not found; copy it from the project's config/ folder")
            return None
        except UnicodeDecodeError:
            problems.append(f"{path}: not UTF-8 text; save it as UTF-8")
            return None
        except OSError as exc:
            problems.append(f"{path}: cannot read it ({exc.strerror}); check the file's permissions")
            return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: {exc}; fix the TOML syntax there")
        return None


def _lines_of(path: Path, text: str | None = None) -> list[str]:
    if text is not None:
        return text.splitlines()
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _table_lines(path: Path, header: str, text: str | None = None) -> list[int]:
    """Line numbers (1-based) of each `[[header]]` table, so errors can point at a feed."""
    return [number for number, line in enumerate(_lines_of(path, text), 1) if line.strip() == f"[[{header}]]"]


def _key_line(lines: list[str], key: str, table: str | None = None) -> int | None:
    """The line (1-based) of `key = ...` at the top of the file (table None) or in `[table]`."""
    inside = table is None
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}")\s*=""")
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = table is not None and stripped.strip("[] ") == table
            continue
        if inside and pattern.match(line):
            return number
    return None


# --- value checks: each returns what the value must be, or None when it is right ---------------


def whole(low: int, high: int, unit: str = ""):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"must be a whole number{unit} from {low} to {high}"
        return None
    return check


def number(low: float, high: float, unit: str = "", above: bool = False):
    """A finite int or float; `above` excludes `low` itself (a timeout of 0 waits for nothing)."""
    def check(value):
        if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
                or value > high or value < low or (above and value == low)):
            return f"must be a number{unit} {'above' if above else 'from'} {low:g} {'and at most' if above else 'to'} {high:g}"
        return None
    return check


def text(value):
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string in quotes"
    return None


def one_of(*choices: str):
    def check(value):
        if not isinstance(value, str) or value not in choices:
            return f"must be one of {', '.join(choices)}"
        return None
    return check


def _time_of_day(value):
    if not isinstance(value, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        return 'must be a time HH:MM in quotes, e.g. "08:00"'
    return None


def _time_zone(value):
    if text(value):
        return 'must be an IANA time zone in quotes, e.g. "Europe/Minsk"'
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(value)
    except Exception:
        return 'must be an IANA time zone such as "Europe/Minsk"'
    return None


def _address(value):
    return url_problem(value)


MINUTES = 10080  # a week: the longest interval that still collects every weekly window
SETTING_CHECKS = {
    "database": text, "timezone": _time_zone, "default_interval": whole(1, MINUTES, " of minutes"),
    "report_weekday": one_of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "report_time": _time_of_day,
    "report_window_days": whole(1, 366, " of days"), "reports_dir": text,
    "outage_tolerance_hours": number(0, 168, " of hours"), "min_interval": whole(1, MINUTES, " of minutes"),
    "max_interval": whole(1, MINUTES, " of minutes"), "failing_after": whole(1, 1000), "reports_url": _address,
    "dashboard_url": _address,
    # the weekly report's 12-week trend and this week must stay in the raw log
    "fetch_log_days": whole(MIN_FETCH_LOG_DAYS, 100_000, " of days"),
}
LIMIT_CHECKS = {
    "connect_timeout": number(0, 3600, " of seconds", above=True),
    "read_timeout": number(0, 3600, " of seconds", above=True),
    "total_timeout": number(0, 3600, " of seconds", above=True),
    "max_body_bytes": whole(1, 1_000_000_000, " of bytes"), "max_entries_per_poll": whole(1, 100_000),
    "concurrency": whole(1, 256), "per_host": whole(1, 64), "fulltext_per_poll": whole(0, 1000),
    "page_delay": number(0, 60, " of seconds"),
}


def _checked(path: Path, lines: list[str], key: str, value, check, problems: list[str],
             table: str | None = None) -> bool:
    """Check one value; a problem names the file, the key's line and what the value must be."""
    problem = check(value) if check else None
    if problem is None:
        return True
    line = _key_line(lines, key, table)
    name = f"{table}.{key}" if table else key
    shown = repr(value) if not isinstance(value, float) else str(value)
    problems.append(f"{path}{f':{line}' if line else ''}: {name} = {shown}: {problem}; fix the value there")
    return False


# --- settings ------------------------------------------------------------------------------------


def load_settings(path: Path, problems: list[str]) -> Settings:
    data = _read_toml(path, problems)
    if data is None:
        return Settings(database="db/monitor.db")
    lines = _lines_of(path)
    known = {f.name for f in fields(Settings)} - {"limits", "smtp"}
    limits_known = {f.name for f in fields(Limits)}
    values: dict = {}
    for key, value in data.items():
        if key == "limits":
            if not isinstance(value, dict):
                problems.append(f"{path}: [limits] must be a table")
                continue
            limit_values = {}
            for lkey, lvalue in value.items():
                if lkey not in limits_known:
                    problems.append(f"{path}: unknown key limits.{lkey}; known keys: {', '.join(sorted(limits_known))}")
                elif _checked(path, lines, lkey, lvalue, LIMIT_CHECKS.get(lkey, number(0, 1e12, above=True)),
                              problems, "limits"):
                    limit_values[lkey] = lvalue
            values["limits"] = Limits(**limit_values)
        elif key == "smtp":
            values["smtp"] = parse_smtp(value, path, problems)
        elif key == "allow_networks":
            values[key] = parse_networks(value, path, problems)
        elif key == "dashboard_hosts":
            values[key] = parse_hosts(value, path, problems)
        elif key not in known:
            problems.append(f"{path}: unknown key {key!r}; known keys: {', '.join(sorted(known | {'limits', 'smtp'}))}")
        elif _checked(path, lines, key, value, SETTING_CHECKS.get(key), problems):
            values[key] = value
    values.setdefault("database", "db/monitor.db")  # missing, or wrong and already reported
    settings = Settings(**values)
    if settings.min_interval > settings.max_interval:
        line = _key_line(lines, "min_interval")
        problems.append(f"{path}{f':{line}' if line else ''}: min_interval ({settings.min_interval}) is above "
                        f"max_interval ({settings.max_interval}); make min_interval the smaller")
    return settings


def parse_smtp(value: object, path: Path, problems: list[str]) -> Smtp | None:
    """The [smtp] table. The password is read from the environment here and nowhere else, so it
    never sits in a file an admin might commit or paste."""
    if not isinstance(value, dict):
        problems.append(f"{path}: [smtp] must be a table with host, port, tls, user, sender")
        return None
    before = len(problems)
    if "password" in value:
        problems.append(f"{path}: smtp.password is not read from files; remove it and set {SMTP_PASSWORD_ENV} in the environment")
    for key in sorted(set(value) - SMTP_KEYS - {"password"}):
        problems.append(f"{path}: unknown key smtp.{key}; known keys: {', '.join(sorted(SMTP_KEYS))}")
    if not isinstance(value.get("host"), str) or not value.get("host"):
        problems.append(f"{path}: smtp.host is missing; give the mail server's name, e.g. host = \"smtp.example.org\"")
    port = value.get("port", 587)
    if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
        problems.append(f"{path}: smtp.port must be a port number such as 587, not {port!r}")
    tls = value.get("tls", "starttls")
    if tls not in SMTP_TLS:
        problems.append(f"{path}: smtp.tls must be one of {', '.join(SMTP_TLS)}, not {tls!r}")
    for key in ("user", "sender"):
        if key in value and (not isinstance(value[key], str) or not value[key]):
            problems.append(f"{path}: smtp.{key} must be a non-empty string")
    if "sender" in value and isinstance(value["sender"], str) and not EMAIL.fullmatch(value["sender"]):
        problems.append(f"{path}: smtp.sender {value['sender']!r} is not an email address; write it as name@domain")
    if len(problems) > before:
        return None
    # A missing password is the sender's problem (deliver.py says so), not every command's.
    password = os.environ.get(SMTP_PASSWORD_ENV) or None
    return Smtp(host=value["host"], port=port, tls=tls, user=value.get("user"),
                sender=value.get("sender", "monitor@localhost"), password=password)


def parse_networks(value: object, path: Path, problems: list[str]) -> tuple[str, ...]:
    """allow_networks: CIDR networks the fetcher may reach although they are not public."""
    import ipaddress

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{path}: allow_networks must be a list of networks such as [\"10.20.0.0/16\"], not {value!r}")
        return ()
    for net in value:
        try:
            ipaddress.ip_network(net, strict=False)
        except ValueError:
            problems.append(f"{path}: allow_networks: {net!r} is not a network; write it as 10.20.0.0/16 or fd00::/8")
    return tuple(value)


HOST_NAME = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^[0-9a-f:.]+$")


def parse_hosts(value: object, path: Path, problems: list[str]) -> tuple[str, ...]:
    """dashboard_hosts: the names (no scheme, no port) people reach the dashboard by."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{path}: dashboard_hosts must be a list of host names such as [\"monitor.example.org\"], not {value!r}")
        return ()
    for host in value:
        if not HOST_NAME.match(host.lower()):
            problems.append(f"{path}: dashboard_hosts: {host!r} is not a host name; write the name alone, "
                            "without http:// or a port, e.g. monitor.example.org")
    return tuple(host.lower() for host in value)


EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+|[^@\s<>\"']+@localhost")


# --- feeds ---------------------------------------------------------------------------------------


def load_feeds(path: Path, catalogue: Catalogue, problems: list[str], text: str | None = None) -> tuple[Feed, ...]:
    """The [[feeds]] tables of feeds.toml (or of `text`, an edit about to be written there)."""
    data = _read_toml(path, problems, text)
    if data is None:
        return ()
    unknown_top = set(data) - {"feeds"}
    for key in sorted(unknown_top):
        problems.append(f"{path}: unknown top-level key {key!r}; feeds are [[feeds]] tables")
    raw_feeds = data.get("feeds", [])
    if not isinstance(raw_feeds, list):
        problems.append(f"{path}: feeds must be [[feeds]] tables")
        return ()
    lines = _table_lines(path, "feeds", text)
    feeds: list[Feed] = []
    seen: dict[str, str] = {}
    seen_urls: dict[str, tuple[str, str]] = {}
    for index, raw in enumerate(raw_feeds):
        where = f"{path}:{lines[index]}" if index < len(lines) else f"{path} feed #{index + 1}"
        feed = parse_feed(raw, where, catalogue, problems)
        if feed is None:
            continue
        if feed.id in seen:
            problems.append(f"{where}: duplicate feed id {feed.id!r} (first at {seen[feed.id]}); give each feed its own id")
            continue
        if url_key(feed.url) in seen_urls:
            first, first_where = seen_urls[url_key(feed.url)]
            problems.append(f"{where}: feed {feed.id!r}: {feed.url} is already feed {first!r} (at {first_where}); "
                            f"remove one of the two")
            continue
        seen[feed.id] = where
        seen_urls[url_key(feed.url)] = (feed.id, where)
        feeds.append(feed)
    return tuple(feeds)


def parse_feed(raw: dict, where: str, catalogue: Catalogue, problems: list[str]) -> Feed | None:
    """Validate one [[feeds]] table; append problems and return None when it is unusable."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: each feed must be a [[feeds]] table, not {raw!r}")
        return None
    before = len(problems)
    name = raw.get("id", "?")
    for key in sorted(set(raw) - FEED_KEYS):
        problems.append(f"{where}: feed {name!r}: unknown key {key!r}; known keys: {', '.join(sorted(FEED_KEYS))}")
    for key in sorted(FEED_REQUIRED - set(raw)):
        problems.append(f"{where}: feed {name!r}: missing {key!r}; every feed needs {', '.join(sorted(FEED_REQUIRED))}")
    if len(problems) > before:
        return None
    if not isinstance(raw["id"], str) or not FEED_ID.match(raw["id"]):
        problems.append(f"{where}: feed id {raw['id']!r} must be lowercase letters, digits, '.', '_' or '-'")
    problem = url_problem(raw["url"])
    if problem:
        problems.append(f"{where}: feed {name!r}: {problem}")
    if text(raw["outlet"]):
        problems.append(f"{where}: feed {name!r}: outlet must be the outlet's name in quotes, not {raw['outlet']!r}")
    if not isinstance(raw["region"], str) or raw["region"] not in catalogue.entities:
        problems.append(f"{where}: feed {name!r}: unknown region {raw['region']!r}; use an entity id from the catalogue in quotes, e.g. \"by-mogilev-oblast\"")
    if not isinstance(raw["language"], str) or raw["language"] not in LANGUAGES:
        problems.append(f"{where}: feed {name!r}: language must be one of {', '.join(LANGUAGES)}, not {raw['language']!r}")
    if not (isinstance(raw["country"], str) and re.fullmatch(r"[A-Z]{2}", raw["country"])):
        problems.append(f"{where}: feed {name!r}: country must be a two-letter ISO code such as BY, not {raw['country']!r}")
    interval = raw.get("interval")
    if interval is not None and whole(1, MINUTES)(interval):
        problems.append(f"{where}: feed {name!r}: interval is whole minutes between polls, 1 to {MINUTES}, not {interval!r}")
    for flag in ("enabled", "fulltext"):
        if flag in raw and not isinstance(raw[flag], bool):
            problems.append(f"{where}: feed {name!r}: {flag} must be true or false, not {raw[flag]!r}")
    kind = raw.get("kind", "feed")
    if kind not in FEED_KINDS:
        problems.append(f"{where}: feed {name!r}: kind must be one of {', '.join(FEED_KINDS)}, not {kind!r} "
                        f"(sitemap: the site's sitemap.xml; page: a news listing page)")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append(f"{where}: feed {name!r}: tags must be a list of strings, e.g. tags = [\"agency\"]")
    if len(problems) > before:
        return None
    return Feed(id=raw["id"], url=raw["url"], outlet=raw["outlet"], country=raw["country"],
                region=raw["region"], language=raw["language"], interval=interval,
                enabled=raw.get("enabled", True), tags=tuple(tags), fulltext=raw.get("fulltext"), kind=kind)


def url_problem(url: object) -> str | None:
    if not isinstance(url, str):
        return f"url must be an address in quotes, not {url!r}"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # a port that is not a number raises here
    except ValueError as exc:
        return f"url {url!r} is not a valid address ({exc}); check its brackets and port"
    if parts.scheme not in ("http", "https") or not parts.netloc or not host:
        return f"url {url!r} is not an http(s) address; write it as https://host/path"
    return None


def url_key(url: str) -> str:
    """What makes two feed addresses the same feed: host, path without a trailing slash, query."""
    parts = urlsplit(url.strip())
    return f"{(parts.hostname or '').lower()}{parts.path.rstrip('/')}?{parts.query}"


# --- catalogue -----------------------------------------------------------------------------------


def _read_jsonl(path: Path, problems: list[str]):
    """Yield (line number, object) for each non-blank line; bad lines become problems."""
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        problems.append(f"{path}: file not found; run `python -m monitor.catalogue_import` to create the catalogue")
        return
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path}:{number}: not valid JSON ({exc.msg}); each line must be one JSON object")
                continue
            if not isinstance(value, dict):
                problems.append(f"{path}:{number}: each line must be one JSON object")
                continue
            yield number, value


def _strings(value) -> tuple[str, ...]:
    return tuple(v for v in (value or ()) if isinstance(v, str) and v.strip())


def load_catalogue(folder: Path, problems: list[str] | None = None) -> Catalogue:
    """Read entities.jsonl, partnerships.jsonl and media.jsonl from a catalogue folder."""
    own = problems is None
    problems = [] if own else problems
    entities: dict[str, Entity] = {}
    where_entity: dict[str, str] = {}
    path = folder / "entities.jsonl"
    for number, raw in _read_jsonl(path, problems):
        where = f"{path}:{number}"
        entity_id = raw.get("id")
        if not isinstance(entity_id, str) or not entity_id:
            problems.append(f"{where}: entity without an id; every entity needs a stable id")
            continue
        if entity_id in entities:
            problems.append(f"{where}: duplicate entity id {entity_id!r} (first at {where_entity[entity_id]}); ids are never reused")
            continue
        if raw.get("kind") not in ENTITY_KINDS:
            problems.append(f"{where}: entity {entity_id!r}: kind must be one of {', '.join(sorted(ENTITY_KINDS))}")
            continue
        names = {lang: raw[f"name_{lang}"] for lang in ("ru", "be", "uk", "en", "local") if raw.get(f"name_{lang}")}
        if "ru" not in names and "en" not in names:
            problems.append(f"{where}: entity {entity_id!r} has neither name_ru nor name_en; give it at least one name")
            continue
        aliases = {lang: _strings(raw.get(f"aliases_{lang}")) for lang in ("ru", "be", "uk", "en")}
        entities[entity_id] = Entity(
            id=entity_id, kind=raw["kind"], country=raw.get("country") or "", names=names, aliases=aliases,
            parent=raw.get("parent"), org_type=raw.get("org_type"), ambiguous=bool(raw.get("ambiguous")),
            ambiguity_note=raw.get("ambiguity_note"))
        where_entity[entity_id] = where
    for entity in entities.values():
        if entity.parent and entity.parent not in entities:
            problems.append(f"{where_entity[entity.id]}: entity {entity.id!r}: unknown parent {entity.parent!r}; add that entity or fix the id")

    partnerships: dict[str, Partnership] = {}
    where_partnership: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    path = folder / "partnerships.jsonl"
    for number, raw in _read_jsonl(path, problems):
        where = f"{path}:{number}"
        pid = raw.get("id")
        if not isinstance(pid, str) or not pid:
            problems.append(f"{where}: partnership without an id; every partnership needs a stable id")
            continue
        if pid in partnerships:
            problems.append(f"{where}: duplicate partnership id {pid!r} (first at {where_partnership[pid]}); ids are never reused")
            continue
        side_problem = False
        for side in ("a", "b"):
            if not raw.get(side):
                problems.append(f"{where}: partnership {pid!r} has no side {side!r}; both sides are entity ids")
                side_problem = True
            elif raw[side] not in entities:
                problems.append(f"{where}: partnership {pid!r}: unknown entity {raw[side]!r} as side {side!r}; add it to entities.jsonl or fix the id")
                side_problem = True
        if side_problem:
            continue
        if pid != f"{raw['a']}--{raw['b']}":
            problems.append(f"{where}: partnership {pid!r}: its id must be its sides, {raw['a']}--{raw['b']}; ids are made that way")
            continue
        if raw.get("level") not in LEVELS:
            problems.append(f"{where}: partnership {pid!r}: level must be one of {', '.join(sorted(LEVELS))}")
            continue
        pair = (raw["a"], raw["b"])
        if pair in pairs:
            problems.append(f"{where}: partnership {pid!r} repeats the pair of {pairs[pair]!r}; add agreements to that one instead")
            continue
        agreements = []
        for index, agreement in enumerate(raw.get("agreements") or [], 1):
            if agreement.get("type") not in AGREEMENT_TYPES:
                problems.append(f"{where}: partnership {pid!r} agreement {index}: type must be one of {', '.join(sorted(AGREEMENT_TYPES))}")
                continue
            if agreement.get("status") not in AGREEMENT_STATUSES:
                problems.append(f"{where}: partnership {pid!r} agreement {index}: status must be one of {', '.join(sorted(AGREEMENT_STATUSES))}")
                continue
            agreements.append(Agreement(
                type=agreement["type"], signed=agreement.get("signed"), period=agreement.get("period"),
                status=agreement["status"], signatories=_strings(agreement.get("signatories")),
                topics=_strings(agreement.get("topics")),
                seed_lines=tuple(n for n in agreement.get("seed_lines") or () if isinstance(n, int)),
                evidence=agreement.get("evidence") or "", note=agreement.get("note")))
        partnerships[pid] = Partnership(
            id=pid, a=raw["a"], b=raw["b"], level=raw["level"], agreements=tuple(agreements),
            topics=_strings(raw.get("topics")), first_signed=raw.get("first_signed"),
            last_signed=raw.get("last_signed"))
        where_partnership[pid] = where
        pairs[pair] = pid

    outlets: dict[str, Outlet] = {}
    path = folder / "media.jsonl"
    if path.exists():
        for number, raw in _read_jsonl(path, problems):
            oid = raw.get("id")
            if not oid or oid in outlets:
                problems.append(f"{path}:{number}: media outlet needs a unique id")
                continue
            outlets[oid] = Outlet(id=oid, name=raw.get("name_ru") or raw.get("name_en") or oid,
                                  kind=raw.get("kind") or "", territory=raw.get("territory"),
                                  country=raw.get("country") or "", url=raw.get("url"))
    if own and problems:
        raise ConfigError(problems)
    return Catalogue(entities=entities, partnerships=partnerships, outlets=outlets)
