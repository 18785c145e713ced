//! Value conversion at the JS/Wasm boundary (the JS-API spec's ToWebAssemblyValue and
//! ToJSValue), and the two call paths that use it: JS calling an exported function, and Wasm
//! calling a JS import.
//!
//! Conversion runs in two phases because coercing a JS value can run JS (`valueOf`), which may
//! call into Wasm again, while creating an `externref` needs the store: [`to_wasm`] coerces with
//! no store access and yields an [`Arg`]; [`Arg::into_val`] then builds the Wasm value inside the
//! store. Results go the other way ([`Out`]).

use baton_wasm::wasmtime::{
    AsContextMut, ExternRef, Func, FuncType, HeapType, RefType, RootScope, StoreContextMut, Val,
    ValType,
};
use rquickjs::{Array, BigInt, Ctx, Exception, Function, Result, Value, qjs};

use crate::promising::{Activation, Label};
use crate::state::WasmState;
use crate::{errors, ffi};
use baton_wasm::{HostRef, Jspi, StoreData};
use std::rc::Rc;

/// An import's results, coerced (most imports have at most one).
pub(crate) type Results = smallvec::SmallVec<[Arg; 1]>;

/// A JS value coerced for Wasm, not yet placed in the store.
pub(crate) enum Arg {
    Val(Val),
    Extern(HostRef),
}

impl Arg {
    /// The Wasm value of an argument of numeric type, which needs no store (mailbox signatures
    /// have only those; an externref there would be a bug, and becomes 0).
    pub(crate) fn numeric(self) -> Val {
        match self {
            Arg::Val(v) => v,
            Arg::Extern(_) => Val::I32(0),
        }
    }

    /// The Wasm value, creating the externref in `cx` if needed.
    pub(crate) fn into_val(
        self,
        mut cx: impl AsContextMut<Data = StoreData>,
    ) -> std::result::Result<Val, String> {
        match self {
            Arg::Val(v) => Ok(v),
            Arg::Extern(slot) => {
                cx.as_context_mut().data_mut().before_gc_allocation();
                ExternRef::new(cx, slot)
                    .map(|r| Val::ExternRef(Some(r)))
                    .map_err(|e| format!("cannot allocate an externref: {e}"))
            }
        }
    }
}

/// A Wasm value read out of the store, not yet a JS value.
pub(crate) enum Out {
    Val(Val),
    Extern(u32),
}

impl Out {
    /// Reads `val` (an externref's payload needs the store).
    pub(crate) fn read(cx: impl AsContextMut, val: Val) -> Self {
        let mut cx = cx;
        if let Val::ExternRef(Some(r)) = &val
            && let Ok(Some(data)) = r.data(cx.as_context_mut())
            && let Some(slot) = data.downcast_ref::<HostRef>()
        {
            return Out::Extern(slot.id);
        }
        Out::Val(val)
    }
}

/// ToWebAssemblyValue(`value`, `ty`), without touching the store.
pub(crate) fn to_wasm<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    value: Value<'js>,
    ty: &ValType,
) -> Result<Arg> {
    Ok(Arg::Val(match ty {
        ValType::I32 => Val::I32(to_int32(ctx, &value)?),
        ValType::I64 => Val::I64(to_bigint64(ctx, &value)?),
        ValType::F32 => Val::F32((to_number(ctx, &value)? as f32).to_bits()),
        ValType::F64 => Val::F64(to_number(ctx, &value)?.to_bits()),
        ValType::V128 => {
            return Err(Exception::throw_type(
                ctx,
                "type v128 cannot be converted from JavaScript",
            ));
        }
        ValType::Ref(rt) => return ref_to_wasm(ctx, state, value, rt),
    }))
}

fn ref_to_wasm<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    value: Value<'js>,
    rt: &RefType,
) -> Result<Arg> {
    let null_allowed = rt.is_nullable();
    match rt.heap_type() {
        HeapType::Extern => {
            if value.is_null() {
                if null_allowed {
                    return Ok(Arg::Val(Val::ExternRef(None)));
                }
                return Err(Exception::throw_type(
                    ctx,
                    "null is not allowed for a non-nullable externref",
                ));
            }
            Ok(Arg::Extern(state.extern_slot(ctx, value)))
        }
        HeapType::Func | HeapType::ConcreteFunc(_) | HeapType::NoFunc => {
            if value.is_null() {
                if null_allowed {
                    return Ok(Arg::Val(Val::FuncRef(None)));
                }
                return Err(Exception::throw_type(
                    ctx,
                    "null is not allowed for a non-nullable funcref",
                ));
            }
            match state.func_of(&value) {
                Some(func) => Ok(Arg::Val(Val::FuncRef(Some(func)))),
                None => Err(Exception::throw_type(
                    ctx,
                    "a funcref value must be null or an exported WebAssembly function",
                )),
            }
        }
        other => Err(Exception::throw_type(
            ctx,
            &format!("values of type ({other}) cannot cross the JavaScript boundary yet"),
        )),
    }
}

/// ToJSValue of a value read from the store.
pub(crate) fn to_js<'js>(ctx: &Ctx<'js>, state: &WasmState, out: Out) -> Result<Value<'js>> {
    let val = match out {
        Out::Extern(id) => return Ok(state.extern_value(ctx, id)),
        Out::Val(val) => val,
    };
    Ok(match val {
        Val::I32(v) => Value::new_int(ctx.clone(), v),
        Val::I64(v) => BigInt::from_i64(ctx.clone(), v)?.into_value(),
        Val::F32(bits) => Value::new_float(ctx.clone(), f64::from(f32::from_bits(bits))),
        Val::F64(bits) => Value::new_float(ctx.clone(), f64::from_bits(bits)),
        Val::V128(_) => {
            return Err(Exception::throw_type(
                ctx,
                "type v128 cannot be converted to JavaScript",
            ));
        }
        Val::FuncRef(None)
        | Val::ExternRef(None)
        | Val::AnyRef(None)
        | Val::ExnRef(None)
        | Val::ContRef(None) => Value::new_null(ctx.clone()),
        Val::FuncRef(Some(func)) => {
            function_object(ctx, &state.rc(), func, None, None)?.into_value()
        }
        Val::ExternRef(Some(_)) => Value::new_undefined(ctx.clone()),
        _ => {
            return Err(Exception::throw_type(
                ctx,
                "this reference type cannot cross the JavaScript boundary yet",
            ));
        }
    })
}

fn to_int32(ctx: &Ctx<'_>, value: &Value<'_>) -> Result<i32> {
    if let Some(i) = value.as_int() {
        return Ok(i);
    }
    let mut out = 0;
    // SAFETY: a live value of this context; QuickJS sets an exception when it returns < 0.
    let status = unsafe { qjs::JS_ToInt32(ctx.as_raw().as_ptr(), &mut out, value.as_raw()) };
    if status < 0 {
        Err(rquickjs::Error::Exception)
    } else {
        Ok(out)
    }
}

fn to_number(ctx: &Ctx<'_>, value: &Value<'_>) -> Result<f64> {
    if let Some(n) = value.as_number() {
        return Ok(n);
    }
    let mut out = 0.0;
    // SAFETY: as in `to_int32`.
    let status = unsafe { qjs::JS_ToFloat64(ctx.as_raw().as_ptr(), &mut out, value.as_raw()) };
    if status < 0 {
        Err(rquickjs::Error::Exception)
    } else {
        Ok(out)
    }
}

fn to_bigint64(ctx: &Ctx<'_>, value: &Value<'_>) -> Result<i64> {
    let mut out = 0;
    // SAFETY: as in `to_int32`. JS_ToBigInt64 implements ToBigInt64 (TypeError for Numbers).
    let status = unsafe { qjs::JS_ToBigInt64(ctx.as_raw().as_ptr(), &mut out, value.as_raw()) };
    if status < 0 {
        Err(rquickjs::Error::Exception)
    } else {
        Ok(out)
    }
}

/// The JS function object for `func` (the same object every time). `name` is the function's
/// index in its instance when known.
///
/// The object is a QuickJS C function (see `ffi.rs`) carrying the index of its [`ExportCall`]
/// in the state: JS -> Wasm calls are the hottest path between the two.
pub(crate) fn function_object<'js>(
    ctx: &Ctx<'js>,
    state: &std::rc::Rc<WasmState>,
    func: Func,
    name: Option<u32>,
    label: Option<&str>,
) -> Result<Function<'js>> {
    if let Some(f) = state.cached_function(ctx, &func) {
        return Ok(f);
    }
    let ty = state.store.with(|cx| func.ty(cx));
    let length = ty.params().len();
    // How errors name this function: its export name, else its index.
    let label: Label = match (label, name) {
        (Some(label), _) => Rc::from(label),
        (None, Some(index)) => Rc::from(format!("#{index}")),
        (None, None) => Rc::from("(a function from a table)"),
    };
    let index = state.add_export_call(ExportCall {
        func,
        signature: Signature::new(ty),
        label: label.clone(),
    });
    let name = std::ffi::CString::new(name.map(|n| n.to_string()).unwrap_or_default())
        .map_err(|_| Exception::throw_internal(ctx, "a function name with a NUL"))?;
    let object = ffi::function::<ExportCall>(ctx, &name, length, 0, index as i32)?;
    state.cache_function(ctx, func, &object, label);
    Ok(object)
}

/// What a call of an exported function's JS object needs (see [`function_object`]).
pub(crate) struct ExportCall {
    func: Func,
    signature: Signature,
    /// How errors name the function.
    label: Label,
}

/// A call of an exported function's JS object: `data` is the index of its [`ExportCall`].
impl ffi::Entry for ExportCall {
    fn call<'js>(
        ctx: &Ctx<'js>,
        args: &[qjs::JSValue],
        _magic: std::ffi::c_int,
        data: i32,
    ) -> Result<Value<'js>> {
        let state = crate::state::get(ctx);
        let Some(call) = u32::try_from(data).ok().and_then(|i| state.export_call(i)) else {
            return Err(Exception::throw_internal(ctx, "an export without its call"));
        };
        if call.signature.numeric {
            call_numeric_export(ctx, &state, &call, args)
        } else {
            call_export(ctx, &state, &call, ffi::args(ctx, args))
        }
    }
}

/// ToWebAssemblyValue of each argument for the parameters of `ty` (missing ones are `undefined`,
/// extra ones are ignored).
pub(crate) fn coerce_args<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    params: impl IntoIterator<Item = ValType>,
    args: Vec<Value<'js>>,
) -> Result<Vec<Arg>> {
    let mut args = args.into_iter();
    params
        .into_iter()
        .map(|param| {
            let arg = args
                .next()
                .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
            to_wasm(ctx, state, arg, &param)
        })
        .collect()
}

/// A function's type as the calls between JS and Wasm need it, made once per function so that no
/// call iterates or clones the `FuncType` (an import's, an export's, a promised export's).
pub(crate) struct Signature {
    pub(crate) ty: FuncType,
    pub(crate) params: Box<[ValType]>,
    pub(crate) results: Box<[ValType]>,
    /// Every parameter and result is a number, at most [`Jspi::MAILBOX`] of each
    /// ([`Jspi::uses_mailbox`]): the values travel through the JSPI mailbox, and a plain call
    /// from JS needs no allocation and no GC rooting.
    pub(crate) numeric: bool,
}

impl Signature {
    pub(crate) fn new(ty: FuncType) -> Self {
        Signature {
            params: ty.params().collect(),
            results: ty.results().collect(),
            numeric: Jspi::uses_mailbox(&ty),
            ty,
        }
    }
}

/// Calls `func` from JS with `args` (missing arguments are `undefined`).
fn call_export<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    call: &ExportCall,
    args: Vec<Value<'js>>,
) -> Result<Value<'js>> {
    let ExportCall {
        func,
        signature,
        label,
    } = call;
    let coerced = coerce_args(ctx, state, signature.params.iter().cloned(), args)?;
    let outs = run_export(ctx, state, label, |cx| {
        let mut scope = RootScope::new(cx);
        let params = coerced
            .into_iter()
            .map(|a| a.into_val(&mut scope))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(baton_wasm::Error::Resource)?;
        let mut results = vec![Val::I32(0); signature.results.len()];
        baton_wasm::call_typed(&mut scope, func, &signature.ty, &params, &mut results)?;
        Ok(results
            .into_iter()
            .map(|v| Out::read(&mut scope, v))
            .collect::<Vec<_>>())
    })?;
    results_value(ctx, state, outs)
}

