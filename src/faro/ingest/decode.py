"""Bytes to text: byte-order marks, UTF-8, legacy encodings, mixed files, binary data.

:func:`decode` never guesses silently. Valid UTF-8 (or a byte-order mark) is taken as is; anything
else is decoded as well as it can be and a :class:`~faro.model.Note` (``F103``) says what was
assumed, so an analyst can tell a mis-decoded quote from a real one. Input that is not text at all
raises :class:`~faro.BinaryInputError` (``F102``) naming what it looks like; text whose encoding
cannot be determined raises :class:`~faro.DecodingError` (``F103``).

:func:`normalize` is the one text normalisation every document goes through: ``\\n`` newlines,
Unicode NFC, no leading byte-order mark.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import charset_normalizer

from faro._errors import BinaryInputError, DecodingError
from faro.model import Note

__all__ = ["decode", "normalize", "sniff_binary"]

STAGE = "ingest"

#: Bytes looked at when deciding whether an input is binary.
SNIFF_BYTES = 8192

#: Share of control bytes (other than tab, newlines, form feed and escape) above which an input is
#: taken for binary. Text files have none; binary formats without NUL bytes in their first 8 KB
#: (rare) still have many more than this.
MAX_CONTROL_SHARE = 0.05

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)

# (magic bytes, offset, what the input looks like). The NUL-byte test catches most other formats.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or a .docx/.xlsx/.odt/.epub file, which are ZIP archives)"),
    (b"PK\x05\x06", 0, "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"\x1f\x8b", 0, "gzip-compressed data"),
    (b"BZh", 0, "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", 0, "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document (.doc/.xls/.ppt)"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"\x7fELF", 0, "an executable (ELF)"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"WEBP", 8, "a WebP image"),
    (b"ftyp", 4, "an MP4/QuickTime video or audio file"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"OggS", 0, "an Ogg audio/video file"),
)

# Control bytes that do not occur in text. Tab, LF, VT, FF, CR and ESC (ANSI colours,
# ISO-2022-JP) are allowed.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}

# A run of bytes that are not UTF-8, as decoding with "surrogateescape" leaves them.
_STRAY = re.compile("[\udc80-\udcff]+")
# A character of well-formed UTF-8 beyond ASCII, in the same decoding.
_UTF8_BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

# Encodings never guessed, and code pages charset-normalizer may propose that are almost never
# what a file today is in: Mac, DOS and EBCDIC code pages, HP Roman-8, UTF-7. DOS Cyrillic
# (cp866) stays: old Russian files still use it.
_NOT_GUESSED = [
    # UTF-8 is known not to fit; UTF-16/32 without a byte-order mark are taken for binary.
    "ascii", "utf_8", "utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le",
    "cp037", "cp1006", "cp1026", "cp1125", "cp1140", "cp273", "cp424", "cp437", "cp500", "cp720",
    "cp737", "cp775", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860", "cp861",
    "cp862", "cp863", "cp864", "cp865", "cp869", "cp875", "hp_roman8", "mac_cyrillic",
    "mac_greek", "mac_iceland", "mac_latin2", "mac_roman", "mac_turkish", "utf_7",
]  # fmt: skip

# Single-byte code pages, commonest first: the candidates for the stray bytes of a mixed file,
# and the order that breaks ties between equally good readings.
_SINGLE_BYTE = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256", "koi8_r",
    "koi8_u", "iso8859_15",
    "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_13", "iso8859_16",
]  # fmt: skip

# Punctuation and symbols common in running text beyond ASCII.
_TEXT_PUNCTUATION = frozenset("«»‹›‘’‚“”„–—…•·°§€£¥©®™\u00a0¡¿")

# The letters beyond ASCII that each Latin-script orthography uses. A right reading of a legacy
# file uses one of them (or one other script); a wrong one mixes letters no language uses
# together ("Pøíliš", "powiedzia³"). charset-normalizer's mess ratio alone misses these.
_ALPHABETS: tuple[frozenset[str], ...] = tuple(
    frozenset(letters + letters.upper())
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúü",  # Spanish, Galician
        "àèéìíîòóùú",  # Italian
        "áâãàçéêíóôõú",  # Portuguese
        "áéèëïóöüú",  # Dutch
        "àçèéíïòóúü",  # Catalan
        "åäöé",  # Swedish, Finnish
        "æøåé",  # Danish, Norwegian
        "áðéíóúýþæö",  # Icelandic
        "äöõüšž",  # Estonian
        "āčēģīķļņšūž",  # Latvian
        "ąčęėįšųūž",  # Lithuanian
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "čćđšž",  # Croatian, Slovenian, Bosnian, Serbian (Latin)
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "çë",  # Albanian
        "çğıİöşüâîû",  # Turkish
        "çəğıİöşü",  # Azerbaijani
        "ċġħżàèìòù",  # Maltese
    )
)

# Scripts a right reading may use instead of a Latin orthography, by the first word of the
# characters' Unicode names; East Asian scripts and their punctuation count as one.
_EAST_ASIAN = frozenset(
    ["CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HANGUL", "IDEOGRAPHIC", "FULLWIDTH",
     "HALFWIDTH"]
)  # fmt: skip
_SCRIPTS = frozenset(["CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI", "EAST_ASIAN"])

#: Characters of a reading scored for plausibility.
_SAMPLE_CHARS = 16384

#: Stray bytes (and places) of a mixed file looked at to choose their code page.
_STRAY_SAMPLE = 4096

#: Plausibility margin within which readings count as equally plausible.
_PLAUSIBILITY_MARGIN = 0.02

#: Mess-ratio margin within which equally plausible readings count as equally clean.
_TIE_MARGIN = 0.01

#: Language-coherence margin (charset-normalizer's, 0 to 1) within which equally plausible and
#: clean readings count as equally coherent; the commoner code page then wins (windows-1250
#: over ISO-8859-16 for Romanian), while a clear difference decides (windows-1255 over
#: windows-1251 for Hebrew, both all letters of one script). The three margins were calibrated
#: on the 29-language panel in tests/ingest/test_decode.py.
_COHERENCE_MARGIN = 0.1

_NEWLINES = re.compile(r"\r\n?")


def normalize(text: str) -> str:
    """Normalise newlines to ``\\n``, compose to Unicode NFC and drop a leading byte-order mark.

    Nothing else is changed: offsets computed on the result are the offsets analysis uses.

    >>> normalize("\\ufeffCafe\\u0301\\r\\nok\\r")
    'Café\\nok\\n'
    """
    text = text.removeprefix("\ufeff")
    text = _NEWLINES.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def sniff_binary(data: bytes, source: str) -> None:
    """Raise :class:`~faro.BinaryInputError` if ``data`` looks like binary rather than text.

    Looks for known file signatures, NUL bytes and a high share of control bytes in the first
    8 KB. Call it only for data without a UTF-16/32 byte-order mark (those contain NULs).
    """
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] == magic and _magic_fits(magic, data):
            raise BinaryInputError(
                f"looks like {what}, not text; extract its text first and pass that file",
                source=source,
            )
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise BinaryInputError(_nul_message(head), source=source)
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if head and controls / len(head) > MAX_CONTROL_SHARE:
        raise BinaryInputError(
            f"looks like binary data, not text ({controls} control bytes in the first "
            f"{len(head)}); pass a text, Markdown, HTML or JSON file",
            source=source,
        )


def _magic_fits(magic: bytes, data: bytes) -> bool:
    # Signatures short or textual enough to begin a real text need a second look.
    if magic == b"BZh":
        return data[3:4].isdigit() and data[4:10] == b"1AY&SY"
    if magic == b"ID3":
        return data[3:4] in (b"\x02", b"\x03", b"\x04")
    if magic == b"WEBP":
        return data[:4] == b"RIFF"
    return True


def _nul_message(head: bytes) -> str:
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    pairs = len(head) // 2 or 1
    if odd / pairs > 0.3 and even == 0:
        return (
            "contains NUL bytes in a UTF-16LE pattern: this looks like UTF-16 text without a "
            "byte-order mark; convert it to UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8) and retry"
        )
    if even / pairs > 0.3 and odd == 0:
        return (
            "contains NUL bytes in a UTF-16BE pattern: this looks like UTF-16 text without a "
            "byte-order mark; convert it to UTF-8 (e.g. iconv -f UTF-16BE -t UTF-8) and retry"
        )
    return "looks like binary data, not text (it contains NUL bytes); pass a text file"


def decode(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, Note | None]:
    """Decode ``data`` read from ``source``; return the text and a note saying what was assumed.

    - A byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding and is removed.
    - Binary data is refused (:func:`sniff_binary`).
    - Valid UTF-8 is decoded with no note.
    - ``declared`` (an HTML ``<meta charset>``) is used if it decodes the data.
    - A file that is mostly UTF-8 with some bytes in another encoding (text pasted from a
      Windows program) keeps its UTF-8 and reads the stray bytes in the single-byte code page
      that fits them best (usually windows-1252); the note counts them and gives the first line.
    - Otherwise the legacy encoding charset-normalizer proposes whose reading is the most
      plausible (see :func:`_plausibility`) is used, and named in the note.

    Raises :class:`~faro.BinaryInputError` for binary data and :class:`~faro.DecodingError` when
    no encoding fits. The text is not normalised: see :func:`normalize`.

    >>> decode("été".encode("cp1252"), "a.txt")[1].code
    'F103'
    """
    body = data
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec != "utf-8":
                return _decode_with_bom(body, codec, name, source)
            break
    sniff_binary(body, source)
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError:
        pass

    if declared is not None:
        declared_result = _decode_declared(body, declared)
        if declared_result is not None:
            return declared_result

    escaped = body.decode("utf-8", errors="surrogateescape")
    legacy = _guess_legacy(body)
    if _UTF8_BEYOND_ASCII.search(escaped):
        # Some well-formed UTF-8 and some not: a mixed file, or a legacy encoding whose byte
        # pairs happen to form UTF-8 (EUC-JP, GBK and KOI8-R do). The more plausible reading
        # wins; on a tie, the mixed one when its UTF-8 characters outnumber its stray places.
        mixed = _decode_mixed(escaped)
        if (
            legacy is None
            or mixed.plausibility > legacy.plausibility + _PLAUSIBILITY_MARGIN
            or (
                mixed.utf8_chars >= mixed.stray_places
                and mixed.plausibility >= legacy.plausibility - _PLAUSIBILITY_MARGIN
            )
        ):
            return mixed.text(), _note(mixed.describe())
    if legacy is None:
        raise DecodingError(
            "the text encoding could not be determined (not UTF-8, and no other encoding "
            "fits); convert the file to UTF-8 (e.g. iconv -f ENCODING -t UTF-8) and retry",
            source=source,
        )
    return legacy.text, _note(legacy.describe())


def _decode_with_bom(body: bytes, codec: str, name: str, source: str) -> tuple[str, Note | None]:
    try:
        return body.decode(codec), None
    except UnicodeDecodeError:
        text = body.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    if bad > max(1, len(text) // 100):
        raise DecodingError(
            f"starts with a {name} byte-order mark but {bad} code units are not valid {name}; "
            "the file is damaged or mislabelled: re-save it as UTF-8 and retry",
            source=source,
        )
    return text, _note(
        f"decoded as {name} (byte-order mark); {bad} invalid code unit(s) replaced with U+FFFD"
    )


@dataclass(frozen=True, slots=True)
class _Mixed:
    """A reading of a file that is UTF-8 except for some stray bytes, read in :attr:`codec`."""

    escaped: str
    """The input decoded as UTF-8 with ``surrogateescape``: each stray byte a lone surrogate."""
    codec: str
    plausibility: float
    utf8_chars: int
    """UTF-8 characters beyond ASCII."""
    stray_bytes: int
    stray_places: int
    first_line: int

    def text(self) -> str:
        return _read_stray(self.escaped, self.codec)

    def describe(self) -> str:
        return (
            f"mixed encodings: decoded as UTF-8, but {self.stray_bytes} byte(s) in "
            f"{self.stray_places} place(s) were not valid UTF-8 and were read as "
            f"{_display(self.codec)} (first at line {self.first_line}); check those passages"
        )


def _decode_mixed(escaped: str) -> _Mixed:
    """Judge reading UTF-8 where it is well-formed and the stray bytes in a single-byte code
    page; :meth:`_Mixed.text` builds the text."""
    alphabet = set(_UTF8_BEYOND_ASCII.findall(escaped))
    places = list(_STRAY.finditer(escaped))
    stray = b"".join(_unescape(place.group()) for place in places[:_STRAY_SAMPLE])[:_STRAY_SAMPLE]

    def fit(codec: str) -> tuple[int, float, int]:
        # Stray bytes usually belong to the alphabet of the rest of the file (a Russian file's
        # stray bytes are Cyrillic, not "Ïðèâåò"); failing that, to a plausible orthography of
        # their own; failing that, the commoner code page wins.
        reading = stray.decode(codec, errors="replace")
        return sum(char in alphabet for char in reading), _plausibility(reading), -_rank(codec)

    codec = max(_SINGLE_BYTE, key=fit)
    return _Mixed(
        escaped=escaped,
        codec=codec,
        plausibility=_plausibility(_read_stray(_sample(escaped), codec)),
        utf8_chars=len(_UTF8_BEYOND_ASCII.findall(escaped)),
        stray_bytes=sum(len(place.group()) for place in places),
        stray_places=len(places),
        first_line=escaped.count("\n", 0, places[0].start()) + 1,
    )


def _read_stray(escaped: str, codec: str) -> str:
    return _STRAY.sub(lambda place: _unescape(place.group()).decode(codec, "replace"), escaped)


def _unescape(stray: str) -> bytes:
    return bytes(ord(char) - 0xDC00 for char in stray)


def _sample(text: str) -> str:
    """Up to :data:`_SAMPLE_CHARS` characters from just before the first one beyond ASCII:
    where two readings of the same bytes start to differ."""
    first = _NON_ASCII.search(text)
    start = max(0, first.start() - 1) if first else 0
    return text[start : start + _SAMPLE_CHARS]


def _decode_declared(data: bytes, declared: str) -> tuple[str, Note] | None:
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        codec = "cp1252"  # what browsers do with these labels (WHATWG Encoding Standard)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return text, _note(f"decoded as {_display(codec)} (declared in the document)")


@dataclass(frozen=True, slots=True)
class _Guess:
    """A reading of a whole input in a legacy encoding."""

    text: str
    codec: str
    plausibility: float
    chaos: float
    """charset-normalizer's mess ratio, 0 (clean) to 1."""
    language: str
    others: tuple[str, ...]
    """Other encodings whose readings were as good."""

    def describe(self) -> str:
        detail = f"confidence {self.plausibility * (1 - self.chaos):.0%}"
        if self.language != "Unknown":
            detail += f", text looks {self.language}"
        if self.others:
            detail += f"; also plausible: {', '.join(self.others[:3])}"
        return f"decoded as {_display(self.codec)} (detected by charset-normalizer, {detail})"


