//! The packs compiled into the library: every `*.toml` under `rules/<kind>/`, listed by
//! `core/build.rs` (adding a pack is adding a file).

include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));
