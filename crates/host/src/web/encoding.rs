//! `TextEncoder` and `TextDecoder` from the WHATWG Encoding Standard.
//!
//! - `TextEncoder` always encodes UTF-8; its input is a `USVString`, so lone surrogates become
//!   U+FFFD. `encodeInto` never writes part of a character.
//! - `TextDecoder` accepts every label the standard defines (resolved by `encoding_rs`, which
//!   implements the standard's decoders) except the "replacement" encoding, which the standard
//!   excludes from the API.
//! - A decoder keeps its `encoding_rs::Decoder` between `decode(…, {stream: true})` calls, so
//!   a character split across chunks decodes whole; the first call after a non-streaming one
//!   starts a fresh decoder (and looks for a BOM again), as the standard's "do not flush" flag
//!   prescribes.

use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};
use rquickjs::atom::PredefinedAtom;
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Class, Ctx, Exception, FromJs, JsLifetime, Object, Result, TypedArray, Value, qjs};

use super::{ByteView, UsvString, bool_member, dictionary, present, require_new, typed_array_kind};

pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    super::define_class::<TextEncoder>(ctx)?;
    super::define_class::<TextDecoder>(ctx)?;
    Ok(())
}

/// `TextEncoder`: strings to UTF-8 bytes. It has no state; the class exists for its prototype.
#[derive(Trace, JsLifetime)]
#[rquickjs::class]
pub(crate) struct TextEncoder {}

#[rquickjs::methods]
impl TextEncoder {
    #[qjs(constructor)]
    fn new<'js>(ctx: Ctx<'js>, this: This<Value<'js>>) -> Result<Self> {
        require_new(&ctx, &this.0, "TextEncoder")?;
        Ok(TextEncoder {})
    }

    #[qjs(get, enumerable, configurable)]
    fn encoding(&self) -> &'static str {
        "utf-8"
    }

    /// `encode(input = "")`: a new `Uint8Array` with the UTF-8 bytes of `input`.
    fn encode<'js>(&self, ctx: Ctx<'js>, input: Opt<Value<'js>>) -> Result<TypedArray<'js, u8>> {
        let text = match present(input.0) {
            Some(value) => UsvString::from_js(&ctx, value)?.0,
            None => String::new(),
        };
        TypedArray::new(ctx, text.into_bytes())
    }

    /// `encodeInto(source, destination)`: writes as many whole characters of `source` as fit
    /// into the `Uint8Array` and returns `{read, written}` (UTF-16 code units, bytes).
    #[qjs(rename = "encodeInto")]
    fn encode_into<'js>(
        &self,
        ctx: Ctx<'js>,
        source: UsvString,
        destination: Value<'js>,
    ) -> Result<Object<'js>> {
        let view = match typed_array_kind(&destination) {
            Some(qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8) => ByteView::of(&ctx, &destination)?,
            _ => None,
        };
        let Some(view) = view else {
            return Err(Exception::throw_type(
                &ctx,
                "TextEncoder.encodeInto: the destination must be a Uint8Array",
            ));
        };
        let source = source.0;
        let written = whole_characters(&source, view.len());
        // SAFETY: no JS runs between taking the view and this copy.
        unsafe { view.bytes_mut()[..written].copy_from_slice(&source.as_bytes()[..written]) };
        let read = source[..written].encode_utf16().count();
        let result = Object::new(ctx)?;
        result.set("read", read)?;
        result.set("written", written)?;
        Ok(result)
    }

    #[qjs(prop, rename = PredefinedAtom::SymbolToStringTag, configurable)]
    fn to_string_tag() -> &'static str {
        "TextEncoder"
    }
}

