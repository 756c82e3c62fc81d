//! Tideline's message catalog: every sentence a person reads, in Fluent files, one folder per language.
//!
//! # The API (used by the core, the shell and the clinic portal)
//!
//! ```
//! use tideline_i18n::{tr, t, tr_attr, Arg, Lang};
//!
//! let lang = Lang::negotiate("es_US.UTF-8"); // a system or browser language -> Lang::Es
//! assert_eq!(lang, Lang::Es);
//! assert_eq!(lang.tag(), "es");
//! assert_eq!(Lang::from_tag("en-XA"), Some(Lang::Pseudo));
//! // A message with arguments (numbers select plural variants):
//! assert_eq!(tr(lang, "common-days", &[("count", Arg::from(3))]), "3 días");
//! assert_eq!(tr(Lang::En, "common-days", &[("count", Arg::from(1))]), "1 day");
//! // Never panics: a message missing in Spanish falls back to English, then to the id itself;
//! // `t` is `tr` without arguments; `tr_attr` reads an attribute (`id.attr` when there is none).
//! assert_eq!(t(Lang::Es, "no-such-message"), "no-such-message");
//! assert_eq!(tr_attr(Lang::En, "common-days", "nope", &[]), "common-days.nope");
//! ```
//!
//! - `Lang` {En, Es, Pseudo}: `tag()` ("en", "es", "en-XA"), `from_tag(&str) -> Option<Lang>` (exact tags),
//!   `negotiate(&str) -> Lang` (any POSIX/BCP 47 locale string; Spanish of any region -> Es; else En),
//!   `Lang::ALL`, `Lang::CHOOSABLE` (the ones a person can pick: En, Es).
//! - `tr(lang, id, &[(name, Arg)]) -> String`, `t(lang, id)`, `tr_attr(lang, id, attr, args)`; `has(lang, id)`.
//!   Output has no Unicode isolation marks (plain text for notifications, PDF, HTML).
//! - `Arg`: `Arg::from(&str | String | i64 | i32 | u32 | u64 | usize | f64)`.
//! - Catalog files: `i18n/locales/<tag>/core.ftl` (core + shell sentences), `portal.ftl` (clinic portal),
//!   `ui/<area>.ftl` (the window; loaded by the UI at build time, not embedded here). `en-XA` is generated
//!   from `en` by [`pseudo::transform`]: `TIDELINE_BLESS=1 cargo test -p tideline-i18n` rewrites it.
//! - `cargo test -p tideline-i18n` (in `make lint`) fails on a key missing in one language, a variable
//!   mismatch, a parse error, a duplicate id, or a stale pseudo-locale file.
//!
//! - Dates, times and decimals in Rust sentences: `tideline_core::language::{long_date, clock, decimal}`
//!   ("lunes 2 de marzo", "18:00", "7,5"), matching what `Intl` writes for the same tag in the UI.
//!   The patient's language at run time: `tideline_core::language` (file `language` in the data
//!   directory; IPC `language_get`/`language_set`).
//!
//! Message ids are kebab-case, prefixed by area (`halt-suggestion-hungry`, `crisis-988-name`).

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub mod lint;
pub mod pseudo;

/// A language Tideline speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// English (the default and the fallback of every lookup).
    #[default]
    En,
    /// Spanish (Latin American neutral, usted; docs/spanish.md).
    Es,
    /// The pseudo-locale en-XA, generated from English: proves nothing on a screen is hard-coded.
    Pseudo,
}

impl Lang {
    /// Every language, including the pseudo-locale.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pseudo];
    /// The languages a person can choose (the pseudo-locale is for tests, though `language_set` takes it).
    pub const CHOOSABLE: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag, which is also the catalog folder name.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pseudo => "en-XA",
        }
    }

    /// The language of an exact tag ("en", "es", "en-XA"; case-insensitive), or None.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The best language for a system or browser locale ("es_MX.UTF-8", "es-419", "en-US", "C"):
    /// Spanish of any region is Spanish, the pseudo tag is the pseudo-locale, everything else English.
    pub fn negotiate(locale: &str) -> Lang {
        let base = locale
            .split(['.', '@', ':'])
            .next()
            .unwrap_or("")
            .trim()
            .replace('_', "-");
        if let Some(lang) = Lang::from_tag(&base) {
            return lang;
        }
        let primary = base.split('-').next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "es" => Lang::Es,
            _ => Lang::En,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Es => 1,
            Lang::Pseudo => 2,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// An argument of a message: text or a number (numbers choose plural variants).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Text, placed as is.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            #[allow(clippy::cast_lossless, clippy::cast_precision_loss)]
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u8, u16, u32, u64, usize, f32, f64);

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}

/// The embedded catalog files of one language: (file name, source), sorted by name. Every top-level
/// `locales/<tag>/*.ftl` (core.ftl, portal.ftl) is embedded by build.rs; the window's ui/*.ftl are not.
pub fn embedded_sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    embedded::EMBEDDED[lang.index()].1
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 3] {
    static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(build_bundle))
}

fn build_bundle(lang: Lang) -> Bundle {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (_, source) in embedded_sources(lang) {
        // A parse error keeps the entries that parsed; duplicates keep the first. The lint test fails on
        // both, so neither reaches a build that passed `make lint`.
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(res, _)| res);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn fluent_args<'a>(args: &'a [(&'a str, Arg<'a>)]) -> Option<FluentArgs<'a>> {
    if args.is_empty() {
        return None;
    }
    let mut out = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        out.set(*name, value);
    }
    Some(out)
}

fn format_in(lang: Lang, id: &str, attr: Option<&str>, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let bundle = &bundles()[lang.index()];
    let message = bundle.get_message(id)?;
    let pattern = match attr {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let fargs = fluent_args(args);
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, fargs.as_ref(), &mut errors);
    if errors.is_empty() {
        Some(text.into_owned())
    } else {
        None
    }
}

fn lookup(lang: Lang, id: &str, attr: Option<&str>, args: &[(&str, Arg<'_>)]) -> String {
    format_in(lang, id, attr, args)
        .or_else(|| format_in(Lang::En, id, attr, args))
        .unwrap_or_else(|| match attr {
            Some(a) => format!("{id}.{a}"),
            None => id.to_owned(),
        })
}

/// The message `id` in `lang` with `args`. Never panics: a message that is missing (or fails to format)
/// in `lang` comes from English; one missing in English too is returned as its id.
pub fn tr(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    lookup(lang, id, None, args)
}

/// The message `id` in `lang`, without arguments.
pub fn t(lang: Lang, id: &str) -> String {
    lookup(lang, id, None, &[])
}

/// The attribute `attr` of message `id` (`id.attr` when missing everywhere).
pub fn tr_attr(lang: Lang, id: &str, attr: &str, args: &[(&str, Arg<'_>)]) -> String {
    lookup(lang, id, Some(attr), args)
}

/// Whether `lang`'s own embedded catalog has the message `id` (no fallback).
pub fn has(lang: Lang, id: &str) -> bool {
    bundles()[lang.index()].has_message(id)
}
