#!/usr/bin/env python3
"""Dispatch under interference: do the queue's invariants hold when users cancel, restart and delete builds while
nodes report, go silent and report late?

Stdlib only (threads + urllib), plus psql for the invariants. Against a server with a short lease (PT3S is what
run-robustness.sh sets) and one fresh database:
  * node threads loop get_task -> build_done (done 75 %, failed 20 %, excluded 5 %); during the chaos phase 8 % of
    the tasks they get are never reported (lease expiry, RECLAIM, and after max attempts FAILED) and 5 % are
    reported after 3.5 s (a late report: 409 when the task was taken over, 200 when it was not);
  * admin threads pick a random build and cancel it, restart its failed tasks (sequential or parallel), remove it,
    read it, create new builds (30 % of them with independent tasks);
  * then the chaos stops, nodes report everything they get until the queue is empty.
Fails (exit 1) on any 5xx, any get_task answer other than 200, and any violated invariant of the database:
  open_tasks = the build's IDLE + STARTED tasks; finished_at set exactly when that is 0; pending_deps = the task's
  dependency rows; no STARTED task without a lease; nothing IDLE or STARTED once drained; no dependency on a task
  that has already ended; every task's last history entry has its status.

    chaos_check.py --url URL[,URL...] --admin-token T --node-tokens T1,T2,... --db albs_bench_chaos [--seconds 45]
"""
import argparse
import collections
import json
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

INVARIANTS = {
    'open_tasks differs from the IDLE + STARTED tasks':
        "SELECT b.id FROM builds b LEFT JOIN build_tasks t ON t.build_id = b.id GROUP BY b.id"
        " HAVING b.open_tasks <> count(t.*) FILTER (WHERE t.status IN (0, 1))",
    'finished_at set while tasks are open, or missing when none are':
        "SELECT id FROM builds WHERE (finished_at IS NULL) <> (open_tasks > 0)",
    'pending_deps differs from the dependency rows':
        "SELECT t.id FROM build_tasks t WHERE t.status = 0 AND t.pending_deps"
        " <> (SELECT count(*) FROM build_task_dependency d WHERE d.build_task_id = t.id)",
    'STARTED without a lease':
        "SELECT id FROM build_tasks WHERE status = 1 AND (lease_holder IS NULL OR lease_expires_at IS NULL)",
    'IDLE or STARTED after the drain':
        "SELECT id FROM build_tasks WHERE status IN (0, 1)",
    'a dependency on a task that has ended':
        "SELECT d.build_task_id FROM build_task_dependency d JOIN build_tasks x ON x.id = d.build_task_dependency"
        " WHERE x.status NOT IN (0, 1)",
    "last history entry differs from the task's status":
        "SELECT t.id FROM build_tasks t JOIN LATERAL (SELECT status FROM build_task_history h"
        " WHERE h.build_task_id = t.id ORDER BY h.id DESC LIMIT 1) h ON true WHERE h.status <> t.status",
}


