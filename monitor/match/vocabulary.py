"""The words matching looks for besides the catalogue's names: bodies that stand for a territory,
states by adjective, relation cues, kind nouns. Data only; `compile.py` and `engine.py` use it."""

from __future__ import annotations

import re

TERRITORY_KINDS = ("region", "district", "city")

# Bodies that stand for a territory, by the territory's kind; the adjective of the territory is
# put in front (Бобруйский горисполком). Nominative, declined by names.phrase_forms.
BODIES = {
    "region": {
        "ru": ["облисполком", "облсовет", "областной исполнительный комитет", "областной совет",
               "областная администрация", "областная дума", "облдума", "областное правительство"],
        "be": ["аблвыканкам", "аблсавет", "абласны выканаўчы камітэт", "абласны савет"],
        "uk": ["облвиконком", "облрада", "обласна рада", "обласна адміністрація", "облдержадміністрація",
               "обласна державна адміністрація", "обласна військова адміністрація", "ОДА", "ОВА"],
    },
    "city": {
        "ru": ["горисполком", "горсовет", "городской исполнительный комитет", "городской совет",
               "городская администрация", "городская дума", "гордума", "мэрия"],
        "be": ["гарвыканкам", "гарсавет", "гарадскі выканаўчы камітэт", "гарадскі савет"],
        "uk": ["міськвиконком", "міськрада", "міська рада", "міська адміністрація", "міська військова адміністрація",
               "міська територіальна громада", "громада"],
    },
    "district": {
        "ru": ["райисполком", "райсовет", "районный исполнительный комитет", "районный совет",
               "районная администрация"],
        "be": ["райвыканкам", "райсавет", "раённы выканаўчы камітэт", "раённы савет"],
        "uk": ["райвиконком", "райрада", "районна рада", "райдержадміністрація",
               "районна державна адміністрація", "районна військова адміністрація"],
    },
}
EN_KIND_WORDS = {
    "region": ("oblast", "region", "krai", "province", "republic", "voblast", "county", "autonomous okrug",
               "municipality"),
    "district": ("district", "raion", "rayon", "municipal district", "municipality", "urban okrug"),
    "city": ("city",),
}
EN_BODIES = {
    "region": ["regional executive committee", "oblast executive committee", "regional government",
               "regional administration", "regional council", "regional", "oblast", "region",
               "region's", "governor"],
    "city": ["city executive committee", "city council", "city administration", "city hall", "city",
             "mayor's office", "municipality"],
    "district": ["district executive committee", "district administration", "district council",
                 "district"],
}

# Adjective stems of the catalogue's states, per language: "белорусская сторона" is the state, and
# "белорусско-грузинская комиссия" names both states. English demonyms below.
COUNTRY_ADJECTIVES = {
    "BY": {"ru": ("белорусск",), "be": ("беларуск",), "uk": ("білоруськ",)},
    "RU": {"ru": ("российск",), "be": ("расійск",), "uk": ("російськ",)},
    "KZ": {"ru": ("казахстанск",), "be": ("казахстанск",), "uk": ("казахстанськ",)},
    "KG": {"ru": ("кыргызск", "киргизск"), "be": ("кыргызск",), "uk": ("киргизьк",)},
    "TJ": {"ru": ("таджикск",), "be": ("таджыкск",), "uk": ("таджицьк",)},
    "UA": {"ru": ("украинск",), "be": ("украінск",), "uk": ("українськ",)},
    "MD": {"ru": ("молдавск", "молдовск"), "be": ("малдаўск",), "uk": ("молдовськ", "молдавськ")},
    "GE": {"ru": ("грузинск",), "be": ("грузінск",), "uk": ("грузинськ",)},
    "UZ": {"ru": ("узбекск", "узбекистанск"), "be": ("узбекск",), "uk": ("узбецьк",)},
    "AM": {"ru": ("армянск",), "be": ("армянск",), "uk": ("вірменськ",)},
}
EN_DEMONYMS = {
    "Belarus": ("Belarusian", "Belarussian"), "Russia": ("Russian",), "Kazakhstan": ("Kazakh", "Kazakhstani"),
    "Kyrgyzstan": ("Kyrgyz",), "Tajikistan": ("Tajik",), "Ukraine": ("Ukrainian",), "Moldova": ("Moldovan",),
    "Georgia": ("Georgian",), "Uzbekistan": ("Uzbek",), "Armenia": ("Armenian",),
}
# Nouns a state adjective turns into the state acting (белорусская сторона, казахстанский
# коллега, российские инспекторы, the Kazakh counterpart): each with the adjective ending
# that agrees with it. "the side": the party to relations.
STATE_ACTORS = {
    "ru": (("ая", "сторона"), ("ий", "коллега"), ("ие", "власти"), ("ое", "ведомство"), ("ие", "инспекторы"),
           ("ие", "таможенники"), ("ая", "таможня"), ("ие", "ветеринары"), ("ая", "ветслужба"),
           ("ое", "правительство"), ("ие", "парламентарии"), ("ие", "дипломаты"),
           # the head of government and the government's delegation stand for the state too
           ("ий", "премьер"), ("ий", "премьер-министр"), ("ий", "вице-премьер"), ("ая", "правительственная делегация")),
    "be": (("і", "бок"), ("і", "калега"), ("ія", "улады"), ("ае", "ведамства"), ("ая", "мытня"), ("і", "урад"),
           ("ія", "парламентарыі"), ("ія", "дыпламаты"), ("і", "прэм'ер"), ("і", "прэм'ер-міністр"),
           ("і", "віцэ-прэм'ер"), ("ая", "урадавая дэлегацыя")),
    "uk": (("а", "сторона"), ("ий", "колега"), ("а", "влада"), ("е", "відомство"), ("а", "митниця"),
           ("і", "інспектори"), ("ий", "уряд"), ("і", "парламентарі"), ("і", "дипломати"), ("ий", "прем'єр"),
           ("ий", "прем'єр-міністр"), ("ий", "віце-прем'єр"), ("а", "урядова делегація")),
}
# A state's trade regulators by name: a measure they take is the state's (Россельхознадзор ввёл
# ограничения в отношении белорусских комбинатов). Phrases, declined as names are.
STATE_REGULATORS = {
    "RU": {"ru": ("Россельхознадзор", "Роспотребнадзор"), "be": ("Расельгаснагляд", "Роспатрэбнагляд"),
           "uk": ("Россільгоспнагляд", "Роспоживнагляд"), "en": ("Rosselkhoznadzor", "Rospotrebnadzor")},
}
# A state's goods and plants (белорусская продукция, белорусского мясокомбината): the state, but
# only as the other side of a trade measure (TRADE_MEASURES) a named state takes.
STATE_GOODS = {
    "ru": (("ая", "продукция"), ("ие", "предприятия"), ("ое", "предприятие"), ("ие", "производители"),
           ("ий", "производитель"), ("ий", "комбинат"), ("ие", "комбинаты"), ("ий", "мясокомбинат"),
           ("ие", "мясокомбинаты"), ("ое", "молоко"), ("ое", "мясо"), ("ие", "товары"), ("ие", "поставщики"),
           ("ие", "заводы"), ("ий", "завод"), ("ие", "молокозаводы"), ("ий", "молокозавод")),
    "be": (("ая", "прадукцыя"), ("ія", "прадпрыемствы"), ("ае", "прадпрыемства"), ("і", "камбінат"),
           ("ія", "вытворцы"), ("ія", "тавары")),
    "uk": (("а", "продукція"), ("і", "підприємства"), ("е", "підприємство"), ("ий", "комбінат"),
           ("і", "виробники"), ("і", "товари")),
}
# What the goods or plants are, between the state's adjective and the noun (белорусских молочных
# комбинатов, Belarusian dairy plants): trade measures name plants by their trade. With the gender
# each STATE_GOODS ending gives its noun, so the kind agrees.
GOODS_KINDS = {"ru": ("молочн", "мясн", "перерабатывающ", "пищев"), "be": ("малочн", "мясн"), "uk": ("молочн", "м'ясн")}
# and the same for the bodies that take a trade measure (российские ветеринарные инспекторы)
ACTOR_KINDS = {"ru": ("ветеринарн", "таможенн", "санитарн", "фитосанитарн", "надзорн"), "be": ("ветэрынарн", "мытн"),
               "uk": ("ветеринарн", "митн")}
# the nouns a kind goes with (not молоко, таможня: a kind would repeat them)
TAKES_KIND = {"продукция", "предприятия", "предприятие", "производители", "комбинаты", "комбинат", "заводы", "завод",
              "власти", "ведомство", "инспекторы", "прадукцыя", "прадпрыемствы", "камбінат", "улады", "ведамства",
              "продукція", "підприємства", "комбінат", "виробники", "влада", "інспектори"}
