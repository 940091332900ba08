"""Rules for Arabic, Bulgarian, Korean and Turkish: the registry finds them, and on sentences
written for these tests their lexicons fire through the pipeline (quotes and their speakers,
claim evidence)."""

from __future__ import annotations

import pytest

import faro
from faro.model import Document, Quote, QuoteKind
from faro.text.rules import GENERIC, SUPPORTED, rules_for


def _quote(doc: Document, contains: str, kind: QuoteKind = QuoteKind.DIRECT) -> Quote:
    found = [q for q in doc.quotes if q.kind is kind and contains in q.text]
    assert found, (contains, doc.quotes)
    return found[0]


def _features(text: str, lang: str) -> set[str]:
    """The claim evidence that fired anywhere in ``text``."""
    doc = faro.analyze(text, lang=lang)
    return {name for claim in doc.claims for name in claim.features}


@pytest.mark.parametrize(("code", "name"), [
    ("ar", "Arabic"), ("bg", "Bulgarian"), ("ko", "Korean"), ("tr", "Turkish")])
def test_registry_returns_the_module_not_the_fallback(code: str, name: str) -> None:
    rules = rules_for(code)
    assert code in SUPPORTED
    assert rules is not GENERIC and (rules.code, rules.name) == (code, name)
    for field in ("speech_verbs", "hedges", "first_person", "comparatives", "claim_verbs",
                  "role_nouns"):
        assert getattr(rules, field), field


def test_arabic_verb_first_role_speaker_and_source_after_content() -> None:
    text = ("قال وزير الصحة: «تلقى أكثر من مليون شخص اللقاح خلال هذا الشهر وحده». "
            "انخفض عدد الإصابات بنسبة 20 في المئة، بحسب المتحدث باسم الوزارة.")
    doc = faro.analyze(text, lang="ar")
    direct = _quote(doc, "مليون شخص")
    assert (direct.speaker, direct.verb) == ("وزير الصحة", "قال")
    reported = _quote(doc, "عدد الإصابات", QuoteKind.REPORTED)
    assert (reported.speaker, reported.verb) == ("المتحدث باسم الوزارة", "بحسب")


def test_arabic_claim_evidence() -> None:
    assert {"comparative", "claim_verb"} <= _features(
        "ارتفع عدد الوفيات إلى أعلى مستوى منذ بداية الجائحة وبلغ 300 حالة.", "ar")
    assert {"hedge", "first_person"} <= _features(
        "أعتقد أننا ربما نحتاج إلى مزيد من الوقت لفهم ما حدث.", "ar")


def test_bulgarian_inverted_verb_and_according_to() -> None:
    text = ("„Няма да позволим никой да плаши хората с измислени новини за ваксините“, заяви "
            "премиерът Кирил Петков. Според Петков броят на новите случаи е намалял с 15 на сто.")
    doc = faro.analyze(text, lang="bg")
    direct = _quote(doc, "измислени новини")
    assert (direct.speaker_resolved, direct.verb) == ("Кирил Петков", "заяви")
    reported = _quote(doc, "броят на новите случаи", QuoteKind.REPORTED)
    assert (reported.speaker_resolved, reported.verb) == ("Кирил Петков", "Според")


def test_bulgarian_claim_evidence() -> None:
    assert {"comparative", "claim_verb"} <= _features(
        "Това е най-големият ръст на цените от 1997 година насам.", "bg")
    assert {"hedge", "first_person"} <= _features(
        "Мисля, че може би ние сме сбъркали в оценката си.", "bg")


def test_turkish_verb_after_quote_and_source_before_gore() -> None:
    text = ("Sağlık Bakanı Fahrettin Koca, “Aşılar güvenlidir ve salgını durdurmanın tek yolu "
            "budur.” dedi. Koca'ya göre vaka sayısı geçen yıla göre yüzde 20 azaldı.")
    doc = faro.analyze(text, lang="tr")
    direct = _quote(doc, "Aşılar güvenlidir")
    assert (direct.speaker_resolved, direct.verb) == ("Fahrettin Koca", "dedi")
    reported = [q for q in doc.quotes if q.kind is QuoteKind.REPORTED]
    # one source: the comparison "geçen yıla göre" (than last year) is not attributed
    assert len(reported) == 1 and "vaka sayısı" in reported[0].text
    assert reported[0].speaker_resolved == "Fahrettin Koca"


def test_turkish_claim_evidence() -> None:
    assert {"comparative", "claim_verb"} <= _features(
        "İşsizlik oranı son on yılın en yüksek seviyesine ulaştı.", "tr")
    assert {"hedge", "first_person"} <= _features(
        "Bence bu rakamlar muhtemelen yanlış, biz de emin değiliz.", "tr")


def test_korean_quote_particle_then_verb_and_source_before_cue() -> None:
    text = ("김민수 대변인은 “백신은 안전하며 부작용 사례는 극히 드물다”라고 말했다. "
            "보건복지부에 따르면 지난주 확진자는 전주보다 20% 감소했다.")
    doc = faro.analyze(text, lang="ko")
    assert _quote(doc, "백신은 안전하며").verb == "말했다"
    reported = _quote(doc, "확진자는", QuoteKind.REPORTED)
    assert reported.verb == "따르면" and (reported.speaker or "").startswith("보건복지부")


def test_korean_claim_evidence() -> None:
    assert {"comparative", "claim_verb"} <= _features(
        "올해 수출은 역대 최대 규모를 기록했다. 피해액은 100억 원에 달했다.", "ko")
    assert {"hedge", "first_person"} <= _features(
        "저는 아마 정부의 발표가 사실과 다를 가능성이 있다고 생각합니다.", "ko")
