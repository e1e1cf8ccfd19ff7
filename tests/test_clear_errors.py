"""Bad input gets one line naming the file, line or value and the fix; never a traceback, never a
value accepted silently. The command line runs in real processes; the dashboard through its pages.

The read-only folder and the full disk are real: the command runs in its own mount namespace where
the folder is bind-mounted read-only or is a tiny tmpfs filled to the last byte (root only; skipped
elsewhere, saying why)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from .conftest import ROOT, feed_table


def run_monitor(config_dir, db, *args, wrap: list[str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "monitor", "--config", str(config_dir), "--db", str(db), *args]
    return subprocess.run((wrap or []) + command, cwd=ROOT, capture_output=True, text=True, timeout=180)


def says_one_clear_line(result, *words) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def feeds(config_dir):
    (config_dir / "feeds.toml").write_text(feed_table("a", "https://a.example/rss"), encoding="utf-8")
    return config_dir


# --- windows at the calendar's ends, and options that contradict each other ---------------------


@pytest.mark.parametrize("args, words", [
    (["--week", "9999-W52"], ["weeks YYYY-Www between 1900 and 9998"]),
    (["--week", "0001-W01"], ["weeks YYYY-Www between 1900 and 9998"]),
    (["--from", "0001-01-01", "--to", "0001-01-07"], ["choose days between 1900-01-01 and 9998-12-31"]),
    (["--from", "9999-12-25", "--to", "9999-12-31"], ["choose days between"]),
    (["--week", "2026-W47", "--from", "2026-11-16", "--to", "2026-11-22"], ["either --week or --from and --to"]),
    (["--week", "2026-W54"], ["YYYY-Www"]),
    (["--from", "2026-11-22", "--to", "2026-11-16"], ["--to 2026-11-16 is before --from 2026-11-22"]),
])
def test_report_windows_out_of_range_or_contradictory(feeds, tmp_path, args, words):
    says_one_clear_line(run_monitor(feeds, tmp_path / "m.db", "report", *args), *words)


# --- where files go ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["report", "--week", "2026-W47"], ["feeds", "export-opml"],
                                     ["catalogue", "export"]])
@pytest.mark.parametrize("place, words", [("folder", ["that is a folder; give a file name"]),
                                          ("under-a-file", ["a part of that path is a file"])])
def test_output_that_is_a_folder_or_under_a_file(feeds, tmp_path, command, place, words):
    (tmp_path / "a-file").write_text("keep me", encoding="utf-8")
    output = tmp_path if place == "folder" else tmp_path / "a-file" / "out.txt"
    says_one_clear_line(run_monitor(feeds, tmp_path / "m.db", *command, "--output", str(output)), str(output), *words)
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "keep me"


def test_database_under_a_file(feeds, tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    says_one_clear_line(run_monitor(feeds, tmp_path / "a-file" / "m.db", "report"), "a part of that path is a file",
                        "--db")


def test_a_damaged_database_page_is_named_not_a_traceback(feeds, tmp_path):
    db = tmp_path / "m.db"
    assert run_monitor(feeds, db, "poll", "--all").returncode == 0  # the feed is unreachable: a logged failure
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.executemany("INSERT INTO fetch_log (feed_id, at, ok) VALUES (?, ?, 1)",
                         [("a", f"2026-11-{d:02d}T{h:02d}:00:00+00:00") for d in range(1, 28) for h in range(24)])
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'fetch_log'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as raw:
        raw.seek((root - 1) * page_size)
        raw.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    says_one_clear_line(run_monitor(feeds, db, "report", "--week", "2026-W47"), str(db), "damaged",
                        "restore it from a backup")


# --- a read-only folder and a full disk, for real ---------------------------------------------------

NAMESPACE = r"""
dir=$1; kind=$2; shift 2
if [ "$kind" = read-only ]; then mount --bind "$dir" "$dir" && mount -o remount,ro,bind "$dir" "$dir" || exit 99
else mount -t tmpfs -o size=2m tmpfs "$dir" || exit 99
  if [ -n "$SEED" ]; then cp "$SEED" "$dir/m.db" && printf 'pid 1' > "$dir/m.db.poll-lock" || exit 99; fi
  printf old > "$dir/old.md" && dd if=/dev/zero of="$dir/filler" bs=4k 2>/dev/null; fi
