//! The portal's HTML: escaping, the page frame, and the fixed texts (the 42 CFR part 2 notice).
//!
//! Pages are built as strings on the server; there is no script. Everything that came from the database
//! or a request goes through [`escape`].

use std::fmt::Write as _;

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
}

/// A hidden field carrying the synchronizer token.
pub fn csrf_field(token: &str) -> String {
    format!(
        r#"<input type="hidden" name="csrf" value="{}">"#,
        escape(token)
    )
}

/// A whole page. `title` is plain text; `main` is HTML already escaped by its builder.
pub fn page(title: &str, header: Option<&Header<'_>>, main: &str) -> String {
    let mut html = String::with_capacity(main.len() + 2048);
    let _ = write!(
        html,
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>{title} · Tideline clinic portal</title>
<link rel="stylesheet" href="/portal/style.css">
<link rel="icon" href="/portal/icon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="bar">
<p class="brand">Tideline clinic portal</p>
"##,
        title = escape(title)
    );
    if let Some(header) = header {
        let _ = write!(
            html,
            r#"<nav aria-label="Portal"><a href="/portal/patients">My patients</a></nav>
<p class="who">Signed in as {name}, {clinic}</p>
<form method="post" action="/portal/sign-out" class="sign-out">{csrf}<button type="submit">Sign out</button></form>
"#,
            name = escape(header.name),
            clinic = escape(header.clinic),
            csrf = csrf_field(header.csrf_token)
        );
    }
    let _ = write!(
        html,
        r#"</header>
<main id="main" tabindex="-1">
{main}
</main>
<footer class="foot"><p>For your patients' privacy you are signed out after 15 minutes without activity.</p></footer>
</body>
</html>
"#
    );
    html
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
