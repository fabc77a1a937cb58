// The streaming warning monitor: push in two parts with a snapshot/restore (Uint8Array) in
// between gives the same alarms as one monitor fed everything, and as the batch call.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const e = require(process.env.ECORULES_PKG || path.join(__dirname, '..', 'pkg', 'node', 'ecorules.js'));
const VECTOR = path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'warn-cems-approach-80.json');

function half(doc, first) {
  return {
    series: doc.series.map((s) => {
      const n = Math.floor(s.time.length / 2);
      const pick = (a) => (first ? a.slice(0, n) : a.slice(n));
      return { ...s, time: pick(s.time), values: pick(s.values), ...(s.flags ? { flags: pick([...s.flags]).join('') } : {}) };
    }),
  };
}

test('snapshot/restore continues the monitor exactly', { skip: !fs.existsSync(VECTOR) && 'vector missing' }, () => {
  const v = JSON.parse(fs.readFileSync(VECTOR, 'utf8'));
  const input = v.input;
  const plan = e.Plan.compile(input.permit, input.packs ?? []);

  const straight = e.Monitor.create(plan, input.warnings);
  const all = [...straight.push(input.data), ...straight.flush()];

  const a = e.Monitor.create(plan, input.warnings);
  const part1 = a.push(half(input.data, true));
  const bytes = a.snapshot();
  assert.ok(bytes instanceof Uint8Array && bytes.length > 0);
  a.free();
  const b = e.Monitor.restore(plan, input.warnings, bytes);
  const part2 = [...b.push(half(input.data, false)), ...b.flush()];
  assert.deepStrictEqual([...part1, ...part2], all);
  assert.deepStrictEqual(b.stats(), straight.stats());

  // The batch call gives the same alarms when it has no final tick.
  if (input.now == null && input.records == null) {
    assert.deepStrictEqual(e.warnings({ ...input }).alarms, all);
  }
  assert.throws(() => e.Monitor.restore(plan, input.warnings, new Uint8Array([1, 2, 3])), e.StateError);
  assert.throws(() => e.Monitor.create(plan, ['no-such-pack']), e.EcorulesError);
  straight.free();
  b.free();
  plan.free();
});
