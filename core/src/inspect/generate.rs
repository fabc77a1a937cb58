//! Expanding a checklist pack against a concrete permit.
//!
//! Enforcement "by the permit" (按证执法) means the inspector checks what *this* permit
//! requires, not a generic list: each outlet's sign and sampling port, each permitted
//! pollutant's concentration, each monitoring duty, each treatment facility. A minor item
//! with `for_each = "pollutant"` therefore becomes one item per (outlet, pollutant) pair of
//! the compiled [`Plan`], with the permit limit written into its text. Generated item ids
//! are stable — `<item>`, `<item>@<outlet>`, `<item>@<outlet>/<code>`, `<item>@facility:<name>`
//! — so answers saved on a phone stay attached to the right item.

use crate::domain::pollutant::Pollutant;
use crate::packs::checklist::model::{ChecklistPack, ForEach, Group, ItemBasis, ItemSpec};
use crate::plan::{CompiledLimit, CompiledOutlet, Plan};
use crate::report::{Message, Severity};
use serde::{Deserialize, Serialize};

/// One item the inspector answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct GeneratedItem {
    /// Stable id within the inspection.
    pub id: String,
    /// The pack item it was generated from.
    pub item: String,
    /// The major item (大项) it belongs to.
    pub major: String,
    /// The major item's heading.
    pub major_text: Message,
    /// What to check, with the permit's details filled in.
    pub text: Message,
    /// Outlet, if generated per outlet or pollutant.
    pub outlet: Option<String>,
    /// Pollutant code, if generated per pollutant or monitoring duty.
    pub pollutant: Option<String>,
    /// Facility, if generated per facility.
    pub facility: Option<String>,
    /// Legal basis.
    pub basis: ItemBasis,
    /// Severity of a non-compliant answer.
    pub severity: Severity,
}

struct Subject<'a> {
    outlet: Option<&'a CompiledOutlet>,
    limit: Option<&'a CompiledLimit>,
    facility: Option<&'a str>,
}

/// The items of `pack` for the permit of `plan` and the named treatment `facilities`.
pub fn generate(pack: &ChecklistPack, plan: &Plan, facilities: &[String]) -> Vec<GeneratedItem> {
    let mut out = Vec::new();
    for spec in pack.items.iter().filter(|i| i.group == Group::Minor) {
        let Some(major) = pack
            .items
            .iter()
            .find(|m| Some(&m.id) == spec.parent.as_ref())
        else {
            continue;
        };
        for s in subjects(spec, plan, facilities) {
            out.push(item(spec, major, &s));
        }
    }
    out
}

fn subjects<'a>(spec: &ItemSpec, plan: &'a Plan, facilities: &'a [String]) -> Vec<Subject<'a>> {
    let (for_each, medium, only) = match &spec.applies {
        Some(a) => (a.for_each, a.medium, a.pollutants.as_slice()),
        None => (ForEach::Permit, None, &[][..]),
    };
    let outlets = plan
        .outlets()
        .iter()
        .filter(move |o| medium.is_none_or(|m| o.medium == m));
    let wanted = |code: &str| {
        only.is_empty()
            || only
                .iter()
                .any(|n| Pollutant::lookup(n).is_some_and(|p| p.code == code))
    };
    match for_each {
        ForEach::Permit => vec![Subject {
            outlet: None,
            limit: None,
            facility: None,
        }],
        ForEach::Outlet => outlets
            .map(|o| Subject {
                outlet: Some(o),
                limit: None,
                facility: None,
            })
            .collect(),
        ForEach::Pollutant | ForEach::Monitoring => {
            let mut v = Vec::new();
            for o in outlets {
                let mut seen: Vec<&str> = Vec::new();
                for l in &o.limits {
                    if seen.contains(&l.pollutant.code) || !wanted(l.pollutant.code) {
                        continue;
                    }
                    seen.push(l.pollutant.code);
                    // The limit of the shortest period stands for the pollutant.
                    let first = o
                        .limits
                        .iter()
                        .filter(|m| m.pollutant.code == l.pollutant.code)
                        .min_by_key(|m| m.period);
                    v.push(Subject {
                        outlet: Some(o),
                        limit: first,
                        facility: None,
                    });
                }
            }
            v
        }
        ForEach::Facility => facilities
            .iter()
            .map(|f| Subject {
                outlet: None,
                limit: None,
                facility: Some(f.as_str()),
            })
            .collect(),
    }
}

fn item(spec: &ItemSpec, major: &ItemSpec, s: &Subject<'_>) -> GeneratedItem {
    let mut id = spec.id.clone();
    match (s.outlet, s.limit, s.facility) {
        (Some(o), Some(l), _) => id.push_str(&format!("@{}/{}", o.id, l.pollutant.code)),
        (Some(o), None, _) => id.push_str(&format!("@{}", o.id)),
        (None, _, Some(f)) => id.push_str(&format!("@facility:{f}")),
        _ => {}
    }
    GeneratedItem {
        id,
        item: spec.id.clone(),
        major: major.id.clone(),
        major_text: major.text.clone(),
        text: Message {
            zh: fill(&spec.text.zh, s, true),
            en: fill(&spec.text.en, s, false),
        },
        outlet: s.outlet.map(|o| o.id.clone()),
        pollutant: s.limit.map(|l| l.pollutant.code.to_string()),
        facility: s.facility.map(str::to_string),
        basis: spec.basis.clone().unwrap_or(ItemBasis {
            law: String::new(),
            article: None,
            status: crate::packs::standard::model::SourceStatus::Unverified,
        }),
        severity: spec.severity.unwrap_or(Severity::Low),
    }
}

fn fill(template: &str, s: &Subject<'_>, zh: bool) -> String {
    let mut t = template.to_string();
    if let Some(o) = s.outlet {
        t = t.replace("{outlet}", &o.id);
    }
    if let Some(l) = s.limit {
        let name = if zh {
            l.pollutant.name_zh.to_string()
        } else {
            l.pollutant.short_name().to_string()
        };
        t = t
            .replace("{pollutant}", &name)
            .replace("{code}", l.pollutant.code)
            .replace("{limit}", &limit_text(l))
            .replace("{unit}", l.unit.symbol());
    }
    if let Some(f) = s.facility {
        t = t.replace("{facility}", f);
    }
    t
}

fn limit_text(l: &CompiledLimit) -> String {
    match (l.min, l.max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (None, Some(b)) => format!("≤ {b}"),
        (Some(a), None) => format!("≥ {a}"),
        (None, None) => String::new(),
    }
}
