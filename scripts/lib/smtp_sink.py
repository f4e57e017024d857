"""A mail sink on loopback, standard library only: just enough SMTP (EHLO, MAIL, RCPT, DATA, RSET,
QUIT) to take the mails a client sends, each kept as its text (`Sink.messages`) and, when given a
folder, written there as an .eml file a mail reader opens. For the crash test and the demo; the
tests of the SMTP module itself use aiosmtpd.

    sink = Sink(folder=None)      listening on 127.0.0.1:sink.port, in a thread of its own
    sink.messages                 the messages taken, in order (text, CRLF line ends)
    sink.close()

Run as a script (`python3 scripts/lib/smtp_sink.py FOLDER PORT`) it serves until killed."""
import os, socketserver, sys, threading, time


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        sink = self.server.sink
        self.wfile.write(b"220 likeness-sink ESMTP\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-likeness-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 end with <CRLF>.<CRLF>\r\n")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                sink.keep(b"".join(lines))
                self.wfile.write(b"250 2.0.0 kept\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 2.0.0 bye\r\n")
                return
            else:
                self.wfile.write(b"250 2.0.0 ok\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class Sink:
    def __init__(self, folder=None, port=0):
        self.folder, self.messages, self.lock = folder, [], threading.Lock()
        if folder:
            os.makedirs(folder, exist_ok=True)
        self.server = _Server(("127.0.0.1", port), _Handler)
        self.server.sink = self
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keep(self, raw):
        with self.lock:
            self.messages.append(raw.decode("utf-8", "replace"))
            if self.folder:
                name = time.strftime("%Y%m%d-%H%M%S") + f"-{len(self.messages):04d}.eml"
                with open(os.path.join(self.folder, name), "wb") as f:
                    f.write(raw)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    sink = Sink(folder=sys.argv[1], port=int(sys.argv[2]))
    print(f"mail sink on 127.0.0.1:{sink.port}, writing to {sys.argv[1]}", flush=True)
    threading.Event().wait()
