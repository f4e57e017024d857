"""What the freshness benchmarks share: the same check sent over HTTP without pause by a few
threads while a revoke commits, and a watcher that notes when the commit became visible.
(Imported by freshness.py and freshness-servers.py, which put scripts/lib on sys.path first.)"""
import threading, time

from likeness_harness import call, connect


def race(port, key, request, revoke, revoked, threads=4):
    """Sends `request` as a check to `port` from `threads` threads without pause; after 0.3 s runs
    `revoke()` while a watcher polls `revoked()` until it is true; stops 0.5 s after both are done.
    Returns (log of (start time, decision)), the time the commit became visible, revoke()'s result)."""
    log, stop, visible = [], threading.Event(), []

    def hammer():
        c = connect(int(port))
        while not stop.is_set():
            started = time.time()
            log.append((started, call(c, "POST", "/v1/checks", request, token=key)[1].get("decision")))

    def watch():
        while not revoked():
            time.sleep(0.0002)
        visible.append(time.time())

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for t in workers:
        t.start()
    time.sleep(0.3)
    watcher = threading.Thread(target=watch)
    watcher.start()
    result = revoke()
    watcher.join()
    time.sleep(0.5)
    stop.set()
    for t in workers:
        t.join()
    return log, visible[0], result
