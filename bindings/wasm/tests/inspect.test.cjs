// Inspections through the typed API: start, answer, toBytes (Uint8Array), restore, finish
// must give exactly what the request-level call (and the core) gives for the walkthrough
// vector; plus the error paths and the checklist listing.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const e = require(process.env.ECORULES_PKG || path.join(__dirname, '..', 'pkg', 'node', 'ecorules.js'));
const VECTORS = path.join(__dirname, '..', '..', '..', 'tests', 'vectors');
const load = (f) => JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8'));

test('typed inspection equals the walkthrough vector', () => {
  const v = load('inspect-dyeing-walkthrough.json');
  const input = v.input;
  const plan = e.Plan.compile(input.permit);
  const insp = e.Inspection.start(plan, input.checklist, input.start, input.started_at);
  plan.free();
  assert.deepStrictEqual(insp.items(), v.expected.items);
  assert.equal(insp.openItems().length, v.expected.items.length);
  for (const a of input.answers) insp.answer(a);
  assert.deepStrictEqual(insp.checklist(), v.expected.report.checklist);
  const bytes = insp.toBytes();
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(bytes), insp.toJson());
  const answers = insp.answers();
  insp.free();
  const again = e.Inspection.restore(bytes);
  assert.deepStrictEqual(again.answers(), answers);
  assert.deepStrictEqual(again.items(), v.expected.items);
  assert.deepStrictEqual(again.finish(input.finished_at), v.expected.report);
  again.free();
  assert.deepStrictEqual(e.inspection(input), v.expected);
});

test('an unknown item is a DataError with a did-you-mean', () => {
  const v = load('inspect-unknown-item.json');
  const plan = e.Plan.compile(v.input.permit);
  const insp = e.Inspection.start(plan, v.input.checklist, undefined, v.input.started_at);
  assert.throws(() => insp.answer(v.input.answers[0]), (err) => {
    assert.ok(err instanceof e.DataError);
    assert.equal(err.code, 'data.unknown_item');
    assert.equal(err.help, v.expected_error.help);
    return true;
  });
  assert.throws(() => insp.answer({ item: 'x', status: 'maybe', at: 1 }), e.DataError);
  assert.throws(() => insp.finish(Number.NaN), e.DataError);
  insp.free();
  plan.free();
});

test('restoring garbage is a StateError', () => {
  assert.throws(() => e.Inspection.restore(new Uint8Array([1, 2, 3])), (err) => {
    assert.ok(err instanceof e.StateError);
    assert.equal(err.code, 'state.bad_inspection');
    return true;
  });
});

test('checklists: embedded listing, custom packs beside them, unknown id refused', () => {
  const list = e.checklists();
  assert.ok(list.some((c) => c.id === 'cn-permit-dyeing'));
  for (const c of list) assert.match(c.hash, /^sha256:/);
  const newer = load('inspect-checklist-newer.json');
  const withCustom = e.checklists([newer.input.pack]);
  assert.deepStrictEqual(withCustom.find((c) => c.id === newer.expected.id), newer.expected);
  const plan = e.Plan.compile(load('inspect-dyeing-walkthrough.json').input.permit);
  assert.throws(() => e.Inspection.start(plan, 'no-such-list', {}, 0), e.EcorulesError);
  const insp = e.Inspection.start(plan, newer.expected.id, {}, 0, [newer.input.pack]);
  assert.deepStrictEqual(insp.checklist().hash, newer.expected.hash);
  insp.free();
  plan.free();
});