exec "$@"
"""


def in_namespace(folder, kind: str) -> list[str]:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("a real read-only mount or full disk needs root and unshare(1)")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace here: {probe.stderr.decode().strip()}")
    folder.mkdir(parents=True, exist_ok=True)
    return ["unshare", "-m", "sh", "-c", NAMESPACE, "sh", str(folder), kind]


def test_database_in_a_read_only_folder(feeds, tmp_path):
    folder = tmp_path / "readonly"
    for command, words in ((["report"], "make the file and its folder writable"), (["poll", "--all"], "read-only")):
        result = run_monitor(feeds, folder / "m.db", *command, wrap=in_namespace(folder, "read-only"))
        says_one_clear_line(result, str(folder / "m.db"), words)


def test_a_full_disk_leaves_the_old_report_whole(feeds, tmp_path):
    folder = tmp_path / "full"
    wrap = in_namespace(folder, "full")
    result = run_monitor(feeds, tmp_path / "m.db", "report", "--week", "2026-W47", "--output", str(folder / "old.md"),
                     wrap=wrap + ["sh", "-c", '"$@"; code=$?; cat "$0"; exit $code', str(folder / "old.md")])
    assert result.stdout == "old"  # what the folder held after the failed write: the old file, whole
    says_one_clear_line(result, str(folder / "old.md"), "the disk is full")


def test_a_full_disk_mid_deliver_leaves_the_reports_folder_whole(feeds, tmp_path):
    folder = tmp_path / "full"
    settings = feeds / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('reports_dir = "reports"',
                                                                      f'reports_dir = "{folder}"'), encoding="utf-8")
    wrap = in_namespace(folder, "full")
    result = run_monitor(feeds, tmp_path / "m.db", "deliver", "--week", "2026-W47",
                     wrap=wrap + ["sh", "-c", '"$@"; code=$?; ls -A "$0"; exit $code', str(folder)])
    says_one_clear_line(result, "the disk is full", "keeps its earlier files")
    assert sorted(result.stdout.split()) == ["filler", "old.md"]  # no cut-off report, no temporary file


COUNT_LOG = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM fetch_log').fetchone()[0])"


def test_a_full_disk_under_the_database_is_said_and_nothing_stored_is_lost(feeds, tmp_path, monkeypatch):
    folder, seed = tmp_path / "full", tmp_path / "seed.db"
    assert run_monitor(feeds, seed, "poll", "--all").returncode == 0
    monkeypatch.setenv("SEED", str(seed))  # copied into the tmpfs, with a poll-lock note, before it is filled
    wrap = in_namespace(folder, "full") + ["sh", "-c", 'py=$1; count=$2; shift 2; "$@"; code=$?; rm "$0/filler"; "$py" -c "$count" "$0/m.db"; exit $code',
                                           str(folder), sys.executable, COUNT_LOG]
    result = run_monitor(feeds, folder / "m.db", "poll", "--all", wrap=wrap)
    says_one_clear_line(result, str(folder / "m.db"), "the disk is full", "nothing stored is lost")
    assert result.stdout.strip() == "1"  # the seed's one logged poll is still there


# --- values of the wrong type or out of range, in every config file -------------------------------

SETTINGS_CASES = [
    ('database = 5', "database = 5: must be a non-empty string"),
    ('database = ""', "database = '': must be a non-empty string"),
    ('timezone = 5', "timezone = 5: must be an IANA time zone"),
    ('default_interval = "60"', "default_interval = '60': must be a whole number of minutes from 1 to 10080"),
    ('default_interval = 0', "default_interval = 0: must be a whole number of minutes"),
    ('default_interval = -30', "default_interval = -30: must be a whole number of minutes"),
    ('default_interval = 30.5', "default_interval = 30.5: must be a whole number"),
    ('report_weekday = ["mon"]', "report_weekday = ['mon']: must be one of mon, tue"),
    ('report_time = 8', "report_time = 8: must be a time HH:MM"),
    ('report_window_days = 0', "report_window_days = 0: must be a whole number of days from 1 to 366"),
    ('reports_dir = []', "reports_dir = []: must be a non-empty string"),
    ('outage_tolerance_hours = -1', "outage_tolerance_hours = -1: must be a number of hours from 0 to 168"),
    ('outage_tolerance_hours = nan', "outage_tolerance_hours = nan: must be a number"),
    ('min_interval = 0', "min_interval = 0: must be a whole number of minutes"),
    ('min_interval = 600\nmax_interval = 60', "min_interval (600) is above max_interval (60)"),
    ('failing_after = 0', "failing_after = 0: must be a whole number from 1"),
    ('failing_after = true', "failing_after = True: must be a whole number"),
    ('reports_url = "reports.example"', "reports_url = 'reports.example': url 'reports.example' is not an http(s) address"),
    ('[limits]\nread_timeout = inf', "limits.read_timeout = inf: must be a number of seconds above 0"),
    ('[limits]\nread_timeout = nan', "limits.read_timeout = nan: must be a number of seconds above 0"),
    ('[limits]\nconnect_timeout = 0', "limits.connect_timeout = 0: must be a number of seconds above 0"),
    ('[limits]\ntotal_timeout = "60"', "limits.total_timeout = '60': must be a number"),
    ('[limits]\nconcurrency = 2.5', "limits.concurrency = 2.5: must be a whole number from 1 to 256"),
    ('[limits]\nper_host = -1', "limits.per_host = -1: must be a whole number from 1 to 64"),
    ('[limits]\nmax_body_bytes = 0', "limits.max_body_bytes = 0: must be a whole number of bytes"),
]


def _settings_with(config_dir, lines: str) -> int:
    """settings.toml with its keys replaced by the case's; returns the line the case starts on."""
    path = config_dir / "settings.toml"
    kept, limits = [], False
    keys = {line.split("=")[0].strip() for line in lines.splitlines() if "=" in line}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "[limits]":
            break  # the case brings its own [limits] when it needs one
        if "=" not in line or line.split("=")[0].strip() not in keys:
            kept.append(line)
    path.write_text("\n".join(kept) + "\n" + lines + "\n", encoding="utf-8")
    return len(kept) + 1


