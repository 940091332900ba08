"""``faro db upgrade``, ``faro user add`` and ``faro token`` as a server's operator runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import fresh_database
from typer.testing import CliRunner

from faro.cli import app
from faro.store import Store, _migrate, read_audit

PASSWORD = "a long enough password"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        monkeypatch.setenv("FARO_DATABASE_URL", url)
        yield url


def test_db_upgrade_user_add_and_tokens(database: str) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert f"to revision {_migrate.HEAD}" in first.output
    assert "up to date" in runner.invoke(app, ["db", "upgrade"]).output

    added = runner.invoke(app, ["user", "add", "Boss@Example.org", "--org", "Desk",
                                "--role", "admin", "--password-stdin", "--json"],
                          input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert PASSWORD not in added.output
    assert '"email": "boss@example.org"' in added.output and "created organisation" in added.output
    prompted = runner.invoke(app, ["user", "add", "eve@example.org", "--org", "Desk"],
                             input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0, prompted.output
    assert PASSWORD not in prompted.output  # the prompt does not echo
    again = runner.invoke(app, ["user", "add", "boss@example.org", "--org", "Desk",
                                "--password-stdin"], input=PASSWORD + "\n")
    assert again.exit_code == 1 and "[F404]" in again.output
    short = runner.invoke(app, ["user", "add", "x@example.org", "--org", "Desk",
                                "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "[F504]" in short.output
    bad_role = runner.invoke(app, ["user", "add", "x@example.org", "--org", "Desk",
                                   "--role", "owner", "--password-stdin"], input=PASSWORD)
    assert bad_role.exit_code == 1

    made = runner.invoke(app, ["token", "create", "eve@example.org", "--name", "feeds",
                               "--scope", "write"])
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip().splitlines()[-1]
    assert secret.startswith("faro_")
    too_much = runner.invoke(app, ["token", "create", "eve@example.org", "--name", "x",
                                   "--scope", "admin"])
    assert too_much.exit_code == 1 and "[F504]" in too_much.output
    listed = runner.invoke(app, ["token", "list", "eve@example.org", "--json"])
    assert '"revoked": false' in listed.output and secret not in listed.output
    assert runner.invoke(app, ["token", "revoke", "1", "--user", "eve@example.org"]).exit_code == 0
    assert '"revoked": true' in runner.invoke(app, ["token", "list", "eve@example.org",
                                                    "--json"]).output
    nobody = runner.invoke(app, ["token", "create", "nobody@example.org", "--name", "x"])
    assert nobody.exit_code == 1 and "[F403]" in nobody.output

    with Store.open(database) as store:
        assert store.accounts.authenticate_token(secret) is None
        org = store.accounts.organisation("Desk")
        assert org is not None
        entries, _ = read_audit(store.engine, org.id, limit=100)
        assert {e.actor for e in entries} == {"cli"}
        assert [e.action for e in reversed(entries)] == [
            "organisation.create", "user.create", "user.create", "token.create",
            "token.revoke"]
