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

test('inspection findings are Findings of kind inspection (ISO 8601 UTC start, detail.inspection)', () => {
  const v = load('inspect-dyeing-walkthrough.json');
  const input = v.input;
  const plan = e.Plan.compile(input.permit);
  const insp = e.Inspection.start(plan, input.checklist, input.start, input.started_at);
  plan.free();
  insp.answer({ item: '2.3@DW001/w01018', status: 'non_compliant', note: '快速检测 COD 132 mg/L', evidence: ['IMG_0001', 'IMG_0002'], at: 1740788100 });
  const report = insp.finish(input.finished_at);
  insp.free();
  assert.equal(report.started_at, input.started_at);
  assert.deepStrictEqual(report.findings, [{
    id: 'DW001/w01018/cn-permit-dyeing/2.3@DW001/w01018@2025-03-01T00:15:00+00:00',
    rule_id: 'cn-permit-dyeing/2.3@DW001/w01018',
    kind: 'inspection',
    severity: 'high',
    outlet: 'DW001',
    pollutant: 'w01018',
    facility: null,
    period: null,
    start: '2025-03-01T00:15:00+00:00',
    end: null,
    value: null,
    limit: null,
    unit: null,
    ratio: null,
    method: null,
    basis: { standard: '排污许可管理条例', clause: null, status: 'unverified' },
    pack: { id: 'cn-permit-dyeing', version: '2025.1', hash: 'sha256:832b98d06f6e091549c6e0f95ba58b5efecab79ee199b199a6d5bf3b2c08b63b' },
    message: {
      zh: '检查项“2.3@DW001/w01018”不符合要求。要求:排放口 DW001 的化学需氧量排放浓度符合许可限值 ≤ 80 mg/L(依据《排污许可管理条例》)',
      en: 'item 2.3@DW001/w01018 not complied with. Requirement: Outlet DW001: COD concentration within the permit limit ≤ 80 mg/L (basis: 排污许可管理条例)',
    },
    detail: {
      inspection: {
        item: '2.3@DW001/w01018',
        major: '2',
        text: { zh: '排放口 DW001 的化学需氧量排放浓度符合许可限值 ≤ 80 mg/L', en: 'Outlet DW001: COD concentration within the permit limit ≤ 80 mg/L' },
        note: '快速检测 COD 132 mg/L',
        evidence: ['IMG_0001', 'IMG_0002'],
      },
    },
  }]);
  // The same finding as in the vector's full walkthrough.
  assert.deepStrictEqual(report.findings[0], v.expected.report.findings.find((f) => f.id === report.findings[0].id));
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
