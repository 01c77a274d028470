//! `GET /api/lieux/proches`: the nearest places, so that a médiateur's tool
//! or a partner site can orient someone without the app.

use axum::extract::{RawQuery, State};
use axum::Json;
use proxinum_core::filter::PlaceFilter;
use proxinum_core::geo::LatLon;
use proxinum_core::hours;
use proxinum_core::place::Place;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiResult, Failure};
use super::AppState;

const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;

#[derive(Serialize, ToSchema)]
pub struct NearbyPlace {
    /// Great-circle distance from the given point, in kilometres.
    distance_km: f64,
    /// Open at the moment of the request; null when the hours are unknown
    /// or free text.
    ouvert: Option<bool>,
    /// "Ouvert · ferme à 12h30", "Fermé · ouvre mardi à 9h00".
    etat: Option<String>,
    /// The place, in the national standard v1.0.2 (field names of the schema).
    #[schema(value_type = Object)]
    lieu: Place,
}

#[derive(Serialize, ToSchema)]
pub struct NearbyAnswer {
    lieux: Vec<NearbyPlace>,
    /// Places that match but have no coordinates: listed apart, never placed at 0,0.
    #[schema(value_type = Vec<Object>)]
    sans_coordonnees: Vec<Place>,
}

/// The nearest places to a point, with optional filters.
#[utoipa::path(
    get,
    path = "/api/lieux/proches",
    tag = "lieux",
    params(
        ("lat" = f64, Query, description = "Latitude en degrés décimaux (WGS84), par exemple 43.6465"),
        ("lon" = f64, Query, description = "Longitude en degrés décimaux (WGS84), par exemple 0.5855"),
        ("limite" = Option<usize>, Query, description = "Nombre de lieux, de 1 à 100 (10 par défaut)"),
        ("besoin" = Option<String>, Query, description = "demarches, telephone, enfants ou materiel (répétable)"),
        ("service" = Option<String>, Query, description = "Service du schéma national, libellé ou forme courte (répétable)"),
        ("public" = Option<String>, Query, description = "Public spécifiquement adressé (répétable)"),
        ("modalite" = Option<String>, Query, description = "Modalité d'accompagnement (répétable)"),
        ("frais" = Option<String>, Query, description = "gratuit, gratuit-sous-condition, payant (répétable)"),
        ("ouvert" = Option<String>, Query, description = "1 (ou true, oui) : seulement les lieux ouverts maintenant ; 0, false, non ou vide : tous", pattern = r"^(1|0|true|false|oui|non|)$"),
        ("itinerance" = Option<String>, Query, description = "itinerant ou fixe"),
    ),
    responses(
        (status = 200, body = NearbyAnswer),
        (status = 400, description = "Paramètre manquant ou invalide", body = proxinum_core::registration::ApiError),
    )
)]
pub async fn nearest(State(state): State<AppState>, RawQuery(query): RawQuery) -> ApiResult<Json<NearbyAnswer>> {
    let query = query.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let coordinate = |key: &str, example: &str, range: std::ops::RangeInclusive<f64>| -> ApiResult<f64> {
        let text = get(key).ok_or_else(|| Failure::BadRequest(format!("paramètre « {key} » manquant, par exemple {key}={example}")))?;
        let value: f64 = text.trim().parse().map_err(|_| {
            Failure::BadRequest(format!("« {key} » doit être un nombre en degrés décimaux (point décimal), reçu « {text} »"))
        })?;
        if !range.contains(&value) {
            return Err(Failure::BadRequest(format!("« {key} » doit être entre {} et {}, reçu {value}", range.start(), range.end())));
        }
        Ok(value)
    };
    let lat = coordinate("lat", "43.6465", -90.0..=90.0)?;
    let lon = coordinate("lon", "0.5855", -180.0..=180.0)?;
    let from = LatLon::new(lat, lon).ok_or_else(|| Failure::BadRequest("la position (0, 0) n'est pas un lieu en France".into()))?;
    let limit = match get("limite") {
        None => DEFAULT_LIMIT,
        Some(text) => match text.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => return Err(Failure::BadRequest(format!("« limite » doit être un entier de 1 à {MAX_LIMIT}, reçu « {text} »"))),
        },
    };
    let filter = PlaceFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(Failure::BadRequest)?;
    let now = state.clock.now();
    let catalogs = state.catalogs.clone();
    let answer = tokio::task::spawn_blocking(move || -> anyhow::Result<NearbyAnswer> {
        let index = catalogs.index()?;
        let lieux = index
            .nearest(from, &filter, now, limit)
            .into_iter()
            .map(|nearby| {
                let state = index.open_state(&nearby.place.id, now);
                NearbyPlace {
                    distance_km: (nearby.distance_km * 100.0).round() / 100.0,
                    ouvert: state.as_ref().map(|s| s.is_open()),
                    etat: state.as_ref().map(|s| hours::state_sentence(s, now)),
                    lieu: nearby.place.clone(),
                }
            })
            .collect();
        let sans_coordonnees = index.without_position(&filter, now).into_iter().cloned().collect();
        Ok(NearbyAnswer { lieux, sans_coordonnees })
    })
    .await
    .map_err(|e| Failure::Internal(e.into()))??;
    Ok(Json(answer))
}
