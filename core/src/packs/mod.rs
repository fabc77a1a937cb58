//! Rule packs and permits: the data that says what to judge.
//!
//! Packs are TOML (or JSON) documents in `rules/`, embedded at build time and loadable at
//! run time: emission standards and validity packs ([`standard`]), compliance methods
//! ([`method`]), warning packs ([`warning`]) and inspection checklists ([`checklist`]).
//! One [`catalog`] holds them all and gives every kind the same size bound, content hash,
//! replacement rule and "did you mean". A [`permit`] cites them; [`crate::plan::Plan`]
//! compiles both.

pub mod catalog;
pub mod checklist;
pub mod embedded;
pub mod method;
pub mod permit;
pub mod schema;
pub mod standard;
pub mod warning;
