//! WebIDL plumbing shared by the `WebAssembly` classes: the `new` check, brand checks, property
//! attributes, `Symbol.toStringTag`, and `BufferSource` bytes.

use rquickjs::atom::PredefinedAtom;
use rquickjs::class::{Class, JsClass};
use rquickjs::object::Property;
use rquickjs::{ArrayBuffer, Ctx, Exception, Function, IntoJs, Object, Result, Value};

/// Throws the TypeError WebIDL requires when a constructor is called without `new`, in V8's
/// words (what users search for).
///
/// rquickjs passes `new.target` as the this-value of a constructor called with `new`; a plain
/// call passes its receiver, which is not a constructor.
pub(crate) fn require_new(ctx: &Ctx<'_>, this: &Value<'_>, class: &str) -> Result<()> {
    if this.is_constructor() {
        Ok(())
    } else {
        Err(Exception::throw_type(
            ctx,
            &format!("WebAssembly.{class}(): WebAssembly.{class} must be invoked with 'new'"),
        ))
    }
}

/// Defines `name` on `object` as WebIDL exposes interface members: writable, configurable, not
/// enumerable.
pub(crate) fn define_hidden<'js>(
    object: &Object<'js>,
    name: &str,
    value: impl IntoJs<'js>,
) -> Result<()> {
    object.prop(name, Property::from(value).writable().configurable())
}

/// Defines class `C` on `namespace` with `Symbol.toStringTag` `tag` on its prototype and the
/// constructor's `length` set to its number of required arguments.
pub(crate) fn define_class<'js, C: JsClass<'js>>(
    ctx: &Ctx<'js>,
    namespace: &Object<'js>,
    tag: &str,
    length: usize,
) -> Result<()> {
    let Some(constructor) = Class::<C>::create_constructor(ctx)? else {
        return Err(Exception::throw_internal(
            ctx,
            &format!("{} has no constructor", C::NAME),
        ));
    };
    constructor.set_length(length)?;
    if let Some(prototype) = Class::<C>::prototype(ctx)? {
        set_to_string_tag(ctx, &prototype, tag)?;
    }
    define_hidden(namespace, C::NAME, constructor)
}

/// Sets `Symbol.toStringTag` (configurable, not writable or enumerable).
pub(crate) fn set_to_string_tag<'js>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
    tag: &str,
) -> Result<()> {
    let _ = ctx;
    object.prop(
        PredefinedAtom::SymbolToStringTag,
        Property::from(tag).configurable(),
    )
}

/// `value` as an instance of class `C`, or the TypeError of a failed brand check.
pub(crate) fn brand<'js, C: JsClass<'js>>(
    ctx: &Ctx<'js>,
    value: &Value<'js>,
    what: &str,
) -> Result<Class<'js, C>> {
    Class::<C>::from_value(value).map_err(|_| {
        Exception::throw_type(ctx, &format!("{what} must be a WebAssembly.{}", C::NAME))
    })
}

/// A copy of the bytes of a `BufferSource` (ArrayBuffer, SharedArrayBuffer, typed array or
/// DataView). A detached buffer reads as empty, as the spec says.
pub(crate) fn buffer_source_bytes<'js>(
    ctx: &Ctx<'js>,
    value: &Value<'js>,
    what: &str,
) -> Result<Vec<u8>> {
    let not_a_buffer = || {
        Exception::throw_type(
            ctx,
            &format!("{what} must be an ArrayBuffer or an ArrayBuffer view"),
        )
    };
    let object = value.as_object().ok_or_else(not_a_buffer)?;
    if let Some(buffer) = ArrayBuffer::from_object(object.clone()) {
        // SAFETY: the bytes are copied before any JS runs.
        return Ok(unsafe { buffer.as_bytes() }
            .map(<[u8]>::to_vec)
            .unwrap_or_default());
    }
    let is_view: Function = ctx
        .globals()
        .get::<_, Object>("ArrayBuffer")?
        .get("isView")?;
    if !is_view.call::<_, bool>((value.clone(),))? {
        return Err(not_a_buffer());
    }
    let buffer: Object = object.get("buffer")?;
    let offset: usize = object.get("byteOffset")?;
    let length: usize = object.get("byteLength")?;
    let Some(buffer) = ArrayBuffer::from_object(buffer) else {
        return Err(not_a_buffer());
    };
    // SAFETY: the bytes are copied before any JS runs.
    let bytes = unsafe { buffer.as_bytes() };
    Ok(bytes
        .and_then(|b| b.get(offset..offset + length))
        .map(<[u8]>::to_vec)
        .unwrap_or_default())
}

