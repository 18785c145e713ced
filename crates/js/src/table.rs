//! `WebAssembly.Table`: a table of function or extern references shared by JS and Wasm.

use baton_wasm::wasmtime::{self, RootScope, TableType, ValType};
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Ctx, Exception, JsLifetime, Result, Value};

use crate::convert::{self, Out};
use crate::global::{parse_value_type, to_val};
use crate::state;
use crate::webidl::{dictionary, enforce_range_u32, member, require_new, required_string};

/// The largest table the JS API lets a script create (V8's limit).
const MAX_TABLE: u32 = 10_000_000;

/// `WebAssembly.Table`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Table")]
pub struct Table {
    #[qjs(skip_trace)]
    pub(crate) table: wasmtime::Table,
}

#[rquickjs::methods]
impl Table {
    /// `new WebAssembly.Table({element, initial, maximum}, value)`.
    #[qjs(constructor)]
    fn new<'js>(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        descriptor: Opt<Value<'js>>,
        value: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "Table")?;
        let descriptor = dictionary(&ctx, descriptor.0, "WebAssembly.Table(): Argument 0")?;
        let element = required_string(&ctx, &descriptor, "element", "WebAssembly.Table()")?;
        let ty = parse_value_type(&ctx, &element, "WebAssembly.Table(): Property 'element'")?;
        let ValType::Ref(ref_type) = ty.clone() else {
            return Err(Exception::throw_type(
                &ctx,
                &format!(
                    "WebAssembly.Table(): Property 'element': '{element}' is not a reference type"
                ),
            ));
        };
        let initial = match member(&descriptor, "initial")? {
            Some(v) => enforce_range_u32(&ctx, &v, "WebAssembly.Table(): Property 'initial'")?,
            None => {
                return Err(Exception::throw_type(
                    &ctx,
                    "WebAssembly.Table(): Property 'initial' is required",
                ));
            }
        };
        let maximum = match member(&descriptor, "maximum")? {
            Some(v) => Some(enforce_range_u32(
                &ctx,
                &v,
                "WebAssembly.Table(): Property 'maximum'",
            )?),
            None => None,
        };
        if initial > MAX_TABLE {
            return Err(Exception::throw_range(
                &ctx,
                &format!(
                    "WebAssembly.Table(): Property 'initial': value {initial} is above the upper bound {MAX_TABLE}"
                ),
            ));
        }
        if maximum.is_some_and(|m| m < initial) {
            return Err(Exception::throw_range(
                &ctx,
                "WebAssembly.Table(): Property 'maximum': must be greater than or equal to 'initial'",
            ));
        }
        let state = state::get(&ctx);
        let arg = to_val(&ctx, &state, value.0, &ty)?;
        let table = state.store.with(|cx| -> std::result::Result<_, String> {
            let mut scope = RootScope::new(cx);
            let init = arg.into_val(&mut scope)?.ref_().ok_or("not a reference")?;
            wasmtime::Table::new(&mut scope, TableType::new(ref_type, initial, maximum), init)
                .map_err(|e| e.to_string())
        });
        let table = table.map_err(|e| {
            Exception::throw_range(
                &ctx,
                &format!("WebAssembly.Table(): could not allocate the table: {e}"),
            )
        })?;
        Ok(Table { table })
    }

    /// `table.length`.
    #[qjs(get, enumerable, configurable)]
    fn length(&self, ctx: Ctx<'_>) -> u32 {
        let state = state::get(&ctx);
        state.store.with(|cx| self.table.size(cx)) as u32
    }

    /// `table.get(index)`: RangeError when `index` is out of bounds.
    fn get<'js>(&self, ctx: Ctx<'js>, index: Opt<Value<'js>>) -> Result<Value<'js>> {
        let index = index.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let index = enforce_range_u32(&ctx, &index, "WebAssembly.Table.get(): Argument 0")?;
        let state = state::get(&ctx);
        let out = state.store.with(|cx| {
            let mut scope = RootScope::new(cx);
            let r = self.table.get(&mut scope, u64::from(index))?;
            Some(Out::read(&mut scope, r.into()))
        });
        match out {
            Some(out) => convert::to_js(&ctx, &state, out),
            None => Err(self.out_of_bounds(&ctx, "get", index)),
        }
    }

    /// `table.set(index, value)`: a missing value sets the element type's default.
    fn set<'js>(
        &self,
        ctx: Ctx<'js>,
        index: Opt<Value<'js>>,
        value: Opt<Value<'js>>,
    ) -> Result<()> {
        let index = index.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let index = enforce_range_u32(&ctx, &index, "WebAssembly.Table.set(): Argument 0")?;
        let state = state::get(&ctx);
        let ty = state.store.with(|cx| self.table.ty(cx)).element().clone();
        let arg = to_val(&ctx, &state, value.0, &ValType::Ref(ty))?;
        let ok = state.store.with(|cx| {
            let mut scope = RootScope::new(cx);
            let Ok(Some(r)) = arg.into_val(&mut scope).map(|v| v.ref_()) else {
                return false;
            };
            self.table.set(&mut scope, u64::from(index), r).is_ok()
        });
        if ok {
            Ok(())
        } else {
            Err(self.out_of_bounds(&ctx, "set", index))
        }
    }

    /// `table.grow(delta, value)`: returns the old length; RangeError past the maximum.
    fn grow<'js>(
        &self,
        ctx: Ctx<'js>,
        delta: Opt<Value<'js>>,
        value: Opt<Value<'js>>,
    ) -> Result<u32> {
        let delta = delta.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let delta = enforce_range_u32(&ctx, &delta, "WebAssembly.Table.grow(): Argument 0")?;
        let state = state::get(&ctx);
        let ty = state.store.with(|cx| self.table.ty(cx)).element().clone();
        let arg = to_val(&ctx, &state, value.0, &ValType::Ref(ty))?;
        let old = state.store.with(|cx| {
            let mut scope = RootScope::new(cx);
            let r = arg.into_val(&mut scope).ok()?.ref_()?;
            let size = self.table.size(&scope);
            if size + u64::from(delta) > u64::from(MAX_TABLE) {
                return None;
            }
            self.table.grow(&mut scope, u64::from(delta), r).ok()
        });
        match old {
            Some(old) => Ok(old as u32),
            None => Err(Exception::throw_range(
                &ctx,
                "WebAssembly.Table.grow(): failed to grow table: maximum table size exceeded",
            )),
        }
    }
}

impl Table {
    fn out_of_bounds(&self, ctx: &Ctx<'_>, method: &str, index: u32) -> rquickjs::Error {
        let length = self.length(ctx.clone());
        Exception::throw_range(
            ctx,
            &format!(
                "WebAssembly.Table.{method}(): invalid address {index} in a table of length {length}"
            ),
        )
    }
}
