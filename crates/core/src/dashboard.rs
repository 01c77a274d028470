//! The coordinator's dashboard (issue 18): for a period and a territory,
//! workshops held and cancelled, registrations, attendance where it was
//! taken, waiting-list pressure, by theme, public, commune and month.
//! Counts only: nothing here can hold a name.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::registration::RegistrationStatus;
use crate::session::{Session, Status};
use crate::vocab::Vocabulary;

/// What the dashboard reads of one registration: no personal field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub statut: RegistrationStatus,
    pub places: u32,
    pub present: Option<bool>,
}

/// A workshop with its commune and its registrations' seats.
#[derive(Debug, Clone)]
pub struct WorkshopFacts {
    pub session: Session,
    pub commune: String,
    pub seats: Vec<Seat>,
}

/// One bar: a theme, a public, a commune or a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bar {
    pub libelle: String,
    /// Workshops held or to come (not cancelled).
    pub ateliers: usize,
    /// Seats confirmed.
    pub inscrits: u32,
    /// Seats asked on the waiting list.
    pub liste_attente: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub territoire: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    #[serde(deserialize_with = "crate::wire_dates::date")]
    pub du: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    #[serde(deserialize_with = "crate::wire_dates::date")]
    pub au: NaiveDate,
    /// Ended, not cancelled.
    pub ateliers_tenus: usize,
    pub ateliers_a_venir: usize,
    pub ateliers_annules: usize,
    /// Seats confirmed, in workshops not cancelled.
    pub inscrits: u32,
    /// Seats asked beyond capacity (the waiting lists): where to add sessions.
    pub liste_attente: u32,
    /// Present / seats whose attendance was noted, in workshops held.
    pub presents: u32,
    pub presences_notees: u32,
    pub par_theme: Vec<Bar>,
    pub par_public: Vec<Bar>,
    pub par_commune: Vec<Bar>,
    pub par_mois: Vec<Bar>,
}

impl Dashboard {
    /// "82 %" of the noted attendance, or none when none was noted.
    pub fn attendance_text(&self) -> Option<String> {
        (self.presences_notees > 0).then(|| format!("{} %", (self.presents * 100 + self.presences_notees / 2) / self.presences_notees))
    }
}

impl Bar {
    fn named(label: &str) -> Bar {
        Bar { libelle: label.to_string(), ateliers: 0, inscrits: 0, liste_attente: 0 }
    }

    /// Counts one workshop with its confirmed and waiting seats.
    fn count(&mut self, confirmed: u32, waiting: u32) {
        self.ateliers += 1;
        self.inscrits += confirmed;
        self.liste_attente += waiting;
    }
}

/// Counts a workshop in the bar labelled `label`, added if new.
fn add(bars: &mut Vec<Bar>, label: &str, confirmed: u32, waiting: u32) {
    match bars.iter_mut().find(|b| b.libelle == label) {
        Some(bar) => bar.count(confirmed, waiting),
        None => {
            let mut bar = Bar::named(label);
            bar.count(confirmed, waiting);
            bars.push(bar);
        }
    }
}

