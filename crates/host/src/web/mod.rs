//! The web platform globals that are not about the event loop: `TextEncoder`/`TextDecoder`,
//! `URL`/`URLSearchParams`, `atob`/`btoa` and `crypto`.
//!
//! Each file implements one spec and exposes one `install`; this module holds the WebIDL
//! plumbing they share: string conversions that match WebIDL's `USVString`, dictionary
//! arguments, the "must be called with `new`" check, and access to the bytes behind a
//! `BufferSource`.
//!
//! Errors that the specs raise as `DOMException`s are real `DOMException`s: QuickJS-ng provides
//! the class (it is installed with the standard intrinsics).

mod base64;
mod crypto;
mod encoding;
mod url;

use std::ptr::NonNull;

use rquickjs::atom::PredefinedAtom;
use rquickjs::class::JsClass;
use rquickjs::function::This;
use rquickjs::object::{Filter, Property};
use rquickjs::{
    Class, Coerced, Ctx, Error, Exception, FromJs, Function, Object, Result, Value, qjs,
};

/// Installs the web globals. None uses another at install time, so the order does not matter;
/// `base64` must only come after the engine's intrinsics, whose `atob`/`btoa` it replaces.
pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    encoding::install(ctx)?;
    url::install(ctx)?;
    base64::install(ctx)?;
    crypto::install(ctx)?;
    Ok(())
}

/// Defines a class's constructor as a global the way WebIDL exposes an interface: writable and
/// configurable, but not enumerable. Returns the constructor, if the class has one.
pub(crate) fn define_class<'js, C: JsClass<'js>>(ctx: &Ctx<'js>) -> Result<Option<Function<'js>>> {
    if let Some(prototype) = Class::<C>::prototype(ctx)? {
        name_functions(ctx, &prototype)?;
    }
    let Some(constructor) = Class::<C>::create_constructor(ctx)? else {
        return Ok(None);
    };
    let constructor = Function::from_value(constructor.into_value())?;
    name_functions(ctx, &constructor)?;
    ctx.globals().prop(
        C::NAME,
        Property::from(constructor.clone())
            .writable()
            .configurable(),
    )?;
    Ok(Some(constructor))
}

/// Names the functions in an object's own string-keyed properties the way ECMAScript names
/// methods and accessors (`append`, `get href`): rquickjs leaves those of `#[methods]` nameless,
/// and the names show in `fn.name` and stack traces.
pub(crate) fn name_functions<'js>(ctx: &Ctx<'js>, object: &Object<'js>) -> Result<()> {
    // The intrinsic, read before any script runs.
    let describe: Function<'js> = ctx
        .globals()
        .get::<_, Object>(PredefinedAtom::Object)?
        .get(PredefinedAtom::GetOwnPropertyDescriptor)?;
    for key in object.own_keys::<String>(Filter::new().string()) {
        let key = key?;
        let descriptor: Object<'js> = describe.call((object.clone(), key.as_str()))?;
        for (slot, prefix) in [("value", ""), ("get", "get "), ("set", "set ")] {
            let Some(function) = descriptor.get::<_, Value>(slot)?.into_function() else {
                continue;
            };
            if function.get::<_, String>(PredefinedAtom::Name)?.is_empty() {
                function.set_name(format!("{prefix}{key}"))?;
            }
        }
    }
    Ok(())
}

/// Throws the TypeError a class constructor throws when called without `new`.
///
/// rquickjs passes `new.target` as the this-value of a constructor called with `new`; a plain
/// call passes its receiver (usually `undefined`), which is never a constructor unless the caller
/// deliberately passes one (`URL.call(URL)`), a case not worth a second code path.
pub(crate) fn require_new(ctx: &Ctx<'_>, this: &Value<'_>, class: &str) -> Result<()> {
    if this.is_constructor() {
        Ok(())
    } else {
        Err(Exception::throw_type(
            ctx,
            &format!("Class constructor {class} cannot be invoked without 'new'"),
        ))
    }
}

/// A WebIDL `USVString`: `ToString` of the value with lone surrogates replaced by U+FFFD.
///
/// rquickjs's own `String` conversion fails on lone surrogates, which JS strings may contain.
pub(crate) struct UsvString(pub String);

