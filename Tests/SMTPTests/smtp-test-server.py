#!/usr/bin/env python3
"""An SMTP server on loopback for the SMTP module's tests and benchmark (aiosmtpd, from .venv).

It listens on 127.0.0.1 on a free port, writes that port to --port-file once it listens, and
appends one JSON line per message it accepts to --out: the envelope, whether the session was
encrypted and who authenticated, and the message as Python's email package reads it (decoded
subject, display names and body, the defects it found). It runs until it is killed.

Faults, for the tests: --no-ehlo (502 to EHLO), --reject-rcpt "CODE TEXT" (the first
--reject-count RCPTs, or all when 0), --stall-data (never answers the end of DATA).
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


# aiosmtpd sets the deprecated Session.login_data itself, and warns about it.
warnings.filterwarnings("ignore", message=".*login_data is deprecated.*")


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--out", help="JSON lines, one per accepted message")
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"), help="offer STARTTLS with this certificate")
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="implicit TLS (smtps) with this certificate")
    p.add_argument("--auth", metavar="USER:PASSWORD", help="accept AUTH with these credentials")
    p.add_argument("--auth-exclude", action="append", default=[], help="a mechanism not to offer (PLAIN, LOGIN)")
    p.add_argument("--auth-in-clear", action="store_true", help="offer AUTH without TLS")
    p.add_argument("--no-ehlo", action="store_true")
    p.add_argument("--reject-rcpt", metavar="'CODE TEXT'")
    p.add_argument("--reject-count", type=int, default=0)
    p.add_argument("--stall-data", action="store_true")
    return p.parse_args()


class Handler:
    def __init__(self, args):
        self.args = args
        self.rejected = 0
        self.out = open(args.out, "a", encoding="utf-8") if args.out else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        a = self.args
        if a.reject_rcpt and (a.reject_count == 0 or self.rejected < a.reject_count):
            self.rejected += 1
            return a.reject_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.stall_data:
            await asyncio.sleep(3600)
        if self.out is None:
            return "250 OK"
        raw = envelope.original_content
        record = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "raw": raw.decode("utf-8", errors="replace"),
            "longest_line": max(len(line) for line in raw.split(b"\r\n")),
            "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        }
        try:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            sender, recipient = msg["From"].addresses[0], msg["To"].addresses[0]
            record.update({
                "from_name": sender.display_name,
                "from_addr": sender.addr_spec,
                "to_name": recipient.display_name,
                "to_addr": recipient.addr_spec,
                "subject": str(msg["Subject"]),
                "date": str(msg["Date"]),
                "date_valid": msg["Date"] is not None and msg["Date"].datetime is not None,
                "message_id": str(msg["Message-ID"]),
                "auto_submitted": str(msg["Auto-Submitted"]),
                "mime_version": str(msg["MIME-Version"]),
                "content_type": msg.get_content_type(),
                "charset": msg.get_content_charset(),
                "cte": str(msg["Content-Transfer-Encoding"]),
                "body": msg.get_content(),
                "header_names": list(msg.keys()),
                "defects": [repr(d) for d in msg.defects]
                + [f"{name}: {d!r}" for name in msg.keys() for d in getattr(msg[name], "defects", ())],
            })
        except Exception as error:  # the test reads what went wrong
            record["parse_error"] = repr(error)
        self.out.write(json.dumps(record) + "\n")
        self.out.flush()
        return "250 OK: queued"


class TestSMTP(SMTP):
    no_ehlo = False

    async def smtp_EHLO(self, hostname):
        if self.no_ehlo:
            await self.push("502 5.5.1 EHLO is not implemented here")
            return
        await super().smtp_EHLO(hostname)


def context(pair):
    if not pair:
        return None
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*pair)
    return ctx


async def main():
    args = parse_args()
    handler = Handler(args)
    users = {}
    if args.auth:
        user, _, password = args.auth.partition(":")
        users[user.encode()] = password.encode()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and users.get(auth_data.login) == auth_data.password
        # handled=False: aiosmtpd answers the failure itself (535 5.7.8).
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    TestSMTP.no_ehlo = args.no_ehlo

    def factory():
        return TestSMTP(
            handler,
            hostname="smtp-test.invalid",
            tls_context=context(args.starttls),
            authenticator=authenticator if args.auth else None,
            # Implicit TLS is not aiosmtpd's STARTTLS: it would hide AUTH behind a STARTTLS.
            auth_require_tls=not (args.auth_in_clear or args.tls),
            auth_exclude_mechanism=args.auth_exclude,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=0, ssl=context(args.tls))
    port = server.sockets[0].getsockname()[1]
    temporary = args.port_file + ".tmp"
    with open(temporary, "w") as f:
        f.write(str(port))
    os.replace(temporary, args.port_file)
    print(f"smtp-test-server: listening on 127.0.0.1:{port}", file=sys.stderr, flush=True)
    parent = os.getppid()

    async def orphaned():
        # Ends with the test that started it, even one killed before it could stop the server.
        while os.getppid() == parent:
            await asyncio.sleep(0.5)
        os._exit(0)

    watcher = asyncio.ensure_future(orphaned())
    async with server:
        await server.serve_forever()
    watcher.cancel()


if __name__ == "__main__":
    asyncio.run(main())
