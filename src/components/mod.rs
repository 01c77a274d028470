//! Reusable pieces of interface.

pub mod badges;
pub mod catalog_item;
pub mod external;
pub mod freshness;
pub mod icons;
pub mod map;
pub mod place_card;
pub mod qr;
pub mod session_card;
pub mod share;
pub mod shell;
