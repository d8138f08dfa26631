"""A report delivered in chat: built, rendered as PDF and CSV, written, and queued as documents.

    deliver(session, settings, now, period, scope, chats, written, monthly=False) -> list[int]

The one way a report reaches a chat (the Directorate supervises and is reported to: Arts. 9(d),
15(b), 15(c), 15(e)), shared by the request in chat (`deliver_requested`, the `report.deliver`
job's work) and the schedule (`bot/documents/monthly_reports.py`). In the caller's transaction:
the report is counted (`bot.domain.reports.build_report`); its PDF and CSV are rendered once per
language a chat asked for and written under `evidence_dir`/reports/ (each whole: a temporary
name, then renamed); and each chat gets, in its own language, a message naming the period, the
scope and a few headline figures with the PDF, then the CSV (outbox rows the notice dispatcher
delivers). *written* collects the files' paths: when anything fails, before the commit or at it,
`remove` takes them away again, and since nothing was queued a chat never gets half a report.
A request that fails is told to its chat politely, and the failure logged.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.documents import report_csv
from bot.documents.report_names import LANGUAGE_NAMES, file_stem, period_text, scope_text
from bot.domain.reports import Period, Report, Scope, build_report, scope_named
from bot.domain.staff_actions import REPORT_CITES
from bot.messages.replies import Attachment, Reply
from bot.notices.staff_chats import link_locale
from bot.text.i18n import Translator, translator
from bot.text.jalali import format_stored_date, parse_stored_date
from bot.text.markers import N_
from storage import outbox
from storage import staff as staff_store
from storage.statuses import Role

logger = logging.getLogger(__name__)

#: The folder under `evidence_dir` the reports' files are kept in.
FOLDER: Final = "reports"
_RENDERING: Final = threading.Lock()
#: The figures the message names, as (section, key, msgid); a figure with no value is left out.
HEADLINES: Final = (
    ("complaints", "received", N_("Complaints received: {value}")),
    (
        "service_targets",
        "first_response.median_days",
        N_("Median time to the first response: {value} days"),
    ),
    ("inspections", "done", N_("Inspections done: {value}")),
    ("discipline", "rulings.made", N_("Rulings of the Primary Board: {value}")),
    ("discipline", "appeals.filed", N_("Appeals filed: {value}")),
)


@dataclass(frozen=True)
class Chat:
    """Where a report goes: the chat, the language of its message, the language of its files."""

    platform: str
    chat_id: int
    locale: str
    file_locale: str


def request_payload(chat: Chat, period: Period, scope: Scope) -> dict[str, Any]:
    """A request as the `report.deliver` job keeps it (JSON)."""
    return {
        "platform": chat.platform,
        "chat_id": chat.chat_id,
        "locale": chat.locale,
        "file_locale": chat.file_locale,
        "first": format_stored_date(period.first),
        "last": format_stored_date(period.last),
        "scope": scope.name,
    }


async def directorate_chats(session: AsyncSession, settings: Settings) -> list[Chat]:
    """Every chat linked now to the directorate role (national), each in its own language."""
    links = await staff_store.links_of_role(session, Role.DIRECTORATE, None)
    chats = []
    for link in links:
        locale = await link_locale(session, settings, link)
        chats.append(Chat(link.platform, link.chat_id, locale, locale))
    return chats


def _write(path: Path, content: bytes, written: list[Path]) -> None:
    """Write *content* whole to *path*: never a half-written file under its name."""
    partial = path.with_name(path.name + ".part")
    written.append(partial)
    partial.write_bytes(content)
    os.replace(partial, path)
    written.append(path)


def remove(written: Sequence[Path]) -> None:
    """Take away the files a failed delivery wrote."""
    for path in written:
        path.unlink(missing_ok=True)


def _render(
    settings: Settings, report: Report, locale: str, written: list[Path]
) -> tuple[Path, Path]:
    """The report's PDF and CSV in *locale*, written under the reports' folder."""
    folder = Path(settings.evidence_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    # One name a delivery and a language: a report asked twice is kept twice, as it was counted.
    stem = f"{file_stem(report)}-{locale}-{secrets.token_hex(4)}"
    pdf, csv = folder / f"{stem}.pdf", folder / f"{stem}.csv"
    # The PDF stack (fpdf2, uharfbuzz, fontTools, Pillow: tens of MB) is imported by the first
    # report rendered, not by every `daftar run`.
    from bot.documents.report_pdf import render_report_pdf

    with _RENDERING:  # fpdf2's glyph caches are shared by every document: one at a time
        content = render_report_pdf(report, settings, locale)
    _write(pdf, content, written)
    # With a byte-order mark, so that a spreadsheet opens the Persian text as UTF-8.
    _write(csv, report_csv.report_csv(report, locale).encode("utf-8-sig"), written)
    return pdf, csv


def _headlines(t: Translator, report: Report) -> list[str]:
    lines = []
    for section, key, text in HEADLINES:
        value = report.section(section).value(key)
        if value is not None:
            lines.append(t(text, value=value))
    return lines


def summary_text(t: Translator, report: Report, file_locale: str, *, monthly: bool) -> str:
    """The message that comes with the PDF: what, for when and where, and a few figures."""
    heading = (
        N_("📊 The monthly report: {period}, {scope}")
        if monthly
        else N_("📊 Report: {period}, {scope}")
    )
    lines = [
        t(heading, period=period_text(t, report.period), scope=scope_text(t, report.scope)),
        t(REPORT_CITES),
        "",
        *_headlines(t, report),
        "",
        t(
            N_("The whole report is the PDF, in {language}; the same figures follow as CSV."),
            language=t(LANGUAGE_NAMES[file_locale]),
        ),
    ]
    if monthly:
        lines.append(
            t(
                N_(
                    "It comes on the first day of each Jalali month: the service's setting, not "
                    "a rule of the directive."
                )
            )
        )
    return "\n".join(lines)


async def deliver(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    period: Period,
    scope: Scope,
    chats: Sequence[Chat],
    written: list[Path],
    *,
    monthly: bool = False,
) -> list[int]:
    """Count, render, write and queue the report to *chats*; the outbox rows' ids, in order."""
    report = await build_report(session, settings, period, scope, now)
    files: dict[str, tuple[Path, Path]] = {}
    name = file_stem(report)
    ids: list[int] = []
    for chat in chats:
        if chat.file_locale not in files:
            # Rendering is CPU work (about half a second): off the loop that serves the chats.
            files[chat.file_locale] = await asyncio.to_thread(
                _render, settings, report, chat.file_locale, written
            )
        pdf, csv = files[chat.file_locale]
        t = translator(chat.locale)
        replies = [
            Reply(
                summary_text(t, report, chat.file_locale, monthly=monthly),
                attachment=Attachment("document", path=str(pdf), name=f"{name}.pdf"),
            ),
            Reply(
                t(N_("Its figures as CSV: one row a figure, with the article it reports under.")),
                attachment=Attachment("document", path=str(csv), name=f"{name}.csv"),
            ),
        ]
        ids += await outbox.enqueue(
            session,
            platform=chat.platform,
            chat_id=chat.chat_id,
            kind="notice",
            payloads=[reply.to_payload() for reply in replies],
            update_id=None,
            now=now,
        )
    return ids


