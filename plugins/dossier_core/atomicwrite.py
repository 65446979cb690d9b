"""Writing files so that a failure leaves the old file intact, with the umask's mode.

Every file the engine writes (articles, seeds, exports, rendered pages) goes through
here: a temporary file in the same folder, then a rename over the target.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    """The process's umask. Linux tells it in /proc; elsewhere os.umask can only read it
    by setting it, which for an instant leaves other threads' new files unmasked."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o077)  # the strictest mask for that instant, not none
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write text via a temporary file and rename: a failed write leaves the old file
    intact, and the new file gets the permissions the umask gives (not mkstemp's 0600)."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write bytes atomically (see write_atomic)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
