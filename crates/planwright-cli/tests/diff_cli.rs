//! `planwright diff` as CI runs it: exit 0 on a pure layout change, 1 on a behaviour change,
//! 2 on a version it cannot read; versions from files and from git revisions.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(dir: &Path, program: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(program).args(args).current_dir(dir).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

fn planwright(dir: &Path, args: &[&str]) -> (i32, String) {
    run(dir, env!("CARGO_BIN_EXE_planwright"), args)
}

/// A git repository holding a copy of the sample plans, committed once.
fn repo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(plans.join("scenarios")).unwrap();
    std::fs::create_dir_all(plans.join("schedules")).unwrap();
    for sub in ["", "scenarios", "schedules"] {
        for e in std::fs::read_dir(repo().join("plans").join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), plans.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    for args in [&["init", "-q"][..], &["add", "-A"], &["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "v1"]] {
        let (code, out) = run(dir.path(), "git", args);
        assert_eq!(code, 0, "git {args:?}: {out}");
    }
    dir
}

fn edit(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("plans/voice-orders.json");
    let mut plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    f(&mut plan);
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
}

const DIST: &str = "plans/scenarios/voice-orders-distribution.json";

#[test]
fn a_layout_change_exits_0_and_a_rewired_exit_exits_1() {
    let dir = repo_copy();
    edit(dir.path(), |p| {
        for a in p["applets"].as_array_mut().unwrap() {
            a["position"]["x"] = serde_json::json!(a["position"]["x"].as_f64().unwrap() + 80.0);
        }
    });
    let (code, out) = planwright(dir.path(), &["diff", "voice-orders", "--from", "git:HEAD", "--scenario", DIST, "-n", "2000"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("structure (layout only: positions and names):") && out.contains("no interaction behaves differently"), "{out}");

    edit(dir.path(), |p| {
        for c in p["connections"].as_array_mut().unwrap() {
            if c["from"] == "orders_queue" && c["exit"] == "No Agents Logged In" {
                c["to"] = "sorry".into();
            }
        }
    });
    let (code, out) = planwright(dir.path(), &["diff", "voice-orders", "--from", "git:HEAD", "--scenario", DIST, "-n", "2000"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("+ connection orders_queue —No Agents Logged In→ sorry"), "{out}");
    assert!(out.contains("interaction(s) take another path:") && out.contains("at step 3: before voice-orders/voicemail → Next, after voice-orders/sorry → Next"), "{out}");
    let (code, json) = planwright(dir.path(), &["diff", "voice-orders", "--from", "git:HEAD", "--scenario", DIST, "-n", "2000", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["behaviour_changed"], true);
    assert_eq!(v["layout_only"], false);
    assert!(v["behaviour"]["paths_differ"].as_u64().unwrap() > 0);

    // Two files, the other way round: the change undone is a change too.
    let (code, show) = run(dir.path(), "git", &["show", "HEAD:plans/voice-orders.json"]);
    assert_eq!(code, 0);
    std::fs::write(dir.path().join("v1.json"), show).unwrap();
    let (code, out) = planwright(dir.path(), &["diff", "plans/voice-orders.json", "--from", "plans/voice-orders.json", "--to", "v1.json", "--scenario", DIST, "-n", "500"]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn a_version_that_cannot_be_read_exits_2() {
    let dir = repo_copy();
    for (from, says) in [("git:no-such-rev", "git:no-such-rev: "), ("missing.json", "missing.json: cannot read: no such file"), ("git:--help", "not a revision")] {
        let (code, out) = planwright(dir.path(), &["diff", "voice-orders", "--from", from]);
        assert_eq!(code, 2, "{from}: {out}");
        assert!(out.contains(says), "{from}: {out}");
    }
    std::fs::write(dir.path().join("other.json"), std::fs::read_to_string(dir.path().join("plans/chat-support.json")).unwrap()).unwrap();
    let (code, out) = planwright(dir.path(), &["diff", "voice-orders", "--from", "other.json"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("different plans"), "{out}");
}

#[test]
fn store_versions_are_listed_shown_and_compared() {
    let dir = repo_copy();
    let db = dir.path().join("runs.sqlite3");
    let db = db.to_str().unwrap();
    let (code, out) = planwright(dir.path(), &["versions", "voice-orders", "--db", db]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("voice-orders: no versions recorded"), "{out}");
    let (code, out) = planwright(dir.path(), &["versions", "voice-orders", "--db", db, "--record", "as checked out"]);
    assert_eq!((code, out.trim()), (0, "recorded version 1 of voice-orders"));
    let (_, out) = planwright(dir.path(), &["versions", "voice-orders", "--db", db, "--record", "again"]);
    assert_eq!(out.trim(), "voice-orders: the file holds the latest version already");
    edit(dir.path(), |p| {
        for c in p["connections"].as_array_mut().unwrap() {
            if c["from"] == "orders_queue" && c["exit"] == "Maximum Time In Queue" {
                c["to"] = "sorry".into();
            }
        }
    });
    planwright(dir.path(), &["versions", "voice-orders", "--db", db, "--record", "queue timeout apologises"]);
    let (code, out) = planwright(dir.path(), &["versions", "voice-orders", "--db", db]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("   2  ") && lines[0].ends_with("queue timeout apologises"), "{out}");
    let (code, text) = planwright(dir.path(), &["versions", "voice-orders", "--db", db, "--show", "1"]);
    assert_eq!(code, 0);
    assert!(text.contains("\"id\": \"voice-orders\""));
    let (code, out) = planwright(dir.path(), &["diff", "voice-orders", "--db", db, "--from", "version:1", "--to", "version:2", "--scenario", DIST, "-n", "3000"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("plan voice-orders: version:1 → version:2") && out.contains("voicemail → Next, after voice-orders/sorry → Next"), "{out}");
    let (code, out) = planwright(dir.path(), &["diff", "voice-orders", "--db", db, "--from", "version:7"]);
    assert_eq!(code, 2);
    assert!(out.contains("plan 'voice-orders' has no version 7"), "{out}");
}
