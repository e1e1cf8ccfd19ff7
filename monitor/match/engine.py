"""The Matcher: the quick look, mentions, typo and spelling repair, and the decision per pair."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .. import names as N
from ..records import ArticleText, Catalogue, Evidence, Match, Mention
from .candidates import AGREEMENT_CUES, AGREEMENT_WORD, Candidate, _nominative, _place_runs, is_locator, is_venue, skeleton
from .text import Cues, Found, Layout, Look, Scan, encode
from .compile import AMBIGUOUS, KEY_WORD_BITS, NAMED_AFTER, STRONG, WEAK, _Compiled, _is_known_word, load, typo_keys
from .vocabulary import (BODIES, BUSINESSES, OTHER_STATES, NOT_STATE_CUES, EN_KIND_WORDS, EN_SIDE_NOUNS, FROM, NEAR, PLACE_PREPOSITIONS, BRAND_PRODUCTS, SPORT_TEAM, EN_SPORTS, EN_TEAMS, EN_INSTITUTIONS, EN_TRADERS, CLUBS, CONJUNCTIONS, OPEN_LIST, COUNTRY_ADJECTIVES, EN_DEMONYMS, REGION_GENITIVE, DATELINE_CAPS, DATELINE_DATE, LEAD_SCORE, LIST_WORDS, LOCATOR_HEAD,
                         NEXT_SENTENCE, ORG_HEAD, PEOPLE_HEAD, RELATION_CUES, PLACE_MARKERS,
                         STATUS_CUES, THRESHOLD, TITLE_AND_BODY, TITLE_AND_LEAD, TRADE_MEASURES, ATTENDANCE, FORUM, NOT_THIS, OCCASION_WORDS, PARTICIPATES, WITH_WORDS,
                         ORIGIN_PAIRS, ORIGIN_WORDS, ONE_RESIDENT, ESTABLISHMENT_HEAD, INDIVIDUAL, PRIVATE_VISITORS, PRODUCTS, ONE_PLANT, STREET_SHORT, STREET_WORDS,
                         RANGE_FROM, RANGE_TO, BOTH_AGAIN, TWIN_WORDS, DELIVERY_WORDS,
                         MUNICIPAL_STEMS, MUNICIPAL_WORDS, NAME_HEADS, WATER_WORDS, is_route_word, kind_of_noun, names_one_district)


class Matcher:
    """A compiled catalogue. Build with `Matcher.compile(catalogue)`; `match` is pure."""

    def __init__(self, catalogue: Catalogue, compiled: _Compiled):
        self.catalogue = catalogue
        self._c = compiled
        # written word -> the entities of the name words one edit from it: a pure function of
        # the compiled names, so sharing the memo between threads is safe (a lost update only
        # costs a recomputation)
        self._near_memo: dict[bytes, frozenset[str]] = {}
        self._near_words: dict[str, tuple[str, ...]] = {}  # folded word -> the name words one edit from it
        self._loose_memo: dict[bytes, frozenset[str]] = {}  # written word -> entity it names up to spelling
        self._first_name_memo: dict[str, bool] = {}  # capitalised word beside an ambiguous name -> a first name?
        self._plural_memo: dict[tuple, frozenset[str]] = {}  # a plural organisation phrase and states -> organisations
        self._organisation_words: list[tuple[str, frozenset[str]]] | None = None  # built at the first such phrase
        self._state_organisation_memo: dict[tuple, tuple[str, ...]] = {}  # a shared name and a state -> its organisation
        self._org_head_memo: dict[str, bool] = {}  # folded word -> begins an organisation's name (ORG_HEAD)
        self._organisations = frozenset(e for e, kind in compiled.entity_kind.items() if kind == "organization")
        # news outlets of the catalogue's media partnerships: cited, they are a report's source
        self._media = frozenset(side for (a, b), pid in compiled.pairs.items() if compiled.levels.get(pid) == "media"
                                for side in (a, b) if compiled.entity_kind.get(side) == "organization")
        # an English state adjective, folded (armenian) -> the state's code
        self._state_of_adjective = {N.key(demonym): state.country for state in catalogue.entities.values()
                                    if state.kind == "country" for demonym in EN_DEMONYMS.get(state.names.get("en", ""), ())}
        c = compiled
        # per entity, for _wanted: its same-named neighbours (city, district, oblast), and the
        # partners of it and of them
        self._longest_cue = max((len(cue) for cue in c.cue_automaton.keys()), default=0)
        self._same_named = {e: frozenset(kinds.values()) for e, kinds in c.same_name.items()}
        self._wanted_of = {e: frozenset(c.partners.get(e, ())).union(
            *(c.partners.get(s, ()) for s in self._same_named.get(e, ())))
            for e in set(c.partners) | set(self._same_named)}

    # --- construction ---

    @classmethod
    def compile(cls, catalogue: Catalogue, cache: Path | None | bool = True) -> "Matcher":
        """Build the automaton, or load it from the on-disk cache keyed by catalogue and code.

        `cache=False` always builds; a Path overrides the cache folder.
        """
        return cls(catalogue, load(catalogue, cache))

    # --- public helpers ---

    @staticmethod
    def text_of(article: ArticleText) -> str:
        """The text mention offsets point into: title, summary and content joined."""
        return f"{article.title}\n\n{article.summary}\n\n{article.content}"

    def entity_mentions(self, text: str) -> tuple[Mention, ...]:
        """Every catalogue entity named in `text`, after longest-match, typo and locator rules."""
        scan = self._scan(text)
        out = []
        for found in scan.mentions:
            for entity_id in found.entities:
                out.append(Mention(entity_id, text[found.start:found.end], found.start, found.end))
        return tuple(out)

    def variants(self, entity_id: str) -> dict[str, tuple[str, ...]]:
        """Every folded form matching looks for that names `entity_id`, by how it came about
        (name, adjective, body, colloquial, pair); forms that need support are labelled so."""
        labels = {STRONG: "", AMBIGUOUS: " (needs its partner in the same sentence)", WEAK: " (needs context)"}
        grouped: dict[str, set[str]] = {}
        words = {code: word.decode("cp1251") for word, code in self._c.byte_codes.items()}
        width = self._c.code_width
        for codes, value in self._c.automaton.items():
            if value < 0:
                continue  # the path of spaces that speeds the automaton up, no name
            key = " ".join(words[codes[i:i + width]] for i in range(0, len(codes), width))
            form = self._c.forms[value >> KEY_WORD_BITS]
            if entity_id in form.entities:
                grouped.setdefault(form.kind + labels[form.strength], set()).add(key.strip())
        return {label: tuple(sorted(keys)) for label, keys in sorted(grouped.items())}

    # --- candidates ---

    def candidates(self, article: ArticleText) -> tuple[Candidate, ...]:
        """Agreements this article reports between a Belarusian catalogue territory and a place
        the catalogue does not know, for an admin to review.

        A candidate needs one sentence with a Belarusian territory (country, region, district or
        city), an agreement word (соглашение, меморандум, побратим, сотрудничество, подписали ...)
        and a partner: either a catalogue entity outside Belarus that the catalogue does not pair
        with this side (`partner_id` set: Беларусь и Тамбовская область), or a run of capitalised
        words no catalogue name explains that looks like a place: pymorphy3 reads one of its
        words as a place name (Geox), a territory word follows it (Карагандинская область,
        Fergana Region), or it is coordinated with the Belarusian side (Mogilev and Gyumri).
        People's names are skipped. One candidate per (Belarusian entity, partner) per article;
        no decision about coverage, and nothing about catalogue partnerships (`match`'s job).

        Not parties, so never candidates (nor the Belarusian side): a venue (подписали в Вологде,
        визит в Орёл, met in Minsk); a locator (Хатлонская область Таджикистана, Uzbekistan's
        Fergana Region, округа Вологодской области); a place the article's catalogue matches
        already explain: a side of a matched partnership, a place above or inside one (Кострома
        beside Беларусь–Костромская область, Бишкек beside Беларусь–Кыргызстан), or a place of
        the same name as one (Орёл beside Могилёвская–Орловская область).
        """
        text = self.text_of(article)
        if _has_invisible(text):
            keep, clean = _visible(article)
            return tuple(replace(c, belarusian=_moved(c.belarusian, keep, text),
                                 partner_start=keep[c.partner_start], partner_end=keep[c.partner_end - 1] + 1)
                         for c in self.candidates(clean))
        if not AGREEMENT_WORD.search(N.scan_bytes(text)[1]):
            return ()  # most news signs nothing: one fold and one regex pass instead of the full scan
        scan = self._scan(text)
        c = self._c
        ours = [f for f in scan.mentions if len(f.entities) == 1 and f.strength > WEAK
                and c.entity_country.get(f.entities[0]) == "BY" and c.entity_kind.get(f.entities[0]) != "organization"
                and not is_venue(text, scan, f.first)]
        if not ours:
            return ()
        layout = Layout(text, len(article.title), len(article.title) + len(article.summary) + 4)
        cues = self._cues(scan, layout)
        agreement = {}
        for sentence in {layout.sentence(mention.start) for mention in ours}:
            seen = tuple(dict.fromkeys(w for w in cues.get(sentence) if w.startswith(AGREEMENT_CUES)))
            if seen:
                agreement[sentence] = seen
        # any catalogue name explains its words, even one dropped as a locator (… района Костромской области)
        explained = scan.taken | {t for f in scan.mentions for t in range(f.first, f.last + 1)}
        related, same_named = self._explained_by_matches(article) if agreement else (set(), set())
        out: dict[tuple[str, str], Candidate] = {}
        for mention in ours:
            sentence = layout.sentence(mention.start)
            if sentence not in agreement:
                continue
            side = mention.entities[0]
            runs = [(first, last, None) for first, last in _place_runs(text, scan, layout, sentence, explained, mention)]
            places = explained | {t for first, last, _ in runs for t in range(first, last + 1)}
            runs += [(other.first, other.last, other.entities[0]) for other in scan.mentions
                     if len(other.entities) == 1 and layout.sentence(other.start) == sentence
                     and self._unpartnered(side, other.entities[0]) and other.entities[0] not in related]
            for first, last, partner_id in runs:
                if is_venue(text, scan, first) or is_locator(text, scan, first, last, places):
                    continue
                partner, written = _nominative(text, scan, first, last), text[scan.spans[first][0]:scan.spans[last][1]]
                if partner_id is None and skeleton(N.key(partner)) in same_named:
                    continue
                key = (side, partner_id or N.key(partner))
                if key not in out:
                    out[key] = Candidate(
                        belarusian=Mention(side, text[mention.start:mention.end], mention.start, mention.end),
                        partner=partner, partner_start=scan.spans[first][0], partner_end=scan.spans[last][1],
                        sentence=layout.span_text((sentence,)), cues=agreement[sentence], written=written,
                        partner_id=partner_id)
        return tuple(out.values())

    def _explained_by_matches(self, article: ArticleText) -> tuple[set[str], set[str]]:
        """The entities the article's catalogue matches explain (both sides of each, the places
        above them and inside them) and the name skeletons of those that are territories."""
        c = self._c
        sides = {side for m in self.match(article) for side in (
            self.catalogue.partnerships[m.partnership_id].a, self.catalogue.partnerships[m.partnership_id].b)}
        if not sides:
            return set(), set()
        related = set(sides).union(*(c.ancestors.get(side, ()) for side in sides))
        related |= {e for e, above in c.ancestors.items() if not above.isdisjoint(sides)}
        same_named = set()
        for entity_id in related:
            entity = self.catalogue.entities.get(entity_id)
            if entity is not None and entity.kind in ("region", "district", "city"):
                for name in entity.names.values():
                    first = N.words(name)[:1]
                    if first and len(bones := skeleton(first[0])) >= 2:
                        same_named.add(bones)
        return related, same_named

    def _unpartnered(self, side: str, other: str) -> bool:
        """A foreign catalogue entity the catalogue does not pair with `side`, and not its locator."""
        c = self._c
        return (c.entity_country.get(other) != "BY" and other not in c.partners.get(side, ())
                and other not in c.ancestors.get(side, ()) and side not in c.ancestors.get(other, ()))

    # --- matching ---

    def match(self, article: ArticleText) -> tuple[Match, ...]:
        text = self.text_of(article)
        if _has_invisible(text):
            # soft hyphens and zero-width characters split words: match without them, then
            # point the evidence back into the text as it is
            keep, clean = _visible(article)
            return tuple(replace(m, evidence=tuple(replace(e, a=_moved(e.a, keep, text), b=_moved(e.b, keep, text))
                                                   for e in m.evidence)) for m in self.match(clean))
        look = Look(text)
        if not self._worth_scanning(text, look):
            return ()
        scan = self._scan(text, look)
        if len(scan.mentions) < 2:
            return ()
        by_entity: dict[str, list[Found]] = {}
        for found in scan.mentions:
            for entity_id in found.entities:
                by_entity.setdefault(entity_id, []).append(found)
        candidates = set()
        for entity_id in by_entity:
            for partner in self._c.partners.get(entity_id, ()):
                if partner in by_entity:
                    pid = self._c.pairs.get((entity_id, partner))
                    if pid:
                        candidates.add((pid, entity_id, partner))
        if not candidates:
            return ()
        layout = Layout(text, len(article.title), len(article.title) + len(article.summary) + 4)
        cues = self._cues(scan, layout)
        organisations = [e for e in by_entity if e in self._organisations]
        matches = []
        for pid, a, b in sorted(candidates):
            if self._explained_by_organisation(a, b, by_entity) or self._explained_by_organisation(b, a, by_entity):
                continue
            if organisations and self._places_of_paired_organisations(a, b, by_entity, organisations, scan):
                continue
            if self._visited_place(a, b, by_entity, scan, text) or self._visited_place(b, a, by_entity, scan, text):
                continue
            if self._capitals_for_states(a, b, by_entity, scan):
                continue
            if self._side_of_its_region(a, by_entity, scan, text, layout) or self._side_of_its_region(
                    b, by_entity, scan, text, layout):
                continue  # on the Russian side, the governor of Rostov Oblast: the region's side
            mentions_a, mentions_b = by_entity[a], by_entity[b]
            if a in self._c.countries and b in self._c.countries and self._organisations_paired(a, b, by_entity):
                # a белорусско-таджикский деловой совет of the two states' chambers, both named: the
                # compound describes what the organisations do, not the states' relations; a
                # межправительственная комиссия is the states' own
                compounds = {(m.first, m.last) for m in mentions_a} & {(m.first, m.last) for m in mentions_b}
                compounds = {(first, last) for first, last in compounds if not any(
                    word.startswith(GOVERNMENTAL) for word in scan.words[last + 1:last + 4])}
                mentions_a = [m for m in mentions_a if (m.first, m.last) not in compounds]
                mentions_b = [m for m in mentions_b if (m.first, m.last) not in compounds]
            decided = self._decide(a, b, mentions_a, mentions_b, layout, cues, text)
            if decided:
                score, evidence = decided
                matches.append(Match(partnership_id=pid, score=round(score, 3), evidence=evidence))
        return tuple(sorted(matches, key=lambda m: (-m.score, m.partnership_id)))

    def _visited_place(self, place: str, other: str, by_entity: dict[str, list[Found]], scan: "Scan", text: str) -> bool:
        """A place named only as where something happened while the article names another
        catalogue partner of `other` in it: the partner is the party, the place the venue. A
        state: a partner territory inside it (в ходе визита в Беларусь … подписал с Брестским
        облисполкомом); a delegation that tours a state's plants visits the state too. A city or
        region: a partner inside it, or an organisation known only by its state (CBS Motors
        представила в Кишинёве автобусы МАЗ: the dealer is MAZ's partner, Chisinau the stage)."""
        c = self._c
        kind = c.entity_kind.get(place)
        if (place not in c.countries and kind not in ("city", "district", "region")) or not all(
                is_venue(text, scan, m.first, dictionary=False) for m in by_entity[place]):
            return False
        if place in c.countries:
            return self._partner_within((other,), (place,), by_entity, organisations=False)
        words = scan.words
        if any(words[i].startswith(BODY_WORDS) for m in by_entity[place] for i in range(m.first, m.last + 1)):
            return False  # переговоры в Гродненском облисполкоме: talks with the body, not a stage
        country = c.entity_country.get(place)
        return any(e != place and e in c.partners.get(other, ()) and (
            place in c.ancestors.get(e, ()) or (c.entity_kind.get(e) == "organization" and c.entity_country.get(e) == country
                                                 and c.countries.issuperset(c.ancestors.get(e, ()))))
                   for e in by_entity)

    def _side_of_its_region(self, state: str, by_entity: dict[str, list[Found]], scan: "Scan", text: str,
                            layout: "Layout") -> bool:
        """A state named only as a side (белорусская сторона, on the Russian side) in sentences that
        name a territory or organisation of that state: the side is theirs (On the Belarusian side,
        the talks were led by the chairman of the Minsk Oblast Executive Committee)."""
        c = self._c
        if state not in c.countries:
            return False
        for mention in by_entity[state]:
            written = text[mention.start:mention.end].lower()
            if not any(noun in written for noun in SIDE_NOUNS):
                return False
            sentence = layout.sentence(mention.start)
            if not any(layout.sentence(other.start) == sentence and other is not mention
                       and any(state in c.ancestors.get(e, ()) for e in other.entities)
                       and not (other.first and scan.words[other.first - 1] in PLACE_PREPOSITIONS)  # not a venue
                       for other in scan.mentions):
                return False
        return True

    def _capitals_for_states(self, a: str, b: str, by_entity: dict[str, list[Found]], scan: "Scan") -> bool:
        """Two states' capitals that stand for the governments, not the cities: "official" before one
        (официальные Минск и Ереван), or an article about the states (one of them named:
        "Belarusian" is no mention; or an intergovernmental body) that says nothing of cities (no
        city, mayor, twin or capital word: Минск и Тбилиси проведут заседание межправкомиссии …
        Посол Беларуси в Грузии)."""
        c = self._c
        state_a, state_b = c.capitals.get(a), c.capitals.get(b)
        if state_a is None or state_b is None:
            return False
        words = scan.words
        if any(m.first and words[m.first - 1].startswith(OFFICIAL) for m in by_entity[a] + by_entity[b]):
            return True  # официальные Минск и Ереван, official Minsk: the governments, always
        if not (any(e in c.countries and c.entity_country.get(e) in (state_a, state_b) for e in by_entity)
                or any(word.startswith(GOVERNMENTAL) for word in words)):
            return False
        return not any(word.startswith(MUNICIPAL_STEMS) or word in MUNICIPAL_WORDS for word in words)

    def _organisations_paired(self, state_a: str, state_b: str, by_entity: dict[str, list[Found]]) -> bool:
        """The article names two organisations of the two states that are catalogue partners."""
        c = self._c
        country_a, country_b = c.entity_country.get(state_a), c.entity_country.get(state_b)
        ours = [e for e in by_entity if c.entity_kind.get(e) == "organization" and c.entity_country.get(e) == country_a]
        theirs = [e for e in by_entity if c.entity_kind.get(e) == "organization" and c.entity_country.get(e) == country_b]
        return any((x, y) in c.pairs for x in ours for y in theirs)

    def _explained_by_organisation(self, side: str, partner: str, by_entity: dict[str, list[Found]]) -> bool:
        """A territory named only by adjective (гомельские комбайны, омских предприятий) where the
        article names an organisation of that territory which is itself a catalogue partner of
        `partner` (Гомсельмаш) or of an organisation of it it names (Омская ТПП and the Minsk
        branch of BelCCI): the adjective describes the organisations, not the territory's relations."""
        c = self._c
        if any(found.strength > WEAK for found in by_entity[side]):
            return False
        kind, ancestors = c.entity_kind, c.ancestors
        # the adjective may stand for the same-named oblast as well (омских: Omsk or its oblast)
        places = self._same_named.get(side, frozenset()) | {side}
        ours = [e for e in by_entity if kind.get(e) == "organization" and not places.isdisjoint(ancestors.get(e, ()))]
        theirs = {partner} | {e for e in by_entity if kind.get(e) == "organization" and partner in ancestors.get(e, ())}
        return any((mine, other) in c.pairs or (other, mine) in c.pairs for mine in ours for other in theirs)

    def _places_of_paired_organisations(self, a: str, b: str, by_entity: dict[str, list[Found]],
                                        organisations: list[str], scan: "Scan") -> bool:
        """Two territories that are only where two catalogue partner organisations the article names
        are (троллейбусы минского завода для кишинёвского перевозчика; «Гомельская правда» и
        «Брянский рабочий» о Гомеле и Брянске): the organisations are the parties. Not when the
        territories act too: a body or head of one is named (облисполком, мэрия, губернатор) or
        one is named with its kind (Магілёўская вобласць і Аджарыя падпісалі мемарандум)."""
        c = self._c
        kinds = ("city", "district", "region")
        if c.entity_kind.get(a) not in kinds or c.entity_kind.get(b) not in kinds:
            return False
        family_a, family_b = self._town_family(a), self._town_family(b)
        ours = [e for e in organisations if not family_a.isdisjoint(c.ancestors.get(e, ()))]
        theirs = [e for e in organisations if not family_b.isdisjoint(c.ancestors.get(e, ()))]
        if not any((x, y) in c.pairs or (y, x) in c.pairs for x in ours for y in theirs):
            return False
        words = scan.words
        if any(kind_of_noun(words[i]) for m in by_entity[a] + by_entity[b] for i in range(m.first, m.last + 1)):
            return False
        # a body of another kind of territory acts for none of them (представители облисполкома
        # at a city paper's jubilee: the region's, not the city's)
        own = {c.entity_kind.get(a), c.entity_kind.get(b)}
        return not any((word.startswith(BODY_WORDS) and not _body_of_another_kind(word, own)) or word in BODY_WORD_FORMS
                       for word in words)

    def _worth_scanning(self, text: str, look: "Look | None" = None) -> bool:
        """The cheap first look: could both sides of some catalogue partnership be in `text`?

        One byte-level fold and one automaton pass over the whole text; most news names no
        catalogue entity or only one side, and stops here. The full scan (sentences, cues,
        locators, typo repair) runs only when the names found, or a capitalised word one
        letter away from a partner's name, could complete a pair; it reuses the look's fold,
        words and hits.
        """
        c = self._c
        look = look or Look(text)
        found: set[str] = set()
        shared_adjectives = []
        forms = c.forms
        # each form once, in the order first found (a form seen again adds nothing)
        for index in dict.fromkeys([value >> KEY_WORD_BITS for _, value in look.hits(c)]):
            form = forms[index]
            if form.strength == WEAK and len(form.entities) > 1:
                shared_adjectives.append(form.entities)
            else:
                found.update(form.entities)
        # a capitalised word spelt the way another language spells a name (Сморгоншчына for
        # Смаргоншчына) names that entity
        capitalised = look.capitalised()
        loose_memo = self._loose_memo
        for written in capitalised:
            named = loose_memo.get(written)
            if named is None:
                named = self._loosely_named(written)
            if named:
                found |= named
        if not found and not shared_adjectives:
            return False
        wanted = self._wanted(found)
        # an adjective several entities share (гомельский: city or oblast) stands for one of them
        # only when that one, or one of its partners, is named outright (as in _clean)
        for entities in shared_adjectives:
            found.update(e for e in entities if e in found or e in wanted)
        if wanted & found:
            return True
        # or when its partner is named with a typo (Гомельские предприятия ... в Ворнеже)
        adjectives = {e for entities in shared_adjectives for e in entities}
        wanted |= self._wanted(adjectives)
        if not wanted:
            return _english_shared_kind_named(look)
        if wanted & adjectives and self._before_kind_noun(look):
            # two shared adjectives of partners, one right before a territory noun that may say
            # which they are (Віцебскай і Кастрамскай абласцямі, as _coordinated reads it): the
            # full scan decides
            return True
        # a typo in the missing side: capitalised words that are not name words
        return bool(self._typo_suspects(text, wanted, capitalised, first_only=True)) or _english_shared_kind_named(look)

    def _before_kind_noun(self, look: "Look") -> bool:
        """A shared adjective's word right before a territory noun (kind_of_noun), in the quick
        look's words."""
        c, parts = self._c, look.parts
        for end, value in look.hits(c):
            form = c.forms[value >> KEY_WORD_BITS]
            following = end // c.code_width + 1
            if (form.strength == WEAK and len(form.entities) > 1 and following < len(parts)
                    and kind_of_noun(parts[following].decode("cp1251"))):
                return True
        return False

    def _typo_suspects(self, text: str, wanted: set[str], capitalised: list[bytes] | None = None,
                       first_only: bool = False) -> list[bytes]:
        """Capitalised written words (cp1251 bytes) one edit from a name word of a `wanted` entity,
        and no real word (Подольские, Марку: never repaired, so no reason for the full path)."""
        if capitalised is None:
            capitalised = N.capitalised_words(N.scan_bytes(text)[0])
        memo, word_entities = self._near_memo, self._c.word_entities
        out = []
        for written in capitalised:
            named = memo.get(written)
            if named is None:
                word = written.decode("cp1251").lower().replace("ё", "е")
                near = self._near(word)
                named = _remember(memo, written, frozenset(e for o in near for e in word_entities.get(o, ()))
                                  if near and not _is_known_word(word) else frozenset())
            if named and not named.isdisjoint(wanted):
                out.append(written)
                if first_only:
                    break
        return out

    def _near(self, word: str) -> tuple[str, ...]:
        """Distinctive name words one edit (OSA) from `word` (a capitalised word, five letters or
        more), same first letter: those of its length or one letter longer or shorter that share
        its second letter or its last two (one edit leaves one of the two as it was), compared in
        rapidfuzz's C loop."""
        if self._c.code(word) is not None:
            return ()
        memo = self._near_words
        known = memo.get(word)
        if known is not None:
            return known  # a suspect's words are asked for again when it is repaired
        index = self._c.typo_index
        choices: set[str] = set()
        for length in (len(word) - 1, len(word), len(word) + 1):
            for key in typo_keys(word, length):
                choices.update(index.get(key, ()))
        near = [o for o, _, _ in process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=None)]
        return _remember(memo, word, tuple(sorted(near)))

    def _loosely_named(self, written: bytes) -> frozenset[str]:
        """The one entity a capitalised written word (cp1251 bytes) names up to spelling, if any."""
        memo = self._loose_memo
        named = memo.get(written)
        if named is None:
            named = _remember(memo, written,
                              frozenset(self._loose_options(written.decode("cp1251").lower().replace("ё", "е"))[1]))
        return named

    def _loose_options(self, word: str) -> tuple[tuple[str, ...], set[str]]:
        """(name words, the entity they share) for a word that is no name word but loosely equals
        some; empty when it is a name word, a dictionary word, or the matches name no one entity."""
        c = self._c
        if len(word) < 5 or c.code(word) is not None:
            return (), set()
        options = tuple(o for o in c.loose.get(N.loose(word), ()) if o != word)
        if not options:
            return (), set()
        shared = frozenset.intersection(*(c.word_entities.get(o, frozenset()) for o in options))
        if len(shared) != 1 or _is_known_word(word):
            return (), set()
        return options, set(shared)

    def _wanted(self, found: set[str]) -> set[str]:
        """The catalogue partners of the entities found (or of their same-named neighbours);
        `found` gains those neighbours."""
        near, wanted_of = self._same_named, self._wanted_of
        found.update(*(near[e] for e in found if e in near))
        return set().union(*(wanted_of[e] for e in found if e in wanted_of))

    def _typo_options(self, word: str, wanted: set[str]) -> set[str]:
        """Name words of the `wanted` entities one edit (OSA) away from `word`."""
        empty = frozenset()
        word_entities = self._c.word_entities
        return {o for o in self._near(word) if not word_entities.get(o, empty).isdisjoint(wanted)}

    def _decide(self, a, b, mentions_a, mentions_b, layout, cues, text):
        """The best-scoring pair of mentions with a cue in their span, as (score, (evidence,)),
        or None below the threshold. Cue words are looked up only for a pair that would beat the
        best so far, and the evidence is built once, for the winner."""
        best = None
        kind = self._c.entity_kind
        country_pair = (a in self._c.countries or b in self._c.countries) and "organization" not in (kind.get(a), kind.get(b))
        both_states = a in self._c.countries and b in self._c.countries
        organisations = self._organisations_by_name(a, b)
        region_and_state = {kind.get(a), kind.get(b)} == {"region", "country"}
        venues: dict[int, bool] = {}

        def venue(mention: Found, entity: str) -> bool:
            # by the pair's entity: "to Mogilev", the city or its free economic zone, is the
            # city's venue when the city is the one paired
            if kind.get(entity) not in ("city", "district", "region"):
                return False
            known = venues.get(mention.first)
            if known is None:
                known = venues[mention.first] = is_venue(text, cues.scan, mention.first, dictionary=False)
            return known
        sentence_of = layout.sentence
        sentences_b = [(mb, sentence_of(mb.start)) for mb in mentions_b]
        for ma in mentions_a:
            sa = sentence_of(ma.start)
            in_title_a = layout.in_title(sa)
            for mb, sb in sentences_b:
                if ma is mb:
                    continue
                if (ma.bound and not self._counterpart(ma, b)) or (mb.bound and not self._counterpart(mb, a)):
                    continue  # each of a coordinated pair (между X и Y) is the other's counterpart
                listed = ma.listed or mb.listed
                in_title_b = layout.in_title(sb)
                if sa == sb:
                    span, base = (sa,), 1.0
                    if in_title_a and not cues.get(sa) and layout.after_title is not None:
                        # a terse headline (X и Y подготовят сборник); the lead says what they do
                        span, base = (sa, layout.after_title), TITLE_AND_LEAD
                    elif not cues.get(sa) and _both_again(layout, sa):
                        # X и Y вместе благоустроили мемориал. Главы районов обсудили обмен делегациями
                        span, base = (sa, sa + 1), NEXT_SENTENCE
                elif layout.paragraph(sa) == layout.paragraph(sb) and abs(sa - sb) == 1:
                    span, base = (min(sa, sb), max(sa, sb)), NEXT_SENTENCE
                elif in_title_a != in_title_b:
                    body = sb if in_title_a else sa
                    span = tuple(layout.title_sentences) + (body,)
                    if body + 1 < len(layout.starts) and layout.paragraph(body + 1) == layout.paragraph(body):
                        span += (body + 1,)  # the relation is often in the sentence that follows
                    base = TITLE_AND_BODY
                elif layout.in_lead(sa) != layout.in_lead(sb):
                    # the article's subject, named in its lead, and a partner met later with a
                    # relation word around it (Центр сотрудничает с Костромским ... университетом)
                    body = sb if layout.in_lead(sa) else sa
                    span = (body,)
                    if body + 1 < len(layout.starts) and layout.paragraph(body + 1) == layout.paragraph(body):
                        span += (body + 1,)
                    base = LEAD_SCORE
                else:
                    continue
                if sa == sb and venue(ma, a) and venue(mb, b) and (
                        _parallel_clauses(text, ma, mb) or self._acted_by_their_own(a, b, sa, cues.scan, layout)):
                    # в Кобрине открыли каток, в Гусеве ремонтируют мост: two news in one line; в Гомеле
                    # руководство Гомельского облисполкома … на ярмарку в Брянске: the region acts,
                    # the towns are where
                    continue
                if sa != sb and (venue(ma, a) and venue(mb, b) or cues.called_off(sa) or cues.called_off(sb)):
                    # В Тбилиси прошло заседание … провести в Минске: where two things happen; … зокрема
                    # з Гродненською, але ці угоди давно не діють: not by the headline's agreement
                    continue
                weakest = min(ma.strength, mb.strength)
                if weakest == AMBIGUOUS and sa != sb:
                    continue  # an ambiguous name needs its partner in the same sentence
                if sa != sb and (self._signed_with_another(ma, b, sa, cues.scan, layout)
                                 or self._signed_with_another(mb, a, sb, cues.scan, layout)):
                    # … Gomselmash signed with Avtomash-Radiator: its own sentence says whose partner it is
                    continue
                if country_pair and sa != sb and not (region_and_state and base == TITLE_AND_BODY
                                                      and self._state_acting(ma if a in self._c.countries else mb, cues.scan, text)):
                    # a state's relations with a state or a territory are stated, not inferred
                    # across sentences; an organisation's with a state may be (a ministry's
                    # headline, the agreement with the state in its body), and a region's with a
                    # state across a headline and its body when the state acts there (Хабаровский
                    # край получит тракторы … Соглашение с Беларусью), not when it is a place
                    continue
                if (ma.goods or mb.goods) and (ma.goods == mb.goods or sa != sb or not any(
                        c.startswith(TRADE_MEASURES) for c in cues.get(sa, ()))):
                    # a state's goods or plants (белорусского мясокомбината) stand for the state only
                    # in a trade measure the other state takes (Российские инспекторы запретили ввоз)
                    continue
                if cues.compares(sa) or cues.compares(sb) or cues.compared_before(sa, ma.first) or cues.compared_before(sb, mb.first):
                    continue  # В Гомеле литр бензина дешевле, чем в Брянске: compared, not related
                if base < 1.0 and (cues.attending(sa) or cues.attending(sb)):
                    continue  # Присутствовал губернатор Брянской области: a guest of what others signed
                score = base
                if weakest == WEAK:
                    score -= 0.1
                if ma.fuzzy or mb.fuzzy:
                    score -= 0.05
                if best is not None and score <= best[0]:
                    continue  # the first pair with the top score keeps the evidence
                if listed:
                    # a list of twins or partners (среди побратимов, ties with) is reported on only
                    # by an event word in the list's own sentence: the status is no event
                    own = {s for m, s in ((ma, sa), (mb, sb)) if m.listed}
                    seen = tuple(dict.fromkeys(c for s in own for c in cues.get(s, ())
                                               if not any(part.startswith(STATUS_CUES) for part in c.split("-"))))
                    if seen:
                        # and in the list's own clause: after a semicolon the sentence moves on
                        # (… partner cities including Tbilisi and Yerevan; the new agreement …)
                        clauses = " ".join(_clause(layout, m) for m in (ma, mb) if m.listed)
                        seen = () if HELD_AGREEMENTS.search(clauses) else tuple(c for c in seen if c in clauses)
                else:
                    seen = tuple(dict.fromkeys(c for s in span for c in cues.get(s, ())))
                seen = tuple(c for c in seen if not c.startswith(ATTENDANCE))  # a guest, not a relation
                if both_states:
                    seen = tuple(c for c in seen if not c.startswith(NOT_STATE_CUES))
                    if sa == sb and _both_placed(cues.scan.words, ma, mb):
                        # закупает в России и Беларуси, туристы из Беларуси и Узбекистана: both states
                        # are where something comes from or happens, neither acts
                        continue
                if base in (LEAD_SCORE, NEXT_SENTENCE, TITLE_AND_LEAD) or (base == TITLE_AND_BODY and (
                        weakest == WEAK or layout.paragraph(span[-1]) > layout.paragraph(layout.lead_end) + 1)):
                    # names in different sentences: the relation is stated (визит, соглашение), an
                    # activity word (открыли, программа) may belong to either sentence alone (a digest)
                    seen = tuple(c for c in seen if any(part.startswith(RELATION_CUES) for part in c.split("-")))
                if not seen and not (organisations and sa == sb and weakest == STRONG and not listed
                                     and cues.names_suffice(sa) and not _list_goes_on(text, max(ma, mb, key=_end))
                                     and not _teams_of(cues.scan, ma, mb)):
                    continue
                best = (score, ma, mb, span, seen)
        if best is None or best[0] < THRESHOLD:
            return None
        score, ma, mb, span, seen = best
        evidence = Evidence(
            a=Mention(a, text[ma.start:ma.end], ma.start, ma.end),
            b=Mention(b, text[mb.start:mb.end], mb.start, mb.end),
            sentence=layout.span_text(span), cues=seen[:8])
        return score, (evidence,)

    def _town_family(self, town: str) -> frozenset[str]:
        """A territory, its same-named ones and the regions it lies in: whose organisations are the
        town's (the Adjara chamber hosts a mission in Batumi)."""
        c = self._c
        return self._same_named.get(town, frozenset()) | {town} | (c.ancestors.get(town, frozenset()) - c.countries)

    def _acted_by_their_own(self, a: str, b: str, sentence: int, scan: "Scan", layout: "Layout") -> bool:
        """The sentence names, besides two towns, a region or organisation of one of them that is
        not a venue: that one acts, and the towns are where."""
        c = self._c
        own = self._town_family(a) | self._town_family(b)
        for other in scan.mentions:
            if layout.sentence(other.start) != sentence or a in other.entities or b in other.entities:
                continue
            if any(e in own or (c.entity_kind.get(e) == "organization" and not own.isdisjoint(c.ancestors.get(e, ())))
                   for e in other.entities) and not is_venue(layout.text, scan, other.first, dictionary=False):
                return True
        return False

    def _signed_with_another(self, mention: Found, other: str, sentence: int, scan: "Scan", layout: "Layout") -> bool:
        """`mention` follows с or with, and its sentence names before it another catalogue partner
        of its entity than `other`: the sentence's own pair (Могилевский облисполком заключил
        соглашение с правительством Новосибирской области)."""
        words = scan.words
        if not mention.first or words[mention.first - 1] not in WITH_WORDS:
            return False
        partners = {p for e in mention.entities for p in self._c.partners.get(e, ())} - {other}
        return any(layout.sentence(m.start) == sentence and m.last < mention.first and not partners.isdisjoint(m.entities)
                   for m in scan.mentions)

    @staticmethod
    def _state_acting(mention: Found, scan: "Scan", text: str) -> bool:
        """A state named as a party (с Беларусью, the Government of Belarus, премьер-министром
        Беларуси), not where something is, goes or comes from (в Беларусь, из Беларуси, на западе Беларуси)."""
        for index in range(mention.first - 1, max(-1, mention.first - 6), -1):
            if not SENTENCE_BREAKS.isdisjoint(text[scan.spans[index][1]:scan.spans[index + 1][0]]):
                return True  # the sentence begins here
            if scan.words[index] in PLACE_PREPOSITIONS:
                return False
        return True

    def _organisations_by_name(self, a: str, b: str) -> bool:
        """Both sides are organisations: named outright in one sentence, they are its subject
        (Укргазвидобування залучить Білоруснафту до буріння) with no relation word needed, unless
        the sentence cites one (`Cues.names_suffice`). Two places or two states in one sentence
        are often just named."""
        kind = self._c.entity_kind
        return kind.get(a) == kind.get(b) == "organization"

    def _partner_within(self, sides, places, named, organisations: bool = True) -> bool:
        """One of the `named` entities is a catalogue partner of one of `sides` inside one of
        `places` (a region of the host state, a partner oblast in the visited state), an
        organisation too unless `organisations` is False."""
        c = self._c
        partners = {p for e in sides for p in c.partners.get(e, ())}
        return any(e in partners and not c.ancestors.get(e, frozenset()).isdisjoint(places)
                   and (organisations or c.entity_kind.get(e) != "organization") for e in named)

    def _region_within(self, sides, places, named) -> bool:
        """One of the `named` entities is a region inside one of `places` (губернатор Тульской
        области встретился с послом Беларуси в России), or a catalogue partner of one of `sides`
        inside one (a district, a city)."""
        c = self._c
        return self._partner_within(sides, places, named) or any(
            c.entity_kind.get(e) == "region" and not c.ancestors.get(e, frozenset()).isdisjoint(places) for e in named)

    def _counterpart(self, mention: Found, entity: str) -> bool:
        """`entity` is what a coordinated `mention` is bound to, or an organisation or territory in
        it: the Orenburg union of industrialists for a union bound to Orenburg's (Витебский союз
        нанимателей и оренбургские промышленники), a Belarusian plant for a region bound to Belarus
        (Средний Урал и Беларусь: контракты БелАсептики), a Kazakh region for one bound to
        Kazakhstan (Могилёвщина и Казахстан: … с Туркестанской областью)."""
        c = self._c
        if entity in mention.bound:
            return True
        inside = not c.ancestors.get(entity, frozenset()).isdisjoint(mention.bound)
        return inside and (c.entity_kind.get(entity) == "organization" or (
            c.countries.issuperset(mention.bound) and not c.countries.issuperset(mention.entities)))

    def _cues(self, scan: "Scan", layout: "Layout") -> "Cues":
        return Cues(self._c.cue_automaton, self._longest_cue, scan, layout)

    # --- mentions ---

    def _scan(self, text: str, look: "Look | None" = None) -> "Scan":
        look = look or Look(text)
        scan = look.scan()
        found = self._find(scan, fuzzy=set(), hits=look.hits(self._c)
                           if look.regular else None)
        repaired = self._repair(text, scan, found, look.capitalised())
        if repaired:
            # the coded words again, each repaired word recoded: names are found anew, and `taken`
            # covers the words catalogue names cover, the repaired ones included
            c = self._c
            width = c.code_width
            coded = look.coded if look.regular else encode(c.byte_codes, width, scan.words)
            pieces, done = [], 0
            for index in sorted(repaired):
                pieces += [coded[done:index * width], c.code(repaired[index]) or " " * width]
                done = (index + 1) * width
            pieces.append(coded[done:])
            found = self._find(scan, fuzzy=set(repaired), hits=list(c.automaton.iter("".join(pieces))))
        if any(plural in scan.key for plural in EN_PLURAL_KIND_KEYS):
            found = self._english_shared_kind(text, scan, found)
        scan.mentions = self._clean(text, scan, self._organisations_of_territories(text, scan, found))
        return scan

    def _english_shared_kind(self, text: str, scan: "Scan", found: list[Found]) -> list[Found]:
        """English names sharing one plural kind noun (Oryol and Mogilev regions, Soligorsk and
        Myadel districts): each is the territory its name and the singular noun make; so is a
        name before a region's head (the Tver governor)."""
        c, words = self._c, scan.words
        by_first = {item.first: k for k, item in enumerate(found)}
        out, added = list(found), []
        for at, word in enumerate(words):
            kind_word = EN_PLURAL_KINDS.get(word) or EN_HEAD_KINDS.get(word)
            if kind_word is None or at == 0:
                continue
            names, p = [at - 1], at - 1
            while p >= 2 and word in EN_PLURAL_KINDS:
                if words[p - 1] == "and" and text[scan.spans[p - 2][1]:scan.spans[p - 1][0]] == " ":
                    p -= 2
                elif text[scan.spans[p - 1][1]:scan.spans[p][0]].strip() == "," and p >= 1:
                    p -= 1
                else:
                    break
                names.append(p)
            if len(names) < 2 and word in EN_PLURAL_KINDS:
                continue
            for q in names:
                codes = (c.code(words[q]), c.code(kind_word))
                value = c.automaton.get("".join(codes), None) if None not in codes else None
                if value is None or value < 0 or not text[scan.spans[q][0]].isupper():
                    continue
                entities = c.forms[value >> KEY_WORD_BITS].entities
                start, end = scan.spans[q]
                if q in by_first and found[by_first[q]].last == q:
                    out[by_first[q]] = found[by_first[q]]._replace(entities=entities, strength=STRONG)
                elif q not in scan.taken:
                    added.append(Found(entities, STRONG, q, q, start, end))
                    scan.taken.add(q)
        if added:
            out = sorted(out + added, key=lambda f: f.first)
        return out

    def _find(self, scan: "Scan", fuzzy: set[int], hits: list | None = None) -> list[Found]:
        """Mentions by longest match; `hits` are the automaton's on the coded words when known."""
        c = self._c
        spans, forms, mask, width = scan.spans, c.forms, (1 << KEY_WORD_BITS) - 1, c.code_width
        # (first word, last word) -> the form found there: one key per word sequence
        by_words: dict[tuple[int, int], int] = {}
        if hits is None:
            hits = c.automaton.iter(encode(c.byte_codes, width, scan.words))
        for end, value in hits:
            last = end // width
            by_words[(last - (value & mask) + 1, last)] = value >> KEY_WORD_BITS
        taken: set[int] = set()
        found = []
        # longest first, then leftmost: one (first, last) per entry, so the index never decides
        for _, first, last, index in sorted([(f - l, f, l, i) for (f, l), i in by_words.items()]):
            if first == last:
                if first in taken:
                    continue
                taken.add(first)
                is_fuzzy = first in fuzzy
            else:
                covered = range(first, last + 1)
                if not taken.isdisjoint(covered):
                    continue
                taken.update(covered)
                is_fuzzy = not fuzzy.isdisjoint(covered)
            form = forms[index]
            # a compound of two states (белорусско-грузинский) is a mention of each
            for entities in ([(e,) for e in form.entities] if form.kind == "pair" else [form.entities]):
                found.append(Found(entities, form.strength, first, last, spans[first][0], spans[last][1], is_fuzzy,
                                   goods=form.kind == "goods"))
        found.sort(key=lambda f: f.first)
        scan.taken = taken
        return found

    def _repair(self, text: str, scan: "Scan", found: list[Found], capitalised: list[bytes]) -> dict[int, str]:
        """Single-letter typos in capitalised words that land on exactly one name word of a
        partner of an entity already found: a typo matters only when it completes a pair.
        `capitalised`: N.capitalised_words of the text."""
        repaired: dict[int, str] = {}
        named = {e for item in found for e in item.entities}
        loose = {w.decode("cp1251").lower().replace("ё", "е") for w in capitalised if self._loosely_named(w)}
        for index, word in enumerate(scan.words) if loose else ():
            if word not in loose or index in scan.taken or not text[scan.spans[index][0]].isupper():
                continue
            options, entity = self._loose_options(word)
            if options:
                repaired[index] = min(options, key=lambda o: (abs(len(o) - len(word)), o))
                named |= entity
        wanted = self._wanted(named)
        if not wanted:
            return repaired
        # capitalised written words near a wanted name first, then their places in the text
        suspects = {written.decode("cp1251").lower().replace("ё", "е")
                    for written in self._typo_suspects(text, wanted, capitalised)}
        if not suspects:
            return repaired
        for index, word in enumerate(scan.words):
            if word not in suspects or index in scan.taken or index in repaired or not text[scan.spans[index][0]].isupper():
                continue
            options = self._typo_options(word, wanted)
            if not options:
                continue
            start, end = scan.spans[index]
            if (text[start - 1:start] in OPENING_QUOTES and text[end:end + 1] in CLOSING_QUOTE_MARKS
                    and any(self._c.entity_kind.get(e) != "organization" for o in options
                            for e in self._c.word_entities.get(o, ()))):
                continue  # one quoted word is a brand's name (тракторы «Беларус»), not a place misspelt
            # several spellings of one entity (канск, канськ) are one answer; two entities are none
            shared = frozenset.intersection(*(self._c.word_entities.get(o, frozenset()) for o in options))
            if (len(options) > 1 and not shared) or _is_known_word(word):
                continue
            repaired[index] = min(options, key=lambda o: (abs(len(o) - len(word)), o))
        return repaired

    def _kinds(self, item: Found) -> set[str]:
        return {self._c.entity_kind.get(e) for e in item.entities}

    def _clean(self, text: str, scan: "Scan", found: list[Found]) -> list[Found]:
        c = self._c
        found = self._plural_heads(text, scan, self._shared_heads(scan, found))
        # a parent or country right after its child is a locator (Сафоновский район Смоленской области)
        drop: set[int] = set()
        for i in range(1, len(found)):
            previous, current = found[i - 1], found[i]
            if not SENTENCE_BREAKS.isdisjoint(text[previous.end:current.start]):
                continue  # … Житомирської області. Житомирська ОДА уклала …: a new sentence, no locator
            if current.first == previous.last + 1 or (
                    current.first == previous.last + 2 and (scan.words[previous.last + 1] in ("of", "in", "в", "во", "у", "ў")
                                                            or kind_of_noun(scan.words[previous.last + 1]))) or (
                    current.first == previous.last + 3 and scan.words[previous.last + 1:current.first] == ["of", "the"]) or (
                    _compass_locator(scan.words[previous.last + 1:current.first])):
                parents = set().union(*(c.ancestors.get(e, frozenset()) for e in previous.entities))
                if set(current.entities) <= parents:
                    drop.add(i)
                elif (current.first == previous.last + 1 and text[previous.end:current.start].isspace()
                      and "\n" not in text[previous.end:current.start]
                      and self._kinds(current) == {"region"}
                      and self._kinds(previous) <= {"district", "city"}
                      and (len({c.entity_country.get(e) for e in previous.entities + current.entities}) == 1
                           or scan.words[current.last] in REGION_GENITIVE)):
                    # a region not its own after a district or city (Островский район Псковской
                    # области, the catalogue's is Kostroma's; Дзержинск Нижегородской области, the
                    # catalogue's is Belarusian; another state's region only in the genitive, not
                    # two headlines run together): a same-named place elsewhere, and the region only
                    # locates it
                    drop.update((i - 1, i))
            # an adjective right before an organisation says where it is (минским Белкоммунмашем)
            if (current.first == previous.last + 1 and previous.strength == WEAK
                    and all(c.entity_kind.get(e) == "organization" for e in current.entities)):
                drop.add(i - 1)
        kept = []
        dropped_country = -1  # token index after the last state dropped as part of a name or a locator
        origin_end = 0  # token index after the last place dropped as where people come from
        for i, item in enumerate(found):
            if i in drop:
                continue
            is_country = c.countries.issuperset(item.entities)
            if is_country or all(c.entity_kind.get(e) == "region" for e in item.entities):
                # the second of two coordinated states or regions shares the first's role
                # (регионов Беларуси и России, районами Брестчины и Оренбуржья)
                follows = (dropped_country >= 0 and item.first - dropped_country == 1
                           and scan.words[dropped_country] in CONJUNCTIONS)
                if follows or (self._inside_org_name(text, scan, item.first) if is_country
                               else _after_plural_territory(text, scan, item.first)):
                    dropped_country = item.last + 1
                    continue
                if is_country and _possessive_locator(text, scan, item):
                    continue  # Russia's Sakhalin Oblast, Uzbekistan's innovation ministry
                if (is_country and item.last + 1 < len(scan.words) and scan.words[item.last + 1].startswith(BRAND_PRODUCTS)
                        and text[item.start:item.end].isascii()):
                    continue  # Belarus Tractor trading house, Belarus tractors: the brand, not the state
                if is_country and _english_attribute(text, scan, item):
                    continue  # the Belarus science committee: the committee's, not the state
                if (is_country and _in_compound(found, i) and item.last + 1 < len(scan.words)
                        and NAME_HEADS.match(scan.words[item.last + 1])):
                    continue  # Белорусско-Российский университет: one institution's name, not the states' relations
            if ((len(item.entities) > 1 or item.strength == AMBIGUOUS) and self._organisations.issuperset(item.entities)
                    and i + 1 < len(found) and found[i + 1].first == item.last + 1
                    and self._organisations.issuperset(found[i + 1].entities)
                    and text[item.end:found[i + 1].start].strip() in OPENING_QUOTES):
                continue  # Минский завод «Белкоммунмаш»: which Minsk plant the quoted name says
            if ((len(item.entities) > 1 or item.strength == AMBIGUOUS) and self._organisations.issuperset(item.entities)
                    and i + 1 < len(found) and found[i + 1].first == item.last + 1
                    and c.countries.issuperset(found[i + 1].entities)):
                # Министерство сельского хозяйства Кыргызской Республики: a name several states'
                # ministries share, told apart by the state named after it
                own = self._organisation_of_state(tuple(scan.words[item.first:item.last + 1]), found[i + 1].entities,
                                                  item.entities)
                if not own:
                    continue  # another state's ministry, one the catalogue lacks
                item = item._replace(entities=own, strength=STRONG)
            if (i + 1 < len(found) and found[i + 1].first == item.last + 1 and not self._organisations.issuperset(item.entities)
                    and (self._organisations.issuperset(found[i + 1].entities) or all(
                        not c.ancestors.get(e, frozenset()).isdisjoint(item.entities) for e in found[i + 1].entities))
                    and _possessive_locator(text, scan, item)):
                continue  # Minsk's Keramin, Moscow's Sokolinaya Gora district: where the plant or district is
            if item.first and scan.words[item.first - 1] in NOT_THIS:
                continue  # Гомельский район, а не Гомель: the place said not to be the one
            if item.first and scan.words[item.first - 1].startswith(("культурн", "cultural")) and self._kinds(item) == {"city"}:
                continue  # the cultural capital of Belarus: Vitebsk, not Minsk
            if _not_to_confuse_with(scan.words, item.first):
                continue  # not to be confused with Tashkent State Technical University: not the one
            if item.first and scan.words[item.first - 1] in NEAR and self._kinds(item) <= {"city", "district", "region"}:
                continue  # ферма под Витебском, outside Minsk: where something lies, near the place
            if _is_dateline(text, item) and self._kinds(item) != {"organization"}:
                continue  # МИНСК, 14 марта: where a report is filed; BNTU, Tashkent … is a party
            if is_country and i and _host_of_envoy(scan, found, i, c.countries) and self._region_within(
                    found[i - 1].entities, item.entities, {e for other in found for e in other.entities}):
                # Пасол Беларусі ў Расіі сустрэўся з губернатарам Прыамур'я: where the ambassador
                # serves is his title; the relation is with the region. With no such region
                # (Посольство Білорусі в Україні провело прийом), it is the states'
                continue
            if is_country and _occasion_compound(scan, found, i):
                continue  # signed at the Belarus-Russia sister cities meeting: the event's locator
            if _on_route(text, scan, found, i):
                continue  # трасса Гомель — Брянск, поезд Минск — Москва: the ends of a route
            if _is_origin(scan, _past_unknown_members(text, scan, item.first)) or self._person_from(text, scan, item) or (_guests_from_many(text, scan, item)
                                                 and not self._twins_of_host(text, scan, found, i)) or (
                    self._groups_from_elsewhere(text, scan, found, i)) or (
                    origin_end and found[i - 1].last + 1 == origin_end
                    and (_list_link(text, found[i - 1], item) or _one_name_between(text, found[i - 1], item))):
                origin_end = item.last + 1
                continue  # уроженец Калужской области, команды из Бреста и Брянска: where people come from
            if (((item.strength == WEAK and item.last + 1 < len(scan.words) and PRODUCTS.match(scan.words[item.last + 1]))
                    or (item.first >= 2 and scan.words[item.first - 1] in FROM
                        and PRODUCTS.match(scan.words[item.first - 2])))
                    and not self._organisations.issuperset(item.entities)):
                # магілёўскія ліфты, лифты из Могилёва: the goods of a plant in the town, so not the
                # town's; a region may still trade them (Новосибирская область закупит могилевские
                # лифты), and lifts from Mogilevliftmash name their maker
                # a state is where goods come from (тракторы из Беларуси), not a party, as a town is
                towns = tuple(e for e in item.entities if c.entity_kind.get(e) not in ("city", "country"))
                if not towns:
                    continue
                item = item._replace(entities=towns)
            if _names_something_else(text, scan, item):
                continue  # улица Волгоградская, ресторан «Тбилиси», витебский художник
            if self._organisations.issuperset(item.entities) and self._name_goes_on(text, scan, item):
                continue  # Могилёвский университет продовольствия: another organisation
            if (item.strength > WEAK and not self._organisations.issuperset(item.entities)
                    and _inside_longer_quoted_name(text, item)):
                continue  # «Динамо Батуми», «Динамо-Брест»: a club's quoted name, not the city
            if (text[item.start - 1:item.start] in OPENING_QUOTES and text[item.end:item.end + 1] in CLOSING_QUOTE_MARKS
                    and self._kinds(item) <= {"city", "district", "region", "country"}):
                continue  # «Гомель» обыграл «Брянск»: a club, a hotel or a paper by the place's name alone
            if item.strength == WEAK and (_inside_quotes(text, item) or (
                    not item.goods and text[item.end:item.end + 2].lstrip()[:1] in "«\"„")):
                # an adjective in a quoted name (фестиваль «Слонимские встречи») is the name's; one
                # before it (солигорский «Шахтёр») says where the organisation is from
                continue
            if item.strength == AMBIGUOUS and not self._plausible_ambiguous(text, scan, item):
                continue
            if item.first == item.last and self._person_named(text, scan, item):
                continue  # заместитель председателя Владимир Книга: a man, not the city
            if self._media.issuperset(item.entities) and _attribution(text, scan, item):
                continue  # Kazinform has learnt from BelTA: the source of a report, not a party
            if item.first and self._of_another_state(scan.words[item.first - 1], item):
                continue  # армянский Армавир: a same-named place in another state
            if (item.strength == WEAK and item.last + 1 < len(scan.words)
                    and _body_of_another_kind(scan.words[item.last + 1], self._kinds(item))):
                # Глубокский горисполком: the body of the same-named city, when the catalogue has it
                # (Барановичский горисполком: it has only the district, so no one's)
                kind = kind_of_noun(scan.words[item.last + 1])
                body_of = tuple(sorted({c.same_name.get(e, {}).get(kind) for e in item.entities} - {None}))
                if len(body_of) != 1:
                    continue
                item = item._replace(entities=body_of, strength=STRONG, last=item.last + 1,
                                     end=scan.spans[item.last + 1][1])
            if (item.last + 1 < len(scan.words) and scan.words[item.last + 1] in EN_KIND_OF_WORD
                    and EN_KIND_OF_WORD[scan.words[item.last + 1]] not in self._kinds(item)
                    and not self._organisations.issuperset(item.entities) and text[item.start:item.end].isascii()
                    and text[item.end:scan.spans[item.last + 1][0]].isspace()):
                continue  # the Mogilev District Executive Committee: a district the catalogue lacks, not the city (MAZ city buses: a brand)
            if (item.last + 1 < len(scan.words) and scan.words[item.last + 1] in EN_TRADERS
                    and not self._organisations.issuperset(item.entities) and text[item.start:item.end].isascii()):
                continue  # its Chisinau dealer: a company trading there, not the city
            if (item.strength == WEAK and item.last + 1 < len(scan.words) and names_one_district(scan.words[item.last + 1])
                    and not any(c.entity_kind.get(e) == "district" for e in item.entities)):
                continue  # Брестський район, Брэсцкі раён: a district the catalogue lacks, not the oblast
            kept.append(item)
        kept = self._coordinated(text, scan, kept)
        # an adjective alone stands for the one same-stem entity the article names outright, or
        # failing that, the one that has a catalogue partner named in the article
        named = {e for item in kept if item.strength > WEAK for e in item.entities}
        # an adjective or demonym of one entity only (павлодарцы) says which partner a shared one
        # stands for (гомельчане: the oblast, Pavlodar's partner) as a name would
        unique = {item.entities[0] for item in kept if item.strength == WEAK and len(item.entities) == 1}
        partnered = {p for e in named | unique for p in c.partners.get(e, ())}
        resolved = []
        for item in kept:
            if item.strength == WEAK:
                chosen = tuple(e for e in item.entities if e in named)
                if not chosen:
                    chosen = tuple(e for e in item.entities if e in partnered)
                if not chosen and len(item.entities) == 1:
                    chosen = item.entities
                if len(chosen) != 1:
                    continue
                item = item._replace(entities=chosen)
            elif item.strength == AMBIGUOUS and item.first and scan.words[item.first - 1] in PLACE_MARKERS:
                item = item._replace(strength=STRONG)
            elif item.last + 1 < len(scan.words) and scan.words[item.last + 1] in EN_SIDE_NOUNS:
                # the Mogilev delegation, the Brest authorities in an article about the oblast:
                # English's bare name before a side's noun stands for the region the article names
                regions = {e for e in named if c.entity_kind.get(e) == "region"
                           and not self._same_named.get(e, frozenset()).isdisjoint(item.entities)}
                # not when the city is named with its kind or a body of its own (the city of Brest)
                with_kind = any(item.entities[0] in other.entities and other.last > other.first
                                for other in kept if other.strength > WEAK)
                if len(regions) == 1 and len(item.entities) == 1 and c.entity_kind.get(item.entities[0]) == "city" \
                        and not with_kind and text[item.start:item.end].isascii():
                    item = item._replace(entities=tuple(regions))
            resolved.append(item)
        return self._enumerations(text, scan, resolved)

    def _groups_from_elsewhere(self, text: str, scan: "Scan", found: list[Found], i: int) -> bool:
        """People or groups from two or more towns (ансамбли из Орши и Бельц) at an event the
        sentence places elsewhere (В Яссах прошёл фестиваль, на фестивале в Подмосковье): where
        they come from, not partners; unless the sentence names a partner of theirs before them
        (a twin's City Day, Мининформ's seminar for journalists from its partner regions)."""
        item, words = found[i], scan.words
        first = item.first
        if first < 2 or words[first - 1] not in FROM or not PEOPLE_HEAD.match(words[first - 2]):
            return False
        members = _list_from(text, found, i)
        if len(members) < 2:
            return False
        partners = {p for m in members for e in m.entities for p in self._c.partners.get(e, ())}
        if not partners.isdisjoint(_named_before(text, found, i)):
            return False  # hosted by a partner
        for k in range(first - 3, max(-1, first - 16), -1):
            if not SENTENCE_BREAKS.isdisjoint(text[scan.spans[k][1]:scan.spans[k + 1][0]]):
                return False
            if words[k] in VENUE_WORDS and text[scan.spans[k + 1][0]].isupper():
                return True  # a venue, the catalogue's or not (Яссы), that is no partner of theirs
        return False

    def _twins_of_host(self, text: str, scan: "Scan", found: list[Found], i: int) -> bool:
        """The list of towns guests come from that starts at `found[i]` holds only catalogue
        partners of a place named before it in the sentence: a town hosting its twins (Бельцы
        принимают гостей из Орши, Полоцка и Витебска), not visitors from many towns. Guests, not
        people by trade (артисты из Ванадзора, Бельц и Волгограда at an international festival)."""
        c, first = self._c, found[i].first
        if first < 2 or scan.words[first - 1] not in FROM or not scan.words[first - 2].startswith(GUESTS):
            return False
        hosts = _named_before(text, found, i)
        return bool(hosts) and all(any(p in hosts for e in m.entities for p in c.partners.get(e, ()))
                                   for m in _list_from(text, found, i))

    def _organisations_of_territories(self, text: str, scan: "Scan", found: list[Found]) -> list[Found]:
        """An organisation written as its kind and the territory it serves (Министерство финансов и
        экономики Аджарии for Министерство финансов и экономики Автономной Республики Аджария): the
        one organisation of that territory whose name begins with the words from an organisation
        word (ORG_HEAD) up to the territory, each word by its first four letters."""
        words, taken, memo, out = scan.words, scan.taken, self._org_head_memo, None
        for i, item in enumerate(found):
            if item.first == 0 or self._organisations.issuperset(item.entities):
                continue
            for head in range(item.first - 1, max(-1, item.first - 7), -1):
                word = words[head]
                if head in taken or word in PLACE_PREPOSITIONS:
                    break  # another name, or в Аджарии: where, not whose
                is_head = memo.get(word)
                if is_head is None:
                    is_head = _remember(memo, word, ORG_HEAD.match(word) is not None)
                if is_head:
                    if SENTENCE_BREAKS.isdisjoint(text[scan.spans[head][1]:item.start]):
                        own = self._organisation_of_state(tuple(words[head:item.first]), item.entities, (),
                                                          descendants=True)
                        if own:
                            out = out or list(found)
                            out[i] = Found(own, STRONG, head, item.last, scan.spans[head][0], item.end, item.fuzzy)
                    break
        return out or found

    def _organisation_of_state(self, words: tuple[str, ...], states: tuple[str, ...], entities: tuple[str, ...],
                               descendants: bool = False) -> tuple[str, ...]:
        """Of the organisations a shared name stands for (`entities`), those of `states`; failing
        that, the one organisation of those states (or, with `descendants`, within those
        territories) whose name begins with the same words (each word by its first four letters,
        so any case: Министерству сельского хозяйства → Министерство сельского хозяйства,
        пищевой промышленности и мелиорации Кыргызской Республики). Empty when there is none or
        more than one."""
        c = self._c
        countries = {c.entity_country.get(s) for s in states}
        own = tuple(e for e in entities if c.entity_country.get(e) in countries)
        if own:
            return own
        memo_key = (words, states, descendants)
        found = self._state_organisation_memo.get(memo_key)
        if found is None:
            start = tuple(w[:4] for w in words)
            found = tuple(sorted(
                e for e in self._organisations
                if (not c.ancestors.get(e, frozenset()).isdisjoint(states) if descendants
                    else c.entity_country.get(e) in countries)
                and any(tuple(w[:4] for w in N.words(name))[:len(start)] == start
                        for name in self._names_of(e))))
            found = _remember(self._state_organisation_memo, memo_key, found if len(found) == 1 else ())
        return found

    def _names_of(self, entity_id: str) -> list[str]:
        entity = self.catalogue.entities[entity_id]
        return [*entity.names.values(), *(alias for aliases in entity.aliases.values() for alias in aliases)]

    def _name_goes_on(self, text: str, scan: "Scan", item: Found) -> bool:
        """An organisation's name that goes on past its head noun, so names another organisation:
        a noun in the genitive (Могилёвский университет продовольствия, Белорусский
        государственный университет информатики) or "of" and a capitalised word no catalogue
        name takes (Belarusian State University of Informatics and Radioelectronics). Not "имени"
        and not a word of the organisation's own names. `item` names organisations."""
        c, words, after = self._c, scan.words, item.last + 1
        if after >= len(words) or not NAME_HEADS.search(words[item.last]) or text[item.end:scan.spans[after][0]] != " ":
            return False
        word = words[after]
        if word == "of":
            following = after + 1
            return (following < len(words) and following not in scan.taken
                    and text[item.end:scan.spans[following][0]] == " of " and text[scan.spans[following][0]].isupper())
        if len(word) < 4 or word in NAMED_AFTER_WORDS or not text[scan.spans[after][0]].islower() or not set(
                item.entities).isdisjoint(c.word_entities.get(word, ())):
            return False
        # after a head in another case the next word may open the clause (в университете стороны
        # договорились): there only a word that reads as nothing but a genitive noun goes on
        bare = NAME_HEADS.fullmatch(words[item.last]) is not None
        for lang, genitive in c.genitive_nouns.items():
            readings = N.word_forms(word, lang)
            if readings and (readings <= genitive if not bare else not genitive.isdisjoint(readings)):
                return True
        return False

    def _of_another_state(self, word: str, item: Found) -> bool:
        """`word` is a state's adjective (армянский, Armenian) and `item` a place in none of it."""
        c = self._c
        state = self._state_of_adjective.get(word)
        if state is None:
            if "-" in word or not word.startswith(STATE_ADJECTIVES):
                return False
            state = next(code for stem, code in STATE_ADJECTIVE_CODES if word.startswith(stem))
        return (self._kinds(item) <= {"city", "district", "region"}
                and all(c.entity_country.get(e) not in (state, None) for e in item.entities))

    def _shared_heads(self, scan: "Scan", found: list[Found]) -> list[Found]:
        """Two organisations sharing one head noun (НОК Беларуси и Таджикистана): a state right
        after an organisation and a conjunction is the same kind of organisation of that state
        when the catalogue names one so (НОК Таджикистана)."""
        c = self._c
        out = list(found)
        for i in range(1, len(found)):
            left, right = found[i - 1], found[i]
            if (right.first != left.last + 2 or scan.words[left.last + 1] not in CONJUNCTIONS
                    or not c.countries.issuperset(right.entities)
                    or not all(c.entity_kind.get(e) == "organization" for e in left.entities)):
                continue
            for head in range(left.first + 1, left.last + 1):
                codes = [c.code(w) for w in scan.words[left.first:head] + scan.words[right.first:right.last + 1]]
                value = c.automaton.get("".join(codes), None) if None not in codes else None
                if value is not None and value >= 0:
                    form = c.forms[value >> KEY_WORD_BITS]
                    if all(c.entity_kind.get(e) == "organization" for e in form.entities):
                        out[i] = right._replace(entities=form.entities, strength=STRONG)
                        break
        return out

    def _plural_heads(self, text: str, scan: "Scan", found: list[Found]) -> list[Found]:
        """Organisations of several states under one plural noun (the National Olympic Committees
        of Tajikistan and Belarus, олимпийские комитеты Беларуси и Таджикистана, Belarus,
        Tajikistan Olympic committees): each state stands for its one catalogue organisation
        whose names hold the noun's words."""
        c = self._c
        out = list(found)
        i = 0
        while i < len(found):
            if not c.countries.issuperset(found[i].entities):
                i += 1
                continue
            run = [i]  # states joined by commas and conjunctions
            while (run[-1] + 1 < len(found) and c.countries.issuperset(found[run[-1] + 1].entities)
                   and _list_link(text, found[run[-1]], found[run[-1] + 1])):
                run.append(run[-1] + 1)
            i = run[-1] + 1
            if len(run) < 2:
                continue
            first, last = found[run[0]], found[run[-1]]
            before = first.first - 1 - (first.first >= 1 and scan.words[first.first - 1] == "of")
            head = _plural_phrase(text, scan, range(before, max(-1, before - 3), -1))
            head = head or _plural_phrase(text, scan, range(last.last + 1, min(len(scan.words), last.last + 4)))
            if not head:
                continue
            nonstate = any(NONSTATE_PLURAL.match(word) for word in head)
            for k in run:
                organisations = self._organisations_named(head, found[k].entities)
                if len(organisations) == 1:
                    out[k] = found[k]._replace(entities=tuple(organisations), strength=STRONG)
                elif nonstate:
                    out[k] = None  # botanical gardens of Belarus and Georgia: whose gardens, not the states
        return [item for item in out if item is not None]

    def _organisations_named(self, words: list[str], states: tuple[str, ...]) -> frozenset[str]:
        """The catalogue organisations of these states whose names hold words beginning as
        these do: a look through the organisations' name words, remembered per phrase."""
        c = self._c
        stems = tuple(sorted({_stem(w) for w in words if len(w) >= 5}))
        key = (stems, states)
        known = self._plural_memo.get(key)
        if known is not None:
            return known
        if self._organisation_words is None:
            self._organisation_words = [(word, organisations) for word, entities in c.word_entities.items()
                                        if (organisations := frozenset(
                                            e for e in entities if c.entity_kind.get(e) == "organization"))]
        countries = {c.entity_country.get(s) for s in states}
        named: dict[str, set[str]] = {stem: set() for stem in stems}
        for word, organisations in self._organisation_words:
            for stem in stems:
                if word.startswith(stem):
                    named[stem] |= organisations
        out = set.intersection(*named.values()) if named else set()
        return _remember(self._plural_memo, key, frozenset(e for e in out if c.entity_country.get(e) in countries))

    def _enumerations(self, text: str, scan: "Scan", found: list[Found]) -> list[Found]:
        """Mentions coordinated in a list say who is named, not who is reported on.

        - three or more states in one list (teams of Belarus, Russia and Kazakhstan; writers from
          three countries), or two joined by a comma in a list that goes on with other names, are
          participants, not two states in relation: dropped;
        - a member of a list of three or more names, or of two after a list word (среди них,
          в том числе, include), or of a range (от Тулы до Семея), is marked `listed`: a
          background list of twins or partners pairs only by an event word in its own sentence,
          not by побратим or связи;
        - a Belarusian name and a foreign one joined by a conjunction alone (между X и Y, X and
          Y) are `bound`: in a sentence of several signed pairs each is the other's counterpart
          only.
        """
        c = self._c
        if len(found) < 2:
            return found
        links = [_list_link(text, found[i - 1], found[i]) for i in range(1, len(found))]
        # a name the catalogue lacks between two it has (Belarus, Armenia, Kazakhstan; Уладзімір,
        # Наро-Фамінск, Кастрама): one more member
        unknown = {i for i, link in enumerate(links, 1) if link is None
                   and _one_name_between(text, found[i - 1], found[i])}
        links = [("," if i in unknown else link) for i, link in enumerate(links, 1)]
        runs: list[list[int]] = [[0]]
        for i, link in enumerate(links, 1):
            if link:
                runs[-1].append(i)
            else:
                runs.append([i])
        drop: set[int] = set()
        out = list(found)
        for run in runs:
            if len(run) < 2:
                continue
            members = [found[i] for i in run]
            states = all(c.countries.issuperset(m.entities) for m in members)
            # a state the catalogue lacks opening the list (Армения, Казахстан и Беларусь)
            opened = states and _other_state_before(text, scan, members[0])
            if states and (len(run) + len(unknown.intersection(run)) + opened >= 3 or ("," in [links[i - 1] for i in run[1:]] and (
                    _list_goes_on(text, members[-1]) or _organisations_after(scan, members[-1].last)))):
                # Беларуси, России и Армении; Беларуси, России и Польши: a list of states, not a
                # relation. Two alone (Moldova, Belarus hold talks) are a headline's pair
                drop.update(run)
                continue
            if len(run) + len(unknown.intersection(run)) >= 3 or _after_list_word(scan, members[0].first):
                # an ambiguous name among two or more towns named outright is a town too
                # (делегации Агарака, Сисиана и Гориса)
                strong = [m for m in members if m.strength == STRONG and not self._organisations.issuperset(m.entities)]
                kinds = {k for m in strong for k in self._kinds(m)}
                for i in run:
                    out[i] = out[i]._replace(listed=True)
                    if out[i].strength == AMBIGUOUS and len(strong) >= 2 and self._kinds(out[i]) <= kinds:
                        out[i] = out[i]._replace(strength=STRONG)
        # one twin alone in a background list (Сярод пабрацімаў Барысава ўжо ёсць Падольск, Minsk's
        # twins include Yerevan): the twin, and the city whose twins they are
        # (пабрацім Бельцаў і Валгаграда: the rest of its list too)
        run_of = {i: run for run in runs for i in run}
        for i, item in enumerate(found):
            if _among_twins(text, scan, item.first):
                for k in run_of[i]:
                    if k >= i:
                        out[k] = out[k]._replace(listed=True)
            elif _open_list_after(text, scan, item):
                out[i] = out[i]._replace(listed=True)
        # a range of examples (от Тулы и Пензы до Батуми и Семея, from Brest to Vladivostok)
        for left, right in zip(runs, runs[1:]):
            first, last, after = found[left[0]], found[left[-1]], found[right[0]]
            # (до грузинского Кутаиси: the state's adjective may come between)
            gap = scan.words[last.last + 1:after.first]
            if (first.first and scan.words[first.first - 1] in RANGE_FROM and gap and gap[0] in RANGE_TO
                    and (len(gap) == 1 or (len(gap) == 2 and gap[1].startswith(STATE_ADJECTIVES)))
                    and CLAUSE_BREAKS.isdisjoint(text[last.end:after.start])):
                for i in left + right:
                    out[i] = out[i]._replace(listed=True)
        # a range whose other end the catalogue lacks (partners from Savannah to Brest and
        # Bobruisk; from Brest in Belarus to Odesa): its named members are examples too
        for i, item in enumerate(found):
            if not out[i].listed and _one_ended_range(text, scan, item):
                for k in run_of[i]:
                    if k >= i:
                        out[k] = out[k]._replace(listed=True)
        for i, link in enumerate(links, 1):
            if link != "and" and not _bound_gap(text, found[i - 1], found[i]):
                continue
            left, right = found[i - 1], found[i]
            if out[i - 1].listed or out[i].listed or "," in text[left.end:right.start]:
                continue  # X, and Y: two clauses (… with Goris, and Myadel District agreed …)
            before = scan.words[left.first - 1] if left.first else ""
            after = scan.words[right.last + 1] if right.last + 1 < len(scan.words) else ""
            if before in WITH_WORDS or after in WITH_WORDS:
                continue  # signed with Vitebsk, and Spitak with Orsha: two clauses, not one pair
            # a Belarusian side and a foreign one: two partners of one side (побратимы из Бельц и
            # Спитака) are not each other's counterparts
            belarusian_left = {c.entity_country.get(e) == "BY" for e in left.entities}
            belarusian_right = {c.entity_country.get(e) == "BY" for e in right.entities}
            if len(belarusian_left) == len(belarusian_right) == 1 and belarusian_left != belarusian_right:
                counterpart = right.entities
                if i + 1 < len(found) and found[i + 1].first == right.last + 1 and _possessive_name(text, right):
                    counterpart += found[i + 1].entities  # X and Minsk's Motovelo plant: the plant too
                out[i - 1] = out[i - 1]._replace(bound=counterpart)
                out[i] = out[i]._replace(bound=left.entities)
        return [item for i, item in enumerate(out) if i not in drop]

    def _coordinated(self, text: str, scan: "Scan", found: list[Found]) -> list[Found]:
        """«Брестским и Гомельским облисполкомами», «Mogilev and Oryol regions»: the noun after
        a run of coordinated names says which of the same-named entities each one is."""
        c = self._c
        out = list(found)
        i = 0
        while i < len(out):
            j = i
            while j + 1 < len(out):
                gap = out[j + 1].first - out[j].last
                if gap == 1 or (gap == 2 and scan.words[out[j].last + 1] in CONJUNCTIONS):
                    j += 1
                else:
                    break
            after = out[j].last + 1
            if j == i:
                # one name coordinated with a place the catalogue lacks (Омской и Тюменской
                # областей, Mogilev and Tula regions): the noun after both says which it is too
                after = _past_coordinated_unknown(text, scan, out[j], out[j + 1].first if j + 1 < len(out) else len(scan.words))
            # or one adjective right before its noun in another language's spelling (Брянская
            # вобласць: the Russian adjective, the Belarusian noun), which no compiled name holds
            alone = (j == i and after == out[j].last + 1 and out[j].strength == WEAK and after < len(scan.words)
                     and text[out[j].end:scan.spans[after][0]].isspace()
                     and not scan.words[out[j].last].endswith(PLURAL_ADJECTIVE_ENDS))  # not брянских городов
            kind = kind_of_noun(scan.words[after]) if (j > i or after > out[j].last + 1 or alone) and after < len(scan.words) else None
            if kind:
                for k in range(i, j + 1):
                    item = out[k]
                    options = set(item.entities) | {c.same_name.get(e, {}).get(kind, "") for e in item.entities}
                    chosen = tuple(sorted(e for e in options if e and c.entity_kind.get(e) == kind))
                    if chosen and j == i and not alone:
                        out[k] = item._replace(entities=chosen, strength=max(item.strength, STRONG))
                    elif chosen:
                        out[k] = item._replace(entities=chosen, strength=max(item.strength, STRONG), last=after,
                                               end=scan.spans[after][1] if k == j else item.end)
            i = j + 1
        return out

    @staticmethod
    def _inside_org_name(text: str, scan: "Scan", first: int) -> bool:
        """A country at the end of a genitive chain that starts with an organisation word, a
        plural territory noun (not a Forum of Regions' own) or people (журналисты России)."""
        index = first - 1
        while index >= 0 and first - index <= 3:
            word = scan.words[index]
            if not CLAUSE_BREAKS.isdisjoint(text[scan.spans[index][1]:scan.spans[index + 1][0]]):
                return False  # the chain ends at a stop or a comma (… телеканале. Правительства Беларуси)
            compound = "-" in word and LOCATOR_HEAD.match(word.split("-")[0])
            if LOCATOR_HEAD.match(word) or compound:
                # the Forum of Regions of Belarus and Russia is the two states' joint event
                # when the forum is the subject; at the forum (на Форуме регионов …, at the Forum of
                # Regions, на Форуме городов-побратимов) it is the occasion of what others signed,
                # and the states locate it
                words = scan.words[max(0, index - 4):index]
                forum = next((k for k, w in enumerate(words) if w.startswith(FORUM)), None)
                if not (compound and forum is None):
                    return forum is None or any(w in OCCASION_WORDS or w.startswith(PARTICIPATES)
                                                for w in words[max(0, forum - 2):forum])
            if ORG_HEAD.match(word) or PEOPLE_HEAD.match(word):
                return True
            if word in CONJUNCTIONS:
                return False
            index -= 1
        return False

    def _plausible_ambiguous(self, text: str, scan: "Scan", item: Found) -> bool:
        """A capitalised name not next to a person's first name or initial (Андрей Борисов)."""
        original = text[item.start:item.end]
        if not any(word[:1].isupper() for word in original.split()):
            return False  # a name is capitalised somewhere (район Черёмушки), a common word nowhere
        before = item.first - 1
        if before >= 0:
            s, e = scan.spans[before]
            gap = text[e:item.start]
            word = text[s:e]
            # an initial has its stop (В. Борисов); a capital letter without one opens a sentence
            # (В Борисове прошла встреча)
            if word[:1].isupper() and ((len(word) == 1 and gap.strip() == ".")
                                       or (gap.strip() in ("", ".") and self._is_first_name(word))):
                return False
        after = item.last + 1
        if after < len(scan.words):
            s, e = scan.spans[after]
            word = text[s:e]
            if text[item.end:s].strip() == "" and word[:1].isupper() and self._is_first_name(word):
                return False
        return True

    def _person_named(self, text: str, scan: "Scan", item: Found) -> bool:
        """A one-word place name that is also a first name (Владимир), with a capitalised word
        right after it: a person's first name and surname."""
        after = item.last + 1
        if after >= len(scan.words) or not text[item.start:item.start + 1].isupper():
            return False
        start, end = scan.spans[after]
        return (text[item.end:start] == " " and text[start:start + 1].isupper() and text[start + 1:end].islower()
                and self._is_first_name(text[item.start:item.end]))

    def _person_from(self, text: str, scan: "Scan", item: Found) -> bool:
        """A person by name right before из or from (Андрей Шубский из Минска): where one person
        comes from is no party."""
        first = item.first
        if first < 3 or scan.words[first - 1] not in FROM:
            return False
        name_start, surname_start = scan.spans[first - 3][0], scan.spans[first - 2][0]
        return (text[surname_start].isupper() and text[name_start].isupper()
                and text[scan.spans[first - 3][1]:surname_start] == " "
                and self._is_first_name(text[name_start:scan.spans[first - 3][1]]))

    def _is_first_name(self, word: str) -> bool:
        memo = self._first_name_memo
        known = memo.get(word)
        if known is None:
            known = _remember(memo, word, not self._c.first_name_paradigms.isdisjoint(N.paradigms(word.lower(), "ru")))
        return known


