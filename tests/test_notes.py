"""Notes (issue 15): stable ids and permalinks, reading-order numbers, the anchors of
earlier builds kept, and the Notes list (the passage repeated, search kept off the
chrome). The browser side is tests/test_notes_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import article_text
from dossier_core import RenderSettings, build_index, build_pages, load_dossier
from dossier_core.analysispool import _unpack
from dossier_core.export import article_rows, to_w3c
from dossier_core.linking import analysed
from dossier_core.matching import Matcher
from dossier_core.model import Annotation
from dossier_core.noteids import derived_id, id_problem, legacy_map
from dossier_core.notes import PASSAGE_WORDS

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
  verdicts: [accurate, "false"]
"""

BODY = (
    "The puppet Guaido met Maduro in Oslo. Guaido spoke first.\n\n"
    "Later the dummy Guaido left, and Maduro stayed."
)
PUPPET = "\n  - quote: puppet Guaido\n    label: name-calling\n    note: The first label."
MADURO = (
    "\n  - quote: Maduro\n    prefix: 'met '\n    label: claim\n    verdict: 'false'"
    "\n    actors: [juan-guaido]"
)
DUMMY = "\n  - quote: dummy Guaido\n    label: name-calling"
STAYED = "\n  - quote: Maduro stayed\n    label: claim"


def project(make_dossier, annotations: str, body: str = BODY) -> Path:
    root = make_dossier({"a": article_text("a", body, annotations=annotations)})
    (root / "dossier" / "labels.yml").write_text(LABELS, encoding="utf-8")
    return root


def anchored(root: Path):
    dossier = load_dossier(root)
    index = build_index(dossier)
    return dossier, index, index.articles["a"].annotations


def idents(root: Path) -> dict[str, str]:
    """quote -> stable id"""
    return {item.annotation.quote: item.ident for item in anchored(root)[2]}


def pages(root: Path) -> dict[str, str]:
    dossier, index, _ = anchored(root)
    assert dossier.problems + index.problems == []
    return {p.path: p.text for p in build_pages(dossier, index, RenderSettings())}


# ------------------------------------------------------------------- stable ids


def test_ids_do_not_change_when_other_annotations_are_added_removed_or_reordered(
    make_dossier,
) -> None:
    first = idents(project(make_dossier, PUPPET + MADURO + DUMMY))
    assert set(first) == {"puppet Guaido", "Maduro", "dummy Guaido"}
    variants = [PUPPET + STAYED + MADURO + DUMMY, DUMMY + MADURO + PUPPET, PUPPET + DUMMY]
    for listed in variants:
        ids = idents(project(make_dossier, listed))  # the same file, written again
        assert {q: i for q, i in ids.items() if q in first} == {
            q: i for q, i in first.items() if q in ids
        }, listed


def test_a_derived_id_reads_as_the_quote_and_ignores_the_note() -> None:
    plain = Annotation("the American puppet Juan Guaido", "name-calling", 3)
    ident = derived_id(plain)
    assert re.fullmatch(r"the-american-puppet-juan-[0-9a-f]{6}", ident)
    revised = Annotation(plain.quote, plain.label, 40, note="Revised.", verdict="x", start=1, end=9)
    assert derived_id(revised) == ident  # the note, line and offsets do not count
    assert derived_id(Annotation(plain.quote, "claim", 3)) != ident  # the label does
    assert derived_id(Annotation(plain.quote, plain.label, 3, prefix="A ")) != ident
    assert re.fullmatch(r"q-[0-9a-f]{6}", derived_id(Annotation("Гуайдо", "claim", 1)))
    long = derived_id(Annotation("Extraordinarily-disproportionate claims here", "claim", 1))
    assert len(long) <= 24 + 7


def test_identical_annotations_get_a_deterministic_suffix(make_dossier) -> None:
    twice = PUPPET + "\n  - quote: puppet Guaido\n    label: name-calling\n    note: Other."
    items = anchored(project(make_dossier, twice))[2]
    base = derived_id(items[0].annotation)
    assert [i.ident for i in items] == [base, f"{base}-2"]
    assert [i.position for i in items] == [1, 2]  # the first in the list keeps the plain id


