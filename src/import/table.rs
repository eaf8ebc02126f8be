//! Reading a CSV file as named columns: header matching that survives drift between exports,
//! and the cell parsers every import shares (dates, yes/no).

use super::BadRow;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A header name reduced to what matters: lower case, `_`/`-` as spaces, single spaces, and a
/// trailing `(MM/DD/YYYY)` dropped, so "Target Close Date(MM/DD/YYYY)" = "target close date".
pub fn normalize_header(h: &str) -> String {
    let mut s = h.trim().trim_start_matches('\u{feff}').to_lowercase();
    if let Some(stripped) = s.strip_suffix("(mm/dd/yyyy)") {
        s = stripped.to_string();
    }
    s.replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One data row: its line in the file and its cells, looked up by (normalized) column name.
pub struct Row<'a> {
    pub line: u64,
    cells: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
    headers: &'a [String],
}

impl Row<'_> {
    /// The trimmed cell of a column; empty when the column is absent or the row is short.
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|i| self.cells.get(*i))
            .map_or("", |s| s.trim())
    }

    /// Whether the file has this column at all.
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// A bad row naming the column as the file's header spells it.
    pub fn bad(&self, column: &str, reason: impl Into<String>) -> BadRow {
        let shown = self
            .columns
            .get(column)
            .and_then(|i| self.headers.get(*i))
            .map_or(column, |h| h.trim());
        BadRow {
            line: self.line,
            column: Some(shown.to_string()),
            reason: reason.into(),
        }
    }

    /// A required cell: non-empty, else a bad row naming the column.
    pub fn required(&self, column: &str) -> Result<&str, BadRow> {
        match self.get(column) {
            "" => Err(self.bad(column, "is empty")),
            v => Ok(v),
        }
    }

    /// A required date cell.
    pub fn date(&self, column: &str) -> Result<NaiveDate, BadRow> {
        parse_date(self.required(column)?).map_err(|e| self.bad(column, e.to_string()))
    }

    /// An optional date cell: `None` when empty.
    pub fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, BadRow> {
        match self.get(column) {
            "" => Ok(None),
            v => parse_date(v)
                .map(Some)
                .map_err(|e| self.bad(column, e.to_string())),
        }
    }

    /// An optional yes/no cell: `None` when empty.
    pub fn opt_bool(&self, column: &str) -> Result<Option<bool>, BadRow> {
        match self.get(column) {
            "" => Ok(None),
            v => parse_yes_no(v)
                .map(Some)
                .map_err(|e| self.bad(column, e.to_string())),
        }
    }
}

/// A CSV file with a checked header, read row by row: rows are streamed through one reused
/// record, never all held at once (a million-row file would otherwise take hundreds of MB).
pub struct Table<'a> {
    columns: HashMap<String, usize>,
    headers: Vec<String>,
    rdr: csv::Reader<&'a [u8]>,
    total_bytes: u64,
}

