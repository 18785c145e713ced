//! QuickJS C functions for the binding's hot paths.
//!
//! The JS objects of exported functions, `WebAssembly.promising` wrappers and the reactions that
//! resume a suspended call are called far more often than anything else the binding defines. A
//! closure through rquickjs adds a panic guard, collects the arguments into a `Vec` and takes
//! context references (about 300 instructions of a JS -> Wasm call's 2,600, measured), so these
//! are plain QuickJS C functions with one integer of data (an index into a table of the state, a
//! job number or a worker slot) that read their arguments where QuickJS passed them.

use std::ffi::{CStr, c_int};
use std::ptr::NonNull;

use rquickjs::{Ctx, Exception, Function, Result, Value, qjs};

/// A JS function (not a constructor) named `name`, of length `length`, that runs `B::call` with
/// `magic` and `data`.
pub(crate) fn function<'js, B: Entry>(
    ctx: &Ctx<'js>,
    name: &CStr,
    length: usize,
    magic: c_int,
    data: i32,
) -> Result<Function<'js>> {
    let mut data = [qjs::JS_MKVAL(qjs::JS_TAG_INT, data)];
    let length = c_int::try_from(length).unwrap_or(c_int::MAX);
    // SAFETY: `entry::<B>` matches `JSCFunctionData`; QuickJS copies the name and the one data
    // value (an integer, which owns nothing) and returns a function we own.
    let value = unsafe {
        owned(
            ctx,
            qjs::JS_NewCFunctionData2(
                ctx.as_raw().as_ptr(),
                Some(entry::<B>),
                name.as_ptr(),
                length,
                magic,
                1,
                data.as_mut_ptr(),
            ),
        )?
    };
    value
        .into_function()
        .ok_or_else(|| Exception::throw_internal(ctx, "a C function is not a function"))
}

/// The body of a C function made by [`function`].
pub(crate) trait Entry {
    /// Runs the function: `args` are the arguments as QuickJS passed them (borrowed; missing
    /// ones are not there), `magic` and `data` what [`function`] was given.
    fn call<'js>(
        ctx: &Ctx<'js>,
        args: &[qjs::JSValue],
        magic: c_int,
        data: i32,
    ) -> Result<Value<'js>>;
}

/// The C entry point of every function made by [`function`].
unsafe extern "C" fn entry<B: Entry>(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let Some(raw) = NonNull::new(ctx) else {
        return qjs::JS_UNDEFINED;
    };
    // SAFETY: QuickJS calls functions with a live context; the function was made with one data
    // value, an integer; `argv` holds `argc` values, borrowed for the call.
    let (ctx, args, data) = unsafe {
        (
            Ctx::from_raw(raw),
            borrowed(argc, argv),
            qjs::JS_VALUE_GET_INT(*data),
        )
    };
    match B::call(&ctx, args, magic, data) {
        // SAFETY: a new reference for the caller, which owns what a function returns.
        Ok(value) => unsafe { qjs::JS_DupValue(raw.as_ptr(), value.as_raw()) },
        Err(rquickjs::Error::Exception) => qjs::JS_EXCEPTION,
        Err(other) => {
            let _ = Exception::throw_internal(&ctx, &other.to_string());
            qjs::JS_EXCEPTION
        }
    }
}

/// The `argc` values at `argv` that QuickJS passes a C function or a job, borrowed.
///
/// # Safety
/// `argv` must hold `argc` live values (it may be null when `argc` is 0) that outlive `'a`.
pub(crate) unsafe fn borrowed<'a>(argc: c_int, argv: *const qjs::JSValue) -> &'a [qjs::JSValue] {
    match usize::try_from(argc) {
        // SAFETY: the caller's contract.
        Ok(n) if n > 0 && !argv.is_null() => unsafe { std::slice::from_raw_parts(argv, n) },
        _ => &[],
    }
}

/// Argument `index` as QuickJS passed it, as a value of its own (`undefined` when missing).
pub(crate) fn arg<'js>(ctx: &Ctx<'js>, args: &[qjs::JSValue], index: usize) -> Value<'js> {
    match args.get(index) {
        // SAFETY: the arguments are live values of `ctx`; the Value gets a reference of its own.
        Some(&raw) => unsafe {
            Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), raw))
        },
        None => Value::new_undefined(ctx.clone()),
    }
}

/// The arguments as QuickJS passed them, as values of their own.
pub(crate) fn args<'js>(ctx: &Ctx<'js>, args: &[qjs::JSValue]) -> Vec<Value<'js>> {
    (0..args.len()).map(|i| arg(ctx, args, i)).collect()
}

/// The integer argument `index` is, if it is one (no conversion: the caller converts others).
pub(crate) fn int_arg(args: &[qjs::JSValue], index: usize) -> Option<i32> {
    let &raw = args.get(index)?;
    // SAFETY: reading a value's tag, and the integer of an integer, is always sound.
    unsafe { (qjs::JS_VALUE_GET_TAG(raw) == qjs::JS_TAG_INT).then(|| qjs::JS_VALUE_GET_INT(raw)) }
}

/// `value`, returned by a QuickJS call, as an owned [`Value`] (or the pending exception).
///
/// # Safety
/// `value` must be owned by the caller and belong to `ctx`.
pub(crate) unsafe fn owned<'js>(ctx: &Ctx<'js>, value: qjs::JSValue) -> Result<Value<'js>> {
    // SAFETY: the caller's contract.
    unsafe {
        if qjs::JS_IsException(value) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), value))
    }
}
