"""The answers of the API as typed objects.

Every attribute is the OpenAPI document's field in snake_case (``decidedAt`` → ``decided_at``);
``tests/test_schema.py`` holds these classes to ``openapi.yaml`` both ways. Objects are built from
the JSON answers with ``from_json`` (fields the document adds later are ignored) and turned back
into the API's JSON with ``to_json``.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar, Union

Decision = Literal["allowed", "notify", "needs-approval", "denied"]

T = TypeVar("T", bound="Model")


def camel(name: str) -> str:
    """``presented_as_real`` → ``presentedAsReal``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake(name: str) -> str:
    """``presentedAsReal`` → ``presented_as_real``."""
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def _convert(kind: Any, value: Any) -> Any:
    """`value` (parsed JSON) as the annotated type `kind`."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        members = [k for k in typing.get_args(kind) if k is not type(None)]
        if len(members) == 1:
            return _convert(members[0], value)
        for member in members:  # a union of models: the first whose required fields are there
            if isinstance(member, type) and issubclass(member, Model) and isinstance(value, dict):
                if all(member.json_name(f.name) in value for f in dataclasses.fields(member) if _required(f)):  # type: ignore[arg-type]
                    return member.from_json(value)
        return value
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_convert(item, v) for v in value]
    if isinstance(kind, type) and issubclass(kind, Model):
        return kind.from_json(value)
    return value


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


# Annotations whose JSON value is kept as it is (no conversion to walk through).
_PLAIN: frozenset[Any] = frozenset(
    {str, int, bool, str | None, int | None, bool | None, list[str], list[str] | None, dict[str, Any], Any, Decision}
)


def _to_json(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_json()
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    return value


class Model:
    """Base of the answers: ``from_json`` and ``to_json`` map snake_case attributes to camelCase
    fields. ``json_names`` overrides the mapping for a field whose JSON name is not its camelCase."""

    json_names: ClassVar[dict[str, str]] = {}

    @classmethod
    def json_name(cls, attribute: str) -> str:
        return cls.json_names.get(attribute, camel(attribute))

    @classmethod
    def _plan(cls) -> list[tuple[str, str, Any, bool]]:
        """(attribute, JSON name, annotated type, required) of each field, worked out once."""
        plan: list[tuple[str, str, Any, bool]] | None = cls.__dict__.get("_plan_cache")
        if plan is None:
            hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
            plan = [
                (f.name, cls.json_name(f.name), hints[f.name], _required(f))
                for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            ]
            setattr(cls, "_plan_cache", plan)  # noqa: B010
        return plan

    @classmethod
    def from_json(cls: type[T], data: dict[str, Any]) -> T:
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}")
        values: dict[str, Any] = {}
        for attribute, name, kind, required in cls._plan():
            if name in data:
                value = data[name]
                values[attribute] = value if kind in _PLAIN else _convert(kind, value)
            elif required:
                raise ValueError(f"{cls.__name__}: the answer has no {name!r}")
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is None and not _required(f):
                continue
            out[self.json_name(f.name)] = _to_json(value)
        return out


@dataclass(frozen=True)
class ErrorDetail(Model):
    code: str
    message: str
    field: str | None = None


@dataclass(frozen=True)
class Reason(Model):
    code: str
    message: str
    outcome: Decision
    grant: str | None = None
    aspect: str | None = None
    requirement: str | None = None
    union: str | None = None


@dataclass(frozen=True)
class CheckedUse(Model):
    """The use a check decided, as the check echoes it (``request``)."""

    production: str
    use: str
    aspects: list[str]
    destination: str
    at: str
    content: list[str]
    inputs: list[str]
    replicates_third_party_work: bool
    performer: str | None = None
    territory: str | None = None
    tool: str | None = None
    presented_as_real: bool | None = None
    customary: bool | None = None


@dataclass(frozen=True)
class Check(Model):
    """A stored check. It is also a context manager, so that a gate can wrap the generation step:
    ``with client.gate(...) as check:`` runs the block only when the gate let the use through."""

    id: str
    decision: Decision
    reasons: list[Reason]
    obligations: list[str]
    grants: list[str]
    approvals: list[str]
    requirements: list[str]
    request: CheckedUse
    decided_at: str

    @property
    def uncovered(self) -> list[str]:
        """The requirements no approval covers, as an approval request of this check lists them
        (the requirements of its ``approval.*`` reasons)."""
        return uncovered_requirements(self.reasons)

    def __enter__(self) -> Check:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def uncovered_requirements(reasons: list[Reason]) -> list[str]:
    out: list[str] = []
    for reason in reasons:
        if reason.code.startswith("approval.") and reason.requirement and reason.requirement not in out:
            out.append(reason.requirement)
    return out


@dataclass(frozen=True)
class WhatIf(Model):
    """The decision a check would get now; nothing stored."""

    what_if: bool
    decision: Decision
    reasons: list[Reason]
    obligations: list[str]
    grants: list[str]
    approvals: list[str]
    requirements: list[str]
    request: CheckedUse
    decided_at: str


@dataclass(frozen=True)
class BatchItemError(Model):
    """A use of a batch that was not decided: its position and the error it would get alone."""

    index: int
    error: ErrorDetail


@dataclass(frozen=True)
class ApprovalRequest(Model):
    id: str
    check: str
    production: str
    use: str
    destination: str
    requirements: list[str]
    note: str
    state: str
    requested_by: str
    requested_at: str
    performer: str | None = None
    contact: str | None = None
    approval: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class UsageLine(Model):
    """What a usage report owes under one grant with a fee: amounts in minor units of `currency`
    (integers: cents for USD, yen for JPY)."""

    grant: str
    performer: str
    currency: str
    basis: str
    quantity: int
    amount: int
    pension_health: int


@dataclass(frozen=True)
class UsageReport(Model):
    """A production's report of what it used under a check (``POST /v1/checks/{id}/usage``)."""

    id: str
    check: str
    production: str
    performer: str
    delivered_on: str
    reported_by: str
    reported_at: str
    lines: list[UsageLine]
    days: int | None = None
    minutes: float | None = None
    note: str | None = None
    corrects: str | None = None


