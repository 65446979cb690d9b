"""Safe YAML loading that keeps line numbers and refuses duplicate keys.

PyYAML's safe loader silently keeps the last of two equal keys and forgets where
things were; analysts need both reported, so mappings and lists built here carry
the (1-based) line of each key or item.
"""

from __future__ import annotations

from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A dict that remembers the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A list that remembers the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


class YamlProblem(Exception):
    """A YAML error at a (1-based) line, and column when it helps, of the file."""

    def __init__(self, line: int | None, message: str, column: int | None = None) -> None:
        self.line = line
        self.column = column
        self.message = message
        super().__init__(message)


TAB_MESSAGE = (
    "a tab character; YAML allows only spaces for indentation and separation: "
    "replace it with spaces"
)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    line_offset = 0  # added to every line: front matter starts on line 2 of its file


def _line(loader: Any, node: yaml.Node) -> int:
    return node.start_mark.line + 1 + loader.line_offset


def _mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = _line(loader, node)
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise YamlProblem(_line(loader, key_node), "mapping keys must be plain values")
        if key in result:
            raise YamlProblem(
                _line(loader, key_node),
                f"duplicate key {key!r} (first on line {result.key_lines[key]})",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = _line(loader, key_node)
    return result


def _sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = _line(loader, node)
    result.item_lines = [_line(loader, child) for child in node.value]
    return result


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """A date or time, or its text when it is no date (2019-02-30, 2019-13-45): PyYAML
    would raise a bare ValueError; `fields.Reader.date` says what is wrong with it."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return str(node.value)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse YAML safely; raise YamlProblem with a file line number on any error.

    Args:
        text: the YAML source.
        first_line: the file line on which `text` starts (front matter starts on 2).
    """
    offset = first_line - 1
    try:
        # Aliases let a few lines expand into gigabytes ("billion laughs"); a dossier
        # has no use for them, so any alias is refused before anything is built.
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise YamlProblem(
                    mark.line + 1 + offset if mark is not None else None,
                    "YAML aliases (*name) are not allowed in dossier files",
                )
        loader = _Loader(text)
        loader.line_offset = offset
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else None
        column = _tab_column(text, mark, str(error.problem or ""))
        if column is not None:
            raise YamlProblem(line, TAB_MESSAGE, column) from None
        raise YamlProblem(line, f"invalid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"invalid YAML: {error}") from None


def _tab_column(text: str, mark: Any, problem: str) -> int | None:
    """The 1-based column of the tab an error is about, or None: the character at the
    mark, else a tab in the line's indentation, else any tab of the line when the
    parser's own message names one."""
    if mark is None:
        return None
    lines = text.split("\n")
    if not 0 <= mark.line < len(lines):
        return None
    line = lines[mark.line]
    if line[mark.column : mark.column + 1] == "\t":
        return int(mark.column) + 1
    indent = len(line) - len(line.lstrip(" \t"))
    if "\t" in line[:indent] or ("tab" in problem and "\t" in line):
        return line.index("\t") + 1
    return None


def decode_utf8(raw: bytes) -> str:
    """Decode UTF-8 text; raise YamlProblem naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 1].hex()
        raise YamlProblem(line, f"not valid UTF-8 (byte 0x{bad} at offset {error.start})") from None
