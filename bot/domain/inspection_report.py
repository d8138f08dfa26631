"""The reasoned, documented report of an inspection (Art. 21), from its on-site checklist.

    check_results(results) -> dict                      # the checklist as the store keeps it
    compose_report(settings, inspection, office, results, conclusion, photo_counts) -> str
    file_report(session, settings, now, *, inspection_id, results, conclusion,
                inspector_member_id, inspector_name) -> FiledReport
    send_report(session, settings, now, *, inspection) -> list[int]   # one kept, not sent yet

The report says the office, the visit (kind, announced or not, when, who), each checklist item
(`bot.rules.inspection_checklist`) with its result, note and number of photos, the inspector's
reasons and conclusion, and the findings: the Art. 25 clauses of the items not met. Art. 3
staffing items not met are reported too, but are no clause of Art. 25 by themselves: the Primary
Board decides (Art. 22). Filing it keeps the report as a file (`inspections.report_target`),
records the findings through `inspections.record_findings` (findings open a case, as from the
command line), and queues the report to the Council's members (`bot.notices.council_reports`),
all in the caller's transaction. It is written in the service's default language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.inspections import keep_report, record_findings, report_target
from bot.domain.refusals import TEXT_MAX_CHARS, DisciplineError, existing_office
from bot.notices.council_reports import tell_council
from bot.rules.inspection_checklist import (
    CHECKLIST,
    ITEMS,
    MET,
    NOT_CHECKED,
    NOT_MET,
    RESULTS,
    findings_of,
    staffing_not_met,
)
from bot.text.i18n import translator
from bot.text.jalali import format_jalali_datetime
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import cases as case_store
from storage import inspections as inspection_store
from storage.models import Case, Inspection, Office

#: The longest note at one item (the service's bound, like a complaint's description).
NOTE_MAX_CHARS: Final = 1000
#: The inspector's reasons and conclusion: at least a sentence, at most a page.
CONCLUSION_CHARS: Final = range(10, TEXT_MAX_CHARS + 1)
#: The kinds of inspection Art. 21 names, as a report or a list shows them.
KIND_LABELS: Final = {"periodic": N_("periodic"), "ad_hoc": N_("ad hoc")}
RESULT_LABELS: Final = {
    MET: N_("met on the visit"),
    NOT_MET: N_("not met on the visit"),
    NOT_CHECKED: N_("not checked"),
}


@dataclass(frozen=True)
class FiledReport:
    """A report filed: the inspection recorded, the case its findings opened, the Council's rows."""

    inspection: Inspection
    case: Case | None
    council_rows: list[int]


