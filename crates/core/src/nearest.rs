//! "Where is the closest place that can help me?": places ranked by
//! great-circle distance, ties broken by id, filtered, with places without
//! coordinates listed apart (never placed at 0,0).
//!
//! Opening hours are parsed lazily and once per place, and "open now" is only
//! evaluated on the nearest candidates, so the query stays fast on the
//! national set (~11 000 places).

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use crate::filter::PlaceFilter;
use crate::geo::{chord_squared, LatLon};
use crate::hours::{self, OpenState, Schedule};
use crate::place::Place;

/// Places ready to be queried many times.
pub struct PlaceIndex {
    places: Vec<Place>,
    positions: Vec<Option<LatLon>>,
    units: Vec<Option<[f64; 3]>>,
    schedules: Vec<OnceLock<Option<Schedule>>>,
}

/// One answer: a place and how far it is.
#[derive(Debug, Clone, Copy)]
pub struct Nearby<'a> {
    pub place: &'a Place,
    pub distance_km: f64,
}

impl PlaceIndex {
    pub fn new(mut places: Vec<Place>) -> Self {
        // Sorted by id: the heap's index tie-break is then the id order.
        places.sort_by(|a, b| a.id.cmp(&b.id));
        let positions: Vec<Option<LatLon>> = places.iter().map(Place::position).collect();
        let units = positions.iter().map(|p| p.map(LatLon::unit_vector)).collect();
        let schedules = places.iter().map(|_| OnceLock::new()).collect();
        PlaceIndex { places, positions, units, schedules }
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

    /// The parsed hours of a place, or `None` when it has none or they are
    /// free text.
    pub fn schedule(&self, index: usize) -> Option<&Schedule> {
        self.schedules[index].get_or_init(|| self.places[index].horaires.as_deref().and_then(hours::parse)).as_ref()
    }

    /// Open/closed state of a place by id.
    pub fn open_state(&self, id: &str, now: DateTime<Utc>) -> Option<OpenState> {
        let index = self.position_of(id)?;
        self.schedule(index).map(|s| s.state_at(now))
    }

    fn is_open(&self, index: usize, now: DateTime<Utc>) -> bool {
        self.schedule(index).is_some_and(|s| s.state_at(now).is_open())
    }

    /// The `limit` nearest places matching `filter`, nearest first; equal
    /// distances are ordered by id.
    pub fn nearest(&self, from: LatLon, filter: &PlaceFilter, now: DateTime<Utc>, limit: usize) -> Vec<Nearby<'_>> {
        if limit == 0 {
            return Vec::new();
        }
        let origin = from.unit_vector();
        let mut heap: BinaryHeap<Candidate> = self
            .units
            .iter()
            .enumerate()
            .filter_map(|(index, unit)| {
                let unit = (*unit)?;
                filter.matches_static(&self.places[index]).then(|| Candidate { chord: chord_squared(origin, unit), index })
            })
            .collect::<Vec<_>>()
            .into();
        let mut out = Vec::with_capacity(limit.min(self.places.len()));
        while let Some(best) = heap.pop() {
            if filter.ouvert_maintenant && !self.is_open(best.index, now) {
                continue;
            }
            let position = self.positions[best.index].unwrap_or(from);
            out.push(Nearby { place: &self.places[best.index], distance_km: from.distance_km(position) });
            if out.len() == limit {
                break;
            }
        }
        out
    }

    /// How many places with a position match `filter` (for "Voir plus").
    pub fn count(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> usize {
        (0..self.places.len())
            .filter(|&i| self.positions[i].is_some() && filter.matches_static(&self.places[i]))
            .filter(|&i| !filter.ouvert_maintenant || self.is_open(i, now))
            .count()
    }

    /// Places matching `filter` that have no usable coordinates, by name.
    pub fn without_position(&self, filter: &PlaceFilter, now: DateTime<Utc>) -> Vec<&Place> {
        let mut out: Vec<&Place> = self
            .positions
            .iter()
            .enumerate()
            .filter(|(index, position)| {
                position.is_none()
                    && filter.matches_static(&self.places[*index])
                    && (!filter.ouvert_maintenant || self.is_open(*index, now))
            })
            .map(|(index, _)| &self.places[index])
            .collect();
        out.sort_by(|a, b| a.nom.cmp(&b.nom).then_with(|| a.id.cmp(&b.id)));
        out
    }
}

/// A heap entry: the nearest (then smallest index, i.e. id order since the
/// places are sorted by id) comes out first.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    chord: f64,
    index: usize,
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
