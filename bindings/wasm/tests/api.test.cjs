// API tests of the `ecorules` package (node build): errors carry the envelope, handles
// free, typed arrays give the same report as the JSON document, panics become errors.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');

const e = require(process.env.ECORULES_PKG || path.join(__dirname, '..', 'pkg', 'node', 'ecorules.js'));

const VECTORS = path.join(__dirname, '..', '..', '..', 'tests', 'vectors');

const PERMIT = `
id = "PERMIT-1"
enterprise = { name = "Example Power Co." }
[[outlets]]
id = "DA001"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2", periods = ["hour", "day"] }, { pollutant = "nox" }]
`;

// Two hours of minute data from 2025-03-01T10:00+08:00: SO2 40 then 20 mg/m3 at 6 % O2.
const T0 = Date.UTC(2025, 2, 1, 2, 0, 0) / 1000;
function series() {
  const n = 120;
  const time = new BigInt64Array(n);
  const so2 = new Float64Array(n);
  const o2 = new Float64Array(n);
  const flags = new Uint8Array(n).fill(78); // 'N'
  for (let i = 0; i < n; i++) {
    time[i] = BigInt(T0 + 60 * i);
    so2[i] = i < 60 ? 40 : 20;
    o2[i] = 6;
  }
  flags[70] = 'C'.charCodeAt(0);
  return { time, so2, o2, flags };
}

// The head of every finding (limits, compliance conditions, alarms, inspections).
const FINDING_HEAD = ['id', 'rule_id', 'kind', 'severity', 'outlet', 'pollutant', 'facility', 'period', 'start', 'end',
  'value', 'limit', 'unit', 'ratio', 'method', 'basis', 'pack'];
// Its 23 table columns (nested objects flattened with `_`).
const FINDING_COLUMNS = ['id', 'rule_id', 'kind', 'severity', 'outlet', 'pollutant', 'facility', 'period', 'start', 'end',
  'value', 'limit', 'unit', 'ratio', 'method', 'basis_standard', 'basis_clause', 'basis_status', 'pack_id', 'pack_version',
  'pack_hash', 'message_zh', 'message_en'];

function jsonDocument() {
  const s = series();
  const time = Array.from(s.time, Number);
  const flags = String.fromCharCode(...s.flags);
  return {
    series: [
      { outlet: 'DA001', pollutant: 'so2', time, values: Array.from(s.so2), flags },
      { outlet: 'DA001', pollutant: 'o2', time, values: Array.from(s.o2), flags },
    ],
  };
}

test('version, packs and schemas', () => {
  assert.match(e.version(), /^\d+\.\d+\.\d+/);
  const packs = e.packs();
  assert.ok(packs.length > 0);
  assert.ok(packs.some((p) => p.id === 'cn-ultra-low-2015'));
  assert.equal(typeof e.permitSchema(), 'object');
  assert.equal(typeof e.packSchema(), 'object');
  assert.equal(e.checklistSchema().title, 'ChecklistPack');
});

