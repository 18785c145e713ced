//! The profile-guided (PGO) release build of baton that the benchmarks measure.
//!
//! A promising call's path crosses QuickJS, baton and wasmtime: some 500 distinct 64-byte lines
//! of machine code per call, as much as the CPU's instruction cache holds, so where the compiler
//! puts hot and cold code decides much of its speed (BENCHMARKS.md: "The instruction-cache
//! working set of a promising call"). With a profile, LLVM (baton's Rust, wasmtime, rquickjs)
//! and GCC (QuickJS's C) lay out hot paths densely and inline by measured frequency.
//!
//! Four steps in `target/pgo` (the plain `target/release` is left alone), each from scratch the
//! first time and skipped later when its inputs did not change:
//! 1. build baton instrumented (`-Cprofile-generate`; QuickJS with `-fprofile-generate`) in
//!    `target/pgo/instrumented`;
//! 2. run `bench/training/train.mjs` with it: work of the kinds users run, and not the
//!    benchmark's workloads, so the benchmark measures a build that did not learn from it;
//! 3. merge the profile (`llvm-profdata`) and build again with it in `target/pgo/bolt`, linked
//!    with its relocations kept (`--emit-relocs`) for the last step;
//! 4. lay out that binary's machine code with BOLT (`llvm-bolt`): instrument it, run the same
//!    training, then reorder its blocks and functions and move the cold parts of functions
//!    away, by what ran, into `target/pgo/baton`. The compilers' profiles decide inlining and
//!    each function's block order, but where the hot code of a call path lands in the
//!    instruction cache stayed a matter of luck (BOLT is what brings it together): per
//!    promising call, L1 instruction-cache misses went 52 / 125 / 148 -> 0 / 76 / 77 for 0 / 1 /
//!    10 suspensions (BENCHMARKS.md).
//!
//! Only C objects of the target are instrumented, through a compiler wrapper (`CC`): the proc
//! macros cargo builds for the host link QuickJS too, without the profiling runtime. Each build
//! has a target directory of its own because of those host builds: they depend on `CC`, which
//! differs between the two builds, and a shared host build would be rebuilt at each switch,
//! and everything built with the proc macros after it. GCC's profiles live in one directory
//! (`-dumpdir`), named by object, and a missing one fails the build (`-Werror=missing-profile`)
//! rather than silently leaving QuickJS unoptimised, as an earlier version of this file did.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The target baton is built for: named explicitly, so that `RUSTFLAGS` skips build scripts and
/// proc macros.
const TARGET: &str = "x86_64-unknown-linux-gnu";

/// Builds the profile-guided baton and returns its path. Steps whose inputs did not change are
/// skipped: cargo rebuilds what changed in each build, and the training runs again only when the
/// instrumented binary or the training workload is newer than its profile, so measuring again
/// after a build costs no build.
pub fn build(root: &Path) -> Result<PathBuf> {
    let dir = root.join("target/pgo");
    let profiles = dir.join("profiles");
    // GCC's profiles, one per object, named after the object: the two builds compile the C
    // objects in different directories, so the objects' own directories would not match.
    let gcda = dir.join("gcda");
    let merged = dir.join("baton.profdata");

    eprintln!("pgo: building an instrumented baton");
    let generate = compiler_wrapper(
        &dir,
        &format!(
            "-fprofile-generate -fprofile-update=single -dumpdir {}/",
            gcda.display()
        ),
        None,
    )?;
    let instrumented = cargo_build(
        root,
        &dir.join("instrumented"),
        &generate,
        &format!(
            "-Cprofile-generate={} -Clink-arg=-lgcov",
            profiles.display()
        ),
    )?;

    let training = root.join("bench/training");
    if is_trained(&merged, &instrumented, &training)? && has_files(&gcda) {
        eprintln!("pgo: the profile is up to date");
    } else {
        train(root, &instrumented, &training, &profiles, &gcda, &merged)?;
    }

    eprintln!("pgo: building baton with the profile");
    let usage = compiler_wrapper(
        &dir,
        &format!(
            "-fprofile-use -fprofile-partial-training -Werror=missing-profile -dumpdir {}/",
            gcda.display()
        ),
        Some(&merged),
    )?;
    remove_stale_wrappers(&dir, &[&generate, &usage])?;
    let profiled = cargo_build(
        root,
        &dir.join("bolt"),
        &usage,
        &format!(
            "-Cprofile-use={} -Clink-arg=-Wl,--emit-relocs",
            merged.display()
        ),
    )?;

    let laid_out = dir.join("baton");
    if is_trained(&laid_out, &profiled, &training)? {
        eprintln!("pgo: the BOLT layout is up to date");
    } else {
        bolt(root, &profiled, &training, &dir, &laid_out)?;
    }
    Ok(laid_out)
}