impl<'a> Table<'a> {
    /// Reads the header of `text`; `required` columns (normalized names) must all be in it.
    pub fn parse(text: &'a str, required: &[&str]) -> Result<Table<'a>, Vec<BadRow>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = rdr.headers().map_err(|e| vec![csv_error(1, &e)])?.clone();
        if let Some(bad) = unclosed_quote(text, &headers) {
            return Err(vec![bad]);
        }
        let mut columns = HashMap::new();
        let mut twice = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let name = normalize_header(h);
            match columns.get(&name) {
                // Blank header cells are unnamed columns, ignored like any unknown one.
                Some(&first) if !name.is_empty() => twice.push(BadRow {
                    line: 1,
                    column: Some(h.trim().to_string()),
                    reason: format!(
                        "column {} ('{}') and column {} ('{}') have the same name; rename or \
                         remove one, so it is clear which to read",
                        first + 1,
                        headers.get(first).map_or("", str::trim),
                        i + 1,
                        h.trim()
                    ),
                }),
                Some(_) => {}
                None => {
                    columns.insert(name, i);
                }
            }
        }
        if !twice.is_empty() {
            return Err(twice);
        }
        let missing: Vec<BadRow> = required
            .iter()
            .filter(|c| !columns.contains_key(**c))
            .map(|c| BadRow {
                line: 1,
                column: Some((*c).to_string()),
                reason: format!(
                    "required column is missing (the header has: {})",
                    headers
                        .iter()
                        .map(str::trim)
                        .filter(|h| !h.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let headers = headers.iter().map(str::to_string).collect();
        Ok(Table {
            columns,
            headers,
            rdr,
            total_bytes: text.len() as u64,
        })
    }

    /// The size of the text, for progress against [`Row`] byte offsets.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Calls `f` with every data row and the byte offset where it starts, skipping rows of only
    /// empty cells (spreadsheets export those). Returns the rows that are not readable as CSV:
    /// if there are any, the file as a whole is unusable.
    pub fn for_each_row(&mut self, mut f: impl FnMut(Row<'_>, u64)) -> Vec<BadRow> {
        let mut rec = csv::StringRecord::new();
        let mut broken = Vec::new();
        loop {
            match self.rdr.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {
                    if rec.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    let (line, byte) = rec.position().map_or((0, 0), |p| (p.line(), p.byte()));
                    f(
                        Row {
                            line,
                            cells: &rec,
                            columns: &self.columns,
                            headers: &self.headers,
                        },
                        byte,
                    );
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    broken.push(csv_error(line, &e));
                }
            }
        }
        broken
    }
}

/// A quoted cell whose closing quote never comes: the CSV reader would take the rest of the file
/// as that one cell and report the damage rows later ("column email: is empty"). Follows the
/// reader's rules: a quote opens a quoted cell only at the start of a cell, `""` inside is a
/// literal quote, and a quote elsewhere is an ordinary character.
fn unclosed_quote(text: &str, headers: &csv::StringRecord) -> Option<BadRow> {
    let mut line = 1u64;
    let mut cell = 0usize;
    let mut at_start = true;
    let mut open: Option<(u64, usize)> = None;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if open.is_some() {
            match b {
                b'"' if bytes.peek() == Some(&b'"') => {
                    bytes.next();
                }
                b'"' => open = None,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if at_start => open = Some((line, cell)),
            b',' => {
                cell += 1;
                at_start = true;
                continue;
            }
            b'\n' => {
                line += 1;
                cell = 0;
                at_start = true;
                continue;
            }
            b'\r' => {
                cell = 0;
                at_start = true;
                continue;
            }
            _ => {}
        }
        at_start = false;
    }
    let (line, cell) = open?;
    let column = if line == 1 {
        None
    } else {
        headers
            .get(cell)
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
    };
    Some(BadRow {
        line,
        column,
        reason: "a quote (\") opens a cell here and is never closed, so the rest of the file \
                 would be read as this one cell; close the quote or remove it"
            .to_string(),
    })
}

fn csv_error(line: u64, e: &csv::Error) -> BadRow {
    BadRow {
        line,
        column: None,
        reason: format!("not readable as CSV: {e}"),
    }
}

/// A cell that does not hold what its column needs (the row and column are added by the caller).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("'{0}' is not a date (expected YYYY-MM-DD or MM/DD/YYYY)")]
    NotADate(String),
    #[error("'{text}' is not a day on the calendar (month {month}, day {day})")]
    NotOnCalendar { text: String, month: u32, day: u32 },
    #[error("'{0}' is not yes or no")]
    NotYesNo(String),
}

/// `YYYY-MM-DD` or `MM/DD/YYYY` (month and day may have one digit, as spreadsheets write them).
pub fn parse_date(s: &str) -> Result<NaiveDate, CellError> {
    let t = s.trim();
    let bad = || CellError::NotADate(t.to_string());
    let (y, m, d) = if let Some((m, rest)) = t.split_once('/') {
        let (d, y) = rest.split_once('/').ok_or_else(bad)?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
            return Err(bad());
        }
        (y, m, d)
    } else {
        let mut it = t.split('-');
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(y), Some(m), Some(d), None) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                (y, m, d)
            }
            _ => return Err(bad()),
        }
    };
    let num = |x: &str| -> Result<u32, CellError> {
        if x.chars().all(|c| c.is_ascii_digit()) {
            x.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let (y, m, d) = (num(y)?, num(m)?, num(d)?);
    let y = i32::try_from(y).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| CellError::NotOnCalendar {
        text: t.to_string(),
        month: m,
        day: d,
    })
}

