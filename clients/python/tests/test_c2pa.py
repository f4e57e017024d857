"""embed(): the check's C2PA assertions in a manifest signed with a test CA chain, read back with
c2pa-python's Reader (no failure code but the untrusted signing certificate)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import c2pa
import pytest
from harness import ALLOWED, ALTERATION, BIN, COMPOSITE, DENIED, NOTIFY, TRAINED, Issuer, Server, jpeg_bytes, png_bytes

from likeness_client import Client, Conflict, NotFound, embed
from likeness_client.embed import embed_assertions, mime_type

MEDIA = {"png": png_bytes, "jpg": jpeg_bytes}


def read(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the active manifest, the store) as c2pa-python's Reader reads them; asserts the manifest
    validates but for the test CA being nobody's trust anchor."""
    with open(path, "rb") as stream, c2pa.Reader(mime_type(path), stream) as reader:
        store = json.loads(reader.json())
    codes = {s["code"] for s in store.get("validation_status", [])}
    assert store.get("validation_state") in ("Valid", "Trusted"), store.get("validation_status")
    assert codes <= {"signingCredential.untrusted"}, codes
    return store["manifests"][store["active_manifest"]], store


def labelled(manifest: dict[str, Any], label: str) -> dict[str, Any]:
    found = [a for a in manifest["assertions"] if a["label"] == label]
    assert len(found) == 1, [a["label"] for a in manifest["assertions"]]
    data: dict[str, Any] = found[0]["data"]
    return data


@pytest.mark.parametrize("kind", ["png", "jpg"])
def test_embed_writes_the_checks_assertions(client: Client, signer: Any, tmp_path: Path, kind: str) -> None:
    source, dest = tmp_path / f"shot.{kind}", tmp_path / f"shot.signed.{kind}"
    source.write_bytes(MEDIA[kind]())
    check = client.gate(**ALLOWED)
    fragment = client.c2pa(check.id)
    assert embed(client, check.id, source, dest, signer) == dest
    manifest, _ = read(dest)
    for assertion in fragment.assertions:
        if assertion.label.startswith("c2pa.actions"):
            continue  # the builder may add the links of the actions
        assert labelled(manifest, assertion.label) == assertion.data
    assert labelled(manifest, "org.likeness.consent-check")["check"] == check.id
    assert manifest["claim_generator_info"][0]["name"] == "likeness-client"
    assert source.read_bytes() == MEDIA[kind]()


def test_embed_version_2_fragment_of_a_generation(client: Client, signer: Any, tmp_path: Path, v2: None) -> None:
    source, dest = tmp_path / "gen.png", tmp_path / "gen.signed.png"
    source.write_bytes(png_bytes())
    check = client.gate(**ALLOWED)
    embed(client, check.id, source, dest, signer)
    manifest, _ = read(dest)
    actions = labelled(manifest, "c2pa.actions.v2")["actions"]
    assert [a["action"] for a in actions] == ["c2pa.created"]
    assert actions[0]["digitalSourceType"] == TRAINED
    assert actions[0]["softwareAgent"]["name"] == "Vault Studio Gen"
    assert check.id in json.dumps(actions[0]["parameters"])
    entries = labelled(manifest, "cawg.training-mining")["entries"]
    assert entries["cawg.data_mining"]["use"] == "notAllowed" and entries["cawg.ai_inference"]["use"] == "notAllowed"
    assert entries["cawg.ai_training"]["use"] in ("allowed", "notAllowed")
    consent = labelled(manifest, "org.likeness.consent-check")
    assert "performer" not in consent and "p-lena" not in json.dumps(consent)
    assert (
        consent["performerRef"] and consent["use"] == "replica" and consent["status"]["uri"].startswith(client.base_url)
    )


def test_embed_an_alteration_names_the_source_as_parent(client: Client, signer: Any, tmp_path: Path, v2: None) -> None:
    source, dest = tmp_path / "plate.jpg", tmp_path / "plate.altered.jpg"
    source.write_bytes(jpeg_bytes())
    check = client.gate(**ALTERATION)
    embed(client, check.id, source, dest, signer)
    manifest, _ = read(dest)
    actions = labelled(manifest, "c2pa.actions.v2")["actions"]
    assert [a["action"] for a in actions] == ["c2pa.opened", "c2pa.edited"]
    assert actions[1]["digitalSourceType"] == COMPOSITE
    assert_parent(manifest, actions[0], "plate.jpg")


def assert_parent(manifest: dict[str, Any], opened: dict[str, Any], title: str) -> None:
    parents = [i for i in manifest["ingredients"] if i["relationship"] == "parentOf"]
    assert len(parents) == 1 and parents[0]["title"] == title
    links = opened["parameters"]["ingredients"]
    assert len(links) == 1 and links[0]["url"].endswith(parents[0]["label"])


def test_the_opened_action_names_the_parent_ingredient(issuer: Issuer, signer: Any, tmp_path: Path) -> None:
    """Without the server's version 2: an alteration's fragment as pipeline.md gives it, and a
    source that has a manifest of its own (made by an earlier embed)."""
    first, source, dest = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    first.write_bytes(png_bytes())
    embed_assertions(issuer.fragment(check="chk-made"), first, source, signer)
    fragment = issuer.fragment(check="chk-altered")
    fragment[1]["data"]["actions"] = [
        {"action": "c2pa.opened", "parameters": {"org.likeness.check": "chk-altered"}},
        {"action": "c2pa.edited", "digitalSourceType": COMPOSITE, "parameters": {"org.likeness.check": "chk-altered"}},
    ]
    embed_assertions(fragment, source, dest, signer)
    manifest, store = read(dest)
    actions = labelled(manifest, "c2pa.actions.v2")["actions"]
    assert [a["action"] for a in actions] == ["c2pa.opened", "c2pa.edited"]
    assert_parent(manifest, actions[0], "b.png")
    parent = next(i for i in manifest["ingredients"] if i["relationship"] == "parentOf")
    assert parent.get("active_manifest") in store["manifests"], "the parent's own manifest travels with it"
    assert labelled(manifest, "org.likeness.consent-check")["check"] == "chk-altered"


