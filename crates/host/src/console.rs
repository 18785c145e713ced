//! The global `console`, as node's.
//!
//! - `log`, `info`, `debug`, `dirxml` write their formatted arguments (see `inspect::format_args`)
//!   to stdout; `warn`, `error` and `trace` to stderr. `trace` prints `Trace: <message>` and the
//!   stack of its caller.
//! - `dir(value, options)` prints `util.inspect(value, options)`: strings are quoted, and node's
//!   inspect options (`depth`, `showHidden`, `breakLength`, `compact`, ...) apply.
//! - `assert(condition, ...data)` prints `Assertion failed[: data]` to stderr when the condition
//!   is falsy.
//! - `count`/`countReset` and `time`/`timeLog`/`timeEnd` keep per-label counters and start
//!   times; misuse (an unknown label, a label started twice) prints `Warning: ...` to stderr
//!   where node emits a process warning.
//! - `group`/`groupCollapsed` indent everything written afterwards, on both streams, by two more
//!   spaces until the matching `groupEnd`.
//! - `table(data, columns)` draws node's box table (see `console/table.rs`).
//! - `clear()` clears the screen when stdout is a terminal.
//! - `profile`, `profileEnd` and `timeStamp` do nothing, as in node without an inspector.
//!
//! Output goes through `crate::stdio`, so a closed pipe silently drops it. The counters, timers
//! and group indentation belong to the runtime's console object, not to the process.

mod table;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::IsTerminal;
use std::rc::Rc;
use std::time::Instant;

use rquickjs::function::{IntoJsFunc, Opt, Rest};
use rquickjs::object::Property;
use rquickjs::{Coerced, Ctx, Exception, FromJs, Function, Object, Result, Value};

use crate::inspect::{self, Intrinsics, Options};
use crate::stdio::{self, Stream};

/// How far `group` indents each level.
const GROUP_INDENTATION: usize = 2;

/// The per-runtime state behind the `console` methods.
#[derive(Default)]
struct Console {
    /// Columns of group indentation.
    indentation: Cell<usize>,
    counts: RefCell<HashMap<String, u64>>,
    timers: RefCell<HashMap<String, Instant>>,
}

impl Console {
    /// Writes `text` as one console entry: every line indented to the current group level.
    fn write(&self, stream: Stream, text: &str) {
        let indentation = self.indentation.get();
        if indentation == 0 {
            stdio::write_line(stream, text);
        } else {
            let pad = " ".repeat(indentation);
            let text = text.replace('\n', &format!("\n{pad}"));
            stdio::write_line(stream, &format!("{pad}{text}"));
        }
    }

    /// Node emits these as process warnings; baton prints them straight away.
    fn warning(&self, message: &str) {
        stdio::write_line(Stream::Stderr, &format!("Warning: {message}"));
    }

    fn print<'js>(&self, ctx: &Ctx<'js>, stream: Stream, args: &[Value<'js>]) -> Result<()> {
        let text = inspect::try_format_args(ctx, args)?;
        self.write(stream, &text);
        Ok(())
    }
}

