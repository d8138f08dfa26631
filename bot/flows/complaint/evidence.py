"""Filing, part 4: evidence, up to five photos or documents, fetched after the commit and hashed.

```mermaid
flowchart LR
    A[a photo or document] --> R[recorded, unattached; a download job deferred] --> A
    R -- Done --> N[next question]
    K[Skip, with none] --> N
    J([after the commit: the job]) --> F[download] --> H[SHA-256, kept under evidence_dir]
```

Each file is recorded as it arrives (not yet attached to a complaint: there is none yet); filing
links the user's unattached evidence to the new complaint. A draft thrown away (/cancel, a fresh
start, the idle timeout, or files sent again in place of these) takes its evidence with it: the
rows go in the same transaction, the files after the commit (a job), unless equal contents are
kept for other evidence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.flows.framework.collecting_steps import AttachmentsStep
from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Attachment
from bot.flows.registry import JobContext
from bot.text.markers import N_
from storage import complaints as store

FETCH_EVIDENCE = "fetch_evidence"
REMOVE_EVIDENCE_FILES = "remove_evidence_files"


@dataclass(frozen=True, kw_only=True)
class EvidenceStep(AttachmentsStep):
    """Up to five photos or documents; each is fetched after the commit and hashed."""

    async def accept(self, ctx: Context, attachment: Attachment) -> dict[str, Any]:
        evidence = await store.add_evidence(
            ctx.session,
            platform=ctx.platform,
            platform_user_id=ctx.user_id,
            complaint_id=None,
            file_id=attachment.file_id,
            kind=attachment.kind,
            file_name=attachment.file_name,
            mime_type=attachment.mime_type,
            size=attachment.size,
            received_at=ctx.now,
        )
        ctx.defer(FETCH_EVIDENCE, {"evidence_id": evidence.id})
        return {"evidence_id": evidence.id, "kind": attachment.kind, "name": attachment.file_name}

    async def discard(self, ctx: Context, value: Any) -> None:
        gathered = [*(value or []), *self._received(ctx)]
        ids = [int(item["evidence_id"]) for item in gathered if "evidence_id" in item]
        paths = await store.discard_evidence(ctx.session, ctx.platform, ctx.user_id, ids)
        if paths:
            ctx.defer(REMOVE_EVIDENCE_FILES, {"paths": paths})


async def fetch_evidence(job: JobContext, payload: dict[str, Any]) -> None:
    """Download one piece of evidence into the evidence store and record its SHA-256."""
    async with job.sessions() as session:
        evidence = await store.evidence_by_id(session, int(payload["evidence_id"]))
        if evidence is None or evidence.sha256:
            return
        file_id = evidence.file_id
    data = await job.download(file_id)
    limit = job.settings.evidence_max_mb * 1024 * 1024
    async with job.sessions() as session, session.begin():
        evidence = await store.evidence_by_id(session, int(payload["evidence_id"]))
        if evidence is None:
            return
        if len(data) > limit:
            evidence.problem = f"larger than {job.settings.evidence_max_mb} MB; not kept"
            return
        digest = hashlib.sha256(data).hexdigest()
        path = Path(job.settings.evidence_dir) / digest[:2] / digest
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_bytes(data)
        evidence.sha256, evidence.size = digest, len(data)
        evidence.stored_path, evidence.stored_at = str(path), job.now


async def remove_evidence_files(job: JobContext, payload: dict[str, Any]) -> None:
    """Delete the files of discarded evidence that no other evidence names, in the evidence
    store only."""
    paths = [str(path) for path in payload.get("paths", [])]
    async with job.sessions() as session:
        kept = await store.evidence_paths_in_use(session, paths)
    root = Path(job.settings.evidence_dir).resolve()
    for path in paths:
        file = Path(path).resolve()
        if path not in kept and file.is_relative_to(root):
            file.unlink(missing_ok=True)


EVIDENCE = EvidenceStep(
    key="evidence",
    label=N_("Evidence"),
    prompt=N_(
        "If you have photos or documents (a receipt, a photo of the notice board), send up to 5 "
        "now. Otherwise press Skip."
    ),
    maximum=5,
)
