"""Filing, part 1: finding the office the complaint is about.

The citizen sends the office's code, or a few letters of its name, or goes province → city → a
paged list; the office found is shown as a card (with a warning when its licence is suspended or
revoked, or it is closed: the complaint still goes) to confirm.

```mermaid
stateDiagram-v2
    [*] --> ask: "Which office?"
    ask --> card: a code, or letters that match one office
    ask --> found: letters that match several offices
    ask --> ask: no match (Invalid)
    ask --> province: Choose by province
    province --> city: a province
    city --> list: a city
    found --> card: an office
    list --> card: an office
    province --> province: More › / ‹ Previous
    city --> city: More › / ‹ Previous
    list --> list: More › / ‹ Previous
    found --> found: More › / ‹ Previous
    card --> ask: Choose another office
    province --> ask: Search again
    city --> ask: Search again
    list --> ask: Search again
    found --> ask: Search again
    card --> [*]: ✔ Yes, this office (the answer: its code)
```

Where the search stands lives in the trail under "office" (`mode`: province, city, list, found or
confirm); the answer is only the office's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.data import bundled_provinces
from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice
from bot.flows.framework.outcomes import Invalid, Stay
from bot.flows.framework.steps import Step
from bot.rules.routing import Province
from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_numeric
from bot.text.markers import N_
from bot.text.persian import localize_digits, match_key, normalize, to_ascii_digits
from storage import offices as registry_store
from storage.models import Office

PAGE = 8
BY_PROVINCE = "by_province"
YES_OFFICE = "office_yes"
OTHER_OFFICE = "office_other"
MORE = "more"
LESS = "less"


@cache
def provinces() -> dict[str, Province]:
    """Iran's provinces, by key."""
    return {province.key: province for province in bundled_provinces()}


def province_name(key: str, locale: str) -> str:
    """A province's name in *locale*."""
    province = provinces()[key]
    return province.name_fa if locale == "fa" else province.name_en


def office_line(office: Office, locale: str) -> str:
    """An office as one line: its name and city, in the locale's digits."""
    return localize_digits(f"{office.name} — {office.city}", locale)


