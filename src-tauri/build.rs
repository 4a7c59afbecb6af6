// Each app command gets a generated permission (`allow-<command>`); the capability in
// capabilities/main.json grants exactly these, so nothing else is reachable from the page.
const COMMANDS: &[&str] = &[
    "workspace", "open_workspace", "reload_workspace", "catalog", "open_plan", "check_plan", "apply_edit", "save_plan",
    "file_stamp", "create_plan", "rename_plan", "duplicate_plan", "plan_referrers", "delete_plan", "route_control",
    "settings", "set_provisioned", "simulate",
];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri-build failed");
}
