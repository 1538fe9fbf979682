// Logs in to the built albs-frontend (GitHub, through the fake GitHub) and opens every page of its router as a user
// would, recording per page: error notifications (Quasar's negative notices, read from the DOM as they appear),
// console errors and page errors, and every /api or /pulp/content call answered with a status >= 400.
// usage: node pages.js FRONT_URL SEED_JSON SHOT_DIR   (needs playwright-core resolvable via NODE_PATH)
// Prints one line per page and a summary table; writes SHOT_DIR/NN-name.png and SHOT_DIR/record.json.
const fs = require('fs');
const path = require('path');
const { launch } = require('./browser');
const front = process.argv[2].replace(/\/$/, '');
const seed = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const shots = process.argv[4];

// Records every Quasar notification as it is added (they vanish after a few seconds), with its colour class.
const WATCH_NOTIFICATIONS = () => {
  window.__notes = [];
  const seen = new WeakSet();
  const scan = () => document.querySelectorAll('.q-notification').forEach(n => {
    if (seen.has(n)) return;
    seen.add(n);
    const cls = [...n.classList].find(c => c.startsWith('bg-')) || '';
    const msg = (n.querySelector('.q-notification__message') || n).innerText.replace(/\s+/g, ' ').trim();
    window.__notes.push({ cls, msg });
  });
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
};

