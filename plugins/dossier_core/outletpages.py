"""An outlet's page: its badge, facts and labels (with their basis); a profile (the
techniques and other labels its articles carry, and its claims' verdicts, per article
against the dossier's average; its articles over time; the actors it names most);
then its articles on numbered pages."""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import quote

from .escaping import escape
from .framing import narrowed_path, over_time, table
from .kinds import LABEL_GROUPS, group_name
from .listing import Listing, paged
from .model import Source
from .pagekit import (
    Lazy,
    Page,
    Part,
    Raw,
    actor_path,
    article_path,
    heading,
    plural,
    quiet,
    source_path,
    unsearched,
)  # fmt: skip
from .parts import a, chip, outlet_badge, urls
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex


def source_pages(
    dossier: Dossier, index: DossierIndex, source: Source, settings: RenderSettings
) -> list[Page]:
    """The outlet with its labels and profile, then its articles,
    settings.list_articles_per_page to a page."""
    ids = index.articles_by_source.get(source.id, [])

    def item(path: str, article_id: str) -> str:
        article = index.articles[article_id].article
        url = settings.href(path, article_path(article_id))
        date = html.escape(article.published or "undated")
        return f'{date} · <a href="{html.escape(url)}">{html.escape(article.title)}</a>'

    def head(path: str) -> list[Part]:
        return [
            *_source_header(dossier, path, source, settings),
            *_profile(dossier, index, path, source, settings),
            heading(2, f"Articles ({len(ids)})", searched=False),
        ]

    listing = Listing(
        first=source_path(source.id), title=source.name, more="articles",
        description=source.description, items=ids, size=settings.list_articles_per_page,
        item=item, css="dossier-articles", head=head,
    )  # fmt: skip
    return paged(listing, settings)


UNIDENTIFIED_NOTE = (
    "The outlet that published these articles is not identified. They are kept apart as"
    " one site of their own, so that no count credits them to a known outlet or merges"
    " them with another unidentified site."
)


def _source_header(
    dossier: Dossier, path: str, source: Source, settings: RenderSettings
) -> list[Part]:
    # The badge repeats the name and label the page gives in words: not search text.
    badge = outlet_badge(dossier, source.id, urls(settings, path))
    parts = [f"<p data-pagefind-ignore>{badge}</p>"]
    kind = "unidentified site" if source.unidentified else source.type
    facts = [("Full name", source.full_name), ("Type", kind), ("Country", source.country),
             ("Domain", source.domain)]  # fmt: skip
    parts.append("\n\n".join(f"**{k}** {escape(v)}" for k, v in facts if v))
    if source.unidentified:
        parts.append(UNIDENTIFIED_NOTE)
    if source.description:
        parts.append(escape(source.description))
    for label in source.labels:
        cite = escape(label.citation.title)
        if label.citation.url:
            # Parentheses, quotes and spaces would end a Markdown link destination.
            url = quote(label.citation.url, safe=":/?#[]@!$&*+,;=%~-._")
            cite = f"[{cite}]({url})"
        parts.append(
            f"{heading(2, 'Label: ' + label.label)}\n\n{escape(label.basis)}\n\n"
            f"**Basis** {cite} · **as of** {escape(label.as_of or 'undated')}"
        )
    return [p for p in parts if p]


class Profile:
    """What an outlet's articles carry, against the whole dossier (counts per label,
    per verdict; mentions and articles per actor; articles per date)."""

    def __init__(self, index: DossierIndex, source_id: str) -> None:
        self.articles = index.articles_by_source.get(source_id, [])
        self.labels: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.mentions: Counter[str] = Counter()
        self.named_in: Counter[str] = Counter()  # actor -> articles
        self.dates: Counter[str] = Counter()
        for article_id in self.articles:
            entry = index.articles[article_id]
            self.dates[entry.article.published] += 1
            self.mentions.update(entry.actor_counts)
            self.named_in.update(entry.actor_counts.keys())
            for item in entry.annotations:
                self.labels[item.annotation.label] += 1
                if item.annotation.verdict:
                    self.verdicts[item.annotation.verdict] += 1


def dossier_verdicts(dossier: Dossier, index: DossierIndex) -> Counter[str]:
    """Verdicts across the dossier (only labels that have verdicts are read)."""
    found: Counter[str] = Counter()
    for label in dossier.registry.labels.values():
        if label.verdicts:
            items = index.annotations_by_label.get(label.id, [])
            found.update(item.annotation.verdict for _, item in items if item.annotation.verdict)
    return found


