//! Searching Hồ sơ đã nộp as the user types, in memory: an index from every folded word of every
//! dossier to the dossiers that contain it, kept in order of the day received. A search looks up
//! each typed word as a prefix in the sorted vocabulary, unions the dossiers of the matching
//! words, intersects across typed words, and walks the order. It answers in well under a
//! millisecond for 100,000 dossiers, where an FTS5 prefix query for one letter reads them all.
//! Typed text is only ever compared with words; nothing of it reaches SQL.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use dvclink_core::text::{fold, fold_char};

/// The folded words of a dossier, as stored in its `words` column: lower case, no diacritics,
/// `đ` as `d`, separated by single spaces.
pub fn searchable_words(code: &str, procedure: &str, agency: &str, summary: &str) -> String {
    let mut out = String::with_capacity(code.len() + procedure.len() + agency.len() + summary.len() + 4);
    // Where each word kept so far starts and ends in `out`: a repeated word is kept once.
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(32);
    let mut start = 0;
    let mut end_word = |out: &mut String, start: &mut usize| {
        if out.len() > *start {
            let word = &out[*start..];
            if kept.iter().any(|&(a, b)| b - a == word.len() && &out[a..b] == word) {
                out.truncate(start.saturating_sub(1));
            } else {
                kept.push((*start, out.len()));
            }
            *start = out.len();
        }
    };
    let push = |out: &mut String, start: &mut usize, c: char| {
        if *start == out.len() && !out.is_empty() {
            out.push(' ');
            *start = out.len();
        }
        out.push(c);
    };
    for part in [code, procedure, agency, summary] {
        for c in part.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    push(&mut out, &mut start, c.to_ascii_lowercase());
                } else {
                    end_word(&mut out, &mut start);
                }
                continue;
            }
            for c in c.to_lowercase().map(fold_char) {
                if c.is_alphanumeric() {
                    push(&mut out, &mut start, c);
                } else {
                    end_word(&mut out, &mut start);
                }
            }
        }
        end_word(&mut out, &mut start);
    }
    out
}

/// The words of what was typed, folded the same way; empty when nothing searchable was typed.
pub fn query_words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// One person's dossiers, as the index knows them.
#[derive(Debug, Default)]
pub struct WordIndex {
    entries: Vec<Entry>,
    slot_of: HashMap<i64, u32>,
    /// Every word, by its number.
    vocabulary: Vec<Box<str>>,
    number_of: HashMap<Box<str>, u32>,
    /// The slots of each word, by the word's number.
    postings: Vec<Vec<u32>>,
    /// The slots with a word starting with each character: one letter typed reads one list
    /// instead of every word that starts with it (thousands, for the digits of codes).
    initials: HashMap<char, Vec<u32>>,
    /// Word numbers in alphabetical order, for prefixes; rebuilt when words are added.
    alphabetical: Vec<u32>,
    new_words: bool,
    /// Live slots, newest received first; rebuilt after changes.
    order: Vec<u32>,
    dirty: bool,
    dead: usize,
}

/// A dossier row in the index.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub received_at: Option<NaiveDateTime>,
    pub status: u8,
    alive: bool,
}

/// What the index needs of a row.
#[derive(Debug, Clone)]
pub struct IndexRow {
    pub id: i64,
    pub received_at: Option<NaiveDateTime>,
    pub status: u8,
    pub words: String,
}

/// The rows of a search, newest received first, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    pub ids: Vec<i64>,
    pub total: u64,
}

/// Everything a search asks besides the typed words.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    pub words: &'a [String],
    pub statuses: &'a [u8],
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    pub oldest_first: bool,
    pub offset: usize,
    pub limit: usize,
}

impl WordIndex {
    pub fn build(rows: impl IntoIterator<Item = IndexRow>) -> WordIndex {
        let mut index = WordIndex::default();
        for row in rows {
            index.insert(row);
        }
        index.sort();
        index
    }

    /// Adds or replaces a dossier.
    pub fn insert(&mut self, row: IndexRow) {
        self.remove(row.id);
        let slot = self.entries.len() as u32;
        for word in row.words.split(' ').filter(|w| !w.is_empty()) {
            let number = match self.number_of.get(word) {
                Some(&number) => number,
                None => {
                    let number = self.vocabulary.len() as u32;
                    self.vocabulary.push(word.into());
                    self.number_of.insert(word.into(), number);
                    self.postings.push(Vec::new());
                    self.new_words = true;
                    number
                }
            };
            push_once(&mut self.postings[number as usize], slot);
            if let Some(initial) = word.chars().next() {
                push_once(self.initials.entry(initial).or_default(), slot);
            }
        }
        self.entries.push(Entry { id: row.id, received_at: row.received_at, status: row.status, alive: true });
        self.slot_of.insert(row.id, slot);
        self.dirty = true;
    }

