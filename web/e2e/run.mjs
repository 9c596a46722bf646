#!/usr/bin/env node
// End-to-end test of the web console against the real system: starts recarga-manager (serving web/dist) and
// recarga-gateway from the build directory on a database of their own, with the RabbitMQ and PostgreSQL that
// scripts/test.sh starts (RECARGA_TEST_* variables; a missing one fails the run), drives Debian's chromium with
// playwright-core, and runs simulated stations with recarga-sim. Saves screenshots of the main screens.
//
//   node e2e/run.mjs [--screenshots DIR]     (default DIR: web/e2e/out; docs/screenshots to refresh the README's)
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(web, '..');
const build = resolve(repo, process.env.RECARGA_BUILD_DIR ?? 'build');
const argIndex = process.argv.indexOf('--screenshots');
const shots = resolve(argIndex > 0 ? process.argv[argIndex + 1] : join(web, 'e2e', 'out'));
const logs = join(web, 'e2e', 'out', 'logs');
mkdirSync(shots, { recursive: true });
mkdirSync(logs, { recursive: true });

function requireEnv(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run through scripts/test.sh (or eval "$(bash scripts/services.sh env)")`);
  return v;
}
const pgUrl = requireEnv('RECARGA_TEST_PG_URL');
const pgAdminUrl = requireEnv('RECARGA_TEST_PG_ADMIN_URL');
const sharedAmqpUrl = requireEnv('RECARGA_TEST_AMQP_URL');
// A RabbitMQ virtual host of this run's own (management API of the test broker), so that messages other tests left
// in the shared lanes never reach this run's manager and register stations it did not start.
const mgmtUrl = process.env.RECARGA_AMQP_MGMT_URL;
const vhost = `e2e-${process.pid}`;
const amqpUrl = mgmtUrl ? sharedAmqpUrl.replace(/\/?$/, '/') + vhost : sharedAmqpUrl;
async function mgmt(method, path, body) {
  const r = await fetch(new URL(path, mgmtUrl), {
    method,
    headers: { authorization: 'Basic ' + Buffer.from('guest:guest').toString('base64'), 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok && !(method === 'DELETE' && r.status === 404)) throw new Error(`broker management ${method} ${path}: ${r.status}`);
}

const bin = {
  manager: join(build, 'services/manager/recarga-manager'),
  gateway: join(build, 'services/gateway/recarga-gateway'),
  sim: join(build, 'services/sim/recarga-sim'),
};
for (const [name, path] of Object.entries(bin)) if (!existsSync(path)) throw new Error(`${name} not built: ${path}`);
if (!existsSync(join(web, 'dist', 'index.html'))) throw new Error('web/dist is missing: run npm run build first');

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, pred, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await pred()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const children = [];
function start(name, exe, args, env = {}) {
  const out = openSync(join(logs, `${name}.log`), 'w');
  const child = spawn(exe, args, { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  children.push(child);
  return child;
}
function stop(child) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
}

const dbName = `recarga_e2e_${process.pid}`;
const dbUrl = pgUrl.slice(0, pgUrl.lastIndexOf('/') + 1) + dbName;
const psql = (sql) => execFileSync('psql', [pgAdminUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: 'pipe' });

const timings = {};
const t0 = Date.now();
const mark = (what) => (timings[what] = Date.now() - t0);
let browser;
let failed = false;
let profile;
try {
  psql(`DROP DATABASE IF EXISTS ${dbName}`);
  psql(`CREATE DATABASE ${dbName}`);
  if (mgmtUrl) {
    await mgmt('PUT', `api/vhosts/${vhost}`);
    await mgmt('PUT', `api/permissions/${vhost}/guest`, { configure: '.*', write: '.*', read: '.*' });
  }

  // Credentials: the console logs in when the contract has authentication.
  const spec = readFileSync(join(repo, 'api', 'openapi.yaml'), 'utf8');
  const hasAuth = spec.includes('/api/v1/auth/login');
  const username = 'e2e-admin';
  const password = `e2e-${process.pid}-${Date.now()}-secret`;
  if (hasAuth) {
    const pwFile = join(logs, 'password');
    writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    execFileSync(bin.manager, ['create-admin', '--username', username, '--password-file', pwFile], {
      env: { ...process.env, RECARGA_PG_URL: dbUrl, RECARGA_AMQP_URL: amqpUrl },
      stdio: 'pipe',
    });
    rmSync(pwFile);
  }

  const httpPort = await freePort();
  const gatewayPort = await freePort();
  start('manager', bin.manager, ['--http-port', String(httpPort), '--http-listen', '127.0.0.1'], {
    RECARGA_PG_URL: dbUrl,
    RECARGA_AMQP_URL: amqpUrl,
    RECARGA_WEB_ROOT: join(web, 'dist'),
    RECARGA_HEARTBEAT_INTERVAL: '10',
  });
  start('gateway', bin.gateway, ['--id', 'gw-e2e', '--port', String(gatewayPort), '--listen', '127.0.0.1'], {
    RECARGA_AMQP_URL: amqpUrl,
  });
  const base = `http://127.0.0.1:${httpPort}`;
  await until('manager /health', async () => (await fetch(`${base}/health`)).ok);
  await until('gateway /health', async () => (await fetch(`http://127.0.0.1:${gatewayPort}/health`)).ok);
  mark('services up');

  // The manager serves the console without shadowing its own paths.
  const check = async (path, status, typePrefix) => {
    const r = await fetch(base + path);
    const type = r.headers.get('content-type') ?? '';
    const statusOk = Array.isArray(status) ? status.includes(r.status) : r.status === status;
    if (!statusOk || !type.startsWith(typePrefix))
      throw new Error(`GET ${path}: expected ${status} ${typePrefix}, got ${r.status} ${type}`);
  };
  await check('/', 200, 'text/html');
  await check('/stations/E2E-0001', 200, 'text/html');
  await check('/favicon.svg', 200, 'image/svg+xml');
  await check('/assets/does-not-exist.js', [401, 404], 'application/problem+json');
  await check('/api/v1/does-not-exist', [401, 404], 'application/problem+json');
  await check('/api/openapi.yaml', 200, 'application/yaml');
  await check('/health', 200, 'application/json');

  profile = mkdtempSync(join(tmpdir(), 'recarga-e2e-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.RECARGA_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mark('browser up');
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(20000);
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(base + '/');
  if (hasAuth) {
    await page.waitForURL('**/login');
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    const alert = await page.getByRole('alert').innerText();
    if (!alert.includes('401')) throw new Error(`a wrong password should show the 401 problem, got: ${alert}`);
    await page.getByLabel('Password').fill(password);
    await page.screenshot({ path: join(shots, 'login.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').first().waitFor();
    mark('logged in');
  }
  await page.getByRole('heading', { name: 'Network' }).waitFor();
  await page.getByText('No stations yet').waitFor();
  const hasEvents = spec.includes('/api/v1/events:');
  if (hasEvents) {
    // The overview follows the event stream (and does not poll while it is up).
    await until('live stream open', async () => (await page.getByTestId('live-indicator').first().innerText()).includes('Live'));
    mark('live stream open');
  }

  // An id token for the charge, created in the console.
  const tag = 'E2E-TAG-1';
  {
    await page.getByRole('link', { name: 'Id tokens' }).first().click();
    await page.getByText('No id tokens yet').waitFor();
    await page.getByRole('button', { name: '+ New token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Token', { exact: true }).fill(tag);
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('id-token-row').filter({ hasText: tag }).waitFor();
    mark('id token created');
  }

  // Issue 10 in the console: a tariff for every station and a wallet that pays for the token's charges.
  const hasBilling = spec.includes('/api/v1/tariffs:') && spec.includes('/api/v1/wallets:');
  if (hasBilling) {
    await page.getByRole('link', { name: 'Tariffs' }).first().click();
    await page.getByRole('button', { name: '+ New tariff' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Id', { exact: true }).fill('e2e-standard');
    await dialog.getByLabel('Name', { exact: true }).fill('Standard');
    await dialog.getByLabel('Price per kWh').fill('0.45');
    await dialog.getByRole('button', { name: 'Create tariff' }).click();
    const tariffRow = page.getByTestId('tariff-row').filter({ hasText: 'e2e-standard' });
    await tariffRow.waitFor();
    await tariffRow.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Assign' }).click();
    await tariffRow.getByText('all stations').waitFor();
    await page.screenshot({ path: join(shots, 'tariffs.png') });
    mark('tariff created and assigned');

    await page.getByRole('link', { name: 'Wallets' }).first().click();
    await page.getByRole('button', { name: '+ New wallet' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Id', { exact: true }).fill('e2e-wallet');
    await dialog.getByLabel('Token or group').fill(tag);
    await dialog.getByRole('button', { name: 'Create wallet' }).click();
    const walletRow = page.getByTestId('wallet-row').filter({ hasText: 'e2e-wallet' });
    await walletRow.waitFor();
    await walletRow.getByRole('button', { name: 'Top up' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByPlaceholder('20.00').fill('50.00');
    await dialog.getByRole('button', { name: 'Top up' }).click();
    await walletRow.getByText('50.00').waitFor();
    await walletRow.getByRole('button', { name: 'e2e-wallet' }).click();
    await page.getByTestId('ledger-row').first().waitFor();
    await page.screenshot({ path: join(shots, 'wallets.png') });
    mark('wallet topped up');
  }
  {
    await page.getByRole('link', { name: 'Network' }).first().click();
    await page.getByRole('heading', { name: 'Network' }).waitFor();
  }

  // Stations connect while the overview is open: they must appear online without a reload.
  const sim = start('sim', bin.sim, ['--url', `ws://127.0.0.1:${gatewayPort}/ocpp`, '--stations', '3', '--id-prefix', 'E2E-',
    '--protocol', 'mixed', '--scenario', 'boot', '--connectors', '2', '--progress', '0', '--meter-interval', '1',
    '--session', '600', '--id-token', tag]);
  const row = page.getByTestId('station-row').filter({ hasText: 'E2E-0001' });
  await row.getByText('Online').waitFor();
  await until('three stations online', async () => (await page.getByTestId('stat-online').innerText()).trim() === '3');
  mark('stations online in the console');
  if (hasEvents) {
    await page.getByTestId('activity-feed').getByText('connected').first().waitFor();
  }
  await page.screenshot({ path: join(shots, 'network.png') });

  await page.getByRole('searchbox').fill('0002');
  await until('search narrows the list', async () => (await page.getByTestId('station-row').count()) === 1);
  await page.getByRole('searchbox').fill('');

  // E2E-0002 speaks OCPP 2.0.1 (mixed: 1.6, 2.0.1, 1.6, ...).
  const chargeAt = 'E2E-0002';

  // Issue 11 in the console: a site with a grid limit, and the station that will charge put on it.
  const hasSites = spec.includes('/api/v1/sites/{siteId}/power:');
  if (hasSites) {
    await page.getByRole('link', { name: 'Sites' }).first().click();
    await page.getByText('No sites yet').waitFor();
    await page.getByRole('button', { name: '+ New site' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Id', { exact: true }).fill('e2e-site');
    await dialog.getByLabel('Name', { exact: true }).fill('E2E depot');
    await dialog.getByLabel('Limit', { exact: true }).fill('40');
    await dialog.getByRole('button', { name: 'Create site' }).click();
    await page.getByTestId('site-row-e2e-site').getByRole('link', { name: 'E2E depot' }).click();
    await page.getByTestId('site-limit').getByText('40 A per phase').waitFor();
    await page.getByRole('button', { name: '+ Assign station' }).click();
    await page.getByRole('dialog').getByLabel('Station', { exact: true }).selectOption(chargeAt);
    await page.getByRole('dialog').getByLabel('EVSE maximum').fill('16');
    await page.getByRole('dialog').getByRole('button', { name: 'Assign' }).click();
    await page.getByTestId(`site-station-${chargeAt}`).getByText('16 A').waitFor();
    // A group (feeder) inside the site, shown in the tree.
    await page.getByRole('button', { name: '+ Group' }).click();
    await page.getByRole('dialog').getByLabel('Id', { exact: true }).fill('e2e-feeder');
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Feeder A');
    await page.getByRole('dialog').getByLabel('Limit', { exact: true }).fill('25');
    await page.getByRole('dialog').getByRole('button', { name: 'Create site' }).click();
    await page.getByRole('link', { name: 'Feeder A' }).waitFor();
    mark('site created, station assigned');
    await page.getByRole('link', { name: 'Network' }).first().click();
    await page.getByRole('heading', { name: 'Network' }).waitFor();
  }
  await page.getByTestId('station-row').filter({ hasText: chargeAt }).getByRole('link', { name: chargeAt }).click();
  await page.waitForURL(`**/stations/${chargeAt}`);
  await page.getByRole('heading', { name: chargeAt }).waitFor();
  await until('connectors reported', async () => (await page.getByTestId('connector').count()) >= 2);
  await page.getByText('Available').first().waitFor();
  mark('station detail');
  await page.screenshot({ path: join(shots, 'station.png') });

  // A command from the console reaches the station through manager and gateway, and its answer is shown.
  await page.getByRole('tab', { name: 'Commands' }).click();
  await page.getByRole('tab', { name: 'Trigger message' }).click();
  await page.getByLabel('Message', { exact: true }).selectOption('Heartbeat');
  await page.getByRole('button', { name: 'Trigger message' }).click();
  const answer = page.getByTestId('command-answer');
  await answer.waitFor();
  let text = await answer.innerText();
  if (!text.includes('Accepted')) throw new Error(`TriggerMessage should be Accepted, the console shows: ${text}`);
  mark('command answered');

  // Start a charge from the console.
  await page.getByRole('tab', { name: 'Start charging' }).click();
  await page.getByLabel('Id token', { exact: true }).fill(tag);
  await page.getByRole('button', { name: 'Start charging' }).click();
  await until('start answered', async () => (await answer.innerText()).includes('RequestStartTransaction'));
  text = await answer.innerText();
  if (!text.includes('Accepted')) throw new Error(`RequestStartTransaction should be Accepted, the console shows: ${text}`);
  await page.screenshot({ path: join(shots, 'station-commands.png') });
  mark('charge started');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByTestId('connector').filter({ hasText: 'Charging' }).first().waitFor();
  mark('connector charging in the console');

  if (hasSites) {
    // The site shows the session's share of its limit and the power its station draws, under the limit line.
    await page.getByRole('link', { name: 'Sites' }).first().click();
    await page.getByTestId('site-row-e2e-feeder').getByText('group').waitFor();
    await page.screenshot({ path: join(shots, 'sites.png') });
    await page.getByTestId('site-row-e2e-site').getByRole('link', { name: 'E2E depot' }).click();
    await page.locator(`[data-testid^="allocation-${chargeAt}-"]`).first().waitFor({ timeout: 30000 });
    const siteChart = page.getByTestId('site-power-chart');
    await page.getByTestId('site-power-chart-limit').waitFor();
    // In 10 s buckets, refreshed every 5 s: the station's readings fill a second bucket within seconds.
    await page.getByRole('button', { name: '15 min' }).click();
    await until('power in the site chart', async () => Number((await siteChart.getAttribute('data-points')) ?? '0') >= 2, 40000);
    await page.setViewportSize({ width: 1440, height: 1160 }); // the chart, the stations and the allocation
    await page.screenshot({ path: join(shots, 'site.png') });
    await page.setViewportSize({ width: 1440, height: 1000 });
    mark('site allocation and power chart');
    await page.getByRole('link', { name: 'Network' }).first().click();
  }

  {
    // The transaction appears, its chart grows, and the console stops it.
    await page.getByRole('link', { name: 'Transactions' }).first().click();
    const txRow = page.getByTestId('transaction-row').filter({ hasText: chargeAt }).filter({ hasText: 'Charging' });
    await txRow.first().waitFor();
    await page.screenshot({ path: join(shots, 'transactions.png') });
    await txRow.first().getByRole('link').nth(1).click();
    await page.waitForURL('**/transactions/*');
    const chart = page.getByTestId('energy-chart');
    const points = async () => Number((await chart.getAttribute('data-points')) ?? '0');
    await until('meter values in the chart', async () => (await points()) >= 2, 30000);
    const first = await points();
    await until('the chart grows', async () => (await points()) > first, 30000);
    mark('chart grows');
    await sleep(2500);
    await page.screenshot({ path: join(shots, 'transaction.png') });
    await page.getByRole('button', { name: 'Stop charging' }).click();
    // Live, the transaction may end (and its stop button go) before the answer is drawn: the stop reason tells.
    await page.getByText('Completed').first().waitFor({ timeout: 30000 });
    await page.getByText('Remote', { exact: true }).waitFor();
    mark('charge stopped');
    if (hasBilling) {
      // Priced with the tariff it started under, paid from the wallet: the final cost (read again after the stop).
      await until('the final cost', async () => {
        await page.reload();
        await page.getByTestId('transaction-cost').waitFor({ timeout: 5000 });
        return (await page.getByRole('heading', { name: 'Cost', exact: true }).count()) === 1 &&
          (await page.getByTestId('transaction-cost').innerText()).includes('EUR');
      }, 30000);
      await page.getByTestId('transaction-cost').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'transaction-cost.png') });
      mark('cost shown');
    }
  }

  // The administration screens.
  if (hasAuth) {
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.getByTestId('user-row').first().waitFor();
    await page.screenshot({ path: join(shots, 'users.png') });
    await page.getByRole('link', { name: 'Audit log' }).first().click();
    await page.getByTestId('audit-row').first().waitFor();
    await page.screenshot({ path: join(shots, 'audit.png') });
  }

  // Tablet width: the same screens stay usable.
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto(base + '/');
  await page.getByTestId('station-row').first().waitFor();
  await page.screenshot({ path: join(shots, 'network-tablet.png') });

  // The stations go away: the console shows them offline, live.
  await stop(sim);
  await until('stations offline', async () => (await page.getByTestId('stat-offline').innerText()).trim() === '3', 30000);
  mark('stations offline in the console');
  if (consoleErrors.length) throw new Error(`page errors: ${consoleErrors.join('; ')}`);
  console.log(`e2e passed (${hasAuth ? 'with login' : 'no auth in the contract'}); screenshots in ${shots}`);
} catch (e) {
  failed = true;
  console.error('e2e FAILED:', e instanceof Error ? e.message : e);
  try {
    const page = browser?.pages()[0];
    if (page) await page.screenshot({ path: join(logs, 'failure.png'), fullPage: true });
  } catch {
    // no screenshot
  }
  console.error(`logs: ${logs}`);
} finally {
  await browser?.close().catch(() => undefined);
  for (const c of children.reverse()) await stop(c);
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (mgmtUrl) await mgmt('DELETE', `api/vhosts/${vhost}`).catch(() => undefined);
  try {
    psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  } catch {
    // best effort
  }
  console.log('timings (ms since start):', JSON.stringify(timings));
}
process.exit(failed ? 1 : 0);
