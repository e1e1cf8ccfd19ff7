"""Delivery: subscriptions, email to a real SMTP server (aiosmtpd) on 127.0.0.1, the reports folder
and its Atom feed. The clock is injected; nothing sleeps except waiting for the SMTP thread."""

from __future__ import annotations

import email
import email.policy
import json
import re
import socket
import struct
import zlib
from datetime import timedelta

import feedparser
import pytest
from aiosmtpd.controller import Controller

from monitor import chart
from monitor.app import Monitor
from monitor.cli import run_cli
from monitor.config import load_config
from monitor.coverage import iso_week, window_bounds
from monitor.errors import ConfigError
from monitor.records import Entry, Match
from monitor.report import weeks_from_json

from .conftest import ROOT, feed_table

WEEK = iso_week("2026-W47")
START, END = window_bounds(WEEK, "Europe/Minsk")
PAIR = "by-mogilev-oblast--ru-bryansk-oblast"


class Inbox:
    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def configure(config_dir, port: int, subscriptions: str):
    settings = (ROOT / "config" / "settings.toml").read_text(encoding="utf-8")
    # Top-level keys go before the first table; [smtp] may follow [limits].
    settings = 'reports_url = "https://reports.example/monitor"\n' + settings
    settings += (f'\n[smtp]\nhost = "127.0.0.1"\nport = {port}\ntls = "none"\nsender = "monitor@reports.example"\n')
    settings = settings.replace('reports_dir = "reports"', f'reports_dir = "{(config_dir.parent / "out").as_posix()}"')
    (config_dir / "settings.toml").write_text(settings, encoding="utf-8")
    (config_dir / "feeds.toml").write_text(feed_table("mogilev", "https://m.example/rss", outlet="Могилёвская правда"),
                                           encoding="utf-8")
    (config_dir / "subscriptions.toml").write_text(subscriptions, encoding="utf-8")


SUBSCRIPTIONS = """# Editors who get the weekly report.
[[subscriptions]]
recipient = "editor@mogilev.example"
regions = ["by-mogilev-oblast"]

[[subscriptions]]
recipient = "desk@agency.example"
partner_countries = ["RU"]
format = "csv"
lang = "en"
"""


EDITOR = '[[subscriptions]]\nrecipient = "editor@mogilev.example"\nregions = ["by-mogilev-oblast"]\n'


def open_monitor(config_dir, tmp_path) -> Monitor:
    return Monitor(load_config(config_dir), tmp_path / "monitor.db", clock=lambda: END + timedelta(hours=5))


def store_week(monitor: Monitor):
    """A week in which the Mogilev paper was collected every 6 hours and wrote one story."""
    story = Entry(guid="g1", url="https://m.example/news/1", title="Могилёвщина и Брянщина <b>нарастят</b> товарооборот",
                  summary="", content="", published=START + timedelta(days=2))
    for hour in range(0, 24 * 7, 6):
        entries = [(story, story.url, "ru", (Match(PAIR, 0.95),))] if hour == 48 else []
        monitor.store.record_poll("mogilev", "https://m.example/rss", START + timedelta(hours=hour), ok=True,
                                  entries=entries)


