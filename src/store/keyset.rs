//! Orders read a page at a time from an index (keyset paging): a page starts just past a
//! row's values of the order's columns, so it costs what it holds wherever it is. The
//! films seen and the library read this way.

/// An order: the index's columns (SQL expressions over the query's tables), and whether
/// it runs down them (newest or highest first).
#[derive(Clone, Copy, Debug)]
pub(super) struct Keyset {
    pub columns: &'static [&'static str],
    pub down: bool,
}

impl Keyset {
    /// `ORDER BY`, forward or backward.
    pub fn order_by(self, backward: bool) -> String {
        let direction = if self.down != backward { "DESC" } else { "ASC" };
        let by: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("{c} {direction}"))
            .collect();
        by.join(", ")
    }

    /// The rows after a cursor's values (before them, `backward`), with the cursor's own
    /// row when `inclusive`: "(a, b) > (?, ?)".
    pub fn past(self, backward: bool, inclusive: bool) -> String {
        let operator = match (self.down != backward, inclusive) {
            (true, false) => "<",
            (true, true) => "<=",
            (false, false) => ">",
            (false, true) => ">=",
        };
        self.compared(operator)
    }

    /// The rows before a cursor's values in the order.
    pub fn before(self) -> String {
        self.compared(if self.down { ">" } else { "<" })
    }

    /// A row's values of the order's columns (the cursor a page starts from): the row of
    /// `from` (a table, with the alias the columns use) whose `id` column is `value`.
    pub fn values_at(
        self,
        conn: &rusqlite::Connection,
        from: &str,
        id: &str,
        value: i64,
    ) -> rusqlite::Result<Option<Vec<rusqlite::types::Value>>> {
        use rusqlite::OptionalExtension;
        let sql = format!(
            "SELECT {} FROM {from} WHERE {id} = ?1",
            self.columns.join(", ")
        );
        conn.prepare_cached(&sql)?
            .query_row([value], |r| {
                (0..self.columns.len()).map(|i| r.get(i)).collect()
            })
            .optional()
    }

    fn compared(self, operator: &str) -> String {
        let marks = vec!["?"; self.columns.len()].join(", ");
        format!("({}) {operator} ({marks})", self.columns.join(", "))
    }
}
