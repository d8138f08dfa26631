"""Message catalogs: gettext .po files under locales/, read with Babel, one Translator a locale.

Message ids are the English text. `fa` is the default locale; a user's choice is stored on their
identity. Placeholders use str.format names; numbers passed as parameters are shown in the
locale's digits.

A message with a plural form (marked `NP_`) is translated with gettext's `ngettext`: each .po
file's `Plural-Forms` header says how many forms the locale has and which one a number takes.
The .po files are compiled in memory when first used (`babel.messages.mofile.write_mo`) and read
by `babel.support.Translations`, so no .mo file is kept beside them to fall out of step.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from io import BytesIO
from typing import Literal

import jdatetime
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.text.jalali import format_jalali_date
from bot.text.markers import Plural
from bot.text.persian import format_number, localize_digits

logger = logging.getLogger(__name__)

DOMAIN = "messages"

Locale = Literal["fa", "en"]
#: The locales with a catalog; the first is the default.
LOCALES: tuple[Locale, ...] = ("fa", "en")

#: The plural ids' translations: (singular, plural) to one text per form of the locale.
PluralCatalog = dict[tuple[str, str], tuple[str, ...]]


@cache
def _parsed(locale: str) -> Catalog:
    """The .po file of *locale* as Babel reads it."""
    path = resources.files("locales") / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _complete(message: Message) -> bool:
    """Whether *message* has a translation in every form (a plural one may lack some)."""
    if isinstance(message.string, tuple | list):
        return bool(message.string) and all(message.string)
    return bool(message.string)


@cache
def catalog(locale: str) -> dict[str, str]:
    """The translations of *locale*: message id to text (empty translations left out)."""
    return {
        str(message.id): str(message.string)
        for message in _parsed(locale)
        if message.id and isinstance(message.id, str) and _complete(message)
    }


@cache
def plural_catalog(locale: str) -> PluralCatalog:
    """The translations of *locale*'s plural ids (those lacking a form left out)."""
    return {
        (str(message.id[0]), str(message.id[1])): tuple(str(form) for form in message.string)
        for message in _parsed(locale)
        if isinstance(message.id, tuple | list)
        and isinstance(message.string, tuple | list)
        and _complete(message)
    }


def plural_forms(locale: str) -> tuple[int, str]:
    """How many plural forms *locale*'s catalog has, and its gettext formula choosing one."""
    parsed = _parsed(locale)
    return parsed.num_plurals, parsed.plural_expr


@cache
def translations(locale: str) -> Translations:
    """*locale*'s catalog compiled for gettext lookups (ngettext), without a .mo on disk."""
    compiled = Catalog(locale=locale, domain=DOMAIN)
    compiled.mime_headers = _parsed(locale).mime_headers  # Plural-Forms among them
    for message in _parsed(locale):
        # write_mo keeps a plural message whose forms are partly empty: leave it out, so that
        # ngettext falls back to the English id instead of showing nothing.
        if message.id and _complete(message):
            compiled[message.id] = message
    buffer = BytesIO()
    write_mo(buffer, compiled, use_fuzzy=True)  # as catalog() does: a fuzzy entry still counts
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _rule_number(count: object) -> int:
    """The whole number gettext's plural formula is given for *count*."""
    if isinstance(count, bool) or not isinstance(count, int | float | Decimal):
        raise TypeError(f"a plural needs a number, not {count!r}")
    if count == int(count):
        return int(count)
    # gettext's formulas take whole numbers. A fraction ("2.5 years") is CLDR's "other" in
    # English, and Persian writes both forms alike: 2 picks that form in both catalogs.
    return 2


class Translator:
    """Translates message ids into one locale and fills their placeholders."""

    def __init__(self, locale: str) -> None:
        if locale not in LOCALES:
            raise ValueError(f"unknown locale {locale!r}")
        self.locale = locale
        self._messages = catalog(locale)
        self._plurals = plural_catalog(locale)
        self._translations = translations(locale)

    def __call__(self, message: str, /, **params: object) -> str:
        """The translation of *message*, with {placeholders} filled (numbers localised).

        A plural id (`NP_`) takes the form that the number in its count parameter asks for.
        """
        if isinstance(message, Plural):
            return self.plural(str(message), message.plural, params[message.counted_by], **params)
        text = self._messages.get(message)
        if text is None:
            # A missing translation is a defect the catalog test catches; never crash a user.
            logger.warning("no %s translation for %r", self.locale, message)
            text = message
        return self._filled(text, params)

    def plural(self, singular: str, plural: str, count: object, /, **params: object) -> str:
        """The form of *singular*/*plural* that *count* takes here, {placeholders} filled.

        English: "1 file", "2 files"; an id missing from the catalog falls back to the English
        forms (gettext's own rule, singular for exactly 1), with a warning.
        """
        if (singular, plural) not in self._plurals:
            logger.warning("no %s translation for %r", self.locale, (singular, plural))
        text = self._translations.ngettext(singular, plural, _rule_number(count))
        return self._filled(text, params)

    def _filled(self, text: str, params: dict[str, object]) -> str:
        if not params:
            return text
        return text.format(**{name: self.value(value) for name, value in params.items()})

    def join(self, items: list[str]) -> str:
        """A list as this locale writes one: "a، b، c" or "a, b, c"."""
        return ("، " if self.locale == "fa" else ", ").join(items)

    def value(self, value: object) -> str:
        """A parameter as shown in this locale: numbers and digits in its digits."""
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            # Years and codes read better without separators; amounts of money need them.
            return format_number(value, self.locale, grouping=abs(value) >= 10000)
        if isinstance(value, float) and value.is_integer():
            return self.value(int(value))
        if isinstance(value, Decimal | float):
            return format_number(value, self.locale, grouping=False)
        if isinstance(value, jdatetime.date | date):
            return format_jalali_date(value, self.locale)
        # Codes, dates and names carry digits too: a Persian reader gets Persian digits.
        return localize_digits(str(value), self.locale)


@cache
def translator(locale: str) -> Translator:
    """The shared translator of *locale*."""
    return Translator(locale)
