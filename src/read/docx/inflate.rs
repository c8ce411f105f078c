//! Raw deflate data (RFC 1951), inflated within a limit.

use super::zip::Fault;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

/// Inflates `data` to at most `limit` bytes (`Fault::Limit` past it).
pub(super) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, Fault> {
    decompress_to_vec_with_limit(data, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => Fault::Limit,
        _ => Fault::Bad("its compressed data is damaged"),
    })
}
