//! Query strings: read (repeated keys kept) and written.

/// The `key=value` pairs of a query string (with or without `?`).
pub fn pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    js_sys::decode_uri_component(&spaced).ok().and_then(|s| s.as_string()).unwrap_or(spaced)
}

pub fn encode(text: &str) -> String {
    proxinum_core::filter::encode_query_value(text)
}
