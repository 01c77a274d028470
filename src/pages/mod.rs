//! One module per page.

pub mod atelier;
pub mod ateliers;
pub mod confidentialite;
pub mod coordination;
pub mod dashboard;
pub mod diagnostic;
pub mod guide;
pub mod guides;
pub mod home;
pub mod import_ics;
pub mod inscription;
pub mod inscriptions;
pub mod kiosque;
pub mod not_found;
pub mod organisateur;
pub mod place;
pub mod reglages;
