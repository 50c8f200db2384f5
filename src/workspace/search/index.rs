//! Building the index: every record's number, title and tags prepared for fuzzy matching, and
//! its title, tags and body lowercased into flat buffers for substring search.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::bodies::{body_len, for_each_body_field, push_lowercase, SEPARATOR};
use super::fuzzy::{offset, FieldKind, FuzzyFields};
use super::terms::char_mask;
use super::SearchIndex;
use crate::workspace::model::Adr;

/// What the index keeps per record for fuzzy matching.
pub(super) struct Entry {
    pub(super) number: u32,
    /// For the matched positions of a drawn row.
    pub(super) title: String,
    /// Which ASCII letters and digits occur in number, title and tags (see [`char_mask`]): a
    /// term holding any other letter cannot fuzzy-match, and is rejected without scoring.
    pub(super) mask: u64,
    /// This record's fields in [`FuzzyFields::fields`]: the padded number, title, tags.
    pub(super) fields: std::ops::Range<u32>,
}

impl SearchIndex {
    pub fn new(records: &[Adr]) -> Self {
        let mut entries = Vec::with_capacity(records.len());
        let mut starts = Vec::with_capacity(records.len() + 1);
        let total: usize = records.iter().map(body_len).sum();
        let mut bodies = Vec::with_capacity(total + records.len());
        let mut fuzzy = FuzzyFields::default();
        let mut heads = Vec::new();
        let mut head_starts = Vec::with_capacity(records.len() + 1);
        for adr in records {
            head_starts.push(heads.len());
            push_lowercase(&mut heads, &adr.title);
            for tag in &adr.tags {
                heads.push(b'\n');
                push_lowercase(&mut heads, tag);
            }
            heads.push(SEPARATOR);
            let padded = format!("{:04}", adr.number);
            let mask = adr
                .tags
                .iter()
                .fold(char_mask(&adr.title) | char_mask(&padded), |m, t| {
                    m | char_mask(t)
                });
            let first = offset(fuzzy.fields.len());
            fuzzy.push(FieldKind::Number, &padded);
            fuzzy.push(FieldKind::Title, &adr.title);
            for tag in &adr.tags {
                fuzzy.push_tag(tag);
            }
            entries.push(Entry {
                number: adr.number,
                title: adr.title.clone(),
                mask,
                fields: first..offset(fuzzy.fields.len()),
            });
            starts.push(bodies.len());
            for_each_body_field(adr, |text| {
                push_lowercase(&mut bodies, text);
                bodies.push(b'\n');
            });
            bodies.push(SEPARATOR);
        }
        starts.push(bodies.len());
        head_starts.push(heads.len());
        let numbers_ascend = entries.windows(2).all(|w| w[0].number <= w[1].number);
        SearchIndex {
            numbers_ascend,
            entries,
            fuzzy,
            bodies,
            starts,
            heads,
            head_starts,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }
}
