"""A PTC corpus (article<ID>.txt + article<ID>.task2-TC.labels) -> annotated articles.

Each article keeps its whole file as its text (the title line included, since spans
may fall in it), so body offsets are the file's offsets. Each span becomes a quote
with just enough prefix or suffix to be unique, verified by the anchoring code
itself; offsets are added only where no context can make the quote unique.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .anchoring import AnchorError, anchor, occurrences, unique_prefix, unique_suffix
from .atomicwrite import write_atomic, write_atomic_bytes
from .model import Annotation
from .newarticle import KnownSeeds, Outcome, existing_seeds, previous_import
from .ptcformat import PTC_TO_LABEL
from .yamlload import YamlProblem, decode_utf8


@dataclass(frozen=True)
class PtcSpan:
    technique: str
    start: int
    end: int


def read_spans(path: Path) -> list[PtcSpan]:
    """The spans of one labels file; ValueError names the file and line of a bad one."""
    spans = []
    try:
        text = decode_utf8(path.read_bytes())
    except YamlProblem as error:
        raise ValueError(f"{path}:{error.line}: {error.message}") from None
    for number, line in enumerate(text.splitlines(), start=1):
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
    candidates: list[dict[str, str]] = [{}]
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
    """Import every article<ID>.txt of a PTC folder; never overwrite an existing article.

    A bad article (not UTF-8, a bad labels line) is a `failed` outcome naming its file and
    line, and writes nothing; the others still go in. ValueError when the folder holds
    no article<ID>.txt file at all.
    """
    sources = sorted(articles_dir.glob("article*.txt"))
    if not sources:
        raise ValueError(
            f"{articles_dir}: no article<ID>.txt files; name the articles folder of the "
            "PTC corpus (and its labels folder with --labels)"
        )
    known = existing_seeds(out_dir, root)
    outcomes = []
    for source in sources:
        try:
            outcomes.append(_import_one(source, labels_dir, root, out_dir, known))
        except (ValueError, OSError) as error:
            if isinstance(error, OSError):
                why = f"{error.filename or source}: cannot be read or written ({error.strerror})"
            else:
                why = str(error)
            outcomes.append(Outcome(str(source), "failed", "", (why + "; nothing was written",)))
    return outcomes


def _import_one(
    source: Path, labels_dir: Path, root: Path, out_dir: Path, known: KnownSeeds
) -> Outcome:
    raw = source.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    resolved = source.resolve()
    inside = resolved.is_relative_to(root)
    seed = resolved if inside else root / "seeds" / "ptc" / source.name
    seed_rel = seed.relative_to(root).as_posix()
    earlier = previous_import(seed_rel, digest, known, root)
    if earlier:
        return earlier
    try:
        text = decode_utf8(raw).lstrip("\ufeff")
    except YamlProblem as error:
        raise ValueError(f"{source}:{error.line}: {error.message}") from None
    labels = labels_dir / f"{source.stem}.task2-TC.labels"
    spans = read_spans(labels) if labels.exists() else []
    article_id = f"ptc-{source.stem.removeprefix('article')}"
    path = out_dir / f"{article_id}.md"
    if path.exists():
        rel = path.relative_to(root).as_posix()
        raise ValueError(f"{source}: {rel} exists and was made from another seed; not replaced")
    article = _article_file(article_id, seed_rel, digest, text, spans)
    if not inside:  # seeds live in the project: a corpus file outside it is copied
        if seed.exists() and seed.read_bytes() != raw:
            raise ValueError(f"{seed_rel}: exists with other bytes; not replaced")
        seed.parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(seed, raw)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(path, article)
    known.add(seed_rel, path, digest)
    return Outcome(seed_rel, "new", path.relative_to(root).as_posix())


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