/// The length of the longest prefix of `text` that is at most `room` bytes and ends on a
/// character boundary.
fn whole_characters(text: &str, room: usize) -> usize {
    let mut end = room.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// `TextDecoder`: bytes in any WHATWG encoding to strings.
#[derive(Trace, JsLifetime)]
#[rquickjs::class]
pub(crate) struct TextDecoder {
    #[qjs(skip_trace)]
    encoding: &'static Encoding,
    fatal: bool,
    ignore_bom: bool,
    /// The decoder of a stream in progress: set while the last `decode` call had
    /// `{stream: true}`, so the next call continues where it stopped.
    #[qjs(skip_trace)]
    decoder: Option<Decoder>,
}

#[rquickjs::methods]
impl TextDecoder {
    /// `new TextDecoder(label = "utf-8", {fatal = false, ignoreBOM = false})`.
    #[qjs(constructor)]
    fn new<'js>(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        label: Opt<Value<'js>>,
        options: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "TextDecoder")?;
        let label = match present(label.0) {
            Some(value) => UsvString::from_js(&ctx, value)?.0,
            None => "utf-8".to_owned(),
        };
        let options = dictionary(&ctx, options.0, "TextDecoder: options")?;
        let fatal = bool_member(options.as_ref(), "fatal")?;
        let ignore_bom = bool_member(options.as_ref(), "ignoreBOM")?;
        let Some(encoding) = Encoding::for_label_no_replacement(label.as_bytes()) else {
            return Err(Exception::throw_range(
                &ctx,
                &format!("The \"{label}\" encoding is not supported"),
            ));
        };
        Ok(TextDecoder {
            encoding,
            fatal,
            ignore_bom,
            decoder: None,
        })
    }

    /// The encoding's name, lower-cased as the standard's `encoding` getter returns it.
    #[qjs(get, enumerable, configurable)]
    fn encoding(&self) -> String {
        self.encoding.name().to_ascii_lowercase()
    }

    #[qjs(get, enumerable, configurable)]
    fn fatal(&self) -> bool {
        self.fatal
    }

    #[qjs(get, rename = "ignoreBOM", enumerable, configurable)]
    fn ignore_bom(&self) -> bool {
        self.ignore_bom
    }

    /// `decode(input, {stream = false})`: decodes the bytes `input` views (none when absent).
    fn decode<'js>(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
        input: Opt<Value<'js>>,
        options: Opt<Value<'js>>,
    ) -> Result<String> {
        let input = present(input.0);
        if let Some(input) = &input
            && ByteView::of(&ctx, input)?.is_none()
        {
            return Err(Exception::throw_type(
                &ctx,
                "TextDecoder.decode: the input must be an ArrayBuffer, a SharedArrayBuffer or an \
                 ArrayBufferView",
            ));
        }
        let options = dictionary(&ctx, options.0, "TextDecoder.decode: options")?;
        let stream = bool_member(options.as_ref(), "stream")?;
        // Taken only now: reading the options may have run JS that changed the buffer.
        let view = match &input {
            Some(input) => ByteView::of(&ctx, input)?,
            None => None,
        };

        let mut this = this.0.try_borrow_mut()?;
        let mut decoder = match this.decoder.take() {
            Some(decoder) => decoder,
            None if this.ignore_bom => this.encoding.new_decoder_without_bom_handling(),
            None => this.encoding.new_decoder_with_bom_removal(),
        };
        // SAFETY: no JS runs while the bytes are decoded.
        let bytes = view
            .as_ref()
            .map_or(&[][..], |view| unsafe { view.bytes() });
        let text = decode(&mut decoder, bytes, !stream, this.fatal);
        if stream && text.is_some() {
            this.decoder = Some(decoder);
        }
        let encoding = this.encoding.name().to_ascii_lowercase();
        drop(this);
        text.ok_or_else(|| {
            Exception::throw_type(
                &ctx,
                &format!("The encoded data was not valid for encoding {encoding}"),
            )
        })
    }

    #[qjs(prop, rename = PredefinedAtom::SymbolToStringTag, configurable)]
    fn to_string_tag() -> &'static str {
        "TextDecoder"
    }
}

