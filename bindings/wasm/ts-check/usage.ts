// Type-checked in CI with `tsc --strict --noEmit` against the generated declarations:
// every exported type must be usable without `any`.
import {
  Plan,
  Readings,
  EcorulesError,
  PermitError,
  decodeHj212,
  packs,
  permitSchema,
  version,
  type Report,
  type Table,
  reportTable,
  type Finding,
  type Statistic,
  type JudgedWindow,
  type RuleInfo,
  type PackInfo,
  type ErrorEnvelope,
  type EvaluateOptions,
  type SeriesArrays,
  type FrameArrays,
  type DataDocument,
  type Hj212Decoded,
  type Period,
  Monitor,
  comply,
  warnings,
  type FindingDetail,
  type FindingKind,
  type Severity,
  type LimitDetail,
  type ConditionDetail,
  type AlarmDetail,
  type InspectionDetail,
  type AlarmEvent,
  type WarningsReport,
  type ComplianceReport,
  Inspection,
  checklists,
  checklistSchema,
  inspection,
  inspectionRestore,
  checklistLoad,
  onsiteCheck,
  type GeneratedItem,
  type InspectionReport,
  type InspectionOutcome,
  type ChecklistInfo,
  type OnsiteResult,
  type SpotMeasurement,
  type StartOptions,
  type Answer,
} from '../pkg/node/ecorules.js';
import initWeb, { Plan as WebPlan, type Report as WebReport } from '../pkg/web/ecorules.js';

const permit = `id = "P"\nenterprise = { name = "E" }\n[[outlets]]\nid = "DA001"\nkind = "air"\nstandard = "cn-ultra-low-2015/coal"\nlimits = [{ pollutant = "so2" }]\n`;

const v: string = version();
const list: PackInfo[] = packs();
const schema: { [key: string]: unknown } = permitSchema();

const plan: Plan = Plan.compile(permit, [], 'my-permit.toml');
const series: SeriesArrays = {
  outlet: 'DA001',
  pollutant: 'so2',
  time: new BigInt64Array([1740794400n]),
  values: new Float64Array([40]),
  flags: new Uint8Array([78]),
};
const frame: FrameArrays = {
  outlet: 'DA001',
  time: new Float64Array([1740794400]),
  columns: [{ pollutant: 'so2', values: [40] }, { pollutant: 'o2', values: new Float64Array([6]), flags: 'N' }],
};
const doc: DataDocument = { series: [{ outlet: 'DA001', pollutant: 'so2', time: [1740794400], values: [40, null], flags: 'NN' }] };
const options: EvaluateOptions = { from: 1740794400, findings: true };

const report: Report = plan.evaluate(series, options);
const r2: Report = plan.evaluate([series, frame]);
const r3: Report = plan.evaluate(doc, undefined, { duplicates: 'keep_last', naive_time_zone: 'Asia/Shanghai' });
const r4: Report = plan.evaluate('outlet,time,so2,flag\n');
const first: Finding | undefined = report.findings[0];
const ratio: number | null = first ? first.ratio : null;
const period: Period | null = first ? first.period : null;
const stats: Statistic[] = r2.statistics;
const capture: number = stats.length ? stats[0].capture_rate : 0;
const maxRatio: number | null = stats.length ? stats[0].max_ratio : null;
const zh: string = r3.notes.length ? r3.notes[0].message.zh : '';

// The one finding shape: a common head and a detail tagged by its kind.
const id: string = first ? first.id : '';
const kind: FindingKind | null = first ? first.kind : null;
const severity: Severity | null = first ? first.severity : null;
const startIso: string | null = first ? first.start : null;
const standard: string | null = first?.basis ? first.basis.standard : null;
const packHash: string | null = first?.pack ? first.pack.hash : null;
const en: string = first ? first.message.en : '';
/** One line per finding of any engine, reading only the head and the typed detail. */
function describe(f: Finding): string {
  const d: FindingDetail = f.detail;
  let extra: string;
  if ('limit' in d) {
    const l: LimitDetail = d.limit;
    extra = `${l.evidence.n_valid}/${l.evidence.n_required} valid, O2 ${l.evidence.o2 ?? '-'}, ${l.validity_pack.id}`;
  } else if ('condition' in d) {
    const c: ConditionDetail = d.condition;
    extra = `${c.condition}: ${c.clause}`;
  } else if ('alarm' in d) {
    const a: AlarmDetail = d.alarm;
    const peak: number | null = a.peak;
    extra = `${a.event} at ${a.at} (${a.duration_s} s, peak ${peak ?? '-'} at ${a.peak_at ?? '-'}) ${a.subject ?? ''} ${a.signals.join(',')}`;
  } else {
    const i: InspectionDetail = d.inspection;
    extra = `${i.item} (${i.major}) ${i.text.zh} ${i.note ?? ''} ${i.evidence.join(',')}`;
  }
  const value: number | null = f.value;
  const limit: number | null = f.limit;
  return `${f.id} ${f.rule_id} ${f.kind} ${f.severity} ${f.outlet ?? '-'} ${f.pollutant ?? '-'} ${f.facility ?? '-'} ${f.start ?? ''}..${f.end ?? ''} ${value ?? ''}/${limit ?? ''} ${f.unit ?? ''} ${f.method ?? ''} ${extra}`;
}

