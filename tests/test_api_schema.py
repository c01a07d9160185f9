"""Property-based testing of the JSON API from its own description (/openapi.json):
schemathesis drives the app in-process with generated parameters; whatever they are, no
5xx, every status is one the description names, every body matches its schema."""

from __future__ import annotations

import os
import tempfile

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.main import create_app
from tests.conftest import FIXTURE_DATA, _sibling_postgres_database

EXAMPLES_PER_OPERATION = 10  # the whole API in under a minute


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return _sibling_postgres_database(url, "schema")
    return f"sqlite:///{tempfile.mkdtemp(prefix='argmap-schema-')}/argmap.db"


# The app over the fixture dataset; the data load on the first request.
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(database_url=_database_url(), data_dir=FIXTURE_DATA)
)


@schemathesis.check
def no_server_error(ctx, response, case):
    """A 5xx is a bug, except oEmbed's documented 501 for a format it does not offer."""
    if response.status_code == 501 and case.path == "/oembed" and (case.query or {}).get("format") != "json":
        return None
    return not_a_server_error(ctx, response, case)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.generate, Phase.shrink],
    derandomize=True,  # the same examples on every run: a failure here is reproducible
)
def test_api_answers_as_described(case):
    case.call_and_validate(
        checks=[no_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
    )
