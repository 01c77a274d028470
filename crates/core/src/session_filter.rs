//! Filters of the "Ateliers" page: theme, audience, commune, distance,
//! places left. Kept in the URL like the places' filters.

use chrono::{DateTime, NaiveDate, Utc};

use crate::catalog::Catalog;
use crate::geo::LatLon;
use crate::session::{Audience, Availability, RegistrationMode, Session, Status, Theme, Venue};
use crate::text::fold_place_name;
use crate::vocab::Vocabulary;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionFilter {
    pub themes: Vec<Theme>,
    pub publics: Vec<Audience>,
    /// Folded commune name.
    pub commune: Option<String>,
    /// Within this distance of `position`.
    pub distance_km: Option<f64>,
    pub position: Option<LatLon>,
    /// Only workshops one can still join (seats left or no limit).
    pub places_restantes: bool,
}

impl SessionFilter {
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = SessionFilter::default();
        let (mut lat, mut lon) = (None, None);
        for (key, value) in pairs {
            match key {
                "theme" => filter.themes.extend(Theme::from_label_or_slug(value)),
                "public" => filter.publics.extend(Audience::from_label_or_slug(value)),
                "commune" if !value.trim().is_empty() => filter.commune = Some(fold_place_name(value)),
                "distance" => filter.distance_km = crate::decimal::parse(value).filter(|d| *d > 0.0),
                "places" => filter.places_restantes = value == "1",
                "lat" => lat = crate::decimal::parse(value),
                "lon" => lon = crate::decimal::parse(value),
                _ => {}
            }
        }
        filter.position = lat.zip(lon).and_then(|(a, b)| LatLon::new(a, b));
        filter
    }

    pub fn matches(&self, session: &Session, catalog: &Catalog, seats: Option<&Availability>) -> bool {
        if !self.themes.is_empty() && !self.themes.iter().any(|t| session.themes.contains(t)) {
            return false;
        }
        if !self.publics.is_empty()
            && !self.publics.iter().any(|p| session.publics.contains(p) || session.publics.contains(&Audience::ToutPublic))
        {
            return false;
        }
        if let Some(commune) = &self.commune {
            if fold_place_name(&venue_commune(session, catalog)) != *commune {
                return false;
            }
        }
        if let (Some(max), Some(from)) = (self.distance_km, self.position) {
            match venue_position(session, catalog) {
                Some(p) if from.distance_km(p) <= max => {}
                _ => return false,
            }
        }
        if self.places_restantes && !can_join(session, seats) {
            return false;
        }
        true
    }
}

/// No seat left, as far as the last count knows.
pub fn is_full(seats: Option<&Availability>) -> bool {
    seats.and_then(|a| a.places_restantes) == Some(0)
}

/// Registration still possible, as far as the device knows.
pub fn can_join(session: &Session, seats: Option<&Availability>) -> bool {
    let open = matches!(session.statut, Status::Programmee);
    let seat = match (session.capacite, seats) {
        (None, _) => true,
        (Some(_), Some(a)) => a.places_restantes.is_none_or(|n| n > 0),
        (Some(_), None) => true,
    };
    open && seat && !matches!(session.inscription, RegistrationMode::SansInscription)
}

/// The commune of a workshop's venue.
pub fn venue_commune(session: &Session, catalog: &Catalog) -> String {
    match &session.lieu {
        Venue::Lieu { lieu_id, .. } => catalog.place(lieu_id).map(|p| p.commune_affichee()).unwrap_or_default(),
        Venue::Adresse { commune, .. } => commune.clone(),
    }
}

pub fn venue_position(session: &Session, catalog: &Catalog) -> Option<LatLon> {
    match &session.lieu {
        Venue::Lieu { lieu_id, .. } => catalog.place(lieu_id)?.position(),
        Venue::Adresse { .. } => session.venue_position(),
    }
}

/// Upcoming workshops grouped by day (Paris dates), soonest first.
pub fn by_day<'a>(sessions: &[&'a Session]) -> Vec<(NaiveDate, Vec<&'a Session>)> {
    let mut days: Vec<(NaiveDate, Vec<&Session>)> = Vec::new();
    for session in sessions {
        let day = session.debut.date();
        match days.last_mut() {
            Some((d, list)) if *d == day => list.push(session),
            _ => days.push((day, vec![session])),
        }
    }
    days
}

/// Upcoming workshops at a place (its merged ids included).
pub fn at_place<'a>(catalog: &'a Catalog, place_id: &str, now: DateTime<Utc>) -> Vec<&'a Session> {
    let place = catalog.place(place_id);
    let mut list: Vec<&Session> = catalog
        .ateliers
        .iter()
        .filter(|s| !s.is_past(now))
        .filter(
            |s| matches!(&s.lieu, Venue::Lieu { lieu_id, .. } if place.is_some_and(|p| &p.id == lieu_id || p.fusion_de.contains(lieu_id))),
        )
        .collect();
    crate::order::sort_by_key(&mut list, |s| s.debut);
    list
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::session::tests::{lectoure, sample};

    pub(crate) fn catalog() -> Catalog {
        let place = lectoure();
        Catalog {
            format: 1,
            version: String::new(),
            territoire: crate::territory::Territory::of_departement("32").unwrap(),
            donnees_du: None,
            mis_a_jour_le: None,
            lieux: vec![place],
            ateliers: vec![sample()],
            guides: vec![],
            communes: vec![],
            sources: vec![],
            conservation_jours: 30,
            horaires: Default::default(),
            arrets: Vec::new(),
        }
    }

    #[test]
    fn filters_by_theme_public_commune_distance_and_seats() {
        let catalog = catalog();
        let session = &catalog.ateliers[0];
        let filter = SessionFilter::from_query([("theme", "demarches-en-ligne"), ("commune", "LECTOURE")]);
        assert!(filter.matches(session, &catalog, None));
        assert!(!SessionFilter::from_query([("theme", "ia-et-esprit-critique")]).matches(session, &catalog, None));
        // "Tout public" workshops suit every audience.
        assert!(SessionFilter::from_query([("public", "seniors")]).matches(session, &catalog, None));
        let auch = [("distance", "20"), ("lat", "43.6465"), ("lon", "0.5855")];
        assert!(!SessionFilter::from_query(auch).matches(session, &catalog, None));
        let near = [("distance", "40"), ("lat", "43.6465"), ("lon", "0.5855")];
        assert!(SessionFilter::from_query(near).matches(session, &catalog, None));
        let full = Availability { id: session.id.clone(), places_restantes: Some(0), liste_attente: 2, statut: Status::Programmee };
        assert!(!SessionFilter::from_query([("places", "1")]).matches(session, &catalog, Some(&full)));
        assert_eq!(at_place(&catalog, "fs-192", Utc::now() - chrono::Duration::days(3650)).len(), 1);
    }
}
