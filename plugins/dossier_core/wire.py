"""Wire-agency datelines: `CARACAS, March 25, 2019 (Reuters) -` -> place, date, agency.

A dateline opens the first paragraph of wire copy and names the agency that filed it,
so it identifies the outlet more reliably than anything else in pasted text. The
agencies, their spellings and their suggested sources.yml entries are the table
`AGENCIES`; the month names (English, Spanish, Russian) are `MONTHS`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Agency(NamedTuple):
    """A wire agency: its outlet id, how datelines spell it, its sources.yml entry."""

    outlet: str
    spellings: tuple[str, ...]
    entry: dict[str, str]


def _entry(name: str, full_name: str, domain: str, country: str, kind: str, text: str) -> dict:
    return {
        "name": name,
        "full_name": full_name,
        "domain": domain,
        "country": country,
        "type": kind,
        "description": text,
    }


# Suggested entries are facts an analyst can check (owner, seat, founding), never labels:
# labels need a basis and a citation, which sources.yml asks the analyst for.
AGENCIES: list[Agency] = [
    Agency("reuters", ("Reuters",), _entry(
        "Reuters", "Reuters", "reuters.com", "United Kingdom", "news agency",
        "International news agency headquartered in London, owned by Thomson Reuters.")),
    Agency("ap", ("AP", "Associated Press"), _entry(
        "AP", "The Associated Press", "apnews.com", "United States", "news agency",
        "Not-for-profit news cooperative headquartered in New York, owned by its member "
        "newspapers and broadcasters.")),
    Agency("afp", ("AFP",), _entry(
        "AFP", "Agence France-Presse", "afp.com", "France", "news agency",
        "International news agency headquartered in Paris, set up by a 1957 French law as "
        "an autonomous body.")),
    Agency("bloomberg", ("Bloomberg",), _entry(
        "Bloomberg", "Bloomberg News", "bloomberg.com", "United States", "news agency",
        "News service of the financial data company Bloomberg L.P., headquartered in "
        "New York.")),
    Agency("efe", ("EFE",), _entry(
        "EFE", "Agencia EFE", "efe.com", "Spain", "state-owned news agency",
        "Spanish-language international news agency headquartered in Madrid, owned by the "
        "Spanish state through the holding company SEPI.")),
    Agency("xinhua", ("Xinhua", "Синьхуа"), _entry(
        "Xinhua", "Xinhua News Agency", "xinhuanet.com", "China", "state-owned news agency",
        "The official state news agency of the People's Republic of China, headquartered "
        "in Beijing.")),
    Agency("tass", ("TASS", "ТАСС", "ITAR-TASS", "ИТАР-ТАСС"), _entry(
        "TASS", "Russian News Agency TASS", "tass.com", "Russia", "state-owned news agency",
        "Russia's main state news agency, headquartered in Moscow (known as ITAR-TASS "
        "until 2014).")),
    Agency("ria-novosti", ("RIA Novosti", "РИА Новости", "RIA"), _entry(
        "RIA Novosti", "RIA Novosti", "ria.ru", "Russia", "state-owned news agency",
        "Russian state news agency headquartered in Moscow, part of the state media group "
        "Rossiya Segodnya since 2013.")),
    Agency("rt", ("RT",), _entry(
        "RT", "RT (formerly Russia Today)", "rt.com", "Russia", "state-controlled broadcaster",
        "Russian international television network and news website (formerly Russia "
        "Today), publishing in English and several other languages.")),
    Agency("interfax", ("INTERFAX.RU", "Interfax", "Интерфакс"), _entry(
        "Interfax", "Interfax", "interfax.ru", "Russia", "news agency",
        "Privately owned Russian news agency headquartered in Moscow, founded in 1989.")),
]  # fmt: skip

# Month names as datelines write them (case-insensitive; a trailing dot is allowed).
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("January", "Jan", "enero", "ene", "января", "янв"),
    2: ("February", "Feb", "febrero", "feb", "февраля", "фев"),
    3: ("March", "Mar", "marzo", "mar", "марта", "мар"),
    4: ("April", "Apr", "abril", "abr", "апреля", "апр"),
    5: ("May", "mayo", "may", "мая"),
    6: ("June", "Jun", "junio", "jun", "июня", "июн"),
    7: ("July", "Jul", "julio", "jul", "июля", "июл"),
    8: ("August", "Aug", "agosto", "ago", "августа", "авг"),
    9: ("September", "Sept", "Sep", "septiembre", "setiembre", "set", "сентября", "сен"),
    10: ("October", "Oct", "octubre", "oct", "октября", "окт"),
    11: ("November", "Nov", "noviembre", "nov", "ноября", "ноя"),
    12: ("December", "Dec", "diciembre", "dic", "декабря", "дек"),
}

_MONTH_NUMBER = {name.casefold(): n for n, names in MONTHS.items() for name in names}
_SPELLING_OUTLET = {s.casefold(): a.outlet for a in AGENCIES for s in a.spellings}


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that "marzo" is tried before "mar" and "RIA Novosti" before "RIA".
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_MON = rf"(?i:{_alternation(_MONTH_NUMBER)})(?![^\W\d_])\.?"
_AG = rf"(?i:{_alternation(s for a in AGENCIES for s in a.spellings)})"
_UPPER = "A-ZÁÉÍÓÚÑÜА-ЯЁ"
# A place: up to four words, the first capitalised ("CARACAS", "Río de Janeiro",
# "CARACAS/MOSCOW"); AP adds a region after a comma ("CARACAS, Venezuela (AP) —").
_WORD = r"[^\W\d_][\w'’.-]*"  # a word starts with a letter: "25" is never part of a place
_PLACE = rf"[{_UPPER}][\w'’.-]*(?:[ /]{_WORD}){{0,3}}"
_DATE = (
    rf"(?:(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:\s+de)?\s+(?P<m2>{_MON})"
    rf"(?:(?:\s+de)?,?\s+(?P<y2>\d{{4}})(?:\s*(?:года|г\.))?)?)"
)
# The agency after the place and date, in the three ways agencies write it:
# "(Reuters) -", "(EFE).-" | "/TASS/." | "- РИА Новости.", ". INTERFAX.RU -".
_FORM = (
    rf"(?:\((?P<a1>{_AG})\)\s*\.?\s*[-–—]{{1,2}}(?=\s|$)"
    rf"|/(?P<a2>{_AG})/\.?(?:\s*[-–—]{{1,2}})?(?=\s|$)"
    rf"|[-–—.]\s*(?P<a3>{_AG})\s*[-–—.]{{1,2}}(?=\s|$))"
)
DATELINE = re.compile(
    rf"(?:(?P<place>{_PLACE})(?:,\s*[{_UPPER}][\w'’.-]*(?: {_WORD}){{0,2}})?"
    rf"(?:[,.]\s*(?P<date>{_DATE}))?\.?\s*)?{_FORM}"
)


DATELINE_MAX = 200  # characters: the longest realistic dateline is under 80


@dataclass(frozen=True)
class Dateline:
    """A recognised dateline: its text as written, the agency's outlet id and the date.

    `day` and `month` are set when the dateline gives them, `year` only when it gives
    one too; `date` is the full date when the three make a real day.
    """

    text: str
    outlet: str
    place: str
    day: int | None = None
    month: int | None = None
    year: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.day is None or self.month is None or self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def note(self) -> str:
        """The date_note for an article whose date comes (or not) from this dateline."""
        quoted = f"'{self.text}'"
        if self.date:
            return f"Date from the dateline {quoted}."
        if self.year is not None:
            return f"The dateline {quoted} gives a date that does not exist; check the source."
        if self.day is not None:
            return f"The dateline {quoted} gives the day and month but not the year; set the year."
        return f"The dateline {quoted} names the agency but no date; set the date from the source."


def find_dateline(paragraph: str) -> Dateline | None:
    """The wire dateline that opens a paragraph, or None."""
    # A dateline is short: looking at the opening only keeps a huge paragraph cheap.
    match = DATELINE.match(paragraph.strip()[:DATELINE_MAX])
    if not match:
        return None
    group = match.group
    spelling = group("a1") or group("a2") or group("a3")
    month = group("m1") or group("m2")
    day = group("d1") or group("d2")
    year = group("y1") or group("y2")
    return Dateline(
        text=match.group(0).strip(),
        outlet=_SPELLING_OUTLET[spelling.casefold()],
        place=group("place") or "",
        day=int(day) if day else None,
        month=_MONTH_NUMBER[month.rstrip(".").casefold()] if month else None,
        year=int(year) if year else None,
    )


def agency_entry(outlet: str) -> dict[str, str]:
    """The suggested sources.yml entry of an agency's outlet id ({} for other outlets)."""
    for agency in AGENCIES:
        if agency.outlet == outlet:
            return dict(agency.entry)
    return {}


def outlet_of_name(name: str) -> str | None:
    """The outlet id of an agency's name as a page writes it ("Reuters", "РИА Новости")."""
    return _SPELLING_OUTLET.get(name.strip().casefold())
