#!/usr/bin/env python3
"""A fake Pulp 3 for benchmarks and manual runs on a machine without Pulp.

It answers the calls the server's Pulp adapter makes (repositories, distributions, content from an artifact href,
modify, publications, tasks, deletes) with Pulp's JSON shapes, keeps its state in memory, and completes every task
at once. An artifact's sha256 is sha256(href), the convention of the bench drivers' fake build nodes (they never
upload anything); a package's header is read from the file name given as relative_path.

    python3 bench/fake_pulp.py --port 24817      # then PULP_HOST=http://127.0.0.1:24817

Not a test double for correctness (the test suite has its own, bootstrap/.../PulpStub): a stand-in so that the
store jobs run at a realistic call count while dispatch is measured.
"""
import argparse
import hashlib
import re
import uuid

from aiohttp import web

API = '/pulp/api/v3/'
repos, dists, content, tasks = {}, {}, {}, {}
repo_content = {}
# lookups by (collection, name) and (collection, sha256): the server asks for them for every repository and artifact
by_name, by_sha = {}, {}
counts = {'calls': 0}


def task(created=()):
    href = f'{API}tasks/{uuid.uuid4()}/'
    tasks[href] = list(created)
    return web.json_response({'task': href}, status=202)


def page(items):
    items = list(items)
    return web.json_response({'count': len(items), 'next': None, 'previous': None, 'results': items})


def nevra(name):
    m = re.match(r'^(.+)-([^-]+)-([^-]+)\.([^.]+)\.rpm$', name)
    if not m:
        return {'name': name, 'epoch': '0', 'version': '0', 'release': '0', 'arch': 'noarch', 'rpm_sourcerpm': ''}
    n, v, r, a = m.groups()
    return {'name': n, 'epoch': '0', 'version': v, 'release': r, 'arch': a,
            'rpm_sourcerpm': '' if a == 'src' else f'{n}-{v}-{r}.src.rpm'}


async def handle(request):
    path, method = request.path, request.method
    if method != 'GET':
        counts['calls'] += 1
    body = await request.json() if request.can_read_body else {}
    seg = [s for s in path[len(API):].split('/') if s] if path.startswith(API) else []
    if seg[:1] == ['tasks'] and method == 'GET':
        return web.json_response({'pulp_href': path, 'state': 'completed', 'error': None,
                                  'created_resources': tasks.get(path, [])})
    if len(seg) == 3:
        group, collection = seg[0], API + '/'.join(seg) + '/'
        objects = {'repositories': repos, 'distributions': dists, 'content': content}.get(group)
        if method == 'GET':
            q = request.query
            if 'name' in q:
                href = by_name.get((collection, q['name']))
            elif 'sha256' in q:
                href = by_sha.get((collection, q['sha256']))
            else:
                return page(o for h, o in objects.items() if h.startswith(collection))
            return page([objects[href]] if href in objects else [])
        if group == 'repositories':
            href = f'{collection}{uuid.uuid4()}/'
            repos[href] = {'pulp_href': href, 'name': body['name'], 'latest_version_href': f'{href}versions/0/'}
            by_name[(collection, body['name'])] = href
            repo_content[href] = set()
            return web.json_response(repos[href], status=201)
        if group == 'distributions':
            href = f'{collection}{uuid.uuid4()}/'
            host = f'{request.scheme}://{request.host}'
            dists[href] = {'pulp_href': href, 'name': body['name'], 'base_path': body['base_path'],
                           'repository': body.get('repository'), 'base_url': f"{host}/pulp/content/{body['base_path']}/"}
            by_name[(collection, body['name'])] = href
            return task([href])
        if group == 'content':
            sha = hashlib.sha256(body['artifact'].encode()).hexdigest()
            if by_sha.get((collection, sha)) in content:
                return task([by_sha[(collection, sha)]])
            href = f'{collection}{uuid.uuid4()}/'
            unit = {'pulp_href': href, 'sha256': sha, 'digest': sha, 'relative_path': body.get('relative_path')}
            if seg[1] == 'rpm':
                unit.update(nevra(body.get('relative_path', '')))
            content[href] = unit
            by_sha[(collection, sha)] = href
            return task([href])
        if group == 'publications':
            return task([f'{collection}{uuid.uuid4()}/'])
    if len(seg) == 5 and seg[4] == 'modify':
        href = API + '/'.join(seg[:4]) + '/'
        repo_content.setdefault(href, set()).difference_update(body.get('remove_content_units', []))
        repo_content[href].update(body.get('add_content_units', []))
        return task()
    if len(seg) == 4:
        for objects in (repos, dists, content):
            if path in objects:
                if method == 'DELETE':
                    del objects[path]
                    return task()
                if method == 'PATCH':
                    objects[path].update(body)
                    return task()
                return web.json_response(objects[path])
    return web.json_response({'detail': 'Not found.'}, status=404)


async def stats(request):
    return web.json_response({'state_changing_calls': counts['calls'], 'repositories': len(repos),
                              'content': len(content)})


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, default=24817)
    args = p.parse_args()
    app = web.Application(client_max_size=16 * 1024 * 1024)
    app.router.add_get('/fake/stats', stats)
    app.router.add_route('*', '/{tail:.*}', handle)
    web.run_app(app, host='127.0.0.1', port=args.port, print=None)


if __name__ == '__main__':
    main()
