"""The examples in docstrings run and say what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import faro

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(faro.__path__, prefix="faro.")
    if not info.name.startswith("faro.cli")
)


@pytest.mark.parametrize("name", ["faro", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