GENDER_OF_ENDING = {"ru": {"ая": "femn", "ие": "plur", "ое": "neut", "ий": "masc"},
                    "be": {"ая": "femn", "ія": "plur", "ае": "neut", "і": "masc"},
                    "uk": {"а": "femn", "і": "plur", "е": "neut", "ий": "masc"}}
EN_GOODS_KINDS = ("dairy", "meat", "food", "processing")
EN_STATE_GOODS = ("products", "producers", "plants", "companies", "dairies", "goods", "exporters", "suppliers")
# Words of a trade measure one state takes against another's goods (folded word beginnings).
TRADE_MEASURES = ("ограничени", "запрет", "ввоз", "абмежаванн", "забарон", "обмеженн", "заборон", "restrict",
                  "banned", "embargo", "access")
EN_STATE_ACTORS = ("side", "counterpart", "counterparts", "authorities", "inspectors", "customs", "regulator",
                   "government", "parliamentarians", "lawmakers", "mps", "diplomats", "pm", "prime minister",
                   "premier", "vice premier", "vice premiers", "deputy prime minister", "government delegation")
# the combining vowel of a compound adjective (белорусско-, беларуска-, білорусько-)
COMBINING = {"ru": "о", "be": "а", "uk": "о"}

# Words that report relations between the two sides (matched as word beginnings, folded). Not
# рабоч-: "workers" (рабочие из Рышкан) say nothing; a working group, visit or meeting has its noun.
CUES = {
    "ru": """соглашени договор меморандум протокол побратим сотрудничеств сотрудничал сотрудничают
        сотрудничает сотрудничать партнер партнёр делегаци визит парти отгрузил посетил посетит посетят посетили побывал побывает побывают передал передан передаст передадут
        посещени прибыл приедут приехал приехали принял примет приняли встреч переговор план мероприяти
        форум ярмарк выставк фестивал поставк постав поставля отгруз экспорт импорт
        контракт сделк подписал подписан подписи подпишут подписать совместн сборк собирают собира
        дилер обмен стажировк дни дней делегат юбилей годовщин комисси
        инвестиц инвестир кооперац торгов товарооборот взаимодейств связи связей связям связях дружб добрососед программ
        проект соглашен заключ ограничени запрет ввоз запуск запуст присутствова верительн продлил пролонг учредил учрежд открыл открыт откроют создан создадут
        направил направят пригласил приглас приглаша заинтересован договорил согласова лизинг обслуживан
        наладил налажен локализ представительств закупк закупа предложил приняла принимает отправ
        заказа заказыва примут принимают посольств посол принадлежит принадлежат принадлежащ закупил закупит закупят конференц
        семинар вебинар тренинг мастер-класс бизнес-сесси бирж приглашени
        вместе получил получит получат получает получают
        заседани обсудил обсуждал обсудят совещани консультаци резидент вложи вложат владе акционер
        поздравил поздравлен поздравля бизнес-мисси подарил подарит подарят разработ провел проведут проводят проведет проведен
        видеомост телемост видеоконференц межправ межгос встретился встретилась встретится встретил закупок пресс-тур сервисн""",
    "be": """пагадненн дагавор дамов мемарандум пратакол пабрацім супрацоўніцтв супрацоўнічаюць
        партнёр партнер дэлегацы візіт наведал наведа сустрэч перамов план мерапрыемств форум кірмаш
        выстав фестываль пастаўк пастаўля экспарт імпарт кантракт падпіса сумесн зборк дылер абмен
        юбілей гадавін камісі інвестыц кааперац гандл тавараабарот узаемадзеянн сувяз
        сяброўств праграм праект заключ адкры стварэнн запрасі запраша прыбыл прыбыў пабываў перадаў абмеркаваў закупіў прыедуць прымаў абмеркавал
        пасяджэнн накірава накіру партыю нарад пабывал пабывае перадал перададз перадасць перададуць пасябрав кансультацы рэзідэнт абмежаванн забарон прысутнічал даверчы
        узгадні заказа замові пасольств пасол стажыроўк належыць абмяня канферэнцы
        семінар вэбінар трэнінг майстар-клас прыняў прыня прымае прымаюць пагадзіл дні запрашэнн адправ
        разам атрымал атрымау атрымае атрымаюць атрымлівае атрымліваюць павіншава віншава бізнес-місі падарыў падарыл падорыць распрацу распрацоў правялі правёў правяла правядуць праводзяць паставі супраца супрацы супрацу супрацай
        відэамост тэлемост відэаканферэнц міжурад міждзярж вымяня сустрэўся сустрэлася сустрэнецца сустрэў сустрэла закупк закупак закупіл закупля прэс-тур сэрвісн абслугоўв""",
    "uk": """угод договор договір меморандум протокол побратим співпрац співробітництв партнер делегаці візит
        відвіда відвідал побував побуває передав передал передан передасть передадуть зустріч переговор план заход форум ярмар виставк фестивал постачанн постача
        поставк експорт імпорт контракт підписа спільн складанн склада дилер обмін ювіле річниц
        комісі інвестиц кооперац торгівл товарообіг взаємоді зв'яз дружб програм проект уклал
        укладе укладен відкри створ запроси запрошу прибул приїд тендер закупівл обговори засідан партію парті нарад
        консультаці резидент вклад володі обмеженн заборон присутнича домовил домовлен вірчі узгоди
        замовл замови посольств посол стажуван направи належить належать конференці
        семінар вебінар тренінг майстер-клас запрошенн відправ
        разом отримав отримала отримали отримає отримають отримує отримують привітав привітал привіта вітанн бізнес-місі подарував подарувал подарує розроб провели провів провела проведуть проводять
        відеоміст відеомост телеміст відеоконференц міжуряд міждерж зустрівся зустрілася зустрів зустріла зустрінеться прес-тур сервісн обслугову""",
    "en": """agreement agree agreed treaty memorandum protocol twin twinned twinning sister partner cooperat
        co-operat collaborat delegation visit visited met meeting talks plan roadmap forum fair
        exhibition expo festival deliver supplie supply supplied export import contract deal signed
        sign joint assembl dealer exchange anniversary commission invest trade
        relations friendship programme program project conclud open launched establish invited
        arrived hosted discuss install tender procure lease leasing partnership shipment batch resident owns owner ordered embassy ambassador
        stake consultations session restrict banned embargo access credentials launch attended attending
        together receiv seminar webinar workshop masterclass roundtable invitation congratulat
        gifted donated videoconferenc overhaul intergovernmental days""",
}


# States the catalogue has no partnership with, as folded word beginnings: in a list they are
# members as the catalogue's states are (Армения, Казахстан и Беларусь: three states, not a pair).
OTHER_STATES = ("армени", "арменіі", "арменія", "вірмені", "armenia", "азербайджан", "azerbaijan", "польш", "польщ",
                "poland", "литв", "літв", "lithuania", "латви", "латві", "latvia", "эстони", "эстоні", "естоні",
                "estonia", "китай", "кітай", "китаю", "china", "турци", "турцы", "туреччин", "turkey", "туркмени",
                "туркмені", "turkmenistan", "монголи", "манголі", "монголі", "mongolia", "серби", "сербі", "serbia",
                "венгри", "венгрі", "угорщин", "hungary", "иран", "іран", "iran", "вьетнам", "в'етнам", "в'єтнам",
                "vietnam", "германи", "германі", "німеччин", "germany", "франци", "францы", "франці", "france",
                "итали", "італі", "italy", "инди", "індыі", "інді", "india", "абхази", "абхазі", "abkhazia",
                "израил", "ізраіл", "ізраїл", "israel", "египт", "егіпт", "єгипт", "egypt", "оаэ", "оаэ", "оае", "uae",
                "сша", "зша", "usa", "великобритан", "вялікабрытан", "britain", "япони", "японі", "japan", "коре",
                "карэ", "korea", "ирак", "ірак", "iraq", "сири", "сірыі", "сирі", "syria", "чехи", "чэхі", "чехі",
                "czech", "словаки", "славакі", "словаччин", "slovakia", "болгари", "балгарі", "болгарі", "bulgaria",
                "румыни", "румыні", "румуні", "romania", "греци", "грэцы", "греці", "greece", "испани", "іспані",
                "spain", "финлянди", "фінлянды", "фінлянді", "finland", "пакистан", "pakistan", "афганистан",
                "афганістан", "afghanistan", "канад", "canada", "бразили", "бразілі", "brazil")

# A region's kind word in the genitive: after a place, the region says where it is (Дзержинск
# Нижегородской области). Folded.
REGION_GENITIVE = {"области", "вобласці", "області", "края", "краю", "республики", "рэспублікі", "республіки",
                   "округа", "акругі", "округу"}


