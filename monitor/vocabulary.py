"""The catalogue's and the fetcher's words in each report language: agreement types and statuses,
topics, fetch errors, months, and signatories by the entity they name. No I/O.

The catalogue states its facts in English ("cooperation agreement", "space", "City of Gomel"); a
reader sees them in the report's language. A topic the vocabulary lacks is shown as the catalogue
has it, and a test fails on every such topic, so a new one is translated before a report shows it.
A fetch error is stored with a code (fetch.py, parse.py) and told from it here, never by
translating the English message.
"""

from __future__ import annotations

import re
from typing import Mapping

from .records import Catalogue

LANGS = ("ru", "be", "en")

AGREEMENT_TYPES = {
    "cooperation agreement": {"ru": "соглашение о сотрудничестве", "be": "пагадненне аб супрацоўніцтве"},
    "other": {"ru": "договорённость", "be": "дамоўленасць", "en": "arrangement"},
    "twinning": {"ru": "побратимство", "be": "пабрацімства"},
    "contract": {"ru": "договор", "be": "дагавор"},
    "programme": {"ru": "программа", "be": "праграма"},
    "action plan": {"ru": "план мероприятий", "be": "план мерапрыемстваў"},
    "protocol": {"ru": "протокол", "be": "пратакол"},
    "memorandum": {"ru": "меморандум", "be": "мемарандум"},
    "treaty": {"ru": "договор", "be": "дагавор"},
    "road map": {"ru": "дорожная карта", "be": "дарожная карта"},
}

AGREEMENT_STATUSES = {
    "signed": {"ru": "подписано", "be": "падпісана"},
    "in force": {"ru": "действует", "be": "дзейнічае"},
    "planned": {"ru": "планируется", "be": "плануецца"},
    "other": {"ru": "иное", "be": "іншае"},
}

