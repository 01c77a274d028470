//! "Where is the closest place that can help me?": places ranked by
//! great-circle distance, ties broken by id, filtered, with places without
//! coordinates listed apart (never placed at 0,0).
//!
//! "Open now" is only evaluated on the nearest candidates, from the calendars
//! the catalog carries (the app, the server's pages) or, on the server's
//! national set (~11 000 places), from the OSM text parsed lazily once per
//! place, so the query stays fast.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};
#[cfg(feature = "osm")]
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use crate::filter::PlaceFilter;
use crate::geo::{chord_squared, LatLon};
use crate::hours::{Calendar, OpenState};
use crate::place::Place;
use crate::tour::Stop;

/// Places ready to be queried many times.
pub struct PlaceIndex {
    places: Vec<Place>,
    positions: Vec<Option<LatLon>>,
    units: Vec<Option<[f64; 3]>>,
    hours: Hours,
    /// Itinerant places' stops, by place position: (stop, its unit vector).
    stops: Vec<Vec<(Stop, [f64; 3])>>,
}

/// Where a place's opening hours come from.
enum Hours {
    /// Evaluated by the server, in the catalog: one per place, by position.
    Calendars(Vec<Option<Calendar>>),
    /// The OSM text, parsed on first use (the server's national set).
    #[cfg(feature = "osm")]
    Osm(Vec<OnceLock<Option<crate::hours::Schedule>>>),
}

/// One answer: a place and how far it is — for an itinerant place, how far
/// its nearest stop with a passage to come is, and that stop.
#[derive(Debug, Clone, Copy)]
pub struct Nearby<'a> {
    pub place: &'a Place,
    pub distance_km: f64,
    pub stop: Option<&'a Stop>,
}

impl Nearby<'_> {
    /// Where the list says it is, so where the map draws it: the stop it is
    /// ranked at, else its own position.
    pub fn position(&self) -> Option<LatLon> {
        self.stop.and_then(Stop::position).or_else(|| self.place.position())
    }
}

impl PlaceIndex {
    /// Places whose hours are the catalog's calendars, by place id.
    pub fn with_calendars(places: Vec<Place>, calendars: &BTreeMap<String, Calendar>) -> Self {
        let places = by_id(places);
        let hours = Hours::Calendars(places.iter().map(|p| calendars.get(&p.id).cloned()).collect());
        Self::build(places, hours)
    }

    /// Places whose hours are read from their OSM text when first needed.
    #[cfg(feature = "osm")]
    pub fn new(places: Vec<Place>) -> Self {
        let places = by_id(places);
        let hours = Hours::Osm(places.iter().map(|_| OnceLock::new()).collect());
        Self::build(places, hours)
    }

    fn build(places: Vec<Place>, hours: Hours) -> Self {
        let positions: Vec<Option<LatLon>> = places.iter().map(Place::position).collect();
        let units = positions.iter().map(|p| p.map(LatLon::unit_vector)).collect();
        let stops = places.iter().map(|_| Vec::new()).collect();
        PlaceIndex { places, positions, units, hours, stops }
    }

    /// Adds the stops of itinerant places (those of unknown places or
    /// without a position are left out).
    pub fn with_stops(mut self, stops: &[Stop]) -> Self {
        for stop in stops {
            if let (Some(index), Some(position)) = (self.position_of(&stop.lieu_id), stop.position()) {
                self.stops[index].push((stop.clone(), position.unit_vector()));
            }
        }
        self
    }

    /// The stops of a place, in the order given.
    pub fn stops_of(&self, id: &str) -> Vec<&Stop> {
        self.position_of(id).map(|i| self.stops[i].iter().map(|(s, _)| s).collect()).unwrap_or_default()
    }

