//! `WebAssembly.Exception`: a Wasm exception as a JS object.
//!
//! A Wasm exception that escapes to JS arrives as a `WebAssembly.Exception`; thrown back into Wasm
//! (by a JS import) it is the same exception again, and the same JS object comes out each time
//! (identity both ways). JS values thrown through Wasm travel with `WebAssembly.JSTag` instead and
//! come out as themselves, so they never become `Exception` objects.

use baton_wasm::Exn;
use baton_wasm::wasmtime::{self, AsContextMut, ExnRef, ExnRefPre, ExnType, RootScope};
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Class, Ctx, Exception as JsError, JsLifetime, Result, Value};

use crate::convert::{self, Out};
use crate::state::{self, WasmState};
use crate::tag::Tag;
use crate::webidl::{brand, enforce_range_u32, member, require_new, sequence, to_boolean};

/// `WebAssembly.Exception`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Exception")]
pub struct Exception {
    #[qjs(skip_trace)]
    pub(crate) exn: Exn,
    #[qjs(skip_trace)]
    tag: wasmtime::Tag,
    #[qjs(skip_trace)]
    stack: Option<String>,
}

#[rquickjs::methods]
impl Exception {
    /// `new WebAssembly.Exception(tag, payload, {traceStack})`.
    #[qjs(constructor)]
    fn new<'js>(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        tag: Opt<Value<'js>>,
        payload: Opt<Value<'js>>,
        options: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "Exception")?;
        let tag = tag.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let tag = brand::<Tag>(&ctx, &tag, "WebAssembly.Exception(): Argument 0")?
            .borrow()
            .tag;
        let state = state::get(&ctx);
        let ty = state.store.with(|cx| tag.ty(cx));
        let params: Vec<_> = ty.ty().params().collect();
        let payload = payload
            .0
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let values = sequence(&ctx, payload, "WebAssembly.Exception(): Argument 1")?;
        if values.len() != params.len() {
            return Err(JsError::throw_type(
                &ctx,
                &format!(
                    "WebAssembly.Exception(): Argument 1 has {} values, but the tag has {} parameters",
                    values.len(),
                    params.len()
                ),
            ));
        }
        let mut args = Vec::with_capacity(params.len());
        for (value, param) in values.into_iter().zip(&params) {
            args.push(convert::to_wasm(&ctx, &state, value, param)?);
        }
        let trace_stack = match options.0.and_then(|o| o.into_object()) {
            Some(o) => member(&o, "traceStack")?.is_some_and(|v| to_boolean(&v)),
            None => false,
        };
        let exn = state.store.with(|cx| -> std::result::Result<Exn, String> {
            let mut scope = RootScope::new(cx);
            let vals = args
                .into_iter()
                .map(|a| a.into_val(&mut scope))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            let exn_ty = ExnType::from_tag_type(&ty).map_err(|e| e.to_string())?;
            scope.as_context_mut().data_mut().before_gc_allocation();
            let pre = ExnRefPre::new(&mut scope, exn_ty);
            let exn = ExnRef::new(&mut scope, &pre, &tag, &vals).map_err(|e| e.to_string())?;
            Ok(Exn(exn
                .to_owned_rooted(&mut scope)
                .map_err(|e| e.to_string())?))
        });
        let exn =
            exn.map_err(|e| JsError::throw_range(&ctx, &format!("WebAssembly.Exception(): {e}")))?;
        let stack = if trace_stack {
            let here = JsError::from_message(ctx.clone(), "")?;
            here.stack()
        } else {
            None
        };
        Ok(Exception { exn, tag, stack })
    }

    /// `exception.getArg(tag, index)`: payload value `index`; TypeError for another tag.
    #[qjs(rename = "getArg")]
    fn get_arg<'js>(
        &self,
        ctx: Ctx<'js>,
        tag: Opt<Value<'js>>,
        index: Opt<Value<'js>>,
    ) -> Result<Value<'js>> {
        let tag = tag.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let tag = brand::<Tag>(&ctx, &tag, "WebAssembly.Exception.getArg(): Argument 0")?
            .borrow()
            .tag;
        let state = state::get(&ctx);
        if !state
            .store
            .with(|cx| wasmtime::Tag::eq(&tag, &self.tag, &cx))
        {
            return Err(JsError::throw_type(
                &ctx,
                "WebAssembly.Exception.getArg(): the exception does not have this tag",
            ));
        }
        let index = index.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let index =
            enforce_range_u32(&ctx, &index, "WebAssembly.Exception.getArg(): Argument 1")? as usize;
        let out = state.store.with(|cx| {
            let mut scope = RootScope::new(cx);
            let exn = self.exn.0.to_rooted(&mut scope);
            exn.field(&mut scope, index)
                .ok()
                .map(|v| Out::read(&mut scope, v))
        });
        match out {
            Some(out) => convert::to_js(&ctx, &state, out),
            None => Err(JsError::throw_range(
                &ctx,
                &format!("WebAssembly.Exception.getArg(): index {index} is out of range"),
            )),
        }
    }

    /// `exception.is(tag)`: whether the exception has `tag`.
    fn is<'js>(&self, ctx: Ctx<'js>, tag: Opt<Value<'js>>) -> Result<bool> {
        let tag = tag.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let tag = brand::<Tag>(&ctx, &tag, "WebAssembly.Exception.is(): Argument 0")?
            .borrow()
            .tag;
        let state = state::get(&ctx);
        Ok(state
            .store
            .with(|cx| wasmtime::Tag::eq(&tag, &self.tag, &cx)))
    }

    /// `exception.stack`: the JS stack where it was created with `{traceStack: true}`.
    #[qjs(get, enumerable, configurable)]
    fn stack(&self) -> Option<String> {
        self.stack.clone()
    }
}

/// The one JS object for the Wasm exception `exn`.
pub(crate) fn exception_object<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    exn: Exn,
) -> Result<Value<'js>> {
    if let Some(object) = state.exception_object(ctx, &exn) {
        return Ok(object);
    }
    let tag = state
        .store
        .with(|cx| {
            let mut scope = RootScope::new(cx);
            let rooted = exn.0.to_rooted(&mut scope);
            rooted.tag(&mut scope)
        })
        .map_err(|e| JsError::throw_internal(ctx, &e.to_string()))?;
    let object = Class::instance(
        ctx.clone(),
        Exception {
            exn: exn.clone(),
            tag,
            stack: None,
        },
    )?
    .into_value();
    state.set_exception_object(ctx, exn, object.clone());
    Ok(object)
}

/// The Wasm exception behind `value`, if it is a `WebAssembly.Exception` (remembering the object
/// so the exception comes back out as it).
pub(crate) fn exn_of<'js>(ctx: &Ctx<'js>, state: &WasmState, value: &Value<'js>) -> Option<Exn> {
    let exception = Class::<Exception>::from_value(value).ok()?;
    let exn = exception.borrow().exn.clone();
    state.set_exception_object(ctx, exn.clone(), value.clone());
    Some(exn)
}