@dataclass(frozen=True)
class JWK(Model):
    kty: str
    crv: str
    x: str
    kid: str
    use: str
    alg: str


@dataclass(frozen=True)
class JWKS(Model):
    keys: list[JWK]


@dataclass(frozen=True)
class Assertion(Model):
    """One assertion of a C2PA manifest: its label and its data, as JSON."""

    label: str
    data: dict[str, Any]


@dataclass(frozen=True)
class ToolRef(Model):
    id: str
    name: str
    vendor: str | None = None
    version: str | None = None


@dataclass(frozen=True)
class StatusRef(Model):
    """Where a check's consent status is published: bit ``idx`` of the status list at ``uri``."""

    idx: int
    uri: str


@dataclass(frozen=True)
class ConsentAssertion(Model):
    """The data of the ``org.likeness.consent-check`` assertion (version 2): the media
    attestation and, readable without decoding it, the fields it signs."""

    attestation: str
    check: str
    decision: Decision
    decided_at: str
    use: str
    aspects: list[str]
    destination: str
    obligations: list[str]
    issuer: str
    jwks: str
    status: StatusRef
    territory: str | None = None
    tool: ToolRef | None = None
    performer_ref: str | None = None


@dataclass(frozen=True)
class C2PAFragment(Model):
    """``GET /v1/checks/{id}/c2pa``: the assertions the client puts in the media's manifest."""

    assertions: list[Assertion]

    LABEL: ClassVar[str] = "org.likeness.consent-check"

    @property
    def consent(self) -> ConsentAssertion:
        """The Likeness assertion's data, typed."""
        for assertion in self.assertions:
            if assertion.label == self.LABEL:
                return ConsentAssertion.from_json(assertion.data)
        raise LookupError("the fragment has no org.likeness.consent-check assertion")

    @property
    def actions(self) -> list[dict[str, Any]]:
        for assertion in self.assertions:
            if assertion.label.startswith("c2pa.actions"):
                actions = assertion.data.get("actions", [])
                return list(actions) if isinstance(actions, list) else []
        return []


@dataclass(frozen=True)
class AttestedUse(Model):
    """What ``verify`` returns: the use the media attestation signs, with who signed it and the
    consent status found (``"valid"``, or ``"unknown"`` when the status list was not reachable)."""

    check: str
    decision: Decision
    decided_at: str
    use: str
    aspects: list[str]
    destination: str
    obligations: list[str]
    issuer: str
    issued_at: int
    kid: str
    status: StatusRef
    consent_status: Literal["valid", "unknown"]
    territory: str | None = None
    tool: ToolRef | None = None
    performer_ref: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# The use's keyword arguments of check(), what_if(), gate() and check_batch()'s items: the
# OpenAPI CheckInput's fields in snake_case.
USE_FIELDS: tuple[str, ...] = (
    "production",
    "performer",
    "use",
    "aspects",
    "destination",
    "territory",
    "at",
    "content",
    "tool",
    "inputs",
    "replicates_third_party_work",
    "presented_as_real",
    "customary",
    "at_least",
)


def use_body(use: dict[str, Any]) -> dict[str, Any]:
    """The JSON body of a proposed use given with snake_case keys (None values left out).
    Unknown keys raise TypeError, as an unknown keyword argument would."""
    unknown = sorted(set(use) - set(USE_FIELDS))
    if unknown:
        raise TypeError(f"unknown field(s) of a use: {', '.join(unknown)} (known: {', '.join(USE_FIELDS)})")
    body: dict[str, Any] = {}
    for key, value in use.items():
        if value is None:
            continue
        if key in ("aspects", "content", "inputs") and isinstance(value, (tuple, set, frozenset)):
            value = list(value)
        if isinstance(value, str) and key in ("aspects", "content", "inputs"):
            value = [value]
        body[camel(key)] = value
    return body
