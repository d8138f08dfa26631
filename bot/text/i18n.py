"""Message catalogs: gettext .po files under locales/, read with Babel, one Translator a locale.

Message ids are the English text. `fa` is the default locale; a user's choice is stored on their
identity. Placeholders use str.format names; numbers passed as parameters are shown in the
locale's digits.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

import jdatetime
from babel.messages.pofile import read_po

from bot.config import LOCALES
from bot.text.jalali import format_jalali_date
from bot.text.persian import format_number, localize_digits

logger = logging.getLogger(__name__)

DOMAIN = "messages"


@cache
def catalog(locale: str) -> dict[str, str]:
    """The translations of *locale*: message id to text (empty translations left out)."""
    path = resources.files("locales") / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        parsed = read_po(handle, locale=locale)
    return {
        str(message.id): str(message.string)
        for message in parsed
        if message.id and isinstance(message.id, str) and message.string
    }


class Translator:
    """Translates message ids into one locale and fills their placeholders."""

    def __init__(self, locale: str) -> None:
        if locale not in LOCALES:
            raise ValueError(f"unknown locale {locale!r}")
        self.locale = locale
        self._messages = catalog(locale)

    def __call__(self, message: str, /, **params: object) -> str:
        """The translation of *message*, with {placeholders} filled (numbers localised)."""
        text = self._messages.get(message)
        if text is None:
            # A missing translation is a defect the catalog test catches; never crash a user.
            logger.warning("no %s translation for %r", self.locale, message)
            text = message
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
