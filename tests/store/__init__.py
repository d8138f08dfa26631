"""The store and the domain on a real database (SQLite, and PostgreSQL where configured)."""
