"""Fixtures: every API test runs against SQLite (a temporary file) and PostgreSQL.

The apps under test are seeded with the small invented catalogue of ``fixtures/catalogue.yaml``
(:data:`TEST_CATALOGUE`), not with the hub's real one, ``catalogue_api/data/catalogue.yaml``;
its ``source`` fields name the invented files of ``fixtures/sources.yaml`` (:data:`TEST_SOURCES`).

PostgreSQL: ``CATALOGUE_TEST_POSTGRES_URL`` or ``postgresql+psycopg://postgres@127.0.0.1:5432/test``.
The tests work in a fresh schema that is dropped at the end. If the server is unreachable the
PostgreSQL tests are skipped, except with ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, delete, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from catalogue_api.app import create_app
from catalogue_api.catalogue_writes import replace_projects
from catalogue_api.db import make_engine
from catalogue_api.models import Lead, LeadHistory, LeadProject, LeadService
from catalogue_api.seed import parse_seed_document
from catalogue_api.settings import Settings, normalise_database_url
from catalogue_api.sources import parse_sources

API_KEY = "test-staff-key"
STAFF = {"X-API-Key": API_KEY}
#: The lead-intake key of the apps under test; their clients send it with every request.
INTAKE_KEY = "test-intake-key"
INTAKE = {"X-Lead-Intake-Key": INTAKE_KEY}
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

#: The catalogue deployable's folder (``catalogue/``).
CATALOGUE_DIR = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_CATALOGUE_FILE = FIXTURES / "catalogue.yaml"
TEST_SOURCES_FILE = FIXTURES / "sources.yaml"
#: The invented seed files the test catalogue's ``source`` fields name.
TEST_SOURCES = parse_sources(TEST_SOURCES_FILE.read_text("utf-8"), TEST_SOURCES_FILE.name)
#: The invented catalogue the endpoint tests run on.
TEST_CATALOGUE = parse_seed_document(
    TEST_CATALOGUE_FILE.read_text("utf-8"), TEST_CATALOGUE_FILE.name, TEST_SOURCES
)
TEST_PROJECT_IDS = [project.id for project in TEST_CATALOGUE.projects]


@dataclass
class Backend:
    """A database the tests run against."""

    name: str
    url: str
    app: FastAPI
    client: TestClient

    @property
    def factory(self) -> sessionmaker[Session]:
        """Session factory of the app under test."""
        factory: sessionmaker[Session] = self.app.state.session_factory
        return factory


def _postgres_unavailable(reason: str) -> None:
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"PostgreSQL is required when CI=true: {reason}")
    pytest.skip(f"PostgreSQL not reachable, its tests are skipped: {reason}")


def _schema_url(base: str, schema: str) -> str:
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}"


def _create_schema(base: str) -> tuple[Engine, str]:
    """Connect as admin and create a fresh schema; skip (or fail under CI) if unreachable."""
    schema = f"catalogue_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(base, connect_args={"connect_timeout": 3})
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        _postgres_unavailable(f"{make_url(base).render_as_string()}: {type(exc).__name__}: {exc}")
    return admin, schema


def _drop_schema(admin: Engine, schema: str) -> None:
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def _postgres_base_url() -> str:
    return normalise_database_url(
        os.environ.get("CATALOGUE_TEST_POSTGRES_URL", "").strip() or DEFAULT_POSTGRES_URL
    )


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Create a fresh schema in the test database; yield a URL whose search_path is that schema."""
    base = _postgres_base_url()
    admin, schema = _create_schema(base)
    try:
        yield _schema_url(base, schema)
    finally:
        _drop_schema(admin, schema)
        admin.dispose()


