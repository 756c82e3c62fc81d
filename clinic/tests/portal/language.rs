//! Staff read the portal in English or Spanish: the sign-in page follows the browser, the first sign-in
//! stores that language on the account, the account page changes it, and a shared entry is rendered
//! from its codes in the reader's language while the patient's own words stay exactly as shared.

use chrono::Duration;
use reqwest::StatusCode;

use crate::support::{harbor, Browser, Portal, PASSWORD, THERAPIST};

/// What the patient wrote: accents, quotes, markup-like text and an ampersand, all to come back as is.
const WORDS: &str = "Caminé frente al bar — «otra vez» & <b>nada</b> \"hoy\" a las 7";

/// The text of the `<dd>` that follows the `<dt>` holding `question`, unescaped.
fn answer_to(body: &str, question: &str) -> String {
    let after = body
        .split(&format!("<dt>{question}</dt>"))
        .nth(1)
        .unwrap_or_else(|| panic!("no question {question:?} in {body}"));
    let inner = after
        .strip_prefix("<dd>")
        .and_then(|rest| rest.split("</dd>").next())
        .expect("an answer follows the question");
    inner
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

async fn sign_in_with_page_in(portal: &Portal, browser: &mut Browser, accept_language: &str) {
    let form = portal
        .get_in(browser, "/portal/sign-in", accept_language)
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let tag = form
        .body
        .split(r#"name="lang" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form carries its language")
        .to_owned();
    let signed_in = portal
        .post(
            browser,
            "/portal/sign-in",
            &[
                ("email", THERAPIST),
                ("password", PASSWORD),
                ("csrf", &form.csrf()),
                ("lang", &tag),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_sign_in_page_follows_the_browser_and_can_be_switched() {
    let portal = Portal::start(false).await;
    let mut browser = Browser::default();
    let spanish = portal
        .get_in(&mut browser, "/portal/sign-in", "es-MX,es;q=0.9,en;q=0.5")
        .await;
    assert!(spanish.body.contains(r#"<html lang="es">"#));
    assert!(spanish.body.contains("<h1>Iniciar sesión</h1>"));
    assert!(spanish.body.contains("Correo electrónico") && !spanish.body.contains(">Password<"));
    let english = portal
        .get_in(&mut browser, "/portal/sign-in?lang=en", "es-MX")
        .await;
    assert!(
        english.body.contains(r#"<html lang="en">"#) && english.body.contains("<h1>Sign in</h1>"),
        "a language chosen on the page wins over the browser's"
    );
}

#[tokio::test]
async fn a_spanish_speaking_therapist_reads_the_questions_in_spanish_and_the_patients_words_as_written(
) {
    let portal = Portal::start(false).await;
    let harbor = harbor(&portal);
    portal.share(
        harbor.clinic,
        harbor.patient,
        portal.now() + Duration::days(30),
        WORDS,
    );
    let mut browser = Browser::default();
    sign_in_with_page_in(&portal, &mut browser, "es-US,es;q=0.9").await;
    let stored: Option<String> = portal
        .db()
        .query_row(
            "SELECT language FROM staff WHERE id = ?1",
            [harbor.therapist],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        stored.as_deref(),
        Some("es"),
        "the first sign-in stores the page's language"
    );

    let path = format!("/portal/patients/{}", harbor.patient);
    let page = portal.get(&mut browser, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains(r#"<html lang="es">"#));
    assert_eq!(
        answer_to(body, "¿Cuál era la situación?"),
        WORDS,
        "the patient's words, byte for byte"
    );
    assert_eq!(
        answer_to(body, "Resultado"),
        "No consumió",
        "the outcome from its code"
    );
    assert_eq!(answer_to(body, "¿Qué tan fuerte fue (de 0 a 10)?"), "7");
    assert!(!body.contains("Did not use") && !body.contains("What was the situation?"));
    assert!(body.contains("Propósito: Tratamiento. 1 anotación."));
    assert!(
        body.contains("Aviso de 42 CFR Part 2.")
            && body.contains("Intensidad del deseo de consumir")
    );
    assert!(body.contains("Mis pacientes") && body.contains("Cerrar sesión"));
    let stored: String = portal
        .db()
        .query_row("SELECT resource FROM shared_response", [], |row| row.get(0))
        .unwrap();
    assert!(
        stored.contains(r#""display":"Did not use""#),
        "the stored resource is kept as the app sent it"
    );

    // The account page changes the setting; a language the portal does not offer is refused in words.
    let account = portal.get(&mut browser, "/portal/account").await;
    let csrf = account.csrf();
    let refused = portal
        .post(
            &mut browser,
            "/portal/account/language",
            &[("language", "fr"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("Elija inglés o español."));
    let changed = portal
        .post(
            &mut browser,
            "/portal/account/language",
            &[("language", "en"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let page = portal.get(&mut browser, &path).await;
    assert!(page.body.contains(r#"<html lang="en">"#));
    assert_eq!(answer_to(&page.body, "What was the situation?"), WORDS);
    assert_eq!(answer_to(&page.body, "Outcome"), "Did not use");

    // The setting is the account's: a later sign-in, whatever the browser says, keeps English.
    let mut other = Browser::default();
    sign_in_with_page_in(&portal, &mut other, "es").await;
    let page = portal.get(&mut other, &path).await;
    assert!(page.body.contains(r#"<html lang="en">"#));
}
