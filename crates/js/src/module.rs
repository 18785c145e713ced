//! `WebAssembly.Module`: a compiled module, and its static reflection methods.

use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Array, ArrayBuffer, Coerced, Ctx, JsLifetime, Object, Result, Value};

use crate::webidl::{brand, buffer_source_bytes, require_new};
use crate::{errors, state};

/// `WebAssembly.Module`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Module")]
pub struct Module {
    #[qjs(skip_trace)]
    pub(crate) module: baton_wasm::Module,
}

#[rquickjs::methods]
impl Module {
    /// `new WebAssembly.Module(bytes)`: compiles synchronously.
    #[qjs(constructor)]
    fn new<'js>(ctx: Ctx<'js>, this: This<Value<'js>>, bytes: Opt<Value<'js>>) -> Result<Self> {
        require_new(&ctx, &this.0, "Module")?;
        let bytes = bytes.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let bytes = buffer_source_bytes(&ctx, &bytes, "WebAssembly.Module(): Argument 0")?;
        compile(&ctx, &bytes)
    }

    /// `WebAssembly.Module.exports(module)`: `[{name, kind}]` in declaration order.
    #[qjs(static)]
    fn exports<'js>(ctx: Ctx<'js>, module: Opt<Value<'js>>) -> Result<Array<'js>> {
        let module = brand_arg::<Self>(&ctx, module, "WebAssembly.Module.exports(): Argument 0")?;
        let array = Array::new(ctx.clone())?;
        for (i, export) in module.borrow().module.exports().into_iter().enumerate() {
            let entry = Object::new(ctx.clone())?;
            entry.set("name", export.name)?;
            entry.set("kind", export.kind.as_str())?;
            array.set(i, entry)?;
        }
        Ok(array)
    }

    /// `WebAssembly.Module.imports(module)`: `[{module, name, kind}]` in declaration order.
    #[qjs(static)]
    fn imports<'js>(ctx: Ctx<'js>, module: Opt<Value<'js>>) -> Result<Array<'js>> {
        let module = brand_arg::<Self>(&ctx, module, "WebAssembly.Module.imports(): Argument 0")?;
        let array = Array::new(ctx.clone())?;
        for (i, import) in module.borrow().module.imports().into_iter().enumerate() {
            let entry = Object::new(ctx.clone())?;
            entry.set("module", import.module)?;
            entry.set("name", import.name)?;
            entry.set("kind", import.kind.as_str())?;
            array.set(i, entry)?;
        }
        Ok(array)
    }

    /// `WebAssembly.Module.customSections(module, sectionName)`: a new ArrayBuffer per section.
    #[qjs(static, rename = "customSections")]
    fn custom_sections<'js>(
        ctx: Ctx<'js>,
        module: Opt<Value<'js>>,
        name: Opt<Value<'js>>,
    ) -> Result<Array<'js>> {
        let module = brand_arg::<Self>(
            &ctx,
            module,
            "WebAssembly.Module.customSections(): Argument 0",
        )?;
        let name = name.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        if name.is_undefined() {
            return Err(rquickjs::Exception::throw_type(
                &ctx,
                "WebAssembly.Module.customSections(): Argument 1 is required",
            ));
        }
        let name = rquickjs::FromJs::from_js(&ctx, name).map(|c: Coerced<String>| c.0)?;
        let array = Array::new(ctx.clone())?;
        for (i, section) in module
            .borrow()
            .module
            .custom_sections(&name)
            .into_iter()
            .enumerate()
        {
            array.set(i, ArrayBuffer::new(ctx.clone(), section)?)?;
        }
        Ok(array)
    }
}

/// Compiles `bytes` into a `Module`, throwing `CompileError` if they are not a valid module.
pub(crate) fn compile(ctx: &Ctx<'_>, bytes: &[u8]) -> Result<Module> {
    let state = state::get(ctx);
    baton_wasm::Module::new(&state.engine, bytes)
        .map(|module| Module { module })
        .map_err(|e| errors::throw(ctx, &state, e))
}

fn brand_arg<'js, C: rquickjs::class::JsClass<'js>>(
    ctx: &Ctx<'js>,
    value: Opt<Value<'js>>,
    what: &str,
) -> Result<rquickjs::Class<'js, C>> {
    let value = value.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    brand::<C>(ctx, &value, what)
}
