"""Ctrl+C while make-report starts: one line, not a traceback.

Loading the program's modules takes a moment. A Ctrl+C in that moment arrives before the command's
own handling (`cli.app.run_translated`) exists, and Python would print a traceback. For our own
command lines only (the `make-report` script, `python -m pipeline`) an uncaught KeyboardInterrupt
prints one Vietnamese line; the process still ends by SIGINT, as Python ends it (exit status 130).
A program that imports pipeline as a library keeps Python's behaviour.
"""

from __future__ import annotations

import os
import sys

STOPPED = "Đã dừng (Ctrl+C)."


def _is_our_command() -> bool:
    arguments = list(getattr(sys, "orig_argv", []))
    if "-m" in arguments[:-1] and arguments[arguments.index("-m") + 1] == "pipeline":
        return True
    return bool(sys.argv) and os.path.basename(sys.argv[0]).lower().startswith("make-report")


def quiet_interrupt_at_start() -> None:
    if not _is_our_command() or sys.excepthook is not sys.__excepthook__:
        return
    previous = sys.excepthook

    def hook(kind, value, traceback):
        if not issubclass(kind, KeyboardInterrupt):
            previous(kind, value, traceback)
            return
        try:
            sys.stderr.write(STOPPED + "\n")
        except (UnicodeEncodeError, OSError, ValueError):   # a console that cannot show Vietnamese yet
            sys.stderr.write("Da dung (Ctrl+C).\n")

    sys.excepthook = hook