def test_weekly_report_arrives_by_email_once_and_is_listed_in_the_atom_feed(smtp_server, config_dir, tmp_path):
    inbox, port = smtp_server
    configure(config_dir, port, SUBSCRIPTIONS)
    monitor = open_monitor(config_dir, tmp_path)
    store_week(monitor)
    monitor.write_weekly_report(WEEK)
    monitor.close()

    assert sorted(to[0] for _, to, _ in inbox.messages) == ["desk@agency.example", "editor@mogilev.example"]
    raw = next(content for _, to, content in inbox.messages if to == ["editor@mogilev.example"])
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["From"] == "monitor@reports.example"
    assert "2026-11-16 – 2026-11-22" in message["Subject"]
    html = message.get_body(("html",)).get_content()
    assert "Освещение партнёрств в СМИ" in html and "Могилёвская область — Брянская область" in html
    assert "Могилёвщина и Брянщина &lt;b&gt;нарастят&lt;/b&gt; товарооборот" in html
    assert 'href="https://m.example/news/1"' in html
    assert "Гродненская область" not in html  # the Mogilev editor's scope only
    text = message.get_body(("plain",)).get_content()
    assert text.startswith("# Освещение партнёрств в СМИ")
    # The chart travels as a PNG beside the HTML, which cites it by Content-ID: webmail shows no SVG.
    assert "<svg" not in html
    [cid] = re.findall(r'<img src="cid:([^"]+)"', html)
    [image] = [part for part in message.walk() if part.get_content_type() == "image/png"]
    assert image["Content-ID"] == f"<{cid}>"
    assert message.get_body(("html",)).get_content_type() == "text/html"
    assert [part.get_content_type() for part in message.walk()] == [
        "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png"]
    weeks = weeks_from_json(json.loads((tmp_path / "out" / "report-2026-W47-by-mogilev-oblast.json").read_text("utf-8")))
    assert len(weeks) == 12 and weeks[-1].covered == 1 and weeks[-1].gap > 0 and weeks[0].not_collected > 0
    figures = ",".join(str(w.covered) for w in weeks)
    assert f"освещено: {figures};" in html  # the figures in the image's alt text
    assert_png_draws(image.get_content(), weeks)
    # The reports folder's HTML, which the dashboard serves, keeps its inline SVG.
    assert "<svg" in (tmp_path / "out" / "report-2026-W47-by-mogilev-oblast.html").read_text("utf-8")

    csv_mail = email.message_from_bytes(next(c for _, to, c in inbox.messages if to == ["desk@agency.example"]),
                                        policy=email.policy.default)
    attachment = next(csv_mail.iter_attachments())
    assert not any(part.get_content_type() == "image/png" for part in csv_mail.walk())  # no HTML, no chart
    assert attachment.get_filename() == "report-2026-W47-ru.en.csv"
    assert attachment.get_content().startswith("id,belarusian_side,partner,status")
    assert "Media coverage of partnerships" in csv_mail.get_body(("plain",)).get_content()

    # A restart (a new process on the same database) does not send the week again.
    monitor = open_monitor(config_dir, tmp_path)
    outcomes = monitor.deliver(WEEK)
    assert [o.status for o in outcomes] == ["already sent", "already sent"]
    assert len(inbox.messages) == 2
    monitor.close()

    folder = tmp_path / "out"
    assert (folder / "report-2026-W47.html").exists() and (folder / "report-2026-W47-by-mogilev-oblast.json").exists()
    feed = feedparser.parse((folder / "reports.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    links = {entry.link for entry in feed.entries}
    assert "https://reports.example/monitor/report-2026-W47.html" in links
    assert "https://reports.example/monitor/report-2026-W47-by-mogilev-oblast.html" in links
    everything = next(e for e in feed.entries if e.link.endswith("/report-2026-W47.html"))
    assert "2026-11-16" in everything.title and "Освещено: 1" in everything.summary


def read_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """Width, height and rows of RGB pixels of an 8-bit RGB(A) PNG whose rows are unfiltered."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        assert struct.unpack(">I", data[position + 8 + length:position + 12 + length])[0] == zlib.crc32(kind + body)
        chunks.setdefault(kind, []).append(body)
        position += 12 + length
    assert list(chunks)[0] == b"IHDR" and list(chunks)[-1] == b"IEND"
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert depth == 8 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    assert len(raw) == height * (1 + width * channels)
    stride = 1 + width * channels
    rows = []
    for y in range(height):
        line = raw[y * stride:(y + 1) * stride]
        assert line[0] == 0  # filter type None
        rows.append([tuple(line[1 + x * channels:4 + x * channels]) for x in range(width)])
    return width, height, rows


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(bytes.fromhex(colour.lstrip("#")))


def assert_png_draws(data: bytes, weeks) -> None:
    """Down the middle of each week's bar, covered (bottom), gap and not collected (top) take the
    shares of the column the counts imply, to within a pixel's rounding at each edge."""
    width, height, rows = read_png(data)
    scale = width // chart.FRAME.width
    assert (width, height) == chart.png_size(scale=scale) and scale >= 1
    top, baseline = chart.FRAME.top * scale, chart.FRAME.baseline * scale
    step = width / len(weeks)  # bars are evenly spaced: the middle of a bar is inside its step
    colours = {rgb(c): status for status, c in chart.COLOURS.items()}
    for index, week in enumerate(weeks):
        x = next((x for x in range(int(index * step), int((index + 1) * step)) if rows[baseline - 1][x] in colours), None)
        assert x is not None, f"no bar on the baseline for week {index}"
        column = [colours.get(rows[y][x + 3]) for y in range(top, baseline)]
        total = week.covered + week.gap + week.not_collected
        for status in ("covered", "gap", "not_collected"):
            assert abs(column.count(status) - len(column) * getattr(week, status) / total) <= 2, (index, status)
        assert None not in column
        order = [s for i, s in enumerate(column) if i == 0 or column[i - 1] != s]
        assert order == [s for s in ("not_collected", "gap", "covered") if getattr(week, s)], (index, order)
        assert rows[top - 1][x + 3] == rgb(chart.BACKGROUND) and rows[baseline][x + 3] != rows[baseline - 1][x + 3]


def test_a_refused_connection_is_one_line_and_the_week_is_sent_by_the_next_run(smtp_server, config_dir, tmp_path):
    inbox, port = smtp_server
    configure(config_dir, free_port(), EDITOR)
    monitor = open_monitor(config_dir, tmp_path)
    store_week(monitor)
    [outcome] = monitor.deliver(WEEK)
    assert outcome.status == "failed" and "127.0.0.1" in outcome.error and "[smtp]" in outcome.error
    monitor.close()

    configure(config_dir, port, EDITOR)
    monitor = open_monitor(config_dir, tmp_path)
    assert [o.status for o in monitor.deliver(WEEK)] == ["sent"]
    assert [to for _, to, _ in inbox.messages] == [["editor@mogilev.example"]]
    monitor.close()


def test_deliver_command_prints_one_line_per_recipient(smtp_server, config_dir, tmp_path, capsys):
    inbox, port = smtp_server
    configure(config_dir, port, SUBSCRIPTIONS)
    db = tmp_path / "monitor.db"
    assert run_cli(["--config", str(config_dir), "--db", str(db), "deliver", "--week", "2026-W47"]) == 0
    out = capsys.readouterr().out
    assert "editor@mogilev.example: sent" in out and "desk@agency.example: sent" in out
    assert run_cli(["--config", str(config_dir), "--db", str(db), "deliver", "--week", "2026-W47"]) == 0
    assert "editor@mogilev.example: already sent" in capsys.readouterr().out
    assert len(inbox.messages) == 2


@pytest.mark.parametrize("text, expected", [
    ('[[subscriptions]]\nrecipient = "a@b.example"\nregion = ["by-mogilev-oblast"]\n',
     "subscriptions.toml:1: unknown key 'region'"),
    ('# c\n\n[[subscriptions]]\nrecipient = "a@b.example"\nregions = ["by-nowhere"]\n',
     "subscriptions.toml:3: unknown region 'by-nowhere'"),
    ('[[subscriptions]]\nrecipient = "not an address"\n', "recipient must be one email address"),
    ('[[subscriptions]]\nrecipient = "a@b.example"\nformat = "pdf"\n', "format must be one of md, html, csv, json"),
    ('[[subscriptions]]\nrecipient = "a@b.example"\noutlets = ["nope"]\n', "unknown outlet 'nope'"),
])
def test_subscription_mistakes_are_one_line_naming_file_and_line(config_dir, tmp_path, text, expected):
    configure(config_dir, 25, text)
    monitor = open_monitor(config_dir, tmp_path)
    with pytest.raises(ConfigError) as error:
        monitor.subscriptions
    assert len(error.value.problems) == 1 and expected in error.value.problems[0]


@pytest.mark.parametrize("smtp, expected", [
    ('[smtp]\nhost = "mail.example"\npassword = "hunter2"\n', "MONITOR_SMTP_PASSWORD"),
    ('[smtp]\nhost = "mail.example"\nssl = true\n', "unknown key smtp.ssl"),
    ('[smtp]\nhost = "mail.example"\ntls = "yes"\n', "smtp.tls must be one of starttls, ssl, none"),
    ('[smtp]\nport = 25\n', "smtp.host is missing"),
])
def test_smtp_settings_are_checked_and_the_password_never_comes_from_a_file(config_dir, smtp, expected):
    (config_dir / "settings.toml").write_text((config_dir / "settings.toml").read_text(encoding="utf-8") + smtp,
                                              encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(config_dir)
    assert any(expected in problem for problem in error.value.problems)


def test_smtp_password_comes_from_the_environment(config_dir, monkeypatch):
    (config_dir / "settings.toml").write_text((config_dir / "settings.toml").read_text(encoding="utf-8")
                                              + '[smtp]\nhost = "mail.example"\nuser = "monitor"\n', encoding="utf-8")
    monkeypatch.setenv("MONITOR_SMTP_PASSWORD", "s3cret")
    smtp = load_config(config_dir).settings.smtp
    assert (smtp.host, smtp.port, smtp.tls, smtp.user, smtp.password) == ("mail.example", 587, "starttls", "monitor", "s3cret")
    assert "s3cret" not in repr(smtp)
