#!/usr/bin/env python3
"""Bad input against every route: is every answer below 500, and is every 4xx JSON with a "detail"?

Stdlib only. Mutates a valid body of each route field by field (missing, null, wrong types, huge numbers, empty
and 10,000-character strings, the NUL character, empty and nested containers), sends broken JSON, wrong content
types, no or bad tokens, and odd path and query parameters. Prints each distinct failure and exits 1 if any.

    fuzz_api.py --url http://127.0.0.1:18093 --admin-token T --node-token N
"""
import argparse
import json
import sys
import urllib.error
import urllib.request

WEIRD = [None, 0, -1, 2 ** 63, 1.5, "", "x", [], {}, [None], [{}], True, "\u0000", "a" * 10000]


class Fuzzer:
    def __init__(self, url):
        self.url = url
        self.sent = 0
        self.failures = []

    def request(self, method, path, body=None, token=None, raw=None, ctype='application/json'):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        r = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            r.add_header('Content-Type', ctype)
        if token:
            r.add_header('Authorization', 'Bearer ' + token)
        try:
            with urllib.request.urlopen(r, timeout=30) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def check(self, label, method, path, body=None, token=None, raw=None, ctype='application/json'):
        status, answer = self.request(method, path, body, token, raw, ctype)
        self.sent += 1
        ok = status < 500
        if status >= 400:
            try:
                j = json.loads(answer or b'null')
                ok = ok and isinstance(j, dict) and 'detail' in j
            except ValueError:
                ok = False
        if not ok:
            self.failures.append((label, method, path, status, (answer or b'')[:200], json.dumps(body)[:200]))
        return status, answer


