//! The local diagnostic a médiateur reads on a resident's phone (Réglages →
//! Diagnostic): what the app knows about itself, as plain text to copy. It
//! never carries personal data: outbox entries are shown by workshop,
//! state and last error, never by name, phone or e-mail; logged errors are
//! the app's own French messages.

use chrono::{Datelike, Timelike};
use serde::{Deserialize, Serialize};

use crate::outbox::{Entry, EntryState, Millis, MyRegistration, MyStatus, Operation};

/// How many errors the device keeps (the oldest go first).
pub const KEPT_ERRORS: usize = 50;

/// One error the app met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedError {
    pub quand: Millis,
    /// Where: "inscription", "catalogue", "stockage", "application"…
    pub ou: String,
    pub message: String,
}

/// Adds an error, keeping the last `KEPT_ERRORS`.
pub fn remember(log: &mut Vec<LoggedError>, error: LoggedError) {
    log.push(error);
    if log.len() > KEPT_ERRORS {
        let extra = log.len() - KEPT_ERRORS;
        log.drain(..extra);
    }
}

/// What the page gathered.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub version: String,
    /// The build's wasm file, which names the deployment exactly.
    pub build: String,
    pub now: Millis,
    pub territory: String,
    /// "Données du …" and the last confirmation from the national source.
    pub data: Vec<String>,
    pub service_worker: String,
    pub network: String,
    /// (used, quota) in bytes, when the browser says.
    pub storage: Option<(f64, f64)>,
    pub kiosk: bool,
    pub outbox: Vec<Entry>,
    /// "Mes inscriptions" on the device: the refused and unsent ones are
    /// listed (whoever got the answer, the page or the service worker).
    pub registrations: Vec<MyRegistration>,
    pub errors: Vec<LoggedError>,
}

