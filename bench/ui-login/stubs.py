#!/usr/bin/env python3
"""Fake GitHub (OAuth + REST) and a static server for the built albs-frontend with /api/ and /pulp/content/ proxied to
the ALBS server (same origin, as deploy/nginx does).

usage: stubs.py GITHUB_PORT FRONT_PORT DIST_DIR BACKEND_URL API_LOG
Every /api and /pulp/content call the UI makes is appended to API_LOG as "API METHOD PATH?QUERY STATUS".
"""
import sys, asyncio
from urllib.parse import urlencode
from aiohttp import web, ClientSession

gh_port, front_port, dist, backend, api_log = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].rstrip('/'), sys.argv[5]
TOKEN = 'gho_uilogin'


def log(line):
    with open(api_log, 'a') as f:
        f.write(line + '\n')
    print(line, flush=True)


# ---- fake GitHub -------------------------------------------------------------------------------------------------
async def authorize(request):
    q = request.query
    log(f"GITHUB authorize client_id={q.get('client_id')} redirect_uri={q.get('redirect_uri')} scope={q.get('scope')}")
    sep = '&' if '?' in q['redirect_uri'] else '?'
    raise web.HTTPFound(q['redirect_uri'] + sep + urlencode({'code': 'test-code', 'state': q.get('state', '')}))


async def access_token(request):
    form = await request.post()
    log(f"GITHUB access_token code={form.get('code')} client_id={form.get('client_id')} "
        f"redirect_uri={form.get('redirect_uri')} accept={request.headers.get('Accept')}")
    if form.get('code') != 'test-code':
        return web.json_response({'error': 'bad_verification_code'})
    body = {'access_token': TOKEN, 'token_type': 'bearer', 'scope': 'read:user,user:email,read:org'}
    if 'application/json' in request.headers.get('Accept', ''):
        return web.json_response(body)
    return web.Response(text=urlencode(body), content_type='application/x-www-form-urlencoded')


def authed(request):
    return request.headers.get('Authorization', '').lower() in ('bearer ' + TOKEN, 'token ' + TOKEN)


async def user(request):
    log(f"GITHUB /user auth_ok={authed(request)}")
    if not authed(request):
        return web.json_response({'message': 'Bad credentials'}, status=401)
    return web.json_response({'id': 4242, 'login': 'octo', 'name': 'Octo Cat', 'email': None})


async def emails(request):
    log(f"GITHUB /user/emails auth_ok={authed(request)}")
    if not authed(request):
        return web.json_response({'message': 'Bad credentials'}, status=401)
    return web.json_response([{'email': 'octo@example.org', 'primary': True, 'verified': True, 'visibility': 'public'}])


async def gh_other(request):
    log(f"GITHUB unexpected {request.method} {request.path_qs} -> 404")
    return web.json_response({'message': 'Not Found'}, status=404)


# ---- frontend + /api proxy ---------------------------------------------------------------------------------------
HOP = {'connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length', 'host'}


async def proxy(request):
    body = await request.read()
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP}
    async with ClientSession(auto_decompress=True) as s:
        async with s.request(request.method, backend + request.path_qs, headers=headers, data=body or None,
                             allow_redirects=False) as r:
            data = await r.read()
            extra = ''
            if r.status >= 300:
                extra = ' location=' + r.headers.get('Location', '') if r.status < 400 else ' body=' + data[:200].decode('utf-8', 'replace')
            for c in r.headers.getall('Set-Cookie', []):
                pair, _, attrs = c.partition(';')
                name, _, value = pair.partition('=')
                extra += f' set-cookie={name}=<{len(value)} chars>;{attrs}'
            log(f"API {request.method} {request.path_qs} {r.status}{extra}")
            resp = web.Response(status=r.status, body=data)
            for k, v in r.headers.items():
                if k.lower() not in HOP:
                    resp.headers.add(k, v)
            return resp


async def static(request):
    import os
    path = os.path.normpath(os.path.join(dist, request.path.lstrip('/')))
    if path.startswith(dist) and os.path.isfile(path):
        return web.FileResponse(path)
    return web.FileResponse(os.path.join(dist, 'index.html'))  # history-mode SPA fallback


async def main():
    gh = web.Application()
    gh.router.add_get('/login/oauth/authorize', authorize)
    gh.router.add_post('/login/oauth/access_token', access_token)
    gh.router.add_get('/user', user)
    gh.router.add_get('/user/emails', emails)
    gh.router.add_route('*', '/{tail:.*}', gh_other)
    front = web.Application()
    front.router.add_route('*', '/api/{tail:.*}', proxy)
    front.router.add_route('*', '/pulp/content/{tail:.*}', proxy)  # the local store serves it, as Pulp would
    front.router.add_get('/{tail:.*}', static)
    for app, port in ((gh, gh_port), (front, front_port)):
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, '127.0.0.1', int(port)).start()
    print(f"fake GitHub on {gh_port}, frontend on {front_port}", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
