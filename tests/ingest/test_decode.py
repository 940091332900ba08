"""Bytes to text: byte-order marks, legacy encodings, mixed files, binary data, normalisation."""

from __future__ import annotations

import codecs

import pytest

from faro import BinaryInputError, DecodingError
from faro.ingest import decode, normalize

# A quality gate for encoding detection: one or two news sentences per language, encoded in the
# legacy code page a file in that language would most likely be in. Every one must come back
# exactly. Never drop a case to make a change pass without saying so.
PANEL = [
    ("fr", "cp1252", "Le ministre a déclaré jeudi que la réforme des retraites serait votée "
     "avant l'été. « C'est une étape décisive », a-t-il ajouté. Où? Déjà là-bas, les syndicats "
     "préparent une grève générale."),
    ("fr-2", "cp1252", "Selon le rapport, 40 % des élèves n'ont pas accès à un ordinateur à la "
     "maison. Le gouvernement prévoit d'investir 2 milliards d'euros d'ici à la fin de l'année."),
    ("es", "cp1252", "El presidente afirmó el miércoles que la economía española crecerá un "
     "2,5 % este año. «No hay ninguna recesión a la vista», dijo ante los periodistas."),
    ("de", "cp1252", "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung "
     "erneuerbarer Energien beschlossen. „Das ist ein großer Schritt“, sagte der Minister."),
    ("it", "cp1252", "Il ministro ha affermato venerdì che il 40% dei fondi è già stato speso. "
     "«Non c'è nessuna crisi», ha detto, ma l'opposizione chiede più trasparenza."),
    ("pt", "cp1252", "O governo anunciou na quarta-feira que as eleições serão realizadas em "
     "outubro. As informações divulgadas nas redes sociais são falsas, segundo as autoridades."),
    ("nl", "cp1252", "De minister zei woensdag dat de coëfficiënt van de ruïne niet klopt. Het "
     "café in Utrecht is geopend, volgens de gemeente."),
    ("sv", "cp1252", "Regeringen meddelade på onsdagen att skatten på bensin ska sänkas. "
     "Statsministern säger att åtgärden är nödvändig för hushållen i Sverige."),
    ("da", "cp1252", "Regeringen har besluttet at hæve skatten på tobak. Ministeren siger, at "
     "det er nødvendigt for folkesundheden i Danmark og på Færøerne."),
    ("pl", "cp1250", "Premier powiedział w środę, że rząd przeznaczy dodatkowe środki na "
     "ochronę zdrowia. Według ministra, zmiany wejdą w życie od przyszłego miesiąca."),
    ("cs", "cp1250", "Ministr v úterý řekl, že vláda připraví nový zákon o ochraně přírody. "
     "Podle něj se změny dotknou především velkých měst a obcí na venkově."),
    ("sk", "cp1250", "Minister v utorok povedal, že vláda pripraví nový zákon o ochrane "
     "prírody. Podľa neho sa zmeny dotknú predovšetkým veľkých miest."),
    ("hu", "cp1250", "A miniszter kedden azt mondta, hogy a kormány új törvényt készít elő a "
     "természetvédelemről. Szerinte a változások főleg a nagyvárosokat érintik."),
    ("ro", "cp1250", "Ministrul a declarat marţi că guvernul va pregăti o nouă lege privind "
     "protecţia mediului. Potrivit acestuia, schimbările vor afecta mai ales oraşele mari."),
    ("hr", "cp1250", "Ministar je u utorak rekao da će vlada pripremiti novi zakon o zaštiti "
     "prirode. Prema njegovim riječima, promjene će pogoditi uglavnom velike gradove."),
    ("tr", "cp1254", "Bakan salı günü yaptığı açıklamada hükümetin doğanın korunmasına ilişkin "
     "yeni bir yasa hazırlayacağını söyledi. Değişiklikler özellikle büyük şehirleri etkileyecek."),
    ("lt", "cp1257", "Ministras antradienį pareiškė, kad vyriausybė parengs naują gamtos "
     "apsaugos įstatymą. Pasak jo, pokyčiai daugiausia palies didžiuosius miestus."),
    ("ru", "cp1251", "Министр заявил во вторник, что правительство подготовит новый закон об "
     "охране природы. По его словам, изменения затронут прежде всего крупные города."),
    ("ru-koi8", "koi8-r", "Министр заявил во вторник, что правительство подготовит новый закон "
     "об охране природы. По его словам, изменения затронут прежде всего крупные города. Её "
     "мнение."),
    ("uk", "cp1251", "Міністр заявив у вівторок, що уряд підготує новий закон про охорону "
     "природи. За його словами, зміни торкнуться насамперед великих міст."),
    ("bg", "cp1251", "Министърът заяви във вторник, че правителството ще подготви нов закон за "
     "опазване на природата."),
    ("el", "cp1253", "Ο υπουργός δήλωσε την Τρίτη ότι η κυβέρνηση θα ετοιμάσει νέο νόμο για την "
     "προστασία της φύσης. Σύμφωνα με τον ίδιο, οι αλλαγές θα επηρεάσουν κυρίως τις πόλεις."),
    ("ja", "shift_jis", "大臣は火曜日、政府が自然保護に関する新しい法律を準備すると述べた。"
     "変更は主に大都市に影響を与えるという。"),
    ("ja-euc", "euc_jp", "大臣は火曜日、政府が自然保護に関する新しい法律を準備すると述べた。"
     "変更は主に大都市に影響を与えるという。"),
    ("zh", "gb18030", "部长周二表示，政府将制定一部新的自然保护法。"
     "据他介绍，这些变化将主要影响大城市。"),
    ("zh-hant", "big5", "部長週二表示，政府將制定一部新的自然保護法。"
     "據他介紹，這些變化將主要影響大城市。"),
    ("ko", "euc_kr", "장관은 화요일 정부가 자연 보호에 관한 새로운 법률을 준비할 것이라고 말했다. "
     "변화는 주로 대도시에 영향을 미칠 것이다."),
    ("he", "cp1255", "השר אמר ביום שלישי כי הממשלה תכין חוק חדש להגנת הטבע. לדבריו, השינויים "
     "ישפיעו בעיקר על הערים הגדולות."),
    ("ar", "cp1256", "قال الوزير يوم الثلاثاء إن الحكومة ستعد قانونا جديدا لحماية الطبيعة. وبحسب "
     "قوله، فإن التغييرات ستؤثر بشكل رئيسي على المدن الكبرى."),
]  # fmt: skip