/// Runs `call`, the Wasm side of a plain call of export `label` from JS, in the store: with the
/// export on the activation stack, and then detaching the buffers of any memory Wasm grew before
/// JS runs again; a failure becomes its JS error.
fn run_export<'js, T>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    label: &Label,
    call: impl FnOnce(StoreContextMut<'_, StoreData>) -> std::result::Result<T, baton_wasm::Error>,
) -> Result<T> {
    state.jspi.push(Activation::Plain(label.clone()));
    let outcome = state.store.with(call);
    state.jspi.pop();
    state.refresh_buffers(ctx, false);
    outcome.map_err(|e| errors::throw(ctx, state, e))
}

/// ToWebAssemblyValue of each argument as QuickJS passed it (borrowed) for the numeric
/// parameters `params`, into `out` (missing ones are `undefined`, extra ones are ignored): an
/// `i32` argument that is already an integer is taken as it is.
pub(crate) fn coerce_numeric_args<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    params: &[ValType],
    args: &[qjs::JSValue],
    out: &mut [Val],
) -> Result<()> {
    for (i, (slot, ty)) in out.iter_mut().zip(params).enumerate() {
        *slot = match (ty, ffi::int_arg(args, i)) {
            (ValType::I32, Some(int)) => Val::I32(int),
            _ => to_wasm(ctx, state, ffi::arg(ctx, args, i), ty)?.numeric(),
        };
    }
    Ok(())
}

/// [`call_export`] for a numeric signature, with the arguments as QuickJS passed them
/// (borrowed): the values stay on the stack, an `i32` argument that is already an integer is
/// taken as it is, and nothing needs rooting.
fn call_numeric_export<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    call: &ExportCall,
    args: &[qjs::JSValue],
) -> Result<Value<'js>> {
    let ExportCall {
        func,
        signature,
        label,
    } = call;
    let mut params = [Val::I32(0); Jspi::MAILBOX];
    let params = &mut params[..signature.params.len()];
    coerce_numeric_args(ctx, state, &signature.params, args, params)?;
    let mut results = [Val::I32(0); Jspi::MAILBOX];
    let results = &mut results[..signature.results.len()];
    run_export(ctx, state, label, |cx| {
        baton_wasm::call_typed(cx, func, &signature.ty, params, results)
    })?;
    results_value(ctx, state, results.iter().map(|&v| Out::Val(v)))
}

/// The JS value of a call's results: `undefined`, the value, or an Array of them.
fn results_value<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    outs: impl IntoIterator<Item = Out>,
) -> Result<Value<'js>> {
    let mut outs = outs.into_iter();
    let Some(first) = outs.next() else {
        return Ok(Value::new_undefined(ctx.clone()));
    };
    let first = to_js(ctx, state, first)?;
    let Some(second) = outs.next() else {
        return Ok(first);
    };
    let array = Array::new(ctx.clone())?;
    for (i, out) in [Ok(first), to_js(ctx, state, second)]
        .into_iter()
        .chain(outs.map(|o| to_js(ctx, state, o)))
        .enumerate()
    {
        array.set(i, out?)?;
    }
    Ok(array.into_value())
}

/// Runs JS import `function` for a Wasm call: converts `params` to JS, calls it, and converts its
/// return value into `results` (several results through the iterable protocol).
pub(crate) fn call_import<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    function: qjs::JSValue,
    result_types: &[ValType],
    params: &[Val],
    results: &mut [Val],
) -> Result<()> {
    state.refresh_buffers(ctx, false);
    let returned = call_js(ctx, state, function, params)?;
    let coerced = results_from_js(ctx, state, result_types, returned)?;
    state.store.with(|mut cx| {
        for (slot, arg) in results.iter_mut().zip(coerced) {
            *slot = arg
                .into_val(&mut cx)
                .map_err(|m| Exception::throw_range(ctx, &m))?;
        }
        Ok(())
    })
}

