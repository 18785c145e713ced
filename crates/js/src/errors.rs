//! The `WebAssembly` error classes and the one place where core errors become JS exceptions.
//!
//! `CompileError`, `LinkError` and `RuntimeError` are NativeError-style constructors: callable
//! with or without `new`, subclasses of `Error` (real Error objects: `instanceof Error`,
//! `[object Error]`, own `message`, `name` on the prototype, `cause` from the options). They are
//! defined in JS because that is exactly what `Reflect.construct(Error, ...)` gives; the
//! constructors the binding throws are kept in the state, so a script that replaces
//! `WebAssembly.CompileError` does not change what baton throws.

use rquickjs::{Ctx, Exception, Function, Object, Result, Value};

use crate::state::WasmState;

/// The error classes, in the order `define` returns them.
pub(crate) const CLASSES: [&str; 4] = ["CompileError", "LinkError", "RuntimeError", "SuspendError"];

const DEFINE: &str = r#"
(function (names) {
  "use strict";
  return names.map((name) => {
    const C = {
      [name]: function (message, options) {
        const error = Reflect.construct(Error, [message, options], new.target || C);
        // Start the stack at the caller, as the built-in error constructors do.
        Error.captureStackTrace(error, C);
        return error;
      },
    }[name];
    Object.defineProperty(C, "prototype", {
      value: Object.create(Error.prototype, {
        constructor: { value: C, writable: true, configurable: true },
        name: { value: name, writable: true, configurable: true },
        message: { value: "", writable: true, configurable: true },
      }),
      writable: false,
    });
    Object.defineProperty(C, "length", { value: 1 });
    Object.setPrototypeOf(C, Error);
    return C;
  });
})
"#;

/// Creates the error classes and defines them on `namespace`.
pub(crate) fn define<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    namespace: &Object<'js>,
) -> Result<()> {
    let make: Function = ctx.eval(DEFINE)?;
    let classes: Vec<Function> = make.call((CLASSES.to_vec(),))?;
    for (name, class) in CLASSES.iter().zip(classes) {
        crate::webidl::define_hidden(namespace, name, class.clone())?;
        state.set_intrinsic(ctx, name, class);
    }
    Ok(())
}

/// Throws a new `class` (one of [`CLASSES`], or a standard error such as `RangeError`).
pub(crate) fn throw_class(
    ctx: &Ctx<'_>,
    state: &WasmState,
    class: &str,
    message: &str,
) -> rquickjs::Error {
    // Standard classes (RangeError, TypeError) come from the global object: unlike QuickJS's
    // `JS_Throw*Error`, which cut messages at 255 bytes, this keeps the whole message.
    let constructor = state
        .intrinsic(ctx, class)
        .or_else(|| ctx.globals().get::<_, Function>(class).ok());
    let Some(constructor) = constructor else {
        return Exception::throw_message(ctx, message);
    };
    // An Error made here carries the JS caller's stack and no frame of the constructor; giving
    // it the class's prototype makes it exactly what `new Class(message)` would have made.
    let made = Exception::from_message(ctx.clone(), message).and_then(|error| {
        let prototype: Object = constructor.get("prototype")?;
        error.as_object().set_prototype(Some(&prototype))?;
        Ok(error)
    });
    match made {
        Ok(error) => error.throw(),
        Err(e) => e,
    }
}

/// Throws the JS exception for a core error: the only mapping from core errors to JS types.
pub(crate) fn throw(ctx: &Ctx<'_>, state: &WasmState, error: baton_wasm::Error) -> rquickjs::Error {
    use baton_wasm::Error as E;
    match error {
        E::Compile(m) => throw_class(ctx, state, "CompileError", &m),
        E::Link(m) => throw_class(ctx, state, "LinkError", &m),
        E::Trap(m) => throw_class(ctx, state, "RuntimeError", &m),
        E::StackOverflow(m) | E::Resource(m) => Exception::throw_range(ctx, &m),
        E::Js(id) => ctx.throw(state.extern_value(ctx, id)),
        E::Exception(exn) => match crate::exception::exception_object(ctx, state, exn) {
            Ok(object) => ctx.throw(object),
            Err(e) => e,
        },
        E::Engine(m) => Exception::throw_internal(ctx, &m),
    }
}

/// The JS value behind a failed rquickjs call: the pending exception, or an `Error` describing a
/// failure on the Rust side of the binding.
pub fn take_exception<'js>(ctx: &Ctx<'js>, error: rquickjs::Error) -> Value<'js> {
    if error.is_exception() {
        return ctx.catch();
    }
    Exception::from_message(ctx.clone(), &error.to_string())
        .map(Exception::into_value)
        .unwrap_or_else(|_| ctx.catch())
}
