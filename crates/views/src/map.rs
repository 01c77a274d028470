//! A simple offline map of the territory in SVG, no tile server: the
//! communes as faint dots (they draw the territory's shape), places as
//! numbered dots, the resident's position, the selected place.

use leptos::prelude::*;
use proxinum_core::communes::Commune;
use proxinum_core::geo::{BoundingBox, LatLon};

const WIDTH: f64 = 400.0;

/// A place to draw: position, number in the list (if any), selected.
#[derive(Clone, PartialEq)]
pub struct MapPoint {
    pub position: LatLon,
    pub number: Option<usize>,
    pub selected: bool,
}

#[component]
pub fn TerritoryMap(
    area: BoundingBox,
    communes: Vec<Commune>,
    points: Vec<MapPoint>,
    #[prop(optional)] me: Option<LatLon>,
    label: String,
) -> impl IntoView {
    let area = area.expanded_km(3.0);
    let (w, h) = area.projected_size();
    let height = (WIDTH * h / w).round();
    let project = move |p: LatLon| area.project(p, WIDTH, height);
    let commune_dots: String = communes
        .iter()
        .filter_map(|c| c.position())
        .filter(|p| area.contains(*p))
        .map(|p| {
            let (x, y) = project(p);
            format!("M{x:.1} {y:.1}h0.01")
        })
        .collect();
    let mut points = points;
    // Draw the selected and numbered places last, on top.
    proxinum_core::order::sort_by_key(&mut points, |p| (p.selected, p.number.is_some()));
    view! {
        <figure class="map">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label.clone() preserveAspectRatio="xMidYMid meet">
                <title>{label.clone()}</title>
                <rect width=WIDTH height=height class="map-bg"/>
                <path d=commune_dots class="map-communes"/>
                {points.into_iter().map(|point| {
                    let (x, y) = project(point.position);
                    let r = if point.selected { 9.0 } else if point.number.is_some() { 7.0 } else { 3.5 };
                    let class = if point.selected { "map-place map-selected" } else if point.number.is_some() { "map-place map-numbered" } else { "map-place" };
                    view! {
                        <g class=class>
                            <circle cx=x cy=y r=r/>
                            {point.number.map(|n| view! { <text x=x y=y + 3.5 text-anchor="middle">{n}</text> })}
                        </g>
                    }
                }).collect_view()}
                {me.map(|p| {
                    let (x, y) = project(p);
                    view! {
                        <g class="map-me">
                            <circle cx=x cy=y r="6"/>
                            <circle cx=x cy=y r="2"/>
                        </g>
                    }
                })}
            </svg>
            <figcaption class="map-legend">
                <span class="legend-me">"Vous"</span>
                <span class="legend-place">"Lieux"</span>
                <span class="legend-commune">"Communes"</span>
            </figcaption>
        </figure>
    }
}
