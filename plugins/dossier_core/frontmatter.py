"""Strict split of an article file into YAML front matter and body, and its reading."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .annotations import read_annotations
from .fields import Reader, yaml_problem
from .language import LANGUAGE_CODE
from .model import Article, Problem, RemovedLine
from .yamlload import YamlProblem, decode_utf8, load_yaml

# An article is a few pages of text; a file this large is a mistake or an attack,
# and would stall every build.
MAX_ARTICLE_BYTES = 5_000_000
# Control characters have no place in an article and no faithful HTML form
# (NUL becomes U+FFFD); tab, line feed and carriage return are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ARTICLE_FIELDS = {
    "id", "title", "outlet", "published", "date_note", "language", "url", "seed",
    "seed_sha256", "removed", "summary", "tags", "actors", "annotations", "title_note",
    "author", "site_name", "fetched_url", "fetched_at", "extracted_with",
}  # fmt: skip


class FrontMatterError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


def split(text: str) -> tuple[str, str, int]:
    """Split `---` front matter from the body.

    Returns:
        (yaml_text, body, body_line): body_line is the 1-based file line where the body
        starts. The body loses the one blank line that conventionally follows `---`.

    Raises:
        FrontMatterError: when the file does not open with `---` or never closes it.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        raise FrontMatterError(1, "an article must start with a '---' front matter line")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r") == "---":
            yaml_text = "\n".join(lines[1 : number - 1])
            rest = lines[number:]
            body_line = number + 1
            if rest and rest[0].strip() == "":
                rest = rest[1:]
                body_line += 1
            return yaml_text, "\n".join(rest), body_line
    raise FrontMatterError(1, "the front matter opened on line 1 is never closed with '---'")


def refuse_file(path: Path, root: Path, limit: int) -> str | None:
    """Why a dossier file must not be read (outside the project, too large), or None."""
    if not path.resolve().is_relative_to(root.resolve()):
        return "is a link to a file outside the project; it is not read"
    size = path.stat().st_size
    if size > limit:
        return f"is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB"
    return None


def check_characters(text: str) -> None:
    """Raise YamlProblem at the line of the first control character (NUL, bell...)."""
    match = _CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise YamlProblem(line, f"control character U+{ord(match.group()):04X} is not allowed")


def normalise_body(body: str) -> str:
    """Line ends to LF, trailing blank lines dropped; the text itself is untouched."""
    return body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def read_body(path: Path) -> str | None:
    """An article file's text (its body, normalised), or None when the file cannot be
    read or split (`dossier check` says why): for import's comparisons of texts."""
    try:
        return normalise_body(split(path.read_text(encoding="utf-8"))[1])
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return None


def read_article(path: Path, root: Path, problems: list[Problem]) -> Article | None:
    """Load one article file; append problems (with file and line) and return None if unusable."""
    rel = path.relative_to(root).as_posix()
    refusal = refuse_file(path, root, MAX_ARTICLE_BYTES)
    if refusal:
        problems.append(Problem(rel, None, refusal))
        return None
    try:
        text = decode_utf8(path.read_bytes())
        check_characters(text)
        yaml_text, body, body_line = split(text)
        data = load_yaml(yaml_text, first_line=2)
    except YamlProblem as error:
        problems.append(yaml_problem(rel, error))
        return None
    except FrontMatterError as error:
        problems.append(Problem(rel, error.line, error.message))
        return None
    # A broken article field drops the article; a broken annotation only drops that
    # annotation, so the rest of the article is still published (and the problem
    # still reported).
    fatal: list[Problem] = []
    article = _article_from(Reader(data, rel, 1, fatal), rel, normalise_body(body), body_line)
    annotations = read_annotations(Reader(data, rel, 1, problems)) if isinstance(data, dict) else ()
    problems.extend(fatal)
    if fatal:
        return None
    return replace(article, annotations=annotations)


def _article_from(r: Reader, rel: str, body: str, body_line: int) -> Article:
    r.unknown_keys(ARTICLE_FIELDS)
    actors = r.mapping("actors")
    actors.unknown_keys({"add", "ignore"})
    article_id = r.ident("id")
    if article_id and Path(rel).stem != article_id:
        r.error(r.line_of("id"), f"id {article_id!r} differs from the file name {Path(rel).name!r}")
    if not body.strip():
        r.error(body_line, "the article has no text")
    return Article(
        id=article_id,
        path=rel,
        title=r.string("title", required=True),
        title_note=r.string("title_note"),
        outlet=r.ident("outlet", required=False) or "unknown",
        body_utf8=body.encode("utf-8"),
        body_line=body_line,
        published=r.date("published"),
        date_note=r.string("date_note"),
        language=_language(r),
        url=_url(r),
        author=r.string("author"),
        site_name=r.string("site_name"),
        fetched_url=_url(r, "fetched_url"),
        fetched_at=r.string("fetched_at"),
        extracted_with=r.string("extracted_with"),
        seed=r.optional("seed"),
        seed_sha256=r.optional("seed_sha256"),
        removed=_removed(r),
        summary=r.string("summary"),
        tags=_tags(r),
        actors_add=actors.strings("add"),
        actors_ignore=actors.strings("ignore"),
        lines=dict(getattr(r.data, "key_lines", {})),
    )


def _language(r: Reader) -> str:
    code = r.string("language", default="en")
    if not LANGUAGE_CODE.match(code):
        r.error(
            r.line_of("language"),
            f"'language' must be a language code such as en, es or ru (ISO 639), found {code!r}",
        )
        return "en"
    return code


def _url(r: Reader, key: str = "url") -> str | None:
    url = r.optional(key)
    if url and not url.startswith(("http://", "https://")):
        r.error(r.line_of(key), f"'{key}' must be an http(s) address, found {url!r}")
        return None
    return url


# A tag names its page (tags/<tag>/) and is written into URLs as it is: a slug, short
# enough for a file name. "index" is the page listing every tag.
_TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TAG = 80


def _tags(r: Reader) -> tuple[str, ...]:
    """The article's tags, each once, in the order written; a tag that is no slug is a
    located error (with the slug to write), never silently changed."""
    tags: list[str] = []
    for tag, line in r.items("tags"):
        if isinstance(tag, bool) or not isinstance(tag, (str, int)):
            r.error(line, "'tags' items must be text, such as oslo-talks")
            continue
        text = str(tag).strip()
        if text == "index":
            r.error(line, "tag 'index' is reserved (the page listing every tag); choose another")
        elif len(text) > MAX_TAG or not _TAG.match(text):
            hint = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_TAG].strip("-")
            advice = f"; write {hint!r}" if hint and hint != "index" else ""
            r.error(
                line,
                f"tag {text!r} is not a slug: lowercase letters a-z, digits and single "
                f"hyphens, at most {MAX_TAG} characters{advice}",
            )
        elif text not in tags:
            tags.append(text)
    return tuple(tags)


def _removed(r: Reader) -> tuple[RemovedLine, ...]:
    result = []
    for item, line in r.items("removed"):
        entry = Reader(item, r.path, line, r.problems)
        entry.unknown_keys({"line", "text", "reason"})
        number = entry.data.get("line")
        if not isinstance(number, int) or isinstance(number, bool):
            entry.error(line, "'removed' items need an integer 'line'")
            number = 0
        result.append(RemovedLine(number, entry.string("text"), entry.string("reason")))
    return tuple(result)
