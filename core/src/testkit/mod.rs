//! The test harness: the conformance-vector dispatcher and the pack-test runner.
//!
//! Not part of the library's face: bindings replay vectors through their own public API;
//! these runners serve the core's own tests and `ecorules pack test`.

pub mod pack_tests;
pub mod vectors;

/// Internals that benchmarks measure directly (the sample and window kernels).
pub mod internals {
    pub use crate::prepare::validity::{SampleCounts, SampleRules};
    pub use crate::prepare::window::{aggregate_segments, segment};
}