def test_an_analyst_id_is_kept_and_never_taken_by_a_derived_one(make_dossier) -> None:
    clash = derived_id(Annotation("dummy Guaido", "name-calling", 1))
    items = anchored(project(make_dossier, f"{PUPPET}\n    id: {clash}{DUMMY}"))[2]
    assert [i.ident for i in items] == [clash, f"{clash}-2"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "Puppet_One",
            "'id' must be lowercase letters, digits and single hyphens between them "
            "(a slug such as 'guaido-puppet'), found 'Puppet_One'; write it as a slug, e.g. "
            "'puppet-one'",
        ),
        (
            "'12'",
            "'id' '12' is only digits, which the anchors of earlier builds used (#a-12 "
            "was the annotation at place 12 in the list); add a word, e.g. 'note-12'",
        ),
        ("7", "'id' '7' is only digits"),
        ("a--b", "'id' must be lowercase letters, digits and single hyphens"),
        ("-a", "'id' must be lowercase letters"),
        ("'x" + "y" * 70 + "'", "'id' is 71 characters long; keep it to 64 or fewer"),
        ("''", "'id' is empty; remove it or write a slug"),
        ("true", "'id' must be text"),
    ],
)
def test_a_bad_analyst_id_is_reported_at_its_line(make_dossier, value: str, message: str) -> None:
    root = project(make_dossier, f"{PUPPET}\n    id: {value}{DUMMY}")
    dossier, index, items = anchored(root)
    problems = [str(p) for p in dossier.problems + index.problems]
    assert len(problems) == 1, problems
    # the front matter: ---, id, title, outlet, annotations:, - quote, label, note, id
    assert problems[0].startswith(f"dossier/articles/a.md:9: {message}"), problems
    assert len(items) == 2  # the annotation is kept, with an id of its own
    assert items[0].ident == derived_id(items[0].annotation)


def test_an_id_given_twice_is_reported_at_the_second(make_dossier) -> None:
    root = project(make_dossier, f"{PUPPET}\n    id: puppet{DUMMY}\n    id: puppet")
    dossier, index, items = anchored(root)
    assert [str(p) for p in dossier.problems + index.problems] == [
        "dossier/articles/a.md:12: 'id' 'puppet' is already the id of the annotation on line 6; "
        "give each annotation of an article its own id"
    ]
    assert [i.ident for i in items] == ["puppet", derived_id(items[1].annotation)]


def test_id_rules() -> None:
    assert id_problem("guaido-puppet") is None
    assert id_problem("2019-claim") is None  # digits with a word are fine
    assert id_problem("2019") is not None


# ------------------------------------------------------------- reading order


def test_notes_are_numbered_in_reading_order(make_dossier) -> None:
    # front matter: the claim on "Maduro stayed" (paragraph 2), then "puppet Guaido"
    items = anchored(project(make_dossier, STAYED + DUMMY + MADURO + PUPPET))[2]
    assert [(i.number, i.annotation.quote, i.position) for i in items] == [
        (1, "puppet Guaido", 4), (2, "Maduro", 3), (3, "dummy Guaido", 2), (4, "Maduro stayed", 1),
    ]  # fmt: skip
    text = pages(project(make_dossier, STAYED + DUMMY + MADURO + PUPPET))["articles/a.md"]
    markers = re.findall(r'<a class="footnote-ref" href="#fn:a-([^"]+)"[^>]*>(\d+)</a>', text)
    assert [int(n) for _, n in markers] == [1, 2, 3, 4]
    notes = re.findall(r'<li id="fn:a-([^"]+)"', text)
    assert notes == [ident for ident, _ in markers]


def test_nested_passages_starting_together_number_the_shorter_first(make_dossier) -> None:
    inner = "\n  - quote: The puppet\n    label: claim"
    outer = "\n  - quote: The puppet Guaido met\n    label: name-calling"
    items = anchored(project(make_dossier, outer + inner))[2]
    assert [i.annotation.quote for i in items] == ["The puppet", "The puppet Guaido met"]


# ------------------------------------------------- anchors on every page, and old ones


def test_every_piece_carries_its_anchor_and_the_first_the_old_one(make_dossier) -> None:
    text = pages(project(make_dossier, DUMMY + PUPPET + MADURO))["articles/a.md"]
    items = anchored(project(make_dossier, DUMMY + PUPPET + MADURO))[2]
    for item in items:
        first = re.findall(rf'<mark [^>]*data-a="{item.anchor}"[^>]*>', text)
        assert first and f'id="{item.anchor}"' in first[0]
        assert f'data-legacy="a-{item.position}"' in first[0]
        assert all("id=" not in m and "data-legacy" not in m for m in first[1:])
    # the passage with a mention inside is cut in pieces, each carrying the anchor
    puppet = next(i for i in items if i.annotation.quote == "puppet Guaido")
    assert len(re.findall(rf'<mark [^>]*data-a="{puppet.anchor}"', text)) == 2
    assert legacy_map(items) == {f"a-{i.position}": i.anchor for i in items}
    assert "a-1" in legacy_map(items) and legacy_map(items)["a-1"].startswith("a-dummy-guaido-")


