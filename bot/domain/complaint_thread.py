"""The thread between the Association's desk and a complainant (Art. 15(e): the Association
reviews and pursues the complaints it receives).

```mermaid
sequenceDiagram
    participant D as desk member (guarded "desk.ask")
    participant S as the store
    participant C as the complainant's chat
    D->>S: ask: a question row, an outbox notice with an "Answer" button
    S-->>C: the question, under the Association's name
    C->>S: answer: text and/or files, kept on the question and added to the complaint
    S-->>D: an outbox notice to the asking member's linked chats, with "Send the files"
```

Neither side ever sees the other's chat id, phone or account: the complainant reads "the
Association's complaints desk", the member reads "the complainant of complaint N"; the outbox
rows go to each side's own chat, found from the store. The office is never told of the thread
(nothing here writes to a manager). Asking is authorised by the caller (`desk.ask`, audited);
answering is the complainant's own, through a button only their chat may press.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.staff import Grant
from bot.messages.replies import InlineButton, Reply
from bot.notices.complainants import CLOSED, button, shown_code, tell
from bot.text.i18n import Translator, translator
from bot.text.markers import N_, NP_
from storage import complaints, identities, outbox, threads
from storage import staff as staff_store
from storage.models import Complaint, StaffLink
from storage.statuses import Role, StaffStatus
from storage.thread_models import ComplaintQuestion

#: The action of the complainant's "Answer" button: `{"question_id": …}`.
ANSWER: Final = "thread.answer"
#: The staff menu's action, for the way on under a notice to a member's chat.
STAFF_MENU: Final = "staff.menu"
#: The action of the asker's "Send the files" button (a guarded staff action, `desk.answer_files`):
#: `{"kind": "complaint", "id": …, "question_id": …}`.
ANSWER_FILES: Final = "desk.answer_files"
#: How long a question, or an answer, may be (a bound of this service, not of the law).
QUESTION_CHARS: Final = 1000
ANSWER_CHARS: Final = 3000


@dataclass(frozen=True)
class Asked:
    """A question asked: its row and the outbox row that carries it to the complainant."""

    question: ComplaintQuestion
    notice_id: int


def may_answer(complaint: Complaint, question: ComplaintQuestion) -> bool:
    """Whether the complainant may still answer: unanswered, and the complaint not closed."""
    return question.answered_at is None and complaint.status not in CLOSED


async def ask(
    session: AsyncSession, grant: Grant, complaint: Complaint, question: str, now: datetime
) -> Asked:
    """Record the granted member's *question* and send it to the complainant's chat."""
    asked = await threads.add_question(session, complaint.id, grant.member.id, question, now)
    t = translator(complaint.locale)
    text = "\n".join(
        [
            t(
                N_("💬 The Association's complaints desk asks about your complaint {code}:"),
                code=shown_code(complaint.tracking_code, complaint.locale),
            ),
            "",
            question,
            "",
            t(
                N_(
                    "Press “Answer” to reply here with a text, photos or documents. Your answer "
                    "is kept with your complaint; the office is not told of it."
                )
            ),
        ]
    )
    reply = await button(
        session,
        (complaint.platform, complaint.chat_id),
        t(N_("✍ Answer")),
        ANSWER,
        {"question_id": asked.id},
        now,
    )
    notice_id = await tell(session, complaint, text, now, inline=((reply,),))
    return Asked(asked, notice_id)


async def answer(
    session: AsyncSession,
    settings: Settings,
    complaint: Complaint,
    question: ComplaintQuestion,
    text: str | None,
    evidence_ids: Sequence[int],
    now: datetime,
) -> list[int]:
    """Keep the complainant's answer on the question and with the complaint (an addition, with
    its files), and tell the member who asked; return the outbox rows queued to them."""
    await threads.record_answer(session, question, text, evidence_ids, now)
    await complaints.add_addition(session, complaint.id, text, list(evidence_ids), now)
    return await _tell_asker(session, settings, complaint, question, now)


async def _asker_links(
    session: AsyncSession, complaint: Complaint, question: ComplaintQuestion
) -> list[StaffLink]:
    """The asking member's chats now; if they left, the Association's desk instead."""
    member = await staff_store.member(session, question.member_id)
    if member is not None and member.status == StaffStatus.ACTIVE:
        links = await staff_store.links_of(session, [member.id])
        if links:
            return links
    return await threads.staff_links_for(session, [Role.DESK], complaint.association_province)


#: A notice's text in a chat's language: given its translator and locale.
Render = Callable[[Translator, str], str]
#: A notice's action buttons in a chat's language, one a row: (label, action, payload).
RenderActions = Callable[[Translator], Sequence[tuple[str, str, dict[str, Any]]]]


async def staff_notice(
    session: AsyncSession,
    settings: Settings,
    link: StaffLink,
    render: Render,
    now: datetime,
    *,
    actions: RenderActions | None = None,
) -> int:
    """Queue a notice to a staff member's chat, in its language, with its *actions* (each a
    guarded staff action, authorised when pressed) and the staff menu under it."""
    identity = await identities.find(session, link.platform, link.platform_user_id)
    locale = (identity.locale if identity else None) or settings.default_locale
    t = translator(locale)
    chat = (link.platform, link.chat_id)
    rows: list[tuple[InlineButton, ...]] = [
        (await button(session, chat, label, action, value, now),)
        for label, action, value in (actions(t) if actions is not None else ())
    ]
    rows.append((await button(session, chat, t(N_("🛡 Staff menu")), STAFF_MENU, {}, now),))
    [row] = await outbox.enqueue(
        session,
        platform=link.platform,
        chat_id=link.chat_id,
        kind="notice",
        payloads=[Reply(render(t, locale), inline=tuple(rows)).to_payload()],
        update_id=None,
        now=now,
    )
    return row


async def _tell_asker(
    session: AsyncSession,
    settings: Settings,
    complaint: Complaint,
    question: ComplaintQuestion,
    now: datetime,
) -> list[int]:
    def render(t: Translator, locale: str) -> str:
        lines = [
            t(
                N_("💬 The complainant of complaint {code} answered your question."),
                code=shown_code(complaint.tracking_code, locale),
            ),
            t(N_("Your question: {question}"), question=question.question),
            t(N_("Their answer: {answer}"), answer=question.answer or "—"),
        ]
        files = len(question.evidence_ids)
        if files:
            lines.append(
                t(
                    NP_(
                        "They sent {count} file; it is kept with the complaint.",
                        "They sent {count} files; they are kept with the complaint.",
                    ),
                    count=files,
                )
            )
        return "\n".join(lines)

    def actions(t: Translator) -> list[tuple[str, str, dict[str, Any]]]:
        files = len(question.evidence_ids)
        if not files:
            return []
        label = t(N_("📎 Send the files ({count})"), count=files)
        value = {"kind": "complaint", "id": str(complaint.id), "question_id": question.id}
        return [(label, ANSWER_FILES, value)]

    return [
        await staff_notice(session, settings, link, render, now, actions=actions)
        for link in await _asker_links(session, complaint, question)
    ]
