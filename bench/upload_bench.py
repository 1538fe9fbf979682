#!/usr/bin/env python3
"""Uploads one file through Pulp's upload protocol as the build node does (lookup, create, chunked PUT, commit,
poll), with N chunks in flight at once, and prints one JSON line: bytes, seconds, MB/s.

Standard library only: python3 upload_bench.py --url http://127.0.0.1:8080 --user u --password p FILE
"""
import argparse
import base64
import hashlib
import http.client
import json
import os
import queue
import sys
import threading
import time
import urllib.parse

BOUNDARY = "albs-upload-bench-3f9c2a"


class Pulp:
    def __init__(self, url, user, password):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.auth = f"Basic {token}"
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
        return self.conn

    def call(self, method, path, body=None):
        conn = self._connection()
        headers = {"Authorization": self.auth}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read()
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status} {text[:500]!r}")
        return json.loads(text) if text else None

    def put_chunk(self, href, path, offset, length, total):
        head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chunk\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode()
        tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        conn = self._connection()
        conn.putrequest("PUT", href)
        conn.putheader("Authorization", self.auth)
        conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
        conn.putheader("Content-Range", f"bytes {offset}-{offset + length - 1}/{total}")
        conn.putheader("Content-Length", str(len(head) + length + len(tail)))
        conn.endheaders()
        conn.send(head)
        with open(path, "rb") as f:
            f.seek(offset)
            left = length
            while left:
                block = f.read(min(1 << 20, left))
                conn.send(block)
                left -= len(block)
        conn.send(tail)
        response = conn.getresponse()
        text = response.read()
        if response.status != 200:
            raise RuntimeError(f"PUT {href} {offset}: {response.status} {text[:500]!r}")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--chunk", type=int, default=8 << 20)
    parser.add_argument("--parallel", type=int, default=4)
    parser.add_argument("file")
    args = parser.parse_args()

    size = os.path.getsize(args.file)
    sha = sha256_of(args.file)  # the node hashes before it uploads; not part of the measured time
    pulp = Pulp(args.url, args.user, args.password)

    started = time.monotonic()
    if pulp.call("GET", f"/pulp/api/v3/artifacts/?sha256={sha}")["count"]:
        sys.exit("the file is in the store already: the bench needs new bytes")
    upload = pulp.call("POST", "/pulp/api/v3/uploads/", {"size": size})["pulp_href"]
    offsets = queue.Queue()
    for offset in range(0, size, args.chunk):
        offsets.put(offset)
    errors = []

    def sender():
        mine = Pulp(args.url, args.user, args.password)
        while not errors:
            try:
                offset = offsets.get_nowait()
            except queue.Empty:
                return
            try:
                mine.put_chunk(upload, args.file, offset, min(args.chunk, size - offset), size)
            except Exception as e:  # report, stop the others
                errors.append(e)

    threads = [threading.Thread(target=sender) for _ in range(args.parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    chunks_done = time.monotonic()
    task_href = pulp.call("POST", f"{upload}commit/", {"sha256": sha})["task"]
    while True:
        task = pulp.call("GET", task_href)
        if task["state"] in ("completed", "failed"):
            break
        time.sleep(0.2)
    finished = time.monotonic()
    if task["state"] != "completed":
        sys.exit(f"commit failed: {task.get('error')}")
    seconds = finished - started
    print(json.dumps({
        "bytes": size,
        "seconds": round(seconds, 3),
        "chunks_seconds": round(chunks_done - started, 3),
        "commit_seconds": round(finished - chunks_done, 3),
        "mb_per_s": round(size / seconds / 1e6, 1),
        "artifact": task["created_resources"][0],
    }))


if __name__ == "__main__":
    main()
