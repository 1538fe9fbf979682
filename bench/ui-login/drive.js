// Drives the built albs-frontend through its GitHub login with headless Chromium.
// usage: node drive.js FRONT_URL SCREENSHOT   (needs playwright-core resolvable via NODE_PATH)
const { launch } = require('./browser');
const front = process.argv[2].replace(/\/$/, '');
const shot = process.argv[3];
(async () => {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const nav = [];
  page.on('framenavigated', f => { if (f === page.mainFrame()) nav.push(f.url()); });
  page.on('console', m => console.log(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', e => console.log(`[pageerror] ${e.message}`));
  const calls = [];
  let users = null;
  page.on('response', async r => {
    if (!r.url().includes('/api/')) return;
    const line = `${r.request().method()} ${r.url().replace(front, '')} ${r.status()}` +
      (r.request().headers()['authorization'] ? ` [authorization: ${r.request().headers()['authorization'].slice(0, 20)}...]` : '');
    calls.push(line); console.log('[ui api] ' + line);
    if (r.url().endsWith('/users/all_users') && r.status() === 200) { try { users = await r.json(); } catch (e) {} }
  });

  // As a person does: open the feed, pick "Log in" in the menu, then the GitHub button.
  await page.goto(front + '/', { waitUntil: 'networkidle' });
  const login = page.locator('#mla-li-login');
  if (!(await login.isVisible())) {
    const menu = page.locator('header button').first();   // the drawer toggle
    await menu.click();
  }
  await login.click();
  await page.waitForURL('**/auth/login');
  await page.getByRole('button', { name: /github/i }).or(page.locator('img[alt*="Github"]')).first().click();
  await page.waitForURL(u => !u.pathname.startsWith('/auth/login'), { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);

  const cookies = await page.context().cookies();
  const albs = cookies.find(c => c.name === 'albs');
  const storage = await page.evaluate(() => ({ user: localStorage.getItem('user'), isAdmin: localStorage.getItem('isAdmin') }));
  let drawerOpen = await page.locator('#mla-li-logout').isVisible();
  if (!drawerOpen) { await page.locator('header button').first().click(); await page.waitForTimeout(500); }
  const logoutShown = await page.locator('#mla-li-logout').isVisible();
  const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  await page.screenshot({ path: shot, fullPage: false });

  let sub = null;
  try { sub = JSON.parse(Buffer.from(JSON.parse(storage.user.replace(/^__q_objt\|/, '')).jwt_token.split('.')[1], 'base64url')).sub; } catch (e) {}
  console.log('navigations:\n  ' + nav.join('\n  '));
  console.log('final url: ' + page.url());
  console.log('albs cookie: ' + (albs ? `present, httpOnly=${albs.httpOnly} path=${albs.path} sameSite=${albs.sameSite}` : 'absent'));
  console.log('localStorage user: ' + (storage.user ? storage.user.slice(0, 80) + '...' : null) + ' sub=' + sub + ' isAdmin=' + storage.isAdmin);
  console.log('menu shows Logout: ' + logoutShown);
  console.log('page text: ' + body.slice(0, 400));
  const me = users && users.find(u => String(u.id) === String(sub));
  console.log('all_users entry for the token\'s sub: ' + JSON.stringify(me));

  // A page that requires being logged in: the UI sends its bearer token; a 401 would send it back to /auth/login.
  await page.locator('text=New build').first().click();
  await page.waitForURL('**/build/create', { timeout: 10000 }).catch(() => {});
  await page.waitForLoadState('networkidle'); await page.waitForTimeout(1500);
  const onCreate = new URL(page.url()).pathname;
  console.log('after "New build": ' + onCreate);
  await page.screenshot({ path: shot.replace(/\.png$/, '-new-build.png') });
  const bad = calls.filter(c => / [45]\d\d( |$)/.test(c));
  console.log('api calls answered 4xx/5xx: ' + (bad.length ? '\n  ' + bad.join('\n  ') : 'none'));
  const ok = storage.user && logoutShown && me && me.username === 'octo' && onCreate === '/build/create';
  console.log(ok ? 'RESULT: LOGGED IN' : 'RESULT: NOT LOGGED IN');
  await browser.close();
  process.exit(ok ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });
