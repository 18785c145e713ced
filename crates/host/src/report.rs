//! How uncaught errors and REPL results are shown.
//!
//! An uncaught exception prints as `Uncaught <Name>: <message>` followed by its stack, one frame a
//! line with `file:line:column`; a rejection nobody handled prints as
//! `Uncaught (in promise) <Name>: <message>`. Non-Error values print as `console.log` shows them.

use rquickjs::{Ctx, Object, Value};

pub(crate) use baton_js::take_exception;

/// The report for `error` reaching the top of a task (or of a promise chain, if `in_promise`).
pub(crate) fn uncaught<'js>(ctx: &Ctx<'js>, error: &Value<'js>, in_promise: bool) -> String {
    let prefix = if in_promise {
        "Uncaught (in promise)"
    } else {
        "Uncaught"
    };
    format!("{prefix} {}", describe_error(ctx, error))
}

/// `Name: message` plus the stack for Error objects; the inspected value otherwise.
pub(crate) fn describe_error<'js>(ctx: &Ctx<'js>, error: &Value<'js>) -> String {
    let Some(object) = error.as_object().filter(|o| is_error(ctx, o)) else {
        return inspect(ctx, error);
    };
    let header = error_header(object);
    let stack: String = object
        .get::<_, Option<String>>("stack")
        .ok()
        .flatten()
        .unwrap_or_default();
    // QuickJS-ng's `stack` may or may not start with the header; print it once either way.
    let frames = stack
        .strip_prefix(&header)
        .unwrap_or(&stack)
        .trim_start_matches('\n')
        .trim_end();
    if frames.is_empty() {
        header
    } else {
        format!("{header}\n{frames}")
    }
}

fn error_header(object: &Object<'_>) -> String {
    let name: String = object
        .get::<_, Option<String>>("name")
        .ok()
        .flatten()
        .unwrap_or_else(|| "Error".into());
    let message: String = object
        .get::<_, Option<String>>("message")
        .ok()
        .flatten()
        .unwrap_or_default();
    if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    }
}

fn is_error<'js>(ctx: &Ctx<'js>, object: &Object<'js>) -> bool {
    let constructor: Option<Value> = ctx.globals().get("Error").ok();
    constructor.is_some_and(|c| object.is_instance_of(c))
}

/// A REPL result as node's REPL shows it: `util.inspect`, so strings are quoted.
pub(crate) fn repl_value<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> String {
    if value.is_string() {
        let options = crate::inspect::Options::default();
        if let Ok(text) = crate::inspect::inspect_with(ctx, value, &options) {
            return text;
        }
        let _ = ctx.catch();
    }
    inspect(ctx, value)
}

/// The value as `console.log` would show it.
pub(crate) fn inspect<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> String {
    crate::inspect::inspect(ctx, value)
}

/// Whether `error` is the SyntaxError QuickJS raises when the source ends mid-statement, so the
/// REPL should read another line instead of reporting it.
pub(crate) fn is_incomplete_input<'js>(ctx: &Ctx<'js>, error: &Value<'js>) -> bool {
    let Some(object) = error.as_object().filter(|o| is_error(ctx, o)) else {
        return false;
    };
    let name: Option<String> = object.get("name").ok();
    let message: String = object
        .get::<_, Option<String>>("message")
        .ok()
        .flatten()
        .unwrap_or_default();
    name.as_deref() == Some("SyntaxError")
        && (message.starts_with("unexpected end of")
            // QuickJS names the end of input as the empty token.
            || message.ends_with("token in expression: ''")
            || message.starts_with("expecting") && message.ends_with("''"))
}
