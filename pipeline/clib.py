"""Functions of the C library that Python does not wrap: glibc's heap settings, Linux's syncfs(2)."""

from __future__ import annotations

import sys
from typing import Any


def c_function(name: str, argtypes: tuple, restype: Any = None, use_errno: bool = False) -> Any | None:
    """The C library's function `name`, typed, on Linux; None elsewhere, or when the C library has no
    such function (musl has no `malloc_trim`)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function = getattr(ctypes.CDLL(None, use_errno=use_errno), name)
    except (OSError, AttributeError):
        return None
    function.argtypes = argtypes
    function.restype = ctypes.c_int if restype is None else restype
    return function


def last_error() -> OSError:
    """The OSError for the errno a `use_errno` function left."""
    import ctypes
    import os

    error = ctypes.get_errno()
    return OSError(error, os.strerror(error))
