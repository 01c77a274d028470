//! Text with its foreign words marked (`lang`) for screen readers, and the
//! plain-words explanation of the abbreviations a workshop uses; what is
//! foreign or explained is decided in `core::words`.

use leptos::prelude::*;
use proxinum_core::text::capitalise;
use proxinum_core::words::{explanations, language_runs};

/// `text`, with each foreign run in a `<span lang>`.
#[component]
pub fn Words(#[prop(into)] text: String) -> impl IntoView {
    language_runs(&text)
        .into_iter()
        .map(|(run, lang)| match lang {
            Some(lang) => view! { <span lang=lang>{run}</span> }.into_any(),
            None => run.into_any(),
        })
        .collect_view()
}

/// "ENT : espace numérique de travail…" for the terms met in `texts`; nothing
/// when there is none. `compact` is one line under a card.
#[component]
pub fn Glossary(texts: Vec<String>, #[prop(optional)] compact: bool) -> impl IntoView {
    let found = explanations(texts.iter().map(String::as_str));
    (!found.is_empty()).then(|| {
        if compact {
            let line = found.iter().map(|e| format!("{} : {}", e.term, e.meaning)).collect::<Vec<_>>().join(" · ");
            view! { <p class="hint glossary-line">{line}</p> }.into_any()
        } else {
            view! {
                <dl class="glossary">
                    {found.into_iter().map(|e| view! { <dt>{e.term}</dt><dd>{capitalise(e.meaning)}</dd> }).collect_view()}
                </dl>
            }
            .into_any()
        }
    })
}
