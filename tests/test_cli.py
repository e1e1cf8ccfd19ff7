"""Every command has help text and is documented in the README."""

from __future__ import annotations

import click

from monitor.cli import main

from .conftest import ROOT


def commands(group: click.Group, prefix: str = "monitor"):
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing_help = [path for path, command in commands(main) if not (command.help or "").strip()]
    missing_docs = [path for path, command in commands(main)
                    if not isinstance(command, click.Group) and f"`{path}" not in readme]
    assert missing_help == []
    assert missing_docs == []
