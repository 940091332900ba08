"""Named entities: gazetteer and rules in eleven languages, offsets, overlaps, bad input."""

from __future__ import annotations

import random

import pytest

from faro.extract.entities import find_entities, fullest_name
from faro.model import Entity, EntityType, Sentence

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE



def check_invariants(text: str, entities: list[Entity]) -> None:
    """Offsets point at the entity's text; sorted by start; no two entities overlap."""
    previous_end = 0
    for e in entities:
        assert text[e.start:e.end] == e.text
        assert e.start < e.end
        assert e.start >= previous_end, f"{e} overlaps the entity before it"
        previous_end = e.end
        assert e.canonical


def found(entities: list[Entity]) -> set[tuple[str, EntityType, str]]:
    return {(e.text, e.type, e.canonical) for e in entities}


# (lang, text, entities that must be found as (text, type, canonical), texts that must not
# be entities)
CASES: list[tuple[str, str, list[tuple[str, EntityType, str]], list[str]]] = [
    # Italian
    ("it", "Il presidente del Consiglio Giorgia Meloni ha incontrato a Roma il ministro degli "
           "Esteri Antonio Tajani. Meloni ha detto che l'Italia sostiene l'Ucraina.",
     [("Giorgia Meloni", PERSON, "Giorgia Meloni"), ("Antonio Tajani", PERSON, "Antonio Tajani"),
      ("Meloni", PERSON, "Giorgia Meloni"), ("Roma", PLACE, "Rome"), ("Italia", PLACE, "IT"),
      ("Ucraina", PLACE, "UA")],
     ["Il", "Esteri", "Consiglio"]),
    ("it", "Secondo l'agenzia ANSA, il ministero della Difesa ha smentito la notizia diffusa su "
           "Telegram dal Cremlino.",
     [("ANSA", ORG, "ANSA"), ("ministero della Difesa", ORG, "Ministry of Defence"),
      ("Telegram", ORG, "Telegram"), ("Cremlino", ORG, "Kremlin")], ["Secondo"]),
    ("it", "Il segretario di Stato americano Antony Blinken è arrivato a Pechino, dove ha "
           "incontrato Wang Yi e il presidente cinese Xi Jinping.",
     [("Antony Blinken", PERSON, "Antony Blinken"), ("Pechino", PLACE, "Beijing"),
      ("Wang Yi", PERSON, "Wang Yi"), ("Xi Jinping", PERSON, "Xi Jinping")], ["Stato"]),
    ("it", "Papa Francesco ha ricevuto in Vaticano il presidente ucraino Volodymyr Zelensky e "
           "una delegazione del Partito Democratico.",
     [("Francesco", PERSON, "Francesco"), ("Vaticano", PLACE, "VA"),
      ("Volodymyr Zelensky", PERSON, "Volodymyr Zelensky"),
      ("Partito Democratico", ORG, "Democratic Party (Italy)")], ["Papa"]),
    # English
    ("en", "President Joe Biden met NATO Secretary General Jens Stoltenberg at the White House "
           "on Monday. Biden said the alliance was stronger than ever.",
     [("Joe Biden", PERSON, "Joe Biden"), ("NATO", ORG, "NATO"),
      ("Jens Stoltenberg", PERSON, "Jens Stoltenberg"), ("White House", ORG, "White House"),
      ("Biden", PERSON, "Joe Biden")], ["President", "Monday", "Secretary General"]),
    ("en", "German Chancellor Olaf Scholz told Reuters that Germany would send more air "
           "defence systems to Ukraine, while Russian President Vladimir Putin warned the West.",
     [("Olaf Scholz", PERSON, "Olaf Scholz"), ("Reuters", ORG, "Reuters"),
      ("Germany", PLACE, "DE"), ("Ukraine", PLACE, "UA"),
      ("Vladimir Putin", PERSON, "Vladimir Putin")], ["German", "Chancellor", "Russian"]),
    ("en", "Kyodo News reported that Japanese Prime Minister Fumio Kishida will visit "
           "Washington and New York in April. Kishida is expected to meet Antony Blinken.",
     [("Kyodo News", ORG, "Kyodo News"), ("Fumio Kishida", PERSON, "Fumio Kishida"),
      ("Washington", PLACE, "Washington"), ("New York", PLACE, "New York"),
      ("Kishida", PERSON, "Fumio Kishida"), ("Antony Blinken", PERSON, "Antony Blinken")],
     ["April", "Prime Minister"]),
    ("en", "Satellite images analysed by Bellingcat show damage at the Bank of Japan and at a "
           "base in Crimea, according to Christo Grozev. The European Commission warned TikTok.",
     [("Bellingcat", ORG, "Bellingcat"), ("Bank of Japan", ORG, "Bank of Japan"),
      ("Crimea", PLACE, "Crimea"), ("Christo Grozev", PERSON, "Christo Grozev"),
      ("European Commission", ORG, "European Commission"), ("TikTok", ORG, "TikTok")],
     ["Satellite", "The"]),
    # French
    ("fr", "Le président Emmanuel Macron a reçu le chancelier allemand Olaf Scholz à l'Élysée. "
           "Macron a déclaré que la France soutiendrait l'Ukraine.",
     [("Emmanuel Macron", PERSON, "Emmanuel Macron"), ("Olaf Scholz", PERSON, "Olaf Scholz"),
      ("Macron", PERSON, "Emmanuel Macron"), ("France", PLACE, "FR"),
      ("Ukraine", PLACE, "UA")], ["Le"]),
    ("fr", "Selon l'Agence France-Presse, le ministère des Armées a confirmé l'envoi de "
           "missiles en Ukraine.",
     [("Agence France-Presse", ORG, "AFP"), ("ministère des Armées", ORG, "Ministry of Defence"),
      ("Ukraine", PLACE, "UA")], ["Selon"]),
    ("fr", "Le Premier ministre Gabriel Attal s'est rendu à Bruxelles pour rencontrer Ursula "
           "von der Leyen. Plus tard, von der Leyen a parlé avec Attal.",
     [("Gabriel Attal", PERSON, "Gabriel Attal"), ("Bruxelles", PLACE, "Brussels"),
      ("Ursula von der Leyen", PERSON, "Ursula von der Leyen"),
      ("Attal", PERSON, "Gabriel Attal")], ["Premier ministre", "Plus"]),
    ("fr", "La porte-parole du Kremlin a démenti les informations publiées par Le Monde et "
           "par l'OTAN à Genève.",
     [("Kremlin", ORG, "Kremlin"), ("Le Monde", ORG, "Le Monde"), ("OTAN", ORG, "NATO"),
      ("Genève", PLACE, "Geneva")], ["La"]),
    # German
    ("de", "Bundeskanzler Olaf Scholz hat am Montag in Berlin den ukrainischen Präsidenten "
           "Wolodymyr Selenskyj empfangen. Scholz sagte, Deutschland stehe an der Seite der "
           "Ukraine.",
     [("Olaf Scholz", PERSON, "Olaf Scholz"), ("Berlin", PLACE, "Berlin"),
      ("Wolodymyr Selenskyj", PERSON, "Wolodymyr Selenskyj"), ("Scholz", PERSON, "Olaf Scholz"),
      ("Deutschland", PLACE, "DE"), ("Ukraine", PLACE, "UA")], ["Montag", "Seite"]),
    ("de", "Außenministerin Annalena Baerbock reiste nach Moskau, wo sie mit Sergej Lawrow "
           "sprach. Die Regierung erklärte, die Lage sei ernst.",
     [("Annalena Baerbock", PERSON, "Annalena Baerbock"), ("Moskau", PLACE, "Moscow"),
      ("Sergej Lawrow", PERSON, "Sergej Lawrow")], ["Regierung", "Lage", "Die"]),
    ("de", "Die Europäische Kommission und die Bundeswehr bestätigten die Angaben Russlands "
           "nicht. Laut Deutsche Presse-Agentur hat das Verteidigungsministerium reagiert.",
     [("Europäische Kommission", ORG, "European Commission"), ("Russlands", PLACE, "RU"),
      ("Deutsche Presse-Agentur", ORG, "dpa"),
      ("Verteidigungsministerium", ORG, "Ministry of Defence")], ["Angaben"]),
    ("de", "US-Präsident Joe Biden lobte den Nato-Gipfel in den Vereinigten Staaten und die "
           "Stärke Deutschlands.",
     [("US", PLACE, "US"), ("Joe Biden", PERSON, "Joe Biden"), ("Nato", ORG, "NATO"),
      ("Vereinigten Staaten", PLACE, "US"), ("Deutschlands", PLACE, "DE")], ["Stärke"]),
    # Spanish
    ("es", "El presidente del Gobierno, Pedro Sánchez, se reunió en Madrid con el secretario "
           "general de la OTAN, Jens Stoltenberg. Sánchez afirmó que España cumplirá.",
     [("Pedro Sánchez", PERSON, "Pedro Sánchez"), ("Madrid", PLACE, "Madrid"),
      ("OTAN", ORG, "NATO"), ("Jens Stoltenberg", PERSON, "Jens Stoltenberg"),
      ("Sánchez", PERSON, "Pedro Sánchez"), ("España", PLACE, "ES")], ["El", "Gobierno"]),
    ("es", "Según la agencia EFE, el Ministerio de Defensa confirmó el envío de tanques a "
           "Ucrania.",
     [("EFE", ORG, "EFE"), ("Ministerio de Defensa", ORG, "Ministry of Defence"),
      ("Ucrania", PLACE, "UA")], ["Según"]),
    ("es", "La vicepresidenta Yolanda Díaz criticó al Partido Popular y a Vox en el Congreso de "
           "los Diputados.",
     [("Yolanda Díaz", PERSON, "Yolanda Díaz"), ("Partido Popular", ORG, "Partido Popular"),
      ("Vox", ORG, "Vox"),
      ("Congreso de los Diputados", ORG, "Congreso de los Diputados")], ["La"]),
    ("es", "El líder ruso Vladímir Putin recibió en Moscú al presidente chino Xi Jinping. "
           "Putin habló de Estados Unidos.",
     [("Vladímir Putin", PERSON, "Vladímir Putin"), ("Moscú", PLACE, "Moscow"),
      ("Xi Jinping", PERSON, "Xi Jinping"), ("Putin", PERSON, "Vladímir Putin"),
      ("Estados Unidos", PLACE, "US")], []),
    # Portuguese
    ("pt", "O presidente Luiz Inácio Lula da Silva recebeu em Brasília o primeiro-ministro "
           "português Luís Montenegro. Lula disse que o Brasil quer a paz na Ucrânia.",
     [("Luiz Inácio Lula da Silva", PERSON, "Luiz Inácio Lula da Silva"),
      ("Brasília", PLACE, "Brasilia"), ("Luís Montenegro", PERSON, "Luís Montenegro"),
      ("Lula", PERSON, "Luiz Inácio Lula da Silva"), ("Brasil", PLACE, "BR"),
      ("Ucrânia", PLACE, "UA")], ["O"]),
    ("pt", "Segundo a agência Lusa, o Ministério da Defesa confirmou a compra de aviões aos "
           "Estados Unidos.",
     [("Lusa", ORG, "Lusa"), ("Ministério da Defesa", ORG, "Ministry of Defence"),
      ("Estados Unidos", PLACE, "US")], ["Segundo"]),
    ("pt", "O Supremo Tribunal Federal investigou a desinformação publicada no Facebook e no "
           "WhatsApp.",
     [("Supremo Tribunal Federal", ORG, "Supremo Tribunal Federal"),
      ("Facebook", ORG, "Facebook"), ("WhatsApp", ORG, "WhatsApp")], []),
    ("pt", "O secretário-geral da ONU, António Guterres, pediu um cessar-fogo em Gaza. "
           "Guterres falou em Lisboa.",
     [("ONU", ORG, "UN"), ("António Guterres", PERSON, "António Guterres"),
      ("Guterres", PERSON, "António Guterres"), ("Lisboa", PLACE, "Lisbon")], []),
    # Dutch
    ("nl", "Premier Mark Rutte sprak in Den Haag met de Oekraïense president Volodymyr "
           "Zelensky. Rutte zei dat Nederland F-16's zal leveren.",
     [("Mark Rutte", PERSON, "Mark Rutte"), ("Den Haag", PLACE, "The Hague"),
      ("Volodymyr Zelensky", PERSON, "Volodymyr Zelensky"), ("Rutte", PERSON, "Mark Rutte"),
      ("Nederland", PLACE, "NL")], ["Premier", "Oekraïense"]),
    ("nl", "Volgens het ANP heeft het ministerie van Defensie bevestigd dat de NAVO-top in "
           "Vilnius plaatsvindt.",
     [("ANP", ORG, "ANP"), ("ministerie van Defensie", ORG, "Ministry of Defence"),
      ("NAVO", ORG, "NATO"), ("Vilnius", PLACE, "Vilnius")], ["Volgens"]),
    ("nl", "Minister Hanke Bruins Slot van Buitenlandse Zaken reisde naar Brussel en Parijs.",
     [("Hanke Bruins Slot", PERSON, "Hanke Bruins Slot"), ("Brussel", PLACE, "Brussels"),
      ("Parijs", PLACE, "Paris")], ["Minister", "Buitenlandse Zaken"]),
    ("nl", "Geert Wilders won de verkiezingen met de PVV, meldde de NOS. Wilders sprak in "
           "Rotterdam.",
     [("Geert Wilders", PERSON, "Geert Wilders"), ("PVV", ORG, "PVV"), ("NOS", ORG, "NOS"),
      ("Wilders", PERSON, "Geert Wilders"), ("Rotterdam", PLACE, "Rotterdam")], []),
    # Polish
    ("pl", "Premier Donald Tusk spotkał się w Warszawie z prezydentem Ukrainy Wołodymyrem "
           "Zełenskim. Tusk powiedział, że Polska wspiera Ukrainę.",
     [("Donald Tusk", PERSON, "Donald Tusk"), ("Warszawie", PLACE, "Warsaw"),
      ("Ukrainy", PLACE, "UA"), ("Wołodymyrem Zełenskim", PERSON, "Wołodymyr Zełenski"),
      ("Tusk", PERSON, "Donald Tusk"), ("Polska", PLACE, "PL"), ("Ukrainę", PLACE, "UA")],
     ["Premier"]),
    ("pl", "Minister obrony narodowej Władysław Kosiniak-Kamysz poinformował o zakupie czołgów "
           "od Stanów Zjednoczonych i Korei Południowej.",
     [("Władysław Kosiniak-Kamysz", PERSON, "Władysław Kosiniak-Kamysz"),
      ("Stanów Zjednoczonych", PLACE, "US"), ("Korei Południowej", PLACE, "KR")], ["Minister"]),
    ("pl", "Według Polskiej Agencji Prasowej prezydent Andrzej Duda spotkał się z sekretarzem "
           "generalnym NATO Jensem Stoltenbergiem.",
     [("Polskiej Agencji Prasowej", ORG, "PAP"), ("Andrzej Duda", PERSON, "Andrzej Duda"),
      ("NATO", ORG, "NATO"), ("Jensem Stoltenbergiem", PERSON, "Jens Stoltenberg")],
     ["Według"]),
    ("pl", "Rzecznik Kremla Dmitrij Pieskow skrytykował Unię Europejską oraz władze Rosji i "
           "Niemiec.",
     [("Kremla", ORG, "Kremlin"), ("Dmitrij Pieskow", PERSON, "Dmitrij Pieskow"),
      ("Unię Europejską", ORG, "EU"), ("Rosji", PLACE, "RU"), ("Niemiec", PLACE, "DE")],
     ["Rzecznik"]),
    # Russian
    ("ru", "Президент России Владимир Путин провел переговоры с канцлером Германии Олафом "
           "Шольцем. Путин заявил, что Москва готова к диалогу.",
     [("России", PLACE, "RU"), ("Владимир Путин", PERSON, "Владимир Путин"),
      ("Германии", PLACE, "DE"), ("Олафом Шольцем", PERSON, "Олаф Шольц"),
      ("Путин", PERSON, "Владимир Путин"), ("Москва", PLACE, "Moscow")], ["Президент"]),
    ("ru", "Канцлер Олаф Шольц прибыл в Киев. По словам Шольца, Германия продолжит помогать "
           "Украине.",
     [("Олаф Шольц", PERSON, "Олаф Шольц"), ("Киев", PLACE, "Kyiv"),
      ("Шольца", PERSON, "Олаф Шольц"), ("Германия", PLACE, "DE"), ("Украине", PLACE, "UA")],
     ["Канцлер", "По"]),
    ("ru", "Официальный представитель МИД России Мария Захарова обвинила Соединенные Штаты и "
           "НАТО в эскалации. Позже она встретилась с Марией Захаровой ещё раз.",
     [("МИД России", ORG, "Russian Foreign Ministry"), ("Мария Захарова", PERSON, "Мария Захарова"),
      ("Соединенные Штаты", PLACE, "US"), ("НАТО", ORG, "NATO"),
      ("Марией Захаровой", PERSON, "Мария Захарова")], ["Официальный"]),
    ("ru", "Министерство обороны России сообщило об ударе по Харькову, передает ТАСС. Японией "
           "и Китаем это не обсуждалось.",
     [("Министерство обороны России", ORG, "Russian Ministry of Defence"),
      ("Харькову", PLACE, "Kharkiv"), ("ТАСС", ORG, "TASS"), ("Японией", PLACE, "JP"),
      ("Китаем", PLACE, "CN")], []),
    # Ukrainian
    ("uk", "Президент України Володимир Зеленський провів переговори з прем'єр-міністром "
           "Великої Британії Ріші Сунаком. Зеленський заявив, що Україна не поступиться.",
     [("України", PLACE, "UA"), ("Володимир Зеленський", PERSON, "Володимир Зеленський"),
      ("Великої Британії", PLACE, "GB"), ("Ріші Сунаком", PERSON, "Ріші Сунак"),
      ("Зеленський", PERSON, "Володимир Зеленський"), ("Україна", PLACE, "UA")],
     ["Президент"]),
    ("uk", "Міністр закордонних справ Дмитро Кулеба зустрівся в Брюсселі з генсеком НАТО "
           "Єнсом Столтенбергом.",
     [("Дмитро Кулеба", PERSON, "Дмитро Кулеба"), ("Брюсселі", PLACE, "Brussels"),
      ("НАТО", ORG, "NATO"), ("Єнсом Столтенбергом", PERSON, "Єнс Столтенберг")], ["Міністр"]),
    ("uk", "За словами Кулеби, Росія обстріляла Харків і Одесу. Міністерство оборони "
           "повідомило про атаку на Україну.",
     [("Росія", PLACE, "RU"), ("Харків", PLACE, "Kharkiv"), ("Одесу", PLACE, "Odesa"),
      ("Міністерство оборони", ORG, "Ministry of Defence"), ("Україну", PLACE, "UA")], ["За"]),
    ("uk", "Речник Кремля Дмитро Пєсков прокоментував заяву Білого дому щодо Японії.",
     [("Кремля", ORG, "Kremlin"), ("Дмитро Пєсков", PERSON, "Дмитро Пєсков"),
      ("Білого дому", ORG, "White House"), ("Японії", PLACE, "JP")], ["Речник"]),
    # Japanese
    ("ja", "岸田文雄首相は、北大西洋条約機構（NATO）のストルテンベルグ事務総長とワシントンで"
           "会談した。岸田氏は日本とNATOの協力を強調した。",
     [("岸田文雄", PERSON, "岸田文雄"), ("北大西洋条約機構", ORG, "NATO"), ("NATO", ORG, "NATO"),
      ("ストルテンベルグ", PERSON, "ストルテンベルグ"), ("ワシントン", PLACE, "Washington"),
      ("岸田", PERSON, "岸田文雄"), ("日本", PLACE, "JP")], ["首相", "事務総長"]),
    ("ja", "ロシアのプーチン大統領は、ウクライナ侵攻を続けると述べた。バイデン米大統領は中国を"
           "批判した。",
     [("ロシア", PLACE, "RU"), ("プーチン", PERSON, "プーチン"), ("ウクライナ", PLACE, "UA"),
      ("バイデン", PERSON, "バイデン"), ("中国", PLACE, "CN")], ["大統領"]),
    ("ja", "共同通信によると、防衛省は北朝鮮のミサイル発射を確認した。ストルテンベルグ氏は"
           "東京を訪問する予定だ。",
     [("共同通信", ORG, "Kyodo News"), ("防衛省", ORG, "Ministry of Defence"),
      ("北朝鮮", PLACE, "KP"), ("ストルテンベルグ", PERSON, "ストルテンベルグ"),
      ("東京", PLACE, "Tokyo")], []),
    ("ja", "外務省の報道官は、韓国と台湾の情勢について説明した。上川陽子外相はブリンケン国務長官と"
           "電話で協議した。",
     [("外務省", ORG, "Ministry of Foreign Affairs"), ("韓国", PLACE, "KR"),
      ("台湾", PLACE, "TW"), ("上川陽子", PERSON, "上川陽子"),
      ("ブリンケン", PERSON, "ブリンケン")], ["報道官"]),
]


