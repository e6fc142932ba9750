//! The independent tools the interop tests run: Python with the packages of
//! `tests/requirements.txt`, Graphviz, Java, Virtuoso, Chromium. Each test first asks [`found`]
//! for what it needs. When something is missing, plain `cargo test` does not run the test: it
//! prints one line naming the tool (a machine with only Rust passes). When the tests are asked
//! for, `WANGLUO_INTEROP=1` (`scripts/test` and CI set it), a missing tool is a failure that says
//! what installs it. With `WANGLUO_INTEROP_LOG=FILE`, every test that runs adds its name to FILE,
//! so that CI can check that each of them ran (`.ci/run`).

use crate::util::{repo, run_program, Run};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// The README's test command: it installs what these tests need, then runs every test.
pub const INSTALL: &str = "run `scripts/test`, which installs Graphviz, Virtuoso, Java, Chromium, \
    the Python packages of tests/requirements.txt (in .venv) and npm's axe-core (in tests/.node), \
    then runs every test";

/// Something an interop test runs.
#[derive(Clone, Copy)]
pub enum Need {
    /// The interop tests' Python ([`python`]) with these modules.
    Python(&'static [&'static str]),
    /// A program on PATH: its name, and what installs it.
    Program(&'static str, &'static str),
    /// A program beside the interop tests' Python (installed in .venv by pip).
    Venv(&'static str),
    /// A file at a fixed path (Debian's Chromium and its driver): the path, what installs it.
    File(&'static str, &'static str),
}

/// Whether the calling test runs: true when everything in `needs` is found. Else, with
/// `WANGLUO_INTEROP` set, the test fails with what is missing; without, one line on stderr
/// names it and the test returns without checking anything.
pub fn found(needs: &[Need]) -> bool {
    let test = std::thread::current()
        .name()
        .unwrap_or("an interop test")
        .to_owned();
    let Some(missing) = needs.iter().find_map(missing) else {
        record(&test);
        return true;
    };
    let asked = std::env::var_os("WANGLUO_INTEROP").is_some_and(|v| !v.is_empty() && v != "0");
    assert!(!asked, "{test}: {missing}: {INSTALL}");
    // Straight to stderr, past the test harness's capture: the contributor sees what was left.
    let _ = writeln!(
        std::io::stderr(),
        "interop test {test} not run: {missing} (WANGLUO_INTEROP=1 makes this a failure; \
         scripts/test installs every tool)"
    );
    false
}

/// What of `need` is missing, in words, or None.
fn missing(need: &Need) -> Option<String> {
    match need {
        Need::Python(modules) => {
            let Some(python) = python_path() else {
                return Some(
                    "no Python (WANGLUO_PYTHON is not set and .venv/bin/python does not exist)"
                        .to_owned(),
                );
            };
            let lacking = missing_modules(&python, modules);
            (!lacking.is_empty())
                .then(|| format!("{} lacks the Python packages {lacking}", python.display()))
        }
        Need::Program(name, package) => {
            (!on_path(name)).then(|| format!("`{name}` is not on PATH ({package})"))
        }
        Need::Venv(name) => {
            let beside = python_path().map(|p| p.with_file_name(name));
            (!beside.as_ref().is_some_and(|p| p.exists()))
                .then(|| format!("`{name}` is not beside the interop tests' Python (pip, .venv)"))
        }
        Need::File(path, package) => (!std::path::Path::new(path).exists())
            .then(|| format!("{path} does not exist ({package})")),
    }
}

/// Whether an executable `name` is in a folder of PATH (looked up, never run).
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(name)).is_ok_and(|m| {
                use std::os::unix::fs::PermissionsExt;
                m.is_file() && m.permissions().mode() & 0o111 != 0
            })
        })
    })
}

/// The modules of `modules` that `python` cannot import (or why it cannot run), space-separated.
fn missing_modules(python: &std::path::Path, modules: &[&str]) -> String {
    let check = Command::new(python)
        .args([
            "-c",
            "import importlib.util, sys\n\
             print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))",
        ])
        .args(modules)
        .output();
    match check {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_owned(),
        Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        Err(e) => format!("(cannot run: {e})"),
    }
}

/// Adds the test's name to `$WANGLUO_INTEROP_LOG`, if set: one line per test that ran.
fn record(test: &str) {
    let Some(log) = std::env::var_os("WANGLUO_INTEROP_LOG").filter(|l| !l.is_empty()) else {
        return;
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .unwrap_or_else(|e| panic!("WANGLUO_INTEROP_LOG {}: {e}", log.to_string_lossy()));
    // One write per line (O_APPEND): lines of tests running at once never interleave.
    file.write_all(format!("{test}\n").as_bytes())
        .expect("write WANGLUO_INTEROP_LOG");
}

/// `$WANGLUO_PYTHON` if set, else the clone's virtual environment `.venv` if it exists — never
/// the system's interpreter, whose packages are not ours.
fn python_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("WANGLUO_PYTHON").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    Some(repo().join(".venv/bin/python")).filter(|venv| venv.exists())
}

/// The Python interpreter of the interop tests (a test asks [`found`] for it first).
pub fn python() -> PathBuf {
    python_path().unwrap_or_else(|| panic!("no Python for the interop tests: {INSTALL}"))
}

/// Runs `tests/interop/SCRIPT ARGS` with the interop tests' Python.
pub fn run_python(script: &str, args: &[&str]) -> Run {
    let script = repo().join("tests/interop").join(script);
    let mut all = vec![script.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    run_program(&python(), &repo(), &all, None)
}

/// axe-core's `axe.min.js` (npm `axe-core`), which `scripts/test` installs under
/// `tests/.node/`; `$WANGLUO_AXE` names another copy. None when it is missing and the test is
/// not to run ([`found`]); call it before `found` for the test's other tools, which records the
/// test as run.
pub fn axe_script() -> Option<PathBuf> {
    let path = std::env::var_os("WANGLUO_AXE")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("tests/.node/node_modules/axe-core/axe.min.js"));
    if path.exists() {
        return Some(path);
    }
    // `Need::File` names a fixed path; this one is known only now, once per test.
    let shown: &'static str = Box::leak(path.display().to_string().into_boxed_str());
    found(&[Need::File(
        shown,
        "npm axe-core, which scripts/test installs in tests/.node",
    )])
    .then_some(path)
}

/// Runs Graphviz's `dot ARGS` on `input`.
pub fn run_graphviz(args: &[&str], input: &[u8]) -> Run {
    run_program("dot".as_ref(), &repo(), args, Some(input))
}

/// What the Virtuoso tests need: the server and its SQL client, and Python to start them.
pub const VIRTUOSO: [Need; 3] = [
    Need::Program("virtuoso-t", "Debian package virtuoso-opensource"),
    Need::Program("isql-vt", "Debian package virtuoso-opensource"),
    Need::Python(&[]),
];
