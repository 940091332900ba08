"""End to end: the installed ``faro`` command, run as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from faro.report.jsonout import load_schema

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FARO = shutil.which("faro", path=str(Path(sys.executable).parent)) or "faro"


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    proc = subprocess.run([FARO, *args], input=stdin, capture_output=True, check=False,
                          env=full_env, timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def json_lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("faro ")
    result = run("analyze", "--help")
    assert result.returncode == 0 and "--json" in result.stdout


def test_terminal_report_on_an_article() -> None:
    result = run("analyze", str(EXAMPLES / "it_deepfake_elezioni_bergamo.txt"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Italian (it)" in out
    assert "Quotes" in out and "Elena Marchetti" in out
    assert "Check-worthy claims" in out


def test_json_output_follows_the_shipped_schema() -> None:
    result = run("analyze", "--json", str(EXAMPLES))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr  # the examples need no assumption
    docs = json_lines(result.stdout)
    stems = {p.name for p in EXAMPLES.glob("*.txt")}
    ids = {str(d["id"]) for d in docs}
    assert all(any(i.endswith(s) for i in ids) for s in stems)
    assert len(docs) >= len(stems) + 12  # + the social posts, + the HTML page
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for doc in docs:
        validator.validate(doc)
        text = str(doc["text"])
        for key in ("sentences", "entities", "numbers", "dates", "quotes", "claims"):
            for item in doc[key]:  # type: ignore[attr-defined]
                assert text[item["start"]:item["end"]] == item["text"]


def test_html_main_text_only() -> None:
    result = run("analyze", "--json", str(EXAMPLES / "en_newsroom_page.html"))
    assert result.returncode == 0, result.stderr
    (doc,) = json_lines(result.stdout)
    assert doc["language"]["code"] == "en"  # type: ignore[index]
    text = str(doc["text"])
    assert "Most read" not in text and "cookies" not in text.lower()
    assert doc["title"]


def test_jsonl_fields_and_languages(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        json.dumps({"post_id": "a1", "body": "La NATO ha detto che il 40% dei fondi è speso.",
                    "language": "it"}) + "\n"
        + json.dumps({"post_id": "a2", "body": "Минобороны России заявило, что учения "
                      "пройдут в пятницу."}) + "\n",
        encoding="utf-8",
    )
    result = run("analyze", "--json", "--text-field", "body", "--id-field", "post_id",
                 "--lang-field", "language", str(posts))
    assert result.returncode == 0, result.stderr
    first, second = json_lines(result.stdout)
    assert first["id"] == "a1" and first["language"]["method"] == "forced"  # type: ignore[index]
    assert second["id"] == "a2" and second["language"]["code"] == "ru"  # type: ignore[index]


def test_stdin_and_forced_language() -> None:
    result = run("analyze", "--json", "--lang", "pt", "-",
                 stdin=b"O ministro disse que 30% das escolas fecharam.")
    assert result.returncode == 0, result.stderr
    (doc,) = json_lines(result.stdout)
    assert doc["language"] == {"code": "pt", "confidence": 1.0, "method": "forced",
                               "alternatives": []}


def test_bad_inputs_get_codes_and_do_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text("Il governo ha stanziato 120.000 euro venerdì.",
                                     encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "posts.jsonl").write_text(
        '{"text": "The minister said 3 million people voted."}\n{not json\n'
        '{"id": 3}\n{"text": "Una seconda notizia importante per tutti."}\n',
        encoding="utf-8",
    )
    result = run("analyze", "--json", str(folder), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    docs = json_lines(result.stdout)
    assert len(docs) == 3  # good.txt + two good JSONL records
    err = result.stderr
    for code in ("[F101]", "[F102]", "[F105]", "[F106]", "[F108]"):
        assert code in err, (code, err)
    assert "posts.jsonl:2" in err and "posts.jsonl:3" in err


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("parola " * 2000, encoding="utf-8")
    result = run("analyze", "--max-bytes", "1000", str(big))
    assert result.returncode == 1 and "[F104]" in result.stderr
    result = run("analyze", str(big), env={"FARO_MAX_INPUT_BYTES": "500"})
    assert result.returncode == 1 and "[F104]" in result.stderr


def test_wrong_encoding_is_decoded_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "vecchio.txt"
    path.write_bytes("Il ministro è partito venerdì: «Più controlli», ha detto.".encode("cp1252"))
    result = run("analyze", "--json", str(path))
    assert result.returncode == 3, result.stderr  # analysed, but an encoding was assumed
    assert "warning [F103]" in result.stderr and "vecchio.txt" in result.stderr
    (doc,) = json_lines(result.stdout)
    assert "è partito venerdì" in str(doc["text"])
    assert any(n["code"] == "F103" for n in doc["notes"])  # type: ignore[attr-defined]


def test_too_short_and_unknown_language() -> None:
    result = run("analyze", "--json", "-", stdin=b"ok")
    assert result.returncode == 3 and "warning [F201] <stdin>" in result.stderr
    (doc,) = json_lines(result.stdout)
    assert doc["language"]["code"] == "und"  # type: ignore[index]
    assert any(n["code"] == "F201" for n in doc["notes"])  # type: ignore[attr-defined]
    result = run("analyze", "--lang", "xx", "-", stdin=b"Some text here to read.")
    assert result.returncode == 1 and "[F202]" in result.stderr


def test_bad_configuration_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("max_input_bytes = 'lots'\n")
    result = run("analyze", str(EXAMPLES / "it_deepfake_elezioni_bergamo.txt"),
                 env={"FARO_HOME": str(tmp_path)})
    assert result.returncode == 1 and "[F800]" in result.stderr


def test_untrusted_markup_is_printed_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("[bold red]Il ministro[/] ha detto che [link=http://x]tutto[/link] è falso "
                    "al 40%.", encoding="utf-8")
    result = run("analyze", str(path))
    assert result.returncode == 0
    assert "[bold red]Il ministro[/]" in result.stdout
    assert "[link=http://x]tutto[/link]" in result.stdout


def test_no_arguments_is_a_usage_error() -> None:
    assert run("analyze").returncode == 2