# Cues of two words (folded beginnings, matched across the space): a plan of events, a road map
# and a working group are what the monograph counts, but план, дорожная and группа alone say nothing.
PHRASE_CUES = ("план мероприяти", "дорожная карт", "дорожной карт", "дорожную карт", "дорожною карт",
               "дарожная карт", "дарожнай карт", "дарожную карт", "дорожня карт", "дорожньої карт", "дорожню карт",
               "дорожньою карт",
               # a working group (рабочая группа), not any group (группа школьников, tourist groups)
               "рабочая групп", "рабочей групп", "рабочую групп", "рабочие групп", "рабочих групп", "рабочим групп",
               "рабочими групп", "рабочая груп", "рабочай груп", "рабочую груп", "рабочыя груп", "рабочых груп",
               "рабочымі груп", "робоча груп", "робочої груп", "робочу груп", "робочою груп", "робочі груп",
               "робочих груп", "робочими груп", "working group",
               # learning from the partner's experience (изучили опыт, перенимают опыт)
               "изучили опыт", "изучил опыт", "изучила опыт", "изучат опыт", "изучить опыт", "изучают опыт",
               "перенимают опыт", "перенять опыт", "переняли опыт", "вывучылі вопыт", "вывучаюць вопыт",
               "вивчили досвід", "вивчають досвід", "переймають досвід", "изучает опыт", "перенимает опыт",
               "вывучае вопыт", "пераймае вопыт", "пераймаюць вопыт", "вивчає досвід", "переймає досвід",
               "вивчатимуть досвід", "studied the experience", "study the experience", "learn from the experience",
               # a round table, held together
               "круглый стол", "круглого стол", "круглом стол", "круглым стол", "круглы стол", "круглага стал",
               "круглым стал", "круглий стіл", "круглому стол", "круглим стол", "round table",
               # English ones (CUES are single words: "road" alone is any road)
               "road map", "business mission", "press tour",
               # coordinating plans (сверили часы: the officials' idiom for a working meeting)
               "сверили час", "сверят час", "сверить час", "сверяют час", "сверил час", "звірили годин",
               "звіряють годин", "зверылі гадзін", "звяраюць гадзін", "зверыць гадзін",
               # reviewing the results together (подвели итоги сотрудничества)
               "подвели итог", "подведут итог", "подводят итог", "падвялі вынік", "падвядуць вынік",
               "підбили підсумк", "підведуть підсумк", "reviewed the results")
# A word that negates the cue right after it (не планируют, did not sign, no agreement): what is
# not done is no relation.
NEGATIONS = frozenset({"не", "ні", "not", "no"})
# and right before a name (а не Гомель, not Mogilev): the text says it is not that place ("no"
# before a name quantifies it: no Minsk delegation came)
NOT_THIS = NEGATIONS - {"no"}
# Cues of a visit, which private visitors before them (tourists visit Minsk) make a private trip.
VISIT_CUES = ("visit", "посет", "посещ", "наведа", "відвіда", "побыва", "пабыва", "побува")
# Words that begin as a cue does but are not one (посетители begins as посетит, visitors as visit).
NOT_CUES = ("посетител", "наведвальнік", "відвідувач", "visitor", "торговц", "гандляр", "торговк",
            "встречн", "сустрэчн", "зустрічн",  # встречная полоса, встречный турист: oncoming, not a meeting
            "встретились",  # teams meet in finals; one side welcoming the other (встретил гостей) stays a cue
            "партизан", "партызан",  # Партизанский район, партызанскі атрад begin as партия, a batch of goods
            "экс-посол", "экс-пасол", "екс-посол",  # a former ambassador speaks for no embassy
            "нарадзі", "нараджэн",  # нарадзіўся, "was born", begins as нарада, a meeting
            "прыняс",  # прынясе, "will bring" (a cold front), begins as прыняў, received
            # "open" as an adjective (горад застаецца адкрытым, открытое акционерное общество): no
            # opening; the short participle (выставка открыта) still is one
            "открытый", "открытая", "открытое", "открытые", "открытым", "открытой", "открытых", "открытую",
            "открытом", "открытого", "открытому", "адкрытая", "адкрытае", "адкрытыя", "адкрытым", "адкрытай",
            "адкрытых", "адкрытую", "адкрытага", "адкрытаму", "відкритий", "відкрите", "відкритим", "відкритої",
            "відкритих", "відкритого", "відкритому",
            "проектн", "праектн", "проектиров", "праектав", "проєктув",  # проектный институт, проектировщики: a design office, not a joint project
            "программирован", "праграмаван", "програмуван", "programming",  # writing code, not a programme
            "plant", "plane", "planet",  # a tractor plant, a plane, begin as plan
            "планет", "плантац", "планшет", "планировк", "планер",  # and as план
            "meta", "metr", "meth", "mete",  # metallurgy, metro, methods begin as met
            "metz", "signific", "investigat", "importan",  # METZ, significantly, investigating, important
            "residents", "residential",  # people living somewhere; a resident of a free economic zone stays a cue
            "прибыль",  # profit begins as прибыл, arrived
            "дніпр", "дністр",  # Дніпропетровщина, Дністер begin as дні (Дні міста, a city's days)
            "отправлени", "адпраўленн", "відправленн",  # отправление из Могилёва в 21:00: a departure
            "обменн", "абменн", "обмінн",  # обменный курс, обменные пункты: currency, not an exchange of the sides
            "пресс-конференц", "прэс-канферэнц", "прес-конференці")  # a press conference is no joint one
# A visit or an event called off (Визит делегации … не состоится, поездка отменена, візіт
# адменены, перенесён на неопределённый срок, делегация не приехала, the visit was cancelled):
# what did not happen is no coverage; a trade measure lifted
# (ограничения отменены) is, so the sentence must name a visit or an event. Read in a sentence's
# folded words, space-joined.
CANCELLED = re.compile(
    r"(?:^| )(?:не (?:состоится|состоялс\w*|состоял\w*сь|адбудзецца|адбыў\w*|адбыл\w*|відбудеться|відбув\w*|"
    r"відбул\w*|приехал\w*|приедет|приедут|прыехал\w*|прыедзе|прыедуць|приїхал\w*|приїде|приїдуть)|"
    r"отменен\w*|отменил\w*|адменен\w*|адмянил\w*|скасован\w*|скасувал\w*|cancel\w*|called off|"
    r"неопределенн\w* срок|нявызначан\w* тэрмін|невизначен\w* термін|indefinitely|did not come|will not come|"
    # put off to a later date (визит перенесён на осень): not now either
    r"перенесен\w*|перенесл\w*|перенос\w*|перанесен\w*|перанесл\w*|перанос\w*|відкладен\w*|відклал\w*|отложен\w*|отложил\w*|"
    r"postponed|put off|rescheduled)(?= |$)")
# An agreement not reached, refused or no longer in force (так и не подписали, отказалась от
# соглашения, відмовилася від угоди, refused to sign, давно не действуют), goods seized, a
# suspect detained or handed over, one person's life story: no coverage either.
REFUSED = re.compile(r"(?:^| )(?:так и не|так і не|отказал\w* от|отказыва\w* от|адмовіл\w* ад|"
                     r"адмаўля\w* ад|відмовил\w* від|відмовля\w* від|refused to|declined to|never signed|"
                     # agreements no longer in force (давно не действуют, давно не діють)
                     r"не действу\w*|не дзейніча\w*|не діють|не діє|no longer in force|no longer valid|"
                     r"денонс\w*|припинен\w*|припинил\w*|denounc\w*|terminated|"
                     # ties that stopped (сувязі даўно спыніліся, связи прекратились)
                     r"спынен\w*|спыніл\w*|прекращен\w*|прекратил\w*|ceased|оборвал\w*|абарвал\w*|обірвал\w*|"
                     # a war (участь Білорусі в агресії проти України): hostility, not cooperation
                     r"агресси[яиюей]|агрэсі[яіюй]|агресі[яїюй]|aggression|"
                     # nothing done together (ничего совместного не было, nothing happened)
                     r"(?:ничего|никаких|нічога|ніякіх|нічого|жодних)(?: \w+){0,5} не (?:было|провели|проводили|сделали|"
                     r"происходило|проводилось|состоялось|правялі|праводзілі|зрабілі|праводзілася|адбылося|было|було|зробили|"
                     r"проводилося|відбулося)|nothing (?:\w+ )?(?:happened|was held|was done)|"
                     # an agreement only on paper (существует только на бумаге, засталася на паперы)
                     r"(?:только|толькі|лише|тільки|остал\w*|засталі?\w*) на (?:бумаге|паперы|папері)|only on paper|"
                     r"no joint (?:\w+ )?(?:events|activities|projects) (?:were|this)|"
                     # an agreement that ran out (договор истёк, the agreement expired)
                     r"истек\w*|истекл\w*|скончыўся|скончыла\w*|закінчив\w*|expired|"
                     # goods seized as contraband (вилучили партію цигарок): a crime, not trade
                     r"контрабанд\w*|кантрабанд\w*|smuggl\w*|вилучил\w*|вилучено|изъял\w*|изъято|seized|"
                     # people detained, wanted, extradited (задержали угонщика, разыскиваемого в Бресте)
                     r"задержал\w*|задержан\w*|затрымал\w*|затрыман\w*|затримал\w*|затриман\w*|arrested|detained|"
                     r"угон\w*|угнал\w*|разыскива\w*|розыск\w*|вышук\w*|розшук\w*|"
                     r"мошенни\w*|махляр\w*|шахра\w*|fraudster\w*|экстрадир\w*|экстрадиц\w*|экстрадыц\w*|екстрадиц\w*|"
                     r"extradit\w*|"
                     # one person's life: born, a graduate, died (Он родился в Белыничском районе, после
                     # войны приехал на Курщину; выпускник Ташкентского института, он преподавал в БНТУ).
                     # Not родилась: an idea is born so (родилась идея совместного фестиваля)
                     r"родился|нарадзіўся|народився|was born|выпускник|выпускница|выпускнік|выпускніца|випускник|"
                     r"випускниця|graduate of|graduated from|окончил|окончила|скончался|скончалась|ушел из жизни|ушла из жизни|памер|памерла|помер|"
                     r"померла|died|passed away)(?= |$)")
