"""The command cases of tests/hostile/cases.yml (those with a `command`): bad use of
`dossier check | export | render` gets its plain message (never a traceback or a raw
[Errno ...]) and its exit status, and writes nothing where it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_hostile import GENERATORS, _simple, project

from conftest import tree
from dossier_core.cli import main

CASES = [
    case
    for case in yaml.safe_load((Path(__file__).parent / "hostile" / "cases.yml").read_text("utf-8"))
    if "command" in case
]
ANNOTATIONS = (
    "annotations:\n"
    "  - {quote: Guaido, label: loaded-language}\n"
    "  - {quote: spoke, label: claim}\n"
    "  - {quote: Juan, label: context}\n"
)
COMMAND_GENERATORS = {
    "annotated": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_text(
        _simple(name, extra=ANNOTATIONS)
    ),
    "bad-date-article": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_text(
        _simple(name, extra="published: 2019-02-30\n")
    ),
}


def test_the_suite_is_complete() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)) and len(names) >= 6
    used = {case["generate"] for case in CASES if "generate" in case}
    assert used <= set(GENERATORS) | set(COMMAND_GENERATORS)
    assert set(COMMAND_GENERATORS) <= used


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_hostile_command(
    case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    root = project(tmp_path / "project")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if "generate" in case:
        name = case["generate"]
        {**GENERATORS, **COMMAND_GENERATORS}[name](name, root)
    monkeypatch.chdir(root)
    before = tree(root)
    args = [arg.format(outside=outside, root=root) for arg in case["command"]]
    code = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    expected = case["message"].format(outside=outside, root=root)
    assert expected in err, err
    assert "Traceback" not in err and "Errno" not in err
    assert code == case["code"]
    if code == 2:
        assert tree(root) == before, "a refused command wrote something"
