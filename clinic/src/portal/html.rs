//! The portal's HTML: the page frame (maud) in the staff member's language, and escaping for the older
//! string-built fragments.
//!
//! Pages are built on the server with maud, which escapes every interpolated value unless it is wrapped
//! in `PreEscaped`; there is no script. Fragments still built as strings escape through [`escape`].

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::words::{t, tr, Arg, Lang};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Who is signed in, for the page header.
#[derive(Debug, Clone)]
pub struct Header<'a> {
    /// The staff member's name.
    pub name: &'a str,
    /// Their clinic.
    pub clinic: &'a str,
    /// The session's CSRF token, for the sign-out form.
    pub csrf_token: &'a str,
    /// Administrators also see the clinic's patients and programs to manage.
    pub admin: bool,
}

/// A page with no signed-in header: the sign-in form, refusals before sign-in.
pub fn page_for(lang: Lang, title: &str, main: &str) -> String {
    frame(lang, title, None, PreEscaped(main.to_owned()))
}

/// A hidden field carrying the synchronizer token.
pub fn csrf_field(token: &str) -> String {
    csrf(token).into_string()
}

/// A hidden field carrying the synchronizer token, as markup.
pub fn csrf(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// A whole page. `title` is plain text; `main` is HTML already escaped by its builder (older pages).
pub fn page(lang: Lang, title: &str, header: Option<&Header<'_>>, main: &str) -> String {
    frame(lang, title, header, PreEscaped(main.to_owned()))
}

/// A whole page around `main`, in `lang` (`<html lang>` says which).
pub fn frame(lang: Lang, title: &str, header: Option<&Header<'_>>, main: Markup) -> String {
    let w = |id: &str| t(lang, id);
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="referrer" content="no-referrer";
                title { (tr(lang, "portal-page-title", &[("title", Arg::from(title))])) }
                link rel="stylesheet" href="/portal/style.css";
                link rel="icon" href="/portal/icon.svg" type="image/svg+xml";
            }
            body {
                a.skip href="#main" { (w("portal-skip")) }
                header.bar {
                    p.brand { (w("portal-brand")) }
                    @if let Some(header) = header {
                        nav aria-label=(w("portal-nav-label")) {
                            ul.nav {
                                li { a href="/portal/today" { (w("portal-nav-today")) } }
                                li { a href="/portal/worklist" { (w("portal-nav-worklist")) } }
                                li { a href="/portal/programs" { (w("portal-nav-programs")) } }
                                li { a href="/portal/patients" { (w("portal-nav-my-patients")) } }
                                @if header.admin {
                                    li { a href="/portal/clinic/patients" { (w("portal-nav-all-patients")) } }
                                    li { a href="/portal/clinic/staff" { (w("portal-nav-staff")) } }
                                }
                                li { a href="/portal/account" { (w("portal-nav-account")) } }
                            }
                        }
                        p.who { (tr(lang, "portal-signed-in-as", &[("name", Arg::from(header.name)), ("clinic", Arg::from(header.clinic))])) }
                        form.sign-out method="post" action="/portal/sign-out" {
                            (csrf(header.csrf_token))
                            button type="submit" { (w("portal-sign-out")) }
                        }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.foot { p { (w("portal-footer-logoff")) } }
            }
        }
    }
    .into_string()
}

/// The part 2 notice as shown on each disclosed record, in `lang`.
pub fn part2(lang: Lang) -> Markup {
    html! { p.notice { strong { (t(lang, "portal-part2-heading")) } " " (t(lang, "portal-part2-notice")) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn the_notice_names_the_rule_and_forbids_redisclosure_in_each_language() {
        let en = part2(Lang::En).into_string();
        assert!(en.contains("42 CFR part 2"));
        assert!(en.contains("prohibit you from making any further disclosure"));
        assert!(en.contains("investigate or prosecute"));
        let es = part2(Lang::Es).into_string();
        assert!(es.contains("42 CFR Part 2") && es.contains("le prohíben divulgarlo de nuevo"));
    }
}
