//! A source record before validation: field name → raw value, whatever the
//! file format. Lets the CSV and JSON readers share one set of field rules.

use std::collections::BTreeMap;

/// A raw field value as found in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Text(String),
    Number(f64),
    List(Vec<String>),
    Bool(bool),
}

/// One record of a source file.
#[derive(Debug, Clone, Default)]
pub struct RawRecord {
    /// "ligne 12" or "enregistrement 3": where to look in the file.
    pub location: String,
    fields: BTreeMap<String, RawValue>,
}

impl RawRecord {
    pub fn new(location: impl Into<String>) -> Self {
        RawRecord { location: location.into(), fields: BTreeMap::new() }
    }

    pub fn insert(&mut self, name: &str, value: RawValue) {
        self.fields.insert(name.trim().to_string(), value);
    }

    /// Builds a record from a JSON object; nested objects are ignored (no
    /// field of the standard is an object).
    pub fn from_json(location: String, object: &serde_json::Map<String, serde_json::Value>) -> Self {
        let mut record = RawRecord::new(location);
        for (name, value) in object {
            let raw = match value {
                serde_json::Value::String(s) => RawValue::Text(s.clone()),
                serde_json::Value::Number(n) => match n.as_f64() {
                    Some(x) => RawValue::Number(x),
                    None => continue,
                },
                serde_json::Value::Bool(b) => RawValue::Bool(*b),
                serde_json::Value::Array(items) => RawValue::List(
                    items
                        .iter()
                        .filter_map(|item| match item {
                            serde_json::Value::String(s) => Some(s.clone()),
                            serde_json::Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        })
                        .collect(),
                ),
                serde_json::Value::Null | serde_json::Value::Object(_) => continue,
            };
            record.insert(name, raw);
        }
        record
    }

    /// A trimmed, non-empty text value (numbers are given as text too, since
    /// some exports write postal codes as numbers).
    pub fn text(&self, name: &str) -> Option<String> {
        match self.fields.get(name)? {
            RawValue::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            RawValue::Number(n) => Some(format_number(*n)),
            RawValue::List(items) => Some(items.join("|")).filter(|s| !s.is_empty()),
            RawValue::Bool(b) => Some(b.to_string()),
        }
    }

    /// The first non-empty text among several possible field names.
    pub fn text_any(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| self.text(name))
    }

    /// A multi-valued field: a JSON array, or text split on `separator`.
    pub fn list(&self, name: &str, separator: char) -> Vec<String> {
        match self.fields.get(name) {
            Some(RawValue::List(items)) => items.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            Some(RawValue::Text(s)) => s.split(separator).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
            Some(RawValue::Number(n)) => vec![format_number(*n)],
            _ => Vec::new(),
        }
    }

    /// A number, accepting the French decimal comma in text.
    pub fn number(&self, name: &str) -> Result<Option<f64>, String> {
        match self.fields.get(name) {
            None => Ok(None),
            Some(RawValue::Number(n)) => Ok(Some(*n)),
            Some(RawValue::Text(s)) if s.trim().is_empty() => Ok(None),
            Some(RawValue::Text(s)) => {
                s.trim().replace(',', ".").parse::<f64>().map(Some).map_err(|_| format!("« {} » n'est pas un nombre", s.trim()))
            }
            Some(other) => Err(format!("valeur inattendue {other:?}")),
        }
    }

    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(String::as_str)
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
