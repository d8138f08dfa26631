"""Filing, part 1: finding the office the complaint is about.

The citizen sends the office's code, a few letters of its name, its city or its province (in
Persian, or in English where the data has the English name), or goes province → city → a paged
list; the office found is shown as a card (with a warning when its licence is suspended or
revoked, or it is closed: the complaint still goes) to confirm.

```mermaid
stateDiagram-v2
    [*] --> ask: "Which office?"
    ask --> card: a code, or letters or a city that match one office
    ask --> found: letters that match several offices
    ask --> list: a city with several offices
    ask --> city: a province
    ask --> ask: no match (Invalid)
    ask --> province: Choose by province
    province --> city: a province
    city --> list: a city
    city --> province: ‹ Provinces
    list --> city: ‹ Cities
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
confirm); the answer is only the office's code, and the office confirmed is kept in the trail
under "office_chosen" so that the review shows its name. English names: a province's from
`bot/data/provinces.csv`, and a city's where that file has it (the provinces' capitals); any
other city keeps its Persian name (there is no source of their English names yet).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NoReturn

from bot.data import bundled_provinces
from bot.domain.offices_csv import match_province
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
UP = "office_up"  # ‹ Provinces from the cities, ‹ Cities from a city's offices
CHOSEN = "office_chosen"


@cache
def provinces() -> dict[str, Province]:
    """Iran's provinces, by key."""
    return {province.key: province for province in bundled_provinces()}


def province_name(key: str, locale: str) -> str:
    """A province's name in *locale*."""
    province = provinces()[key]
    return province.name_fa if locale == "fa" else province.name_en


@cache
def _english_cities() -> dict[tuple[str, str], str]:
    """The English names the data has for cities: the provinces' capitals, by (province, key)."""
    return {(p.key, match_key(p.capital_fa)): p.capital_en for p in provinces().values()}


def city_name(province: str, city: str, locale: str) -> str:
    """A city's name in *locale*: the English one where the data has it, else as registered."""
    if locale != "fa":
        return _english_cities().get((province, match_key(city)), city)
    return city


def office_line(office: Office, locale: str) -> str:
    """An office as one line: its name and city, in the locale's digits."""
    city = city_name(office.province, office.city, locale)
    return localize_digits(f"{office.name} — {city}", locale)


