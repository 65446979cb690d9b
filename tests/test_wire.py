"""Wire copy pasted into plain text: datelines, agencies, section labels, furniture rules.

The stories are short but realistic wire copy on the seeds' theme (Russia and the 2019
Venezuelan crisis) as it comes out of a browser: section labels above the headline,
share and newsletter prompts, photo credits, related-story links and comment prompts
in English, Spanish and Russian, between paragraphs that must be kept as published.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

import pytest

from dossier_core.furniture import LINE_RULES
from dossier_core.importer import outlet_warnings
from dossier_core.importrules import FURNITURE
from dossier_core.textimport import clean_seed
from dossier_core.wire import AGENCIES, find_dateline


class Story(NamedTuple):
    id: str
    text: str
    title: str
    outlet: str
    published: str
    removed: list[str]  # the reasons, in file order
    kept: list[str]  # paragraphs (or their openings) that must stay in the body


STORIES = [
    Story("user-case-reuters", """World news

Russia says U.S. sanctions on Venezuela are illegal, backs Maduro

Share on Facebook
CARACAS, March 25, 2019 (Reuters) - Russia on Monday condemned new U.S. sanctions on Venezuela's state oil company as illegal and said it would keep backing President Nicolas Maduro.
Photo: Reuters/Carlos Garcia Rawlins
Read the full statement on the Russian Foreign Ministry's website, Foreign Minister Sergei Lavrov told reporters in Moscow.
Sign up for our newsletter
(Reporting by Brian Ellsworth in Caracas and Polina Ivanova in Moscow; Editing by Chizu Nomiyama)
""", "Russia says U.S. sanctions on Venezuela are illegal, backs Maduro", "reuters", "2019-03-25",
        ["section label", "share prompt", "photo credit", "newsletter prompt"],
        ["CARACAS, March 25, 2019 (Reuters) - Russia on Monday", "Read the full statement",
         "(Reporting by Brian Ellsworth in Caracas and Polina Ivanova in Moscow; Editing by Chizu Nomiyama)"]),
    Story("ap-politics", """Politics
Russian air force planes land in Venezuela's capital
WASHINGTON (AP) -- Two Russian air force planes carrying nearly 100 troops and about 35 tons of materiel landed at Caracas' main airport on Saturday, according to local media.
Comments made by U.S. Secretary of State Mike Pompeo on Monday warned Moscow against "provocative actions."
Comments
Leave a comment
""", "Russian air force planes land in Venezuela's capital", "ap", "",
        ["section label", "comment prompt", "comment prompt"],
        ["WASHINGTON (AP) -- Two Russian air force planes", "Comments made by U.S. Secretary"]),
    Story("ap-region-caption", """Venezuela's Guaido urges troops to abandon Maduro
CARACAS, Venezuela (AP) — Opposition leader Juan Guaidó called on the military on Tuesday to turn against President Nicolás Maduro.
Opposition leader Juan Guaido speaks to supporters in Caracas, Venezuela, Tuesday, April 30, 2019. (AP Photo/Ariana Cubillos)
Russia's Foreign Ministry accused Washington of supporting a coup attempt.
Copyright 2019 The Associated Press. All rights reserved.
""", "Venezuela's Guaido urges troops to abandon Maduro", "ap", "",
        ["photo caption", "copyright"],
        ["CARACAS, Venezuela (AP) — Opposition leader", "Russia's Foreign Ministry accused"]),
    Story("tass-en-no-year", """Moscow ready to help settle Venezuelan crisis through dialogue, Lavrov says
MOSCOW, March 25. /TASS/. Russia is ready to contribute to a political settlement in Venezuela, Russian Foreign Minister Sergey Lavrov said on Monday.
Read more: Russia's Foreign Ministry slams US sanctions against Venezuela's central bank
"We call on all sides to show restraint," the minister stressed.
""", "Moscow ready to help settle Venezuelan crisis through dialogue, Lavrov says", "tass", "",
        ["related-story link"], ["MOSCOW, March 25. /TASS/. Russia is ready", '"We call on all sides']),
    Story("tass-en-seed-like", """All news
