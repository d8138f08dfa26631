"""Refresh the message catalogs from the source: `python tools/catalogs.py` (or `make catalogs`).

Extracts every _()/N_() message id and every NP_(singular, plural) plural id from bot/ and
storage/, adds new ids to locales/fa and locales/en (English ids are their own English text),
drops ids no longer used, and lists the ids that still lack a Persian translation (a plural id
lacks one until every form of the locale is filled). Entries in locales/incoming/*.po are merged
in first.

Plural forms (the `Plural-Forms` header, written from these values):

- en: `nplurals=2; plural=(n != 1);` (CLDR English: "one" is exactly 1; GNU gettext's table);
- fa: `nplurals=2; plural=(n > 1);` (CLDR Persian: "one" is i = 0 or n = 1, so 0 and 1 take
  the first form; Babel's `babel.messages.plurals` and GNU gettext's plural table say the same).
  Persian keeps the noun singular after a number ("۲ فایل"), so its two forms usually read alike.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
# NP_'s first two arguments are the singular and the plural id (its count= is not extracted).
KEYWORDS = {"N_": None, "_": None, "NP_": (1, 2)}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
#: Each locale's plural forms, as written into its catalog's header (sources in the docstring).
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "fa": "nplurals=2; plural=(n > 1);"}

#: A message id: its text, or a plural id's (singular, plural).
MessageId = str | tuple[str, str]
#: A translation: one text, or one text per plural form.
Translation = str | tuple[str, ...]


def source_ids() -> list[MessageId]:
    """Every message id the code uses, in first-seen order (plural ids as (singular, plural))."""
    seen: dict[MessageId, None] = {}
    for folder in ("bot", "storage"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, str):
                seen.setdefault(message, None)
            elif isinstance(message, tuple) and len(message) == 2 and all(message):
                seen.setdefault((str(message[0]), str(message[1])), None)
    return list(seen)


def nplurals(locale: str) -> int:
    """How many plural forms *locale* has."""
    return int(PLURAL_FORMS[locale].split(";")[0].split("=")[1])


def _translated(text: object) -> bool:
    """Whether a catalog's translation is filled in (every form of a plural one)."""
    if isinstance(text, tuple | list):
        return bool(text) and all(text)
    return bool(text)


def load(path: Path, locale: str) -> Catalog:
    """A catalog file, or an empty catalog where there is none."""
    if not path.exists():
        return Catalog(locale=locale)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def refresh(locale: str, ids: list[str]) -> list[str]:
    """Bring one locale's catalog in line with *ids*; return the ids without a translation."""
    path = ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po"
    old = load(path, locale)
    known: dict[MessageId, Translation] = {_key(m.id): _text(m.string) for m in old if m.id}
    suffix = "" if locale == "fa" else f".{locale}"
    for incoming in sorted((ROOT / "locales" / "incoming").glob(f"*{suffix}.po")):
        if locale == "fa" and incoming.name.count(".") > 1:
            continue
        for message in load(incoming, locale):
            key = _key(message.id)
            if message.id and _translated(message.string) and not _translated(known.get(key)):
                known[key] = _text(message.string)
    new = Catalog(
        locale=locale,
        project="Daftar",
        version="1",
        charset="utf-8",
        # Fixed dates keep a refresh that changes nothing from changing the files.
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        header_comment=f"# Daftar's {locale} messages. Refresh with `make catalogs`.",
    )
    # Babel derives the header from the locale's CLDR data; the values above are the ones meant.
    new.mime_headers = [("Plural-Forms", PLURAL_FORMS[locale])]
    missing = []
    for message_id in ids:
        text = _fresh(message_id, known.get(message_id), locale)
        if not _translated(text):
            missing.append(message_id)
        new.add(message_id, text)
    with path.open("wb") as handle:
        write_po(handle, new, width=100, omit_header=False, sort_output=False)
    return missing


def _key(message_id: object) -> MessageId:
    """A catalog's message id as `source_ids` gives it."""
    if isinstance(message_id, tuple | list):
        return (str(message_id[0]), str(message_id[1]))
    return str(message_id)


def _text(string: object) -> Translation:
    """A catalog's translation as a str or a tuple of forms."""
    if isinstance(string, tuple | list):
        return tuple(str(form) for form in string)
    return str(string)


def _fresh(message_id: MessageId, old: Translation | None, locale: str) -> Translation:
    """The translation to write for *message_id*: the known one, English's own, or empty."""
    if isinstance(message_id, str):
        if isinstance(old, str) and old:
            return old
        return message_id if locale == "en" else ""
    forms = nplurals(locale)
    if isinstance(old, tuple) and len(old) == forms and all(old):
        return old
    return message_id if locale == "en" else ("",) * forms


def main() -> int:
    """Refresh both catalogs; exit 1 when a Persian translation is missing."""
    ids = source_ids()
    missing = refresh("fa", ids)
    refresh("en", ids)
    for message_id in missing:
        print(f"fa: no translation for {message_id!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
