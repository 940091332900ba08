"""What every command shares: options, the store, and how errors are printed."""

from __future__ import annotations

from typing import Any, NoReturn

import typer
from rich.console import Console

from faro._config import Options, load_options
from faro._errors import FaroError
from faro.store import Store

__all__ = ["EXIT_INPUT_ERRORS", "err_console", "fail", "open_store", "options"]

EXIT_INPUT_ERRORS = 1

err_console = Console(stderr=True)


def fail(exc: FaroError | str, code: int = EXIT_INPUT_ERRORS) -> NoReturn:
    """Print ``[code] message`` on stderr and leave with a non-zero status."""
    err_console.print("error " + str(exc), style="red", markup=False, highlight=False,
                      soft_wrap=True)
    raise typer.Exit(code)


def options(**overrides: Any) -> Options:
    """The configuration with the command line's options laid over it (``None``: not given)."""
    try:
        return load_options(**overrides)
    except FaroError as exc:
        fail(exc)


def open_store(opts: Options) -> Store:
    try:
        return Store.open(opts)
    except FaroError as exc:
        fail(exc)
