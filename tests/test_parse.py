"""Bytes to entries: encodings, plain text, canonical URLs, refusals."""

from __future__ import annotations

import pytest

from monitor.errors import ParseError
from monitor.parse import canonical_url, html_to_text, parse_feed

from .conftest import FEEDS


def test_rss_entries_are_plain_text_with_dates():
    entries = parse_feed((FEEDS / "mogilev.xml").read_bytes())
    assert [e.guid for e in entries] == ["mogilev-1", "mogilev-2"]
    first = entries[0]
    assert first.title.startswith("Могилёвская и Брянская области")
    assert "<p>" not in first.content and "Губернатор Брянской области" in first.content
    assert first.published.isoformat() == "2026-11-17T07:00:00+00:00"
    # a script inside a feed's HTML is dropped with the rest of the markup
    assert entries[1].summary == "Каток работает ежедневно с 10 до 22 часов."


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_undeclared_cyrillic_encodings_are_decoded(encoding):
    text = (FEEDS / "vitebsk-cp1251.xml").read_bytes().decode("cp1251")
    entries = parse_feed(text.encode(encoding))
    assert entries[0].title == "Витебская область расширяет сотрудничество с Тверской областью"


def test_wrongly_declared_encoding_is_corrected():
    text = (FEEDS / "vitebsk-cp1251.xml").read_bytes().decode("cp1251")
    body = text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-8"?>').encode("cp1251")
    assert "Тверской" in parse_feed(body)[0].title


def test_html_page_is_told_apart_from_a_feed():
    with pytest.raises(ParseError, match="HTML page, not a feed"):
        parse_feed(b"<!DOCTYPE html><html><body>Hello</body></html>")


def test_billion_laughs_is_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<rss><channel><title>&lol2;</title></channel></rss>')
    with pytest.raises(ParseError, match="entities"):
        parse_feed(bomb)


def test_entry_cap_is_applied():
    items = "".join(f"<item><title>n{i}</title><guid>g{i}</guid></item>" for i in range(30))
    assert len(parse_feed(f"<rss><channel><title>t</title>{items}</channel></rss>".encode(), max_entries=10)) == 10


def test_html_to_text_drops_scripts_and_keeps_paragraphs():
    assert html_to_text("<p>Один</p><script>evil()</script><p>Два&nbsp;три</p>") == "Один\n\nДва три"


@pytest.mark.parametrize("url, expected", [
    ("HTTP://Mogilev.Example/news/1?utm_source=rss&id=5#top", "https://mogilev.example/news/1?id=5"),
    ("https://mogilev.example:443/news/1?fbclid=abc", "https://mogilev.example/news/1"),
    ("mailto:x@y", None),
    (None, None),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected
