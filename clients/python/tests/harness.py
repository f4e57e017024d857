"""A live Likeness server for the tests and the benchmark, and the media they sign.

The server is the prebuilt binary ``$LIKENESS_BIN`` (default ``<repo>/.build/debug/likeness``):
nothing is built here. It serves a temporary database made with ``likeness init`` and the
repository's fixtures (their dates moved to today, as ``scripts/demo`` does) on a free loopback
port, with ``--issuer`` its own URL so that status lists are reachable.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(os.environ.get("LIKENESS_BIN") or ROOT / ".build" / "debug" / "likeness").resolve()
FIXTURES_AS_OF = "2026-11-28"
TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
COMPOSITE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"

# Uses of the fixtures, one per outcome (README's walk-through).
NOTIFY = {"production": "prod-nova", "use": "ideation", "destination": "temporary", "tool": "t-vault"}
ALLOWED = {
    "production": "prod-nova",
    "performer": "p-lena",
    "use": "replica",
    "aspects": ["face"],
    "destination": "temporary",
    "tool": "t-vault",
}
NEEDS_APPROVAL = dict(ALLOWED, destination="final", territory="DE")
DENIED = {
    "production": "prod-nova",
    "performer": "p-omar",
    "use": "replica",
    "aspects": ["face", "voice"],
    "destination": "final",
    "territory": "GB",
    "tool": "t-vault",
}
# Elif's face altered for the final cut of Harbor: g-elif-1 and ap-harbor cover it.
ALTERATION = {
    "production": "prod-harbor",
    "performer": "p-elif",
    "use": "alteration",
    "aspects": ["face"],
    "destination": "final",
    "territory": "DE",
    "tool": "t-vault",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def cli(db: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(BIN), *args, "--db", str(db)],
        capture_output=True,
        text=True,
        input=stdin if stdin is not None else "",
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"likeness {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


@dataclass
class Server:
    url: str
    db: Path
    work: Path
    production_key: str
    casting_key: str
    admin_key: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def casting(self, method: str, path: str, body: Any = None, key: str | None = None) -> Any:
        """A call as casting (to record and revoke consents), or with another `key`."""
        response = httpx.request(
            method,
            self.url + path,
            json=body,
            headers={"Authorization": f"Bearer {key or self.casting_key}"},
            timeout=30,
        )
        if response.status_code >= 300:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else None


def api_key(db: Path, name: str, role: str) -> str:
    out = cli(db, "account", "api-key", "--name", name, "--role", role)
    return out.split()[1]


@contextmanager
def running_server() -> Iterator[Server]:
    if not BIN.exists():
        raise RuntimeError(
            f"no likeness binary at {BIN}: build it (swift build --product likeness) or set $LIKENESS_BIN"
        )
    work = Path(tempfile.mkdtemp(prefix="likeness-client-"))
    db = work / "client.sqlite"
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    fixtures = work / "fixtures"
    subprocess.run(
        [
            "python3",
            str(ROOT / "scripts/demo.d/shift-dates.py"),
            FIXTURES_AS_OF,
            today,
            str(fixtures),
            str(ROOT / "fixtures/demo.json"),
            str(ROOT / "fixtures/csv/grants.csv"),
        ],
        check=True,
    )
    cli(db, "init", "--admin", "admin", env={"LIKENESS_ADMIN_PASSWORD": "client-test-admin-pass"})
    cli(db, "import", str(fixtures / "demo.json"), str(fixtures / "grants.csv"))
    production_key = api_key(db, "pipeline", "production")
    casting_key = api_key(db, "casting-tests", "casting")
    admin_key = api_key(db, "admin-tests", "admin")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(work / "serve.log", "ab")
    process = subprocess.Popen(
        [str(BIN), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port), "--issuer", url],
        stdout=subprocess.DEVNULL,
        stderr=log,
        stdin=subprocess.DEVNULL,
    )
    server = Server(url, db, work, production_key, casting_key, admin_key, process)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {(work / 'serve.log').read_text()[-2000:]}")
            time.sleep(0.05)
        yield server
    finally:
        server.stop()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


# Media and signers.


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    """An RGB PNG of a gradient, written with zlib alone."""
    rows = b"".join(
        b"\x00" + b"".join(bytes([x * 255 // width, y * 255 // height, 160]) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg_bytes(width: int = 64, height: int = 48) -> bytes:
    """A JPEG of the same gradient (Pillow)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png_bytes(width, height)))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def test_chain(directory: Path) -> tuple[Path, Path]:
    """A CA and an Ed25519 signing certificate under it (C2PA refuses self-signed signers), as the
    repository's attestation test makes them; returns (chain PEM file, key PEM file)."""
    now = datetime.datetime.now(datetime.timezone.utc)

    def name(cn: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, cn),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Likeness test"),
            ]
        )

    def usage(sign_certs: bool) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=True,
            content_commitment=False,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=sign_certs,
            crl_sign=sign_certs,
            encipher_only=False,
            decipher_only=False,
        )

    ca_key, leaf_key = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()
    before, after = now - datetime.timedelta(days=1), now + datetime.timedelta(days=7)
    ca = (
        x509.CertificateBuilder()
        .not_valid_before(before)
        .not_valid_after(after)
        .subject_name(name("Likeness client test CA"))
        .issuer_name(name("Likeness client test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, None)
    )
    leaf = (
        x509.CertificateBuilder()
        .not_valid_before(before)
        .not_valid_after(after)
        .subject_name(name("Likeness client test pipeline"))
        .issuer_name(ca.subject)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, None)
    )
    chain = directory / "chain.pem"
    key = directory / "signer.key"
    chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return chain, key


# A stand-in issuer of media attestations and status lists (for verify()'s steps without the
# server's version 2): its own Ed25519 key under a kid that is not the RFC 7638 thumbprint.


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Issuer:
    def __init__(self, kid: str = "issuer-key-2026") -> None:
        self.key = ed25519.Ed25519PrivateKey.generate()
        self.kid = kid
        self.revoked: set[int] = set()
        self.size = 1024
        self._http: ThreadingHTTPServer | None = None
        self.url = "http://127.0.0.1:9"  # until serve()

    def jwk(self) -> dict[str, str]:
        x = self.key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url(x), "kid": self.kid, "use": "sig", "alg": "EdDSA"}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.jwk()]}

    def sign(self, header: dict[str, Any], payload: dict[str, Any]) -> str:
        head = b64url(json.dumps(header, separators=(",", ":")).encode())
        body = b64url(json.dumps(payload, separators=(",", ":")).encode())
        signature = self.key.sign(f"{head}.{body}".encode())
        return f"{head}.{body}.{b64url(signature)}"

    def status_uri(self) -> str:
        return f"{self.url}/v1/status-lists/0"

    def consent_assertion(self, check: str = "chk-test-1", idx: int = 7, **changes: Any) -> dict[str, Any]:
        """A version 2 org.likeness.consent-check assertion with its media attestation."""
        status = {"idx": idx, "uri": self.status_uri()}
        use: dict[str, Any] = {
            "check": check,
            "decision": "allowed",
            "decidedAt": "2026-12-07T10:00:00Z",
            "use": "replica",
            "aspects": ["face"],
            "destination": "final",
            "territory": "DE",
            "tool": {"id": "t-vault", "name": "Vault Studio Gen", "vendor": "Northlight IT"},
            "obligations": ["notify-contact", "disclose-synthetic-media"],
            "performerRef": "pr-" + hashlib.sha256(check.encode()).hexdigest()[:16],
        }
        payload = {"iss": self.url, "iat": int(time.time()), "status": {"status_list": status}, "use": use}
        jws = self.sign({"alg": "EdDSA", "kid": self.kid, "typ": "likeness-media+jws"}, payload)
        data = {
            "attestation": jws,
            **use,
            "issuer": self.url,
            "jwks": f"{self.url}/.well-known/jwks.json",
            "status": status,
        }
        data.update(changes)
        return {"label": "org.likeness.consent-check", "data": data}

    def fragment(self, **kwargs: Any) -> list[dict[str, Any]]:
        consent = self.consent_assertion(**kwargs)
        check = consent["data"]["check"]
        return [
            consent,
            {
                "label": "c2pa.actions.v2",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.created",
                            "digitalSourceType": TRAINED,
                            "softwareAgent": {"name": "Vault Studio Gen"},
                            "parameters": {"org.likeness.check": check},
                        }
                    ]
                },
            },
        ]

    def status_list(self) -> str:
        bits = bytearray(self.size // 8)
        for idx in self.revoked:
            bits[idx // 8] |= 1 << (idx % 8)
        now = int(time.time())
        payload = {
            "sub": self.status_uri(),
            "iat": now,
            "exp": now + 600,
            "ttl": 60,
            "status_list": {"bits": 1, "lst": b64url(zlib.compress(bytes(bits)))},
        }
        return self.sign({"alg": "EdDSA", "kid": self.kid, "typ": "statuslist+jwt"}, payload)

    def serve(self) -> None:
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/v1/status-lists/0":
                    body, kind = issuer.status_list().encode(), "application/statuslist+jwt"
                elif self.path == "/.well-known/jwks.json":
                    body, kind = json.dumps(issuer.jwks()).encode(), "application/json"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        threading.Thread(target=self._http.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        if self._http:
            self._http.shutdown()
            self._http.server_close()
