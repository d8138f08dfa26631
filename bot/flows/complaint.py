"""Filing a complaint against an office: from the first tap to a tracking code.

The citizen finds the office (by code, by a few letters of its name, or province → city → list),
says what happened in plain words (each mapped to a clause of Art. 25), when, and — for an
overcharge — what was paid against the tariff in force that day; describes it, may add up to five
photos or documents, says who they are (after being told who sees it and for how long) and whether
the office may learn who complained (no unless they say yes). After a review: a tracking code,
the Association that handles it (Art. 12, 15(e)), its Primary Disciplinary Board (Art. 22), and
what happens next.

```mermaid
flowchart TD
    O[office: code, name or province → city → list] --> C{is it this office?}
    C -- no --> O
    C -- yes --> W[what happened: one or more] --> D[when]
    D -- 25.12 --> S[service, units, amount, rials or tomans] --> T
    D --> T[description] --> E[evidence, up to 5] --> N[name] --> M[mobile]
    M --> I[national ID, optional]
    I --> K[may the office know who complained?] --> R[review] --> F[tracking code]
```
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import jdatetime

from bot.data import bundled_provinces
from bot.domain.tariff import (
    UNIT_QUESTIONS,
    Tariff,
    TariffItem,
    bundled_tariffs,
    compare,
    tariff_for,
)
from bot.domain.tracking import new_tracking_code
from bot.flows.framework import (
    Action,
    Answers,
    Attachment,
    AttachmentsStep,
    Choice,
    ChoiceStep,
    Context,
    DateStep,
    Input,
    Invalid,
    Message,
    MobileStep,
    MultiChoiceStep,
    NumberStep,
    Picked,
    Stay,
    Step,
    Text,
    TextStep,
    Wizard,
)
from bot.flows.menu import MENU
from bot.flows.registry import JobContext, Registry
from bot.notices.complainants import shown_code
from bot.rules.routing import Province, nearest_association
from bot.rules.violations import CITIZEN_CHOICES, CITIZEN_CHOICES_BY_KEY
from bot.text.i18n import Translator
from bot.text.markers import N_
from bot.text.persian import (
    InputError,
    localize_digits,
    match_key,
    normalize,
    normalize_national_id,
    to_ascii_digits,
)
from storage import complaints as store
from storage import offices as registry_store
from storage.models import Evidence, Office

logger = logging.getLogger(__name__)

NAME = "complaint"
MY_COMPLAINTS = "my_complaints"
FETCH_EVIDENCE = "fetch_evidence"
OVERCHARGED = "overcharged"
PAGE = 8


@cache
def provinces() -> dict[str, Province]:
    """Iran's provinces, by key."""
    return {province.key: province for province in bundled_provinces()}


@cache
def tariffs() -> dict[int, Tariff]:
    """The tariffs shipped with Daftar, by Jalali year."""
    return bundled_tariffs()


def province_name(key: str, locale: str) -> str:
    """A province's name in *locale*."""
    province = provinces()[key]
    return province.name_fa if locale == "fa" else province.name_en


def office_line(office: Office, locale: str) -> str:
    """An office as one line: its name and city, in the locale's digits."""
    return localize_digits(f"{office.name} — {office.city}", locale)


def _incident(answers: Answers) -> jdatetime.date | None:
    raw = answers.get("when")
    if not raw:
        return None
    year, month, day = (int(part) for part in str(raw).split("/"))
    return jdatetime.date(year, month, day)


def _tariff(answers: Answers) -> Tariff | None:
    incident = _incident(answers)
    return tariff_for(incident, tariffs()) if incident else None


def _item(answers: Answers) -> TariffItem | None:
    tariff = _tariff(answers)
    number = answers.get("service")
    if tariff is None or number in (None, ""):
        return None
    try:
        return tariff.item(int(number))
    except (KeyError, ValueError):
        return None


def _overcharged(answers: Answers) -> bool:
    return OVERCHARGED in (answers.get("what") or [])


def _asks_amounts(answers: Answers) -> bool:
    return _overcharged(answers) and _item(answers) is not None


def _asks_units(answers: Answers) -> bool:
    item = _item(answers)
    return _overcharged(answers) and item is not None and item.per_unit


# --- the office -----------------------------------------------------------------------------

BY_PROVINCE = "by_province"
YES_OFFICE = "office_yes"
OTHER_OFFICE = "office_other"
MORE = "more"
LESS = "less"


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
        until = office.suspended_until or ""
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


