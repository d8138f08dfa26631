"""The staff in chat: linking a chat with a code, the staff menu, and guarded staff actions.

```mermaid
flowchart TD
    S([/staff, or /start staff-CODE]) -- not linked --> C[staff code] -- linked --> M
    C -- unknown, used, expired --> C
    Main[main menu of a member's chat] -- 🛡 Staff menu --> M[staff menu: my roles]
    M -- 📥 Waiting complaints: an Association --> W[waiting complaints]
    W -- 📄 one complaint --> V[the complaint, read-only]
    M -- ✍ Ask a complainant --> A[tracking code, question: ask.py]
    M -- 👤 My roles and chats --> R[roles, linked chats] -- 🔌 Unlink --> U[asked once]
    U -- ✔ Yes --> X[unlinked]
```

Modules: `linking` (the code, /staff, the deep link), `home` (the staff menu, my roles,
unlinking), `desk` (the sample guarded action: the complaints waiting for an Association's
review, read-only), `ask` (the desk asks a complainant a question), `guard` (the one way a
staff button acts: authorised from the store on every press, audited; and the presses the engine
refused), `replies` (the refusals' polite lines).

**A new staff action** (the desk's triage, an inspection, a ruling): its row in
`bot/domain/staff_actions.py` `ACTIONS`, a `show(ctx, grant)` that does it, and
`registry.add_action(NAME, guarded(NAME, show))` below; the buttons that lead to it are
`Action(label, NAME, SubjectRef(kind, id).as_payload())`. Its refusals and its audit come with
`guarded`.
"""

from __future__ import annotations

from bot.flows.registry import Registry
from bot.flows.staff import ask, desk, home, linking
from bot.flows.staff.guard import guarded, is_staff_chat, refused_press
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
    registry.add_action(home.WAITING, guarded(home.WAITING, desk.show_waiting))
    registry.add_action(desk.COMPLAINT, guarded(desk.COMPLAINT, desk.show_complaint))
    registry.add_flow(ask.AskByCode())
    registry.add_flow(ask.AskAbout())
    registry.add_action(ask.ASK_START, guarded(ask.ASK_START, ask.show_ask))
    registry.add_refused_press(refused_press)
