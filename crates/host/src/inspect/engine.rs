//! What `inspect` needs to know about a value that only the engine can tell without running JS:
//! its internal class, own property keys and descriptors, proxy targets, typed array and buffer
//! contents, and the exact UTF-16 text of strings.
//!
//! Node asks V8 the same questions through its internal `util` binding; asking QuickJS directly
//! means inspecting a value never calls a proxy trap and never depends on globals or prototype
//! methods that the script may have replaced. The intrinsic functions that do have to be called
//! (Map iteration, Date and RegExp formatting, boxed primitive values) are captured once per
//! runtime, before any script runs, in [`Intrinsics`].

use std::ptr;

use rquickjs::{Ctx, Error, Function, JsLifetime, Object, Result, Value, qjs};

/// Built-in functions and objects as they were when the runtime started, so that scripts that
/// replace `Map.prototype.forEach` or `Date.prototype.toISOString` cannot change (or break) how
/// values print. Node keeps the same guarantee with its "primordials".
#[derive(Clone, JsLifetime)]
pub(crate) struct Intrinsics<'js> {
    pub(super) object_proto: Object<'js>,
    pub(super) function_proto: Object<'js>,
    pub(super) error_ctor: Object<'js>,
    pub(super) function_to_string: Function<'js>,
    pub(super) map_for_each: Function<'js>,
    pub(super) set_for_each: Function<'js>,
    pub(super) date_get_time: Function<'js>,
    pub(super) date_to_iso_string: Function<'js>,
    pub(super) date_to_string: Function<'js>,
    pub(super) regexp_ctor: Function<'js>,
    pub(super) regexp_to_string: Function<'js>,
    pub(super) number_value_of: Function<'js>,
    pub(super) string_value_of: Function<'js>,
    pub(super) boolean_value_of: Function<'js>,
    pub(super) bigint_value_of: Function<'js>,
    pub(super) symbol_value_of: Function<'js>,
    pub(super) parse_int: Function<'js>,
    pub(super) parse_float: Function<'js>,
    /// `Symbol.toStringTag`, which rquickjs has no shortcut for.
    pub(super) to_string_tag: Value<'js>,
}

impl<'js> Intrinsics<'js> {
    fn capture(ctx: &Ctx<'js>) -> Result<Self> {
        let globals = ctx.globals();
        let ctor = |name: &str| -> Result<Object<'js>> { globals.get(name) };
        let proto = |name: &str| -> Result<Object<'js>> { ctor(name)?.get("prototype") };
        let object_ctor = ctor("Object")?;
        let function_ctor = ctor("Function")?;
        let error_ctor = ctor("Error")?;
        Ok(Intrinsics {
            object_proto: object_ctor.get("prototype")?,
            function_proto: function_ctor.get("prototype")?,
            function_to_string: proto("Function")?.get("toString")?,
            map_for_each: proto("Map")?.get("forEach")?,
            set_for_each: proto("Set")?.get("forEach")?,
            date_get_time: proto("Date")?.get("getTime")?,
            date_to_iso_string: proto("Date")?.get("toISOString")?,
            date_to_string: proto("Date")?.get("toString")?,
            regexp_ctor: globals.get("RegExp")?,
            regexp_to_string: proto("RegExp")?.get("toString")?,
            number_value_of: proto("Number")?.get("valueOf")?,
            string_value_of: proto("String")?.get("valueOf")?,
            boolean_value_of: proto("Boolean")?.get("valueOf")?,
            bigint_value_of: proto("BigInt")?.get("valueOf")?,
            symbol_value_of: proto("Symbol")?.get("valueOf")?,
            parse_int: globals.get("parseInt")?,
            parse_float: globals.get("parseFloat")?,
            to_string_tag: ctor("Symbol")?.get("toStringTag")?,
            error_ctor,
        })
    }

    /// Captures the intrinsics of `ctx`'s runtime if that has not happened yet. Called when the
    /// host globals are installed, before any script can modify the built-ins.
    pub(crate) fn install(ctx: &Ctx<'js>) -> Result<()> {
        if ctx.userdata::<Intrinsics<'js>>().is_none() {
            let intrinsics = Intrinsics::capture(ctx)?;
            // Storing fails only while the store is borrowed, which nothing does at this point.
            let _ = ctx.store_userdata(intrinsics);
        }
        Ok(())
    }

    /// The runtime's intrinsics, capturing them now if [`Intrinsics::install`] was never called.
    pub(crate) fn get(ctx: &Ctx<'js>) -> Result<Self> {
        if let Some(intrinsics) = ctx.userdata::<Intrinsics<'js>>() {
            return Ok(intrinsics.clone());
        }
        Intrinsics::install(ctx)?;
        match ctx.userdata::<Intrinsics<'js>>() {
            Some(intrinsics) => Ok(intrinsics.clone()),
            None => Intrinsics::capture(ctx),
        }
    }
}

/// An own property as `Object.getOwnPropertyDescriptor` describes it.
pub(super) struct Descriptor<'js> {
    /// The value of a data property (`None` for accessors).
    pub(super) value: Option<Value<'js>>,
    pub(super) getter: Option<Value<'js>>,
    pub(super) setter: Option<Value<'js>>,
    pub(super) enumerable: bool,
}

/// A QuickJS atom that is released when dropped.
struct OwnedAtom<'a, 'js> {
    ctx: &'a Ctx<'js>,
    atom: qjs::JSAtom,
}

impl<'a, 'js> OwnedAtom<'a, 'js> {
    fn new(ctx: &'a Ctx<'js>, key: &Value<'js>) -> Result<Self> {
        // SAFETY: `key` is a live value of this context; the atom is freed in `drop`.
        let atom = unsafe { qjs::JS_ValueToAtom(ctx.as_raw().as_ptr(), key.as_raw()) };
        if atom == qjs::JS_ATOM_NULL {
            return Err(Error::Exception);
        }
        Ok(OwnedAtom { ctx, atom })
    }
}

impl Drop for OwnedAtom<'_, '_> {
    fn drop(&mut self) {
        // SAFETY: the atom was returned (with a reference) by `JS_ValueToAtom`.
        unsafe { qjs::JS_FreeAtom(self.ctx.as_raw().as_ptr(), self.atom) };
    }
}

/// Takes ownership of a value QuickJS returned, turning `JS_EXCEPTION` into an error.
///
/// # Safety
/// `value` must be a value of `ctx` that the caller owns a reference to.
unsafe fn owned<'js>(ctx: &Ctx<'js>, value: qjs::JSValue) -> Result<Value<'js>> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        if qjs::JS_IsException(value) {
            Err(Error::Exception)
        } else {
            Ok(Value::from_raw(ctx.clone(), value))
        }
    }
}

/// Which own keys [`own_keys`] returns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyFilter {
    /// Enumerable string keys, then enumerable symbols (`Object.keys` plus enumerable symbols).
    Enumerable,
    /// Every string key, then every symbol (`Reflect.ownKeys`).
    All,
    /// Enumerable string keys only (`Object.keys`).
    EnumerableStrings,
    /// Every string key (`Object.getOwnPropertyNames`).
    Strings,
}

/// The own keys of `object` (strings or symbols), in property order.
pub(super) fn own_keys<'js>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
    filter: KeyFilter,
) -> Result<Vec<Value<'js>>> {
    let flags = match filter {
        KeyFilter::Enumerable => {
            qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK | qjs::JS_GPN_ENUM_ONLY
        }
        KeyFilter::All => qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK,
        KeyFilter::EnumerableStrings => qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_ENUM_ONLY,
        KeyFilter::Strings => qjs::JS_GPN_STRING_MASK,
    };
    let raw_ctx = ctx.as_raw().as_ptr();
    let mut table: *mut qjs::JSPropertyEnum = ptr::null_mut();
    let mut len: u32 = 0;
    // SAFETY: `object` is live; on success QuickJS hands us `len` entries that we free below.
    let status = unsafe {
        qjs::JS_GetOwnPropertyNames(raw_ctx, &mut table, &mut len, object.as_raw(), flags as i32)
    };
    if status < 0 {
        return Err(Error::Exception);
    }
    let mut keys = Vec::with_capacity(len as usize);
    let mut result = Ok(());
    for i in 0..len as usize {
        // SAFETY: `i < len`, and each entry holds a valid atom.
        let atom = unsafe { (*table.add(i)).atom };
        // SAFETY: `JS_AtomToValue` returns a new reference (or an exception).
        match unsafe { owned(ctx, qjs::JS_AtomToValue(raw_ctx, atom)) } {
            Ok(key) => keys.push(key),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    // SAFETY: `table` and `len` are what `JS_GetOwnPropertyNames` returned.
    unsafe { qjs::JS_FreePropertyEnum(raw_ctx, table, len) };
    result.map(|()| keys)
}

/// The own property `key` of `object`, if there is one.
pub(super) fn own_property<'js>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
    key: &Value<'js>,
) -> Result<Option<Descriptor<'js>>> {
    let atom = OwnedAtom::new(ctx, key)?;
    let mut desc = qjs::JSPropertyDescriptor {
        flags: 0,
        value: qjs::JS_UNDEFINED,
        getter: qjs::JS_UNDEFINED,
        setter: qjs::JS_UNDEFINED,
    };
    // SAFETY: `object` is live; on success the descriptor's three values are new references
    // that we take ownership of below.
    let found = unsafe {
        qjs::JS_GetOwnProperty(ctx.as_raw().as_ptr(), &mut desc, object.as_raw(), atom.atom)
    };
    if found < 0 {
        return Err(Error::Exception);
    }
    if found == 0 {
        return Ok(None);
    }
    // SAFETY: see above; each value is owned exactly once.
    let (value, getter, setter) = unsafe {
        (
            Value::from_raw(ctx.clone(), desc.value),
            Value::from_raw(ctx.clone(), desc.getter),
            Value::from_raw(ctx.clone(), desc.setter),
        )
    };
    let accessor = desc.flags & qjs::JS_PROP_GETSET as i32 != 0;
    let defined = |v: Value<'js>| (!v.is_undefined()).then_some(v);
    Ok(Some(Descriptor {
        value: if accessor { None } else { Some(value) },
        getter: if accessor { defined(getter) } else { None },
        setter: if accessor { defined(setter) } else { None },
        enumerable: desc.flags & qjs::JS_PROP_ENUMERABLE as i32 != 0,
    }))
}

/// Whether `object` has an own property `key` (`Object.prototype.hasOwnProperty`).
pub(super) fn has_own<'js>(ctx: &Ctx<'js>, object: &Object<'js>, key: &Value<'js>) -> Result<bool> {
    let atom = OwnedAtom::new(ctx, key)?;
    // SAFETY: a null descriptor pointer asks only whether the property exists.
    let found = unsafe {
        qjs::JS_GetOwnProperty(
            ctx.as_raw().as_ptr(),
            ptr::null_mut(),
            object.as_raw(),
            atom.atom,
        )
    };
    if found < 0 {
        Err(Error::Exception)
    } else {
        Ok(found == 1)
    }
}

/// The engine's name for the internal class of `object`: `"Object"`, `"Array"`, `"Error"`,
/// `"Map"`, `"Number"` (boxed), `"Arguments"`, `"GeneratorFunction"`, `"Map Iterator"`, ...
/// This is what V8 calls the class name; unlike `constructor.name` a script cannot change it.
pub(super) fn class_name(ctx: &Ctx<'_>, object: &Object<'_>) -> String {
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: `object` is live; the returned atom is ours to free, and the C string is copied
    // before it is released.
    unsafe {
        let class_id = qjs::JS_GetClassID(object.as_raw());
        let atom = qjs::JS_GetClassName(qjs::JS_GetRuntime(raw_ctx), class_id);
        if atom == qjs::JS_ATOM_NULL {
            return "Object".to_owned();
        }
        let mut len: qjs::size_t = 0;
        let text = qjs::JS_AtomToCStringLen(raw_ctx, &mut len, atom);
        let name = if text.is_null() {
            "Object".to_owned()
        } else {
            let bytes = std::slice::from_raw_parts(text.cast::<u8>(), len as usize);
            let name = String::from_utf8_lossy(bytes).into_owned();
            qjs::JS_FreeCString(raw_ctx, text);
            name
        };
        qjs::JS_FreeAtom(raw_ctx, atom);
        name
    }
}

/// The target of the proxy `object`: `Ok(None)` if `object` is not a proxy, `Err(())` if it is a
/// revoked one.
pub(super) fn proxy_target<'js>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
) -> std::result::Result<Option<Object<'js>>, ()> {
    if !object.as_value().is_proxy() {
        return Ok(None);
    }
    // SAFETY: `object` is a live proxy; the target is a new reference.
    let target = unsafe {
        owned(
            ctx,
            qjs::JS_GetProxyTarget(ctx.as_raw().as_ptr(), object.as_raw()),
        )
    };
    match target.ok().and_then(|t| t.into_object()) {
        Some(target) => Ok(Some(target)),
        None => {
            // The only failure is a revoked proxy: drop the TypeError it raised.
            let _ = ctx.catch();
            Err(())
        }
    }
}

/// The handler of the proxy `object`, if it is a live proxy.
pub(super) fn proxy_handler<'js>(ctx: &Ctx<'js>, object: &Object<'js>) -> Option<Value<'js>> {
    // SAFETY: `object` is live; the handler is a new reference.
    let handler = unsafe {
        owned(
            ctx,
            qjs::JS_GetProxyHandler(ctx.as_raw().as_ptr(), object.as_raw()),
        )
    };
    match handler {
        Ok(handler) => Some(handler),
        Err(_) => {
            let _ = ctx.catch();
            None
        }
    }
}

