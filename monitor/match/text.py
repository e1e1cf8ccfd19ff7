"""The text model matching reads: an article folded once into words (the quick look and the full
scan share it), their spans and word codes, sentences and paragraphs, cue words per sentence, and
the mentions found in it. Below `engine.py` and `candidates.py`, which both use it."""

from __future__ import annotations

import bisect
import operator
from itertools import accumulate, count, repeat
from operator import add
from typing import NamedTuple

from .. import names as N
from .vocabulary import (ATTENDANCE, CAREER, COMPARED_WITH, COMPARISON, WEEKS, WEEK_OF, CALENDAR_DAYS, CANCELLED, CANCELLED_EVENTS, CITATION, COUNTS, EN_COUNTS, REFUSED, DAY_CUES, NEGATIONS, NOT_CUES, PRIVATE_VISITORS, VISIT_CUES, OPEN_EVENTS, OPEN_SPORTS, OPEN_TO, OPENING, LAUNCHING, is_route_word, PARAGRAPH_END, BULLET, BULLETS, PRIZES, RANKING, RECEIVED, SCORE_WORDS, SENT, HELD, HELD_NOT, PROGRAMME, SHOW_PROGRAMME,
                         SENTENCE_END)


def encode(byte_codes: dict[bytes, str], width: int, words: list[str]) -> str:
    """The words as the automaton reads them: `width` characters per word, spaces for a word no
    name contains."""
    return "".join(map(byte_codes.get, (word.encode("cp1251", "replace") for word in words), repeat(" " * width)))


class Found(NamedTuple):
    """A mention as the matcher sees it before it becomes a records.Mention (a named tuple: dense
    articles make dozens, and a frozen dataclass costs several times as much to build)."""

    entities: tuple[str, ...]
    strength: int
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # character offsets into text_of(article)
    end: int
    fuzzy: bool = False
    listed: bool = False  # one of an enumeration (twins, partners, participants): named, not reported on
    bound: tuple[str, ...] = ()  # the entities of the counterpart it is coordinated with (X и Y)
    goods: bool = False  # a state by its goods or plants (белорусская продукция): only in a trade measure


class Look:
    """One text folded once, for the quick look and then the full scan: cp1251 bytes, its words
    (as bytes: most text stops at the quick look and is never decoded), the automaton's hits on
    its coded words, its capitalised words, its `Scan`.

    `regular` when names.scan_words could split it: then the quick look reads the very words the
    full scan does and its hits serve both. Otherwise (doubled dashes or apostrophes) the quick
    look reads its own looser words and the full scan tokenises with the `WORD` regex."""

    __slots__ = ("raw", "folded", "regular", "parts", "clean", "coded", "_key", "_words", "_hits", "_capitalised")

    def __init__(self, text: str):
        self.raw, self.folded = N.scan_bytes(text)
        split = N.scan_words(self.folded)
        self.regular = split is not None
        if split is not None:
            self.parts, self.clean = split
        else:
            # an apostrophe or dash at a word's edge is not part of it (Belarus' State Committee,
            # «- Минск»)
            padded = b" " + self.folded + b" "
            self.parts = padded.replace(b"' ", b"  ").replace(b" '", b"  ").replace(b"- ", b"  ").replace(b" -", b"  ").split()
            self.clean = None
        self._hits = self._capitalised = self._key = None
        self.coded = ""  # the words as the automaton reads them (`encode`), once `hits` ran
        self._words: list[str] | None = None  # the words decoded, for the full scan

    def hits(self, compiled) -> list:
        """(last character of the match in the coded words, value) for every name the words hold."""
        if self._hits is None:
            width = compiled.code_width
            self.coded = "".join(map(compiled.byte_codes.get, self.parts, repeat(" " * width)))
            self._hits = list(compiled.automaton.iter(self.coded))
        return self._hits

    def capitalised(self) -> list[bytes]:
        if self._capitalised is None:
            self._capitalised = N.capitalised_words(self.raw)
        return self._capitalised

    def key(self) -> str:
        """The words decoded and joined by one space."""
        if self._key is None:
            self._key = b" ".join(self.parts).decode("cp1251")
        return self._key

    def words(self) -> list[str]:
        if self._words is None:
            key = self.key()
            self._words = key.split(" ") if key else []
        return self._words

    def scan(self) -> "Scan":
        if self.regular:
            return Scan(self.words(), N.word_spans(self.clean), self.key())
        folded = self.folded.decode("cp1251")
        spans = [m.span() for m in N.WORD.finditer(folded)]
        return Scan([folded[s:e] for s, e in spans], spans)


class Scan:
    """The words of a text, their character spans and the space-joined key the cue automaton reads."""

    __slots__ = ("words", "spans", "key", "key_starts", "taken", "mentions")

    def __init__(self, words: list[str], spans: list[tuple[int, int]], key: str | None = None):
        self.words = words
        self.spans = spans
        self.key = " ".join(words) if key is None else key  # a word's index is the number of spaces before it
        # where each word starts in the key: its length and a space for each word before it
        self.key_starts = list(map(add, accumulate(map(len, words), initial=0), count()))
        self.taken: set[int] = set()
        self.mentions: list[Found] = []


