"""Steps answered by typing (or sharing): text, a number, a Jalali date, a mobile number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Input, Picked, SharedContact, Text
from bot.flows.framework.messages import Choice, Message
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import Step
from bot.text.jalali import (
    format_jalali_date,
    format_stored_date,
    parse_jalali_date,
    parse_stored_date,
    today_in,
)
from bot.text.markers import N_, NP_
from bot.text.persian import InputError, normalize_mobile, parse_int, to_persian_digits


@dataclass(frozen=True, kw_only=True)
class TextStep(Step):
    """Free text, within bounds on its length."""

    min_length: int = 1
    max_length: int = 500

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text):
            raise Invalid(N_("Please answer with text."))
        text = received.text.strip()
        if len(text) < self.min_length:
            raise Invalid(
                NP_(
                    "That is too short: please write at least {minimum} character.",
                    "That is too short: please write at least {minimum} characters.",
                    count="minimum",
                ),
                minimum=self.min_length,
            )
        if len(text) > self.max_length:
            raise Invalid(
                NP_(
                    "That is too long ({length} character): please keep it to {maximum} at most.",
                    "That is too long ({length} characters): please keep it to {maximum} at most.",
                    count="length",
                ),
                length=len(text),
                maximum=self.max_length,
            )
        return text


@dataclass(frozen=True, kw_only=True)
class NumberStep(Step):
    """A whole number in any digits, within bounds."""

    minimum: int = 0
    maximum: int = 10**12

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text):
            raise Invalid(N_("Please send a number."))
        try:
            value = parse_int(received.text)
        except InputError as error:
            raise Invalid.from_input_error(error) from None
        if not self.minimum <= value <= self.maximum:
            raise Invalid(
                N_("Please send a number from {minimum} to {maximum}."),
                minimum=self.minimum,
                maximum=self.maximum,
            )
        return value

    def show(self, ctx: Context, value: Any) -> str:
        return ctx.t.value(int(value))


TODAY = "today"
YESTERDAY = "yesterday"


@dataclass(frozen=True, kw_only=True)
class DateStep(Step):
    """A Jalali date as people type it (or Today / Yesterday); stored as YYYY/MM/DD."""

    not_future: bool = True
    shortcuts: bool = True

    def choices(self, ctx: Context) -> Sequence[Choice]:
        if not self.shortcuts:
            return ()
        return [Choice(ctx.t(N_("Today")), TODAY), Choice(ctx.t(N_("Yesterday")), YESTERDAY)]

    def takes_text(self, ctx: Context) -> bool:
        # A date is typed; Today and Yesterday are pressed or typed as words, not as numbers.
        return True

    async def parse(self, ctx: Context, received: Input) -> Any:
        today = today_in(ctx.settings.zone, ctx.now)
        if isinstance(received, Picked) and received.value in {TODAY, YESTERDAY}:
            text = "امروز" if received.value == TODAY else "دیروز"
        elif isinstance(received, Text):
            text = received.text
        else:
            raise Invalid(N_("Please send a date like 1402/05/12."))
        try:
            value = parse_jalali_date(text, today)
        except InputError as error:
            raise Invalid.from_input_error(error) from None
        if self.not_future and value > today:
            raise Invalid(N_("That date is in the future; please check it."))
        return format_stored_date(value)

    def show(self, ctx: Context, value: Any) -> str:
        return format_jalali_date(parse_stored_date(str(value)), ctx.locale)


@dataclass(frozen=True, kw_only=True)
class MobileStep(Step):
    """A mobile number: the user's own, shared with the platform's button, or typed."""

    def extra(self, ctx: Context, message: Message) -> None:
        message.request_contact = ctx.t(N_("📱 Share my number"))

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, SharedContact):
            if not received.own:
                raise Invalid(N_("That is someone else's contact: share your own, or type it."))
            text = received.phone_number
        elif isinstance(received, Text):
            text = received.text
        else:
            raise Invalid(N_("Please share your number with the button, or type it."))
        try:
            return normalize_mobile(text)
        except InputError as error:
            raise Invalid.from_input_error(error) from None

    def show(self, ctx: Context, value: Any) -> str:
        return to_persian_digits(str(value)) if ctx.locale == "fa" else str(value)

    def after(self, ctx: Context, value: Any) -> list[Message]:
        # The share-contact keyboard must go; Telegram cannot drop it in a message with buttons.
        return [
            Message(
                ctx.t(N_("Received: {mobile}"), mobile=self.show(ctx, value)), remove_keyboard=True
            )
        ]
