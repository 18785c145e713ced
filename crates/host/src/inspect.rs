//! Node's `util.inspect`, for `console.log`, error reports and REPL results.
//!
//! This is a port of node's `lib/internal/util/inspect.js` (v20) with its default options (depth 2,
//! `breakLength` 80, `compact` 3, no colors), so that output matches node's byte for byte where
//! the engines agree. The pieces, named after node's functions where they port one:
//! - `object` (`formatRaw`) classifies an object and collects its entries, `prototype`
//!   (`getConstructorName`) names it, `property` (`formatProperty`) prints `key: value`,
//!   `builtins` the contents of arrays, collections, buffers, promises, functions and boxed
//!   primitives, and `error` (`formatError`) errors;
//! - `layout` (`reduceToSingleString`, `groupArrayElements`) decides the line breaks, `text`
//!   quotes strings and spells numbers, `printf` (`formatWithOptions`) is `console.log`'s
//!   argument formatting, and `engine` asks QuickJS what only it can tell.
//!
//! Where QuickJS cannot give what V8 gives node, the output says so instead of guessing:
//! - Map and Set iterators print `[Map Iterator] { <items unknown> }`: QuickJS cannot preview
//!   the remaining entries without consuming them.
//! - WeakMap and WeakSet always print `<items unknown>`, also with `showHidden`.
//! - Error stacks are QuickJS's frames under a `Name: message` header (node's V8 stacks have the
//!   header built in).
//! - Objects' custom `[util.inspect.custom]` methods are not called: there is no `util` module.
//!
//! Inspecting never runs a proxy trap (proxies print as their target) and never calls a
//! prototype method the script could have replaced (see [`Intrinsics`]); it does run getters that
//! node runs too: `Symbol.toStringTag`, `constructor.name`, an error's `name`, `message`,
//! `stack` and `cause`, and a DataView's or ArrayBuffer's `byteLength`.

mod builtins;
mod engine;
mod error;
mod layout;
mod object;
mod printf;
mod property;
mod prototype;
mod text;

use std::collections::HashMap;

use rquickjs::{Coerced, Ctx, FromJs, Object, Result, Type, Value};

pub(crate) use engine::Intrinsics;
pub(crate) use layout::{Compact, string_width, strip_vt_control_characters};
use layout::{Entries, Layout};
#[allow(
    unused_imports,
    reason = "host API for callers that cannot propagate a JS exception"
)]
pub(crate) use printf::format_args;
pub(crate) use printf::try_format_args;
pub(crate) use text::number_to_string;

/// Node's `util.inspect` options that baton supports (colors are always off).
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// Also show non-enumerable properties and symbols (`[key]: value`).
    pub(crate) show_hidden: bool,
    /// How many levels of nesting to show; deeper objects print as `[Object]`. Infinite for
    /// `depth: null`; negative shows only the top level's type.
    pub(crate) depth: f64,
    /// Show proxies as `Proxy [ target, handler ]` instead of as their target.
    pub(crate) show_proxy: bool,
    pub(crate) max_array_length: usize,
    pub(crate) max_string_length: usize,
    /// The line width entries are fitted into (infinite for `Infinity`).
    pub(crate) break_length: f64,
    pub(crate) compact: Compact,
    /// Sort properties by key (`sorted: true`).
    pub(crate) sorted: bool,
    pub(crate) getters: Getters,
    /// Group digits with `_` (`1_000_000`).
    pub(crate) numeric_separator: bool,
}

/// Which accessors `inspect` calls to show their value (node's `getters` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Getters {
    None,
    All,
    /// Only getters without a setter (`getters: 'get'`).
    GetOnly,
    /// Only getters with a setter (`getters: 'set'`).
    WithSetter,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            show_hidden: false,
            depth: 2.0,
            show_proxy: false,
            max_array_length: 100,
            max_string_length: 10_000,
            break_length: 80.0,
            compact: Compact::Level(3),
            sorted: false,
            getters: Getters::None,
            numeric_separator: false,
        }
    }
}