    pub fn remove(&mut self, id: i64) {
        if let Some(slot) = self.slot_of.remove(&id) {
            self.entries[slot as usize].alive = false;
            self.dead += 1;
            self.dirty = true;
        }
    }

    /// Whether so much has been replaced that building again is cheaper than keeping it.
    pub fn worn(&self) -> bool {
        self.dead > 1_000 && self.dead > self.entries.len() / 2
    }

    pub fn search(&mut self, query: &Query<'_>) -> Hits {
        if self.dirty {
            self.sort();
        }
        if self.new_words && !query.words.is_empty() {
            let vocabulary = &self.vocabulary;
            let mut alphabetical: Vec<u32> = (0..vocabulary.len() as u32).collect();
            alphabetical.sort_unstable_by(|&a, &b| vocabulary[a as usize].cmp(&vocabulary[b as usize]));
            self.alphabetical = alphabetical;
            self.new_words = false;
        }
        let matches = self.matching(query.words);
        let order: Box<dyn Iterator<Item = &u32>> =
            if query.oldest_first { Box::new(self.order.iter().rev()) } else { Box::new(self.order.iter()) };
        let mut ids = Vec::with_capacity(query.limit);
        let mut total = 0usize;
        for &slot in order {
            if let Some(bits) = &matches
                && bits[slot as usize / 64] & (1 << (slot % 64)) == 0
            {
                continue;
            }
            let entry = &self.entries[slot as usize];
            if !query.statuses.is_empty() && !query.statuses.contains(&entry.status) {
                continue;
            }
            if query.from.is_some() || query.until.is_some() {
                let Some(at) = entry.received_at else { continue };
                if query.from.is_some_and(|from| at < from) || query.until.is_some_and(|until| at >= until) {
                    continue;
                }
            }
            if total >= query.offset && ids.len() < query.limit {
                ids.push(entry.id);
            }
            total += 1;
        }
        Hits { ids, total: total as u64 }
    }

    /// The slots containing every word (each as a prefix), or `None` when no word was typed.
    fn matching(&self, words: &[String]) -> Option<Vec<u64>> {
        if words.is_empty() {
            return None;
        }
        let size = self.entries.len().div_ceil(64);
        let mut all: Option<Vec<u64>> = None;
        for word in words {
            let mut bits = vec![0u64; size];
            let mut mark = |slots: &[u32]| {
                for &slot in slots {
                    bits[slot as usize / 64] |= 1 << (slot % 64);
                }
            };
            let mut chars = word.chars();
            match (chars.next(), chars.next()) {
                (Some(initial), None) => mark(self.initials.get(&initial).map_or(&[], Vec::as_slice)),
                _ => {
                    let vocabulary = &self.vocabulary;
                    let first = self.alphabetical.partition_point(|&n| *vocabulary[n as usize] < **word);
                    for &number in &self.alphabetical[first..] {
                        if !vocabulary[number as usize].starts_with(word.as_str()) {
                            break;
                        }
                        mark(&self.postings[number as usize]);
                    }
                }
            }
            all = Some(match all {
                None => bits,
                Some(mut acc) => {
                    acc.iter_mut().zip(&bits).for_each(|(a, b)| *a &= b);
                    acc
                }
            });
        }
        all
    }

    fn sort(&mut self) {
        let entries = &self.entries;
        let mut order: Vec<u32> = (0..entries.len() as u32).filter(|&s| entries[s as usize].alive).collect();
        // Newest received first; undated last; then the newer row first.
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (&entries[a as usize], &entries[b as usize]);
            match (a.received_at, b.received_at) {
                (Some(x), Some(y)) => y.cmp(&x).then(b.id.cmp(&a.id)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => b.id.cmp(&a.id),
            }
        });
        self.order = order;
        self.dirty = false;
    }
}

/// Appends `slot` unless it is already the last one (a word twice in one dossier).
fn push_once(slots: &mut Vec<u32>, slot: u32) {
    if slots.last() != Some(&slot) {
        slots.push(slot);
    }
}
