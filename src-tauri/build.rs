// Declaring the app's commands makes Tauri generate one permission per command, so the capability
// file can grant the main window exactly the commands it uses and nothing else.
fn main() {
    let commands: &[&str] = &include!("commands.list");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script failed");
}
