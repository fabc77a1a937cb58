// ecorules web portal: judge monitoring data against a discharge permit in the browser.
//
// Everything runs locally in WebAssembly (the `ecorules` package, web build in ./pkg/):
// no data leave the page. ECharts (./vendor/echarts.min.js) draws the charts.
import init, { Plan, Readings, EcorulesError } from './pkg/ecorules.js';

const I18N = {
  zh: {
    title: '排放数据合规核查', lang: '语言', permit: '排污许可证', useSample: '使用示例许可证与数据',
    uploadPermit: '上传许可证 (TOML/JSON)：', data: '监测数据',
    drop: '将 CSV、JSON 或 HJ 212 报文文件拖放到此处，或', mnMap: 'HJ 212 MN→排放口映射 (可选)：',
    ready: '请选择许可证与数据。', findings: '超标记录', outlet: '排放口', pollutant: '污染物', period: '时段',
    start: '开始', value: '数值', limit: '限值', ratio: '倍数', severity: '程度', message: '说明',
    charts: '小时均值与限值', loading: '正在核查…', needPermit: '请先选择许可证。',
    done: (r, ms) => `核查完成：${r.findings.length} 条超标记录，${r.events.length} 个超标事件，用时 ${ms} 毫秒。`,
    limitLine: '限值', hourly: '均值', event: '超标事件', error: '错误',
    periods: { minute: '分钟', half_hour: '半小时', hour: '小时', day: '日', month: '月', year: '年' },
    severities: { low: '轻微', medium: '较重', high: '严重' },
  },
  en: {
    title: 'Emission compliance check', lang: 'Language', permit: 'Discharge permit', useSample: 'Use the sample permit and data',
    uploadPermit: 'Upload a permit (TOML/JSON): ', data: 'Monitoring data',
    drop: 'Drop a CSV, JSON or HJ 212 capture here, or', mnMap: 'HJ 212 MN→outlet map (optional): ',
    ready: 'Choose a permit and data.', findings: 'Findings', outlet: 'Outlet', pollutant: 'Pollutant', period: 'Period',
    start: 'Start', value: 'Value', limit: 'Limit', ratio: 'Ratio', severity: 'Severity', message: 'Message',
    charts: 'Hourly averages and limits', loading: 'Checking…', needPermit: 'Choose a permit first.',
    done: (r, ms) => `Done: ${r.findings.length} findings, ${r.events.length} exceedance events, ${ms} ms.`,
    limitLine: 'limit', hourly: 'average', event: 'exceedance event', error: 'Error',
    periods: { minute: 'minute', half_hour: 'half hour', hour: 'hour', day: 'day', month: 'month', year: 'year' },
    severities: { low: 'low', medium: 'medium', high: 'high' },
  },
};

// Display names of common HJ 212-2017 codes (the engine reports codes).
const POLLUTANTS = {
  a21026: ['二氧化硫', 'SO2'], a21002: ['氮氧化物', 'NOx'], a34013: ['颗粒物', 'PM'], a19001: ['氧含量', 'O2'],
  w01001: ['pH值', 'pH'], w01018: ['化学需氧量', 'COD'], w21003: ['氨氮', 'NH3-N'], w21001: ['总氮', 'TN'], w21011: ['总磷', 'TP'],
};

const state = { lang: 'zh', plan: null, permitName: null, data: null, report: null, readings: null, sort: { key: null, dir: 1 } };
const $ = (sel) => document.querySelector(sel);
const t = (key) => I18N[state.lang][key];
const fmt = (x) => String(Number(x.toFixed(3)));
const pname = (code) => (POLLUTANTS[code] ? POLLUTANTS[code][state.lang === 'zh' ? 0 : 1] : code);

function setStatus(text, isError = false) {
  const s = $('#status');
  s.textContent = text;
  s.className = isError ? 'error' : '';
}

function showError(e) {
  if (e instanceof EcorulesError) {
    const where = [e.file, e.line != null ? `${e.line}:${e.column}` : null, e.path].filter(Boolean).join(' ');
    setStatus(`${t('error')} [${e.code}] ${e.message}${where ? ` (${where})` : ''}${e.help ? `\n${e.help}` : ''}`, true);
  } else {
    setStatus(`${t('error')}: ${e}`, true);
  }
}

function applyLang() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const v = t(el.dataset.i18n);
    if (typeof v === 'string') el.textContent = v;
  }
  if (state.report) {
    setStatus(t('done')(state.report, state.ms));
    renderTable();
    renderCharts();
  }
}

function compilePermit(text, name) {
  state.plan?.free();
  state.plan = Plan.compile(text, [], name);
  state.permitName = name;
  const p = state.plan.permit();
  $('#permit-info').textContent = `${p.id} · ${p.enterprise?.name ?? ''} · ${state.plan.outlets().join(', ')}`;
}

