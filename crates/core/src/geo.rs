//! Positions and great-circle distances.

use serde::{Deserialize, Serialize};

/// Mean Earth radius used by the haversine formula, in kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A WGS84 position, always valid once built.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    /// Builds a position, refusing non-finite or out-of-range values and the
    /// (0, 0) "null island" that broken exports use for "unknown".
    pub fn new(lat: f64, lon: f64) -> Option<Self> {
        let valid = lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon)
            && !(lat == 0.0 && lon == 0.0);
        valid.then_some(LatLon { lat, lon })
    }

    /// The position as a point on the unit sphere. The straight-line (chord)
    /// distance between two such points grows with the great-circle
    /// distance, so ranking by chord needs no trigonometry per place.
    pub fn unit_vector(self) -> [f64; 3] {
        let (lat, lon) = (self.lat.to_radians(), self.lon.to_radians());
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(self, other: LatLon) -> f64 {
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
    }
}

/// Squared chord length between two unit vectors (see `LatLon::unit_vector`).
pub fn chord_squared(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    dx * dx + dy * dy + dz * dz
}

/// "350 m", "2,1 km", "35 km": distances as residents read them.
pub fn distance_text(km: f64) -> String {
    if km < 1.0 {
        format!("{} m", ((km * 1000.0) / 10.0).round() as i64 * 10)
    } else if km < 10.0 {
        format!("{} km", crate::decimal::Fixed(km, 1)).replace('.', ",")
    } else {
        format!("{} km", km.round() as i64)
    }
}

/// A rectangle of positions, used to draw the offline map and to pick the
/// communes shipped with a territory.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BoundingBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl BoundingBox {
    /// The smallest box holding every position, if there is any.
    pub fn around(points: impl IntoIterator<Item = LatLon>) -> Option<Self> {
        points.into_iter().fold(None, |acc: Option<BoundingBox>, p| {
            Some(match acc {
                None => BoundingBox { south: p.lat, west: p.lon, north: p.lat, east: p.lon },
                Some(b) => {
                    BoundingBox { south: b.south.min(p.lat), west: b.west.min(p.lon), north: b.north.max(p.lat), east: b.east.max(p.lon) }
                }
            })
        })
    }

    /// The box grown by about `km` kilometres on every side.
    pub fn expanded_km(self, km: f64) -> Self {
        let dlat = km / 111.2;
        let mid_lat = ((self.south + self.north) / 2.0).to_radians();
        let dlon = km / (111.2 * mid_lat.cos().max(0.01));
        BoundingBox { south: self.south - dlat, west: self.west - dlon, north: self.north + dlat, east: self.east + dlon }
    }

    pub fn contains(&self, p: LatLon) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lon)
    }

    /// Position on a drawing `width` × `height` showing this box, north up,
    /// keeping proportions (longitudes shrink with latitude).
    pub fn project(&self, p: LatLon, width: f64, height: f64) -> (f64, f64) {
        let (w, h) = self.projected_size();
        let scale = (width / w).min(height / h);
        let cos = ((self.south + self.north) / 2.0).to_radians().cos();
        let x = (p.lon - self.west) * cos * scale + (width - w * scale) / 2.0;
        let y = (self.north - p.lat) * scale + (height - h * scale) / 2.0;
        (x, y)
    }

    /// Width and height in "degrees of latitude", for the aspect ratio.
    pub fn projected_size(&self) -> (f64, f64) {
        let cos = ((self.south + self.north) / 2.0).to_radians().cos();
        (((self.east - self.west) * cos).max(1e-9), (self.north - self.south).max(1e-9))
    }

    pub fn center(&self) -> LatLon {
        LatLon { lat: (self.south + self.north) / 2.0, lon: (self.west + self.east) / 2.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auch_to_lectoure_is_about_34_km() {
        let auch = LatLon::new(43.6465, 0.5855).unwrap();
        let lectoure = LatLon::new(43.9335, 0.6264).unwrap();
        let d = auch.distance_km(lectoure);
        assert!((31.0..33.5).contains(&d), "{d}");
        assert_eq!(auch.distance_km(auch), 0.0);
    }

    #[test]
    fn french_distances() {
        assert_eq!(distance_text(0.283), "280 m");
        assert_eq!(distance_text(2.1), "2,1 km");
        assert_eq!(distance_text(34.6), "35 km");
    }

    #[test]
    fn refuses_invalid_positions() {
        assert!(LatLon::new(0.0, 0.0).is_none());
        assert!(LatLon::new(f64::NAN, 1.0).is_none());
        assert!(LatLon::new(91.0, 1.0).is_none());
    }

    #[test]
    fn projects_north_up_with_proportions() {
        let b = BoundingBox { south: 43.0, west: 0.0, north: 44.0, east: 1.0 };
        let (x, y) = b.project(LatLon::new(44.0, 0.0).unwrap(), 100.0, 100.0);
        assert!(y.abs() < 1e-9, "north edge at the top");
        let (x2, y2) = b.project(LatLon::new(43.0, 1.0).unwrap(), 100.0, 100.0);
        assert!((y2 - 100.0).abs() < 1e-9);
        // A degree of longitude is narrower than a degree of latitude here.
        assert!(x2 - x < 100.0 && x2 - x > 70.0);
    }

    #[test]
    fn bounding_box_grows() {
        let b = BoundingBox::around([LatLon::new(43.0, 0.0).unwrap(), LatLon::new(44.0, 1.0).unwrap()]).unwrap();
        assert!(b.contains(LatLon::new(43.5, 0.5).unwrap()));
        let bigger = b.expanded_km(10.0);
        assert!(bigger.contains(LatLon::new(44.05, 1.05).unwrap()));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn position() -> impl Strategy<Value = LatLon> {
        (-89.9f64..89.9, -179.9f64..179.9).prop_filter_map("null island", |(a, b)| LatLon::new(a, b))
    }

    proptest! {
        #[test]
        fn distance_is_symmetric_and_bounded(a in position(), b in position()) {
            let d1 = a.distance_km(b);
            let d2 = b.distance_km(a);
            prop_assert!((d1 - d2).abs() < 1e-6);
            prop_assert!((0.0..=20_016.0).contains(&d1));
        }

        #[test]
        fn chord_order_is_distance_order(a in position(), b in position(), c in position()) {
            let (ua, ub, uc) = (a.unit_vector(), b.unit_vector(), c.unit_vector());
            let by_chord = chord_squared(ua, ub) < chord_squared(ua, uc);
            let by_distance = a.distance_km(b) < a.distance_km(c);
            prop_assume!((a.distance_km(b) - a.distance_km(c)).abs() > 1e-6);
            prop_assert_eq!(by_chord, by_distance);
        }

        #[test]
        fn triangle_inequality(a in position(), b in position(), c in position()) {
            prop_assert!(a.distance_km(c) <= a.distance_km(b) + b.distance_km(c) + 1e-6);
        }
    }
}