def cli_errors(capsys, config_dir, db, *args) -> list[str]:
    from monitor.cli import run_cli

    code = run_cli(["--config", str(config_dir), "--db", str(db), *args])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert all(line.startswith("error: ") for line in lines), err
    return lines


@pytest.mark.parametrize("lines, expected", SETTINGS_CASES, ids=[case[0] for case in SETTINGS_CASES])
def test_settings_values_are_checked_at_load(feeds, tmp_path, capsys, lines, expected):
    first = _settings_with(feeds, lines)
    errors = cli_errors(capsys, feeds, tmp_path / "m.db", "feeds", "list")
    assert len(errors) == 1, errors
    assert expected in errors[0], errors
    line = int(errors[0].split("settings.toml:")[1].split(":")[0])
    assert first <= line <= first + lines.count("\n")  # the line of the wrong value
    assert "fix the value there" in errors[0] or "make min_interval the smaller" in errors[0]


FEED_CASES = [
    ({"region": ["by-mogilev-oblast"]}, "unknown region ['by-mogilev-oblast']; use an entity id"),
    ({"url": "http://[::1/rss"}, "is not a valid address (Invalid IPv6 URL); check its brackets"),
    ({"url": "https://a.example:99999/rss"}, "is not a valid address"),
    ({"url": 5}, "url must be an address in quotes, not 5"),
    ({"outlet": ""}, "outlet must be the outlet's name in quotes, not ''"),
    ({"outlet": 7}, "outlet must be the outlet's name in quotes, not 7"),
    ({"language": ["ru"]}, "language must be one of ru, be, uk, en, not ['ru']"),
    ({"country": "by"}, "country must be a two-letter ISO code"),
    ({"interval": "30"}, "interval is whole minutes between polls, 1 to 10080, not '30'"),
    ({"interval": 0}, "interval is whole minutes between polls, 1 to 10080, not 0"),
    ({"interval": -5}, "not -5"),
    ({"interval": 2.5}, "not 2.5"),
    ({"enabled": "yes"}, "enabled must be true or false, not 'yes'"),
    ({"tags": "national"}, "tags must be a list of strings"),
]


@pytest.mark.parametrize("values, expected", FEED_CASES, ids=[repr(case[0]) for case in FEED_CASES])
def test_feed_values_are_checked_at_load(config_dir, tmp_path, capsys, values, expected):
    table = {"id": "a", "url": "https://a.example/rss", "outlet": "A", "country": "BY", "region": "by-mogilev-oblast",
             "language": "ru", **values}
    import tomlkit

    (config_dir / "feeds.toml").write_text("# feeds\n\n" + tomlkit.dumps({"feeds": [table]}), encoding="utf-8")
    errors = cli_errors(capsys, config_dir, tmp_path / "m.db", "feeds", "list")
    assert len(errors) == 1 and expected in errors[0], errors
    assert f"{config_dir / 'feeds.toml'}:3: feed 'a'" in errors[0]


