#!/usr/bin/env python3
"""Latency of the build feed (GET /api/v1/builds/) for several query strings, one case after the other.

    list_cases.py --base-url URL --token-file F --shared-dir DIR --case NAME=QUERY [--case ...]
                  [--requests 200] [--warmup 50] [--concurrency 1] [--watch server=PID --watch postgres=PID]
                  [--json-out FILE]

Each case (QUERY is a query string without '?', e.g. "pageNumber=1&rpm_name=bash") gets --warmup untimed requests,
then --requests timed ones from --concurrency workers. The HTTP client, the percentiles and the CPU accounting are
the shared driver's (dispatch_bench.py: Api, Stats, CpuMeter), imported from --shared-dir, so the figures are
computed exactly as its own list scenario computes them. Prints one line per case and writes the JSON report.
"""
import argparse
import asyncio
import collections
import json
import sys
import time
import urllib.parse


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--base-url', required=True)
    ap.add_argument('--token-file', required=True)
    ap.add_argument('--shared-dir', required=True, help='directory of dispatch_bench.py')
    ap.add_argument('--case', action='append', default=[], metavar='NAME=QUERY')
    ap.add_argument('--requests', type=int, default=200)
    ap.add_argument('--warmup', type=int, default=50)
    ap.add_argument('--concurrency', type=int, default=1)
    ap.add_argument('--watch', action='append', default=[], metavar='NAME=PID')
    ap.add_argument('--json-out')
    a = ap.parse_args(argv)
    if not a.case:
        ap.error('at least one --case NAME=QUERY')
    a.cases = []
    for c in a.case:
        name, sep, query = c.partition('=')
        if not sep or not name:
            ap.error(f'--case wants NAME=QUERY, not {c!r}')
        a.cases.append((name, dict(urllib.parse.parse_qsl(query, keep_blank_values=True))))
    a.watch = {n: int(p) for n, _, p in (w.partition('=') for w in a.watch)}
    with open(a.token_file) as f:
        a.token = f.read().strip()
    return a


async def run(args, driver):
    import aiohttp
    stats = driver.Stats()
    meter = driver.CpuMeter(args.watch)
    report = {'argv': sys.argv, 'base_url': args.base_url, 'started': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
              'concurrency': args.concurrency, 'cases': []}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                     timeout=aiohttp.ClientTimeout(total=300)) as session:
        api = driver.Api(session, args.base_url, args.token, None, stats, 'POST')
        for name, params in args.cases:
            st, data, size = await api.call('probe_' + name, 'GET', '/api/v1/builds/', params=params)
            total = data.get('total_builds') if isinstance(data, dict) else None
            for _ in range(args.warmup):
                await api.call('warmup_' + name, 'GET', '/api/v1/builds/', params=params)
            remaining = iter(range(args.requests))
            returned = collections.Counter()

            async def worker():
                for _ in remaining:
                    _, body, _ = await api.call(name, 'GET', '/api/v1/builds/', params=params)
                    if isinstance(body, dict):
                        returned[len(body.get('builds', []))] += 1
            m0 = meter.sample()
            await asyncio.gather(*(worker() for _ in range(args.concurrency)))
            delta = driver.CpuMeter.delta(m0, meter.sample())
            s = stats.summary(name)
            case = {'name': name, 'params': params, 'probe_status': st, 'total_builds': total, 'page_bytes': size,
                    'requests': args.requests, 'req_per_s': round(args.requests / delta['wall_s'], 1),
                    'builds_per_page': dict(returned), 'latency': s, 'cpu': delta}
            for who in args.watch:
                cpu = delta.get(f'{who}_cpu_s')
                case[f'{who}_cpu_ms_per_request'] = None if cpu is None else round(1000 * cpu / args.requests, 2)
            report['cases'].append(case)
            cpu_text = ', '.join(f'{who} {case[f"{who}_cpu_ms_per_request"]} ms' for who in args.watch)
            print(f'{name:<12} p50 {s["p50_ms"]:>7} ms  p99 {s["p99_ms"]:>7} ms  max {s["max_ms"]:>7} ms  '
                  f'{case["req_per_s"]:>6} req/s  total_builds {total}  page {size} B  http {s["http_status"]}'
                  + (f'  CPU/request: {cpu_text}' if cpu_text else '')
                  + f'  machine busy {delta.get("machine_busy_pct_of_all_cpus")}%', flush=True)
    report['http_errors'] = {k: v for k, v in stats.errors.items() if v}
    return report


def main():
    args = parse_args()
    sys.path.insert(0, args.shared_dir)
    import dispatch_bench as driver
    try:
        import uvloop
        uvloop.install()
    except ImportError:
        pass
    report = asyncio.run(run(args, driver))
    if args.json_out:
        with open(args.json_out, 'w') as f:
            f.write(json.dumps(report, indent=2, default=str) + '\n')
    if report['http_errors']:
        print('http errors:', json.dumps(report['http_errors'])[:600], file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