/// Functions BOLT 19 leaves as they are: QuickJS's interpreter loop jumps through a table of
/// label addresses (computed `goto`), which BOLT cannot follow ("unable to get new address").
const BOLT_SKIP: &str = "JS_CallInternal/1";

/// Lays out `profiled` (linked with its relocations) by what the training runs: instruments it
/// with BOLT, runs the training, and writes the optimised binary to `output`.
fn bolt(root: &Path, profiled: &Path, training: &Path, dir: &Path, output: &Path) -> Result<()> {
    eprintln!("pgo: laying out the binary with BOLT");
    crate::setup(root, "pgo")?;
    // The binary in LLVM's own directory: the one on PATH looks for its runtime library in
    // /usr/lib, where Debian does not put it.
    let llvm_bolt = Path::new("/usr/lib/llvm-19/bin/llvm-bolt");
    let instrumented = dir.join("baton-bolt-instrumented");
    let data = dir.join("bolt.fdata");
    let _ = std::fs::remove_file(&data);
    let skip = format!("-skip-funcs={BOLT_SKIP}");
    run_checked(
        Command::new(llvm_bolt)
            .arg(profiled)
            .arg(&skip)
            .arg("-instrument")
            .arg(format!("-instrumentation-file={}", data.display()))
            .arg("-o")
            .arg(&instrumented),
        "llvm-bolt -instrument",
    )?;
    crate::compile_wat(training)?;
    run_training(&instrumented, training)?;
    run_checked(
        Command::new(llvm_bolt)
            .arg(profiled)
            .arg(&skip)
            .arg(format!("-data={}", data.display()))
            .args([
                "-reorder-blocks=ext-tsp",
                "-reorder-functions=cdsort",
                "-split-functions",
                "-split-all-cold",
                "-split-eh",
                "-icf=1",
                "-use-gnu-stack",
            ])
            .arg("-o")
            .arg(output),
        "llvm-bolt",
    )?;
    std::fs::remove_file(&instrumented)?;
    Ok(())
}

/// Runs the training workload (`train.mjs` in `training`) with `baton`, failing with its errors
/// when it fails.
fn run_training(baton: &Path, training: &Path) -> Result<()> {
    run_checked(
        Command::new(baton)
            .arg(training.join("train.mjs"))
            .current_dir(training)
            .stdout(std::process::Stdio::null()),
        "the training run",
    )
}

