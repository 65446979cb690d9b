"""Temporary folders named after the process that made them, so that the next build
can remove those of a build that was killed (nothing runs on SIGKILL to clean up)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def make_temp(prefix: str) -> Path:
    """A new temporary folder, `<prefix><pid>-<random>`; stale ones of the same prefix
    (their process gone) are removed first."""
    remove_stale(prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))


def remove_stale(prefix: str, root: Path | None = None) -> list[Path]:
    """Remove `<prefix><pid>-*` folders under root (the temporary folder) whose process
    no longer runs; the folders removed."""
    if os.name != "posix":  # os.kill(pid, 0) would stop the process on Windows
        return []
    removed = []
    for folder in (root or Path(tempfile.gettempdir())).glob(f"{prefix}*-*"):
        pid = folder.name[len(prefix) :].split("-", 1)[0]
        if folder.is_dir() and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
