"""Getting reports to readers: subscriptions, the reports folder, its Atom feed, and email.

- `config/subscriptions.toml` says who gets which report (recipient, scope, format, language); it is
  validated like the other config files: every problem one line naming file, line and fix.
- Every report is written to the reports folder in all four formats, and listed in `index.json` and
  `reports.atom` there, so anyone can follow the reports in a feed reader.
- Email goes out over SMTP (smtplib) with the settings' [smtp] table; the password comes only from
  the environment (config.py reads it). This module does not decide *whether* to send: the facade
  asks the store whether a week already went to a recipient, so a restart never sends it twice.
"""

from __future__ import annotations

import json
import re
import smtplib
import ssl
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Iterable, Mapping
from xml.sax.saxutils import escape as xml_escape

from .config import EMAIL, SMTP_PASSWORD_ENV, _read_toml, _table_lines
from .errors import ConfigError, DeliveryError, WriteError
from .files import write_atomically
from .records import Catalogue, Feed, Smtp, Subscription, Window
from .records import REPORT_FORMATS, REPORT_LANGUAGES
from .report import STRINGS

SUBSCRIPTION_KEYS = {"recipient", "regions", "partner_countries", "outlets", "format", "lang"}
SMTP_TIMEOUT = 60  # seconds; a mail server slower than this is down, and the next run retries
INDEX = "index.json"
ATOM = "reports.atom"
ATOM_ENTRIES = 100  # a reader needs recent reports, not all of them


# --- subscriptions ---------------------------------------------------------------------------------


def load_subscriptions(path: Path, catalogue: Catalogue, feeds: Iterable[Feed]) -> tuple[Subscription, ...]:
    """Subscriptions from a TOML file of [[subscriptions]] tables; no file means none.
    Raises ConfigError with every problem found."""
    if not path.exists():
        return ()
    problems: list[str] = []
    data = _read_toml(path, problems)
    if data is None:
        raise ConfigError(problems)
    for key in sorted(set(data) - {"subscriptions"}):
        problems.append(f"{path}: unknown top-level key {key!r}; subscriptions are [[subscriptions]] tables")
    raw_list = data.get("subscriptions", [])
    if not isinstance(raw_list, list):
        raise ConfigError(problems + [f"{path}: subscriptions must be [[subscriptions]] tables"])
    lines = _table_lines(path, "subscriptions")
    feeds = tuple(feeds)
    outlet_names = {feed.id for feed in feeds} | {feed.outlet for feed in feeds}
    result = []
    for index, raw in enumerate(raw_list):
        where = f"{path}:{lines[index]}" if index < len(lines) else f"{path} subscription #{index + 1}"
        subscription = _parse_subscription(raw, where, catalogue, outlet_names, problems)
        if subscription is not None:
            result.append(subscription)
    if problems:
        raise ConfigError(problems)
    return tuple(result)


def _parse_subscription(raw: dict, where: str, catalogue: Catalogue, outlet_names: set[str],
                        problems: list[str]) -> Subscription | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: each subscription must be a [[subscriptions]] table, not {raw!r}")
        return None
    before = len(problems)
    for key in sorted(set(raw) - SUBSCRIPTION_KEYS):
        problems.append(f"{where}: unknown key {key!r}; known keys: {', '.join(sorted(SUBSCRIPTION_KEYS))}")
    recipient = raw.get("recipient")
    if not isinstance(recipient, str) or not EMAIL.fullmatch(recipient):
        problems.append(f"{where}: recipient must be one email address such as editor@example.org, not {recipient!r}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("regions", "partner_countries", "outlets"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: {key} must be a list of strings, e.g. {key} = [\"...\"]")
            value = []
        lists[key] = tuple(value)
    for region in lists["regions"]:
        if region not in catalogue.entities:
            problems.append(f"{where}: unknown region {region!r}; use a catalogue entity id such as by-mogilev-oblast")
    for country in lists["partner_countries"]:
        if not re.fullmatch(r"[A-Z]{2}", country):
            problems.append(f"{where}: partner country {country!r} must be a two-letter ISO code such as RU")
    for outlet in lists["outlets"]:
        if outlet not in outlet_names:
            problems.append(f"{where}: unknown outlet {outlet!r}; use a feed id from feeds.toml (`monitor feeds list`)")
    fmt = raw.get("format", "html")
    if fmt not in REPORT_FORMATS:
        problems.append(f"{where}: format must be one of {', '.join(REPORT_FORMATS)}, not {fmt!r}")
    lang = raw.get("lang", "ru")
    if lang not in REPORT_LANGUAGES:
        problems.append(f"{where}: lang must be one of {', '.join(REPORT_LANGUAGES)}, not {lang!r}")
    if len(problems) > before:
        return None
    return Subscription(recipient=recipient, regions=lists["regions"], partner_countries=lists["partner_countries"],
                        outlets=lists["outlets"], format=fmt, lang=lang, where=where)


# --- the reports folder and its Atom feed ------------------------------------------------------------


def report_stem(window: Window, scope: Mapping, lang: str) -> str:
    """A file name that says what the report is: report-2026-W47[-by-mogilev-oblast][.en]."""
    year, week, weekday = window.start.isocalendar()
    if weekday == 1 and (window.end - window.start).days == 6:
        stem = f"report-{year}-W{week:02d}"
    else:
        stem = f"report-{window.start.isoformat()}--{window.end.isoformat()}"
    return stem + _scope_suffix(scope, lang)


def _scope_suffix(scope: Mapping, lang: str) -> str:
    values = []
    for key in sorted(scope):
        value = scope[key]
        values.extend([value] if isinstance(value, str) else sorted(value))
    suffix = "-" + re.sub(r"[^a-z0-9]+", "-", "-".join(values).lower()).strip("-")[:80] if values else ""
    return suffix + ("" if lang == "ru" else f".{lang}")


