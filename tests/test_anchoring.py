"""Anchoring: quotes land on exactly one passage or the analyst is told why not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier_core import build_index, load_dossier
from dossier_core.anchoring import AnchorError, anchor
from dossier_core.model import Annotation
from dossier_core.ptcimport import selector
from dossier_core.typography import TYPOGRAPHY

BODY = (
    "the American puppet Juan Guaido.\n\n"
    "many recognized pro-American dummy Juan Guaydo as leader. Then Guaydo said “yes” – again.\n\n"
    "upstart of Guaydo, it has  two  spaces\nand a line break."
)


def ann(quote: str, **extra) -> Annotation:
    return Annotation(quote, "x", 1, **extra)


@pytest.mark.parametrize(
    ("quote", "extra", "expected"),
    [
        ("Juan Guaido", {}, "Juan Guaido"),
        ("Guaydo", {"prefix": "dummy Juan "}, "Guaydo"),
        ("Guaydo", {"suffix": " said"}, "Guaydo"),
        ("Guaydo", {"prefix": "upstart of "}, "Guaydo"),
        # Typographic variation: straight quotes and a hyphen match curly ones and a dash.
        ('said "yes" - again', {}, "said “yes” – again"),
        # Runs of spaces and line breaks match a single space, and the reverse.
        ("pro-American  dummy\nJuan", {}, "pro-American dummy Juan"),
        ("has two spaces and a line", {}, "has  two  spaces\nand a line"),
        # The prefix may differ typographically too.
        ("again", {"prefix": '"yes" - '}, "again"),
        # Offsets are a fast path...
        ("Guaydo", {"start": 74, "end": 80}, "Guaydo"),
        # ...and stale offsets fall back to the quote when it is unique.
        ("Juan Guaido", {"start": 3, "end": 14}, "Juan Guaido"),
    ],
)
def test_anchor(quote: str, extra: dict, expected: str) -> None:
    start, end = anchor(BODY, ann(quote, **extra))
    assert BODY[start:end] == expected


def test_ambiguous_quote_lists_occurrences_with_a_prefix_for_each() -> None:
    with pytest.raises(AnchorError) as error:
        anchor(BODY, ann("Guaydo"))
    message = str(error.value)
    assert message.startswith("quote 'Guaydo' occurs 3 times; add a prefix or suffix to pick one")
    assert "(prefix: 'Juan ')" in message and "(prefix: 'Then ')" in message
    assert "«…many recognized pro-American dummy Juan [Guaydo] as leader." in message


def test_quote_not_found_quotes_the_closest_passage() -> None:
    with pytest.raises(AnchorError) as error:
        anchor(BODY, ann("the Amercan puppet Juan"))
    assert str(error.value) == (
        "quote 'the Amercan puppet Juan' not found in the text; closest passage "
        "(similarity 0.98) at 0: 'the American puppet Juan'"
    )


def test_prefix_that_matches_nothing_is_an_error_not_a_guess() -> None:
    with pytest.raises(AnchorError, match="occurs 3 time.s., but never with the given prefix"):
        anchor(BODY, ann("Guaydo", prefix="nobody "))


def test_offsets_on_other_text_are_not_trusted() -> None:
    # Offsets pointing at another occurrence of an ambiguous quote are fine, but
    # offsets pointing at different words never anchor there.
    start, end = anchor(BODY, ann("Guaydo", start=97, end=103))
    assert (start, end) == (97, 103)
    with pytest.raises(AnchorError):
        anchor(BODY, ann("Guaydo", start=0, end=6))


ANNOTATED = """\
---
id: a
title: T
outlet: tass
annotations:
  - quote: Juan Guaido
    label: name-calling
  - quote: Guaydo
    label: name-calling
  - quote: nowhere to be found
    label: name-calling
  - quote: Juan Guaido
    label: nme-calling
  - quote: Juan Guaido
    label: claim
    verdict: maybe
  - quote: Juan Guaido
    label: claim
    actors: [juan-guaid]
  - quote: Juan Guaido
    label: claim
    links: ["javascript:alert(1)"]
  - label: claim
---

The puppet Juan Guaido. Guaydo and Guaydo.
"""

LABELS = """\
name-calling:
  name: Name calling
  group: technique
  definition: D.
  colour: {light: "#ffc9c9", dark: "#7f1d1d"}
claim:
  name: Claim
  group: claim
  definition: D.
  colour: {light: "#fff3bf", dark: "#5c4a00"}
  verdicts: ["accurate", "false"]
"""


def test_annotation_problems_name_file_and_line(make_dossier) -> None:
    root = make_dossier({"a": ANNOTATED})
    (root / "dossier" / "labels.yml").write_text(LABELS, encoding="utf-8")
    dossier = load_dossier(root)
    index = build_index(dossier)
    found = [str(p) for p in dossier.problems + index.problems]
    expected = [
        "dossier/articles/a.md:22: links must be http(s) addresses, found 'javascript:alert(1)'",
        "dossier/articles/a.md:23: missing required field 'quote'",
        "dossier/articles/a.md:8: annotation 2: quote 'Guaydo' occurs 2 times; add a prefix",
        "dossier/articles/a.md:10: annotation 3: quote 'nowhere to be found' not found in the text",
        "dossier/articles/a.md:12: annotation 4: unknown label 'nme-calling' (did you mean: name-calling?)",
        "dossier/articles/a.md:14: annotation 5: verdict 'maybe' is not one of the label's verdicts (accurate, false)",
        "dossier/articles/a.md:17: annotation 6: unknown actor 'juan-guaid' (did you mean: juan-guaido?)",
    ]
    assert len(found) == len(expected), found
    for line, prefix in zip(found, expected, strict=True):
        assert line.startswith(prefix), (line, prefix)
    # The article is still built, with the annotations that anchor.
    anchored = index.articles["a"].annotations
    # numbered in reading order (the two start together: by place in the front matter)
    assert [(a.number, a.position, a.start, a.end) for a in anchored] == [
        (1, 1, 11, 22), (2, 7, 11, 22),
    ]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab \n’'-–", min_size=1, max_size=60),
    data=st.data(),
)
def test_generated_selectors_anchor_back_to_their_span(text: str, data: st.DataObject) -> None:
    """PTC import writes quote + minimal context; anchoring must find the same span."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    chosen = selector(text, start, end)
    extra = {k: v for k, v in chosen.items() if k != "quote"}
    assert anchor(text, Annotation(chosen["quote"], "x", 1, **extra)) == (start, end)


@pytest.mark.parametrize(("variant", "plain"), sorted(TYPOGRAPHY.items()))
def test_every_typographic_variant_of_the_one_table_is_tolerated(variant: str, plain: str) -> None:
    """typography.TYPOGRAPHY, the table matching and the search script use too."""
    body = f"before x{variant}y after"
    start, end = anchor(body, ann(f"x{plain}y"))
    assert body[start:end] == f"x{variant}y"
