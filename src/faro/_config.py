"""Typed configuration: shipped defaults < user file < ``FARO_*`` environment.

Validated once into a frozen :class:`Options`; stages read it and never the environment.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

from faro._errors import ConfigError

__all__ = ["Options", "load_options"]

_ENV_PREFIX = "FARO_"


@dataclass(frozen=True, slots=True)
class Options:
    home: Path
    max_input_bytes: int
    min_langid_chars: int
    min_langid_confidence: float
    langid_window: int
    claim_threshold: float | None
    """None (``auto``): the check-worthiness model's threshold for each language."""
    text_field: str
    id_field: str
    lang_field: str
    title_field: str
    database_url: str
    suggest_threshold: float
    confirm_threshold: float
    match_candidates: int
    match_top_k: int
    encoder: str
    max_request_bytes: int
    session_hours: float
    rate_limit_per_minute: float
    sign_in_per_minute: float
    narrative_threshold: float
    burst_alpha: float

    @property
    def resolved_database_url(self) -> str:
        """``database_url``, or the SQLite file under ``home`` when it is empty."""
        return self.database_url or f"sqlite:///{self.home / 'faro.db'}"

    def replace(self, **changes: Any) -> Options:
        """A copy with some settings changed, validated like the original."""
        merged = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return _build(merged, origin="override")


def _defaults() -> dict[str, Any]:
    text = resources.files("faro.resources").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _coerce(name: str, kind: Any, value: Any, origin: str) -> Any:
    try:
        if kind is Path:
            return Path(str(value)).expanduser()
        if kind is bool and isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        if kind is int and isinstance(value, str):
            return int(value.replace("_", ""))
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name!r} from {origin} must be {kind.__name__}, got {value!r}"
        ) from exc


def _number_or_auto(value: Any) -> float | None:
    """A float, or None for ``auto`` (or an empty value)."""
    if value is None or (isinstance(value, str) and value.strip().lower() in {"", "auto"}):
        return None
    return float(value)


_number_or_auto.__name__ = "a number or 'auto'"

_TYPES: dict[str, Any] = {"Path": Path, "int": int, "float": float, "str": str, "bool": bool,
                          "float | None": _number_or_auto}


def _build(values: dict[str, Any], origin: str) -> Options:
    known = {f.name: f for f in fields(Options)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting(s) in {origin}: {', '.join(unknown)}")
    out = {
        name: _coerce(name, _TYPES[str(f.type)], values[name], origin)
        for name, f in known.items()
    }
    for name in ("max_input_bytes", "max_request_bytes", "session_hours",
                 "rate_limit_per_minute", "sign_in_per_minute"):
        if out[name] <= 0:
            raise ConfigError(f"{name} must be positive")
    for name in ("min_langid_confidence", "claim_threshold", "suggest_threshold",
                 "confirm_threshold"):
        if out[name] is not None and not 0.0 <= out[name] <= 1.0:
            raise ConfigError(f"{name} must be between 0 and 1, got {out[name]}")
    if not 0.0 < out["narrative_threshold"] <= 1.0:
        raise ConfigError(f"narrative_threshold must be in (0, 1], got "
                          f"{out['narrative_threshold']}")
    if not 0.0 < out["burst_alpha"] < 1.0:
        raise ConfigError(f"burst_alpha must be in (0, 1), got {out['burst_alpha']}")
    if out["langid_window"] < 50:
        raise ConfigError("langid_window must be at least 50 characters")
    if out["suggest_threshold"] > out["confirm_threshold"]:
        raise ConfigError("suggest_threshold must not be above confirm_threshold")
    if not 1 <= out["match_top_k"] <= out["match_candidates"] <= 1000:
        raise ConfigError("need 1 <= match_top_k <= match_candidates <= 1000")
    return Options(**out)


def load_options(env: dict[str, str] | None = None, **overrides: Any) -> Options:
    """Build the options: defaults, then the user file, then the environment, then overrides."""
    env = dict(os.environ) if env is None else env
    values = _defaults()
    home = Path(env.get("FARO_HOME", values["home"])).expanduser()
    user_file = Path(env["FARO_CONFIG"]) if "FARO_CONFIG" in env else home / "config.toml"
    if user_file.is_file():
        try:
            values |= tomllib.loads(user_file.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file: {exc}", source=str(user_file)) from exc
    known = {f.name for f in dataclasses.fields(Options)}
    for key, raw in env.items():
        if key.startswith(_ENV_PREFIX):
            name = key[len(_ENV_PREFIX):].lower()
            if name in known:
                values[name] = raw
    values |= {k: v for k, v in overrides.items() if v is not None}
    return _build(values, origin="configuration")