CANCELLED_EVENTS = re.compile(
    r"(?:^| )(?:визит|поездк|делегац|гастрол|стажировк|форум|фестивал|встреч|мероприят|концерт|обмен|візіт|паездк|"
    r"дэлегац|сустрэч|мерапрыем|фестывал|абмен|поїздк|делегаці|зустріч|захід|заходи|обмін|visit|trip|delegation|"
    r"forum|festival|meeting|event|tour|exchange|"
    r"празднован|юбиле|святкаванн|юбілей|святкуванн|ювіле|celebrat|anniversar|дни|дні|days)")
# A sentence that cites one side for news of the other (Kazinform, citing BelTA; со ссылкой на
# «Гомсельмаш»; паводле звестак): the two are named, not acting together. Not a verb of saying:
# "… собрали тысячный трактор, сообщил директор" reports the relation. Folded words.
CITATION = re.compile(r"(?:^| )(?:со ссылкой|ссылаясь|са спасылкай|спасылаючыся|з посиланням|посилаючись|"
                      r"по данным|по информации|по сведениям|паводле|за даними|за інформацією|"
                      r"citing|cites|cited|quoting|quotes|quoted|refers to|referring to|according to)(?= |$)")
# A comparison (для сравнения, дешевле, чем в …, cheaper): places set side by side are compared,
# not related; not "compared with last year", which compares numbers. Folded words, space-joined.
COMPARISON = re.compile(r"(?:^| )(?:для сравнения|сравнени\w* цен|сравнили цен\w*|дешевле|дороже|для параўнання|танней|"
                        r"даражэй|для порівняння|дешевше|дорожче|cheaper|more expensive)(?= |$)")
# A figure set against another's (modest compared with Belarus's trade with Russia): what follows
# is the measure, not a party; what comes before may still be (1,800 tractors, compared with 1,300).
COMPARED_WITH = re.compile(r"(?:^| )(?:compared with|compared to|in comparison with|по сравнению с|у параўнанні з|"
                           r"порівняно з|у порівнянні з)(?= |$)")
# A person's career (бывший директор «Дагсельмаша» возглавил цех МТЗ, назначен выходец с Уралмаша,
# former head of … joined): organisations named in it are where someone worked, not partners.
CAREER = re.compile(r"(?:^| )(?:возглавил\w*|назначен\w*|назначил\w*|выходец|выходц\w*|бывш\w+ (?:директор|руководител|глав|начальник)\w*|"
                    r"ачоліў|ачаліла|прызначан\w*|былы \w+|очолив\w*|очолила|призначен\w*|колишн\w+ (?:директор|керівник)\w*|"
                    r"appointed|former (?:director|head|chief|manager)\w*)(?= |$)")
# The head noun an organisation's name may go on after (Могилёвский университет продовольствия,
# Belarusian State University of Informatics): folded, at a word's end (госуниверситет) in its
# bare form (fullmatch), or in any case (match).
NAME_HEADS = re.compile(r"\w*(?:университет|універсітэт|університет|институт|інстытут|інститут|академия|академи|"
                        r"акадэмія|акадэмі|академія|завод|комбинат|камбінат|комбінат|колледж|каледж|коледж|university|"
                        r"institute|academy|college)")
# A sentence that ranks (рейтинг, второе место, в десятке лучших, ranking): organisations named
# in it are compared, not acting together. Folded words.
RANKING = re.compile(r"(?:^| )(?:рейтинг\w*|рэйтынг\w*|ranking\w*|rating\w*|место|месте|места|месца|месцы|місце|"
                     r"місця|десятк\w*|дзясятк\w*|десятц\w*|top-\d+)(?= |$)")
# Receiving is a cue when goods pass between the sides (получила вагоны из Минска, отримала
# машини від «Белкоммунмашу»), not when people get a prize, a diploma, an injury or a gift: a
# sentence naming one of these takes the receiving away. Folded words.
RECEIVED = ("получ", "атрыма", "отрима", "receiv")
PRIZES = re.compile(r"(?:^| )(?:медал|наград|узнагарод|нагород|приз|прыз|диплом|дыплом|грамот|кубок|кубк|"
                    r"преми|прэмі|премі|орден|ордэн|звани|званн|травм|дар(?= |$)|подарок|падарунак|подарун|"
                    r"medal|award|prize|diploma|trophy|injur|gift)")
# Sending is a cue (отправили партию тракторов), setting off in the reflexive is not (автобусы
# отправляются, делегация отправилась: the words around say who went where).
SENT = ("отправ", "адправ", "відправ")
# A programme of a feast or a show (в праздничной программе), not one of cooperation
PROGRAMME = ("програм", "праграм", "programme", "program")
SHOW_PROGRAMME = ("праздничн", "святочн", "концертн", "конкурсн", "развлекательн", "святков", "festive", "concert",
                  "entertainment")
# Held (провели турнир, правялі свята): an event the two sides hold, but not time spent, a game
# played or a service for visitors (проведут четыре дня в Тбилиси, провели сборы в Ростове,
# следующую игру проведут дома, экскурсию по Бресту провели для школьников из Ижевска)
# Folded words begin so (ё is е): провел also begins провели and провела.
HELD = ("провел", "проведут", "проводят", "проведет", "проведен", "правял", "правеў", "правядуць", "праводзяць",
        "провів", "проведуть", "проводять")
HELD_NOT = ("игр", "матч", "поедин", "предсезон", "сбо", "трениров", "недел", "месяц", "время", "час", "ночь",
            "выходн", "отпуск", "каникул", "сезон", "гульн", "зборы", "трэніроў", "тыдз", "тренуван", "збори", "тижд",
            "днів", "два", "две", "три", "четыре", "пять", "несколько", "чатыры", "некальк", "чотири", "кілька",
            "экскурс", "екскурс")
# A week and what it is of (неделя белорусской культуры, тыдзень кухні): an event, not time spent
WEEKS = ("недел", "тыдз", "тижд", "week")
WEEK_OF = ("культур", "кухн", "кухон", "кино", "кіно", "книг", "кніг", "музык", "музыц", "театр", "тэатр", "дружб",
           "сяброўств", "мод", "culture", "cuisine", "film", "cinema", "book", "music", "theatre", "friendship")
# The score after a cue word (открыли счёт, адкрылі лік, відкрили рахунок, opened the scoring is
# not a cue anyway): sport reports, where "opened" is a goal.
SCORE_WORDS = {"счет", "лік", "рахунок", "scoring", "score"}
# Cues of opening (открыли, адкрылі, відкрили, opened), which the score and open events below undo.
OPENING = ("откр", "адкр", "відкр", "open")
# Words after an opening that make it a quality (Кострома открыта миру, open to visitors).
OPEN_TO = frozenset({"миру", "свету", "для", "к", "свеце", "світу", "to", "for"})
# Cues of launching (запустили, launched), which a route after them makes a transport service.
LAUNCHING = ("запуст", "запуск", "запусц", "launch")
# An "open" tournament (открытый турнир, адкрытае першынство, open championship) is a competition
# anyone may enter, not an opening.
OPEN_EVENTS = ("турнир", "турнір", "первенств", "першынств", "першіст", "чемпионат", "чэмпіянат", "чемпіонат",
               "кубок", "кубак", "олимпиад", "алімпіяд", "олімпіад", "конкурс", "tournament", "championship", "olympiad",
               "contest", "competition")
# An English open after its sport (the rapid chess open) is the competition, a noun.
OPEN_SPORTS = {"chess", "rapid", "blitz", "tennis", "golf", "squash", "badminton", "darts", "snooker", "junior",
               "youth", "women's", "men's", "international", "city", "regional", "national"}