const readings: Readings = Readings.fromCsv('outlet,time,so2,flag\n', { source_name: 'x.csv' });
const count: number = readings.sampleCount;
const rules: RuleInfo[] = plan.rules();
const windows: JudgedWindow[] = plan.judgedWindows(readings, 'DA001', rules[0].rule_id);
const hourly: (number | null)[] = windows.map((w) => w.value);
const sheet: Table = reportTable(plan.evaluate('outlet,pollutant,time,value\n'));
const header: string[] = sheet.columns;
const decoded: Hj212Decoded = decodeHj212('##0000\r\n', { time_zone: 'Asia/Shanghai', map: { AB12: 'DA001' } });
const fromHj212: Readings = Readings.fromHj212(new Uint8Array([35, 35]));
const monitor: Monitor = Monitor.create(plan, ['cn-cems-warnings'], 300);
const alarms: Finding[] = [...monitor.push(series), ...monitor.flush(), ...monitor.tick(1740798000)];
const open: Finding[] = monitor.openAlarms();
const alarmEvent: AlarmEvent | null = alarms.length && 'alarm' in alarms[0].detail ? alarms[0].detail.alarm.event : null;
const state: Uint8Array = monitor.snapshot();
const again: Monitor = Monitor.restore(plan, ['cn-cems-warnings'], state);
again.free();
monitor.free();
const w: WarningsReport = warnings({ permit: {}, warnings: ['cn-cems-warnings'] });
const c: ComplianceReport = comply({ permit: {}, options: { period: '2025', methods: [] } });
const lines: string[] = [
  ...report.findings,
  ...w.alarms,
  ...c.methods.flatMap((mr) => mr.subjects.flatMap((s) => s.conditions.flatMap((cr) => cr.findings))),
].map(describe);
readings.free();
fromHj212.free();
plan.free();

try {
  Plan.compile('id = 1');
} catch (e) {
  if (e instanceof PermitError) {
    const env: ErrorEnvelope = e.toJSON();
    const line: number | null = e.line;
    const code: string = e.code;
    console.log(env.kind, line, code, e.help ?? '', e.path);
  } else if (e instanceof EcorulesError) {
    console.log(e.kind, e.message);
  }
}

async function browser(): Promise<WebReport> {
  await initWeb();
  const p = WebPlan.compile(permit);
  try {
    return p.evaluate('outlet,time,so2,flag\n');
  } finally {
    p.free();
  }
}

export { alarms, open, alarmEvent, lines, id, kind, severity, startIso, standard, packHash, en, w, c, v, list, schema, r4, ratio, period, capture, maxRatio, zh, count, hourly, decoded, browser };

// Inspections and spot checks.
const lists: ChecklistInfo[] = checklists();
const lists2: ChecklistInfo[] = checklists(['id = "x"']);
const checklistSchemaObj: { [key: string]: unknown } = checklistSchema();
const start: StartOptions = { inspector: 'No. 7', facilities: ['WWTP'] };
const insp: Inspection = Inspection.start(plan, lists[0].id, start, 1740787200);
const insp2: Inspection = Inspection.start(plan, 'x', undefined, 1740787200, ['id = "x"']);
const items: GeneratedItem[] = insp.items();
const ans: Answer = { item: items[0].id, status: 'non_compliant', evidence: ['IMG_1'], at: 1740787300 };
insp.answer(ans);
insp.answer({ item: items[0].id, status: 'compliant', note: 'ok', at: 1740787400 });
const saved: Uint8Array = insp.toBytes();
const json: string = insp.toJson();
const done: InspectionReport = Inspection.restore(saved).finish(1740790800);
const nc: number = done.summary.non_compliant;
const law: string = done.findings.length ? (done.findings[0].basis?.standard ?? '') : '';
const inspected: string[] = done.findings.map(describe);
const m: SpotMeasurement = { outlet: 'DA001', pollutant: 'so2', value: 120, unit: 'ppm', o2: 9, time: 1740787200 };
const spot: OnsiteResult = plan.onsiteCheck(m);
const verdict: 'within' | 'exceeds' | 'below_range' = spot.verdict;
const spot2: OnsiteResult = onsiteCheck({ permit: {}, measurement: m });
const outcome: InspectionOutcome = inspection({ permit: {}, checklist: 'cn-permit-dyeing', started_at: 0, finished_at: 1, answers: [ans] });
const restored: InspectionReport = inspectionRestore({ state: json, finished_at: 1 });
const loaded: ChecklistInfo = checklistLoad({ pack: 'id = "x"', expected_hash: 'sha256:00' });
insp2.free();
insp.free();

export { nc, law, inspected };
