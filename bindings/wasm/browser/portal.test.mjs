// Browser test of examples/web-portal in headless Chromium (Debian's `chromium`, driven by
// playwright-core): load the page, load the sample permit and day, and require the findings
// shown to equal the Rust CLI's JSON report for the same input. Saves screenshots to
// bindings/wasm/artifacts/portal.png (zh) and portal-en.png.
//
//   ECORULES_CLI=target/release/ecorules node --test bindings/wasm/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
const PORTAL = path.join(ROOT, 'examples', 'web-portal');
const ARTIFACTS = path.join(HERE, '..', 'artifacts');
const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || path.join(ROOT, 'tools', 'node_modules', 'playwright-core'));
const CLI = process.env.ECORULES_CLI || path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'release', 'ecorules');

let server;
let browser;
let base;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

before(async () => {
  const port = await freePort();
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', PORTAL], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}/`;
  await waitForServer(base);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  if (server) server.kill();
});

const key = (f) => `${f.outlet}|${f.rule_id}|${f.start}`;
const row = (f) => ({ rule: f.rule_id, outlet: f.outlet, pollutant: f.pollutant, start: f.start, end: f.end, value: String(f.value), limit: String(f.limit) });

test('the portal shows the CLI findings for the sample, with charts and limit lines', async () => {
  const cli = JSON.parse(execFileSync(CLI, ['check', '--permit', path.join(ROOT, 'examples/sample/permit.toml'),
    '--data', path.join(ROOT, 'examples/sample/day.csv'), '--format', 'json'], { encoding: 'utf8' }));
  assert.ok(cli.findings.length > 0, 'the sample day must have exceedances');

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForSelector('body[data-loaded="true"]');
  await page.click('#use-sample');
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(errors, []);

  // The whole report equals the CLI's, and so does every row of the table.
  const report = await page.evaluate(() => window.__ecorulesReport);
  assert.deepStrictEqual(report, cli);
  const rows = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => ({ ...tr.dataset })));
  const want = [...cli.findings].sort((a, b) => key(a).localeCompare(key(b))).map(row);
  const got = [...rows].sort((a, b) => `${a.outlet}|${a.rule}|${a.start}`.localeCompare(`${b.outlet}|${b.rule}|${b.start}`));
  assert.deepStrictEqual(got, want);
  assert.equal(await page.textContent('#finding-count'), String(cli.findings.length));

  // Sorting by value, both ways.
  await page.click('th[data-key="value"]');
  const asc = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.value)));
  assert.deepStrictEqual(asc, [...asc].sort((a, b) => a - b));
  await page.click('th[data-key="value"]');
  const desc = await page.$$eval('#findings tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.value)));
  assert.deepStrictEqual(desc, [...asc].sort((a, b) => b - a));

  // Charts: one per outlet and pollutant, each with its limit line at the rule's limit.
  const charts = await page.$$eval('.chart', (els) => els.map((el) => {
    const o = window.echarts.getInstanceByDom(el).getOption();
    return { rule: el.dataset.rule, limits: o.series[0].markLine.data.map((d) => d.yAxis), events: o.series[0].markArea.data.length, points: o.series[0].data.length };
  }));
  assert.ok(charts.length >= 3, JSON.stringify(charts));
  for (const c of charts) {
    assert.ok(c.limits.length >= 1, `no limit line on ${c.rule}`);
    assert.ok(c.points > 0);
  }
  assert.ok(charts.some((c) => c.events > 0), 'an exceedance event is shaded');
  const so2 = charts.find((c) => c.rule.includes('a21026') && c.rule.endsWith('/hour'));
  if (so2) assert.deepStrictEqual(so2.limits, [35]);

  // Language switch: English messages and headers.
  await page.selectOption('#lang', 'en');
  assert.equal(await page.textContent('th[data-key="outlet"]'), 'Outlet');
  const msgs = await page.$$eval('#findings tbody tr td:last-child', (tds) => tds.map((td) => td.textContent));
  assert.deepStrictEqual(new Set(msgs), new Set(cli.findings.map((f) => f.message.en)));
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'portal-en.png'), fullPage: true });
  await page.selectOption('#lang', 'zh');
  await page.screenshot({ path: path.join(ARTIFACTS, 'portal.png'), fullPage: true });
  await page.close();
});

test('an invalid permit shows the error envelope', async () => {
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForSelector('body[data-loaded="true"]');
  await page.setInputFiles('#permit-file', { name: 'bad.toml', mimeType: 'text/plain', buffer: Buffer.from('id = 1\n') });
  await page.waitForSelector('#status.error');
  const text = await page.textContent('#status');
  assert.match(text, /permit\.schema/);
  assert.match(text, /bad\.toml 1:/);
  await page.close();
});
