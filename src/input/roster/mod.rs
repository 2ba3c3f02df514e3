//! The staff roster: CSV or a spreadsheet, read with one header matcher.

pub mod xlsx;
