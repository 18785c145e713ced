//! The `crypto` global from the Web Cryptography API: `getRandomValues` and `randomUUID`, both
//! fed by the operating system's generator (`getrandom`). There is no `crypto.subtle`.
//!
//! The `Crypto` interface is exposed like every WebIDL interface, but its constructor always
//! throws: `crypto` is the only instance.

use std::fmt::Write;

use rquickjs::atom::PredefinedAtom;
use rquickjs::class::Trace;
use rquickjs::{Class, Ctx, Exception, JsLifetime, Result, Value, qjs};

use super::{ByteView, typed_array_kind};

/// The most bytes one `getRandomValues` call may fill.
const QUOTA: usize = 65_536;

pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    super::define_class::<Crypto>(ctx)?;
    ctx.globals()
        .set("crypto", Class::instance(ctx.clone(), Crypto {})?)?;
    Ok(())
}

/// `Crypto`, the class of `crypto`. It has no state.
#[derive(Trace, JsLifetime)]
#[rquickjs::class]
pub(crate) struct Crypto {}

#[rquickjs::methods]
impl Crypto {
    #[qjs(constructor)]
    fn new(ctx: Ctx<'_>) -> Result<Self> {
        Err(Exception::throw_type(&ctx, "Illegal constructor"))
    }

    /// Fills an integer typed array with random bytes in place and returns it.
    #[qjs(rename = "getRandomValues")]
    fn get_random_values<'js>(&self, ctx: Ctx<'js>, array: Value<'js>) -> Result<Value<'js>> {
        // SAFETY: reads the class id of any value.
        let is_view =
            typed_array_kind(&array).is_some() || unsafe { qjs::JS_IsDataView(array.as_raw()) };
        if !is_view {
            return Err(Exception::throw_type(
                &ctx,
                "crypto.getRandomValues: the argument must be an ArrayBufferView",
            ));
        }
        if !typed_array_kind(&array).is_some_and(is_integer_kind) {
            return Err(Exception::throw_dom(
                &ctx,
                "TypeMismatchError",
                "The data argument must be an integer-type TypedArray",
            ));
        }
        let view = ByteView::of(&ctx, &array)?.expect("a typed array views bytes");
        if view.len() > QUOTA {
            return Err(Exception::throw_dom(
                &ctx,
                "QuotaExceededError",
                &format!(
                    "crypto.getRandomValues: the array's {} bytes exceed the {QUOTA} one call \
                     may fill",
                    view.len()
                ),
            ));
        }
        // SAFETY: no JS runs while the bytes are filled.
        fill(&ctx, unsafe { view.bytes_mut() })?;
        Ok(array)
    }

    /// A random (version 4) UUID in its lower-case string form.
    #[qjs(rename = "randomUUID")]
    fn random_uuid(&self, ctx: Ctx<'_>) -> Result<String> {
        let mut bytes = [0; 16];
        fill(&ctx, &mut bytes)?;
        Ok(uuid_v4(bytes))
    }

    #[qjs(prop, rename = PredefinedAtom::SymbolToStringTag, configurable)]
    fn to_string_tag() -> &'static str {
        "Crypto"
    }
}

/// Whether a typed array kind holds integers (the only kinds `getRandomValues` accepts).
fn is_integer_kind(kind: qjs::JSTypedArrayEnum) -> bool {
    matches!(
        kind,
        qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_INT8
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_INT16
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT16
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_INT32
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT32
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_BIG_INT64
            | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_BIG_UINT64
    )
}

fn fill(ctx: &Ctx<'_>, bytes: &mut [u8]) -> Result<()> {
    getrandom::fill(bytes).map_err(|e| {
        Exception::throw_internal(
            ctx,
            &format!("crypto: the system's random number generator failed: {e}"),
        )
    })
}

/// Formats 16 random bytes as a version 4, variant 1 (RFC 9562) UUID.
fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WebIDL rejects a non-view argument with a TypeError before the TypeMismatchError check
    /// (node throws TypeMismatchError for both, so this is checked here, not in a fixture).
    #[test]
    fn non_views_are_type_errors() {
        for argument in ["new ArrayBuffer(4)", "[1, 2]", "42"] {
            let result = crate::web::tests::eval(&format!("crypto.getRandomValues({argument})"));
            assert!(result.unwrap_err().starts_with("TypeError:"), "{argument}");
        }
    }

    #[test]
    fn uuid_has_version_and_variant_bits() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}
