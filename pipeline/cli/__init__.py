"""The `make-report` command: `app` holds the group and the one place errors become messages;
each other module is one command group and registers itself on `main` when imported."""

from . import check, generate, init, rollup, web  # noqa: F401 - importing registers the commands
from .app import ExitCode, entry_point, main

__all__ = ["ExitCode", "entry_point", "main"]
