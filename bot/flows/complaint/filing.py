"""Filing, part 6: the wizard that asks the parts in order, and the filing with a tracking code.

Before it starts, the daily limit per person; before it files, a second question when the same
person filed against the same office for the same things in the last 24 hours. Filing gives a
tracking code, the Association that handles it (Art. 12, 15(e)), its Primary Disciplinary Board
(Art. 22), and what happens next.

```mermaid
flowchart TD
    L{filed the most for one day?} -- yes --> X[when the limit lets one more in; the menu]
    L -- no --> O[office, part 1] --> I[what happened, when, part 2]
    I -- an overcharge --> V[the overcharge, part 3] --> D
    I --> D[description] --> E[evidence, part 4] --> C[who complains and consent, part 5]
    C --> R[review: change any answer] -- confirm --> S{a similar complaint in 24 hours?}
    S -- yes --> Q[is this a new complaint?] -- yes --> F
    S -- no --> F[tracking code, Association, Board, what next]
```
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from bot.domain.tracking import new_tracking_code
from bot.flows.complaint.complainant import CONSENT, FULL_NAME, MOBILE, NATIONAL_ID
from bot.flows.complaint.evidence import (
    EVIDENCE,
    FETCH_EVIDENCE,
    REMOVE_EVIDENCE_FILES,
    fetch_evidence,
    remove_evidence_files,
)
from bot.flows.complaint.incident import DESCRIPTION, WHAT, WHEN, unclassified, violation_ids
from bot.flows.complaint.office_search import OFFICE, province_name, provinces
from bot.flows.complaint.overcharge import CURRENCY, PAID, SERVICE, UNITS, hold_tariff
from bot.flows.complaint.overcharge_answers import overcharge_record, overcharge_text
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Action, Message
from bot.flows.framework.steps import Step
from bot.flows.framework.wizard import Wizard
from bot.flows.menu import MENU
from bot.flows.registry import Registry
from bot.notices.complainants import shown_code
from bot.notices.desk_complaints import tell_desk
from bot.rules.routing import nearest_association
from bot.text.jalali import format_jalali_datetime, parse_stored_date
from bot.text.markers import N_, NP_
from storage import complaints as store
from storage import offices as registry_store
from storage.models import Office

NAME = "complaint"
DAY = timedelta(hours=24)
MY_COMPLAINTS = "my_complaints"


class ComplaintFiling(Wizard):
    """File a complaint against an office."""

    name = NAME
    title = N_("File a complaint against an office")
    intro = N_(
        "I will ask which office, what happened and when, and who you are. It takes a few "
        "minutes; you can go back at any step, and nothing is filed until you confirm."
    )
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        OFFICE,
        WHAT,
        WHEN,
        SERVICE,
        UNITS,
        PAID,
        CURRENCY,
        DESCRIPTION,
        EVIDENCE,
        FULL_NAME,
        MOBILE,
        NATIONAL_ID,
        CONSENT,
    )

    async def prompt(self, ctx: Context) -> list[Message]:
        await hold_tariff(ctx)  # the service step lists the tariff held for the incident's year
        return await super().prompt(ctx)

    async def may_start(self, ctx: Context) -> list[Message] | None:
        again = await self._limit_ends(ctx)
        return None if again is None else [self._limit_message(ctx, again)]

    async def _limit_ends(self, ctx: Context) -> datetime | None:
        """When the user may file again, if they filed the most for one day; else None."""
        filed = await store.filed_since(ctx.session, ctx.platform, ctx.user_id, ctx.now - DAY)
        most = ctx.settings.complaints_per_day
        if len(filed) < most:
            return None
        # The window is the last 24 hours: one more may be filed once enough of them leave it.
        return filed[len(filed) - most] + DAY

    def _limit_message(self, ctx: Context, again: datetime) -> Message:
        # Shown to the minute, rounded up: at the minute shown the window has let one go.
        minute = again.replace(second=0, microsecond=0)
        if minute < again:
            minute += timedelta(minutes=1)
        text = ctx.t(
            NP_(
                "You have filed {count} complaint in the last 24 hours, the most this service "
                "takes from one person in a day. You can file again from {moment} (Tehran "
                "time). This limit is a setting of this service, not a rule of the directive.",
                "You have filed {count} complaints in the last 24 hours, the most this service "
                "takes from one person in a day. You can file again from {moment} (Tehran "
                "time). This limit is a setting of this service, not a rule of the directive.",
            ),
            count=ctx.settings.complaints_per_day,
            moment=format_jalali_datetime(minute, ctx.settings.zone, ctx.locale),
        )
        return Message(
            text,
            buttons=[
                [Action(ctx.t(N_("My complaints")), MY_COMPLAINTS)],
                [Action(ctx.t(N_("Main menu")), MENU)],
            ],
        )

    async def before_finish(self, ctx: Context, answers: Answers) -> str | None:
        similar = await store.similar_since(
            ctx.session,
            ctx.platform,
            ctx.user_id,
            str(answers["office"]),
            violation_ids(answers),
            ctx.now - timedelta(hours=24),
            unclassified=unclassified(answers),
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
        again = await self._limit_ends(ctx)
        if again is not None:
            return [self._limit_message(ctx, again)]
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
            unclassified=unclassified(answers),
            incident_date=parse_stored_date(str(answers["when"])),
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
        # The Association's desk hears of it in the same transaction (bot/notices/desk_complaints).
        await tell_desk(ctx.session, ctx.settings, complaint, ctx.now)
        overcharge = overcharge_text(ctx.t, answers)
        return [filed_message(ctx, code, office, association, overcharge)]


def filed_message(
    ctx: Context, code: str, office: Office, association: str, overcharge: str | None = None
) -> Message:
    """The receipt of a filed complaint: its code, what was found of an overcharge, who hears it,
    what happens next."""
    t = ctx.t
    lines = [
        t(N_("✅ Your complaint has been filed.")),
        "",
        t(N_("Tracking code: {code}"), code=shown_code(code, ctx.locale)),
        t(N_("Keep it: with it you can follow the complaint here.")),
        "",
    ]
    if overcharge:
        lines += [overcharge, ""]
    # Which Association that is rests on configuration (Art. 12): said so, and /about explains.
    lines.append(
        t(
            N_(
                "It goes to the Association that handles offices of {home}: the Offices' "
                "Association of {province} (Articles 12 and 15(e)). /about says how that is "
                "decided."
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
        t(
            NP_(
                "The Association aims to respond within {days} day of filing: a service target "
                "of the Association (a setting), not a deadline of the directive.",
                "The Association aims to respond within {days} days of filing: a service target "
                "of the Association (a setting), not a deadline of the directive.",
                count="days",
            ),
            days=ctx.settings.desk_first_response_days,
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
    """Add complaint filing and its evidence downloads and removals to *registry*."""
    registry.add_flow(ComplaintFiling())
    registry.add_job(FETCH_EVIDENCE, fetch_evidence)
    registry.add_job(REMOVE_EVIDENCE_FILES, remove_evidence_files)
