//! The catalog lint (`make lint` runs these): completeness across languages, variables, parse errors,
//! duplicate ids, and the generated pseudo-locale; plus lookup, fallback and language negotiation.

use std::fs;
use std::path::Path;

use tideline_i18n::{embedded_sources, has, lint, pseudo, t, tr, tr_attr, Arg, Lang};

#[test]
fn every_language_has_every_key_with_the_same_variables() {
    let problems = lint::check(&lint::locales_dir());
    assert!(
        problems.is_empty(),
        "catalog problems:\n{}",
        problems.join("\n")
    );
}

/// `TIDELINE_BLESS=1 cargo test -p tideline-i18n` rewrites i18n/locales/en-XA from en; otherwise a
/// pseudo file that differs from what the transform makes fails.
#[test]
fn pseudo_locale_is_generated_from_english() {
    let root = lint::locales_dir();
    if std::env::var_os("TIDELINE_BLESS").is_some_and(|v| v == "1") {
        lint::pseudo_write(&root).expect("write en-XA");
    }
    let stale = lint::pseudo_stale(&root);
    assert!(
        stale.is_empty(),
        "en-XA is stale for {stale:?}: run TIDELINE_BLESS=1 cargo test -p tideline-i18n and commit i18n/locales/en-XA"
    );
}

#[test]
fn the_embedded_files_are_every_top_level_catalog_file() {
    let top: Vec<String> = lint::ftl_files(&lint::locales_dir().join("en"))
        .into_iter()
        .filter(|f| !f.contains('/'))
        .collect();
    for lang in Lang::ALL {
        let embedded: Vec<String> = embedded_sources(lang)
            .iter()
            .map(|(f, _)| f.to_string())
            .collect();
        assert_eq!(top, embedded, "{lang}");
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn sound_catalog(root: &Path) {
    let en = "a = Hello { $name }\n    .title = Hi\nb = { $n ->\n    [one] one\n   *[other] { $n } many\n}\n";
    let es = "a = Hola { $name }\n    .title = Hola\nb = { $n ->\n    [one] uno\n   *[other] { $n } muchos\n}\n";
    write(root, "en/ui/x.ftl", en);
    write(root, "es/ui/x.ftl", es);
    lint::pseudo_write(root).unwrap();
}

#[test]
fn the_lint_fails_on_a_missing_key_a_variable_mismatch_a_missing_file_and_a_stale_pseudo_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    sound_catalog(root);
    assert_eq!(lint::check(root), Vec::<String>::new());
    assert!(lint::pseudo_stale(root).is_empty());

    // A key missing in Spanish.
    write(
        root,
        "es/ui/x.ftl",
        "a = Hola { $name }\n    .title = Hola\n",
    );
    let problems = lint::check(root);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("es/ui/x.ftl: b is missing")),
        "{problems:?}"
    );

    // A variable renamed in Spanish, an attribute dropped.
    write(
        root,
        "es/ui/x.ftl",
        "a = Hola { $nombre }\nb = { $n ->\n   *[other] muchos\n}\n",
    );
    let problems = lint::check(root);
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.contains("differs from en"))
            .count(),
        1,
        "{problems:?}"
    );

    // A file only English has; an English key the pseudo file does not have yet.
    sound_catalog(root);
    write(root, "en/portal.ftl", "p = Portal\n");
    let problems = lint::check(root);
    assert!(
        problems.iter().any(|p| p == "es/portal.ftl is missing"),
        "{problems:?}"
    );
    assert_eq!(lint::pseudo_stale(root), vec!["portal.ftl".to_string()]);

    // A parse error and a duplicate id.
    write(root, "es/portal.ftl", "p = { broken\n");
    write(root, "es/ui/y.ftl", "a = again\n");
    let problems = lint::check(root);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("es/portal.ftl does not parse")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("a is in both ui/x.ftl and ui/y.ftl")),
        "{problems:?}"
    );
}

#[test]
fn the_pseudo_locale_of_the_real_catalog_is_marked_and_longer() {
    let root = lint::locales_dir();
    let (mut en_len, mut xa_len) = (0usize, 0usize);
    for rel in lint::ftl_files(&root.join("en")) {
        let en = fs::read_to_string(root.join("en").join(&rel)).unwrap();
        en_len += en.chars().count();
        xa_len += pseudo::transform(&en).chars().count();
    }
    assert!(xa_len > en_len, "en {en_len} chars, en-XA {xa_len}");
    let s = tr(Lang::Pseudo, "common-days", &[("count", Arg::from(2))]);
    assert!(
        s.starts_with(pseudo::OPEN) && s.ends_with(pseudo::CLOSE),
        "{s}"
    );
    assert_eq!(s, "[2 ðááýš]");
}

#[test]
fn lookup_formats_plurals_per_language_and_falls_back() {
    assert_eq!(
        tr(Lang::En, "common-days", &[("count", Arg::from(1))]),
        "1 day"
    );
    assert_eq!(
        tr(Lang::En, "common-days", &[("count", Arg::from(4))]),
        "4 days"
    );
    assert_eq!(
        tr(Lang::Es, "common-days", &[("count", Arg::from(1))]),
        "1 día"
    );
    assert_eq!(
        tr(Lang::Es, "common-days", &[("count", Arg::from(0))]),
        "0 días"
    );
    assert_eq!(
        tr(Lang::Pseudo, "common-days", &[("count", 1u32.into())]),
        "[1 ðááý]"
    );
    // No isolation marks: the text goes to notifications and the PDF as is.
    assert!(!tr(Lang::En, "common-days", &[("count", Arg::from(2))]).contains('\u{2068}'));
    // Unknown ids, attributes and missing arguments never panic.
    assert_eq!(t(Lang::Es, "no-such-id"), "no-such-id");
    assert_eq!(
        tr_attr(Lang::Pseudo, "no-such-id", "title", &[]),
        "no-such-id.title"
    );
    let _ = tr(Lang::Es, "common-days", &[]);
    assert!(has(Lang::Es, "common-days") && !has(Lang::Es, "no-such-id"));
}

#[test]
fn system_locales_negotiate_to_a_language() {
    for (locale, lang) in [
        ("es_MX.UTF-8", Lang::Es),
        ("es_US", Lang::Es),
        ("es-419", Lang::Es),
        ("ES", Lang::Es),
        ("en_US.UTF-8", Lang::En),
        ("C", Lang::En),
        ("", Lang::En),
        ("fr_FR", Lang::En),
        ("en-XA", Lang::Pseudo),
        ("estonian", Lang::En),
    ] {
        assert_eq!(Lang::negotiate(locale), lang, "{locale}");
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
    assert_eq!(Lang::from_tag("es-MX"), None);
}
