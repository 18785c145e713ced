//! Node's line-breaking rules for inspected objects, as pure functions over the already-formatted
//! entries.
//!
//! - With `compact: 3` (the default), an object whose innermost nesting is less than three levels
//!   deep is printed on one line if that line, counting the current indentation, fits in
//!   `breakLength` (80); otherwise every entry gets its own line, indented by two spaces.
//! - Arrays (and typed arrays) of more than six entries are first grouped into aligned columns
//!   when their entries are short and of similar width (`groupArrayElements`); numbers are
//!   right-aligned, anything else left-aligned.
//!
//! Lengths are counted in UTF-16 code units where node uses `.length`, and in terminal columns
//! where it uses `getStringWidth`.

use super::text::js_len;

/// How much node's `compact` option lets entries share a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Compact {
    /// `compact: true`: the legacy layout, which fills lines and never breaks short objects.
    Always,
    /// `compact: n` (`false` is 0): up to `n` inner levels may be joined on one line.
    Level(usize),
}

/// Whether the entries are array elements (which may be grouped into columns) or properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Entries {
    Object,
    Array,
}

/// The parts of the inspector's state the layout depends on.
#[derive(Clone, Copy, Debug)]
pub(super) struct Layout {
    pub(super) break_length: f64,
    pub(super) compact: Compact,
    pub(super) indentation: usize,
    /// The deepest level the inspector reached while formatting the latest nested object.
    pub(super) current_depth: usize,
    pub(super) max_array_length: usize,
}

/// Joins formatted `output` entries between `braces`, after `base` (a prefix such as a function
/// description or an error stack), on one line or several as node's `reduceToSingleString` does.
///
/// `pad_start` says whether grouped columns are right-aligned (all entries are numbers).
pub(super) fn reduce_to_single_string(
    layout: &Layout,
    mut output: Vec<String>,
    base: &str,
    braces: (&str, &str),
    entries: Entries,
    recurse_times: usize,
    pad_start: bool,
) -> String {
    let (open, close) = braces;
    let base_prefix = if base.is_empty() {
        String::new()
    } else {
        format!("{base} ")
    };
    match layout.compact {
        Compact::Level(compact) => {
            if compact >= 1 {
                let count = output.len();
                if entries == Entries::Array && count > 6 {
                    output = group_array_elements(layout, output, pad_start);
                }
                // Only the innermost `compact` levels may be joined on one line, and never when
                // the entries were grouped into columns.
                let inner_levels = layout.current_depth as i64 - recurse_times as i64;
                if inner_levels < compact as i64 && count == output.len() {
                    let start =
                        output.len() + layout.indentation + js_len(open) + js_len(base) + 10;
                    if is_below_break_length(layout.break_length, &output, start, base) {
                        let joined = output.join(", ");
                        if !joined.contains('\n') {
                            return format!("{base_prefix}{open} {joined} {close}");
                        }
                    }
                }
            }
            let indentation = format!("\n{}", " ".repeat(layout.indentation));
            let separator = format!(",{indentation}  ");
            format!(
                "{base_prefix}{open}{indentation}  {}{indentation}{close}",
                output.join(&separator)
            )
        }
        Compact::Always => {
            let base_suffix = if base.is_empty() {
                String::new()
            } else {
                format!(" {base}")
            };
            if is_below_break_length(layout.break_length, &output, 0, base) {
                return format!("{open}{base_suffix} {} {close}", output.join(", "));
            }
            let indentation = " ".repeat(layout.indentation);
            // A long opening brace such as `Set {` pushes the first entry to its own line so
            // the entries line up.
            let first = if base.is_empty() && js_len(open) == 1 {
                " ".to_owned()
            } else {
                format!("{base_suffix}\n{indentation}  ")
            };
            let separator = format!(",\n{indentation}  ");
            format!("{open}{first}{} {close}", output.join(&separator))
        }
    }
}

/// Whether `output` fits on one line of `break_length` columns after `start` columns.
fn is_below_break_length(break_length: f64, output: &[String], start: usize, base: &str) -> bool {
    // Each entry is followed by at least a comma and a space.
    let mut total = output.len() + start;
    if (total + output.len()) as f64 > break_length {
        return false;
    }
    for entry in output {
        total += js_len(entry);
        if total as f64 > break_length {
            return false;
        }
    }
    // A multi-line base (an error stack) never shares its line with the entries.
    base.is_empty() || !base.contains('\n')
}

