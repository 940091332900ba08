from __future__ import annotations

import re

import pytest

import faro
from faro import _errors


def _tree() -> list[type[faro.FaroError]]:
    return [obj for obj in vars(_errors).values()
            if isinstance(obj, type) and issubclass(obj, faro.FaroError)]


def test_codes_are_unique_and_well_formed() -> None:
    codes = [cls.code for cls in _tree()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"F\d{3}", code) for code in codes)


@pytest.mark.parametrize("cls", _tree(), ids=lambda c: c.__name__)
def test_code_family_follows_the_branch(cls: type[faro.FaroError]) -> None:
    for base in cls.__mro__[1:]:
        if base is faro.FaroError:
            break
        if issubclass(base, faro.FaroError):
            assert cls.code[:2] == base.code[:2], (cls, base)
            break


def test_message_carries_code_source_and_line() -> None:
    err = faro.MalformedRecordError("not JSON", source="posts.jsonl", line=7, hint="fix it")
    assert str(err) == "[F105] posts.jsonl:7: not JSON (fix it)"
    assert err.to_dict() == {"code": "F105", "error": "MalformedRecordError",
                             "message": "not JSON", "source": "posts.jsonl", "line": 7,
                             "hint": "fix it"}
    assert isinstance(err, faro.InputError)