# --- the overcharge ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ServiceStep(Step):
    """The service that was overcharged, from the tariff of the incident's year."""

    def prompt_text(self, ctx: Context) -> str:
        if _tariff(ctx.state.answers) is None:
            incident = _incident(ctx.state.answers)
            return ctx.t(
                N_(
                    "I have no fee tariff for {year}, so I cannot compare what you paid. Your "
                    "complaint is still recorded; press Continue."
                ),
                year=incident.year if incident else 0,
            )
        return ctx.t(self.prompt)

    def choices(self, ctx: Context) -> Sequence[Choice]:
        tariff = _tariff(ctx.state.answers)
        if tariff is None:
            return [Choice(ctx.t(N_("Continue")), "none")]
        return [
            Choice(
                localize_digits(
                    f"{i.item}. " + (i.service_fa if ctx.locale == "fa" else i.service_en),
                    ctx.locale,
                )[:60],
                str(i.item),
            )
            for i in tariff.items
        ]

    @property
    def columns(self) -> int:
        return 1

    async def parse(self, ctx: Context, received: Input) -> Any:
        values = {choice.value for choice in self.choices(ctx)}
        if isinstance(received, Picked) and received.value in values:
            return None if received.value == "none" else received.value
        if isinstance(received, Text) and to_ascii_digits(received.text.strip()) in values:
            return to_ascii_digits(received.text.strip())
        raise Invalid(N_("Please choose one of the buttons."))

    def show(self, ctx: Context, value: Any) -> str:
        item = _item({**ctx.state.answers, "service": value})
        if item is None:
            return ctx.t(N_("not compared"))
        return item.service_fa if ctx.locale == "fa" else item.service_en


@dataclass(frozen=True, kw_only=True)
class UnitsStep(NumberStep):
    """How many pages, persons or sheets the fee counts."""

    def prompt_text(self, ctx: Context) -> str:
        item = _item(ctx.state.answers)
        return (
            ctx.t(UNIT_QUESTIONS[item.unit])
            if item and item.unit in UNIT_QUESTIONS
            else ctx.t(self.prompt)
        )


@dataclass(frozen=True, kw_only=True)
class CurrencyStep(ChoiceStep):
    """Rials or tomans (asked, never assumed); then the comparison with the tariff."""

    def after(self, ctx: Context, value: Any) -> list[Message]:
        return [Message(overcharge_text(ctx.t, ctx.state.answers))]


def overcharge_text(t: Translator, answers: Answers) -> str:
    """The comparison of what was paid with the tariff, in words."""
    item = _item(answers)
    if item is None:
        return t(N_("Not compared with the tariff."))
    result = compare(
        item, int(answers.get("units") or 1), int(answers["paid"]), answers["currency"]
    )
    return t(result.message, **dict(result.params))


# --- evidence ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EvidenceStep(AttachmentsStep):
    """Up to five photos or documents; each is fetched after the commit and hashed."""

    async def accept(self, ctx: Context, attachment: Attachment) -> dict[str, Any]:
        evidence = await store.add_evidence(
            ctx.session,
            platform=ctx.platform,
            platform_user_id=ctx.user_id,
            complaint_id=None,
            file_id=attachment.file_id,
            kind=attachment.kind,
            file_name=attachment.file_name,
            mime_type=attachment.mime_type,
            size=attachment.size,
            received_at=ctx.now,
        )
        ctx.defer(FETCH_EVIDENCE, {"evidence_id": evidence.id})
        return {"evidence_id": evidence.id, "kind": attachment.kind, "name": attachment.file_name}


async def fetch_evidence(job: JobContext, payload: dict[str, Any]) -> None:
    """Download one piece of evidence into the evidence store and record its SHA-256."""
    async with job.sessions() as session:
        evidence = await session.get(Evidence, int(payload["evidence_id"]))
        if evidence is None or evidence.sha256:
            return
        file_id = evidence.file_id
    data = await job.download(file_id)
    limit = job.settings.evidence_max_mb * 1024 * 1024
    async with job.sessions() as session, session.begin():
        evidence = await session.get(Evidence, int(payload["evidence_id"]))
        if evidence is None:
            return
        if len(data) > limit:
            evidence.problem = f"larger than {job.settings.evidence_max_mb} MB; not kept"
            return
        digest = hashlib.sha256(data).hexdigest()
        path = Path(job.settings.evidence_dir) / digest[:2] / digest
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_bytes(data)
        evidence.sha256, evidence.size = digest, len(data)
        evidence.stored_path, evidence.stored_at = str(path), job.now


# --- who is complaining -----------------------------------------------------------------------

SKIP = "skip"


@dataclass(frozen=True, kw_only=True)
class NameStep(TextStep):
    """The complainant's name, after two lines on who sees it and for how long."""

    def prompt_text(self, ctx: Context) -> str:
        years = round(ctx.settings.complaint_retention_days / 365, 1)
        return "\n".join(
            [
                ctx.t(
                    N_(
                        "Who sees your details: the Association that handles the complaint and "
                        "its Primary Disciplinary Board; the office only if you allow it."
                    )
                ),
                ctx.t(
                    N_(
                        "How long they are kept: {years} years after filing (a setting of this "
                        "service)."
                    ),
                    years=years,
                ),
                "",
                ctx.t(self.prompt),
            ]
        )


