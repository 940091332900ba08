"""Per-language rules (one module per language) with an explicit generic fallback."""

from faro.text.rules._base import GENERIC, SUPPORTED, LanguageRules, rules_for

__all__ = ["GENERIC", "SUPPORTED", "LanguageRules", "rules_for"]