# "Days" after a count (на десять дней, 3 дня) is a length of time, not the Days of a region's
# culture: the day cues and the words that count them.
DAY_CUES = {"дни", "дней", "дзен", "дні", "днів"}  # folded: дзён is дзен
# Words before "дни" that make them days of the calendar (в отдельные дни, в тёплые дни, в эти дни).
CALENDAR_DAYS = {"отдельные", "некоторые", "эти", "те", "все", "выходные", "праздничные", "будние", "рабочие",
                 # до наших дней, з тых дзён: time, not an event
                 "наших", "нашых", "этих", "тех", "гэтых", "тых", "цих", "тих",
                 "последние", "ближайшие", "первые", "летние", "зимние", "весенние", "осенние", "теплые",
                 "солнечные", "морозные", "жаркие", "холодные", "дождливые", "ясные", "асобныя", "некаторыя",
                 "гэтыя", "выхадныя", "святочныя", "апошнія", "цеплыя", "сонечныя", "марозныя", "халодныя",
                 "окремі", "деякі", "ці", "вихідні", "святкові", "останні", "теплі", "сонячні", "морозні", "холодні",
                 # holidays by month (майские дни)
                 "майские", "новогодние", "январские", "ноябрьские", "мартовские", "майскія", "навагоднія",
                 "травневі", "новорічні", "літні", "зимові", "весняні", "осінні", "летнія", "зімовыя"}
COUNTS = {"два", "две", "двух", "три", "трех", "четыре", "четырех", "пять", "пяти", "шесть", "шести", "семь",
          "семи", "восемь", "восьми", "девять", "девяти", "десять", "десяти", "несколько", "нескольких", "пару",
          "ближайшие", "последние", "тры", "пяць", "дзесяць", "некалькі", "некальких", "бліжэйшыя", "дві",
          "п'ять", "кілька", "кількох", "найближчі", "останні"}
EN_COUNTS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "few", "many", "last",
             "next", "first", "recent", "these", "those", "some", "all"}


# A country named right after one of these is part of an organisation's name (НОК Беларуси,
# Минпром Беларуси, Ministry of Industry of Belarus), not the state.
# An embassy, an ambassador or a minister acts for its state (Посол Беларуси вручил грамоты
# президенту Таджикистана; министры культуры Беларуси и Узбекистана), so they are not here; a
# ministry is an organisation the catalogue may name.
ORG_HEAD = re.compile(
    r"^(министерств|мин(?!ск|истр)[а-я]{2,}|нок|нан$|nas$|комитет|\w+комитет|\w+камітэт|\w+комітет|палат|университет|академи|"
    r"банк|компани|федераци|ассоциаци|союз|институт|агентств|служб|ведомств|центр|фонд|выставк|"
    r"павильон|стенд|экспозици|міністэрств|камітэт|універсітэт|"
    r"міністерств|комітет|університет|ministry|committee|"
    r"chamber|university|academy|bank|company|federation|association|union|institute|agency|"
    r"service|centre|center|fund|noc|pavilion|stand|"
    # the press and businesses of a state (газеты Беларуси и России, enterprises of Belarus)
    r"газет|сми$|издани|редакци|телеканал|телерадио|вуз|предприяти|выданн|рэдакцы|тэлеканал|прадпрыемств|"
    r"видан|редакці|підприєм|newspapers|media$|outlets|enterprises|"
    # and its theatres and museums (в театрах Беларуси и России), its news (обзор новостей Беларуси)
    r"театр|тэатр|museum|theatre|музе|новост|навін|новин|информагентств|інфармагенцтв|інформагентств|"
    r"інфармацыйн|информационн|інформаційн|"
    # and its churches (в храмах Беларуси и Грузии)
    r"храм|церкв|царкв|монастыр|манастыр|churches|monasteries)")
# A territory whose plural noun heads the chain a state ends (регионов Беларуси и России, cities of
# Belarus) uses the state as a locator: the regions are the subject, not the states.
LOCATOR_HEAD = re.compile(
    r"^(регион(ы|ов|ах|ам|ами)?|област(и|ей|ях|ям|ями)|город(а|ов|ах|ам|ами)|район(ы|ов|ах|ам|ами)|"
    r"рэгіен(ы|аў|ах)?|вобласц(і|ей|ях)|абласц(ей|ях|ям|ямі)|гарад(ы|оў|ах)|раен(ы|аў|ах)|регіон(и|ів|ах)?|област(і|ей|ях)|"
    r"міст(а|ах)?|regions|cities|districts|provinces)$")
# People named by their country (журналисты России и Беларуси, школьники Беларуси, athletes of
# Belarus): the people are the subject, the states locate them.
PEOPLE_HEAD = re.compile(
    r"^(народ|peoples|журналист|спортсмен|олимпийц|алімпійц|олімпійц|olympians|поэт|паэт|поет|poets|"
    r"добровольц|валанцер|волонтер|volunteers|отряд|атрад|загін|загон|squads|студент|школьник|учащи|ученик|учен(ые|ых|ыми)|артист|исполнител|выканаўц|"
    r"виконавц|performers|писател|художник|"
    r"ветеран|болельщик|команд|сборн|игрок|журналіст|спартсмен|студэнт|школьнік|вучн|артыст|"
    r"пісьменнік|мастак|каманд|зборн|спортсмен|школяр|учн|письменник|збірн|journalists|athletes|"
    r"students|pupils|schoolchildren|artists|writers|teams|players|fans|турист|турыст|отдыхающ|адпачывальнік|"
    r"відпочивальник|tourists|holidaymakers|visitors|коллектив|калектыв|колектив|ансамбл|ensembles|bands|"
    r"troupes|choirs|шахматист|шахматыст|шахіст|участник|удзельнік|учасник|participants|chess|"
    r"жител|жыхар|мешканц|residents|граждан|грамадзян|громадян|citizens|человек$|людей|чалавек$|людзей|осіб|people$|"
    # athletes by their sport (юные борцы Беларуси и Таджикистана)
    r"борц|баксер|боксер|гимнаст|гімнаст|пловц|плыўц|лыжник|лыжнік|хоккеист|хакеіст|футболист|футбаліст|"
    r"теннисист|тэнісіст|легкоатлет|легкаатлет|биатлонист|біятланіст|дзюдоист|дзюдаіст|wrestlers|boxers|gymnasts|"
    r"swimmers|skiers|footballers)")
# Products English news names by a state's name as their brand (Belarus tractors, the Belarus
# Tractor trading house): after a name in Latin letters, the brand, not the state.
BRAND_PRODUCTS = ("tractor",)
# Athletes and teams by their town's adjective (речицкие гандболисты, гомельская сборная): the
# team's home, not the town acting. Not athletes in general: a district that hosts its twin's
# спортсмены is an exchange. Folded.
SPORT_TEAM = re.compile(
    r"^(гандболист|футболист|хоккеист|баскетболист|волейболист|боксер|легкоатлет|биатлонист|"
    r"лыжник|гимнаст|шахматист|гандбаліст|футбаліст|хакеіст|баскетбаліст|валейбаліст|"
    r"гандболіст|футболіст|хокеїст|баскетболіст|волейболіст)(ы|ов|ам|ами|ах|аў|амі|и|ів|ам|ами)$"
    r"|^(борцы|борцов|пловцы|пловцов|команда|команды|команде|команду|командой|сборная|сборной|сборную|"
    r"каманда|каманды|камандзе|каманду|камандай|зборная|зборнай|зборную|збірна|збірної|збірну|збірною|"
    r"клуб|клуба|клубу|клубом|клубе|клубы|клубов|клубам|клубами|клубах|клубі|клубів)$")
# English names a team by its home's bare name, perhaps with the sport between (a Vitebsk hockey club).
EN_TEAMS = frozenset({"club", "clubs", "team", "teams", "side", "squad", "fc", "hc"})
EN_SPORTS = frozenset({"hockey", "football", "soccer", "handball", "basketball", "volleyball", "rugby", "futsal",
                       "chess", "wrestling", "boxing", "tennis", "youth", "women's", "men's", "ice"})
# and a theatre, a circus or a museum by its town's bare name (a Chisinau theatre), as a team
EN_INSTITUTIONS = frozenset({"theatre", "theater", "circus", "museum", "orchestra", "choir", "philharmonic"})
# and a company trading there by the place's bare name (its Chisinau dealer); a MAZ dealership is MAZ's
EN_TRADERS = frozenset({"dealer", "dealers", "dealership", "distributor", "distributors", "importer", "importers"})
# Sports clubs and teams (клубы из Тирасполя и Минска, каманды з Брэста, Магілёва і
# Брянска): where they come from, not a party.
CLUBS = ("клуб", "club", "команд", "каманд", "team", "сборн", "зборн")
# A dateline (МИНСК, 14 марта (БЕЛТА) –; VITSEBSK, 14 March): the place a report is filed from,
# at the start of a paragraph; a locator of the report, never a party. What may follow the name:
# a comma and a date, or (for a name in capitals) a comma, a bracket, a dash or a stop (БАТУМИ. Первые …).
DATELINE_DATE = re.compile(r"\s*,\s*(?:\d{1,2}\s+[^\W\d_]{3,}|[^\W\d_]{3,}\.?\s+\d{1,2})\b")
DATELINE_CAPS = re.compile(r"\s*[,(–—-]|\.\s")
# Sentence ends: a stop followed by space and a capital, a digit, a quote or a bullet; or a line break.
# Not after an initial or a two-letter abbreviation (В. А. Белого, St. Petersburg, Ya. I. Potapenko).
# The pattern opens with one character class (a stop or a line break) so the regex engine skips
# to those characters instead of trying every position; only a match's end is used.
SENTENCE_END = re.compile(
    r"[.!?…\n](?:(?<=\n)\n*|(?<=[.!?…])"
    r"(?<![\s.(«][A-ZА-ЯЁІЎЄЇҐ]\.)(?<![\s(«][A-ZА-ЯЁІЎЄЇҐ][a-zа-яёіўєї]\.)(?<!\sг\.)(?<!\sим\.)(?<!\sобл\.)(?<!\sул\.)(?<!\sst\.)"
    r"[\"»”)]*\s+(?=[A-ZА-ЯЁІЎЄЇҐ0-9«\"„—–•▪■●‣-]))")
