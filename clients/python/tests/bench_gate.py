"""What gate() adds over the bare HTTP call (a benchmark, not a test: pytest does not collect it).

    LIKENESS_BIN=.build/debug/likeness .venv/bin/python clients/python/tests/bench_gate.py [N]

1. Against a live server (the harness's): N rounds, each one a bare ``POST /v1/checks`` with httpx
   (the body as JSON, the answer parsed) and one ``client.gate(**use)`` of the same use, in turns
   so that drift hits both alike. Prints the median, mean and 95th percentile of each and the
   difference of the medians.
2. Without the server (an httpx mock transport answering a stored check at once): the same two
   paths, so that what is left is the client's own work (building the body, typing the answer,
   deciding the gate). Prints the same numbers.
Exits non-zero if either median difference is over 1 ms.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import NOTIFY, running_server

from likeness_client import Client

LIMIT_MS = 1.0


def measure(bare: Callable[[], Any], gated: Callable[[], Any], rounds: int) -> tuple[list[float], list[float]]:
    for _ in range(min(50, rounds)):
        bare()
        gated()
    bare_ms: list[float] = []
    gate_ms: list[float] = []
    for i in range(rounds):
        pair = [(bare, bare_ms), (gated, gate_ms)]
        if i % 2:
            pair.reverse()
        for call, into in pair:
            start = time.perf_counter()
            call()
            into.append((time.perf_counter() - start) * 1000)
    return bare_ms, gate_ms


def report(title: str, bare_ms: list[float], gate_ms: list[float]) -> float:
    def row(name: str, values: list[float]) -> str:
        p95 = statistics.quantiles(values, n=20)[-1]
        median, mean = statistics.median(values), statistics.fmean(values)
        return f"  {name:<22} median {median:8.3f} ms  mean {mean:8.3f} ms  p95 {p95:8.3f} ms"

    overhead = statistics.median(gate_ms) - statistics.median(bare_ms)
    print(title)
    print(row("bare POST /v1/checks", bare_ms))
    print(row("client.gate()", gate_ms))
    print(f"  gate() adds {overhead:+.3f} ms (difference of the medians, {len(bare_ms)} rounds)")
    return overhead


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    body = json.dumps(NOTIFY).encode()
    with running_server() as server:
        headers = {"Authorization": f"Bearer {server.production_key}", "Content-Type": "application/json"}
        with (
            httpx.Client(base_url=server.url, timeout=10) as raw,
            Client(server.url, api_key=server.production_key) as client,
        ):

            def bare() -> Any:
                response = raw.post("/v1/checks", content=body, headers=headers)
                response.raise_for_status()
                return response.json()

            live = report(
                f"against a live server ({server.url}):", *measure(bare, lambda: client.gate(**NOTIFY), rounds)
            )
            canned = bare()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=canned)

    transport = httpx.MockTransport(answer)
    with (
        httpx.Client(base_url="http://mock", transport=transport) as raw,
        Client("http://mock", api_key="k", transport=transport) as client,
    ):

        def bare_mock() -> Any:
            response = raw.post("/v1/checks", content=body, headers={"Content-Type": "application/json"})
            response.raise_for_status()
            return response.json()

        alone = report(
            "the client's own work (mock transport, no server):",
            *measure(bare_mock, lambda: client.gate(**NOTIFY), rounds * 10),
        )
    worst = max(live, alone)
    print(
        f"gate() overhead: {worst:.3f} ms at most "
        f"({'within' if worst <= LIMIT_MS else 'OVER'} the {LIMIT_MS} ms budget)"
    )
    return 0 if worst <= LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