/// Defines the global `console`.
///
/// # Errors
/// Fails only if the engine runs out of memory.
pub(crate) fn install<'js>(ctx: &Ctx<'js>) -> Result<()> {
    // Capture the built-ins `inspect` relies on before any script can replace them.
    Intrinsics::install(ctx)?;
    let state = Rc::new(Console::default());
    let console = Object::new(ctx.clone())?;

    for (name, stream) in [
        ("log", Stream::Stdout),
        ("info", Stream::Stdout),
        ("debug", Stream::Stdout),
        ("dirxml", Stream::Stdout),
        ("warn", Stream::Stderr),
        ("error", Stream::Stderr),
    ] {
        let state = state.clone();
        define(
            ctx,
            &console,
            name,
            move |ctx: Ctx<'js>, args: Rest<Value<'js>>| state.print(&ctx, stream, &args.0),
        )?;
    }

    let s = state.clone();
    define(
        ctx,
        &console,
        "trace",
        move |ctx: Ctx<'js>, args: Rest<Value<'js>>| {
            let message = inspect::try_format_args(&ctx, &args.0)?;
            let header = if message.is_empty() {
                "Trace".to_owned()
            } else {
                format!("Trace: {message}")
            };
            let frames = caller_frames(&ctx)?;
            if frames.is_empty() {
                s.write(Stream::Stderr, &header);
            } else {
                s.write(Stream::Stderr, &format!("{header}\n{frames}"));
            }
            Ok::<_, rquickjs::Error>(())
        },
    )?;

    let s = state.clone();
    define(
        ctx,
        &console,
        "assert",
        move |ctx: Ctx<'js>, condition: Opt<Value<'js>>, data: Rest<Value<'js>>| -> Result<()> {
            if condition.0.as_ref().is_some_and(inspect::truthy) {
                return Ok(());
            }
            let mut data = data.0;
            match data.first_mut() {
                None => s.write(Stream::Stderr, "Assertion failed"),
                Some(first) => {
                    // Like node, the first argument is stringified into the message and the
                    // result formatted again, so it may hold placeholders.
                    let text = Coerced::<String>::from_js(&ctx, first.clone())?.0;
                    let message = format!("Assertion failed: {text}");
                    *first = rquickjs::String::from_str(ctx.clone(), &message)?.into_value();
                    s.print(&ctx, Stream::Stderr, &data)?;
                }
            }
            Ok(())
        },
    )?;

    let s = state.clone();
    define(
        ctx,
        &console,
        "dir",
        move |ctx: Ctx<'js>, value: Opt<Value<'js>>, options: Opt<Value<'js>>| -> Result<()> {
            let value = value.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
            let options = match &options.0 {
                Some(options) => Options::default().merge_js(options)?,
                None => Options::default(),
            };
            let text = inspect::inspect_with(&ctx, &value, &options)?;
            s.write(Stream::Stdout, &text);
            Ok(())
        },
    )?;

    let s = state.clone();
    define(
        ctx,
        &console,
        "time",
        move |ctx: Ctx<'js>, label: Opt<Value<'js>>| {
            let label = label_of(&ctx, label)?;
            match s.timers.borrow_mut().entry(label) {
                Entry::Occupied(entry) => s.warning(&format!(
                    "Label '{}' already exists for console.time()",
                    entry.key()
                )),
                Entry::Vacant(entry) => {
                    entry.insert(Instant::now());
                }
            }
            Ok::<_, rquickjs::Error>(())
        },
    )?;

    for (name, end) in [("timeLog", false), ("timeEnd", true)] {
        let s = state.clone();
        define(
            ctx,
            &console,
            name,
            move |ctx: Ctx<'js>, label: Opt<Value<'js>>, data: Rest<Value<'js>>| -> Result<()> {
                let label = label_of(&ctx, label)?;
                let started = if end {
                    s.timers.borrow_mut().remove(&label)
                } else {
                    s.timers.borrow().get(&label).copied()
                };
                let Some(started) = started else {
                    s.warning(&format!("No such label '{label}' for console.{name}()"));
                    return Ok(());
                };
                let elapsed = format_time(started.elapsed().as_secs_f64() * 1000.0);
                let mut args = vec![
                    string(&ctx, "%s: %s")?,
                    string(&ctx, &label)?,
                    string(&ctx, &elapsed)?,
                ];
                args.extend(data.0);
                s.print(&ctx, Stream::Stdout, &args)
            },
        )?;
    }

    let s = state.clone();
    define(
        ctx,
        &console,
        "count",
        move |ctx: Ctx<'js>, label: Opt<Value<'js>>| {
            let label = label_of(&ctx, label)?;
            let count = {
                let mut counts = s.counts.borrow_mut();
                let count = counts.entry(label.clone()).or_insert(0);
                *count += 1;
                *count
            };
            s.write(Stream::Stdout, &format!("{label}: {count}"));
            Ok::<_, rquickjs::Error>(())
        },
    )?;

    let s = state.clone();
    define(
        ctx,
        &console,
        "countReset",
        move |ctx: Ctx<'js>, label: Opt<Value<'js>>| {
            let label = label_of(&ctx, label)?;
            if s.counts.borrow_mut().remove(&label).is_none() {
                s.warning(&format!("Count for '{label}' does not exist"));
            }
            Ok::<_, rquickjs::Error>(())
        },
    )?;

    for name in ["group", "groupCollapsed"] {
        let s = state.clone();
        define(
            ctx,
            &console,
            name,
            move |ctx: Ctx<'js>, data: Rest<Value<'js>>| {
                if !data.0.is_empty() {
                    s.print(&ctx, Stream::Stdout, &data.0)?;
                }
                s.indentation.set(s.indentation.get() + GROUP_INDENTATION);
                Ok::<_, rquickjs::Error>(())
            },
        )?;
    }

    let s = state.clone();
    define(ctx, &console, "groupEnd", move || {
        s.indentation
            .set(s.indentation.get().saturating_sub(GROUP_INDENTATION));
    })?;

    let s = state.clone();
    define(
        ctx,
        &console,
        "table",
        move |ctx: Ctx<'js>, data: Opt<Value<'js>>, columns: Opt<Value<'js>>| -> Result<()> {
            let data = data.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
            match table::render(&ctx, &data, columns.0.as_ref())? {
                Some(text) => s.write(Stream::Stdout, &text),
                None => s.print(&ctx, Stream::Stdout, &[data])?,
            }
            Ok(())
        },
    )?;

    define(ctx, &console, "clear", || {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        if std::io::stdout().is_terminal() && !dumb {
            // Cursor to the top left, then clear to the end of the screen.
            stdio::write(Stream::Stdout, "\u{1b}[1;1H\u{1b}[0J", false);
        }
    })?;

    // Node implements these only for an attached inspector; without one they do nothing.
    for name in ["profile", "profileEnd", "timeStamp"] {
        define(ctx, &console, name, || {})?;
    }

    let tag: Value = ctx
        .globals()
        .get::<_, Object>("Symbol")?
        .get("toStringTag")?;
    console.prop(tag, Property::from("console").configurable())?;
    ctx.globals().set("console", console)?;
    Ok(())
}

