"""examples/pipeline_loop.py runs the whole loop (gate, generate, embed, verify) against a server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import c2pa
from harness import Server

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "pipeline_loop.py"


def test_the_example_runs_the_loop(server: Server, has_v2: bool, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "--url", server.url, "--api-key", server.production_key, "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "gate: allowed" in result.stdout and "embed: wrote" in result.stdout, result.stdout + result.stderr
    with open(tmp_path / "shot-042.signed.png", "rb") as stream, c2pa.Reader("image/png", stream) as reader:
        assert "org.likeness.consent-check" in reader.json()
    if has_v2:
        assert result.returncode == 0 and "verify: check chk-" in result.stdout, result.stdout
    else:  # a version 1 server signs receipts, not media attestations
        assert result.returncode == 1 and "verify: FAILED at bad-signature" in result.stdout, result.stdout
