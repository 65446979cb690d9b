"""The tables import cleans plain text with: page furniture, section labels, signatures.

Data only; furniture.py and textimport.py apply them. To teach import a new kind of
furniture, add a row to `FURNITURE`: a reason (what the `removed` list will say), the
language it is written in, and a regular expression that must match the WHOLE line
(stripped, case-insensitive, with trailing punctuation such as ":", "!" or "»"
allowed). A rule never removes part of a line, so a body sentence that merely starts
like a prompt ("Read the full statement...") is kept. Add a case to tests/test_wire.py
with every new row.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    reason: str
    language: str  # "en", "es", "ru" (documentation and tests; every rule always applies)
    pattern: str  # must match the whole stripped line, case-insensitive


# Building blocks shared by several rows.
_NET = (
    r"(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|pinterest|messenger|flipboard"
    r"|vk|vkontakte|вконтакте|одноклассники|телеграме?|tiktok|instagram|youtube)"
)
_NETS = rf"{_NET}(?:\s*(?:,|and|or|y|o|и|или)\s*{_NET})*"
# Between the buttons of a run ("Share  Tweet | Email"); written without two adjacent
# optional spaces, which would backtrack quadratically on a long run of blanks.
_RUN = r"(?:\s*[|·•,/]\s*|\s+)"
# A credit: at most 100 characters and no sentence end inside ("Reuters/Carlos Garcia").
_CREDIT = r"(?:(?![.!?]\s).){1,100}"
_AGENCY_CREDIT = (
    r"(?:reuters|afp|ap|efe|tass|ria novosti|sputnik|xinhua|getty images|риа новости|тасс)"
)
# A photographer's name after an agency and a slash: capitalised words only, so that
# "Reuters/Ipsos poll shows..." is not taken for a credit.
_UP = "A-ZÁÉÍÓÚÑА-ЯЁ"
_NAME = rf"(?-i:[{_UP}][\w'’.-]*(?: (?:de |del |da )?[{_UP}][\w'’.-]*){{0,3}})"
# Caption lines end with the agency credit in its own capitals: "... 2019. REUTERS/Carlos ..."
_CAPTION_CREDIT = rf"(?-i:REUTERS|AFP|EFE|AFP PHOTO|TASS)\s*/\s*{_NAME}"
_MORE = r"(?:\s*:\s*.{1,200})?"  # "Read more: <another headline>"
_FEW = r"(?: [\w'’-]+){0,3}"  # up to three words: "our daily", "the Reuters Americas"


def _any(*alternatives: str) -> str:
    """One pattern matching any of the alternatives (each a regular expression)."""
    return "(?:" + "|".join(alternatives) + ")"


_SHARE_EN = _any(
    r"share(?: (?:this|the) (?:article|story|page|post))?(?: (?:on|via|to|with) [\w.+-]+)?",
    r"tweet(?: this)?",
    r"e-?mail(?: this)?",
    r"print(?: this)?",
    r"copy (?:the )?link",
    _NET,
)
_SHARE_ES = _any(
    r"compart(?:ir|e|a)(?: (?:esta|este|la|el) (?:noticia|art[ií]culo|nota))?"
    r"(?: (?:en|por|v[ií]a) [\w.+-]+)?",
    r"tuitear",
    r"enviar(?: por (?:correo|e-?mail|whatsapp))?",
    r"imprimir",
    r"copiar (?:el )?enlace",
    _NET,
)
_SHARE_RU = _any(
    r"поделиться(?: (?:в|во|через) [\w.+-]+)?",
    r"твитнуть",
    r"отправить(?: по почте)?",
    r"скопировать ссылку",
    r"распечатать",
    r"печать",
    _NET,
)

FURNITURE: list[Rule] = [
    # Observed in the bundled seeds (keep their reasons: the seeds' tests check them).
    Rule("section link", "en", r"All news|Latest news|Top stories"),
    Rule("advertisement", "en", r"[-–—]?\s*Advertisement\s*[-–—]?"),
    Rule("newsletter prompt", "en", _any(
        r"Subscribe to our newsletter", r"Sign up here to get the latest news\b.*")),
    Rule("share prompt", "en", r"Like this story\? Share it with a friend"),
    Rule("promotion of another article", "en", r"Also on [a-z0-9-]+(?:\.[a-z0-9-]+)+ .+"),
    Rule("forum footer", "en", r"Recommended Posts"),
    # A copyright line (a year after the sign, or the words): before the seeds' credit
    # rule, which takes any other line opening with "©" for a photo credit.
    Rule("copyright", "en", r"(?:©|\(c\)|copyright)\s*\d{4}\b.*|.*\ball rights reserved\b.*"),
    Rule("copyright", "es", r".*\btodos los derechos reservados\b.*"),
    Rule("copyright", "ru", r".*\bвсе права защищены\b.*"),
    Rule("photo credit", "en", r"©\s*\S.*"),
    # Advertisements.
    Rule("advertisement", "es", r"[-–—]?\s*(?:Publicidad|Anuncio)\s*[-–—]?"),
    Rule("advertisement", "ru", r"[-–—]?\s*Реклама\s*[-–—]?"),
    # Share buttons, alone or as a run ("Share on Facebook", "Share Tweet Email").
    Rule("share prompt", "en", rf"{_SHARE_EN}(?:{_RUN}{_SHARE_EN})*"),
    Rule("share prompt", "es", rf"{_SHARE_ES}(?:{_RUN}{_SHARE_ES})*"),
    Rule("share prompt", "ru", rf"{_SHARE_RU}(?:{_RUN}{_SHARE_RU})*"),
    # Newsletter and subscription prompts; invitations to follow on social media.
    Rule("newsletter prompt", "en", _any(
        r"subscribe(?: now| today| here)?", r"newsletters?",
        rf"subscribe to (?:our|the){_FEW} (?:newsletters?|channel|mailing list)(?: on [\w.-]+)?",
        rf"sign up(?: here| now)? (?:for|to) (?:our|the){_FEW} newsletters?",
        rf"get (?:our|the){_FEW} newsletter(?: in your inbox)?")),
    Rule("newsletter prompt", "es", _any(
        r"suscr[ií](?:b[ae]se|bete|birse|birte)(?: (?:a|en) (?:nuestro|nuestra|el|la)"
        r"(?: [\w-]+){0,2} (?:bolet[ií]n|newsletter|canal)(?: (?:de|en) [\w.-]+)?)?",
        r"recib[ae] (?:nuestro|el) bolet[ií]n(?: [\w ]{1,40})?", r"bolet[ií]n")),
    Rule("newsletter prompt", "ru", _any(
        r"подпи(?:сывайтесь|шитесь) на (?:нас|наш|нашу)(?: [\w-]+){0,2}(?: (?:в|во) [\w.-]+)?",
        r"подписаться(?: на рассылку)?")),
    Rule("follow prompt", "en", rf"follow us(?: on {_NETS})?"),
    Rule("follow prompt", "es", rf"s[ií]guenos(?: en {_NETS})?"),
    Rule("follow prompt", "ru", rf"(?:читайте|следите за) нас(?:ими новостями)? (?:в|во) {_NETS}"),
    # Photo credits: the credit alone, or a caption ending with the agency's credit.
    Rule("photo credit", "en", _any(
        rf"(?:photo|photograph|picture|image)(?: credits?)?\s*:\s*{_CREDIT}",
        r"\(?file photo\)?", rf"{_AGENCY_CREDIT}(?: photo)?\s*/\s*{_NAME}")),
    Rule("photo caption", "en", _any(
        rf".{{10,400}}?[.)]\s+{_CAPTION_CREDIT}(?:/File Photo)?",
        r".{10,400}?\((?-i:AP) Photo/[^)]{1,60}\)")),
    Rule("photo credit", "es", _any(
        rf"foto(?:graf[ií]a)?(?: de archivo)?\s*:\s*{_CREDIT}", r"foto de archivo")),
    Rule("photo credit", "ru", _any(
        rf"фото(?:графия)?\s*:\s*{_CREDIT}", r"архивное фото", r"фото из архива")),
    # Links to other stories, alone or with the other story's headline after a colon.
    Rule("related-story link", "en", _any(
        r"read more", r"read also", r"also read", r"related", r"see also",
        r"more on this(?: story)?", r"related (?:stories|articles|news|coverage|content)",
        r"you (?:may|might) also like", r"recommended(?: for you)?") + _MORE),
    Rule("related-story link", "es", _any(
        r"le[ae] (?:tambi[eé]n|adem[aá]s)", r"leer (?:m[aá]s|tambi[eé]n)", r"ver tambi[eé]n",
        r"(?:te|le) puede interesar", r"puede interesarte", r"noticias relacionadas",
        r"relacionad[oa]s?", r"m[aá]s noticias") + _MORE),
    Rule("related-story link", "ru", _any(
        r"читайте также", r"читать также", r"смотрите также", r"ещ[её] по теме", r"по теме",
        r"(?:материалы|новости) по теме") + _MORE),
    # Comment prompts and counters.
    Rule("comment prompt", "en", _any(
        r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?",
        r"(?:leave|post|add|write|show|view|read|load)(?: a| your| all)? (?:comments?|reply)",
        r"join the (?:discussion|conversation)", r"be the first to comment",
        r"comments are closed")),
    Rule("comment prompt", "es", _any(
        r"(?:\d+\s+)?comentarios?(?:\s*\(\d+\))?", r"comentar",
        r"(?:deja|dejar|escribe|escribir|añadir|agregar|ver|mostrar)(?: (?:un|tu|los))?"
        r" comentarios?")),
    Rule("comment prompt", "ru", _any(
        r"(?:\d+\s+)?комментари(?:и|й|ев|я)(?:\s*\(\d+\))?", r"комментировать",
        r"(?:оставить|добавить|написать|показать|читать)(?: все)? комментари(?:й|и)")),
    # Reading-time badges.
    Rule("reading time", "en", r"\d+\s*min(?:ute)?s?\.? read"),
    Rule("reading time", "es", _any(
        r"lectura:?\s*\d+\s*min(?:utos)?\.?", r"\d+\s*min(?:utos)?\.? de lectura")),
    Rule("reading time", "ru", r"время (?:чтения|прочтения):?\s*\d+\s*мин(?:ут[аы]?)?\.?"),
    # Publisher notices under every story of a site.
    Rule("publisher notice", "en", r"Our Standards: The Thomson Reuters Trust Principles"),
]  # fmt: skip

# First lines that name a section or the site rather than the story: removed (reason
# "section label") only before the headline, where a page's navigation is pasted;
# further down the same words may be a subheading of the article and are kept.
SECTION_LABELS: dict[str, tuple[str, ...]] = {
    "en": (
        "World", "World news", "News", "Latest", "Breaking news", "Top news", "Home",
        "Politics", "Americas", "Latin America", "Europe", "Russia", "Business", "Economy",
        "Markets", "Opinion", "Analysis", "International", "Headlines", "Front page",
    ),
    "es": (
        "Noticias", "Últimas noticias", "Internacional", "Mundo", "América", "América Latina",
        "Latinoamérica", "Política", "Economía", "Portada", "Inicio", "Actualidad", "Opinión",
    ),
    "ru": (
        "Новости", "Все новости", "Последние новости", "Лента новостей", "Главное",
        "Главная", "В мире", "Мир", "Политика", "Экономика", "Международная панорама",
        "Международная жизнь", "Россия", "Латинская Америка",
    ),
}  # fmt: skip

# Site names that may open pasted text, with the outlet they identify ("" = a site that is
# not an outlet of its own, recorded as the page's site name).
SITE_NAMES: dict[str, str] = {
    "Reuters": "reuters", "Reuters.com": "reuters", "AP": "ap", "AP News": "ap",
    "The Associated Press": "ap", "AFP": "afp", "Bloomberg": "bloomberg", "EFE": "efe",
    "Agencia EFE": "efe", "Xinhua": "xinhua", "Xinhuanet": "xinhua", "TASS": "tass",
    "ТАСС": "tass", "RIA Novosti": "ria-novosti", "РИА Новости": "ria-novosti", "RT": "rt",
    "RT en Español": "rt", "RT на русском": "rt", "Interfax": "interfax",
    "Интерфакс": "interfax",
}  # fmt: skip

# Outlet signatures: a pattern anywhere in the text (kept or removed lines) -> outlet id.
# Only marks an outlet puts on its own copy; a credit ("Photo: Reuters/...") or a
# mention ("told Reuters") says nothing about who published the page.
SIGNATURES: list[tuple[str, str]] = [
    (r"/TASS/|/ТАСС/", "tass"),
    (r"(?m)\brt\.com\b|^RT Team\.?$", "rt"),
]
