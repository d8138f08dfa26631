"""One case as the Primary Board's members read it (`board.case`), and its sitting's state.

The case file: the office, where the case came from, the clauses charged, each complaint (its
clauses, its text, a withdrawal: Art. 26 note 2), the inspection's findings, the office's record
before the Board, the manager's previous final ruling and note 3's floor ("previous final
ruling: degree 2 on DATE → at least degree 3"); then the sitting, its questions and their votes.
The chair's buttons (`bot/flows/staff/board_sitting.py`) come after, for the chair only; the
complaints' files are sent as files (`board.files`).
"""

from __future__ import annotations

from typing import Final

from bot.domain import board, sittings
from bot.domain.board import CaseFacts
from bot.domain.offenders import STAFF_POSTS
from bot.domain.staff import Grant
from bot.domain.staff_actions import SubjectRef
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.staff.desk_view import file_messages
from bot.flows.staff.replies import association_name, ways_on
from bot.notices.board_cases import OPEN_CASE, SOURCES, question_text
from bot.notices.complainants import shown_code
from bot.rules.violations import VIOLATIONS, WITHDRAWAL_MITIGATES
from bot.text.jalali import format_jalali_date, format_jalali_numeric, tehran_date
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import cases, complaints, decisions
from storage import offices as registry
from storage import sittings as sitting_store
from storage import staff as staff_store
from storage.models import Case, Sitting

CASES: Final = "board.cases"
CASE: Final = OPEN_CASE
FILES: Final = "board.files"
OPEN_ASK: Final = "board.open_ask"
OPEN: Final = "board.open"
ABSENT: Final = "board.absent"
PUT: Final = "board.put"
SANCTIONS: Final = "board.sanctions"
TALLY: Final = "board.tally"
VOTE: Final = "board.vote"
RULING: Final = "board.ruling"
DECIDE: Final = "board.decide"
INVITE: Final = "board.invite_statement"
CHARGE: Final = "board.charge"
TEXT_CHARS: Final = 600  # of each complaint's text in the file; the rest is cut, and said so


def case_of(grant: Grant) -> Case:
    """The case a grant acts on."""
    assert grant.subject is not None and isinstance(grant.subject.row, Case)
    return grant.subject.row


def digits(ctx: Context, value: object) -> str:
    """A number in the chat's digits."""
    return localize_digits(str(value), ctx.locale)


def clause_line(ctx: Context, clause: str) -> str:
    """• Article 25, clause N: its name."""
    violation = VIOLATIONS[clause]
    return ctx.t(
        N_("• Article 25, clause {clause}: {text}"),
        clause=digits(ctx, violation.clause),
        text=ctx.t(violation.name),
    )


def floor_line(ctx: Context, facts: CaseFacts) -> str:
    """Art. 26 note 3, as the Board reads it for this case."""
    if not facts.offender.is_manager:
        return ctx.t(
            N_("Article 26, note 3 names the office manager: a staff member charged has no floor.")
        )
    if facts.floor is None:
        return ctx.t(
            N_(
                "No final ruling of degree 1 to 4 against the manager before the violation: "
                "Article 26, note 3 sets no floor."
            )
        )
    return ctx.t(
        N_(
            "Previous final ruling: degree {degree} on {date} → at least degree {minimum} "
            "(Article 26, note 3)."
        ),
        degree=digits(ctx, facts.floor.degree),
        date=format_jalali_date(facts.floor.final_on, ctx.locale),
        minimum=digits(ctx, facts.floor.minimum),
    )


async def _record(ctx: Context, case: Case) -> list[str]:
    """The office's other cases before the Board, and their rulings."""
    lines = [ctx.t(N_("The office's record before the Board:"))]
    others = [c for c in await cases.of_office(ctx.session, case.office_code) if c.id != case.id]
    if not others:
        lines.append(ctx.t(N_("No other case against this office.")))
    for other in others:
        decision = await decisions.of_case(ctx.session, other.id)
        if decision is None:
            lines.append(ctx.t(N_("• Case {number}: open"), number=digits(ctx, other.id)))
            continue
        lines.append(
            ctx.t(
                N_("• Case {number}: degree {degree} (Article 23), {status}"),
                number=digits(ctx, other.id),
                degree=digits(ctx, decision.sanction),
                status=ctx.t(N_("final")) if decision.final_at else ctx.t(N_("not final")),
            )
        )
    return lines


def _earlier(ctx: Context, facts: CaseFacts) -> list[str]:
    """The manager's earlier final rulings of degree 1 to 4 (wherever they managed)."""
    if facts.manager is None or not facts.earlier:
        return []
    lines = [ctx.t(N_("The manager's earlier final rulings:"))]
    for earlier in facts.earlier:
        lines.append(
            ctx.t(
                N_("• Decision {number}: degree {degree}, final on {date}"),
                number=digits(ctx, earlier.decision_id),
                degree=digits(ctx, earlier.degree),
                date=format_jalali_date(earlier.final_on, ctx.locale),
            )
        )
    return lines


