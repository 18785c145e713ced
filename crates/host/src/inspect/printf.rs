//! `console.log`'s argument formatting (node's `util.format`).
//!
//! When the first argument is a string, its placeholders consume the following arguments:
//! `%s` (`String()`, but objects without a custom `toString` are inspected at depth 0), `%d` and
//! `%i` (`Number()` / `parseInt()`), `%f` (`parseFloat()`), `%j` (`JSON.stringify`, or
//! `[Circular]`), `%o` (inspected with hidden properties, depth 4), `%O` (inspected), `%c` (CSS,
//! consumed and dropped) and `%%` (a literal `%`). Placeholders without an argument left stay as
//! written. The remaining arguments follow, separated by spaces: strings as they are, anything
//! else inspected.

use rquickjs::{Coerced, Ctx, FromJs, Object, Result, Type, Value};

use super::{Options, engine, inspect_with, text, to_display_string};

/// `args` formatted as `console.log` prints them, for callers with no JS caller to throw to
/// (the console itself uses [`try_format_args`]).
///
/// An exception thrown by the script while the values are formatted (a throwing getter or
/// `toString`) ends the formatting early; what was formatted up to that point is returned.
#[allow(
    dead_code,
    reason = "host API for callers that cannot propagate a JS exception"
)]
pub(crate) fn format_args<'js>(ctx: &Ctx<'js>, args: &[Value<'js>]) -> String {
    let mut out = String::new();
    if format_into(ctx, args, &mut out).is_err() {
        let _ = ctx.catch();
    }
    out
}

/// Like [`format_args`], but an exception from the script propagates, as it does from node's
/// `console.log`.
///
/// # Errors
/// The exception thrown by a getter, `toString` or `valueOf` of one of the arguments.
pub(crate) fn try_format_args<'js>(ctx: &Ctx<'js>, args: &[Value<'js>]) -> Result<String> {
    let mut out = String::new();
    format_into(ctx, args, &mut out)?;
    Ok(out)
}

fn format_into<'js>(ctx: &Ctx<'js>, args: &[Value<'js>], out: &mut String) -> Result<()> {
    let mut next = 0;
    let mut separator = "";
    if let Some(first) = args.first().filter(|v| v.is_string()) {
        let format = engine::lossy_string(ctx, first);
        if args.len() == 1 {
            out.push_str(&format);
            return Ok(());
        }
        let bytes = format.as_bytes();
        let mut last = 0;
        let mut i = 0;
        // The placeholder letters and `%` are ASCII, so every slice below is at a char boundary.
        while i + 1 < bytes.len() {
            if bytes[i] != b'%' {
                i += 1;
                continue;
            }
            i += 1;
            let letter = bytes[i];
            if next + 1 == args.len() {
                if letter == b'%' {
                    out.push_str(&format[last..i]);
                    last = i + 1;
                }
                i += 1;
                continue;
            }
            let replacement = match letter {
                b's' | b'j' | b'd' | b'O' | b'o' | b'i' | b'f' => {
                    next += 1;
                    placeholder(ctx, letter, &args[next])?
                }
                b'c' => {
                    next += 1;
                    String::new()
                }
                b'%' => {
                    out.push_str(&format[last..i]);
                    last = i + 1;
                    i += 1;
                    continue;
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            if last != i - 1 {
                out.push_str(&format[last..i - 1]);
            }
            out.push_str(&replacement);
            last = i + 1;
            i += 1;
        }
        if last != 0 {
            next += 1;
            separator = " ";
            if last < format.len() {
                out.push_str(&format[last..]);
            }
        }
    }
    for value in &args[next..] {
        out.push_str(separator);
        if value.is_string() {
            out.push_str(&engine::lossy_string(ctx, value));
        } else {
            out.push_str(&inspect_with(ctx, value, &Options::default())?);
        }
        separator = " ";
    }
    Ok(())
}

/// The text that replaces `%<letter>` for `arg`.
fn placeholder<'js>(ctx: &Ctx<'js>, letter: u8, arg: &Value<'js>) -> Result<String> {
    let intrinsics = super::Intrinsics::get(ctx)?;
    let number = |n: f64| text::format_number(n, false);
    let bigint = |v: &Value<'js>| -> Result<String> {
        let digits = Coerced::<String>::from_js(ctx, v.clone())?.0;
        Ok(text::format_bigint(&digits, false))
    };
    Ok(match letter {
        b's' => match arg.type_of() {
            Type::Int | Type::Float => number(arg.as_number().unwrap_or(f64::NAN)),
            Type::BigInt => bigint(arg)?,
            // Functions print their source, as `String()` gives it.
            _ => match arg.as_object().filter(|_| !arg.is_function()) {
                Some(object) if has_builtin_to_string(ctx, object)? => {
                    let options = Options {
                        depth: 0.0,
                        ..Options::default()
                    };
                    inspect_with(ctx, arg, &options)?
                }
                _ => to_display_string(ctx, arg)?,
            },
        },
        b'j' => json(ctx, arg)?,
        b'd' => match arg.type_of() {
            Type::BigInt => bigint(arg)?,
            Type::Symbol => "NaN".to_owned(),
            _ => number(Coerced::<f64>::from_js(ctx, arg.clone())?.0),
        },
        b'i' => match arg.type_of() {
            Type::BigInt => bigint(arg)?,
            Type::Symbol => "NaN".to_owned(),
            _ => number(intrinsics.parse_int.call((arg.clone(),))?),
        },
        b'f' => match arg.type_of() {
            Type::Symbol => "NaN".to_owned(),
            _ => number(intrinsics.parse_float.call((arg.clone(),))?),
        },
        b'o' => {
            let options = Options {
                show_hidden: true,
                show_proxy: true,
                depth: 4.0,
                ..Options::default()
            };
            inspect_with(ctx, arg, &options)?
        }
        _ => inspect_with(ctx, arg, &Options::default())?,
    })
}

