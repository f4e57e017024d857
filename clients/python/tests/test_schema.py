"""The client's types held to the repository's openapi.yaml, both ways: every field of a schema is an
attribute of the client's type (in snake_case, required exactly when the schema requires it), and
every attribute is a field of the schema."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pytest
import yaml
from harness import ROOT

from likeness_client import models
from likeness_client.models import (
    JWK,
    JWKS,
    ApprovalRequest,
    Assertion,
    BatchItemError,
    C2PAFragment,
    Check,
    CheckedUse,
    ConsentAssertion,
    ErrorDetail,
    Model,
    Reason,
    StatusRef,
    ToolRef,
    WhatIf,
    snake,
)

OPENAPI = ROOT / "Sources/LikenessServer/Resources/openapi.yaml"
DOC: dict[str, Any] = yaml.safe_load(OPENAPI.read_text())
SCHEMAS: dict[str, Any] = DOC["components"]["schemas"]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def fields_of(schema: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """(properties, required) of an object schema, through $ref, allOf, oneOf and anyOf (the
    union of their branches' properties; required: what every branch requires)."""
    schema = resolve(schema)
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    required = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        p, r = fields_of(part)
        properties.update(p)
        required |= r
    branches = schema.get("oneOf", []) + schema.get("anyOf", [])
    if branches:
        results = [fields_of(b) for b in branches]
        for p, _ in results:
            for name, value in p.items():
                properties.setdefault(name, value)
        required |= set.intersection(*(r for _, r in results))
    return properties, required


def client_fields(kind: type[Model]) -> tuple[set[str], set[str]]:
    """(JSON names, required JSON names) of a client type."""
    names, required = set(), set()
    for f in dataclasses.fields(kind):  # type: ignore[arg-type]
        name = kind.json_name(f.name)
        names.add(name)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.add(name)
    return names, required


def hold(kind: type[Model], schema: dict[str, Any], skip: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    properties, required = fields_of(schema)
    names, client_required = client_fields(kind)
    assert set(properties) - skip == names, f"{kind.__name__}: schema {sorted(properties)} vs client {sorted(names)}"
    assert required - skip == client_required, (
        f"{kind.__name__}: required {sorted(required)} vs {sorted(client_required)}"
    )
    for f in dataclasses.fields(kind):  # type: ignore[arg-type]
        assert snake(kind.json_name(f.name)) == f.name, f"{kind.__name__}.{f.name} is not its field in snake_case"


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (Check, "Check"),
        (WhatIf, "WhatIf"),
        (Reason, "Reason"),
        (ErrorDetail, "ErrorDetail"),
        (BatchItemError, "BatchItemError"),
        (ApprovalRequest, "ApprovalRequest"),
        (JWK, "JWK"),
        (JWKS, "JWKS"),
    ],
)
def test_answer_types_are_the_schemas(kind: type[Model], name: str) -> None:
    hold(kind, SCHEMAS[name])


def test_the_echoed_request_is_check_input_without_at_least() -> None:
    properties, _ = fields_of(SCHEMAS["CheckInput"])
    names, required = client_fields(CheckedUse)
    assert set(properties) - {"atLeast"} == names
    assert set(SCHEMAS["Check"]["properties"]["request"]["required"]) == required


def test_use_keywords_are_check_input_fields() -> None:
    properties, _ = fields_of(SCHEMAS["CheckInput"])
    assert {models.camel(name) for name in models.USE_FIELDS} == set(properties)
    assert all(snake(models.camel(name)) == name for name in models.USE_FIELDS)


def test_decisions_are_the_schema_enum() -> None:
    assert set(typing.get_args(models.Decision)) == set(SCHEMAS["Decision"]["enum"])


def test_nested_types_are_the_schemas_items() -> None:
    assert SCHEMAS["Check"]["properties"]["reasons"]["items"] == {"$ref": "#/components/schemas/Reason"}
    assert SCHEMAS["BatchItemError"]["properties"]["error"] == {"$ref": "#/components/schemas/ErrorDetail"}
    assert SCHEMAS["JWKS"]["properties"]["keys"]["items"] == {"$ref": "#/components/schemas/JWK"}


def c2pa_schema() -> dict[str, Any]:
    answer = DOC["paths"]["/v1/checks/{id}/c2pa"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return resolve(answer)


def find_consent(schema: Any) -> dict[str, Any] | None:
    """The schema of the assertion whose label is org.likeness.consent-check, wherever it is."""
    if isinstance(schema, dict):
        resolved: dict[str, Any] = resolve(schema)
        label = resolved.get("properties", {}).get("label", {})
        if isinstance(label, dict) and (
            label.get("const") == "org.likeness.consent-check" or "org.likeness.consent-check" in label.get("enum", [])
        ):
            return resolved
        for value in resolved.values():
            found = find_consent(value)
            if found:
                return found
    if isinstance(schema, list):
        for value in schema:
            found = find_consent(value)
            if found:
                return found
    return None


def test_the_c2pa_fragment_is_the_schema() -> None:
    schema = c2pa_schema()
    properties, _ = fields_of(schema)
    if "assertions" not in properties:
        pytest.skip(
            "openapi.yaml still describes GET /v1/checks/{id}/c2pa version 1 (one assertion): pipeline.md's "
            "version 2 (branch pipeline-server) is not in this document"
        )
    hold(C2PAFragment, schema)
    items = resolve(properties["assertions"].get("items", {}))
    if items.get("properties"):
        item_properties, _ = fields_of(items)
        assert {"label", "data"} <= set(item_properties)
    consent = find_consent(schema)
    assert consent is not None, "the document names the org.likeness.consent-check assertion"
    data = consent["properties"]["data"]
    hold(ConsentAssertion, data)
    data_properties, _ = fields_of(data)
    hold(
        ToolRef,
        data_properties["tool"]
        if "properties" in resolve(data_properties["tool"])
        else _object(data_properties["tool"]),
    )
    hold(StatusRef, _object(data_properties["status"]))
    _, assertion_required = client_fields(Assertion)
    assert assertion_required == {"label", "data"}


def _object(schema: dict[str, Any]) -> dict[str, Any]:
    """The object branch of a nullable schema."""
    schema = resolve(schema)
    for branch in schema.get("oneOf", []) + schema.get("anyOf", []):
        branch = resolve(branch)
        if branch.get("type") == "object" or "properties" in branch:
            return branch
    return schema
