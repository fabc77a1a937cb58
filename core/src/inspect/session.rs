//! An inspection in progress: start, answer, save, restore, finish.
//!
//! A phone app may be killed at any moment (a call comes in, the battery dies), and an
//! inspection of a dyeing plant takes hours. So an [`Inspection`] is plain data: every
//! generated item, every answer so far, and the identity (id, version, hash) of the
//! checklist pack it was generated from. [`Inspection::to_bytes`] saves it as versioned
//! JSON; [`Inspection::restore`] reads it back and refuses, with an
//! [`ErrorKind::State`] error, anything that is not a saved inspection of a version this
//! library understands. The core has no clock: the host passes every time (Unix seconds).

use super::generate::{generate, GeneratedItem};
use crate::diag::error::{Error, Result};
use crate::packs::catalog::Catalog;
use crate::packs::checklist::ChecklistRef;
use crate::plan::Plan;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// The `format` tag of saved inspections.
pub const STATE_FORMAT: &str = "ecorules.inspection";
/// The version of saved inspections this library writes and reads.
pub const STATE_VERSION: u32 = 1;
/// Largest saved inspection accepted, in bytes.
pub const MAX_STATE_BYTES: usize = 8 << 20;
/// Most evidence references per answer.
pub const MAX_EVIDENCE: usize = 64;

/// The inspector's verdict on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum AnswerStatus {
    /// The plant does what the permit requires.
    Compliant,
    /// It does not: this becomes a finding.
    NonCompliant,
    /// The item does not apply on site (e.g. the outlet is permanently sealed).
    NotApplicable,
}

/// An answer to one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Answer {
    /// Generated item id.
    pub item: String,
    /// Verdict.
    pub status: AnswerStatus,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Evidence references (photo ids, document numbers) the app keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// When it was answered (Unix seconds, from the host).
    pub at: i64,
}

/// How to start an inspection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct StartOptions {
    /// Inspection id chosen by the app (case number).
    pub id: Option<String>,
    /// Inspector name or badge number.
    pub inspector: Option<String>,
    /// Treatment facilities to check (names from the permit), for `for_each = "facility"` items.
    pub facilities: Vec<String>,
}

/// An inspection in progress (plain data, serialisable).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// Always [`STATE_FORMAT`].
    pub format: String,
    /// State version, [`STATE_VERSION`].
    pub version: u32,
    /// Inspection id.
    pub id: Option<String>,
    /// Inspector.
    pub inspector: Option<String>,
    /// Permit number.
    pub permit: String,
    /// Enterprise name.
    pub enterprise: String,
    /// The checklist pack used.
    pub checklist: ChecklistRef,
    /// Start time (Unix seconds).
    pub started_at: i64,
    /// The items to answer.
    pub items: Vec<GeneratedItem>,
    /// Answers so far, one per item at most, in the order given.
    pub answers: Vec<Answer>,
}

impl Inspection {
    /// Starts an inspection of `plan`'s permit with checklist `checklist_id` at `now`.
    pub fn start(
        plan: &Plan,
        catalog: &Catalog,
        checklist_id: &str,
        options: &StartOptions,
        now: i64,
    ) -> Result<Inspection> {
        let pack = catalog.checklist(checklist_id)?;
        let items = generate(pack.pack(), plan, &options.facilities);
        Ok(Inspection {
            format: STATE_FORMAT.to_string(),
            version: STATE_VERSION,
            id: options.id.clone(),
            inspector: options.inspector.clone(),
            permit: plan.permit().id.clone(),
            enterprise: plan.permit().enterprise.name.clone(),
            checklist: pack.reference(),
            started_at: now,
            items,
            answers: Vec::new(),
        })
    }

    /// Records (or replaces) the answer to one item.
    pub fn answer(&mut self, answer: Answer) -> Result<()> {
        if !self.items.iter().any(|i| i.id == answer.item) {
            return Err(Error::data(
                ErrorCode::DataUnknownItem,
                format!("this inspection has no item `{}`", answer.item),
            )
            .with_path("item")
            .with_help_opt(crate::diag::suggest::did_you_mean(
                crate::diag::suggest::closest(
                    &answer.item,
                    self.items.iter().map(|i| i.id.as_str()),
                ),
            )));
        }
        if answer.evidence.len() > MAX_EVIDENCE {
            return Err(Error::new(
                ErrorCode::LimitEvidence,
                format!(
                    "{} evidence references; at most {MAX_EVIDENCE} per answer",
                    answer.evidence.len()
                ),
            )
            .with_path("evidence"));
        }
        self.answers.retain(|a| a.item != answer.item);
        self.answers.push(answer);
        Ok(())
    }

    /// The answer to an item, if any.
    pub fn answer_of(&self, item: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == item)
    }

    /// Items not answered yet, in checklist order.
    pub fn open_items(&self) -> impl Iterator<Item = &GeneratedItem> {
        self.items
            .iter()
            .filter(|i| self.answer_of(&i.id).is_none())
    }

    /// Saves the inspection as JSON text.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self)
            .map_err(|e| Error::internal(ErrorCode::InternalSerialize, e.to_string()))
    }

    /// Saves the inspection as bytes (UTF-8 JSON).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.to_json().map(String::into_bytes)
    }

    /// Restores an inspection saved by [`Inspection::to_bytes`].
    pub fn restore(bytes: &[u8]) -> Result<Inspection> {
        let bad = |msg: String| {
            Error::new(ErrorCode::StateBadInspection, msg)
                .with_help("the saved inspection is damaged or was not written by ecorules; start the inspection again")
        };
        if bytes.len() > MAX_STATE_BYTES {
            return Err(Error::new(
                ErrorCode::LimitStateTooLarge,
                format!(
                    "saved inspection is {} bytes, more than {MAX_STATE_BYTES}",
                    bytes.len()
                ),
            ));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| bad(format!("saved inspection is not UTF-8: {e}")))?;
        let head: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| bad(format!("saved inspection is not JSON: {e}")))?;
        if head.get("format").and_then(|f| f.as_str()) != Some(STATE_FORMAT) {
            return Err(bad(format!(
                "not a saved inspection (no `format: \"{STATE_FORMAT}\"`)"
            )));
        }
        let version = head.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version != u64::from(STATE_VERSION) {
            return Err(Error::new(
                ErrorCode::StateVersion,
                format!("saved inspection has version {version}; this library reads version {STATE_VERSION}"),
            )
            .with_path("version")
            .with_help("finish it with the app version that saved it"));
        }
        // Read again from the text, not from `head`: one deserializer per type (see the wasm
        // binding's size budget), and the error names the line and column.
        let insp: Inspection = serde_json::from_str(text)
            .map_err(|e| bad(format!("saved inspection is malformed: {e}")))?;
        for a in &insp.answers {
            if !insp.items.iter().any(|i| i.id == a.item) {
                return Err(bad(format!("answer to unknown item `{}`", a.item)));
            }
        }
        Ok(insp)
    }
}
