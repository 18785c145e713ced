//! `WebAssembly.compileStreaming(source)` and `WebAssembly.instantiateStreaming(source, imports)`:
//! the JS API's Web embedding, over the local-file `Response`s of `fetch.rs`.
//!
//! `source` is a `Response` or a promise of one. The checks are the spec's "compile a potential
//! WebAssembly response", in its order (see [`crate::fetch::take_wasm_body`]): a `Response`,
//! content type `application/wasm`, an ok status, a body not yet used; each failure is a
//! TypeError. The bytes then go to `WebAssembly.compile` (a promise of the `Module`) or
//! `WebAssembly.instantiate` (a promise of `{module, instance}`), so compilation errors are the
//! namespace's `CompileError`/`LinkError`/`RuntimeError`. Every error rejects the returned promise;
//! nothing throws synchronously.
//!
//! These live in `host` rather than `baton-js` because they need `Response`, which belongs to the
//! host's `fetch`. They use the namespace's own `compile` and `instantiate`, captured when they
//! are installed, so a script that replaces `WebAssembly.compile` does not change them.
//!
//! The two operations are small async JS functions over a native body check: `await` adopts the
//! source promise through the engine's internals (as the spec's "upon fulfillment" does, with no
//! script-visible `then` lookup on native promises), an async function rejects rather than throws,
//! and the captured functions are held in JS closures the garbage collector sees (a Rust closure
//! holding JS values would hide them from it).

use rquickjs::context::EvalOptions;
use rquickjs::object::Property;
use rquickjs::{ArrayBuffer, Coerced, Ctx, Function, Object, Result, Value};

use crate::fetch;

/// Makes the two operations from the captured `compile`, `instantiate` and the body check.
const DEFINE: &str = r#"
(function (compile, instantiate, takeBody) {
  "use strict";
  const operations = {
    async compileStreaming(source) {
      const bytes = takeBody(await source, "WebAssembly.compileStreaming()");
      return await compile(bytes);
    },
    // The default keeps `length` at 1, as for WebIDL's optional argument.
    async instantiateStreaming(source, importObject = undefined) {
      const bytes = takeBody(await source, "WebAssembly.instantiateStreaming()");
      return await instantiate(bytes, importObject);
    },
  };
  return [operations.compileStreaming, operations.instantiateStreaming];
})
"#;

/// Installs both operations on the `WebAssembly` namespace, which must already exist.
pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    let namespace: Object = ctx.globals().get("WebAssembly")?;
    let compile: Function = namespace.get("compile")?;
    let instantiate: Function = namespace.get("instantiate")?;
    let take_body = Function::new(ctx.clone(), take_body)?.with_name("takeBody")?;

    let mut options = EvalOptions::default();
    options.strict = true;
    options.filename = Some("baton:wasm-streaming".to_owned());
    let define: Function = ctx.eval_with_options(DEFINE, options)?;
    let operations: Vec<Function> = define.call((compile, instantiate, take_body))?;
    for (name, operation) in ["compileStreaming", "instantiateStreaming"]
        .into_iter()
        .zip(operations)
    {
        // A WebIDL operation: writable, configurable, not enumerable.
        namespace.prop(name, Property::from(operation).writable().configurable())?;
    }
    Ok(())
}

/// The body of the `Response` `value` as a new `ArrayBuffer`, or the TypeError of the check that
/// failed; `what` names the calling operation in messages.
fn take_body<'js>(
    ctx: Ctx<'js>,
    value: Value<'js>,
    what: Coerced<String>,
) -> Result<ArrayBuffer<'js>> {
    let bytes = fetch::take_wasm_body(&ctx, &value, &what.0)?;
    ArrayBuffer::new(ctx, bytes)
}
