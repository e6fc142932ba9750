//! The independent tools the interop tests run: Python with the packages of
//! `tests/requirements.txt`, and Graphviz. When one is missing the test fails (it never skips)
//! with one message saying what is missing and which command installs it.

use crate::util::{repo, run_program, Run};
use std::path::PathBuf;
use std::process::Command;

/// The README's test command: it installs what these tests need, then runs every test.
pub const INSTALL: &str = "run `scripts/test`, which installs Graphviz, the Python packages of \
    tests/requirements.txt (in .venv) and npm's axe-core (in tests/.node), then runs every test";

/// The Python interpreter of the interop tests: `$WANGLUO_PYTHON` if set, else the clone's
/// virtual environment `.venv` — never the system's interpreter, whose packages are not ours.
pub fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("WANGLUO_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    let venv = repo().join(".venv/bin/python");
    assert!(
        venv.exists(),
        "the interop tests need Python with the packages of tests/requirements.txt, but \
         WANGLUO_PYTHON is not set and {} does not exist: {INSTALL}",
        venv.display()
    );
    venv
}

/// The Python interpreter, checked to have the `modules` a script imports.
fn python_with(modules: &[&str]) -> PathBuf {
    let python = python();
    let check = Command::new(&python)
        .args([
            "-c",
            "import importlib.util, sys\n\
             print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))",
        ])
        .args(modules)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}): {INSTALL}", python.display()));
    let missing = String::from_utf8_lossy(&check.stdout).trim().to_owned();
    assert!(
        check.status.success() && missing.is_empty(),
        "the interop tests need the Python packages {} in {}, which lacks {}: {INSTALL}",
        modules.join(", "),
        python.display(),
        if missing.is_empty() {
            String::from_utf8_lossy(&check.stderr).into_owned()
        } else {
            missing
        }
    );
    python
}

/// Runs `tests/interop/SCRIPT ARGS` with the interop tests' Python, which must have `modules`.
pub fn run_python(script: &str, modules: &[&str], args: &[&str]) -> Run {
    let python = python_with(modules);
    let script = repo().join("tests/interop").join(script);
    let mut all = vec![script.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    run_program(&python, &repo(), &all, None)
}

/// axe-core's `axe.min.js` (npm `axe-core`), which `scripts/test` installs under
/// `tests/.node/`; `$WANGLUO_AXE` names another copy.
pub fn axe_script() -> PathBuf {
    let path = std::env::var_os("WANGLUO_AXE")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("tests/.node/node_modules/axe-core/axe.min.js"));
    assert!(
        path.exists(),
        "the accessibility test needs axe-core's axe.min.js at {} (npm `axe-core`): {INSTALL}",
        path.display()
    );
    path
}

/// Runs Graphviz's `dot ARGS` on `input`.
pub fn run_graphviz(args: &[&str], input: &[u8]) -> Run {
    let found = Command::new("dot").arg("-V").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "the interop tests need Graphviz (its `dot` command is not on PATH): {INSTALL}"
    );
    run_program("dot".as_ref(), &repo(), args, Some(input))
}
