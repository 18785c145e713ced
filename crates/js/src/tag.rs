//! `WebAssembly.Tag` and `WebAssembly.JSTag`: exception tags that JS can create, import into
//! and receive from instances.
//!
//! A tag is one JS object however often it is exported (instances re-exporting an imported tag
//! give back the imported object). `WebAssembly.JSTag` is the tag JS exceptions travel with
//! through Wasm (`(param externref)`); importing it lets Wasm `catch $JSTag` and get the thrown JS
//! value itself. Type reflection (`type()`) is not exposed, as for the other classes.

use baton_wasm::wasmtime::{self, FuncType, TagType, ValType};
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Class, Ctx, Exception, JsLifetime, Result, Value};

use crate::global::parse_value_type;
use crate::state::{self, WasmState};
use crate::webidl::{dictionary, member, require_new, sequence};

/// `WebAssembly.Tag`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Tag")]
pub struct Tag {
    #[qjs(skip_trace)]
    pub(crate) tag: wasmtime::Tag,
}

#[rquickjs::methods]
impl Tag {
    /// `new WebAssembly.Tag({parameters})`: `parameters` is a sequence of value type names.
    #[qjs(constructor)]
    fn new<'js>(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        descriptor: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "Tag")?;
        let what = "WebAssembly.Tag(): Argument 0";
        let descriptor = dictionary(&ctx, descriptor.0, what)?;
        let Some(parameters) = member(&descriptor, "parameters")? else {
            return Err(Exception::throw_type(
                &ctx,
                "WebAssembly.Tag(): Property 'parameters' is required",
            ));
        };
        let list = sequence(&ctx, parameters, "WebAssembly.Tag(): Property 'parameters'")?;
        let mut types: Vec<ValType> = Vec::with_capacity(list.len());
        for item in list {
            let name: String =
                rquickjs::FromJs::from_js(&ctx, item).map(|c: rquickjs::Coerced<String>| c.0)?;
            types.push(parse_value_type(
                &ctx,
                &name,
                "WebAssembly.Tag(): Property 'parameters'",
            )?);
        }
        let state = state::get(&ctx);
        let ty = TagType::new(FuncType::new(state.engine.wasmtime(), types, []));
        let tag = state
            .store
            .with(|cx| wasmtime::Tag::new(cx, &ty))
            .map_err(|e| Exception::throw_range(&ctx, &format!("WebAssembly.Tag(): {e}")))?;
        Ok(Tag { tag })
    }
}

/// The one JS object for `tag`: the object it was imported or first exported as, or a new one.
pub(crate) fn tag_object<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    tag: wasmtime::Tag,
) -> Result<Value<'js>> {
    if let Some(object) = state.tag_object(ctx, &tag) {
        return Ok(object);
    }
    let object = Class::instance(ctx.clone(), Tag { tag })?.into_value();
    state.set_tag_object(ctx, tag, object.clone());
    Ok(object)
}