@dataclass(frozen=True, kw_only=True)
class OfficeStep(Step):
    """Find the office: a code, letters of its name, a city or province, or a paged list."""

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
            return ctx.t(
                N_("In which city of {province}?"),
                province=province_name(str(nav["province"]), ctx.locale),
            )
        if mode == "list" and nav.get("city") is not None:
            return ctx.t(
                N_("The offices of {city}: which one is it?"),
                city=city_name(str(nav["province"]), str(nav["city"]), ctx.locale),
            )
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
        if mode not in {"province", "city", "list", "found"}:
            return [Choice(ctx.t(N_("Choose by province")), BY_PROVINCE)]
        options = [Choice(label, value) for value, label in self._options(ctx, nav)]
        page = int(nav.get("page", 0))
        shown = options[page * PAGE : (page + 1) * PAGE]
        if page > 0:
            shown.append(Choice(ctx.t(N_("‹ Previous")), LESS))
        if (page + 1) * PAGE < len(options):
            shown.append(Choice(ctx.t(N_("More ›")), MORE))
        if mode == "city":
            shown.append(Choice(ctx.t(N_("‹ Provinces")), UP))
        elif mode == "list" and nav.get("city") is not None:
            shown.append(Choice(ctx.t(N_("‹ Cities")), UP))
        return [*shown, Choice(ctx.t(N_("Search again")), OTHER_OFFICE)]

    def _options(self, ctx: Context, nav: dict[str, Any]) -> list[tuple[str, str]]:
        """The page's buttons as (value, label), labelled in the user's language now."""
        if "options" in nav:
            # A search begun before the labels were made on each showing keeps its own.
            return [(str(value), str(label)) for value, label in nav["options"]]
        mode = nav.get("mode")
        if mode == "province":
            keys = nav.get("keys", [])
            options = [(f"p:{key}", province_name(key, ctx.locale)) for key in keys]
            return sorted(options, key=lambda option: option[1])
        if mode == "city":
            province = str(nav["province"])
            labels = [city_name(province, city, ctx.locale) for city in nav.get("cities", [])]
            options = [
                (f"c:{n}", localize_digits(label, ctx.locale)) for n, label in enumerate(labels)
            ]
            return sorted(options, key=lambda option: option[1])
        return [
            (f"o:{code}", localize_digits(line, ctx.locale)) for code, line in self._lines(ctx, nav)
        ]

    def _lines(self, ctx: Context, nav: dict[str, Any]) -> list[tuple[str, str]]:
        return [
            (str(code), f"{name} — {city_name(str(province), str(city), ctx.locale)}")
            for code, name, province, city in nav.get("offices", [])
        ]

    @property
    def columns(self) -> int:
        return 1

    async def parse(self, ctx: Context, received: Input) -> Any:
        nav = self._nav(ctx)
        if isinstance(received, Picked):
            return await self._picked(ctx, nav, received.value)
        hint = N_("Please send the office's code, a few letters of its name, or its city.")
        if not isinstance(received, Text):
            raise Invalid(hint)
        typed = normalize(received.text)
        if not 2 <= len(typed) <= 100:
            raise Invalid(hint)
        found = await registry_store.office(ctx.session, to_ascii_digits(typed).upper())
        if found is not None:
            return await self._confirm(ctx, found)
        key = match_key(typed)
        places = [
            (province, city)
            for province, city in await registry_store.places(ctx.session)
            if key in {match_key(city), match_key(city_name(province, city, "en"))}
        ]
        if places:
            in_city = [
                office
                for province, city in places
                for office in await registry_store.in_city(ctx.session, province, city)
            ]
            return await self._offices(ctx, in_city, place=places[0] if len(places) == 1 else None)
        province = match_province(typed, tuple(provinces().values()))
        if province is not None and province in await registry_store.provinces_with_offices(
            ctx.session
        ):
            await self._cities(ctx, province)
        matches = await registry_store.search(ctx.session, key, limit=40)
        if not matches:
            raise Invalid(
                N_(
                    "I found no office with that code, name or city. Try a few letters, or "
                    "choose by province."
                )
            )
        return await self._offices(ctx, matches, mode="found")

    async def _offices(
        self,
        ctx: Context,
        found: Sequence[Office],
        *,
        mode: str = "list",
        place: tuple[str, str] | None = None,
    ) -> Any:
        """One office: its card; several: a paged list of them (of *place*, when one city's)."""
        if len(found) == 1:
            return await self._confirm(ctx, found[0])
        offices = [(o.code, o.name, o.province, o.city) for o in found]
        province, city = place if place is not None else (None, None)
        self._set(ctx, mode=mode, offices=offices, province=province, city=city, page=0)
        raise Stay([])

    async def _provinces(self, ctx: Context) -> NoReturn:
        keys = await registry_store.provinces_with_offices(ctx.session)
        self._set(ctx, mode="province", keys=[key for key in keys if key in provinces()], page=0)
        raise Stay([])

    async def _cities(self, ctx: Context, province: str) -> NoReturn:
        cities = await registry_store.cities(ctx.session, province)
        self._set(ctx, mode="city", province=province, cities=cities, page=0)
        raise Stay([])

    async def _picked(self, ctx: Context, nav: dict[str, Any], value: str) -> Any:
        mode = nav.get("mode")
        if value == YES_OFFICE and mode == "confirm":
            self._set(ctx)
            ctx.state.trail[CHOSEN] = nav["chosen"]
            return str(nav["code"])
        if value == OTHER_OFFICE:
            self._set(ctx)
            raise Stay([])
        if value in {MORE, LESS} and mode in {"province", "city", "list", "found"}:
            nav["page"] = max(0, int(nav.get("page", 0)) + (1 if value == MORE else -1))
            self._set(ctx, **nav)
            raise Stay([])
        if value == BY_PROVINCE or (value == UP and mode == "city"):
            await self._provinces(ctx)
        if value == UP and mode == "list" and nav.get("city") is not None:
            await self._cities(ctx, str(nav["province"]))
        kind, _, key = value.partition(":")
        if kind == "p" and mode == "province" and key in provinces():
            await self._cities(ctx, key)
        if kind == "c" and mode == "city" and key.isdigit():
            cities = list(nav.get("cities", []))
            if int(key) < len(cities):
                province, city = str(nav["province"]), cities[int(key)]
                found = await registry_store.in_city(ctx.session, province, city)
                return await self._offices(ctx, found, place=(province, city))
        if kind == "o":
            office = await registry_store.office(ctx.session, key)
            if office is not None:
                return await self._confirm(ctx, office)
        raise Invalid(N_("Please choose one of the buttons."))

    async def _confirm(self, ctx: Context, office: Office) -> Any:
        city = city_name(office.province, office.city, ctx.locale)
        lines = [
            ctx.t(N_("Is this the office?")),
            "",
            localize_digits(office.name, ctx.locale),
            localize_digits(ctx.t.join([office.address, city]), ctx.locale),
            ctx.t(N_("Province: {province}"), province=province_name(office.province, ctx.locale)),
        ]
        warning = status_warning(ctx.t, office)
        if warning:
            lines += ["", warning]
        chosen = {"code": office.code, "name": office.name, "province": office.province}
        chosen["city"] = office.city
        self._set(ctx, mode="confirm", code=office.code, card="\n".join(lines), chosen=chosen)
        raise Stay([])

    def show(self, ctx: Context, value: Any) -> str:
        chosen = ctx.state.trail.get(CHOSEN) or {}
        if chosen.get("code") != value:
            return localize_digits(str(value), ctx.locale)
        city = city_name(str(chosen["province"]), str(chosen["city"]), ctx.locale)
        return localize_digits(f"{chosen['name']} — {city} ({value})", ctx.locale)


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
        "Which office is your complaint about? Send its code, a few letters of its name or its "
        "city, or choose by province."
    ),
)
