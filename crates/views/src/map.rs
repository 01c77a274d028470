//! A simple offline map of the territory in SVG, no tile server: the
//! communes as faint dots (they draw the territory's shape), places as
//! numbered dots, the resident's position, the selected place.
//! Numbers are written by `decimal::Fixed`, to one decimal (a tenth of a
//! pixel of a 400-wide drawing), not by the standard library's float
//! formatting, which the browser would otherwise compile for the first list.

use leptos::prelude::*;
use proxinum_core::communes::Commune;
use proxinum_core::decimal::Fixed;
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
            format!("M{} {}h0.01", Fixed(x, 1), Fixed(y, 1))
        })
        .collect();
    let mut points = points;
    // Draw the selected and numbered places last, on top.
    proxinum_core::order::sort_by_key(&mut points, |p| (p.selected, p.number.is_some()));
    view! {
        <figure class="map">
            <svg viewBox=format!("0 0 {} {}", Fixed(WIDTH, 0), Fixed(height, 0)) role="img" aria-label=label.clone() preserveAspectRatio="xMidYMid meet">
                <title>{label.clone()}</title>
                <rect width=Fixed(WIDTH, 0).to_string() height=Fixed(height, 0).to_string() class="map-bg"/>
                <path d=commune_dots class="map-communes"/>
                {points.into_iter().map(|point| {
                    let (x, y) = project(point.position);
                    let (label_y, x, y) = (Fixed(y + 3.5, 1).to_string(), Fixed(x, 1).to_string(), Fixed(y, 1).to_string());
                    let r = if point.selected { "9" } else if point.number.is_some() { "7" } else { "3.5" };
                    let class = if point.selected { "map-place map-selected" } else if point.number.is_some() { "map-place map-numbered" } else { "map-place" };
                    view! {
                        <g class=class>
                            <circle cx=x.clone() cy=y r=r/>
                            {point.number.map(|n| view! { <text x=x y=label_y text-anchor="middle">{n}</text> })}
                        </g>
                    }
                }).collect_view()}
                {me.map(|p| {
                    let (x, y) = project(p);
                    let (x, y) = (Fixed(x, 1).to_string(), Fixed(y, 1).to_string());
                    view! {
                        <g class="map-me">
                            <circle cx=x.clone() cy=y.clone() r="6"/>
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