TOPICS = {
    "Chernobyl": {"ru": "Чернобыль", "be": "Чарнобыль"},
    "IT": {"ru": "ИТ", "be": "ІТ"},
    "SME": {"ru": "малый и средний бизнес", "be": "малы і сярэдні бізнес"},
    "SMEs": {"ru": "малый и средний бизнес", "be": "малы і сярэдні бізнес"},
    "agriculture": {"ru": "сельское хозяйство", "be": "сельская гаспадарка"},
    "art": {"ru": "искусство", "be": "мастацтва"},
    "automotive": {"ru": "автомобилестроение", "be": "аўтамабілебудаванне"},
    "aviation": {"ru": "авиация", "be": "авіяцыя"},
    "banking": {"ru": "банковское дело", "be": "банкаўская справа"},
    "biotechnology": {"ru": "биотехнологии", "be": "біятэхналогіі"},
    "business": {"ru": "бизнес", "be": "бізнес"},
    "business tourism": {"ru": "деловой туризм", "be": "дзелавы турызм"},
    "chemical industry": {"ru": "химическая промышленность", "be": "хімічная прамысловасць"},
    "communication": {"ru": "связь", "be": "сувязь"},
    "composites": {"ru": "композиты", "be": "кампазіты"},
    "construction": {"ru": "строительство", "be": "будаўніцтва"},
    "cross-border cooperation": {"ru": "приграничное сотрудничество", "be": "памежнае супрацоўніцтва"},
    "culture": {"ru": "культура", "be": "культура"},
    "defence/aviation": {"ru": "оборона и авиация", "be": "абарона і авіяцыя", "en": "defence and aviation"},
    "ecology": {"ru": "экология", "be": "экалогія"},
    "economy": {"ru": "экономика", "be": "эканоміка"},
    "education": {"ru": "образование", "be": "адукацыя"},
    "electronics": {"ru": "электроника", "be": "электроніка"},
    "emergency services": {"ru": "чрезвычайные ситуации", "be": "надзвычайныя сітуацыі"},
    "energy": {"ru": "энергетика", "be": "энергетыка"},
    "engineering": {"ru": "машиностроение", "be": "машынабудаванне"},
    "entrepreneurship": {"ru": "предпринимательство", "be": "прадпрымальніцтва"},
    "environment": {"ru": "экология", "be": "экалогія"},
    "exhibitions": {"ru": "выставки", "be": "выставы"},
    "export": {"ru": "экспорт", "be": "экспарт"},
    "finance": {"ru": "финансы", "be": "фінансы"},
    "food": {"ru": "пищевая промышленность", "be": "харчовая прамысловасць", "en": "food industry"},
    "forestry": {"ru": "лесное хозяйство", "be": "лясная гаспадарка"},
    "friendship": {"ru": "дружба", "be": "сяброўства"},
    "furniture": {"ru": "мебель", "be": "мэбля"},
    "genetics": {"ru": "генетика", "be": "генетыка"},
    "geology": {"ru": "геология", "be": "геалогія"},
    "health": {"ru": "здравоохранение", "be": "ахова здароўя"},
    "history": {"ru": "история", "be": "гісторыя"},
    "housing": {"ru": "ЖКХ", "be": "ЖКГ"},
    "humanitarian": {"ru": "гуманитарная сфера", "be": "гуманітарная сфера", "en": "humanitarian ties"},
    "import substitution": {"ru": "импортозамещение", "be": "імпартазамяшчэнне"},
    "industry": {"ru": "промышленность", "be": "прамысловасць"},
    "information": {"ru": "информация", "be": "інфармацыя"},
    "information exchange": {"ru": "обмен информацией", "be": "абмен інфармацыяй"},
    "information security": {"ru": "информационная безопасность", "be": "інфармацыйная бяспека"},
    "information space": {"ru": "информационное пространство", "be": "інфармацыйная прастора"},
    "innovation": {"ru": "инновации", "be": "інавацыі"},
    "interregional cooperation": {"ru": "межрегиональное сотрудничество", "be": "міжрэгіянальнае супрацоўніцтва"},
    "investment": {"ru": "инвестиции", "be": "інвестыцыі"},
    "law enforcement": {"ru": "правопорядок", "be": "правапарадак"},
    "legislation": {"ru": "законодательство", "be": "заканадаўства"},
    "lifts": {"ru": "лифты", "be": "ліфты"},
    "light industry": {"ru": "лёгкая промышленность", "be": "лёгкая прамысловасць"},
    "local government": {"ru": "местное самоуправление", "be": "мясцовае самакіраванне"},
    "logistics": {"ru": "логистика", "be": "лагістыка"},
    "machine tools": {"ru": "станкостроение", "be": "станкабудаванне"},
    "media": {"ru": "СМИ", "be": "СМІ"},
    "military-technical": {"ru": "военно-техническое сотрудничество", "be": "ваенна-тэхнічнае супрацоўніцтва",
                           "en": "military-technical cooperation"},
    "mining": {"ru": "горное дело", "be": "горная справа"},
    "monitoring": {"ru": "мониторинг", "be": "маніторынг"},
    "municipal services": {"ru": "коммунальные услуги", "be": "камунальныя паслугі"},
    "petrochemistry": {"ru": "нефтехимия", "be": "нафтахімія"},
    "pharmacy": {"ru": "фармацевтика", "be": "фармацэўтыка"},
    "politics": {"ru": "политика", "be": "палітыка"},
    "press": {"ru": "пресса", "be": "прэса"},
    "regional cooperation": {"ru": "региональное сотрудничество", "be": "рэгіянальнае супрацоўніцтва"},
    "regional planning": {"ru": "региональное планирование", "be": "рэгіянальнае планаванне"},
    "science": {"ru": "наука", "be": "навука"},
    "social": {"ru": "социальная сфера", "be": "сацыяльная сфера", "en": "social affairs"},
    "space": {"ru": "космос", "be": "космас"},
    "sport": {"ru": "спорт", "be": "спорт"},
    "supercomputers": {"ru": "суперкомпьютеры", "be": "суперкамп'ютары"},
    "technology": {"ru": "технологии", "be": "тэхналогіі"},
    "tourism": {"ru": "туризм", "be": "турызм"},
    "trade": {"ru": "торговля", "be": "гандаль"},
    "transport": {"ru": "транспорт", "be": "транспарт"},
    "twinning": {"ru": "побратимство", "be": "пабрацімства"},
    "urban improvement": {"ru": "благоустройство", "be": "добраўпарадкаванне"},
    "urban management": {"ru": "городское хозяйство", "be": "гарадская гаспадарка"},
    "veterinary medicine": {"ru": "ветеринария", "be": "ветэрынарыя"},
    "youth": {"ru": "молодёжь", "be": "моладзь"},
}

