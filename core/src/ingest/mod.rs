//! Ingest: monitoring data in, columnar [`readings::Readings`] out.
//!
//! Data arrives as CSV (long or wide), JSON records or series, host arrays (numpy, typed
//! arrays, Arrow) and HJ 212-2017 packets ([`hj212`]); every path ends in the same columns:
//! `i64` Unix seconds, `f64` values, `u8` data flags.

pub mod hj212;
pub mod readings;
