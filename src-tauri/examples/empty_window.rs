//! An empty Tauri 2 window, built like the app (this crate's tauri and features, release,
//! mimalloc) but with no UI and no engine: the baseline the app's memory is compared with
//! (`scripts/bench-window.sh`). Not part of the app users run.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PAGE: &[u8] = b"<!doctype html><html><head><title>Empty</title></head><body></body></html>";

fn main() {
    let mut context = tauri::generate_context!();
    // The app's own window (its UI) is not created; one window of the same size with an empty
    // page is (served by a protocol of its own, so a web process loads it as it loads the app).
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("empty", |_, _| tauri::http::Response::builder().header("Content-Type", "text/html").body(PAGE.to_vec()).expect("a response"))
        .setup(|app| {
            let url = "empty://localhost/".parse().expect("a URL");
            tauri::WebviewWindowBuilder::new(app, "empty", tauri::WebviewUrl::CustomProtocol(url))
                .title("Empty Tauri window")
                .inner_size(1600.0, 1000.0)
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("the empty window failed to start");
}