def _guess_legacy(data: bytes) -> _Guess | None:
    """Read ``data`` in the legacy encoding that gives the most plausible, cleanest text.

    charset-normalizer proposes the candidates and their mess ratios; :func:`_plausibility`
    ranks them first, since a clean-looking wrong reading of a Central European text is common.
    """
    matches = list(charset_normalizer.from_bytes(data, cp_exclusion=_NOT_GUESSED))
    if not any(match.encoding == "cp1252" for match in matches):
        # Too little text for charset-normalizer to consider it, but the commonest legacy code
        # page deserves its chance ("Ça va?" otherwise comes out as Big5).
        matches += list(charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]))
    readings: list[tuple[Any, str, float]] = []
    for match in matches:
        try:
            text = data.decode(match.encoding)
        except UnicodeDecodeError:
            continue  # charset-normalizer judged a sample; the whole input does not decode
        readings.append((match, text, _plausibility(_sample(text))))
    if not readings:
        return None
    most = max(plausibility for _, _, plausibility in readings)
    plausible = [r for r in readings if r[2] >= most - _PLAUSIBILITY_MARGIN]
    cleanest = min(match.chaos for match, _, _ in plausible)
    tied = [r for r in plausible if r[0].chaos <= cleanest + _TIE_MARGIN]
    coherent = max(match.coherence for match, _, _ in tied)
    tied = [r for r in tied if r[0].coherence >= coherent - _COHERENCE_MARGIN]
    best, text, plausibility = max(
        tied, key=lambda r: (-_rank(r[0].encoding), round(r[0].coherence, 3))
    )
    codec = best.encoding
    if codec != "cp1252" and _decodes_same(data, "cp1252", text):
        codec = "cp1252"  # the same text either way: name the commoner code page
    same = {_display(codec), _display(best.encoding)}
    others = sorted({_display(m.encoding) for m, t, _ in tied if t != text} - same)
    return _Guess(text, codec, plausibility, float(best.chaos), str(best.language), tuple(others))