test('a report from the JSON document has the core shape', () => {
  const plan = e.Plan.compile(PERMIT);
  const r = plan.evaluate(jsonDocument());
  assert.equal(r.permit, 'PERMIT-1');
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0].value, 40);
  assert.equal(r.findings[0].limit, 35);
  assert.equal(r.findings[0].pollutant, 'a21026');
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  // The one finding shape: every head field present (null when missing), in the core's
  // order, and the window's evidence under `detail.limit`.
  const f = r.findings[0];
  assert.deepStrictEqual(Object.keys(f), FINDING_HEAD.concat(['message', 'detail']));
  assert.equal(f.id, 'DA001/a21026/exceedance/hour@2025-03-01T10:00:00+08:00');
  assert.equal(f.rule_id, 'cn-ultra-low-2015/coal/a21026/hour');
  assert.equal(f.kind, 'exceedance');
  assert.equal(f.severity, 'low');
  assert.equal(f.facility, null);
  assert.equal(f.period, 'hour');
  assert.equal(f.start, '2025-03-01T10:00:00+08:00');
  assert.equal(f.end, '2025-03-01T11:00:00+08:00');
  assert.equal(f.unit, 'mg/m3');
  assert.equal(f.ratio, 40 / 35);
  assert.equal(f.method, 'window_limit');
  assert.deepStrictEqual(f.basis, { standard: '发改能源〔2014〕2093号', clause: 'Action plan (2014–2020), SO2 35 mg/m3', status: 'secondary' });
  assert.deepStrictEqual(f.pack, { id: 'cn-ultra-low-2015', version: '1.0.0', hash: 'sha256:b47058ec50aed8340537e9a4e425cd41b1f360d008a2f090f0a73d9cb793ea7c' });
  assert.match(f.message.en, /^Outlet DA001: SO2 hourly average of 40 mg\/m3 \(at 6% O2\)/);
  assert.deepStrictEqual(f.detail, {
    limit: {
      validity_pack: { id: 'cn-cems-validity', version: '1.0.0', hash: 'sha256:8e636dd73be10e8fa6ef0292af17fc26074027938984d8bfca20eeb4dea691d5' },
      evidence: { n_valid: 60, n_total: 60, n_required: 45, raw_value: 40, o2: 6, ref_o2: 6 },
    },
  });
  assert.ok(!('evidence' in f) && !('validity_pack' in f));
  // The findings table: the 23 head columns, then the limit detail columns, one row per finding.
  const table = e.reportTable(r);
  assert.deepStrictEqual(table.columns, FINDING_COLUMNS.concat([
    'validity_pack_id', 'validity_pack_version', 'validity_pack_hash', 'evidence_n_valid', 'evidence_n_total',
    'evidence_n_required', 'evidence_raw_value', 'evidence_o2', 'evidence_ref_o2',
  ]));
  assert.deepStrictEqual(table.rows[0].slice(0, 4), [f.id, f.rule_id, 'exceedance', 'low']);
  assert.deepStrictEqual(table.rows[0].slice(-9), ['cn-cems-validity', '1.0.0', f.detail.limit.validity_pack.hash, 60, 60, 45, 40, 6, 6]);
  plan.free();
});

test('typed arrays give the same report as the JSON document', () => {
  const plan = e.Plan.compile(PERMIT);
  const s = series();
  const want = plan.evaluate(jsonDocument());
  const bySeries = plan.evaluate([
    { outlet: 'DA001', pollutant: 'so2', time: s.time, values: s.so2, flags: s.flags },
    { outlet: 'DA001', pollutant: 'o2', time: s.time, values: s.o2, flags: s.flags },
  ]);
  assert.deepStrictEqual(bySeries, want);
  const byFrame = plan.evaluate({
    outlet: 'DA001',
    time: Float64Array.from(s.time, Number),
    columns: [
      { pollutant: 'so2', values: s.so2, flags: s.flags },
      { pollutant: 'o2', values: s.o2, flags: String.fromCharCode(...s.flags) },
    ],
  });
  assert.deepStrictEqual(byFrame, want);
  // Unsorted rows go through the core's sorting builder and give the same result.
  const idx = [...Array(120).keys()].reverse();
  const rev = (a, C) => C.from(idx.map((i) => a[i]));
  const unsorted = plan.evaluate([
    { outlet: 'DA001', pollutant: 'so2', time: rev(s.time, BigInt64Array), values: rev(s.so2, Float64Array), flags: rev(s.flags, Uint8Array) },
    { outlet: 'DA001', pollutant: 'o2', time: rev(s.time, BigInt64Array), values: rev(s.o2, Float64Array), flags: rev(s.flags, Uint8Array) },
  ]);
  assert.deepStrictEqual(unsorted, want);
  plan.free();
});