# A fetch error by the code stored with it; {status} is the HTTP status where there is one.
FETCH_ERRORS = {
    "unavailable": {"ru": "HTTP {status}: сервер недоступен, повторим позже",
                    "be": "HTTP {status}: сервер недаступны, паспрабуем пазней",
                    "en": "HTTP {status}: the server is unavailable; trying again later"},
    "rate_limited": {"ru": "HTTP {status}: сервер просит опрашивать реже, повторим позже",
                     "be": "HTTP {status}: сервер просіць апытваць радзей, паспрабуем пазней",
                     "en": "HTTP {status}: the server asks us to slow down; trying again later"},
    "gone": {"ru": "HTTP 410: лента удалена источником", "be": "HTTP 410: стужка выдалена крыніцай",
             "en": "HTTP 410 Gone: the feed was removed"},
    "server_error": {"ru": "HTTP {status}: ошибка сервера", "be": "HTTP {status}: памылка сервера",
                     "en": "HTTP {status}: server error"},
    "http_error": {"ru": "HTTP {status}: проверьте адрес ленты", "be": "HTTP {status}: праверце адрас стужкі",
                   "en": "HTTP {status}: check the feed's URL"},
    "timeout": {"ru": "сервер не ответил вовремя", "be": "сервер не адказаў своечасова", "en": "timed out"},
    "cut_off": {"ru": "сервер отдавал ленту слишком долго", "be": "сервер аддаваў стужку занадта доўга",
                "en": "the server took too long to send the feed; cut off"},
    "connect": {"ru": "не удалось соединиться с сервером", "be": "не ўдалося злучыцца з серверам",
                "en": "could not connect"},
    "protocol": {"ru": "сервер нарушил протокол HTTP", "be": "сервер парушыў пратакол HTTP",
                 "en": "the server broke the HTTP protocol"},
    "refused": {"ru": "адрес ленты ведёт во внутреннюю сеть; администратору нужно сменить адрес",
                "be": "адрас стужкі вядзе ва ўнутраную сетку; адміністратару трэба змяніць адрас",
                "en": "the feed's address is not public; an admin must change it"},
    "bad_url": {"ru": "адрес ленты не годится для загрузки", "be": "адрас стужкі не падыходзіць для загрузкі",
                "en": "not a fetchable URL"},
    "redirects": {"ru": "слишком много перенаправлений", "be": "занадта шмат перанакіраванняў",
                  "en": "too many redirects"},
    "too_large": {"ru": "лента больше допустимого размера", "be": "стужка большая за дапушчальны памер",
                  "en": "the feed is over the size limit"},
    "bad_encoding": {"ru": "сервер прислал повреждённое сжатие", "be": "сервер даслаў пашкоджанае сцісканне",
                     "en": "the body's compression is broken"},
    "not_feed": {"ru": "по адресу не лента RSS или Atom", "be": "па адрасе не стужка RSS ці Atom",
                 "en": "not an RSS or Atom feed"},
    "not_polled": {"ru": "не опрашивалась за этот период", "be": "не апытвалася за гэты перыяд",
                   "en": "not polled during the window"},
    "unknown": {"ru": "ошибка загрузки", "be": "памылка загрузкі", "en": "fetch failed"},
}

MONTHS = {
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"),
    "be": ("студзень", "люты", "сакавік", "красавік", "травень", "чэрвень", "ліпень", "жнівень", "верасень",
           "кастрычнік", "лістапад", "снежань"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def _word(table: Mapping[str, Mapping[str, str]], key: str, lang: str) -> str:
    words = table.get(key)
    if words is None:
        return key
    return words.get(lang) or (key if lang == "en" else words.get("ru", key))


def agreement_type(kind: str, lang: str) -> str:
    return _word(AGREEMENT_TYPES, kind, lang)


def agreement_status(status: str, lang: str) -> str:
    return _word(AGREEMENT_STATUSES, status, lang)


def topic(name: str, lang: str) -> str:
    return _word(TOPICS, name, lang)


def topics(names, lang: str) -> str:
    return ", ".join(topic(name, lang) for name in names)


def month(number: int, year: int, lang: str) -> str:
    return f"{MONTHS[lang][number - 1]} {year}"


def fetch_error(code: str | None, lang: str) -> str:
    """A stored fetch error's code ("unavailable:503", "not_feed", None) in a reader's words."""
    name, _, status = (code or "unknown").partition(":")
    words = FETCH_ERRORS.get(name) or FETCH_ERRORS["unknown"]
    return words[lang].format(status=status or "?")


def entity_name(catalogue: Catalogue, entity_id: str, lang: str) -> str:
    """An entity's name in a report language; Belarusian falls back to Russian, as editors read both."""
    entity = catalogue.entities.get(entity_id)
    if entity is None:
        return entity_id
    chain = {"en": ("en", "ru"), "be": ("be", "ru"), "ru": ("ru",)}[lang]
    return next((entity.names[k] for k in chain if entity.names.get(k)), entity.name)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


class Signatories:
    """A catalogue signatory ("City of Gomel", "Government of the Republic of Belarus") is a name or
    an alias of a catalogue entity; it is shown as that entity's name in the report's language.
    A signatory with a note in it ("Parliamentary friendship group with Georgia, National Assembly
    of the Republic of Belarus") names the entity of its last part that is one."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.index: dict[str, str] = {}
        for entity in catalogue.entities.values():
            names = list(entity.names.values()) + [a for aliases in entity.aliases.values() for a in aliases]
            for name in names:
                if name:
                    self.index.setdefault(_fold(name), entity.id)

    def entity(self, signatory: str) -> str | None:
        plain = re.sub(r"\s*\([^)]*\)", "", signatory)
        for candidate in [signatory, plain] + [part for part in reversed(plain.split(","))]:
            found = self.index.get(_fold(candidate))
            if found:
                return found
        return None

    def name(self, signatory: str, lang: str) -> str:
        entity_id = self.entity(signatory)
        return entity_name(self.catalogue, entity_id, lang) if entity_id else signatory


_signatories: dict[int, Signatories] = {}


def signatories_of(catalogue: Catalogue) -> Signatories:
    """One index per catalogue object (a catalogue is frozen; an edit makes a new one)."""
    key = id(catalogue)
    found = _signatories.get(key)
    if found is None or found.catalogue is not catalogue:
        _signatories.clear()
        found = _signatories[key] = Signatories(catalogue)
    return found


def signatory_names(catalogue: Catalogue, signatories, lang: str) -> str:
    index = signatories_of(catalogue)
    return ", ".join(index.name(s, lang) for s in signatories)
