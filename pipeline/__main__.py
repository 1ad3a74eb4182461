"""`python -m pipeline`: the same as the `make-report` command."""

from .cli import entry_point

entry_point()
