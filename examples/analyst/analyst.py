"""Screening a year of CEMS data for several enterprises — the NGO analyst's script.

    python analyst.py --permits permits --data data --out out

For every permit ``permits/<name>.toml`` the data ``data/<name>.parquet`` (or ``.csv``)
holds a year of minute data in the wide (``outlet, time, so2, nox, pm, o2, flag``) or long
shape. The script

1. compiles each permit (the limits come from the standard it cites, with legal basis),
2. evaluates the data (hourly and daily averages, HJ 212 flags and capture rules, O2
   correction — all in the ecorules core),
3. writes ``out/findings.csv``: one row per exceeding hour or day, UTF-8 with BOM so Excel
   shows the Chinese text correctly,
4. draws ``out/<enterprise>_<outlet>.png``: daily averages of each pollutant against the
   limit, exceeding days marked,
5. prints and writes ``out/summary.csv``: enterprises ranked by exceedance hours.

``python make_demo_data.py data`` writes demo data for the three demo permits.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Dict, List

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import ecorules  # noqa: E402

FINDING_COLUMNS = [
    "enterprise", "permit", "outlet", "pollutant_name", "period", "start", "end", "value", "limit", "unit",
    "ratio", "severity", "basis_standard", "basis_clause", "evidence_n_valid", "evidence_o2", "rule_id", "id",
    "message_zh", "message_en",
]


def load(data_dir: Path, name: str) -> Any:
    pq_path, csv_path = data_dir / f"{name}.parquet", data_dir / f"{name}.csv"
    if pq_path.exists():
        return pq.read_table(pq_path)
    return csv_path


def _cjk_font() -> bool:
    """Use an installed CJK font for titles if there is one (Noto CJK, WenQuanYi, SimHei)."""
    from matplotlib import font_manager

    for f in font_manager.fontManager.ttflist:
        if any(k in f.name for k in ("CJK", "WenQuanYi", "SimHei", "Hei", "Ming")):
            plt.rcParams["font.sans-serif"] = [f.name, "DejaVu Sans"]
            return True
    return False


HAS_CJK = _cjk_font()


def plot_outlet(plan: ecorules.Plan, data: Any, outlet: str, title: str, path: Path) -> None:
    day_rules = [r for r in plan.rules() if r.outlet == outlet and r.period == "day" and r.max is not None]
    fig, axes = plt.subplots(len(day_rules), 1, figsize=(11, 2.6 * len(day_rules)), sharex=True, squeeze=False)
    for ax, rule in zip(axes[:, 0], day_rules):
        w = plan.judged_windows(data, outlet, rule.rule_id)
        day = pd.to_datetime(w["start"], unit="s", utc=True).tz_convert(rule.time_zone).tz_localize(None)
        ax.plot(day, w["value"], lw=0.9, color="#3465a4", label="daily average")
        ax.axhline(rule.max, color="#cc0000", ls="--", lw=1, label=f"limit {rule.max:g} {rule.unit}")
        ex = w["exceeds"]
        ax.scatter(day[ex], w["value"][ex], color="#cc0000", s=14, zorder=3, label=f"exceeding days ({int(ex.sum())})")
        invalid = ~w["valid"]
        if invalid.any():
            ax.scatter(day[invalid], np.zeros(int(invalid.sum())), marker="|", color="#888888", s=30, label="invalid day")
        o2 = f" at {rule.ref_o2:g}% O2" if rule.ref_o2 else ""
        ax.set_ylabel(f"{rule.pollutant_name}\n{rule.unit}{o2}")
        top = np.nanmax(w["value"]) if np.isfinite(w["value"]).any() else rule.max
        ax.set_ylim(bottom=min(0.0, float(np.nanmin(w["value"])) if np.isfinite(w["value"]).any() else 0.0), top=1.3 * max(rule.max, float(top)))
        ax.legend(loc="upper left", fontsize=7, ncol=4, framealpha=0.9)
        ax.grid(alpha=0.3)
    if not HAS_CJK:  # keep the Latin part of "中文名 (Latin name)" rather than boxes
        title = "".join(c for c in title if ord(c) < 0x2E80 and c not in "()").strip()
    axes[0, 0].set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--permits", type=Path, default=Path(__file__).parent / "permits")
    ap.add_argument("--data", type=Path, default=Path("data"))
    ap.add_argument("--out", type=Path, default=Path("out"))
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)

    findings: List[pd.DataFrame] = []
    summary: List[Dict[str, Any]] = []
    names = {r.pollutant: r.pollutant_name for f in sorted(a.permits.glob("*.toml")) for r in ecorules.Plan.compile(f).rules()}
    for permit_path in sorted(a.permits.glob("*.toml")):
        name = permit_path.stem
        try:
            plan = ecorules.Plan.compile(permit_path)
            data = load(a.data, name)
            report = plan.evaluate(data)
        except ecorules.Error as e:  # one broken file must not stop the screening
            print(f"{name}: skipped — {e}")
            continue
        df = report.to_pandas()
        df.insert(0, "enterprise", plan.enterprise)
        df.insert(1, "permit", plan.permit_id)
        df["pollutant_name"] = df["pollutant"].map(names)
        findings.append(df.reindex(columns=FINDING_COLUMNS))
        hours = [s for s in report.statistics if s.period == "hour"]
        days = [s for s in report.statistics if s.period == "day"]
        summary.append(
            {
                "enterprise": plan.enterprise,
                "permit": plan.permit_id,
                "outlets": len(plan.outlets),
                "exceedance_hours": sum(s.exceedances for s in hours),
                "exceedance_days": sum(s.exceedances for s in days),
                "events": sum(s.events for s in hours),
                "longest_event_hours": max((s.longest_event_windows for s in hours), default=0),
                "max_ratio": max((s.max_ratio or 0.0 for s in hours), default=0.0),
                "valid_hours_share": round(
                    sum(s.windows.valid for s in hours) / max(1, sum(s.windows.expected for s in hours)), 3
                ),
            }
        )
        for outlet in plan.outlets:
            png = a.out / f"{name}_{outlet}.png"
            plot_outlet(plan, data, outlet, f"{plan.enterprise} — {outlet}: daily averages", png)
            print(f"wrote {png}")

    all_findings = pd.concat(findings, ignore_index=True) if findings else pd.DataFrame(columns=FINDING_COLUMNS)
    all_findings.to_csv(a.out / "findings.csv", index=False, encoding="utf-8-sig")
    ranked = pd.DataFrame(summary).sort_values("exceedance_hours", ascending=False)
    ranked.to_csv(a.out / "summary.csv", index=False, encoding="utf-8-sig")
    print(f"wrote {a.out / 'findings.csv'} ({len(all_findings)} findings)\n")
    print(ranked.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
