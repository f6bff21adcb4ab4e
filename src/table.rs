//! The one table printer (as gh's tableprinter): a header row, each column padded to its widest
//! cell (numbers right-aligned), two spaces between columns, the last column not padded, no
//! trailing blanks. Every cell is untrusted text: control, bidi and zero-width characters are
//! removed, and a column with a width cap cuts longer cells with "…".

use std::fmt;

use crate::output::clean;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

pub struct Column {
    title: &'static str,
    align: Align,
    max: Option<usize>,
}

impl Column {
    pub fn left(title: &'static str) -> Column {
        Column {
            title,
            align: Align::Left,
            max: None,
        }
    }

    pub fn right(title: &'static str) -> Column {
        Column {
            title,
            align: Align::Right,
            max: None,
        }
    }

    /// Cells longer than `chars` characters are cut, ending in "…".
    pub fn max(self, chars: usize) -> Column {
        Column {
            max: Some(chars),
            ..self
        }
    }
}

pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: impl IntoIterator<Item = Column>) -> Table {
        Table {
            columns: columns.into_iter().collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row: one cell per column (missing cells are empty, extra ones dropped).
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let mut row: Vec<String> = cells
            .into_iter()
            .zip(&self.columns)
            .map(|(c, col)| cut(&clean(c.as_ref()), col.max))
            .collect();
        row.resize(self.columns.len(), String::new());
        self.rows.push(row);
    }
}

fn cut(s: &str, max: Option<usize>) -> String {
    match max {
        Some(width) if s.chars().count() > width => {
            let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
            t.push('…');
            t
        }
        _ => s.to_owned(),
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header: Vec<String> = self.columns.iter().map(|c| c.title.to_owned()).collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let last = self.columns.len().saturating_sub(1);
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                if i == last {
                    if self.columns[i].align == Align::Right {
                        line.extend(std::iter::repeat_n(' ', pad));
                    }
                    line.push_str(cell);
                } else {
                    match self.columns[i].align {
                        Align::Left => {
                            line.push_str(cell);
                            line.extend(std::iter::repeat_n(' ', pad));
                        }
                        Align::Right => {
                            line.extend(std::iter::repeat_n(' ', pad));
                            line.push_str(cell);
                        }
                    }
                    line.push_str("  ");
                }
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_cut_and_untrusted_text_is_cleaned() {
        let mut t = Table::new([
            Column::left("NAME").max(6),
            Column::right("AMOUNT"),
            Column::left("FILE"),
        ]);
        t.row(["Wallenstam AB", "9845.00 SEK", "a.pdf"]);
        t.row(["x\u{1b}[31m", "1.00", ""]);
        assert_eq!(
            t.to_string(),
            "NAME         AMOUNT  FILE\nWalle…  9845.00 SEK  a.pdf\nx              1.00\n"
        );
    }
}
