"""The C library's functions the write and render steps call (syncfs, mallopt, malloc_trim)."""

import ctypes
import errno
import os
import sys

import pytest

from pipeline.clib import c_function, last_error

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the functions are Linux's")


@linux
def test_syncfs_is_found_typed_and_its_error_read_back(tmp_path):
    syncfs = c_function("syncfs", (ctypes.c_int,), use_errno=True)
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        assert syncfs(fd) == 0
    finally:
        os.close(fd)
    assert syncfs(fd) == -1   # closed: EBADF
    error = last_error()
    assert isinstance(error, OSError) and error.errno == errno.EBADF


def test_a_function_the_c_library_lacks_is_none():
    assert c_function("no_such_function_in_any_libc", ()) is None


def test_elsewhere_than_linux_nothing_is_looked_up(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert c_function("syncfs", (ctypes.c_int,)) is None