@pytest.mark.parametrize(("lang", "text", "expected", "absent"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_languages(lang: str, text: str, expected: list[tuple[str, EntityType, str]],
                   absent: list[str]) -> None:
    entities = find_entities(text, lang)
    check_invariants(text, entities)
    got = found(entities)
    missing = [x for x in expected if x not in got]
    assert not missing, f"missing {missing}; found {sorted(got, key=str)}"
    texts = {e.text for e in entities}
    for word in absent:
        assert word not in texts, f"{word!r} should not be an entity"


def test_titles_are_never_part_of_a_name() -> None:
    text = "President Joe Biden and Bundeskanzler Olaf Scholz met il presidente Sergio Mattarella."
    people = [e for e in find_entities(text, "en") if e.type is PERSON]
    assert [e.text for e in people] == ["Joe Biden", "Olaf Scholz", "Sergio Mattarella"]


def test_parenthesised_given_name() -> None:
    text = ("È nell'interesse di tutti impedire al presidente (Vladimir) Putin di vincere. "
            "Putin tace.")
    people = [e for e in find_entities(text, "it") if e.type is PERSON]
    assert [(e.text, e.canonical) for e in people] == [
        ("(Vladimir) Putin", "Vladimir Putin"), ("Putin", "Vladimir Putin")]


def test_sentence_initial_words_are_not_names() -> None:
    parts = ["Il capo della NATO ha parlato.", "Organizzazione del trattato.",
             "Intervenendo a Tokyo, ha detto."]
    text = " ".join(parts)
    starts = [text.index(p) for p in parts]
    sentences = [Sentence(s, s + len(p), p) for s, p in zip(starts, parts, strict=True)]
    entities = find_entities(text, "it", sentences)
    assert [e.text for e in entities] == ["NATO", "Tokyo"]


def test_surname_before_the_full_name_is_still_a_person() -> None:
    text = ("Stoltenberg: la NATO resta unita.\n\n"
            "Il segretario generale Jens Stoltenberg ha parlato.")
    people = [(e.text, e.canonical) for e in find_entities(text, "it") if e.type is PERSON]
    assert ("Stoltenberg", "Stoltenberg") in people
    assert ("Jens Stoltenberg", "Jens Stoltenberg") in people


def test_acronyms_are_organisations_but_not_shouting_or_countries() -> None:
    entities = find_entities("The XKQ group and the USA disagree. BREAKING NEWS FROM ROME.", "en")
    got = found(entities)
    assert ("XKQ", ORG, "XKQ") in got
    assert ("USA", PLACE, "US") in got
    assert not any(e.text in {"BREAKING", "NEWS", "FROM"} for e in entities)


def test_unsupported_languages_use_generic_rules() -> None:
    # Indonesian: Babel's country names, English ones, capitalised sequences
    text = "Presiden Joko Widodo bertemu Perdana Menteri Jepang di Jakarta dengan Olaf Scholz."
    got = found(find_entities(text, "id"))
    assert ("Jepang", PLACE, "JP") in got
    assert ("Jakarta", PLACE, "Jakarta") in got
    assert ("Olaf Scholz", PERSON, "Olaf Scholz") in got
    # Chinese: gazetteer names matched without spaces
    got = found(find_entities("美国总统拜登在北京会见了日本首相。", "zh"))
    assert ("美国", PLACE, "US") in got
    assert ("北京", PLACE, "Beijing") in got
    for lang in ("", "und", "xx", "EN-us", "pt_BR", "zh-Hant", "a" * 40):
        check_invariants("NATO e Russia.", find_entities("NATO e Russia.", lang))


def test_fullest_name() -> None:
    jens = Entity(0, 16, "Jens Stoltenberg", PERSON, "Jens Stoltenberg")
    vladimir = Entity(20, 34, "Vladimir Putin", PERSON, "Vladimir Putin")
    place = Entity(40, 45, "Putin", PLACE, "Putin")
    assert fullest_name("Stoltenberg", [jens, vladimir, place]) == "Jens Stoltenberg"
    assert fullest_name("Putin", [jens, vladimir]) == "Vladimir Putin"
    assert fullest_name("Kishida", [jens]) is None
    assert fullest_name("", [jens]) is None
    scholz = Entity(0, 10, "Олаф Шольц", PERSON, "Олаф Шольц")
    assert fullest_name("Шольца", [scholz], lang="ru") == "Олаф Шольц"
    kishida = Entity(0, 4, "岸田文雄", PERSON, "岸田文雄")
    assert fullest_name("岸田", [kishida]) == "岸田文雄"
    lula = Entity(0, 25, "Luiz Inácio Lula da Silva", PERSON, "Luiz Inácio Lula da Silva")
    assert fullest_name("Lula", [lula]) == "Luiz Inácio Lula da Silva"
    assert fullest_name("Luiz", [lula]) is None


def test_empty_and_junk_never_raise() -> None:
    assert find_entities("", "it") == []
    rng = random.Random(20240712)
    pool = ("abcXYZ'-.,  \n\t(\")«»йцуЖЁ12…:;!?‐\u00a0\u2009\u3000“ NATO Nato Путина Giappone "
            "日本岸田文雄首相氏ストルテンベルグ事務総長・ 😀🇺🇦 \x00\x07\u200b\u202e עברית العربية "
            "ภาษาไทย 한국어 Ελλάδα ß İstanbul ǅ Σ ς (Vladimir) Putin ) ( ' ’ ʼ ‘ ` ё U.S. W. Mr.")
    words = pool.split(" ")
    langs = ["it", "en", "fr", "de", "es", "pt", "nl", "pl", "ru", "uk", "ja", "zh", "ko", "ar",
             "und", "", "🙂"]
    for _ in range(1500):
        size = rng.randint(0, 50)
        if rng.random() < 0.5:
            text = "".join(rng.choice(pool) for _ in range(size))
        else:
            text = " ".join(rng.choice(words) for _ in range(size))
        sentences = [Sentence(rng.randint(-5, len(text) + 5), 0, "") for _ in range(2)]
        check_invariants(text, find_entities(text, rng.choice(langs), sentences))


def test_language_data_is_built_once() -> None:
    from faro.extract import entities

    find_entities("La NATO a Roma.", "it")
    before = entities._lexicon.cache_info()
    for _ in range(3):
        find_entities("Il Giappone e la Cina.", "it-IT")
    after = entities._lexicon.cache_info()
    assert after.misses == before.misses
    assert after.hits == before.hits + 3


def test_long_text_is_linear() -> None:
    text = "Il presidente Mario Rossi ha incontrato la NATO a Roma (Ucraina). " * 3000
    entities = find_entities(text, "it")
    check_invariants(text, entities)
    assert sum(1 for e in entities if e.canonical == "NATO") == 3000


def test_italian_article(italian_article: str) -> None:
    text = italian_article
    entities = find_entities(text, "it")
    check_invariants(text, entities)
    got = found(entities)
    for expected in [
        ("NATO", ORG, "NATO"), ("Giappone", PLACE, "JP"),
        ("Jens Stoltenberg", PERSON, "Jens Stoltenberg"),
        ("Fumio Kishida", PERSON, "Fumio Kishida"), ("Kyodo News", ORG, "Kyodo News"),
        ("Cina", PLACE, "CN"), ("Corea del Nord", PLACE, "KP"), ("Russia", PLACE, "RU"),
        ("Ucraina", PLACE, "UA"), ("Washington", PLACE, "Washington"),
        ("Stoltenberg", PERSON, "Jens Stoltenberg"), ("Kishida", PERSON, "Fumio Kishida"),
        ("Stati Uniti", PLACE, "US"), ("Corea del Sud", PLACE, "KR"),
        ("Gran Bretagna", PLACE, "GB"), ("Indo-Pacifico", PLACE, "Indo-Pacific"),
    ]:
        assert expected in got, f"missing {expected}"
    people = {e.text for e in entities if e.type is PERSON}
    assert people <= {"Jens Stoltenberg", "Stoltenberg", "Fumio Kishida", "Kishida",
                      "(Vladimir) Putin"}, people
    texts = {e.text for e in entities}
    for wrong in ("Il", "Primo Ministro", "Organizzazione", "Nord", "Alleanza", "La"):
        assert wrong not in texts
    first = next(e for e in entities if e.text == "Stoltenberg")
    full = next(e for e in entities if e.text == "Jens Stoltenberg")
    assert full.start < first.start


def test_a_weekday_after_a_connector_ends_an_organisation_name() -> None:
    found = [(e.text, e.type) for e in find_entities(
        "The outage hit Baltic Link Networks on Monday.", "en")]
    assert ("Baltic Link Networks", EntityType.ORGANIZATION) in found