def calendar_stem(scope: Mapping, lang: str) -> str:
    """calendar[-by-mogilev-oblast][.be]: one file per scope and language, rewritten in place, so a
    calendar app's subscription keeps its address."""
    return "calendar" + _scope_suffix(scope, lang)


def write_calendar(path: Path, data: bytes) -> Path:
    """Replace a calendar file whole, so a calendar app never reads half of it."""
    try:
        return write_atomically(path, data)
    except WriteError as exc:
        raise DeliveryError(f"{exc}; the reports folder keeps its earlier calendar (reports_dir in settings.toml)")


def write_reports(folder: Path, stem: str, texts: Mapping[str, str], meta: dict, now: datetime,
                  base_url: str | None = None) -> dict[str, Path]:
    """Write one report's formats, list it in index.json and rewrite the Atom feed. Each file is
    replaced whole (a full disk leaves the earlier one, never a cut-off one)."""
    paths = {}
    try:
        for fmt, text in texts.items():
            paths[fmt] = write_atomically(folder / f"{stem}.{fmt}", text)
        index = read_index(folder)
        index[stem] = {**meta, "stem": stem, "updated": now.astimezone(timezone.utc).isoformat(timespec="seconds"),
                       "formats": sorted(texts)}
        write_atomically(folder / INDEX, json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        write_atomically(folder / ATOM, atom_feed(index, base_url))
    except WriteError as exc:
        raise DeliveryError(f"{exc}; the reports folder keeps its earlier files (reports_dir in settings.toml)")
    return paths


def read_index(folder: Path) -> dict:
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a missing or damaged index is rebuilt from the reports written from now on
    return data if isinstance(data, dict) else {}


def atom_feed(index: Mapping[str, dict], base_url: str | None = None) -> str:
    """An Atom 1.0 feed of the reports, newest first; links to each report's HTML."""
    entries = sorted(index.values(), key=lambda e: (e.get("updated", ""), e.get("stem", "")), reverse=True)[:ATOM_ENTRIES]
    base = (base_url.rstrip("/") + "/") if base_url else ""
    updated = entries[0]["updated"] if entries else "1970-01-01T00:00:00+00:00"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>Partnership coverage-gap reports</title>",
           "<id>tag:partnership-monitor,2026:reports</id>",
           f"<updated>{xml_escape(updated)}</updated>"]
    if base:
        out.append(f'<link rel="self" href="{_attr(base + ATOM)}"/>')
    for entry in entries:
        lang = entry.get("lang", "ru")
        t = STRINGS.get(lang, STRINGS["ru"])
        counts = entry.get("counts", {})
        title = f"{t['title']} · {entry.get('from')} – {entry.get('to')}"
        if entry.get("scope_label"):
            title += f" · {entry['scope_label']}"
        summary = t["summary"].format(covered=counts.get("covered", 0), gap=counts.get("gap", 0),
                                      not_collected=counts.get("not_collected", 0))
        href = base + entry["stem"] + ".html"
        out += ["<entry>",
                f"<title>{xml_escape(title)}</title>",
                f"<id>tag:partnership-monitor,2026:{xml_escape(entry['stem'])}</id>",
                f"<updated>{xml_escape(entry['updated'])}</updated>",
                f'<link rel="alternate" type="text/html" href="{_attr(href)}"/>',
                f"<summary>{xml_escape(summary)}</summary>",
                "<author><name>partnership coverage-gap monitor</name></author>",
                "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _attr(value: str) -> str:
    return xml_escape(value, {'"': "&quot;"})


# --- email -------------------------------------------------------------------------------------------------


def build_message(sender: str, recipient: str, subject: str, text: str, html: str | None = None,
                  attachment: tuple[str, bytes, str] | None = None, now: datetime | None = None,
                  image: tuple[str, bytes] | None = None) -> EmailMessage:
    """A report as an email: plain text (Markdown) with the HTML report as its alternative, and the
    CSV or JSON as an attachment when that is the subscription's format. `image` is (content id,
    PNG) that the HTML shows as `cid:<content id>`: it travels beside the HTML in multipart/related,
    since email clients load no images from files and most strip data: URIs."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(now or datetime.now(timezone.utc))
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
        if image is not None:
            content_id, data = image
            html_part = message.get_body(("html",))
            html_part.add_related(data, maintype="image", subtype="png", cid=f"<{content_id}>",
                                  disposition="inline", filename="chart.png")
    if attachment is not None:
        name, data, mime = attachment
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


def content_id(name: str, sender: str) -> str:
    """A Content-ID unique to one message, without its angle brackets: the HTML cites it as cid:…"""
    return make_msgid(name, domain=sender.rsplit("@", 1)[-1])[1:-1]


def send(smtp: Smtp | None, message: EmailMessage) -> None:
    """Send one message; any failure is a DeliveryError naming the server and the fix."""
    if smtp is None:
        raise DeliveryError("no [smtp] table in settings.toml; add host, port, tls and sender to email reports")
    if smtp.user and not smtp.password:
        raise DeliveryError(f"smtp.user is {smtp.user!r} but {SMTP_PASSWORD_ENV} is not set; export the password")
    where = f"{smtp.host}:{smtp.port}"
    try:
        if smtp.tls == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT)
        with client:
            if smtp.tls == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            client.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise DeliveryError(f"{where}: the mail server refused the login of {smtp.user!r}; check smtp.user and {SMTP_PASSWORD_ENV}")
    except smtplib.SMTPRecipientsRefused:
        raise DeliveryError(f"{where}: the mail server refused the recipient {message['To']}; check subscriptions.toml")
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise DeliveryError(f"{where}: could not send to {message['To']} ({exc}); check [smtp] in settings.toml")