def mutations(obj):
    """Every variant of obj with one field removed or replaced, recursively (first element of lists)."""
    out = []
    if isinstance(obj, dict):
        for k in obj:
            d = dict(obj)
            del d[k]
            out.append(d)
            for w in WEIRD:
                d = dict(obj)
                d[k] = w
                out.append(d)
            for sub in mutations(obj[k]):
                d = dict(obj)
                d[k] = sub
                out.append(d)
    elif isinstance(obj, list) and obj:
        for sub in mutations(obj[0]):
            out.append([sub] + obj[1:])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--url', required=True)
    ap.add_argument('--admin-token', required=True)
    ap.add_argument('--node-token', required=True)
    a = ap.parse_args()
    f = Fuzzer(a.url.rstrip('/'))
    admin, node = a.admin_token, a.node_token

    platform = json.loads(f.request('GET', '/api/v1/platforms/', token=admin)[1])[0]
    build = {"platforms": [{"name": platform['name'], "arch_list": platform['arch_list'][:1],
                            "parallel_mode_enabled": True}],
             "tasks": [{"url": "https://git.almalinux.org/rpms/chan.git", "git_ref": "imports/c8/chan-0.0.4-3.el8",
                        "ref_type": 1}],
             "linked_builds": [], "is_secure_boot": False, "mock_options": {"definitions": {"dist": ".el8"}}}
    for m in mutations(build):
        f.check('create build', 'POST', '/api/v1/builds/', m, admin)

    raws = [b'', b'{', b'null', b'[]', b'"x"', b'{"a":', b'\xff\xfe', b'{"tasks": "x"}', b'1e999999']
    for path in ['/api/v1/builds/', '/api/v1/build_node/get_task', '/api/v1/build_node/build_done',
                 '/api/v1/build_node/ping', '/api/v1/platforms/', '/api/v1/users/']:
        token = node if 'build_node' in path else admin
        for r in raws:
            f.check('broken JSON', 'POST', path, token=token, raw=r)
        f.check('content type', 'POST', path, token=token, raw=b'{}', ctype='text/plain')
        f.check('no token', 'POST', path, raw=b'{}')
        f.check('bad token', 'POST', path, raw=b'{}', token='abc.def.ghi')

    for m in mutations({"supported_arches": ["x86_64", "src"], "excluded_packages": ["kernel"]}):
        f.check('get_task', 'POST', '/api/v1/build_node/get_task', m, node)
    report = {"task_id": 1, "status": "done",
              "artifacts": [{"name": "a.rpm", "type": "rpm", "href": "/pulp/api/v3/artifacts/1/", "sha256": "0" * 64,
                             "path": "/x", "cas_hash": None}],
              "stats": {"build_node_task": {"start_ts": "2026-01-01 10:00:00.000001", "end_ts": "x",
                                            "delta": "0:05:00"}},
              "is_cas_authenticated": False, "git_commit_hash": None, "alma_commit_cas_hash": None}
    for m in mutations(report):
        f.check('build_done', 'POST', '/api/v1/build_node/build_done', m, node)
    for w in WEIRD:
        f.check('get_task list', 'POST', '/api/v1/build_node/get_task',
                {"supported_arches": [w], "excluded_packages": [w]}, node)
        f.check('ping', 'POST', '/api/v1/build_node/ping', {"active_tasks": [w]}, node)
        f.check('build_done artifacts', 'POST', '/api/v1/build_node/build_done',
                {"task_id": 1, "status": "done", "artifacts": [w]}, node)
        f.check('build_done stats', 'POST', '/api/v1/build_node/build_done',
                {"task_id": 1, "status": "done", "artifacts": [], "stats": w}, node)

    new_platform = {k: v for k, v in platform.items() if k != 'id'}
    new_platform['name'] = 'Fuzz-1'
    for m in mutations(new_platform)[:600]:
        f.check('create platform', 'POST', '/api/v1/platforms/', m, admin)
        f.check('update platform', 'PUT', '/api/v1/platforms/', m, admin)
    for path in ['/api/v1/platforms/x/add-repositories', '/api/v1/platforms/1/add-repositories',
                 '/api/v1/platforms/1/remove-repositories']:
        for w in WEIRD + [[1], [999999], [2 ** 63 - 1], ["x"]]:
            f.check('platform repositories', 'PATCH', path, w, admin)
    for m in mutations({"username": "fuzz", "email": "fuzz@example.com"}):
        f.check('create user', 'POST', '/api/v1/users/', m, admin)
    for path in ['/api/v1/users/x/token', '/api/v1/users/999999/token', '/api/v1/users/1/token']:
        for w in WEIRD + [{"lifetime_seconds": -1}, {"lifetime_seconds": 2 ** 62}, {"lifetime_seconds": "x"}]:
            f.check('user token', 'POST', path, w, admin)
    for form in [b'username=a', b'password=b', b'username=%00&password=%00', b'username=' + b'a' * 100000
                 + b'&password=x', b'\xff', b'username=admin@example.com&password=%00']:
        f.check('login', 'POST', '/api/v1/auth/login', raw=form, ctype='application/x-www-form-urlencoded')

    for path in ['/api/v1/builds/x/', '/api/v1/builds/-1/', '/api/v1/builds/99999999999999999999/',
                 '/api/v1/builds/?pageNumber=0', '/api/v1/builds/?pageNumber=x',
                 '/api/v1/builds/?pageNumber=99999999999', '/api/v1/builds/?pageNumber=1&platform_id=x',
                 '/api/v1/builds/?pageNumber=1&is_running=maybe', '/api/v1/builds/?pageNumber=1&created_by=x',
                 '/api/v1/builds/?pageNumber=1&build_task_arch=%00', '/api/v1/builds/?pageNumber=1&ref=%25%5F%5C',
                 '/api/v1/builds/?pageNumber=1&project=%00', '/api/v1/repositories/?limit=x',
                 '/api/v1/repositories/?limit=-1', '/api/v1/repositories/?offset=99999999999999',
                 '/api/v1/repositories/x/', '/api/v1/repositories/0/', '/api/v1/repositories/99999/']:
        f.check('read', 'GET', path, token=admin)
    for path in ['/api/v1/builds/x/restart-failed', '/api/v1/builds/999999/cancel',
                 '/api/v1/builds/99999999999999999999/parallel-restart-failed']:
        f.check('build action', 'PATCH', path, token=admin)
    for path in ['/api/v1/builds/x/remove', '/api/v1/builds/999999/remove']:
        f.check('remove build', 'DELETE', path, token=admin)

    print(f"[fuzz] {f.sent} requests, {len(f.failures)} answered 5xx or without a JSON detail")
    seen = set()
    for fail in f.failures:
        key = (fail[0], fail[3], fail[4][:80])
        if key not in seen:
            seen.add(key)
            print('  FAIL', fail)
    return 1 if f.failures else 0


if __name__ == '__main__':
    sys.exit(main())
