"""The glossary (actors.yml) and the outlets (sources.yml): loading and validation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .fields import Reader, yaml_problem
from .frontmatter import refuse_file
from .model import (
    ACTOR_KINDS,
    LABEL_GROUPS,
    Actor,
    Alias,
    Citation,
    Label,
    Narrative,
    OutletLabel,
    Problem,
    Source,
)  # fmt: skip
from .narrativeregistry import read_narrative
from .text import fold
from .yamlload import YamlProblem, decode_utf8, load_yaml

ACTOR_FIELDS = {"name", "kind", "description", "aliases", "metonyms"}
MAX_REGISTRY_BYTES = 20_000_000  # a glossary of some 100,000 actors
LABEL_FIELDS = {"name", "group", "definition", "example", "colour", "verdicts"}
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
SOURCE_FIELDS = {"name", "full_name", "domain", "country", "type", "description", "labels"}


@dataclass
class Registry:
    actors: dict[str, Actor] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    labels: dict[str, Label] = field(default_factory=dict)
    narratives: dict[str, Narrative] = field(default_factory=dict)  # narratives.yml
    # "actors", "sources", "labels" -> the file (relative to the project) that could
    # not be read at all: references to it are not checked (one problem says so).
    unreadable: dict[str, str] = field(default_factory=dict)


def load_registry(root: Path, dossier_dir: str, problems: list[Problem]) -> Registry:
    """Load actors.yml, sources.yml, labels.yml and narratives.yml (optional) from
    `root/dossier_dir`, with problems."""
    base = root / dossier_dir
    registry = Registry()
    actors = _load_mapping(base / "actors.yml", root, problems, registry, "actors")
    for actor_id, (_, reader) in actors.items():
        registry.actors[actor_id] = _actor(actor_id, reader)
    _derive_surnames(registry.actors)
    _check_alias_collisions(registry.actors, f"{dossier_dir}/actors.yml", problems)
    sources = _load_mapping(base / "sources.yml", root, problems, registry, "sources")
    for source_id, (_, reader) in sources.items():
        registry.sources[source_id] = _source(source_id, reader)
    labels_path = base / "labels.yml"
    if labels_path.exists():  # a dossier without annotations needs no labels
        labels = _load_mapping(labels_path, root, problems, registry, "labels")
        for label_id, (_, reader) in labels.items():
            registry.labels[label_id] = _label(label_id, reader)
    narratives_path = base / "narratives.yml"
    if narratives_path.exists():  # optional: a dossier without it has no narratives
        narratives = _load_mapping(narratives_path, root, problems, registry, "narratives")
        for narrative_id, (_, reader) in narratives.items():
            registry.narratives[narrative_id] = read_narrative(narrative_id, reader)
    return registry


def _load_mapping(
    path: Path, root: Path, problems: list[Problem], registry: Registry, kind: str
) -> dict:
    """The entries of one registry file; when the file cannot be read at all, its one
    problem, and `registry.unreadable[kind]` set so that references go unchecked."""
    rel = path.relative_to(root).as_posix()
    found: list[Problem] = []
    data = _read_registry_file(path, rel, root, found)
    if found or (data is not None and not isinstance(data, dict)):
        registry.unreadable[kind] = rel
    problems.extend(found)
    if data is None:
        return {}
    top = Reader(data, rel, 1, problems)
    result = {}
    for key, value in top.data.items():
        line = top.line_of(key)
        reader = Reader(value, rel, line, problems)
        probe = Reader({"id": key}, rel, line, problems)
        if probe.ident("id"):
            result[str(key)] = (value, reader)
    return result


def _read_registry_file(path: Path, rel: str, root: Path, problems: list[Problem]) -> object:
    if not path.exists():
        where = f"looked in {path.parent}"
        problems.append(Problem(rel, None, f"file not found ({where}); create it or pass --root"))
        return None
    refusal = refuse_file(path, root, MAX_REGISTRY_BYTES)
    if refusal:
        problems.append(Problem(rel, None, refusal))
        return None
    try:
        return load_yaml(decode_utf8(path.read_bytes()))
    except YamlProblem as error:
        problems.append(yaml_problem(rel, error))
        return None
    except OSError as error:
        problems.append(Problem(rel, None, f"cannot be read ({error.strerror or error})"))
        return None


def _alias(text: str, metonym: bool) -> Alias:
    letters = [c for c in text if c.isalpha()]
    # Acronyms in capitals are matched as written: "US" must not match "us".
    acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
    return Alias(text=text, metonym=metonym, case_sensitive=acronym)


def _actor(actor_id: str, r: Reader) -> Actor:
    r.unknown_keys(ACTOR_FIELDS)
    name = r.string("name", required=True)
    kind = r.string("kind", required=True)
    if kind and kind not in ACTOR_KINDS:
        r.error(
            r.line_of("kind"), f"unknown kind {kind!r} (expected one of: {', '.join(ACTOR_KINDS)})"
        )
    aliases = [_alias(name, False)] if name else []
    aliases += [_alias(a, False) for a in r.strings("aliases")]
    aliases += [_alias(a, True) for a in r.strings("metonyms")]
    return Actor(
        id=actor_id,
        name=name,
        kind=kind,
        description=r.string("description"),
        aliases=tuple(_dedupe(aliases)),
        line=r.line,
    )


def _dedupe(aliases: list[Alias]) -> list[Alias]:
    seen: set[str] = set()
    result = []
    for alias in aliases:
        key = alias.text if alias.case_sensitive else fold(alias.text)
        if alias.text and key not in seen:
            seen.add(key)
            result.append(alias)
    return result


def _derive_surnames(actors: dict[str, Actor]) -> None:
    """Give each person their surname as an alias, unless another actor claims it.

    A surname alone resolves to its person ("Maduro"), but a name shared by two
    actors resolves to neither: the analyst must list it explicitly.
    """
    claimed: dict[str, set[str]] = {}
    for actor in actors.values():
        for alias in actor.aliases:
            claimed.setdefault(fold(alias.text), set()).add(actor.id)
    surnames: dict[str, list[str]] = {}
    for actor in actors.values():
        words = actor.name.split()
        if actor.kind == "person" and len(words) > 1 and len(words[-1]) >= 3:
            surnames.setdefault(fold(words[-1]), []).append(actor.id)
    for surname, owners in surnames.items():
        if len(owners) == 1 and not (claimed.get(surname, set()) - {owners[0]}):
            actor = actors[owners[0]]
            if surname not in claimed:
                extra = Alias(text=actor.name.split()[-1])
                actors[actor.id] = _replace_aliases(actor, actor.aliases + (extra,))


def _replace_aliases(actor: Actor, aliases: tuple[Alias, ...]) -> Actor:
    return replace(actor, aliases=aliases)


def _check_alias_collisions(actors: dict[str, Actor], rel: str, problems: list[Problem]) -> None:
    owner: dict[str, str] = {}
    for actor in actors.values():
        for alias in actor.aliases:
            key = alias.text if alias.case_sensitive else fold(alias.text)
            other = owner.setdefault(key, actor.id)
            if other != actor.id:
                problems.append(
                    Problem(
                        rel,
                        actor.line,
                        f"alias {alias.text!r} of '{actor.id}' is also a name of '{other}' "
                        f"(line {actors[other].line}); give it to one actor only",
                    )
                )


def _source(source_id: str, r: Reader) -> Source:
    r.unknown_keys(SOURCE_FIELDS)
    labels = []
    for item, line in r.items("labels"):
        entry = Reader(item, r.path, line, r.problems)
        entry.unknown_keys({"label", "basis", "citation", "as_of"})
        citation = entry.mapping("citation")
        url = citation.optional("url")
        if url and not url.startswith(("http://", "https://")):
            citation.error(citation.line_of("url"), f"citation url must be http(s), found {url!r}")
            url = None
        labels.append(
            OutletLabel(
                label=entry.string("label", required=True),
                basis=entry.string("basis", required=True),
                citation=Citation(citation.string("title", required=True), url),
                as_of=entry.date("as_of"),
            )
        )
    return Source(
        id=source_id,
        name=r.string("name", required=True),
        type=r.string("type", required=True),
        full_name=r.optional("full_name"),
        domain=r.optional("domain"),
        country=r.optional("country"),
        description=r.string("description"),
        labels=tuple(labels),
        line=r.line,
    )


def _label(label_id: str, r: Reader) -> Label:
    r.unknown_keys(LABEL_FIELDS)
    group = r.string("group", required=True)
    if group and group not in LABEL_GROUPS:
        r.error(
            r.line_of("group"),
            f"unknown group {group!r} (expected one of: {', '.join(LABEL_GROUPS)})",
        )
    colour = r.mapping("colour")
    colour.unknown_keys({"light", "dark"})
    shades = {}
    for scheme in ("light", "dark"):
        value = colour.string(scheme, required=True)
        if value and not _COLOUR.match(value):
            colour.error(
                colour.line_of(scheme), f"colour.{scheme} must be #rrggbb, found {value!r}"
            )
            value = ""
        shades[scheme] = value or "#dddddd"
    verdicts = r.strings("verdicts")
    if verdicts and group != "claim":
        r.error(r.line_of("verdicts"), "only labels of the claim group take verdicts")
    return Label(
        id=label_id,
        name=r.string("name", required=True),
        group=group,
        definition=r.string("definition", required=True),
        example=r.string("example"),
        colour_light=shades["light"],
        colour_dark=shades["dark"],
        verdicts=verdicts,
        line=r.line,
    )
