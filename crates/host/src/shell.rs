//! The d8 / SpiderMonkey shell globals that Emscripten's "shell" environment relies on.
//!
//! - `print(...args)`, `printErr(...args)`, `write(...args)`: `String(arg)` of each argument joined
//!   by spaces, to stdout or stderr (`write` adds no newline). Unlike `console.log`, objects are
//!   not inspected: d8 and Emscripten's output expect plain `ToString`.
//! - `read(path)` returns the file as a UTF-8 string; `read(path, 'binary')` as a `Uint8Array`
//!   (SpiderMonkey's form, which Emscripten's `readBinary` accepts); `readbuffer(path)` as an
//!   `ArrayBuffer` (d8's form). Paths are relative to the current directory.
//! - `readline()` returns the next line of stdin without its line ending, or `null` at the end.
//! - `load(path)` runs a file as a classic script in the global scope.
//! - `quit(code = 0)`: see the `event_loop` module for why it does not end the process at once.
//! - `scriptArgs` and `arguments`: the arguments after the script name, as strings.

use std::io::BufRead;
use std::path::Path;
use std::rc::Rc;

use rquickjs::function::{Opt, Rest};
use rquickjs::{ArrayBuffer, Coerced, Ctx, Exception, Function, Result, TypedArray, Value, qjs};

use crate::event_loop::EventLoop;
use crate::stdio::{self, Stream};
use crate::{RuntimeOptions, absolute, classic_options};

pub(crate) fn install(
    ctx: &Ctx<'_>,
    event_loop: &Rc<EventLoop>,
    options: &RuntimeOptions,
) -> Result<()> {
    let globals = ctx.globals();
    for (name, stream, newline) in [
        ("print", Stream::Stdout, true),
        ("printErr", Stream::Stderr, true),
        ("write", Stream::Stdout, false),
    ] {
        let f = Function::new(ctx.clone(), move |args: Rest<Coerced<String>>| {
            let text: Vec<String> = args.0.into_iter().map(|s| s.0).collect();
            stdio::write(stream, &text.join(" "), newline);
        })?
        .with_name(name)?;
        globals.set(name, f)?;
    }

    globals.set("read", Function::new(ctx.clone(), read)?.with_name("read")?)?;
    globals.set(
        "readbuffer",
        Function::new(ctx.clone(), readbuffer)?.with_name("readbuffer")?,
    )?;
    globals.set(
        "readline",
        Function::new(ctx.clone(), readline)?.with_name("readline")?,
    )?;
    globals.set("load", Function::new(ctx.clone(), load)?.with_name("load")?)?;

    let quit_loop = event_loop.clone();
    let quit = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'_>, code: Opt<Coerced<i32>>| -> Result<()> {
            let error = Exception::from_message(ctx.clone(), "quit() called")?.into_value();
            // SAFETY: `error` is a live object of this context; the flag only changes how QuickJS
            // unwinds it (past every `catch` and `finally`).
            unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), error.as_raw()) };
            quit_loop.request_quit(&ctx, code.0.map_or(0, |c| c.0), error.clone());
            Err(ctx.throw(error))
        },
    )?
    .with_name("quit")?;
    globals.set("quit", quit)?;

    for name in ["scriptArgs", "arguments"] {
        globals.set(name, options.script_args.clone())?;
    }
    Ok(())
}

fn read_file(ctx: &Ctx<'_>, path: &str) -> Result<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| Exception::throw_message(ctx, &format!("cannot read '{path}': {e}")))
}

fn read<'js>(
    ctx: Ctx<'js>,
    path: Coerced<String>,
    mode: Opt<Coerced<String>>,
) -> Result<Value<'js>> {
    let bytes = read_file(&ctx, &path.0)?;
    match mode.0.as_ref().map(|m| m.0.as_str()) {
        Some("binary") => Ok(TypedArray::<u8>::new(ctx, bytes)?.into_value()),
        None | Some("utf8" | "utf-8" | "text") => {
            let text = String::from_utf8_lossy(&bytes);
            Ok(rquickjs::String::from_str(ctx, &text)?.into_value())
        }
        Some(other) => Err(Exception::throw_type(
            &ctx,
            &format!("read: unknown mode '{other}' (expected 'binary' or nothing)"),
        )),
    }
}

fn readbuffer<'js>(ctx: Ctx<'js>, path: Coerced<String>) -> Result<ArrayBuffer<'js>> {
    let bytes = read_file(&ctx, &path.0)?;
    ArrayBuffer::new(ctx, bytes)
}

fn readline(ctx: Ctx<'_>) -> Result<Value<'_>> {
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) => Ok(Value::new_null(ctx)),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(rquickjs::String::from_str(ctx, &line)?.into_value())
        }
        Err(e) => Err(Exception::throw_message(
            &ctx,
            &format!("readline: cannot read stdin: {e}"),
        )),
    }
}

fn load<'js>(ctx: Ctx<'js>, path: Coerced<String>) -> Result<Value<'js>> {
    let source = read_file(&ctx, &path.0)?;
    let name = absolute(Path::new(&path.0)).to_string_lossy().into_owned();
    ctx.eval_with_options(source, classic_options(&name))
}
