"""After a registry edit (actors.yml, labels.yml, sources.yml), which analyses of the
last build still hold: an article is matched again only if its text can contain a
changed name, and its annotations anchored again only if their checks can differ.

Mentions. The matcher (matching.py) scans the folded text with one pattern of every
folded alias (and the raw text with one of the case-sensitive ones): at each position
it takes the longest alias that occurs there between word boundaries, then goes on
after it. Call an alias changed when its actor differs between the two glossaries
(added, removed, or now another actor's). If no changed alias occurs in the text at
all, the aliases occurring at each position are the same for the two matchers, so
each takes the same matches, each alias naming the same actor: the mentions are
identical. The test uses the matcher's own folding (text.fold_with_map) and plain
substring search, which can only find more than the matcher would.

Anchored annotations depend on the registry only through the checks of labels (ids,
in order, and their verdicts) and of the actors an annotation names (whether they
exist; the suggestions of an error message list every actor id). So they are reused
when the labels are the same and either the list of actor ids is, or the article had
no problem and names no actor added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import fold_with_map

if TYPE_CHECKING:
    from .linking import Analysis
    from .matching import Matcher
    from .model import Article
    from .registry import Registry


@dataclass(frozen=True)
class Basis:
    """What analyses depend on in the registry (and the matcher made from it)."""

    folded: dict[str, str]  # folded alias -> actor id
    exact: dict[str, str]  # case-sensitive alias -> actor id
    labels: tuple[tuple[str, tuple[str, ...]], ...]  # (id, verdicts), in order
    actors: tuple[str, ...]


def basis(registry: Registry, matcher: Matcher) -> Basis:
    return Basis(
        dict(matcher._folded),
        dict(matcher._exact),
        tuple((label_id, label.verdicts) for label_id, label in registry.labels.items()),
        tuple(registry.actors),
    )


class Delta:
    """The difference between the last build's basis and this one's."""

    def __init__(self, old: Basis, new: Basis) -> None:
        self.folded = _changed(old.folded, new.folded)
        self.exact = _changed(old.exact, new.exact)
        self.labels_same = old.labels == new.labels
        self.actors_same = old.actors == new.actors
        self.actors_changed = set(old.actors) ^ set(new.actors)

    def mentions_hold(self, article: Article) -> bool:
        """Whether the last analysis's mentions of the (unchanged) article hold."""
        body = article.body
        if any(alias in body for alias in self.exact):
            return False
        return not self.folded or not any(a in fold_with_map(body)[0] for a in self.folded)

    def anchors_hold(self, article: Article, last: Analysis) -> bool:
        """Whether the last analysis's anchored annotations and problems hold."""
        if not self.labels_same:
            return False
        if self.actors_same:
            return True
        named = {actor for a in article.annotations for actor in a.actors}
        return not last[2] and not named & self.actors_changed


def _changed(old: dict[str, str], new: dict[str, str]) -> list[str]:
    return sorted(a for a in old.keys() | new.keys() if old.get(a) != new.get(a))
