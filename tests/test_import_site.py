"""From what analysts collect to the published site, as an analyst would do it.

A saved web page of the HTML corpus, a pasted wire story and a JSONL export are
imported into a copy of the project with `dossier import`; the `sources.yml` entry that
import prints for the wire agency is added as printed; then `mkdocs build --strict`
must pass, and the pages must show the imported articles and link their seeds.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build
from dossier_core.cli import main as dossier

WIRE = """\
World news
Russia says U.S. sanctions on Venezuela are illegal, backs Maduro
Share on Facebook
CARACAS, March 25, 2019 (Reuters) - Russia's foreign ministry said on Monday that new \
U.S. sanctions against Venezuela were illegal and that Moscow would keep supporting the \
government of President Nicolas Maduro.
Photo: Reuters/Carlos Garcia Rawlins
The ministry said Washington was trying to force a change of government in Caracas.
Sign up for our newsletter
"""

RECORD = {
    "title": "Guaidó calls for new protests as blackout hits Caracas",
    "body": "Opposition leader Juan Guaidó called on Venezuelans to take to the streets "
    "again on Saturday, as a new blackout left most of Caracas without power.\n\n"
    "Nicolás Maduro blamed the outage on sabotage directed from Washington.",
    "publish_date": "2019-03-26 14:02:11",
    "media_name": "TASS",
    "url": "https://example.org/guaido-protests",
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> dict:
    root = copy_project(tmp_path_factory.mktemp("imported"))
    inbox = root.parent / "inbox"
    inbox.mkdir()
    page = next(iter(sorted((shared_dir / "corpora" / "html" / "pages").glob("*.html.gz"))))
    (inbox / "saved-page.html").write_bytes(gzip.decompress(page.read_bytes()))
    (inbox / "wire.txt").write_text(WIRE, encoding="utf-8")
    (inbox / "export.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    args = ["--root", str(root), "import"]
    return {"root": root, "inbox": inbox, "args": args}


@pytest.fixture(scope="module")
def shared_dir() -> Path:
    from conftest import SHARED

    if not (SHARED / "corpora" / "html").is_dir():
        pytest.skip("../shared/corpora/html is not beside the checkout")
    return SHARED


def test_import_then_build_the_site(imported: dict, tmp_path: Path, capsys) -> None:
    root, inbox, args = imported["root"], imported["inbox"], imported["args"]
    before = set((root / "dossier" / "articles").iterdir())
    assert dossier([*args, str(inbox / "saved-page.html"), str(inbox / "wire.txt")]) == 0
    printed = capsys.readouterr().out
    assert dossier([*args, "--format", "jsonl", str(inbox / "export.jsonl")]) == 0
    new = sorted(set((root / "dossier" / "articles").iterdir()) - before)
    assert len(new) == 3

    # The analyst adds the outlet entry exactly as import printed it.
    entry = printed.split("add it (then check the facts):\n", 1)[1]
    lines = [line[18:] for line in entry.split("\n") if line.startswith(" " * 18)]
    suggested = yaml.safe_load("\n".join(lines))
    assert list(suggested) == ["reuters"]
    with (root / "dossier" / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write("\n" + yaml.safe_dump(suggested, sort_keys=False, allow_unicode=True))

    site = tmp_path / "site"
    result = mkdocs_build(site, cwd=root)
    assert result.returncode == 0, result.stderr

    texts = {path.stem: path.read_text(encoding="utf-8") for path in new}
    wire_id = next(i for i, t in texts.items() if "outlet: reuters" in t)
    wire = (site / "articles" / wire_id / "index.html").read_text(encoding="utf-8")
    assert "Reuters" in wire and "2019-03-25" in wire
    assert "Sign up for our newsletter" in wire.split("Removed at import", 1)[1]

    page_id = next(i for i, t in texts.items() if "extracted_with: trafilatura" in t)
    page = (site / "articles" / page_id / "index.html").read_text(encoding="utf-8")
    assert "Left out at import" in page and "text extracted with trafilatura" in page
    # The saved page is published as text (shown as source, never run), byte for byte.
    seed = yaml.safe_load(texts[page_id].split("---\n")[1])["seed"]
    published = site / "seeds" / (Path(seed).name + ".txt")
    assert published.read_bytes() == (root / seed).read_bytes()
    assert f'href="../../seeds/{published.name}"' in page

    record_id = next(i for i, t in texts.items() if "Guaidó calls for new protests" in t)
    record = (site / "articles" / record_id / "index.html").read_text(encoding="utf-8")
    assert "2019-03-26" in record and "TASS" in record