/// "24/11/2026 08:45:10 (il y a 3 min)", Paris time.
fn moment(at: Millis, now: Millis) -> String {
    let Some(utc) = chrono::DateTime::from_timestamp_millis(at) else { return "?".into() };
    // Written by hand: chrono's `format` would bring its strftime machinery
    // (and a Unicode table) into the residents' wasm for this one line.
    let paris = crate::time::in_paris(utc).naive_local();
    let local =
        format!("{:02}/{:02}/{} {:02}:{:02}:{:02}", paris.day(), paris.month(), paris.year(), paris.hour(), paris.minute(), paris.second());
    let minutes = (now - at) / 60_000;
    match minutes {
        m if m < 1 => format!("{local} (à l'instant)"),
        m if m < 120 => format!("{local} (il y a {m} min)"),
        m => format!("{local} (il y a {} h)", m / 60),
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{} Mo", crate::decimal::Fixed(bytes / 1_000_000.0, 1))
}

fn entry_line(entry: &Entry, now: Millis) -> String {
    let what = match entry.operation {
        Operation::Inscrire { .. } => "inscription",
        Operation::Annuler { .. } => "annulation",
    };
    let state = match entry.etat {
        EntryState::EnAttente if entry.prochain_essai > now => format!("en attente, prochain essai {}", moment(entry.prochain_essai, now)),
        EntryState::EnAttente => "en attente, essai au prochain réseau".to_string(),
        EntryState::EnCours { depuis } => format!("envoi en cours depuis {}", moment(depuis, now)),
    };
    let code = crate::registration::short_code(entry.registration_id());
    let error = entry.derniere_erreur.as_deref().map(|e| format!(" ; dernière erreur : {e}")).unwrap_or_default();
    format!(
        "- {what} {code}, « {} » ({}) : {state}, {} essai(s){error}{}",
        entry.atelier.titre,
        entry.atelier.quand,
        entry.tentatives,
        if entry.kiosque { ", faite sur la borne" } else { "" }
    )
}

/// The diagnostic as text, the same on screen and when copied.
pub fn report(facts: &Facts) -> String {
    let mut lines = vec![
        "Diagnostic Proxinum".to_string(),
        format!("Le : {}", moment(facts.now, facts.now)),
        format!("Version : {} ({})", facts.version, facts.build),
        format!("Territoire : {}", facts.territory),
    ];
    lines.extend(facts.data.iter().cloned());
    lines.push(format!("Service worker : {}", facts.service_worker));
    lines.push(format!("Réseau : {}", facts.network));
    lines.push(match facts.storage {
        Some((used, quota)) => format!("Stockage utilisé : {} sur {}", megabytes(used), megabytes(quota)),
        None => "Stockage utilisé : inconnu (le navigateur ne le dit pas)".into(),
    });
    if facts.kiosk {
        lines.push("Mode borne : oui".into());
    }
    lines.push(String::new());
    if facts.outbox.is_empty() {
        lines.push("En attente d'envoi : rien".into());
    } else {
        lines.push(format!("En attente d'envoi : {}", facts.outbox.len()));
        lines.extend(facts.outbox.iter().map(|e| entry_line(e, facts.now)));
    }
    let unsuccessful: Vec<String> = facts
        .registrations
        .iter()
        .filter(|r| matches!(r.statut, MyStatus::Refusee { .. } | MyStatus::Expiree))
        .map(|r| {
            let code = crate::registration::short_code(r.id);
            format!("- {code}, « {} » ({}) : {}", r.atelier.titre, r.atelier.quand, r.statut.label())
        })
        .collect();
    if !unsuccessful.is_empty() {
        lines.push(String::new());
        lines.push("Inscriptions refusées ou non envoyées :".into());
        lines.extend(unsuccessful);
    }
    lines.push(String::new());
    if facts.errors.is_empty() {
        lines.push("Erreurs récentes : aucune".into());
    } else {
        lines.push(format!("Erreurs récentes (les {} dernières au plus, la plus récente d'abord) :", KEPT_ERRORS));
        lines.extend(facts.errors.iter().rev().map(|e| format!("- {} · {} · {}", moment(e.quand, facts.now), e.ou, e.message)));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::outbox::SessionRef;
    use crate::registration::RegistrationRequest;

    const NOW: Millis = 1_795_500_000_000;

    fn entry() -> Entry {
        let demande = RegistrationRequest {
            id: Uuid::parse_str("0f2b8a1c-3d4e-4f56-8a9b-0c1d2e3f4a5b").unwrap(),
            session_id: "ent-parents".into(),
            prenom: "Jeanne".into(),
            nom: "Dupont".into(),
            telephone: Some("+33612345678".into()),
            courriel: Some("jeanne@example.fr".into()),
            places: 1,
            besoins: Some("fauteuil".into()),
            consentement: true,
        };
        let atelier = SessionRef {
            id: "ent-parents".into(),
            titre: "L'ENT pour les parents".into(),
            quand: "mardi 1er décembre".into(),
            debut_ms: NOW + 86_400_000,
        };
        let mut entry = Entry::register(demande, atelier, NOW - 600_000);
        entry.tentatives = 3;
        entry.prochain_essai = NOW + 120_000;
        entry.derniere_erreur = Some("Le serveur ne répond pas correctement. Nouvel essai automatique.".into());
        entry
    }

    #[test]
    fn the_report_says_what_waits_and_why_without_personal_data() {
        let mut errors = Vec::new();
        remember(
            &mut errors,
            LoggedError { quand: NOW - 60_000, ou: "inscription".into(), message: "Refusée : L'atelier est complet.".into() },
        );
        let mut refused = MyRegistration::pending(&entry()).unwrap();
        refused.statut = MyStatus::Refusee { message: "L'atelier est annulé.".into() };
        let facts = Facts {
            version: "0.1.0".into(),
            build: "proxinum-app-abc_bg.wasm".into(),
            now: NOW,
            territory: "Gers (32)".into(),
            data: vec!["Données du 20/11/2026".into()],
            service_worker: "actif, contrôle la page".into(),
            network: "en ligne".into(),
            storage: Some((2_500_000.0, 300_000_000.0)),
            kiosk: false,
            outbox: vec![entry()],
            registrations: vec![refused],
            errors,
        };
        let text = report(&facts);
        assert!(text.contains("Le : 24/11/2026 07:00:00 (à l'instant)"), "{text}");
        assert!(text.contains("- 24/11/2026 06:59:00 (il y a 1 min) · inscription"), "{text}");
        assert!(text.contains("Stockage utilisé : 2.5 Mo sur 300.0 Mo"), "{text}");
        assert!(text.contains("En attente d'envoi : 1"));
        assert!(text.contains("« L'ENT pour les parents » (mardi 1er décembre) : en attente, prochain essai"), "{text}");
        assert!(text.contains("3 essai(s) ; dernière erreur : Le serveur ne répond pas correctement."), "{text}");
        assert!(text.contains("inscription · Refusée : L'atelier est complet."), "{text}");
        assert!(text.contains("« L'ENT pour les parents » (mardi 1er décembre) : Refusée : L'atelier est annulé."), "{text}");
        for personal in ["Jeanne", "Dupont", "0612", "+336", "jeanne@", "fauteuil"] {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
    }

    #[test]
    fn moments_are_paris_time_with_two_digit_fields() {
        // 5 July 2026, 08:04:09 UTC: 10:04:09 in Paris (summer time).
        let at: Millis = 1_783_238_649_000;
        assert_eq!(moment(at, at + 3 * 3_600_000), "05/07/2026 10:04:09 (il y a 3 h)");
    }

    #[test]
    fn only_the_last_fifty_errors_are_kept() {
        let mut log = Vec::new();
        for i in 0..60 {
            remember(&mut log, LoggedError { quand: i, ou: "test".into(), message: format!("erreur {i}") });
        }
        assert_eq!(log.len(), KEPT_ERRORS);
        assert_eq!((log[0].message.as_str(), log[49].message.as_str()), ("erreur 10", "erreur 59"));
    }
}
