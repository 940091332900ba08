"""The pipeline: stages in order, errors routed to a handler, options respected."""

from __future__ import annotations

from pathlib import Path

import pytest

import faro
from faro.pipeline import Component


def test_stages_run_in_order_and_fill_the_document() -> None:
    pipeline = faro.Pipeline()
    assert [c.name for c in pipeline.components] == [
        "language", "sentences", "entities", "numbers", "quotes", "claims"]
    for component in pipeline.components:
        assert isinstance(component, Component)
    doc = pipeline(faro.Document("d1", "Il ministro Mario Rossi ha detto: «Abbiamo speso il "
                                       "40% dei fondi entro marzo». Lo ha confermato venerdì."))
    assert doc.lang == "it"
    assert doc.sentences and doc.quotes and doc.numbers and doc.dates and doc.claims


def test_pipe_routes_failures_to_the_handler_and_goes_on() -> None:
    pipeline = faro.Pipeline()
    failures: list[tuple[str, str]] = []
    docs = [faro.Document("ok1", "The minister said 3 million people voted."),
            faro.Document("bad", "   "),
            faro.Document("ok2", "Le ministre a dit que 3 millions de personnes ont voté.")]
    done = list(pipeline.pipe(docs, on_error=lambda d, e: failures.append((d.id, e.code))))
    assert [d.id for d in done] == ["ok1", "ok2"]
    assert failures == [("bad", "F200")]


def test_pipe_without_handler_raises() -> None:
    with pytest.raises(faro.TextError):
        list(faro.Pipeline().pipe([faro.Document("bad", "")]))


def test_language_hint_is_forced_and_a_bad_hint_is_noted() -> None:
    pipeline = faro.Pipeline()
    forced = pipeline(faro.Document("a", "Hello there, this is English.", lang_hint="it"))
    assert forced.language == faro.Language("it", 1.0, "forced")
    noted = pipeline(faro.Document("b", "Hello there, this is clearly English text.",
                                   lang_hint="klingon"))
    assert noted.lang == "en"
    assert any(n.code == "F202" for n in noted.notes)


def test_options_reach_the_stages(tmp_path: Path) -> None:
    options = faro.load_options(env={"FARO_HOME": str(tmp_path)}, min_langid_chars=200)
    doc = faro.analyze("Una frase italiana abbastanza lunga da riconoscere.", options=options)
    assert doc.lang == "und" and any(n.code == "F201" for n in doc.notes)


def test_relative_dates_resolve_against_publication() -> None:
    from datetime import datetime

    doc = faro.analyze("Il vertice si terrà entro la fine di quest'anno.", lang="it",
                       published=datetime(2024, 7, 12))
    ends = [d for d in doc.dates if d.relative is not None]
    assert ends and ends[0].value == "2024-12-31"
