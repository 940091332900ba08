from __future__ import annotations

from pathlib import Path

import pytest

from faro._errors import EmptyInputError, MalformedRecordError, UnsupportedFormatError
from faro.eval.clef import read_checkworthy_debates, read_checkworthy_tweets


def test_debate_file_without_header(tmp_path: Path) -> None:
    path = tmp_path / "20160926_1pres.tsv"
    path.write_text("1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe lost 70,000 factories.\t1\n")
    items = read_checkworthy_debates(path)
    assert [(i.id, i.speaker, i.label, i.group) for i in items] == [
        ("20160926_1pres:1", "HOLT", 0, "20160926_1pres"),
        ("20160926_1pres:2", "TRUMP", 1, "20160926_1pres")]
    assert items[1].text == "We lost 70,000 factories."


def test_debate_folder_reads_every_file_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.tsv").write_text("1\tX\tB one.\t1\n")
    (tmp_path / "a.tsv").write_text("1\tX\tA one.\t0\n2\tX\tA two.\t0\n")
    (tmp_path / "notes.md").write_text("ignored")
    assert [i.group for i in read_checkworthy_debates(tmp_path)] == ["a", "a", "b"]


def test_debate_folder_without_debates(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError):
        read_checkworthy_debates(tmp_path)


def test_bad_label_is_a_malformed_record(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("1\tX\tText.\t0\n2\tX\tText.\tyes\n")
    with pytest.raises(MalformedRecordError) as info:
        read_checkworthy_debates(path)
    assert info.value.line == 2 and info.value.code == "F105"


@pytest.mark.parametrize("label", ["class_label", "check_worthiness", "claim_worthiness",
                                   "check-worthiness"])
def test_tweet_files_of_every_year(tmp_path: Path, label: str) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text(f"topic\ttweet_id\ttweet_url\ttweet_text\t{label}\n"
                    'COVID-19\t11\thttp://t/11\t"He said ""50%"" died"\t1\n'
                    "COVID-19\t12\thttp://t/12\tStay safe!\t0\n")
    items = read_checkworthy_tweets(path)
    assert [(i.id, i.label, i.group) for i in items] == [("11", 1, "COVID-19"),
                                                          ("12", 0, "COVID-19")]
    assert items[0].text == 'He said "50%" died'


def test_tweet_file_without_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text("1\tX\tText.\t0\n")
    with pytest.raises(UnsupportedFormatError):
        read_checkworthy_tweets(path)


def test_real_files(cw_data: Path) -> None:
    debates = read_checkworthy_debates(cw_data / "clef2019-t1-en" / "train")
    assert (len(debates), sum(i.label for i in debates)) == (16421, 440)
    english = read_checkworthy_tweets(cw_data / "clef2022-t1a" / "english" / "dev.tsv")
    assert (len(english), sum(i.label for i in english)) == (195, 44)
