#!/usr/bin/env python3
"""Attestations checked by peers that share no code with Likeness (run by scripts/test after the
debug build, with the pinned packages of scripts/requirements.txt in .venv).

1. JWS: an attestation fetched from a live server verifies with the `cryptography` package and the
   key of /.well-known/jwks.json (RFC 7515 compact form, RFC 8037 EdDSA, RFC 7638 key id); its
   payload's receipt is exactly GET /v1/checks/{id}.
2. C2PA (version 2 of GET /v1/checks/{id}/c2pa): the media attestation verifies with
   `cryptography` and signs exactly the consent-check assertion's fields, naming no performer;
   c2pa-python signs a small PNG whose manifest carries the three assertions Likeness answers
   (consent check, c2pa.actions.v2 with trainedAlgorithmicMedia, cawg.training-mining), with a
   certificate chain the test makes; its reader reads the manifest back and validates it; the
   assertion taken out of it is accepted by `likeness receipt verify` (keys from a file and from
   the server's URL), and the same round trip with the attestation altered is refused.
3. Status list: the list the attestation names is a statuslist+jwt that verifies with
   `cryptography`; its zlib-compressed bits, read least significant bit first, say 0 for the
   check, then 1 once the grant it relied on is revoked (by the CLI, another process).
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


def embed_and_read(assertions, chain, key):
    """Signs a PNG carrying `assertions` (the c2pa answer's) as a generation pipeline would, then reads
    the manifest back with c2pa-python's reader and returns (Likeness's assertion as read, the store)."""
    manifest = {
        "claim_generator_info": [{"name": "likeness-attestation-test", "version": "1"}],
        "title": "shot-042.png",
        "format": "image/png",
        "assertions": assertions,
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

    # 2. The media attestation, then a real C2PA round trip.
    status, _, fragment_text = get(f"/v1/checks/{check_id}/c2pa", token)
    fragment = json.loads(fragment_text)
    assertions = fragment.get("assertions", [])
    expect(status == 200 and [a["label"] for a in assertions] == ["org.likeness.consent-check", "c2pa.actions.v2", "cawg.training-mining"],
           f"the c2pa answer holds the three assertions: {fragment}")
    assertion = assertions[0]
    data = assertion["data"]
    expect("p-lena" not in fragment_text and "Lena" not in fragment_text and "g-lena-1" not in fragment_text,
           "the manifest fragment names neither the performer nor the grant")
    expect(data["check"] == check_id and data["decision"] == "allowed" and data["issuer"] == "https://likeness.example"
           and data["jwks"] == "https://likeness.example/.well-known/jwks.json" and data["use"] == "replica"
           and data["tool"] == {"id": "t-vault", "name": "Vault Studio Gen", "vendor": "Northlight IT"} and data.get("performerRef"),
           f"the consent check's fields: {data}")
    media_header_b64, media_payload_b64, media_signature_b64 = data["attestation"].split(".")
    media_header = json.loads(b64url_decode(media_header_b64))
    media_payload = json.loads(b64url_decode(media_payload_b64))
    expect(media_header == {"alg": "EdDSA", "kid": header["kid"], "typ": "likeness-media+jws"}, f"the media header: {media_header}")
    shown = {k: v for k, v in data.items() if k not in ("attestation", "issuer", "jwks", "status")}
    expect(set(media_payload) == {"iss", "iat", "status", "use"} and media_payload["use"] == shown
           and media_payload["iss"] == data["issuer"] and media_payload["status"] == {"status_list": data["status"]}
           and media_payload["status"] == payload["status"],
           f"the media attestation signs exactly the assertion's fields and the check's status entry: {media_payload}")
    try:
        public.verify(b64url_decode(media_signature_b64), f"{media_header_b64}.{media_payload_b64}".encode())
        expect(True, "the media attestation verifies")
    except InvalidSignature:
        expect(False, "the media attestation verifies")
    chain, key_pem = test_certificates()
    read_back, store = embed_and_read(assertions, chain, key_pem)
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

    altered_payload = dict(media_payload, use=dict(media_payload["use"], destination="final"))
    altered_jws = f"{media_header_b64}.{b64url(json.dumps(altered_payload, separators=(',', ':')).encode())}.{media_signature_b64}"
    altered = {"label": assertion["label"], "data": dict(assertion["data"], attestation=altered_jws, destination="final")}
    read_altered, _ = embed_and_read([altered] + assertions[1:], chain, key_pem)
    result = cli(None, "receipt", "verify", "--jwks", jwks_file, "-", stdin=json.dumps(read_altered), check=False)
    expect(result.returncode == 1 and "invalid:" in result.stderr and "does not verify" in result.stderr,
           f"receipt verify refuses the altered attestation read from the image: {result.returncode} {result.stderr}")

    # 3. The status list the attestation names, before and after the grant's revocation.
    entry = payload["status"]["status_list"]
    expect(entry["uri"].startswith("https://likeness.example/v1/status-lists/"), f"the status entry: {entry}")

    def status_bit():
        status, kind, token_text = get(entry["uri"][len("https://likeness.example"):])
        list_header_b64, list_payload_b64, list_signature_b64 = token_text.split(".")
        list_header = json.loads(b64url_decode(list_header_b64))
        list_payload = json.loads(b64url_decode(list_payload_b64))
        expect(status == 200 and kind == "application/statuslist+jwt" and list_header["typ"] == "statuslist+jwt"
               and list_header["kid"] == header["kid"], f"the status list is a statuslist+jwt: {status} {kind} {list_header}")
        expect(list_payload["sub"] == entry["uri"] and list_payload["ttl"] == 60 and list_payload["exp"] > list_payload["iat"]
               and list_payload["status_list"]["bits"] == 1, f"the status list's claims: {dict(list_payload, status_list=None)}")
        try:
            public.verify(b64url_decode(list_signature_b64), f"{list_header_b64}.{list_payload_b64}".encode())
            expect(True, "the status list verifies")
        except InvalidSignature:
            expect(False, "the status list verifies")
        bits = zlib.decompress(b64url_decode(list_payload["status_list"]["lst"]))
        return (bits[entry["idx"] // 8] >> (entry["idx"] % 8)) & 1, sum(bin(b).count("1") for b in bits)

    expect(status_bit() == (0, 0), "the check's status is 0 while its grant is active")
    cli(DB, "grant", "revoke", "g-lena-1", "--reason", "withdrawn by the performer", "--actor", "casting")
    expect(status_bit() == (1, 1), "the check's status is 1 once the grant it relied on is revoked")


if __name__ == "__main__":
    main()
