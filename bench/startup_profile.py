#!/usr/bin/env python3
"""Summarises the JFR method samples of a start (bench/profile-startup.sh): samples per thread, then the main
thread's by Quarkus start-up step (the outermost io.quarkus.runner.recorded.* frame; AlbsMain and Quarkus' own
configuration otherwise) and by library (the frame nearest the leaf from a known library). JFR samples only threads
running Java code, every 10 ms: class loading and linking inside the VM and the JIT are not in these counts.

    bench/startup_profile.py SAMPLES.json [--thread main] [--top N]
"""
import collections
import json
import re
import sys

LIBS = [('config', r'io\.smallrye\.config|io\.quarkus\.runtime\.(configuration|generated\.Config)'),
        ('openapi', r'io\.smallrye\.openapi|io\.quarkus\.smallrye\.openapi'), ('hibernate', r'org\.hibernate'),
        ('flyway', r'org\.flywaydb'), ('yaml', r'org\.yaml\.snakeyaml|jackson\.dataformat\.yaml'),
        ('jackson', r'com\.fasterxml'), ('pgjdbc', r'org\.postgresql'), ('agroal', r'io\.agroal'),
        ('micrometer', r'io\.micrometer'), ('vertx/netty', r'io\.vertx|io\.netty'), ('resteasy', r'resteasy'),
        ('arc', r'io\.quarkus\.arc'), ('albs', r'org\.albs\.(?!bootstrap\.AlbsMain\.main)'),
        ('logging', r'org\.jboss\.log'),
        ('crypto', r'com\.sun\.crypto|javax\.crypto|sun\.security')]


def frames(event):
    trace = event['values'].get('stackTrace') or {'frames': []}
    return [f['method']['type']['name'].replace('/', '.') + '.' + f['method']['name'] for f in trace['frames']]


def main():
    path = sys.argv[1]
    want = sys.argv[sys.argv.index('--thread') + 1] if '--thread' in sys.argv else 'main'
    top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 12
    events = json.load(open(path))['recording']['events']
    threads, steps, libs = collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        thread = (e['values'].get('sampledThread') or {}).get('javaName') or '?'
        threads[re.sub(r'-\d+$', '', thread)] += 1
        if thread != want:
            continue
        names = frames(e)
        outer = list(reversed(names))
        step = next((re.sub(r'\$.*', '', n.split('recorded.')[1])
                     for n in outer if 'io.quarkus.runner.recorded.' in n), None)
        if step is None:
            if any('AlbsMain.configuration' in n for n in outer):
                step = 'AlbsMain: configuration for local mode'
            elif any('generated.Config.<clinit>' in n for n in outer):
                step = 'Quarkus: static-init configuration'
            elif any('generated.Config.createRunTimeConfig' in n for n in outer):
                step = 'Quarkus: run-time configuration'
            else:
                step = 'other'
        steps[step] += 1
        libs[next((lib for n in names for lib, rx in LIBS if re.search(rx, n)), 'jdk/other')] += 1
    print('samples per thread (10 ms each):', ', '.join(f'{t} {n}' for t, n in threads.most_common(top)))
    total = sum(steps.values()) or 1
    print(f'thread {want}, {total} samples, by start-up step:')
    for step, n in steps.most_common(top):
        print(f'  {n:5d} {100 * n / total:5.1f} %  {step}')
    print(f'thread {want}, by library nearest the leaf:')
    for lib, n in libs.most_common(top):
        print(f'  {n:5d} {100 * n / total:5.1f} %  {lib}')


if __name__ == '__main__':
    main()
