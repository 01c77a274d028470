//! What the pages share, provided once at the top of the app.

pub mod catalog;
pub mod registrations;
pub mod settings;
