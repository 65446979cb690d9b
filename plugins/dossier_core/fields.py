"""Typed reading of loaded YAML values, turning every mistake into a located Problem."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from .model import Problem
from .yamlload import YamlProblem

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# What YAML reads as a timestamp: a date, maybe followed by a time.
_TIMESTAMP = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]|$)")
_BOOLEAN_HINT = "YAML reads unquoted yes/no/true/false/on/off as a boolean; put it in quotes"


def yaml_problem(path: str, error: YamlProblem) -> Problem:
    """The Problem of a file that YAML (or UTF-8 decoding) refused."""
    return Problem(path, error.line, error.message, error.column)


def date_problem(text: str) -> str | None:
    """Why a date-shaped text (YYYY, YYYY-MM, YYYY-MM-DD, maybe with a time) is no
    date, e.g. 'February 2019 has 28 days'; None when it is one."""
    match = _TIMESTAMP.match(text) or re.match(r"^(\d{4})(?:-(\d{1,2}))?()$", text)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    if year == 0:
        return "there is no year 0"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month}"
    if day == 0:
        return "there is no day 0"
    if month is not None and day is not None:
        days = calendar.monthrange(year or 1, month)[1]
        if day > days:
            return f"{calendar.month_name[month]} {year} has {days} days"
    return None  # a bad time after a good date: Reader.date's format message says it


class Reader:
    """Reads the fields of one YAML mapping, collecting problems instead of raising."""

    def __init__(self, data: Any, path: str, line: int | None, problems: list[Problem]) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.path = path
        self.line = line
        self.problems = problems
        if not isinstance(data, dict):
            self.error(line, f"expected a mapping, found {type(data).__name__}")

    def line_of(self, key: str) -> int | None:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def string(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(self.line, f"missing required field '{key}'")
            return default
        if isinstance(value, (dict, list)):
            self.error(self.line_of(key), f"'{key}' must be text, found {type(value).__name__}")
            return default
        if isinstance(value, bool):
            self.error(self.line_of(key), f"'{key}' must be text: {_BOOLEAN_HINT}")
            return default
        return str(value).strip() if not isinstance(value, str) else value.strip()

    def optional(self, key: str) -> str | None:
        return self.string(key) or None

    def ident(self, key: str, required: bool = True) -> str:
        value = self.string(key, required=required)
        if value and not _ID.match(value):
            self.error(
                self.line_of(key),
                f"'{key}' must be lowercase letters, digits and hyphens, found {value!r}",
            )
        return value

    def date(self, key: str) -> str:
        value = self.data.get(key)
        if isinstance(value, (dt.date, dt.datetime)):
            return value.strftime("%Y-%m-%d")
        text = self.string(key)
        reason = date_problem(text) if text else None
        if reason:
            self.error(
                self.line_of(key), f"{key}: {text} is not a date ({reason}); write YYYY-MM-DD"
            )
            return ""
        if text and not _DATE.match(text):
            self.error(
                self.line_of(key), f"'{key}' must be YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}"
            )
            return ""
        return text

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            self.error(self.line_of(key), f"'{key}' items must be text: {_BOOLEAN_HINT}")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.error(self.line_of(key), f"'{key}' must be a list of text items")
            return ()
        return tuple(str(v).strip() for v in value)

    def mapping(self, key: str) -> Reader:
        value = self.data.get(key)
        if value is None:
            value = {}
        return Reader(value, self.path, self.line_of(key), self.problems)

    def items(self, key: str) -> list[tuple[Any, int | None]]:
        """The items of a list field with their lines."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(self.line_of(key), f"'{key}' must be a list")
            return []
        lines = getattr(value, "item_lines", [self.line_of(key)] * len(value))
        return list(zip(value, lines, strict=True))

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.error(
                    self.line_of(str(key)),
                    f"unknown field '{key}' (expected one of: {', '.join(sorted(allowed))})",
                )
