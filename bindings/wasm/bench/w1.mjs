// W1 through the `ecorules` nodejs build, next to the native `examples/w1` in the same run.
//
//   node bindings/wasm/bench/w1.mjs IN.csv OUT.csv [--native PATH_TO_W1_BINARY] [--runs N]
//
// W1 (../shared/bench/w1/README.md): a year of CEMS minute data for many stacks, judged on
// hourly and daily ultra-low limits at 6 % O2; the summary CSV must equal
// expected/w1_s2.csv byte for byte. The CSV is parsed in JS into typed arrays (untimed, like
// the native example's load_csv). Timed, as the native `compute_s`: evaluation plus the
// summary. Two JS figures are printed:
//   compute_s          = plan.evaluateReadings(readings) + summary (data already in wasm memory:
//                        the same split as native, which loads before timing)
//   compute_with_copy_s= Readings.from(typed arrays) + the above (the copy into wasm memory)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
const require = createRequire(import.meta.url);
const ecorules = require(process.env.ECORULES_PKG || path.join(HERE, '..', 'pkg', 'node', 'ecorules.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const native = opt('--native', null);
const runs = Number(opt('--runs', '3'));
const [input, output] = args;
if (!input || !output) {
  console.error('usage: node w1.mjs IN.csv OUT.csv [--native W1_BINARY] [--runs N]');
  process.exit(2);
}

/** Parses the W1 CSV (Arrow's writer: quoted header and flag, `nan`) into columns. */
function loadCsv(file) {
  const buf = readFileSync(file);
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  n -= 1; // header
  const stack = new Int32Array(n);
  const ts = new BigInt64Array(n);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const flags = new Uint8Array(n);
  let p = buf.indexOf(10) + 1;
  const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
  // Decimal `[-]digits[.digits]` is exact as m / 10^k (m < 2^53, k <= 15: Clinger's fast
  // path, correctly rounded like Rust's parser); anything else falls back to parseFloat.
  const num = (end) => {
    const start = p;
    let neg = false;
    if (buf[p] === 45) { neg = true; p++; }
    let m = 0;
    let k = -1;
    let digits = 0;
    let ok = true;
    for (; p < end; p++) {
      const c = buf[p];
      if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; if (k >= 0) k++; }
      else if (c === 46 && k < 0) k = 0;
      else { ok = false; break; }
    }
    let v;
    if (ok && digits > 0 && digits <= 15 && k <= 15) {
      v = k > 0 ? m / POW10[k] : m;
      if (neg) v = -v;
    } else {
      v = Number.parseFloat(buf.toString('latin1', start, end)); // nan -> NaN
    }
    p = end + 1;
    return v;
  };
  const field = () => {
    let e = p;
    while (buf[e] !== 44 && buf[e] !== 10) e++;
    return e;
  };
  for (let r = 0; r < n; r++) {
    let e = field();
    stack[r] = num(e);
    e = field();
    let t = 0;
    for (let q = p; q < e; q++) t = t * 10 + (buf[q] - 48);
    ts[r] = BigInt(t);
    p = e + 1;
    for (let c = 0; c < 4; c++) cols[c][r] = num(field());
    e = field();
    flags[r] = buf[p] === 34 ? buf[p + 1] : buf[p];
    p = e + 1;
  }
  // Rows are ordered by stack then time: one frame (subarray views, no copy) per stack.
  const frames = [];
  let lo = 0;
  for (let r = 1; r <= n; r++) {
    if (r === n || stack[r] !== stack[lo]) {
      const v = (a) => a.subarray(lo, r);
      const f = v(flags);
      frames.push({
        outlet: String(stack[lo]),
        time: v(ts),
        columns: ['so2', 'nox', 'pm', 'o2'].map((pollutant, c) => ({ pollutant, values: v(cols[c]), flags: f })),
      });
      lo = r;
    }
  }
  return { rows: n, frames };
}

/** The W1 permit: the template outlet repeated once per stack. */
function permitFor(stacks) {
  const text = readFileSync(path.join(ROOT, 'examples', 'w1', 'permit.toml'), 'utf8');
  const at = text.indexOf('[[outlets]]');
  const head = text.slice(0, at);
  const block = text.slice(at);
  return head + stacks.map((s) => block.replace('id = "template"', `id = "${s}"`)).join('\n');
}

const POLLUTANTS = [['nox', 'a21002'], ['pm', 'a34013'], ['so2', 'a21026']];

/** The summary CSV, derived from the Report exactly like examples/w1. */
function summary(stacks, report) {
  const stat = new Map(report.statistics.map((s) => [`${s.outlet}|${s.pollutant}|${s.period}`, s]));
  const sorted = [...stacks].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  let out = 'stack_id,pollutant,valid_hours,exceed_hours,events,longest_event_hours,max_ratio,valid_days,exceed_days\n';
  for (const s of sorted) {
    for (const [name, code] of POLLUTANTS) {
      const h = stat.get(`${s}|${code}|hour`);
      const d = stat.get(`${s}|${code}|day`);
      if (!h || !d || h.windows.present === 0) continue;
      const ratio = h.max_ratio == null ? '' : h.max_ratio.toFixed(6);
      out += `${s},${name},${h.windows.valid},${h.exceedances},${h.events},${h.longest_event_windows},${ratio},${d.windows.valid},${d.exceedances}\n`;
    }
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let t = performance.now();
const { rows, frames } = loadCsv(input);
const stacks = frames.map((f) => f.outlet);
console.log(`loaded ${rows} rows, ${stacks.length} stacks in ${((performance.now() - t) / 1000).toFixed(2)} s (untimed)`);
const pack = readFileSync(path.join(ROOT, 'examples', 'w1', 'w1-pack.toml'), 'utf8');
const plan = ecorules.Plan.compile(permitFor(stacks), [pack]);

const js = [];
const jsCopy = [];
const nat = [];
let csv = '';
for (let i = 0; i < runs; i++) {
  if (native) {
    const o = execFileSync(native, [input, output + '.native.csv'], { encoding: 'utf8' });
    const m = /compute_s=([0-9.]+)/.exec(o);
    if (m) nat.push(Number(m[1]));
  }
  const t0 = performance.now();
  const readings = ecorules.Readings.from(frames);
  const t1 = performance.now();
  const report = plan.evaluateReadings(readings, { findings: false });
  csv = summary(stacks, report);
  const t2 = performance.now();
  readings.free();
  js.push((t2 - t1) / 1000);
  jsCopy.push((t2 - t0) / 1000);
}
writeFileSync(output, csv);
plan.free();
console.log(`compute_s=${median(js).toFixed(6)}`);
console.log(`compute_with_copy_s=${median(jsCopy).toFixed(6)}`);
console.log(`js runs: ${js.map((x) => x.toFixed(3)).join(', ')}; with copy: ${jsCopy.map((x) => x.toFixed(3)).join(', ')}`);
if (native) {
  console.log(`native compute_s runs: ${nat.map((x) => x.toFixed(3)).join(', ')}`);
  const same = readFileSync(output + '.native.csv', 'utf8') === csv;
  console.log(`native_compute_s=${median(nat).toFixed(6)}`);
  console.log(`ratio_wasm_over_native=${(median(js) / median(nat)).toFixed(2)} (with copy: ${(median(jsCopy) / median(nat)).toFixed(2)})`);
  console.log(`same summary as native: ${same}`);
}
