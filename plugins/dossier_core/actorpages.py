"""An actor's page: kind, description, spellings; what the dossier says about it (the
annotations naming it or whose passage mentions it, grouped by label, with a label x
outlet table, continued on numbered pages); its mentions over time and the articles
that name it (each with a few mentions in context, on numbered pages); who is named in
the same articles."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from .escaping import escape
from .framing import (
    About,
    about_attributes,
    about_path,
    charted,
    narrowed_path,
    over_time,
    table,
)  # fmt: skip
from .kinds import kind_name
from .listing import Listing, chunks, paged
from .model import Actor
from .pagekit import (
    Lazy,
    Page,
    Part,
    Raw,
    actor_path,
    article_path,
    heading,
    make_page,
    meta,
    plural,
    quiet,
    unsearched,
)  # fmt: skip
from .parts import a, annotated_passage, article_heading, chip, in_context, in_dossier, outlet_name
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex


def actor_pages(
    dossier: Dossier, index: DossierIndex, actor: Actor, settings: RenderSettings
) -> list[Page]:
    """The actor's page, then as many numbered pages as its mentions and the
    annotations about it need; none for an actor nothing in the dossier refers to."""
    if not in_dossier(index, actor.id):
        return []
    articles = index.articles_by_actor.get(actor.id, [])
    total = index.mention_counts.get(actor.id, 0)
    about = index.annotations_by_actor.get(actor.id, [])
    groups = chunks(about, settings.actor_annotations_per_page)

    def head(path: str) -> list[Part]:
        counts = f"{plural(total, 'mention')} in {plural(len(articles), 'article')}"
        none = [] if articles else [quiet("No article of the dossier names this actor.")]
        return [
            *_actor_header(actor),
            *_about_section(dossier, index, actor, about, groups, settings),
            heading(2, f"Mentions: {counts}", searched=False),
            *none,
            Lazy(lambda: unsearched(_mentions_over_time(index, actor, settings))),
        ]

    listing = Listing(
        first=actor_path(actor.id), title=actor.name, more="mentions",
        description=actor.description, items=articles, size=settings.actor_articles_per_page,
        item=lambda path, article_id: _actor_entry(
            dossier, index, path, article_id, actor.id, settings
        ),
        css="dossier-mentions", head=head,
        tail=lambda path: _actor_cooccurrence(dossier, index, path, actor.id, settings),
    )  # fmt: skip
    pages = paged(listing, settings)
    for number, group in enumerate(groups[1:], start=2):
        path = about_path(actor.id, number)
        title = f"{actor.name}: annotations, page {number}"
        pages.append(make_page(path, [
            meta(title, False, description=actor.description),
            heading(1, title),
            Raw("<p>" + a(settings.href(path, actor_path(actor.id)), actor.name) + "</p>"),
            Lazy(partial(_about_entries, dossier, index, path, actor.id, about, number,
                         group, settings)),
            _about_pager(actor.id, path, number, len(groups), settings),
        ]))  # fmt: skip
    return pages


def _actor_header(actor: Actor) -> list[Part]:
    plain = [a.text for a in actor.aliases[1:] if not a.metonym]
    figurative = [a.text for a in actor.aliases if a.metonym]
    # The kind is a search result's detail (metadata `role`), not its text: in the text
    # it would read "Country Country in South America..." in every excerpt.
    kind = escape(kind_name(actor.kind))
    as_detail = 'data-pagefind-ignore data-pagefind-meta="role"'
    facts = [f'<span class="dossier-kind" {as_detail}>{kind}</span>']
    if actor.description:
        facts.append(escape(actor.description))
    parts: list[Part] = [" ".join(facts)]
    if plain:
        parts.append("**Also written** " + ", ".join(escape(a) for a in plain))
    if figurative:
        parts.append("**Used figuratively (metonym)** " + ", ".join(escape(a) for a in figurative))
    return parts


def _about_section(
    dossier: Dossier, index: DossierIndex, actor: Actor, about: Sequence[About],
    groups: Sequence[Sequence[About]], settings: RenderSettings,
) -> list[Part]:  # fmt: skip
    """'What the dossier says': the counts, the label x outlet table, the first page."""
    title = heading(2, f"What the dossier says about {actor.name}", searched=False)
    if not about:
        return [title, quiet("No annotation of the dossier is about this actor.")]
    path = actor_path(actor.id)
    articles = len({article_id for article_id, _ in about})
    counts = (
        f"{plural(len(about), 'annotated passage')} in {plural(articles, 'article')} "
        "name this actor or mention it, grouped by label below."
    )
    # The counts and the table are the page's own figures, not text to search.
    return [
        title,
        quiet(counts),
        Lazy(lambda: unsearched(_framing_table(dossier, index, actor, about, settings))),
        Lazy(
            partial(_about_entries, dossier, index, path, actor.id, about, 1, groups[0], settings)
        ),  # fmt: skip
        _about_pager(actor.id, path, 1, len(groups), settings),
    ]


def _framing_table(
    dossier: Dossier, index: DossierIndex, actor: Actor, about: Sequence[About],
    settings: RenderSettings,
) -> str:  # fmt: skip
    """Label x outlet counts of the annotations about the actor; each count links to
    the label's passages in that outlet, each label to its group below."""
    path = actor_path(actor.id)
    counts: Counter[tuple[str, str]] = Counter()
    starts: dict[str, int] = {}  # label -> position of its first entry
    for position, (article_id, item) in enumerate(about):
        label_id = item.annotation.label
        starts.setdefault(label_id, position)
        counts[(label_id, index.articles[article_id].article.outlet)] += 1
    by_outlet: Counter[str] = Counter()
    for (_, outlet), count in counts.items():
        by_outlet[outlet] += count
    ranked = sorted(by_outlet, key=lambda o: (-by_outlet[o], o))
    shown, others = ranked[: settings.framing_outlets], ranked[settings.framing_outlets :]
    columns = ["Label", *(outlet_name(dossier, o) for o in shown)]
    columns += ["Other outlets"] * bool(others) + ["All"]
    rows = []
    labels = dossier.registry.labels
    for label_id, start in starts.items():
        label = labels[label_id]
        page = about_path(actor.id, start // settings.actor_annotations_per_page + 1)
        name = a(settings.href(path, page, f"about-{label_id}"), label.name)
        cells = []
        for outlet in shown:
            count = counts[(label_id, outlet)]
            target = settings.href(path, narrowed_path(label_id, outlet))
            words = f"{label.name}: every passage in {outlet_name(dossier, outlet)}"
            cells.append(
                f'<a href="{html.escape(target)}" title="{html.escape(words)}">{count}</a>'
                if count else "–"
            )  # fmt: skip
        rest = sum(counts[(label_id, o)] for o in others)
        cells += [str(rest or "–")] * bool(others)
        cells.append(str(sum(counts[(label_id, o)] for o in ranked)))
        rows.append([f"{chip(label)} {name}", *cells])
    caption = f"Annotations about {actor.name} by label and outlet"
    return table(caption, columns, rows, caption)


def _about_entries(
    dossier: Dossier, index: DossierIndex, path: str, actor_id: str, about: Sequence[About],
    number: int, group: Sequence[About], settings: RenderSettings,
) -> str:  # fmt: skip
    """One page of annotations about the actor, under a heading per label."""
    size = settings.actor_annotations_per_page
    first = (number - 1) * size
    out: list[str] = []
    labels = dossier.registry.labels
    for position, (article_id, item) in enumerate(group, start=first):
        label = labels[item.annotation.label]
        previous = about[position - 1][1].annotation.label if position else ""
        if position == first or previous != label.id:
            if out:
                out.append("</ul>")
            starts = previous != label.id
            ident = f' id="about-{label.id}"' if starts else ""
            name = escape(label.name) + ("" if starts else " (continued)")
            out.append(f'<h3{ident}>{chip(label)} {name}</h3><ul class="dossier-passages">')
        entry = annotated_passage(dossier, index, path, article_id, item, settings, verdict=True)
        out.append(f"<li {about_attributes(article_id, item)}>{entry}</li>")
    out.append("</ul>")
    return '<div class="dossier-about" data-pagefind-ignore>' + "\n".join(out) + "</div>"


def _about_pager(
    actor_id: str, path: str, number: int, total: int, settings: RenderSettings
) -> str:
    """'Annotations, page 1 of 3: next →' between the pages of annotations."""
    if total <= 1:
        return ""
    links = []
    if number > 1:
        links.append(a(settings.href(path, about_path(actor_id, number - 1)), "← previous"))
    if number < total:
        links.append(a(settings.href(path, about_path(actor_id, number + 1)), "next →"))
    return Raw(
        '<nav class="dossier-pager" aria-label="Pages of annotations">'
        f"Annotations, page {number} of {total}: {' · '.join(links)}</nav>"
    )


def _mentions_over_time(index: DossierIndex, actor: Actor, settings: RenderSettings) -> str:
    counts: Counter[str] = Counter()
    for article_id in index.articles_by_actor.get(actor.id, []):
        entry = index.articles[article_id]
        counts[entry.article.published] += entry.actor_counts.get(actor.id, 0)
    title = f"Mentions of {actor.name} by month"
    # a chart for the most-mentioned actors only (each costs tens of milliseconds);
    # the others get its data table
    chart = charted(index.mention_counts, actor.id, settings.charted_pages)
    return over_time(title, dict(sorted(counts.items())), "mention", "chart-mentions", chart)


def _actor_entry(
    dossier: Dossier, index: DossierIndex, path: str, article_id: str, actor_id: str,
    settings: RenderSettings,
) -> str:  # fmt: skip
    """One article on an actor page: title, outlet and date, a few mentions in context,
    and a link to the next of its other mentions."""
    if settings.memo is None:
        return _made_entry(dossier, index, path, article_id, actor_id, settings)
    entry = index.articles[article_id]
    # What it shows of the article: its text (the same object), the actor's mentions in
    # it (a glossary edit may move them), and the outlet's name (the memo's fingerprint).
    where = tuple((m.start, m.end) for m in entry.mentions if m.actor_id == actor_id)
    return settings.memo.item(
        ("actor", path, article_id, actor_id, where),
        (entry.article,),
        lambda: _made_entry(dossier, index, path, article_id, actor_id, settings),
    )


def _made_entry(
    dossier: Dossier, index: DossierIndex, path: str, article_id: str, actor_id: str,
    settings: RenderSettings,
) -> str:  # fmt: skip
    entry = index.articles[article_id]
    article = entry.article
    found = [(n, m) for n, m in enumerate(entry.mentions, start=1) if m.actor_id == actor_id]
    url = settings.href(path, article_path(article_id))
    outlet = outlet_name(dossier, article.outlet)
    head = article_heading(url, article.title, outlet, article.published)
    if not found:
        return head + ' <span class="dossier-note">(added by the analyst)</span>'
    shown = settings.snippets_per_article
    lines = [
        in_context(
            article.body, m.start, m.end, settings.href(path, article_path(article_id), f"m-{n}")
        )
        for n, m in found[:shown]
    ]
    if len(found) > shown:
        more = len(found) - shown
        following = settings.href(path, article_path(article_id), f"m-{found[shown][0]}")
        lines.append(a(following, f"{plural(more, 'more mention')} in this article"))
    return head + "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def _actor_cooccurrence(
    dossier: Dossier, index: DossierIndex, path: str, actor_id: str, settings: RenderSettings
) -> list[Part]:
    together = index.cooccurrence.get(actor_id)
    if not together:
        return []
    items = []
    for other, count in sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        url = html.escape(settings.href(path, actor_path(other)))
        name = html.escape(dossier.registry.actors[other].name)
        items.append(f'<li><a href="{url}">{name}</a> · {plural(count, "article")}</li>')
    # Other actors' names are their own pages' search text: searching one name should
    # not list every actor named beside it.
    return [
        heading(2, "Named in the same articles", searched=False),
        Raw("<ul data-pagefind-ignore>\n" + "\n".join(items) + "\n</ul>"),
    ]