/// The dashboard of the workshops starting between `du` and `au` (Paris
/// dates, both included), as things stand at `now`.
pub fn compute(territory: &str, facts: &[WorkshopFacts], du: NaiveDate, au: NaiveDate, now: DateTime<Utc>) -> Dashboard {
    let mut d = Dashboard {
        territoire: territory.to_string(),
        du,
        au,
        ateliers_tenus: 0,
        ateliers_a_venir: 0,
        ateliers_annules: 0,
        inscrits: 0,
        liste_attente: 0,
        presents: 0,
        presences_notees: 0,
        par_theme: vec![],
        par_public: vec![],
        par_commune: vec![],
        par_mois: vec![],
    };
    // Months kept in calendar order by their (year, month) key.
    let mut months: BTreeMap<(i32, u32), Bar> = BTreeMap::new();
    // Example workshops are invented: they are never counted.
    let counted =
        |f: &&WorkshopFacts| !f.session.exemple && f.session.territoire == territory && (du..=au).contains(&f.session.debut.date());
    for f in facts.iter().filter(counted) {
        if f.session.statut == Status::Annulee {
            d.ateliers_annules += 1;
            continue;
        }
        let held = f.session.is_past(now);
        if held {
            d.ateliers_tenus += 1
        } else {
            d.ateliers_a_venir += 1
        }
        let seats = |status| f.seats.iter().filter(|s| s.statut == status).map(|s| s.places).sum::<u32>();
        let (confirmed, waiting) = (seats(RegistrationStatus::Confirmee), seats(RegistrationStatus::ListeAttente));
        d.inscrits += confirmed;
        d.liste_attente += waiting;
        if held {
            for seat in f.seats.iter().filter(|s| s.statut == RegistrationStatus::Confirmee) {
                if let Some(present) = seat.present {
                    d.presences_notees += seat.places;
                    d.presents += if present { seat.places } else { 0 };
                }
            }
        }
        for theme in &f.session.themes {
            add(&mut d.par_theme, theme.label(), confirmed, waiting);
        }
        for public in &f.session.publics {
            add(&mut d.par_public, public.label(), confirmed, waiting);
        }
        let commune = if f.commune.is_empty() { "Commune inconnue" } else { &f.commune };
        add(&mut d.par_commune, commune, confirmed, waiting);
        let (year, month) = (f.session.debut.year(), f.session.debut.month());
        months
            .entry((year, month))
            .or_insert_with(|| Bar::named(&format!("{} {year}", crate::time::month_name(month))))
            .count(confirmed, waiting);
    }
    d.par_mois = months.into_values().collect();
    // The others by workshops, then name.
    for bars in [&mut d.par_theme, &mut d.par_public, &mut d.par_commune] {
        crate::order::sort_by(bars, |a, b| b.ateliers.cmp(&a.ateliers).then_with(|| a.libelle.cmp(&b.libelle)));
    }
    d
}

