//! The member's lists, changed in the app: made, renamed, deleted, and films added,
//! removed and moved. Each change is one transaction.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError};
use crate::text::clean_input;

impl Store {
    /// Makes an empty list; refuses a name another list has (ignoring case).
    pub fn create_list(&mut self, name: &str) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let name = checked_name(&tx, name, None)?;
        tx.execute(
            "INSERT INTO list (name, created) VALUES (?1, ?2)",
            params![name, crate::model::today()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Renames a list; refuses a name another list has.
    pub fn rename_list(&mut self, id: i64, name: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let name = checked_name(&tx, name, Some(id))?;
        tx.execute("UPDATE list SET name = ?2 WHERE id = ?1", params![id, name])?;
        tx.commit()?;
        Ok(())
    }

    pub fn delete_list(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM list_item WHERE list_id = ?1", [id])?;
        tx.execute("DELETE FROM list WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a film at the end of a list; says whether it was not there already.
    pub fn add_to_list(&mut self, id: i64, film_id: i64) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let there: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM list_item WHERE list_id = ?1 AND film_id = ?2)",
            params![id, film_id],
            |r| r.get(0),
        )?;
        if !there {
            tx.execute(
                "INSERT INTO list_item (list_id, position, film_id)
                 SELECT ?1, coalesce(max(position), 0) + 1, ?2 FROM list_item WHERE list_id = ?1",
                params![id, film_id],
            )?;
        }
        tx.commit()?;
        Ok(!there)
    }

    /// Takes the film at `position` out of a list; the films after it move up.
    pub fn remove_from_list(&mut self, id: i64, position: u32) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM list_item WHERE list_id = ?1 AND position = ?2",
            params![id, position],
        )?;
        // Through negative places, so no two films share one on the way.
        tx.execute(
            "UPDATE list_item SET position = -position WHERE list_id = ?1 AND position > ?2",
            params![id, position],
        )?;
        tx.execute(
            "UPDATE list_item SET position = -position - 1 WHERE list_id = ?1 AND position < 0",
            [id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts `film_id` back into a list at `position` (the films from there on move down
    /// a place), with its note: a removal undone.
    pub fn put_back_in_list(
        &mut self,
        id: i64,
        film_id: i64,
        position: u32,
        note: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        // Through negative places, so no two films share one on the way.
        tx.execute(
            "UPDATE list_item SET position = -position WHERE list_id = ?1 AND position >= ?2",
            params![id, position],
        )?;
        tx.execute(
            "UPDATE list_item SET position = -position + 1 WHERE list_id = ?1 AND position < 0",
            [id],
        )?;
        let last: u32 = tx.query_row(
            "SELECT coalesce(max(position), 0) FROM list_item WHERE list_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO list_item (list_id, position, film_id, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, position.min(last + 1), film_id, note],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Takes `film_id` out of a list, wherever it is in it now; the films after it move
    /// up. Nothing happens when it is not in the list (any more).
    pub fn remove_film_from_list(&mut self, id: i64, film_id: i64) -> Result<()> {
        match self.position_in_list(id, film_id)? {
            Some(position) => self.remove_from_list(id, position),
            None => Ok(()),
        }
    }

    /// Moves `film_id` one place up or down a list, from wherever it is in it now.
    pub fn move_film_in_list(&mut self, id: i64, film_id: i64, up: bool) -> Result<bool> {
        match self.position_in_list(id, film_id)? {
            Some(position) => self.move_in_list(id, position, up),
            None => Ok(false),
        }
    }

    fn position_in_list(&self, id: i64, film_id: i64) -> Result<Option<u32>> {
        Ok(self
            .conn
            .query_row(
                "SELECT position FROM list_item WHERE list_id = ?1 AND film_id = ?2
                 ORDER BY position LIMIT 1",
                params![id, film_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Swaps the film at `position` with the one `up` (or down) from it; says whether
    /// there was one to swap with.
    pub fn move_in_list(&mut self, id: i64, position: u32, up: bool) -> Result<bool> {
        let Some(other) = (if up {
            position.checked_sub(1).filter(|&p| p > 0)
        } else {
            position.checked_add(1)
        }) else {
            return Ok(false);
        };
        let tx = self.conn.transaction()?;
        let exists = |tx: &Transaction, p: u32| -> rusqlite::Result<bool> {
            tx.query_row(
                "SELECT 1 FROM list_item WHERE list_id = ?1 AND position = ?2",
                params![id, p],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
        };
        if !exists(&tx, position)? || !exists(&tx, other)? {
            return Ok(false);
        }
        let set = "UPDATE list_item SET position = ?3 WHERE list_id = ?1 AND position = ?2";
        tx.execute(set, params![id, position, -1])?;
        tx.execute(set, params![id, other, position])?;
        tx.execute(set, params![id, -1, other])?;
        tx.commit()?;
        Ok(true)
    }
}

/// The name cleaned and trimmed, unless it is empty or another list's (`except`).
fn checked_name(tx: &Transaction, name: &str, except: Option<i64>) -> Result<String> {
    let name = clean_input(name).trim().to_string();
    if name.is_empty() {
        return Err(StoreError::ListNameEmpty);
    }
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM list WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
        params![name, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::ListNameTaken(name));
    }
    Ok(name)
}
