//! Wire types: structs that mirror the input files one to one.
//!
//! They are plain serde structs with `deny_unknown_fields` and no `flatten`, so that a typo gets
//! a precise "unknown field, expected one of ..." error. Values that later checks point at are
//! kept as [`toml::Spanned`] so every semantic error can name its line and column. Nothing here is
//! validated; see [`crate::input::validate`] for the conversion into domain types.

pub mod plan;
pub mod record;
pub mod rules;
pub mod scenario;

pub use plan::*;
pub use record::*;
pub use rules::*;
pub use scenario::*;

/// Index of a file in the set of input files read for one run (`crate::input::source::Sources`):
/// where a wire value's spans point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub usize);

/// A string with its position in the file.
pub type SStr = toml::Spanned<String>;
/// A number with its position in the file.
pub type SNum = toml::Spanned<f64>;
/// An integer with its position in the file.
pub type SInt = toml::Spanned<i64>;
/// A TOML date (or date-time) with its position in the file.
pub type SDate = toml::Spanned<toml::value::Datetime>;