def test_a_check_that_is_not_attestable_writes_nothing(client: Client, signer: Any, tmp_path: Path, v2: None) -> None:
    source, dest = tmp_path / "x.png", tmp_path / "x.signed.png"
    source.write_bytes(png_bytes())
    for use in (DENIED, dict(ALLOWED, use="training")):
        with pytest.raises(Conflict) as refused:
            embed(client, client.check(**use).id, source, dest, signer)
        assert refused.value.code == "not-attestable"
    assert not dest.exists()


def test_an_unknown_check_writes_nothing(client: Client, signer: Any, tmp_path: Path) -> None:
    source, dest = tmp_path / "x.png", tmp_path / "x.signed.png"
    source.write_bytes(png_bytes())
    with pytest.raises(NotFound):
        embed(client, "chk-nothing-here", source, dest, signer)
    assert not dest.exists() and [p.name for p in tmp_path.iterdir()] == ["x.png"]


def test_the_signed_file_keeps_the_source_format(client: Client, signer: Any, tmp_path: Path) -> None:
    source = tmp_path / "x.png"
    source.write_bytes(png_bytes())
    with pytest.raises(ValueError, match="format"):
        embed(client, client.check(**NOTIFY).id, source, tmp_path / "x.jpg", signer)


def signed_manifest(client: Client, signer: Any, tmp_path: Path, use: dict[str, Any]) -> dict[str, Any]:
    source, dest = tmp_path / "m.png", tmp_path / "m.signed.png"
    source.write_bytes(png_bytes())
    embed(client, client.gate(**use).id, source, dest, signer)
    manifest, _ = read(dest)
    return manifest


def test_a_use_without_a_performer(client: Client, signer: Any, tmp_path: Path, v2: None) -> None:
    manifest = signed_manifest(client, signer, tmp_path, NOTIFY)
    consent = labelled(manifest, "org.likeness.consent-check")
    assert consent["decision"] == "notify" and consent["use"] == "ideation" and "performerRef" not in consent
    actions = labelled(manifest, "c2pa.actions.v2")["actions"]
    assert [a["action"] for a in actions] == ["c2pa.created"] and actions[0]["digitalSourceType"] == TRAINED
    entries = labelled(manifest, "cawg.training-mining")["entries"]
    assert {k: v["use"] for k, v in entries.items()} == dict.fromkeys(
        ["cawg.ai_training", "cawg.ai_generative_training", "cawg.data_mining", "cawg.ai_inference"], "notAllowed"
    ), "no grant relied on: nothing allowed"


def test_a_tool_with_a_version_and_grants_that_list_training(
    client: Client, server: Server, signer: Any, tmp_path: Path, v2: None
) -> None:
    tool = server.casting(
        "POST",
        "/v1/tools",
        {
            "name": "Versioned Gen",
            "vendor": "Test",
            "version": "3.1.4",
            "retainsInputs": False,
            "enterpriseSecured": True,
        },
        key=server.admin_key,
    )["id"]
    performer = server.casting("POST", "/v1/performers", {"name": "Trainable Test Performer"})["id"]
    server.casting(
        "POST",
        "/v1/grants",
        {
            "performer": performer,
            "production": "prod-nova",
            "uses": ["replica", "training"],
            "aspects": ["face"],
            "destinations": ["temporary"],
            "territories": ["*"],
            "validUntil": "2099-12-31",
            "signedBy": "performer",
            "description": "Face replica and training for previs of the client's tests",
        },
    )
    manifest = signed_manifest(client, signer, tmp_path, dict(ALLOWED, performer=performer, tool=tool))
    actions = labelled(manifest, "c2pa.actions.v2")["actions"]
    assert actions[0]["softwareAgent"] == {"name": "Versioned Gen", "version": "3.1.4"}
    consent = labelled(manifest, "org.likeness.consent-check")
    assert consent["tool"]["version"] == "3.1.4" and consent["performerRef"]
    entries = {k: v["use"] for k, v in labelled(manifest, "cawg.training-mining")["entries"].items()}
    assert entries["cawg.ai_training"] == entries["cawg.ai_generative_training"] == "allowed"
    assert entries["cawg.data_mining"] == entries["cawg.ai_inference"] == "notAllowed"


def test_likeness_receipt_verify_accepts_what_embed_wrote(
    client: Client, server: Server, signer: Any, tmp_path: Path, v2: None
) -> None:
    manifest = signed_manifest(client, signer, tmp_path, ALLOWED)
    assertion = next(a for a in manifest["assertions"] if a["label"] == "org.likeness.consent-check")
    keys = tmp_path / "jwks.json"
    keys.write_text(json.dumps(client.jwks().to_json()))
    result = subprocess.run(
        [str(BIN), "receipt", "verify", "--jwks", str(keys), "-"],
        input=json.dumps(assertion),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and assertion["data"]["check"] in result.stdout, result.stderr
