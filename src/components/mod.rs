//! Reusable pieces of interface.

pub mod icons;
pub mod shell;