class Cues:
    """The cue words (folded, whole words) that start in each sentence, found when a sentence is
    first asked for: most sentences of a long article are never part of a pair's evidence."""

    __slots__ = ("automaton", "longest", "scan", "layout", "memo", "off")

    def __init__(self, automaton, longest: int, scan: "Scan", layout: "Layout"):
        self.automaton, self.longest, self.scan, self.layout = automaton, longest, scan, layout
        self.memo: dict[int, list[str]] = {}
        self.off: dict[int, bool] = {}  # sentence -> called_off

    def get(self, sentence: int, default=()) -> list[str]:
        words = self.memo.get(sentence)
        if words is None:
            words = self.memo[sentence] = self._find(sentence)
        return words or default

    def attending(self, sentence: int) -> bool:
        """The sentence says someone attended (присутствовал, attended): its names are guests."""
        return any(w.startswith(ATTENDANCE) for w in self.get(sentence))

    def called_off(self, sentence: int) -> bool:
        """The sentence says its event did not or will not happen, or its agreements are no
        longer in force: its names pair with none, not even by the headline's words."""
        known = self.off.get(sentence)
        if known is None:
            stretch = self._stretch(sentence)
            known = self.off[sentence] = stretch is not None and self._called_off(
                self.scan.key, max(0, stretch[0] - 1), stretch[1])
        return known

    def compares(self, sentence: int) -> bool:
        """The sentence compares places (дешевле, чем в Брянске; для сравнения): no relation."""
        stretch = self._stretch(sentence)
        return stretch is not None and COMPARISON.search(self.scan.key, max(0, stretch[0] - 1), stretch[1]) is not None

    def compared_before(self, sentence: int, word: int) -> bool:
        """The sentence sets a figure against another's before `word` (modest compared with
        Belarus's trade with Russia): the word names the measure, not a party."""
        stretch = self._stretch(sentence)
        if stretch is None:
            return False
        found = COMPARED_WITH.search(self.scan.key, max(0, stretch[0] - 1), stretch[1])
        return found is not None and found.end() <= self.scan.key_starts[word]

    def names_suffice(self, sentence: int) -> bool:
        """Whether two organisations' names alone may tell that the sentence reports on them: not
        when it cites one for news of the other (Kazinform, citing BelTA), ranks them (второе
        место, в десятке), tells a career (бывший директор «Дагсельмаша» возглавил цех МТЗ) or
        says what did not happen."""
        stretch = self._stretch(sentence)
        if stretch is None or self.called_off(sentence):
            return False
        key, start = self.scan.key, max(0, stretch[0] - 1)
        return not (CITATION.search(key, start, stretch[1]) or RANKING.search(key, start, stretch[1])
                    or CAREER.search(key, start, stretch[1]))

    def _stretch(self, sentence: int) -> tuple[int, int] | None:
        """Where the words that start in the sentence lie in the key, or None for none."""
        scan, starts = self.scan, self.layout.starts
        end = starts[sentence + 1] if sentence + 1 < len(starts) else len(self.layout.text)
        first = bisect.bisect_left(scan.spans, (starts[sentence],))
        last = bisect.bisect_left(scan.spans, (end,))
        if first >= last:
            return None
        return scan.key_starts[first], scan.key_starts[last]

    @staticmethod
    def _called_off(key: str, edge: int, high: int) -> bool:
        """Визит делегации … не состоится, так и не подписали: what did not happen is no coverage."""
        return bool(CANCELLED.search(key, edge, high) and CANCELLED_EVENTS.search(key, edge, high)
                    or REFUSED.search(key, edge, high))

    def _find(self, sentence: int) -> list[str]:
        stretch = self._stretch(sentence)
        if stretch is None:
            return []
        scan = self.scan
        key, key_starts, words = scan.key, scan.key_starts, scan.words
        # the stretch of the key a cue starting in the sentence's words may cover (план
        # мероприятий runs on into the next word)
        low, high = stretch
        # from the space before the sentence's first word: the patterns open with one
        edge = max(0, low - 1)
        if self._called_off(key, edge, high):
            return []
        out = []
        for stop, cue in self.automaton.iter(key, low, min(len(key), high + self.longest)):
            start = stop - len(cue) + 1
            if start >= high or start < low or (start and key[start - 1] not in " -"):
                continue
            index = bisect.bisect_right(key_starts, start) - 1  # the word the cue starts in
            if (words[index] in DAY_CUES and index and (words[index - 1] in COUNTS or words[index - 1].isdigit()
                                                        or self._some_days(index))
                    and not self.layout.text[scan.spans[index - 1][1]:scan.spans[index][0]].strip()):
                continue  # на десять дней, в отдельные дни: a length of time, some days
            if words[index] == "days" and (self.layout.text[scan.spans[index][0]].islower() or (
                    index and (words[index - 1] in EN_COUNTS or words[index - 1].isdigit()))):
                continue  # three days, in the days: only Days of a town (Minsk Days) are an event
            if _opens_no_relation(words, index):
                continue
            if index and words[index - 1] in NEGATIONS:
                continue  # не планируют прямой рейс, did not sign: not done
            if words[index].startswith(VISIT_CUES) and any(PRIVATE_VISITORS.match(w) for w in words[max(0, index - 3):index]):
                continue  # Russian tourists increasingly visit Minsk: private trips, not a visit of one side
            if words[index].startswith(NOT_CUES):
                continue  # посетители, visitors: tourists, not a visit of one side to the other
            if words[index].startswith(SENT) and words[index].endswith(("ся", "сь")):
                continue  # автобусы отправляются: people leave; отправили партию: goods were sent
            if words[index].startswith(PROGRAMME) and index and words[index - 1].startswith(SHOW_PROGRAMME):
                continue  # в праздничной программе: a show, not a programme of cooperation
            if words[index].startswith(HELD) and any(
                    (w.startswith(HELD_NOT) and not _week_of_something(words, k)) or w.isdigit()
                    for k, w in enumerate(words[max(0, index - 3):index + 4], max(0, index - 3))):
                # проведут четыре дня, провели сборы, игру проведут дома: time spent, a game played;
                # not a week of a culture (правялі тыдзень армянскай культуры): an event
                continue
            if words[index].startswith(RECEIVED) and PRIZES.search(key, edge, high):
                continue  # медали получили школьники: a prize, not goods from the other side
            out.append(words[index])
        return out

    def _some_days(self, index: int) -> bool:
        """"дни" in lower case after a word for days of the calendar (в отдельные дни, тёплые дни,
        в эти дни), not the Days of a town (Дни Могилёва) nor days of some activity (профориентационные дни)."""
        return self.layout.text[self.scan.spans[index][0]].islower() and self.scan.words[index - 1] in CALENDAR_DAYS


