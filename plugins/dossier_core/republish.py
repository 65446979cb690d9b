"""Republications: the same text published by several outlets (near duplicates).

Each article's folded text is cut into shingles of five words (hashed to 32 bits); a
MinHash signature of its shingles (datasketch, seeded, so the same text always gets the
same signature) goes into an LSH index, which proposes candidate pairs in time linear in
the number of articles. A candidate is kept when, estimated from the signatures,

- the texts' Jaccard similarity is at least `JACCARD_MIN` (0.3), and
- at least `SHARE_MIN` (70%) of the shorter text is also in the longer one.

A wire story republished under another headline, with a few paragraphs cut or added and
a line of boilerplate, shares 70 to 100% of its text and a Jaccard of 0.5 or more; two
articles on the same story in their own words share quotes and names (a Jaccard of a few
hundredths). A version less than about a third the length of the other is not sought
(its Jaccard is below 0.3 even when all of it is in the longer text). Texts of fewer
than `MIN_SHINGLES` shingles (about 30 words) are not compared at all.

Clusters are the connected components of the kept pairs; the versions of a cluster are
ordered by `published`, then id, and the first is the first appearance. An undated
version comes after every dated one; a year or a month alone sorts before the days of
that year or month (ISO order: "2019-05" < "2019-05-03"). Shares shown on pages are
exact, counted on the shingles of the two texts, and a later version is shown side by side
with the first appearance only when the two pass the test above themselves (in a chain
A ~ B ~ C, A and C may share little).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash

from .model import Article
from .text import fold_char

SHINGLE_WORDS = 5
NUM_PERM = 128  # the estimate's standard error is about 0.04 at a Jaccard of 0.3
SEED = 1
LSH_THRESHOLD = 0.25  # below JACCARD_MIN, so that pairs just above it are proposed
JACCARD_MIN = 0.3
SHARE_MIN = 0.7
MIN_SHINGLES = 25
SHOWN = 10  # other versions listed on an article page (the cluster page lists them all)

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Bytes that belong to a word after folding: ASCII letters (upper case is lowered below)
# and digits, and every byte of a non-ASCII character (letters of other scripts).
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[[*b"abcdefghijklmnopqrstuvwxyz0123456789"]] = True
_WORD_BYTE[[*b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]] = True
_WORD_BYTE[128:] = True
_LOWER = np.arange(256, dtype=np.uint64)
_LOWER[65:91] += 32
_MAX_WORD = 256
_POWERS = np.cumprod(np.full(_MAX_WORD, 1099511628211, dtype=np.uint64), dtype=np.uint64)
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)  # its permutations, made once


def shingles(text: str) -> np.ndarray:
    """The sorted, distinct 32-bit hashes of the text's shingles of five folded words.

    Folding is text.py's (case, accents, typography): each distinct non-ASCII character
    is replaced by its folding, and ASCII letters are lowered by a byte table. The text
    is then hashed in numpy, word by word, with no Python step per word or character
    (the whole dossier goes through here every build).
    """
    if not text.isascii():
        for char in sorted(set(_NON_ASCII.findall(text))):
            text = text.replace(char, fold_char(char))
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    where = np.flatnonzero(_WORD_BYTE[data])
    if len(where) == 0:
        return np.empty(0, dtype=np.uint32)
    starts = np.concatenate(([0], np.flatnonzero(np.diff(where) != 1) + 1))
    if len(starts) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint32)
    first = np.zeros(len(where), dtype=np.int64)
    first[starts] = 1
    word_of = np.cumsum(first) - 1
    position = np.minimum(np.arange(len(where)) - starts[word_of], _MAX_WORD - 1)
    words = np.add.reduceat((_LOWER[data[where]] + np.uint64(1)) * _POWERS[position], starts)
    count = len(words) - SHINGLE_WORDS + 1
    hashed = words[:count].copy()
    for offset in range(1, SHINGLE_WORDS):  # a polynomial over the five word hashes
        hashed = hashed * np.uint64(1000003) + words[offset : offset + count]
    hashed ^= hashed >> np.uint64(32)
    result = np.sort(hashed.astype(np.uint32))
    return result[np.concatenate(([True], result[1:] != result[:-1]))]  # distinct


def signature(hashes: np.ndarray) -> MinHash:
    """The seeded MinHash of a text's shingle hashes.

    The same values as `MinHash.update_batch` (datasketch's "affine32" scheme: each hash
    mixed by MurmurHash3's 32-bit finalizer, then `a * h + b mod 2**32` per permutation,
    the minimum kept; a test checks the equality), computed as one numpy expression:
    update_batch calls a hash function per shingle, which took 60% of the time.
    """
    mixed = hashes.astype(np.uint32)
    for shift, multiplier in ((16, 0x85EBCA6B), (13, 0xC2B2AE35)):
        mixed = (mixed ^ (mixed >> np.uint32(shift))) * np.uint32(multiplier)
    mixed ^= mixed >> np.uint32(16)
    permutations = _TEMPLATE.permutations  # one 2 x NUM_PERM array, shared by every MinHash
    values: np.ndarray = _TEMPLATE.hashvalues
    if len(mixed):
        permuted = np.multiply.outer(mixed, permutations[0])  # wraps around, as uint32 does
        permuted += permutations[1]
        values = permuted.min(axis=0)
    return minhash(values)


def minhash(values: np.ndarray) -> MinHash:
    """The MinHash with these values (of `signature`: seeded, affine32)."""
    return MinHash(seed=SEED, hashvalues=values, permutations=_TEMPLATE.permutations,
                   scheme="affine32")  # fmt: skip


class SignatureCache:
    """Signatures by article text, kept between builds (`mkdocs serve`): only an edited
    or new text is hashed again. Entries of texts gone from the dossier are dropped."""

    def __init__(self) -> None:
        from .republishindex import RepublishState

        self.entries: dict[bytes, tuple[MinHash, int]] = {}
        self.state = RepublishState()  # the last build's bands and pairs

    def get(self, body_utf8: bytes, body: str) -> tuple[MinHash, int]:
        found = self.entries.get(body_utf8)
        if found is None:
            hashes = shingles(body)
            found = self.entries[body_utf8] = (signature(hashes), len(hashes))
        return found

    def keep(self, bodies: set[bytes]) -> None:
        self.entries = {k: v for k, v in self.entries.items() if k in bodies}


@dataclass
class Republications:
    """The clusters of the dossier, and exact shares for the pairs that pages show."""

    clusters: list[tuple[str, ...]] = field(default_factory=list)  # first appearance first
    cluster_of: dict[str, int] = field(default_factory=dict)  # article id -> cluster index
    common: dict[tuple[str, str], int] = field(default_factory=dict)  # sorted pair -> shingles
    sizes: dict[str, int] = field(default_factory=dict)  # article id -> shingles
    # Where each cluster starts in the list of every version of every cluster, in order
    # (pages cut that list into numbered pages and link to a cluster's place in it).
    offsets: list[int] = field(default_factory=list)

    def versions(self, article_id: str) -> tuple[str, ...]:
        """Every version of the article's cluster, first appearance first; () if none."""
        number = self.cluster_of.get(article_id)
        return () if number is None else self.clusters[number]

    def shown(self, article_id: str) -> tuple[str, ...]:
        """The other versions an article page lists: the first `SHOWN`, by date."""
        return tuple(v for v in self.versions(article_id) if v != article_id)[:SHOWN]

    def share(self, article_id: str, other: str) -> float:
        """The share of `article_id`'s text (its shingles) that is also in `other`."""
        pair = (article_id, other) if article_id < other else (other, article_id)
        return self.common[pair] / max(1, self.sizes[article_id])

    def matches_first(self, article_id: str) -> bool:
        """Whether a later version passes the test against the first appearance itself,
        counted exactly. A version linked to it only through others (A like B, B like
        C) may share little with it: a side-by-side view of the two would show nothing
        but differences."""
        versions = self.versions(article_id)
        if not versions or versions[0] == article_id:
            return False
        first = versions[0]
        pair = (article_id, first) if article_id < first else (first, article_id)
        return republished(self.common[pair], self.sizes[article_id], self.sizes[first])


def republished(common: int, size_a: int, size_b: int) -> bool:
    """The test on exact counts of shingles: JACCARD_MIN and SHARE_MIN."""
    union = size_a + size_b - common
    return union > 0 and common >= JACCARD_MIN * union and common >= SHARE_MIN * min(size_a, size_b)


def chronological(article: Article) -> tuple[bool, str, str]:
    """The order of versions: by date, undated last, then by id."""
    return (not article.published, article.published, article.id)


def detect(articles: Iterable[Article], cache: SignatureCache | None = None) -> Republications:
    """Find the dossier's republications (see the module's docstring). With a cache
    kept between builds, only the texts added or changed since are compared again
    (republishindex.py)."""
    from .republishindex import update

    return update(cache if cache is not None else SignatureCache(), articles)
