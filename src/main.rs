//! The `baton` command: run a script or module, or start a REPL.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use baton::{ReplOutcome, Runtime, RuntimeOptions, ScriptKind};
use clap::Parser;
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
    let options = RuntimeOptions {
        script_args: script_args
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect(),
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

/// The index in `argv` of the script file: the first argument after baton's own flags (all of
/// which take no value), or the one after `--`.
fn script_position(argv: &[OsString]) -> Option<usize> {
    for (i, arg) in argv.iter().enumerate().skip(1) {
        if arg == "--" {
            return (i + 1 < argv.len()).then_some(i + 1);
        }
        if !arg.to_string_lossy().starts_with('-') || arg == "-" {
            return Some(i);
        }
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
