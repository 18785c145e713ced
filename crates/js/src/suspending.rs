//! `WebAssembly.Suspending` and the `SuspendError` messages.
//!
//! A `Suspending` object is a plain, non-callable marker around a JS function. It has an effect
//! only as a function import: the import then suspends its promising call until the function's
//! result (always passed through `Promise.resolve`) settles. Anywhere a function value is
//! expected (a table, a global) it is a TypeError, and as any other kind of import a LinkError.

use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Ctx, Exception, Function, JsLifetime, Result, Value};

use crate::promising::Activation;
use crate::state::WasmState;
use crate::webidl::require_new;

/// `WebAssembly.Suspending`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Suspending")]
pub struct Suspending<'js> {
    pub(crate) function: Function<'js>,
}

#[rquickjs::methods]
impl<'js> Suspending<'js> {
    /// `new WebAssembly.Suspending(jsFun)`: `jsFun` must be callable.
    #[qjs(constructor)]
    fn new(ctx: Ctx<'js>, this: This<Value<'js>>, function: Opt<Value<'js>>) -> Result<Self> {
        require_new(&ctx, &this.0, "Suspending")?;
        match function.0.and_then(|f| f.into_function()) {
            Some(function) => Ok(Suspending { function }),
            None => Err(Exception::throw_type(
                &ctx,
                "WebAssembly.Suspending(): Argument 0 must be a function",
            )),
        }
    }
}

/// The message of the SuspendError for Suspending import `import` reached outside a promising
/// call: V8's wording first (what users search for), then what blocked the suspension.
pub(crate) fn suspend_error_message(state: &WasmState, import: &str) -> String {
    let activations = state.jspi.activations.borrow();
    let mut frames = activations.iter().rev();
    match frames.next() {
        Some(Activation::Start) => format!(
            "trying to suspend without WebAssembly.promising: Suspending import '{import}' was called by a start function, during instantiation"
        ),
        Some(Activation::Plain(export)) => {
            let blocker = frames.find_map(|a| match *a {
                Activation::Import { import, slot } => Some((
                    state
                        .import(import)
                        .map(|i| i.info.name.clone())
                        .unwrap_or_default(),
                    crate::promising::job_export(state, slot),
                )),
                _ => None,
            });
            match blocker {
                Some((js_import, promising)) => format!(
                    "trying to suspend JS frames: Suspending import '{import}' was reached through export \
                     '{export}', which JS import '{js_import}' called inside the promising call of '{promising}'; a \
                     promising call can only suspend Wasm frames"
                ),
                None => format!(
                    "trying to suspend without WebAssembly.promising: export '{export}' called Suspending \
                     import '{import}'; call the export through WebAssembly.promising(...)"
                ),
            }
        }
        _ => {
            format!("trying to suspend without WebAssembly.promising: Suspending import '{import}'")
        }
    }
}
