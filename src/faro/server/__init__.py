"""Server mode: the REST API (and later the web UI) of ``faro serve``, over the same store.

``import faro.server`` stays light: FastAPI is imported when the application is made.

>>> from faro.server import hash_password, verify_password
>>> verify_password("correct horse battery", hash_password("correct horse battery"))
True
"""

from typing import TYPE_CHECKING, Any

from faro.server._passwords import hash_password, verify_password

if TYPE_CHECKING:
    from faro.server._app import create_app, run

__all__ = ["create_app", "hash_password", "run", "verify_password"]


def __getattr__(name: str) -> Any:
    if name in ("create_app", "run"):
        from faro.server import _app

        return getattr(_app, name)
    raise AttributeError(f"module 'faro.server' has no attribute {name!r}")
