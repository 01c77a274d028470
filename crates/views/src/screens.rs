//! Which page of the app a path shows, and the id it names: the app's one
//! table of its addresses (`src/app.rs` renders the page it names).

/// The pages of the residents' app.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Screen {
    Home,
    Place,
    Workshops,
    PastWorkshops,
    Workshop,
    Registration,
    Registrations,
    Receipt,
    Guides,
    Guide,
    Settings,
    Diagnostic,
    Privacy,
    Kiosk,
    NotFound,
}

/// The page a path shows and the id it names (`/lieux/{id}`…; empty if
/// none). Empty segments are ignored, so `/ateliers/` is `/ateliers`. The
/// id is taken as written (not percent-decoded), as leptos_router did.
pub fn screen_of(path: &str) -> (Screen, &str) {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => (Screen::Home, ""),
        ["lieux", id] => (Screen::Place, id),
        ["ateliers"] => (Screen::Workshops, ""),
        ["ateliers", "passes"] => (Screen::PastWorkshops, ""),
        ["ateliers", id] => (Screen::Workshop, id),
        ["ateliers", id, "inscription"] => (Screen::Registration, id),
        ["inscriptions"] => (Screen::Registrations, ""),
        ["inscriptions", id] => (Screen::Receipt, id),
        ["guides"] => (Screen::Guides, ""),
        ["guides", id] => (Screen::Guide, id),
        ["reglages"] => (Screen::Settings, ""),
        ["reglages", "diagnostic"] => (Screen::Diagnostic, ""),
        ["confidentialite"] => (Screen::Privacy, ""),
        ["kiosque"] => (Screen::Kiosk, ""),
        _ => (Screen::NotFound, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_of_the_app_names_its_page_and_id() {
        let cases = [
            ("/", Screen::Home, ""),
            ("/lieux/fs-192", Screen::Place, "fs-192"),
            ("/ateliers", Screen::Workshops, ""),
            ("/ateliers/", Screen::Workshops, ""),
            ("/ateliers/passes", Screen::PastWorkshops, ""),
            ("/ateliers/a1b2", Screen::Workshop, "a1b2"),
            ("/ateliers/a1b2/inscription", Screen::Registration, "a1b2"),
            ("/inscriptions", Screen::Registrations, ""),
            ("/inscriptions/7f1c", Screen::Receipt, "7f1c"),
            ("/guides", Screen::Guides, ""),
            ("/guides/arnaques-sms", Screen::Guide, "arnaques-sms"),
            ("/reglages", Screen::Settings, ""),
            ("/reglages/diagnostic", Screen::Diagnostic, ""),
            ("/confidentialite", Screen::Privacy, ""),
            ("/kiosque", Screen::Kiosk, ""),
            ("/lieux/caf%C3%A9", Screen::Place, "caf%C3%A9"),
        ];
        for (path, screen, id) in cases {
            assert_eq!(screen_of(path), (screen, id), "{path}");
        }
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in ["/lieux", "/lieux/a/b", "/inscriptions/x/annulation", "/organisateur", "/ateliers/a/inscription/b", "/autre"] {
            assert_eq!(screen_of(path), (Screen::NotFound, ""), "{path}");
        }
    }
}
