"""Errors: every one is a ``LikenessError`` carrying the spec's ``code``, ``message`` and ``field``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import ApprovalRequest, Check, Reason


class LikenessError(Exception):
    """An error of the service (its ``{"error": {code, message, field?}}``) or of the client.
    ``status`` is the HTTP status when the service answered one."""

    def __init__(self, code: str, message: str, field: str | None = None, status: int | None = None) -> None:
        super().__init__(f"{code}: {message}" + (f" (field {field})" if field else ""))
        self.code = code
        self.message = message
        self.field = field
        self.status = status


class BadRequest(LikenessError):
    """400: malformed JSON or wrong types."""


class Unauthorized(LikenessError):
    """401: no or bad credentials."""


class Forbidden(LikenessError):
    """403: the role may not."""


class NotFound(LikenessError):
    """404: an unknown id (also one named inside a body)."""


class Conflict(LikenessError):
    """409: a duplicate id or a conflicting state (``invalid-state``, ``not-attestable``)."""


class TooLarge(LikenessError):
    """413: the body is too large."""


class Invalid(LikenessError):
    """422: well-formed but invalid (a bad enum, date, an empty required set...)."""


class TooManyRequests(LikenessError):
    """429: slow down."""


class ServerError(LikenessError):
    """5xx: the service failed (502/503/504 only after the retries)."""


class ConnectionFailed(LikenessError):
    """The service could not be reached (after the retries)."""


class ProtocolError(LikenessError):
    """The service answered something that is not the API's answer."""


BY_STATUS: dict[int, type[LikenessError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: TooLarge,
    422: Invalid,
    429: TooManyRequests,
}


def for_status(status: int) -> type[LikenessError]:
    if status in BY_STATUS:
        return BY_STATUS[status]
    return ServerError if status >= 500 else LikenessError


class NeedsApproval(LikenessError):
    """``gate()``: the check is ``needs-approval``. ``check`` is the stored check, ``requirements``
    its uncovered requirements (what an approval request of it lists), ``request(note)`` files the
    approval request to the production's contact."""

    def __init__(self, check: Check, requirements: list[str], requester: Callable[[str, str], ApprovalRequest]) -> None:
        super().__init__(
            "needs-approval",
            f"check {check.id} needs the studio's written approval of: {', '.join(requirements) or '(none listed)'}",
        )
        self.check = check
        self.requirements = requirements
        self._requester = requester

    def request(self, note: str) -> ApprovalRequest:
        """Files the approval request of this check (``POST /v1/approval-requests``)."""
        return self._requester(self.check.id, note)


class Denied(LikenessError):
    """``gate()``: the check is ``denied``. ``reasons`` say why."""

    def __init__(self, check: Check) -> None:
        codes = ", ".join(r.code for r in check.reasons)
        super().__init__("denied", f"check {check.id} is denied: {codes}")
        self.check = check
        self.reasons: list[Reason] = check.reasons


class VerificationError(LikenessError):
    """``verify()`` failed; ``step`` (also the ``code``) says where: ``no-manifest``,
    ``no-assertion``, ``bad-signature``, ``unknown-key``, ``fields-differ``, ``consent-withdrawn``
    (or ``bad-jwks`` when the key set given could not be read)."""

    def __init__(self, step: str, message: str, field: str | None = None, **details: Any) -> None:
        super().__init__(step, message, field)
        self.step = step
        self.details = details
