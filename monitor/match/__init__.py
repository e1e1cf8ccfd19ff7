"""The matching engine: which catalogue partnerships an article reports on, with evidence.

`Matcher.compile(catalogue)` expands every entity's names into their written forms (see
`names.py`; here: bodies, adjectives, residents, -щина names, everyday organisation forms
(acronyms, the honoree by surname, English names without "named after", a plant by place and
kind), a state adjective with a noun for the state acting ("the Belarusian side", казахстанский
коллега), compounds of two states) and builds one Aho-Corasick automaton over word codes (each
name word two characters, so the trie is small and quick to load); the result is cached on disk,
keyed by the catalogue's content and this code.

`Matcher.match(article) -> tuple[Match, ...]`:

0. a quick look (`_worth_scanning`): one byte-level fold and one automaton pass tell whether both
   sides of some partnership could be named (or one side plus a capitalised word one letter from a
   partner's name). Most news stops here; the rest takes the full path below, which reuses the
   fold, the words and the automaton's hits (no second pass), finds sentence ends with one regex
   that skips to stops and line breaks, and looks up cue words only in the sentences a pair's
   evidence could come from;
1. finds entity mentions: the longest name wins, so «Минский тракторный завод» is the plant, not
   Minsk; a single-letter typo in a capitalised word is repaired when it lands on exactly one
   distinctive name word of a partner of an entity already found; a parent named right after its
   child (Сафоновский район Смоленской области) is a locator, not a party; a country inside an
   organisation's name (НОК Беларуси) or after a plural territory noun (регионов Беларуси и России)
   is not the state; a dateline (VITSEBSK, 14 March) and an adjective inside a quoted name
   («Слонимские встречи») are not parties; an adjective whose territory has a named organisation
   partnered with the other side (гомельские комбайны, «Гомсельмаш») describes the organisation;
   named is not reported on: three or more states in a list (or states joined by a comma) are
   participants; a list of twins or partners counts only by an event word in its own sentence;
   two names of different countries joined by a conjunction (между X и Y) are each other's
   counterparts only; the ends of a route, an adjective before a quoted name, a region after a
   plural territory noun, an English possessive state before a name, the states of a Forum
   of Regions at which others sign, a street or a business named after a place (улица
   Волгоградская, ресторан «Тбилиси») and one person by trade (витебский художник) are not parties;
2. decides per partnership whose both sides are mentioned: the two mentions must be close (same
   sentence, next sentence, title and body, a terse title and the sentence after it, or the
   subject named in the lead and the partner further down) with a relation cue (соглашение,
   визит, поставки...) in that span; a guest (присутствовал, attended) named in another sentence
   is no party. Names of the same sentence without a cue (weather, sport, prices) are not
   coverage.

`Matcher.candidates(article) -> tuple[Candidate, ...]`: agreements the article reports between a
Belarusian catalogue territory and a partner the catalogue lacks (or has but does not pair with
it), each a frozen `Candidate` with the Belarusian `Mention`, the partner in the nominative and as
written, its offsets, the sentence and the agreement words. A venue (подписали в Вологде, met in
Minsk), a locator (Хатлонская область Таджикистана, Uzbekistan's Fergana Region) and a place the
article's catalogue matches explain (a matched side, a place above or inside it, or one of the
same name: Орёл beside Могилёвская–Орловская область) are not partners. For the admins' review;
it never changes what `match` says.

`Matcher.variants(entity_id)`: the forms matching looks for, by kind. `Matcher.text_of(article)`:
the text all offsets point into. `Matcher.entity_mentions(text)`: every entity named in a text.

The package, each module importing only those below it: `vocabulary.py` (bodies, state
adjectives, cues, list and route words: data), `compile.py` (name forms, the automaton, the typo
and spelling indexes, the disk cache), `text.py` (an article as words, codes, sentences and cue
words; the mentions found), `candidates.py` (new partnerships for review), `engine.py` (the
Matcher: quick look, mentions, decisions), `many.py` (a stream of articles on every core: the
matcher loaded once, then forked workers).

Matching is pure: no I/O after compile but reading the dictionaries' word lists once, at the
first look-up of a real word or a first name (names.is_dictionary_word, names.paradigms); the only
shared state is bounded memos of typo, spelling, first-name and plural-organisation look-ups,
functions of the compiled names, so one Matcher serves many threads.
"""

from .candidates import Candidate
from .compile import CODE_DIGEST, cache_dir
from .engine import Matcher

__all__ = ["CODE_DIGEST", "Candidate", "Matcher", "cache_dir"]
