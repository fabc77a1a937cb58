// The `web` and `bundler` builds load and behave like the node build (ES modules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const PERMIT = 'id = "P"\nenterprise = { name = "E" }\n[[outlets]]\nid = "DA001"\nkind = "air"\nstandard = "cn-ultra-low-2015/coal"\nlimits = [{ pollutant = "so2" }]\n';

test('web build: init with bytes, compile, evaluate, errors', async () => {
  const web = await import(path.join(PKG, 'web', 'ecorules.js'));
  await web.default({ module_or_path: readFileSync(path.join(PKG, 'web', 'ecorules_bg.wasm')) });
  const plan = web.Plan.compile(PERMIT);
  const r = plan.evaluate('outlet,time,so2,flag\nDA001,2025-03-01T10:00:00+08:00,1,N\n');
  assert.equal(r.permit, 'P');
  assert.throws(() => web.Plan.compile('id = 1'), web.PermitError);
  plan.free();
});

test('bundler build: ESM with a .wasm import (node --experimental-wasm-modules)', () => {
  const script = `import { Plan, PermitError, version } from ${JSON.stringify(path.join(PKG, 'bundler', 'ecorules.js'))};
    const p = Plan.compile(${JSON.stringify(PERMIT)});
    let ok = false; try { Plan.compile('id = 1'); } catch (e) { ok = e instanceof PermitError; }
    console.log(JSON.stringify({ outlets: p.outlets(), ok, v: version() }));`;
  const out = spawnSync(process.execPath, ['--experimental-wasm-modules', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const res = JSON.parse(out.stdout.trim().split('\n').pop());
  assert.deepStrictEqual(res.outlets, ['DA001']);
  assert.equal(res.ok, true);
});
