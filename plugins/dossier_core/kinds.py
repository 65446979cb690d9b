"""Actor kinds and label groups as the pages show them: their names, in their order.

The ids are the model's (model.ACTOR_KINDS, model.LABEL_GROUPS; a test checks that
both lists name the same ids); this is the one place that says how each is written.
"""

from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    one: str  # "Person": an actor page's kind
    many: str  # "People": the heading of a group (actors index, article page)


ACTOR_KINDS = {
    "person": Kind("Person", "People"),
    "organisation": Kind("Organisation", "Organisations"),
    "institution": Kind("Institution", "Institutions"),
    "country": Kind("Country", "Countries"),
    "city": Kind("City", "Cities"),
    "place": Kind("Place", "Places"),
}


class Group(NamedTuple):
    name: str  # "Propaganda technique"
    # How its highlights are drawn besides their colour (colour is never the only cue):
    # the CSS style of the line under them, and whether a line runs over them too. A
    # name link's cue (a thin, light, dotted underline) is none of these.
    border: str
    overline: bool = False

    def plural(self, count: int) -> str:
        """'Propaganda techniques' (the labels index heads a table per group)."""
        return self.name + ("s" if count > 1 and not self.name.endswith("s") else "")


LABEL_GROUPS = {
    "technique": Group("Propaganda technique", "solid"),
    "claim": Group("Claim", "dashed"),
    "context": Group("Context", "solid", overline=True),
    "correction": Group("Correction", "double"),
}


def kind_name(kind: str) -> str:
    """'Person' for 'person'; an unknown id as written."""
    return ACTOR_KINDS[kind].one if kind in ACTOR_KINDS else kind


def group_name(group: str) -> str:
    """'Propaganda technique' for 'technique'; an unknown id as written."""
    return LABEL_GROUPS[group].name if group in LABEL_GROUPS else group
