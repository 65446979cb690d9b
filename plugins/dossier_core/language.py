"""Language of an article's text, detected offline when import is not told it.

py3langid (a maintained fork of langid.py) ships its model inside the wheel: nothing
is downloaded, and the same text always gets the same answer. Its probabilities are
normalised so that a weak guess (a short or mixed text) can be reported as one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Below this share of probability the guess is kept but flagged for the analyst.
CONFIDENT = 0.9
# Enough text for a stable answer; longer bodies add time, not accuracy.
SAMPLE_CHARS = 4000
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
# Names for the card and the search filter; any other code is shown as it is.
LANGUAGE_NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "it": "Italian",
    "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip


def language_name(code: str) -> str:
    """'Spanish' for 'es' (and for 'es-VE'); an unlisted code as it is."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


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
