"""Leaving the process without tearing the interpreter down: unloading SQLAlchemy's
modules at exit costs more than a whole `habits done`, and the operating system
frees the memory anyway. Output is flushed and atexit handlers run first. While
another thread is still running, or where the interpreter offers no way to run
the atexit handlers early, the ordinary exit is used."""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def leave(code: object) -> NoReturn:
    """Exit with `code` as sys.exit would (None is 0, text is printed and is 1)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    if _other_threads() or not _run_exit_handlers():
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # output lost (a closed pipe, a full disk): as Python's exit does,
            status = status or 120  # say so in the status
    os._exit(status & 0xFF)


def _other_threads() -> bool:
    import threading

    main_thread = threading.main_thread()
    return any(t is not main_thread and not t.daemon for t in threading.enumerate())


def _run_exit_handlers() -> bool:
    """Run the atexit handlers now (CPython's own exit runs them; there is no public
    name for it). False, with nothing run, where the interpreter has no such function."""
    import atexit

    run = getattr(atexit, "_run_exitfuncs", None)
    if run is None:
        return False
    try:
        run()
    except AttributeError:
        return False
    return True
