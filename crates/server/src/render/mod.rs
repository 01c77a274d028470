//! Server-rendered pages: the views of `proxinum-views` turned into HTML
//! (Leptos SSR) inside the app's own `index.html`, so that a page is
//! readable at once, without JavaScript, and the app takes it over when it
//! has started. This module assembles the document; `seo` writes what link
//! previews and search engines read.

pub mod seo;

pub use proxinum_views::full_title;

use std::path::Path;

use leptos::prelude::*;
use proxinum_views::shell::{BottomNav, Header, SkipLink};

/// Marks the server-rendered frame; the app takes it over (`src/takeover.rs`).
pub const ROOT_ID: &str = "rendu-serveur";

/// The app's `index.html` (hashed CSS and boot script), cut around the places
/// the server fills: the head's title and description, and the body.
#[derive(Clone, Debug)]
pub struct Template {
    head_start: String,
    head_rest: String,
    body_scripts: String,
    tail: String,
}

/// Used when the app is not built (tests of the server alone): a plain page.
const BARE: &str = "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Proxinum</title>\n</head>\n<body></body>\n</html>\n";

impl Template {
    /// Reads `dist/index.html`, or a bare page when the app is not built.
    pub fn load(dist: &Path) -> Template {
        let text = std::fs::read_to_string(dist.join("index.html")).unwrap_or_else(|_| BARE.to_string());
        Template::parse(&text).unwrap_or_else(|| Template::parse(BARE).expect("the bare template is well formed"))
    }

    fn parse(text: &str) -> Option<Template> {
        let title_start = text.find("<title>")?;
        let title_end = text[title_start..].find("</title>")? + title_start + "</title>".len();
        let body_open = text.find("<body")?;
        let body_start = text[body_open..].find('>')? + body_open + 1;
        let body_end = text.rfind("</body>")?;
        let mut head_rest = text[title_end..body_start].to_string();
        // The page's own description replaces the app's generic one.
        if let Some(start) = head_rest.find("<meta name=\"description\"") {
            if let Some(len) = head_rest[start..].find('>') {
                head_rest.replace_range(start..start + len + 1, "");
            }
        }
        // A rendered page shows before the app runs: the wasm must not take
        // the bandwidth from the stylesheet. It is fetched when boot.js runs.
        while let Some(start) = head_rest.find("<link rel=\"preload\"") {
            let Some(len) = head_rest[start..].find('>') else { break };
            if !head_rest[start..start + len].contains(".wasm\"") {
                break;
            }
            head_rest.replace_range(start..start + len + 1, "");
        }
        // Scripts Trunk may have put in the body stay; the loading message goes.
        let body = &text[body_start..body_end];
        let mut body_scripts = String::new();
        let mut rest = body;
        while let Some(start) = rest.find("<script") {
            let Some(end) = rest[start..].find("</script>") else { break };
            body_scripts.push_str(&rest[start..start + end + "</script>".len()]);
            rest = &rest[start + end + "</script>".len()..];
        }
        Some(Template { head_start: text[..title_start].to_string(), head_rest, body_scripts, tail: text[body_end..].to_string() })
    }
}

/// What a page puts in the document's head.
pub struct Head {
    /// Without " — Proxinum".
    pub title: String,
    pub description: String,
    /// Absolute, from the configured public address.
    pub canonical: String,
    /// OpenGraph `og:type`: "website", "article", "event"…
    pub og_type: &'static str,
    /// schema.org JSON-LD, if any.
    pub json_ld: Option<serde_json::Value>,
    /// For pages that must not be indexed (forms, answers).
    pub noindex: bool,
}

/// A whole page: the app's frame around `content`, rendered by the same
/// components the app uses. `path` marks the current section in the
/// navigation; `keep` asks the app not to take the page over (an answer
/// to a posted form, which the app cannot show again).
pub fn page(template: &Template, head: &Head, path: &str, keep: bool, content: impl FnOnce() -> AnyView) -> String {
    let owner = Owner::new();
    let body = owner.with(|| {
        let path = Signal::stored(path.to_string());
        let fixed = |value: bool| Signal::stored(value);
        view! {
            <SkipLink/>
            <Header online=fixed(true) kiosk=fixed(false)/>
            <main id="contenu" tabindex="-1">{content()}</main>
            <BottomNav path=path kiosk=fixed(false)/>
        }
        .to_html()
    });
    let keep = if keep { " data-garder=\"oui\"" } else { "" };
    let mut html = String::with_capacity(template.head_start.len() + body.len() + 4096);
    html.push_str(&template.head_start);
    html.push_str(&seo::head_tags(head));
    html.push_str(&template.head_rest);
    html.push_str(&format!("<div id=\"{ROOT_ID}\"{keep}>"));
    html.push_str(&body);
    html.push_str("</div>");
    html.push_str(&template.body_scripts);
    html.push_str(&template.tail);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<!doctype html>\n<html lang=\"fr\">\n  <head>\n    <meta charset=\"utf-8\">\n    <title>Proxinum — le numérique près de chez vous</title>\n    <meta name=\"description\" content=\"générique\">\n    <link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\">\n  <script type=\"module\" id=\"proxinum-boot\" src=\"/boot.js\"></script><link rel=\"preload\" href=\"/app_bg.wasm\" as=\"fetch\" type=\"application/wasm\"></head>\n  <body>\n    <noscript><p>JS</p></noscript>\n    <p id=\"chargement\">Chargement de Proxinum…</p>\n  </body>\n</html>\n";

    #[test]
    fn fills_the_apps_own_document() {
        let template = Template::parse(TRUNK).unwrap();
        let head = Head {
            title: "Ateliers".into(),
            description: "Des ateliers".into(),
            canonical: "https://proxinum.example/ateliers".into(),
            og_type: "website",
            json_ld: None,
            noindex: false,
        };
        let html = page(&template, &head, "/ateliers", false, || view! { <h1>"Ateliers"</h1> }.into_any());
        assert!(html.contains("<title>Ateliers — Proxinum</title>"));
        assert!(!html.contains("générique"), "the generic description is replaced");
        assert!(html.contains("href=\"/main-0123456789abcdef.css\""), "the hashed CSS stays");
        assert!(html.contains("id=\"proxinum-boot\""), "the boot script stays");
        assert!(!html.contains("app_bg.wasm"), "no wasm preload competing with the page");
        assert!(!html.contains("Chargement de Proxinum"), "no loading message over a readable page");
        assert!(html.contains("<h1>Ateliers</h1>"));
        assert!(html.contains("aria-current=\"page\""), "the section is marked in the navigation");
        assert!(html.trim_end().ends_with("</html>"));
    }
}