def test_pages_that_link_to_a_passage_use_its_stable_anchor(make_dossier) -> None:
    root = project(make_dossier, PUPPET + f"{MADURO}\n    id: false-claim")
    built = pages(root)
    items = anchored(root)[2]
    puppet = next(i for i in items if i.annotation.quote == "puppet Guaido")
    actor = built["actors/juan-guaido.md"]
    # the actor page's entries: stable ids, and the ids earlier builds gave them
    assert f'<li id="note-a-{puppet.ident}" data-legacy="note-a-1">' in actor
    assert '<li id="note-a-false-claim" data-legacy="note-a-2">' in actor
    assert f'href="../../articles/a/#{puppet.anchor}"' in actor
    assert 'href="../../articles/a/#a-false-claim"' in actor
    assert f'href="../../articles/a/#{puppet.anchor}"' in built["labels/name-calling.md"]
    # the article's notes lead to the actor page's entry
    assert 'href="../../actors/juan-guaido/#note-a-false-claim"' in built["articles/a.md"]
    assert not re.search(r'#(a|note-a)-\d+"', "".join(built.values()))


def test_exports_carry_the_stable_id(make_dossier) -> None:
    root = project(make_dossier, MADURO + "\n    id: false-claim" + PUPPET)
    dossier, index, _ = anchored(root)
    rows = article_rows(dossier, index, dossier.articles[0])
    assert [(r.number, r.quote) for r in rows] == [(1, "puppet Guaido"), (2, "Maduro")]
    assert rows[1].id == "false-claim" and rows[0].id.startswith("puppet-guaido-")
    ids = [a["id"] for a in to_w3c(dossier, rows)["first"]["items"]]
    assert ids == [
        f"urn:dossier:articles/a/#a-{rows[0].id}",
        "urn:dossier:articles/a/#a-false-claim",
    ]


def test_worker_processes_rebuild_the_same_ids(make_dossier) -> None:
    twice = STAYED + PUPPET + "\n  - quote: puppet Guaido\n    label: name-calling" + MADURO
    dossier = load_dossier(project(make_dossier, twice))
    article, registry = dossier.articles[0], dossier.registry
    matcher = Matcher(registry.actors.values())
    here = analysed(article, registry, matcher)
    mentions, items, problems = here
    packed = (
        tuple((m.actor_id, m.start, m.end) for m in mentions),
        tuple((a.position, a.start, a.end) for a in items),
        problems, None, 0,
    )  # fmt: skip
    assert _unpack(article, packed, None) == here


# ------------------------------------------------------------------ Notes list


def test_the_notes_list_repeats_each_passage_in_its_labels_colour(make_dossier) -> None:
    long_quote = " ".join(f"w{n}" for n in range(PASSAGE_WORDS + 5))
    body = f"{BODY}\n\nA <b>&amp; `tick` {long_quote} end."
    annotations = PUPPET + "\n  - quote: '<b>&amp; `tick`'\n    label: claim"
    annotations += f"\n  - quote: {long_quote}\n    label: claim"
    text = pages(project(make_dossier, annotations, body))["articles/a.md"]
    notes = text[text.index('<div class="footnote dossier-notes">') :]
    passages = re.findall(
        r'<p class="dossier-notes__passage"[^>]*><mark class="([^"]+)">(.*?)</mark>', notes
    )
    assert passages[0] == ("dossier-hl dossier-hl--name-calling", "puppet Guaido")
    assert passages[1][0] == "dossier-hl dossier-hl--claim"
    assert passages[1][1] == "&#60;b&#62;&#38;amp&#59; &#96;tick&#96;"  # literal, escaped
    shortened = " ".join(f"w{n}" for n in range(PASSAGE_WORDS)) + " …"
    assert passages[2][1] == shortened


def test_search_skips_the_notes_chrome_but_not_the_note(make_dossier) -> None:
    text = pages(project(make_dossier, PUPPET + MADURO))["articles/a.md"]
    notes = text[text.index('<div class="footnote dossier-notes">') :]
    for item in re.findall(r"<li .*?</li>", notes, re.S):
        chrome = re.findall(r"<(p|a) ([^>]*)>", item)
        passage = next(attrs for tag, attrs in chrome if "dossier-notes__passage" in attrs)
        back = next(attrs for tag, attrs in chrome if "footnote-backref" in attrs)
        assert "data-pagefind-ignore" in passage and "data-pagefind-ignore" in back
    assert (
        '<p class="dossier-notes__links" data-pagefind-ignore><span class="dossier-notes__about">'
        "About: " in notes
    )
    assert '<p class="dossier-notes__text">The first label&#46;</p>' in notes  # searchable
    assert 'aria-label="Back to the passage of note 1 in the text"' in notes
