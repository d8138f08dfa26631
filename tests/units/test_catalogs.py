"""Every message the code shows has a translation in fa and en, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from bot.text.i18n import catalog
from tools.catalogs import source_ids


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_every_message_id_has_a_translation(locale: str) -> None:
    translations = catalog(locale)
    ids = source_ids()
    assert len(ids) > 30
    missing = [message for message in ids if not translations.get(message)]
    assert missing == [], f"{locale}: run `make catalogs` and translate {missing}"


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_translations_keep_their_placeholders(locale: str) -> None:
    broken = {
        message: text
        for message, text in catalog(locale).items()
        if placeholders(message) != placeholders(text)
    }
    assert broken == {}


def test_persian_translations_use_persian_digits() -> None:
    ascii_digits = {m: t for m, t in catalog("fa").items() if any(c in "0123456789" for c in t)}
    # Only examples that users type in ASCII anyway (commands) may keep ASCII digits.
    assert ascii_digits == {}
