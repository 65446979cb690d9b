"""Frozen data model of a dossier: what the loaders produce and the renderers consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

ACTOR_KINDS = ("person", "organisation", "institution", "country", "city", "place")


@dataclass(frozen=True)
class Problem:
    """Something wrong in the dossier, located by file (relative to the project), line
    and, where it helps (a tab YAML refuses), column."""

    path: str
    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.line and self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


class DossierError(Exception):
    """Raised when the dossier cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Alias:
    """One written form of an actor's name.

    `metonym` marks a figurative name (Washington for the US government);
    `case_sensitive` is set for acronyms written in capitals (US, UN), so that
    the pronoun "us" is never taken for the United States.
    """

    text: str
    metonym: bool = False
    case_sensitive: bool = False


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    description: str
    aliases: tuple[Alias, ...]
    line: int | None = None


@dataclass(frozen=True)
class Citation:
    title: str
    url: str | None


@dataclass(frozen=True)
class OutletLabel:
    """A label given to an outlet, with the basis for it and the date it was checked."""

    label: str
    basis: str
    citation: Citation
    as_of: str


# The sources.yml `type` of a placeholder: one site whose outlet is not identified.
# Each such site has its own entry, so that statistics never credit two sites to one
# outlet that does not exist.
UNIDENTIFIED = "unidentified"


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    type: str
    full_name: str | None = None
    domain: str | None = None
    country: str | None = None
    description: str = ""
    labels: tuple[OutletLabel, ...] = ()
    line: int | None = None

    @property
    def unidentified(self) -> bool:
        """A placeholder for one unidentified site (not a known outlet)."""
        return self.type == UNIDENTIFIED


@dataclass(frozen=True)
class RemovedLine:
    """A line (or part of one) that import dropped as page furniture."""

    line: int
    text: str
    reason: str


LABEL_GROUPS = ("technique", "claim", "context", "correction")


@dataclass(frozen=True)
class Label:
    """An annotation category (labels.yml)."""

    id: str
    name: str
    group: str
    definition: str
    example: str
    colour_light: str
    colour_dark: str
    verdicts: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Narrative:
    """A claim tracked across outlets (narratives.yml), with an optional sourced refutation."""

    id: str
    title: str
    summary: str
    refutation: str = ""
    sources: tuple[Citation, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class EvidenceLink:
    url: str
    title: str = ""


@dataclass(frozen=True)
class Annotation:
    """An annotation as written in front matter: a W3C-style text quote selector.

    `prefix`/`suffix` pick one of several occurrences of `quote`; `start`/`end` are an
    optional fast path (character offsets into the article body).
    """

    quote: str
    label: str
    line: int  # line of the item in the article file
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    verdict: str = ""
    actors: tuple[str, ...] = ()
    links: tuple[EvidenceLink, ...] = ()
    narrative: str = ""  # a key of narratives.yml: the narrative the passage carries
    id: str = ""  # the analyst's stable id (a slug), or "" for one derived (noteids.py)


@dataclass(frozen=True)
class Anchored:
    """An annotation anchored to [start, end) of its article's body.

    `number` is its note number, 1-based, in reading order (by place in the text);
    `ident` its stable id (noteids.py), which names it on every page (`anchor`);
    `position` its place, 1-based, in the front matter's list, which the anchors of
    earlier builds used (`legacy`: links shared then still land, see notes.js)."""

    annotation: Annotation
    number: int
    start: int
    end: int
    ident: str
    position: int

    @property
    def anchor(self) -> str:
        """The passage's element id on its article page: a-<stable id>."""
        return f"a-{self.ident}"

    @property
    def legacy(self) -> str:
        """The anchor earlier builds gave the passage: a-<front-matter position>."""
        return f"a-{self.position}"


@dataclass(frozen=True)
class Article:
    id: str
    path: str  # relative to the project root
    title: str
    outlet: str
    # The text as published, kept as UTF-8: Python stores a str with one curly quote at
    # two bytes a character, and bodies are most of a large dossier's memory.
    body_utf8: bytes
    body_line: int  # line of the file on which the body starts
    title_note: str = ""
    published: str = ""
    date_note: str = ""
    language: str = "en"
    url: str | None = None
    author: str = ""
    site_name: str = ""
    fetched_url: str | None = None
    fetched_at: str = ""
    extracted_with: str = ""
    seed: str | None = None
    seed_sha256: str | None = None
    removed: tuple[RemovedLine, ...] = ()
    summary: str = ""
    tags: tuple[str, ...] = ()
    actors_add: tuple[str, ...] = ()
    actors_ignore: tuple[str, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def body(self) -> str:
        """The text as published (the last few decoded are kept: listings quote the
        same article several times in a row)."""
        return _decoded(self.body_utf8)


@lru_cache(maxsize=256)
def _decoded(text: bytes) -> str:
    return text.decode("utf-8")


@dataclass(frozen=True)
class Mention:
    """An actor named in an article body: [start, end) offsets into `Article.body`."""

    actor_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Span:
    """A stand-off span for the serialiser: a mention today, an annotation tomorrow."""

    start: int
    end: int
    kind: str  # "mention" or "annotation"
    ref: str  # actor id, or label id
    anchor: str  # element id on the page
    title: str = ""
    url: str = ""
    number: int = 0  # annotations: their note number in the article (reading order)
    legacy: str = ""  # annotations: the anchor earlier builds used (Anchored.legacy)
