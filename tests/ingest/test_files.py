"""Reading files, directories and stdin into documents, and the coded errors for bad input."""

from __future__ import annotations

import codecs
import io
import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO

import pytest

import faro.ingest.files
from faro import FaroError, Options, load_options
from faro.ingest import (
    STDIN,
    SUPPORTED_EXTENSIONS,
    RecordFields,
    discover,
    read_source,
)
from faro.model import Document

from .conftest import Errors

MAX = 1_000_000
DEFAULT_FIELDS = RecordFields()

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>Vaccini, la bufala del microchip | Il Giornale di Prova</title>
<meta property="og:title" content="Vaccini, la bufala del microchip">
<meta property="article:published_time" content="2024-03-12T08:30:00+01:00">
<meta name="author" content="Maria Rossi">
<link rel="canonical" href="https://example.org/news/vaccini-microchip">
</head>
<body>
<header><div class="logo">Il Giornale di Prova</div>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/politica">Politica</a></li>
<li><a href="/esteri">Esteri</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">Questo sito utilizza cookie di profilazione.
<a href="/privacy">Informativa</a> <button>Accetta tutti</button></div>
<div class="ad-slot advertisement">PUBBLICITÀ — Compra ora il nuovo smartphone a soli 9,99 euro
al mese!</div>
<main>
<article>
<h1>Vaccini, la bufala del microchip</h1>
<p class="byline">di Maria Rossi, 12 marzo 2024</p>
<p>Un video condiviso migliaia di volte sui social sostiene che i vaccini contro il Covid-19
contengano microchip capaci di tracciare le persone. Secondo gli esperti dell'Istituto superiore
di sanità, l'affermazione è del tutto priva di fondamento.</p>
<p>«Non esiste alcun microchip nei vaccini», ha affermato il professor Giovanni Bianchi,
immunologo dell'Università di Padova. «Le dimensioni degli aghi non lo permetterebbero.»</p>
<p>Il video, pubblicato per la prima volta il 3 marzo, ha raggiunto oltre 2 milioni di
visualizzazioni in una settimana, secondo i dati raccolti dalla piattaforma.</p>
</article>
</main>
<aside class="sidebar"><h3>I più letti</h3><ul><li><a href="/a">Oroscopo di oggi: cosa dicono
le stelle</a></li><li><a href="/b">Meteo del weekend, arriva il caldo</a></li></ul></aside>
<footer><p>© 2024 Il Giornale di Prova Srl — P.IVA 01234567890 — Tutti i diritti riservati</p>
<a href="/privacy">Privacy</a> <a href="/contatti">Contatti</a></footer>
</body>
</html>
"""


def read(
    path: Path | str,
    errors: Errors,
    *,
    fields: RecordFields = DEFAULT_FIELDS,
    lang: str | None = None,
    stdin: BinaryIO | None = None,
) -> list[Document]:
    docs = read_source(path, max_bytes=MAX, fields=fields, lang=lang, on_error=errors, stdin=stdin)
    return list(docs)


def read_one(
    path: Path | str,
    errors: Errors,
    *,
    fields: RecordFields = DEFAULT_FIELDS,
    lang: str | None = None,
) -> Document:
    docs = read(path, errors, fields=fields, lang=lang)
    assert len(docs) == 1
    return docs[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def raised(path: Path | str, *, max_bytes: int = MAX) -> FaroError:
    with pytest.raises(FaroError) as caught:
        read_source(path, max_bytes=max_bytes, on_error=Errors())
    return caught.value


# --------------------------------------------------------------------------- plain text


def test_text_file(tmp_path: Path, errors: Errors) -> None:
    path = write(tmp_path / "note.txt", "Breaking news\r\n\r\nThe minister said so.\r\nEnd.")
    doc = read_one(path, errors)
    assert doc.text == "Breaking news\n\nThe minister said so.\nEnd."
    assert doc.id == doc.source == str(path)
    assert doc.title == "Breaking news"
    assert doc.notes == []
    assert errors == []


def test_text_is_nfc_without_bom_and_otherwise_untouched(tmp_path: Path, errors: Errors) -> None:
    raw = "\ufeff  Cafe\u0301 au lait\rsecond line\t\n\n  indented  \n"
    doc = read_one(write(tmp_path / "a.txt", raw), errors)
    assert doc.text == "  Café au lait\nsecond line\t\n\n  indented  \n"


def test_single_line_text_has_no_title(tmp_path: Path, errors: Errors) -> None:
    assert read_one(write(tmp_path / "a.txt", "Just one line."), errors).title is None


def test_long_first_line_is_not_a_title(tmp_path: Path, errors: Errors) -> None:
    doc = read_one(write(tmp_path / "a.txt", "word " * 60 + "\nmore"), errors)
    assert doc.title is None


def test_markdown_keeps_its_text_and_takes_the_heading_as_title(
    tmp_path: Path, errors: Errors
) -> None:
    raw = "# Fact check: the *microchip* claim\n\nThe claim is **false**.\n"
    doc = read_one(write(tmp_path / "a.md", raw), errors)
    assert doc.text == raw
    assert doc.title == "Fact check: the *microchip* claim"


def test_explicit_file_with_unknown_extension_is_read_as_text(
    tmp_path: Path, errors: Errors
) -> None:
    path = write(tmp_path / "transcript.log", "Speaker 1: it is true.\nSpeaker 2: it is not.")
    paths = discover([str(path)], errors)
    assert paths == [path]
    assert read_one(paths[0], errors).text.startswith("Speaker 1")


def test_lang_hint_from_the_caller(tmp_path: Path, errors: Errors) -> None:
    doc = read_one(write(tmp_path / "a.txt", "Ciao a tutti."), errors, lang="it")
    assert doc.lang_hint == "it"


# --------------------------------------------------------------------------- encodings


def test_windows_1252_file_is_decoded_with_a_note(tmp_path: Path, errors: Errors) -> None:
    text = "Le ministre a déclaré que la réforme serait votée avant l'été. « Décisif », a-t-il dit."
    doc = read_one(write(tmp_path / "a.txt", text.encode("cp1252")), errors)
    assert doc.text == text
    assert [note.code for note in doc.notes] == ["F103"]
    assert "windows-1252" in doc.notes[0].message


@pytest.mark.parametrize(
    ("encoding", "text", "named"),
    [
        ("shift_jis", "大臣は火曜日、政府が新しい法律を準備すると述べた。", "Shift_JIS"),
        ("koi8-r", "Министр заявил, что правительство подготовит новый закон.", "koi8-r"),
    ],
)
def test_cjk_and_cyrillic_legacy_files(
    tmp_path: Path, errors: Errors, encoding: str, text: str, named: str
) -> None:
    doc = read_one(write(tmp_path / "a.txt", text.encode(encoding)), errors)
    assert doc.text == text
    assert len(doc.notes) == 1
    assert named in doc.notes[0].message


def test_utf16_with_bom(tmp_path: Path, errors: Errors) -> None:
    text = "Заголовок\r\nТекст статьи, 東京."
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    doc = read_one(write(tmp_path / "a.txt", data), errors)
    assert doc.text == "Заголовок\nТекст статьи, 東京."
    assert doc.notes == []


def test_mixed_encodings_file_is_read_with_a_note(tmp_path: Path, errors: Errors) -> None:
    data = "Le café est bon.\n".encode() + "Il a dit « très bien ».\n".encode("cp1252")
    doc = read_one(write(tmp_path / "a.txt", data), errors)
    assert doc.text == "Le café est bon.\nIl a dit « très bien ».\n"
    assert doc.notes[0].message.startswith("mixed encodings")


# --------------------------------------------------------------------------- HTML


def test_html_main_content_without_boilerplate(tmp_path: Path, errors: Errors) -> None:
    doc = read_one(write(tmp_path / "article.html", ARTICLE_HTML), errors)
    assert "microchip capaci di tracciare le persone" in doc.text
    assert "«Non esiste alcun microchip nei vaccini»" in doc.text
    for boilerplate in (
        "Politica",
        "Esteri",
        "cookie",
        "Accetta",
        "PUBBLICITÀ",
        "smartphone",
        "Oroscopo",
        "Meteo",
        "P.IVA",
        "diritti riservati",
        "Contatti",
    ):
        assert boilerplate not in doc.text
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Vaccini, la bufala del microchip"
    assert paragraphs[-1].startswith("Il video, pubblicato")
    assert all(p.strip() == p and p for p in paragraphs)
    assert doc.title == "Vaccini, la bufala del microchip"
    assert doc.url == "https://example.org/news/vaccini-microchip"
    assert doc.published == datetime(2024, 3, 12)
    assert doc.metadata["author"] == "Maria Rossi"
    assert doc.id == doc.source == str(tmp_path / "article.html")
    assert doc.notes == []


def test_html_without_main_text_raises_f109(tmp_path: Path) -> None:
    page = """<html><head><title>Accedi</title></head><body>
    <nav><a href="/">Home</a> <a href="/login">Accedi</a> <a href="/abbonati">Abbonati</a></nav>
    <div id="app"></div><script>window.render()</script>
    <footer>© 2024 Editore</footer></body></html>"""
    error = raised(write(tmp_path / "login.htm", page))
    assert error.code == "F109"
    assert error.source == str(tmp_path / "login.htm")
    assert ".txt" in error.message


def test_html_in_a_declared_legacy_charset(tmp_path: Path, errors: Errors) -> None:
    page = ARTICLE_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("PUBBLICITÀ —", "PUBBLICITÀ -").replace("— P.IVA", "- P.IVA")
    page = page.replace("P.IVA 01234567890 —", "P.IVA 01234567890 -")
    doc = read_one(write(tmp_path / "a.html", page.encode("cp1252")), errors)
    assert "dell'Università di Padova" in doc.text
    assert "declared in the document" in doc.notes[0].message


def test_html_lists_quotes_and_tables_are_blocks(tmp_path: Path, errors: Errors) -> None:
    page = """<html><head><title>Dati della spesa</title></head><body>
    <nav><a href="/">Home</a> <a href="/dati">Dati</a></nav>
    <article><h1>I dati della spesa</h1>
    <p>La tabella mostra la spesa pubblica per anno secondo l'Istat, in miliardi di euro.</p>
    <table><tr><th>Anno</th><th>Spesa</th></tr><tr><td>2022</td><td>1.000</td></tr>
    <tr><td>2023</td><td>1.100</td></tr></table>
    <ul><li>Sanità in aumento del 5%</li><li>Istruzione stabile</li></ul>
    <blockquote>«La spesa è sotto controllo», ha detto il ministro.</blockquote>
    <p>La crescita è stata del 10% in un anno, la più alta dal 2010.<br>Fonte: Istat.</p>
    </article></body></html>"""
    doc = read_one(write(tmp_path / "dati.html", page), errors)
    blocks = doc.text.split("\n\n")
    assert blocks[0] == "I dati della spesa"
    assert "| 2023 | 1.100 |" in doc.text
    assert "---" not in doc.text
    assert "- Sanità in aumento del 5%\n- Istruzione stabile" in blocks
    assert "«La spesa è sotto controllo», ha detto il ministro." in blocks
    assert (
        blocks[-1] == "La crescita è stata del 10% in un anno, la più alta dal 2010.\nFonte: Istat."
    )
    assert not any(line != line.rstrip() for line in doc.text.split("\n"))


# --------------------------------------------------------------------------- JSON


def test_json_single_object(tmp_path: Path, errors: Errors) -> None:
    record = {
        "text": "Il 40% dei fondi è stato speso.",
        "id": 7,
        "lang": "it",
        "title": "Fondi",
        "published": "2024-07-12T10:00:00Z",
        "outlet": "Ansa",
        "shares": 12,
        "tags": ["a", "b"],
    }
    doc = read_one(write(tmp_path / "one.json", json.dumps(record)), errors)
    assert doc.id == "7"
    assert doc.source == str(tmp_path / "one.json")
    assert doc.text == record["text"]
    assert doc.lang_hint == "it"
    assert doc.title == "Fondi"
    assert doc.published == datetime(2024, 7, 12, 10, tzinfo=UTC)
    assert doc.metadata == {"outlet": "Ansa", "shares": 12}


def test_json_array_with_ids_lines_and_bad_records(tmp_path: Path, errors: Errors) -> None:
    content = """[
  {"id": "a", "text": "First text."},
  {"text": "Second text.", "date": "2024-05-01"},
  {"id": "c", "body": "no text field"},
  "not an object",
  {"text": "   "},
  {"text": "Last text.", "created_at": "yesterday"}
]"""
    path = write(tmp_path / "many.json", content)
    docs = read(path, errors)
    assert [d.id for d in docs] == ["a", f"{path}#1", f"{path}#5"]
    assert [d.source for d in docs] == [f"{path}:2", f"{path}:3", f"{path}:7"]
    assert docs[1].published == datetime(2024, 5, 1)
    assert docs[2].published is None
    assert docs[2].metadata == {"created_at": "yesterday"}
    assert errors.codes == ["F108", "F105", "F108"]
    assert [e.line for e in errors] == [4, 5, 6]
    assert all(e.source == str(path) for e in errors)
    assert "'text'" in errors[0].message


@pytest.mark.parametrize("key", ["documents", "items", "data"])
def test_json_object_with_a_list_of_records(tmp_path: Path, errors: Errors, key: str) -> None:
    content = json.dumps({"source": "export", key: [{"text": "One."}, {"text": "Two."}]})
    path = write(tmp_path / "export.json", content)
    assert [d.id for d in read(path, errors)] == [f"{path}#0", f"{path}#1"]


def test_json_that_does_not_parse_raises_f105_with_position(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '[\n  {"text": "ok"},\n  {"text": "no end"\n]')
    error = raised(path)
    assert error.code == "F105"
    assert error.source == str(path)
    assert error.line == 4
    assert "column" in error.message


def test_json_object_without_text_or_records_raises_f108(tmp_path: Path) -> None:
    assert raised(write(tmp_path / "a.json", '{"body": "x"}')).code == "F108"


def test_json_scalar_raises_f107(tmp_path: Path) -> None:
    assert raised(write(tmp_path / "a.json", '"just a string"')).code == "F107"


def test_empty_json_array_raises_f101(tmp_path: Path) -> None:
    assert raised(write(tmp_path / "a.json", "[]")).code == "F101"


def test_custom_record_fields(tmp_path: Path, errors: Errors) -> None:
    fields = RecordFields(text="body", id="guid", lang="language", title="headline")
    record = {"body": "Texto.", "guid": "x1", "language": "es", "headline": "Titular"}
    doc = read_one(write(tmp_path / "a.json", json.dumps(record)), errors, fields=fields)
    assert (doc.text, doc.id, doc.lang_hint, doc.title) == ("Texto.", "x1", "es", "Titular")


def test_record_fields_from_options(tmp_path: Path) -> None:
    options: Options = load_options(env={"FARO_HOME": str(tmp_path), "FARO_TEXT_FIELD": "body"})
    fields = RecordFields.from_options(options)
    assert fields == RecordFields(text="body", id="id", lang="lang", title="title")


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_records_blank_lines_and_bad_lines(tmp_path: Path, errors: Errors) -> None:
    lines = [
        json.dumps({"id": 1, "text": "Uno.", "lang": "it", "url": "https://e.org/1"}),
        "",
        json.dumps(
            {"text": "Dos.", "lang": "es", "title": "Título", "likes": 3, "nested": {"x": 1}}
        ),
        '{"text": "broken", ',
        json.dumps({"id": 4, "body": "no text"}),
        json.dumps({"id": 5, "text": 42}),
        "[1, 2]",
        "   ",
        json.dumps({"text": "Trois.\r\nQuatre."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    docs = read(path, errors)
    assert [d.id for d in docs] == ["1", f"{path}:3", f"{path}:9"]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:9"]
    assert [d.lang_hint for d in docs] == ["it", "es", None]
    assert docs[0].url == "https://e.org/1"
    assert docs[1].title == "Título"
    assert docs[1].metadata == {"likes": 3}
    assert docs[2].text == "Trois.\nQuatre."
    assert errors.codes == ["F105", "F108", "F108", "F105"]
    assert [e.line for e in errors] == [4, 5, 6, 7]
    assert all(e.source == str(path) for e in errors)
    assert str(errors[0]).startswith(f"[F105] {path}:4: not valid JSON")


def test_ndjson_extension(tmp_path: Path, errors: Errors) -> None:
    path = write(tmp_path / "a.ndjson", '{"text": "one"}\n{"text": "two"}\n')
    assert [d.text for d in read(path, errors)] == ["one", "two"]


def test_caller_language_wins_over_record_field(tmp_path: Path, errors: Errors) -> None:
    path = write(tmp_path / "a.jsonl", '{"text": "Hello.", "lang": "it"}\n')
    assert read_one(path, errors, lang="en").lang_hint == "en"


def test_pretty_printed_json_named_jsonl_is_read_as_json(tmp_path: Path, errors: Errors) -> None:
    content = json.dumps([{"text": "One."}, {"text": "Two."}], indent=2)
    docs = read(write(tmp_path / "a.jsonl", content), errors)
    assert [d.text for d in docs] == ["One.", "Two."]
    assert docs[0].notes[0].code == "F105"
    assert errors == []


def test_legacy_encoded_jsonl_carries_the_note(tmp_path: Path, errors: Errors) -> None:
    line = '{"text": "Москва — столица России, там живёт очень много людей."}\n'
    docs = read(write(tmp_path / "a.jsonl", line.encode("cp1251")), errors)
    assert docs[0].text.startswith("Москва — столица")
    assert "windows-1251" in docs[0].notes[0].message


# --------------------------------------------------------------------------- whole-source errors


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
@pytest.mark.parametrize("name", ["a.txt", "a.json", "a.jsonl", "a.html"])
def test_empty_input_raises_f101(tmp_path: Path, content: bytes, name: str) -> None:
    path = write(tmp_path / name, content)
    error = raised(path)
    assert error.code == "F101"
    assert error.source == str(path)


@pytest.mark.parametrize(
    ("name", "content", "looks_like"),
    [
        ("report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        ("notes.md", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        ("page.html", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "gzip"),
        ("data.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("photo.json", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("blob.txt", bytes(range(256)) * 4, "NUL"),
    ],
)
def test_binary_input_raises_f102(
    tmp_path: Path, name: str, content: bytes, looks_like: str
) -> None:
    error = raised(write(tmp_path / name, content))
    assert error.code == "F102"
    assert looks_like in error.message


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "big.txt", "x" * 101)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(faro.ingest.files, "open", never, raising=False)
    error = raised(path, max_bytes=100)
    assert error.code == "F104"
    assert "101 bytes" in error.message
    assert "max_input_bytes" in error.message


def test_size_limit_is_inclusive(tmp_path: Path, errors: Errors) -> None:
    path = write(tmp_path / "ok.txt", "x" * 100)
    [doc] = read_source(path, max_bytes=100, on_error=errors)
    assert len(doc.text) == 100


def test_missing_file_raises_f106(tmp_path: Path) -> None:
    error = raised(tmp_path / "gone.txt")
    assert error.code == "F106"
    assert "no such file" in error.message


def test_directory_where_a_file_is_expected_raises_f106(tmp_path: Path) -> None:
    error = raised(tmp_path)
    assert error.code == "F106"
    assert "directory" in error.message


def test_permission_denied_raises_f106(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "text")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(faro.ingest.files, "open", denied, raising=False)
    error = raised(path)
    assert error.code == "F106"
    assert "permission denied" in error.message


def test_unreadable_file_is_reported_by_discover(
    tmp_path: Path, errors: Errors, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = write(tmp_path / "secret.txt", "text")
    public = write(tmp_path / "public.txt", "text")
    readable = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != secret and readable(p, mode))
    assert discover([str(secret), str(public)], errors) == [public]
    assert errors.codes == ["F106"]
    assert "permission denied" in errors[0].message


def test_file_vanishing_after_discovery_raises_f106(tmp_path: Path, errors: Errors) -> None:
    path = write(tmp_path / "a.txt", "text")
    [source] = discover([str(path)], errors)
    path.unlink()
    assert raised(source).code == "F106"


def test_whole_source_errors_raise_at_call_time(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"")
    with pytest.raises(FaroError):
        read_source(path, max_bytes=MAX, on_error=Errors())  # not iterated


def test_every_error_says_where_and_what_to_do(tmp_path: Path) -> None:
    error = raised(write(tmp_path / "a.txt", b"%PDF-1.4"))
    assert str(error).startswith(f"[F102] {tmp_path / 'a.txt'}: ")
    assert error.to_dict()["source"] == str(tmp_path / "a.txt")


# --------------------------------------------------------------------------- discovery


def test_discover_walks_directories_sorted_skipping_hidden_and_unsupported(
    tmp_path: Path, errors: Errors
) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d.jsonl",
        "e.JSON",
        "f.ndjson",
        "g.markdown",
        "h.htm",
        "i.log",
        "image.png",
        ".hidden.txt",
        ".git/config.txt",
        "sub/.cache/x.txt",
    ]:
        write(tmp_path / "corpus" / name, "text")
    found = discover([str(tmp_path / "corpus")], errors)
    corpus = tmp_path / "corpus"
    assert found == [
        corpus / n
        for n in [
            "a.md",
            "b.txt",
            "e.JSON",
            "f.ndjson",
            "g.markdown",
            "h.htm",
            "sub/c.html",
            "sub/deeper/d.jsonl",
        ]
    ]
    assert errors == []


def test_discover_does_not_follow_directory_links(tmp_path: Path, errors: Errors) -> None:
    write(tmp_path / "corpus" / "a.txt", "text")
    (tmp_path / "corpus" / "loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    (tmp_path / "corpus" / "link.txt").symlink_to(tmp_path / "corpus" / "a.txt")
    assert discover([str(tmp_path / "corpus")], errors) == [tmp_path / "corpus" / "a.txt"]


def test_read_source_takes_plain_string_paths(tmp_path: Path, errors: Errors) -> None:
    path = write(tmp_path / "a.txt", "text")
    assert read_one(str(path), errors).id == str(path)


def test_discover_keeps_order_stdin_and_reports_missing(tmp_path: Path, errors: Errors) -> None:
    one = write(tmp_path / "one.txt", "1")
    two = write(tmp_path / "dir" / "two.txt", "2")
    found = discover(
        [str(one), "-", str(tmp_path / "missing.txt"), str(tmp_path / "dir"), str(one), "-"], errors
    )
    assert found == [one, STDIN, two]
    assert errors.codes == ["F106"]
    assert errors[0].source == str(tmp_path / "missing.txt")


def test_discover_reports_a_directory_with_nothing_to_read(tmp_path: Path, errors: Errors) -> None:
    write(tmp_path / "empty" / "picture.png", b"\x89PNG")
    assert discover([str(tmp_path / "empty")], errors) == []
    assert errors.codes == ["F101"]


def test_supported_extensions() -> None:
    assert {
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".json",
        ".jsonl",
        ".ndjson",
    } == SUPPORTED_EXTENSIONS


def test_a_directory_with_bad_inputs_still_yields_every_good_document(
    tmp_path: Path, errors: Errors
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "01-good.txt", "Il ministro ha detto che il 40% dei fondi è stato speso.")
    write(corpus / "02-binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00")
    write(corpus / "03-article.html", ARTICLE_HTML)
    write(
        corpus / "04-feed.jsonl",
        '{"id": "r1", "text": "Primo."}\n{"id": "r2", "text": \n{"id": "r3", "text": "Terzo."}\n',
    )
    write(corpus / "05-latin1.txt", "Déjà vu à Genève, où l'été est très chaud.".encode("cp1252"))
    write(corpus / "06-empty.md", "")
    docs: list[Document] = []
    for source in discover([str(corpus), str(tmp_path / "nope.txt")], errors):
        try:
            docs.extend(read_source(source, max_bytes=MAX, on_error=errors))
        except FaroError as exc:
            errors(exc)
    assert [d.id for d in docs] == [
        str(corpus / "01-good.txt"),
        str(corpus / "03-article.html"),
        "r1",
        "r3",
        str(corpus / "05-latin1.txt"),
    ]
    assert docs[-1].text == "Déjà vu à Genève, où l'été est très chaud."
    assert errors.codes == ["F106", "F102", "F105", "F101"]
    assert [e.where for e in errors] == [
        str(tmp_path / "nope.txt"),
        str(corpus / "02-binary.txt"),
        f"{corpus / '04-feed.jsonl'}:2",
        str(corpus / "06-empty.md"),
    ]


# --------------------------------------------------------------------------- stdin


def from_stdin(
    data: bytes, errors: Errors, *, fields: RecordFields = DEFAULT_FIELDS
) -> list[Document]:
    return read(STDIN, errors, fields=fields, stdin=io.BytesIO(data))


def test_stdin_plain_text(errors: Errors) -> None:
    [doc] = from_stdin("Title line\r\nBody text, déjà.".encode(), errors)
    assert (doc.id, doc.source, doc.text) == ("<stdin>", "<stdin>", "Title line\nBody text, déjà.")


def test_stdin_json_lines(errors: Errors) -> None:
    data = b'{"text": "one", "id": "x"}\n{"text": "two"}\nnot json\n{"text": "four"}\n'
    docs = from_stdin(data, errors)
    assert [d.id for d in docs] == ["x", "<stdin>:2", "<stdin>:4"]
    assert errors.codes == ["F105"]
    assert errors[0].where == "<stdin>:3"


def test_stdin_json_array(errors: Errors) -> None:
    data = json.dumps([{"text": "one"}, {"text": "two"}], indent=2).encode()
    assert [d.id for d in from_stdin(data, errors)] == ["<stdin>#0", "<stdin>#1"]


def test_stdin_text_that_only_looks_like_json(errors: Errors) -> None:
    for data in [b'{"title": "no text field"}\n{"title": "x"}', b"[citation needed] is a tag"]:
        [doc] = from_stdin(data, errors)
        assert doc.text == data.decode()
    assert errors == []


def test_stdin_custom_text_field(errors: Errors) -> None:
    fields = RecordFields(text="body")
    docs = from_stdin(b'{"body": "one"}\n{"body": "two"}\n', errors, fields=fields)
    assert [d.text for d in docs] == ["one", "two"]


def test_stdin_size_limit_reads_at_most_one_byte_more() -> None:
    stream = io.BytesIO(b"x" * 1000)
    with pytest.raises(FaroError) as caught:
        read_source(STDIN, max_bytes=100, on_error=Errors(), stdin=stream)
    assert caught.value.code == "F104"
    assert caught.value.source == "<stdin>"
    assert stream.tell() == 101


@pytest.mark.parametrize(
    ("data", "code"), [(b"", "F101"), (b" \n ", "F101"), (b"%PDF-1.5\n", "F102")]
)
def test_stdin_errors(data: bytes, code: str) -> None:
    with pytest.raises(FaroError) as caught:
        read_source(STDIN, max_bytes=MAX, on_error=Errors(), stdin=io.BytesIO(data))
    assert caught.value.code == code
    assert caught.value.source == "<stdin>"


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch, errors: Errors) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Ciao, mondo.")))
    [doc] = read(STDIN, errors)
    assert doc.text == "Ciao, mondo."


# --------------------------------------------------------------------------- API


def test_public_names_are_exported() -> None:
    import faro.ingest

    exported = {name for name in dir(faro.ingest) if not name.startswith("_")}
    assert set(faro.ingest.__all__) <= exported
    # submodules, reachable but not part of __all__
    modules = {"decode", "dedup", "feeds", "files", "html", "social", "web"}
    assert exported - set(faro.ingest.__all__) <= modules


def test_iterating_never_raises(tmp_path: Path, errors: Errors) -> None:
    path = write(tmp_path / "a.jsonl", "\n".join(["{", "[", '"x"', "{}", "1"] * 3))
    docs: Iterator[Document] = read_source(path, max_bytes=MAX, on_error=errors)
    assert list(docs) == []
    assert len(errors) == 15


def test_published_keeps_timezone(tmp_path: Path, errors: Errors) -> None:
    doc = read_one(
        write(tmp_path / "a.json", '{"text": "x", "date": "2024-03-12T08:30:00+01:00"}'), errors
    )
    assert doc.published == datetime(2024, 3, 12, 8, 30, tzinfo=timezone(timedelta(hours=1)))