# A paragraph ends at a blank line; one starts at a bullet in running text: a digest's items
# (… на вуліцы Інтэрнацыянальнай. • У Курску адкрыўся …) are separate news.
PARAGRAPH_END = re.compile(r"\n\s*\n")
BULLETS = "•▪■●‣"
BULLET = re.compile(r"(?<=\s)[•▪■●‣](?=\s)")
# Cues that name the relation itself rather than an activity (программа, открыл, группа): the
# only ones that count for a partner met far from the subject named in the lead.
RELATION_CUES = (
    "дорожн", "дарожн", "соглашени", "договор", "меморандум", "протокол", "побратим", "сотруднич", "партнер", "делегаци", "визит",
    "переговор", "поставк", "поставщик", "поставля", "контракт", "обмен", "совместн", "кооперац", "инвест",
    "пагадненн", "дагавор", "пабрацім", "супрацоўн", "дэлегацы", "візіт", "перамов", "пастаўк",
    "кантракт", "абмен", "сумесн", "угод", "договір", "співпрац", "співробітн", "делегаці", "постач", "спільн", "обмін",
    "agreement", "memorandum", "twin", "partner", "cooperat", "collaborat", "delegation", "visit", "talks",
    "deliver", "supplie", "supply", "contract", "exchange", "joint", "invest",
    # a purchase or an order is trade as much as a delivery is
    "закуп", "заказа", "заказыва", "замові", "замовл", "замови", "ordered", "procure")
# Activity words that tell nothing of two states' relations: a batch of goods, a festival or a
# fair, arriving, holding or opening something, receiving (сигареты … ввезены партиями; на фестиваль
# приехали исполнители из Беларуси и Казахстана; лагерь для детей из Молдовы и Беларуси открылся):
# two states named with only these are where people or goods come from.
NOT_STATE_CUES = ("парти", "партыю", "партію", "отправ", "адправ", "відправ", "заход", "захід", "фестивал", "фестываль", "festival", "приехал", "приедут", "прыехал",
                  "прыедуць", "приїд", "приїха", "прибыл", "прыбыл", "прибул", "arrived", "провел", "проведут",
                  "проводят", "проведет", "проведен", "правял", "правеў", "правядуць", "праводзяць", "провів", "провел",
                  "проведуть", "проводять", "открыл", "открыт", "откроют", "адкры", "відкри", "open", "получил",
                  "получит", "получат", "получает", "получают", "атрыма", "отрима", "receiv", "ярмарк", "кірмаш",
                  "ярмар", "fair", "выставк", "выстав", "виставк", "exhibition", "expo", "конференц", "канферэнц",
                  "конференці", "семинар", "семінар", "вебинар", "вэбінар", "тренинг", "трэнінг", "тренінг")
# Cues that say two sides are partners, not that anything happened between them: in a list of
# twins or partners (среди побратимов Гомеля, other sister cities include) they are background.
STATUS_CUES = ("побратим", "пабрацім", "партнер", "дружб", "связ", "сувяз", "зв'яз", "sister", "twin",
               "partner", "relations", "friendship", "сотрудничеств", "супрацоўніцтв", "співпрац",
               "співробітн", "cooperat",
               # greetings a background list of twins sent (поздравления прислали города-побратимы, среди
               # которых …): no event of the pair
               "поздрав", "павіншава", "віншава", "привіта", "вітанн", "congratulat")
# A joint event of two states: the Forum of Regions of Belarus and Russia covers the two states.
FORUM = ("форум", "forum")
# Words before the forum that make it the occasion of others' agreements (на Форуме регионов …).
OCCASION_WORDS = {"на", "рамках", "полях", "время", "ходе", "падчас", "час", "межах", "день", "дзень", "at", "during", "sidelines",
                  "накануне", "напярэдадні", "напередодні", "ahead",
                  "day", "участие", "удзел", "участь", "part"}  # примет участие в Форуме регионов: attends it
# Taking part in a forum (удзельнічае ў форумах рэгіёнаў, participates in): the forum is its occasion.
PARTICIPATES = ("участву", "участвова", "удзельніч", "ўдзельніч", "particip")
# A name after one of these is the object of a relation already stated (signed with Vitebsk).
WITH_WORDS = {"с", "со", "з", "із", "зь", "with"}
# Words before a route's two ends (трасса Гомель — Брянск, поезд Минск — Москва).
ROUTE_WORDS = ("трасс", "траса", "трасе", "трасы", "трасу", "трасай", "дорог", "шоссе", "магистрал", "рейс", "авиарейс", "рэйс", "авіярэйс", "полет", "палет", "політ", "польот",
               "поезд", "автобус", "маршрут", "электричк",
               "дарог", "цягнік", "аўтобус", "потяг", "чартер", "перел", "направлени", "напрамк", "напрямк",
               "сообщени", "зносін", "сполученн", "вагон",  # в сообщении Могилёв — Москва, вагоны Гомель — Москва
               "road", "highway", "flight", "train", "bus", "route", "motorway", "charter", "direction",
               # someone on the way (водитель, следовавший из Курска в Гомель)
               "следова", "следуя", "ехавш", "водител", "вадзіцел", "водій", "driver")
# Words of a delivery before a vehicle (поставит автобусы в Чечню, партию тракторов в Казахстан):
# the vehicles are goods, and where they go is the buyer, not a route's end.
DELIVERY_WORDS = ("постав", "отгруз", "отправ", "экспорт", "парти", "пастав", "пастаўл", "адгруз", "адправ",
                  "постача", "відвантаж", "deliver", "ship", "export", "suppl")
# A street named after a place (улица Волгоградская, на Московском проспекте, вуліца Смаленская):
# a place adjective beside one of these names the street, not the place. Prefixes, and short
# forms as whole words (ул. Брестская).
STREET_WORDS = ("улиц", "проспект", "переул", "бульвар", "набережн", "проезд", "тупик", "вуліц", "праспект",
                "завул", "вулиц", "провул", "street", "avenue", "boulevard", "lane")
STREET_SHORT = {"ул", "пр", "просп", "пер", "бул", "пл", "вул", "st", "ave",
                "площадь", "площади", "площадью", "плошча", "плошчы", "плошчу", "площа", "площі", "square"}
# A place of business, a hotel or a cinema: a place's name as its whole quoted name (ресторан
# «Тбилиси», гостиница «Москва») names the business, not the place.
ESTABLISHMENT_HEAD = re.compile(
    r"^(ресторан|кафе|бар|пиццери|піцэры|піцері|кофейн|бистро|гостиниц|отел|хостел|кинотеатр|магазин|супермаркет|гипермаркет|тц|трц|санатори|"
    r"пансионат|рэстаран|кавярн|гасцініц|кінатэатр|крам|санаторы|готел|кав'ярн|кінотеатр|крамниц|"
    r"restaurant|cafe|pizzeria|hotel|cinema|shop|store|mall)")
