"""``faro serve``, ``faro db`` and the accounts a server needs: ``faro user``, ``faro token``.

These act as the server's operator (the audit log names them ``cli``). Passwords are read from
a prompt that does not echo, or from standard input with ``--password-stdin``; they are never
printed or logged.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console

from faro._config import Options
from faro._errors import FaroError, RecordNotFoundError
from faro.commands._common import err_console, fail, open_store, options
from faro.store import CLI, ROLES, SCOPES, Store, User

__all__ = ["db_app", "serve", "token_app", "user_app"]

db_app = typer.Typer(help="The database: bring its schema up to date.", no_args_is_help=True)
user_app = typer.Typer(help="Users of the server (as its operator).", no_args_is_help=True)
token_app = typer.Typer(help="API tokens of the server's users (as its operator).",
                        no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json, /docs) over faro's database. Put it
    behind a TLS-terminating proxy: its session cookies are Secure."""
    opts = options()
    try:
        from faro.server import run
    except ImportError as exc:
        fail(f"[F500] faro serve needs the server extra: pip install 'faro[server]' ({exc})")
    err_console.print(f"serving http://{host}:{port}/api/v1 over {_shown_url(opts)}",
                      highlight=False)
    try:
        run(opts, host=host, port=port)
    except FaroError as exc:
        fail(exc)


def _shown_url(opts: Options) -> str:
    from sqlalchemy.engine import make_url

    return make_url(opts.resolved_database_url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring its schema up to the newest migration."""
    from faro.store import _migrate

    opts = options()
    try:
        with Store.open(opts, upgrade=False) as store:
            before = _migrate.upgrade(store.engine)
            shown = store.url
    except FaroError as exc:
        fail(exc)
    if before == _migrate.HEAD:
        err_console.print(f"{shown} is up to date (revision {before})", highlight=False)
    else:
        err_console.print(f"{shown} upgraded from {before or 'an empty database'} to revision "
                          f"{_migrate.HEAD}", highlight=False)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True,
                              err=True)
    return value


def _user_json(user: User, org: str) -> str:
    return json.dumps({"id": user.id, "email": user.email, "role": user.role,
                       "organisation": org, "active": user.active})


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument(help="The user's e-mail address (their sign-in).")],
    org: Annotated[str, typer.Option("--org", help="Organisation; created if new.")],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "analyst",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of stdin instead of "
                                 "a prompt.")] = False,
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Add a user (the first administrator: --role admin)."""
    from faro.server import hash_password

    if role not in ROLES:
        fail(f"[F504] --role must be one of {', '.join(ROLES)}, not {role!r}")
    opts = options()
    try:
        hashed = hash_password(_password(password_stdin))
    except FaroError as exc:
        fail(exc)
    store = open_store(opts)
    try:
        organisation, created = store.accounts.ensure_organisation(org, CLI)
        user = store.accounts.add_user(email, organisation.id, role, hashed, CLI)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    if created:
        err_console.print(f"created organisation {organisation.name}", highlight=False,
                          markup=False)
    if json_output:
        sys.stdout.write(_user_json(user, organisation.name) + "\n")
    else:
        Console().print(f"added {user.role} {user.email} to {organisation.name} "
                        f"(user {user.id})", highlight=False, markup=False)


def _user(store: Store, email: str) -> User:
    try:
        user = store.accounts.user_by_email(email)
    except FaroError as exc:
        fail(exc)
    if user is None:
        fail(RecordNotFoundError(f"no user {email}"))
    return user


@token_app.command("create")
def token_create(
    email: Annotated[str, typer.Argument(help="The user the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for (shown in lists).")],
    scope: Annotated[str, typer.Option(help=f"One of {', '.join(SCOPES)}; at most the "
                                            "user's role.")] = "read",
) -> None:
    """Create an API token and print it (once: only its digest is kept)."""
    opts = options()
    store = open_store(opts)
    try:
        user = _user(store, email)
        token, secret = store.accounts.create_token(user, name, scope, CLI)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    err_console.print(f"token {token.id} ({token.scope}) for {user.email}; it is shown only "
                      "now:", highlight=False, markup=False)
    sys.stdout.write(secret + "\n")


@token_app.command("list")
def token_list(
    email: Annotated[str, typer.Argument(help="Whose tokens.")],
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """A user's tokens (never their secrets)."""
    opts = options()
    store = open_store(opts)
    try:
        user = _user(store, email)
        tokens = store.accounts.list_tokens(user.org_id, user_id=user.id)
    finally:
        store.close()
    for token in tokens:
        if json_output:
            sys.stdout.write(json.dumps(token.public()) + "\n")
        else:
            state = "revoked" if token.revoked_at else "active"
            used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at \
                else "never used"
            Console().print(f"{token.id}\t{token.prefix}…\t{token.scope}\t{state}\t{used}\t"
                            f"{token.name}", highlight=False, markup=False)


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[int, typer.Argument(help="The token's number (faro token list).")],
    email: Annotated[str, typer.Option("--user", help="The token's user.")],
) -> None:
    """Revoke a token: it stops working at once."""
    opts = options()
    store = open_store(opts)
    try:
        user = _user(store, email)
        store.accounts.revoke_token(user.org_id, token_id, CLI, user_id=user.id)
    except FaroError as exc:
        fail(exc)
    finally:
        store.close()
    err_console.print(f"revoked token {token_id} of {user.email}", highlight=False,
                      markup=False)