MEMO_SIZE = 1 << 16  # entries a look-up memo holds before it starts over: a long run's memory stays bounded


def _body_of_another_kind(word: str, kinds: set[str | None]) -> bool:
    """`word` begins the body of a kind of territory (горисполком: a city's) none of `kinds` is."""
    return any(word.startswith(stems) for kind, stems in KIND_BODY_STEMS.items() if kind not in kinds)


# The first word of each territory body (горисполком, гарадскі, міськрада), without its ending,
# by the kind it belongs to. Not the Ukrainian громада, which any level has.
KIND_BODY_STEMS = {kind: tuple(sorted({re.sub(r"(ой|ый|ий|ая|ое|і|ы|а|я|ь)$", "", body.split()[0].lower())
                                       for bodies in by_lang.values() for body in bodies
                                       if not body.isupper() and body != "громада"}))
                   for kind, by_lang in BODIES.items()}


# English kind words after a bare name (the Mogilev District), by the one kind of territory they
# make of it (not municipality: a region's or a district's)
EN_KIND_OF_WORD = {word: kind for kind, words in EN_KIND_WORDS.items() for word in words
                   if " " not in word and sum(word in other for other in EN_KIND_WORDS.values()) == 1}


def _parallel_clauses(text: str, one: Found, other: Found) -> bool:
    """Two places each where its own clause happens (в Гомеле открылся сквер, в Курске — новая
    библиотека): a clause break and words between them, as a digest's line runs."""
    left, right = sorted((one, other), key=_end)
    between = text[left.end:right.start]
    # the second place opens its clause (…, в Курске); and not one event shown in turn (сначала в
    # Луге, а затем в Бобруйске): words of its own between
    return PARALLEL_OPENING.search(between) is not None and any(
        w not in LINKING_WORDS for w in N.WORD.findall(between.lower()))


