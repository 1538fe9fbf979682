#!/usr/bin/env python3
"""Times POST /api/v1/releases/new/ for one build of N packages (seeded by run-release-plan-bench.sh), with a
beholder stub that knows every package (exact match). Prints the plan's size and p50 / max of the request time.
Standard library only."""
import argparse
import json
import statistics
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def stub(port, packages):
    """A beholder answering the release planner's projects lookup with every package, exact."""
    exact = [{"name": n, "epoch": 0, "version": "1.0", "release": "1.el8", "arch": a,
              "repositories": [{"name": "centos-stream-8-appstream", "arch": "x86_64"}]} for n, a in packages]
    body = json.dumps([{"packages": {"exact": exact}}]).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path.endswith("/projects/"):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_response(404)
                self.end_headers()

        def do_GET(self):
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--build", type=int, required=True)
    p.add_argument("--platform", type=int, required=True)
    p.add_argument("--packages", type=int, required=True)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--stub-port", type=int, default=0, help="serve the beholder stub here (0: do not)")
    a = p.parse_args()
    if a.stub_port:
        stub(a.stub_port, [("bench-pkg%d" % i, "noarch" if i % 3 == 0 else "x86_64") for i in range(a.packages)])
        return serve_forever()
    times, sizes, trusted = [], [], []
    for r in range(a.rounds + 1):
        req = urllib.request.Request(a.url + "/api/v1/releases/new/", method="POST",
                                     data=json.dumps({"builds": [a.build], "platform_id": a.platform}).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": "Bearer " + a.token})
        t0 = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as resp:
            plan = json.load(resp)["plan"]
        elapsed = time.perf_counter() - t0
        if r == 0:
            print("warm-up: %.3f s" % elapsed)
            continue
        times.append(elapsed)
        sizes.append(len(plan["packages"]))
        trusted.append(sum(1 for e in plan["packages"] if e["repositories"] and e["repositories"][0]["trustness"] == 1))
    print("packages in the build: %d; plan entries: %d; entries with trust 1: %d" % (a.packages, sizes[-1], trusted[-1]))
    print("POST /api/v1/releases/new/ over %d rounds: p50 %.3f s, min %.3f s, max %.3f s"
          % (len(times), statistics.median(times), min(times), max(times)))


def serve_forever():
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
