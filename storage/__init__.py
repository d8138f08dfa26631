"""Daftar's store: models, one module of queries per aggregate, Alembic migrations."""