/// Node's `groupArrayElements`: lays out many short entries in aligned columns, about as wide
/// as the square root of their count allows, within `break_length`.
fn group_array_elements(layout: &Layout, output: Vec<String>, pad_start: bool) -> Vec<String> {
    const SEPARATOR_SPACE: usize = 2; // ", "
    let mut output_length = output.len();
    // The "... more items" entry does not take part in the grouping.
    if layout.max_array_length < output.len() {
        output_length -= 1;
    }
    let data_len: Vec<usize> = output[..output_length]
        .iter()
        .map(|entry| string_width(entry))
        .collect();
    let total_length: usize = data_len.iter().map(|len| len + SEPARATOR_SPACE).sum();
    let max_length = data_len.iter().copied().max().unwrap_or(0);
    let actual_max = max_length + SEPARATOR_SPACE;
    let (actual_max_f, total_f) = (actual_max as f64, total_length as f64);
    // Group only if at least three columns fit, and not when one entry is much longer than the
    // rest (the gaps between short entries would be enormous).
    let fits_three_columns = ((actual_max * 3 + layout.indentation) as f64) < layout.break_length;
    if !fits_three_columns || !(total_f / actual_max_f > 5.0 || max_length <= 6) {
        return output;
    }
    let approx_char_heights = 2.5;
    let average_bias = (actual_max_f - total_f / output.len() as f64).sqrt();
    let biased_max = (actual_max_f - 3.0 - average_bias).max(1.0);
    let compact = match layout.compact {
        Compact::Level(n) => n as f64,
        Compact::Always => f64::INFINITY,
    };
    let columns = ((approx_char_heights * biased_max * output_length as f64).sqrt() / biased_max)
        .round()
        .min(((layout.break_length - layout.indentation as f64) / actual_max_f).floor())
        .min(compact * 4.0)
        .min(15.0);
    if columns <= 1.0 || columns.is_nan() {
        return output;
    }
    let columns = columns as usize;
    let max_line_length: Vec<usize> = (0..columns)
        .map(|i| {
            let widest = (i..output_length)
                .step_by(columns)
                .map(|j| data_len[j])
                .max()
                .unwrap_or(0);
            widest + SEPARATOR_SPACE
        })
        .collect();
    let mut grouped = Vec::new();
    for row_start in (0..output_length).step_by(columns) {
        let row_end = (row_start + columns).min(output_length);
        let mut line = String::new();
        for j in row_start..row_end - 1 {
            // Pad to the column width; `padding` is in code units, so add back what the entry's
            // display width and its length differ by.
            let padding = max_line_length[j - row_start] + js_len(&output[j]) - data_len[j];
            let cell = format!("{}, ", output[j]);
            line.push_str(&pad(&cell, padding, pad_start));
        }
        let last = row_end - 1;
        if pad_start {
            let padding = (max_line_length[last - row_start] + js_len(&output[last]))
                .saturating_sub(data_len[last] + SEPARATOR_SPACE);
            line.push_str(&pad(&output[last], padding, true));
        } else {
            line.push_str(&output[last]);
        }
        grouped.push(line);
    }
    if layout.max_array_length < output.len() {
        grouped.push(output[output_length].clone());
    }
    grouped
}

/// `text.padStart(len)` or `text.padEnd(len)` with spaces, `len` in UTF-16 code units.
fn pad(text: &str, len: usize, at_start: bool) -> String {
    let fill = " ".repeat(len.saturating_sub(js_len(text)));
    if at_start {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// The number of terminal columns `text` takes, as node's `getStringWidth` counts them: control
/// characters and combining marks take none, East Asian wide characters and emoji take two.
pub(crate) fn string_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let code = c as u32;
            if is_zero_width(code) {
                0
            } else if is_full_width(code) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `text` without ANSI escape sequences (colors, cursor movement), for measuring its width.
pub(crate) fn strip_vt_control_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let csi = match c {
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                true
            }
            '\u{9b}' => true,
            _ => false,
        };
        if !csi {
            out.push(c);
            continue;
        }
        // Parameters and intermediates, then one final byte in `@`..`~`.
        for c in chars.by_ref() {
            if ('@'..='~').contains(&c) {
                break;
            }
        }
    }
    out
}

fn is_zero_width(code: u32) -> bool {
    code <= 0x1F
        || (0x7F..=0x9F).contains(&code)
        || (0x300..=0x36F).contains(&code)
        || (0x200B..=0x200F).contains(&code)
        || (0x20D0..=0x20FF).contains(&code)
        || (0xFE00..=0xFE0F).contains(&code)
        || (0xFE20..=0xFE2F).contains(&code)
        || (0xE0100..=0xE01EF).contains(&code)
}

