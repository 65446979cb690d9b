"""Language of an article's text, detected offline when import is not told it.

py3langid (a maintained fork of langid.py) ships its model inside the wheel: nothing
is downloaded, and the same text always gets the same answer. Its probabilities are
normalised so that a weak guess (a short or mixed text) can be reported as one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this share of probability the guess is kept but flagged for the analyst.
CONFIDENT = 0.9
# Enough text for a stable answer; longer bodies add time, not accuracy.
SAMPLE_CHARS = 4000
_LANGUAGE_CODE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import _load_identifier  # the documented classify() has no probs

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> tuple[str, str]:
    """(ISO 639-1 code, note): the note is empty when the guess is confident.

    Returns ("en", note) for a text with no letters at all, since a page must have a
    language; the note says so.
    """
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "en", "language: the text has no letters; set to 'en', check it"
    code, probability = _identifier().classify(sample)
    if probability < CONFIDENT:
        return str(code), (
            f"language: detected '{code}' with low confidence ({probability:.2f}); check it"
        )
    return str(code), ""