# One person by trade (витебский художник, шахматист из Бреста), in the singular: the place says
# where that person is from, and what one person does abroad is no relation of two places.
INDIVIDUAL = re.compile(
    r"^(художник|живописец|график|скульптор|фотограф|писатель|поэт|прозаик|композитор|музыкант|певец|"
    r"дирижер|режиссер|актер|гроссмейстер|шахматист|спортсмен|боксер|борец|теннисист|биатлонист|лыжник|"
    r"бегун|легкоатлет|пловец|гимнаст|велогонщик|хоккеист|футболист|мастак|пісьменнік|паэт|кампазітар|"
    r"спявак|шахматыст|спартсмен|письменник|співак|шахіст|врач|хирург|доктор|учитель|педагог|тренер|урач|"
    r"хірург|настаўнік|лікар|вчитель|пациент|пацыент|пацієнт|инженер|інжынер|інженер)(|а|у|ом|е|ам|ем|я|ю)$"
    # a master by title (международный мастер из Наро-Фоминска), not мастера, craftspeople
    r"|^(мастер|майстар|майстер)(|у|ом|ам|е)$"
    r"|^(artist|painter|sculptor|photographer|writer|poet|composer|musician|singer|grandmaster|chess|"
    r"athlete|boxer|wrestler|skier|swimmer|director|filmmaker|actor|actress|pianist|violinist|dancer|"
    r"cyclist|biathlete|runner|woman|man|girl|boy|pensioner|student|resident|doctor|surgeon|teacher|coach|patient)$"
    # the same trades of a woman (певица из Бобруйска, спявачка з Магілёва)
    r"|^(певиц|художниц|писательниц|поэтесс|спортсменк|актрис|шахматистк|теннисистк|гимнастк|пловчих|лыжниц|"
    r"биатлонистк|легкоатлетк|хоккеистк|футболистк|спявачк|мастачк|пісьменніц|паэтэс|спартсменк|шахматыстк|"
    r"співачк|письменниц|поетес|шахістк|учительниц|настаўніц|вчительк)(а|ы|и|і|е|у|ой|ою|ай)$"
    # or just one person (женщина из Борисова, жанчына з Барысава, жителю Гомеля)
    r"|^(женщин|мужчин|жительниц|девушк|пенсионерк|студентк|школьниц|жанчын|мужчын|дзяўчын|жыхарк|"
    r"пенсіянерк|студэнтк|жінк|мешканк|дівчин|пенсіонерк)(а|ы|и|і|е|у|ой|ою|ай)$"
    r"|^(житель|пенсионер|студент|школьник|жыхар|пенсіянер|студэнт|чоловік|пенсіонер)(|а|я|у|ю|ом|ем|е|ам|і)$"
    # one family, one trader (калининградская семья, продавщица из Бузулука)
    r"|^(семья|семьи|семью|семьей|сям'я|сям'і|сям'ю|сям'ей|family|продавец|продавца|продавщица|продавщицы|"
    r"предприниматель|предпринимателя|прадавец|прадаўшчыца|прадпрымальнік|фермер|фермера|trader|farmer)$"
    # one traveller (путешественник из Спитака приехал в Оршу)
    r"|^(путешественник|путешественница|турист|туристка|падарожнік|падарожніца|мандрівник|мандрівниця|"
    r"traveller|traveler|tourist|cyclist|hiker)$"
    # one player by position (нападающий из Волгограда, a forward from Volgograd): a transfer
    r"|^(нападающ(ий|его|ему|им|ем)|вратар(ь|я|ю|ем|е)|защитник(|а|у|ом|е)|полузащитник(|а|у|ом|е)|форвард(|а|у|ом|е)|"
    r"игрок(|а|у|ом|е)|нападаючы|брамнік(|а|у|ам)|абаронц(а|у|ам)|гулец|гульца|нападник(|а|у|ом)|воротар(|я|ю|ем)|"
    r"захисник(|а|у|ом)|гравець|гравця|forward|goalkeeper|defender|striker|midfielder|winger|player)$")
# Machines and foods by the town whose plant makes them (могилёвские лифты, лифты из Могилёва,
# минские тракторы, могилёвские молочные изделия): the plant's goods; the town is no party to
# where they go.
PRODUCTS = re.compile(
    r"^(лифт|ліфт|трактор|трактар|комбайн|камбайн|автобус|аўтобус|троллейбус|тралейбус|тролейбус|грузовик|"
    r"самосвал|самазвал|холодильник|халадзільнік|elevator|lift|tractor|combine|bus|trolleybus|truck)"
    r"(|а|у|ом|е|ы|ов|ам|ами|ах|і|аў|амі|и|ів|ами|s)$"
    # and foods by the town whose dairy or meat plant makes them (могилёвские молочные изделия)
    r"|^(молочн|малочн|мясн|мясоконсерв|dairy)"
    # and goods by where they were made (троллейбусы минской сборки, техника гомельского производства)
    r"|^(сборки|зборкі|складання|производства|вытворчасці|виробництва)$"
    # and machinery by its maker's town (гомельскую технику покажут в Ростове)
    r"|^(техник(а|у|и|ой|е)|тэхнік(а|у|і|ай|е)|технік(а|у|и|ою|і)|machinery)$")
# People who travel, trade, run or play on their own, in the plural (туристы из Курска, паломники из
# Курска, fans from Volgograd, бегуны из Омска): where private visitors come from is no party to
# what the article reports.
# A delegation, schoolchildren on an exchange or a town's artists are not here.
PRIVATE_VISITORS = re.compile(
    r"^(турист|турыст|туріст|паломник|паломнік|болельщик|заўзятар|вболівальник|отдыхающ|адпачывальнік|"
    r"відпочивальник|покупател|пакупнік|покупц|бегун|бягун|бігун|марафонц|любител|аматар|"
    # and players in an open competition (игроков из Батуми и Пензы, players from Batumi)
    r"игрок|гульц|гравц|шахматист|шахматыст|шахіст)"
    r"|^(tourists?|pilgrims|fans|holidaymakers|shoppers|buyers|runners|amateurs|players|competitors|travell?ers)$"
    # and people by their nation (белорусы из Бреста, россияне из Смоленска, Belarusians from Grodno)
    r"|^(белорус|беларус|білорус|узбек|таджик|таджык|грузин|грузін|казахстанц|украинц|украінц|українц)"
    r"(ы|и|і|ов|аў|ів|ев|ам|ами|амі|ах)$|^(россиян|расіян|росіян|армян|вірмен|молдаван|малдаван|молдован)(е|ы|и|і|ам|ами|амі|ах)?$"
    r"|^(belarusians|russians|kazakhs|kazakhstanis|armenians|moldovans|georgians|uzbeks|tajiks|ukrainians)$")
# Businesses by their trade before из, from or in (поставщик из Брянска, a supplier in Bryansk,
# подрядчики из Самары): a business located there, not the town.
BUSINESSES = re.compile(
    r"^(поставщик|постаўшчык|постачальник|подрядчик|падрадчык|підрядник|производител|вытворц|виробник|"
    r"дистрибьютор|дыстрыбутар|дистриб'ютор)\w*$"
    r"|^(suppliers?|contractors?|manufacturers?|producers?|distributors?|vendors?|firms?|compan(y|ies))$")
# One plant, factory, ensemble or business (Гомельский химзавод, Гомельский химический завод,
# Гомельский камерный оркестр, минская сеть обуви): the adjective is part of its name and says where
# it is, as for one person by trade; plural enterprises of a place (гомельские предприятия) stand
# for the place and are not here.
ONE_PLANT = re.compile(
    r"^(завод|химзавод|мясокомбинат|молокомбинат|комбинат|камбінат|комбінат|трест|оркестр|хор|ансамбль|ансамбл|"
    # a theatre, a circus, a museum (Могилёвский драмтеатр на фестивале в Туле)
    r"театр|драмтеатр|тэатр|драмтэатр|цирк|цырк|музей)"
    r"(|а|у|ом|ам|е|і|я|ю|ем)$"
    r"|^(фабрик|фабрык)(а|е|и|у|ой|ай|і)$"
    # one lyceum or gymnasium (директор гомельского лицея на конференции в Кургане)
    r"|^(лице|ліцэ|ліце)(й|я|ю|ем|і|ям)$|^(гимнази|гімназі)(я|и|і|ю|ей|яй|ї)$"
    # one university, institute or college (учёба в Витебском медуниверситете, окончил Владимирский
    # государственный университет)
    r"|^\w*(университет|універсітэт|університет|институт|інстытут|інститут|колледж|каледж|коледж)(|а|у|ом|е|і|ам|ові|ем)$"
    # one business: a chain, a company, a firm (магазин минской сети обуви)
    r"|^(сеть|сети|сетью|сетка|сеткі|сетку|мережа|мережі|мережу|компания|компании|компанию|компанией|"
    r"кампанія|кампаніі|кампанію|компанія|компанії|компанію|фирма|фирмы|фирму|фирмой|фірма|фірмы|фірми|фірму)$")
# A lake or a river by a place's name (озеро Глубокое, рака Свіслач): water, not the town.
WATER_WORDS = {"озеро", "озера", "озеру", "озером", "озере", "возера", "возеры", "возеру", "возерам",
               "озері", "lake", "река", "реки", "реке", "реку", "рекой", "рака", "ракі", "раку", "ракой", "річка",
               "річки", "річці", "річку", "річкою", "river", "водохранилище", "водохранилища", "водохранилищу",
               "вадасховішча", "водосховище", "водосховища", "reservoir"}
# One resident named by the town (жительница Гомеля, жителя Осиповичей, a resident of Gomel): a
# person, as one person from a town is; residents in the plural (жители Гомеля) may stand for it.
ONE_RESIDENT = re.compile(
    r"^(житель|жителя|жителю|жителем|жителе|жыхар|жыхара|жыхару|жыхаром|мешканець|мешканця|мешканцю|"
    r"мешканцем|resident)$|^(жительниц|жыхарк|мешканк)(а|ы|и|і|е|у|ой|ою|ай)$")
