//! The resident's settings (text size, contrast, territory) and the kiosk's
//! configuration, kept in localStorage (nothing personal) and applied to the
//! page at once.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const KEY: &str = "proxinum.reglages";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    #[default]
    Normale,
    Grande,
    TresGrande,
}

/// A médiathèque's tablet: staff code, its place, the idle delay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kiosk {
    /// SHA-256 of the staff's code (hex).
    pub code: String,
    /// The place the tablet stands in: "Autour de moi" starts there.
    pub lieu_id: Option<String>,
    /// Seconds without a touch before everything is reset.
    pub delai_s: u32,
}

pub const DEFAULT_KIOSK_IDLE_S: u32 = 90;

/// The territories the app offers (Réglages, the coordinator's dashboard).
pub const TERRITORIES: &[(&str, &str)] = &[("32", "Gers (32)"), ("82", "Tarn-et-Garonne (82)")];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub taille_texte: TextSize,
    #[serde(default)]
    pub contraste_eleve: bool,
    #[serde(default = "default_territory")]
    pub territoire: String,
    #[serde(default)]
    pub kiosque: Option<Kiosk>,
}

fn default_territory() -> String {
    "32".into()
}

impl Default for Settings {
    fn default() -> Self {
        Settings { taille_texte: TextSize::Normale, contraste_eleve: false, territoire: default_territory(), kiosque: None }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl Settings {
    pub fn load() -> Settings {
        local_storage().and_then(|s| s.get_item(KEY).ok().flatten()).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    }

    pub fn save(&self) {
        if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(self)) {
            let _ = storage.set_item(KEY, &text);
        }
    }

    pub fn is_kiosk(&self) -> bool {
        self.kiosque.is_some()
    }

    pub fn kiosk_code_matches(&self, code: &str) -> bool {
        self.kiosque.as_ref().is_some_and(|k| k.code == hash_code(code))
    }
}

pub fn hash_code(code: &str) -> String {
    Sha256::digest(format!("proxinum-kiosque:{}", code.trim())).iter().map(|b| format!("{b:02x}")).collect()
}

/// Puts the text size, contrast and kiosk classes on `<html>`.
pub fn apply_to_document(settings: &Settings) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let classes = root.class_list();
    let size = match settings.taille_texte {
        TextSize::Normale => None,
        TextSize::Grande => Some("text-large"),
        TextSize::TresGrande => Some("text-xlarge"),
    };
    let _ = classes.remove_2("text-large", "text-xlarge");
    if let Some(class) = size {
        let _ = classes.add_1(class);
    }
    let _ = classes.toggle_with_force("contrast", settings.contraste_eleve);
    let _ = classes.toggle_with_force("kiosk", settings.is_kiosk());
}

/// Provides the settings as a signal; every change is saved and applied.
pub fn provide_settings() -> RwSignal<Settings> {
    let settings = RwSignal::new(Settings::load());
    Effect::new(move |_| {
        let current = settings.get();
        current.save();
        apply_to_document(&current);
    });
    provide_context(settings);
    settings
}

pub fn use_settings() -> RwSignal<Settings> {
    expect_context::<RwSignal<Settings>>()
}

/// Reads and writes small non-personal values (guide progress…).
pub fn remember(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&format!("proxinum.{key}"), value);
    }
}

pub fn recall(key: &str) -> Option<String> {
    local_storage()?.get_item(&format!("proxinum.{key}")).ok().flatten()
}
