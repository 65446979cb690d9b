"""Bulk exports (JSON Lines, CSV in the style of Media Cloud and scrapers): one article
and one seed per record, byte for byte; bad records and bad files leave nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from conftest import SOURCES, tree
from conftest import front_matter as front
from conftest import import_project as project
from dossier_core import load_dossier
from dossier_core.bulkimport import import_export, parse_map
from dossier_core.cli import main
from dossier_core.records import body_from_text, parse_date

RECORDS = [
    {
        "stories_id": 1187654321,
        "publish_date": "2019-03-25 14:02:11",
        "title": "Russian Air Force planes land in Caracas carrying military personnel",
        "url": "https://tass.com/world/1050432",
        "language": "en",
        "media_id": 1789,
        "media_name": "TASS",
        "media_url": "http://tass.com",
        "text": "CARACAS, March 25. /TASS/. Two Russian Air Force planes carrying around 100 "
        "military personnel have landed at Simon Bolivar International Airport, local media "
        "reported.\n\nThe flights took place under a military-technical cooperation "
        "agreement signed in 2001, a diplomatic source said.",
    },
    {
        "stories_id": 1187655012,
        "publish_date": "2019-03-28T17:45:00Z",
        "title": "Zakharova: Russian specialists will stay in Venezuela 'as long as needed'",
        "url": "https://www.rt.com/news/455123-russia-specialists-venezuela/",
        "language": "en",
        "media_name": "RT",
        "media_url": "https://www.rt.com",
        "text": "Russian specialists are in Venezuela under a bilateral agreement and will "
        "stay as long as Caracas needs them, Foreign Ministry spokeswoman Maria Zakharova "
        "said.\nShe dismissed US demands to withdraw them as an attempt to dictate to "
        "sovereign states.\n“We do not interfere,” she added — “unlike Washington.”",
    },
    {
        "stories_id": 1187660777,
        "publish_date": "2019-05-01",
        "url": "https://mundo.sputniknews.com/america-latina/201905011087000000/",
        "language": "es",
        "media_name": "Sputnik Mundo",
        "text": "Moscú condena el intento de golpe de Estado en Venezuela. El canciller "
        "Serguéi Lavrov habló por teléfono con Mike Pompeo.\n\n   La Cancillería rusa pidió "
        "diálogo entre todas las fuerzas políticas venezolanas.   ",
    },
]


def by_seed(root: Path) -> dict[str, tuple[dict, str]]:
    """seed path -> (front matter, body) of every article."""
    result = {}
    for path in (root / "dossier" / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        result[front(path)["seed"]] = (front(path), text.split("---\n", 2)[2].strip("\n"))
    return result


def write_jsonl(path: Path, records: list) -> list[bytes]:
    lines = [
        r.encode() if isinstance(r, str) else json.dumps(r, ensure_ascii=False).encode()
        for r in records
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return lines


def csv_text(records: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


MC_COLUMNS = ["stories_id", "publish_date", "title", "url", "language", "media_name", "media_url",
              "text"]  # fmt: skip


def test_jsonl_export(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "mediacloud-venezuela.jsonl"
    lines = write_jsonl(export, [RECORDS[0], "", RECORDS[1], RECORDS[2]])
    old = os.umask(0o022)
    try:
        assert main(["--root", str(root), "import", "--format", "jsonl", str(export)]) == 0
    finally:
        os.umask(old)
    out = capsys.readouterr().out
    assert "3 new" in out
    assert "outlet 'rt' is not in sources.yml" in out  # with a suggested entry
    assert "outlet 'sputnik-mundo' is not in sources.yml" in out and "name: Sputnik Mundo" in out
    articles = by_seed(root)
    assert len(articles) == 3
    for number, line, record in [(1, lines[0], RECORDS[0]), (3, lines[2], RECORDS[1]),
                                 (4, lines[3], RECORDS[2])]:  # fmt: skip
        digest = hashlib.sha256(line).hexdigest()
        seed = f"seeds/mediacloud-venezuela/{number:06d}_{digest[:16]}.json"
        data, body = articles[seed]
        assert (root / seed).read_bytes() == line  # the record's own line, byte for byte
        assert data["seed_sha256"] == digest
        assert data["url"] == record["url"]
        assert "".join(body.split()) == "".join(record["text"].split())  # every character
        assert (root / seed).stat().st_mode & 0o777 == 0o644
    for path in (root / "dossier" / "articles").glob("*.md"):
        assert path.stat().st_mode & 0o777 == 0o644
    tass, _ = articles[next(s for s in articles if "000001_" in s)]
    assert (tass["outlet"], tass["published"], tass["language"]) == ("tass", "2019-03-25", "en")
    assert tass["date_note"] == "From the export's 'publish_date' field ('2019-03-25 14:02:11')."
    assert tass["title"] == RECORDS[0]["title"] and tass["removed"] == []
    rt, body = articles[next(s for s in articles if "000003_" in s)]
    assert (rt["outlet"], rt["published"]) == ("rt", "2019-03-28")
    assert body.split("\n\n")[2] == "“We do not interfere,” she added — “unlike Washington.”"
    sputnik, body = articles[next(s for s in articles if "000004_" in s)]
    assert sputnik["title"] == "Moscú condena el intento de golpe de Estado en Venezuela"
    assert "first sentence" in sputnik["title_note"] and sputnik["language"] == "es"
    assert body.endswith("\n\nLa Cancillería rusa pidió diálogo entre todas las fuerzas "
                         "políticas venezolanas.")  # fmt: skip
    # A second run changes nothing.
    before = tree(root)
    assert main(["--root", str(root), "import", "--format", "jsonl", str(export)]) == 0
    assert "3 unchanged" in capsys.readouterr().out and tree(root) == before


def test_imported_records_pass_the_dossier_checks(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    sources = SOURCES + "rt:\n  name: RT\n  type: state-controlled broadcaster\n"
    sources += "sputnik-mundo:\n  name: Sputnik Mundo\n  type: unknown\n"
    (root / "dossier" / "sources.yml").write_text(sources, encoding="utf-8")
    export = tmp_path / "export.jsonl"
    write_jsonl(export, RECORDS)
    assert main(["--root", str(root), "import", "--format", "jsonl", str(export)]) == 0
    dossier = load_dossier(root)
    assert dossier.problems == [] and len(dossier.articles) == 3


def test_csv_export_with_a_multi_line_field(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "mc.csv"
    text = csv_text(RECORDS, MC_COLUMNS)
    export.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # as Excel saves it
    assert main(["--root", str(root), "import", "--format", "csv", str(export)]) == 0
    assert "3 new" in capsys.readouterr().out
    rows = text.split("\r\n")  # the writer ends rows with CRLF; newlines inside stay LF
    seeds = sorted((root / "seeds" / "mc").iterdir())
    assert [p.name[:7] for p in seeds] == ["000002_", "000005_", "000008_"]  # first lines
    first = seeds[0].read_bytes().decode("utf-8")
    assert first == f"{rows[0]}\r\n{rows[1]}\r\n"  # the header line and the row, as in the file
    assert list(csv.DictReader(io.StringIO(first)))[0]["text"] == RECORDS[0]["text"]
    for path in seeds:
        data, _ = by_seed(root)[f"seeds/mc/{path.name}"]
        assert data["seed_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    before = tree(root)
    assert main(["--root", str(root), "import", "--format", "csv", str(export)]) == 0
    assert tree(root) == before


def test_csv_with_a_mapping(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "scraper.csv"
    rows = [{"headline": r.get("title", ""), "body": r["text"], "date": r["publish_date"],
             "site": r["media_name"]} for r in RECORDS]  # fmt: skip
    export.write_text(csv_text(rows, ["headline", "body", "date", "site"]), encoding="utf-8")
    mapping = "text=body,published=date,outlet=site"
    assert (
        main(["--root", str(root), "import", "--format", "csv", str(export), "--map", mapping]) == 0
    )
    got = sorted((d["published"], d["outlet"]) for d, _ in by_seed(root).values())
    assert got == [("2019-03-25", "tass"), ("2019-03-28", "rt"), ("2019-05-01", "sputnik-mundo")]


def test_csv_without_the_mapped_column_writes_nothing(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "mc.csv"
    export.write_text(csv_text(RECORDS, MC_COLUMNS), encoding="utf-8")
    before = tree(root)
    args = ["--root", str(root), "import", "--format", "csv", str(export), "--map", "text=body"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{export}: has no column 'body' (mapped to text); its columns are: stories_id, " in err
    assert "nothing was imported" in err and tree(root) == before


def test_ambiguous_columns_must_be_mapped(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "both.csv"
    export.write_text("title,text,body\nT,One text.,Another text.\n", encoding="utf-8")
    assert main(["--root", str(root), "import", "--format", "csv", str(export)]) == 1
    assert "'text' and 'body' could each be the text; choose one with --map text=COLUMN" in (
        capsys.readouterr().err
    )
    args = ["--root", str(root), "import", "--format", "csv", str(export), "--map", "text=body"]
    assert main(args) == 0


def test_non_utf8_csv_names_the_line_and_byte(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "cp1252.csv"
    text = csv_text(RECORDS[:2], ["title", "publish_date", "text"]).replace("\r\n", "\n")
    export.write_bytes(text.replace("Zakharova", "Zajárova").encode("cp1252"))
    before = tree(root)
    assert main(["--root", str(root), "import", "--format", "csv", str(export)]) == 1
    err = capsys.readouterr().err
    assert f"{export}:5: not valid UTF-8 (byte 0xe1 at column 4)" in err  # Zajárova
    assert "nothing was imported" in err and tree(root) == before


def test_a_bad_record_leaves_nothing_and_the_others_go_in(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "mixed.jsonl"
    bad_date = {**RECORDS[1], "publish_date": "28/03/2019"}
    lines = [RECORDS[0], bad_date, {**RECORDS[2], "text": "  \n\n "}, '{"title": "cut off', [1, 2],
             {**RECORDS[1], "text": "Bell\x07 inside"}, b"\xff\xfe{}", RECORDS[2],
             {**RECORDS[1], "language": "English"}, {**RECORDS[1], "url": "javascript:alert(1)"},
             '{"text": "a", "text": "b"}', {"summary": "no text key"}]  # fmt: skip
    export.write_bytes(
        b"\n".join(
            x if isinstance(x, bytes) else (x if isinstance(x, str) else json.dumps(x)).encode()
            for x in lines
        )
        + b"\n"
    )
    assert main(["--root", str(root), "import", "--format", "jsonl", str(export)]) == 1
    err = capsys.readouterr().err
    for message in [
        "mixed.jsonl:2: field 'published' (column 'publish_date'): '28/03/2019' is not a date",
        "mixed.jsonl:3: field 'text' (column 'text'): is empty",
        "mixed.jsonl:4: not valid JSON (Unterminated string",
        "mixed.jsonl:5: a record must be a JSON object",
        "mixed.jsonl:6: field 'text' (column 'text'): control character U+0007 is not allowed",
        "mixed.jsonl:7: not valid UTF-8 (byte 0xff at column 1)",
        "mixed.jsonl:9: field 'language' (column 'language'): 'english' is not a language code",
        "mixed.jsonl:10: field 'url' (column 'url'): 'javascript:alert(1)' is not an http(s) address",
        "mixed.jsonl:11: not valid JSON (duplicate key 'text')",
        "mixed.jsonl:12: no column for the text",
    ]:
        assert message in err, message
    seeds = sorted(p.name[:7] for p in (root / "seeds" / "mixed").iterdir())
    assert seeds == ["000001_", "000008_"] and len(by_seed(root)) == 2


def test_a_record_repeated_is_a_duplicate(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "twice.jsonl"
    write_jsonl(export, [RECORDS[0], RECORDS[0]])
    assert main(["--root", str(root), "import", "--format", "jsonl", str(export)]) == 0
    assert "1 new, 1 duplicate" in capsys.readouterr().out
    assert len(list((root / "seeds" / "twice").iterdir())) == 1


def test_a_failed_article_write_removes_its_seed(tmp_path: Path, monkeypatch) -> None:
    root = project(tmp_path / "project")
    export = tmp_path / "disk-full.jsonl"
    write_jsonl(export, [RECORDS[0]])
    before = tree(root)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dossier_core.newarticle.add_article", disk_full)
    articles = root / "dossier" / "articles"
    (outcome,) = import_export(export, "jsonl", {}, root, articles)
    assert outcome.status == "failed" and "No space left on device" in outcome.warnings[0]
    assert tree(root) == before  # neither the seed nor its folder is left


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-03-25", "2019-03-25"), ("2019-03", "2019-03"), ("2019", "2019"),
     ("2019-03-25 14:02:11", "2019-03-25"), ("2019-03-25T14:02:11Z", "2019-03-25"),
     ("2019-03-25T23:30:00.123456-04:00", "2019-03-25"), ("2019-03-25 14:02", "2019-03-25"),
     ("2019-03-25T14:02:11+0000", "2019-03-25"),
     ("", ""), ("25/03/2019", None), ("2019-02-30", None), ("2019-13", None),
     ("2019-03-25 25:00:00", None), ("March 25, 2019", None), ("1553522531", None)],
)  # fmt: skip
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "body"),
    [("One.\n\nTwo.", "One.\n\nTwo."),
     ("One.\nTwo.", "One.\n\nTwo."),  # no blank line: each line is a paragraph
     ("One line\nwrapped.\n\nTwo.", "One line\nwrapped.\n\nTwo."),  # blank lines: kept as is
     ("  One.\r\n \t\r\nTwo.  \n\n\n", "One.\n\nTwo."),
     ("*not* <b>markup</b>\u00a0& {{ x }}", "*not* <b>markup</b>\u00a0& {{ x }}")],
)  # fmt: skip
def test_body_from_text(text: str, body: str) -> None:
    assert body_from_text(text) == body


@pytest.mark.parametrize(
    ("spec", "message"),
    [("text", "'text' is not FIELD=COLUMN"), ("body=text", "'body=text' is not FIELD=COLUMN"),
     ("text=a,text=b", "text is mapped twice")],
)  # fmt: skip
def test_parse_map_errors(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_map(spec)
    assert parse_map("text=body, published=publish_date") == {
        "text": "body", "published": "publish_date"
    }  # fmt: skip


def test_usage_errors(tmp_path: Path, capsys) -> None:
    root = project(tmp_path / "project")
    base = ["--root", str(root), "import"]
    assert main([*base, "--format", "csv", "x.csv", "--map", "txt=body"]) == 2
    assert main([*base, "--format", "jsonl"]) == 2
    assert main([*base, "a.txt", "--map", "text=body"]) == 2
    assert main(base) == 2
    assert "dossier import: error:" in capsys.readouterr().err