Lavrov, Arreaza discuss situation in Venezuela after April 30 events
Russian Foreign Minister Sergey Lavrov
© Alexander Shcherbak/TASS
MOSCOW, May 5. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with his Venezuelan counterpart Jorge Arreaza in Moscow on Sunday.
""", "Lavrov, Arreaza discuss situation in Venezuela after April 30 events", "tass", "",
        ["section link", "photo credit"], ["Russian Foreign Minister Sergey Lavrov", "MOSCOW, May 5. /TASS/."]),
    Story("tass-ru", """Новости

Лавров обсудит с Арреасой ситуацию в Венесуэле

МОСКВА, 5 мая. /ТАСС/. Министр иностранных дел России Сергей Лавров проведет в воскресенье переговоры с венесуэльским коллегой Хорхе Арреасой.
Читайте также: Песков заявил, что Кремль не планирует контактов с Гуайдо
Поделиться
Комментарии МИД России к событиям 30 апреля были опубликованы на сайте ведомства.
Комментарии
""", "Лавров обсудит с Арреасой ситуацию в Венесуэле", "tass", "",
        ["section label", "related-story link", "share prompt", "comment prompt"],
        ["МОСКВА, 5 мая. /ТАСС/.", "Комментарии МИД России к событиям 30 апреля"]),
    Story("ria-ru", """В мире
Захарова назвала санкции США против Венесуэлы незаконными
МОСКВА, 25 марта - РИА Новости. Новые санкции США против Венесуэлы являются незаконными, заявила официальный представитель МИД России Мария Захарова.
Фото: РИА Новости/Рамиль Ситдиков
Поделиться опытом урегулирования Москва готова, добавила она.
Подписывайтесь на нас в Telegram
""", "Захарова назвала санкции США против Венесуэлы незаконными", "ria-novosti", "",
        ["section label", "photo credit", "newsletter prompt"],
        ["МОСКВА, 25 марта - РИА Новости.", "Поделиться опытом урегулирования"]),
    Story("interfax-ru", """Главная / Новости / В мире
Рябков: Россия не намерена вводить войска в Венесуэлу
Москва. 26 марта. INTERFAX.RU - Москва не собирается вводить войска в Венесуэлу, заявил замминистра иностранных дел РФ Сергей Рябков.
Время чтения: 2 мин
Читайте также заявление МИД России о ситуации в Каракасе.
Смотрите также
""", "Рябков: Россия не намерена вводить войска в Венесуэлу", "interfax", "",
        ["section label", "reading time", "related-story link"],
        ["Москва. 26 марта. INTERFAX.RU -", "Читайте также заявление МИД России"]),
    Story("efe-es", """Noticias
Rusia denuncia que EE.UU. prepara una intervención militar en Venezuela
CARACAS, 25 mar (EFE).- Rusia denunció este lunes que Estados Unidos prepara una intervención militar en Venezuela para derrocar al presidente Nicolás Maduro.
Foto: EFE/Miguel Gutiérrez
Lea también: Guaidó pide a la Unión Europea más sanciones contra el Gobierno de Maduro
Lea el comunicado completo del Ministerio de Exteriores ruso en su web.
Compartir en Facebook
Suscríbase a nuestro boletín
Comentarios
""", "Rusia denuncia que EE.UU. prepara una intervención militar en Venezuela", "efe", "",
        ["section label", "photo credit", "related-story link", "share prompt", "newsletter prompt",
         "comment prompt"],
        ["CARACAS, 25 mar (EFE).- Rusia denunció", "Lea el comunicado completo"]),
    Story("efe-es-two-labels", """Internacional
