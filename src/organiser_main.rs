//! The organisers' app's entry point (wasm), built by
//! `scripts/build-page-app.sh` into `organisateur-<hash>_bg.wasm`. Natively
//! it compiles to nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    proxinum_app::start_organiser();
}