def check_results(results: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every checklist item with a known result, a bounded note and its photos' ids."""
    checked: dict[str, dict[str, Any]] = {}
    for item in CHECKLIST:
        given = results.get(item.id)
        if not isinstance(given, Mapping) or given.get("result") not in RESULTS:
            raise DisciplineError("checklist", f"item {item.id} has no result")
        note = given.get("note")
        note = str(note).strip() or None if note is not None else None
        if note is not None and len(note) > NOTE_MAX_CHARS:
            raise DisciplineError("checklist", f"the note at item {item.id} is too long")
        photos = [int(p) for p in given.get("photos", []) if str(p).isdigit()]
        checked[item.id] = {"result": given["result"], "note": note, "photos": photos}
    unknown = set(results) - set(ITEMS)
    if unknown:
        raise DisciplineError("checklist", f"unknown items {sorted(unknown)}")
    return checked


def compose_report(
    settings: Settings,
    inspection: Inspection,
    office: Office,
    results: Mapping[str, Mapping[str, Any]],
    conclusion: str,
    inspector_name: str | None,
) -> str:
    """The report's text, in the service's default language."""
    locale = settings.default_locale
    t = translator(locale)

    def digits(value: object) -> str:
        return localize_digits(str(value), locale)

    moment = inspection.visited_at or inspection.at
    plain = {item: str(given["result"]) for item, given in results.items()}
    lines = [
        t(
            N_("Reasoned report of inspection no. {number} (Article 21)"),
            number=digits(inspection.id),
        ),
        "",
        t(N_("Office: {code}, {name}"), code=digits(office.code), name=office.name),
        t(
            N_("Inspection: {kind}, {how}"),
            kind=t(KIND_LABELS.get(inspection.kind, inspection.kind)),
            how=t(N_("announced ahead") if inspection.announced else N_("unannounced")),
        ),
        t(N_("When: {when}"), when=format_jalali_datetime(moment, settings.zone, locale)),
        t(N_("Inspector: {name}"), name=inspector_name or inspection.inspector or "-"),
        "",
        t(N_("The checklist:")),
    ]
    for item in CHECKLIST:
        given = results[item.id]
        line = f"• {t(item.label)}\n  " + t(
            N_("Result: {result}"), result=t(RESULT_LABELS[str(given["result"])])
        )
        if given.get("note"):
            line += "\n  " + t(N_("Note: {note}"), note=given["note"])
        if given.get("photos"):
            line += "\n  " + t(N_("Photos: {count}"), count=digits(len(given["photos"])))
        lines.append(line)
    lines += ["", t(N_("The inspector's reasons and conclusion:")), conclusion, ""]
    found = findings_of(plain)
    lines.append(
        t(
            N_("Findings: Article 25, clauses {clauses}"),
            clauses=t.join([digits(c.split(".")[-1]) for c in found]),
        )
        if found
        else t(N_("Findings: none under Article 25"))
    )
    staffing = staffing_not_met(plain)
    if staffing:
        lines.append(
            t(
                N_(
                    "Staffing not met (Article 3): {items}. This is reported to the Council; it "
                    "is no clause of Article 25 by itself, and the Primary Board decides."
                ),
                items=t.join([t(ITEMS[i].label) for i in staffing]),
            )
        )
    return "\n".join(lines) + "\n"


async def file_report(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    inspection_id: int,
    results: Mapping[str, Any],
    conclusion: str,
    inspector_member_id: int | None = None,
    inspector_name: str | None = None,
) -> FiledReport:
    """Record the inspection's checklist and report; open a case on its findings; queue the
    report to the Council's members (Art. 21). Refused (DisciplineError) before anything is
    written: an unknown or recorded inspection, one still ahead, a checklist incomplete, a
    photo not of this inspection, reasons too short or too long."""
    inspection = await inspection_store.by_id(session, inspection_id)
    if inspection is None:
        raise DisciplineError("inspection", f"no inspection #{inspection_id}")
    if inspection.recorded_at is not None:
        raise DisciplineError("inspection", f"inspection #{inspection.id} is recorded already")
    if inspection.at > now:
        raise DisciplineError("inspection", f"inspection #{inspection.id} has not taken place yet")
    checked = check_results(results)
    ours = {photo.id for photo in await inspection_store.photos_of(session, inspection.id)}
    if any(p not in ours for given in checked.values() for p in given["photos"]):
        raise DisciplineError("checklist", "a photo is not of this inspection")
    conclusion = conclusion.strip()
    if len(conclusion) not in CONCLUSION_CHARS:
        raise DisciplineError("conclusion", "the inspector's reasons are required (Article 21)")
    office = await existing_office(session, inspection.office_code)
    if inspection.visited_at is None:
        inspection.visited_at = inspection.at
    if inspector_member_id is not None:
        inspection.inspector_member_id = inspector_member_id
    if inspector_name and not inspection.inspector:
        inspection.inspector = inspector_name[:200]
    text = compose_report(settings, inspection, office, checked, conclusion, inspector_name)
    data = text.encode()
    path = keep_report(report_target(settings, inspection.id, data, ".txt"), data)
    plain = {item: str(given["result"]) for item, given in checked.items()}
    inspection, case = await record_findings(
        session,
        settings,
        now,
        inspection_id=inspection.id,
        findings=findings_of(plain),
        report_path=str(path),
    )
    inspection.checklist = checked
    inspection.conclusion = conclusion
    inspection.report_text = text
    rows = await tell_council(session, settings, inspection, office, case, now)
    # Sent once a Council member's chat is linked to receive it; else kept, not sent.
    inspection.report_sent_at = now if rows else None
    await session.flush()
    return FiledReport(inspection, case, rows)


async def send_report(
    session: AsyncSession, settings: Settings, now: datetime, *, inspection: Inspection
) -> list[int]:
    """Queue a recorded report that no Council member's chat received yet (none was linked when
    it was recorded) to the chats linked now; the outbox rows (none: still not sent)."""
    if inspection.recorded_at is None or inspection.report_path is None:
        raise DisciplineError("inspection", f"inspection #{inspection.id} is not recorded yet")
    if inspection.report_sent_at is not None:
        raise DisciplineError("inspection", f"inspection #{inspection.id}'s report was sent")
    office = await existing_office(session, inspection.office_code)
    case = await case_store.of_inspection(session, inspection.id)
    opened = await case_store.by_id(session, case) if case is not None else None
    rows = await tell_council(session, settings, inspection, office, opened, now)
    inspection.report_sent_at = now if rows else None
    await session.flush()
    return rows