/// Adds the method `name` to `console`.
fn define<'js, F, P>(ctx: &Ctx<'js>, console: &Object<'js>, name: &str, f: F) -> Result<()>
where
    F: IntoJsFunc<'js, P> + 'js,
{
    let function = Function::new(ctx.clone(), f)?.with_name(name)?;
    console.set(name, function)
}

fn string<'js>(ctx: &Ctx<'js>, text: &str) -> Result<Value<'js>> {
    Ok(rquickjs::String::from_str(ctx.clone(), text)?.into_value())
}

/// A `count`/`time` label: `'default'` when missing or undefined, otherwise `${label}` (which
/// throws for symbols, as in node).
fn label_of<'js>(ctx: &Ctx<'js>, label: Opt<Value<'js>>) -> Result<String> {
    match label.0 {
        Some(label) if !label.is_undefined() => Ok(Coerced::<String>::from_js(ctx, label)?.0),
        _ => Ok("default".to_owned()),
    }
}

/// The stack frames of the JS code that called the current console method, one per line.
fn caller_frames(ctx: &Ctx<'_>) -> Result<String> {
    let error = Exception::from_message(ctx.clone(), "")?;
    let stack: Option<String> = error.get("stack")?;
    let stack = stack.unwrap_or_default();
    // The innermost frames are the native console method itself; the caller comes next.
    let frames: Vec<&str> = stack
        .lines()
        .skip_while(|line| line.ends_with("(native)"))
        .collect();
    Ok(frames.join("\n"))
}

/// Node's `formatTime` for `timeLog`/`timeEnd`: `1.234ms`, `1.500s`, `1:02.500 (m:ss.mmm)`,
/// `1:02:03.500 (h:mm:ss.mmm)`.
fn format_time(ms: f64) -> String {
    const SECOND: f64 = 1000.0;
    const MINUTE: f64 = 60.0 * SECOND;
    const HOUR: f64 = 60.0 * MINUTE;
    let (mut hours, mut minutes, mut seconds) = (0.0, 0.0, 0.0);
    let mut rest = ms;
    if rest >= SECOND {
        if rest >= MINUTE {
            if rest >= HOUR {
                hours = (rest / HOUR).floor();
                rest %= HOUR;
            }
            minutes = (rest / MINUTE).floor();
            rest %= MINUTE;
        }
        seconds = rest / SECOND;
    }
    if hours != 0.0 || minutes != 0.0 {
        let fixed = format!("{seconds:.3}");
        let (whole, millis) = fixed.split_once('.').unwrap_or((&fixed, "000"));
        let lead = if hours != 0.0 {
            format!("{hours}:{minutes:02}")
        } else {
            minutes.to_string()
        };
        let unit = if hours != 0.0 { "h:m" } else { "" };
        return format!("{lead}:{whole:0>2}.{millis} ({unit}m:ss.mmm)");
    }
    if seconds != 0.0 {
        return format!("{seconds:.3}s");
    }
    let rounded: f64 = format!("{rest:.3}").parse().unwrap_or(rest);
    format!("{}ms", inspect::number_to_string(rounded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_format_like_node() {
        assert_eq!(format_time(0.0751), "0.075ms");
        assert_eq!(format_time(12.5), "12.5ms");
        assert_eq!(format_time(3.0), "3ms");
        assert_eq!(format_time(1500.0), "1.500s");
        assert_eq!(format_time(62_500.0), "1:02.500 (m:ss.mmm)");
        assert_eq!(format_time(3_723_500.0), "1:02:03.500 (h:mm:ss.mmm)");
    }
}
