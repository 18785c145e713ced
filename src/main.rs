//! The `baton` command: run a script or module, or start a REPL.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use std::rc::Rc;

use baton::{
    DEFAULT_JSPI_RESIDENT_STACKS, EngineConfig, JspiEvent, JspiTrace, ReplOutcome, Runtime,
    RuntimeOptions, ScriptKind, StackEvent, WasmOptions,
};
use clap::{CommandFactory, Parser};
use rustyline::error::ReadlineError;

/// Exit status when baton itself cannot start the script (missing file, bad flags), as clap uses.
const EXIT_USAGE: u8 = 2;

/// A JavaScript + WebAssembly runtime with JSPI (WebAssembly JavaScript Promise Integration).
#[derive(Parser, Debug)]
#[command(name = "baton", version, about, long_about = None)]
struct Cli {
    /// Run FILE as an ES module even if its name does not end in `.mjs`.
    #[arg(long)]
    module: bool,

    /// The stack size of each promising (JSPI) call, in bytes (suffixes K, M, G accepted).
    /// Only the pages a call touches become resident; deep Wasm recursion inside promising calls
    /// needs more.
    #[arg(long, value_name = "BYTES", value_parser = parse_size, default_value = "1M")]
    jspi_stack_size: usize,

    /// The most promising (JSPI) calls that may be suspended at once (one stack each). Default,
    /// and most: what the OS limit on memory mappings (vm.max_map_count) allows.
    #[arg(long, value_name = "N")]
    jspi_max_stacks: Option<usize>,

    /// How many suspended promising (JSPI) calls keep their stacks resident. Past that, the stacks
    /// of the calls suspended longest are parked: their few used bytes are copied aside and their
    /// memory is given back to the OS until they resume.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_JSPI_RESIDENT_STACKS)]
    jspi_resident_stacks: usize,

    /// The most memory the JavaScript heap may use, in bytes (suffixes K, M, G accepted); past it
    /// allocations throw a catchable "out of memory" error. Default: 3/4 of physical memory.
    #[arg(long, value_name = "BYTES", value_parser = parse_size)]
    max_heap_size: Option<usize>,

    /// Print every JSPI suspension and resumption to stderr: which export, which import, how long
    /// the call stayed suspended, and which stacks were parked and restored.
    #[arg(long)]
    trace_jspi: bool,

    /// The script to run: `.mjs` files are ES modules, others classic scripts. Without a FILE,
    /// baton starts a REPL.
    file: Option<PathBuf>,