PARALLEL_OPENING = re.compile(r"[,;—–]\s*(?:(?:while|whereas|а|тогда как|тады як|тоді як)\s+)?(?:в|во|у|ў|in|at)\s+$",
                              re.IGNORECASE)


LINKING_WORDS = frozenset({"а", "и", "і", "й", "та", "затем", "потом", "потым", "потім", "также", "таксама", "також",
                           "сначала", "спачатку", "спочатку", "в", "во", "у", "ў", "and", "then", "also", "in", "at"})


def _remember(memo: dict, key, value):
    """Keep `value` under `key` in one of the Matcher's memos; returns `value`."""
    if len(memo) > MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value


def _is_dateline(text: str, item: Found) -> bool:
    """A name opening a paragraph as the place a report is filed from (МИНСК, 14 марта (БЕЛТА) –)."""
    if item.start and text[item.start - 1] != "\n":
        return False
    after = text[item.end:item.end + 40]
    if DATELINE_DATE.match(after):
        return True
    written = text[item.start:item.end]
    return len(written) > 3 and written.isupper() and bool(DATELINE_CAPS.match(after))


def _attribution(text: str, scan: "Scan", item: Found) -> bool:
    """A news outlet named as a report's source: after "citing", "from", "со ссылкой на", "передаёт";
    before "has learned", "reports", "сообщает"; in a dateline (GOMEL. KAZINFORM -) or in brackets
    ((БЕЛТА))."""
    words = scan.words
    before = " ".join(words[max(0, item.first - 3):item.first])
    after = " ".join(words[item.last + 1:item.last + 3])
    if ATTRIBUTION_BEFORE.search(before) or ATTRIBUTION_AFTER.match(after):
        return True
    written = text[item.start:item.end]
    opening, closing = text[max(0, item.start - 1):item.start], text[item.end:item.end + 1]
    if opening == "(" and closing == ")":
        return True
    return written.isupper() and len(written) > 3 and text[item.end:item.end + 3].strip()[:1] in ("-", "–", "—")


