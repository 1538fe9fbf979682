#!/usr/bin/python3
"""Correctness check of dispatch with several server instances on one database (stdlib only).

Run by bench/run-two-instances.sh, which starts the servers; usable on its own against any set of
instances that share a database and a JWT secret:

  /usr/bin/python3 bench/multi_instance_check.py --urls http://127.0.0.1:18091,http://127.0.0.1:18092

1. logs in as the superuser (ALBS_ADMIN_EMAIL / ALBS_ADMIN_PASSWORD) on the first instance;
2. creates --nodes build-node service accounts and a token for each (one user per node: the lease holder is
   the token's user), alternating instances;
3. creates --builds builds of --refs refs x (src + --arches) tasks on AlmaLinux-8 with "independent_tasks": true
   (so many tasks are ready at once), alternating instances;
4. runs --nodes node threads; node i starts on instance i % k and every request goes to the next instance in
   turn, so a task is routinely claimed on one instance, pinged on the other and reported on the first.
   Each loops get_task -> (ping with the task when due) -> build_done(done, rpm + build_log, 64-hex sha256)
   until every task created in 3 is reported or nothing progresses for --stall-timeout seconds;
5. verifies through GET /api/v1/builds/{id}/: every task COMPLETED with the reported artifacts, each task's
   history has exactly one CLAIM and one DONE by the node that got it and no RECLAIM, no get_task answer went
   to two nodes (or twice), no task was lost, no request failed (5xx, transport error, unexpected 4xx), and
   every build has finished_at. Prints the counts and PASS or FAIL; exit status 1 on FAIL.

--failover (run-two-instances.sh --crash-after N kills instance 0 with SIGKILL mid-run): a request that fails in
transport (connection refused or reset, the answer lost) marks that instance dead for every node and is sent again
to the next live one, as a build node behind a load balancer would. What may then differ, and is checked instead:
a get_task answer lost with the dead instance may have claimed a task nobody knows of, so that task is taken over
after its lease (a RECLAIM whose reason is the expired lease, at most one per lost answer); a build_done whose
answer was lost may have been stored, so its retry may get 409 and then counts as done. Transport errors are allowed
against dead instances only; every task must still end COMPLETED with exactly one CLAIM and one DONE, reported by
the node that last claimed it, and every build must finish.
"""
import argparse
import collections
import hashlib
import http.client
import json
import math
import os
import random
import sys
import threading
import time
import urllib.parse
import uuid

FINAL = {2: 'COMPLETED', 3: 'FAILED', 4: 'EXCLUDED', 5: 'CANCELLED'}


