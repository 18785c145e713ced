//! How `inspect` spells primitives: quoted and escaped strings and keys, and numbers.
//!
//! Strings are handled as UTF-16 code units because that is what JS strings are: node escapes
//! lone surrogates as `\uXXXX`, and its length limits count code units.

/// Node's escape for a code unit below 0xA0 that must not appear raw in a quoted string; `None`
/// for units that print as themselves.
fn meta(unit: u16) -> Option<String> {
    Some(match unit {
        0x08 => "\\b".to_owned(),
        0x09 => "\\t".to_owned(),
        0x0A => "\\n".to_owned(),
        0x0C => "\\f".to_owned(),
        0x0D => "\\r".to_owned(),
        0x27 => "\\'".to_owned(),
        0x5C => "\\\\".to_owned(),
        0x00..=0x1F | 0x7F..=0x9F => format!("\\x{unit:02X}"),
        _ => return None,
    })
}

/// Which quote character wraps a string.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Quote {
    Single,
    Double,
    Backtick,
}

/// `units` with control characters, backslashes, lone surrogates and (if `escape_single`) single
/// quotes escaped, as node's `strEscape` does.
fn escape(units: &[u16], escape_single: bool) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let unit = units[i];
        let needs_meta = (unit == 0x27 && escape_single)
            || unit == 0x5C
            || unit < 0x20
            || (unit > 0x7E && unit < 0xA0);
        if needs_meta {
            out.extend(meta(unit).unwrap_or_default().encode_utf16());
        } else if (0xD800..=0xDFFF).contains(&unit) {
            let paired = unit <= 0xDBFF
                && units
                    .get(i + 1)
                    .is_some_and(|next| (0xDC00..=0xDFFF).contains(next));
            if paired {
                out.extend_from_slice(&units[i..i + 2]);
                i += 1;
            } else {
                out.extend(format!("\\u{unit:x}").encode_utf16());
            }
        } else {
            out.push(unit);
        }
        i += 1;
    }
    // Every lone surrogate was escaped above, so this is valid UTF-16.
    String::from_utf16_lossy(&out)
}

/// A string value as node prints it inside objects: quoted and escaped. Single quotes are
/// preferred; a string containing `'` uses `"` instead, or backticks if it also contains `"`
/// (unless it contains a backtick or `${`), and only then are its single quotes escaped.
pub(super) fn quote(units: &[u16]) -> String {
    let has = |needle: &str| {
        let needle: Vec<u16> = needle.encode_utf16().collect();
        units.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    let mut quote = Quote::Single;
    if has("'") {
        if !has("\"") {
            quote = Quote::Double;
        } else if !has("`") && !has("${") {
            quote = Quote::Backtick;
        }
    }
    let body = escape(units, quote == Quote::Single);
    match quote {
        Quote::Single => format!("'{body}'"),
        Quote::Double => format!("\"{body}\""),
        Quote::Backtick => format!("`{body}`"),
    }
}

/// A key or symbol description escaped like a single-quoted string, without the quotes (node
/// prints non-enumerable keys as `[key]` and symbol keys as `[Symbol(description)]` this way).
pub(super) fn escape_unquoted(text: &str) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    escape(&units, true)
}

/// Whether `key` prints unquoted as an object key (node's `/^[a-zA-Z_][a-zA-Z_0-9]*$/`).
pub(super) fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `key` is a canonical array index (`"0"`, `"1"`, ... up to 2^32 - 2).
pub(super) fn is_array_index(key: &str) -> bool {
    let canonical = key == "0"
        || (key.len() <= 10
            && !key.starts_with('0')
            && !key.is_empty()
            && key.bytes().all(|b| b.is_ascii_digit()));
    canonical && key.parse::<u64>().is_ok_and(|n| n < u64::from(u32::MAX))
}

/// The length of `text` in UTF-16 code units, which is what node's `.length` limits count.
pub(super) fn js_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// `Number.prototype.toString()` for `x`: the shortest digits that round-trip, laid out by the
/// ECMAScript rules (plain up to 21 integer digits, `0.000001` down to 1e-6, exponent otherwise).
pub(crate) fn number_to_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    // Rust's `{:e}` prints the shortest round-tripping digits, as ECMAScript requires.
    let scientific = format!("{:e}", x.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i64;
    // The value is 0.<digits> * 10^n.
    let n = exponent.parse::<i64>().unwrap_or(0) + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let e = if e >= 0 {
            format!("+{e}")
        } else {
            e.to_string()
        };
        let (first, rest) = digits.split_at(1);
        if rest.is_empty() {
            format!("{first}e{e}")
        } else {
            format!("{first}.{rest}e{e}")
        }
    };
    format!("{sign}{body}")
}