/// `JSON.stringify(arg)` for `%j`: `undefined` for values JSON cannot represent, `[Circular]` for
/// cyclic structures.
fn json<'js>(ctx: &Ctx<'js>, arg: &Value<'js>) -> Result<String> {
    match ctx.json_stringify(arg.clone()) {
        Ok(Some(text)) => text.to_string(),
        Ok(None) => Ok("undefined".to_owned()),
        Err(e) => {
            let thrown = ctx.catch();
            let circular = thrown.as_object().is_some_and(|error| {
                let name: Option<String> = error.get("name").ok();
                let message: Option<String> = error.get("message").ok();
                name.as_deref() == Some("TypeError")
                    && message.is_some_and(|m| m.to_ascii_lowercase().contains("circular"))
            });
            if circular {
                Ok("[Circular]".to_owned())
            } else {
                Err(rethrow(ctx, thrown, e))
            }
        }
    }
}

/// Puts `thrown` back as the pending exception, so `error` keeps its meaning.
fn rethrow<'js>(ctx: &Ctx<'js>, thrown: Value<'js>, error: rquickjs::Error) -> rquickjs::Error {
    if error.is_exception() {
        ctx.throw(thrown)
    } else {
        error
    }
}

/// Node's `hasBuiltInToString`: whether the `toString` (or `Symbol.toPrimitive`) that `String()`
/// would use on `object` comes from a built-in prototype, in which case `%s` inspects the object
/// instead of printing `[object Object]`.
fn has_builtin_to_string<'js>(ctx: &Ctx<'js>, object: &Object<'js>) -> Result<bool> {
    let mut object = object.clone();
    match engine::proxy_target(ctx, &object) {
        Err(()) => return Ok(true),
        Ok(Some(target)) => object = target,
        Ok(None) => {}
    }
    let to_string_key = rquickjs::String::from_str(ctx.clone(), "toString")?.into_value();
    let to_primitive = rquickjs::Symbol::to_primitive(ctx.clone()).into_value();
    let is_function = |key: &Value<'js>| -> Result<bool> {
        Ok(object.get::<_, Value>(key.clone())?.is_function())
    };
    let own = |o: &Object<'js>, key: &Value<'js>| engine::has_own(ctx, o, key);
    let mut check_to_string = true;
    let mut check_to_primitive = true;
    if !is_function(&to_string_key)? {
        if !is_function(&to_primitive)? {
            return Ok(true);
        } else if own(&object, &to_primitive)? {
            return Ok(false);
        }
        check_to_string = false;
    } else if own(&object, &to_string_key)? {
        return Ok(false);
    } else if !is_function(&to_primitive)? {
        check_to_primitive = false;
    } else if own(&object, &to_primitive)? {
        return Ok(false);
    }
    // Find the prototype that provides the method, and check whose prototype that is.
    let mut pointer = object;
    loop {
        let Some(proto) = pointer.get_prototype() else {
            return Ok(true);
        };
        pointer = proto;
        if (check_to_string && own(&pointer, &to_string_key)?)
            || (check_to_primitive && own(&pointer, &to_primitive)?)
        {
            break;
        }
    }
    let constructor_key = rquickjs::String::from_str(ctx.clone(), "constructor")?.into_value();
    let Some(constructor) = engine::own_property(ctx, &pointer, &constructor_key)?
        .and_then(|d| d.value)
        .filter(|v| v.is_function())
        .and_then(|v| v.into_object())
    else {
        return Ok(false);
    };
    super::Inspector::new(ctx, Options::default())?.is_builtin_constructor(&constructor)
}
