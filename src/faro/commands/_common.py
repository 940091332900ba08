"""What every command shares: options, the store, and how errors are printed."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from faro._config import Options, load_options
from faro._errors import FaroError
from faro.store import Store

__all__ = ["EXIT_INPUT_ERRORS", "err_console", "fail", "open_store", "options", "print_comparison",
           "shipped_model_path", "write_model"]

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


def print_comparison(result: dict[str, Any], keys: Sequence[str], *, title: str, ours: str,
                     baseline: str, json_output: bool) -> None:
    """An evaluation's figures next to its baseline's (``result["baseline"]``): one JSON
    object, or a table of ``keys``."""
    if json_output:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    table = Table(title=title)
    table.add_column("measure")
    table.add_column(ours, justify="right")
    table.add_column(baseline, justify="right")
    for k in keys:
        table.add_row(k, f"{result[k]:.4f}", f"{result['baseline'][k]:.4f}")
    Console().print(table)


def shipped_model_path(name: str) -> Path:
    """Where the package keeps the model file ``name`` (``faro/resources/models/``)."""
    return Path(str(resources.files("faro.resources").joinpath("models", name)))


def write_model(target: Path, save: Callable[[Path], None], card: Callable[[Path], None],
                figures: object) -> None:
    """Write a trained model to ``target`` and its model card beside it (``.md``), and print
    its figures as one JSON line."""
    target.parent.mkdir(parents=True, exist_ok=True)
    save(target)
    card(target.with_suffix(".md"))
    err_console.print(f"wrote {target} and its model card", highlight=False)
    sys.stdout.write(json.dumps(figures) + "\n")
