// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// Each edit clones the plan for the undo snapshot and drops the oldest one; with glibc's
// allocator that churn slowed every later allocation (validation's too). mimalloc makes an
// edit of the 2,000-applet plan ~40% cheaper (crates/planwright-api/benches/edit.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    planwright_desktop_lib::run()
}
