//! "Lire à voix haute" with the browser's speech synthesis, in French.

use wasm_bindgen::JsValue;

fn synthesis() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    if !js_sys::Reflect::has(&window, &JsValue::from_str("speechSynthesis")).ok()? {
        return None;
    }
    window.speech_synthesis().ok()
}

/// False where the browser cannot speak: the button is then hidden.
pub fn available() -> bool {
    synthesis().is_some()
}

pub fn speak(text: &str) {
    let Some(synthesis) = synthesis() else { return };
    synthesis.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        utterance.set_lang("fr-FR");
        utterance.set_rate(0.9);
        synthesis.speak(&utterance);
    }
}

pub fn stop() {
    if let Some(synthesis) = synthesis() {
        synthesis.cancel();
    }
}