def _plausibility(text: str) -> float:
    """The share of ``text``'s characters beyond ASCII that a right reading would produce.

    Those are the letters of one orthography (:data:`_ALPHABETS`) or of one other script, and
    common punctuation. A letter of another script touching an ASCII letter ("dйclarй") or an
    upper-case letter inside a lower-case word ("мИНИСТР") does not count. ASCII-only text
    scores 1.
    """
    counts: Counter[str] = Counter()
    anomalies = 0
    previous = " "
    for index, char in enumerate(text):
        if not char.isascii():
            counts[char] += 1
            if char.isalpha() and _anomalous(char, previous, text[index + 1 : index + 2]):
                anomalies += 1
        previous = char
    total = sum(counts.values())
    if not total:
        return 1.0
    punctuation = sum(n for char, n in counts.items() if char in _TEXT_PUNCTUATION)
    latin = max(sum(n for char, n in counts.items() if char in abc) for abc in _ALPHABETS)
    scripts: Counter[str] = Counter()
    for char, n in counts.items():
        script = _script(char)
        if script in _SCRIPTS:
            scripts[script] += n
    other = max(scripts.values(), default=0)
    return max(0.0, (punctuation + max(latin, other) - anomalies) / total)


@cache
def _script(char: str) -> str:
    """``LATIN``, ``CYRILLIC``, ``EAST_ASIAN``…: the script of ``char`` by its Unicode name."""
    word = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return "EAST_ASIAN" if word in _EAST_ASIAN else word


def _anomalous(letter: str, previous: str, following: str) -> bool:
    """A letter of another script touching an ASCII letter, or an upper-case letter inside a
    lower-case word: what a wrong reading produces."""
    if _script(letter) != "LATIN" and (_is_ascii_letter(previous) or _is_ascii_letter(following)):
        return True
    return letter.isupper() and previous.isalpha() and previous.islower()


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _decodes_same(data: bytes, codec: str, text: str) -> bool:
    try:
        return data.decode(codec) == text
    except UnicodeDecodeError:
        return False


def _rank(codec: str) -> int:
    return _SINGLE_BYTE.index(codec) if codec in _SINGLE_BYTE else len(_SINGLE_BYTE)


_DISPLAY = {"cp932": "Shift_JIS (cp932)", "cp949": "EUC-KR (cp949)", "cp950": "Big5 (cp950)"}


def _display(codec: str) -> str:
    """The name an analyst knows: ``windows-1252`` for ``cp1252``, ``koi8-r`` for ``koi8_r``."""
    name = codecs.lookup(codec).name
    if name in _DISPLAY:
        return _DISPLAY[name]
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    return name.replace("_", "-")


def _note(message: str) -> Note:
    return Note(code=DecodingError.code, message=message, stage=STAGE)
