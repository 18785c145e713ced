//! `WebAssembly.Global`: a global variable that JS and Wasm share.

use baton_wasm::wasmtime::{self, GlobalType, Mutability, RootScope, ValType};
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Ctx, Exception, JsLifetime, Result, Value};

use crate::convert::{self, Out};
use crate::state::{self, WasmState};
use crate::webidl::{dictionary, member, require_new, required_string, to_boolean};

/// `WebAssembly.Global`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Global")]
pub struct Global {
    #[qjs(skip_trace)]
    pub(crate) global: wasmtime::Global,
}

/// The value type a descriptor's `value` (or a table's `element`) names.
pub(crate) fn parse_value_type(ctx: &Ctx<'_>, name: &str, what: &str) -> Result<ValType> {
    Ok(match name {
        "i32" => ValType::I32,
        "i64" => ValType::I64,
        "f32" => ValType::F32,
        "f64" => ValType::F64,
        "v128" => ValType::V128,
        "externref" => ValType::EXTERNREF,
        "anyfunc" | "funcref" => ValType::FUNCREF,
        other => {
            return Err(Exception::throw_type(
                ctx,
                &format!(
                    "{what}: '{other}' is not a value type (expected i32, i64, f32, f64, v128, externref or funcref)"
                ),
            ));
        }
    })
}

/// Sets a Wasm value from JS, or the spec's default (`undefined` converted) when `value` is absent.
pub(crate) fn to_val<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    value: Option<Value<'js>>,
    ty: &ValType,
) -> Result<convert::Arg> {
    match value {
        Some(v) if !v.is_undefined() => convert::to_wasm(ctx, state, v, ty),
        _ => match ty {
            // DefaultValue(funcref) is null; every other type converts `undefined`.
            ValType::Ref(rt) if matches!(rt.heap_type(), wasmtime::HeapType::Func) => {
                Ok(convert::Arg::Val(wasmtime::Val::FuncRef(None)))
            }
            ValType::I64 => Ok(convert::Arg::Val(wasmtime::Val::I64(0))),
            _ => convert::to_wasm(ctx, state, Value::new_undefined(ctx.clone()), ty),
        },
    }
}

#[rquickjs::methods]
impl Global {
    /// `new WebAssembly.Global({value, mutable}, v)`.
    #[qjs(constructor)]
    fn new<'js>(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        descriptor: Opt<Value<'js>>,
        value: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "Global")?;
        let what = "WebAssembly.Global(): Argument 0";
        let descriptor = dictionary(&ctx, descriptor.0, what)?;
        let mutable = member(&descriptor, "mutable")?.is_some_and(|v| to_boolean(&v));
        let type_name = required_string(&ctx, &descriptor, "value", "WebAssembly.Global()")?;
        let ty = parse_value_type(&ctx, &type_name, "WebAssembly.Global(): Property 'value'")?;
        if matches!(ty, ValType::V128) {
            return Err(Exception::throw_type(
                &ctx,
                "WebAssembly.Global(): a v128 global cannot be created from JavaScript",
            ));
        }
        let state = state::get(&ctx);
        let arg = to_val(&ctx, &state, value.0, &ty)?;
        let mutability = if mutable {
            Mutability::Var
        } else {
            Mutability::Const
        };
        let global = state.store.with(|cx| -> std::result::Result<_, String> {
            let mut scope = RootScope::new(cx);
            let val = arg.into_val(&mut scope)?;
            wasmtime::Global::new(&mut scope, GlobalType::new(ty, mutability), val)
                .map_err(|e| e.to_string())
        });
        let global = global
            .map_err(|e| Exception::throw_range(&ctx, &format!("WebAssembly.Global(): {e}")))?;
        Ok(Global { global })
    }

    /// `global.value` (getter).
    #[qjs(get, rename = "value", enumerable, configurable)]
    fn get_value<'js>(&self, ctx: Ctx<'js>) -> Result<Value<'js>> {
        self.read(&ctx)
    }

    /// `global.value = v`: TypeError for an immutable global.
    #[qjs(set, rename = "value", enumerable, configurable)]
    fn set_value<'js>(&self, ctx: Ctx<'js>, value: Value<'js>) -> Result<()> {
        let state = state::get(&ctx);
        let ty = state.store.with(|cx| self.global.ty(cx));
        if ty.mutability() == Mutability::Const {
            return Err(Exception::throw_type(
                &ctx,
                "WebAssembly.Global.value: cannot set the value of an immutable global",
            ));
        }
        if matches!(ty.content(), ValType::V128) {
            return Err(Exception::throw_type(
                &ctx,
                "WebAssembly.Global.value: type v128 cannot be set from JavaScript",
            ));
        }
        let arg = convert::to_wasm(&ctx, &state, value, ty.content())?;
        let result = state.store.with(|cx| -> std::result::Result<(), String> {
            let mut scope = RootScope::new(cx);
            let val = arg.into_val(&mut scope)?;
            self.global.set(&mut scope, val).map_err(|e| e.to_string())
        });
        result.map_err(|e| Exception::throw_type(&ctx, &format!("WebAssembly.Global.value: {e}")))
    }

    /// `global.valueOf()`: the value.
    #[qjs(rename = "valueOf")]
    fn value_of<'js>(&self, ctx: Ctx<'js>) -> Result<Value<'js>> {
        self.read(&ctx)
    }
}

impl Global {
    fn read<'js>(&self, ctx: &Ctx<'js>) -> Result<Value<'js>> {
        let state = state::get(ctx);
        let out = state.store.with(|cx| {
            let mut scope = RootScope::new(cx);
            let val = self.global.get(&mut scope);
            Out::read(&mut scope, val)
        });
        convert::to_js(ctx, &state, out)
    }
}
