//! The portal's HTML: the page frame (maud), escaping for the older string-built fragments, and the
//! fixed texts (the 42 CFR part 2 notice).
//!
//! Pages are built on the server with maud, which escapes every interpolated value unless it is wrapped
//! in `PreEscaped`; there is no script. Fragments still built as strings escape through [`escape`].

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The notice 42 CFR 2.32 requires with every disclosure made with the patient's consent, in our words.
pub const PART2_NOTICE: &str = "This record comes from substance use disorder treatment records that \
federal confidentiality rules (42 CFR part 2) protect. Those rules prohibit you from making any further \
disclosure of it unless the patient's written consent expressly permits it or part 2 otherwise allows \
it. A general authorization to release medical or other information is not enough for this purpose. \
Federal law also restricts any use of this record to investigate or prosecute the patient for a crime \
or to bring criminal charges against them.";

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

/// A hidden field carrying the synchronizer token.
pub fn csrf_field(token: &str) -> String {
    csrf(token).into_string()
}

/// A hidden field carrying the synchronizer token, as markup.
pub fn csrf(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// A whole page. `title` is plain text; `main` is HTML already escaped by its builder (older pages).
pub fn page(title: &str, header: Option<&Header<'_>>, main: &str) -> String {
    frame(title, header, PreEscaped(main.to_owned()))
}

/// A whole page around `main`.
pub fn frame(title: &str, header: Option<&Header<'_>>, main: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="referrer" content="no-referrer";
                title { (title) " · Tideline clinic portal" }
                link rel="stylesheet" href="/portal/style.css";
                link rel="icon" href="/portal/icon.svg" type="image/svg+xml";
            }
            body {
                a.skip href="#main" { "Skip to main content" }
                header.bar {
                    p.brand { "Tideline clinic portal" }
                    @if let Some(header) = header {
                        nav aria-label="Portal" {
                            ul.nav {
                                li { a href="/portal/today" { "Today" } }
                                li { a href="/portal/worklist" { "Worklist" } }
                                li { a href="/portal/programs" { "Programs" } }
                                li { a href="/portal/patients" { "My patients" } }
                                @if header.admin {
                                    li { a href="/portal/clinic/patients" { "All patients" } }
                                    li { a href="/portal/clinic/staff" { "Staff" } }
                                }
                            }
                        }
                        p.who { "Signed in as " (header.name) ", " (header.clinic) }
                        form.sign-out method="post" action="/portal/sign-out" {
                            (csrf(header.csrf_token))
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.foot { p { "For your patients' privacy you are signed out after 15 minutes without activity." } }
            }
        }
    }
    .into_string()
}

/// The part 2 notice as shown on each disclosed record.
pub fn part2_notice() -> String {
    format!(
        r#"<p class="notice"><strong>42 CFR part 2 notice.</strong> {}</p>"#,
        escape(PART2_NOTICE)
    )
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
    fn the_notice_names_the_rule_and_forbids_redisclosure() {
        assert!(PART2_NOTICE.contains("42 CFR part 2"));
        assert!(PART2_NOTICE.contains("prohibit you from making any further disclosure"));
        assert!(PART2_NOTICE.contains("investigate or prosecute"));
    }
}