ATTRIBUTION_BEFORE = re.compile(
    r"(?:^| )(?:from|citing|quoting|according to|ссылкой на|ссылаясь на|спасылкай на|спасылаючыся на|посиланням на|"
    r"посилаючись на|передает|передают|сообщает|сообщили|паведамляе|паведамілі|повідомляє|повідомили|"
    r"по данным|паводле|за даними|told)$")
ATTRIBUTION_AFTER = re.compile(
    r"^(?:has learned|has learnt|learned|learnt|reports|reported|refers|citing|ссылаясь|со ссылкой|спасылаючыся|"
    r"посилаючись|передает|сообщает|сообщило|сообщил|"
    r"паведамляе|паведаміла|повідомляє|повідомило|корреспондент\w*|карэспандэнт\w*|кореспондент\w*)(?: |$)")


def _host_of_envoy(scan: "Scan", found: list[Found], i: int, countries: frozenset[str]) -> bool:
    """A state after в, ў, in or to, after an envoy's state (посол Беларуси в России, the Embassy
    of Belarus in Georgia): the post's title, not a party."""
    item, envoy = found[i], found[i - 1]
    if not (countries.issuperset(envoy.entities) and item.first == envoy.last + 2 and envoy.first >= 1):
        return False
    words = scan.words
    before = words[envoy.first - 1] if words[envoy.first - 1] != "of" or envoy.first < 2 else words[envoy.first - 2]
    return words[envoy.last + 1] in ENVOY_VENUES and before.startswith(ENVOYS)


