"""Who a ruling sanctions: the office's manager, or a named member of the office's staff.

Art. 25 lists the violations "of office managers and staff" (مدیر و کارکنان دفاتر); the staff's
posts are the directive's own: legal expert (کارشناس حقوقی), IT expert (کارشناس فناوری
اطلاعات), clerk (کارمند دفتری). Art. 26 note 3's floor names the office manager only, so a staff
member charged has none (`bot.domain.repeat_offence`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from bot.domain.refusals import DisciplineError, short_text
from bot.text.markers import N_

MANAGER, STAFF = "manager", "staff"

#: The office staff's posts, with their names for people (the glossary's).
STAFF_POSTS: Final[Mapping[str, str]] = {
    "legal_expert": N_("legal expert"),
    "it_expert": N_("IT expert"),
    "clerk": N_("clerk"),
}


@dataclass(frozen=True)
class Offender:
    """The person charged: the manager (`kind` "manager"), or a staff member by name and post."""

    kind: str = MANAGER
    name: str | None = None
    post: str | None = None

    @property
    def is_manager(self) -> bool:
        """Whether the office's manager is charged (Art. 26 note 3 then applies)."""
        return self.kind == MANAGER


#: The office's manager, charged (the default of a ruling).
MANAGER_CHARGED: Final = Offender()


def checked_offender(offender: Offender) -> Offender:
    """The offender, refused unless the manager, or a staff member with a name and a post."""
    if offender.kind == MANAGER:
        if offender.name is not None or offender.post is not None:
            raise DisciplineError("offender", "the manager is charged by the office's record")
        return offender
    if offender.kind != STAFF:
        raise DisciplineError("offender", "the manager or a member of the office's staff")
    name = short_text(offender.name, "offender_name", 200)
    if name is None:
        raise DisciplineError("offender_name", "name the staff member charged (Article 25)")
    if offender.post not in STAFF_POSTS:
        raise DisciplineError(
            "offender_post", f"one of {', '.join(STAFF_POSTS)} (the office's staff)"
        )
    return Offender(STAFF, name, offender.post)
