"""Writing the consent check into the media's C2PA manifest (c2pa-python)."""

from __future__ import annotations

import copy
import io
import json
import mimetypes
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import c2pa

from ._version import __version__

if TYPE_CHECKING:
    from .client import Client

StrPath = str | os.PathLike[str]

# The formats c2pa-python signs that pipelines write; others are guessed from the extension.
MIME = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".gif": "image/gif",
    ".avif": "image/avif",
    ".heic": "image/heic",
    ".mp4": "video/mp4",
    ".mov": "video/quicktime",
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
}
PARENT_ID = "likeness-parent"
TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


def mime_type(path: StrPath) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in MIME:
        return MIME[suffix]
    guessed, _ = mimetypes.guess_type(str(path))
    if guessed is None:
        raise ValueError(f"{path}: unknown media type (extension {suffix!r})")
    return guessed


def manifest_definition(assertions: list[dict[str, Any]], title: str, format: str) -> dict[str, Any]:
    """The manifest of the media: the fragment's assertions, and for an alteration (a
    ``c2pa.opened`` action) the ``c2pa.opened`` action linked to the parent ingredient."""
    assertions = copy.deepcopy(assertions)
    for assertion in assertions:
        if not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        for action in assertion.get("data", {}).get("actions", []):
            if action.get("action") == "c2pa.opened":
                parameters = action.setdefault("parameters", {})
                parameters["ingredientIds"] = [PARENT_ID]
    return {
        "claim_generator_info": [{"name": "likeness-client", "version": __version__}],
        "title": title,
        "format": format,
        "assertions": assertions,
    }


def opens_parent(assertions: list[dict[str, Any]]) -> bool:
    return any(
        action.get("action") == "c2pa.opened"
        for assertion in assertions
        if str(assertion.get("label", "")).startswith("c2pa.actions")
        for action in assertion.get("data", {}).get("actions", [])
    )


def embed(client: Client, check_id: str, source: StrPath, dest: StrPath, signer: Any) -> Path:
    """Writes `dest`: `source` with a C2PA manifest signed by `signer` (a ``c2pa.Signer``) that holds
    the assertions of ``GET /v1/checks/{check_id}/c2pa``. For an alteration (the fragment's actions
    start with ``c2pa.opened``) `source` is also the manifest's parent ingredient, which the
    ``c2pa.opened`` action names. `dest` is replaced only once the signed file is complete.
    Raises what the client raises (``Conflict`` ``not-attestable`` for a check that may not be
    attested into media) and ``c2pa.C2paError`` when c2pa-python refuses."""
    fragment = client.c2pa(check_id)
    assertions = [a.to_json() for a in fragment.assertions]
    if not any(a["label"].startswith("c2pa.actions") for a in assertions):
        # A server still at version 1 answers the Likeness assertion alone and leaves the actions
        # to the caller: the media was made by a generative model.
        action = {
            "action": "c2pa.created",
            "digitalSourceType": TRAINED,
            "parameters": {"org.likeness.check": check_id},
        }
        assertions.append({"label": "c2pa.actions.v2", "data": {"actions": [action]}})
    return embed_assertions(assertions, source, dest, signer)


def embed_assertions(assertions: list[dict[str, Any]], source: StrPath, dest: StrPath, signer: Any) -> Path:
    """``embed`` with the assertions given (no service call)."""
    source, dest = Path(source), Path(dest)
    format = mime_type(source)
    if mime_type(dest) != format:
        raise ValueError(f"{dest}: the signed file keeps the source's format ({format})")
    data = source.read_bytes()
    definition = manifest_definition(assertions, dest.name, format)
    handle, temporary = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=dest.suffix, dir=dest.parent)
    try:
        with os.fdopen(handle, "w+b") as out, c2pa.Builder(json.dumps(definition)) as builder:
            if opens_parent(assertions):
                ingredient = {"title": source.name, "relationship": "parentOf", "instance_id": PARENT_ID}
                builder.add_ingredient(json.dumps(ingredient), format, io.BytesIO(data))
            builder.sign(signer, format, io.BytesIO(data), out)
        os.replace(temporary, dest)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return dest


def signer_from_files(cert: StrPath, key: StrPath, tsa_url: str | None = None) -> Any:
    """A c2pa-python signer of a PEM certificate chain (the signing certificate first, then its CAs)
    and its PEM private key; the algorithm follows the key (Ed25519, EC P-256/384/521, RSA-PSS)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    chain = Path(cert).read_bytes()
    key_pem = Path(key).read_bytes()
    private = serialization.load_pem_private_key(key_pem, password=None)
    if isinstance(private, ed25519.Ed25519PrivateKey):
        alg = b"ed25519"
    elif isinstance(private, ec.EllipticCurvePrivateKey):
        alg = {"secp256r1": b"es256", "secp384r1": b"es384", "secp521r1": b"es512"}.get(private.curve.name, b"")
    elif isinstance(private, rsa.RSAPrivateKey):
        alg = b"ps256"
    else:
        alg = b""
    if not alg:
        raise ValueError(f"{key}: a key C2PA cannot sign with (use Ed25519, EC P-256/384/521 or RSA)")
    info = c2pa.C2paSignerInfo(alg, chain, key_pem, tsa_url.encode() if tsa_url else None)
    return c2pa.Signer.from_info(info)
