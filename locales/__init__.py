"""Message catalogs: fa (default) and en, gettext .po files read with Babel."""
