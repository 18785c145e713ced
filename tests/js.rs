//! JS fixture tests: every `tests/js/<area>/<name>.{js,mjs}` that has a `<name>.out` beside it is
//! run with the `baton` binary and its output compared.
//!
//! - `<name>.out` is the expected stdout; `<name>.err` the expected stderr (when there is no
//!   `.err`, stderr must be empty). `[WILDCARD]` in either matches any text.
//! - In both, the fixture's directory prints as `$DIR` (also inside `file://` URLs), so expected
//!   output does not depend on where the repository is checked out.
//! - Leading `// @directive value` comment lines set up the run:
//!   `@args a b` (arguments after the script), `@argv ...` (the whole command line instead of
//!   `$FILE`), `@stdin text` (`\n` and `\r` for line endings), `@exit N` (expected exit code, default 0).
//! - The script runs with its own directory as the current directory.
//! - `BLESS=1 cargo test --test js` rewrites the `.out`/`.err` files from the actual output.
//!
//! Files without a `.out` are helpers (imported modules, data) for other fixtures.
//!
//! Wasm fixtures are written as WAT: before any fixture runs, every `tests/js/**/*.wat` is
//! compiled to the `.wasm` beside it (ignored by git), so scripts `read("x.wasm", "binary")`.
//! Likewise every `examples/<name>/build.sh` runs first, so the examples compiled from C (which
//! `tests/js/examples` runs) are built from their current source; a build that fails, including
//! for want of its toolchain, fails the whole run rather than skipping those fixtures. And
//! `scripts/setup wa_sqlite` fetches the npm package `tests/js/programs/wa_sqlite.mjs` loads
//! (into `tests/.cache`, once), failing the run if it cannot.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};

/// A fixture that runs longer than this fails instead of hanging the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

fn main() {
    let args = Arguments::from_args();
    let repo = repository();
    let root = repo.join("tests/js");
    compile_wat(&root);
    build_examples(&repo.join("examples"));
    setup(&repo, "wa_sqlite");
    let mut fixtures = Vec::new();
    collect(&root, &mut fixtures);
    fixtures.sort();
    let trials = fixtures
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .with_extension("")
                .to_string_lossy()
                .replace('/', "::");
            Trial::test(name, move || run_fixture(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// The checkout whose fixtures to run. `cargo test` names it in `CARGO_MANIFEST_DIR` when it
/// runs this binary; the path compiled in is only a fallback for running the binary by hand,
/// because checkouts (git worktrees) that share one target directory share this binary too, and
/// cargo does not rebuild it for a checkout at another path: the compiled-in path would run
/// another checkout's fixtures.
fn repository() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// Compiles every `.wat` under `dir` to the `.wasm` beside it.
fn compile_wat(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            compile_wat(&path);
        } else if path.extension().is_some_and(|e| e == "wat") {
            let bytes =
                wat::parse_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            std::fs::write(path.with_extension("wasm"), bytes).expect("write the compiled fixture");
        }
    }
}

/// Runs `scripts/setup STEP` (fetching what fixtures need, when missing), panicking with its
/// output when it fails.
fn setup(repo: &Path, step: &str) {
    let output = Command::new("bash")
        .arg(repo.join("scripts/setup"))
        .arg(step)
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/setup: {e}"));
    assert!(
        output.status.success(),
        "scripts/setup {step} failed ({}); the fixtures that need it cannot pass\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
}

/// Runs every `<dir>/*/build.sh`, panicking with its output when one fails.
fn build_examples(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut scripts: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path().join("build.sh"))
        .filter(|p| p.is_file())
        .collect();
    scripts.sort();
    for script in scripts {
        let output = Command::new("bash")
            .arg(&script)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        assert!(
            output.status.success(),
            "{} failed ({}); the fixtures that run it cannot pass\n{}{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "mjs")
        ) && path.with_extension("out").exists()
        {
            out.push(path);
        }
    }
}

#[derive(Default)]
struct Directives {
    args: Vec<String>,
    argv: Option<Vec<String>>,
    stdin: Option<String>,
    exit: i32,
}

fn directives(source: &str) -> Directives {
    let mut d = Directives::default();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("// @") else {
            break;
        };
        let (key, value) = rest.split_once(' ').unwrap_or((rest, ""));
        let words = || {
            value
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        match key {
            "args" => d.args = words(),
            "argv" => d.argv = Some(words()),
            "stdin" => d.stdin = Some(value.replace("\\n", "\n").replace("\\r", "\r")),
            "exit" => d.exit = value.trim().parse().expect("@exit takes a number"),
            other => panic!("unknown fixture directive @{other}"),
        }
    }
    d
}

fn run_fixture(path: &Path) -> Result<(), Failed> {
    let source = std::fs::read_to_string(path)?;
    let d = directives(&source);
    let dir = path.parent().ok_or("fixture has no directory")?;
    let dir_str = dir.to_string_lossy().into_owned();
    let file_str = path.to_string_lossy().into_owned();
    let expand = |s: &String| s.replace("$FILE", &file_str).replace("$DIR", &dir_str);
    let argv: Vec<String> = match &d.argv {
        Some(argv) => argv.iter().map(expand).collect(),
        None => std::iter::once(file_str.clone())
            .chain(d.args.iter().map(expand))
            .collect(),
    };

    let mut child = Command::new(env!("CARGO_BIN_EXE_baton"))
        .args(&argv)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    if let Some(input) = &d.stdin {
        stdin.write_all(input.as_bytes())?;
    }
    drop(stdin);
    // Wait on another thread so a fixture that hangs can be killed while its pipes are drained.
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let output = match rx.recv_timeout(TIMEOUT) {
        Ok(output) => output?,
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            return Err(format!("timed out after {TIMEOUT:?}").into());
        }
    };
    let normalize = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(&format!("file://{dir_str}"), "file://$DIR")
            .replace(&dir_str, "$DIR")
    };
    let stdout = normalize(&output.stdout);
    let stderr = normalize(&output.stderr);
    let code = output.status.code().unwrap_or(-1);

    let out_path = path.with_extension("out");
    let err_path = path.with_extension("err");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&out_path, &stdout)?;
        if stderr.is_empty() {
            let _ = std::fs::remove_file(&err_path);
        } else {
            std::fs::write(&err_path, &stderr)?;
        }
    }
    let expected_out = std::fs::read_to_string(&out_path)?;
    let expected_err = std::fs::read_to_string(&err_path).unwrap_or_default();

    let mut problems = Vec::new();
    if code != d.exit {
        problems.push(format!("exit code {code}, expected {}", d.exit));
    }
    if !wildcard_match(&expected_out, &stdout) {
        problems.push(format!(
            "stdout differs\n--- expected\n{expected_out}\n--- actual\n{stdout}"
        ));
    }
    if !wildcard_match(&expected_err, &stderr) {
        problems.push(format!(
            "stderr differs\n--- expected\n{expected_err}\n--- actual\n{stderr}"
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n(stdout was:\n{stdout}\nstderr was:\n{stderr})",
            problems.join("\n")
        )
        .into())
    }
}

/// Whether `actual` matches `pattern`, where `[WILDCARD]` in the pattern matches any text.
fn wildcard_match(pattern: &str, actual: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[WILDCARD]").collect();
    if parts.len() == 1 {
        return pattern == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || !actual[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}
