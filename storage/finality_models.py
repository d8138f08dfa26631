"""The tables of a sanction made final (Arts. 23, 24): the disciplinary file and publications.

- `DisciplinaryEntry`: one final sanction entered in the manager's disciplinary file (Art. 23,
  degree 3 names "the file"; every final sanction is entered, so that the file shows the whole
  record): the manager, the decision, the standing degree and months (the Appeals Board's
  replacement if it replaced it), the clauses of Art. 25, the Jalali day it became final. Once
  per decision (a unique decision id).
- `Publication`: a final degree-4 reprimand's publication (Art. 23, degree 4: on the Center's
  website). Its text, in Persian and English, names the office, the manager, the clauses, the
  sanction and the date, never a complainant. `venue` is where this service posts it: a
  configured public chat (`platform:chat`, the service's extra) or `website` (to be published on
  the Center's website, the legal venue, by the Center). Once per decision.
"""

from __future__ import annotations

from datetime import datetime

import jdatetime
from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base
from storage.types import JalaliDate

__all__ = ["DisciplinaryEntry", "Publication"]

_ID = BigInteger().with_variant(Integer, "sqlite")


class DisciplinaryEntry(Base):
    """A final sanction in a manager's disciplinary file (Arts. 23, 24)."""

    __tablename__ = "disciplinary_entries"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    manager_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("managers.id"), index=True)
    office_code: Mapped[str] = mapped_column(String(32), index=True)
    decision_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("decisions.id"), unique=True)
    degree: Mapped[int] = mapped_column(Integer)  # the standing degree of Art. 23
    months: Mapped[int | None] = mapped_column(Integer)  # degree 5 only
    violations: Mapped[list[str]] = mapped_column(JSON)  # clause ids of Art. 25
    final_on: Mapped[jdatetime.date] = mapped_column(JalaliDate())
    entered_at: Mapped[datetime]


class Publication(Base):
    """A final degree-4 reprimand's publication (Art. 23, degree 4), recorded once."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    decision_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("decisions.id"), unique=True)
    office_code: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)  # Persian
    text_en: Mapped[str] = mapped_column(Text)
    venue: Mapped[str] = mapped_column(String(64))  # "telegram:-100…", "bale:123" or "website"
    outbox_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    queued_at: Mapped[datetime | None]
    posted_at: Mapped[datetime | None]  # the channel's post delivered
