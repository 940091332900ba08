"""Readers of the CLEF, SemEval and TREC formats, on small files written in ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

import pytest

from faro import (
    DecodingError,
    EmptyInputError,
    InputError,
    MalformedRecordError,
    UnreadablePathError,
    UnsupportedFormatError,
)
from faro.eval import (
    Query,
    SemEvalPair,
    SemEvalText,
    VClaim,
    evaluate_retrieval,
    qrels_from_pairs,
    read_qrels,
    read_queries,
    read_run,
    read_semeval_fact_checks,
    read_semeval_pairs,
    read_semeval_posts,
    read_vclaims,
    write_run,
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


# --------------------------------------------------------------------------- claims and queries

CLAIMS_2020 = (
    "\tvclaim\ttitle\n"
    "0\tPlain claim.\tPlain title\n"
    '1\t"A ""quoted"" word."\tTitle ‘one’\n'
    '2\t"A claim broken\n'
    'over two lines."\tBroken\n'
    "3\tLast.\tEnd\n"
)


def test_2020_claims_quoted_and_multiline_fields(tmp_path: Path) -> None:
    claims = read_vclaims(write(tmp_path, "verified_claims.docs.tsv", CLAIMS_2020))
    assert claims == [
        VClaim("0", "Plain claim.", "Plain title"),
        VClaim("1", 'A "quoted" word.', "Title ‘one’"),
        VClaim("2", "A claim broken\nover two lines.", "Broken"),
        VClaim("3", "Last.", "End"),
    ]


def test_2021_claims_header_crlf_bom_and_blank_lines(tmp_path: Path) -> None:
    text = (
        "\ufeffvclaim_id\tvclaim\ttitle\r\n"
        "vclaim-sno-a\t\"Says \"\"hi\"\".\"\tA\r\n"
        "\r\n"
        "vclaim-sno-b\tNo quotes.\tB\r\n"
        "\n"
    )
    claims = read_vclaims(write(tmp_path, "verified_claims.tsv", text))
    assert claims == [
        VClaim("vclaim-sno-a", 'Says "hi".', "A"),
        VClaim("vclaim-sno-b", "No quotes.", "B"),
    ]


def test_a_stray_quote_that_swallows_lines_is_read_line_by_line(tmp_path: Path) -> None:
    # Written without quoting: read quote-aware, lines 2 to 4 would become one record.
    text = (
        "vclaim_id\tvclaim\ttitle\n"
        '1\t"Opens a quote\tT1\n'
        "2\tplain\tT2\n"
        '3\tcloses it"\tT3\n'
        '4\t"A ""properly"" quoted one"\tT4\n'
    )
    claims = read_vclaims(write(tmp_path, "c.tsv", text))
    assert claims == [
        VClaim("1", '"Opens a quote', "T1"),
        VClaim("2", "plain", "T2"),
        VClaim("3", 'closes it"', "T3"),
        VClaim("4", 'A "properly" quoted one', "T4"),
    ]


def test_a_quote_that_breaks_csv_is_kept_as_written(tmp_path: Path) -> None:
    text = 'vclaim_id\tvclaim\ttitle\n1\t"Fake" news, they say\tT1\n2\tok\tT2\n'
    claims = read_vclaims(write(tmp_path, "c.tsv", text))
    assert claims[0] == VClaim("1", '"Fake" news, they say', "T1")


def test_queries_2020_and_2021(tmp_path: Path) -> None:
    text_2020 = '\ttweet_content\n0\tFirst tweet\n11\t"He said ""no"" — X (@x) 2020"\n'
    text_2021 = "tweet_id\ttweet_text\ntweet-sno-0\tFirst tweet\n"
    assert read_queries(write(tmp_path, "tweets.queries.tsv", text_2020)) == [
        Query("0", "First tweet"),
        Query("11", 'He said "no" — X (@x) 2020'),
    ]
    assert read_queries(write(tmp_path, "train_queries.tsv", text_2021)) == [
        Query("tweet-sno-0", "First tweet"),
    ]


def test_a_line_with_missing_fields(tmp_path: Path) -> None:
    text = "vclaim_id\tvclaim\ttitle\n1\tok\tT\n2\tno title here\n3\tok\tT\n"
    path = write(tmp_path, "c.tsv", text)
    with pytest.raises(MalformedRecordError) as caught:
        read_vclaims(path)
    error = caught.value
    assert isinstance(error, InputError)
    assert (error.code, error.source, error.line) == ("F105", str(path), 3)
    assert "expected 3 tab-separated fields" in str(error)
    assert str(error).startswith(f"[F105] {path}:3: ")


def test_repeated_and_empty_ids(tmp_path: Path) -> None:
    repeated = write(tmp_path, "r.tsv", "tweet_id\ttweet_text\n7\ta\n8\tb\n7\tc\n")
    with pytest.raises(MalformedRecordError, match="first on line 2") as caught:
        read_queries(repeated)
    assert caught.value.line == 4
    empty = write(tmp_path, "e.tsv", "tweet_id\ttweet_text\n\tno id\n")
    with pytest.raises(MalformedRecordError, match="empty") as caught:
        read_queries(empty)
    assert caught.value.line == 2


def test_files_that_are_not_the_format(tmp_path: Path) -> None:
    headerless = write(tmp_path, "h.tsv", "0\tclaim\ttitle\n")
    with pytest.raises(UnsupportedFormatError, match="header") as caught:
        read_vclaims(headerless)
    assert caught.value.code == "F107"
    queries = write(tmp_path, "q.tsv", "tweet_id\ttweet_text\tmore\n1\ta\tb\n")
    with pytest.raises(UnsupportedFormatError):
        read_vclaims(queries)
    qrels = write(tmp_path, "x.qrels", "0\t0\t784\t1\n")
    with pytest.raises(MalformedRecordError, match="found 4"):
        read_vclaims(qrels)


def test_unreadable_empty_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(UnreadablePathError) as caught:
        read_vclaims(tmp_path / "missing.tsv")
    assert caught.value.code == "F106"
    with pytest.raises(EmptyInputError):
        read_qrels(write(tmp_path, "empty.qrels", "\n \n"))
    latin = tmp_path / "latin.tsv"
    latin.write_bytes(b"tweet_id\ttweet_text\n1\tok\n2\tcaf\xe9\n")
    with pytest.raises(DecodingError) as decoding:
        read_queries(latin)
    assert (decoding.value.code, decoding.value.line) == ("F103", 3)


# --------------------------------------------------------------------------- qrels and runs


def test_qrels_with_tabs_or_spaces_and_a_repeated_line(tmp_path: Path) -> None:
    text = "q1\t0\td1\t1\nq1 0 d2 0\n\nq2  0\td3   2\r\nq1\t0\td1\t1\n"
    assert read_qrels(write(tmp_path, "x.qrels", text)) == {
        "q1": {"d1": 1, "d2": 0},
        "q2": {"d3": 2},
    }


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("q1 0 d1 1\nq1 0 d2\n", "expected 4 fields"),
        ("q1 0 d1 1\nq1 0 d2 yes\n", "not an integer"),
        ("q1 0 d1 1\nq1 0 d1 0\n", "but 1 on line 1"),
    ],
)
def test_malformed_qrels(tmp_path: Path, text: str, match: str) -> None:
    path = write(tmp_path, "x.qrels", text)
    with pytest.raises(MalformedRecordError, match=match) as caught:
        read_qrels(path)
    assert (caught.value.source, caught.value.line) == (str(path), 2)


def test_write_run_ranks_like_trec_eval_and_reads_back(tmp_path: Path) -> None:
    run = {"q1": [("a", 0.5), ("c", 0.5), ("b", 1 / 3), ("a", 9.0)], "q2": [("x", 1e-17)]}
    path = tmp_path / "run.txt"
    write_run(path, run, "bm25")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "q1 Q0 c 1 0.5 bm25",
        "q1 Q0 a 2 0.5 bm25",
        f"q1 Q0 b 3 {1 / 3!r} bm25",
        "q2 Q0 x 1 1e-17 bm25",
    ]
    back = read_run(path)
    assert back == {"q1": [("c", 0.5), ("a", 0.5), ("b", 1 / 3)], "q2": [("x", 1e-17)]}
    qrels = {"q1": {"b": 1}, "q2": {"x": 1}}
    assert evaluate_retrieval(back, qrels) == evaluate_retrieval(run, qrels)


@pytest.mark.parametrize(
    ("run", "tag"),
    [({"q": [("d", 1.0)]}, "two words"), ({"q": [("d", 1.0)]}, ""), ({"q": [("a b", 1.0)]}, "t")],
)
def test_write_run_refuses_ids_that_would_break_the_format(
    tmp_path: Path, run: dict[str, list[tuple[str, float]]], tag: str
) -> None:
    with pytest.raises(ValueError, match="white space"):
        write_run(tmp_path / "run.txt", run, tag)


@pytest.mark.parametrize(
    ("text", "match"),
    [("q Q0 d 1 0.5\n", "expected 6 fields"), ("q Q0 d 1 high t\n", "not a number"),
     ("q Q0 d 1 nan t\n", "not a number")],
)
def test_malformed_runs(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(MalformedRecordError, match=match) as caught:
        read_run(write(tmp_path, "run.txt", "q Q0 e 1 1.0 t\n" + text))
    assert caught.value.line == 2


# --------------------------------------------------------------------------- SemEval

POSTS = (
    "post_id,instances,ocr,verdicts,text\n"
    "0,\"[(1593519481.0, 'ig')]\",[],[],\"('Hola', 'Hello', [('spa', 1.0)])\"\n"
    "1,\"[(None, 'fb')]\",\"[('MOM\\nnews', 'MOM\\nnews', [('eng', 0.93), ('fil', 0.03)])]\","
    "\"['Partly False']\",\n"
)

FACT_CHECKS = (
    "fact_check_id,claim,instances,title\n"
    "0,\"(\"\"It's a claim\"\", \"\"It's a claim\"\", [('eng', 1)])\","
    "\"[(1655739360.0, 'https://example.org/fc')]\",\"('T', 'T', [('eng', 1.0)])\"\n"
    "1,\"('a\\d', 'b', [])\",[],\n"
)


def test_semeval_posts(tmp_path: Path) -> None:
    posts = read_semeval_posts(write(tmp_path, "posts.csv", POSTS))
    assert [post.id for post in posts] == ["0", "1"]
    assert posts[0].text == SemEvalText("Hola", "Hello", (("spa", 1.0),))
    assert posts[0].instances == ((1593519481.0, "ig"),)
    assert posts[0].ocr == ()
    assert posts[0].verdicts == ()
    assert posts[1].text is None
    assert posts[1].ocr == (SemEvalText("MOM\nnews", "MOM\nnews", (("eng", 0.93), ("fil", 0.03))),)
    assert posts[1].instances == ((None, "fb"),)
    assert posts[1].verdicts == ("Partly False",)


def test_semeval_fact_checks(tmp_path: Path) -> None:
    checks = read_semeval_fact_checks(write(tmp_path, "fact_checks.csv", FACT_CHECKS))
    assert checks[0].claim == SemEvalText("It's a claim", "It's a claim", (("eng", 1.0),))
    assert checks[0].title == SemEvalText("T", "T", (("eng", 1.0),))
    assert checks[0].instances == ((1655739360.0, "https://example.org/fc"),)
    # An invalid escape is kept as written, without a warning (warnings are errors here).
    assert checks[1].claim == SemEvalText("a\\d", "b", ())
    assert checks[1].title is None


def test_semeval_pairs_and_qrels(tmp_path: Path) -> None:
    text = "post_id,fact_check_id,pair_lang\n30,41,kor-eng\n46,1,spa-eng\n46,4,spa-eng\n"
    trial = write(tmp_path, "pairs.csv", text)
    pairs = read_semeval_pairs(trial)
    assert pairs[0] == SemEvalPair("30", "41", "kor-eng")
    assert qrels_from_pairs(pairs) == {"30": {"41": 1}, "46": {"1": 1, "4": 1}}
    train = write(tmp_path, "train.csv", "fact_check_id,post_id\n41,30\n")
    assert read_semeval_pairs(train) == [SemEvalPair("30", "41", None)]


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("__import__('os').system('true')", "not a Python literal"),
        ("('only', 'two')", "expected \\(original text"),
        ("('a', 'b', [('eng', 'high')])", "a language is"),
        ("('a', 'b', [('eng', 1.0)]", "not a Python literal"),
        ("(" * 5000 + ")" * 5000, "not a Python literal"),
    ],
)
def test_semeval_bad_literals(tmp_path: Path, value: str, match: str) -> None:
    quoted = '"' + value.replace('"', '""') + '"'
    text = f"fact_check_id,claim,instances,title\n0,\"('a', 'b', [])\",[],\n1,{quoted},[],\n"
    path = write(tmp_path, "fact_checks.csv", text)
    with pytest.raises(MalformedRecordError, match=match) as caught:
        read_semeval_fact_checks(path)
    assert (caught.value.line, caught.value.code) == (3, "F105")
    assert "'claim'" in caught.value.message


def test_semeval_structure_errors(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="post_id"):
        read_semeval_posts(write(tmp_path, "p.csv", "id,text\n1,x\n"))
    with pytest.raises(MalformedRecordError, match="expected 3 comma-separated") as caught:
        read_semeval_pairs(write(tmp_path, "pairs.csv", "post_id,fact_check_id,pair_lang\n1,2\n"))
    assert caught.value.line == 2
    with pytest.raises(MalformedRecordError, match="appears again"):
        read_semeval_pairs(write(tmp_path, "pairs.csv", "post_id,fact_check_id\n1,2\n1,2\n"))
    with pytest.raises(MalformedRecordError, match="claim is empty"):
        read_semeval_fact_checks(
            write(tmp_path, "f.csv", "fact_check_id,claim,instances,title\n0,,[],\n")
        )
    with pytest.raises(MalformedRecordError, match="not valid CSV") as csv_error:
        read_semeval_pairs(write(tmp_path, "bad.csv", 'post_id,fact_check_id\n1,"2"x\n'))
    assert csv_error.value.line == 2