@dataclass(frozen=True, kw_only=True)
class NationalIdStep(Step):
    """The national ID, optional; its checksum is verified."""

    def choices(self, ctx: Context) -> Sequence[Choice]:
        return [Choice(ctx.t(N_("Skip")), SKIP)]

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Picked) and received.value == SKIP:
            return ""
        if not isinstance(received, Text):
            raise Invalid(N_("Please type your 10-digit national ID, or press Skip."))
        try:
            return normalize_national_id(received.text)
        except InputError as error:
            raise Invalid.from_input_error(error) from None

    def show(self, ctx: Context, value: Any) -> str:
        return localize_digits(str(value), ctx.locale) if value else ctx.t(N_("not given"))


CONSENT_OPTIONS = (
    ("no", N_("No: keep my identity from the office")),
    ("yes", N_("Yes: the office may know it was me")),
)


# --- the flow ---------------------------------------------------------------------------------


class ComplaintFiling(Wizard):
    """File a complaint against an office."""

    name = NAME
    title = N_("File a complaint against an office")
    intro = N_(
        "I will ask which office, what happened and when, and who you are. It takes a few "
        "minutes; you can go back at any step, and nothing is filed until you confirm."
    )
    steps: ClassVar[tuple[Step, ...]] = (
        OfficeStep(
            key="office",
            label=N_("Office"),
            prompt=N_(
                "Which office is your complaint about? Send its code, or a few letters of its "
                "name, or choose by province."
            ),
        ),
        MultiChoiceStep(
            key="what",
            label=N_("What happened"),
            prompt=N_("What happened? Choose everything that applies, then press Done."),
            options=tuple((c.key, c.label_msgid) for c in CITIZEN_CHOICES),
        ),
        DateStep(
            key="when", label=N_("Date"), prompt=N_("When did it happen? For example 1403/05/12.")
        ),
        ServiceStep(
            key="service",
            label=N_("Service"),
            prompt=N_("Which service were you overcharged for?"),
            when=_overcharged,
        ),
        UnitsStep(
            key="units",
            label=N_("Pages, persons or sheets"),
            prompt=N_("How many?"),
            minimum=1,
            maximum=10_000,
            when=_asks_units,
        ),
        NumberStep(
            key="paid",
            label=N_("Amount paid"),
            prompt=N_(
                "How much did you pay for it? Just the number; I will ask rials or tomans next."
            ),
            minimum=0,
            maximum=10**12,
            when=_asks_amounts,
        ),
        CurrencyStep(
            key="currency",
            label=N_("Currency"),
            prompt=N_("Was that amount in rials or in tomans?"),
            options=(("rial", N_("Rials")), ("toman", N_("Tomans"))),
            when=_asks_amounts,
        ),
        TextStep(
            key="description",
            label=N_("Description"),
            prompt=N_(
                "Please describe what happened, in at least 10 and at most 3,000 characters."
            ),
            min_length=10,
            max_length=3000,
        ),
        EvidenceStep(
            key="evidence",
            label=N_("Evidence"),
            prompt=N_(
                "If you have photos or documents (a receipt, a photo of the notice board), send "
                "up to 5 now. Otherwise press Skip."
            ),
            maximum=5,
        ),
        NameStep(
            key="name",
            label=N_("Your name"),
            prompt=N_("Your full name?"),
            min_length=2,
            max_length=100,
        ),
        MobileStep(
            key="mobile",
            label=N_("Mobile"),
            prompt=N_("Your mobile number? Share it with the button below, or type it."),
        ),
        NationalIdStep(
            key="national_id",
            label=N_("National ID"),
            prompt=N_("Your national ID (optional: it helps the Association reach you)."),
        ),
        ChoiceStep(
            key="consent",
            label=N_("The office may know who complained"),
            prompt=N_(
                "May the office learn who complained? If you say no, the office is told of the "
                "complaint without your name or contact details."
            ),
            options=CONSENT_OPTIONS,
            columns=1,
        ),
    )

    async def may_start(self, ctx: Context) -> list[Message] | None:
        if await self._over_limit(ctx):
            return [self._limit_message(ctx)]
        return None

    async def _over_limit(self, ctx: Context) -> bool:
        since = ctx.now - timedelta(hours=24)
        filed = await store.filed_since(ctx.session, ctx.platform, ctx.user_id, since)
        return filed >= ctx.settings.complaints_per_day

    def _limit_message(self, ctx: Context) -> Message:
        return Message(
            ctx.t(
                N_(
                    "You have filed {count} complaints in the last 24 hours, the most this "
                    "service takes from one person in a day. Please try again tomorrow."
                ),
                count=ctx.settings.complaints_per_day,
            )
        )

    async def before_finish(self, ctx: Context, answers: Answers) -> str | None:
        similar = await store.similar_since(
            ctx.session,
            ctx.platform,
            ctx.user_id,
            str(answers["office"]),
            violation_ids(answers),
            ctx.now - timedelta(hours=24),
        )
        if similar is None:
            return None
        return ctx.t(
            N_(
                "In the last 24 hours you already filed complaint {code} against this office for "
                "the same things. Is this a new complaint?"
            ),
            code=shown_code(similar.tracking_code, ctx.locale),
        )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        if await self._over_limit(ctx):
            return [self._limit_message(ctx)]
        office = await registry_store.office(ctx.session, str(answers["office"]))
        if office is None:
            return [
                Message(ctx.t(N_("That office is no longer in the registry. Please start again.")))
            ]
        association = nearest_association(
            office.province, ctx.settings.association_keys, tuple(provinces().values())
        )
        code = new_tracking_code()
        while await store.code_taken(ctx.session, code):
            code = new_tracking_code()
        complaint = await store.create(
            ctx.session,
            now=ctx.now,
            tracking_code=code,
            platform=ctx.platform,
            platform_user_id=ctx.user_id,
            chat_id=ctx.chat_id,
            office_code=office.code,
            association_province=association,
            violations=violation_ids(answers),
            incident_date=str(answers["when"]),
            description=str(answers["description"]),
            overcharge=overcharge_record(answers),
            complainant_name=str(answers["name"]),
            complainant_mobile=str(answers["mobile"]),
            complainant_national_id=answers.get("national_id") or None,
            identity_consent=answers.get("consent") == "yes",
            locale=ctx.locale,
            keep_until=ctx.now + timedelta(days=ctx.settings.complaint_retention_days),
        )
        evidence = [int(f["evidence_id"]) for f in answers.get("evidence") or []]
        if evidence:
            await store.link_evidence(
                ctx.session, ctx.platform, ctx.user_id, evidence, complaint.id
            )
        return [filed_message(ctx, code, office, association)]