SENTENCE_BREAKS = frozenset(".!?;\n")
# A territory's own bodies and heads, folded stems of single words (the bodies BODIES generates and
# the aliases that name them: Мингорисполком, мэрия, примэрия, акимат, хокимият, the governor), and
# whole words where a stem would catch common words (урад: ураджай).
BODY_WORDS = ("горисполком", "облисполком", "райисполком", "мингорисполком", "выканкам", "гарвыканкам", "аблвыканкам",
              "райвыканкам", "виконком", "міськвиконком", "облвиконком", "райвиконком", "мэр", "мері", "примэр",
              "primar", "praetor", "претур", "аким", "хоким", "hokim", "akim", "губернатор", "губернатар", "governor",
              "mayor", "администрац", "адміністрац", "administration", "правительств", "уряд", "government",
              "горсовет", "облсовет", "райсовет", "гарсавет", "аблсавет", "райсавет", "міськрад", "облрад", "райрад",
              "council", "гордум", "облдум")
BODY_WORD_FORMS = {"мер", "мера", "меру", "мером", "урад", "урада", "ураду", "урадам", "урадзе"}
NAMED_AFTER_WORDS = {N.key(word) for words in NAMED_AFTER.values() for word in words}  # имени, им., імя …
OFFICIAL = ("официальн", "афіцыйн", "офіційн", "official")
GOVERNMENTAL = ("межправ", "межгос", "міжурад", "міждзярж", "міжуряд", "міждерж", "intergovernment", "interstate")
ENVOYS = ("посол", "посл", "пасол", "пасл", "посольств", "пасольств", "ambassador", "embassy", "консул", "consul")
ENVOY_VENUES = {"в", "во", "у", "ў", "in", "to"}


