"""The portal's schema upgrades on SQLite and PostgreSQL: a database a province made with an earlier
release is brought to the latest schema at start, its rows kept, and the portal runs on it."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from pipeline.web.db import MIGRATIONS, Database
from pipeline.web.settings import normalised_database_url
from web_support import database_url

FIRST_UPLOAD = {"account_id": 1, "year": 2024, "period_key": "quy-1", "file_hash": "a" * 64, "size": 14493,
                "original_name": "so.xlsx", "received_at": datetime(2024, 4, 2, 3, 0), "state": "xong",
                "problems_json": "[]", "warnings_json": "[]", "agency": "Xã Hải Sơn", "agency_key": "xa hai son",
                "completion": 0.5}


def migrated_to(engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_database_of_the_first_schema_is_upgraded_with_its_uploads_kept(kind, tmp_path):
    url = normalised_database_url(database_url(kind, tmp_path))
    engine = create_engine(url)
    migrated_to(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO accounts (login, name, role, disabled, session_stamp, created_at) "
                                "VALUES ('xa-hai-son', 'Xã Hải Sơn', 'don-vi', :no, 'x', :at)"),
                           {"no": False, "at": datetime(2024, 1, 1)})
        connection.execute(text(f"INSERT INTO uploads ({', '.join(FIRST_UPLOAD)}) "
                                f"VALUES ({', '.join(':' + column for column in FIRST_UPLOAD)})"), FIRST_UPLOAD)
    engine.dispose()

    database = Database(url)  # what `make-report web` does at start
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
            assert connection.execute(text("SELECT count(*) FROM ended_sessions")).scalar() == 0
        from pipeline.web.db import Upload

        with database.session() as s:
            [upload] = s.query(Upload).all()
            # Uploads made before the columns count as reported, as they did; their file hash stands
            # in for what they are made of.
            assert (upload.file_hash, upload.agency, upload.completion, upload.reported, upload.content_digest) == \
                   ("a" * 64, "Xã Hải Sơn", 0.5, True, "")
            s.add(Upload(**{**FIRST_UPLOAD, "period_key": "quy-2", "reported": False}))
        with database.session() as s:
            assert sorted((u.period_key, u.reported) for u in s.query(Upload)) == [("quy-1", True), ("quy-2", False)]
    finally:
        database.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_latest_schema_downgrades_and_upgrades_again(kind, tmp_path):
    url = normalised_database_url(database_url(kind, tmp_path))
    Database(url).dispose()
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
        columns = connection.execute(text("SELECT * FROM uploads")).keys()
        assert "reported" not in columns
        assert "ended_sessions" not in inspect(connection).get_table_names()
    engine.dispose()
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            assert "reported" in connection.execute(text("SELECT * FROM uploads")).keys()
            assert "ended_sessions" in inspect(connection).get_table_names()
    finally:
        database.dispose()
