"""``likeness-gate``: the client from a shell step of a pipeline.

    likeness-gate [--url URL] [--api-key KEY] check --production P [--performer X] --use U ...
        exit 0 proceed (allowed, notify), 2 needs approval, 3 denied, 1 error (as `likeness check`)
    likeness-gate embed --check ID SOURCE DEST --cert FILE --key FILE     exit 0 written, 1 not
    likeness-gate verify FILE --jwks FILE|URL                              exit 0 verified, 1 not

The service and credentials: --url and --api-key (before or after the subcommand), else
$LIKENESS_URL and $LIKENESS_API_KEY.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn, TextIO

from .client import Client
from .embed import embed, signer_from_files
from .errors import LikenessError
from .models import BatchItemError, Check
from .verify import verify

USES = ["replica", "new-performance", "alteration", "training", "synthetic", "ideation", "generation"]
ASPECTS = ["face", "body", "voice", "name"]
DESTINATIONS = ["temporary", "final", "marketing"]
INPUTS = ["personal-data", "unreleased-material", "third-party-ip"]
HEADLINES = {
    "allowed": "ALLOWED: consent and written approvals are on record",
    "notify": "NOTIFY: proceed and share the intended use with the studio contact",
    "needs-approval": "NEEDS APPROVAL: get the studio's written approval before proceeding",
    "denied": "DENIED: do not proceed",
}
EXIT = {"allowed": 0, "notify": 0, "needs-approval": 2, "denied": 3}
BATCH_LIMIT = 1000


class Usage(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """Usage errors exit 1 (2 and 3 are decisions)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {message}\n")


