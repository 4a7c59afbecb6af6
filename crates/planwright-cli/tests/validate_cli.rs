//! The `planwright validate` command as users and CI run it: output shape and exit codes.

mod common;
use common::planwright;
use std::process::Command;

#[test]
fn the_sample_workspace_validates_with_exit_0() {
    let (code, out) = planwright(&["validate"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s)"), "{out}");
}

#[test]
fn each_broken_fixture_exits_1_with_its_code() {
    for (fixture, code) in [
        ("tests/fixtures/broken/no-start.json", "error start-missing"),
        ("tests/fixtures/broken/dangling.json", "error connection-unknown-exit"),
        ("tests/fixtures/broken/live-in-unattended.json", "error live-applet-in-unattended"),
        ("tests/fixtures/broken/bad-properties.json", "error property-email"),
        ("tests/fixtures/broken/route-self.json", "error route-self"),
        ("tests/fixtures/broken/route-unknown.json", "error route-unknown"),
        ("tests/fixtures/broken/route-chain", "error route-reaches-live-applet"),
        ("tests/fixtures/broken/message-route", "error route-type-not-allowed"),
        ("tests/fixtures/broken/unattended-route", "error route-on-unattended"),
    ] {
        let (exit, out) = planwright(&["validate", fixture]);
        assert_eq!(exit, 1, "{fixture}: {out}");
        assert!(out.contains(code), "{fixture} reports {code}: {out}");
    }
}

#[test]
fn text_lines_name_file_plan_and_applet() {
    let (_, out) = planwright(&["validate", "tests/fixtures/broken/live-in-unattended.json"]);
    assert!(
        out.lines().any(|l| l.starts_with("tests/fixtures/broken/live-in-unattended.json: live-in-unattended/q: error live-applet-in-unattended: ")),
        "{out}"
    );
}

#[test]
fn unreadable_input_exits_2_with_a_clear_message() {
    for (fixture, says) in [
        ("tests/fixtures/unreadable/malformed.json", "line 5, column 3"),
        ("tests/fixtures/unreadable/unknown-kind.json", "known kinds: DataConnector"),
        ("tests/fixtures/unreadable/newer-schema.json", "made by a newer Planwright"),
        ("tests/fixtures/unreadable/bad-utf8.json", "bad-utf8.json: error file-invalid-utf8: cannot read: invalid UTF-8 at byte offset 59 (line 4, column 15)"),
        ("tests/fixtures/unreadable/path-id.json", "path-id.json: error file-invalid-id: id '../../etc/passwd' is not a valid id"),
        ("tests/fixtures/no-such-file.json", "no-such-file.json: error file-not-found: cannot read: no such file or folder"),
    ] {
        let (exit, out) = planwright(&["validate", fixture]);
        assert_eq!(exit, 2, "{fixture}: {out}");
        assert!(out.contains(says), "{fixture}: {out}");
    }
    let (exit, out) = planwright(&["fmt", "--check", "tests/fixtures/unreadable/bad-utf8.json"]);
    assert_eq!(exit, 2, "{out}");
    assert!(out.contains("error file-invalid-utf8: cannot read: invalid UTF-8 at byte offset 59 (line 4, column 15)"), "fmt says where too: {out}");
}

#[cfg(unix)]
#[test]
fn a_broken_link_or_a_link_loop_given_as_the_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("gone.json", dir.path().join("broken.json")).unwrap();
    std::os::unix::fs::symlink("loop.json", dir.path().join("loop.json")).unwrap();
    for (name, says) in [("broken.json", "error file-broken-link"), ("loop.json", "error file-link-loop")] {
        let path = dir.path().join(name);
        let (exit, out) = planwright(&["validate", path.to_str().unwrap()]);
        assert_eq!(exit, 2, "{name}: {out}");
        assert!(out.contains(says), "{name}: {out}");
    }
}

#[test]
fn json_format_is_machine_readable() {
    let (exit, out) = planwright(&["validate", "--format", "json", "tests/fixtures/broken/no-start.json"]);
    assert_eq!(exit, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "start-missing");
    assert_eq!(v["diagnostics"][0]["severity"], "error");
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn warnings_only_exit_0() {
    let (exit, out) = planwright(&["validate", "tests/fixtures/warnings"]);
    assert_eq!(exit, 0, "{out}");
    assert!(out.contains("warning cycle-without-loop-counter"), "{out}");
}

#[test]
fn fmt_check_passes_on_the_samples_and_generate_makes_a_valid_plan() {
    assert_eq!(planwright(&["fmt", "--check"]).0, 0);
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_planwright")).args(["generate", "300"]).output().unwrap();
    let file = dir.path().join("big.json");
    std::fs::write(&file, &out.stdout).unwrap();
    let (exit, text) = planwright(&["validate", file.to_str().unwrap()]);
    assert_eq!(exit, 0, "{text}");
}
