//! `planwright render`: SVG that an XML parser reads, with every applet and connection; PNG at
//! print scale; a diff and a heatmap drawn over the plan.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn planwright(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_planwright")).args(args).current_dir(repo()).output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn svg_holds_every_applet_and_connection_and_png_is_print_sized() {
    let (code, svg, err) = planwright(&["render", "voice-orders"]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    let applets: Vec<&str> = doc.descendants().filter(|n| n.attribute("class") == Some("applet")).filter_map(|n| n.attribute("data-id")).collect();
    assert_eq!(applets.len(), 4, "{applets:?}");
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("path")).count(), 9);
    assert!(text.contains("When the interaction ends → order-follow-up"));
    let width: f64 = doc.root_element().attribute("width").unwrap().parse().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("plan.png");
    let (code, _, err) = planwright(&["render", "voice-orders", "--format", "png", "--scale", "2", "-o", png.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let png_width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    assert_eq!(png_width as f64, (width * 2.0).round(), "twice the canvas size");
    let (code, _, err) = planwright(&["render", "voice-orders", "--format", "png"]);
    assert_eq!(code, 2);
    assert!(err.contains("a PNG needs --out FILE"), "{err}");
}

#[test]
fn a_diff_and_a_heatmap_are_drawn_over_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let mut plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(repo().join("plans/order-follow-up.json")).unwrap()).unwrap();
    plan["applets"].as_array_mut().unwrap().push(serde_json::json!({"id": "gone", "kind": "SendEmail", "label": "Old email", "position": {"x": 900.0, "y": 300.0}, "properties": {"to": ["a@example.com"], "subject": "s", "body": "b"}}));
    std::fs::write(&old, serde_json::to_string(&plan).unwrap()).unwrap();
    let (code, svg, err) = planwright(&["render", "order-follow-up", "--diff-from", old.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(svg).unwrap();
    assert!(text.contains(r#"data-id="gone" data-mark="removed""#), "the removed applet is a ghost");
    let (code, svg, err) = planwright(&["render", "voice-orders", "--heat", "--scenario", "plans/scenarios/voice-orders-distribution.json", "-n", "1000", "--seed", "3"]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(svg).unwrap();
    let delivered = text.split("Delivered (").nth(1).and_then(|r| r.split(')').next()).and_then(|n| n.parse::<u64>().ok()).unwrap();
    assert!(delivered > 500 && delivered < 1000, "{delivered} of 1000 delivered");
}
