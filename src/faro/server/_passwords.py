"""Password hashing with argon2id (argon2-cffi, the ``server`` extra), at its library defaults."""

from __future__ import annotations

import secrets
from functools import cache
from typing import TYPE_CHECKING

from faro._errors import ConfigError, InvalidRequestError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

__all__ = ["MIN_PASSWORD_CHARS", "hash_password", "verify_password"]

#: Shorter passwords are refused.
MIN_PASSWORD_CHARS = 12

@cache
def _hasher() -> PasswordHasher:
    try:
        from argon2 import PasswordHasher
    except ImportError as exc:
        raise ConfigError("password hashing needs argon2-cffi",
                          hint="pip install 'faro[server]'") from exc
    return PasswordHasher()


@cache
def _nobody() -> str:
    """Checked against when the address is unknown, so a sign-in takes as long either way and
    its timing does not tell which addresses have accounts."""
    return _hasher().hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (:class:`InvalidRequestError` when too short)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidRequestError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    return _hasher().hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    """Whether ``password`` is the one ``hashed`` was made from (``None``: no such user, which
    costs the same time and answers ``False``)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(hashed or _nobody(), password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False
