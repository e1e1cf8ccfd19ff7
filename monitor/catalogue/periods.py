"""Dates and periods as the catalogue writes them, and whether an agreement is in force. Pure."""

from __future__ import annotations

import re
from datetime import date

from ..records import Agreement

SIGNED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

def parse_signed(text: str) -> tuple[date, date]:
    """'2017', '2017-11' or '2017-11-03' → the first and last day it may mean. ValueError if not."""
    match = SIGNED.match(text.strip())
    if not match:
        raise ValueError(text)
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        first = date(year, month, 1)
        last = date(year + (month == 12), month % 12 + 1, 1)
        return first, date.fromordinal(last.toordinal() - 1)
    exact = date(year, month, day)
    return exact, exact


_RANGE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:(?:\.\.|–|—|/|\s-\s|-(?=\d{4}\b))\s*"
                    r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)?)?\s*$")


def parse_period(text: str) -> tuple[date, date | None]:
    """A plan's or programme's period as the catalogue writes it → (first day, last day or None).

    '2016-2018' (also with – or ..), '2015', '2019-03..2021-06', '2019..' (open-ended).
    ValueError for anything else, so a validation can name the value.
    """
    match = _RANGE.match(text or "")
    if not match:
        raise ValueError(text)
    start = parse_signed(match.group(1))[0]
    if match.group(2):
        end = parse_signed(match.group(2))[1]
    elif re.search(r"(\.\.|–|—|/|-)\s*$", text.strip()) and not SIGNED.match(text.strip()):
        end = None
    else:
        end = parse_signed(match.group(1))[1]
    if end is not None and end < start:
        raise ValueError(text)
    return start, end


def in_force(agreement: Agreement, on_date: date) -> bool:
    """Whether an agreement was in force on a day. Pure.

    A planned agreement is not in force. With a period, it is in force inside it (a period of
    years runs from 1 January of the first to 31 December of the last). Without one, it is in
    force from its signing on (cooperation agreements and twinnings run until ended), and always
    when the monograph gives no date. A period that cannot be read counts as no period; the
    catalogue's validation keeps such values out.
    """
    if agreement.status == "planned":
        return False
    if agreement.period:
        try:
            start, end = parse_period(agreement.period)
        except ValueError:
            pass
        else:
            return start <= on_date and (end is None or on_date <= end)
    if agreement.signed:
        try:
            return parse_signed(agreement.signed)[0] <= on_date
        except ValueError:
            return True
    return True


def expired(agreement: Agreement, on_date: date) -> bool:
    """A plan or programme whose period ended before the day: a story lead, not a gap."""
    if not agreement.period:
        return False
    try:
        end = parse_period(agreement.period)[1]
    except ValueError:
        return False
    return end is not None and end < on_date