test('CSV text, Readings handles and options', () => {
  const plan = e.Plan.compile(PERMIT);
  let csv = 'outlet,time,so2,o2,flag\n';
  for (let m = 0; m < 60; m++) csv += `DA001,2025-03-01T10:${String(m).padStart(2, '0')}:00+08:00,40,6,N\n`;
  const a = plan.evaluate(csv);
  const readings = e.Readings.fromCsv(csv);
  assert.equal(readings.sampleCount, 120);
  assert.deepStrictEqual(readings.outlets(), ['DA001']);
  assert.deepStrictEqual(plan.evaluateReadings(readings), a);
  const noFindings = plan.evaluateReadings(readings, { findings: false });
  assert.equal(noFindings.findings.length, 0);
  assert.equal(noFindings.events.length, a.events.length);
  const rules = plan.rules();
  const hour = rules.find((r) => r.pollutant === 'a21026' && r.period === 'hour');
  assert.ok(hour, JSON.stringify(rules));
  assert.equal(hour.max, 35);
  const windows = plan.judgedWindows(readings, 'DA001', hour.rule_id);
  assert.equal(windows.length, 1);
  assert.equal(windows[0].value, 40);
  assert.equal(windows[0].breach, 'exceedance');
  assert.equal(windows[0].status, 'valid');
  assert.throws(() => plan.judgedWindows(readings, 'DA001', 'no/such/rule'), (err) => {
    assert.ok(err instanceof e.PermitError);
    assert.equal(err.code, 'permit.unknown_rule');
    return true;
  });
  assert.equal(hour.outlet_name, rules[0].outlet_name);
  const notes = e.reportTable(a, 'notes');
  assert.deepStrictEqual(notes.columns, ['code', 'outlet', 'pollutant', 'message_zh', 'message_en']);
  const findingsTable = e.reportTable(a);
  assert.equal(findingsTable.rows.length, a.findings.length);
  assert.throws(() => e.reportTable(a, 'finding'), (err) => err.code === 'data.unknown_table');
  assert.equal(typeof hour.standard, 'string');
  assert.throws(() => plan.evaluate(csv, { bogus: 1 }), e.DataError);
  assert.equal(plan.evaluateReadings(readings, { from: T0 + 7200 }).findings.length, 0);
  assert.equal(plan.evaluateReadings(readings, { from: T0, to: T0 + 3600 }).findings.length, 1);
  readings.free();
  plan.free();
});

test('compliance findings are Findings of kind condition, tabled with the same head', () => {
  const v = JSON.parse(fs.readFileSync(path.join(VECTORS, 'comply-cn-hour-exceedance.json'), 'utf8'));
  const r = e.comply(v.input);
  const found = r.methods.flatMap((m) => m.subjects.flatMap((s) => s.conditions.flatMap((c) => c.findings)));
  assert.equal(found.length, 1);
  const f = found[0];
  assert.deepStrictEqual(Object.keys(f), FINDING_HEAD.concat(['message', 'detail']));
  const clause = '排污许可证申请与核发技术规范 (2017) §12.2.1.1: 任一小时浓度均值均满足许可排放浓度要求; hourly mean = 整点1小时内不少于45分钟的有效数据的算术平均值';
  assert.equal(f.id, 'DA001/a21026/cn-auto-monitoring/hourly-mean-not-above-limit@2025-01-01T00:00:00+00:00');
  assert.equal(f.rule_id, 'cn-auto-monitoring/hourly-mean-not-above-limit');
  assert.equal(f.kind, 'condition');
  assert.equal(f.severity, 'low');
  assert.equal(f.outlet, 'DA001');
  assert.equal(f.pollutant, 'a21026');
  assert.equal(f.period, 'hour');
  assert.equal(f.start, '2025-01-01T00:00:00+00:00');
  assert.equal(f.end, '2025-01-01T01:00:00+00:00');
  assert.equal(f.value, 36);
  assert.equal(f.limit, 35);
  assert.equal(f.unit, 'mg/m3');
  assert.equal(f.ratio, 36 / 35);
  assert.equal(f.method, 'cn-auto-monitoring');
  assert.equal(f.basis.clause, clause);
  assert.equal(f.basis.status, 'verified');
  assert.equal(f.pack.id, 'cn-auto-monitoring');
  assert.deepStrictEqual(f.detail, { condition: { condition: 'hourly-mean-not-above-limit', clause } });
  assert.ok(!('subject' in f) && !('threshold' in f) && !('condition' in f));
  const t = e.complianceTable(r, 'findings');
  assert.deepStrictEqual(t.columns, FINDING_COLUMNS.concat(['condition', 'clause']));
  assert.deepStrictEqual(t.rows, [[f.id, f.rule_id, 'condition', 'low', 'DA001', 'a21026', null, 'hour', f.start, f.end, 36, 35, 'mg/m3',
    f.ratio, 'cn-auto-monitoring', f.basis.standard, clause, 'verified', 'cn-auto-monitoring', f.pack.version, f.pack.hash,
    f.message.zh, f.message.en, 'hourly-mean-not-above-limit', clause]]);
});