@dataclass(frozen=True, kw_only=True)
class OfficeStep(Step):
    """Find the office: a code, a few letters of its name, or province → city → a paged list."""

    def _nav(self, ctx: Context) -> dict[str, Any]:
        return dict(ctx.state.trail.get("office", {}))

    def _set(self, ctx: Context, **nav: Any) -> None:
        ctx.state.trail["office"] = nav

    def prompt_text(self, ctx: Context) -> str:
        nav = self._nav(ctx)
        mode = nav.get("mode")
        if mode == "confirm":
            return str(nav["card"])
        if mode == "province":
            return ctx.t(N_("In which province is the office?"))
        if mode == "city":
            return ctx.t(N_("In which city?"))
        if mode in {"list", "found"}:
            return ctx.t(N_("Which office is it?"))
        return ctx.t(self.prompt)

    def choices(self, ctx: Context) -> Sequence[Choice]:
        nav = self._nav(ctx)
        mode = nav.get("mode")
        if mode == "confirm":
            return [
                Choice(ctx.t(N_("✔ Yes, this office")), YES_OFFICE),
                Choice(ctx.t(N_("Choose another office")), OTHER_OFFICE),
            ]
        options = [Choice(label, value) for value, label in nav.get("options", [])]
        if mode in {"province", "city", "list", "found"}:
            page = int(nav.get("page", 0))
            shown = options[page * PAGE : (page + 1) * PAGE]
            if page > 0:
                shown.append(Choice(ctx.t(N_("‹ Previous")), LESS))
            if (page + 1) * PAGE < len(options):
                shown.append(Choice(ctx.t(N_("More ›")), MORE))
            return [*shown, Choice(ctx.t(N_("Search again")), OTHER_OFFICE)]
        return [Choice(ctx.t(N_("Choose by province")), BY_PROVINCE)]

    @property
    def columns(self) -> int:
        return 1

    async def parse(self, ctx: Context, received: Input) -> Any:
        nav = self._nav(ctx)
        if isinstance(received, Picked):
            return await self._picked(ctx, nav, received.value)
        if not isinstance(received, Text):
            raise Invalid(N_("Please send the office's code or a few letters of its name."))
        typed = normalize(received.text)
        if not 2 <= len(typed) <= 100:
            raise Invalid(N_("Please send the office's code or a few letters of its name."))
        found = await registry_store.office(ctx.session, to_ascii_digits(typed).upper())
        if found is not None:
            return await self._confirm(ctx, found)
        matches = await registry_store.search(ctx.session, match_key(typed), limit=40)
        if not matches:
            raise Invalid(
                N_(
                    "I found no office with that code or name. Try a few letters, or choose by "
                    "province."
                )
            )
        if len(matches) == 1:
            return await self._confirm(ctx, matches[0])
        options = [(f"o:{o.code}", office_line(o, ctx.locale)) for o in matches]
        self._set(ctx, mode="found", options=options, page=0)
        raise Stay([])

    async def _picked(self, ctx: Context, nav: dict[str, Any], value: str) -> Any:
        if value == YES_OFFICE and nav.get("mode") == "confirm":
            self._set(ctx)
            return str(nav["code"])
        if value == OTHER_OFFICE:
            self._set(ctx)
            raise Stay([])
        if value in {MORE, LESS}:
            nav["page"] = max(0, int(nav.get("page", 0)) + (1 if value == MORE else -1))
            self._set(ctx, **nav)
            raise Stay([])
        if value == BY_PROVINCE:
            keys = await registry_store.provinces_with_offices(ctx.session)
            options = sorted(
                (
                    (f"p:{key}", province_name(key, ctx.locale))
                    for key in keys
                    if key in provinces()
                ),
                key=lambda option: option[1],
            )
            self._set(ctx, mode="province", options=options, page=0)
            raise Stay([])
        kind, _, key = value.partition(":")
        if kind == "p" and key in provinces():
            cities = await registry_store.cities(ctx.session, key)
            options = [
                (f"c:{n}", localize_digits(city, ctx.locale)) for n, city in enumerate(cities)
            ]
            self._set(ctx, mode="city", province=key, cities=cities, options=options, page=0)
            raise Stay([])
        if kind == "c" and nav.get("mode") == "city" and key.isdigit():
            cities = list(nav.get("cities", []))
            if int(key) < len(cities):
                found = await registry_store.in_city(
                    ctx.session, str(nav["province"]), cities[int(key)]
                )
                options = [(f"o:{o.code}", office_line(o, ctx.locale)) for o in found]
                self._set(ctx, mode="list", options=options, page=0)
                raise Stay([])
        if kind == "o":
            office = await registry_store.office(ctx.session, key)
            if office is not None:
                return await self._confirm(ctx, office)
        raise Invalid(N_("Please choose one of the buttons."))

    async def _confirm(self, ctx: Context, office: Office) -> Any:
        lines = [
            ctx.t(N_("Is this the office?")),
            "",
            localize_digits(office.name, ctx.locale),
            localize_digits(f"{office.address}، {office.city}", ctx.locale),
            ctx.t(N_("Province: {province}"), province=province_name(office.province, ctx.locale)),
        ]
        warning = status_warning(ctx.t, office)
        if warning:
            lines += ["", warning]
        self._set(ctx, mode="confirm", code=office.code, card="\n".join(lines))
        raise Stay([])

    def show(self, ctx: Context, value: Any) -> str:
        return localize_digits(str(value), ctx.locale)


def status_warning(t: Translator, office: Office) -> str | None:
    """What the citizen should know of an office that is not active; the complaint still goes."""
    if office.status == "suspended":
        last_day = office.suspended_until
        until = "" if last_day is None else format_jalali_numeric(last_day)
        return t(
            N_(
                "⚠️ This office's licence is suspended until {date}. You can still complain "
                "about it."
            ),
            date=localize_digits(until, t.locale),
        )
    if office.status == "revoked":
        return t(N_("⚠️ This office's licence has been revoked. You can still complain about it."))
    if office.status == "closed":
        return t(N_("⚠️ This office is closed. You can still complain about it."))
    return None


OFFICE = OfficeStep(
    key="office",
    label=N_("Office"),
    prompt=N_(
        "Which office is your complaint about? Send its code, or a few letters of its name, or "
        "choose by province."
    ),
)
