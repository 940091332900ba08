"""The shape of per-language rules, and the registry that finds them.

Each module ``faro/text/rules/<code>.py`` defines ``RULES = LanguageRules(...)`` for one language.
:func:`rules_for` returns it, or :data:`GENERIC` — the explicit fallback for languages without
rules of their own — so every stage always has rules to work with and can tell which it got.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

__all__ = ["GENERIC", "SUPPORTED", "LanguageRules", "rules_for"]

#: Languages with a rules module of their own. Everything else uses :data:`GENERIC`.
SUPPORTED: tuple[str, ...] = (
    "ar", "bg", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "tr", "uk",
)


# eq=False: one instance per language, compared and hashed by identity — cheap as a cache key
# (a field-wise hash would re-hash hundreds of strings on every cached call).
@dataclass(frozen=True, slots=True, eq=False)
class LanguageRules:
    code: str
    name: str
    quote_pairs: tuple[tuple[str, str], ...]
    """Opening and closing marks of quotations, outermost style first. Straight quotes (``"``)
    appear with themselves as both marks and are paired by context."""
    sentence_enders: str = ".!?…"
    abbreviations: frozenset[str] = frozenset()
    """Lower-case abbreviations (without their final dot) that do not end a sentence."""
    uses_spaces: bool = True
    ordinal_dot: bool = False
    """Ordinal numbers are written with a dot ("am 3. Oktober"): a day number's dot does not end
    a sentence."""
    speech_verbs: tuple[str, ...] = ()
    """Speech verbs as written, inflected forms included, multi-word forms allowed
    ("ha affermato", "said", "a déclaré", "заявил"). Matched as whole words, case-insensitive."""
    reporting_cues: tuple[str, ...] = ()
    """Phrases that attribute what follows to a source: "according to", "secondo", "selon"."""
    after_quote_tags: tuple[str, ...] = ()
    """Words that attribute a quote only right after it, with no verb ("»…«, so Albrecht")."""
    reporting_cues_after: tuple[str, ...] = ()
    """Attribution cues that follow the source ("によると", "zufolge")."""
    complementizers: tuple[str, ...] = ()
    """Words that open reported content after a speech verb: "that", "che", "que", "что"."""
    speaker_pronouns: frozenset[str] = frozenset()
    """Subject pronouns that stand for a previously named speaker ("he", "lui", "он")."""
    subject_markers: str = ""
    """Particles that mark the subject after a name and its title (Japanese は, が): the speaker
    of a quote is the person so marked before it."""
    has_articles: bool = True
    """The language marks definiteness ("il capo" vs "un capo"); without articles a role noun
    resolves to a person only where the text used it near that person before."""
    determiners: frozenset[str] = frozenset()
    """Articles and demonstratives that open a noun phrase ("the", "il", "de")."""
    relatives: frozenset[str] = frozenset()
    """Relative words after a reporting cue that make it no attribution ("secondo cui")."""
    anonymous_determiners: frozenset[str] = frozenset()
    """Determiners marking an unnamed source ("a", "un", "ein"): not resolved to a name."""
    role_nouns: frozenset[str] = frozenset()
    """Head nouns of descriptions that stand for a known person ("chief", "capo", "leader")."""
    name_particles: frozenset[str] = frozenset()
    """Lower-case words allowed inside names ("de", "van", "von", "di")."""
    hedges: frozenset[str] = frozenset()
    """Words that mark opinion or uncertainty ("believe", "maybe", "credo", "forse")."""
    first_person: frozenset[str] = frozenset()
    comparatives: frozenset[str] = frozenset()
    """Words of comparison and change ("more", "increase", "record", "più", "aumento")."""
    claim_verbs: frozenset[str] = frozenset()
    """Verbs typical of factual claims ("is", "has", "caused", "killed", "è", "ha")."""


GENERIC = LanguageRules(
    code="und",
    name="generic",
    quote_pairs=(
        ("“", "”"),
        ("«", "»"),
        ("„", "“"),
        ("„", "”"),
        ('"', '"'),
        ("「", "」"),
        ("『", "』"),
        ("‘", "’"),
        ("‹", "›"),
        ("”", "”"),
        ("»", "«"),
    ),
    sentence_enders=".!?…。！？؟।",
)


@cache
def rules_for(code: str | None) -> LanguageRules:
    """Rules for a language code; :data:`GENERIC` for languages without their own."""
    if not code or code not in SUPPORTED:
        return GENERIC
    module = importlib.import_module(f"faro.text.rules.{code}")
    rules: LanguageRules = module.RULES
    return rules