@pytest.mark.parametrize(("language", "encoding", "text"), PANEL, ids=[p[0] for p in PANEL])
def test_legacy_encodings_are_detected_and_reported(
    language: str, encoding: str, text: str
) -> None:
    decoded, note = decode(text.encode(encoding), f"{language}.txt")
    assert decoded == text
    assert note is not None
    assert note.code == "F103"
    assert note.message.startswith("decoded as ")
    assert "charset-normalizer" in note.message


def test_utf8_needs_no_note() -> None:
    assert decode("Già così: 東京, Київ.".encode(), "a.txt") == ("Già così: 東京, Київ.", None)


def test_windows_1252_note_names_the_encoding_and_confidence() -> None:
    _, note = decode("Le café était très agréable à Montréal.".encode("cp1252"), "a.txt")
    assert note is not None
    assert note.stage == "ingest"
    assert "windows-1252" in note.message
    assert "confidence" in note.message


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_mark_decides_and_is_removed(bom: bytes, codec: str) -> None:
    text = "Ελλάδα, Україна, 日本 — ok"
    assert decode(bom + text.encode(codec), "a.txt") == (text, None)


def test_damaged_utf16_is_decoded_with_a_note() -> None:
    data = codecs.BOM_UTF16_LE + "a long enough sentence in UTF-16".encode("utf-16-le") + b"\x00"
    text, note = decode(data, "a.txt")
    assert text.startswith("a long enough sentence")
    assert note is not None
    assert "U+FFFD" in note.message


