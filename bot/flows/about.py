"""/about: what Daftar does with the directive, and how it reads what the directive leaves open.

```mermaid
flowchart LR
    A([/about]) --> T[the directive; how many articles are applied, left to others, configured;
    the 1401 regulation; Article 12 and its reading] --> M[Main menu · Help]
```

The counts come from `bot.rules.law_coverage` (what `daftar law coverage` lists article by
article). Which provinces have an Association of their own is configuration
(`DAFTAR_ASSOCIATION_PROVINCES`), and "nearest" is read as the nearest capital: both are said
to be so, never presented as the directive's words.
"""

from __future__ import annotations

from bot.data import bundled_provinces
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Message
from bot.flows.menu import HELP, MENU, SUPERSESSION_LINE
from bot.flows.registry import Registry
from bot.rules.law_coverage import (
    ARTICLE_COUNT,
    CONFIGURATION,
    ENCODED,
    NOTE_COUNT,
    OUT_OF_SCOPE,
    counts,
)
from bot.text.markers import N_


def about_text(ctx: Context) -> Message:
    """The directive, what is applied of it, the 1401 caveat, and Article 12's reading."""
    t = ctx.t
    tally = counts()
    names = {p.key: (p.name_fa if ctx.locale == "fa" else p.name_en) for p in bundled_provinces()}
    with_association = t.join([names[key] for key in ctx.settings.association_keys])
    lines = [
        t(N_("ℹ️ About Daftar")),
        "",
        t(
            N_(
                "Daftar applies the Judiciary's directive on Judicial E-Services Offices "
                "(No. 100/9970/9000 of 1392/2/28). Of its {articles} articles and {notes} notes — "
                "applied here: {encoded}; left to the bodies the directive names: {out_of_scope}; "
                "resting on this service's settings: {configuration}."
            ),
            articles=ARTICLE_COUNT,
            notes=NOTE_COUNT,
            encoded=tally[ENCODED],
            out_of_scope=tally[OUT_OF_SCOPE],
            configuration=tally[CONFIGURATION],
        ),
        t(SUPERSESSION_LINE),
        "",
        t(
            N_(
                "Which Association handles a complaint (Article 12): the Judiciary forms "
                "Associations in Tehran and, as needed, in other provincial capitals; until a "
                "province has one, the nearest Association handles its offices."
            )
        ),
        t(
            N_(
                "Which provinces have an Association of their own is this service's "
                "configuration, not the directive's: now {provinces}. For any other province, "
                'Daftar reads "nearest" as the Association whose capital is nearest to the '
                "province's capital. That is a reading, not the directive's words."
            ),
            provinces=with_association,
        ),
        "",
        t(N_("Daftar gives information; it is not legal advice or a ruling.")),
    ]
    return Message(
        "\n".join(lines),
        buttons=[[Action(t(N_("Main menu")), MENU), Action(t(N_("Help")), HELP)]],
    )


async def about_command(ctx: Context, args: str) -> list[Message]:
    """/about, whatever follows it."""
    return [about_text(ctx)]


def register(registry: Registry) -> None:
    """Add /about to *registry*."""
    registry.add_command("about", about_command)
