"""What the `dossier` subcommands share: the table entry, exit codes, messages.

Exit codes: 0 all done, nothing needs attention; 1 done, but something needs
attention (problems in the dossier, an import that failed, a changed seed, an export
that could not write some annotations); 2 nothing done: a usage error, an input
that is missing, or no dossier where the command looked.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import Problem

OK, ATTENTION, USAGE = 0, 1, 2


@dataclass(frozen=True)
class Command:
    """One subcommand: `dossier NAME`. `add_arguments` fills its parser; `run` gets the
    parsed arguments (with `root`, the project folder, resolved) and returns the exit
    code. Adding a subcommand is one entry in cli.COMMANDS."""

    name: str
    help: str  # one line, in `dossier --help`
    description: str  # `dossier NAME --help`
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    needs_dossier: bool = True  # refuse to run where there is no dossier folder
    raw_description: bool = False  # keep the description's line breaks


def error(command: str, message: str, code: int = USAGE) -> int:
    """Print `dossier COMMAND: error: MESSAGE` on stderr; return the exit code."""
    print(f"dossier {command}: error: {message}", file=sys.stderr)
    return code


def missing_dossier(root: Path, dossier_dir: str) -> str | None:
    """Why there is no dossier to work on at root/dossier_dir, or None."""
    folder = root / dossier_dir
    if folder.is_dir():
        return None
    return (
        f"no dossier folder at {folder}; run dossier inside the project (the folder "
        "that holds dossier/ and mkdocs.yml) or pass --root PROJECT"
    )


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def os_reason(error: OSError) -> str:
    """An OSError in words (no [Errno 2] ...)."""
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    if isinstance(error, NotADirectoryError):
        return "a part of the path is a file, not a folder"
    return (error.strerror or str(error)).lower()


def output_folder_problem(out: Path) -> str | None:
    """Why `out` cannot be written as a file, or None."""
    if out.is_dir():
        return f"--out {out}: is a folder; name a file"
    if not out.parent.is_dir():
        return (
            f"--out {out}: the folder {out.parent.resolve()} does not exist; "
            "create it first or choose another path"
        )
    return None
