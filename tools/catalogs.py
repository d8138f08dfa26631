"""Refresh the message catalogs from the source: `python tools/catalogs.py` (or `make catalogs`).

Extracts every _()/N_() message id from bot/ and storage/, adds new ids to locales/fa and
locales/en (English ids are their own English text), drops ids no longer used, and lists the ids
that still lack a Persian translation. Entries in locales/incoming/*.po are merged in first.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"N_": None, "_": None}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def source_ids() -> list[str]:
    """Every message id the code uses, in first-seen order."""
    seen: dict[str, None] = {}
    for folder in ("bot", "storage"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, str):
                seen.setdefault(message, None)
    return list(seen)


def load(path: Path, locale: str) -> Catalog:
    """A catalog file, or an empty catalog where there is none."""
    if not path.exists():
        return Catalog(locale=locale)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def refresh(locale: str, ids: list[str]) -> list[str]:
    """Bring one locale's catalog in line with *ids*; return the ids without a translation."""
    path = ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po"
    old = load(path, locale)
    known = {m.id: m.string for m in old if m.id}
    suffix = "" if locale == "fa" else f".{locale}"
    for incoming in sorted((ROOT / "locales" / "incoming").glob(f"*{suffix}.po")):
        if locale == "fa" and incoming.name.count(".") > 1:
            continue
        for message in load(incoming, locale):
            if message.id and message.string and not known.get(message.id):
                known[message.id] = message.string
    new = Catalog(
        locale=locale,
        project="Daftar",
        version="1",
        charset="utf-8",
        # Fixed dates keep a refresh that changes nothing from changing the files.
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        header_comment=f"# Daftar's {locale} messages. Refresh with `make catalogs`.",
    )
    missing = []
    for message_id in ids:
        text = known.get(message_id) or (message_id if locale == "en" else "")
        if not text:
            missing.append(message_id)
        new.add(message_id, text)
    with path.open("wb") as handle:
        write_po(handle, new, width=100, omit_header=False, sort_output=False)
    return missing


def main() -> int:
    """Refresh both catalogs; exit 1 when a Persian translation is missing."""
    ids = source_ids()
    missing = refresh("fa", ids)
    refresh("en", ids)
    for message_id in missing:
        print(f"fa: no translation for {message_id!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