/// East Asian wide and full-width characters, and the emoji blocks that terminals draw two
/// columns wide (node asks ICU; this is its table for builds without ICU, plus those emoji).
fn is_full_width(code: u32) -> bool {
    code >= 0x1100
        && (code <= 0x115F
            || code == 0x2329
            || code == 0x232A
            || ((0x2E80..=0x3247).contains(&code) && code != 0x303F)
            || (0x3250..=0x4DBF).contains(&code)
            || (0x4E00..=0xA4C6).contains(&code)
            || (0xA960..=0xA97C).contains(&code)
            || (0xAC00..=0xD7A3).contains(&code)
            || (0xF900..=0xFAFF).contains(&code)
            || (0xFE10..=0xFE19).contains(&code)
            || (0xFE30..=0xFE6B).contains(&code)
            || (0xFF01..=0xFF60).contains(&code)
            || (0xFFE0..=0xFFE6).contains(&code)
            || (0x1B000..=0x1B001).contains(&code)
            || (0x1F200..=0x1F251).contains(&code)
            || (0x1F300..=0x1F64F).contains(&code)
            || (0x1F680..=0x1F6FF).contains(&code)
            || (0x1F900..=0x1F9FF).contains(&code)
            || (0x1FA70..=0x1FAFF).contains(&code)
            || (0x20000..=0x3FFFD).contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(indentation: usize, current_depth: usize) -> Layout {
        Layout {
            break_length: 80.0,
            compact: Compact::Level(3),
            indentation,
            current_depth,
            max_array_length: 100,
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn short_objects_stay_on_one_line() {
        let out = reduce_to_single_string(
            &layout(0, 1),
            strings(&["a: 1", "b: 'two'"]),
            "",
            ("{", "}"),
            Entries::Object,
            1,
            true,
        );
        assert_eq!(out, "{ a: 1, b: 'two' }");
    }

    #[test]
    fn long_objects_break_one_entry_per_line() {
        let entry = format!("a: '{}'", "x".repeat(40));
        let out = reduce_to_single_string(
            &layout(2, 1),
            vec![entry.clone(), entry.clone()],
            "",
            ("{", "}"),
            Entries::Object,
            1,
            true,
        );
        assert_eq!(out, format!("{{\n    {entry},\n    {entry}\n  }}"));
    }

    #[test]
    fn deep_nesting_breaks_even_when_short() {
        // Three inner levels reached below this object: node stops joining lines.
        let out = reduce_to_single_string(
            &layout(0, 4),
            strings(&["a: 1"]),
            "",
            ("{", "}"),
            Entries::Object,
            1,
            true,
        );
        assert_eq!(out, "{\n  a: 1\n}");
    }

    #[test]
    fn multi_line_base_forces_breaks() {
        let out = reduce_to_single_string(
            &layout(0, 1),
            strings(&["code: 1"]),
            "Error: x\n    at f",
            ("{", "}"),
            Entries::Object,
            1,
            true,
        );
        assert_eq!(out, "Error: x\n    at f {\n  code: 1\n}");
    }

    #[test]
    fn numbers_group_right_aligned() {
        let items: Vec<String> = (1..=7).map(|i| i.to_string()).collect();
        let out = reduce_to_single_string(
            &layout(0, 1),
            items,
            "",
            ("[", "]"),
            Entries::Array,
            1,
            true,
        );
        assert_eq!(out, "[\n  1, 2, 3, 4,\n  5, 6, 7\n]");
        let items = strings(&[
            "1",
            "22",
            "333",
            "4444",
            "55555",
            "666666",
            "7777777",
            "88888888",
            "999999999",
        ]);
        let grouped = group_array_elements(&layout(0, 1), items, true);
        assert_eq!(
            grouped,
            strings(&[
                "        1,       22",
                "      333,     4444",
                "    55555,   666666",
                "  7777777, 88888888",
                "999999999"
            ])
        );
    }

    #[test]
    fn strings_group_left_aligned() {
        let items = strings(&[
            "'a'",
            "'bb'",
            "'ccc'",
            "'dddd'",
            "'eeeee'",
            "'ffffff'",
            "'ggggggg'",
        ]);
        let grouped = group_array_elements(&layout(0, 1), items, false);
        assert_eq!(
            grouped,
            strings(&[
                "'a',       'bb'",
                "'ccc',     'dddd'",
                "'eeeee',   'ffffff'",
                "'ggggggg'"
            ])
        );
    }

    #[test]
    fn very_uneven_entries_are_not_grouped() {
        let long = "x".repeat(40);
        let items = strings(&["1", &long, "2", "3", "4", "5", "6"]);
        assert_eq!(
            group_array_elements(&layout(0, 1), items.clone(), true),
            items
        );
    }

    #[test]
    fn compact_true_fills_lines() {
        let mut l = layout(0, 1);
        l.compact = Compact::Always;
        l.break_length = 10.0;
        let out = reduce_to_single_string(
            &l,
            strings(&["a: [ 1, 2 ]", "b: { c: 1 }"]),
            "",
            ("{", "}"),
            Entries::Object,
            1,
            true,
        );
        assert_eq!(out, "{ a: [ 1, 2 ],\n  b: { c: 1 } }");
    }

    #[test]
    fn widths_count_columns() {
        assert_eq!(string_width("abc"), 3);
        assert_eq!(string_width("'\u{4e2d}\u{6587}'"), 6);
        assert_eq!(string_width("\u{1F600}"), 2);
        assert_eq!(string_width("e\u{301}"), 1);
        assert_eq!(string_width("a\tb"), 2);
        assert_eq!(
            strip_vt_control_characters("\u{1b}[31mred\u{1b}[39m plain"),
            "red plain"
        );
    }
}