class Client:
    def __init__(self, urls):
        self.urls = urls
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.failures = []

    def request(self, label, method, path, body=None, token=None):
        data = None if body is None else json.dumps(body).encode()
        # several instances on one database: every request goes to any of them
        r = urllib.request.Request(random.choice(self.urls) + path, data=data, method=method)
        if data is not None:
            r.add_header('Content-Type', 'application/json')
        r.add_header('Authorization', 'Bearer ' + token)
        try:
            with urllib.request.urlopen(r, timeout=60) as resp:
                status, answer = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, answer = e.code, e.read()
        with self.lock:
            self.statuses[f'{label} {status}'] += 1
            if status >= 500 or (label == 'get_task' and status != 200):
                self.failures.append((label, method, path, status, answer[:300]))
        return status, answer


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--url', required=True, help='comma-separated: several instances on one database')
    ap.add_argument('--admin-token', required=True)
    ap.add_argument('--node-tokens', required=True, help='comma-separated, one per node')
    ap.add_argument('--db', required=True, help="the server's database, for the invariants (psql)")
    ap.add_argument('--seconds', type=float, default=45, help='length of the chaos phase')
    ap.add_argument('--drain-seconds', type=float, default=15,
                    help='after the chaos: enough for the last leases to expire and run out of attempts')
    ap.add_argument('--builds', type=int, default=12)
    ap.add_argument('--seed', type=int, default=None)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    c = Client([u.rstrip('/') for u in a.url.split(',')])
    admin = a.admin_token
    platforms = json.loads(c.request('platforms', 'GET', '/api/v1/platforms/', token=admin)[1])
    platform = next(p for p in platforms if {'x86_64', 'i686'} <= set(p['arch_list']))
    builds = []
    builds_lock = threading.Lock()

    def create(n):
        for _ in range(n):
            body = {"platforms": [{"name": platform['name'], "arch_list": ["i686", "x86_64"],
                                   "parallel_mode_enabled": True, "independent_tasks": rnd.random() < 0.3}],
                    "tasks": [{"url": f"https://git.almalinux.org/rpms/chaos-{rnd.randrange(10 ** 9)}.git",
                               "git_ref": "c8", "ref_type": 1} for _ in range(4)]}
            status, answer = c.request('create', 'POST', '/api/v1/builds/', body, admin)
            if status == 200:
                with builds_lock:
                    builds.append(json.loads(answer)['id'])

    create(a.builds)
    chaos_over = threading.Event()
    drained = threading.Event()

    def node(token):
        while not drained.is_set():
            status, answer = c.request('get_task', 'POST', '/api/v1/build_node/get_task',
                                       {"supported_arches": ["x86_64", "i686", "src"], "excluded_packages": []},
                                       token)
            task = json.loads(answer) if status == 200 else None
            if task is None:
                time.sleep(0.05)
                continue
            x = rnd.random()
            if not chaos_over.is_set() and x < 0.08:
                continue  # silent: never reported
            if not chaos_over.is_set() and x < 0.13:
                time.sleep(3.5)  # late: the lease may have been taken over meanwhile
            outcome = rnd.choices(['done', 'failed', 'excluded'], [0.75, 0.2, 0.05])[0]
            tid = task['id']
            artifacts = [{"name": f"albs.{tid}.log", "type": "build_log", "href": f"/pulp/api/v3/artifacts/l{tid}/",
                          "sha256": "%064x" % (tid + 7), "cas_hash": None}]
            if outcome == 'done':
                name = f"t{tid}.src.rpm" if task['arch'] == 'src' else f"t{tid}.{task['arch']}.rpm"
                artifacts.append({"name": name, "type": "rpm", "href": f"/pulp/api/v3/artifacts/{tid}/",
                                  "sha256": "%064x" % tid, "path": "/srv/x", "cas_hash": None})
            c.request('build_done', 'POST', '/api/v1/build_node/build_done',
                      {"task_id": tid, "status": outcome, "artifacts": artifacts,
                       "stats": {"build_node_task": {"start_ts": "2026-01-01 10:00:00.000001"}},
                       "is_cas_authenticated": False, "git_commit_hash": None, "alma_commit_cas_hash": None}, token)

    def user():
        while not chaos_over.is_set():
            with builds_lock:
                b = rnd.choice(builds) if builds else None
            if b is None:
                time.sleep(0.1)
                continue
            op = rnd.choices(['cancel', 'restart', 'parallel', 'remove', 'get', 'create'],
                             [0.15, 0.3, 0.25, 0.04, 0.21, 0.05])[0]
            if op == 'cancel':
                c.request('cancel', 'PATCH', f'/api/v1/builds/{b}/cancel', token=admin)
            elif op == 'restart':
                c.request('restart', 'PATCH', f'/api/v1/builds/{b}/restart-failed', token=admin)
            elif op == 'parallel':
                c.request('restart', 'PATCH', f'/api/v1/builds/{b}/parallel-restart-failed', token=admin)
            elif op == 'remove':
                status, _ = c.request('remove', 'DELETE', f'/api/v1/builds/{b}/remove', token=admin)
                if status == 204:
                    with builds_lock:
                        builds.remove(b)
            elif op == 'get':
                c.request('get', 'GET', f'/api/v1/builds/{b}/', token=admin)
            else:
                create(1)
            time.sleep(rnd.random() * 0.1)

    threads = [threading.Thread(target=node, args=(t,)) for t in a.node_tokens.split(',')]
    threads += [threading.Thread(target=user) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(a.seconds)
    chaos_over.set()
    print(f'[chaos] {a.seconds:.0f} s of chaos over, draining for {a.drain_seconds:.0f} s', flush=True)
    time.sleep(a.drain_seconds)
    drained.set()
    for t in threads:
        t.join()

    print('[chaos] answers:', ', '.join(f'{k}: {v}' for k, v in sorted(c.statuses.items())))
    bad = 0
    for name, sql in INVARIANTS.items():
        rows = subprocess.run(['psql', '-X', '-At', '-d', a.db, '-c', sql], check=True, capture_output=True,
                              text=True).stdout.split()
        print(f"  [{'ok' if not rows else 'FAIL'}] {name}" + (f": {len(rows)} ({', '.join(rows[:10])})" if rows else ''))
        bad += bool(rows)
    counts = subprocess.run(['psql', '-X', '-At', '-F', '=', '-d', a.db, '-c',
                             "SELECT event, count(*) FROM build_task_history GROUP BY event ORDER BY event"],
                            check=True, capture_output=True, text=True).stdout.split()
    print('  history events:', ' '.join(counts))
    print(f"  [{'ok' if not c.failures else 'FAIL'}] no 5xx, every get_task 200: {len(c.failures)} bad answers")
    for fail in c.failures[:10]:
        print('    ', fail)
    ok = not bad and not c.failures
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
