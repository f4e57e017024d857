"""Retries: connection failures and 502/503/504 are retried with bounded back-off; nothing else."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from harness import NOTIFY, free_port

from likeness_client import BadRequest, Client, ConnectionFailed, ProtocolError, ServerError, TooManyRequests

CHECK = {
    "id": "chk-1",
    "decision": "notify",
    "reasons": [],
    "obligations": ["notify-contact"],
    "grants": [],
    "approvals": [],
    "requirements": [],
    "request": {
        "production": "prod-nova",
        "use": "ideation",
        "aspects": [],
        "destination": "temporary",
        "at": "2026-12-07",
        "content": [],
        "inputs": [],
        "replicatesThirdPartyWork": False,
    },
    "decidedAt": "2026-12-07T10:00:00Z",
}


def scripted(statuses: list[int | str]) -> tuple[Client, list[httpx.Request]]:
    """A client whose transport answers each request with the next status (or raises, for
    "connect" and "read"); the last one repeats."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        status = statuses[min(len(seen), len(statuses)) - 1]
        if status == "connect":
            raise httpx.ConnectError("refused", request=request)
        if status == "read":
            raise httpx.ReadTimeout("no answer", request=request)
        assert isinstance(status, int)
        if status == 200:
            return httpx.Response(200, json=CHECK)
        return httpx.Response(status, json={"error": {"code": f"code-{status}", "message": "m"}})

    client = Client(
        "http://likeness.test", api_key="k", retries=3, backoff=0.001, transport=httpx.MockTransport(answer)
    )
    return client, seen


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_statuses_are_retried(status: int) -> None:
    client, seen = scripted([status, status, 200])
    assert client.check(**NOTIFY).id == "chk-1"
    assert len(seen) == 3
    assert all(json.loads(r.content) == json.loads(seen[0].content) for r in seen)


def test_connection_failures_are_retried() -> None:
    client, seen = scripted(["connect", "connect", 200])
    assert client.check(**NOTIFY).decision == "notify"
    assert len(seen) == 3


def test_retries_are_bounded() -> None:
    client, seen = scripted([503])
    with pytest.raises(ServerError) as error:
        client.check(**NOTIFY)
    assert len(seen) == 4 and error.value.status == 503 and error.value.code == "code-503"
    client, seen = scripted(["connect"])
    with pytest.raises(ConnectionFailed):
        client.check(**NOTIFY)
    assert len(seen) == 4


@pytest.mark.parametrize(("status", "kind"), [(500, ServerError), (429, TooManyRequests), (400, BadRequest)])
def test_other_statuses_are_not_retried(status: int, kind: type[Exception]) -> None:
    client, seen = scripted([status, 200])
    with pytest.raises(kind):
        client.check(**NOTIFY)
    assert len(seen) == 1


def test_a_request_that_may_have_been_sent_is_not_retried() -> None:
    client, seen = scripted(["read", 200])
    with pytest.raises(ConnectionFailed) as error:
        client.check(**NOTIFY)
    assert len(seen) == 1 and error.value.code == "transport-error"


def test_back_off_grows_and_is_capped() -> None:
    sleeps: list[float] = []
    client, _ = scripted([503])
    client.backoff, client.max_backoff, client.retries = 0.01, 0.04, 5
    real = time.sleep
    time.sleep = sleeps.append  # type: ignore[assignment]
    try:
        with pytest.raises(ServerError):
            client.check(**NOTIFY)
    finally:
        time.sleep = real
    assert len(sleeps) == 5
    assert all(0.005 <= s <= 0.04 for s in sleeps) and sleeps[-1] >= 0.02 and sleeps[0] <= 0.01


def test_nothing_listening_fails_after_the_retries() -> None:
    start = time.monotonic()
    with Client(f"http://127.0.0.1:{free_port()}", retries=2, backoff=0.01) as client, pytest.raises(ConnectionFailed):
        client.check(**NOTIFY)
    assert time.monotonic() - start < 5


def test_an_answer_that_is_not_the_apis_is_a_protocol_error() -> None:
    answers = iter(
        [
            httpx.Response(200, json={"id": "chk-1"}),
            httpx.Response(200, text="<html>"),
            httpx.Response(200, json={"no": "results"}),
        ]
    )
    transport = httpx.MockTransport(lambda request: next(answers))
    with Client("http://likeness.test", transport=transport) as client:
        for call in (
            lambda: client.check(**NOTIFY),
            lambda: client.check(**NOTIFY),
            lambda: client.check_batch([NOTIFY]),
        ):
            with pytest.raises(ProtocolError) as error:
                call()
            assert error.value.code == "bad-answer"