impl Options {
    /// `self` updated with the options set in the JS object `options` (as `console.dir` and
    /// `util.inspect` take them); unknown keys and values of the wrong type are ignored.
    pub(crate) fn merge_js<'js>(mut self, options: &Value<'js>) -> Result<Self> {
        let Some(options) = options.as_object() else {
            return Ok(self);
        };
        let number = |v: &Value<'js>| -> Option<f64> {
            if v.is_null() {
                Some(f64::INFINITY)
            } else {
                v.as_number()
            }
        };
        let count = |v: &Value<'js>| {
            number(v).map(|n| {
                if n >= 0.0 {
                    n.min(usize::MAX as f64) as usize
                } else {
                    0
                }
            })
        };
        let get = |key: &str| -> Result<Option<Value<'js>>> {
            let value: Value = options.get(key)?;
            Ok((!value.is_undefined()).then_some(value))
        };
        if let Some(v) = get("showHidden")? {
            self.show_hidden = truthy(&v);
        }
        if let Some(v) = get("depth")? {
            self.depth = number(&v).unwrap_or(self.depth);
        }
        if let Some(v) = get("showProxy")? {
            self.show_proxy = truthy(&v);
        }
        if let Some(n) = get("maxArrayLength")?.as_ref().and_then(count) {
            self.max_array_length = n;
        }
        if let Some(n) = get("maxStringLength")?.as_ref().and_then(count) {
            self.max_string_length = n;
        }
        if let Some(n) = get("breakLength")?.as_ref().and_then(|v| v.as_number()) {
            self.break_length = n;
        }
        if let Some(v) = get("compact")? {
            self.compact = match (v.as_bool(), v.as_number()) {
                (Some(true), _) => Compact::Always,
                (Some(false), _) => Compact::Level(0),
                (_, Some(n)) => Compact::Level(if n > 0.0 { n as usize } else { 0 }),
                _ => self.compact,
            };
        }
        if let Some(v) = get("sorted")? {
            self.sorted = truthy(&v);
        }
        if let Some(v) = get("getters")? {
            let mode = v.as_string().and_then(|s| s.to_string().ok());
            self.getters = match mode.as_deref() {
                Some("get") => Getters::GetOnly,
                Some("set") => Getters::WithSetter,
                _ if truthy(&v) => Getters::All,
                _ => Getters::None,
            };
        }
        if let Some(v) = get("numericSeparator")? {
            self.numeric_separator = truthy(&v);
        }
        Ok(self)
    }
}

/// `value` formatted as `console.log` prints a single argument: strings as they are, anything
/// else as `util.inspect` shows it.
///
/// A getter or `toString` that throws while the value is inspected does not propagate: the
/// value is then shown as `String(value)` would show it.
pub(crate) fn inspect<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> String {
    if value.is_string() {
        return engine::lossy_string(ctx, value);
    }
    match inspect_with(ctx, value, &Options::default()) {
        Ok(text) => text,
        Err(_) => {
            let _ = ctx.catch();
            let fallback = Coerced::<String>::from_js(ctx, value.clone()).map(|s| s.0);
            fallback.unwrap_or_else(|_| {
                let _ = ctx.catch();
                "[value could not be inspected]".to_owned()
            })
        }
    }
}

/// `util.inspect(value, options)`: strings are quoted like any nested value.
///
/// # Errors
/// Propagates exceptions thrown by getters the inspection runs (as node does).
pub(crate) fn inspect_with<'js>(
    ctx: &Ctx<'js>,
    value: &Value<'js>,
    options: &Options,
) -> Result<String> {
    Inspector::new(ctx, options.clone())?.format_value(value, 0, false)
}

/// The entries of a Map or Set, as `console.table` lists them.
pub(crate) enum Collection<'js> {
    Map(Vec<(Value<'js>, Value<'js>)>),
    Set(Vec<Value<'js>>),
}

/// The entries of `value` if it is a Map or a Set (or a proxy for one).
///
/// # Errors
/// Fails only if the engine runs out of memory.
pub(crate) fn collection<'js>(
    ctx: &Ctx<'js>,
    value: &Value<'js>,
) -> Result<Option<Collection<'js>>> {
    let Some(mut object) = value.as_object().cloned() else {
        return Ok(None);
    };
    while let Ok(Some(target)) = engine::proxy_target(ctx, &object) {
        object = target;
    }
    let inspector = Inspector::new(ctx, Options::default())?;
    Ok(match engine::class_name(ctx, &object).as_str() {
        "Map" => Some(Collection::Map(
            inspector.collection_entries(&object, true)?,
        )),
        "Set" => Some(Collection::Set(
            inspector
                .collection_entries(&object, false)?
                .into_iter()
                .map(|(_, v)| v)
                .collect(),
        )),
        _ => None,
    })
}

