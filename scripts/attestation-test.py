#!/usr/bin/env python3
"""Attestations checked by peers that share no code with Likeness (run by scripts/test after the
debug build, with the pinned packages of scripts/requirements.txt in .venv).

1. JWS: an attestation fetched from a live server verifies with the `cryptography` package and the
   key of /.well-known/jwks.json (RFC 7515 compact form, RFC 8037 EdDSA, RFC 7638 key id); its
   payload's receipt is exactly GET /v1/checks/{id}.
2. C2PA: c2pa-python signs a small PNG whose manifest carries Likeness's assertion beside a
   c2pa.actions assertion (digitalSourceType trainedAlgorithmicMedia), with a certificate chain the
   test makes; its reader reads the manifest back; the assertion taken out of it is accepted by
   `likeness receipt verify` (keys from a file and from the server's URL), and the same round trip
   with the attestation altered is refused.
Prints 'attestation-test: N passed, N failed'; exits non-zero on any failure."""
import base64, datetime, hashlib, io, json, os, struct, sys, tempfile, zlib

import c2pa
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import ROOT, Server, Tally, call, cli, connect

PORT = int(os.environ.get("ATTESTATION_PORT", "8190"))
work = tempfile.mkdtemp(prefix="likeness-attestation-")
DB = os.path.join(work, "attest.sqlite")
TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
tally = Tally("attestation-test")
expect = tally.expect


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def get(path, token=None):
    """GET as it is: (status, Content-Type, the body as text)."""
    conn = connect(PORT)
    conn.request("GET", path, headers={"Authorization": "Bearer " + token} if token else {})
    r = conn.getresponse()
    return r.status, r.getheader("Content-Type"), r.read().decode()


