"""At import: is a new text (mostly) one the dossier already has? A republication.

The test is the build's (republish.py: shingles of five folded words, a Jaccard of at
least 0.3 and 70% of the shorter text in the longer), so an import warning and the
"Also published by" section of the built site agree. The dossier's texts go into a
MinHash LSH index on the first check of an import run, not before (re-importing
unchanged seeds costs nothing), and each article written by the run is added to it, so
two records of one export that are the same story are flagged too. Candidates the index
proposes are confirmed on their exact shingles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .frontmatter import read_body


class NearDuplicates:
    """The dossier's article texts, for near-duplicate lookups during one import run."""

    def __init__(self, paths: list[Path], root: Path) -> None:
        self._paths = {p.relative_to(root).as_posix(): p for p in paths}
        self._lsh: Any = None  # datasketch's MinHashLSH, made on first use
        self._shingles: dict[str, Any] = {}  # article -> shingle hashes (numpy array)
        self._pending: dict[str, str] = {}  # written by this run before the index existed

    def matches(self, body: str, limit: int = 5) -> list[tuple[str, float]]:
        """[(article, share)]: the articles of which `body` is a near duplicate, with the
        share of `body` also in each, most shared first (at most `limit`)."""
        from .republish import MIN_SHINGLES, republished, shingles, signature

        mine = shingles(body)
        if len(mine) < MIN_SHINGLES:
            return []
        found = []
        for rel in sorted(self._index().query(signature(mine))):
            theirs = self._shingles[rel]
            common = _common(mine, theirs)
            if republished(common, len(mine), len(theirs)):
                found.append((rel, common / len(mine)))
        return sorted(found, key=lambda item: (-item[1], item[0]))[:limit]

    def check(self, body: str) -> list[str]:
        """Warnings naming the articles of which `body` is a near duplicate."""
        return [
            f"near-duplicate of {rel}: {int(share * 100)}% of this text is in it "
            "(a republication? the site lists it under 'Also published by')"
            for rel, share in self.matches(body)
        ]

    def add(self, rel: str, body: str) -> None:
        """Index a text written by this run (kept until the index is first needed)."""
        if self._lsh is None:
            self._pending[rel] = body
        else:
            self._insert(rel, body)

    def _index(self) -> Any:
        if self._lsh is None:
            from datasketch import MinHashLSH

            from .republish import LSH_THRESHOLD, NUM_PERM

            self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
            for rel, path in sorted(self._paths.items()):
                body = read_body(path)
                if body is not None:
                    self._insert(rel, body)
            for rel, body in self._pending.items():
                self._insert(rel, body)
        return self._lsh

    def _insert(self, rel: str, body: str) -> None:
        from .republish import MIN_SHINGLES, shingles, signature

        hashes = shingles(body)
        if len(hashes) >= MIN_SHINGLES and rel not in self._shingles:
            self._shingles[rel] = hashes
            self._lsh.insert(rel, signature(hashes))


def _common(a: Any, b: Any) -> int:
    import numpy as np

    return len(np.intersect1d(a, b, assume_unique=True))