/// `Object.prototype.hasOwnProperty.call(object, key)`, without calling into JS.
///
/// # Errors
/// Fails only for keys that cannot become property keys (a throwing `toString`).
pub(crate) fn has_own<'js>(ctx: &Ctx<'js>, object: &Object<'js>, key: &Value<'js>) -> Result<bool> {
    engine::has_own(ctx, object, key)
}

/// Whether `value` is an array or a typed array (what `console.table` shows fully at depth 0).
pub(crate) fn is_array_like<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> bool {
    value.is_array()
        || value
            .as_object()
            .is_some_and(|o| engine::typed_array(ctx, o).is_some())
}

/// JS truthiness (`ToBoolean`), which never runs user code.
pub(crate) fn truthy(value: &Value<'_>) -> bool {
    match value.type_of() {
        Type::Undefined | Type::Null | Type::Uninitialized => false,
        Type::Bool => value.as_bool().unwrap_or(false),
        Type::Int | Type::Float => value.as_number().is_some_and(|n| n != 0.0 && !n.is_nan()),
        Type::String => value
            .as_string()
            .is_some_and(|s| s.to_string().map(|s| !s.is_empty()).unwrap_or(true)),
        Type::BigInt => !matches!(
            Coerced::<String>::from_js(value.ctx(), value.clone())
                .map(|s| s.0)
                .as_deref(),
            Ok("0")
        ),
        _ => true,
    }
}

/// `String(value)`: like `ToString`, except that symbols print as `Symbol(description)` instead
/// of throwing.
pub(crate) fn to_display_string<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<String> {
    if value.is_string() {
        return Ok(engine::lossy_string(ctx, value));
    }
    if value.is_symbol() {
        return Ok(symbol_to_string(ctx, value));
    }
    Coerced::<String>::from_js(ctx, value.clone()).map(|s| s.0)
}

/// `Symbol.prototype.toString` for the symbol `value`.
fn symbol_to_string<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> String {
    let description = value
        .as_symbol()
        .and_then(|s| s.description().ok())
        .filter(|d| d.is_string())
        .map(|d| engine::lossy_string(ctx, &d))
        .unwrap_or_default();
    format!("Symbol({description})")
}

/// How a property is shown: array elements without their key, other properties as `key: value`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PropertyKind {
    /// A plain object's property (`kObjectType`).
    Object,
    /// An array element, printed without its index (`kArrayType`).
    ArrayElement,
    /// A non-index property of an array or typed array (`kArrayExtrasType`).
    ArrayExtra,
}

/// What fills the braces of an object before its own properties.
enum Contents<'js> {
    None,
    Array,
    TypedArray(usize),
    Set(Vec<Value<'js>>),
    Map(Vec<(Value<'js>, Value<'js>)>),
    ArrayBuffer,
    Promise,
    /// Entries that the engine cannot show (weak collections, iterators).
    Unknown,
    /// A module namespace's bindings, which may be uninitialized.
    Namespace(Vec<Value<'js>>),
}

/// A property key compared by content (string keys) or identity (symbols).
#[derive(PartialEq)]
enum KeyId<'js> {
    Name(String),
    Symbol(Value<'js>),
}

/// The state of one `inspect` call (node's `ctx`).
struct Inspector<'js> {
    ctx: Ctx<'js>,
    intrinsics: Intrinsics<'js>,
    opts: Options,
    /// Columns of indentation of the entry being formatted (`indentationLvl`).
    indentation: usize,
    /// The objects being formatted, outermost first, to detect cycles.
    seen: Vec<Object<'js>>,
    /// Objects found to be part of a cycle; `<ref *N>` uses their position plus one.
    circular: Vec<Object<'js>>,
    current_depth: usize,
    /// Output length per indentation level; past 2^27 the rest is cut short, as node does.
    budget: HashMap<usize, usize>,
}