/// The constructor names of QuickJS's typed array kinds, indexed by `JS_GetTypedArrayType`.
const TYPED_ARRAY_NAMES: [&str; 12] = [
    "Uint8ClampedArray",
    "Int8Array",
    "Uint8Array",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
    "Float16Array",
    "Float32Array",
    "Float64Array",
];

/// The kind and current length of a typed array, or `None` if `object` is not one.
pub(super) fn typed_array<'js>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
) -> Option<(&'static str, usize)> {
    // SAFETY: `object` is live.
    let kind = unsafe { qjs::JS_GetTypedArrayType(object.as_raw()) };
    let name = TYPED_ARRAY_NAMES.get(usize::try_from(kind).ok()?)?;
    let (mut offset, mut byte_length, mut element_size): (qjs::size_t, qjs::size_t, qjs::size_t) =
        (0, 0, 0);
    // SAFETY: `object` is a typed array; the returned buffer is a new reference, released at once.
    let buffer = unsafe {
        owned(
            ctx,
            qjs::JS_GetTypedArrayBuffer(
                ctx.as_raw().as_ptr(),
                object.as_raw(),
                &mut offset,
                &mut byte_length,
                &mut element_size,
            ),
        )
    };
    if buffer.is_err() {
        let _ = ctx.catch();
        return Some((name, 0));
    }
    let length = byte_length.checked_div(element_size).unwrap_or(0) as usize;
    Some((name, length))
}

/// A copy of the bytes of an `ArrayBuffer` or `SharedArrayBuffer` (at most `limit` of them) and
/// its full length; `None` if it is detached.
pub(super) fn array_buffer_bytes(
    ctx: &Ctx<'_>,
    object: &Object<'_>,
    limit: usize,
) -> Option<(Vec<u8>, usize)> {
    let mut size: qjs::size_t = 0;
    // SAFETY: `object` is live; the data pointer is valid for `size` bytes until JS runs again,
    // and we copy out of it immediately.
    unsafe {
        let data = qjs::JS_GetArrayBuffer(ctx.as_raw().as_ptr(), &mut size, object.as_raw());
        if data.is_null() {
            let _ = ctx.catch();
            return None;
        }
        let size = size as usize;
        let bytes = std::slice::from_raw_parts(data, size.min(limit)).to_vec();
        Some((bytes, size))
    }
}

/// Whether `object` is an `ArrayBuffer` (shared or not).
pub(super) fn is_array_buffer(ctx: &Ctx<'_>, object: &Object<'_>) -> bool {
    matches!(
        class_name(ctx, object).as_str(),
        "ArrayBuffer" | "SharedArrayBuffer"
    )
}

/// The UTF-16 code units of the string `value` (lone surrogates included, which the UTF-8
/// conversions of rquickjs cannot represent).
pub(super) fn utf16(ctx: &Ctx<'_>, value: &Value<'_>) -> Vec<u16> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let mut len: qjs::size_t = 0;
    // SAFETY: `value` is live; the buffer is copied before it is freed.
    unsafe {
        let units = qjs::JS_ToCStringLenUTF16(raw_ctx, &mut len, value.as_raw());
        if units.is_null() {
            let _ = ctx.catch();
            return Vec::new();
        }
        let copy = std::slice::from_raw_parts(units, len as usize).to_vec();
        qjs::JS_FreeCStringUTF16(raw_ctx, units);
        copy
    }
}

/// The string `value` as Rust text, with lone surrogates replaced by U+FFFD (as node does when it
/// writes such a string to a stream).
pub(super) fn lossy_string(ctx: &Ctx<'_>, value: &Value<'_>) -> String {
    if let Some(s) = value.as_string()
        && let Ok(text) = s.to_string()
    {
        return text;
    }
    String::from_utf16_lossy(&utf16(ctx, value))
}

/// Whether `object` is a module namespace object. QuickJS gives namespaces the plain "Object"
/// class, so this checks the shape the spec mandates: a null prototype, a non-extensible object,
/// and an own non-writable, non-enumerable `Symbol.toStringTag` of `"Module"`.
pub(super) fn is_module_namespace<'js>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
    to_string_tag: &Value<'js>,
) -> bool {
    if object.get_prototype().is_some() {
        return false;
    }
    // SAFETY: `object` is live and not a proxy (callers unwrap proxies first).
    if unsafe { qjs::JS_IsExtensible(ctx.as_raw().as_ptr(), object.as_raw()) } != 0 {
        return false;
    }
    match own_property(ctx, object, to_string_tag) {
        Ok(Some(desc)) => {
            !desc.enumerable
                && desc
                    .value
                    .and_then(|v| v.as_string().and_then(|s| s.to_string().ok()))
                    .is_some_and(|s| s == "Module")
        }
        _ => {
            let _ = ctx.catch();
            false
        }
    }
}
