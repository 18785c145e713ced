//! The profile-guided (PGO) release build of baton that the benchmarks measure.
//!
//! A promising call's path crosses QuickJS, baton and wasmtime: some 500 distinct 64-byte lines
//! of machine code per call, as much as the CPU's instruction cache holds, so where the compiler
//! puts hot and cold code decides much of its speed (BENCHMARKS.md: "The instruction-cache
//! working set of a promising call"). With a profile, LLVM (baton's Rust, wasmtime, rquickjs)
//! and GCC (QuickJS's C) lay out hot paths densely and inline by measured frequency.
//!
//! Three steps, each from scratch, in `target/pgo` (the plain `target/release` is left alone):
//! 1. build baton instrumented (`-Cprofile-generate`; QuickJS with `-fprofile-generate`);
//! 2. run `bench/training/train.mjs` with it: work of the kinds users run, and not the
//!    benchmark's workloads, so the benchmark measures a build that did not learn from it;
//! 3. merge the profile (`llvm-profdata`) and build again with it.
//!
//! Only C objects of the target are instrumented, through a compiler wrapper: the proc macros
//! cargo builds for the host link QuickJS too, without the profiling runtime.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The target baton is built for: named explicitly, so that `RUSTFLAGS` skips build scripts and
/// proc macros.
const TARGET: &str = "x86_64-unknown-linux-gnu";

/// Builds the profile-guided baton and returns its path.
pub fn build(root: &Path) -> Result<PathBuf> {
    let dir = root.join("target/pgo");
    let profiles = dir.join("profiles");
    let _ = std::fs::remove_dir_all(&profiles);
    std::fs::create_dir_all(&profiles)?;
    let profdata = llvm_profdata(root)?;
    let cc = compiler_wrapper(&dir)?;

    eprintln!("pgo: building an instrumented baton");
    cargo_build(
        root,
        &dir,
        &cc,
        &format!(
            "-Cprofile-generate={} -Clink-arg=-lgcov",
            profiles.display()
        ),
        "-fprofile-generate -fprofile-update=single",
    )?;
    let baton = dir.join(TARGET).join("release/baton");

    eprintln!("pgo: training");
    // GCC adds a run's counts to the profiles a previous training left beside the objects.
    remove_files(&dir.join(TARGET), "gcda")?;
    let training = root.join("bench/training");
    crate::compile_wat(&training)?;
    let output = Command::new(&baton)
        .arg(training.join("train.mjs"))
        .current_dir(&training)
        .output()?;
    if !output.status.success() {
        bail!(
            "the training run failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }

    let merged = dir.join("baton.profdata");
    let raw: Vec<PathBuf> = std::fs::read_dir(&profiles)?
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
        .arg(&merged)
        .args(&raw)
        .status()?;
    if !status.success() {
        bail!("{} merge failed", profdata.display());
    }

    eprintln!("pgo: building baton with the profile");
    // The same target directory: GCC finds each object's profile beside it.
    cargo_build(
        root,
        &dir,
        &cc,
        &format!("-Cprofile-use={}", merged.display()),
        "-fprofile-use -fprofile-partial-training -Wno-missing-profile",
    )?;
    Ok(baton)
}

/// Removes every file under `dir` whose name ends in `.extension`.
fn remove_files(dir: &Path, extension: &str) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            remove_files(&path, extension)?;
        } else if path.extension().is_some_and(|e| e == extension) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

fn cargo_build(root: &Path, dir: &Path, cc: &Path, rustflags: &str, cflags: &str) -> Result<()> {
    let status = Command::new("cargo")
        .args(["build", "--release", "-p", "baton", "--target", TARGET])
        .env("CARGO_TARGET_DIR", dir)
        .env("RUSTFLAGS", rustflags)
        .env("CC", cc)
        .env("BATON_PGO_CFLAGS", cflags)
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("cargo build --release (RUSTFLAGS={rustflags}) failed");
    }
    Ok(())
}

/// A C compiler that adds `BATON_PGO_CFLAGS` to compilations of the target's objects only
/// (those under `<target dir>/<TARGET>/`).
fn compiler_wrapper(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("cc");
    let script = format!(
        "#!/bin/sh\n\
         # Written by baton-bench (bench/src/pgo.rs).\n\
         for arg in \"$@\"; do\n\
         \x20 case \"$arg\" in */{TARGET}/release/build/*) exec cc \"$@\" $BATON_PGO_CFLAGS ;; esac\n\
         done\n\
         exec cc \"$@\"\n"
    );
    std::fs::write(&path, script)?;
    let status = Command::new("chmod").arg("+x").arg(&path).status()?;
    if !status.success() {
        bail!("cannot make {} executable", path.display());
    }
    Ok(path)
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
