"""The staff in chat: linking a chat with a code, the staff menu, and guarded staff actions.

```mermaid
flowchart TD
    S([/staff, or /start staff-CODE]) -- not linked --> C[staff code] -- linked --> M
    C -- unknown, used, expired --> C
    Main[main menu of a member's chat] -- 🛡 Staff menu --> M[staff menu: my roles]
    M -- 📥 Waiting complaints: an Association --> W[waiting complaints]
    W -- 📄 one complaint --> V[the complaint] -- take, refer, close with reasons, repeat --> W
    F([/desk CODE]) -- 📄 one no longer waiting --> Rec[its record and rating, read only]
    N([a new complaint's desk message]) -- 📄 Open --> V
    M -- ✍ Ask a complainant --> A[tracking code, question: ask.py]
    M -- ⚖ Decisions open to appeal: the Center's head --> D[grounds, confirm: center_appeals.py]
    M -- 🔍 Inspections: an Association --> I[upcoming, to record, recorded: inspect_lists.py]
    I -- 🗓 schedule · 🚪 unannounced visit --> IF[inspect_forms.py] --> IC[checklist, report]
    M -- 👤 My roles and chats --> R[roles, linked chats] -- 🔌 Unlink --> U[asked once]
    B([a new case's Board message]) -- 📂 Open --> K[the case file: board_view]
    K -- the chair: open, put, tally, write the ruling; members vote --> K
    M -- ⚖ Appeals before the Appeals Board --> AP[an appeal's file: appeals_view]
    AP -- who presides: open, put a ruling, tally, write it; members vote --> AP
    M -- 📊 Reports: the Directorate --> RP[period, scope, language: reports.py] --> RJ[PDF, CSV]
    U -- ✔ Yes --> X[unlinked]
```

Modules: `linking` (the code, /staff, the deep link), `home` (the staff menu, my roles,
unlinking), the desk: `desk_lists` (waiting, mine, overdue, paged; `/desk CODE` searches),
`desk_view` (one complaint, everything the citizen gave, its rating; `VIEW_ACTIONS` for other
modules' buttons; files sent as files), `desk_actions` (take, give, refer to the Board, propose
an inspection, close with the reasons typed, repeat), `ask` (the desk asks a complainant a
question; the answer's files sent to the asker), `center_appeals` (the Center's head appeals a 5
or 6, Art. 24), `guard` (the one way a staff button acts:
authorised from the store on every press, audited; and the presses the engine refused),
`replies` (the refusals' polite lines); the inspectors': `inspect_lists` (an Association's
inspections, one inspection), `inspect_forms` (scheduling one; recording an unannounced visit),
`inspect_checklist` (the on-site checklist, the reasoned report's confirm); the Primary Board:
`board_view` (the case file every member reads, the sitting's state, the chair's next steps),
`board_charge` (who is charged and with what) and `board_sitting` (the chair opens the sitting
with every member present, puts the questions, tallies, writes the ruling; each member votes in
their own chat); the Appeals Board (Art. 24): `appeals_view` (the appeals waiting, an
appeal's file, the presiding member's next steps) and `appeals_sitting` (the sitting, the
rulings put, the votes, the ruling recorded through `rule_appeal`); `sitting_steps` (what both
boards' chats do alike: a vote, a tally, a refusal); the Directorate's `reports` (a report asked
for: its period, scope and files' language; delivered after the commit by a job).

**A new staff action** (the desk's triage, an inspection, a ruling): its row in
`bot/domain/staff_actions.py` `ACTIONS`, a `show(ctx, grant)` that does it, and
`registry.add_action(NAME, guarded(NAME, show))` below; the buttons that lead to it are
`Action(label, NAME, SubjectRef(kind, id).as_payload())`. Its refusals and its audit come with
`guarded`.
"""

from __future__ import annotations

from bot.flows.registry import Registry
from bot.flows.staff import (
    appeals_sitting,
    appeals_view,
    ask,
    board_charge,
    board_sitting,
    board_view,
    center_appeals,
    desk_actions,
    desk_lists,
    desk_view,
    home,
    inspect_checklist,
    inspect_forms,
    inspect_lists,
    linking,
    reports,
)
from bot.flows.staff.guard import guarded, guarded_with, is_staff_chat, refused_press
from bot.flows.staff.replies import STAFF_MENU
from bot.text.markers import N_


