"""Where the checkout is, and the workspace's shared folder beside it, for tests that read it.

The shared folder (the directive's texts, the bundled data's originals, the Bot API documents)
is ``../shared`` beside the checkout: ``/work/shared`` beside ``/work/main`` here, and in CI a
read-only copy beside the clean clone. Nothing of it is copied into the repository (the Telegram
spec is a third party's). Where it is found:

- ``DAFTAR_SHARED_DIR``, when set, names the folder (a test points it at an empty directory to
  show what a checkout without the folder does);
- else ``shared/`` beside the checkout (a checkout elsewhere, such as a git worktree, names
  the folder with the variable).

A test that needs a shared file asks `shared_file` for it. Where the file is missing the test
skips, the reason naming the path, except in CI (``CI`` set to ``true``, ``1`` or ``yes``), where
it fails with that reason: CI has the folder, so a missing file there is a defect, not a
checkout without it (as a missing PostgreSQL is in tests/conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

#: The checkout's root (the folder holding bot/, storage/ and tests/).
CHECKOUT = Path(__file__).resolve().parents[1]
#: The variable that names the shared folder instead of looking for it.
SHARED_DIR_VARIABLE = "DAFTAR_SHARED_DIR"


def in_ci() -> bool:
    """Whether this run is CI's (read when asked, so a test can set or clear CI)."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def shared_dir() -> Path:
    """The shared folder as this run finds it (it may be absent)."""
    named = os.environ.get(SHARED_DIR_VARIABLE)
    if named:
        return Path(named)
    return CHECKOUT.parent / "shared"


def unavailable(reason: str) -> NoReturn:
    """Skip the calling test with *reason* printed; in CI, fail it with that reason."""
    if in_ci():
        pytest.fail(f"{reason} (CI has the shared folder, so this fails there)", pytrace=False)
    pytest.skip(reason)


def shared_file(*parts: str) -> Path:
    """The shared file at *parts* under the shared folder; skips (in CI fails) where it is
    missing."""
    path = shared_dir().joinpath(*parts)
    if not path.is_file():
        unavailable(
            f"the shared file {path} is missing (the shared folder is looked for beside the "
            f"checkout, or named by {SHARED_DIR_VARIABLE})"
        )
    return path