def _database_url(name: str, request: pytest.FixtureRequest, tmp: Path) -> str:
    if name == "sqlite":
        return f"sqlite:///{tmp / 'catalogue.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    """The app on one database, seeded with the test catalogue, started once per test session."""
    name = request.param
    url = _database_url(name, request, tmp_path_factory.mktemp(name))
    app = create_app(
        Settings(database_url=url, api_key=API_KEY, lead_intake_key=INTAKE_KEY),
        seed=TEST_CATALOGUE,
        sources=TEST_SOURCES,
    )
    with TestClient(app, raise_server_exceptions=True, headers=INTAKE) as client:
        yield Backend(name=name, url=url, app=app, client=client)


def delete_leads(backend: Backend) -> None:
    """Delete every lead."""
    with backend.factory() as session, session.begin():
        for model in (LeadHistory, LeadProject, LeadService, Lead):
            session.execute(delete(model))


def count_leads(db: Backend) -> int:
    """How many leads are stored."""
    with db.factory() as session:
        return session.scalar(select(func.count()).select_from(Lead)) or 0


@pytest.fixture
def db(backend: Backend) -> Backend:
    """The backend without leads (tests that change the catalogue use ``restore_catalogue``)."""
    delete_leads(backend)
    return backend


@pytest.fixture
def restore_catalogue(db: Backend) -> Iterator[Backend]:
    """For tests that replace the project catalogue: put the test projects back afterwards."""
    yield db
    replace_projects(db.factory, TEST_CATALOGUE.projects)


@pytest.fixture
def restore_catalogue_if_db(request: pytest.FixtureRequest) -> None:
    """``restore_catalogue`` for a test that uses ``db``, in modules that name it for all tests.

    For modules whose tests replace the project catalogue (the loader's):
    ``pytestmark = pytest.mark.usefixtures("restore_catalogue_if_db")``.
    """
    if "db" in request.fixturenames:
        request.getfixturevalue("restore_catalogue")


@pytest.fixture
def client(db: Backend) -> TestClient:
    """A test client on a freshly reset backend."""
    return db.client


VALID_LEAD: dict[str, object] = {
    "name": "Aigerim Bekova",
    "email": "aigerim@example.com",
    "consent": True,
    "language": "ru",
}


@pytest.fixture
def lead_body() -> dict[str, object]:
    """A valid lead body (a fresh copy)."""
    return dict(VALID_LEAD)


@pytest.fixture
def make_lead(client: TestClient) -> Callable[..., dict]:
    """Post a valid lead (keyword arguments override fields); return the JSON answer."""

    def post(**fields: object) -> dict:
        body = {**VALID_LEAD, **fields}
        response = client.post("/leads", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    return post


@pytest.fixture
def staff() -> dict[str, str]:
    """Headers that authenticate as staff."""
    return dict(STAFF)


class EmptyDatabases:
    """Makes empty databases on one backend: SQLite files, or PostgreSQL schemas.

    Engines made with :meth:`engine` are disposed, and schemas dropped, when the test ends.
    """

    def __init__(self, name: str, tmp: Path) -> None:
        self.name = name
        self._tmp = tmp
        self._engines: list[Engine] = []
        self._schemas: list[str] = []
        self._admin: Engine | None = None
        self._base = _postgres_base_url()

    def new(self) -> str:
        """Return the URL of a new, empty database."""
        if self.name == "sqlite":
            return f"sqlite:///{self._tmp / f'db{len(self._engines)}-{uuid.uuid4().hex[:6]}.db'}"
        admin, schema = _create_schema(self._base)
        if self._admin is None:
            self._admin = admin
        else:
            admin.dispose()
        self._schemas.append(schema)
        return _schema_url(self._base, schema)

    def engine(self, url: str) -> Engine:
        """An engine on ``url`` (as the service makes them), disposed at the end of the test."""
        engine = make_engine(url)
        self._engines.append(engine)
        return engine

    def close(self) -> None:
        """Dispose every engine, then drop the schemas."""
        for engine in self._engines:
            engine.dispose()
        if self._admin is not None:
            for schema in self._schemas:
                _drop_schema(self._admin, schema)
            self._admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EmptyDatabases]:
    """Fresh empty databases for migration tests, on SQLite and on PostgreSQL."""
    databases = EmptyDatabases(request.param, tmp_path)
    try:
        yield databases
    finally:
        databases.close()
