//! The resident app's entry point (wasm). Natively (for `cargo test` at the
//! workspace root) it compiles to nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    proxinum_app::start();
}
