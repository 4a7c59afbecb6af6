// Each app command gets a generated permission (`allow-<command>`). The names come from the
// one declaration of the command set; capabilities/main.json grants exactly these (a test in
// planwright-api checks it), so nothing else is reachable from the page.
include!("../crates/planwright-api/src/command_set.rs");

macro_rules! names {
    (
        commands { $( $c:ident ( $( $ca:ident : $ct:ty ),* ) -> $cr:ty ; )* }
        jobs { $( $j:ident ( $( $ja:ident : $jt:ty ),* ) -> $jr:ty ; )* }
        job_control { $( $k:ident ( $( $ka:ident : $kt:ty ),* ) -> $kr:ty ; )* }
    ) => {
        &[$( stringify!($c), )* $( stringify!($j), )* $( stringify!($k), )*]
    };
}

const COMMANDS: &[&str] = command_set!(names);

fn main() {
    println!("cargo:rerun-if-changed=../crates/planwright-api/src/command_set.rs");
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri-build failed");
}
