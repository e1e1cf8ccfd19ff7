"""The weekly coverage chart: one function lays out the bars, two draw them (SVG, PNG).

A report's chart is a stacked bar per week: covered at the bottom, then gap, then not collected, as
shares of the scope. `bars` computes where every segment goes from the week counts alone; `svg` and
`png` only draw what it returns, so the inline SVG of the reports folder and the PNG an email carries
(most webmail shows no SVG and strips data: URIs) never disagree. Pure: no I/O, no wording of its own
(the caller passes the words), and the PNG has no text at all: the HTML around it holds the week
labels and the figures. The PNG writer is a few lines of zlib and struct, not an imaging library.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Mapping, Sequence

from markupsafe import escape

from .records import WeekCounts

COLOURS = {"covered": "#2e7d32", "gap": "#c62828", "not_collected": "#b0b0b0"}
STACK = ("not_collected", "gap", "covered")  # top to bottom: covered stands on the baseline
BASELINE_COLOUR = "#d6d6d6"  # light: a floor for the bars, not a frame
TICK_COLOUR = "#9e9e9e"
BACKGROUND = "#ffffff"
BAR_SHARE = 0.7  # of a week's step; the rest is the gap between bars
PNG_SCALE = 2  # pixels per unit: sharp on high-density screens, still a few kilobytes
TICK = 4  # units a week's tick mark reaches below the baseline


@dataclass(frozen=True)
class Frame:
    """The chart's drawing area in units (SVG user units; PNG pixels before scaling)."""

    width: int = 600
    height: int = 150  # bars and, in the SVG, the week labels under them
    top: int = 10  # space above the tallest bar
    bottom: int = 24  # under the baseline: the SVG's week labels, the PNG's tick marks
    left: int = 4

    @property
    def baseline(self) -> int:
        return self.height - self.bottom

    @property
    def inner(self) -> int:
        return self.height - self.top - self.bottom


FRAME = Frame()


@dataclass(frozen=True)
class Segment:
    status: str  # covered, gap or not_collected
    value: int  # partnerships with that status in the week
    y: float  # top edge
    height: float


@dataclass(frozen=True)
class Bar:
    week: WeekCounts
    x: float  # left edge
    width: float
    segments: tuple[Segment, ...]  # top to bottom, only those with a height; none for an empty week

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


def bars(weeks: Sequence[WeekCounts], frame: Frame = FRAME) -> tuple[Bar, ...]:
    """One bar per week, oldest on the left, each as tall as the drawing area: the statuses are
    shares of the scope, so weeks of different scope sizes compare."""
    step = (frame.width - frame.left) / max(len(weeks), 1)
    result = []
    for index, week in enumerate(weeks):
        total = week.covered + week.gap + week.not_collected
        y = float(frame.top)
        segments = []
        for status in STACK:
            value = getattr(week, status)
            height = frame.inner * value / total if total else 0.0
            if height > 0:
                segments.append(Segment(status, value, y, height))
            y += height
        result.append(Bar(week, frame.left + index * step, step * BAR_SHARE, tuple(segments)))
    return tuple(result)


# --- SVG ---------------------------------------------------------------------------------------------


def svg(weeks: Sequence[WeekCounts], names: Mapping[str, str], title: str, frame: Frame = FRAME) -> str:
    """Plain SVG with each segment's figure in its <title>, the covered count on its bar, week dates
    under the bars and a legend; no script, font or image file. `names` words each status."""
    legend_y = frame.height
    total_height = frame.height + 22
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{frame.width}" height="{total_height}" '
             f'viewBox="0 0 {frame.width} {total_height}" role="img" aria-label="{escape(title)}" '
             f'style="font-family: Arial, sans-serif; font-size: 11px;">',
             f'<rect x="{frame.left}" y="{frame.baseline}" width="{frame.width - frame.left}" height="1" '
             f'fill="{BASELINE_COLOUR}"/>']
    for bar in bars(weeks, frame):
        for segment in bar.segments:
            label = f"{bar.week.window.start.isoformat()}: {names[segment.status]} {segment.value}"
            parts.append(f'<rect x="{bar.x:.1f}" y="{segment.y:.1f}" width="{bar.width:.1f}" '
                         f'height="{segment.height:.1f}" fill="{COLOURS[segment.status]}">'
                         f'<title>{escape(label)}</title></rect>')
        if bar.week.covered:
            parts.append(f'<text x="{bar.centre:.1f}" y="{frame.baseline - 3}" text-anchor="middle" '
                         f'fill="#fff">{bar.week.covered}</text>')
        parts.append(f'<text x="{bar.centre:.1f}" y="{frame.height - 8}" text-anchor="middle" fill="#555">'
                     f'{bar.week.window.start.strftime("%d.%m")}</text>')
    x = frame.left
    for status in ("covered", "gap", "not_collected"):
        parts.append(f'<rect x="{x}" y="{legend_y + 6}" width="10" height="10" fill="{COLOURS[status]}"/>'
                     f'<text x="{x + 14}" y="{legend_y + 15}" fill="#333">{escape(names[status])}</text>')
        x += 120
    parts.append("</svg>")
    return "".join(parts)


# --- PNG ---------------------------------------------------------------------------------------------


def png_size(frame: Frame = FRAME, scale: int = PNG_SCALE) -> tuple[int, int]:
    """Width and height in pixels: the bars, the baseline and the tick marks; no label area."""
    return frame.width * scale, (frame.baseline + TICK + 2) * scale


def png(weeks: Sequence[WeekCounts], frame: Frame = FRAME, scale: int = PNG_SCALE, ticks: bool = True) -> bytes:
    """The same bars as an RGB PNG (`scale` pixels per unit). Edges are rounded from the shared
    geometry, so adjacent segments meet without a seam or an overlap."""
    width, height = png_size(frame, scale)
    canvas = [bytearray(_rgb(BACKGROUND) * width) for _ in range(height)]

    def fill(x0: float, y0: float, x1: float, y1: float, colour: str) -> None:
        left, right = max(round(x0 * scale), 0), min(round(x1 * scale), width)
        pixels = _rgb(colour) * max(right - left, 0)
        for row in canvas[max(round(y0 * scale), 0):min(round(y1 * scale), height)]:
            row[left * 3:right * 3] = pixels

    fill(frame.left, frame.baseline, frame.width, frame.baseline + 1, BASELINE_COLOUR)
    for bar in bars(weeks, frame):
        for segment in bar.segments:
            fill(bar.x, segment.y, bar.x + bar.width, segment.y + segment.height, COLOURS[segment.status])
        if ticks:
            fill(bar.centre - 0.5, frame.baseline + 1, bar.centre + 0.5, frame.baseline + 1 + TICK, TICK_COLOUR)
    return encode_png(width, height, canvas)


def encode_png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """An 8-bit RGB PNG from rows of width × 3 bytes (filter type 0 on every row)."""
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9))
            + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _rgb(colour: str) -> bytes:
    return bytes.fromhex(colour.lstrip("#"))