def _rate(count: int, articles: int) -> str:
    return f"{count / articles:.2f}" if articles else "–"


def _profile(
    dossier: Dossier, index: DossierIndex, path: str, source: Source, settings: RenderSettings
) -> list[Part]:
    profile = Profile(index, source.id)
    if not profile.articles:
        return []
    n = len(profile.articles)
    intro = (
        f"Per article: this outlet's {plural(n, 'article')} against all "
        f"{plural(len(index.articles), 'article')} of the dossier."
    )
    # The profile is figures, not text: kept out of search excerpts.
    return [
        heading(2, "Profile", searched=False),
        quiet(intro),
        Lazy(lambda: unsearched(_labels_table(dossier, index, path, source, profile, settings))),
        Lazy(lambda: unsearched(_verdicts_table(dossier, index, source, profile))),
        heading(3, "Articles over time", searched=False),
        Lazy(lambda: unsearched(_over_time(index, source, profile, settings))),
        heading(3, "Most-mentioned actors", searched=False),
        Lazy(lambda: _top_actors(dossier, path, profile, settings)),
    ]



def _over_time(
    index: DossierIndex, source: Source, profile: Profile, settings: RenderSettings
) -> str:
    """A chart for the outlets with the most articles (settings.charted_pages of them),
    the table alone for the others: a chart costs tens of milliseconds."""
    mine = (-len(profile.articles), source.id)
    above = sum(1 for o, ids in index.articles_by_source.items() if (-len(ids), o) < mine)
    title = f"Articles of {source.name} by month"
    dates = dict(sorted(profile.dates.items()))
    return over_time(title, dates, "article", "chart-articles", above < settings.charted_pages)


def _labels_table(
    dossier: Dossier, index: DossierIndex, path: str, source: Source, profile: Profile,
    settings: RenderSettings,
) -> str:  # fmt: skip
    """Annotations per label (grouped) in this outlet and in the dossier, per article."""
    n, everywhere = len(profile.articles), len(index.articles)
    rows = []
    for group_id in LABEL_GROUPS:
        labels = [x for x in dossier.registry.labels.values() if x.group == group_id]
        total = sum(len(index.annotations_by_label.get(x.id, [])) for x in labels)
        mine = sum(profile.labels[x.id] for x in labels)
        if not total:
            continue
        rows.append([f"<strong>{escape(group_name(group_id))}: all</strong>", str(mine),
                     _rate(mine, n), _rate(total, everywhere)])  # fmt: skip
        for label in labels:
            count, all_count = (
                profile.labels[label.id],
                len(index.annotations_by_label.get(label.id, [])),
            )
            if not count and not all_count:
                continue
            target = settings.href(path, narrowed_path(label.id, source.id))
            name = f"{chip(label)} " + (a(target, label.name) if count else escape(label.name))
            rows.append([name, str(count), _rate(count, n), _rate(all_count, everywhere)])
    if not rows:
        return "<p>No annotation in the dossier yet.</p>"
    columns = ["Label", "Annotations", f"Per article: {source.name}", "Per article: all outlets"]
    caption = f"Annotations per article: {source.name} against the dossier"
    return str(table(caption, columns, rows, caption))


def _verdicts_table(dossier: Dossier, index: DossierIndex, source: Source, profile: Profile) -> str:
    everywhere = dossier_verdicts(dossier, index)
    if not everywhere:
        return ""
    n, total = len(profile.articles), len(index.articles)
    rows = [
        [escape(verdict), str(profile.verdicts[verdict]), _rate(profile.verdicts[verdict], n),
         _rate(count, total)]
        for verdict, count in sorted(everywhere.items(), key=lambda kv: (-kv[1], kv[0]))
    ]  # fmt: skip
    columns = ["Verdict", "Claims", f"Per article: {source.name}", "Per article: all outlets"]
    caption = f"Claim verdicts per article: {source.name} against the dossier"
    return str(table(caption, columns, rows, caption))


def _top_actors(dossier: Dossier, path: str, profile: Profile, settings: RenderSettings) -> str:
    ranked = sorted(profile.mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    items = []
    for actor_id, count in ranked[: settings.profile_actors]:
        actor = dossier.registry.actors[actor_id]
        link = a(settings.href(path, actor_path(actor_id)), actor.name)
        articles = plural(profile.named_in[actor_id], "article")
        items.append(f"<li>{link} · {plural(count, 'mention')} in {articles}</li>")
    if not items:
        return "<p>Its articles name no actor of the glossary.</p>"
    return f'<ol class="dossier-top" data-pagefind-ignore>{"".join(items)}</ol>'
