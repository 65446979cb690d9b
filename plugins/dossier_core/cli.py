"""The `dossier` command: import, check, export, render, build, index.

Each subcommand is one `Command` (name, help, description, add-arguments function, run
function) in COMMANDS; its module holds the rest. Exit codes (cli_common.py): 0 done,
1 done but something needs attention, 2 nothing done (usage, missing input, no dossier).
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from dossier_search import cli as search_cli

from .cli_build import BUILD, RENDER
from .cli_common import USAGE, Command, error, missing_dossier
from .cli_dossier import CHECK, EXPORT
from .cli_import import COMMAND as IMPORT
from .cli_import import report_outcomes

INDEX = Command(
    name="index",
    help=search_cli.HELP,
    description=search_cli.DESCRIPTION,
    add_arguments=search_cli.add_arguments,
    run=search_cli.run,
    needs_dossier=False,
)
COMMANDS: list[Command] = [IMPORT, CHECK, EXPORT, RENDER, BUILD, INDEX]
DESCRIPTION = (
    "Annotated news dossiers: import sources as articles, check the dossier, export "
    "its annotations, build the site with MkDocs, ProperDocs or Zensical (or render its "
    "pages for another engine), index a built site. `dossier COMMAND --help` tells more."
)
EPILOG = (
    "exit status: 0 done; 1 done, but something needs attention (problems in the "
    "dossier, a failed import, a changed seed, annotations an export could not write); "
    "2 nothing done (a usage error, a missing input, no dossier folder)"
)


def package_version() -> str:
    try:
        return version("dossier-site")
    except PackageNotFoundError:
        return "unknown (not installed: pip install -e .)"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="dossier", description=DESCRIPTION, epilog=EPILOG)
    top.add_argument("--version", action="version", version=f"dossier {package_version()}")
    top.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        metavar="PROJECT",
        help="the project folder, which holds dossier/ and mkdocs.yml (default: here)",
    )
    top.add_argument(
        "--dossier-dir",
        default="dossier",
        metavar="DIR",
        help="the dossier folder inside the project (default: dossier)",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.help,
            description=command.description,
            formatter_class=argparse.RawDescriptionHelpFormatter
            if command.raw_description
            else argparse.HelpFormatter,
        )
        command.add_arguments(sub)
        sub.set_defaults(command_entry=command)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command: Command = args.command_entry
    args.root = args.root.resolve()
    if command.needs_dossier:
        refusal = missing_dossier(args.root, args.dossier_dir)
        if refusal:
            return error(command.name, refusal, USAGE)
    return command.run(args)


__all__ = ["COMMANDS", "main", "report_outcomes"]

if __name__ == "__main__":
    sys.exit(main())
