"""Verifying a file's Likeness media attestation offline, and its consent status when reachable."""

from __future__ import annotations

import base64
import binascii
import json
import os
import zlib
from pathlib import Path
from typing import Any

import c2pa
import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from .embed import mime_type
from .errors import VerificationError
from .models import AttestedUse, StatusRef, ToolRef

LABEL = "org.likeness.consent-check"
MEDIA_TYP = "likeness-media+jws"
STATUS_TYP = "statuslist+jwt"
# The assertion's fields that are not the signed use's: they are checked against the payload's
# iss and status, and the key set's URL against the issuer.
ENVELOPE = ("attestation", "issuer", "jwks", "status")

JWKSource = dict[str, Any] | str | os.PathLike[str]


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str) or any(c not in _B64URL for c in text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_B64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def load_jwks(jwks: JWKSource, timeout: float = 10.0) -> dict[str, Any]:
    """The key set: a dict as it is, an http(s) URL fetched (the caller trusts it), else a file."""
    try:
        if isinstance(jwks, dict):
            keys = jwks
        elif isinstance(jwks, str) and jwks.startswith(("http://", "https://")):
            response = httpx.get(jwks, timeout=timeout, follow_redirects=False)
            response.raise_for_status()
            keys = response.json()
        else:
            keys = json.loads(Path(jwks).read_text())
    except (OSError, ValueError, httpx.HTTPError) as error:
        raise VerificationError("bad-jwks", f"cannot read the key set {jwks!r}: {error}") from error
    if not isinstance(keys, dict) or not isinstance(keys.get("keys"), list):
        raise VerificationError("bad-jwks", 'the key set is not a JWKS ({"keys": [...]})')
    return keys


def verify_jws(token: str, jwks: dict[str, Any], typ: str, what: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Verifies a compact JWS signed with Ed25519 by a key of `jwks` found by its ``kid``; returns
    (header, payload). Raises VerificationError ``bad-signature`` or ``unknown-key``."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        raise VerificationError("bad-signature", f"the {what} is not a JWS in compact form")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload_bytes = b64url_decode(parts[1])
        signature = b64url_decode(parts[2])
    except ValueError as error:
        raise VerificationError("bad-signature", f"the {what} is not a well-formed JWS: {error}") from error
    if not isinstance(header, dict) or header.get("alg") != "EdDSA":
        raise VerificationError("bad-signature", f"the {what} is not signed with EdDSA (header {header})")
    if header.get("typ") != typ:
        raise VerificationError("bad-signature", f"the {what}'s type is {header.get('typ')!r}, not {typ!r}")
    kid = header.get("kid")
    key = next((k for k in jwks["keys"] if isinstance(k, dict) and k.get("kid") == kid), None)
    if key is None:
        raise VerificationError(
            "unknown-key", f"the {what} is signed with key {kid!r}, which the key set does not hold", kid=kid
        )
    if key.get("kty") != "OKP" or key.get("crv") != "Ed25519" or key.get("alg", "EdDSA") != "EdDSA":
        raise VerificationError("unknown-key", f"key {kid!r} of the key set is not an Ed25519 key", kid=kid)
    try:
        public = ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(key["x"]))
        public.verify(signature, f"{parts[0]}.{parts[1]}".encode())
    except (ValueError, KeyError, InvalidSignature) as error:
        raise VerificationError(
            "bad-signature", f"the {what}'s signature does not verify with key {kid!r}", kid=kid
        ) from error
    try:
        payload = json.loads(payload_bytes)
    except ValueError as error:
        raise VerificationError("bad-signature", f"the {what}'s payload is not JSON") from error
    if not isinstance(payload, dict):
        raise VerificationError("bad-signature", f"the {what}'s payload is not a JSON object")
    return header, payload


def read_assertion(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The data of the active manifest's Likeness assertion. Raises ``no-manifest`` or
    ``no-assertion``."""
    try:
        format = mime_type(path)
        with open(path, "rb") as stream, c2pa.Reader(format, stream) as reader:
            store = json.loads(reader.json())
    except (c2pa.C2paError, ValueError) as error:
        raise VerificationError("no-manifest", f"{path}: no C2PA manifest could be read ({error})") from error
    manifests = store.get("manifests") or {}
    active = manifests.get(store.get("active_manifest") or "")
    if not active:
        raise VerificationError("no-manifest", f"{path}: the file has no active C2PA manifest")
    for assertion in active.get("assertions", []):
        if assertion.get("label") == LABEL and isinstance(assertion.get("data"), dict):
            data: dict[str, Any] = assertion["data"]
            return data
    raise VerificationError("no-assertion", f"{path}: the manifest holds no {LABEL} assertion")


def compare(assertion: dict[str, Any], payload: dict[str, Any]) -> None:
    """The assertion's fields must be the signed payload's: ``use``'s fields one for one, ``issuer``
    its ``iss``, ``status`` its ``status.status_list``, ``jwks`` the issuer's key set URL."""
    signed = payload.get("use")
    if not isinstance(signed, dict):
        raise VerificationError("bad-signature", "the media attestation's payload has no use")
    differing = sorted(
        name for name in (set(assertion) | set(signed)) - set(ENVELOPE) if assertion.get(name) != signed.get(name)
    )
    iss = payload.get("iss")
    if assertion.get("issuer") != iss:
        differing.append("issuer")
    status_list = (payload.get("status") or {}).get("status_list") if isinstance(payload.get("status"), dict) else None
    if assertion.get("status") != status_list:
        differing.append("status")
    if "jwks" in assertion and isinstance(iss, str) and assertion["jwks"] != f"{iss}/.well-known/jwks.json":
        differing.append("jwks")
    if differing:
        raise VerificationError(
            "fields-differ",
            f"the assertion's {', '.join(differing)} differ from the signed payload",
            field=differing[0],
            fields=differing,
        )


def status_bit(lst: str, idx: int) -> int:
    """Bit `idx` of a token status list's ``lst`` (zlib, base64url; least significant bit first)."""
    data = zlib.decompress(b64url_decode(lst))
    if idx < 0 or idx // 8 >= len(data):
        raise IndexError(f"index {idx} is outside the list of {len(data) * 8}")
    return (data[idx // 8] >> (idx % 8)) & 1


def check_status(status: dict[str, Any], issuer: str, jwks: dict[str, Any], timeout: float) -> bool:
    """Reads the status list; True when it was read (bit 0), False when it could not be reached.
    Raises ``consent-withdrawn`` on a set bit, and a VerificationError when the list read does not
    verify or does not hold the index."""
    uri, idx = status.get("uri"), status.get("idx")
    if not isinstance(uri, str) or not isinstance(idx, int):
        raise VerificationError("fields-differ", "the attestation's status has no uri and idx", field="status")
    if not uri.startswith(issuer.rstrip("/") + "/"):
        raise VerificationError(
            "fields-differ", f"the status list {uri} is not the issuer's ({issuer})", field="status"
        )
    try:
        response = httpx.get(
            uri, timeout=timeout, follow_redirects=False, headers={"Accept": "application/statuslist+jwt"}
        )
    except httpx.HTTPError:
        return False
    if response.status_code != 200:
        return False
    _, payload = verify_jws(response.text.strip(), jwks, STATUS_TYP, "status list")
    if payload.get("sub") != uri:
        raise VerificationError("bad-signature", f"the status list read from {uri} names {payload.get('sub')!r}")
    listing = payload.get("status_list") or {}
    if listing.get("bits") != 1 or not isinstance(listing.get("lst"), str):
        raise VerificationError("bad-signature", f"the status list of {uri} is not a list of 1-bit statuses")
    try:
        bit = status_bit(listing["lst"], idx)
    except (ValueError, IndexError, zlib.error, binascii.Error) as error:
        raise VerificationError("bad-signature", f"the status list of {uri} cannot be read: {error}") from error
    if bit:
        raise VerificationError(
            "consent-withdrawn", f"a consent the check relied on has been revoked (status list {uri}, index {idx})"
        )
    return True


def verify(
    path: str | os.PathLike[str], jwks: JWKSource, *, check_status_list: bool = True, timeout: float = 10.0
) -> AttestedUse:
    """Verifies the Likeness media attestation of the file at `path`: reads its C2PA manifest and
    Likeness assertion, verifies the attestation's Ed25519 signature offline with the key of `jwks`
    (a JWKS dict, a file, or an http(s) URL the caller trusts, never one taken from the file) named
    by its ``kid``, checks the assertion's fields are the signed payload's, then, when the status
    list named in the attestation can be reached, that the consent has not been withdrawn.
    Returns the attested use; raises VerificationError naming the step that failed."""
    keys = load_jwks(jwks, timeout)
    assertion = read_assertion(path)
    header, payload = verify_jws(assertion.get("attestation", ""), keys, MEDIA_TYP, "media attestation")
    compare(assertion, payload)
    use: dict[str, Any] = payload["use"]
    status: dict[str, Any] = payload["status"]["status_list"]
    reached = check_status(status, str(payload.get("iss")), keys, timeout) if check_status_list else False
    tool = use.get("tool")
    known = {
        "check",
        "decision",
        "decidedAt",
        "use",
        "aspects",
        "destination",
        "obligations",
        "territory",
        "tool",
        "performerRef",
    }
    return AttestedUse(
        check=use["check"],
        decision=use["decision"],
        decided_at=use["decidedAt"],
        use=use["use"],
        aspects=list(use.get("aspects") or []),
        destination=use["destination"],
        obligations=list(use.get("obligations") or []),
        issuer=str(payload.get("iss")),
        issued_at=int(payload.get("iat") or 0),
        kid=str(header.get("kid")),
        status=StatusRef.from_json(status),
        consent_status="valid" if reached else "unknown",
        territory=use.get("territory"),
        tool=ToolRef.from_json(tool) if isinstance(tool, dict) else None,
        performer_ref=use.get("performerRef"),
        extra={k: v for k, v in use.items() if k not in known},
    )
