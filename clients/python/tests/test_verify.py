"""verify(): the media attestation verified offline against a key set the caller gives, the assertion's
fields against the signed payload, then the status list when reachable; each failing step named.

Most cases use a stand-in issuer (tests/harness.py: its own Ed25519 key under a kid that is not the
RFC 7638 thumbprint, its own status list server); the last ones use the live server's version 2."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from harness import ALLOWED, Issuer, Server, jpeg_bytes, png_bytes

from likeness_client import AttestedUse, Client, VerificationError, embed, verify
from likeness_client.embed import embed_assertions
from likeness_client.verify import status_bit


def signed(tmp_path: Path, signer: Any, assertions: list[dict[str, Any]], name: str = "out.png") -> Path:
    source, dest = tmp_path / f"src-{name}", tmp_path / name
    source.write_bytes(jpeg_bytes() if name.endswith(".jpg") else png_bytes())
    return embed_assertions(assertions, source, dest, signer)


def step(path: Path, jwks: Any) -> VerificationError:
    with pytest.raises(VerificationError) as failed:
        verify(path, jwks)
    assert failed.value.code == failed.value.step
    return failed.value


@pytest.mark.parametrize("name", ["out.png", "out.jpg"])
def test_a_good_file_verifies(issuer: Issuer, signer: Any, tmp_path: Path, name: str) -> None:
    path = signed(tmp_path, signer, issuer.fragment(check="chk-good"), name)
    attested = verify(path, issuer.jwks())
    assert isinstance(attested, AttestedUse)
    assert attested.check == "chk-good" and attested.decision == "allowed" and attested.use == "replica"
    assert attested.aspects == ["face"] and attested.destination == "final" and attested.territory == "DE"
    assert attested.tool is not None and attested.tool.name == "Vault Studio Gen"
    assert attested.issuer == issuer.url and attested.kid == "issuer-key-2026"
    assert attested.status.idx == 7 and attested.consent_status == "valid"
    assert attested.performer_ref and attested.performer_ref.startswith("pr-")


def test_the_key_set_as_a_dict_a_file_or_a_url(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    path = signed(tmp_path, signer, issuer.fragment())
    keys = tmp_path / "jwks.json"
    keys.write_text(json.dumps(issuer.jwks()))
    for source in (issuer.jwks(), keys, str(keys), f"{issuer.url}/.well-known/jwks.json"):
        assert verify(path, source).check == "chk-test-1"
    assert step(path, tmp_path / "missing.json").step == "bad-jwks"


def test_no_manifest(issuer: Issuer, tmp_path: Path) -> None:
    plain = tmp_path / "plain.png"
    plain.write_bytes(png_bytes())
    assert step(plain, issuer.jwks()).step == "no-manifest"


def test_no_likeness_assertion(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    path = signed(tmp_path, signer, issuer.fragment()[1:])
    assert step(path, issuer.jwks()).step == "no-assertion"


def test_bad_signature(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    fragment = issuer.fragment()
    data = fragment[0]["data"]
    head, payload, signature = data["attestation"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["use"]["destination"] = "marketing"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    data.update(attestation=f"{head}.{forged}.{signature}", destination="marketing")
    failed = step(signed(tmp_path, signer, fragment), issuer.jwks())
    assert failed.step == "bad-signature" and "does not verify" in failed.message


def test_a_receipt_is_not_a_media_attestation(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    fragment = issuer.fragment()
    fragment[0]["data"]["attestation"] = issuer.sign(
        {"alg": "EdDSA", "kid": issuer.kid, "typ": "likeness-receipt+jws"}, {"iss": issuer.url, "receipt": {}}
    )
    failed = step(signed(tmp_path, signer, fragment), issuer.jwks())
    assert failed.step == "bad-signature" and "likeness-media+jws" in failed.message


def test_unknown_key(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    path = signed(tmp_path, signer, issuer.fragment())
    failed = step(path, Issuer("another-key").jwks())
    assert failed.step == "unknown-key" and "issuer-key-2026" in failed.message


def test_the_key_set_is_never_taken_from_the_file(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    """A forger's file points its jwks field at the forger's own key set: it is not read."""
    forger = Issuer("forger-key")
    forger.serve()
    try:
        path = signed(tmp_path, signer, forger.fragment())
        assert step(path, issuer.jwks()).step == "unknown-key"
        assert verify(path, forger.jwks()).check == "chk-test-1"  # it is the forger's, nobody else's
    finally:
        forger.close()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("decision", "notify"),
        ("aspects", ["face", "voice"]),
        ("performerRef", "pr-someone-else"),
        ("check", "chk-2"),
        ("issuer", "https://elsewhere.example"),
        ("status", {"idx": 8, "uri": "x"}),
        ("territory", None),
        ("jwks", "https://elsewhere.example/jwks.json"),
        ("extra", "a field the payload does not sign"),
    ],
)
def test_fields_differing_from_the_signed_payload(
    issuer: Issuer, signer: Any, tmp_path: Path, field: str, value: Any
) -> None:
    fragment = issuer.fragment()
    if value is None:
        del fragment[0]["data"][field]
    else:
        fragment[0]["data"][field] = value
    failed = step(signed(tmp_path, signer, fragment), issuer.jwks())
    assert failed.step == "fields-differ" and failed.field == field


def test_consent_withdrawn(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    path = signed(tmp_path, signer, issuer.fragment(idx=13))
    issuer.revoked = {12, 14}
    assert verify(path, issuer.jwks()).consent_status == "valid"
    issuer.revoked = {13}
    failed = step(path, issuer.jwks())
    assert failed.step == "consent-withdrawn" and "13" in failed.message
    assert verify(path, issuer.jwks(), check_status_list=False).consent_status == "unknown"


def test_an_unreachable_status_list_is_not_a_failure(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    path = signed(tmp_path, signer, issuer.fragment())
    jwks = issuer.jwks()
    issuer.close()
    assert verify(path, jwks).consent_status == "unknown"


def test_a_status_list_signed_by_another_key_is_refused(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    path = signed(tmp_path, signer, issuer.fragment())
    other = Issuer(issuer.kid)
    jwks = issuer.jwks()
    issuer.key = other.key  # the list served from now on is signed by another key under the same kid
    assert step(path, jwks).step == "bad-signature"


def test_status_bits_are_least_significant_first() -> None:
    import zlib

    lst = base64.urlsafe_b64encode(zlib.compress(bytes([0b00000010, 0b10000000]))).rstrip(b"=").decode()
    assert [status_bit(lst, i) for i in range(16)] == [0, 1] + [0] * 13 + [1]


# Against the live server (pipeline.md's version 2).


def test_verify_what_embed_wrote(client: Client, server: Server, signer: Any, tmp_path: Path, v2: None) -> None:
    source, dest = tmp_path / "shot.png", tmp_path / "shot.signed.png"
    source.write_bytes(png_bytes())
    check = client.gate(**ALLOWED)
    embed(client, check.id, source, dest, signer)
    attested = verify(dest, f"{server.url}/.well-known/jwks.json")
    assert attested.check == check.id and attested.decision == check.decision
    assert attested.consent_status == "valid" and attested.issuer == server.url
    assert attested.obligations == check.obligations and attested.decided_at == check.decided_at
    keys = client.jwks().to_json()
    assert verify(dest, keys).check == check.id


def test_a_revocation_withdraws_the_consent(
    client: Client, server: Server, signer: Any, tmp_path: Path, v2: None
) -> None:
    """A performer and a grant of their own, attested into a file, then revoked."""
    performer = server.casting("POST", "/v1/performers", {"name": "Revocable Test Performer"})["id"]
    grant = server.casting(
        "POST",
        "/v1/grants",
        {
            "performer": performer,
            "production": "prod-nova",
            "uses": ["replica"],
            "aspects": ["face"],
            "destinations": ["temporary"],
            "territories": ["*"],
            "validUntil": "2099-12-31",
            "signedBy": "performer",
            "description": "Face replica for previs of the client's revocation test",
        },
    )["id"]
    check = client.gate(**dict(ALLOWED, performer=performer))
    assert check.grants == [grant]
    source, dest = tmp_path / "r.png", tmp_path / "r.signed.png"
    source.write_bytes(png_bytes())
    embed(client, check.id, source, dest, signer)
    jwks = client.jwks().to_json()
    assert verify(dest, jwks).consent_status == "valid"
    server.casting("POST", f"/v1/grants/{grant}/revoke", {"reason": "The performer withdrew consent today"})
    failed = step(dest, jwks)
    assert failed.step == "consent-withdrawn"
    assert verify(dest, jwks, check_status_list=False).check == check.id
