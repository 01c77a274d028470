//! The browser's geolocation, as one async call with French explanations.

use futures_channel::oneshot;
use proxinum_core::geo::LatLon;
use wasm_bindgen::prelude::*;

/// Why the position could not be found, in words for the resident.
pub fn locate_failure_text(code: u16) -> &'static str {
    match code {
        1 => "Vous n'avez pas autorisé la localisation. Ce n'est pas grave : tapez votre commune ou votre code postal.",
        3 => "La localisation prend trop de temps. Tapez plutôt votre commune ou votre code postal.",
        _ => "Votre position n'a pas pu être trouvée. Tapez votre commune ou votre code postal.",
    }
}

/// Asks for the position once. `Err` holds a French message.
pub async fn locate() -> Result<LatLon, &'static str> {
    let Some(window) = web_sys::window() else { return Err(locate_failure_text(2)) };
    let Ok(geolocation) = window.navigator().geolocation() else {
        return Err("Ce navigateur ne peut pas vous localiser. Tapez votre commune ou votre code postal.");
    };
    let (sender, receiver) = oneshot::channel::<Result<LatLon, u16>>();
    let sender = std::rc::Rc::new(std::cell::RefCell::new(Some(sender)));
    let on_success = {
        let sender = sender.clone();
        Closure::once(move |position: web_sys::Position| {
            let coords = position.coords();
            let result = LatLon::new(coords.latitude(), coords.longitude()).ok_or(2);
            if let Some(s) = sender.borrow_mut().take() {
                let _ = s.send(result);
            }
        })
    };
    let on_error = Closure::once(move |error: web_sys::PositionError| {
        if let Some(s) = sender.borrow_mut().take() {
            let _ = s.send(Err(error.code()));
        }
    });
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(false);
    options.set_timeout(15_000);
    options.set_maximum_age(600_000);
    if geolocation
        .get_current_position_with_error_callback_and_options(
            on_success.as_ref().unchecked_ref(),
            Some(on_error.as_ref().unchecked_ref()),
            &options,
        )
        .is_err()
    {
        return Err(locate_failure_text(2));
    }
    let result = receiver.await.unwrap_or(Err(2));
    drop((on_success, on_error));
    result.map_err(locate_failure_text)
}
