//! One module per page.

pub mod ateliers;
pub mod guides;
pub mod home;
pub mod inscriptions;
pub mod not_found;
pub mod reglages;