def png(width=16, height=16):
    """A small RGB PNG: a gradient, made here."""
    rows = b"".join(b"\x00" + b"".join(bytes([x * 16, y * 16, 160]) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_certificates():
    """A CA and a signing certificate under it (C2PA refuses self-signed signers), Ed25519."""
    now = datetime.datetime.now(datetime.timezone.utc)

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Likeness test")])

    def usage(sign_certs):
        return x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                             key_agreement=False, key_cert_sign=sign_certs, crl_sign=sign_certs, encipher_only=False,
                             decipher_only=False)
    ca_key, leaf_key = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()
    validity = dict(not_valid_before=now - datetime.timedelta(days=1), not_valid_after=now + datetime.timedelta(days=7))
    ca = (x509.CertificateBuilder(**validity).subject_name(name("Likeness test CA")).issuer_name(name("Likeness test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(usage(True), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, None))
    leaf = (x509.CertificateBuilder(**validity).subject_name(name("Likeness test pipeline")).issuer_name(ca.subject)
            .public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage(False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, None))
    chain = leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)
    key = leaf_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return chain, key


def embed_and_read(assertion, chain, key):
    """Signs a PNG carrying `assertion` as a generation pipeline would, then reads the manifest back
    with c2pa-python's reader and returns (Likeness's assertion as read, the manifest store)."""
    manifest = {
        "claim_generator_info": [{"name": "likeness-attestation-test", "version": "1"}],
        "title": "shot-042.png",
        "format": "image/png",
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": [{"action": "c2pa.created", "digitalSourceType": TRAINED}]}},
            assertion,
        ],
    }
    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(b"ed25519", chain, key, None))
    signed = io.BytesIO()
    with c2pa.Builder(json.dumps(manifest)) as builder:
        builder.sign(signer, "image/png", io.BytesIO(png()), signed)
    signed.seek(0)
    with c2pa.Reader("image/png", signed) as reader:
        store = json.loads(reader.json())
    active = store["manifests"][store["active_manifest"]]
    found = [a for a in active["assertions"] if a["label"] == "org.likeness.consent-check"]
    return (found[0] if found else None), store


def main():
    cli(DB, "init", "--admin", "admin", env={"LIKENESS_ADMIN_PASSWORD": "attest-admin-pass"})
    cli(DB, "import", os.path.join(ROOT, "fixtures/demo.json"), os.path.join(ROOT, "fixtures/csv/grants.csv"))
    token = cli(DB, "account", "api-key", "--name", "pipeline", "--role", "production").stdout.split()[1]
    server = Server(DB, "--issuer", "https://likeness.example", port=PORT, log=os.path.join(work, "serve.log"))
    try:
        run(token)
    finally:
        server.stop(timeout=30)
    sys.exit(tally.report())


def run(token):
    status, check = call(connect(PORT), "POST", "/v1/checks", token=token,
                         body={"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face"],
                               "destination": "temporary", "tool": "t-vault"})
    expect(status == 200, f"a check is stored ({status})")
    check_id = check["id"]
    status, kind, jws = get(f"/v1/checks/{check_id}/attestation", token)
    expect(status == 200 and kind == "application/jose", f"the attestation is served as application/jose ({status}, {kind})")
    _, _, stored = get(f"/v1/checks/{check_id}", token)
    status, _, jwks_text = get("/.well-known/jwks.json")
    expect(status == 200, "the key set is served without credentials")
    jwks = json.loads(jwks_text)

    # 1. The JWS, verified with `cryptography` alone.
    header_b64, payload_b64, signature_b64 = jws.split(".")
    header = json.loads(b64url_decode(header_b64))
    payload_bytes = b64url_decode(payload_b64)
    payload = json.loads(payload_bytes)
    expect(header == {"alg": "EdDSA", "kid": header.get("kid"), "typ": "likeness-receipt+jws"}, f"the header is the spec's: {header}")
    key = next((k for k in jwks["keys"] if k["kid"] == header["kid"]), None)
    expect(key is not None and key["kty"] == "OKP" and key["crv"] == "Ed25519" and key["alg"] == "EdDSA" and key["use"] == "sig",
           "the key set holds the header's key as an OKP Ed25519 signing key")
    thumbprint = b64url(hashlib.sha256(json.dumps({"crv": "Ed25519", "kty": "OKP", "x": key["x"]},
                                                  separators=(",", ":"), sort_keys=True).encode()).digest())
    expect(thumbprint == header["kid"], "the key id is the RFC 7638 thumbprint")
    public = ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(key["x"]))
    try:
        public.verify(b64url_decode(signature_b64), f"{header_b64}.{payload_b64}".encode())
        expect(True, "the signature verifies")
    except InvalidSignature:
        expect(False, "the signature verifies")
    try:
        public.verify(b64url_decode(signature_b64), f"{header_b64}.{payload_b64[:-4]}AAAA".encode())
        expect(False, "a changed payload does not verify")
    except InvalidSignature:
        expect(True, "a changed payload does not verify")
    expect(payload["iss"] == "https://likeness.example" and isinstance(payload["iat"], int), f"iss and iat: {payload}")
    expect(payload["receipt"] == json.loads(stored), "the receipt is the stored check")
    expect(b',"receipt":' + stored.encode() + b"}" in payload_bytes, "the receipt is the stored check byte for byte")

    # 2. A real C2PA round trip.
    status, _, assertion_text = get(f"/v1/checks/{check_id}/c2pa", token)
    assertion = json.loads(assertion_text)
    data = assertion.get("data", {})
    expect(status == 200 and assertion["label"] == "org.likeness.consent-check"
           and dict(data, attestation=None) == {"attestation": None, "check": check_id, "decision": "allowed", "issuer": "https://likeness.example"},
           f"the C2PA assertion: {assertion}")
    # Each attestation is signed when it is asked for, so its iat may be a second later than the first one's.
    c2pa_header_b64, c2pa_payload_b64, c2pa_signature_b64 = data["attestation"].split(".")
    c2pa_payload = json.loads(b64url_decode(c2pa_payload_b64))
    expect(c2pa_header_b64 == header_b64 and dict(c2pa_payload, iat=None) == dict(payload, iat=None)
           and 0 <= c2pa_payload["iat"] - payload["iat"] <= 5,
           f"the assertion's attestation is the check's, signed by the same key: {c2pa_payload}")
    try:
        public.verify(b64url_decode(c2pa_signature_b64), f"{c2pa_header_b64}.{c2pa_payload_b64}".encode())
        expect(True, "the assertion's attestation verifies")
    except InvalidSignature:
        expect(False, "the assertion's attestation verifies")
    chain, key_pem = test_certificates()
    read_back, store = embed_and_read(assertion, chain, key_pem)
    codes = [s["code"] for s in store.get("validation_status", [])]
    expect(store.get("validation_state") in ("Valid", "Trusted") and set(codes) <= {"signingCredential.untrusted"},
           f"the manifest validates (but for the test CA being nobody's trust anchor): {store.get('validation_state')} {codes}")
    actions = [a for a in store["manifests"][store["active_manifest"]]["assertions"] if a["label"].startswith("c2pa.actions")]
    expect(actions and actions[0]["data"]["actions"][0].get("digitalSourceType") == TRAINED, "the actions say trainedAlgorithmicMedia")
    expect(read_back == assertion, "the assertion reads back as it was put in")
    jwks_file = os.path.join(work, "jwks.json")
    with open(jwks_file, "w") as f:
        f.write(jwks_text)
    extracted = json.dumps(read_back)
    result = cli(None, "receipt", "verify", "--jwks", jwks_file, "-", stdin=extracted, check=False)
    expect(result.returncode == 0 and f"check {check_id}" in result.stdout and "allowed" in result.stdout,
           f"receipt verify accepts the assertion read from the image: {result.returncode} {result.stdout} {result.stderr}")
    result = cli(None, "receipt", "verify", "--jwks", f"http://127.0.0.1:{PORT}/.well-known/jwks.json", "-", stdin=extracted,
                 check=False)
    expect(result.returncode == 0, f"receipt verify fetches the key set from the server's URL: {result.stderr}")

    altered_payload = dict(payload, receipt=dict(payload["receipt"], decision="allowed", obligations=[]))
    altered_jws = f"{header_b64}.{b64url(json.dumps(altered_payload, separators=(',', ':')).encode())}.{signature_b64}"
    altered = {"label": assertion["label"], "data": dict(assertion["data"], attestation=altered_jws)}
    read_altered, _ = embed_and_read(altered, chain, key_pem)
    result = cli(None, "receipt", "verify", "--jwks", jwks_file, "-", stdin=json.dumps(read_altered), check=False)
    expect(result.returncode == 1 and "invalid:" in result.stderr and "does not verify" in result.stderr,
           f"receipt verify refuses the altered attestation read from the image: {result.returncode} {result.stderr}")


if __name__ == "__main__":
    main()