    /// Arguments for the script, available to it as `scriptArgs` (and `arguments`). Everything
    /// after FILE is passed on, flags included.
    // Filled by `main` before clap runs (see `script_position`); declared for `--help`.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    // Everything after the script name belongs to the script, even `--help`: split the command
    // line there ourselves, because clap would still treat known flags after FILE as its own.
    let mut argv: Vec<OsString> = std::env::args_os().collect();
    let script_args = match script_position(&argv) {
        Some(file) => argv.split_off(file + 1),
        None => Vec::new(),
    };
    let cli = Cli::parse_from(argv);
    let engine = EngineConfig {
        jspi_stack_size: cli.jspi_stack_size,
        jspi_max_stacks: cli.jspi_max_stacks,
        jspi_resident_stacks: cli.jspi_resident_stacks,
        ..EngineConfig::default()
    };
    if engine.jspi_stack_size < engine.max_wasm_stack {
        eprintln!(
            "baton: --jspi-stack-size must be at least {} bytes (the Wasm stack limit)",
            engine.max_wasm_stack
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let trace: Option<JspiTrace> = cli
        .trace_jspi
        .then(|| Rc::new(print_jspi_event) as JspiTrace);
    let options = RuntimeOptions {
        script_args: script_args
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect(),
        wasm: WasmOptions { engine, trace },
        max_heap_size: cli.max_heap_size,
    };
    let runtime = match Runtime::new(options) {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("baton: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let code = match &cli.file {
        Some(file) => {
            let kind = if cli.module {
                ScriptKind::Module
            } else {
                ScriptKind::from_path(file)
            };
            match runtime.run_file(file, kind) {
                Ok(exit) => exit.0,
                Err(e) => {
                    eprintln!("baton: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
        None => repl(&runtime),
    };
    // The process ends here: skip tearing down the JS heap (the OS reclaims it), as node does.
    std::mem::forget(runtime);
    ExitCode::from(code as u8)
}

/// `--trace-jspi`: one line per event on stderr.
fn print_jspi_event(event: &JspiEvent) {
    match event {
        JspiEvent::Suspended {
            export,
            import,
            stack,
        } => {
            eprintln!("jspi: '{export}' suspended on '{import}' (stack {stack})");
        }
        JspiEvent::Resumed {
            export,
            import,
            stack,
            suspended_for,
            fulfilled,
        } => {
            let how = if *fulfilled { "fulfilled" } else { "rejected" };
            eprintln!(
                "jspi: '{export}' resumed from '{import}' ({how}) after {:.3} ms (stack {stack})",
                suspended_for.as_secs_f64() * 1000.0
            );
        }
        JspiEvent::Stack(StackEvent::Parked { stack, bytes }) => {
            eprintln!("jspi: stack {stack} parked ({bytes} bytes kept, its pages given back)");
        }
        JspiEvent::Stack(StackEvent::Restored { stack }) => {
            eprintln!("jspi: stack {stack} restored");
        }
        JspiEvent::Stack(StackEvent::Stopped { restored }) => {
            eprintln!(
                "jspi: parking stopped for good (the store may collect garbage now); {restored} parked stacks restored"
            );
        }
    }
}

/// A byte count with an optional K, M or G suffix (powers of 1024).
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let number: usize = number
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a size"))?;
    let unit = match unit
        .to_ascii_uppercase()
        .trim_end_matches("IB")
        .trim_end_matches('B')
    {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        other => return Err(format!("unknown size unit '{other}' (use K, M or G)")),
    };
    number
        .checked_mul(unit)
        .ok_or_else(|| format!("'{text}' is too large"))
}

/// Whether `arg` is one of `command`'s flags that takes a value as the next argument
/// (`--flag value`).
fn takes_value(command: &clap::Command, arg: &str) -> bool {
    let Some(name) = arg.strip_prefix("--") else {
        return false;
    };
    command
        .get_arguments()
        .any(|a| a.get_long() == Some(name) && a.get_action().takes_values())
}

/// The index in `argv` of the script file: the first argument that is neither one of baton's
/// flags nor a flag's value, or the one after `--`.
fn script_position(argv: &[OsString]) -> Option<usize> {
    let command = Cli::command();
    let mut i = 1;
    while i < argv.len() {
        let arg = argv[i].to_string_lossy();
        if arg == "--" {
            return (i + 1 < argv.len()).then_some(i + 1);
        }
        if !arg.starts_with('-') || arg == "-" {
            return Some(i);
        }
        i += if takes_value(&command, &arg) { 2 } else { 1 };
    }
    None
}

/// Reads, evaluates and prints until end of input, then lets pending timers finish.
fn repl(runtime: &Runtime) -> i32 {
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("baton: cannot start the REPL: {e}");
            return i32::from(EXIT_USAGE);
        }
    };
    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() { "> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                if !pending.is_empty() {
                    pending.push('\n');
                }
                pending.push_str(&line);
                let _ = editor.add_history_entry(line.as_str());
                match runtime.eval_repl(&pending) {
                    ReplOutcome::Incomplete => continue,
                    ReplOutcome::Value(text) => println!("{text}"),
                    ReplOutcome::Error(report) => eprintln!("{report}"),
                    ReplOutcome::Exit(code) => return code,
                }
                pending.clear();
            }
            // Ctrl-C abandons the current input, as in node.
            Err(ReadlineError::Interrupted) => pending.clear(),
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("baton: cannot read input: {e}");
                break;
            }
        }
    }
    runtime.run_event_loop().0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_suffixes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("64K"), Ok(64 * 1024));
        assert_eq!(parse_size("1M"), Ok(1 << 20));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn the_script_is_the_first_argument_that_is_not_a_flag() {
        let argv = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            script_position(&argv(&["baton", "--module", "a.js", "--help"])),
            Some(2)
        );
        assert_eq!(script_position(&argv(&["baton", "--", "-odd.js"])), Some(2));
        assert_eq!(script_position(&argv(&["baton", "--trace-jspi"])), None);
        assert_eq!(
            script_position(&argv(&["baton", "--jspi-max-stacks", "3", "a.js", "x"])),
            Some(3)
        );
        assert_eq!(
            script_position(&argv(&["baton", "--jspi-stack-size=64K", "a.js"])),
            Some(2)
        );
    }
}