América Latina
Lavrov y Arreaza rechazan la injerencia de EE.UU. en Venezuela
Moscú, 5 may (EFE).- Los cancilleres de Rusia y Venezuela, Serguéi Lavrov y Jorge Arreaza, rechazaron este domingo la injerencia de Estados Unidos.
Publicidad
Compartir la responsabilidad de la crisis con Washington no es una opción, dijo Arreaza.
Síguenos en Twitter y Facebook
""", "Lavrov y Arreaza rechazan la injerencia de EE.UU. en Venezuela", "efe", "",
        ["section label", "section label", "advertisement", "follow prompt"],
        ["Moscú, 5 may (EFE).- Los cancilleres", "Compartir la responsabilidad de la crisis"]),
    Story("afp-es-full-date", """Maduro recibe a militares rusos en Caracas
Caracas, 25 mar 2019 (AFP) - El gobierno de Nicolás Maduro confirmó la llegada de militares rusos a Venezuela en el marco de acuerdos de cooperación técnica.
Foto de archivo
Te puede interesar: Guaidó anuncia una gira por América Latina
Deja un comentario
""", "Maduro recibe a militares rusos en Caracas", "afp", "2019-03-25",
        ["photo credit", "related-story link", "comment prompt"],
        ["Caracas, 25 mar 2019 (AFP) - El gobierno"]),
    Story("afp-en-home", """Home
Russia warns US against military intervention in Venezuela
CARACAS (AFP) - Russia on Monday warned the United States against any military intervention in Venezuela, as opposition leader Juan Guaido pressed his campaign to oust Maduro.
File photo
Share this article
Tweet
Print media in Caracas reported long queues for fuel.
""", "Russia warns US against military intervention in Venezuela", "afp", "",
        ["section label", "photo credit", "share prompt", "share prompt"],
        ["CARACAS (AFP) - Russia on Monday", "Print media in Caracas"]),
    Story("bloomberg", """Latest
Rosneft Keeps Buying Venezuelan Oil Despite U.S. Sanctions
4 min read
(Bloomberg) -- Rosneft PJSC continues to take Venezuelan crude as payment for loans, even after U.S. sanctions on PDVSA took effect.
Share prices of the Russian oil company fell 1.2% in Moscow.
Subscribe
""", "Rosneft Keeps Buying Venezuelan Oil Despite U.S. Sanctions", "bloomberg", "",
        ["section label", "reading time", "newsletter prompt"],
        ["(Bloomberg) -- Rosneft PJSC", "Share prices of the Russian oil company"]),
    Story("xinhua-en", """World
China urges non-interference in Venezuela's internal affairs
BEIJING, March 25 (Xinhua) -- China on Monday reiterated its opposition to external interference in Venezuela's internal affairs.
Related: Russia, China block U.S. resolution on Venezuela at UN Security Council
Related to the crisis, the spokesperson said China would continue cooperation with Caracas.
""", "China urges non-interference in Venezuela's internal affairs", "xinhua", "",
        ["section label", "related-story link"],
        ["BEIJING, March 25 (Xinhua) --", "Related to the crisis"]),
    Story("xinhua-es", """Rusia y Venezuela firman acuerdos de cooperación
CARACAS, 5 abr (Xinhua) -- Rusia y Venezuela firmaron este viernes nuevos acuerdos de cooperación en materia energética.
Leer más
Comentarios de Lavrov sobre la reunión fueron difundidos por la cancillería rusa.
""", "Rusia y Venezuela firman acuerdos de cooperación", "xinhua", "",
        ["related-story link"], ["CARACAS, 5 abr (Xinhua) --", "Comentarios de Lavrov sobre la reunión"]),
    Story("interfax-en", """Russian specialists in Venezuela under bilateral deal, Kremlin says
MOSCOW, March 26 (Interfax) - Russian specialists are in Venezuela under a bilateral agreement on military-technical cooperation, Kremlin spokesman Dmitry Peskov said.
Also read
Subscribers of Russian state television saw the arrival of the planes live.
""", "Russian specialists in Venezuela under bilateral deal, Kremlin says", "interfax", "",
        ["related-story link"], ["MOSCOW, March 26 (Interfax) -", "Subscribers of Russian state television"]),
    Story("ria-en", """Zakharova: US plans to use Venezuela's oil revenues for Guaido