test('compile errors are PermitError with the envelope', () => {
  assert.throws(
    () => e.Plan.compile('id = 1'),
    (err) => {
      assert.ok(err instanceof Error);
      assert.ok(err instanceof e.EcorulesError);
      assert.ok(err instanceof e.PermitError);
      assert.equal(err.name, 'PermitError');
      assert.equal(err.kind, 'permit');
      assert.equal(err.code, 'permit.schema');
      assert.equal(err.file, 'permit.toml');
      assert.equal(err.path, 'id');
      assert.equal(err.line, 1);
      assert.equal(typeof err.column, 'number');
      assert.ok(typeof err.stack === 'string');
      assert.deepStrictEqual(Object.keys(err.toJSON()), ['kind', 'code', 'message', 'help', 'file', 'path', 'line', 'column']);
      return true;
    },
  );
  // A permit object is accepted too, and named permit.json in errors.
  assert.throws(() => e.Plan.compile({ id: 'X', enterprise: { name: 'n' }, outlets: [] }), (err) => {
    assert.equal(err.code, 'permit.no_outlets');
    assert.equal(err.file, 'permit.json');
    return true;
  });
});

test('data errors are DataError with the envelope', () => {
  const plan = e.Plan.compile(PERMIT);
  assert.throws(() => plan.evaluate('outlet,time,so2\nDA001,not-a-time,1\n'), (err) => {
    assert.ok(err instanceof e.DataError);
    assert.equal(err.kind, 'data');
    assert.match(err.code, /^data\./);
    return true;
  });
  assert.throws(() => plan.evaluate({ outlet: 'DA001', pollutant: 'nope', time: new BigInt64Array([1n]), values: new Float64Array([1]) }), (err) => {
    assert.equal(err.code, 'data.unknown_pollutant');
    return true;
  });
  assert.throws(() => plan.evaluate({ outlet: 'DA001', pollutant: 'so2', time: new Float64Array([1.5]), values: new Float64Array([1]) }), (err) => {
    assert.equal(err.code, 'data.bad_time');
    assert.equal(err.path, 'time[0]');
    return true;
  });
  assert.throws(() => plan.evaluate(42), e.DataError);
  plan.free();
});

test('handles free explicitly and refuse use afterwards', () => {
  const plan = e.Plan.compile(PERMIT);
  plan.free();
  assert.throws(() => plan.rules());
  const r = e.Readings.fromCsv('outlet,time,so2,flag\nDA001,2025-03-01T10:00:00+08:00,1,N\n');
  r.free();
  assert.throws(() => r.sampleCount);
});

test('a panic becomes an InternalError, not a WebAssembly trap', () => {
  assert.throws(() => e.__panicForTests(), (err) => {
    assert.ok(err instanceof e.InternalError);
    assert.ok(!(err instanceof WebAssembly.RuntimeError));
    assert.equal(err.kind, 'internal');
    assert.match(err.message, /deliberate panic/);
    return true;
  });
  // The module still works afterwards.
  const plan = e.Plan.compile(PERMIT);
  assert.equal(plan.outlets()[0], 'DA001');
  plan.free();
});