impl<'js> FromJs<'js> for UsvString {
    fn from_js(ctx: &Ctx<'js>, value: Value<'js>) -> Result<Self> {
        let string = Coerced::<rquickjs::String>::from_js(ctx, value)?.0;
        let ctx_ptr = ctx.as_raw().as_ptr();
        let mut len = 0;
        // SAFETY: `string` is a live string of this context. QuickJS returns its contents as
        // WTF-8 (UTF-8 that also encodes unpaired surrogates) in a buffer that stays valid until
        // `JS_FreeCString`, which is called once the bytes are copied.
        let text = unsafe {
            let ptr = qjs::JS_ToCStringLen(ctx_ptr, &mut len, string.as_raw());
            if ptr.is_null() {
                return Err(Error::Exception);
            }
            let text = wtf8_to_usv(std::slice::from_raw_parts(ptr.cast::<u8>(), len));
            qjs::JS_FreeCString(ctx_ptr, ptr);
            text
        };
        Ok(UsvString(text))
    }
}

/// Converts WTF-8 to UTF-8, replacing each encoded surrogate (always 3 bytes) with U+FFFD.
fn wtf8_to_usv(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                // SAFETY: `from_utf8` just checked this prefix.
                out.push_str(unsafe { std::str::from_utf8_unchecked(valid) });
                out.push(char::REPLACEMENT_CHARACTER);
                bytes = rest.get(3..).unwrap_or_default();
            }
        }
    }
}

/// An optional WebIDL argument: a missing argument and an explicit `undefined` are the same.
pub(crate) fn present<'js>(arg: Option<Value<'js>>) -> Option<Value<'js>> {
    arg.filter(|v| !v.is_undefined())
}

/// Converts an optional WebIDL dictionary argument: `undefined` and `null` mean "all defaults"
/// (`None`), any other non-object is a TypeError.
pub(crate) fn dictionary<'js>(
    ctx: &Ctx<'js>,
    value: Option<Value<'js>>,
    what: &str,
) -> Result<Option<Object<'js>>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => match v.into_object() {
            Some(object) => Ok(Some(object)),
            None => Err(Exception::throw_type(
                ctx,
                &format!("{what} must be an object"),
            )),
        },
    }
}

/// A boolean dictionary member (`ToBoolean` of the property, `false` when absent).
pub(crate) fn bool_member<'js>(dict: Option<&Object<'js>>, name: &str) -> Result<bool> {
    match dict {
        Some(dict) => Ok(dict.get::<_, Coerced<bool>>(name)?.0),
        None => Ok(false),
    }
}

/// Collects the values an iterable yields, given its `@@iterator` method (ECMAScript's
/// `GetIteratorFromMethod` followed by `IteratorStepValue` until done).
pub(crate) fn collect_iterable<'js>(
    ctx: &Ctx<'js>,
    iterable: Value<'js>,
    method: Function<'js>,
) -> Result<Vec<Value<'js>>> {
    let iterator: Value<'js> = method.call((This(iterable),))?;
    let Some(iterator) = iterator.into_object() else {
        return Err(Exception::throw_type(
            ctx,
            "the @@iterator method did not return an object",
        ));
    };
    let next: Function<'js> = iterator.get(PredefinedAtom::Next)?;
    let mut values = Vec::new();
    loop {
        let result: Value<'js> = next.call((This(iterator.clone()),))?;
        let Some(result) = result.into_object() else {
            return Err(Exception::throw_type(
                ctx,
                "the iterator's next() did not return an object",
            ));
        };
        if result.get::<_, Coerced<bool>>(PredefinedAtom::Done)?.0 {
            return Ok(values);
        }
        values.push(result.get(PredefinedAtom::Value)?);
    }
}

/// The element type of a typed array (QuickJS's `JSTypedArrayEnum`), or `None` for other values.
pub(crate) fn typed_array_kind(value: &Value<'_>) -> Option<qjs::JSTypedArrayEnum> {
    // SAFETY: reads the class id of any value; no allocation, no JS.
    let kind = unsafe { qjs::JS_GetTypedArrayType(value.as_raw()) };
    qjs::JSTypedArrayEnum::try_from(kind).ok()
}