/// Decodes `bytes` with `decoder`, finishing the stream when `last` is set. Malformed input
/// becomes U+FFFD, or `None` when `fatal` is set.
fn decode(decoder: &mut Decoder, mut bytes: &[u8], last: bool, fatal: bool) -> Option<String> {
    let mut text = String::new();
    loop {
        // The bound is exact for what remains, so the loop runs once unless it overflows.
        let room = decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len());
        text.reserve(room);
        let (finished, read) = if fatal {
            let (result, read) =
                decoder.decode_to_string_without_replacement(bytes, &mut text, last);
            match result {
                DecoderResult::InputEmpty => (true, read),
                DecoderResult::OutputFull => (false, read),
                DecoderResult::Malformed(..) => return None,
            }
        } else {
            let (result, read, _) = decoder.decode_to_string(bytes, &mut text, last);
            (result == CoderResult::InputEmpty, read)
        };
        if finished {
            return Some(text);
        }
        bytes = &bytes[read..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(bom_removal: bool) -> Decoder {
        if bom_removal {
            encoding_rs::UTF_8.new_decoder_with_bom_removal()
        } else {
            encoding_rs::UTF_8.new_decoder_without_bom_handling()
        }
    }

    /// node 20 decodes "windows-1252" as ISO-8859-1 and lacks "x-user-defined", so the
    /// standard's behaviour for both is checked here rather than in a fixture.
    #[test]
    fn windows_1252_and_x_user_defined_follow_the_standard() {
        let decoded = crate::web::tests::eval(
            "const bytes = new Uint8Array([0x80, 0x9f, 0xf7]);
             [new TextDecoder('latin1'), new TextDecoder('x-user-defined')]
                 .map((d) => d.encoding + ' ' + Array.from(d.decode(bytes), (c) => c.charCodeAt(0).toString(16)).join(' '))
                 .join('; ')",
        );
        assert_eq!(
            decoded.unwrap(),
            "windows-1252 20ac 178 f7; x-user-defined f780 f79f f7f7"
        );
    }

    #[test]
    fn prefixes_end_on_character_boundaries() {
        assert_eq!(whole_characters("abc", 10), 3);
        assert_eq!(whole_characters("abc", 2), 2);
        assert_eq!(whole_characters("a\u{20ac}", 3), 1);
        assert_eq!(whole_characters("a\u{20ac}", 4), 4);
        assert_eq!(whole_characters("\u{1f600}", 3), 0);
    }

    #[test]
    fn streaming_keeps_partial_sequences() {
        let mut decoder = utf8(true);
        let euro = "\u{20ac}".as_bytes();
        assert_eq!(decode(&mut decoder, &euro[..1], false, false).unwrap(), "");
        assert_eq!(
            decode(&mut decoder, &euro[1..], false, false).unwrap(),
            "\u{20ac}"
        );
        assert_eq!(
            decode(&mut decoder, &euro[..2], true, false).unwrap(),
            "\u{fffd}"
        );
    }

    #[test]
    fn bom_is_removed_only_when_asked() {
        let input = b"\xef\xbb\xbfa";
        assert_eq!(decode(&mut utf8(true), input, true, false).unwrap(), "a");
        assert_eq!(
            decode(&mut utf8(false), input, true, false).unwrap(),
            "\u{feff}a"
        );
    }

    #[test]
    fn fatal_rejects_malformed_input() {
        assert_eq!(
            decode(&mut utf8(true), b"a\xffb", true, false).unwrap(),
            "a\u{fffd}b"
        );
        assert!(decode(&mut utf8(true), b"a\xffb", true, true).is_none());
        // A truncated sequence is only malformed once the stream ends.
        assert_eq!(
            decode(&mut utf8(true), b"\xe2\x82", false, true).unwrap(),
            ""
        );
        assert!(decode(&mut utf8(true), b"\xe2\x82", true, true).is_none());
    }
}