def _occasion_compound(scan: "Scan", found: list[Found], i: int) -> bool:
    """A compound of two states (one form, two mentions over the same words) after "at" or "на":
    the event where others signed (at the Belarus-Russia sister cities meeting)."""
    if not _in_compound(found, i):
        return False
    item = found[i]
    before = [w for w in scan.words[max(0, item.first - 2):item.first] if w != "the"]
    return bool(before) and before[-1] in OCCASION_WORDS


def _in_compound(found: list[Found], i: int) -> bool:
    """One of two mentions one compound word makes (белорусско-грузинский, Belarus-Sakhalin): a
    neighbour over the very same words."""
    first, last = found[i].first, found[i].last
    return ((i > 0 and found[i - 1].first == first and found[i - 1].last == last)
            or (i + 1 < len(found) and found[i + 1].first == first and found[i + 1].last == last))


def _after_plural_territory(text: str, scan: "Scan", first: int) -> bool:
    """A region right after a plural territory noun (районами Брестчины, districts of Brest Oblast)
    locates those territories: they are the subject, not the region. Not across a stop or a colon
    (… Житомирської області. Житомирська ОДА)."""
    at = first - 1
    if at >= 2 and scan.words[at].endswith("'s") and scan.words[at - 1] == "of":
        at -= 1  # districts of Belarus's Minsk Region: the state's possessive between
    if at >= 1 and scan.words[at] == "of":
        at -= 1
    return (at >= 0 and bool(LOCATOR_HEAD.match(scan.words[at]))
            and CLAUSE_BREAKS.isdisjoint(text[scan.spans[at][1]:scan.spans[first][0]]))


def _possessive_locator(text: str, scan: "Scan", item: Found) -> bool:
    """An English possessive state before a name or an institution (Russia's Sakhalin Oblast,
    Uzbekistan's innovation ministry): it locates what follows."""
    after = text[item.end:item.end + 3].replace("’", "'")
    if not (text[item.start:item.end].replace("’", "'").endswith(("'s", "'")) or after.startswith(("'s ", "' "))):
        return False
    following = scan.words[item.last + 1:item.last + 4]
    if not following:
        return False
    start = scan.spans[item.last + 1][0]
    return text[start:start + 1].isupper() or any(ORG_HEAD.match(w) for w in following)


def _on_route(text: str, scan: "Scan", found: list[Found], i: int) -> bool:
    """One end of a route (трасса Гомель — Брянск, рейсы из Минска в Тбилиси): two names joined
    by a dash, or by from … to, near a word for a road, a line or a service."""
    item = found[i]
    words = scan.words
    if item.first >= 2 and words[item.first - 1] in ROUTE_ENDS and is_route_word(words[item.first - 2]):
        # рейсы в Тбилиси, трасса на Гомель, дороги от Брянска, flights to Yerevan: where a route
        # goes or starts; but поставит автобусы в Чечню: goods; and ремонт трассы на Житомирщине,
        # дороги в Житомирской области: where the road is, a region in the locative
        if words[item.first - 1] in ("в", "во", "у", "ў", "на") and words[item.last].endswith(REGION_LOCATIVES):
            return False
        return item.first < 3 or not words[item.first - 3].startswith(DELIVERY_WORDS)
    if item.first >= 2 and words[item.first - 1] in BETWEEN and is_route_word(words[item.first - 2]):
        return True  # direct flights between Belarus and Georgia: the first end (the next follows "and")
    if (i and item.first >= 2 and words[item.first - 1] in CONJUNCTIONS and found[i - 1].last == item.first - 2
            and _on_route(text, scan, found, i - 1)):
        return True  # палёты ў Тбілісі і Ерэван: the next end of the same routes
    if _in_compound(found, i):
        # both ends in one hyphenated word: the Minsk-Moscow highway, поезд Минск-Москва
        near = words[max(0, item.first - 2):item.first] + words[item.last + 1:item.last + 3]
        if any(map(is_route_word, near)):
            return True
    for left, right in ((found[i - 1] if i else None, item), (item, found[i + 1] if i + 1 < len(found) else None)):
        if left is None or right is None or right.start - left.end > 8:
            continue
        gap = text[left.end:right.start].strip()
        if gap in ("—", "–", "-"):
            near = scan.words[max(0, left.first - 3):left.first]
        elif gap.lower() in ("в", "во", "у", "до", "to") and left.first and scan.words[left.first - 1] in FROM:
            near = scan.words[max(0, left.first - 10):right.last + 6]  # рейсы из Минска в Тбилиси
        else:
            continue
        if any(map(is_route_word, near)):
            return True
    return False


BETWEEN = frozenset({"between", "между", "паміж", "між"})
# Prepositions of a route's end after a word for the route (рейсы в Тбилиси, трасса на Гомель,
# участок дороги от Брянска)
ROUTE_ENDS = {"в", "во", "у", "до", "на", "из", "от", "з", "ад", "від", "да", "to", "from"}
# A region's name in the locative: its kind noun (области, області, вобласці, районе, раёне) or a
# colloquial name (Гомельщине, Житомирщині, Віцебшчыне)
REGION_LOCATIVES = ("области", "області", "вобласці", "районе", "районі", "раёне", "щине", "щині", "шчыне", "чине", "чині", "чыне")
PLURAL_ADJECTIVE_ENDS = ("ие", "ые", "их", "ых", "ими", "ыми", "ія", "ыя", "іх", "імі", "ымі", "і")
ADJECTIVE_ENDS = ("ий", "ый", "ой", "ого", "ому", "ым", "им", "ом", "і", "ы", "ага", "аму")


