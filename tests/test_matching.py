"""Actor mentions: a table of the spelling variants the seeds really use."""

from __future__ import annotations

import pytest

from conftest import REPO
from dossier_core import Matcher, load_dossier
from dossier_core.model import Actor, Alias
from dossier_core.typography import TYPOGRAPHY


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    dossier = load_dossier(REPO)
    assert not dossier.problems
    return Matcher(dossier.registry.actors.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the American puppet Juan Guaido.", [("Juan Guaido", "juan-guaido")]),
        ("the president, Juan Guaidó, proclaimed", [("Juan Guaidó", "juan-guaido")]),
        ("pro-American dummy Juan Guaydo as", [("Juan Guaydo", "juan-guaido")]),
        ("an upstart of Guaydo, it has", [("Guaydo", "juan-guaido")]),
        ("JUAN GUAIDÓ spoke", [("JUAN GUAIDÓ", "juan-guaido")]),
        ("Guaidó’s path to power", [("Guaidó", "juan-guaido")]),
        ("President Nicolas Maduro and", [("Nicolas Maduro", "nicolas-maduro")]),
        ("against Nicolás Maduro in", [("Nicolás Maduro", "nicolas-maduro")]),
        ("Maduro pleased", [("Maduro", "nicolas-maduro")]),
        ("spokesman Dmitry Peskov told", [("Dmitry Peskov", "dmitry-peskov")]),
        ("President Dmitri Peskov's spokesman", [("Dmitri Peskov", "dmitry-peskov")]),
        ("Secretary of State Michael Pompeo", [("Michael Pompeo", "mike-pompeo")]),
        ("Secretary of State Mike Pompeo", [("Mike Pompeo", "mike-pompeo")]),
        ("Lavrov and Pompeo talked", [("Lavrov", "sergey-lavrov"), ("Pompeo", "mike-pompeo")]),
        ("Aleksandr Schetinin, announced", [("Aleksandr Schetinin", "alexander-shchetinin")]),
        ("Washington announced", [("Washington", "us-government")]),
        ("The Kremlin has reported", [("The Kremlin", "russian-presidency")]),
        # Acronyms are matched as written: the pronoun is not the country.
        ("pressure from the US on us", [("US", "united-states")]),
        ("the US-backed opposition", [("US", "united-states")]),
        # Word boundaries: no match inside a longer word.
        ("Russians and Russia", [("Russia", "russia")]),
        # Longest alias first: the department, not the ministry inside its name.
        (
            "the Latin American Department of the Russian Foreign Ministry, said",
            [
                (
                    "Latin American Department of the Russian Foreign Ministry",
                    "russian-mfa-latin-america-department",
                )
            ],
        ),
        ("Russian Foreign Minister Sergey Lavrov", [("Sergey Lavrov", "sergey-lavrov")]),
        ("nothing to see here", []),
    ],
)
def test_mentions(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.text, m.actor_id) for m in matcher.find(text)]
    assert found == expected


def test_offsets_point_at_the_original_text(matcher: Matcher) -> None:
    # Folding "ó" and "’" must not shift offsets into the original text.
    text = "Guaidó’s ally Nicolás Maduro met Putin."
    for mention in matcher.find(text):
        assert text[mention.start : mention.end] == mention.text
    assert [m.actor_id for m in matcher.find(text)] == [
        "juan-guaido",
        "nicolas-maduro",
        "vladimir-putin",
    ]


def test_mentions_never_overlap(matcher: Matcher) -> None:
    mentions = matcher.find("Juan Guaidó, Juan Guaido and Guaido met Nicolás Maduro Maduro.")
    ends = [m.end for m in mentions]
    starts = [m.start for m in mentions]
    assert all(s >= e for s, e in zip(starts[1:], ends, strict=False))
    assert len(mentions) == 5


@pytest.mark.parametrize(("variant", "plain"), sorted(TYPOGRAPHY.items()))
def test_every_typographic_variant_of_the_one_table_is_folded(variant: str, plain: str) -> None:
    """An alias written with plain typography finds the name written with any variant
    of typography.TYPOGRAPHY (the table anchoring and the search script use too)."""
    actor = Actor("x", "X", "person", "", (Alias(f"Ab{plain}Cd"),))
    text = f"then Ab{variant}Cd spoke"
    assert [m.text for m in Matcher([actor]).find(text)] == [f"Ab{variant}Cd"]
