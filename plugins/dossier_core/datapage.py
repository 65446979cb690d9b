"""The data page (data/index.md): every data file (datafiles.py) with its size and
record count, every field of every format, how offsets count, and the licence.

The page is made after the files are written: it shows what was written. It does
not grow with the dossier (one row per file, one per field).
"""

from __future__ import annotations

import html

from .datafiles import ANNOTATIONS, ARTICLES, DataOptions, DataSet
from .dossier import Dossier
from .escaping import escape
from .export import CONTEXT_CHARS
from .pagekit import Page, Part, Raw, make_page, meta, plural
from .settings import RenderSettings

DATA_PAGE = "data/index.md"
# format -> (what it is, what a record is, the command that writes the same bytes)
FORMATS = {
    "jsonl": ("JSON Lines", "annotation", "dossier export --format jsonl"),
    "csv": ("CSV", "annotation", "dossier export --format csv"),
    "w3c": ("W3C Web Annotation, JSON-LD", "annotation", "dossier export --format w3c"),
    "ptc": ("SemEval PTC, tab-separated", "span", "dossier export --format ptc"),
    "articles-csv": ("CSV", "article", ""),
    "articles-jsonl": ("JSON Lines", "article", ""),
}
ROW_FIELDS = (
    ("article", "The article's id; its page is articles/<id>/."),
    ("outlet", "The outlet's id (its page: sources/<id>/)."),
    ("label", "The label's id (its page: labels/<id>/): a propaganda technique, claim, context…"),
    ("quote", "The passage, exactly as in the article text: text[start:end]."),
    ("start", "Where the passage starts in the article text (see Offsets)."),
    ("end", "Where it ends (exclusive) in the article text."),
    ("seed", "The source file the article was imported from (published under seeds/), or empty."),
    ("seed_start", "Where the passage starts in the seed file's text; empty when it does not "
     "map onto it (text the import changed) or there is no seed."),
    ("seed_end", "Where it ends (exclusive) in the seed file's text; empty likewise."),
    ("prefix", f"Text just before the passage: the analyst's, else the {CONTEXT_CHARS} "
     "characters before it in the article text."),
    ("suffix", f"Text just after it: the analyst's, else the {CONTEXT_CHARS} characters after."),
    ("verdict", "A claim's verdict, one of its label's verdicts (e.g. accurate, false), or empty."),
    ("note", "The analyst's note, in Markdown, or empty."),
    ("number", "The note's number on its article page (notes are numbered in reading order)."),
    ("narrative", "The narrative the passage carries (an id of dossier/narratives.yml), or empty."),
    ("id", "The annotation's stable id: the analyst's, or derived from its label, quote, "
     "prefix and suffix; the passage's anchor on its article page is #a-<id>."),
)  # fmt: skip
W3C_FIELDS = (
    ("id, type, label, total", "The AnnotationCollection: its id is <base>annotations; total "
     "is the number of annotations."),
    ("first.items", "Every annotation, in article order then reading order."),
    ("items[].id", "<base>articles/<article>/#a-<id>: the passage on its article page (id: "
     "the annotation's stable id)."),
    ("items[].body", "TextualBody items: the label's name (purpose classifying, id "
     "<base>labels/<label>/), the note (commenting, text/markdown) and the verdict "
     "(assessing), each when present."),
    ("items[].target.source", "<base><seed> when the passage maps onto the seed file, else "
     "<base>articles/<article>/."),
    ("items[].target.selector", "A TextQuoteSelector (exact, prefix, suffix) and, with a "
     "seed, a TextPositionSelector (start, end: offsets in the seed file's text)."),
)  # fmt: skip
PTC_FIELDS = (
    ("1: article", "The PTC article number when the seed is named articleNNN.txt, else "
     "the article's id."),
    ("2: technique", "The PTC technique name (e.g. Loaded_Language)."),
    ("3: start", "Start offset in the seed file's text (in the article text when there is "
     "no seed)."),
    ("4: end", "End offset (exclusive), likewise."),
)  # fmt: skip
ARTICLE_FIELDS = (
    ("id", "The article's id; its page is articles/<id>/."),
    ("title", "The headline as published."),
    ("outlet", "The outlet's id."),
    ("published", "The publication date (YYYY, YYYY-MM or YYYY-MM-DD), or empty."),
    ("language", "The language code of the text (e.g. en, es, ru)."),
    ("url", "Where it was published, when known."),
    ("seed", "The source file it was imported from, or empty."),
    ("annotations", "How many annotations it has."),
    ("mentions", "How many mentions of glossary actors were found in its text."),
    ("actors", "How many different actors it names (or that the analysts added)."),
)  # fmt: skip


