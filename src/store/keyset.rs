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

    fn compared(self, operator: &str) -> String {
        let marks = vec!["?"; self.columns.len()].join(", ");
        format!("({}) {operator} ({marks})", self.columns.join(", "))
    }
}
