#!/usr/bin/env python3
"""What the live server does with clients that misbehave at the HTTP level (run by scripts/test
after the debug build; standard library only, loopback only, bounded in time).

1. `serve --port 99999` (and 0, -1) is refused with a message, not bound to another port.
2. A chunked body whose chunk size is `zz` (or -1, or too long) is a 400 that closes the
   connection, never a 500; the server goes on.
3. Slow clients: a connection that sends half its headers, dribbles them a byte at a time, or
   sits idle after an answer is closed after the header timeout (`--header-timeout 2`).
4. HEAD answers as GET does without a body (the next request on the connection still reads
   right); every answer says `X-Content-Type-Options: nosniff`.
5. Login limits: five failures for a username from one address do not lock that username at
   another address, nor other usernames at the same one (the limit is per username and address);
   `X-Forwarded-For` names the client only when the peer is a `--trusted-proxy`.
6. The database, its WAL and its shared memory are created 0600 whatever the umask.
Prints 'http-hardening: N passed, N failed'; exits non-zero on any failure."""
import json, os, socket, stat, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import Server, cli, connect, report

work = tempfile.mkdtemp(prefix="likeness-hardening-")
DB = os.path.join(work, "hardening.sqlite")
os.environ["LIKENESS_KEYS"] = os.path.join(work, "keys.json")  # for the CLI and the servers alike
results = []


def check(name, ok, detail=""):
    results.append((name, ok))
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


def raw(port, data, source="127.0.0.1", timeout=5.0):
    """Sends bytes as they are; returns what came back until the server closed or went quiet."""
    with socket.socket() as s:
        s.bind((source, 0))
        s.settimeout(timeout)
        s.connect(("127.0.0.1", port))
        s.sendall(data)
        answer = b""
        try:
            while chunk := s.recv(65536):
                answer += chunk
        except socket.timeout:
            pass
        return answer


def closed_within(port, seconds, dribble=None):
    """Seconds until the server closes a connection that sends `dribble` a byte every 0.5 s
    (nothing if None); None when it is still open after `seconds`."""
    with socket.socket() as s:
        s.connect(("127.0.0.1", port))
        s.settimeout(0.5)
        start = time.monotonic()
        sent = 0
        while time.monotonic() - start < seconds:
            try:
                if s.recv(65536) == b"":
                    return time.monotonic() - start
            except socket.timeout:
                pass
            except ConnectionResetError:
                return time.monotonic() - start
            if dribble and sent < len(dribble):
                try:
                    s.send(dribble[sent:sent + 1])
                except (BrokenPipeError, ConnectionResetError):
                    return time.monotonic() - start
                sent += 1
        return None


