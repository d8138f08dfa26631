"""The store's lookups by id that the flows use: a complaint, a piece of evidence, a manager."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import complaints, managers
from tests.store.test_discipline import IMPORTED, add_complaint, add_office


async def test_a_complaint_its_evidence_and_a_manager_by_id(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        complaint = await add_complaint(session, IMPORTED)
        evidence = await complaints.add_evidence(
            session,
            platform="telegram",
            platform_user_id=complaint.platform_user_id,
            complaint_id=None,
            file_id="file-1",
            kind="photo",
            file_name=None,
            mime_type="image/jpeg",
            size=10,
            received_at=IMPORTED,
        )
        ids = complaint.id, evidence.id, manager.id
    async with sessions() as session:
        found = await complaints.by_id(session, ids[0])
        assert found is not None and found.tracking_code == complaint.tracking_code
        piece = await complaints.evidence_by_id(session, ids[1])
        assert piece is not None and piece.file_id == "file-1"
        who = await managers.by_id(session, ids[2])
        assert who is not None and who.office_code == manager.office_code
        assert await complaints.by_id(session, 10**9) is None
        assert await complaints.evidence_by_id(session, 10**9) is None
        assert await managers.by_id(session, 10**9) is None