async def _statement(ctx: Context, case: Case) -> list[str]:
    """The manager's written statement, if the chair invited it (the Board's practice)."""
    found = await sitting_store.statement_of_case(ctx.session, case.id)
    if found is None:
        return []
    invited = format_jalali_date(tehran_date(found.invited_at, ctx.settings.zone), ctx.locale)
    if found.text is None:
        said = N_("📝 The manager's written statement: invited on {date}, not sent yet.")
        return ["", ctx.t(said, date=invited)]
    return ["", ctx.t(N_("📝 The manager's written statement:")), found.text]


async def sitting_lines(ctx: Context, sitting: Sitting) -> list[str]:
    """The sitting, who sits, its questions and their votes."""
    t = ctx.t
    members = await sitting_store.members_of(ctx.session, sitting.id)
    names = []
    for seat in members:
        member = await staff_store.member(ctx.session, seat.member_id)
        name = member.name if member else "?"
        names.append(t(N_("{name} (chair)"), name=name) if seat.chair else name)
    status = {
        sittings.SITTING: N_("in session, every member present"),
        sittings.ADJOURNED: N_("adjourned: a member was absent (Article 22, note 2)"),
        sittings.RULED: N_("ruled"),
    }[sitting.status]
    lines = [
        "",
        t(
            N_("🏛 Sitting {number}: {status}"),
            number=digits(ctx, sitting.id),
            status=t(status),
        ),
        t(N_("Members: {names}"), names=t.join(names)),
    ]
    for number, question in enumerate(
        await sitting_store.questions_of(ctx.session, sitting.id), start=1
    ):
        asked = question_text(t, question, ctx.locale)
        if question.tallied_at is None:
            voted = len(await sitting_store.votes_on(ctx.session, question.id))
            state = t(
                N_("{voted} of {expected} voted"),
                voted=digits(ctx, voted),
                expected=digits(ctx, len(members)),
            )
        else:
            state = t(
                N_("{outcome}: {yes} for, {no} against"),
                outcome=t(N_("carried")) if question.carried else t(N_("not carried")),
                yes=digits(ctx, question.yes_votes),
                no=digits(ctx, question.no_votes),
            )
        lines.append(f"{digits(ctx, number)}. {asked} ({state})")
    return lines


async def case_text(ctx: Context, case: Case, facts: CaseFacts) -> str:
    """The case file, as every member of the Board reads it."""
    t = ctx.t
    office = await registry.office(ctx.session, case.office_code)
    lines = [
        t(N_("⚖ Case {number}"), number=digits(ctx, case.id)),
        t(
            N_("Office: {office}"),
            office=f"{office.name} ({digits(ctx, office.code)})" if office else case.office_code,
        ),
        t(SOURCES.get(case.source, SOURCES["complaints"])),
        t(
            N_("Opened: {date}"),
            date=format_jalali_date(
                case.opened_at.astimezone(ctx.settings.zone).date(), ctx.locale
            ),
        ),
    ]
    if not facts.offender.is_manager:
        lines.append(
            t(
                N_("Charged: {name}, {post} of the office (Article 25)"),
                name=str(facts.offender.name),
                post=t(STAFF_POSTS[str(facts.offender.post)]),
            )
        )
    elif facts.manager is not None:
        lines.append(
            t(
                N_("Charged: the office's manager on {date}, {name} (Article 25)"),
                date=digits(ctx, format_jalali_numeric(facts.committed_on)),
                name=facts.manager.name,
            )
        )
    lines += ["", t(N_("Clauses charged:"))]
    lines += [clause_line(ctx, clause) for clause in facts.charged]
    for complaint in facts.complaints:
        text = complaint.description
        if len(text) > TEXT_CHARS:
            text = text[:TEXT_CHARS].rstrip() + "…"
        lines += [
            "",
            t(
                N_("📄 Complaint {code}, of {date}"),
                code=shown_code(complaint.tracking_code, ctx.locale),
                date=digits(ctx, format_jalali_numeric(complaint.incident_date)),
            ),
            text,
        ]
        files = len(await complaints.evidence_of(ctx.session, complaint.id))
        if files:
            lines.append(t(N_("Files of evidence: {count}"), count=digits(ctx, files)))
    if facts.withdrawn:
        lines += ["", t(WITHDRAWAL_MITIGATES)]
    if facts.inspection is not None:
        lines += [
            "",
            t(
                N_("🔍 Inspection {number}, findings:"),
                number=digits(ctx, facts.inspection.id),
            ),
        ]
        lines += [clause_line(ctx, c) for c in facts.inspection.findings or () if c in VIOLATIONS]
    lines += await _statement(ctx, case)
    lines += ["", *await _record(ctx, case), *_earlier(ctx, facts), "", floor_line(ctx, facts)]
    sitting = await board.current_sitting(ctx.session, case)
    if sitting is not None:
        lines += await sitting_lines(ctx, sitting)
    return "\n".join(lines)


