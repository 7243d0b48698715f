//! The full-text index's tokenizer, `marquee`, registered on every connection.
//!
//! A word is a run of letters and digits (`char::is_alphanumeric`), folded by
//! `text::fold` (lowercase, accents removed): exactly how the search checks a review's
//! text and how the list highlights a match, so the index and those checks agree on
//! every word. It is also several times quicker than SQLite's unicode61, which matters
//! for an import of a million reviews.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void};
use std::hash::{BuildHasherDefault, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use rusqlite::{Connection, ffi};

use crate::text;

/// Makes the tokenizer known to `conn`; every connection that may touch the full-text
/// index needs it first.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    // SAFETY: the handle belongs to `conn`, which outlives these calls; the statement is
    // finalized before returning; `fts5(?1)` writes the API pointer into `api` only during
    // the step.
    unsafe {
        let db = conn.handle();
        let api = fts5_api(db).ok_or_else(|| {
            rusqlite::Error::SqliteFailure(
                ffi::Error::new(ffi::SQLITE_ERROR),
                Some("this SQLite has no FTS5".into()),
            )
        })?;
        let mut tokenizer = ffi::fts5_tokenizer {
            xCreate: Some(create),
            xDelete: Some(delete),
            xTokenize: Some(tokenize),
        };
        let name = c"marquee";
        let create_tokenizer = (*api).xCreateTokenizer.expect("FTS5 creates tokenizers");
        let rc = create_tokenizer(api, name.as_ptr(), ptr::null_mut(), &mut tokenizer, None);
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None));
        }
    }
    Ok(())
}

/// FTS5's API of the connection `db`, as its documentation says to get it.
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Option<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    let mut stmt = ptr::null_mut();
    // SAFETY: standard prepare/bind/step/finalize on a valid handle; `api` lives until
    // the statement is finalized.
    unsafe {
        let sql = c"SELECT fts5(?1)";
        if ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut())
            != ffi::SQLITE_OK
        {
            return None;
        }
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&raw mut api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
    }
    (!api.is_null()).then_some(api)
}

/// What starts a film's word: a control character, which no word of text has (words are
/// letters and digits), so no search for words ever matches a film's word.
const FILM_MARK: u8 = 1;

/// The word the full-text index holds for every review of the film `film_id`, in its
/// `film` column (the schema's `entry_fts_source` writes it as `char(1) || film_id`).
pub(super) fn film_word(film_id: i64) -> String {
    format!("{}{film_id}", char::from(FILM_MARK))
}

/// A tokenizer instance, with what it keeps between calls so that a million reviews
/// don't allocate a million times.
#[derive(Default)]
struct Instance {
    /// The word being handed over, when it had to be folded.
    word: String,
    /// Words with letters beyond ASCII, folded.
    fold_cache: HashMap<Box<str>, Box<str>, BuildHasherDefault<WordHasher>>,
}

unsafe extern "C" fn create(
    _user_data: *mut c_void,
    _args: *mut *const c_char,
    _arg_count: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    let instance = Box::into_raw(Box::<Instance>::default());
    // SAFETY: FTS5 passes a valid place for the new instance.
    unsafe { *out = instance.cast() };
    ffi::SQLITE_OK
}

unsafe extern "C" fn delete(instance: *mut ffi::Fts5Tokenizer) {
    // SAFETY: `instance` came from `create`'s Box and FTS5 deletes it once.
    drop(unsafe { Box::from_raw(instance.cast::<Instance>()) });
}

/// FTS5's callback for each token.
type TokenCallback =
    unsafe extern "C" fn(*mut c_void, c_int, *const c_char, c_int, c_int, c_int) -> c_int;

unsafe extern "C" fn tokenize(
    instance: *mut ffi::Fts5Tokenizer,
    context: *mut c_void,
    _flags: c_int,
    text: *const c_char,
    length: c_int,
    token: Option<TokenCallback>,
) -> c_int {
    let Some(token) = token else {
        return ffi::SQLITE_ERROR;
    };
    let bytes: &[u8] = match usize::try_from(length) {
        // SAFETY: FTS5 passes `length` readable bytes at `text`.
        Ok(n) if n > 0 && !text.is_null() => unsafe { std::slice::from_raw_parts(text.cast(), n) },
        _ => return ffi::SQLITE_OK,
    };
    // SAFETY: `instance` is a live Instance from `create`, used by one thread at a time.
    let instance = unsafe { &mut *instance.cast::<Instance>() };
    let emit = |word: &str, start: usize, end: usize| {
        // SAFETY: `token` and `context` are FTS5's, valid for this call.
        unsafe {
            token(
                context,
                0,
                word.as_ptr().cast(),
                word.len() as c_int,
                start as c_int,
                end as c_int,
            )
        }
    };
    if let Some(rest) = bytes.strip_prefix(&[FILM_MARK])
        && !rest.is_empty()
        && rest.iter().all(u8::is_ascii_digit)
    {
        // A film's word (`film_word`) is one word, mark and all.
        return emit(
            // SAFETY: the mark and ASCII digits are UTF-8.
            unsafe { std::str::from_utf8_unchecked(bytes) },
            0,
            bytes.len(),
        );
    }
    // A panic must not cross into C: it becomes an error for this statement.
    catch_unwind(AssertUnwindSafe(|| {
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => instance.each_word(text, emit),
            Err(_) => instance.each_word(&String::from_utf8_lossy(bytes), emit),
        }
    }))
    .unwrap_or(ffi::SQLITE_ERROR)
}

