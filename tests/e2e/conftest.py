"""Every end-to-end test talks to the fake Bot API, which needs the shared Bot API documents."""

from __future__ import annotations

import pytest

from tests.fakebotapi import require_specs


@pytest.fixture(autouse=True)
def _bot_api_spec() -> None:
    """Skip, saying why, where the documents are absent; in CI fail (CI has them)."""
    require_specs()
