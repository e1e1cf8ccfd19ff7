from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from monitor.config import load_catalogue

from .feedserver import FeedServer

ROOT = Path(__file__).resolve().parent.parent
FEEDS = Path(__file__).resolve().parent / "feeds"


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue(ROOT / "config" / "catalogue")


@pytest.fixture(scope="session")
def matcher(catalogue):
    from monitor.match import Matcher

    return Matcher.compile(catalogue)


@pytest.fixture
def server():
    feed_server = FeedServer().start()
    yield feed_server
    feed_server.stop()


# Tests serve feeds on 127.0.0.1, which the fetcher refuses unless settings.toml allows it.
LOOPBACK = ("127.0.0.0/8",)


def write_test_settings(folder: Path, allow_networks=LOOPBACK) -> Path:
    """The shipped settings.toml in a test's config folder, with the loopback network allowed so
    tests may fetch from their own servers (allow_networks=() keeps the shipped refusal)."""
    text = (ROOT / "config" / "settings.toml").read_text(encoding="utf-8")
    listed = ", ".join(f'"{net}"' for net in allow_networks)
    assert "\nallow_networks = []\n" in text
    text = text.replace("\nallow_networks = []\n", f"\nallow_networks = [{listed}]\n")
    (folder / "settings.toml").write_text(text, encoding="utf-8")
    return folder / "settings.toml"


@pytest.fixture
def config_dir(tmp_path):
    """A private copy of the shipped config whose feeds.toml a test writes itself; it may fetch
    from 127.0.0.1."""
    folder = tmp_path / "config"
    folder.mkdir()
    write_test_settings(folder)
    (folder / "catalogue").symlink_to(ROOT / "config" / "catalogue")
    (folder / "feeds.toml").write_text("", encoding="utf-8")
    return folder


def feed_table(feed_id: str, url: str, region: str = "by-mogilev-oblast", country: str = "BY",
               language: str = "ru", outlet: str | None = None, **extra) -> str:
    lines = ["[[feeds]]", f'id = "{feed_id}"', f'url = "{url}"', f'outlet = "{outlet or feed_id}"',
             f'country = "{country}"', f'region = "{region}"', f'language = "{language}"']
    for key, value in extra.items():
        lines.append(f"{key} = {str(value).lower() if isinstance(value, bool) else repr(value)}")
    return "\n".join(lines) + "\n\n"


@pytest.fixture
def cli(config_dir, tmp_path, capsys):
    """The command line against the test's config folder and a private database: (exit code, stdout, stderr)."""
    from monitor.cli import run_cli

    def run(*args):
        code = run_cli(["--config", str(config_dir), "--db", str(tmp_path / "m.db"), *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run