impl Instance {
    /// Calls `emit` with each word of `text`, folded, and where it starts and ends in
    /// `text`, until `emit` returns an error code. Reads bytes: a million reviews pass
    /// through here, and most of their letters are ASCII, which needs no decoding.
    fn each_word(
        &mut self,
        text: &str,
        mut emit: impl FnMut(&str, usize, usize) -> c_int,
    ) -> c_int {
        let bytes = text.as_bytes();
        let class = |i: usize| CLASS[usize::from(bytes[i])];
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && class(i) == SEPARATOR {
                i += 1;
            }
            let (start, mut seen) = (i, 0);
            while i < bytes.len() {
                let c = class(i);
                if c & (LOWER | UPPER) != 0 {
                    seen |= c;
                    i += 1;
                    continue;
                }
                match text[i..].chars().next() {
                    Some(letter) if c == BEYOND_ASCII && is_alphanumeric(letter) => {
                        seen |= BEYOND_ASCII;
                        i += letter.len_utf8();
                    }
                    _ => break,
                }
            }
            if i == start {
                // A separator beyond ASCII.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let word = &text[start..i];
            let folded = if seen & BEYOND_ASCII != 0 {
                self.folded(word)
            } else if seen & UPPER != 0 {
                self.word.clear();
                self.word.push_str(word);
                self.word.make_ascii_lowercase();
                &self.word
            } else {
                word
            };
            if !folded.is_empty() {
                let rc = emit(folded, start, i);
                if rc != ffi::SQLITE_OK {
                    return rc;
                }
            }
        }
        ffi::SQLITE_OK
    }

    /// `word` folded by `text::fold`. Folding decomposes every letter; the same few words
    /// come back all the time, so their folding is remembered.
    fn folded(&mut self, word: &str) -> &str {
        if !self.fold_cache.contains_key(word) {
            if self.fold_cache.len() >= FOLD_CACHE_WORDS {
                self.fold_cache.clear();
            }
            self.fold_cache.insert(word.into(), text::fold(word).into());
        }
        &self.fold_cache[word]
    }
}

/// What a byte can be to a word: bytes of letters beyond ASCII are looked at as letters.
const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const BEYOND_ASCII: u8 = 4;

static CLASS: [u8; 256] = {
    let mut class = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => LOWER,
            b'A'..=b'Z' => UPPER,
            0x80..=0xff => BEYOND_ASCII,
            _ => SEPARATOR,
        };
        b += 1;
    }
    class
};

/// `char::is_alphanumeric`, answered at once for the letters most reviews use beyond
/// ASCII (accented Latin, Greek, Cyrillic, CJK, kana, Hangul) and for symbols and emoji,
/// which it otherwise looks up in its tables.
fn is_alphanumeric(c: char) -> bool {
    match u32::from(c) {
        0xd7 | 0xf7 | 0x3a2 => false,
        0xc0..=0x24f
        | 0x391..=0x3c9
        | 0x400..=0x481
        | 0x48a..=0x52f
        | 0x3041..=0x3096
        | 0x30a1..=0x30fa
        | 0x4e00..=0x9fff
        | 0xac00..=0xd7a3 => true,
        0x2600..=0x2775 | 0xfe00..=0xfe0f | 0x1f300..=0x1faff => false,
        _ => c.is_alphanumeric(),
    }
}

/// Words with letters beyond ASCII whose folding is remembered, at most.
const FOLD_CACHE_WORDS: usize = 50_000;

/// FNV-1a: quicker than the standard hasher on short words, and nothing here is
/// chosen by an adversary who could make it collide (a collision only costs time).
struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use proptest::prelude::*;

    /// The words as the search checks them (`search::text_matches`): split at anything
    /// not a letter or digit, folded.
    fn expected(text: &str) -> Vec<(String, usize, usize)> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let folded = text::fold(&text[s..i]);
                    if !folded.is_empty() {
                        words.push((folded, s, i));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        words
    }

    fn tokens(text: &str) -> Vec<(String, usize, usize)> {
        let mut instance = Instance::default();
        let mut words = Vec::new();
        let rc = instance.each_word(text, |w, s, e| {
            words.push((w.to_string(), s, e));
            ffi::SQLITE_OK
        });
        assert_eq!(rc, ffi::SQLITE_OK);
        words
    }

    #[test]
    fn words_are_split_at_anything_but_letters_and_digits_and_folded() {
        assert_eq!(
            tokens("Déjà-vu, 映画 🎬 NAÏVE x2"),
            [
                ("deja".to_string(), 0, 6),
                ("vu".into(), 7, 9),
                ("映画".into(), 11, 17),
                ("naive".into(), 23, 29),
                ("x2".into(), 30, 32),
            ]
        );
    }

    proptest! {
        #[test]
        fn words_are_those_the_search_checks(text in "([a-zA-Z0-9 .,'-]|[À-ɏ]|[ぁ-ヺ]|[가-힣]|[😀-🙏]|\\PC){0,40}") {
            prop_assert_eq!(tokens(&text), expected(&text));
        }
    }

    #[test]
    fn quick_answers_for_letters_agree_with_the_standard_library() {
        for c in (0x80..=0x2_ffff).filter_map(char::from_u32) {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn sqlite_checks_the_index_word_by_word() {
        let mut store = Store::open_in_memory().unwrap();
        crate::sample::seed(&mut store).unwrap();
        store.check_search_index().unwrap();
        // The text changed behind the index's back: the check must notice.
        store
            .conn
            .execute_batch(
                "DROP TRIGGER entry_fts_update;
                 UPDATE entry SET body = 'zebra crossing' WHERE id = (SELECT min(id) FROM entry);",
            )
            .unwrap();
        assert!(store.check_search_index().is_err());
    }
}
