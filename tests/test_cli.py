"""The `dossier` command itself: version, help for every subcommand, the exit codes,
and files written with the permissions the umask gives."""

from __future__ import annotations

import argparse
import stat
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import ACTORS, REPO, SOURCES
from dossier_core.cli import COMMANDS, main, parser

LABELS = (REPO / "dossier" / "labels.yml").read_text(encoding="utf-8")
ARTICLE = """\
---
id: planes
title: Planes land
outlet: tass
annotations:
  - {quote: landed, label: loaded-language}
  - {quote: Caracas, label: context}
---

Two Russian planes landed in Caracas.
"""


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"dossier {version('dossier-site')}"


def test_every_subcommand_has_help_for_itself_and_each_argument() -> None:
    top = parser()
    subparsers = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}
    for command in COMMANDS:
        assert helps.get(command.name), f"`dossier --help` says nothing of {command.name}"
        sub = subparsers.choices[command.name]
        assert sub.description and len(sub.description) > 40, command.name
        for action in sub._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help, f"dossier {command.name}: {action.dest} has no help"
        assert command.name in sub.format_help()


def _project(root: Path) -> Path:
    (root / "dossier" / "articles").mkdir(parents=True)
    (root / "dossier" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    (root / "dossier" / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (root / "dossier" / "labels.yml").write_text(LABELS, encoding="utf-8")
    (root / "dossier" / "articles" / "planes.md").write_text(ARTICLE, encoding="utf-8")
    return root


def _dossier(root: Path, umask: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dossier_core.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        umask=umask,
        cwd=root,
    )


@pytest.mark.parametrize("umask", [0o022, 0o077], ids=["022", "077"])
def test_written_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    """import (files, PTC), export and render: files 0666 & ~umask, folders 0777 & ~umask."""
    root = _project(tmp_path / "project")
    inbox = tmp_path / "inbox"
    (inbox / "ptc" / "labels").mkdir(parents=True)
    (inbox / "story.txt").write_text("Planes land\n\nTwo planes landed in Caracas.\n")
    (inbox / "ptc" / "article7.txt").write_text("A title\n\nSome loaded words.\n")
    (inbox / "ptc" / "labels" / "article7.task2-TC.labels").write_text(
        "7\tLoaded_Language\t15\t21\n"
    )
    runs = [
        ("import", str(inbox / "story.txt")),
        ("import", "--format", "ptc", str(inbox / "ptc"), "--labels", str(inbox / "ptc/labels")),
        ("export", "--format", "jsonl", "--out", "export.jsonl"),
        ("export", "--format", "ptc", "--out", "export.tsv"),
        ("render", "--out", "rendered"),
    ]
    before = {p for p in root.rglob("*")}
    for args in runs:
        result = _dossier(root, umask, *args)
        assert result.returncode == 0, (args, result.stderr)
    written = [p for p in root.rglob("*") if p not in before]
    assert any(p.match("seeds/ptc/article7.txt") for p in written)
    assert any(p.match("rendered/articles/*.md") for p in written)
    assert {p.name for p in written} >= {"export.jsonl", "export.tsv", "ptc-7.md"}
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert mode == expected, (path.relative_to(root), oct(mode), oct(expected))


def test_ptc_export_says_what_it_left_out_and_why(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    result = _dossier(root, 0o022, "export", "--format", "ptc", "--out", "out.tsv")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "wrote 1 of 2 annotations as PTC spans -> out.tsv",
        "left out 1: their labels are not PTC propaganda techniques (context 1); "
        "use --format jsonl, csv or w3c for every label",
    ]
    assert len((root / "out.tsv").read_text().splitlines()) == 1


def test_a_ptc_annotation_that_does_not_map_onto_its_seed_needs_attention(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    (root / "seeds").mkdir()
    (root / "seeds" / "planes.txt").write_text("Planes land\n\nTwo planes landed elsewhere.\n")
    article = root / "dossier" / "articles" / "planes.md"
    article.write_text(ARTICLE.replace("outlet: tass\n", "outlet: tass\nseed: seeds/planes.txt\n"))
    result = _dossier(root, 0o022, "export", "--format", "ptc", "--out", "out.tsv")
    assert result.returncode == 1, result.stderr
    assert "warning: planes: annotation 1 does not map onto seeds/planes.txt" in result.stderr
    assert "left out 1: their passages do not map onto the seed file (loaded-language 1)" in (
        result.stderr
    )


def test_check_outside_a_project_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file not found" not in err
    assert f"no dossier folder at {tmp_path.resolve()}/dossier; run dossier inside" in err
