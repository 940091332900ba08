"""Social-media exports: each format read into documents, bad files refused with F111."""

from __future__ import annotations

import json

import pytest

from faro import MalformedSourceError
from faro.ingest import Export, read_export

TELEGRAM = {
    "name": "Example Channel", "type": "public_channel", "id": 1001,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-03-01T09:00:00", "action": "create_channel"},
        {"id": 2, "type": "message", "date": "2024-03-01T10:00:00",
         "date_unixtime": "1709287200", "from": "Example Channel",
         "text": ["NATO troops are already in ", {"type": "bold", "text": "Odesa"},
                  ", see ", {"type": "link", "text": "https://t.me/x/1"}]},
        {"id": 3, "type": "message", "date": "2024-03-01T11:00:00", "photo": "p.jpg",
         "text": ""},
        {"id": 4, "type": "message", "date": "2024-03-02T08:00:00", "text": "Second post",
         "forwarded_from": "Other Channel"},
    ],
}
X = {
    "data": [
        {"id": "1764", "text": "Short version…", "author_id": "9", "lang": "en",
         "created_at": "2024-03-01T10:00:00.000Z",
         "note_tweet": {"text": "The full long text of the post about 3,700 complaints."}},
        {"id": "1765", "text": "RT @other: Vaccines contain chips", "author_id": "8",
         "lang": "und", "referenced_tweets": [{"type": "retweeted", "id": "1"}]},
        {"text": "no id"},
    ],
    "includes": {"users": [{"id": "9", "username": "example", "name": "Example"}]},
}
MASTODON = [
    {"id": "111", "created_at": "2024-03-01T10:00:00.000Z", "language": "de",
     "url": "https://social.example/@anna/111", "uri": "https://social.example/users/anna/111",
     "content": "<p>Die Wahl wurde <b>nicht</b> manipuliert.</p><p>Quelle: Wahlamt</p>",
     "spoiler_text": "", "account": {"acct": "anna@social.example"}, "reblog": None},
    {"id": "112", "created_at": "2024-03-02T10:00:00.000Z", "content": "", "reblog": {
        "id": "99", "created_at": "2024-03-01T09:00:00.000Z", "language": "fr",
        "url": "https://other.example/@b/99", "content": "<p>Le vaccin contient une puce.</p>",
        "spoiler_text": "désinformation", "account": {"acct": "b@other.example"}},
     "account": {"acct": "anna@social.example"}},
]
CROWDTANGLE = (
    "Page Name,User Name,Facebook Id,Post Created,Type,Total Interactions,Message,Link,URL\n"
    'Daily Truth,dailytruth,123,2024-03-01 10:00:00 EST,Link,42,"Bill Gates wants to '
    'chip us, says expert",https://x.example/a,https://www.facebook.com/123/posts/1\n'
    "Daily Truth,dailytruth,123,2024-03-01 11:00:00 EST,Photo,3,,,"
    "https://www.facebook.com/123/posts/2\n")
CONTENT_LIBRARY = ("id;creation_time;text;post_owner.name;lang\n"
                   "9001;2024-03-03T12:00:00+00:00;Il governo ha chiuso 400 scuole;Pagina;it\n")


def _read(value: object, name: str = "export.json") -> Export:
    data = value if isinstance(value, bytes) else json.dumps(value).encode()
    return read_export(data, name)


def test_telegram_channel_export() -> None:
    export = _read(TELEGRAM, "result.json")
    assert export.format == "telegram" and export.skipped == 2
    first, second = export.documents
    assert first.id == "telegram:1001:2"
    assert first.text == "NATO troops are already in Odesa, see https://t.me/x/1"
    assert first.published is not None and first.published.isoformat().startswith("2024-03-01")
    assert first.source == "result.json#2" and first.metadata["channel"] == "Example Channel"
    assert second.metadata["forwarded_from"] == "Other Channel"


def test_x_api_v2_response_and_json_lines() -> None:
    export = _read(X, "tweets.json")
    assert export.format == "x" and export.skipped == 1
    long_post, repost = export.documents
    assert long_post.text.startswith("The full long text")  # note_tweet wins over the stub
    assert long_post.url == "https://x.com/example/status/1764"
    assert long_post.lang_hint == "en" and long_post.metadata["author"] == "@example"
    assert repost.lang_hint is None and repost.metadata["references"] == "retweeted"
    lines = (json.dumps(X) + "\n" + json.dumps({"data": {"id": "2", "text": "one"}})).encode()
    assert len(_read(lines, "stream.jsonl").documents) == 3


def test_mastodon_statuses_with_html_reblog_and_warning() -> None:
    export = _read(MASTODON, "statuses.json")
    assert export.format == "mastodon"
    own, boosted = export.documents
    assert own.text == "Die Wahl wurde nicht manipuliert.\n\nQuelle: Wahlamt"
    assert own.lang_hint == "de" and own.url == "https://social.example/@anna/111"
    assert boosted.text == "désinformation\n\nLe vaccin contient une puce."
    assert boosted.metadata == {"platform": "mastodon", "author": "@b@other.example",
                                "reblogged_by": "@anna@social.example"}


def test_crowdtangle_and_content_library_csv() -> None:
    export = _read(CROWDTANGLE.encode(), "ct.csv")
    assert export.format == "posts-csv" and export.skipped == 1
    [post] = export.documents
    assert post.text == "Bill Gates wants to chip us, says expert"
    assert post.url == "https://www.facebook.com/123/posts/1" and post.source == "ct.csv:2"
    assert post.metadata["author"] == "Daily Truth"
    assert post.published is not None and post.published.hour == 10
    [mcl] = _read(CONTENT_LIBRARY.encode(), "mcl.csv").documents
    assert mcl.lang_hint == "it" and mcl.id == "post:9001"


@pytest.mark.parametrize(("data", "words"), [
    (b'{"data": [1, 2', "not valid JSON"),
    (b'{"hello": "world"}', "not a social-media export"),
    (b"[1, 2, 3]", "not a social-media export"),
    (b"name,age\nann,3\n", "needs a text column"),
    (b'{"data": []}\n{"data": [\n', "not JSON"),
])
def test_bad_exports_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(MalformedSourceError, match=words) as caught:
        read_export(data, "bad")
    assert caught.value.code == "F111" and caught.value.source == "bad"