/// The dashboard as a spreadsheet (`;`, UTF-8 with BOM): the totals, then
/// one line per bar.
pub fn csv(d: &Dashboard) -> String {
    let cell = |text: &str| format!("\"{}\"", crate::text::spreadsheet_cell(text).replace('"', "\"\""));
    let mut out = String::from("\u{FEFF}Rubrique;Libellé;Ateliers;Inscrits;Liste d'attente\r\n");
    let period = format!("du {} au {}", d.du.format("%d/%m/%Y"), d.au.format("%d/%m/%Y"));
    out += &format!("Période;{};;;\r\n", cell(&period));
    out += &format!("Total;Ateliers tenus;{};;\r\n", d.ateliers_tenus);
    out += &format!("Total;Ateliers à venir;{};;\r\n", d.ateliers_a_venir);
    out += &format!("Total;Ateliers annulés;{};;\r\n", d.ateliers_annules);
    out += &format!("Total;Inscrits;;{};{}\r\n", d.inscrits, d.liste_attente);
    out += &format!("Total;Présences notées (ateliers tenus);;{};\r\n", d.presences_notees);
    out += &format!("Total;Présents;;{};\r\n", d.presents);
    for (section, bars) in [("Thème", &d.par_theme), ("Public", &d.par_public), ("Commune", &d.par_commune), ("Mois", &d.par_mois)] {
        for bar in bars {
            out += &format!("{section};{};{};{};{}\r\n", cell(&bar.libelle), bar.ateliers, bar.inscrits, bar.liste_attente);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, TimeZone};

    use super::*;
    use crate::session::tests::sample;
    use crate::session::{Audience, Theme};

    fn seat(statut: RegistrationStatus, places: u32, present: Option<bool>) -> Seat {
        Seat { statut, places, present }
    }

    fn workshop(id: &str, days: i64, commune: &str, themes: Vec<Theme>, statut: Status, seats: Vec<Seat>) -> WorkshopFacts {
        let mut session = sample(); // 17 March 2026
        session.id = id.into();
        session.debut += Duration::days(days);
        session.fin += Duration::days(days);
        session.themes = themes;
        session.publics = vec![Audience::Seniors];
        session.statut = statut;
        session.exemple = false;
        WorkshopFacts { session, commune: commune.into(), seats }
    }

    #[test]
    fn counts_by_theme_public_commune_and_month_without_names() {
        use RegistrationStatus::*;
        let facts = vec![
            // Held in March, attendance noted: 3 of 4 seats came.
            workshop(
                "a",
                0,
                "Auch",
                vec![Theme::Smartphone],
                Status::Programmee,
                vec![
                    seat(Confirmee, 2, Some(true)),
                    seat(Confirmee, 1, Some(true)),
                    seat(Confirmee, 1, Some(false)),
                    seat(ListeAttente, 2, None),
                    seat(Annulee, 1, None),
                ],
            ),
            // Held in April, attendance not taken.
            workshop("b", 20, "Lectoure", vec![Theme::Smartphone, Theme::Demarches], Status::Reportee, vec![seat(Confirmee, 1, None)]),
            // Cancelled: counted apart, nothing else.
            workshop("c", 2, "Auch", vec![Theme::Demarches], Status::Annulee, vec![seat(Annulee, 3, None)]),
            // To come, with a waiting list.
            workshop("d", 60, "", vec![Theme::Demarches], Status::Programmee, vec![seat(Confirmee, 6, None), seat(ListeAttente, 4, None)]),
            // Outside the period.
            workshop("e", 400, "Auch", vec![Theme::Smartphone], Status::Programmee, vec![seat(Confirmee, 9, None)]),
        ];
        let now = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
        let d = compute("32", &facts, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(), now);
        assert_eq!((d.ateliers_tenus, d.ateliers_a_venir, d.ateliers_annules), (2, 1, 1));
        assert_eq!((d.inscrits, d.liste_attente), (4 + 1 + 6, 2 + 4));
        assert_eq!((d.presents, d.presences_notees), (3, 4));
        assert_eq!(d.attendance_text().as_deref(), Some("75 %"));
        let bars = |list: &[Bar]| list.iter().map(|b| (b.libelle.clone(), b.ateliers, b.inscrits, b.liste_attente)).collect::<Vec<_>>();
        let bar = |l: &str, a, i, w| (l.to_string(), a, i, w);
        assert_eq!(bars(&d.par_theme), vec![bar("Démarches en ligne", 2, 7, 4), bar("Smartphone et tablette", 2, 5, 2)]);
        assert_eq!(bars(&d.par_public), vec![bar("Seniors", 3, 11, 6)]);
        assert_eq!(bars(&d.par_commune), vec![bar("Auch", 1, 4, 2), bar("Commune inconnue", 1, 6, 4), bar("Lectoure", 1, 1, 0)]);
        assert_eq!(bars(&d.par_mois), vec![bar("mars 2026", 1, 4, 2), bar("avril 2026", 1, 1, 0), bar("mai 2026", 1, 6, 4)]);

        let text = csv(&d);
        assert!(text.starts_with("\u{FEFF}Rubrique;Libellé;Ateliers;Inscrits;Liste d'attente\r\n"));
        assert!(text.contains("Total;Ateliers tenus;2;;\r\n"));
        assert!(text.contains("Commune;\"Auch\";1;4;2\r\n"));
        assert!(text.contains("Mois;\"mai 2026\";1;6;4\r\n"));
        // Example workshops are never counted.
        let mut with_example = facts.clone();
        with_example[0].session.exemple = true;
        assert_eq!(compute("32", &with_example, d.du, d.au, now).ateliers_tenus, 1);
        // Another territory sees none of it.
        assert_eq!(compute("82", &facts, d.du, d.au, now).ateliers_tenus, 0);
    }
}
