//! Small inline SVG icons. Always shown next to a text label, so they are
//! hidden from screen readers.

use leptos::prelude::*;

/// The icons of the interface.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    AroundMe,
    Calendar,
    Book,
    Check,
    Settings,
}

#[component]
pub fn IconSvg(icon: Icon) -> impl IntoView {
    let path = match icon {
        Icon::AroundMe => "M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z",
        Icon::Calendar => "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7zM5 9h14v11H5V9zm2 2v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z",
        Icon::Book => "M4 3h7a3 3 0 0 1 3 3v15a2 2 0 0 0-2-2H4V3zm16 0h-4a3 3 0 0 0-1 .2V21a2 2 0 0 1 2-2h3V3z",
        Icon::Check => "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2z",
        Icon::Settings => "M19.4 13a7.8 7.8 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.8 7.8 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1L11 21h4l.4-2.9a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5L19.4 13zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor"/>
        </svg>
    }
}
