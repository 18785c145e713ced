//! Node-like formatting of JS values for `console.log` and error reports.

use rquickjs::{Coerced, Ctx, FromJs, Value};

/// `value` formatted as node's `util.inspect` would.
pub(crate) fn inspect<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> String {
    if let Some(s) = value.as_string() {
        return s.to_string().unwrap_or_default();
    }
    Coerced::<String>::from_js(ctx, value.clone())
        .map(|s| s.0)
        .unwrap_or_default()
}
