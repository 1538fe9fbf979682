#!/usr/bin/env python3
"""Seeds a local-mode server with the data the web UI's pages show, through the server's own API only.

usage: seed.py SERVER_URL DATA_DIR [OUT_JSON]

DATA_DIR is the server's ALBS_DATA_DIR (admin-password, store-password). Python standard library, rpmbuild, rpmsign
and gpg. What it makes, as the clients that normally do it would:
  - the admin logs in (POST /auth/login); a user `octo` <octo@example.org> (the fake GitHub's account, so the UI's
    GitHub login finds it by e-mail) made a verified superuser; a service account for the build node, the sign node
    and the test system, each with its token;
  - a platform flavour, a team, a product (owned by octo) on AlmaLinux-9;
  - a build of two refs on AlmaLinux-9 x86_64 (with the flavour and the product), built by the stand-in build node
    (scripts/play-build-node.py, real RPMs into the embedded store);
  - tests for it: the seed polls as ALTS does and posts a result with an uploaded log per test;
  - a sign key (a fresh gpg key) and a sign task that the seed works as the sign node does: downloads the packages,
    re-signs them with rpmsign, uploads them, reports them;
  - a second build whose one task fails, so the feed shows both;
  - a release plan of the signed build into the AlmaLinux product (the platform's production repositories).
Prints and writes (OUT_JSON) the ids made, for the page driver.
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(os.path.dirname(here))
server, data_dir = sys.argv[1].rstrip('/'), sys.argv[2]
out_json = sys.argv[3] if len(sys.argv) > 3 else None
api = server + '/api/v1'

spec = importlib.util.spec_from_file_location('play_node', os.path.join(repo, 'scripts', 'play-build-node.py'))
play_node = importlib.util.module_from_spec(spec)
spec.loader.exec_module(play_node)


def call(method, path, body=None, token=None, form=None, ok=(200, 201, 202)):
    """One API call through the stand-in node's HTTP helper; raises unless the status is in `ok` (None: any)."""
    http = play_node.Http({'Authorization': 'Bearer ' + token} if token else {})
    url = path if path.startswith('http') else api + path
    if form is not None:
        status, answer = http.call(method, url, raw=urllib.parse.urlencode(form).encode(),
                                   headers={'Content-Type': 'application/x-www-form-urlencoded'})
    else:
        status, answer = http.call(method, url, body)
    if ok and status not in ok:
        raise RuntimeError(f'{method} {path} -> {status} {answer}')
    return status, answer


def wait(what, probe, timeout=300, every=1.0):
    end = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > end:
            raise RuntimeError('timed out waiting for ' + what)
        time.sleep(every)


def log(msg):
    print('seed: ' + msg, flush=True)


def read(name):
    with open(os.path.join(data_dir, name), encoding='utf-8') as f:
        return f.read().strip()


# ---- accounts ------------------------------------------------------------------------------------------------------
admin_email = os.environ.get('ALBS_ADMIN_EMAIL', 'admin@localhost.localdomain')
admin_password = os.environ.get('ALBS_ADMIN_PASSWORD') or read('admin-password')
_, login = call('POST', '/auth/login', form={'username': admin_email, 'password': admin_password})
admin = login['access_token']
_, users = call('GET', '/users/all_users', token=admin)
octo = next((u for u in users if u['username'] == 'octo'), None)
if octo is None:
    _, octo = call('POST', '/users/', {'username': 'octo', 'email': 'octo@example.org'}, token=admin)
call('PUT', f"/users/{octo['id']}", {'is_superuser': True, 'is_verified': True, 'is_active': True}, token=admin)
octo_token = call('POST', f"/users/{octo['id']}/token", {'lifetime_seconds': 86400}, token=admin)[1]['jwt_token']
log(f"user octo id {octo['id']} (verified superuser)")


def service_account(name):
    _, user = call('POST', '/users/', {'username': name, 'email': name + '@example.org'}, token=admin)
    return call('POST', f"/users/{user['id']}/token", {'lifetime_seconds': 86400}, token=admin)[1]['jwt_token']


suffix = str(int(time.time()))
node_token = service_account('seed-build-node-' + suffix)
sign_token = service_account('seed-sign-node-' + suffix)
alts_token = service_account('seed-alts-' + suffix)
uploader = play_node.PulpUploader(server, 'pulp', read('store-password'))

# ---- platform, flavour, team, product ------------------------------------------------------------------------------
platform = wait('the AlmaLinux-9 platform (reference data loaded at start-up)', lambda: next(
    (p for p in call('GET', '/platforms/')[1] if p['name'] == 'AlmaLinux-9'), None), timeout=120)
flavour_name = 'seed-beta-' + suffix
call('POST', '/platform_flavors/', {
    'name': flavour_name, 'modularity': None, 'data': {'mock': {'macros': {'%seed_beta': '1'}}},
    'repositories': [{'name': flavour_name + '-x86_64', 'arch': 'x86_64', 'type': 'rpm', 'debug': False,
                      'production': False, 'url': 'https://repo.almalinux.org/almalinux/9/AppStream/x86_64/os/'}]},
     token=admin)
