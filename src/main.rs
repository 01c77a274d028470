//! Proxinum, the resident app: a Leptos client-side app compiled to wasm.
//! `app` holds the router and shell; pages render state from `core`.

//! Natively (for `cargo test` at the workspace root) it compiles to nothing.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod platform;

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    platform::dom::remove_boot_message();
    leptos::mount::mount_to_body(app::App);
    platform::service_worker::register();
}