    /// The positions a place can be found at now: its stops with a passage
    /// still to come (by their index) and its own position (`None`).
    fn located_at(&self, index: usize, now: DateTime<Utc>) -> impl Iterator<Item = ([f64; 3], Option<usize>)> + '_ {
        let own = self.units[index].map(|unit| (unit, None));
        self.stops[index]
            .iter()
            .enumerate()
            .filter(move |(_, (stop, _))| !stop.next_dates(now, 1).is_empty())
            .map(|(i, (_, unit))| (*unit, Some(i)))
            .chain(own)
    }

    /// Whether a place can be ranked by distance now; the list, the count
    /// for "Voir plus" and the places "sans position précise" all ask this.
    fn locatable(&self, index: usize, now: DateTime<Utc>) -> bool {
        self.located_at(index, now).next().is_some()
    }

    /// Where a place is nearest to `origin`: its own position, or one of its
    /// stops with a passage still to come (then which one).
    fn closest(&self, index: usize, origin: [f64; 3], now: DateTime<Utc>) -> Option<(f64, Option<usize>)> {
        self.located_at(index, now).map(|(unit, stop)| (chord_squared(origin, unit), stop)).min_by(|a, b| a.0.total_cmp(&b.0))
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn get(&self, id: &str) -> Option<&Place> {
        self.position_of(id).map(|i| &self.places[i])
    }

    fn position_of(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|p| p.id == id || p.fusion_de.iter().any(|f| f == id))
    }

    fn state_of(&self, index: usize, now: DateTime<Utc>) -> Option<OpenState> {
        match &self.hours {
            Hours::Calendars(calendars) => calendars[index].as_ref().map(|c| c.state_at(now)),
            #[cfg(feature = "osm")]
            Hours::Osm(schedules) => schedules[index]
                .get_or_init(|| self.places[index].horaires.as_deref().and_then(crate::hours::parse))
                .as_ref()
                .map(|s| s.state_at(now)),
        }
    }

    /// Open/closed state of a place by id; `None` when its hours are not
    /// given or are free text.
    pub fn open_state(&self, id: &str, now: DateTime<Utc>) -> Option<OpenState> {
        self.state_of(self.position_of(id)?, now)
    }

    fn is_open(&self, index: usize, now: DateTime<Utc>) -> bool {
        self.state_of(index, now).is_some_and(|s| s.is_open())
    }

    /// Every place matching `filter`, "open now" included, in index order.
    pub fn matching(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> Vec<&Place> {
        (0..self.places.len())
            .filter(|&i| filter.matches_static(&self.places[i]) && (!filter.ouvert_maintenant || self.is_open(i, now)))
            .map(|i| &self.places[i])
            .collect()
    }

    /// The `limit` nearest places matching `filter`, nearest first; equal
    /// distances are ordered by id.
    pub fn nearest(&self, from: LatLon, filter: &PlaceFilter, now: DateTime<Utc>, limit: usize) -> Vec<Nearby<'_>> {
        if limit == 0 {
            return Vec::new();
        }
        let origin = from.unit_vector();
        let mut heap: BinaryHeap<Candidate> = (0..self.places.len())
            .filter_map(|index| {
                if !filter.matches_static(&self.places[index]) {
                    return None;
                }
                let (chord, stop) = self.closest(index, origin, now)?;
                Some(Candidate { chord, index, stop })
            })
            .collect::<Vec<_>>()
            .into();
        let mut out = Vec::with_capacity(limit.min(self.places.len()));
        while let Some(best) = heap.pop() {
            if filter.ouvert_maintenant && !self.is_open(best.index, now) {
                continue;
            }
            let stop = best.stop.map(|i| &self.stops[best.index][i].0);
            let position = stop.and_then(Stop::position).or(self.positions[best.index]).unwrap_or(from);
            out.push(Nearby { place: &self.places[best.index], distance_km: from.distance_km(position), stop });
            if out.len() == limit {
                break;
            }
        }
        out
    }

    /// How many places with a position match `filter` (for "Voir plus").
    pub fn count(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> usize {
        (0..self.places.len())
            .filter(|&i| self.locatable(i, now) && filter.matches_static(&self.places[i]))
            .filter(|&i| !filter.ouvert_maintenant || self.is_open(i, now))
            .count()
    }

    /// Places matching `filter` that have no usable coordinates, by name.
    pub fn without_position(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> Vec<&Place> {
        let mut out: Vec<&Place> = (0..self.places.len())
            .filter(|&index| {
                !self.locatable(index, now)
                    && filter.matches_static(&self.places[index])
                    && (!filter.ouvert_maintenant || self.is_open(index, now))
            })
            .map(|index| &self.places[index])
            .collect();
        crate::order::sort_by(&mut out, |a, b| a.nom.cmp(&b.nom).then_with(|| a.id.cmp(&b.id)));
        out
    }
}

/// Sorted by id: the heap's index tie-break is then the id order.
fn by_id(mut places: Vec<Place>) -> Vec<Place> {
    crate::order::sort_by(&mut places, |a, b| a.id.cmp(&b.id));
    places
}

/// A heap entry: the nearest (then smallest index, i.e. id order since the
/// places are sorted by id) comes out first.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    chord: f64,
    index: usize,
    /// Which of the place's stops is nearest, when one is.
    stop: Option<usize>,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we want the smallest.
        other.chord.total_cmp(&self.chord).then_with(|| other.index.cmp(&self.index))
    }
}

#[cfg(test)]
mod tests;