/// A number as `inspect` prints it: `-0` keeps its sign, and with `numeric_separator` the digits
/// are grouped by threes with `_` (and, as in node, `-0` prints as `0`).
pub(super) fn format_number(x: f64, numeric_separator: bool) -> String {
    if x == 0.0 && x.is_sign_negative() && !numeric_separator {
        return "-0".to_owned();
    }
    let text = number_to_string(x);
    if !numeric_separator || !x.is_finite() || text.contains('e') {
        return text;
    }
    match text.split_once('.') {
        None => add_numeric_separator(&text),
        Some((int, frac)) => format!(
            "{}.{}",
            add_numeric_separator(int),
            add_numeric_separator_end(frac)
        ),
    }
}

/// A bigint's decimal digits as `inspect` prints them (`123n`).
pub(super) fn format_bigint(digits: &str, numeric_separator: bool) -> String {
    if numeric_separator {
        format!("{}n", add_numeric_separator(digits))
    } else {
        format!("{digits}n")
    }
}

/// `1234567` -> `1_234_567` (a leading `-` is kept out of the groups).
fn add_numeric_separator(integer: &str) -> String {
    let (sign, digits) = match integer.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", integer),
    };
    if digits.len() < 4 {
        return integer.to_owned();
    }
    let mut groups = Vec::new();
    let mut end = digits.len();
    while end > 3 {
        groups.push(&digits[end - 3..end]);
        end -= 3;
    }
    groups.push(&digits[..end]);
    groups.reverse();
    format!("{sign}{}", groups.join("_"))
}

/// `1234567` (fraction digits) -> `123_456_7`.
fn add_numeric_separator_end(fraction: &str) -> String {
    let bytes = fraction.as_bytes();
    if bytes.len() <= 3 {
        return fraction.to_owned();
    }
    let mut out = String::new();
    let mut i = 0;
    while i + 3 < bytes.len() {
        out.push_str(&fraction[i..i + 3]);
        out.push('_');
        i += 3;
    }
    out.push_str(&fraction[i..]);
    out
}

/// `... 1 more item` / `... 5 more items`.
pub(super) fn remaining_text(remaining: usize) -> String {
    let s = if remaining > 1 { "s" } else { "" };
    format!("... {remaining} more item{s}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> String {
        quote(&s.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn quotes_are_chosen_like_node() {
        assert_eq!(q("plain"), "'plain'");
        assert_eq!(q("it's"), "\"it's\"");
        assert_eq!(q("it's \"both\""), "`it's \"both\"`");
        assert_eq!(q("it's \"all\" `three`"), "'it\\'s \"all\" `three`'");
        assert_eq!(q("a${b}'\"`"), "'a${b}\\'\"`'");
    }

    #[test]
    fn control_characters_and_surrogates_are_escaped() {
        assert_eq!(q("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(q("\u{0}\u{1f}\u{7f}\u{9f}"), "'\\x00\\x1F\\x7F\\x9F'");
        assert_eq!(q("back\\slash"), "'back\\\\slash'");
        assert_eq!(q("caf\u{e9} \u{1F600}"), "'caf\u{e9} \u{1F600}'");
        assert_eq!(quote(&[0x61, 0xD800, 0x62]), "'a\\ud800b'");
        assert_eq!(quote(&[0xDC00]), "'\\udc00'");
        assert_eq!(escape_unquoted("it's\n"), "it\\'s\\n");
    }

    #[test]
    fn identifiers_and_indices() {
        assert!(is_identifier("valid_id"));
        assert!(is_identifier("_x1"));
        assert!(!is_identifier("$dollar"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier(""));
        assert!(is_array_index("0"));
        assert!(is_array_index("4294967294"));
        assert!(!is_array_index("4294967295"));
        assert!(!is_array_index("01"));
        assert!(!is_array_index("-1"));
        assert!(!is_array_index("1.5"));
    }

    #[test]
    fn numbers_print_like_javascript() {
        let cases = [
            (1.0, "1"),
            (-1.5, "-1.5"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1.2345e-7, "1.2345e-7"),
            (2f64.powi(53), "9007199254740992"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (x, expected) in cases {
            assert_eq!(number_to_string(x), expected, "{x:e}");
        }
        assert_eq!(format_number(-0.0, false), "-0");
        assert_eq!(format_number(0.0, false), "0");
    }

    #[test]
    fn numeric_separators_group_by_three() {
        assert_eq!(format_number(1234567.891, true), "1_234_567.891");
        assert_eq!(format_number(-1234.5678, true), "-1_234.567_8");
        assert_eq!(format_number(999.0, true), "999");
        assert_eq!(format_number(1e21, true), "1e+21");
        assert_eq!(format_number(-0.0, true), "0");
        assert_eq!(format_bigint("-1234567", true), "-1_234_567n");
        assert_eq!(format_bigint("12", false), "12n");
    }

    #[test]
    fn lengths_count_utf16_units() {
        assert_eq!(js_len("abc"), 3);
        assert_eq!(js_len("\u{e9}"), 1);
        assert_eq!(js_len("\u{1F600}"), 2);
        assert_eq!(remaining_text(1), "... 1 more item");
        assert_eq!(remaining_text(20), "... 20 more items");
    }
}