/// yes/no, true/false, y/n, 1/0, case-insensitively.
pub fn parse_yes_no(s: &str) -> Result<bool, CellError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(CellError::NotYesNo(s.trim().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn headers_drift_but_match() {
        assert_eq!(
            normalize_header(" Target Close Date(MM/DD/YYYY) "),
            "target close date"
        );
        assert_eq!(normalize_header("Launch Date (mm/dd/yyyy)"), "launch date");
        assert_eq!(normalize_header("LEFT_ON"), "left on");
        assert_eq!(normalize_header("Opportunity  Id"), "opportunity id");
    }

    #[test]
    fn both_date_forms_and_nothing_else() {
        assert_eq!(parse_date("2026-02-28"), Ok(d("2026-02-28")));
        assert_eq!(parse_date("02/28/2026"), Ok(d("2026-02-28")));
        assert_eq!(parse_date("2/8/2026"), Ok(d("2026-02-08")));
        for bad in [
            "2026-02-30",
            "02/30/2026",
            "13/01/2026",
            "2026/02/28",
            "28.02.2026",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        let e = parse_date("02/30/2026").expect_err("impossible");
        assert!(matches!(
            e,
            CellError::NotOnCalendar {
                month: 2,
                day: 30,
                ..
            }
        ));
        assert_eq!(
            e.to_string(),
            "'02/30/2026' is not a day on the calendar (month 2, day 30)"
        );
    }

    #[test]
    fn yes_no_words() {
        assert_eq!(parse_yes_no("Yes"), Ok(true));
        assert_eq!(parse_yes_no("n"), Ok(false));
        assert!(parse_yes_no("maybe").is_err());
    }

    #[test]
    fn missing_columns_are_named_on_line_one() {
        let e = Table::parse("name,exam\nA,SAA-C03\n", &["name", "email", "exam"])
            .err()
            .expect("missing email");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 1);
        assert_eq!(e[0].column.as_deref(), Some("email"));
    }

    #[test]
    fn an_unclosed_quote_is_named_with_its_line_and_column() {
        let text = "name,email,exam,earned\n\
                    Lee,lee@example.com,SAA-C03,2025-01-01\n\
                    Mia,\"mia@example.com,SAA-C03,2025-01-01\n\
                    Noa,noa@example.com,SAA-C03,2025-01-01\n";
        let e = Table::parse(text, &["name", "email"])
            .err()
            .expect("refused");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 3);
        assert_eq!(e[0].column.as_deref(), Some("email"));
        assert!(
            e[0].reason
                .contains("quote (\") opens a cell here and is never closed")
        );
        // Closed quotes, doubled quotes inside, and quotes mid-cell are all fine.
        let ok = "a,b\n\"x \"\"y\"\" z\",1\nab\"c,2\n\"multi\nline\",3\n";
        let mut n = 0;
        let broken = Table::parse(ok, &["a"])
            .expect("parses")
            .for_each_row(|_, _| n += 1);
        assert!(broken.is_empty());
        assert_eq!(n, 3);
    }

    #[test]
    fn a_duplicate_header_is_refused_naming_both_columns() {
        let e = Table::parse(
            "name,Email,exam,e-mail ,EMAIL\nA,a@x,SAA-C03,b@x,c@x\n",
            &["name"],
        )
        .err()
        .expect("refused");
        let shown: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            vec![
                "line 1, column EMAIL: column 2 ('Email') and column 5 ('EMAIL') have the same \
                 name; rename or remove one, so it is clear which to read"
            ]
        );
        // Blank header cells (a spreadsheet's trailing columns) are not duplicates.
        assert!(Table::parse("name,,\nA,,\n", &["name"]).is_ok());
    }

    #[test]
    fn line_numbers_count_quoted_newlines_and_skip_empty_rows() {
        let mut t = Table::parse("a,b\n\"x\ny\",1\n,\n2,3\n", &["a"]).expect("parses");
        let mut lines = Vec::new();
        let mut bytes = Vec::new();
        t.for_each_row(|r, at| {
            lines.push(r.line);
            bytes.push(at);
        });
        assert_eq!(lines, vec![2, 5]);
        assert_eq!(bytes, vec![4, 14]);
    }
}