def violation_ids(answers: Answers) -> list[str]:
    """The clauses of Art. 25 the citizen's choices stand for, in order."""
    return [CITIZEN_CHOICES_BY_KEY[key].violation_id for key in answers.get("what") or []]


def overcharge_record(answers: Answers) -> dict[str, Any] | None:
    """What was paid against the tariff, as stored with the complaint."""
    if not _overcharged(answers):
        return None
    item = _item(answers)
    tariff = _tariff(answers)
    if item is None:
        return {"tariff_year": tariff.year if tariff else None, "compared": False}
    result = compare(
        item, int(answers.get("units") or 1), int(answers["paid"]), answers["currency"]
    )
    return {
        "tariff_year": tariff.year if tariff else None,
        "item": item.item,
        "units": result.units,
        "paid": int(answers["paid"]),
        "currency": answers["currency"],
        "paid_rials": result.paid_rials,
        "fee_rials": result.fee_rials,
        "difference_rials": result.difference_rials,
        "compared": result.comparable,
    }


def filed_message(ctx: Context, code: str, office: Office, association: str) -> Message:
    """The receipt of a filed complaint: its code, who hears it, what happens next."""
    t = ctx.t
    lines = [
        t(N_("✅ Your complaint has been filed.")),
        "",
        t(N_("Tracking code: {code}"), code=shown_code(code, ctx.locale)),
        t(N_("Keep it: with it you can follow the complaint here.")),
        "",
    ]
    if association == office.province:
        lines.append(
            t(
                N_("It goes to the Offices' Association of {province} (Articles 12 and 15(e))."),
                province=province_name(association, ctx.locale),
            )
        )
    else:
        lines.append(
            t(
                N_(
                    "{home} has no Association of its own yet, so the nearest one, the Offices' "
                    "Association of {province}, handles it (Article 12)."
                ),
                home=province_name(office.province, ctx.locale),
                province=province_name(association, ctx.locale),
            )
        )
    lines += [
        t(N_("It is heard by that Association's Primary Disciplinary Board (Article 22).")),
        "",
        t(
            N_(
                "What happens next: the Association reviews your complaint and may refer it to "
                "the Board. You will be told here whenever its status changes."
            )
        ),
    ]
    return Message(
        "\n".join(lines),
        buttons=[
            [Action(t(N_("My complaints")), MY_COMPLAINTS)],
            [Action(t(N_("Main menu")), MENU)],
        ],
    )


def register(registry: Registry) -> None:
    """Add complaint filing and its evidence downloads to *registry*."""
    registry.add_flow(ComplaintFiling())
    registry.add_job(FETCH_EVIDENCE, fetch_evidence)
