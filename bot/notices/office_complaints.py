"""The notice that tells an office of a complaint the Association has taken up.

The consent question of the complaint promises that the office learns of the complaint, and of
the complainant only with their consent. So when the Association accepts a complaint
(`bot.domain.complaint_status`), the office's manager gets a notice like the others
(`bot.notices.managers`: every linked chat, in its language, acknowledged once; waiting while
none is linked). What it says, as stored in the notice's `content`:

- the office, the clauses of Article 25 the complaint concerns (in plain words), the day of the
  incident;
- the complainant's name and mobile only where they consented (`identity_consent`); otherwise
  nothing of them is stored in the notice or its outbox rows, and the text says it is withheld;
- never the complainant's national ID, the description or the evidence (what the office needs
  to know of the complaint is what it concerns and when; the rest stays with the Association);
- never the tracking code: it is the complainant's key to the complaint, which the office cannot
  follow with it, and a code the office knew could be matched to the client who shows it.

The directive does not require this notice (Art. 15(e) has the Association review complaints;
Art. 22 has the Board hear them): it is this service's practice, and the text says so.
"""

from __future__ import annotations

from typing import Any

from bot.rules.violations import VIOLATIONS
from bot.text.i18n import Translator
from bot.text.jalali import format_stored_date, parse_stored_date
from bot.text.markers import N_
from storage.models import Complaint, Office

KIND = "complaint"


def content_of(complaint: Complaint, office: Office | None) -> dict[str, Any]:
    """What the notice says of *complaint*: identity only where its complainant consented."""
    identity = (
        {"name": complaint.complainant_name, "mobile": complaint.complainant_mobile}
        if complaint.identity_consent
        else None
    )
    return {
        "office_name": office.name if office else "",
        "violations": list(complaint.violations),
        "incident_date": format_stored_date(complaint.incident_date),
        "complainant": identity,
    }


def lines(t: Translator, content: dict[str, Any], office: str) -> list[str]:
    """The notice's text in *t*'s language, line by line; *office* is its name and code."""
    said = [
        t(N_("📨 A complaint against your office")),
        t(N_("Office: {office}"), office=office),
        "",
        t(
            N_(
                "The Offices' Association has taken up a complaint against your office "
                "(Article 15(e)). Nothing has been decided."
            )
        ),
        t(N_("What it concerns:")),
    ]
    clauses = [VIOLATIONS[str(c)] for c in content.get("violations", []) if str(c) in VIOLATIONS]
    for violation in clauses:
        said.append(
            t(
                N_("• Article 25, clause {clause}: {text}"),
                clause=violation.clause,
                text=t(violation.name),
            )
        )
    if not clauses:
        said.append(t(N_("• not classified yet: the Association classifies it")))
    said.append(
        t(
            N_("Day of the incident: {date}"),
            date=parse_stored_date(str(content["incident_date"])),
        )
    )
    complainant = content.get("complainant")
    if isinstance(complainant, dict):
        said.append(
            t(
                N_("The complainant agreed that you may know who they are: {name}, {mobile}."),
                name=str(complainant.get("name", "")),
                mobile=str(complainant.get("mobile", "")),
            )
        )
    else:
        said.append(
            t(
                N_(
                    "The complainant asked that their identity be withheld from the office: "
                    "it is not given here."
                )
            )
        )
    said += [
        "",
        t(
            N_(
                "The directive does not require this notice: this service tells an office when "
                "the Association takes up a complaint against it."
            )
        ),
        t(N_("Please acknowledge that you received this notice.")),
    ]
    return said
