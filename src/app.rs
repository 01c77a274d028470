//! The router and the shell every page lives in.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::shell::{BottomNav, Header, UpdateBanner};
use crate::pages;
use crate::platform::network::provide_network_status;

#[component]
pub fn App() -> impl IntoView {
    provide_network_status();
    view! {
        <Router>
            <a class="skip-link" href="#contenu">"Aller au contenu"</a>
            <Header/>
            <UpdateBanner/>
            <main id="contenu" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home/>
                    <Route path=path!("/ateliers") view=pages::ateliers::Ateliers/>
                    <Route path=path!("/guides") view=pages::guides::Guides/>
                    <Route path=path!("/inscriptions") view=pages::inscriptions::Inscriptions/>
                    <Route path=path!("/reglages") view=pages::reglages::Reglages/>
                </Routes>
            </main>
            <BottomNav/>
        </Router>
    }
}
