//! `atob` and `btoa` from the HTML Standard.
//!
//! - `btoa(data)` encodes a string of code points up to U+00FF (each one byte) as base64 with
//!   padding.
//! - `atob(data)` is the Infra Standard's forgiving-base64 decode: ASCII whitespace anywhere is
//!   ignored and padding is optional, but a length of 4n+1 digits, `=` anywhere but the end, or
//!   any other character fails. Leftover bits are dropped, not checked.
//!
//! Failures throw a `DOMException` named "InvalidCharacterError", as the standard says.
//! QuickJS-ng ships its own `atob`/`btoa`; these replace them because WebIDL requires a
//! TypeError when the argument is missing (the engine's decode the string "undefined"), and so
//! errors name the offending character and where it is.

use rquickjs::object::Property;
use rquickjs::{Ctx, Exception, FromJs, Function, Result, Value};

use super::UsvString;

pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    let globals = ctx.globals();
    // Defined, not set: the engine's own `atob`/`btoa` are there already, non-enumerable,
    // and WebIDL operations on the global object are enumerable.
    let atob = Function::new(ctx.clone(), atob)?.with_name("atob")?;
    let btoa = Function::new(ctx.clone(), btoa)?.with_name("btoa")?;
    for (name, function) in [("atob", atob), ("btoa", btoa)] {
        globals.prop(
            name,
            Property::from(function)
                .writable()
                .enumerable()
                .configurable(),
        )?;
    }
    Ok(())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a string is not forgiving-base64.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
enum DecodeError {
    #[error("invalid character {character:?} at index {index}")]
    InvalidCharacter { character: char, index: usize },
    #[error("{digits} base64 digits is one more than a multiple of 4, which no bytes encode to")]
    Length { digits: usize },
}

fn atob<'js>(ctx: Ctx<'js>, data: Value<'js>) -> Result<String> {
    // A DOMString, but a lone surrogate is not base64 either way, so U+FFFD fails the same.
    let data = UsvString::from_js(&ctx, data)?.0;
    match decode(&data) {
        Ok(bytes) => Ok(bytes.into_iter().map(char::from).collect()),
        Err(e) => Err(Exception::throw_dom(
            &ctx,
            "InvalidCharacterError",
            &format!("atob: the string to be decoded is not correctly encoded: {e}"),
        )),
    }
}

fn btoa<'js>(ctx: Ctx<'js>, data: Value<'js>) -> Result<String> {
    let data = UsvString::from_js(&ctx, data)?.0;
    let mut bytes = Vec::with_capacity(data.len());
    for (index, character) in data.encode_utf16().enumerate() {
        match u8::try_from(character) {
            Ok(byte) => bytes.push(byte),
            Err(_) => {
                // The USVString conversion made lone surrogates U+FFFD; say so.
                let what = match character {
                    0xfffd => "U+FFFD (or a lone surrogate)".to_owned(),
                    _ => format!("U+{character:04X}"),
                };
                return Err(Exception::throw_dom(
                    &ctx,
                    "InvalidCharacterError",
                    &format!(
                        "btoa: the string contains {what} at index {index}, outside Latin-1 \
                         (U+0000 to U+00FF)"
                    ),
                ));
            }
        }
    }
    Ok(encode(&bytes))
}

/// Standard base64 with padding.
fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(
                    ALPHABET[((group >> (18 - 6 * i)) & 63) as usize],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The value of a base64 digit.
fn digit_value(character: char) -> Option<u32> {
    match character {
        'A'..='Z' => Some(character as u32 - 'A' as u32),
        'a'..='z' => Some(character as u32 - 'a' as u32 + 26),
        '0'..='9' => Some(character as u32 - '0' as u32 + 52),
        '+' => Some(62),
        '/' => Some(63),
        _ => None,
    }
}

/// Forgiving-base64 decode (Infra Standard). Error indices count UTF-16 code units of `input`.
fn decode(input: &str) -> std::result::Result<Vec<u8>, DecodeError> {
    let mut digits: Vec<(char, usize)> = Vec::with_capacity(input.len());
    let mut index = 0;
    for character in input.chars() {
        if !matches!(character, '\t' | '\n' | '\x0c' | '\r' | ' ') {
            digits.push((character, index));
        }
        index += character.len_utf16();
    }
    if digits.len().is_multiple_of(4) {
        for _ in 0..2 {
            if digits.last().is_some_and(|&(c, _)| c == '=') {
                digits.pop();
            }
        }
    }
    if digits.len() % 4 == 1 {
        return Err(DecodeError::Length {
            digits: digits.len(),
        });
    }
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for (character, index) in digits {
        let value =
            digit_value(character).ok_or(DecodeError::InvalidCharacter { character, index })?;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_with_padding() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"a"), "YQ==");
        assert_eq!(encode(b"ab"), "YWI=");
        assert_eq!(encode(b"abc"), "YWJj");
        assert_eq!(encode(&[0xff, 0xfe, 0xfd, 0xfc]), "//79/A==");
    }

    #[test]
    fn decodes_forgivingly() {
        assert_eq!(decode("YWJj").unwrap(), b"abc");
        assert_eq!(decode("YQ").unwrap(), b"a");
        assert_eq!(decode("YQ==").unwrap(), b"a");
        assert_eq!(decode(" Y Q =\t= \n").unwrap(), b"a");
        assert_eq!(decode("YR==").unwrap(), b"a", "leftover bits are ignored");
        assert_eq!(decode("//79/A").unwrap(), [0xff, 0xfe, 0xfd, 0xfc]);
        assert_eq!(decode("").unwrap(), b"");
    }

    #[test]
    fn rejects_what_the_standard_rejects() {
        let invalid = |c, i| {
            Err(DecodeError::InvalidCharacter {
                character: c,
                index: i,
            })
        };
        assert_eq!(decode("Y"), Err(DecodeError::Length { digits: 1 }));
        assert_eq!(decode("YWJjZ"), Err(DecodeError::Length { digits: 5 }));
        // Padding is only removed from a multiple of four digits, and at most two.
        assert_eq!(decode("YQ="), invalid('=', 2));
        assert_eq!(decode("YQ==="), Err(DecodeError::Length { digits: 5 }));
        assert_eq!(decode("Y==="), invalid('=', 1));
        assert_eq!(decode("YQ=a"), invalid('=', 2));
        assert_eq!(decode("-_"), invalid('-', 0));
        assert_eq!(decode("\u{1f600}YQ"), invalid('\u{1f600}', 0));
        assert_eq!(decode("YQ\u{e9}"), invalid('\u{e9}', 2));
    }
}
