"""The SemEval-2020 Task 11 (PTC) technique names and our label ids: one table."""

from __future__ import annotations

# PTC technique (as written in *.task2-TC.labels) -> label id in labels.yml. The corpus
# merges some of its 18 techniques into 14 classes; the merged names come first and
# are the ones export writes.
PTC_TO_LABEL: dict[str, str] = {
    "Loaded_Language": "loaded-language",
    "Name_Calling,Labeling": "name-calling",
    "Repetition": "repetition",
    "Exaggeration,Minimisation": "exaggeration-minimisation",
    "Doubt": "doubt",
    "Appeal_to_fear-prejudice": "appeal-to-fear-prejudice",
    "Flag-Waving": "flag-waving",
    "Causal_Oversimplification": "causal-oversimplification",
    "Slogans": "slogans",
    "Appeal_to_Authority": "appeal-to-authority",
    "Black-and-White_Fallacy": "black-and-white-fallacy",
    "Thought-terminating_Cliches": "thought-terminating-cliche",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism-straw-man-red-herring",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon-reductio-ad-hitlerum",
    # The unmerged names of the 18-technique scheme, read on import only.
    "Whataboutism": "whataboutism-straw-man-red-herring",
    "Straw_Men": "whataboutism-straw-man-red-herring",
    "Red_Herring": "whataboutism-straw-man-red-herring",
    "Bandwagon": "bandwagon-reductio-ad-hitlerum",
    "Reductio_ad_hitlerum": "bandwagon-reductio-ad-hitlerum",
}

LABEL_TO_PTC: dict[str, str] = {}
for _technique, _label in PTC_TO_LABEL.items():
    LABEL_TO_PTC.setdefault(_label, _technique)
