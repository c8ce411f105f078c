//! What a user can tune about a comparison.

use serde::{Deserialize, Serialize};

/// Options for [`compare`](crate::compare). Every field has a default users of diff tools
/// expect; deserialising a partial object (from JavaScript) fills in the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompareOptions {
    /// Treat runs of whitespace (spaces, NBSP, ideographic space, line breaks inside a
    /// paragraph) as equal to any other run, and ignore them at paragraph ends.
    /// Scraped and re-typed notices differ in spacing everywhere, so by default this is
    /// **enabled**.
    pub ignore_whitespace: bool,
    /// Treat full-width and half-width forms as equal (`，`/`,`, `：`/`:`, `（`/`(`, `１`/`1`).
    /// By default this is **enabled**: the same notice reposted on a web page often
    /// switches to half-width punctuation.
    pub fold_width: bool,
    /// Ignore punctuation entirely. By default this is **disabled**.
    pub ignore_punctuation: bool,
    /// Treat Chinese and Arabic numerals in ordinals and dates as equal
    /// (`第三`/`第3`, `二〇一六年`/`2016年`). By default this is **disabled**.
    pub fold_numerals: bool,
    /// Time budget for the inline diff of a whole comparison, in milliseconds. Past it the
    /// differ falls back to a coarser, still exact, diff and marks the pair `approximate`.
    /// By default **1000** ms; 0 means no limit.
    pub time_budget_ms: u32,
}

impl Default for CompareOptions {
    fn default() -> CompareOptions {
        CompareOptions {
            ignore_whitespace: true,
            fold_width: true,
            ignore_punctuation: false,
            fold_numerals: false,
            time_budget_ms: 1000,
        }
    }
}