class Client:
    """One keep-alive connection per instance, owned by one thread."""

    def __init__(self, urls, timeout, recorder, dead=None):
        self.targets = [urllib.parse.urlsplit(u) for u in urls]
        self.timeout = timeout
        self.conns = [None] * len(urls)
        self.rec = recorder
        self.dead = dead              # failover: instances found dead (shared by all clients), else None
        self.failed_over = False      # the last request failed in transport on one instance and was re-sent
        self.served_by = None         # the instance that answered the last request

    def live(self, i):
        """Instance i, or the next one not known dead (failover mode)."""
        if self.dead is None:
            return i
        k = len(self.targets)
        for step in range(k):
            j = (i + step) % k
            if j not in self.dead:
                return j
        return i

    def _conn(self, i):
        if self.conns[i] is None:
            t = self.targets[i]
            self.conns[i] = http.client.HTTPConnection(t.hostname, t.port or 80, timeout=self.timeout)
        return self.conns[i]

    def request(self, i, label, method, path, body=None, token=None, form=None):
        self.failed_over = False
        i = self.live(i)
        st, parsed = self._request(i, label, method, path, body, token, form)
        while st is None and self.dead is not None:
            self.dead.add(i)
            j = self.live(i)
            if j == i:
                break
            self.failed_over = True
            self.rec.failover(label, i)
            i = j
            st, parsed = self._request(i, label, method, path, body, token, form)
        self.served_by = i
        return st, parsed

    def _request(self, i, label, method, path, body, token, form):
        headers = {'Accept': 'application/json'}
        if token:
            headers['Authorization'] = 'Bearer ' + token
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers['Content-Type'] = 'application/x-www-form-urlencoded'
        elif body is not None:
            data = json.dumps(body).encode()
            headers['Content-Type'] = 'application/json'
        full = self.targets[i].path.rstrip('/') + path
        t0 = time.perf_counter()
        for retry in range(2):
            conn = self._conn(i)
            try:
                conn.request(method, full, body=data, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
                # a keep-alive connection the server closed while idle: reconnect once (the request never
                # reached the application). Anything else is reported.
                conn.close()
                self.conns[i] = None
                self.rec.reconnect(label)
                if retry == 1:
                    self.rec.transport_error(label, i, repr(exc))
                    return None, None
            except Exception as exc:  # timeout and the like: the request may have been processed
                conn.close()
                self.conns[i] = None
                self.rec.transport_error(label, i, repr(exc))
                return None, None
        self.rec.latency(label, i, time.perf_counter() - t0, resp.status)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw[:300]
        return resp.status, parsed

    def close(self):
        for c in self.conns:
            if c is not None:
                c.close()


class Recorder:
    def __init__(self, n_instances):
        self.lock = threading.Lock()
        self.lat = collections.defaultdict(list)           # (label, instance) -> [s]
        self.status = collections.defaultdict(collections.Counter)
        self.errors = collections.defaultdict(list)        # label -> samples
        self.transport = collections.Counter()
        self.transport_by_instance = collections.Counter()
        self.reconnects = collections.Counter()
        self.failovers = collections.Counter()
        self.n = n_instances

    def latency(self, label, i, seconds, status):
        with self.lock:
            self.lat[(label, i)].append(seconds)
            self.status[label][status] += 1

    def transport_error(self, label, i, msg):
        with self.lock:
            self.transport[label] += 1
            self.transport_by_instance[i] += 1
            if len(self.errors[label]) < 5:
                self.errors[label].append(f'instance {i}: {msg}')

    def failover(self, label, i):
        with self.lock:
            self.failovers[(label, i)] += 1

    def reconnect(self, label):
        with self.lock:
            self.reconnects[label] += 1

    def bad_status(self, label, i, status, body):
        with self.lock:
            if len(self.errors[label]) < 5:
                self.errors[label].append(f'instance {i}: HTTP {status}: {json.dumps(body)[:400]}')

    def pct(self, label, p):
        xs = sorted(x for (lb, _), v in self.lat.items() if lb == label for x in v)
        if not xs:
            return None
        return round(1000 * xs[min(len(xs) - 1, max(0, math.ceil(p / 100 * len(xs)) - 1))], 1)


def fake_artifacts(task, tag):
    tid, arch = task['id'], task['arch']
    names = [(f'mi-{tag}-t{tid}-1.0-1.el8.{arch}.rpm', 'rpm'), (f'mock_build.{tid}.log', 'build_log')]
    arts = []
    for name, kind in names:
        href = f'/pulp/api/v3/artifacts/{uuid.uuid4()}/'
        arts.append({'name': name, 'type': kind, 'href': href, 'sha256': hashlib.sha256(href.encode()).hexdigest(),
                     'path': f'/srv/build_node/builder-0/{tid}/artifacts/{name}', 'cas_hash': None})
    return arts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--urls', default='http://127.0.0.1:18091,http://127.0.0.1:18092')
    ap.add_argument('--admin-email', default=os.environ.get('ALBS_ADMIN_EMAIL', 'admin@example.com'))
    ap.add_argument('--admin-password', default=os.environ.get('ALBS_ADMIN_PASSWORD'))
    ap.add_argument('--nodes', type=int, default=16)
    ap.add_argument('--builds', type=int, default=50)
    ap.add_argument('--refs', type=int, default=10)
    ap.add_argument('--arches', default='x86_64,i686,aarch64')
    ap.add_argument('--platform', default='AlmaLinux-8')
    ap.add_argument('--no-independent-tasks', action='store_true',
                    help='plan builds with the default sequential dependencies')
    ap.add_argument('--create-threads', type=int, default=4)
    ap.add_argument('--ping-interval', type=float, default=1.0,
                    help='a node pings (with the task it holds) when this much time passed since its last ping')
    ap.add_argument('--build-time', type=float, default=0.0, help='seconds a node "builds" each task')
    ap.add_argument('--idle-sleep', type=float, default=0.05)
    ap.add_argument('--stall-timeout', type=float, default=60.0)
    ap.add_argument('--timeout', type=float, default=60.0, help='HTTP timeout per request')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--failover', action='store_true',
                    help='an instance that fails in transport is dead: re-send to the next one (see above)')
    args = ap.parse_args()
    if not args.admin_password:
        ap.error('the superuser password is needed: --admin-password or ALBS_ADMIN_PASSWORD')
    urls = [u.rstrip('/') for u in args.urls.split(',') if u]
    k = len(urls)
    arches = [a for a in args.arches.split(',') if a]
    tag = uuid.uuid4().hex[:6]
    rec = Recorder(k)
    problems = []
    dead = set() if args.failover else None

    # ---- 1. superuser token (instances share the JWT secret, so it is valid on all)
    main_client = Client(urls, args.timeout, rec, dead)
    st, body = main_client.request(0, 'login', 'POST', '/api/v1/auth/login',
                                   form={'username': args.admin_email, 'password': args.admin_password})
    if st != 200:
        sys.exit(f'login failed: {st} {body}')
    admin = body['access_token']
    for i in range(1, k):
        st, body = main_client.request(i, 'me', 'GET', '/api/v1/users/me', token=admin)
        if st != 200:
            sys.exit(f'the token from instance 0 is refused by instance {i} ({st} {body}): same JWT_SECRET?')

    # ---- 2. node accounts
    nodes = []
    for n in range(args.nodes):
        i = n % k
        name = f'mi-node-{tag}-{n:02d}'
        st, user = main_client.request(i, 'create_user', 'POST', '/api/v1/users/',
                                       {'username': name, 'email': f'{name}@nodes.example.com'}, token=admin)
        if st not in (200, 201):
            sys.exit(f'creating user {name} on instance {i} failed: {st} {user}')
        st, tok = main_client.request((i + 1) % k, 'create_token', 'POST', f'/api/v1/users/{user["id"]}/token',
                                      {'lifetime_seconds': 86400}, token=admin)
        if st != 200:
            sys.exit(f'token for {name} failed: {st} {tok}')
        nodes.append({'n': n, 'name': name, 'user_id': user['id'], 'token': tok['jwt_token']})
    print(f'[setup] {len(urls)} instances {urls}; {len(nodes)} node accounts '
          f'(user ids {nodes[0]["user_id"]}..{nodes[-1]["user_id"]})', flush=True)

    # ---- 3. builds
    builds = {}                                   # build id -> [task ids]
    task_arch = {}
    create_lock = threading.Lock()
    idx_iter = iter(range(args.builds))

    def creator(c):
        cl = Client(urls, args.timeout, rec, dead)
        while True:
            with create_lock:
                idx = next(idx_iter, None)
            if idx is None:
                break
            payload = {'platforms': [{'name': args.platform, 'arch_list': arches,
                                      'independent_tasks': not args.no_independent_tasks}],
                       'tasks': [{'url': f'https://git.almalinux.org/rpms/mi-{tag}-{idx}-{r}.git', 'git_ref': 'c8',
                                  'ref_type': 'git_branch'} for r in range(args.refs)]}
            st, b = cl.request(idx % k, 'create_build', 'POST', '/api/v1/builds/', payload, token=admin)
            if st not in (200, 201) or not isinstance(b, dict):
                rec.bad_status('create_build', idx % k, st, b)
                with create_lock:
                    problems.append(f'build {idx} not created: HTTP {st}')
                continue
            with create_lock:
                builds[b['id']] = [t['id'] for t in b['tasks']]
                for t in b['tasks']:
                    task_arch[t['id']] = t['arch']
        cl.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=creator, args=(c,)) for c in range(args.create_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = {tid for tids in builds.values() for tid in tids}
    per_build = collections.Counter(len(v) for v in builds.values())
    print(f'[create] {len(builds)} builds, {len(expected)} tasks (tasks per build: {dict(per_build)}) in '
          f'{time.perf_counter() - t0:.1f}s', flush=True)
    if not expected:
        sys.exit('no build was created')

    # ---- 4. nodes
    state_lock = threading.Lock()
    handed = collections.defaultdict(list)       # task id -> [(node n, instance, node user id)]
    done_ok = set()
    done_by = {}
    sent_artifacts = {}
    counters = collections.Counter()
    per_instance = collections.Counter()
    progress = {'t': time.perf_counter()}
    finished = threading.Event()
    node_arches = arches + ['src']

    def node_loop(node):
        cl = Client(urls, args.timeout, rec, dead)
        rnd = random.Random(args.seed * 1000 + node['n'])
        turn = node['n'] % k
        last_ping = time.perf_counter() - rnd.random() * args.ping_interval

        def nxt():
            nonlocal turn
            i = turn
            turn = (turn + 1) % k
            return i

        def ping(active):
            nonlocal last_ping
            i = nxt()
            st, body = cl.request(i, 'ping', 'POST', '/api/v1/build_node/ping', {'active_tasks': active},
                                  token=node['token'])
            last_ping = time.perf_counter()
            if st != 200:
                with state_lock:
                    counters['ping_errors'] += 1
                if st is not None:
                    rec.bad_status('ping', i, st, body)

        time.sleep(rnd.random() * 0.02)
        while not finished.is_set():
            if time.perf_counter() - progress['t'] > args.stall_timeout:
                with state_lock:
                    counters['stalled_nodes'] += 1
                break
            if time.perf_counter() - last_ping >= args.ping_interval:
                ping([])
            i = nxt()
            st, task = cl.request(i, 'get_task', 'POST', '/api/v1/build_node/get_task',
                                  {'supported_arches': node_arches, 'excluded_packages': []}, token=node['token'])
            i = cl.served_by
            with state_lock:
                counters['get_task_calls'] += 1
                if cl.failed_over:
                    # the dead instance may have claimed a task for this node before the answer was lost
                    counters['get_task_lost_answers'] += 1
            if st != 200:
                with state_lock:
                    counters['get_task_errors'] += 1
                if st is not None:
                    rec.bad_status('get_task', i, st, task)
                time.sleep(args.idle_sleep)
                continue
            if not task:
                with state_lock:
                    counters['get_task_empty'] += 1
                time.sleep(args.idle_sleep * (0.5 + rnd.random()))
                continue
            tid = task['id']
            with state_lock:
                handed[tid].append((node['n'], i, node['user_id']))
                per_instance[f'get_task_hit_instance_{i}'] += 1
                if tid not in expected:
                    counters['foreign_tasks'] += 1
                if task.get('arch') not in node_arches:
                    problems.append(f'task {tid} of arch {task.get("arch")} handed to a node for {node_arches}')
            # "build": ping with the task whenever a ping is due (renews the lease, on the next instance)
            build_end = time.perf_counter() + args.build_time
            while True:
                if time.perf_counter() - last_ping >= args.ping_interval:
                    ping([tid])
                left = build_end - time.perf_counter()
                if left <= 0:
                    break
                time.sleep(min(left, max(0.0, last_ping + args.ping_interval - time.perf_counter())) + 0.001)
            arts = fake_artifacts(task, tag)
            i = nxt()
            st, body = cl.request(i, 'build_done', 'POST', '/api/v1/build_node/build_done',
                                  {'task_id': tid, 'status': 'done', 'artifacts': arts,
                                   'stats': {'build_node_task': {'start_ts': '2026-01-01 10:00:00.000001',
                                                                 'end_ts': '2026-01-01 10:00:01.000002',
                                                                 'delta': '0:00:01.000001'}},
                                   'is_cas_authenticated': False, 'git_commit_hash': None,
                                   'alma_commit_cas_hash': None}, token=node['token'])
            i = cl.served_by
            stored_before = st == 409 and cl.failed_over   # the lost first attempt was stored
            with state_lock:
                counters['build_done_calls'] += 1
                if stored_before:
                    counters['build_done_409_after_failover'] += 1
                if st == 200 or stored_before:
                    done_ok.add(tid)
                    done_by[tid] = node['user_id']
                    sent_artifacts[tid] = len(arts)
                    progress['t'] = time.perf_counter()
                    if expected <= done_ok:
                        finished.set()
                elif st == 409:
                    counters['build_done_409'] += 1
                else:
                    counters['build_done_errors'] += 1
            if st not in (200, None) and not stored_before:
                rec.bad_status('build_done', i, st, body)
        cl.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=node_loop, args=(nd,), name=f'node-{nd["n"]}') for nd in nodes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    print(f'[dispatch] {len(done_ok & expected)}/{len(expected)} tasks reported done in {wall:.1f}s '
          f'({len(done_ok & expected) / wall:.1f} tasks/s); {dict(counters)}; {dict(per_instance)}', flush=True)

    # ---- 5. verification
    statuses = collections.Counter()
    seen = set()
    history_bad = []
    reclaims = 0
    artifacts_bad = []
    unfinished_builds = []
    holder_bad = []
    for n_b, bid in enumerate(sorted(builds)):
        st, b = main_client.request(n_b % k, 'get_build', 'GET', f'/api/v1/builds/{bid}/', token=admin)
        if st != 200 or not isinstance(b, dict):
            problems.append(f'GET build {bid}: HTTP {st}')
            continue
        if not b.get('finished_at'):
            unfinished_builds.append(bid)
        for t in b.get('tasks', []):
            tid = t['id']
            seen.add(tid)
            statuses[t['status']] += 1
            history = t.get('history') or []
            ev = collections.Counter(h['event'] for h in history)
            reclaims += ev.get('RECLAIM', 0)
            # failover: a task whose claim answer died with an instance is taken over once its lease expired
            reclaim_ok = not ev.get('RECLAIM') or (args.failover and all(
                'expired' in (h.get('reason') or '') for h in history if h['event'] == 'RECLAIM'))
            if ev.get('CLAIM') != 1 or ev.get('DONE') != 1 or not reclaim_ok:
                history_bad.append((tid, [(h['event'], h.get('node'), h.get('reason')) for h in history]))
            else:
                claim = [h for h in history if h['event'] in ('CLAIM', 'RECLAIM')][-1]
                done = next(h for h in t['history'] if h['event'] == 'DONE')
                got = handed.get(tid, [])
                if (len(got) != 1 or claim.get('node') != got[0][2] or done.get('node') != got[0][2]
                        or t.get('lease_holder') != got[0][2]):
                    holder_bad.append((tid, claim.get('node'), done.get('node'), t.get('lease_holder'), got))
            if tid in sent_artifacts and len(t.get('artifacts') or []) != sent_artifacts[tid]:
                artifacts_bad.append((tid, len(t.get('artifacts') or []), sent_artifacts[tid]))
    duplicates = {tid: v for tid, v in handed.items() if len(v) > 1}
    lost = sorted(expected - done_ok)
    not_completed = statuses.total() - statuses.get(2, 0)
    missing_in_api = expected - seen
    http_5xx = {lb: sum(c for s, c in cnt.items() if isinstance(s, int) and s >= 500) for lb, cnt in rec.status.items()}
    http_5xx = {lb: c for lb, c in http_5xx.items() if c}
    transport_live = {i: c for i, c in rec.transport_by_instance.items() if not dead or i not in dead}
    lost_answers = counters['get_task_lost_answers']

    print('[verify] task status histogram', {FINAL.get(s, s): c for s, c in sorted(statuses.items())})
    checks = [
        ('builds created', len(builds) == args.builds, f'{len(builds)}/{args.builds}'),
        ('tasks reported done', not lost, f'{len(expected) - len(lost)}/{len(expected)}'
                                           + (f'; lost e.g. {lost[:10]}' if lost else '')),
        ('tasks COMPLETED in the API', not_completed == 0 and not missing_in_api,
         f'{statuses.get(2, 0)}/{len(expected)}' + (f'; missing {sorted(missing_in_api)[:10]}' if missing_in_api else '')),
        ('history: 1 CLAIM + 1 DONE, ' + ('RECLAIM only after an expired lease' if args.failover else 'no RECLAIM'),
         not history_bad,
         f'{len(history_bad)} bad, {reclaims} RECLAIM' + (f'; e.g. {history_bad[:3]}' if history_bad else '')),
        ('claimer = reporter = lease holder', not holder_bad,
         f'{len(holder_bad)} bad' + (f'; e.g. {holder_bad[:3]}' if holder_bad else '')),
        ('no task handed out twice', not duplicates,
         f'{len(duplicates)} duplicated' + (f'; e.g. {list(duplicates.items())[:3]}' if duplicates else '')),
        ('artifacts stored as reported', not artifacts_bad,
         f'{len(artifacts_bad)} mismatches' + (f'; e.g. {artifacts_bad[:3]}' if artifacts_bad else '')),
        ('every build finished_at set', not unfinished_builds,
         f'{len(builds) - len(unfinished_builds)}/{len(builds)}'
         + (f'; unfinished {unfinished_builds[:10]}' if unfinished_builds else '')),
        ('no 5xx / transport errors' + (' on live instances' if args.failover else ''),
         not http_5xx and not transport_live,
         f'5xx {http_5xx}, transport {dict(rec.transport)} (by instance {dict(rec.transport_by_instance)})'),
        ('no build_done 409 / errors', not counters['build_done_409'] and not counters['build_done_errors'],
         f'409 {counters["build_done_409"]}, other {counters["build_done_errors"]}'),
        ('no get_task / ping errors', not counters['get_task_errors'] and not counters['ping_errors'],
         f'get_task {counters["get_task_errors"]}, ping {counters["ping_errors"]}'),
        ('no foreign tasks', not counters['foreign_tasks'], f'{counters["foreign_tasks"]}'),
        *([('RECLAIMs <= get_task answers lost with a dead instance', reclaims <= lost_answers,
            f'{reclaims} RECLAIM, {lost_answers} lost answers, dead instances {sorted(dead)}')] if args.failover else []),
        ('other problems', not problems, '; '.join(problems[:5]) or 'none'),
    ]
    for name, ok, detail in checks:
        print(f'  [{"ok" if ok else "FAIL"}] {name}: {detail}')
    print('[latency ms] ' + ', '.join(
        f'{lb} p50 {rec.pct(lb, 50)} p99 {rec.pct(lb, 99)}' for lb in ('get_task', 'build_done', 'ping', 'get_build')))
    if rec.failovers:
        print(f'[failover] requests re-sent after a transport error (label, dead instance): '
              f'{ {f"{lb}@{i}": c for (lb, i), c in rec.failovers.items()} }')
    if rec.reconnects:
        print(f'[note] stale keep-alive connections re-opened and the request re-sent: {dict(rec.reconnects)}')
    print('[http status] ' + json.dumps({lb: dict(c) for lb, c in rec.status.items()}, default=str))
    for lb, errs in rec.errors.items():
        for e in errs:
            print(f'  [error sample] {lb}: {e}')
    ok = all(c[1] for c in checks)
    print('PASS' if ok else 'FAIL', flush=True)
    main_client.close()
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