/** Loads data text into a Readings handle: HJ 212 capture, JSON or CSV. */
function loadData(text, name, mnMap) {
  state.readings?.free();
  if (text.trimStart().startsWith('##')) {
    state.readings = Readings.fromHj212(text, { map: mnMap ?? {} });
  } else if (/^\s*[[{]/.test(text)) {
    state.readings = Readings.fromJson(text, { source_name: name });
  } else {
    state.readings = Readings.fromCsv(text, { source_name: name });
  }
}

function run() {
  if (!state.plan) return setStatus(t('needPermit'), true);
  if (!state.readings) return;
  setStatus(t('loading'));
  const t0 = performance.now();
  state.report = state.plan.evaluateReadings(state.readings);
  const ms = Math.round(performance.now() - t0);
  state.ms = ms;
  window.__ecorulesReport = state.report; // for tests and the console
  $('#status').removeAttribute('data-i18n');
  setStatus(t('done')(state.report, ms));
  renderTable();
  renderCharts();
  document.body.dataset.ready = 'true';
}

function sortValue(f, key) {
  if (key === 'message') return f.message[state.lang];
  if (key === 'start') return Date.parse(f.start);
  if (key === 'severity') return { low: 0, medium: 1, high: 2 }[f.severity];
  return f[key] ?? -Infinity;
}

function renderTable() {
  const rows = [...state.report.findings];
  const { key, dir } = state.sort;
  if (key) rows.sort((a, b) => { const x = sortValue(a, key), y = sortValue(b, key); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
  for (const th of document.querySelectorAll('#findings th')) {
    th.classList.toggle('sorted-asc', th.dataset.key === key && dir === 1);
    th.classList.toggle('sorted-desc', th.dataset.key === key && dir === -1);
  }
  const body = $('#findings tbody');
  body.replaceChildren();
  for (const f of rows) {
    const tr = document.createElement('tr');
    Object.assign(tr.dataset, { rule: f.rule_id, outlet: f.outlet, pollutant: f.pollutant, start: f.start, end: f.end, value: String(f.value), limit: String(f.limit) });
    const cells = [
      [f.outlet], [pname(f.pollutant)], [t('periods')[f.period] ?? f.period],
      [f.start.replace('T', ' ').slice(0, 16)], [`${fmt(f.value)} ${f.unit}`, 'num'], [fmt(f.limit), 'num'],
      [f.ratio == null ? '' : f.ratio.toFixed(2), 'num'], [t('severities')[f.severity], `sev-${f.severity}`], [f.message[state.lang]],
    ];
    for (const [text, cls] of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    body.append(tr);
  }
  $('#finding-count').textContent = String(rows.length);
}

/** One chart per outlet and pollutant: the hourly rule if there is one, else the first rule. */
function renderCharts() {
  const box = $('#charts');
  for (const el of box.children) window.echarts?.getInstanceByDom(el)?.dispose();
  box.replaceChildren();
  const byPair = new Map();
  for (const r of state.plan.rules()) {
    const k = `${r.outlet}|${r.pollutant}`;
    const cur = byPair.get(k);
    if (!cur || (r.period === 'hour' && cur.period !== 'hour')) byPair.set(k, r);
  }
  for (const rule of byPair.values()) {
    const windows = state.plan.judgedWindows(state.readings, rule.outlet, rule.rule_id);
    if (!windows || windows.length === 0) continue;
    const el = document.createElement('div');
    el.className = 'chart';
    el.dataset.rule = rule.rule_id;
    box.append(el);
    const chart = window.echarts.init(el, null, { renderer: 'canvas' });
    const points = windows.map((w) => [w.start * 1000, w.value]);
    const limits = [];
    if (rule.max != null) limits.push({ yAxis: rule.max, name: `${t('limitLine')} ${rule.max}` });
    if (rule.min != null) limits.push({ yAxis: rule.min, name: `${t('limitLine')} ${rule.min}` });
    const events = state.report.events
      .filter((e) => e.rule_id === rule.rule_id)
      .map((e) => [{ xAxis: Date.parse(e.start), name: t('event') }, { xAxis: Date.parse(e.end) }]);
    const top = Math.max(rule.max ?? 0, ...windows.map((w) => w.value ?? 0));
    chart.setOption({
      animation: false,
      title: { text: `${rule.outlet} · ${pname(rule.pollutant)} · ${t('periods')[rule.period] ?? rule.period}${state.lang === 'zh' ? '' : ' '}${t('hourly')} (${rule.unit})`, textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 72, top: 40, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', max: Math.ceil(top * 1.15) },
      series: [{
        name: t('hourly'), type: 'line', data: points, connectNulls: false, showSymbol: points.length < 60, lineStyle: { width: 2 },
        markLine: { symbol: 'none', lineStyle: { color: '#d62728', type: 'dashed', width: 2 }, label: { formatter: '{b}' }, data: limits },
        markArea: { itemStyle: { color: 'rgba(214, 39, 40, 0.18)' }, label: { show: false }, data: events },
      }],
    });
  }
}

async function fetchText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

function parseMap(text) {
  if (/^\s*\{/.test(text)) return JSON.parse(text);
  const map = {};
  for (const m of text.matchAll(/^\s*"?([^"=#\s]+)"?\s*=\s*"([^"]+)"/gm)) map[m[1]] = m[2];
  return map;
}

async function useSample() {
  try {
    compilePermit(await fetchText('sample/permit.toml'), 'permit.toml');
    loadData(await fetchText('sample/day.csv'), 'day.csv');
    run();
  } catch (e) {
    showError(e);
  }
}

async function readDataFile(file) {
  try {
    const mapFile = $('#map-file').files[0];
    const mnMap = mapFile ? parseMap(await mapFile.text()) : undefined;
    loadData(await file.text(), file.name, mnMap);
    run();
  } catch (e) {
    showError(e);
  }
}

await init();
$('#lang').addEventListener('change', (e) => { state.lang = e.target.value; applyLang(); });
$('#use-sample').addEventListener('click', useSample);
$('#permit-file').addEventListener('change', async (e) => {
  try {
    const f = e.target.files[0];
    compilePermit(await f.text(), f.name);
    if (state.readings) run();
  } catch (err) {
    showError(err);
  }
});
$('#data-file').addEventListener('change', (e) => readDataFile(e.target.files[0]));
const drop = $('#drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) readDataFile(e.dataTransfer.files[0]); });
for (const th of document.querySelectorAll('#findings th')) {
  th.addEventListener('click', () => {
    const key = th.dataset.key;
    state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
    if (state.report) renderTable();
  });
}
document.body.dataset.loaded = 'true';
