#!/usr/bin/env python3
"""Plays a build node over the real protocol, for machines without mock (Python standard library and rpmbuild).

It does what albs-node does on the wire: ping, get_task, upload every artifact through Pulp's upload protocol
(artifact lookup by sha256, upload in 8 MiB chunks with Content-Range, commit, task poll) to `pulp_host`, and
build_done with the artifact hrefs. Instead of mock it builds a tiny placeholder package named after the task's
git project with rpmbuild: the src task makes the SRPM, an arch task downloads the built SRPM from
`built_srpm_url` and rebuilds it for its arch. The packages are real, so the repositories dnf reads are real.

It reads albs-node's own configuration file (build_node.yml keys master_url, jwt_token, pulp_host, pulp_user,
pulp_password, base_arch, build_src), given with -c, or the same keys as --options.

  scripts/play-build-node.py -c build_node.yml --once
"""
import argparse
import base64
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

CHUNK = 8 * 1024 * 1024


def read_config(path):
    """The flat `key: value` lines of build_node.yml (enough for the keys used here; no YAML library needed)."""
    config = {}
    if not path:
        return config
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$", line)
            if m and not line.startswith(" "):
                value = m.group(2).strip("'\"")
                config[m.group(1)] = value
    return config


class Http:
    def __init__(self, headers):
        self.headers = headers

    def call(self, method, url, body=None, headers=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        h = dict(self.headers)
        if body is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        request = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                text = response.read()
                return response.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as e:
            text = e.read()
            try:
                return e.code, json.loads(text)
            except ValueError:
                return e.code, text.decode(errors="replace")


class PulpUploader:
    """Pulp's upload protocol as pulpcore-client drives it for the build node."""

    def __init__(self, host, user, password):
        self.host = host.rstrip("/")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.http = Http({"Authorization": "Basic " + token})

    def upload(self, path):
        sha = sha256_of(path)
        status, page = self.http.call("GET", f"{self.host}/pulp/api/v3/artifacts/?sha256={sha}")
        check(status, page, "artifact lookup")
        if page["count"]:
            return page["results"][0]["pulp_href"], sha
        size = os.path.getsize(path)
        status, upload = self.http.call("POST", f"{self.host}/pulp/api/v3/uploads/", {"size": size})
        check(status, upload, "upload creation")
        href = self.host + upload["pulp_href"]
        with open(path, "rb") as f:
            offset = 0
            while offset < size or size == 0:
                chunk = f.read(CHUNK)
                end = offset + len(chunk) - 1
                boundary = uuid.uuid4().hex
                body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chunk\"\r\n"
                        f"Content-Type: application/octet-stream\r\n\r\n").encode() + chunk + \
                    f"\r\n--{boundary}--\r\n".encode()
                status, answer = self.http.call("PUT", href, raw=body, headers={
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Content-Range": f"bytes {offset}-{max(end, offset)}/{size}"})
                check(status, answer, f"chunk {offset}-{end}")
                offset += len(chunk)
                if size == 0:
                    break
        status, task = self.http.call("POST", href + "commit/", {"sha256": sha})
        check(status, task, "commit")
        while True:
            status, state = self.http.call("GET", self.host + task["task"])
            check(status, state, "task poll")
            if state["state"] == "completed":
                return state["created_resources"][0], sha
            if state["state"] in ("failed", "canceled"):
                raise RuntimeError(f"upload of {path} failed: {state.get('error')}")
            time.sleep(0.5)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check(status, body, what):
    if status >= 300:
        raise RuntimeError(f"{what}: HTTP {status} {body}")


def spec_for(task):
    """A placeholder spec named after the task's git project, version from the ref."""
    url = task["ref"]["url"]
    name = re.sub(r"[^A-Za-z0-9._+-]", "-", os.path.basename(urllib.parse.urlparse(url).path).removesuffix(".git"))
    name = name.removesuffix(".src.rpm") or "package"
    version = re.sub(r"[^A-Za-z0-9._+]", ".", task["ref"].get("git_ref") or "1.0").strip(".") or "1.0"
    return name, f"""Name: {name}
Version: {version}
Release: 1
Summary: {name}, built by play-build-node.py
License: MIT
%description
A placeholder package for {url}.
%install
mkdir -p %{{buildroot}}/usr/share/{name}
echo "{name} {version}" > %{{buildroot}}/usr/share/{name}/README
%files
/usr/share/{name}/README
"""


def rpmbuild(top, *args):
    command = ["rpmbuild", "--define", f"_topdir {top}", "--define", "debug_package %{nil}", *args]
    result = subprocess.run(command, capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise RuntimeError("rpmbuild failed:\n" + log)
    return log


def build(task, work, master):
    """Builds the task; returns (artifact paths, log text)."""
    top = os.path.join(work, "top")
    os.makedirs(top, exist_ok=True)
    if task["arch"] == "src":
        name, spec = spec_for(task)
        spec_path = os.path.join(work, name + ".spec")
        with open(spec_path, "w", encoding="utf-8") as f:
            f.write(spec)
        log = rpmbuild(top, "-bs", spec_path)
        out = os.path.join(top, "SRPMS")
    else:
        srpm = os.path.join(work, os.path.basename(task["built_srpm_url"]))
        urllib.request.urlretrieve(task["built_srpm_url"], srpm)
        if task.get("srpm_hash") and sha256_of(srpm) != task["srpm_hash"]:
            raise RuntimeError("the downloaded SRPM does not match srpm_hash")
        log = rpmbuild(top, "--rebuild", "--target", task["arch"], srpm)
        out = os.path.join(top, "RPMS")
    files = [os.path.join(d, f) for d, _, names in os.walk(out) for f in names if f.endswith(".rpm")]
    return sorted(files), log


def run_task(task, http, master, uploader):
    print(f"task {task['id']}: {task['arch']} of {task['ref']['url']} (build {task['build_id']})", flush=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S.000000")
    work = tempfile.mkdtemp(prefix=f"albs-node-{task['id']}-")
    artifacts, status = [], "done"
    try:
        try:
            files, log = build(task, work, master)
        except Exception as e:  # the build failed: report it with its log, as the real node does
            files, log, status = [], str(e), "failed"
        log_path = os.path.join(work, f"albs.{task['id']}.{int(time.time())}.log")
        with open(log_path, "w", encoding="utf-8") as f:
            f.write(log)
        for path in files + [log_path]:
            href, sha = uploader.upload(path)
            artifacts.append({"name": os.path.basename(path), "type": "rpm" if path.endswith(".rpm") else "build_log",
                              "href": href, "sha256": sha, "path": path, "cas_hash": None})
        ended = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        body = {"task_id": task["id"], "status": status, "artifacts": artifacts,
                "stats": {"build_node_task": {"start_ts": started, "end_ts": ended, "delta": "0:00:01"}},
                "is_cas_authenticated": False, "git_commit_hash": None, "alma_commit_cas_hash": None}
        code, answer = http.call("POST", master + "build_node/build_done", body)
        print(f"task {task['id']}: {status}, {len(artifacts)} artifacts, build_done -> {code} {answer}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", help="albs-node's build_node.yml")
    for key in ("master_url", "jwt_token", "pulp_host", "pulp_user", "pulp_password", "base_arch"):
        parser.add_argument("--" + key)
    parser.add_argument("--once", action="store_true",
                        help="stop when no task came for --idle seconds (polling every second)")
    parser.add_argument("--idle", type=float, default=15, help="with --once: how long to wait for a task")
    parser.add_argument("--max-tasks", type=int, default=0, help="stop after this many tasks (0: no limit)")
    args = parser.parse_args()
    config = read_config(args.config)
    for key in ("master_url", "jwt_token", "pulp_host", "pulp_user", "pulp_password", "base_arch"):
        if getattr(args, key):
            config[key] = getattr(args, key)
    master = config.get("master_url", "http://localhost:8080/api/v1/")
    master = master if master.endswith("/") else master + "/"
    base_arch = config.get("base_arch", platform.machine())
    arches = [base_arch] + (["i686"] if base_arch == "x86_64" else []) + ["src"]
    http = Http({"Authorization": "Bearer " + config["jwt_token"]})
    uploader = PulpUploader(config.get("pulp_host", "http://localhost:8080"), config.get("pulp_user", "pulp"),
                            config.get("pulp_password", ""))
    done = 0
    idle_since = time.monotonic()
    while True:
        http.call("POST", master + "build_node/ping", {"active_tasks": []})
        code, task = http.call("POST", master + "build_node/get_task",
                               {"supported_arches": arches, "excluded_packages": []})
        if code >= 300:
            print(f"get_task -> {code} {task}", file=sys.stderr, flush=True)
            task = None
        if task:
            run_task(task, http, master, uploader)
            idle_since = time.monotonic()
            done += 1
            if args.max_tasks and done >= args.max_tasks:
                return
            continue
        if args.once:
            if time.monotonic() - idle_since > args.idle:
                return
            time.sleep(1)
            continue
        time.sleep(10)


if __name__ == "__main__":
    main()
