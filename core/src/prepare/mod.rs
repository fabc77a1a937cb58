//! Prepare: which samples count, and the windows they are averaged into.
//!
//! [`validity`] decides sample by sample (flags, NaN, negatives, O2 range); [`window`]
//! aligns hour, day, month and rolling windows in the outlet's zone with their capture
//! rules; [`cache`] builds every window of an evaluation once, for limits and methods alike;
//! [`series`] holds the period helpers of the methods; [`operating_days`]
//! finds the operating days of rolling-day methods.

pub mod cache;
pub mod operating_days;
pub mod series;
pub mod validity;
pub mod window;