def _names_something_else(text: str, scan: "Scan", item: Found) -> bool:
    """A place's name or adjective naming something else: a lake (озеро Глубокое), a street (улица
    Волгоградская, на Московском проспекте), a business by its quoted name (ресторан «Тбилиси»), one
    person by trade (витебский художник), a team by its home (речицкие гандболисты), or where a
    quoted organisation comes from (клуб «Шахтёр» из Солигорска)."""
    words = scan.words
    before = words[item.first - 1] if item.first else ""
    after = words[item.last + 1] if item.last + 1 < len(words) else ""
    if before in WATER_WORDS:
        return True  # озеро Глубокое, Lake Naroch: the water
    # English writes the bare name where Russian has the adjective (a Minsk director, витебский художник)
    if (after and INDIVIDUAL.match(after.removesuffix("'s"))
            and (item.strength == WEAK or text[item.start:item.end].isascii())
            and not text[item.end:scan.spans[item.last + 1][0]].strip()):
        return True
    if (after in EN_TEAMS or after in EN_SPORTS or after in EN_INSTITUTIONS) and text[item.start:item.end].isascii():
        # English writes the bare name where Russian has the adjective: a Vitebsk hockey club, a
        # Volgograd team, as речицкие гандболисты
        team = words[item.last + 1:item.last + 4]
        if ((team[0] in EN_TEAMS and team[1:2] != ["up"])  # BelAZ, Uralmash team up: the verb
                or (len(team) > 1 and team[0] in EN_SPORTS and team[1] in EN_TEAMS) or team[0] in EN_INSTITUTIONS):
            return True
    if item.strength == WEAK:
        if any(w.startswith(STREET_WORDS) or w in STREET_SHORT for w in (before, after) if w):
            return True
        if after and SPORT_TEAM.match(after):
            return True  # речицкие гандболисты: the team's home
        # one plant by its adjective, perhaps with its trade between (Гомельский химический завод)
        plant = words[item.last + 1:item.last + 3]
        if plant and (ONE_PLANT.match(plant[0]) or (len(plant) == 2 and plant[0].endswith(ADJECTIVE_ENDS)
                                                   and ONE_PLANT.match(plant[1]))):
            return True
    # a quoted organisation's home (клуб «Шахтёр» из Солигорска), as the adjective before its name
    # (солигорский «Шахтёр») is
    if before in FROM:
        start = scan.spans[item.first - 1][0]
        if text[max(0, start - 3):start].rstrip()[-1:] in ("»", '"', "“"):
            return True
    # the whole quoted name, after a word for a business, perhaps with what it serves between
    # (ресторан «Тбилиси», ресторан грузинской кухни «Батуми»)
    opening = text[max(0, item.start - 2):item.start].strip()
    closing = text[item.end:item.end + 2].strip()
    if not (opening[-1:] in ("«", '"', "„") and closing[:1] in ("»", '"', "“")):
        return False
    for index in range(item.first - 1, max(-1, item.first - 4), -1):
        if ESTABLISHMENT_HEAD.match(words[index]):
            return CLAUSE_BREAKS.isdisjoint(text[scan.spans[index][1]:item.start - 1])
    return False


def _begins_or_ends_with(word: str, stems: tuple[str, ...]) -> bool:
    """The word, or the last part of a hyphenated compound (дизель-поезд, городов-побратимов),
    begins with one of `stems`."""
    return word.startswith(stems) or ("-" in word and word.rsplit("-", 1)[1].startswith(stems))


def _guests_from_many(text: str, scan: "Scan", item: Found) -> bool:
    """The first of three or more towns guests or people came from (госці з Мінска, Гомеля, Масквы
    …; ветераны, приехавшие из Брянска, Курска и …): visitors, not the delegations of partners
    (гости из Витебска и Полоцка on a twin's City Day)."""
    before = scan.words[max(0, item.first - 5):item.first]
    while len(before) > 2 and before[-2] in MOSTLY:
        del before[-2]  # туристов, в основном из Минска, Москвы и …
    if not (text[item.end:item.end + 1] == "," and _list_goes_on(text, item)):
        return False
    if before and PEOPLE_HEAD.match(before[-1]) and not text[scan.spans[item.first - 1][1]:item.start].strip():
        return True  # жители Речицы, Бельц и Окницы: people of three towns
    # guests from, or guests who came from, a few words between (visitors to Vitebsk came from …)
    return (len(before) >= 2 and before[-1] in FROM
            and any(w.startswith(GUESTS) or PEOPLE_HEAD.match(w) is not None for w in before[:-1]))


SIDE_NOUNS = ("side", "сторон", "бок")  # a state as one side of talks (белорусская сторона, бок)
VENUE_WORDS = frozenset({"в", "во", "у", "ў", "in"})
# English plural kind nouns one list of names shares (Oryol and Mogilev regions), and their singular
EN_PLURAL_KINDS = {"regions": "region", "oblasts": "oblast", "provinces": "province", "districts": "district"}
# and a head's title after a region's bare name (the Tver governor's delegation)
EN_HEAD_KINDS = {"governor": "region", "governor's": "region"}
EN_PLURAL_KIND_KEYS = tuple(f" {plural}" for plural in (*EN_PLURAL_KINDS, *EN_HEAD_KINDS))
EN_SHARED_KIND_HINT = re.compile(b"|".join(re.escape(key.encode("cp1251")) for key in EN_PLURAL_KIND_KEYS))
EN_SHARED_KIND = re.compile(rb"[A-Z][a-z'-]+,? and [A-Z][a-z'-]+ (?:regions|oblasts|provinces|districts)\b|[A-Z][a-z'-]+ governor")


def _english_shared_kind_named(look: "Look") -> bool:
    """The quick look's last chance: English names a plural kind noun or a governor makes the
    catalogue's (Oryol and Mogilev regions, the Tver governor), which only the full scan reads."""
    return EN_SHARED_KIND_HINT.search(look.folded) is not None and EN_SHARED_KIND.search(look.raw) is not None
MOSTLY = frozenset({"в", "основном", "у", "асноўным", "основному", "главным", "образом", "mostly", "mainly", "largely"})


GUESTS = ("гост", "госц", "гасц", "guest", "visitor", "приехавш", "прибывш", "прыехаўш", "приїхал", "групп", "груп",
          "group")  # группы из Минска, Москвы и Санкт-Петербурга: tourists in groups


def _not_to_confuse_with(words: list[str], first: int) -> bool:
    """A name after "confused with" or "не путать с": the text says it is another."""
    before = words[max(0, first - 3):first]
    if before and before[-1] == "the":
        before = before[:-1]
    return len(before) >= 2 and (before[-2], before[-1]) in (("confused", "with"), ("путать", "с"), ("блытаць", "з"),
                                                             ("плутати", "з"), ("путать", "со"))


def _past_unknown_members(text: str, scan: "Scan", first: int) -> int:
    """Where a list of capitalised names ending at word `first` begins, back over names the
    catalogue lacks (туристы из Латвии, Литвы и России: Латвии), or `first` itself."""
    index = first
    while index >= 2 and first - index < 6:
        gap = text[scan.spans[index - 1][1]:scan.spans[index][0]].strip()
        if gap == ",":
            previous = index - 1
        elif not gap and scan.words[index - 1] in CONJUNCTIONS:
            previous = index - 2
            if text[scan.spans[previous][1]:scan.spans[index - 1][0]].strip() not in ("", ","):
                break
        else:
            break
        if not text[scan.spans[previous][0]].isupper():
            break
        index = previous
    return index


def _is_origin(scan: "Scan", first: int) -> bool:
    """A name right after a word for a person's origin (уроженец Гомеля, родом из Калужской области,
    a native of Vitebsk) or for one resident (жительница Гомеля): where someone comes from is no
    party to what the article reports."""
    before = scan.words[max(0, first - 3):first]
    if len(before) == 3 and before[1] in FROM and before[2].startswith(STATE_ADJECTIVES) and "-" not in before[2]:
        before = before[:2]  # родом из молдавских Бельц: a state's adjective between
    else:
        before = before[-2:]
    if before and before[-1] == "of" and len(before) == 2:
        before = before[:1]  # a native of
    if len(before) == 2 and before[1] in FROM and (
            INDIVIDUAL.match(before[0]) or PRIVATE_VISITORS.match(before[0]) or before[0].startswith(CLUBS)):
        return True  # шахматист из Бреста, клубы из Тирасполя, паломники из Курска: by where they come from
    if len(before) == 2 and (before[1] in FROM or before[1] == "in") and BUSINESSES.match(before[0]):
        return True  # a supplier in Bryansk, подрядчики из Самары: a business there, not the town
    if before and ONE_RESIDENT.match(before[-1]):
        return True  # жительница Гомеля: one resident, by her town
    return bool(before) and (before[-1].startswith(ORIGIN_WORDS) or tuple(before) in ORIGIN_PAIRS)


OPENING_QUOTES = ("«", '"', "„", "“")
CLOSING_QUOTE_MARKS = ("»", '"', "“", "”")
CLAUSE_BREAKS = frozenset(",.;:()—–\n")  # punctuation that ends a list or a name's genitive chain


def _unquoted(gap: str) -> str:
    """`gap` without closing quotes: a quoted name's mention ends before its closing quote
    (replace, not translate: on Cyrillic text translate looks up every character)."""
    return gap.replace("»", "").replace("“", "").replace("”", "").replace('"', "").replace("'", "")


def _list_link(text: str, left: Found, right: Found) -> str | None:
    """How two consecutive mentions are joined: "," or "and" (a conjunction, with or without a
    comma, perhaps with a state's adjective before the second), or None when other words stand
    between them."""
    if right.start - left.end > 30:
        return None  # more than a comma, a conjunction, a state's adjective and quotes
    gap = _unquoted(text[left.end:right.start])
    words = gap.replace(",", " , ").split()
    if len(words) >= 2 and words[0].lower() in LOCATOR_PREPOSITIONS and words[1][:1].isupper():
        words = words[2:]  # Naro-Fominsk in Russia and Batumi: the first one's state between
    elif words and words[0].startswith("(") and words[0].endswith(")") and words[0][1:2].isupper():
        words = words[1:]  # Костромы (Россия) и Батуми
    if words and words[-1].lower().startswith(STATE_ADJECTIVES):
        words.pop()  # армянский Спитак и молдавские Бельцы: the adjective says whose the next one is
    if len(words) >= 3 and words[-2].lower() in ALSO and words[-1].lower() in LIST_PREPOSITIONS:
        words = words[:-3] + ["и"]  # … Лугой, а также с Батуми: the list goes on
    elif len(words) >= 2 and words[-1].lower() in WITH_WORDS and words[-2] in (",", "и", "і", "and", "та"):
        words = words[:-1]  # с Калининградской областью, с Республикой Коми: the preposition said again
    if not words or len(words) > 2 or any(w != "," and w.lower() not in CONJUNCTIONS for w in words):
        return None
    return "and" if any(w != "," for w in words) else ","


LOCATOR_PREPOSITIONS = frozenset({"in", "в", "у", "ў"})
ALSO = frozenset({"также", "таксама", "також", "also"})
# A list's preposition said again after "as well" (с Лугой, а также с Батуми)
LIST_PREPOSITIONS = frozenset({"с", "со", "з", "із", "зі", "with", "в", "во", "у", "ў", "in"})


def _one_name_between(text: str, left: Found, right: Found) -> bool:
    """Only commas, one capitalised word and perhaps a conjunction between two mentions (Belarus,
    Armenia, Kazakhstan; Уладзімір, Наро-Фамінск, Кастрама; Russia, China and Belarus)."""
    gap = text[left.end:right.start]
    words = gap.replace(",", " ").split()
    if len(words) == 2 and words[1].lower() in CONJUNCTIONS:
        words.pop()  # Kazakhstan, Russia, China and Belarus: the unknown one before the last
    return gap.count(",") >= 1 and len(words) == 1 and words[0][:1].isupper() and words[0].replace("-", "").isalpha()


def _english_attribute(text: str, scan: "Scan", item: Found) -> bool:
    """An English state name before lower-case words that end in an organisation's noun (the
    Belarus science committee, Uzbekistan trade union): it names the organisation."""
    if not text[item.start:item.end].isascii():
        return False
    for index in range(item.last + 1, min(len(scan.words), item.last + 3)):
        start = scan.spans[index][0]
        if not text[start].islower() or text[scan.spans[index - 1][1]:start] != " ":
            return False
        if scan.words[index] in EN_ORG_NOUNS:
            return True
    return False


# One organisation's head noun in English (not a state's press or businesses: Belarus and Kyrgyzstan
# sign media memorandum)
EN_ORG_NOUNS = frozenset({"committee", "ministry", "university", "academy", "bank", "company", "federation",
                          "association", "union", "institute", "agency", "centre", "center", "fund", "chamber"})


def _both_placed(words: list[str], first: Found, second: Found) -> bool:
    """Each of two mentions is the object of a place preposition (в России и в Беларуси, из
    Беларуси и Узбекистана: the second shares the first's), so neither acts."""
    left, right = (first, second) if first.first < second.first else (second, first)

    def placed(mention: Found) -> bool:
        before = mention.first - 1
        if before > 0 and words[before].startswith(COMPASS):
            before -= 1  # in northern Tajikistan, на юге России: a part of the state
        return before >= 0 and words[before] in PLACE_PREPOSITIONS
    return placed(left) and (placed(right) or (right.first - left.last == 2 and words[left.last + 1] in CONJUNCTIONS)
                             or (right.first - left.last == 3 and words[left.last + 1] in CONJUNCTIONS
                                 and words[right.first - 1].startswith(COMPASS)))  # … and north-western Ukraine


def _compass_locator(between: list[str]) -> bool:
    """The words between a place and its parent say which part of it (Telavi in eastern Georgia,
    Glubokoye District in the north of Belarus, Хатлон на юге Таджикистана)."""
    if not between or between[0] not in ("in", "в", "во", "у", "ў", "на"):
        return False
    rest = [w for w in between[1:] if w != "the"]
    return (len(rest) == 1 and rest[0].startswith(COMPASS)) or (
        len(rest) == 2 and rest[0].startswith(COMPASS_NOUNS) and rest[1] == "of") or (
        len(rest) == 1 and rest[0].startswith(COMPASS_NOUNS) and between[0] != "in")


# A part of a state by the compass (northern, на севере), between a place preposition and the state
COMPASS = ("north", "south", "east", "west", "central", "северн", "южн", "восточн", "западн", "центральн",
           "паўночн", "паўднёв", "усходн", "заходн", "цэнтральн", "північн", "південн", "східн", "західн")
COMPASS_NOUNS = ("north", "south", "east", "west", "центр", "север", "юге", "востоке", "западе", "поўнач", "поўдні",
                 "усходзе", "захадзе", "півночі", "півдні", "сході", "заході")


def _list_from(text: str, found: list[Found], i: int) -> list[Found]:
    """`found[i]` and the mentions after it joined to it by commas and conjunctions."""
    members = [found[i]]
    for k in range(i + 1, len(found)):
        if not _list_link(text, found[k - 1], found[k]):
            break
        members.append(found[k])
    return members


def _named_before(text: str, found: list[Found], i: int) -> set[str]:
    """The entities named before `found[i]` in its sentence."""
    named: set[str] = set()
    for before in reversed(found[:i]):
        if not SENTENCE_BREAKS.isdisjoint(text[before.end:found[i].start]):
            break
        named.update(before.entities)
    return named


def _other_state_before(text: str, scan: "Scan", first: Found) -> bool:
    """A state the catalogue lacks (OTHER_STATES), capitalised, and a comma right before `first`."""
    at = first.first - 1
    if at < 0 or at in scan.taken or text[scan.spans[at][1]:first.start].strip() != ",":
        return False
    return text[scan.spans[at][0]].isupper() and scan.words[at].startswith(OTHER_STATES)


