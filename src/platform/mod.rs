//! Thin wrappers over browser APIs (network state, service worker, DOM).
//! Decisions are not made here: only facts from the browser come out.

pub mod dom;
pub mod network;
pub mod service_worker;
