"""What the Python test scripts share (standard library only): where the repository and the CLI
are, running the CLI, a live server on a loopback port, JSON requests, and the closing line.

A script in scripts/ imports it with
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from likeness_harness import ...

ROOT      the repository's root (absolute).
BIN       the CLI: .build/debug/likeness, or $LIKENESS_BIN; cli() and Server read it at each call,
          so a script may also assign likeness_harness.BIN (bench.d/freshness.py: a release build).
free_port()                         a free TCP port on 127.0.0.1.
cli(db, *args, env=, stdin=, check=, timeout=)
                                    runs `BIN *args --db db` (no --db when db is None); returns the
                                    CompletedProcess (text, stdout and stderr captured).
Server(db, *extra, port=, log=, env=, timeout=)
                                    `BIN serve --db db --port P *extra`, answering /healthz on return;
                                    a subprocess.Popen, with .port, .stop() and .kill().
connect(port, timeout=, source=)    an http.client connection to 127.0.0.1:port.
call(conn, method, path, body=, token=)
                                    a JSON request: (status, the parsed answer, {} when it is empty).
report(name, passed, failed, suffix=)
                                    prints 'NAME: N passed, N failed' and returns the exit status.
Tally(name)                         counts expect(condition, what); .report() closes as above.
"""
import http.client, json, os, signal, socket, subprocess, sys, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BIN = os.path.abspath(os.environ.get("LIKENESS_BIN") or os.path.join(ROOT, ".build", "debug", "likeness"))
# The running script's name without .py, for messages ("crash-test").
NAME = os.path.splitext(os.path.basename(sys.argv[0]))[0] or "likeness"


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(db, *args, env=None, stdin=None, check=True, timeout=120):
    """Runs `BIN *args --db db` with os.environ plus `env`, `stdin` (text) as its input (else none).
    Returns the CompletedProcess; with check, a non-zero exit ends the script with its stderr."""
    command = [BIN, *args] + (["--db", db] if db is not None else [])
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                            input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        sys.exit(f"{NAME}: likeness {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def connect(port, timeout=10, source=None):
    """An HTTP connection to 127.0.0.1:port, from the loopback address `source` if given."""
    return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                      source_address=(source, 0) if source else None)


def call(conn, method, path, body=None, token=None):
    """One request on `conn`: `body` sent as JSON, `token` as the bearer token. Returns the status
    and the parsed answer ({} when the answer has no body). Raises what http.client and json raise."""
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"{}")


class Server(subprocess.Popen):
    """`BIN serve --db DB --port PORT *extra` (PORT free unless given), stdout discarded, stderr
    appended to `log`, environment os.environ plus `env`. The constructor returns once /healthz
    answers 200; if the server exits first or `timeout` seconds pass, the script ends with the
    log's last lines. It is a subprocess.Popen: poll(), wait(), send_signal(), returncode."""

    def __init__(self, db, *extra, port=None, log, env=None, timeout=60):
        self.port = port or free_port()
        self.log = log
        with open(log, "a") as stderr:
            super().__init__([BIN, "serve", "--db", db, "--port", str(self.port), *extra],
                             stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL,
                             env={**os.environ, **(env or {})})
        deadline = time.monotonic() + timeout
        while not self.healthy():
            if self.poll() is not None or time.monotonic() > deadline:
                self.kill()
                with open(log, errors="replace") as f:
                    sys.exit(f"{NAME}: the server did not start; its log:\n{f.read()[-3000:]}")
            time.sleep(0.05)

    def healthy(self):
        """Whether GET /healthz answers 200 now."""
        try:
            conn = connect(self.port, timeout=2)
            conn.request("GET", "/healthz")
            return conn.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False

    def stop(self, sig=signal.SIGTERM, timeout=60):
        """Sends `sig` (SIGTERM: drain and exit) and waits; kills it if it is still running after
        `timeout` seconds. Returns its exit status (negative: the signal that ended it)."""
        if self.poll() is None:
            self.send_signal(sig)
            try:
                self.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                super().kill()
                self.wait()
        return self.returncode

    def kill(self):
        """SIGKILL, then waits; returns its exit status."""
        return self.stop(signal.SIGKILL)


def report(name, passed, failed, suffix=""):
    """Prints the closing line 'NAME: N passed, N failed' (then `suffix`); returns the exit status."""
    print(f"{name}: {passed} passed, {failed} failed{suffix}", flush=True)
    return 1 if failed else 0


class Tally:
    """Counts checks: expect() prints 'FAILED: what' for each that fails; report() closes."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def expect(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print("FAILED:", what, flush=True)

    def report(self, suffix=""):
        return report(self.name, self.passed, self.failed, suffix)
