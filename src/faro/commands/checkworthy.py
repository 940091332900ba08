"""``faro train checkworthy`` and ``faro eval checkworthy``: train and measure the
check-worthiness model on the CLEF CheckThat! check-worthiness formats."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from faro._errors import FaroError, UnsupportedFormatError
from faro.commands._common import (
    err_console,
    fail,
    print_comparison,
    shipped_model_path,
    write_model,
)

if TYPE_CHECKING:
    from faro.checkworthy import Genre

__all__ = ["eval_checkworthy", "train_checkworthy_command"]

_DEFAULT_DATA = Path("../shared/data/checkworthiness")
#: Keys of ``--json`` besides ``baseline``, in the order printed.
KEYS = ("f1_pos", "precision", "recall", "ap", "p@10", "map")
_FOLDER_LANGUAGES = {"english": "en", "arabic": "ar", "bulgarian": "bg", "dutch": "nl",
                     "turkish": "tr", "spanish": "es"}
#: The training split beside a dev or test file, per format.
_TRAIN_BESIDE = {"clef2022": ("train.tsv",), "clef2020": ("training_v2.tsv",
                                                          "dataset_train.tsv"),
                 "clef2019": ("train",)}


class GenreChoice(StrEnum):
    post = "post"
    prose = "prose"


class Format(StrEnum):
    clef2022 = "clef2022"
    clef2020 = "clef2020"
    clef2019 = "clef2019"

    @property
    def genre(self) -> GenreChoice:
        """Debate sentences are prose, the tweets of the later years posts."""
        return GenreChoice.prose if self is Format.clef2019 else GenreChoice.post


def train_checkworthy_command(
    data: Annotated[Path, typer.Option(help="The checkworthiness data folder.")]
    = _DEFAULT_DATA,
    out: Annotated[Path | None, typer.Option(help="Where to write the model "
                                             "[default: the package's copy].")] = None,
) -> None:
    """Train the check-worthiness model on the CLEF training splits, measure it and the TF-IDF
    baseline on the dev splits (and the 2019 debates, 5-fold leave-debates-out), and write it with
    its model card."""
    from faro.checkworthy._training import train_checkworthy, write_model_card

    target = out or shipped_model_path("checkworthy.npz")
    try:
        model = train_checkworthy(data, log=lambda m: err_console.print(m, highlight=False))
    except FaroError as exc:
        fail(exc)
    write_model(target, model.save, lambda card: write_model_card(model, card),
                model.trained["figures"])


def _train_path(data: Path, fmt: Format) -> Path:
    for name in _TRAIN_BESIDE.get(fmt.value, ()):
        if (data.parent / name).exists() and (data.parent / name) != data:
            return data.parent / name
    raise UnsupportedFormatError(
        "no training split beside the data for the baseline; give --train",
        source=str(data))


def eval_checkworthy(
    data: Annotated[Path, typer.Option(help="A CLEF check-worthiness file, or a folder of "
                                       "debate files (clef2019).")],
    fmt: Annotated[Format, typer.Option("--format", help="The file format.")],
    train: Annotated[Path | None, typer.Option(
        help="Training data of the baseline [default: the training split beside --data].")]
    = None,
    lang: Annotated[str | None, typer.Option(
        help="Language of the texts [default: from a clef2022 folder name, else en].")] = None,
    model_path: Annotated[Path | None, typer.Option(
        "--model", help="A model file [default: the shipped one].")] = None,
    genre: Annotated[GenreChoice | None, typer.Option(
        help="Score the texts as 'post' or 'prose' [default: prose for clef2019 debates, "
             "post for tweets].")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
    = False,
) -> None:
    """F1 of the positive class, precision, recall, AP, P@10 and MAP over debates (or topics)
    of the check-worthiness model, next to TF-IDF + logistic regression trained on --train in
    the same run."""
    from faro.checkworthy import CheckworthyModel, default_model
    from faro.checkworthy._evaluation import measure
    from faro.checkworthy._training import Baseline, read_items
    from faro.eval.clef import read_checkworthy_debates, read_checkworthy_tweets

    language = lang or _FOLDER_LANGUAGES.get(data.parent.name, "en")
    try:
        reader = read_checkworthy_debates if fmt is Format.clef2019 else read_checkworthy_tweets
        items = reader(data)
        train_items = read_items(train or _train_path(data, fmt))
        model = CheckworthyModel.load(model_path) if model_path else default_model()
        texts = [i.text for i in items]
        kind: Genre = "prose" if (genre or fmt.genre) is GenreChoice.prose else "post"
        scores = model.score_many(texts, language, kind)
        threshold = model.threshold(language, kind)
    except FaroError as exc:
        fail(exc)
    labels = [i.label for i in items]
    groups = [i.group for i in items]
    base = Baseline([i.text for i in train_items], [i.label for i in train_items])
    result: dict[str, Any] = {k: round(v, 4) for k, v in
                              measure(labels, scores, groups, threshold).items()}
    result["texts"] = len(items)
    result["groups"] = len(set(groups))
    result["baseline"] = {k: round(v, 4) for k, v in
                          measure(labels, base.scores(texts), groups).items()}
    result["baseline"]["name"] = Baseline.name
    print_comparison(result, KEYS, title=f"{len(items)} texts in {result['groups']} "
                                         f"group(s), language {language}",
                     ours="faro", baseline="TF-IDF + LR", json_output=json_output)
