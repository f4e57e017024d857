"""The Client's calls against a live server: keyword arguments and attributes in snake_case, typed
answers, errors carrying the spec's code, message and field."""

from __future__ import annotations

import base64
import json

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from harness import ALLOWED, DENIED, NEEDS_APPROVAL, NOTIFY, Server

from likeness_client import (
    JWK,
    JWKS,
    ApprovalRequest,
    BadRequest,
    BatchItemError,
    C2PAFragment,
    Check,
    CheckedUse,
    Client,
    Conflict,
    Invalid,
    LikenessError,
    NotFound,
    Reason,
    Unauthorized,
    WhatIf,
)


def b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_check_takes_snake_case_and_answers_a_typed_check(client: Client) -> None:
    check = client.check(**NEEDS_APPROVAL, presented_as_real=False, replicates_third_party_work=False)
    assert isinstance(check, Check)
    assert check.decision == "needs-approval"
    assert check.id.startswith("chk-")
    assert isinstance(check.decided_at, str) and check.decided_at.endswith("Z")
    assert isinstance(check.request, CheckedUse)
    assert check.request.presented_as_real is False
    assert check.request.replicates_third_party_work is False
    assert check.request.performer == "p-lena" and check.request.aspects == ["face"] and check.request.territory == "DE"
    assert all(isinstance(r, Reason) for r in check.reasons)
    assert check.reasons[0].requirement == "final-deliverable"
    assert "final-deliverable" in check.requirements and "notify-contact" in check.obligations
    assert check.grants == ["g-lena-1"] and check.approvals == ["ap-nova"]


@pytest.mark.parametrize(
    ("use", "decision"),
    [(NOTIFY, "notify"), (ALLOWED, "allowed"), (NEEDS_APPROVAL, "needs-approval"), (DENIED, "denied")],
)
def test_every_decision(client: Client, use: dict[str, object], decision: str) -> None:
    assert client.check(**use).decision == decision


def test_true_flags_reach_the_server(client: Client) -> None:
    check = client.what_if(**NOTIFY, presented_as_real=True)
    assert check.decision == "needs-approval"
    assert any(r.code == "principle.may-mislead" for r in check.reasons)
    assert check.request.presented_as_real is True


def test_an_unknown_keyword_is_a_type_error(client: Client) -> None:
    with pytest.raises(TypeError, match="presentedAsReal"):
        client.check(**NOTIFY, presentedAsReal=True)


def test_get_check_answers_it_as_decided(client: Client) -> None:
    check = client.check(**ALLOWED)
    assert client.get_check(check.id) == check


def test_errors_carry_code_message_and_field(client: Client) -> None:
    with pytest.raises(NotFound) as missing:
        client.check(**dict(NOTIFY, production="prod-nowhere"))
    assert missing.value.status == 404 and missing.value.code and "prod-nowhere" in missing.value.message
    with pytest.raises(LikenessError) as invalid:
        client.check(**dict(NOTIFY, destination="cinema"))
    assert isinstance(invalid.value, (Invalid, BadRequest))
    assert invalid.value.field == "destination" and invalid.value.code and invalid.value.message
    with pytest.raises(NotFound):
        client.get_check("chk-nothing-here")


def test_bad_credentials_are_unauthorized(server: Server) -> None:
    with Client(server.url, api_key="lk_not-a-key") as stranger, pytest.raises(Unauthorized) as error:
        stranger.check(**NOTIFY)
    assert error.value.status == 401 and error.value.code


def test_sign_in_holds_a_session_token(server: Server) -> None:
    with pytest.raises(Unauthorized):
        Client.sign_in(server.url, "admin", "not-the-password")
    with Client.sign_in(server.url, "admin", "client-test-admin-pass") as admin:
        assert admin.what_if(**NOTIFY).decision == "notify"


def test_check_batch_answers_checks_and_item_errors_in_order(client: Client) -> None:
    results = client.check_batch([NOTIFY, dict(NOTIFY, production="prod-nowhere"), DENIED, dict(ALLOWED, aspects=[])])
    assert [type(r) for r in results] == [Check, BatchItemError, Check, BatchItemError]
    first, missing, denied, empty = results
    assert isinstance(first, Check) and first.decision == "notify"
    assert isinstance(denied, Check) and denied.decision == "denied"
    assert isinstance(missing, BatchItemError) and missing.index == 1 and "prod-nowhere" in missing.error.message
    assert isinstance(empty, BatchItemError) and empty.index == 3 and empty.error.field is not None
    assert isinstance(first, Check) and client.get_check(first.id) == first


def test_an_empty_batch_is_refused_whole(client: Client) -> None:
    with pytest.raises((Invalid, BadRequest)):
        client.check_batch([])


def test_what_if_is_not_stored(client: Client) -> None:
    answer = client.what_if(**ALLOWED)
    assert isinstance(answer, WhatIf)
    assert answer.what_if is True and answer.decision == "allowed" and answer.request.performer == "p-lena"
    assert not hasattr(answer, "id")


def test_request_approval_files_the_uncovered_requirements(client: Client) -> None:
    check = client.check(**NEEDS_APPROVAL)
    request = client.request_approval(check.id, "Her face in the final cut of episode 4, released in Germany")
    assert isinstance(request, ApprovalRequest)
    assert request.check == check.id and request.state == "open" and request.production == "prod-nova"
    assert request.requirements == check.uncovered == ["final-deliverable"]
    assert request.requested_by and request.requested_at
    with pytest.raises(Conflict) as again:
        client.request_approval(check.id, "Her face in the final cut of episode 4, released in Germany")
    assert again.value.code == "invalid-state"
    with pytest.raises(Conflict):
        client.request_approval(client.check(**ALLOWED).id, "An allowed check needs no approval at all, surely")


def test_attestation_is_a_jws_verifying_with_the_jwks(client: Client) -> None:
    check = client.check(**ALLOWED)
    jws = client.attestation(check.id)
    keys = client.jwks()
    assert isinstance(keys, JWKS) and all(isinstance(k, JWK) for k in keys.keys)
    head, payload, signature = jws.split(".")
    header = json.loads(b64(head))
    assert header["typ"] == "likeness-receipt+jws" and header["alg"] == "EdDSA"
    key = next(k for k in keys.keys if k.kid == header["kid"])
    ed25519.Ed25519PublicKey.from_public_bytes(b64(key.x)).verify(b64(signature), f"{head}.{payload}".encode())
    assert json.loads(b64(payload))["receipt"] == check.to_json()


def test_c2pa_answers_a_fragment(client: Client) -> None:
    check = client.check(**ALLOWED)
    fragment = client.c2pa(check.id)
    assert isinstance(fragment, C2PAFragment)
    consent = [a for a in fragment.assertions if a.label == "org.likeness.consent-check"]
    assert len(consent) == 1 and consent[0].data["check"] == check.id and consent[0].data["decision"] == "allowed"


def test_c2pa_of_a_check_that_is_not_attestable(client: Client, v2: None) -> None:
    for use in (NEEDS_APPROVAL, DENIED):
        with pytest.raises(Conflict) as refused:
            client.c2pa(client.check(**use).id)
        assert refused.value.code == "not-attestable"


def test_to_json_gives_the_api_fields_back(client: Client) -> None:
    check = client.check(**ALLOWED)
    raw = httpx.get(f"{client.base_url}/v1/checks/{check.id}", headers=client._http.headers).json()
    assert check.to_json() == raw
