//! Pieces of interface that need the app (its contexts, the browser). The
//! markup shared with the server lives in `proxinum-views`.

pub mod catalog_item;
pub mod freshness;
pub mod reminder;
pub mod share;
pub mod shell;