/// WebIDL `[EnforceRange] unsigned long`: a TypeError unless `value` is a finite number whose
/// integer part fits in 32 bits.
pub(crate) fn enforce_range_u32<'js>(
    ctx: &Ctx<'js>,
    value: &Value<'js>,
    what: &str,
) -> Result<u32> {
    let number = to_number(ctx, value)?;
    let truncated = number.trunc();
    if !number.is_finite() || !(0.0..=f64::from(u32::MAX)).contains(&truncated) {
        return Err(Exception::throw_type(
            ctx,
            &format!("{what} must be an integer in the range 0 to 4294967295"),
        ));
    }
    Ok(truncated as u32)
}

/// ToNumber, which may run JS (`valueOf`).
pub(crate) fn to_number<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<f64> {
    rquickjs::FromJs::from_js(ctx, value.clone()).map(|c: rquickjs::Coerced<f64>| c.0)
}

/// Member `name` of a dictionary argument, `None` when absent or `undefined`.
pub(crate) fn member<'js>(dict: &Object<'js>, name: &str) -> Result<Option<Value<'js>>> {
    let value: Value = dict.get(name)?;
    Ok((!value.is_undefined()).then_some(value))
}

/// Required dictionary member `name` converted with ToString, or the TypeError for a missing one.
pub(crate) fn required_string<'js>(
    ctx: &Ctx<'js>,
    dict: &Object<'js>,
    name: &str,
    what: &str,
) -> Result<String> {
    match member(dict, name)? {
        Some(v) => rquickjs::FromJs::from_js(ctx, v).map(|c: rquickjs::Coerced<String>| c.0),
        None => Err(Exception::throw_type(
            ctx,
            &format!("{what}: Property '{name}' is required"),
        )),
    }
}

/// WebIDL `sequence<any>` (the iterable protocol): the values `value` yields, or a TypeError
/// saying `what` must be a sequence when it is not an object.
pub(crate) fn sequence<'js>(
    ctx: &Ctx<'js>,
    value: Value<'js>,
    what: &str,
) -> Result<Vec<Value<'js>>> {
    if !value.is_object() {
        return Err(Exception::throw_type(
            ctx,
            &format!("{what} must be a sequence"),
        ));
    }
    let array_from: Function = ctx.globals().get::<_, Object>("Array")?.get("from")?;
    let array: rquickjs::Array = array_from.call((value,))?;
    array.iter().collect()
}

/// The dictionary argument `value` (`undefined`/`null` count as an empty dictionary is NOT what
/// the WebAssembly descriptors want: they are required), or a TypeError.
pub(crate) fn dictionary<'js>(
    ctx: &Ctx<'js>,
    value: Option<Value<'js>>,
    what: &str,
) -> Result<Object<'js>> {
    match value.and_then(|v| v.into_object()) {
        Some(object) => Ok(object),
        None => Err(Exception::throw_type(
            ctx,
            &format!("{what} must be an object"),
        )),
    }
}

/// ToBoolean.
pub(crate) fn to_boolean(value: &Value<'_>) -> bool {
    if let Some(b) = value.as_bool() {
        return b;
    }
    if let Some(n) = value.as_number() {
        return n != 0.0 && !n.is_nan();
    }
    if let Some(s) = value.as_string() {
        return s.to_string().map(|s| !s.is_empty()).unwrap_or(true);
    }
    !(value.is_null() || value.is_undefined())
}