impl<'js> Inspector<'js> {
    fn new(ctx: &Ctx<'js>, opts: Options) -> Result<Self> {
        Ok(Inspector {
            ctx: ctx.clone(),
            intrinsics: Intrinsics::get(ctx)?,
            opts,
            indentation: 0,
            seen: Vec::new(),
            circular: Vec::new(),
            current_depth: 0,
            budget: HashMap::new(),
        })
    }

    fn too_deep(&self, recurse_times: usize) -> bool {
        recurse_times as f64 > self.opts.depth
    }

    fn layout(&self) -> Layout {
        Layout {
            break_length: self.opts.break_length,
            compact: self.opts.compact,
            indentation: self.indentation,
            current_depth: self.current_depth,
            max_array_length: self.opts.max_array_length,
        }
    }

    /// Node's `formatValue`.
    fn format_value(
        &mut self,
        value: &Value<'js>,
        recurse_times: usize,
        typed_array: bool,
    ) -> Result<String> {
        let Some(object) = value.as_object() else {
            return self.format_primitive(value);
        };
        let mut object = object.clone();
        loop {
            match engine::proxy_target(&self.ctx, &object) {
                Err(()) => return Ok("<Revoked Proxy>".to_owned()),
                Ok(None) => break,
                Ok(Some(target)) => {
                    if self.opts.show_proxy {
                        return self.format_proxy(&object, target, recurse_times);
                    }
                    object = target;
                }
            }
        }
        if self.seen.contains(&object) {
            let index = match self.circular.iter().position(|o| *o == object) {
                Some(i) => i + 1,
                None => {
                    self.circular.push(object.clone());
                    self.circular.len()
                }
            };
            return Ok(format!("[Circular *{index}]"));
        }
        self.format_raw(&object, recurse_times, typed_array)
    }

    /// Node's `formatPrimitive`: long strings inside objects are split after their line breaks.
    fn format_primitive(&mut self, value: &Value<'js>) -> Result<String> {
        Ok(match value.type_of() {
            Type::String => {
                let mut units = engine::utf16(&self.ctx, value);
                let mut trailer = String::new();
                if units.len() > self.opts.max_string_length {
                    let remaining = units.len() - self.opts.max_string_length;
                    units.truncate(self.opts.max_string_length);
                    let s = if remaining > 1 { "s" } else { "" };
                    trailer = format!("... {remaining} more character{s}");
                }
                let limit = self.opts.break_length - self.indentation as f64 - 4.0;
                if self.opts.compact != Compact::Always
                    && units.len() > 16
                    && units.len() as f64 > limit
                {
                    let separator = format!(" +\n{}", " ".repeat(self.indentation + 2));
                    let lines: Vec<String> = units
                        .split_inclusive(|&u| u == u16::from(b'\n'))
                        .map(text::quote)
                        .collect();
                    lines.join(&separator) + &trailer
                } else {
                    text::quote(&units) + &trailer
                }
            }
            Type::Int | Type::Float => text::format_number(
                value.as_number().unwrap_or(f64::NAN),
                self.opts.numeric_separator,
            ),
            Type::BigInt => {
                let digits = Coerced::<String>::from_js(&self.ctx, value.clone())?.0;
                text::format_bigint(&digits, self.opts.numeric_separator)
            }
            Type::Bool => value.as_bool().unwrap_or(false).to_string(),
            Type::Null => "null".to_owned(),
            Type::Symbol => symbol_to_string(&self.ctx, value),
            Type::Undefined | Type::Uninitialized => "undefined".to_owned(),
            _ => to_display_string(&self.ctx, value)?,
        })
    }

    fn format_proxy(
        &mut self,
        proxy: &Object<'js>,
        target: Object<'js>,
        recurse_times: usize,
    ) -> Result<String> {
        if self.too_deep(recurse_times) {
            return Ok("Proxy [Array]".to_owned());
        }
        let recurse_times = recurse_times + 1;
        let handler = engine::proxy_handler(&self.ctx, proxy)
            .unwrap_or_else(|| Value::new_null(self.ctx.clone()));
        self.indentation += 2;
        let target = self.format_value(target.as_value(), recurse_times, false);
        let handler = self.format_value(&handler, recurse_times, false);
        self.indentation -= 2;
        let output = vec![target?, handler?];
        Ok(layout::reduce_to_single_string(
            &self.layout(),
            output,
            "",
            ("Proxy [", "]"),
            Entries::Array,
            recurse_times,
            true,
        ))
    }
}

