"""CSV cells that a spreadsheet shows as text and never runs as a formula, and back.

A cell starting with =, +, -, @, a tab or a carriage return is a formula to Excel and LibreOffice
(a feed's headline or a catalogue note could call a URL or a command). Such a cell gets a leading
apostrophe, which spreadsheets read as "this is text". A cell that itself starts with an
apostrophe gets one more, so reading a cell back (`from_cell`) gives exactly what was written.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def to_cell(value: object) -> object:
    """A cell a spreadsheet will not run as a formula; non-strings pass unchanged."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS + (TEXT_MARK,):
        return TEXT_MARK + value
    return value


def from_cell(text: str) -> str:
    """The value `to_cell` was given: one protecting apostrophe removed."""
    if text[:1] == TEXT_MARK and text[1:2] and text[1:2] in FORMULA_STARTS + (TEXT_MARK,):
        return text[1:]
    return text
