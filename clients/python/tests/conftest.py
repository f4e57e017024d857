from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import ALLOWED, Issuer, Server, running_server, test_chain

from likeness_client import Client, signer_from_files

MISSING_V2 = (
    "the server answers GET /v1/checks/{id}/c2pa version 1: it lacks pipeline.md's c2pa version 2 "
    "(media attestation likeness-media+jws, status lists GET /v1/status-lists/{K}) of branch pipeline-server"
)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with running_server() as live:
        yield live


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[Client]:
    with Client(server.url, api_key=server.production_key, backoff=0.01) as c:
        yield c


@pytest.fixture(scope="session")
def has_v2(client: Client) -> bool:
    check = client.check(**ALLOWED)
    fragment = client.c2pa(check.id)
    return (
        any(a.label.startswith("c2pa.actions") for a in fragment.assertions) and "status" in fragment.assertions[0].data
    )


@pytest.fixture
def v2(has_v2: bool) -> None:
    if not has_v2:
        pytest.skip(MISSING_V2)


@pytest.fixture(scope="session")
def chain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return test_chain(tmp_path_factory.mktemp("chain"))


@pytest.fixture
def signer(chain: tuple[Path, Path]) -> Any:
    return signer_from_files(*chain)


@pytest.fixture
def issuer() -> Iterator[Issuer]:
    stand_in = Issuer()
    stand_in.serve()
    yield stand_in
    stand_in.close()