_, flavours = call('GET', '/platform_flavors/')
flavour = next(f for f in flavours if f['name'] == flavour_name)
log(f"platform flavour {flavour['id']} {flavour_name}")

team_name = 'seed-team-' + suffix
call('POST', '/teams/create/', {'team_name': team_name, 'user_id': str(octo['id'])}, token=octo_token)
_, teams = call('GET', '/teams/?pageNumber=1', token=octo_token)
team = next(t for t in teams['teams'] if t['name'] == team_name)
log(f"team {team['id']} {team_name}")

product_name = 'seed-product-' + suffix
call('POST', '/products/', {'name': product_name, 'owner_id': str(octo['id']), 'title': 'Seed product',
                            'description': 'Made by bench/ui-login/seed.py', 'platforms': [platform]},
     token=octo_token)
_, products = call('GET', '/products/')
product = next(p for p in products if p['name'] == product_name)
log(f"product {product['id']} {product_name}")

# ---- builds --------------------------------------------------------------------------------------------------------
def create_build(refs):
    body = {'platforms': [{'name': 'AlmaLinux-9', 'arch_list': ['x86_64'], 'parallel_mode_enabled': True}],
            'tasks': [{'url': url, 'git_ref': ref, 'ref_type': 1} for url, ref in refs],
            'linked_builds': [], 'is_secure_boot': False, 'mock_options': {},
            'platform_flavors': [flavour['id']], 'product_id': product['id']}
    return call('POST', '/builds/', body, token=octo_token)[1]['id']


def run_node():
    cfg = tempfile.NamedTemporaryFile('w', suffix='.yml', delete=False)
    cfg.write(f"master_url: {api}/\njwt_token: {node_token}\npulp_host: {server}\npulp_user: pulp\n"
              f"pulp_password: {read('store-password')}\nbase_arch: x86_64\n")
    cfg.close()
    subprocess.run([sys.executable, os.path.join(repo, 'scripts', 'play-build-node.py'), '-c', cfg.name,
                    '--once', '--idle', '5'], check=True)
    os.unlink(cfg.name)


def build_settled(build_id):
    _, b = call('GET', f'/builds/{build_id}/')
    return b if all(t['status'] >= 2 for t in b['tasks']) else None


build_id = create_build([('https://git.almalinux.org/rpms/chan.git', '1.2'),
                         ('https://git.almalinux.org/rpms/zlib.git', '1.2.11')])
log(f'build {build_id} created; the stand-in build node works it')
run_node()
build = wait(f'build {build_id}', lambda: build_settled(build_id), timeout=120)
log(f"build {build_id}: task statuses {[t['status'] for t in build['tasks']]}")

# A build whose task fails: the stand-in node's own task loop, with a build step that fails as rpmbuild would; it
# reports "failed" with its log, as albs-node does.
failed_build_id = create_build([('https://git.almalinux.org/rpms/broken.git', '0.1')])


def failing_build(task, work, master):
    raise RuntimeError('error: Bad exit status from /var/tmp/rpm-tmp (%build) -- made to fail by seed.py')


node_http = play_node.Http({'Authorization': 'Bearer ' + node_token})
real_build, play_node.build = play_node.build, failing_build
failed_tasks, idle = 0, 0
while idle < 10:
    node_http.call('POST', api + '/build_node/ping', {'active_tasks': []})
    code, task = node_http.call('POST', api + '/build_node/get_task',
                                {'supported_arches': ['x86_64', 'i686', 'src'], 'excluded_packages': []})
    if not task:
        idle += 1
        time.sleep(1)
        continue
    play_node.run_task(task, node_http, api + '/', uploader)
    failed_tasks += 1
    idle = 0 if failed_tasks < 2 else 10
play_node.build = real_build
wait(f'build {failed_build_id}', lambda: build_settled(failed_build_id), timeout=120)
log(f'build {failed_build_id} settled (meant to fail)')

# ---- tests, as ALTS: poll, post a result with one uploaded log per test ---------------------------------------------
def run_alts():
    done = 0
    for _ in range(30):
        _, tasks = call('GET', '/tests/get_test_tasks/', token=alts_token)
        if not tasks:
            if done:
                return done
            time.sleep(1)
            continue
        for t in tasks:
            # ALTS's own log names: one per stage and test, the whole run's log named "alts"
            work = tempfile.mkdtemp(prefix='seed-alts-')
            logs = []
            for name, text in ((f"alts-{done}.log", 'environment started\npackage installed\ntests run\n'),
                               (f"install_package-{done}.log", f"dnf install {t['package_name']}: ok\n"),
                               (f"tests_0_smoke-{done}.tap", 'ok 1 - installs\nok 2 - runs\n1..2\n')):
                path = os.path.join(work, name)
                with open(path, 'w') as f:
                    f.write(text)
                logs.append({'name': name, 'href': uploader.upload(path)[0]})
            shutil.rmtree(work)
            result = {'install_package': {'success': True, 'output': 'installed'},
                      'tests': {'0_smoke': {'success': True, 'output': 'ok'}},
                      'logs': logs}
            callback = t['callback_href']
            call('POST', server + callback if callback.startswith('/') else api + '/' + callback,
                 {'api_version': '1', 'result': result, 'stats': None}, token=alts_token)
            done += 1
    return done