def service_options(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument("--url", default=default, help="the Likeness service (default: $LIKENESS_URL)")
    parser.add_argument("--api-key", default=default, help="an API key or session token (default: $LIKENESS_API_KEY)")


def parser() -> Parser:
    top = Parser(prog="likeness-gate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    service_options(top, None)
    commands = top.add_subparsers(dest="command", required=True, parser_class=Parser)

    check = commands.add_parser("check", help="ask whether a proposed use may go ahead (exit 0, 2, 3; 1 error)")
    service_options(check, argparse.SUPPRESS)
    check.add_argument("--batch", help="a file of proposed uses, one JSON object per line (- for standard input)")
    check.add_argument("--production")
    check.add_argument("--performer")
    check.add_argument("--use", choices=USES)
    check.add_argument("--aspect", action="append", choices=ASPECTS, default=[])
    check.add_argument("--destination", choices=DESTINATIONS)
    check.add_argument("--territory")
    check.add_argument("--at")
    check.add_argument("--content", action="append", default=[])
    check.add_argument("--tool")
    check.add_argument("--input", action="append", choices=INPUTS, default=[])
    check.add_argument("--replicates-third-party-work", action="store_true")
    check.add_argument("--presented-as-real", action="store_true")
    check.add_argument("--customary", action="store_true")
    check.add_argument("--json", action="store_true", help="print the stored check as JSON")

    emb = commands.add_parser("embed", help="sign SOURCE into DEST with the check's C2PA assertions")
    service_options(emb, argparse.SUPPRESS)
    emb.add_argument("--check", required=True, help="the id of an allowed or notify check")
    emb.add_argument("source")
    emb.add_argument("dest")
    emb.add_argument("--cert", required=True, help="PEM certificate chain of the signer (its certificate first)")
    emb.add_argument("--key", required=True, help="PEM private key of the signer")
    emb.add_argument("--tsa", help="a time-stamp authority's URL (optional)")

    ver = commands.add_parser("verify", help="verify a file's Likeness media attestation (exit 0 verified, 1 not)")
    service_options(ver, argparse.SUPPRESS)
    ver.add_argument("file")
    ver.add_argument("--jwks", required=True, help="the service's key set: a file, or a URL you trust")
    ver.add_argument("--offline", action="store_true", help="do not read the status list")
    ver.add_argument("--json", action="store_true", help="print the attested use as JSON")
    return top


def make_client(args: argparse.Namespace) -> Client:
    url = args.url or os.environ.get("LIKENESS_URL")
    if not url:
        raise Usage("no service: give --url or set $LIKENESS_URL")
    return Client(url, api_key=args.api_key or os.environ.get("LIKENESS_API_KEY") or None)


def summary(check: Check) -> str:
    lines = [HEADLINES[check.decision]]
    lines += [f"  - [{r.code}] {r.message}" for r in check.reasons]
    if check.requirements:
        lines.append("requirements: " + ", ".join(check.requirements))
    if check.grants:
        lines.append("grants relied on: " + ", ".join(check.grants))
    if check.approvals:
        lines.append("approvals: " + ", ".join(check.approvals))
    if check.obligations:
        lines.append("obligations: " + ", ".join(check.obligations))
    lines.append(f"receipt: {check.id}")
    return "\n".join(lines)


def single_use(args: argparse.Namespace) -> dict[str, Any]:
    if not args.production:
        raise Usage("missing --production")
    if not args.destination:
        raise Usage("missing --destination")
    return {
        "production": args.production,
        "performer": args.performer,
        "use": args.use,
        "aspects": args.aspect or None,
        "destination": args.destination,
        "territory": args.territory,
        "at": args.at,
        "content": args.content or None,
        "tool": args.tool,
        "inputs": args.input or None,
        "replicates_third_party_work": args.replicates_third_party_work or None,
        "presented_as_real": args.presented_as_real or None,
        "customary": args.customary or None,
    }


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    if args.batch:
        fields = (
            "production",
            "performer",
            "use",
            "aspect",
            "destination",
            "territory",
            "at",
            "content",
            "tool",
            "input",
            "replicates_third_party_work",
            "presented_as_real",
            "customary",
        )
        if any(getattr(args, name) for name in fields):
            raise Usage("--batch takes the uses from its file: give no other field of a use")
        return run_batch(args, out)
    with make_client(args) as client:
        check = client.check(**single_use(args))
    print(json.dumps(check.to_json()) if args.json else summary(check), file=out)
    return EXIT[check.decision]


def json_lines(name: str) -> Iterator[dict[str, Any]]:
    stream = sys.stdin if name == "-" else open(name)
    try:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as error:
                raise Usage(f"{name}, line {number}: not JSON ({error})") from error
            if not isinstance(value, dict):
                raise Usage(f"{name}, line {number}: not a JSON object")
            yield value
    finally:
        if stream is not sys.stdin:
            stream.close()


def run_batch(args: argparse.Namespace, out: TextIO) -> int:
    errors = total = 0
    with make_client(args) as client:
        pending: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal errors, total
            for result in client.check_batch_json(pending):
                if isinstance(result, BatchItemError):
                    errors += 1
                    result = BatchItemError(index=total, error=result.error)
                print(json.dumps(result.to_json()), file=out)
                total += 1
            pending.clear()

        for line in json_lines(args.batch):
            pending.append(line)
            if len(pending) == BATCH_LIMIT:
                flush()
        if pending:
            flush()
    if errors:
        print(f"likeness-gate: {errors} of {total} uses were not decided (their lines say why)", file=sys.stderr)
        return 1
    return 0


def run_embed(args: argparse.Namespace, out: TextIO) -> int:
    signer = signer_from_files(args.cert, args.key, args.tsa)
    with make_client(args) as client:
        written = embed(client, args.check, args.source, args.dest, signer)
    print(f"wrote {written}: check {args.check} in its C2PA manifest", file=out)
    return 0


def run_verify(args: argparse.Namespace, out: TextIO) -> int:
    attested = verify(args.file, args.jwks, check_status_list=not args.offline)
    if args.json:
        print(json.dumps(attested.to_json()), file=out)
    else:
        print(
            f"verified: check {attested.check} {attested.decision} ({attested.use}, {attested.destination}), "
            f"signed by {attested.issuer} key {attested.kid}; consent status {attested.consent_status}",
            file=out,
        )
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args = parser().parse_args(argv)
    out = out or sys.stdout
    try:
        if args.command == "check":
            return run_check(args, out)
        if args.command == "embed":
            return run_embed(args, out)
        return run_verify(args, out)
    except LikenessError as error:
        step = "not verified" if args.command == "verify" else "error"
        print(f"likeness-gate: {step}: {error}", file=sys.stderr)
        return 1
    except (Usage, OSError, ValueError) as error:
        print(f"likeness-gate: error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # c2pa-python's errors, among others: an error, never a decision's code
        print(f"likeness-gate: error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
