"""The markers for strings that the catalogs must translate but that are looked up later.

`N_` marks a message id; `NP_` marks one with a plural form ("{count} file" / "{count} files"),
whose translation the translator chooses by the number in one of its parameters. A plural id
is still a `str` (its singular), so it travels wherever a message id does (an `InputError`, a
rule's reason) and `t(message, **params)` translates either kind; where English is written
without the catalogs (logs, command-line output), `message.format(**params)` picks the English
form.

They are defined here because `bot/rules/` imports nothing of the project; the rest of the
project imports them through `bot.text.markers`.
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

    def __repr__(self) -> str:
        return f"NP_({str(self)!r}, {self.plural!r}, count={self.counted_by!r})"


def NP_(singular: str, plural: str, *, count: str = "count") -> Plural:
    """Mark a message with a plural form; the translator picks the form by `params[count]`."""
    return Plural(singular, plural, count)