def data_page(
    dossier: Dossier, data: DataSet, options: DataOptions, settings: RenderSettings
) -> Page:
    """The data page, listing the files as written (data.files)."""
    articles = len(dossier.articles)
    parts: list[Part] = [
        meta("Data", description="The dossier's annotations and articles as files to download."),
        "# Data",
        f"Everything the analysts recorded, as files to download: "
        f"{plural(data.annotations, 'annotation')} on {plural(articles, 'article')}. "
        "They are made with the site, so they always match its pages; each annotation file "
        "holds the very bytes `dossier export` writes from the same dossier.",
        "## Licence",
        _licence(options.licence),
        "## Files",
        Raw(_files_table(data, settings)),
        "## Fields",
        "### Annotations: annotations.jsonl and annotations.csv",
        "One record per annotation, in article order then reading order, in UTF-8. JSON "
        "Lines: one JSON object a line; `seed`, `seed_start` and `seed_end` are null when "
        "empty, the other text fields empty strings. CSV: a header line, then one row per "
        "annotation (quoted as RFC 4180 says: a note may span lines); an empty field is empty.",
        Raw(_fields_table("Fields of annotations.jsonl and annotations.csv", ROW_FIELDS)),
        "### Annotations: annotations.jsonld",
        "A [W3C Web Annotation](https://www.w3.org/TR/annotation-model/) collection in "
        "JSON-LD: one AnnotationCollection whose first page holds every annotation. "
        f"`<base>` is `{options.base_url}`: the site's address when its `site_url` is set.",
        Raw(_fields_table("Fields of annotations.jsonld", W3C_FIELDS)),
        "### Annotations: annotations-ptc.tsv",
        "The SemEval 2020 Task 11 (PTC) span format: four tab-separated columns, no header. "
        "Only annotations whose label is a PTC propaganda technique are written"
        + _left_out(data)
        + ".",
        Raw(_fields_table("Columns of annotations-ptc.tsv", PTC_FIELDS)),
        "### Articles: articles.csv and articles.jsonl",
        "One record per article, in the dossier's order (CSV with a header line; JSON Lines).",
        Raw(_fields_table("Fields of articles.csv and articles.jsonl", ARTICLE_FIELDS)),
        "## Offsets",
        "Every offset counts characters (Unicode code points: not bytes, not UTF-16 units), "
        "from 0, the end excluded, so that `text[start:end]` is the passage.",
        "- **Article text** (`start`, `end`): the text of the article as the site shows it, "
        "which is the file `dossier/articles/<id>.md` after its front matter.",
        "- **Seed file** (`seed_start`, `seed_end`, the PTC columns and the W3C "
        "TextPositionSelector): the text of the seed file the article was imported from, "
        "read as UTF-8 (a leading byte order mark not counted; a web page decoded with its "
        "own charset). Import keeps each paragraph verbatim, so a passage maps onto the "
        "seed unless it spans text the import changed; then these offsets are empty.",
    ]
    return make_page(DATA_PAGE, parts)


def _licence(licence: str | None) -> str:
    if licence and licence.strip():
        return escape(" ".join(licence.split()))
    return (
        "No licence was given for these files (the site's `data_licence` option is not "
        "set): ask the dossier's publishers before reusing them."
    )


def _left_out(data: DataSet) -> str:
    left = []
    if data.ptc_not_technique:
        left.append(f"{plural(data.ptc_not_technique, 'annotation')} with other labels")
    if data.ptc_unmapped:
        left.append(f"{plural(data.ptc_unmapped, 'annotation')} whose passage does not map "
                    "onto its seed file")  # fmt: skip
    return f" (left out: {' and '.join(left)})" if left else ""


def _files_table(data: DataSet, settings: RenderSettings) -> str:
    rows = []
    for item in data.files:
        kind, record, command = FORMATS[item.format]
        name = item.path.rsplit("/", 1)[-1]
        href = html.escape(settings.href(DATA_PAGE, item.path))
        same = f"<code>{html.escape(command)}</code>" if command else "the articles’ metadata"
        rows.append(
            f'<tr><td><a href="{href}" download>{html.escape(name)}</a></td>'
            f"<td>{html.escape(kind)}</td>"
            f'<td class="dossier-data-n"><data value="{item.records}">'
            f"{html.escape(plural(item.records, record))}</data></td>"
            f'<td class="dossier-data-n"><data value="{item.size}">{_size(item.size)}</data></td>'
            f"<td>{same}</td></tr>"
        )
    head = (
        "<thead><tr><th>File</th><th>Format</th><th>Records</th><th>Size</th>"
        "<th>Same as</th></tr></thead>"
    )
    body = "\n".join(rows)
    return (
        '<div class="dossier-data">\n<table>\n<caption>Files to download</caption>\n'
        f"{head}\n<tbody>\n{body}\n</tbody>\n</table>\n</div>"
    )


def _fields_table(caption: str, fields: tuple[tuple[str, str], ...]) -> str:
    rows = "\n".join(
        f'<tr><th scope="row"><code>{html.escape(name)}</code></th>'
        f"<td>{html.escape(text)}</td></tr>"
        for name, text in fields
    )
    return (
        f'<div class="dossier-data">\n<table>\n<caption>{html.escape(caption)}</caption>\n'
        "<thead><tr><th>Field</th><th>Meaning</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>\n</div>"
    )


def _size(size: int) -> str:
    """A file size for people: bytes, KB or MB (1,000-based, one decimal)."""
    if size < 1000:
        return plural(size, "byte")
    if size < 1_000_000:
        return f"{size / 1000:.1f} KB"
    return f"{size / 1_000_000:.1f} MB"


assert set(FORMATS) == set(ANNOTATIONS) | set(ARTICLES)
