"""``faro eval checkworthy`` and the analysis pipeline with the trained scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faro.checkworthy import default_model
from faro.cli import app

HEADER = "topic\ttweet_id\ttweet_url\ttweet_text\tclass_label\n"
POSTS = [
    ("Unemployment fell to 3.5% in 2019, the lowest rate in 50 years.", 1),
    ("The vaccine killed 2,000 people in Spain last week, officials said.", 1),
    ("Good morning everyone, have a lovely day!", 0),
    ("I love this song so much", 0),
    ("Prices rose 12% since January, according to the statistics office.", 1),
    ("Thank you all for coming tonight.", 0),
]


def _tweets(path: Path, rows: list[tuple[str, int]]) -> Path:
    path.write_text(HEADER + "".join(f"t\t{i}\thttp://x/{i}\t{text}\t{label}\n"
                                     for i, (text, label) in enumerate(rows)), "utf-8")
    return path


def test_eval_prints_the_measures_and_the_baseline(tmp_path: Path) -> None:
    folder = tmp_path / "english"
    folder.mkdir()
    _tweets(folder / "train.tsv", POSTS * 3)
    dev = _tweets(folder / "dev.tsv", POSTS)
    result = CliRunner().invoke(app, ["eval", "checkworthy", "--data", str(dev), "--format",
                                      "clef2022", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"f1_pos", "precision", "recall", "ap", "map", "p@10", "baseline"} <= set(figures)
    assert figures["texts"] == 6 and figures["map"] == figures["ap"]
    assert figures["ap"] > 0.8  # the claims with numbers outrank the greetings
    assert 0.0 <= figures["baseline"]["f1_pos"] <= 1.0


def test_eval_of_debates_needs_training_debates(tmp_path: Path) -> None:
    (tmp_path / "d.tsv").write_text("1\tA\tWe lost 70,000 factories.\t1\n2\tB\tHello.\t0\n")
    result = CliRunner().invoke(app, ["eval", "checkworthy", "--data", str(tmp_path),
                                      "--format", "clef2019"])
    assert result.exit_code != 0 and "[F107]" in result.output


def test_eval_refuses_a_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text("no header here\n")
    result = CliRunner().invoke(app, ["eval", "checkworthy", "--data", str(path), "--format",
                                      "clef2020", "--train", str(path)])
    assert result.exit_code != 0 and "[F107]" in result.output


def test_eval_of_debates_scores_prose_and_finds_the_training_debates_beside(
        tmp_path: Path) -> None:
    debates = [("We lost 70,000 factories in ten years.", 1), ("Thank you, Lester.", 0),
               ("Unemployment is at 4.9% and crime went up 12%.", 1), ("Good evening.", 0)]
    for split in ("train", "test"):
        (tmp_path / split).mkdir()
        for name in ("a", "b"):
            (tmp_path / split / f"{name}.tsv").write_text("".join(
                f"{i}\tS\t{text}\t{label}\n" for i, (text, label) in enumerate(debates, 1)))
    result = CliRunner().invoke(app, ["eval", "checkworthy", "--data", str(tmp_path / "test"),
                                      "--format", "clef2019", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["groups"] == 2 and figures["map"] == 1.0
    posts = CliRunner().invoke(app, ["eval", "checkworthy", "--data", str(tmp_path / "test"),
                                     "--format", "clef2019", "--genre", "post", "--json"])
    assert posts.exit_code == 0, posts.output
    assert json.loads(posts.stdout.strip().splitlines()[-1])["groups"] == 2


def test_the_model_ranks_a_statistical_claim_above_chat() -> None:
    model = default_model()
    claim = model.score("Unemployment fell to 3.5% in 2019, the lowest rate in 50 years.", "en")
    chat = model.score("What a lovely day!", "en")
    assert claim.probability > chat.probability
    assert "percent" in claim.evidence
    prose = model.score("Unemployment fell to 3.5% in 2019, the lowest rate in 50 years.", "en",
                        "prose")
    assert prose.model == "en@prose" and "en" in model.prose_languages


@pytest.mark.parametrize("lang", ["sw", "ar", "bg"])
def test_every_language_is_scored(lang: str) -> None:
    scored = default_model().score("Kiwango kilishuka hadi 3.5% mwaka 2019.", lang)
    assert 0.0 <= scored.probability <= 1.0
