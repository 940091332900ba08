"""faro — a counter-disinformation workbench."""

from faro._version import __version__

__all__ = ["__version__"]
