#!/usr/bin/env python3
"""Summarises an async-profiler collapsed-stack file (cpu samples) of the server: share of the JIT, and of the rest
by the library whose frame is nearest the leaf (kernel time attributed to the library that made the system call).

    bench/profile_summary.py FILE.collapsed [--top N]
"""
import collections
import sys

LIBS = [('pgjdbc', 'org/postgresql'), ('jackson', 'com/fasterxml'), ('albs', 'org/albs'),
        ('resteasy', 'org/jboss/resteasy'), ('vertx', 'io/vertx'), ('netty', 'io/netty'), ('agroal', 'io/agroal'),
        ('hibernate', 'org/hibernate'), ('smallrye', 'io/smallrye'), ('quarkus', 'io/quarkus'),
        ('jboss-threads', 'org/jboss/threads'), ('jdk', 'java/'), ('jdk', 'jdk/'), ('jdk', 'sun/')]
APP = tuple(p for name, p in LIBS if name != 'jdk')


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 15
    total, jit = 0, 0
    by_lib, jdk_callers = collections.Counter(), collections.Counter()
    for line in open(path):
        stack, _, n = line.rstrip('\n').rpartition(' ')
        n = int(n)
        total += n
        frames = stack.split(';')
        if any('Compiler' in f or 'CompileBroker' in f for f in frames):
            jit += n
            continue
        kernel = frames[-1].endswith('_[k]')
        lib = 'other'
        for f in reversed(frames):
            hit = next((name for name, prefix in LIBS if f.startswith(prefix)), None)
            if hit:
                lib = hit
                break
        by_lib[lib + (' (in the kernel)' if kernel else '')] += n
        if lib == 'jdk':
            caller = next((f for f in reversed(frames) if f.startswith(APP)), '-')
            jdk_callers[caller.split('(')[0][:100]] += n
    if total == 0:
        print('no samples')
        return
    rest = total - jit
    print(f'{total} samples: JIT compiling {100 * jit / total:.1f}%, the rest {100 * rest / total:.1f}%')
    print('of the rest, by the library nearest the leaf:')
    for lib, n in by_lib.most_common(top):
        print(f'  {100 * n / rest:5.1f}%  {lib}')
    print('JDK time (sockets, thread hand-offs, collections) by its nearest library caller:')
    for caller, n in jdk_callers.most_common(top):
        print(f'  {100 * n / rest:5.1f}%  {caller}')


if __name__ == '__main__':
    main()