MOSCOW, January 29 (RIA Novosti) - Washington intends to hand Venezuela's oil revenues to opposition leader Juan Guaido, Russian Foreign Ministry spokeswoman Maria Zakharova said.
Photo credit: Sputnik/Vladimir Pesnya
Follow us on Twitter
""", "Zakharova: US plans to use Venezuela's oil revenues for Guaido", "ria-novosti", "",
        ["photo credit", "follow prompt"], ["MOSCOW, January 29 (RIA Novosti) -"]),
    Story("breadcrumb-reuters-multi-city", """News > World > Americas
Russia rejects U.S. demand to withdraw military personnel from Venezuela
CARACAS/MOSCOW (Reuters) - Russia on Thursday rejected a U.S. demand that it pull military personnel out of Venezuela.
Venezuela's President Nicolas Maduro attends a ceremony in Caracas, Venezuela March 28, 2019. REUTERS/Manaure Quintero
Reuters/Ipsos poll shows most Americans oppose military action in Venezuela
Our Standards: The Thomson Reuters Trust Principles.
""", "Russia rejects U.S. demand to withdraw military personnel from Venezuela", "reuters", "",
        ["section label", "photo caption", "publisher notice"],
        ["CARACAS/MOSCOW (Reuters) - Russia on Thursday",
         "Reuters/Ipsos poll shows most Americans oppose military action in Venezuela"]),
    Story("site-name-reuters", """Reuters
Russia's Lavrov says U.S. attempt to topple Maduro has failed
MOSCOW, March 28 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Thursday that Washington's attempt to topple Venezuelan President Nicolas Maduro had failed.
REUTERS/File Photo
""", "Russia's Lavrov says U.S. attempt to topple Maduro has failed", "reuters", "",
        ["section label", "photo credit"], ["MOSCOW, March 28 (Reuters) -"]),
    Story("no-headline-reuters", """By Polina Ivanova
MOSCOW, April 30 (Reuters) - Russia accused the United States on Tuesday of encouraging a coup attempt in Venezuela. Foreign Minister Sergei Lavrov spoke to Pompeo by phone.
Share
""", "Russia accused the United States on Tuesday of encouraging a coup attempt in Venezuela", "reuters", "",
        ["share prompt"], ["By Polina Ivanova", "MOSCOW, April 30 (Reuters) - Russia accused"]),
    Story("impossible-date", """Maduro meets Russian envoy
CARACAS, Feb 30, 2019 (Reuters) - Venezuela's President Nicolas Maduro met a Russian envoy on Friday.
""", "Maduro meets Russian envoy", "reuters", "", [], ["CARACAS, Feb 30, 2019 (Reuters) -"]),
    Story("rt-en", """Latest news
Russia sends aid to Venezuela as US-backed opposition blocks border
Also on rt.com Lavrov: US 'regime change' in Venezuela will fail
Caracas received a shipment of humanitarian aid from Russia on Wednesday.
Share this story
Email this
Tweeted Guaidó: "We will not give up."
""", "Russia sends aid to Venezuela as US-backed opposition blocks border", "rt", "",
        ["section link", "promotion of another article", "share prompt", "share prompt"],
        ["Caracas received a shipment", 'Tweeted Guaidó: "We will not give up."']),
    Story("rt-es", """Rusia califica de ilegítimas las sanciones de EE.UU. contra Venezuela
Moscú considera ilegítimas las nuevas sanciones estadounidenses, según la Cancillería rusa.
Más noticias: actualidad.rt.com
Fotos del encuentro entre Maduro y Putin muestran un ambiente cordial.
Suscríbete
""", "Rusia califica de ilegítimas las sanciones de EE.UU. contra Venezuela", "rt", "",
        ["related-story link", "newsletter prompt"], ["Fotos del encuentro entre Maduro y Putin"]),
    Story("unknown-outlet-kept-text", """Moscow and Caracas sign oil deal
