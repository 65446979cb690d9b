"""A PTC corpus (article<ID>.txt + article<ID>.task2-TC.labels) -> annotated articles.

Each article keeps its whole file as its text (the title line included, since spans
may fall in it), so body offsets are the file's offsets. Each span becomes a quote
with just enough prefix or suffix to be unique, verified by the anchoring code
itself; offsets are added only where no context can make the quote unique.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .anchoring import AnchorError, anchor, occurrences, unique_prefix, unique_suffix
from .atomicwrite import write_atomic
from .model import Annotation
from .newarticle import Outcome, existing_seeds, previous_import
from .ptcformat import PTC_TO_LABEL


@dataclass(frozen=True)
class PtcSpan:
    technique: str
    start: int
    end: int


def read_spans(path: Path) -> list[PtcSpan]:
    """The spans of one labels file; ValueError names the file and line of a bad one."""
    spans = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[2].isdigit() or not fields[3].isdigit():
            raise ValueError(f"{path}:{number}: expected ID<TAB>technique<TAB>start<TAB>end")
        if fields[1] not in PTC_TO_LABEL:
            raise ValueError(f"{path}:{number}: unknown PTC technique {fields[1]!r}")
        spans.append(PtcSpan(fields[1], int(fields[2]), int(fields[3])))
    return spans


def selector(body: str, start: int, end: int) -> dict:
    """The shortest quote selector (quote, then prefix or suffix, then offsets) that
    anchors to exactly [start, end) of body."""
    quote = body[start:end]
    spans = [(s, s + len(quote)) for s in occurrences(body, quote)]
    candidates = [{}]
    if len(spans) > 1:
        candidates = [
            {"prefix": unique_prefix(body, start, end, spans)},
            {"suffix": unique_suffix(body, start, end, spans)},
            {"prefix": unique_prefix(body, start, end, spans),
             "suffix": unique_suffix(body, start, end, spans)},
        ]  # fmt: skip
    for extra in sorted(candidates, key=lambda c: sum(len(v) for v in c.values())):
        if _anchors(body, quote, extra, start, end):
            return {"quote": quote, **extra}
    return {"quote": quote, "start": start, "end": end}


def _anchors(body: str, quote: str, extra: dict, start: int, end: int) -> bool:
    try:
        return anchor(body, Annotation(quote, "x", 0, **extra)) == (start, end)
    except AnchorError:
        return False


def import_ptc(articles_dir: Path, labels_dir: Path, root: Path, out_dir: Path) -> list[Outcome]:
    """Import every article<ID>.txt of a PTC folder; never overwrite an existing article."""
    out_dir.mkdir(parents=True, exist_ok=True)
    known = existing_seeds(out_dir, root)
    outcomes = []
    for source in sorted(articles_dir.glob("article*.txt")):
        seed = _seed_inside(source, root)
        seed_rel = seed.relative_to(root).as_posix()
        raw = seed.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        earlier = previous_import(seed_rel, digest, known, root)
        if earlier:
            outcomes.append(earlier)
            continue
        labels = labels_dir / f"{source.stem}.task2-TC.labels"
        spans = read_spans(labels) if labels.exists() else []
        article_id = f"ptc-{source.stem.removeprefix('article')}"
        path = out_dir / f"{article_id}.md"
        text = raw.decode("utf-8").lstrip("\ufeff")
        write_atomic(path, _article_file(article_id, seed_rel, digest, text, spans))
        outcomes.append(Outcome(seed_rel, "new", path.relative_to(root).as_posix()))
    return outcomes


def _seed_inside(source: Path, root: Path) -> Path:
    """Seeds live in the project: a corpus file outside it is copied to seeds/ptc/."""
    source = source.resolve()
    if source.is_relative_to(root):
        return source
    target = root / "seeds" / "ptc" / source.name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target


def _article_file(article_id: str, seed_rel: str, digest: str, text: str, spans: list) -> str:
    body = text.replace("\r\n", "\n").rstrip("\n")
    if body != text.rstrip("\n") or body.startswith("\n"):
        raise ValueError(f"{seed_rel}: CRLF line ends or a leading blank line would shift offsets")
    title = body.split("\n", 1)[0].strip() or article_id
    annotations = [
        {**selector(body, s.start, s.end), "label": PTC_TO_LABEL[s.technique]} for s in spans
    ]
    data = {
        "id": article_id, "title": title, "outlet": "unknown", "language": "en",
        "date_note": "The PTC corpus gives no date.", "seed": seed_rel, "seed_sha256": digest,
        "annotations": annotations,
    }  # fmt: skip
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{front}---\n\n{body}\n"