def _opens_no_relation(words: list[str], index: int) -> bool:
    """An opening or launching word that opens no relation: a goal (открыли счёт, opened the
    scoring), a competition (открытый турнир, the rapid chess open), a quality (Кострома открыта
    миру, open to visitors), a transport service (открыли летние рейсы, запустили автобус)."""
    word, after = words[index], words[index + 1:index + 3]
    if word.startswith(OPENING) and after and (
            after[0] in SCORE_WORDS or after[0].startswith(OPEN_EVENTS) or after[0] in OPEN_TO
            or (after[0] == "the" and after[1:] and after[1] in SCORE_WORDS)):
        return True
    if word.startswith(OPENING + LAUNCHING) and any(map(is_route_word, after)):
        return True
    return word in ("open", "opens") and index > 0 and words[index - 1] in OPEN_SPORTS


def _week_of_something(words: list[str], index: int) -> bool:
    """`words[index]` is a week or days of something (неделя белорусской культуры, тыдзень
    армянскай кухні, дні кіно): an event's name, not time spent."""
    return words[index].startswith(WEEKS) and any(w.startswith(WEEK_OF) for w in words[index + 1:index + 3])


_end = operator.methodcaller("end")


class Layout:
    """Sentences and paragraphs of a text, by character offset."""

    def __init__(self, text: str, title_length: int, content_start: int | None = None):
        size = len(text)
        starts = [0, *(end for end in map(_end, SENTENCE_END.finditer(text)) if end < size)]
        if title_length + 2 < size:
            starts.append(title_length + 2)
        self.starts = sorted(set(starts))
        self.text = text
        # starts are sorted: the title's sentences are those that start before its end
        self.title_sentences = list(range(bisect.bisect_left(self.starts, title_length))) or [0]
        # the lead: title, summary and the body's first sentence, where news names its subject
        first_body = self.sentence(content_start) if content_start is not None and content_start < len(text) else -1
        self.lead_end = first_body
        # the first sentence after the title with words in it (the summary may be empty)
        self.after_title = next((k for k in range(self.title_sentences[-1] + 1, len(self.starts))
                                 if text[self.starts[k]:self.starts[k + 1] if k + 1 < len(self.starts) else size].strip()),
                                None)
        paragraph_starts = [0, *map(_end, PARAGRAPH_END.finditer(text))]
        if any(bullet in text for bullet in BULLETS):  # rare: one pass more only then
            paragraph_starts = sorted(paragraph_starts + [m.start() for m in BULLET.finditer(text)])
        self.paragraph_of = [bisect.bisect_right(paragraph_starts, s) - 1 for s in self.starts]

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def paragraph(self, sentence: int) -> int:
        return self.paragraph_of[sentence]

    def in_title(self, sentence: int) -> bool:
        return sentence in self.title_sentences

    def in_lead(self, sentence: int) -> bool:
        """In the title, summary or first body sentence (never true for a title-only item)."""
        return sentence <= self.lead_end

    def span_text(self, sentences: tuple[int, ...]) -> str:
        parts = []
        for index in sorted(set(sentences)):
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            parts.append(self.text[self.starts[index]:end].strip())
        return " … ".join(p for p in parts if p)