(async () => {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(WATCH_NOTIFICATIONS);
  const page = await context.newPage();
  let current = null;   // the record of the page being visited
  page.on('console', m => { if (current && m.type() === 'error') current.console.push(m.text().slice(0, 300)); });
  page.on('pageerror', e => { if (current) current.console.push('pageerror: ' + e.message.slice(0, 300)); });
  page.on('response', async r => {
    const u = new URL(r.url());
    if (!(u.pathname.startsWith('/api/') || u.pathname.startsWith('/pulp/content/'))) return;
    const line = `${r.request().method()} ${u.pathname}${u.search} ${r.status()}`;
    if (current) current.calls.push(line);
    if (r.status() >= 400 && current) {
      let body = '';
      try { body = (await r.text()).slice(0, 200); } catch (e) {}
      current.failed.push(line + (body ? ' ' + body.replace(/\s+/g, ' ') : ''));
    }
  });
  page.on('requestfailed', r => { if (current) current.failed.push(`${r.method()} ${r.url()} network: ${r.failure().errorText}`); });

  const settle = async (ms = 1500) => {
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(ms);
  };
  const records = [];
  let n = 0;
  const only = process.env.ONLY ? new RegExp(process.env.ONLY, 'i') : null;   // a subset of the pages, by name
  async function visit(name, url, act) {
    if (only && records.length && !only.test(name)) return;
    current = { name, url, console: [], failed: [], calls: [], notes: [], steps: [], error: null };
    records.push(current);
    try {
      if (url) await page.goto(front + url, { waitUntil: 'networkidle' });
      await settle();
      if (act) await act(current);
      await settle();
    } catch (e) {
      current.error = e.message.split('\n')[0];
    }
    current.notes = await page.evaluate(() => window.__notes || []).catch(() => []);
    current.finalPath = new URL(page.url()).pathname + new URL(page.url()).search;
    current.title = (await page.locator('.q-page-container').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 160);
    const file = path.join(shots, `${String(++n).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    current.shot = file;
    const neg = current.notes.filter(x => /negative|red/.test(x.cls));
    current.clean = !current.error && neg.length === 0 && current.failed.length === 0 &&
      current.console.filter(c => !/status code 4\d\d|status code 5\d\d/.test(c)).length === 0;
    console.log(`[${current.clean ? 'ok  ' : 'FAIL'}] ${name} ${url || ''} -> ${current.finalPath}`);
    for (const x of current.notes) console.log(`    notice ${x.cls}: ${x.msg}`);
    for (const f of current.failed) console.log(`    failed call: ${f}`);
    for (const c of current.console) console.log(`    console: ${c}`);
    for (const s of current.steps) console.log(`    step: ${s}`);
    if (current.error) console.log(`    driver error: ${current.error}`);
    current = null;
  }
  const step = (rec, s) => { rec.steps.push(s); };
  const button = text => page.locator('button', { hasText: text }).first();

  // ---- log in as a person does: the feed, "Log in" in the menu, the GitHub button --------------------------------
  await visit('login (GitHub)', '/', async rec => {
    const login = page.locator('#mla-li-login');
    if (!(await login.isVisible())) await page.locator('header button').first().click();
    await login.click();
    await page.waitForURL('**/auth/login');
    await page.getByRole('button', { name: /github/i }).or(page.locator('img[alt*="Github"]')).first().click();
    await page.waitForURL(u => !u.pathname.startsWith('/auth/login'), { timeout: 30000 });
    const isAdmin = await page.evaluate(() => localStorage.getItem('isAdmin'));
    step(rec, `logged in; localStorage isAdmin=${isAdmin}`);
  });

  const b = seed.build_id, t = seed.task_ids;
  await visit('build feed', '/');
  await visit('build feed search (project chan)', '/search?projectName=chan');
  await visit('build detail (signed, in product)', `/build/${b}`);
  await visit('build detail: "Sign" section and the Sign dialog (sign keys)', null, async rec => {
    await page.locator('.q-expansion-item:has-text("Sign") .q-item').first().click();
    step(rec, 'sign section: ' + (await page.locator('.q-expansion-item:has-text("Sign")').first().innerText())
      .replace(/\s+/g, ' ').slice(0, 120));
    await page.locator('button:has-text("Other Actions")').first().click();
    await page.waitForTimeout(500);
    const items = (await page.locator('.q-menu .q-item').allInnerTexts()).map(x => x.replace(/\s+/g, ' ').trim());
    step(rec, 'Other Actions menu: ' + items.join(', '));
    const sign = page.locator('.q-menu .q-item', { hasText: /^\s*\S*\s*Sign\s*$/ }).first();
    if (await sign.isVisible().catch(() => false)) {
      await sign.click();
      await page.waitForTimeout(800);
      step(rec, 'Sign dialog: ' + (await page.locator('.q-dialog').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 120));
      await page.locator('.q-dialog .q-field').first().click();
      await page.waitForTimeout(500);
      step(rec, 'keys offered: ' + (await page.locator('.q-menu .q-item').allInnerTexts()).join(', '));
      await page.keyboard.press('Escape');
    } else {
      await page.keyboard.press('Escape');
    }
  });
  const otherAction = async item => {
    await button('Other Actions').click();
    await page.waitForTimeout(400);
    await page.locator('.q-menu .q-item', { hasText: item }).first().click();
    await page.waitForTimeout(600);
  };
  const closeDialog = async () => {   // the page leaves some dialogs open after their call
    const cancel = page.locator('.q-dialog button', { hasText: 'Cancel' }).first();
    if (await cancel.isVisible().catch(() => false)) { await cancel.click(); await page.waitForTimeout(400); }
  };
  const dialogPick = async option => {
    await page.locator('.q-dialog .q-field').first().click();
    await page.waitForTimeout(400);
    const item = page.locator('.q-menu .q-item', { hasText: option }).first();
    await item.waitFor({ timeout: 5000 }).catch(async () => {
      throw new Error(`"${option}" is not offered; the list: ` + (await page.locator('.q-menu').allInnerTexts()).join(', '));
    });
    await item.click();
    await page.waitForTimeout(300);   // no Escape here: it would close the dialog
  };
  await visit('build detail (failed build)', `/build/${seed.failed_build_id}`);
  const chan = seed.tasks.filter(x => x.url.includes('chan'));
  const srcTask = chan.find(x => x.arch === 'src').id;
  await visit('build logs (src task)', `/build/${b}/logs/${srcTask}?project_name=chan&arch=src`, async rec => {
    const first = page.locator('.q-item.cursor-pointer, .q-item--clickable').first();
    if (await first.isVisible().catch(() => false)) { await first.click(); step(rec, 'opened the first log group'); }
    const log = page.locator('text=/albs\\..*\\.log/').first();
    if (await log.isVisible().catch(() => false)) { await log.click(); step(rec, 'clicked ' + await log.innerText()); }
  });
  const archTask = chan.find(x => x.arch !== 'src').id;
  await visit('test logs (x86_64 task)', `/build/${b}/logs/${archTask}?project_name=chan&arch=x86_64`, async rec => {
    await page.locator('.q-tab:has-text("Test Logs")').click();
    await settle();
    step(rec, 'tests: ' + (await page.locator('.q-tab-panel').innerText()).replace(/\s+/g, ' ').slice(0, 200));
    // each row's log icon ("Show log") fetches the log from /pulp/content/test_logs/...
    const icons = page.locator('.q-tab-panel tr i.cursor-pointer');
    const count = await icons.count();
    for (let i = 0; i < count; i++) {
      await icons.nth(i).click();
      await settle(600);
      step(rec, `log ${i + 1}/${count}: ` + (await page.locator('.q-dialog').innerText().catch(() => 'no dialog'))
        .replace(/\s+/g, ' ').slice(0, 80));
      await page.locator('.q-dialog button:has-text("close")').first().click().catch(() => page.keyboard.press('Escape'));
      await page.waitForTimeout(500);
    }
  });

  await visit('build detail: remove from and add to a product, restart tests', `/build/${b}`, async rec => {
    await otherAction('Remove from a product');
    await dialogPick(seed.product_name);
    await page.locator('.q-dialog button', { hasText: 'Remove' }).click();
    await settle(1000);
    await closeDialog();
    step(rec, 'removed from ' + seed.product_name);
    // the removal is a store job: the page offers the product again once the build's JSON no longer lists it
    await page.waitForTimeout(3000);
    await page.reload({ waitUntil: 'networkidle' });
    await settle(1000);
    await otherAction('Add to a product');
    await dialogPick(seed.product_name);
    await page.locator('.q-dialog button', { hasText: /^\s*Add\s*$/ }).click();
    await settle(1000);
    await closeDialog();
    step(rec, 'added to ' + seed.product_name);
    await otherAction('Restart build tests');
    await settle(1000);
    step(rec, 'restarted the tests');
  });
  // Quasar drops the ids the planner's selects declare, so fields are found by their labels.
  const field = label => page.locator('.q-field', { hasText: label }).first();
  const pick = async (label, option) => {
    await field(label).click();
    await page.waitForTimeout(500);
    const item = page.locator('.q-menu .q-item', { hasText: option }).first();
    const text = (await item.innerText()).replace(/\s+/g, ' ').trim();
    await item.click();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    return text;
  };
  await visit('new build (BuildPlanner), stepped through and submitted', '/build/create', async rec => {
    step(rec, 'product: ' + await pick('Product:', seed.product_name));
    step(rec, 'platform: ' + await pick('Build platform(s):', 'AlmaLinux-9'));
    step(rec, 'arch: ' + await pick('AlmaLinux-9 selected architectures', 'x86_64'));
    step(rec, 'flavour: ' + await pick('Build flavors:', 'seed-beta'));
    await button('Select projects').click();
    await settle(800);
    await button('Add project').click();
    await settle(800);
    await page.locator('.q-dialog .q-radio', { hasText: 'Git reference' }).click();
    await page.locator('.q-dialog .q-field', { hasText: 'Git repo url' }).locator('input')
      .fill('https://git.almalinux.org/rpms/chan.git');
    await page.locator('.q-dialog .q-field', { hasText: 'Reference' }).locator('input').fill('1.3');
    await page.locator('.q-dialog button', { hasText: 'Submit' }).click();
    await settle(800);
    step(rec, 'project list: ' + (await page.locator('.q-stepper').innerText()).replace(/\s+/g, ' ').slice(0, 200));
    await button('Configure tests').click();
    await settle(800);
    step(rec, 'tests step: ' + (await page.locator('.q-stepper').innerText()).replace(/\s+/g, ' ').slice(0, 200));
    await button('Create build').click();
    await page.waitForURL(u => u.pathname === '/', { timeout: 20000 }).then(() => step(rec, 'submitted; back on the feed'))
      .catch(() => step(rec, 'still on the planner after "Create build"'));
  });

  await visit('releases feed', '/release-feed');
  await visit('release details', `/release/${seed.release_id}`, async rec => {
    const tab = page.locator('.q-tab:has-text("Packages")').first();
    if (await tab.isVisible().catch(() => false)) { await tab.click(); step(rec, 'opened the packages tab'); }
  });
  await visit('release update (continue a release)', `/release/${seed.release_id}/update`);
  await visit('create release (build chosen, plan made, saved)', '/release/create', async rec => {
    // a release goes into the distribution's own product; a community product is filled by adding builds to it
    step(rec, 'product: ' + await pick('Select Product', 'AlmaLinux'));
    step(rec, 'platform: ' + await pick('Select Platform', 'AlmaLinux-9'));
    await page.locator('.q-field', { hasText: 'Enter Build ID or Build link' }).locator('input').fill(String(b));
    await page.keyboard.press('Enter');
    await settle(800);
    step(rec, 'builds list: ' + (await page.locator('.q-page-container').innerText()).replace(/\s+/g, ' ').slice(0, 160));
    await button('Submit').click();
    await settle(2000);
    step(rec, 'plan: ' + (await page.locator('.q-table').first().innerText().catch(() => 'no table')).replace(/\s+/g, ' ').slice(0, 200));
    await button('Save').click();
    await settle(1500);
    step(rec, 'saved; now at ' + new URL(page.url()).pathname);
  });
  await visit('products feed', '/product-feed');
  await visit('product details', `/product/${seed.product_id}`);
  await visit('create product (submitted)', '/product/new/', async rec => {
    const inputs = page.locator('.q-page-container input');
    const count = await inputs.count();
    step(rec, `${count} inputs`);
    await page.getByLabel('Product name').first().fill('ui-made-product');
    await page.getByLabel('Product title').first().fill('Made in the UI');
    const desc = page.getByLabel('Product description').first();
    if (await desc.isVisible().catch(() => false)) await desc.fill('made by pages.js');
    const plat = page.getByLabel('Create from platforms').first();
    if (await plat.isVisible().catch(() => false)) {
      await plat.click();
      await page.locator('.q-menu .q-item', { hasText: 'AlmaLinux-9' }).first().click();
      await page.keyboard.press('Escape');
    }
    await page.locator('button:has-text("Create"), button:has-text("Submit"), button:has-text("Save")').first().click();
    await settle();
    step(rec, 'submitted; now at ' + new URL(page.url()).pathname);
  });
  await visit('teams feed', '/team-feed');
  await visit('team page', `/teams/${seed.team_id}`);
  await visit('users (admin)', '/users');
  await visit('release details: commit', `/release/${seed.release_id}`, async rec => {
    await page.locator('.q-tab:has-text("Packages")').first().click();
    await settle(500);
    await button('Commit').click();
    await page.locator('.q-dialog button', { hasText: 'Ok' }).click();
    await settle(5000);
    step(rec, 'after commit the UI went to ' + new URL(page.url()).pathname);
    await page.goto(front + `/release/${seed.release_id}`, { waitUntil: 'networkidle' });
    await settle(1000);
    step(rec, 'release page: ' + (await page.locator('.q-page-container').innerText()).replace(/\s+/g, ' ').slice(0, 120));
  });
  await visit('team page: add a member', `/teams/${seed.team_id}`, async rec => {
    await page.locator('.q-tab', { hasText: /members/i }).first().click();
    await settle(500);
    await page.locator('button:has(i:text("person_add"))').first().click();
    await page.waitForTimeout(600);
    await dialogPick('seed-alts');
    await page.keyboard.press('Escape');   // the multiple select keeps its menu open
    await page.waitForTimeout(300);
    await page.locator('.q-dialog button', { hasText: /^\s*Add\s*$/ }).click();
    await settle(1000);
    step(rec, 'members: ' + (await page.locator('.q-tab-panel').first().innerText().catch(() => ''))
      .replace(/\s+/g, ' ').slice(0, 160));
  });
  await visit('release details: revert', `/release/${seed.release_id}`, async rec => {
    await page.locator('button:has(i:text("replay"))').first().click();
    await page.locator('.q-dialog button', { hasText: 'Confirm' }).click();
    await settle(5000);
    await page.goto(front + `/release/${seed.release_id}`, { waitUntil: 'networkidle' });
    await settle(1000);
    step(rec, 'release page: ' + (await page.locator('.q-page-container').innerText()).replace(/\s+/g, ' ').slice(0, 90));
  });
  await visit('errata feed', '/errata');
  await visit('create errata', '/errata/create');
  await visit('test repositories feed', '/test-repositories-feed');
  await visit('test repository', '/test-repositories/1');
  await visit('documentation (COPR quick setup)', '/documentation/COPR/COPR%20quick%20setup.md/');
  await visit('unknown path (404 page)', '/no-such-page');

  fs.writeFileSync(path.join(shots, 'record.json'), JSON.stringify(records, null, 1));
  console.log('\n| page | loads cleanly | notices / failed calls |\n|---|---|---|');
  for (const r of records) {
    const bad = [...r.notes.filter(x => /negative|red/.test(x.cls)).map(x => 'notice: ' + x.msg), ...r.failed,
                 ...(r.error ? ['driver: ' + r.error] : [])];
    console.log(`| ${r.name} | ${r.clean ? 'yes' : 'no'} | ${bad.join('; ').replace(/\|/g, '/') || '-'} |`);
  }
  await browser.close();
})().catch(e => { console.error(e); process.exit(2); });