# After a list's last name: a comma or a conjunction and another capitalised word (… России и Польши)
LIST_GOES_ON = re.compile(r"[»\"”]?\s*(?:,|\s(?:и|і|й|та|and|&))\s+[«\"„“]?[A-ZА-ЯЁІЎЄЇҐ]")


def _list_goes_on(text: str, last: Found) -> bool:
    """Another name follows `last` in a list (…, «Брянский рабочий», «Вечерний Бобруйск» и …)."""
    return LIST_GOES_ON.match(text, last.end) is not None


def _end(item: Found) -> int:
    return item.end


STATE_ADJECTIVE_CODES = tuple((stem, code) for code, languages in COUNTRY_ADJECTIVES.items()
                              for stems in languages.values() for stem in stems)
STATE_ADJECTIVES = tuple(stem for stem, _ in STATE_ADJECTIVE_CODES)


def _plural_phrase(text: str, scan: "Scan", indexes: range) -> list[str]:
    """Up to three words at `indexes` (walking away from a run of states, no punctuation
    between) that hold a plural organisation noun: right before the states (the National
    Olympic Committees of, олимпийские комитеты) or last after them (Olympic committees);
    empty when there is none."""
    if not indexes or (indexes.step < 0 and not (0 <= indexes[0] < len(scan.words)
                                                 and PLURAL_ORGANISATION.match(scan.words[indexes[0]])
                                                 and CLAUSE_BREAKS.isdisjoint(
                                                     text[scan.spans[indexes[0]][1]:scan.spans[indexes[0] + 1][0]]))):
        return []  # (не «… предприятий. Беларусь и Кыргызстан»: another sentence's noun)
    words, previous = [], None
    for index in indexes:
        if not 0 <= index < len(scan.words) or scan.words[index] in PHRASE_STOPS:
            break
        if previous is not None:
            low, high = sorted((previous, index))
            if not CLAUSE_BREAKS.isdisjoint(text[scan.spans[low][1]:scan.spans[high][0]]):
                break
        words.append(scan.words[index])
        previous = index
        if indexes.step > 0 and PLURAL_ORGANISATION.match(scan.words[index]):
            return words
    return words if indexes.step < 0 else []


# Words a plural organisation's phrase does not run across (the, of, and)
PHRASE_STOPS = {"the", "of", "and", "a", "an", "in", "at", "to", "и", "і", "та", "в", "у", "на", "з", "с"}
# Plural nouns for organisations (committees, комитеты, міністэрствы, міністерства)
PLURAL_ORGANISATION = re.compile(
    r"^(committees|ministries|chambers|agencies|companies|universities|academies|federations|associations|"
    r"unions|institutes|banks|services|centres|centers|funds|nocs|bodies|authorities|"
    r"gardens|theatres|theaters|museums|libraries|schools|plants|factories|enterprises|"
    r"сады|садов|театры|театров|музеи|музеев|вузы|вузов|заводы|заводов|предприятия|предприятий|"
    r"(комитет|камітэт|союз|университет|універсітэт|інстытут|институт|банк|фонд|центр|цэнтр)"
    r"(ы|ов|ам|ами|ах|аў|амі)|(комітет|інститут|центр|університет)(и|ів|ам|ами|ах)|"
    r"(министерств|міністэрств|міністерств|агентств|ведомств)(а|ам|ами|ах|ы|аў|амі)|"
    r"(палат|академи|федераци|ассоциаци|акадэмі|федэрацы|асацыяцы|академі|федераці|асоціаці)(ы|и|і|ам|ами|ах|й|ямі|ям|ях))$")


# Plural organisations that are no state's institutions: states naming whose they are (the
# universities of Belarus and Georgia) are not the states acting, as ministries of two states are.
NONSTATE_PLURAL = re.compile(
    r"^(companies|universities|academies|institutes|banks|centres|centers|gardens|theatres|theaters|museums|"
    r"libraries|schools|plants|factories|enterprises|сады|садов|театры|театров|музеи|музеев|вузы|вузов|"
    r"заводы|заводов|предприятия|предприятий|(университет|універсітэт|інстытут|институт|банк|центр|цэнтр)"
    r"(ы|ов|ам|ами|ах|аў|амі)|(інститут|центр|університет)(и|ів|ам|ами|ах))$")


def _stem(word: str) -> str:
    """The beginning a name word shares with this one across number and case (committees →
    committee, олимпийские → олимпийс)."""
    if word.isascii():
        return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word
    return word[:max(4, len(word) - 3)]


def _organisations_after(scan: "Scan", last: int) -> bool:
    """An organisation's noun among the three words after a name (Belarus, Tajikistan Olympic
    committees; construction agencies): the names say whose organisations."""
    for index in range(last + 1, min(last + 4, len(scan.words))):
        word = scan.words[index]
        if ORG_HEAD.match(word) or PLURAL_ORGANISATION.match(word):
            return True
    return False


def _possessive_name(text: str, item: Found) -> bool:
    """Written as an English possessive (Minsk's): a locator of the name after it."""
    return text[item.start:item.end].endswith(("'s", "’s"))


def _bound_gap(text: str, left: Found, right: Found) -> bool:
    """X и правительством Y, X and the akimat of Y: a conjunction, then at most three lowercase
    words naming the body, with no punctuation."""
    if right.start - left.end > 60:
        return False  # longer than a conjunction and three words
    gap = _unquoted(text[left.end:right.start])
    words = gap.split()
    return (1 <= len(words) <= 4 and words[0].lower() in CONJUNCTIONS and CLAUSE_BREAKS.isdisjoint(gap)
            and all(w[:1].islower() for w in words[1:]))


def _both_again(layout: "Layout", sentence: int) -> bool:
    """The next sentence, in the same paragraph, speaks of both parties again (Стороны
    договорились, главы районов обсудили)."""
    following = sentence + 1
    if following >= len(layout.starts) or layout.paragraph(following) != layout.paragraph(sentence):
        return False
    end = layout.starts[following + 1] if following + 1 < len(layout.starts) else len(layout.text)
    return BOTH_AGAIN.search(N.fold(layout.text[layout.starts[following]:end])) is not None


# A relative clause that holds a list (Бельцы, который поддерживает связи с Оршей, Полоцком и
# Витебском, утвердила …): it opens at a comma before котор-, яки-, which, and ends at the next
# comma before a lowercase word (a comma between listed names is followed by a capital)
RELATIVE_OPENING = re.compile(r",\s*(?:(?:с|со|з|у|в|о|об|для|with|in|of)\s+)?(?:котор|які|яки|який|яка|яку|яким|which|who|whose|that)",
                              re.IGNORECASE)
CONTRAST = re.compile(r",\s*(?:но|але|однако|аднак|проте|одначе|but|however)\s", re.IGNORECASE)
RELATIVE_CLOSING = re.compile(r";|,(?=\s*[«\"„“]?[^\W\d_A-ZА-ЯЁІЎЄЇҐ])")


# Agreements a side holds (у нас подписаны соглашения с …, ў нас падпісаны даўно, we have
# agreements with): the list is of what it has, a status
HELD_AGREEMENTS = re.compile(r"(?:^| )(?:у|ў) нас (?:\w+ ){0,2}(?:подписан|заключен|падпісан|заключан|підписан|укладен)"
                             r"|(?:^| )(?:соглашени|договор|пагадненн|дагавор|угод)\w* (?:\w+ )?(?:есть|есць|є)(?= |$)"
                             r"|(?:^| )we have (?:\w+ ){0,2}(?:agreements|signed)|(?:^| )agreements exist")


def _clause(layout: "Layout", mention: Found) -> str:
    """The folded part of a listed mention's sentence between the semicolons around it, up to a
    "but" after it, or the relative clause that holds it (the list describes whose twins; what
    the sentence goes on to say is not about them)."""
    text, starts = layout.text, layout.starts
    sentence = layout.sentence(mention.start)
    start = starts[sentence]
    end = starts[sentence + 1] if sentence + 1 < len(starts) else len(text)
    start = max(start, text.rfind(";", start, mention.start) + 1)
    stop = text.find(";", mention.end, end)
    end = stop if stop >= 0 else end
    contrast = CONTRAST.search(text, mention.end, end)  # …, сярод іх Батумі, але ідэю праекта …
    end = contrast.start() if contrast else end
    relative = list(RELATIVE_OPENING.finditer(text, start, mention.start))
    if relative:
        closing = RELATIVE_CLOSING.search(text, mention.end, end)
        start, end = relative[-1].start(), closing.start() if closing else end
    return N.fold(text[start:end])


def _among_twins(text: str, scan: "Scan", first: int) -> bool:
    """A word for twins or partners in the ten words before, in one clause, and a list word
    (среди побратимов Борисова уже есть, among the twins of, partner cities include) or a dash or
    colon after it (о городах-побратимах Гомеля — Кутаиси, Курске)."""
    start = max(0, first - 10)
    window = scan.words[start:first]
    if not TWIN_SEARCH.search(" ".join(window)):
        return False  # most mentions: no twin word near
    # only the words after the last stop or semicolon before the mention
    stretch = text[scan.spans[start][0]:scan.spans[first][0]]
    stop = scan.spans[start][0] + max(stretch.rfind(ch) for ch in ".!?;")
    spans = [s for s in scan.spans[start:first] if s[0] > stop]
    window = window[len(window) - len(spans):]
    twins = [k for k, w in enumerate(window) if _is_twin_word(w)]
    if not twins:
        return False
    if any(w in LIST_WORDS for w in window):
        return True
    if twins[-1] == len(window) - 1 and text[:spans[-1][0]].rstrip().endswith(","):
        return True  # Віцебск, пабрацім Бельцаў і Валгаграда, …: what the first town is, in passing
    # a dash or colon after twins in the plural opens their list; after one (нового побратима —
    # Тамбов) it names the new one
    after_twins = text[spans[twins[-1]][1]:scan.spans[first][0]]
    return (window[twins[-1]].endswith(PLURAL_ENDINGS) and "\n" not in after_twins
            and any(ch in after_twins for ch in "—–:"))


TWIN_SEARCH = re.compile("|".join(TWIN_WORDS))
PLURAL_ENDINGS = ("ы", "ов", "ам", "ами", "ах", "аў", "амі", "и", "ів", "s")


def _is_twin_word(word: str) -> bool:
    """побратимов, partner, and a compound ending in one (городов-побратимов)."""
    return _begins_or_ends_with(word, TWIN_WORDS)


def _open_list_after(text: str, scan: "Scan", item: Found) -> bool:
    """A name that opens a list the text does not finish (с Бузулуком и рядом других городов,
    побратим Бобруйска и ещё пяти городов, Yerevan and several other cities): one of many."""
    words = scan.words[item.last + 1:item.last + 3]
    return (len(words) == 2 and words[0] in CONJUNCTIONS and words[1] in OPEN_LIST
            and CLAUSE_BREAKS.isdisjoint(text[item.end:scan.spans[item.last + 1][0]]))


def _after_list_word(scan: "Scan", first: int) -> bool:
    """A list word in the four words before (среди них, в том числе, include, such as)."""
    return any(word in LIST_WORDS for word in scan.words[max(0, first - 4):first])


def _inside_quotes(text: str, item: Found) -> bool:
    """Within «...» or „...“ on its line: part of a quoted name."""
    line_start = text.rfind("\n", 0, item.start) + 1
    before = text[line_start:item.start]
    opened = before.count("«") + before.count("„") - before.count("»") - before.count("“")
    return opened > 0


def _teams_of(scan: "Scan", *mentions: Found) -> bool:
    """One of the organisations is named as a team's (сборная БНТУ уступила команде ТТУ): a game,
    which their names alone do not make a relation."""
    return any(m.first and SPORT_TEAM.match(scan.words[m.first - 1]) for m in mentions)


def _one_ended_range(text: str, scan: "Scan", item: Found) -> bool:
    """`item` is one end of a range of examples whose other end is a capitalised name close by
    in the same clause: от Саванны до Бреста, from Brest in Belarus to Odesa."""
    words, spans, before = scan.words, scan.spans, item.first - 1
    if before < 0:
        return False
    if words[before] in RANGE_TO:
        for k in range(before - 2, max(-1, before - 6), -1):
            if words[k] in RANGE_FROM:
                return text[spans[k + 1][0]].isupper() and CLAUSE_BREAKS.isdisjoint(text[spans[k][0]:item.start])
        return False
    if words[before] in RANGE_FROM:
        for k in range(item.last + 1, min(len(words) - 1, item.last + 5)):
            if words[k] in RANGE_TO:
                return text[spans[k + 1][0]].isupper() and CLAUSE_BREAKS.isdisjoint(text[item.end:spans[k + 1][0]])
    return False


def _past_coordinated_unknown(text: str, scan: "Scan", item: Found, limit: int) -> int:
    """The index of the word after `item`, a conjunction and one or two words that agree with
    it (the same last two letters; in English, capitalised), before `limit` and in one clause:
    Омской | и Тюменской | областей. `item.last + 1` when no such words follow."""
    words, after = scan.words, item.last + 1
    end = min(limit, len(words))
    if after + 2 >= end or words[after] not in CONJUNCTIONS:
        return after
    ending, english = words[item.last][-2:], words[item.last].isascii()
    index = after + 1
    while index < min(end, after + 3) and (text[scan.spans[index][0]].isupper() and words[index].isascii()
                                           if english else words[index].endswith(ending)):
        index += 1
    if index == after + 1 or not CLAUSE_BREAKS.isdisjoint(text[item.end:scan.spans[index][0]]):
        return after
    return index


def _inside_longer_quoted_name(text: str, item: Found) -> bool:
    """Inside «...» or „...“ that opened before another word (or a hyphen) of the same name:
    «Динамо Батуми», «Динамо-Брест», not «Брест» alone or «Брест — Батуми»."""
    # a name of at most 60 characters, so its quotes lie within 60 of the mention
    reach = max(0, item.end - 60)
    line_start = text.rfind("\n", reach, item.start) + 1 or reach
    opening = max(text.rfind(q, line_start, item.start) for q in ("«", "„"))
    if opening < 0:
        return False
    closing = min((at for at in (text.find(q, item.end, opening + 61) for q in ("»", "“")) if at >= 0), default=-1)
    if closing < 0:
        return False
    inside, after = text[opening + 1:item.start], text[item.end:closing].split()
    if inside.split()[-1:] in (["в"], ["у"], ["ў"], ["in"]):
        return False  # «Славянский базар в Витебске»: where the event is, a venue as any other
    # another word before it, or after it when it opens the name («Смолевичи Бройлер»; not «Гомель
    # и Брянск»); a short name closed soon after, in one clause: not a quotation that runs on
    return ((bool(inside.strip()) or (bool(after) and N.fold(after[0]) not in CONJUNCTIONS))
            and closing - opening <= 60
            and CLAUSE_BREAKS.isdisjoint(inside + text[item.end:closing]) and "»" not in inside and "“" not in inside)


INVISIBLE = "\xad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width spaces and joiners, BOM


def _has_invisible(text: str) -> bool:
    return any(ch in text for ch in INVISIBLE)


def _visible(article: ArticleText) -> tuple[list[int], ArticleText]:
    """The article without invisible characters, and for each remaining character of its
    text_of its offset in the original text_of."""
    text = Matcher.text_of(article)
    keep = [i for i, ch in enumerate(text) if ch not in INVISIBLE]
    drop = str.maketrans("", "", INVISIBLE)
    clean = replace(article, title=article.title.translate(drop), summary=article.summary.translate(drop),
                    content=article.content.translate(drop))
    return keep, clean


def _moved(mention: Mention, keep: list[int], text: str) -> Mention:
    start, end = keep[mention.start], keep[mention.end - 1] + 1
    return Mention(mention.entity_id, text[start:end], start, end)

