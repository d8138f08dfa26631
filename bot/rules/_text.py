"""The extraction markers for user-facing strings of the rules.

`bot/rules/` imports nothing from the rest of the project, so it cannot use
`bot.text.markers`; these private copies do the same thing, and Babel's extraction (keywords
`N_` and `NP_`) finds the strings marked with them. The translator knows a plural id by its
shape (`plural` and `counted_by` beside the singular), so this `Plural` needs no shared base.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark *message* for extraction into the catalogs; return it unchanged."""
    return message


class Plural(str):
    """A message id with a plural form: the singular as the str, and `plural`, `counted_by`."""

    plural: str
    counted_by: str

    def __new__(cls, singular: str, plural: str, count: str = "count") -> Plural:
        message = super().__new__(cls, singular)
        message.plural = plural
        message.counted_by = count
        return message

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]
        # Copies and pickles rebuild the plural too, not just the singular str.
        return (str(self), self.plural, self.counted_by)

    def format(self, *args: object, **kwargs: object) -> str:
        """The English text: the singular for exactly one, else the plural (as ids are English)."""
        english = str(self) if kwargs.get(self.counted_by) == 1 else self.plural
        return english.format(*args, **kwargs)


def NP_(singular: str, plural: str, *, count: str = "count") -> Plural:
    """Mark a message with a plural form; the translator picks the form by `params[count]`."""
    return Plural(singular, plural, count)