def test_the_same_feed_twice_under_two_ids_is_refused(config_dir, tmp_path, capsys):
    (config_dir / "feeds.toml").write_text(feed_table("a", "https://a.example/rss")
                                           + feed_table("b", "https://A.example/rss/"), encoding="utf-8")
    errors = cli_errors(capsys, config_dir, tmp_path / "m.db", "feeds", "list")
    assert errors == [f"error: {config_dir / 'feeds.toml'}:9: feed 'b': https://A.example/rss/ is already feed 'a' "
                      f"(at {config_dir / 'feeds.toml'}:1); remove one of the two"]


@pytest.mark.parametrize("text, expected", [
    ("feeds = [1]", "each feed must be a [[feeds]] table, not 1"),
    ("feeds = 1", "feeds must be [[feeds]] tables"),
])
def test_feeds_that_are_not_tables(config_dir, tmp_path, capsys, text, expected):
    (config_dir / "feeds.toml").write_text(text + "\n", encoding="utf-8")
    errors = cli_errors(capsys, config_dir, tmp_path / "m.db", "feeds", "list")
    assert len(errors) == 1 and expected in errors[0], errors


SUBSCRIPTION_CASES = [
    ('recipient = 5', "recipient must be one email address"),
    ('recipient = "a@example.org"\nregions = "by-mogilev-oblast"', "regions must be a list of strings"),
    ('recipient = "a@example.org"\nformat = ["html"]', "format must be one of md, html, csv, json, not ['html']"),
    ('recipient = "a@example.org"\nlang = 5', "lang must be one of ru, be, en, not 5"),
    ('recipient = "a@example.org"\noutlets = ["nowhere"]', "unknown outlet 'nowhere'"),
]


@pytest.mark.parametrize("lines, expected", SUBSCRIPTION_CASES, ids=[case[0] for case in SUBSCRIPTION_CASES])
def test_subscription_values_are_checked(feeds, tmp_path, capsys, lines, expected):
    (feeds / "subscriptions.toml").write_text(f"[[subscriptions]]\n{lines}\n", encoding="utf-8")
    errors = cli_errors(capsys, feeds, tmp_path / "m.db", "deliver", "--week", "2026-W47")
    assert len(errors) == 1 and expected in errors[0] and "subscriptions.toml:1:" in errors[0], errors


def test_subscriptions_that_are_not_tables(feeds, tmp_path, capsys):
    (feeds / "subscriptions.toml").write_text("subscriptions = [1]\n", encoding="utf-8")
    errors = cli_errors(capsys, feeds, tmp_path / "m.db", "deliver", "--week", "2026-W47")
    assert errors == [f"error: {feeds / 'subscriptions.toml'} subscription #1: each subscription must be a "
                      f"[[subscriptions]] table, not 1"]


# --- the dashboard: a page that says what is wrong, never a 500 -------------------------------------

from .test_web import client, monitor  # noqa: E402,F401  (the dashboard's fixtures)


@pytest.mark.parametrize("path, status, words", [
    ("/?week=0001-W01", 400, "years 1900 to 9998"),
    ("/?week=9999-W52", 400, "years 1900 to 9998"),
    ("/?from=0001-01-01&to=0001-01-07", 400, "years 1900 to 9998"),
    ("/partnerships?week=0001-W01", 400, "years 1900 to 9998"),
    ("/partnerships/by-mogilev-oblast--ru-bryansk-oblast?from=9999-12-25&to=9999-12-31", 400, "years 1900 to 9998"),
    ("/report.csv?week=0001-W01", 400, "years 1900 to 9998"),
    ("/articles/99999999999999999999999", 404, "99999999999999999999999"),
    ("/articles/9223372036854775808", 404, "9223372036854775808"),
])
def test_dashboard_requests_at_the_ends_say_what_is_wrong(client, path, status, words):
    response = client.get(path + ("&" if "?" in path else "?") + "lang=en")
    assert response.status_code == status, response.text[:500]
    assert words in response.text
