#!/usr/bin/env python3
"""The whole loop of a generation pipeline, against the demo server (scripts/demo), with no model:

1. gate: ask Likeness whether Lena's face may be used for previs of Nova (allowed in the demo);
2. generate: "the model" paints a gradient PNG (pure Python, zlib);
3. embed: sign it with a C2PA manifest holding the check's assertions (a throwaway test CA made
   here stands in for the studio's signing certificate);
4. verify: read the file back and verify the media attestation against the service's key set.

    scripts/demo &                                   # serves 127.0.0.1:8080
    .venv/bin/python clients/python/examples/pipeline_loop.py [--url URL] [--out DIR]

Credentials: $LIKENESS_API_KEY (or --api-key), else the demo's production account.
Exits 0 when the file verifies.
"""

from __future__ import annotations

import argparse
import datetime
import os
import struct
import sys
import tempfile
import zlib
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from likeness_client import Client, Denied, LikenessError, NeedsApproval, embed, signer_from_files, verify

USE = {
    "production": "prod-nova",
    "performer": "p-lena",
    "use": "replica",
    "aspects": ["face"],
    "destination": "temporary",
    "tool": "t-vault",
}


def generate(path: Path, width: int = 256, height: int = 160) -> None:
    """Stands in for the model: a gradient, written as a PNG with zlib alone."""
    rows = b"".join(
        b"\x00" + b"".join(bytes([x * 255 // width, y * 255 // height, 128 + x * 127 // width]) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    )


def throwaway_chain(directory: Path) -> tuple[Path, Path]:
    """A test CA and an Ed25519 signing certificate under it (C2PA wants a chain, not a self-signed
    certificate). A studio uses its own signing certificate instead."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, leaf_key = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def usage(ca: bool) -> x509.KeyUsage:
        return x509.KeyUsage(True, False, False, False, False, ca, ca, False, False)

    def builder(subject: str, issuer: str, key: ed25519.Ed25519PublicKey) -> x509.CertificateBuilder:
        return (
            x509.CertificateBuilder()
            .subject_name(name(subject))
            .issuer_name(name(issuer))
            .public_key(key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key), critical=False)
        )

    ca = (
        builder("Example pipeline CA", "Example pipeline CA", ca_key.public_key())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(True), critical=True)
        .sign(ca_key, None)
    )
    leaf = (
        builder("Example pipeline", "Example pipeline CA", leaf_key.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, None)
    )
    chain, key = directory / "chain.pem", directory / "signer.key"
    chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return chain, key


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--url", default=os.environ.get("LIKENESS_URL", "http://127.0.0.1:8080"))
    options.add_argument("--api-key", default=os.environ.get("LIKENESS_API_KEY"))
    options.add_argument("--out", type=Path, default=None, help="where to write the images (default: a temp dir)")
    args = options.parse_args()
    out: Path = args.out or Path(tempfile.mkdtemp(prefix="likeness-example-"))
    out.mkdir(parents=True, exist_ok=True)

    if args.api_key:
        client = Client(args.url, api_key=args.api_key)
    else:
        client = Client.sign_in(args.url, "production", "demo-production-pass")
    with client:
        # 1-2. Gate, then generate only if the use may go ahead.
        raw = out / "shot-042.png"
        try:
            with client.gate(**USE) as check:
                generate(raw)
        except NeedsApproval as needs:
            wanted = ", ".join(needs.requirements)
            print(f"needs approval of {wanted} (check {needs.check.id}); ask for it with needs.request(note)")
            return 2
        except Denied as denied:
            print("denied:", "; ".join(f"[{r.code}] {r.message}" for r in denied.reasons))
            return 3
        print(
            f"gate: {check.decision} (check {check.id}, obligations: {', '.join(check.obligations)}); generated {raw}"
        )

        # 3. Embed the check in the file's C2PA manifest.
        signed = out / "shot-042.signed.png"
        embed(client, check.id, raw, signed, signer_from_files(*throwaway_chain(out)))
        print(f"embed: wrote {signed}")

    # 4. Verify, with the key set of the service we trust (never one named by the file).
    try:
        attested = verify(signed, f"{args.url.rstrip('/')}/.well-known/jwks.json")
    except LikenessError as error:
        print(f"verify: FAILED at {error.code}: {error.message}")
        return 1
    print(
        f"verify: check {attested.check} {attested.decision}, {attested.use} of {', '.join(attested.aspects)} "
        f"for {attested.destination}, signed by {attested.issuer} (key {attested.kid}); "
        f"consent {attested.consent_status}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