log(f'tests run as ALTS: {run_alts()}')

# ---- sign key and signing, as the sign node ------------------------------------------------------------------------
gnupg = tempfile.mkdtemp(prefix='seed-gnupg-')
os.chmod(gnupg, 0o700)
env = dict(os.environ, GNUPGHOME=gnupg)
subprocess.run(['gpg', '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--quick-gen-key',
                f'Seed Signer {suffix} <seed-{suffix}@example.org>', 'rsa2048', 'sign', 'never'],
               env=env, check=True, capture_output=True)
listing = subprocess.run(['gpg', '--batch', '--with-colons', '--list-secret-keys'], env=env, check=True,
                         capture_output=True, text=True).stdout
fingerprint = next(line.split(':')[9] for line in listing.splitlines() if line.startswith('fpr:'))
keyid = fingerprint[-16:]
_, key = call('POST', '/sign-keys/new/', {'name': 'seed-key-' + suffix, 'description': 'gpg key made by seed.py',
                                         'keyid': keyid, 'fingerprint': fingerprint, 'platform_ids': [platform['id']],
                                         'public_url': 'https://example.org/seed.asc'}, token=admin)
log(f"sign key {key['id']} {keyid}")


def sign_task_made():
    status, answer = call('POST', '/sign-tasks/', {'build_id': str(build_id), 'sign_key_id': key['id']},
                          token=octo_token, ok=None)
    if status == 422:  # the build's imports are not done yet
        return None
    if status >= 300:
        raise RuntimeError(f'sign task: {status} {answer}')
    return answer


sign_task = wait('a sign task', sign_task_made, timeout=120, every=2)
_, work = call('POST', '/sign-tasks/get_sign_task/', {'key_ids': [keyid]}, token=sign_token)
signed, uploads = [], {}
tmp = tempfile.mkdtemp(prefix='seed-sign-')
for p in work['packages']:
    if p['name'] not in uploads:
        path = os.path.join(tmp, p['name'])
        urllib.request.urlretrieve(p['download_url'], path)
        subprocess.run(['rpmsign', '--addsign', '--define', f'_gpg_name {keyid}', '--define', f'_gpg_path {gnupg}',
                        '--define', '__gpg ' + (shutil.which('gpg') or 'gpg'),
                        path], check=True, capture_output=True, env=env)
        uploads[p['name']] = uploader.upload(path)
    href, sha = uploads[p['name']]
    signed.append({k: v for k, v in p.items() if k != 'download_url'} | {'fingerprint': fingerprint, 'href': href,
                                                                          'sha256': sha})
shutil.rmtree(tmp)
started = time.strftime('%Y-%m-%d %H:%M:%S.000000')
call('POST', f"/sign-tasks/{work['id']}/complete/", {
    'build_id': build_id, 'success': True, 'packages': signed,
    'stats': {'sign_task_start_time': started, 'download_packages_time': 1, 'sign_packages_time': 1,
              'notarization_packages_time': 0, 'signature_check_packages_time': 0, 'upload_packages_time': 1}},
     token=sign_token)
wait('the sign task to complete',
     lambda: any(t['status'] == 3 for t in call('GET', f'/sign-tasks/?build_id={build_id}')[1]), timeout=120)
log(f"sign task {work['id']} completed: {len(signed)} packages signed with {keyid}")
shutil.rmtree(gnupg, ignore_errors=True)

# ---- the build into the product, and a release plan ----------------------------------------------------------------
call('POST', f'/products/add/{build_id}/{product_name}/', token=octo_token)
_, build = call('GET', f'/builds/{build_id}/')
# a release goes into the distribution's own product (AlmaLinux, from the reference data): a community product is
# filled by adding builds to it, as above
almalinux = next(p for p in call('GET', '/products/')[1] if p['name'] == 'AlmaLinux')
_, release = call('POST', '/releases/new/', {
    'builds': [build_id], 'build_tasks': [t['id'] for t in build['tasks']], 'product_id': almalinux['id'],
    'platform_id': platform['id'], 'reference_platform_id': platform['id']}, token=octo_token)
log(f"release {release['id']} status {release['status']}")

seeded = {'user_id': octo['id'], 'platform_id': platform['id'], 'flavour_id': flavour['id'], 'team_id': team['id'],
          'product_id': product['id'], 'product_name': product_name, 'build_id': build_id,
          'failed_build_id': failed_build_id, 'task_ids': [t['id'] for t in build['tasks']],
          'tasks': [{'id': t['id'], 'arch': t['arch'], 'url': t['ref']['url']} for t in build['tasks']],
          'sign_key_id': key['id'], 'release_id': release['id']}
print(json.dumps(seeded), flush=True)
if out_json:
    with open(out_json, 'w') as f:
        json.dump(seeded, f)
