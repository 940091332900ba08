"""Sub-commands of the ``faro`` command line beyond ``analyze`` (see :mod:`faro.cli`)."""
