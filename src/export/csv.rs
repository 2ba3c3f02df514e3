//! CSV files of the plan's tables ([`super::tables`]): UTF-8 with a byte-order mark, so that Excel
//! and WPS open the Chinese text correctly with a double click; CRLF line ends; a header row.

use super::ExportError;
use super::tables::Table;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One table as CSV bytes (BOM, header row, one line per row).
pub fn table(t: &Table) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let err = |e: ::csv::Error| ExportError(format!("CSV {}: {e}", t.stem));
    w.write_record(t.columns.iter().map(|c| c.header.as_str()))
        .map_err(err)?;
    for row in &t.rows {
        w.write_record(row.iter().map(|v| v.csv_text()))
            .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| ExportError(format!("CSV {}: {e}", t.stem)))
}

#[cfg(test)]
mod tests {
    use super::super::tables::{Column, Value};
    use super::*;

    #[test]
    fn bom_header_and_quoting() {
        let t = Table {
            sheet: "s".into(),
            stem: "x",
            columns: vec![
                Column {
                    header: "姓名".into(),
                    width: 1.0,
                },
                Column {
                    header: "费用".into(),
                    width: 1.0,
                },
            ],
            rows: vec![vec![Value::Text("王,\"五\"".into()), Value::Money(12.5)]],
        };
        let b = table(&t).expect("csv");
        assert!(b.starts_with(BOM));
        let s = String::from_utf8(b[3..].to_vec()).expect("utf-8");
        assert_eq!(s, "姓名,费用\r\n\"王,\"\"五\"\"\",12.50\r\n");
    }
}
