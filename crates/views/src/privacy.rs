//! The privacy notice, in plain words.

use leptos::prelude::*;

#[component]
pub fn Privacy(retention_days: Signal<u32>) -> impl IntoView {
    view! {
        <h1>"Vos données"</h1>
        <section class="panel">
            <h2>"Ce que nous demandons"</h2>
            <p>"Pour vous inscrire à un atelier : votre prénom, votre nom, un téléphone ou un e-mail, le nombre de places, et si vous le voulez un besoin pour venir."</p>
            <p>"Rien d'autre. Pas de compte, pas de publicité, pas de suivi."</p>
        </section>
        <section class="panel">
            <h2>"À quoi elles servent"</h2>
            <p>"Seulement à organiser l'atelier et à vous prévenir s'il change. Seul l'organisateur de l'atelier les voit."</p>
            <p>"Si vous donnez un e-mail, vous recevez : la confirmation, un message si une place se libère, si l'atelier est annulé ou change de date, et un rappel la veille. Chaque message a un lien pour annuler. Sans e-mail, l'organisateur sait qu'il doit vous appeler si l'atelier change."</p>
        </section>
        <section class="panel">
            <h2>"Combien de temps"</h2>
            <p>{move || format!("Elles sont effacées automatiquement {} jours après la fin de l'atelier.", retention_days.get())}</p>
            <p>"Vous pouvez demander leur effacement avant : donnez à l'organisateur le code de votre inscription (dans « Mes inscriptions »)."</p>
        </section>
        <section class="panel">
            <h2>"Sur votre téléphone"</h2>
            <p>"Vos inscriptions sont gardées sur votre téléphone pour les suivre. Vos coordonnées n'y restent que si vous cochez « Retenir mes coordonnées », et vous pouvez les oublier à tout moment."</p>
            <p>"Sur une borne en médiathèque, rien de personnel n'est gardé : tout est effacé dès que l'inscription est envoyée."</p>
        </section>
        <section class="panel">
            <h2>"Votre position"</h2>
            <p>"Si vous touchez « Me localiser », votre position sert seulement à trier les lieux sur votre téléphone. Elle n'est pas envoyée."</p>
        </section>
    }
}

/// The page for an address Proxinum does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page introuvable"</h1>
        <p>"Cette adresse ne correspond à aucune page de Proxinum."</p>
        <p class="link-line"><a href="/">"Revenir à l'accueil"</a></p>
    }
}

/// The page for an id the catalog does not hold, with a way back.
#[component]
pub fn ItemMissing(
    title: &'static str,
    back_href: &'static str,
    back_label: &'static str,
    #[prop(optional)] detail: Option<&'static str>,
) -> impl IntoView {
    view! {
        <h1>{title}</h1>
        {detail.map(|d| view! { <p>{d}</p> })}
        <p class="link-line"><a href=back_href>{back_label}</a></p>
    }
}