Russia and Venezuela signed an oil deal on Monday, officials said.
Email from the State Department, seen by reporters, urged Moscow to reconsider.
Telegram channels close to the Kremlin welcomed the agreement.
Photo opportunities at the Miraflores palace were limited.
""", "Moscow and Caracas sign oil deal", "unknown", "", [],
        ["Email from the State Department", "Telegram channels close to the Kremlin",
         "Photo opportunities at the Miraflores palace"]),
    Story("russian-share-run", """Политика
Матвиенко: Россия поддерживает законную власть Венесуэлы
Председатель Совета Федерации Валентина Матвиенко заявила, что Москва поддерживает законно избранного президента Николаса Мадуро. /ТАСС/
ВКонтакте Одноклассники Telegram
Оставить комментарий
""", "Матвиенко: Россия поддерживает законную власть Венесуэлы", "tass", "",
        ["section label", "share prompt", "comment prompt"], ["Председатель Совета Федерации"]),
]  # fmt: skip


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_wire_story(story: Story) -> None:
    result = clean_seed(story.text)
    assert (result.title, result.outlet, result.published) == (
        story.title,
        story.outlet,
        story.published,
    )
    assert [r.reason for r in result.removed] == story.removed
    paragraphs = result.body.split("\n\n")
    for kept in story.kept:
        assert any(p.startswith(kept) for p in paragraphs), kept
    assert result.date_note
    assert result.outlet_entry == (
        next((dict(a.entry) for a in AGENCIES if a.outlet == story.outlet), {})
    )


@pytest.mark.parametrize("story", STORIES, ids=[s.id for s in STORIES])
def test_nothing_disappears_silently(story: Story) -> None:
    """Every word of the input is in the title, the body or the removed list."""
    result = clean_seed(story.text)
    kept = " ".join([result.title, result.body] + [r.text for r in result.removed]).split()
    assert not Counter(story.text.split()) - Counter(kept)


def test_user_case_dates_and_suggests_the_outlet() -> None:
    result = clean_seed(STORIES[0].text)
    assert result.date_note == "Date from the dateline 'CARACAS, March 25, 2019 (Reuters) -'."
    assert result.body.endswith("Editing by Chizu Nomiyama)")  # Reuters' own notes stay
    [warning] = outlet_warnings(result, {"tass", "rt"})
    assert "outlet 'reuters' is not in sources.yml" in warning
    assert "full_name: Reuters" in warning and "type: news agency" in warning
    assert outlet_warnings(result, {"reuters"}) == []


def test_headline_less_story_says_where_its_title_came_from() -> None:
    story = next(s for s in STORIES if s.id == "no-headline-reuters")
    result = clean_seed(story.text)
    assert result.title_note == "The text has no headline: this is its first sentence."
    assert result.body.startswith("By Polina Ivanova\n\nMOSCOW, April 30 (Reuters) -")


@pytest.mark.parametrize(
    ("paragraph", "outlet", "day", "month", "year", "note"),
    [
        ("CARACAS, March 25, 2019 (Reuters) - Russia", "reuters", 25, 3, 2019, "Date from"),
        ("WASHINGTON (AP) -- Russia", "ap", None, None, None, "no date"),
        ("MOSCOW, May 5. /TASS/. Russian", "tass", 5, 5, None, "set the year"),
        ("CARACAS, 25 mar (EFE).- Rusia", "efe", 25, 3, None, "set the year"),
        ("BEIJING, March 25 (Xinhua) -- China", "xinhua", 25, 3, None, "set the year"),
        ("МОСКВА, 5 мая. /ТАСС/. Лавров", "tass", 5, 5, None, "set the year"),
        ("МОСКВА, 5 мая - РИА Новости. Лавров", "ria-novosti", 5, 5, None, "set the year"),
        ("МОСКВА, 5 мая — РИА Новости. Лавров", "ria-novosti", 5, 5, None, "set the year"),
        ("MOSCOW, March 25 (Interfax) - Russia", "interfax", 25, 3, None, "set the year"),
        ("CARACAS (AFP) - Venezuela", "afp", None, None, None, "no date"),
        ("(Bloomberg) -- Rosneft", "bloomberg", None, None, None, "no date"),
        ("CARACAS, Venezuela (AP) — Opposition", "ap", None, None, None, "no date"),
        ("Caracas, 25 de marzo de 2019 (EFE).- El", "efe", 25, 3, 2019, "Date from"),
        ("МОСКВА, 25 марта 2019 года. /ТАСС/. Лавров", "tass", 25, 3, 2019, "Date from"),
        ("WASHINGTON, Sept. 5 (Reuters) - The", "reuters", 5, 9, None, "set the year"),
        ("Пекин, 25 марта /Синьхуа/ -- Китай", "xinhua", 25, 3, None, "set the year"),
        ("MOSCOW, March 25 (RT) - Russian", "rt", 25, 3, None, "set the year"),
        ("Río de Janeiro, 3 abr (EFE).- Brasil", "efe", 3, 4, None, "set the year"),
        ("CARACAS, Feb 30, 2019 (Reuters) - X", "reuters", 30, 2, 2019, "does not exist"),
    ],
)  # fmt: skip
def test_datelines(
    paragraph: str, outlet: str, day: int | None, month: int | None, year: int | None, note: str
) -> None:
    dateline = find_dateline(paragraph)
    assert dateline is not None
    assert (dateline.outlet, dateline.day, dateline.month, dateline.year) == (
        outlet,
        day,
        month,
        year,
    )
    assert note in dateline.note() and f"'{dateline.text}'" in dateline.note()
    assert paragraph.startswith(dateline.text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "MOSCOW, Russia – On Sunday, Carlos Berrizbeitia said",  # seed 002: place, no agency
        "Russia told Reuters on Monday that it would keep backing Maduro.",
        "The talks (AP) were held in Caracas.",
        "On March 25, 2019 Russia said (Reuters) - nothing",
        "Lavrov - TASS reported - met Arreaza.",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


# One line each: the reason a furniture rule gives it, or None when it must be kept.
LINES = [
    ("Copyright 2019 The Associated Press. All rights reserved.", "copyright"),
    ("©2018 Los Angeles Times, Distributed by Tribune Content Agency, LLC.", "copyright"),
    ("© 2019 Agencia EFE - Todos los derechos reservados", "copyright"),
    ("© 2019 РИА Новости. Все права защищены.", "copyright"),
    ("Copyright holders and lawyers disagree on what the ruling means.", None),
    ("Share on Facebook", "share prompt"),
    ("Share this article", "share prompt"),
    ("Share  Tweet | Email", "share prompt"),
    ("Tweet", "share prompt"),
    ("Compartir en Facebook", "share prompt"),
    ("Поделиться", "share prompt"),
    ("ВКонтакте Одноклассники Telegram", "share prompt"),
    ("Sign up for our newsletter", "newsletter prompt"),
    ("Sign up for the Reuters Americas newsletter", "newsletter prompt"),
    ("Subscribe", "newsletter prompt"),
    ("Get our daily newsletter", "newsletter prompt"),
    ("Suscríbase a nuestro boletín", "newsletter prompt"),
    ("Suscríbete a nuestro canal de Telegram", "newsletter prompt"),
    ("Recibe nuestro boletín", "newsletter prompt"),
    ("Подписывайтесь на нас", "newsletter prompt"),
    ("Подписывайтесь на наш канал в Telegram", "newsletter prompt"),
    ("Follow us on Twitter and Facebook", "follow prompt"),
    ("Síguenos en Telegram", "follow prompt"),
    ("Читайте нас в Telegram", "follow prompt"),
    ("Photo: Reuters/Carlos Garcia Rawlins", "photo credit"),
    ("Photo credit: Sputnik/Vladimir Pesnya", "photo credit"),
    ("File photo", "photo credit"),
    ("REUTERS/Carlos Garcia Rawlins", "photo credit"),
    ("Foto: EFE/Miguel Gutiérrez", "photo credit"),
    ("Фото: РИА Новости/Рамиль Ситдиков", "photo credit"),
    ("Архивное фото", "photo credit"),
    ("Guaido speaks in Caracas, March 25, 2019. REUTERS/Carlos Garcia Rawlins", "photo caption"),
    ("Guaido speaks in Caracas, April 30, 2019. (AP Photo/Ariana Cubillos)", "photo caption"),
    ("Read more: Russia sends troops to Venezuela", "related-story link"),
    ("Related: Lavrov meets Arreaza in Moscow", "related-story link"),
    ("Also read", "related-story link"),
    ("Lea también: Guaidó pide más sanciones", "related-story link"),
    ("Читайте также: Песков о ситуации в Венесуэле", "related-story link"),
    ("Ещё по теме", "related-story link"),
    ("Comments", "comment prompt"),
    ("Leave a comment", "comment prompt"),
    ("12 comments", "comment prompt"),
    ("Comentarios", "comment prompt"),
    ("Комментарии", "comment prompt"),
    ("Комментарии (12)", "comment prompt"),
    ("4 min read", "reading time"),
    ("Lectura: 3 min", "reading time"),
    ("Время чтения: 2 мин", "reading time"),
    ("Publicidad", "advertisement"),
    ("Реклама", "advertisement"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "publisher notice"),
    # Body sentences that merely start like furniture: kept.
    ("Read the full statement on the Russian Foreign Ministry's website.", None),
    ("Read more about the sanctions in Lavrov's interview with Kommersant", None),
    ("Related to the crisis, China said it would keep cooperating with Caracas.", None),
    ("Share prices of Rosneft fell 1.2% in Moscow.", None),
    ("Sharing intelligence with Caracas is not a crime, Lavrov said.", None),
    ('Tweeted Guaidó: "We will not give up."', None),
    ("Subscribers of Russian state television saw the planes land live.", None),
    ("Comments by Lavrov drew a sharp response from Washington.", None),
    ("Photo opportunities at the Miraflores palace were limited.", None),
    ("Reuters/Ipsos poll shows most Americans oppose military action in Venezuela", None),
    ("Email from the State Department urged Moscow to reconsider.", None),
    ("Print media in Caracas reported long queues for fuel.", None),
    ("Lea el comunicado completo del Ministerio de Exteriores ruso.", None),
    ("Compartir la responsabilidad de la crisis con Washington no es una opción.", None),
    ("Comentarios de Lavrov sobre la reunión fueron difundidos por la cancillería.", None),
    ("Поделиться опытом урегулирования Москва готова, добавила Захарова.", None),
    ("Комментарии МИД России были опубликованы на сайте ведомства.", None),
    ("Читайте также заявление МИД России о ситуации в Каракасе.", None),
    ("Фото и видео с места событий публикуют венесуэльские СМИ.", None),
    ("(Reporting by Brian Ellsworth; Editing by Chizu Nomiyama)", None),
]


def _reason(line: str) -> str | None:
    return next((reason for reason, rule in LINE_RULES if rule.fullmatch(line)), None)


@pytest.mark.parametrize(("line", "reason"), LINES, ids=[line for line, _ in LINES])
def test_furniture_line(line: str, reason: str | None) -> None:
    assert _reason(line) == reason


def test_every_rule_has_an_example() -> None:
    """Each row of the table removes at least one line of the examples above or the seeds'."""
    seeds_lines = [
        "All news", "- Advertisement -", "Subscribe to our newsletter",
        "Sign up here to get the latest news, updates and special offers",
        "Like this story? Share it with a friend!", "Also on rt.com Maduro calls for dialogue",
        "Recommended Posts", "© Alexander Shcherbak/TASS",
    ]  # fmt: skip
    examples = seeds_lines + [line for line, reason in LINES if reason]
    for row, (reason, rule) in zip(FURNITURE, LINE_RULES, strict=True):
        assert any(rule.fullmatch(line) for line in examples), row
        assert reason == row.reason and row.language in ("en", "es", "ru")


def test_rules_are_whole_line_patterns() -> None:
    """Rows are patterns for the whole line: anchors would be redundant and misleading."""
    for row in FURNITURE:
        assert not re.match(r"\^|.*\$$", row.pattern), row