/// The bytes a `BufferSource` (`ArrayBuffer`, `SharedArrayBuffer`, typed array or `DataView`)
/// views, as a raw window into its buffer.
///
/// A detached buffer views no bytes, as WebIDL's "get a copy of the bytes held by the buffer
/// source" specifies.
pub(crate) struct ByteView {
    ptr: NonNull<u8>,
    len: usize,
}

impl ByteView {
    /// The window `value` views, or `None` if it is not a `BufferSource`.
    ///
    /// A `DataView`'s window is read through its `buffer`/`byteOffset`/`byteLength` accessors,
    /// the only public way QuickJS offers; everything else goes through the internal slots.
    pub(crate) fn of<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<Option<ByteView>> {
        if typed_array_kind(value).is_some() {
            return typed_array_view(ctx, value).map(Some);
        }
        // SAFETY: reads the class id of any value.
        if unsafe { qjs::JS_IsDataView(value.as_raw()) } {
            let object = value.as_object().expect("a DataView is an object");
            let buffer: Value<'js> = object.get("buffer")?;
            let Some(whole) = array_buffer_view(ctx, &buffer) else {
                return Ok(None);
            };
            if whole.len == 0 {
                // Detached (or empty): the accessors below would throw on a detached buffer.
                return Ok(Some(whole));
            }
            let offset: usize = object.get("byteOffset")?;
            let len: usize = object.get("byteLength")?;
            return Ok(Some(whole.window(offset, len)));
        }
        Ok(array_buffer_view(ctx, value))
    }

