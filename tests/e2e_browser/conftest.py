"""A real server and a real browser: ``faro serve``'s app on uvicorn, on a free loopback port
over HTTPS (a throwaway self-signed certificate: the session cookie is ``Secure`` and
``__Host-``, as behind the TLS proxy of a real deployment), over a temporary SQLite database
holding the demo knowledge base (imported by ``faro kb import --demo``) and an organisation
with an admin, an analyst and a viewer; Debian's chromium, headless, driven by Playwright with
the system executable (no browser is downloaded).

Without chromium the tests skip, unless ``FARO_E2E_BROWSER=1`` (as CI sets it): then a missing
browser or Playwright fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests._serve import free_port, serving

from faro.server import hash_password
from faro.store import CLI, Store

CHROMIUM = "/usr/bin/chromium"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "correct horse battery staple"
#: Chromium's own traffic to other hosts is switched off: this machine's network is closed.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
SCREENSHOTS = "e2e-screenshots"  # tests/conftest.py prints where they are


def _required() -> bool:
    return os.environ.get("FARO_E2E_BROWSER") == "1"


def _unavailable(reason: str) -> None:
    if _required():
        pytest.fail(f"FARO_E2E_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class LiveServer:
    url: str
    screenshots: Path

    def shot(self, page: Any, name: str) -> None:
        page.screenshot(path=str(self.screenshots / f"{name}.png"), full_page=True)


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A key and a self-signed certificate for 127.0.0.1, valid for a day (openssl)."""
    key, cert = folder / "key.pem", folder / "cert.pem"
    if shutil.which("openssl") is None:
        _unavailable("openssl is not installed (it makes the test server's certificate)")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return key, cert


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        _unavailable("Debian's chromium is not installed (apt-get install chromium)")
    home = tmp_path_factory.mktemp("e2e-home")
    env = os.environ | {"FARO_HOME": str(home),
                        "FARO_DATABASE_URL": f"sqlite:///{home / 'faro.db'}",
                        # every claim kept and matched, whichever scorer is in use: these tests
                        # are about the pages, not about where the check-worthiness line lies
                        "FARO_CLAIM_THRESHOLD": "0.01"}
    store = Store.open(env["FARO_DATABASE_URL"])
    try:
        org, _ = store.accounts.ensure_organisation("E2E Desk", CLI)
        digest = hash_password(PASSWORD)
        users = {role: store.accounts.add_user(f"{role}@example.org", org.id, role, digest, CLI)
                 for role in ("admin", "analyst", "viewer")}
        token = store.accounts.create_token(users["analyst"], "e2e seed", "write", CLI)[1]
    finally:
        store.close()
    faro = [sys.executable, "-c", "from faro.cli import main; main()"]
    subprocess.run([*faro, "kb", "import", "--demo"], env=env, check=True,
                   capture_output=True, timeout=300)
    key, cert = _certificate(home)
    port = free_port()
    url = f"https://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "--factory", "faro.server:create_app",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
               "--ssl-keyfile", str(key), "--ssl-certfile", str(cert)]
    with serving(command, env, home / "server.log", url, verify=False):
        # one analysed document from the start, so every test has matches to look at
        seeded = httpx2.post(f"{url}/api/v1/documents?analyse=true", verify=False, timeout=120,
                            headers={"Authorization": f"Bearer {token}"},
                            json={"id": "seed", "title": "Seeded: Baltic cable video",
                                  "text": (EXAMPLES / "en_baltic_cable_fake_video.txt")
                                  .read_text("utf-8")})
        assert seeded.status_code == 201, seeded.text
        shots = tmp_path_factory.mktemp(SCREENSHOTS, numbered=False)
        yield LiveServer(url, shots)


@pytest.fixture(scope="session")
def browser(live_server: LiveServer) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (the dev extra has it)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM,
                                     headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page of a fresh browser context (its own cookies)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  ignore_https_errors=True)  # the throwaway certificate
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()

