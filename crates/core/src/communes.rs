//! The communes gazetteer: find a commune by name or postal code, offline,
//! accent- and case-insensitively ("lectoure", "LECTOURE", "Léctoure",
//! "32700" all find Lectoure).

use serde::{Deserialize, Serialize};

use crate::geo::{BoundingBox, LatLon};
use crate::text::fold_place_name;

/// One commune. Coordinates are the commune's centroid (La Poste, ODbL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    pub code_insee: String,
    pub nom: String,
    pub departement: String,
    pub codes_postaux: Vec<String>,
    pub population: u32,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none", with = "crate::catalog_compact::optional_position")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none", with = "crate::catalog_compact::optional_position")]
    pub longitude: Option<f64>,
}

impl Commune {
    pub fn position(&self) -> Option<LatLon> {
        LatLon::new(self.latitude?, self.longitude?)
    }
}

#[cfg(feature = "osm")]
/// Reads the national CSV (`code_insee,nom,departement,region,codes_postaux,
/// population,latitude,longitude`, postal codes separated by spaces).
pub fn parse_csv(text: &str) -> Result<Vec<Commune>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut communes = Vec::new();
    for (index, row) in reader.records().enumerate() {
        let row = row.map_err(|e| format!("communes, ligne {} : {e}", index + 2))?;
        let field = |i: usize| row.get(i).unwrap_or("").trim();
        let number = |i: usize| field(i).parse::<f64>().ok();
        communes.push(Commune {
            code_insee: field(0).to_string(),
            nom: field(1).to_string(),
            departement: field(2).to_string(),
            codes_postaux: field(4).split_whitespace().map(String::from).collect(),
            population: field(5).parse().unwrap_or(0),
            latitude: number(6),
            longitude: number(7),
        });
    }
    Ok(communes)
}

/// A searchable list of communes, with folded names computed once.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    communes: Vec<Commune>,
    folded: Vec<String>,
}

/// How well a commune matches a query; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    Exact,
    Prefix,
    WordPrefix,
}

impl Gazetteer {
    pub fn new(communes: Vec<Commune>) -> Self {
        let folded = communes.iter().map(|c| fold_place_name(&c.nom)).collect();
        Gazetteer { communes, folded }
    }

    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    pub fn by_insee(&self, code: &str) -> Option<&Commune> {
        self.communes.iter().find(|c| c.code_insee == code)
    }

    /// Communes matching a name prefix or a postal code, best first: exact
    /// name, then names starting with the query, then a later word starting
    /// with it; within each, the most populated first, then by name.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Commune> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        if query.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()) {
            return self.search_postal_code(&query.replace(' ', ""), limit);
        }
        let needle = fold_place_name(query);
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(Match, &Commune)> = self
            .communes
            .iter()
            .zip(&self.folded)
            .filter_map(|(commune, name)| {
                let quality = if *name == needle {
                    Match::Exact
                } else if name.starts_with(&needle) {
                    Match::Prefix
                } else if name.split(' ').skip(1).any(|word| word.starts_with(&needle)) || name.contains(&format!(" {needle}")) {
                    Match::WordPrefix
                } else {
                    return None;
                };
                Some((quality, commune))
            })
            .collect();
        crate::order::sort_by(&mut hits, |(qa, a), (qb, b)| qa.cmp(qb).then(b.population.cmp(&a.population)).then(a.nom.cmp(&b.nom)));
        hits.into_iter().take(limit).map(|(_, c)| c).collect()
    }

    fn search_postal_code(&self, digits: &str, limit: usize) -> Vec<&Commune> {
        let mut hits: Vec<(bool, &Commune)> = self
            .communes
            .iter()
            .filter_map(|c| {
                if c.codes_postaux.iter().any(|cp| cp == digits) {
                    Some((true, c))
                } else if c.codes_postaux.iter().any(|cp| cp.starts_with(digits)) {
                    Some((false, c))
                } else {
                    None
                }
            })
            .collect();
        crate::order::sort_by(&mut hits, |(ea, a), (eb, b)| eb.cmp(ea).then(b.population.cmp(&a.population)).then(a.nom.cmp(&b.nom)));
        hits.into_iter().take(limit).map(|(_, c)| c).collect()
    }

    /// The communes with exactly this name (accents, case and "St" aside).
    pub fn named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Commune> + 'a {
        let needle = fold_place_name(name);
        self.communes.iter().zip(&self.folded).filter(move |(_, folded)| **folded == needle).map(|(c, _)| c)
    }

    /// True when some commune with this postal code has this name: used to
    /// flag places whose "commune" is not one (e.g. "GERS").
    pub fn knows(&self, name: &str, postal_code: &str) -> bool {
        self.named(name).any(|c| c.codes_postaux.iter().any(|cp| cp == postal_code))
    }

    /// The communes of a département plus those of its neighbours within
    /// `margin_km` of its edge: people near a border use places across it.
    pub fn for_territory(&self, departement: &str, margin_km: f64) -> Vec<Commune> {
        let own = self.communes.iter().filter(|c| c.departement == departement);
        let Some(area) = BoundingBox::around(own.filter_map(Commune::position)) else {
            return Vec::new();
        };
        let area = area.expanded_km(margin_km);
        self.communes.iter().filter(|c| c.departement == departement || c.position().is_some_and(|p| area.contains(p))).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/communes/communes_france_with_coords.csv"))
            .expect("the vendored communes file");
        Gazetteer::new(parse_csv(&text).unwrap())
    }

    #[test]
    fn reads_every_french_commune() {
        let g = gazetteer();
        assert_eq!(g.communes().len(), 34_969);
        assert_eq!(g.communes().iter().filter(|c| c.position().is_none()).count(), 111);
    }

    #[test]
    fn finds_lectoure_however_it_is_typed() {
        let g = gazetteer();
        for query in ["lectoure", "LECTOURE", "Léctoure", "32700", "Lecto"] {
            let hits = g.search(query, 5);
            assert_eq!(hits.first().map(|c| c.nom.as_str()), Some("Lectoure"), "query {query}");
        }
    }

    #[test]
    fn ranks_exact_then_population() {
        let g = gazetteer();
        // "Lect" is a real commune (Jura): an exact name wins over a prefix.
        assert_eq!(g.search("lect", 2)[0].nom, "Lect");
        // "Auch" exactly first, before "Auchel" (bigger) and others.
        let hits = g.search("auch", 5);
        assert_eq!(hits[0].nom, "Auch");
        assert!(hits[1].nom.starts_with("Auch"));
        // A postal code shared by several communes: most populated first.
        let hits = g.search("32000", 10);
        assert_eq!(hits[0].nom, "Auch");
        // Abbreviated saints.
        assert_eq!(g.search("st clar", 3)[0].nom, "Saint-Clar");
        // A later word of the name.
        assert!(g.search("jourdain", 5).iter().any(|c| c.nom == "L'Isle-Jourdain" && c.departement == "32"));
    }

    #[test]
    fn knows_real_communes_only() {
        let g = gazetteer();
        assert!(g.knows("LECTOURE", "32700"));
        assert!(!g.knows("GERS", "32000"));
    }

    #[test]
    fn territory_includes_border_communes() {
        let g = gazetteer();
        let gers = g.for_territory("32", 10.0);
        assert!(gers.iter().filter(|c| c.departement == "32").count() > 450);
        assert!(gers.iter().any(|c| c.departement != "32"));
        assert!(!gers.iter().any(|c| c.departement == "75"));
    }
}
