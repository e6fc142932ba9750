//! A query that outlives `--timeout` stops using the CPU, and SIGTERM stops a server that is
//! running one (issue 21, A). Oxigraph checks its cancellation token only when it reads the store,
//! never inside an in-memory join or aggregate, so the cross product below went on in a thread
//! of the server for ever after its 503; the server now runs queries in worker processes and kills
//! the one whose query times out.
//!
//! The CPU is read from `/proc` (Linux): the ticks used by the server and every process under it.

#![cfg(target_os = "linux")]

use crate::util::{http_client, ServeProcess};
use std::time::Duration;

/// Four patterns with no variable in common: a cross product of the whole graph with itself,
/// four times over, counted in memory.
const RUNAWAY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

/// `pid` and every process under it.
fn process_tree(pid: u32) -> Vec<u32> {
    let mut all = vec![pid];
    let mut next = 0;
    while next < all.len() {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", all[next]));
        for task in tasks.into_iter().flatten().flatten() {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            all.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
        next += 1;
    }
    all
}

/// The state letter and CPU ticks (user + system) of a process, or `None` once it is gone.
fn stat(pid: u32) -> Option<(char, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command's closing parenthesis: state, then 10 fields to utime and stime.
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some((state, ticks))
}

/// The CPU ticks the server and the processes under it used during `window` (a process that
/// ended in the window uses none now and is left out).
fn ticks_used(pid: u32, window: Duration) -> u64 {
    let ticks = || -> std::collections::HashMap<u32, u64> {
        process_tree(pid)
            .into_iter()
            .filter_map(|p| stat(p).map(|(_, t)| (p, t)))
            .collect()
    };
    let before = ticks();
    std::thread::sleep(window);
    ticks()
        .into_iter()
        .map(|(p, t)| t.saturating_sub(before.get(&p).copied().unwrap_or(0)))
        .sum()
}

/// `query` POSTed as a form to `/sparql`.
fn post_query(url: String, query: &str) -> reqwest::Result<reqwest::blocking::Response> {
    let body: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("query", query)
        .finish();
    http_client()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
}

fn ask_runaway(server: &ServeProcess) -> u16 {
    post_query(server.url("/sparql"), RUNAWAY)
        .expect("a response")
        .status()
        .as_u16()
}

#[test]
fn a_query_past_the_timeout_stops_using_the_cpu() {
    let server = ServeProcess::bundled(&["--timeout", "1"]);
    assert_eq!(ask_runaway(&server), 503);
    // The worker is killed at the timeout and a fresh one reads its graph: give it a moment.
    std::thread::sleep(Duration::from_secs(2));
    let window = Duration::from_secs(3);
    let used = ticks_used(server.pid(), window);
    // A query still running takes a core (300 ticks in 3 s, USER_HZ being 100), or what it gets
    // of one on a loaded machine: 100 ticks at a load of 6 on 2 cores. An idle server takes 0.
    assert!(
        used < 10,
        "the server and its workers used {used} CPU ticks in the {window:?} after the 503"
    );
    // And the server answers.
    let answered = post_query(server.url("/sparql"), "ASK { ?s ?p ?o }").expect("a response");
    assert_eq!(answered.status(), 200);
}

#[test]
fn sigterm_stops_a_server_while_a_query_runs() {
    let mut server = ServeProcess::bundled(&["--timeout", "120"]);
    let root = server.url("/sparql");
    std::thread::spawn(move || {
        let _ = post_query(root, RUNAWAY);
    });
    // Wait until the server's processes have run the query for 0.3 s of CPU (on a busy machine it
    // may get a small share of a core).
    let pid = server.pid();
    let total = || -> u64 {
        process_tree(pid)
            .into_iter()
            .filter_map(|p| stat(p).map(|(_, t)| t))
            .sum()
    };
    let at_start = total();
    let mut running = false;
    for _ in 0..150 {
        std::thread::sleep(Duration::from_millis(200));
        if total() > at_start + 30 {
            running = true;
            break;
        }
    }
    assert!(running, "the query never started");
    let tree = process_tree(pid);
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    // Issue 21 asks for 2 s; the margin is for a loaded machine, the failure was "never".
    assert!(
        server.exited_within(Duration::from_secs(5)),
        "the server was still up 5 s after SIGTERM"
    );
    // Nothing it started goes on running (a process killed may linger as a zombie a moment).
    std::thread::sleep(Duration::from_millis(500));
    for child in tree.into_iter().filter(|p| *p != pid) {
        if let Some((state, _)) = stat(child) {
            assert_eq!(
                state, 'Z',
                "process {child} of the server still runs after it stopped"
            );
        }
    }
}