    /// The viewed bytes.
    ///
    /// # Safety
    /// No JS may run while the slice is alive: it could detach, resize or write to the buffer.
    pub(crate) unsafe fn bytes(&self) -> &[u8] {
        // SAFETY: the window was checked against the buffer's length when it was made, and the
        // caller guarantees the buffer has not changed since.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// The viewed bytes, for writing.
    ///
    /// # Safety
    /// As for [`ByteView::bytes`]; in addition no other slice of the same buffer may be alive.
    // The memory belongs to the JS buffer, not to `self`, hence `&self`.
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn bytes_mut(&self) -> &mut [u8] {
        // SAFETY: as for `bytes`; the engine owns the memory and does not touch it while no JS runs.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    fn empty() -> ByteView {
        ByteView {
            ptr: NonNull::dangling(),
            len: 0,
        }
    }

    /// The sub-window `offset..offset + len`, or nothing if it does not fit (a view whose
    /// buffer shrank under it).
    fn window(self, offset: usize, len: usize) -> ByteView {
        match offset.checked_add(len) {
            Some(end) if end <= self.len => ByteView {
                // SAFETY: `offset <= self.len`, so the pointer stays inside the allocation.
                ptr: unsafe { self.ptr.add(offset) },
                len,
            },
            _ => ByteView::empty(),
        }
    }
}

/// The whole of an `ArrayBuffer` or `SharedArrayBuffer`, or `None` if `value` is neither.
fn array_buffer_view<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Option<ByteView> {
    let mut len = 0;
    // SAFETY: `JS_GetArrayBuffer` accepts any value; it returns null (with an exception pending)
    // for non-buffers and detached buffers.
    let ptr = unsafe { qjs::JS_GetArrayBuffer(ctx.as_raw().as_ptr(), &mut len, value.as_raw()) };
    match NonNull::new(ptr) {
        Some(ptr) => Some(ByteView {
            ptr,
            len: to_usize(len),
        }),
        None => {
            // Not an exception for our callers: drop it so it cannot surface later.
            drop(ctx.catch());
            // SAFETY: reads the class id of any value.
            let detached = unsafe { qjs::JS_IsArrayBuffer(value.as_raw()) };
            detached.then(ByteView::empty)
        }
    }
}

/// The window of a typed array (which `typed_array_kind` has recognised).
///
/// The length comes from the `byteLength` accessor: the length `JS_GetTypedArrayBuffer` reports
/// is the one the array was created with, stale for an array that tracks a resizable buffer.
fn typed_array_view<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<ByteView> {
    let mut offset = 0;
    // SAFETY: `value` is a typed array; the call returns a new reference to its buffer, or an
    // exception when the buffer is detached or the array is out of bounds.
    let buffer = unsafe {
        qjs::JS_GetTypedArrayBuffer(
            ctx.as_raw().as_ptr(),
            value.as_raw(),
            &mut offset,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    // SAFETY: `buffer` is an owned value of this context (or the exception marker).
    let buffer = unsafe { Value::from_raw(ctx.clone(), buffer) };
    if buffer.is_exception() {
        drop(ctx.catch());
        return Ok(ByteView::empty());
    }
    let len: usize = value
        .as_object()
        .expect("a typed array is an object")
        .get("byteLength")?;
    // Taken after the accessor ran, and checked against the buffer's current length.
    Ok(array_buffer_view(ctx, &buffer)
        .unwrap_or_else(ByteView::empty)
        .window(to_usize(offset), len))
}

/// A `size_t` from QuickJS as a `usize` (the same width on every supported target).
fn to_usize(size: qjs::size_t) -> usize {
    usize::try_from(size).expect(qjs::SIZE_T_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evaluates `source` in a fresh context with the web globals installed: the completion
    /// value as a string, or the thrown error as "name: message".
    pub(super) fn eval(source: &str) -> std::result::Result<String, String> {
        let runtime = rquickjs::Runtime::new().expect("runtime");
        let context = rquickjs::Context::full(&runtime).expect("context");
        context.with(|ctx| {
            install(&ctx).expect("install");
            ctx.eval::<Coerced<String>, _>(source)
                .map(|value| value.0)
                .map_err(|_| {
                    let error = ctx.catch();
                    let field = |name: &str| {
                        error
                            .as_object()
                            .and_then(|e| e.get::<_, Coerced<String>>(name).ok())
                            .map_or_else(String::new, |s| s.0)
                    };
                    format!("{}: {}", field("name"), field("message"))
                })
        })
    }

    #[test]
    fn detached_buffers_view_no_bytes() {
        let decoded = eval(
            "const buffer = new Uint8Array([65, 66]).buffer;
             const view = new Uint8Array(buffer);
             const data = new DataView(buffer);
             buffer.transfer();
             [buffer, view, data].map((b) => new TextDecoder().decode(b).length).join()",
        );
        assert_eq!(decoded.unwrap(), "0,0,0");
    }

    #[test]
    fn length_tracking_views_follow_their_buffer() {
        let decoded = eval(
            "const buffer = new ArrayBuffer(2, { maxByteLength: 8 });
             const tracking = new Uint8Array(buffer);
             buffer.resize(4);
             new Uint8Array(buffer).set([104, 105, 106, 107]);
             const grown = new TextDecoder().decode(tracking);
             buffer.resize(1);
             grown + ' ' + new TextDecoder().decode(tracking)",
        );
        assert_eq!(decoded.unwrap(), "hijk h");
    }

    #[test]
    fn usv_strings_replace_lone_surrogates() {
        let encoded = eval("Array.from(new TextEncoder().encode('\\udc00a')).join()");
        assert_eq!(encoded.unwrap(), "239,191,189,97");
    }

    #[test]
    fn wtf8_surrogates_become_replacement_characters() {
        assert_eq!(wtf8_to_usv(b"plain"), "plain");
        assert_eq!(
            wtf8_to_usv("h\u{e9}\u{1f600}".as_bytes()),
            "h\u{e9}\u{1f600}"
        );
        // U+D800 and U+DFFF as WTF-8, alone, at the ends and next to each other.
        assert_eq!(wtf8_to_usv(b"\xed\xa0\x80"), "\u{fffd}");
        assert_eq!(
            wtf8_to_usv(b"a\xed\xa0\x80b\xed\xbf\xbf"),
            "a\u{fffd}b\u{fffd}"
        );
        assert_eq!(wtf8_to_usv(b"\xed\xbf\xbf\xed\xa0\x80"), "\u{fffd}\u{fffd}");
    }
}
