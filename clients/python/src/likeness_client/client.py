"""The HTTP client of the Likeness API."""

from __future__ import annotations

import json
import random
import time
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from ._version import __version__
from .errors import ConnectionFailed, Denied, LikenessError, NeedsApproval, ProtocolError, for_status
from .models import (
    JWKS,
    ApprovalRequest,
    Assertion,
    BatchItemError,
    C2PAFragment,
    Check,
    Model,
    UsageReport,
    WhatIf,
    uncovered_requirements,
    use_body,
)

RETRIED_STATUSES = frozenset({502, 503, 504})


class Client:
    """A client of one Likeness service.

    ``api_key`` (from ``POST /v1/api-keys``) or ``token`` (a session's, ``POST /v1/sessions``) is sent
    as the bearer token. Connection failures (nothing sent) and answers 502, 503 and 504 are retried
    ``retries`` times with exponential back-off from ``backoff`` seconds (with jitter, capped at
    ``max_backoff``); nothing else is retried. ``transport`` is httpx's (tests use a mock one)."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        token: str | None = None,
        timeout: float = 10.0,
        *,
        retries: int = 3,
        backoff: float = 0.2,
        max_backoff: float = 2.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if api_key and token:
            raise ValueError("give api_key or token, not both")
        if retries < 0:
            raise ValueError("retries must be 0 or more")
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        headers = {"User-Agent": f"likeness-client/{__version__}", "Accept": "application/json"}
        credential = api_key or token
        if credential:
            headers["Authorization"] = f"Bearer {credential}"
        self._http = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout, transport=transport)

    @classmethod
    def sign_in(cls, base_url: str, username: str, password: str, **options: Any) -> Client:
        """A client holding a session token of `username` (``POST /v1/sessions``)."""
        anonymous = cls(base_url, **options)
        try:
            session = anonymous._request("POST", "/v1/sessions", {"username": username, "password": password})
        finally:
            anonymous.close()
        return cls(base_url, token=session["token"], **options)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # The calls of a pipeline.

    def check(self, **use: Any) -> Check:
        """``POST /v1/checks``: decides the use (keyword arguments: CheckInput's fields in
        snake_case) and stores the check."""
        return _parse(Check, self._request("POST", "/v1/checks", use_body(use)))

    def check_batch(self, uses: list[dict[str, Any]]) -> list[Check | BatchItemError]:
        """``POST /v1/checks/batch``: one result per use, in order: the stored check, or the
        ``BatchItemError`` of a use that was invalid or named an unknown id."""
        return self.check_batch_json([use_body(dict(u)) for u in uses])

    def check_batch_json(self, bodies: list[dict[str, Any]]) -> list[Check | BatchItemError]:
        """``check_batch`` of uses given as the API's JSON bodies (camelCase, sent as they are, so
        that the service judges each one: ``likeness-gate check --batch`` reads its lines so)."""
        answer = self._request("POST", "/v1/checks/batch", {"uses": bodies})
        results: list[Check | BatchItemError] = []
        items = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(items, list):
            raise ProtocolError("bad-answer", "the batch's answer has no results")
        for item in items:
            results.append(_parse(BatchItemError, item) if "error" in item else _parse(Check, item))
        return results

    def what_if(self, **use: Any) -> WhatIf:
        """``POST /v1/checks/what-if``: the decision as it would be now, stored nowhere."""
        return _parse(WhatIf, self._request("POST", "/v1/checks/what-if", use_body(use)))

    def request_approval(self, check_id: str, note: str) -> ApprovalRequest:
        """``POST /v1/approval-requests``: asks the production's contact to approve a
        ``needs-approval`` check in writing (`note`: why the use is needed, 20 characters or more)."""
        return _parse(
            ApprovalRequest, self._request("POST", "/v1/approval-requests", {"check": check_id, "note": note})
        )

    def report_usage(
        self,
        check_id: str,
        delivered_on: str | None = None,
        *,
        days: int | None = None,
        minutes: int | float | Decimal | None = None,
        note: str | None = None,
        corrects: str | None = None,
    ) -> UsageReport:
        """``POST /v1/checks/{id}/usage``: what was actually used under an ``allowed`` or ``notify``
        check, delivered on `delivered_on` (``YYYY-MM-DD``); `days` for a consent paid per day,
        `minutes` per minute (rounded up by the server). `corrects` names an earlier report of the
        same check to reverse (its days or minutes negated, or omitted). Its ``lines`` say what is
        owed, in minor units."""
        body: dict[str, Any] = {"deliveredOn": delivered_on, "days": days, "note": note, "corrects": corrects}
        if minutes is not None:
            body["minutes"] = int(minutes) if minutes == int(minutes) else float(minutes)
        answer = self._request(
            "POST", f"/v1/checks/{quote(check_id, safe='')}/usage", {k: v for k, v in body.items() if v is not None}
        )
        return _parse(UsageReport, answer)

    def usage(self, check_id: str) -> list[UsageReport]:
        """``GET /v1/checks/{id}/usage``: the check's usage reports, oldest first."""
        answer = self._request("GET", f"/v1/checks/{quote(check_id, safe='')}/usage")
        reports = answer.get("reports") if isinstance(answer, dict) else None
        if not isinstance(reports, list):
            raise ProtocolError("bad-answer", "the answer has no reports")
        return [_parse(UsageReport, report) for report in reports]

    def get_check(self, id: str) -> Check:
        """``GET /v1/checks/{id}``: the check as it was decided."""
        return _parse(Check, self._request("GET", f"/v1/checks/{quote(id, safe='')}"))

    def attestation(self, id: str) -> str:
        """``GET /v1/checks/{id}/attestation``: the signed receipt, a JWS in compact form."""
        text: str = self._request("GET", f"/v1/checks/{quote(id, safe='')}/attestation", raw=True)
        return text.strip()

    def c2pa(self, id: str) -> C2PAFragment:
        """``GET /v1/checks/{id}/c2pa``: the manifest fragment of an ``allowed`` or ``notify`` check
        (``Conflict`` with code ``not-attestable`` otherwise). A server that still answers version 1
        (one assertion) is read as a fragment of that one assertion."""
        answer = self._request("GET", f"/v1/checks/{quote(id, safe='')}/c2pa")
        if "assertions" not in answer and "label" in answer:
            return C2PAFragment(assertions=[_parse(Assertion, answer)])
        return _parse(C2PAFragment, answer)

    def jwks(self) -> JWKS:
        """``GET /.well-known/jwks.json``: the service's signing keys, current and retired."""
        return _parse(JWKS, self._request("GET", "/.well-known/jwks.json"))

    def gate(self, **use: Any) -> Check:
        """Checks the use and lets it through: returns the stored check when it is ``allowed`` or
        ``notify``; raises ``NeedsApproval`` (``.check``, ``.requirements``, ``.request(note)``) or
        ``Denied`` (``.reasons``) otherwise. The check returned is a context manager, so that

            with client.gate(production="prod-nova", use="generation", destination="temporary") as check:
                image = pipe(prompt)

        runs the generation step only when it may go ahead."""
        check = self.check(**use)
        if check.decision in ("allowed", "notify"):
            return check
        if check.decision == "needs-approval":
            raise NeedsApproval(check, uncovered_requirements(check.reasons), self.request_approval)
        raise Denied(check)

    # Plumbing.

    def _send(self, attempt: Any) -> httpx.Response:
        tries = 0
        while True:
            try:
                response: httpx.Response = attempt()
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                if tries >= self.retries:
                    raise ConnectionFailed(
                        "connection-failed", f"cannot reach {self.base_url}: {error}", status=None
                    ) from error
            except httpx.TransportError as error:  # sent, or maybe sent: not retried
                raise ConnectionFailed(
                    "transport-error", f"{self.base_url}: {type(error).__name__}: {error}"
                ) from error
            else:
                if response.status_code not in RETRIED_STATUSES or tries >= self.retries:
                    return response
                response.close()
            delay = min(self.max_backoff, self.backoff * (2**tries))
            time.sleep(delay * (0.5 + random.random() / 2))
            tries += 1

    def _request(self, method: str, path: str, body: Any = None, raw: bool = False) -> Any:
        content = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if content is not None else {}
        response = self._send(lambda: self._http.request(method, path, content=content, headers=headers))
        if response.status_code >= 400:
            raise error_of(response)
        if raw:
            return response.text
        try:
            return response.json()
        except ValueError as error:
            raise ProtocolError(
                "bad-answer",
                f"{method} {path} answered {response.status_code} with no JSON",
                status=response.status_code,
            ) from error


M = TypeVar("M", bound=Model)


def _parse(kind: type[M], data: Any) -> M:
    """`data` as `kind`; an answer that is not the API's is a ProtocolError."""
    try:
        return kind.from_json(data)
    except (TypeError, ValueError, KeyError) as error:
        raise ProtocolError("bad-answer", f"the answer is not a {kind.__name__}: {error}") from error


def error_of(response: httpx.Response) -> LikenessError:
    """The LikenessError of a non-2xx answer (its body's error, else one made of the status)."""
    kind = for_status(response.status_code)
    try:
        detail = response.json()["error"]
        return kind(str(detail["code"]), str(detail["message"]), detail.get("field"), status=response.status_code)
    except (ValueError, KeyError, TypeError):
        return kind(
            f"http-{response.status_code}", response.text[:200] or response.reason_phrase, status=response.status_code
        )
