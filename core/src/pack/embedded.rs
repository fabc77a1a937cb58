//! The packs compiled into the library (from `rules/`).

/// (file name, TOML text) of every embedded pack.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "rules/methods/cn-cems-validity.toml",
        include_str!("../../../rules/methods/cn-cems-validity.toml"),
    ),
    (
        "rules/methods/cn-water-validity.toml",
        include_str!("../../../rules/methods/cn-water-validity.toml"),
    ),
    (
        "rules/standards/gb13223-2011.toml",
        include_str!("../../../rules/standards/gb13223-2011.toml"),
    ),
    (
        "rules/standards/cn-ultra-low-2015.toml",
        include_str!("../../../rules/standards/cn-ultra-low-2015.toml"),
    ),
    (
        "rules/standards/gb13271-2014.toml",
        include_str!("../../../rules/standards/gb13271-2014.toml"),
    ),
    (
        "rules/standards/gb4287-2012.toml",
        include_str!("../../../rules/standards/gb4287-2012.toml"),
    ),
];
