"""`daftar law`: what Daftar does with each article of directive 100/9970/9000, said plainly.

    daftar law coverage [--json]

`coverage` lists the directive's 26 articles, each with its notes, each marked encoded (and the
modules that apply it), out of scope for the bot (and why), or configuration (and the settings
it rests on, with their values now); then the known defects of the published text and the
readings applied, the settings that no article sets, and the caveat that the 1401 regulation on
these offices may supersede parts of the directive where it is in force. The data is
`bot.rules.law_coverage`; with `--json` it is printed as one JSON object. The store is not touched.

`register(subparsers)` adds the command to the `daftar` parser (bot/cli.py); `main(argv)` runs it
on its own, for tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence

from bot.config import Settings, load_settings
from bot.operator.common import Now, run_alone
from bot.operator.parsers.law import register
from bot.rules.law_coverage import (
    APPROVED,
    ARTICLE_COUNT,
    ARTICLES,
    DEFECTS,
    DIRECTIVE,
    ISSUED,
    NOTE_COUNT,
    OUT_OF_SCOPE,
    SETTINGS_NOT_LAW,
    SUPERSESSION,
    Provision,
    counts,
    notes_of,
)

WIDTH = 100


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar law …` on its own (*now* is accepted like every command's, and unused)."""
    return run_alone(register, argv, now=now)


def _setting_value(settings: Settings, name: str) -> str:
    value = getattr(settings, name)
    return "unset" if value is None else str(value)


def _provision_json(item: Provision, settings: Settings) -> dict[str, object]:
    return {
        "id": item.id,
        "article": item.article,
        "note": item.note,
        "printed": item.printed,
        "summary": item.summary,
        "treatment": item.treatment.value,
        "why": item.why,
        "where": list(item.where),
        "settings": {name: _setting_value(settings, name) for name in item.settings},
    }


def coverage_document(settings: Settings) -> dict[str, object]:
    """The coverage as the JSON object `--json` prints."""
    return {
        "directive": {
            "number": DIRECTIVE,
            "issued": ISSUED,
            "approved": APPROVED,
            "articles": ARTICLE_COUNT,
            "notes": NOTE_COUNT,
        },
        "counts": {treatment.value: n for treatment, n in counts().items()},
        "articles": [
            {
                **_provision_json(article, settings),
                "notes": [_provision_json(note, settings) for note in notes_of(article.article)],
            }
            for article in ARTICLES
        ],
        "defects": [
            {
                "cites": defect.cites,
                "printed": defect.printed,
                "reading": defect.reading,
                "where": list(defect.where),
            }
            for defect in DEFECTS
        ],
        "settings_not_law": [
            {
                "setting": item.setting,
                "value": _setting_value(settings, item.setting),
                "decides": item.decides,
                "concerns": list(item.concerns),
            }
            for item in SETTINGS_NOT_LAW
        ],
        "caveat": SUPERSESSION,
    }


def _wrapped(text: str, indent: str, hanging: str = "  ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + hanging)


def _provision_lines(item: Provision, settings: Settings, indent: str) -> list[str]:
    if item.note is None:
        printed = f" (printed {item.printed})" if item.printed else ""
        title = f"Article {item.article}{printed}"
    else:
        title = f"Article {item.article}, {item.note}"
    lines = [f"{indent}{title}: {item.treatment.label}"]
    inner = indent + "    "
    lines += _wrapped(item.summary, inner, "")
    if item.settings:
        values = ", ".join(f"{name} = {_setting_value(settings, name)}" for name in item.settings)
        lines += _wrapped(f"settings: {values}", inner)
    if item.where:
        lines += _wrapped(f"where: {', '.join(item.where)}", inner)
    lines += _wrapped(f"{'why' if item.treatment is OUT_OF_SCOPE else 'how'}: {item.why}", inner)
    return lines


def coverage_lines(settings: Settings) -> list[str]:
    """The coverage as the lines `daftar law coverage` prints."""
    tally = ", ".join(f"{n} {treatment.label}" for treatment, n in counts().items())
    lines = [
        f"Directive {DIRECTIVE} of {ISSUED} (approved {APPROVED}): {ARTICLE_COUNT} articles and "
        f"{NOTE_COUNT} notes; {tally}.",
        "",
    ]
    for article in ARTICLES:
        lines += _provision_lines(article, settings, "")
        for note in notes_of(article.article):
            lines += _provision_lines(note, settings, "  ")
    lines += ["", "Known defects of the published text (applied as printed, with these readings):"]
    for defect in DEFECTS:
        lines += _wrapped(f"- {defect.cites}: printed «{defect.printed}»: {defect.reading}", "")
    lines += ["", "Settings, not law (the directive sets none of these):"]
    for item in SETTINGS_NOT_LAW:
        arts = "Arts." if len(item.concerns) > 1 else "Art."
        concerns = f"; bears on {arts} {', '.join(item.concerns)}" if item.concerns else ""
        value = _setting_value(settings, item.setting)
        lines += _wrapped(f"- {item.setting} = {value}: {item.decides}{concerns}", "")
    lines += ["", *_wrapped(f"Caveat: {SUPERSESSION}", "", "")]
    return lines


def cmd_coverage(args: argparse.Namespace) -> int:
    """`law coverage`: every article and note, the defects, the settings, the caveat."""
    settings = load_settings()
    if args.json:
        json.dump(coverage_document(settings), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print("\n".join(coverage_lines(settings)), file=sys.stdout)
    return 0