/// Calls JS function `function` (with `this` undefined) with the JS values of the Wasm values
/// `params`: the hot path of Wasm calling JS, so the arguments are raw values on the stack.
pub(crate) fn call_js<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    function: qjs::JSValue,
    params: &[Val],
) -> Result<Value<'js>> {
    let mut args = RawValues {
        ctx: ctx.as_raw().as_ptr(),
        values: smallvec::SmallVec::new(),
    };
    for &param in params {
        args.values.push(match param {
            Val::I32(v) => qjs::JS_MKVAL(qjs::JS_TAG_INT, v),
            Val::F32(bits) => qjs::JS_NewFloat64(f64::from(f32::from_bits(bits))),
            Val::F64(bits) => qjs::JS_NewFloat64(f64::from_bits(bits)),
            other => {
                let value = to_js(ctx, state, read(state, other))?;
                // SAFETY: `value` is a live value of `ctx`; the new reference is `args`'s.
                unsafe { qjs::JS_DupValue(args.ctx, value.as_raw()) }
            }
        });
    }
    call_raw(ctx, function, &mut args.values)
}

/// Calls JS function `function` (with `this` undefined) with `args`, values of `ctx` that the
/// call borrows.
pub(crate) fn call_raw<'js>(
    ctx: &Ctx<'js>,
    function: qjs::JSValue,
    args: &mut [qjs::JSValue],
) -> Result<Value<'js>> {
    // SAFETY: `function` and `args` are live values of `ctx` (the callers' contract); JS_Call
    // borrows its arguments and returns a value we own (or JS_EXCEPTION, which owns nothing).
    unsafe {
        ffi::owned(
            ctx,
            qjs::JS_Call(
                ctx.as_raw().as_ptr(),
                function,
                qjs::JS_UNDEFINED,
                args.len() as std::ffi::c_int,
                args.as_mut_ptr(),
            ),
        )
    }
}

/// JS values owned as raw values of one context (lighter than [`Value`]s, which each hold a
/// reference to the context), freed on drop.
struct RawValues {
    ctx: *mut qjs::JSContext,
    values: smallvec::SmallVec<[qjs::JSValue; 8]>,
}

impl Drop for RawValues {
    fn drop(&mut self) {
        for &value in &self.values {
            // SAFETY: each value is owned by `self` and belongs to the live context `ctx`.
            unsafe { qjs::JS_FreeValue(self.ctx, value) };
        }
    }
}

/// A Wasm value as an [`Out`] (only an externref's payload needs the store).
fn read(state: &WasmState, val: Val) -> Out {
    match val {
        Val::ExternRef(Some(_)) => state.store.with(|mut cx| Out::read(&mut cx, val)),
        other => Out::Val(other),
    }
}

/// [`results_value`] with a failed conversion as the thrown value (for promise settlement).
pub(crate) fn results_to_js<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    outs: impl IntoIterator<Item = Out>,
) -> std::result::Result<Value<'js>, Value<'js>> {
    results_value(ctx, state, outs).map_err(|e| errors::take_exception(ctx, e))
}

/// Coerces what an import returned to its result types (several results through the iterable
/// protocol).
pub(crate) fn results_from_js<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    types: &[ValType],
    returned: Value<'js>,
) -> Result<Results> {
    Ok(match types {
        [] => Results::new(),
        [ty] => smallvec::smallvec![to_wasm(ctx, state, returned, ty)?],
        _ => {
            let items = iterate(ctx, returned)?;
            if items.len() != types.len() {
                return Err(Exception::throw_type(
                    ctx,
                    &format!(
                        "the import returned {} values, but its type has {} results",
                        items.len(),
                        types.len()
                    ),
                ));
            }
            items
                .into_iter()
                .zip(types)
                .map(|(v, t)| to_wasm(ctx, state, v, t))
                .collect::<Result<_>>()?
        }
    })
}

/// The values an iterable yields (the spec's "iterate" for multi-value results).
fn iterate<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> Result<Vec<Value<'js>>> {
    crate::webidl::sequence(
        ctx,
        value,
        "the value returned by an import with several results",
    )
}