/// Runs `command`, failing with its output when it fails.
fn run_checked(command: &mut Command, what: &str) -> Result<()> {
    let output = command
        .output()
        .with_context(|| format!("running {what}"))?;
    if !output.status.success() {
        bail!(
            "{what} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// Runs the training workload with the instrumented `baton` and merges its profile into
/// `merged` (with `llvm-profdata`, needed only here).
fn train(
    root: &Path,
    baton: &Path,
    training: &Path,
    profiles: &Path,
    gcda: &Path,
    merged: &Path,
) -> Result<()> {
    eprintln!("pgo: training");
    let profdata = llvm_profdata(root)?;
    // Both runtimes add a run's counts to the profiles a previous training left.
    for stale in [profiles, gcda] {
        let _ = std::fs::remove_dir_all(stale);
        std::fs::create_dir_all(stale)?;
    }
    crate::compile_wat(training)?;
    run_training(baton, training)?;
    if !has_files(gcda) {
        bail!(
            "the training run wrote no C profile to {} (is QuickJS instrumented?)",
            gcda.display()
        );
    }
    let raw: Vec<PathBuf> = std::fs::read_dir(profiles)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "profraw"))
        .collect();
    if raw.is_empty() {
        bail!(
            "the training run wrote no profile to {}",
            profiles.display()
        );
    }
    let status = Command::new(&profdata)
        .arg("merge")
        .arg("-o")
        .arg(merged)
        .args(&raw)
        .status()?;
    if !status.success() {
        bail!("{} merge failed", profdata.display());
    }
    Ok(())
}

fn modified(path: &Path) -> Result<std::time::SystemTime> {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .with_context(|| format!("reading the time {} was written", path.display()))
}

/// Whether `path` exists and was written after every one of `inputs`.
fn is_newer_than_all(path: &Path, inputs: &[PathBuf]) -> Result<bool> {
    let Ok(written) = modified(path) else {
        return Ok(false);
    };
    for input in inputs {
        if modified(input)? >= written {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether `output`, made by running the training in `training` with `binary`, is newer than
/// both: the binary and the training workload's files.
fn is_trained(output: &Path, binary: &Path, training: &Path) -> Result<bool> {
    let inputs = [
        binary.to_owned(),
        training.join("train.mjs"),
        training.join("train.wat"),
    ];
    is_newer_than_all(output, &inputs)
}

fn has_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

/// Builds baton in `target_dir` and returns its path.
fn cargo_build(root: &Path, target_dir: &Path, cc: &Path, rustflags: &str) -> Result<PathBuf> {
    let status = Command::new("cargo")
        .args(["build", "--release", "-p", "baton", "--target", TARGET])
        .env("CARGO_TARGET_DIR", target_dir)
        .env("RUSTFLAGS", rustflags)
        .env("CC", cc)
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("cargo build --release (RUSTFLAGS={rustflags}) failed");
    }
    Ok(target_dir.join(TARGET).join("release/baton"))
}

/// Writes a C compiler into `dir` that adds `flags` to compilations of the target's objects
/// only (those under `<target dir>/<TARGET>/`), not to the host's (the proc macros cargo builds
/// for the host link QuickJS too, without the profiling runtime), and returns its path. Its name
/// is a hash of what it does: cargo compiles C objects again when `CC` changes, and only then.
///
/// It compiles a source by its file name from the source's directory: GCC checks a function's
/// profile against a checksum of its source file's name as given, and rquickjs-sys compiles
/// copies of QuickJS's sources in its `OUT_DIR`, which differs between the two builds.
fn compiler_wrapper(dir: &Path, flags: &str, profile: Option<&Path>) -> Result<PathBuf> {
    use std::hash::{Hash, Hasher};
    let script = format!(
        "#!/bin/sh\n\
         # Written by baton-bench (bench/src/pgo.rs){for_profile}.\n\
         case \"$*\" in\n\
         \x20 */{TARGET}/release/build/*) ;;\n\
         \x20 *) exec cc \"$@\" ;;\n\
         esac\n\
         dir=\n\
         for arg in \"$@\"; do\n\
         \x20 shift\n\
         \x20 case \"$arg\" in /*.c) dir=${{arg%/*}} arg=${{arg##*/}} ;; esac\n\
         \x20 set -- \"$@\" \"$arg\"\n\
         done\n\
         if [ -n \"$dir\" ]; then cd \"$dir\" || exit 1; fi\n\
         exec cc \"$@\" {flags}\n",
        // The profile's time, so that a new training makes a new wrapper.
        for_profile = match profile {
            Some(path) => format!(
                ", for the profile of {:?}",
                modified(path)?.duration_since(std::time::UNIX_EPOCH)?
            ),
            None => String::new(),
        },
    );
    let mut hasher = std::hash::DefaultHasher::new();
    script.hash(&mut hasher);
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("cc-{:016x}", hasher.finish()));
    if !path.exists() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(&path, script)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(path)
}

/// Removes the compiler wrappers of earlier builds.
fn remove_stale_wrappers(dir: &Path, current: &[&Path]) -> Result<()> {
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with("cc") && !current.contains(&path.as_path()) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// `llvm-profdata`, installed by `scripts/setup pgo` when missing. Debian's LLVM 19 reads the
/// profiles of the newer LLVM inside rustc, and rustc reads what it writes.
fn llvm_profdata(root: &Path) -> Result<PathBuf> {
    crate::setup(root, "pgo")?;
    let found = ["llvm-profdata-19", "llvm-profdata"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    found
        .map(PathBuf::from)
        .context("llvm-profdata is missing after scripts/setup pgo")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_up_to_date_only_when_written_after_all_its_inputs() {
        let dir = std::env::temp_dir().join(format!("baton-pgo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (input, profile) = (dir.join("input"), dir.join("profile"));
        let at = |path: &Path, seconds: u64| {
            let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(time)
                .unwrap();
        };
        std::fs::write(&input, "").unwrap();
        assert!(!is_newer_than_all(&profile, std::slice::from_ref(&input)).unwrap());
        std::fs::write(&profile, "").unwrap();
        at(&input, 1_000);
        at(&profile, 2_000);
        assert!(is_newer_than_all(&profile, std::slice::from_ref(&input)).unwrap());
        at(&input, 3_000);
        assert!(!is_newer_than_all(&profile, std::slice::from_ref(&input)).unwrap());
        assert!(is_newer_than_all(&profile, &[dir.join("missing")]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