async def deliver_requested(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    now: datetime,
    payload: dict[str, Any],
) -> bool:
    """The `report.deliver` job: the report a chat asked for (`request_payload`), delivered in a
    transaction of its own; if that fails, the chat is told so politely and False returned."""
    chat = Chat(
        str(payload["platform"]),
        int(payload["chat_id"]),
        str(payload["locale"]),
        str(payload["file_locale"]),
    )
    period = Period(
        parse_stored_date(str(payload["first"])), parse_stored_date(str(payload["last"]))
    )
    written: list[Path] = []
    try:
        scope = scope_named(str(payload["scope"]), settings)
        async with sessions() as session, session.begin():
            await deliver(session, settings, now, period, scope, [chat], written)
        return True
    except Exception:
        logger.exception(
            "report.deliver: the report of %s to %s for %s:%s failed; the chat is told",
            payload["first"],
            payload["last"],
            chat.platform,
            chat.chat_id,
        )
        remove(written)
    t = translator(chat.locale)
    sorry = t(
        N_(
            "Sorry: the report of {period} could not be prepared, and nothing was sent. Please "
            "ask for it again later from the staff menu."
        ),
        period=period_text(t, period),
    )
    async with sessions() as session, session.begin():
        await outbox.enqueue(
            session,
            platform=chat.platform,
            chat_id=chat.chat_id,
            kind="notice",
            payloads=[Reply(sorry).to_payload()],
            update_id=None,
            now=now,
        )
    return False
