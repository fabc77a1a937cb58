//! "Did you mean" suggestions for misspelt names in packs, permits and data headers.

/// The candidate closest to `input` by Jaro-Winkler similarity, if it is close enough
/// (similarity ≥ 0.7) to be a plausible typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let needle = input.to_ascii_lowercase();
    let mut best: Option<(&'a str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&needle, &c.to_ascii_lowercase());
        if score >= 0.7 && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

/// Formats a help line from an optional suggestion.
pub fn did_you_mean(suggestion: Option<&str>) -> Option<String> {
    suggestion.map(|s| format!("did you mean `{s}`?"))
}