def login(port, username, password, source="127.0.0.1", forwarded=None):
    headers = {"Content-Type": "application/json"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    c = connect(port, source=source)
    c.request("POST", "/v1/sessions", json.dumps({"username": username, "password": password}), headers)
    r = c.getresponse()
    r.read()
    return r.status


old_umask = os.umask(0o022)
cli(DB, "init", "--admin", "admin", env={"LIKENESS_ADMIN_PASSWORD": "hardening-admin-pass"})
os.umask(old_umask)
for user in ("amy", "bob"):
    cli(DB, "account", "add", "--username", user, "--role", "casting", "--enroller", "admin",
        env={"LIKENESS_PASSWORD": f"{user}-password-1", "LIKENESS_ENROLLER_PASSWORD": "hardening-admin-pass"})

# 1. Ports outside 1..65535.
for port in ("99999", "0", "-1", "65536"):
    refused = cli(DB, "serve", f"--port={port}", check=False, timeout=30)
    check(f"serve --port {port} is refused", refused.returncode != 0 and "1 to 65535" in refused.stderr,
          f"exit {refused.returncode}, stderr {refused.stderr[-200:]!r}")

server = Server(DB, "--header-timeout", "2", "--trusted-proxy", "127.0.0.9", log=os.path.join(work, "serve.log"))
port, log = server.port, server.log
try:
    # 6. File modes (the server has written: its WAL and shared memory exist).
    for suffix in ("", "-wal", "-shm"):
        path = DB + suffix
        mode = stat.S_IMODE(os.stat(path).st_mode) if os.path.exists(path) else None
        check(f"{os.path.basename(path)} is 0600", mode == 0o600, oct(mode) if mode is not None else "missing")

    # 2. Malformed chunked bodies.
    for size in (b"zz", b"-1", b"fffffffffffffffffffff", b"1;" + b"x" * 9000):
        answer = raw(port, b"POST /v1/sessions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n" + size + b"\r\n{}\r\n0\r\n\r\n")
        status = answer.split(b" ", 2)[1] if answer.startswith(b"HTTP/1.1 ") else b"-"
        check(f"a chunk size of {size[:12]!r} is a 400", status == b"400", answer[:80])
    form = raw(port, b"POST /sign-in HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nusername=a\r\n0\r\n\r\n")
    check("a form's malformed chunk is a 400 too", form.startswith(b"HTTP/1.1 400"), form[:80])

    # 3. Slow clients (header timeout 2 s).
    t = closed_within(port, 8)
    check("a connection that sends nothing is closed after the header timeout", t is not None and 1.5 <= t <= 4, t)
    t = closed_within(port, 8, dribble=b"GET / HTTP/1.1\r\nHost: t\r\n")
    check("half a request head is closed after the header timeout", t is not None and 1.5 <= t <= 4, t)
    t = closed_within(port, 8, dribble=b"GET / HTTP/1.1\r\nHost: t\r\nX-Slow: " + b"a" * 40)
    check("a head dribbled a byte at a time is closed after the header timeout", t is not None and 1.5 <= t <= 4, t)
    with socket.socket() as s:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        s.settimeout(8)
        first, start = s.recv(65536), time.monotonic()
        while True:
            try:
                if s.recv(65536) == b"":
                    break
            except (socket.timeout, ConnectionResetError):
                break
        idle = time.monotonic() - start
        check("an idle keep-alive connection is closed after the header timeout", first.startswith(b"HTTP/1.1 200") and 1.5 <= idle <= 4, idle)

    # 4. HEAD and nosniff.
    c = connect(port)
    for path in ("/healthz", "/", "/v1/performers", "/v1/nope", "/static/style.css"):
        c.request("GET", path)
        get = c.getresponse()
        get_body = get.read()
        c.request("HEAD", path)
        head = c.getresponse()
        head_body = head.read()
        check(f"HEAD {path} answers as GET does, without a body",
              head.status == get.status and head.getheader("Content-Type") == get.getheader("Content-Type") and head_body == b"",
              f"{head.status}/{get.status} {head_body[:40]!r}")
        check(f"GET {path} says nosniff", get.getheader("X-Content-Type-Options") == "nosniff", get.getheaders())
    c.request("GET", "/healthz")
    after = c.getresponse()
    check("the connection still reads right after HEADs", after.status == 200 and after.read() == b'{"status":"ok"}')

    # 5. Login limits per username and address; X-Forwarded-For from the trusted proxy only.
    failures = [login(port, "amy", "wrong-password", source="127.0.0.2") for _ in range(5)]
    check("five failures are each a 401", failures == [401] * 5, failures)
    check("the sixth from that address waits", login(port, "amy", "wrong-password", source="127.0.0.2") == 429)
    check("the same username at another address is not locked", login(port, "amy", "amy-password-1", source="127.0.0.3") == 201)
    check("another username at the first address is not locked", login(port, "bob", "bob-password-1", source="127.0.0.2") == 201)
    failures = [login(port, "bob", "wrong-password", source="127.0.0.9", forwarded="198.51.100.1") for _ in range(5)]
    check("behind the trusted proxy, failures count for the forwarded client",
          failures == [401] * 5 and login(port, "bob", "wrong-password", source="127.0.0.9", forwarded="198.51.100.1") == 429)
    check("another client behind the same proxy is not locked",
          login(port, "bob", "bob-password-1", source="127.0.0.9", forwarded="198.51.100.2") == 201)
    failures = [login(port, "amy", "wrong-password", source="127.0.0.4", forwarded=f"198.51.100.{i}") for i in range(5)]
    check("an untrusted peer's X-Forwarded-For is not believed",
          failures == [401] * 5 and login(port, "amy", "wrong-password", source="127.0.0.4", forwarded="198.51.100.77") == 429)

    alive = server.poll() is None
    check("the server is still running", alive)
finally:
    server.stop(timeout=30)
logged = open(log).read()
check("the server logged no unexpected error or trap",
      "unexpected error" not in logged and "Fatal error" not in logged, logged[-500:])

passed = sum(1 for _, ok in results if ok)
sys.exit(report("http-hardening", passed, len(results) - passed))
