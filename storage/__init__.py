"""Daftar's store: models, queries, Alembic migrations."""
