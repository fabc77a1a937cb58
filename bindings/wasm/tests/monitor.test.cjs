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

  // Alarm events are Findings of kind `alarm`: ISO 8601 times in the outlet's zone, the
  // pack's `warning` as severity `medium`, the event, peak and signals under `detail.alarm`.
  const id = 'DA001/a21026/cn-cems-warnings/approach-80@2025-03-01T01:29:00+08:00';
  const pack = { id: 'cn-cems-warnings', version: '1.0.0', hash: 'sha256:06e2e8704bcd9ccbba7d26bd719c589a45a00875b0e99e7c21d756b41025e0dd' };
  const head = (f) => [f.id, f.rule_id, f.kind, f.severity, f.outlet, f.pollutant, f.facility, f.period, f.start, f.end, f.value,
    f.limit, f.unit, f.ratio, f.method, f.basis, f.pack];
  assert.deepStrictEqual(all.map(head), [
    [id, 'cn-cems-warnings/approach-80', 'alarm', 'medium', 'DA001', 'a21026', null, null, '2025-03-01T01:29:00+08:00', null, 80,
      100, null, null, null, null, pack],
    [id, 'cn-cems-warnings/approach-80', 'alarm', 'medium', 'DA001', 'a21026', null, null, '2025-03-01T01:29:00+08:00',
      '2025-03-01T02:30:00+08:00', 69.33333333333333, 100, null, null, null, null, pack],
  ]);
  assert.deepStrictEqual(all.map((f) => f.detail), [
    { alarm: { event: 'opened', subject: 'a21026', at: '2025-03-01T01:29:00+08:00', duration_s: 0, peak: 80, peak_at: '2025-03-01T01:29:00+08:00', signals: ['a21026'] } },
    { alarm: { event: 'closed', subject: 'a21026', at: '2025-03-01T02:30:00+08:00', duration_s: 3660, peak: 90, peak_at: '2025-03-01T01:59:00+08:00', signals: ['a21026'] } },
  ]);
  assert.equal(all[1].message.en, 'DA001 sulphur dioxide: rolling hourly mean 69.333 reached 80 % of the limit 100 (peak 90, since 2025-03-01T01:29:00+08:00)');
  assert.equal(all[1].message.zh, 'DA001 二氧化硫 小时滑动均值 69.333 已达限值 100 的80%（峰值 90，自 2025-03-01T01:29:00+08:00 起）');
  for (const old of ['rule', 'event', 'subject', 'at', 'message_zh', 'message_en', 'peak', 'signals']) assert.ok(!(old in all[0]), old);
  // Open alarms have the same id as their events; none is open after the close.
  assert.deepStrictEqual(b.openAlarms(), []);
  const c = e.Monitor.create(plan, input.warnings);
  c.push(half(input.data, true));
  assert.deepStrictEqual(c.openAlarms().map((f) => [f.id, f.kind, f.detail.alarm.event, f.start, f.end]), [[id, 'alarm', 'opened', '2025-03-01T01:29:00+08:00', null]]);
  c.free();
  // The alarms table: the finding head, then the alarm columns.
  const table = e.warningsTable(e.warnings({ ...input }));
  assert.deepStrictEqual(table.columns.slice(-7), ['event', 'subject', 'at', 'duration_s', 'peak', 'peak_at', 'signals']);
  assert.equal(table.columns.length, 30);
  assert.deepStrictEqual(table.rows.map((r) => r.slice(-7)), all.map((f) => { const a = f.detail.alarm; return [a.event, a.subject, a.at, a.duration_s, a.peak, a.peak_at, a.signals]; }));
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
