//! An empty Tauri 2 window, built like the app (this crate's tauri and features, release,
//! mimalloc) but with no UI and no engine: the baseline the app's memory is compared with
//! (`scripts/bench-window.sh`). Not part of the app users run.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut context = tauri::generate_context!();
    // The app's own window (its UI) is not created; one blank window of the same size is.
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            let blank = "about:blank".parse().expect("a URL");
            tauri::WebviewWindowBuilder::new(app, "empty", tauri::WebviewUrl::External(blank))
                .title("Empty Tauri window")
                .inner_size(1600.0, 1000.0)
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("the empty window failed to start");
}