# A person's origin (уроженец Гомеля, родом из Калужской области, native of Vitebsk): where someone
# comes from, not a party to anything the article reports.
ORIGIN_WORDS = ("уроженец", "уроженц", "уроженк", "ураджэн", "уроджен", "native", "natives")
ORIGIN_PAIRS = {("родом", "из"), ("родам", "з"), ("родом", "з"), ("born", "in"),
                # where one was born or moved to: a life, not a relation (родилась в Костроме, переехала в Бобруйск)
                ("родился", "в"), ("родилась", "в"), ("нарадзіўся", "у"), ("нарадзілася", "у"), ("нарадзіўся", "ў"),
                ("нарадзілася", "ў"), ("народився", "в"), ("народилася", "в"), ("народився", "у"), ("народилася", "у"),
                ("переехал", "в"), ("переехала", "в"), ("пераехаў", "у"), ("пераехала", "у"), ("пераехаў", "ў"),
                ("пераехала", "ў"), ("переїхав", "до"), ("переїхала", "до"), ("moved", "to"),
                # or lived (пражыў у Валгаградзе, прожил в Костроме, lived in)
                ("прожил", "в"), ("прожила", "в"), ("жил", "в"), ("жила", "в"), ("пражыў", "у"), ("пражыла", "у"),
                ("пражыў", "ў"), ("пражыла", "ў"), ("жыў", "у"), ("жыла", "у"), ("жыў", "ў"), ("жыла", "ў"),
                ("прожив", "у"), ("прожила", "у"), ("жив", "у"), ("жила", "у"), ("прожив", "в"), ("lived", "in")}
# The words of a range of examples (от Бреста до Владивостока, from Brest to Vladivostok).
RANGE_FROM = {"от", "ад", "від", "from"}
RANGE_TO = {"до", "да", "to"}
# Words that open a list of names (среди них Курск, Ульяновск; include Tbilisi and Yerevan).
LIST_WORDS = {"среди", "числе", "включая", "такие", "таких", "сярод", "ліку", "серед", "числі", "включно",
              "include", "includes", "including", "among", "such",
              # a status recalled (Напомним, городами-побратимами Бреста являются Ижевск и Батуми)
              "являются", "являюцца", "напомним", "нагадаем", "нагадаємо", "recall",
              # and one the city has (Кутаиси имеет города-побратимы в …, має міста-побратими)
              "имеет", "имеют", "мае", "маюць", "має", "мають", "has", "have",
              # and in its list (в списке также Батуми и Ижевск)
              "списке", "списку", "спісе", "спіску", "list"}
# Words after "and" that leave a list open (и рядом других городов, и ещё пяти, and several other).
OPEN_LIST = {"рядом", "ряда", "ряд", "еще", "другими", "других", "другие", "шэрагам", "шэрагу", "яшчэ", "іншымі",
             "іншых", "іншыя", "низкою", "низки", "іншими", "інших", "інші", "ще", "other", "others", "several",
             "many", "dozens"}
# Twins and partners as a status (среди побратимов, twins include): with a list word, a background list.
TWIN_WORDS = ("побратим", "пабрацім", "партнер", "twin", "sister", "partner")
# A capital city (столица Грузии); folded stems.
CAPITAL_WORDS = ("столиц", "сталіц", "capital")
# Words that make a text about cities as cities: without any, two states' capitals named beside
# their states stand for their governments (Минск и Кишинёв договорились о заседании межправкомиссии
# … вице-премьеры Беларуси и Молдовы). Folded stems, and whole words where a stem would catch
# common words (міст: містить).
MUNICIPAL_STEMS = CAPITAL_WORDS + TWIN_WORDS[:2] + (
    "город", "горад", "гарад", "міськ", "city", "cities", "town", "urban", "municipal", "муниципал", "муніцыпал",
    "муніципал", "мэр", "мері", "mayor", "примэр", "primar", "горисполком", "гарвыканкам", "горсовет", "гарсавет",
    "гордум", "twin", "sister")
MUNICIPAL_WORDS = {"міст", "місто", "міста", "місту", "містом", "місті", "містах", "містам", "містами", "мер", "мера",
                   "меру", "мером"}
THRESHOLD = 0.6
# Both names in a headline without a relation word, and one in the sentence after it.
TITLE_AND_LEAD = 0.9
# One name in the headline, the other in the body: an activity word (открыл) is enough for two
# named entities, a relation word is needed once one of them is an adjective (Гомельский
# драмтеатр открыл сезон … режиссёр работал в Курске).
TITLE_AND_BODY = 0.7
# Words that make a sentence's names guests of what others signed (matched as cue words: the
# cue automaton finds them too).
ATTENDANCE = ("присутствова", "присутнича", "прысутнічал", "attended", "attending")
# The next sentence speaks of both parties again (Стороны договорились, главы районов обсудили,
# the two cities agreed): what it says of them is said of the pair named just before.
BOTH_AGAIN = re.compile(
    r"(?<![\w-])(?:обе стороны|обеих сторон|стороны (?:договорил|обсудил|подписал|намерен|планиру|отметил|условил|обменял)"
    r"|(?:главы|руководители|представители) (?:двух |обоих |обеих )?(?:районов|городов|регионов|областей|муниципалитетов)"
    r"|абодва бакі|абодва|абедзве|бакі|кіраўнікі (?:раенаў|гарадоў|абласцей|рэгіенаў)"
    r"|обидві сторони|сторони (?:домовил|обговорил|підписал|планую|відзначил)|керівники (?:районів|міст|областей|регіонів)"
    r"|both sides|the sides|the two (?:sides|cities|regions|districts|towns|heads|mayors|governors))(?![\w])")
# A pair whose one side is named only in the lead and the other far below it, by a relation word:
# above the threshold for two named entities, below it once an adjective or a typo is involved.
LEAD_SCORE = 0.65
# The two names in consecutive sentences of one paragraph.
NEXT_SENTENCE = 0.8
CONJUNCTIONS = {"и", "і", "та", "й", "and", "&"}
# A word before an ambiguous name that makes it a place (город Борисов, в Семее, белорусский Борисов).
PLACE_MARKERS = {"город", "города", "городе", "городом", "г", "горад", "горадзе", "місто", "міста", "місті",
                 "city", "town", "в", "во", "из", "у", "з", "із", "in", "from", "белорусский",
                 "белорусского", "белорусским", "белорусском", "беларускі", "білоруський"}
KIND_NOUNS = (
    ("region", ("област", "вобласц", "абласц", "облисполком", "аблвыканкам", "облвиконком", "облсовет", "аблсавет",
                "облрад", "края", "краев", "краям", "краях", "region", "oblast", "provinc")),
    ("district", ("район", "раен", "райисполком", "райвыканкам", "райвиконком", "райсовет", "district")),
    ("city", ("город", "горисполком", "гарвыканкам", "міськвиконком", "міст", "гарад", "cities", "city")),
)

# "district" in the singular, or its executive committee (folded): an adjective right before it
# names that one district (Брестский район, Брестський райвиконком), never the oblast or city the
# adjective alone could stand for; the plural (брестские районы: the oblast's districts) and
# районный are left alone
ONE_DISTRICT = {"район", "района", "району", "районом", "районе", "раен", "раена", "раену", "раенам", "раене",
                "районі"}
DISTRICT_BODIES = ("райисполком", "райвыканкам", "райвиконком", "райсовет", "райсавет", "райрад")


def names_one_district(word: str) -> bool:
    return word in ONE_DISTRICT or word.startswith(DISTRICT_BODIES)


def is_route_word(word: str) -> bool:
    """A word for a road, a line or a service, or a compound ending in one (дизель-поезд); not
    business, which begins as bus."""
    return ((word.startswith(ROUTE_WORDS) or ("-" in word and word.rsplit("-", 1)[1].startswith(ROUTE_WORDS)))
            and not word.startswith(("busines", "busy")))


def kind_of_noun(word: str) -> str | None:
    for kind, stems in KIND_NOUNS:
        if word.startswith(stems):
            return kind
    return None


# A place something lies near (ферма под Витебском, the plant near Minsk): no party.
NEAR = frozenset({"под", "пад", "під", "near", "outside"})
# Where someone or something comes from (гости из Бреста, каманда з Магілёва, fans from Volgograd).
FROM = frozenset({"из", "з", "from"})
# Where something is, goes or comes from (в Беларусь, из Беларуси, на западе Беларуси, across Belarus).
PLACE_PREPOSITIONS = frozenset({"в", "во", "у", "ў", "на", "из", "з", "із", "по", "па", "in", "into", "to", "from",
                                "across", "at"})
# A side's nouns after a bare English place name (the Mogilev delegation, the Brest authorities).
EN_SIDE_NOUNS = frozenset({"delegation", "delegations", "authorities", "side", "officials", "leadership"})
