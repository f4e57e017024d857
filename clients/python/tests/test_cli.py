"""The console script likeness-gate: check's exit codes as `likeness check`'s, embed, verify; the
service and credentials from options before or after the subcommand, or the environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from harness import ALLOWED, BIN, DENIED, NEEDS_APPROVAL, NOTIFY, Issuer, Server, free_port, png_bytes

from likeness_client.embed import embed_assertions

SCRIPT = Path(sys.executable).parent / "likeness-gate"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "likeness_client.cli"]


def gate(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("LIKENESS_URL", "LIKENESS_API_KEY")}
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        input=stdin or "",
        timeout=120,
        check=False,
    )


def options(use: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key, value in use.items():
        flag = {"aspects": "--aspect", "content": "--content", "inputs": "--input"}.get(
            key, "--" + key.replace("_", "-")
        )
        for item in value if isinstance(value, list) else [value]:
            out += [flag, str(item)]
    return out


@pytest.mark.parametrize(
    ("use", "code", "headline"),
    [(NOTIFY, 0, "NOTIFY"), (ALLOWED, 0, "ALLOWED"), (NEEDS_APPROVAL, 2, "NEEDS APPROVAL"), (DENIED, 3, "DENIED")],
)
def test_check_exits_as_likeness_check(server: Server, use: dict[str, Any], code: int, headline: str) -> None:
    result = gate("--url", server.url, "--api-key", server.production_key, "check", *options(use))
    assert result.returncode == code, result.stderr
    assert result.stdout.startswith(headline) and "receipt: chk-" in result.stdout


def test_check_exit_codes_match_the_cli(server: Server) -> None:
    """The same uses through `likeness check` on the same database: the same codes."""
    for use in (NOTIFY, ALLOWED, NEEDS_APPROVAL, DENIED, dict(NOTIFY, production="prod-nowhere")):
        ours = gate("check", "--url", server.url, "--api-key", server.production_key, *options(use))
        theirs = subprocess.run(
            [str(BIN), "check", "--db", str(server.db), *options(use)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert ours.returncode == theirs.returncode, (use, ours.stderr, theirs.stderr)


def test_check_errors_exit_1(server: Server) -> None:
    key = ["--url", server.url, "--api-key", server.production_key]
    assert gate(*key, "check", *options(dict(NOTIFY, production="prod-nowhere"))).returncode == 1
    missing = gate(*key, "check", "--production", "prod-nova")
    assert missing.returncode == 1 and "--destination" in missing.stderr
    assert gate(*key, "check", *options(NOTIFY), "--use", "dreaming").returncode == 1
    assert gate("check", *options(NOTIFY)).returncode == 1  # no service
    assert gate("--url", server.url, "check", *options(NOTIFY)).returncode == 1  # no credentials
    assert gate("--url", f"http://127.0.0.1:{free_port()}", "--api-key", "k", "check", *options(NOTIFY)).returncode == 1


def test_check_json_prints_the_stored_check(server: Server) -> None:
    result = gate("check", *options(ALLOWED), "--json", "--url", server.url, "--api-key", server.production_key)
    check = json.loads(result.stdout)
    assert result.returncode == 0 and check["decision"] == "allowed" and check["id"].startswith("chk-")


def test_check_flags(server: Server) -> None:
    result = gate(
        "check",
        *options(NOTIFY),
        "--presented-as-real",
        "--json",
        "--url",
        server.url,
        "--api-key",
        server.production_key,
    )
    assert result.returncode == 2 and json.loads(result.stdout)["request"]["presentedAsReal"] is True


def test_service_from_the_environment_and_options_win(server: Server) -> None:
    env = {"LIKENESS_URL": server.url, "LIKENESS_API_KEY": server.production_key}
    assert gate("check", *options(NOTIFY), env=env).returncode == 0
    dead = f"http://127.0.0.1:{free_port()}"
    assert gate("check", *options(NOTIFY), env=dict(env, LIKENESS_URL=dead)).returncode == 1
    assert gate("--url", server.url, "check", *options(NOTIFY), env=dict(env, LIKENESS_URL=dead)).returncode == 0
    assert gate("check", "--url", server.url, *options(NOTIFY), env=dict(env, LIKENESS_URL=dead)).returncode == 0
    assert gate("check", "--api-key", "lk_wrong", *options(NOTIFY), env=env).returncode == 1
    assert gate("--api-key", "lk_wrong", "check", *options(NOTIFY), env=env).returncode == 1
    assert gate("check", *options(NOTIFY), env=dict(env, LIKENESS_API_KEY="lk_wrong")).returncode == 1
    assert (
        gate(
            "check", "--api-key", server.production_key, *options(NOTIFY), env=dict(env, LIKENESS_API_KEY="lk_wrong")
        ).returncode
        == 0
    )


def test_check_batch(server: Server, tmp_path: Path) -> None:
    env = {"LIKENESS_URL": server.url, "LIKENESS_API_KEY": server.production_key}
    lines = [json.dumps(u) for u in (NOTIFY, DENIED, NEEDS_APPROVAL)]
    result = gate("check", "--batch", "-", stdin="\n".join(lines) + "\n", env=env)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["decision"] for line in result.stdout.splitlines()] == [
        "notify",
        "denied",
        "needs-approval",
    ]
    file = tmp_path / "uses.jsonl"
    file.write_text(
        "\n".join(
            [
                lines[0],
                json.dumps(dict(NOTIFY, production="prod-nowhere")),
                lines[1],
                json.dumps(dict(NOTIFY, destination="cinema")),
            ]
        )
        + "\n"
    )
    result = gate("check", "--batch", str(file), env=env)
    results = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1 and results[1]["index"] == 1 and "error" in results[1] and "decision" in results[2]
    assert len(results) == 4 and results[3]["index"] == 3 and results[3]["error"]["code"]
    assert gate("check", "--batch", str(file), "--production", "prod-nova", env=env).returncode == 1


def test_embed_and_verify(server: Server, chain: tuple[Path, Path], tmp_path: Path, issuer: Issuer) -> None:
    env = {"LIKENESS_URL": server.url, "LIKENESS_API_KEY": server.production_key}
    cert, key = chain
    source, dest = tmp_path / "shot.png", tmp_path / "shot.signed.png"
    source.write_bytes(png_bytes())
    check = json.loads(gate("check", *options(ALLOWED), "--json", env=env).stdout)["id"]
    result = gate("embed", "--check", check, str(source), str(dest), "--cert", str(cert), "--key", str(key), env=env)
    assert result.returncode == 0 and dest.exists(), result.stderr
    missing = gate(
        "embed",
        "--check",
        "chk-nothing",
        str(source),
        str(tmp_path / "n.png"),
        "--cert",
        str(cert),
        "--key",
        str(key),
        env=env,
    )
    assert missing.returncode == 1 and not (tmp_path / "n.png").exists()
    assert gate("embed", "--check", check, str(source), str(tmp_path / "o.png"), "--cert", str(cert)).returncode == 1

    # verify, against the stand-in issuer (what the server signs in version 2 is tested in test_verify.py)
    keys = tmp_path / "jwks.json"
    keys.write_text(json.dumps(issuer.jwks()))
    from likeness_client import signer_from_files

    good = embed_assertions(issuer.fragment(check="chk-cli"), source, tmp_path / "good.png", signer_from_files(*chain))
    result = gate("verify", str(good), "--jwks", str(keys))
    assert result.returncode == 0 and "chk-cli" in result.stdout, result.stderr
    assert gate("verify", str(good), "--jwks", f"{issuer.url}/.well-known/jwks.json").returncode == 0
    assert json.loads(gate("verify", str(good), "--jwks", str(keys), "--json").stdout)["check"] == "chk-cli"
    plain = gate("verify", str(source), "--jwks", str(keys))
    assert plain.returncode == 1 and "no-manifest" in plain.stderr
    issuer.revoked = {7}
    withdrawn = gate("verify", str(good), "--jwks", str(keys))
    assert withdrawn.returncode == 1 and "consent-withdrawn" in withdrawn.stderr
    other = tmp_path / "other.json"
    other.write_text(json.dumps(Issuer("k2").jwks()))
    assert gate("verify", str(good), "--jwks", str(other)).returncode == 1


def test_the_script_is_installed() -> None:
    assert SCRIPT.exists() or shutil.which("likeness-gate"), "pip install ./clients/python installs likeness-gate"
