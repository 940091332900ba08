"""faro ingest, faro watch and faro documents list on the command line (SQLite under the
test's FARO_HOME; sources on loopback and in tmp_path)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from tests.ingest._server import send, serve
from tests.monitor.conftest import STORIES, WIRE_COPY, rss, send_feed
from typer.testing import CliRunner

from faro.cli import app

FARO = shutil.which("faro", path=str(Path(sys.executable).parent)) or "faro"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_summary_exit_status_and_documents_list(tmp_path: Path) -> None:
    (tmp_path / "copy.txt").write_text(WIRE_COPY, "utf-8")
    routes = {"/feed": lambda h: send_feed(h, rss([("a1", STORIES[0]), ("a2", STORIES[1])])),
              "/gone": lambda h: send(h, 404, b"no", {"Content-Type": "text/plain"})}
    with serve(routes) as base:
        code, out, err = _run("ingest", f"{base}/feed", str(tmp_path / "copy.txt"), "--json")
        assert code == 0, err
        result = json.loads(out)
        assert [(r["new"], r["duplicates"]) for r in result["reports"]] == [(2, 0), (0, 1)]
        assert result["summary"]["failed_sources"] == 0

        code, out, err = _run("ingest", f"{base}/feed", f"{base}/gone")
        assert code == 1
        assert "0 new, 0 duplicates, 2 already known" in err and "[F110]" in err
        assert "2 source(s), 1 failed" in err

    code, out, _ = _run("documents", "list", "--json")
    assert code == 0
    listed = [json.loads(line) for line in out.splitlines()]
    assert len(listed) == 3
    first = next(d for d in listed if d["url"] == "https://news.example/a1")
    copy = next(d for d in listed if d["duplicate_of"] is not None)
    assert copy["duplicate_of"] == first["id"] and first["claims"] >= 1
    assert first["language"] == "it" and first["source"].endswith("/feed")
    code, out, _ = _run("documents", "list", "--limit", "1", "--since", "2000-01-01")
    assert code == 0 and "documents of local" in out
    assert _run("documents", "list", "--since", "yesterday")[0] == 2
    assert _run("ingest", "x", "--kind", "rss")[0] == 2
    # a second organisation: ingests must then name theirs
    assert _run("ingest", str(tmp_path / "copy.txt"), "--org", "Desk")[0] == 0
    code, _, err = _run("documents", "list")
    assert code == 2 and "--org" in err


def test_watch_once_and_status(tmp_path: Path) -> None:
    with serve({"/feed": lambda h: send_feed(h, rss([("w1", STORIES[2])]), etag='"1"'),
                "/busy": lambda h: send(h, 503, b"", {"Content-Type": "text/plain"})}) as base:
        config = tmp_path / "sources.toml"
        config.write_text(f'[watch]\npoliteness = 0\n\n[[source]]\nname = "wire"\n'
                          f'url = "{base}/feed"\ninterval = 600\n\n[[source]]\nname = "busy"\n'
                          f'url = "{base}/busy"\n', "utf-8")
        code, _, err = _run("watch", "--config", str(config), "--once")
        assert code == 1 and "wire: 1 new" in err and "failed busy" in err
        code, _, err = _run("watch", "--config", str(config), "--once")  # nothing due
        assert code == 0 and "0 source(s)" in err
    code, out, _ = _run("watch", "--status", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["wire"]["items"] == 1 and rows["wire"]["last_success"]
    assert rows["busy"]["failures"] == 1 and rows["busy"]["last_error"].startswith("[F110]")
    code, out, _ = _run("watch", "--status", "--config", str(config))
    assert code == 0 and "wire" in out and "next due" in out
    assert _run("watch")[0] == 2
    config.write_text("[[source]]\nurl = 'nope'\n", "utf-8")
    code, _, err = _run("watch", "--config", str(config), "--once")
    assert code == 1 and "[F800]" in err


def test_sigterm_stops_cleanly_and_a_restart_completes(tmp_path: Path) -> None:
    """A real `faro watch` process: SIGTERM once some entries are stored; it exits 0, and
    `--once` afterwards stores the rest, each entry once."""
    entries = [(f"t{i}", text) for i, text in enumerate(STORIES)]
    database = Path(os.environ["FARO_HOME"]) / "faro.db"
    with serve({"/feed": lambda h: send_feed(h, rss(entries))}) as base:
        config = tmp_path / "sources.toml"
        config.write_text(f'[[source]]\nname = "wire"\nurl = "{base}/feed"\n', "utf-8")
        watcher = subprocess.Popen([FARO, "watch", "--config", str(config)],
                                   stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while _stored(database) < 1:
                assert time.monotonic() < deadline and watcher.poll() is None
                time.sleep(0.05)
            watcher.send_signal(signal.SIGTERM)
            _, err = watcher.communicate(timeout=30)
        finally:
            watcher.kill()
        assert watcher.returncode == 0, err
        assert "stopping after the current document (SIGTERM)" in err
        code, out, err = _run("watch", "--config", str(config), "--once", "--json")
    assert code == 0, err
    (report,) = json.loads(out)["reports"]
    assert report["known"] + report["resumed"] + report["new"] == len(STORIES)
    assert report["new"] >= 1 and _stored(database) == len(STORIES)


def _stored(database: Path) -> int:
    if not database.exists():
        return 0
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("documents"):
                return 0
            return int(conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one())
    finally:
        engine.dispose()