def register(registry: Registry) -> None:
    """Add linking, the staff menu (for members' chats) and the staff's actions to *registry*."""
    registry.add_flow(linking.LinkStaff())
    registry.add_command("staff", linking.staff_command)
    registry.add_deep_link(linking.deep_link)
    registry.add_action(linking.LINK, linking.ask_code)
    registry.add_menu_action(N_("🛡 Staff menu"), STAFF_MENU, shown=is_staff_chat)
    registry.add_action(STAFF_MENU, guarded(STAFF_MENU, home.show_menu))
    registry.add_action(home.ROLES, guarded(home.ROLES, home.show_roles))
    registry.add_action(home.UNLINK_ASK, guarded(home.UNLINK_ASK, home.ask_unlink))
    registry.add_action(home.UNLINK, guarded(home.UNLINK, home.unlink))
    registry.add_action(home.WAITING, guarded_with(home.WAITING, desk_lists.show_waiting))
    registry.add_action(desk_lists.MINE, guarded_with(desk_lists.MINE, desk_lists.show_mine))
    registry.add_action(
        desk_lists.OVERDUE, guarded_with(desk_lists.OVERDUE, desk_lists.show_overdue)
    )
    registry.add_command("desk", desk_lists.search_command)
    registry.add_action(desk_view.COMPLAINT, guarded(desk_view.COMPLAINT, desk_view.show_complaint))
    registry.add_action(desk_lists.RECORD, guarded(desk_lists.RECORD, desk_view.show_complaint))
    for name, show in (
        (desk_view.EVIDENCE, desk_view.send_evidence),
        (desk_view.TAKE, desk_actions.take),
        (desk_view.ASSIGN_ASK, desk_actions.ask_assign),
        (desk_view.REFER, desk_actions.refer),
        (desk_view.INSPECT, desk_actions.propose_inspection),
        (desk_view.CLOSE_ASK, desk_actions.ask_close),
        (desk_view.DUPLICATE_ASK, desk_actions.ask_duplicate),
    ):
        registry.add_action(name, guarded(name, show))
    for name, show_with in (
        (desk_actions.ASSIGN, desk_actions.assign),
        (desk_actions.CLOSE_REASONS, desk_actions.ask_reasons),
        (desk_actions.CLOSE, desk_actions.close),
        (desk_actions.DUPLICATE, desk_actions.duplicate),
    ):
        registry.add_action(name, guarded_with(name, show_with))
    registry.add_flow(desk_actions.CloseReasons())
    registry.add_flow(ask.AskByCode())
    registry.add_flow(ask.AskAbout())
    registry.add_flow(center_appeals.CenterHeadGrounds())
    for name, show in (
        (center_appeals.DECISIONS, center_appeals.show_decisions),
        (center_appeals.APPEAL_ASK, center_appeals.ask_grounds),
    ):
        registry.add_action(name, guarded(name, show))
    registry.add_action(
        center_appeals.APPEAL, guarded_with(center_appeals.APPEAL, center_appeals.file)
    )
    registry.add_action(ask.ASK_START, guarded(ask.ASK_START, ask.show_ask))
    registry.add_action(ask.ASK, guarded(ask.ASK, ask.ask_from_view))
    registry.add_action(ask.ANSWER_FILES, guarded_with(ask.ANSWER_FILES, ask.send_answer_files))
    desk_view.add_view_action(ask.ask_button)
    # The inspectors' (Arts. 15(b), 21): lists, the two forms, the checklist and its report.
    for name, show in (
        (inspect_lists.LIST, inspect_lists.show_list),
        (inspect_lists.VIEW, inspect_lists.show_inspection),
        (inspect_lists.VISIT_START, inspect_forms.show_visit),
        (inspect_lists.CHECKLIST, inspect_checklist.show_checklist),
        (inspect_lists.SEND, inspect_lists.send_report),
    ):
        registry.add_action(name, guarded(name, show))
    for name, show_with in (
        (inspect_lists.SCHEDULE_START, inspect_forms.show_schedule),
        (inspect_checklist.RECORD, inspect_checklist.record),
    ):
        registry.add_action(name, guarded_with(name, show_with))
    registry.add_flow(inspect_forms.ScheduleInspection())
    registry.add_flow(inspect_forms.RecordVisit())
    registry.add_flow(inspect_checklist.InspectionChecklist())
    # The Primary Board (Art. 22): the case file, the sitting, the votes, the ruling.
    for name, show in (
        (board_view.CASES, board_view.show_cases),
        (board_view.CASE, board_view.show_case),
        (board_view.FILES, board_view.send_files),
        (board_view.INVITE, board_sitting.invite_statement),
        (board_view.CHARGE, board_charge.ask_charge),
        (board_view.OPEN_ASK, board_sitting.ask_open),
        (board_view.OPEN, board_sitting.open_sitting),
        (board_view.ABSENT, board_sitting.absent),
        (board_view.SANCTIONS, board_sitting.choose_sanction),
        (board_view.RULING, board_sitting.ask_ruling),
    ):
        registry.add_action(name, guarded(name, show))
    for name, show_with in (
        (board_view.PUT, board_sitting.put),
        (board_view.VOTE, board_sitting.vote),
        (board_view.TALLY, board_sitting.tally),
        (board_view.DECIDE, board_sitting.decide),
    ):
        registry.add_action(name, guarded_with(name, show_with))
    registry.add_flow(board_sitting.RulingText())
    registry.add_flow(board_charge.Charge())
    # The Appeals Board (Art. 24): the appeals, the file, the sitting, the votes, the ruling.
    for name, show in (
        (appeals_view.LIST, appeals_view.show_list),
        (appeals_view.VIEW, appeals_view.show_appeal),
        (appeals_view.OPEN_ASK, appeals_sitting.ask_open),
        (appeals_view.OPEN, appeals_sitting.open_sitting),
        (appeals_view.ABSENT, appeals_sitting.absent),
        (appeals_view.RULINGS, appeals_sitting.choose_ruling),
        (appeals_view.RULING, appeals_sitting.ask_ruling),
    ):
        registry.add_action(name, guarded(name, show))
    for name, show_with in (
        (appeals_view.PUT, appeals_sitting.put),
        (appeals_view.VOTE, appeals_sitting.vote),
        (appeals_view.TALLY, appeals_sitting.tally),
        (appeals_view.RULE, appeals_sitting.rule),
    ):
        registry.add_action(name, guarded_with(name, show_with))
    registry.add_flow(appeals_sitting.AppealRulingText())
    # The Directorate's reports (Arts. 9(d), 15): the request, and its delivery after the commit.
    registry.add_flow(reports.ReportRequest())
    registry.add_action(reports.START, guarded(reports.START, reports.show_start))
    registry.add_job(reports.DELIVER, reports.deliver_job)
    registry.add_refused_press(refused_press)