def test_mixed_utf8_and_windows_1252_keeps_both() -> None:
    data = (
        "Le café est bon.\n".encode()
        + "Il a dit « très bien » à l'été.\n".encode("cp1252")
        + "Fin — merci, déjà vu.".encode()
    )
    text, note = decode(data, "mixed.txt")
    assert text == "Le café est bon.\nIl a dit « très bien » à l'été.\nFin — merci, déjà vu."
    assert note is not None
    assert note.code == "F103"
    assert note.message.startswith("mixed encodings")
    assert "6 byte(s) in 6 place(s)" in note.message
    assert "windows-1252" in note.message
    assert "line 2" in note.message


def test_mixed_utf8_and_windows_1251_reads_stray_bytes_as_cyrillic() -> None:
    data = (
        "Москва — столица России. Её население — 13 миллионов.\n".encode()
        + "Привет, как у тебя дела? Всё хорошо.\n".encode("cp1251")
    )
    text, note = decode(data, "mixed.txt")
    assert text.endswith("Привет, как у тебя дела? Всё хорошо.\n")
    assert note is not None
    assert "windows-1251" in note.message


def test_legacy_bytes_that_happen_to_form_utf8_are_not_taken_for_mixed() -> None:
    # "её" in KOI8-R is C5 A3, well-formed UTF-8 for "ţ".
    text = "Её зовут Мария, её дом в Москве, и она работает врачом в больнице."
    decoded, note = decode(text.encode("koi8-r"), "a.txt")
    assert decoded == text
    assert note is not None
    assert "koi8-r" in note.message


def test_declared_charset_is_used_when_it_fits() -> None:
    text, note = decode("Ça coûte 5 €.".encode("cp1252"), "a.html", declared="iso-8859-1")
    assert text == "Ça coûte 5 €."  # ISO-8859-1 labels mean windows-1252, as in browsers
    assert note is not None
    assert "declared in the document" in note.message


def test_undecodable_input_raises_f103() -> None:
    with pytest.raises(DecodingError) as caught:
        decode(bytes(range(128, 256)) * 3, "noise.txt")
    assert caught.value.code == "F103"
    assert caught.value.source == "noise.txt"
    assert "convert the file to UTF-8" in caught.value.message


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "Microsoft Office"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"some text\x00\x00\x00\x01\x02 more", "NUL"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 plain", "control bytes"),
    ],
)
def test_binary_input_raises_f102_saying_what_it_looks_like(data: bytes, looks_like: str) -> None:
    with pytest.raises(BinaryInputError) as caught:
        decode(data, "x.bin")
    assert caught.value.code == "F102"
    assert caught.value.source == "x.bin"
    assert looks_like in caught.value.message


def test_utf16_without_bom_is_binary_with_a_conversion_hint() -> None:
    with pytest.raises(BinaryInputError) as caught:
        decode("plain words in UTF-16".encode("utf-16-le"), "a.txt")
    assert "UTF-16LE" in caught.value.message
    assert "iconv" in caught.value.message


def test_text_beginning_like_a_signature_is_still_text() -> None:
    assert decode(b"BZh is not bzip2 here", "a.txt")[0] == "BZh is not bzip2 here"
    assert decode(b"ID3 tags explained", "a.txt")[0] == "ID3 tags explained"


def test_tabs_escape_and_form_feed_are_text() -> None:
    data = b"col\tcol\n\x1b[1mbold\x1b[0m\n\x0cpage two\n"
    assert decode(data, "a.txt") == (data.decode(), None)


def test_normalize_newlines_nfc_and_bom_only() -> None:
    assert normalize("\ufeffCafe\u0301\r\nline\rend  \n") == "Café\nline\nend  \n"
    assert normalize("mid\ufeffdle") == "mid\ufeffdle"