def case_button(ctx: Context, case: Case, label: str = N_("« The case file")) -> list[Button]:
    """The row that opens the case file (*label* may name the case's number and office)."""
    shown = ctx.t(label, number=digits(ctx, case.id), office=digits(ctx, case.office_code))
    return [Action(shown, CASE, SubjectRef("case", str(case.id)).as_payload())]


async def chair_rows(ctx: Context, case: Case, facts: CaseFacts) -> list[list[Button]]:
    """The chair's next steps on the case (each handled in bot/flows/staff/board_sitting.py)."""
    t = ctx.t
    subject = SubjectRef("case", str(case.id)).as_payload()
    sitting = await board.current_sitting(ctx.session, case)
    invite: list[list[Button]] = []
    if await sitting_store.statement_of_case(ctx.session, case.id) is None:
        label = N_("📝 Invite the manager's written statement")
        invite = [[Action(t(label), INVITE, subject)]]
    if sitting is None or sitting.status != sittings.SITTING:
        return [
            [Action(t(N_("👤 The charge: who, which clauses")), CHARGE, subject)],
            *invite,
            [Action(t(N_("🏛 Open the sitting")), OPEN_ASK, subject)],
        ]
    questions = await sitting_store.questions_of(ctx.session, sitting.id)
    put = {q.clause for q in questions if q.clause is not None}
    rows: list[list[Button]] = [
        [
            Action(
                t(N_("❓ Put clause {clause}"), clause=digits(ctx, VIOLATIONS[c].clause)),
                PUT,
                {**subject, "clause": c},
            )
        ]
        for c in facts.charged
        if c not in put
    ]
    open_questions = [q for q in questions if q.tallied_at is None]
    rows += [
        [
            Action(
                t(N_("🧮 Tally question {number}"), number=digits(ctx, questions.index(q) + 1)),
                TALLY,
                {**subject, "question": q.id},
            )
        ]
        for q in open_questions
    ]
    carried = await sittings.outcome(ctx.session, sitting.id)
    sanction_open = any(q.kind == "sanction" for q in open_questions)
    if carried.found and carried.sanction is None and not sanction_open:
        rows.append([Action(t(N_("⚖ Put a sanction")), SANCTIONS, subject)])
    if carried.found and carried.sanction is not None and not open_questions:
        rows.append([Action(t(N_("✍ Write the ruling")), RULING, subject)])
    return rows


async def show_case(ctx: Context, grant: Grant) -> list[Message]:
    """The case file, and for the chair the sitting's next steps."""
    case = case_of(grant)
    facts = await board.case_facts(ctx.session, ctx.settings, case)
    subject = SubjectRef("case", str(case.id)).as_payload()
    buttons: list[list[Button]] = []
    files = [await complaints.evidence_of(ctx.session, c.id) for c in facts.complaints]
    if any(files):
        buttons.append([Action(ctx.t(N_("📎 The complaints' files")), FILES, subject)])
    if grant.role is not None and grant.role.chair and case.status == "open":
        buttons += await chair_rows(ctx, case, facts)
    buttons += ways_on(ctx, member=True)
    return [Message(await case_text(ctx, case, facts), buttons=buttons)]


async def show_cases(ctx: Context, grant: Grant) -> list[Message]:
    """The open cases before the Association's Board, oldest first (Art. 22)."""
    assert grant.subject is not None
    key = grant.subject.id
    found = [
        case
        for case in await cases.listing(ctx.session)
        if case.status == "open"
        and await board.association_of_case(ctx.session, ctx.settings, case) == key
    ]
    lines = [
        ctx.t(
            N_("⚖ Open cases before the Primary Board of {association}: {count}"),
            association=association_name(key, ctx),
            count=digits(ctx, len(found)),
        )
    ]
    buttons: list[list[Button]] = [
        case_button(ctx, case, N_("⚖ Case {number}: office {office}")) for case in found
    ]
    return [Message("\n".join(lines), buttons=buttons + ways_on(ctx, member=True))]


async def send_files(ctx: Context, grant: Grant) -> list[Message]:
    """The case's complaints' files, as files, then the way back to the case."""
    case = case_of(grant)
    messages: list[Message] = []
    back = [case_button(ctx, case), *ways_on(ctx, member=True)]
    for complaint in await cases.complaints_of(ctx.session, case):
        pieces = await complaints.evidence_of(ctx.session, complaint.id)
        if pieces:
            messages += file_messages(ctx, complaint, pieces, [])
    if not messages:
        return [Message(ctx.t(N_("The case's complaints have no files.")), buttons=back)]
    messages[-1].buttons = back
    return messages