/// Node's `getPrefix`: `Foo `, `Foo(3) `, `Foo [tag] `, `[Array(3): null prototype] `.
fn get_prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None if !tag.is_empty() && fallback != tag => {
            format!("[{fallback}{size}: null prototype] [{tag}] ")
        }
        None => format!("[{fallback}{size}: null prototype] "),
        Some(constructor) if !tag.is_empty() && constructor != tag => {
            format!("{constructor}{size} [{tag}] ")
        }
        Some(constructor) => format!("{constructor}{size} "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_ctx(f: impl FnOnce(&Ctx<'_>)) {
        let runtime = rquickjs::Runtime::new().unwrap();
        let context = rquickjs::Context::full(&runtime).unwrap();
        context.with(|ctx| {
            Intrinsics::install(&ctx).unwrap();
            f(&ctx);
        });
    }

    fn show(ctx: &Ctx<'_>, source: &str) -> String {
        let value: Value = ctx.eval(source).unwrap();
        inspect(ctx, &value)
    }

    #[test]
    fn prefixes_follow_node() {
        assert_eq!(get_prefix(Some("Foo"), "", "Object", ""), "Foo ");
        assert_eq!(get_prefix(Some("Map"), "", "Map", "(2)"), "Map(2) ");
        assert_eq!(get_prefix(Some("Foo"), "Bar", "Object", ""), "Foo [Bar] ");
        assert_eq!(get_prefix(Some("Bar"), "Bar", "Object", ""), "Bar ");
        assert_eq!(
            get_prefix(None, "", "Object", ""),
            "[Object: null prototype] "
        );
        assert_eq!(
            get_prefix(None, "Tag", "Array", "(1)"),
            "[Array(1): null prototype] [Tag] "
        );
    }

    #[test]
    fn inspects_values_like_node() {
        with_ctx(|ctx| {
            assert_eq!(show(ctx, "'raw string'"), "raw string");
            assert_eq!(
                show(ctx, "[-0, 1n, 'a', Symbol('s')]"),
                "[ -0, 1n, 'a', Symbol(s) ]"
            );
            assert_eq!(
                show(ctx, "({ a: { b: { c: { d: 1 } } } })"),
                "{ a: { b: { c: [Object] } } }"
            );
            assert_eq!(
                show(ctx, "var o = { x: 1 }; o.self = o; o"),
                "<ref *1> { x: 1, self: [Circular *1] }"
            );
            assert_eq!(show(ctx, "[1, , 3]"), "[ 1, <1 empty item>, 3 ]");
            assert_eq!(
                show(ctx, "new Map([[1, { a: 1 }]])"),
                "Map(1) { 1 => { a: 1 } }"
            );
            assert_eq!(
                show(ctx, "class A {}; class B extends A {}; B"),
                "[class B extends A]"
            );
            assert_eq!(
                show(ctx, "Object.create(null)"),
                "[Object: null prototype] {}"
            );
            assert_eq!(
                show(ctx, "new Uint8Array([1, 2])"),
                "Uint8Array(2) [ 1, 2 ]"
            );
            assert_eq!(show(ctx, "Promise.resolve(2)"), "Promise { 2 }");
            assert_eq!(
                show(ctx, "new Proxy({ t: 1 }, { get() { return 0; } })"),
                "{ t: 1 }"
            );
        });
    }

    #[test]
    fn replaced_builtins_do_not_change_output() {
        with_ctx(|ctx| {
            let shown = show(
                ctx,
                "Map.prototype.forEach = null; Date.prototype.toISOString = () => 'x';
                 [new Map([[1, 2]]), new Date(0)]",
            );
            assert_eq!(shown, "[ Map(1) { 1 => 2 }, 1970-01-01T00:00:00.000Z ]");
        });
    }

    #[test]
    fn throwing_getters_fall_back_to_string() {
        with_ctx(|ctx| {
            let shown = show(
                ctx,
                "({ get [Symbol.toStringTag]() { throw new Error('no'); } })",
            );
            assert_eq!(shown, "[value could not be inspected]");
            assert!(!ctx.has_exception());
        });
    }
}
