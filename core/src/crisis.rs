//! Get help now: every crisis line, its words and its number, in one place, and the one function
//! that turns a patient's choice into the `tel:`, `sms:` or `https:` address the platform opens.
//!
//! The window only ever names a [`CrisisTarget`] from this closed set (or a saved contact by id); the
//! address is built here, never taken from the webview, so a compromised page cannot make the app
//! open an arbitrary address. Numbers and sentences are the ones in the project brief (section 2); the sentences come from the
//! catalog (i18n/locales/<lang>/core.ftl, `crisis-*`).

use serde::{Deserialize, Serialize};

use crate::contact::SupportContact;
use crate::error::{Invalid, Result};
use crate::language::{t, tr, Arg, Lang};

/// What the patient asked to reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum CrisisTarget {
    /// Call the 988 Suicide & Crisis Lifeline.
    Call988,
    /// Text 988.
    Text988,
    /// The 988 chat in the system browser (the one channel that works from a laptop).
    Chat988,
    /// Emergency services.
    Call911,
    /// The SAMHSA National Helpline.
    SamhsaCall,
    /// The SAMHSA National Helpline's TTY line.
    SamhsaTty,
    /// Never Use Alone: someone stays on the line while a person uses.
    NeverUseAlone,
    /// One of the patient's own contacts, by record id; `text` for a text message instead of a call.
    #[serde(rename_all = "camelCase")]
    Contact {
        /// The contact's record id.
        id: String,
        /// Text instead of call.
        text: bool,
    },
}

/// One button under a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CrisisAction {
    /// What the button says ("Call 988").
    pub label: String,
    /// What it reaches.
    pub target: CrisisTarget,
    /// The first, most direct action of its line.
    pub primary: bool,
}

/// One crisis line as Get help now shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CrisisLine {
    /// Its name.
    pub title: String,
    /// One or two plain sentences: who it is for and how to reach it.
    pub text: String,
    /// Its number as people write it, shown large.
    pub number: String,
    /// The ways to reach it.
    pub actions: Vec<CrisisAction>,
}

/// What the help layer shows, whatever the vault's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct CrisisDirectory {
    /// The opening words.
    pub intro: String,
    /// The lines, most urgent first.
    pub lines: Vec<CrisisLine>,
}

/// After a logged return to use: one calm sentence about overdose risk, naloxone, Never Use Alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct AfterUse {
    /// Lowered tolerance and overdose risk, without blame.
    pub sentence: String,
    /// What naloxone is and where to get it.
    pub naloxone: String,
    /// The Never Use Alone line.
    pub never_use_alone: String,
    /// Calls Never Use Alone.
    pub action: CrisisAction,
}

/// The address to open for a target and how to say it when nothing on the device can open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dial {
    /// `tel:…`, `sms:…` or `https:…`, built here from the closed set.
    pub uri: String,
    /// The number (or address) as the patient would type it themselves.
    pub number: String,
}

/// The answer to "open this line" the window shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub enum CrisisOpened {
    /// The platform's phone, messages or browser app took it.
    Opened,
    /// Nothing on this device handles it (most desktops for calls and texts): the window says so in
    /// one sentence and shows the number large, with a Copy button.
    #[serde(rename_all = "camelCase")]
    NoHandler {
        /// The one sentence.
        sentence: String,
        /// The number (or web address) to show and copy.
        number: String,
    },
}

const N988: &str = "988";
const N911: &str = "911";
const SAMHSA: &str = "1-800-662-4357";
const SAMHSA_TTY: &str = "1-800-487-4889";
const NEVER_USE_ALONE: &str = "1-800-484-3731";
const CHAT_988: &str = "https://988lifeline.org/chat";

fn action(label: String, target: CrisisTarget, primary: bool) -> CrisisAction {
    CrisisAction {
        label,
        target,
        primary,
    }
}

fn line(title: String, text: String, number: &str, actions: Vec<CrisisAction>) -> CrisisLine {
    CrisisLine {
        title,
        text,
        number: number.to_owned(),
        actions,
    }
}

/// Every crisis line, with its words in `lang` (the numbers are the same in every language; in
/// Spanish, 988's line says to press 2, and SAMHSA's that it answers in Spanish).
pub fn directory(lang: Lang) -> CrisisDirectory {
    let w = |id: &str| t(lang, id);
    let number = |id: &str, n: &str| {
        tr(
            lang,
            id,
            &[("number", Arg::from(n)), ("tty", Arg::from(SAMHSA_TTY))],
        )
    };
    CrisisDirectory {
        intro: w("crisis-intro"),
        lines: vec![
            line(
                w("crisis-988-name"),
                w("crisis-988-text"),
                N988,
                vec![
                    action(w("crisis-988-call"), CrisisTarget::Call988, true),
                    action(w("crisis-988-sms"), CrisisTarget::Text988, false),
                    action(w("crisis-988-chat"), CrisisTarget::Chat988, false),
                ],
            ),
            line(
                w("crisis-911-name"),
                w("crisis-911-text"),
                N911,
                vec![action(w("crisis-911-call"), CrisisTarget::Call911, true)],
            ),
            line(
                w("crisis-samhsa-name"),
                number("crisis-samhsa-text", SAMHSA),
                SAMHSA,
                vec![
                    action(
                        number("crisis-samhsa-call", SAMHSA),
                        CrisisTarget::SamhsaCall,
                        true,
                    ),
                    action(
                        number("crisis-samhsa-tty", SAMHSA),
                        CrisisTarget::SamhsaTty,
                        false,
                    ),
                ],
            ),
            line(
                w("crisis-nua-name"),
                w("crisis-nua-text"),
                NEVER_USE_ALONE,
                vec![action(
                    number("crisis-nua-call-number", NEVER_USE_ALONE),
                    CrisisTarget::NeverUseAlone,
                    true,
                )],
            ),
        ],
    }
}

/// What the app says once after a logged return to use, in `lang`. Never blaming: the lapse is
/// already acknowledged by the journal screen; this is only about staying alive.
pub fn after_use(lang: Lang) -> AfterUse {
    AfterUse {
        sentence: t(lang, "crisis-after-use-sentence"),
        naloxone: t(lang, "crisis-after-use-naloxone"),
        never_use_alone: tr(
            lang,
            "crisis-after-use-nua",
            &[("number", Arg::from(NEVER_USE_ALONE))],
        ),
        action: action(
            t(lang, "crisis-after-use-call"),
            CrisisTarget::NeverUseAlone,
            true,
        ),
    }
}

/// The digits of a number for a `tel:`/`sms:` address: digits and a leading `+` only.
fn dial_digits(number: &str) -> String {
    number
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect()
}

fn tel(number: &str) -> Dial {
    Dial {
        uri: format!("tel:{}", dial_digits(number)),
        number: number.to_owned(),
    }
}

/// The address for a fixed line. `None` for [`CrisisTarget::Contact`], which needs the contact
/// ([`contact_dial`]).
pub fn dial(target: &CrisisTarget) -> Option<Dial> {
    Some(match target {
        CrisisTarget::Call988 => tel(N988),
        CrisisTarget::Text988 => Dial {
            uri: format!("sms:{N988}"),
            number: N988.to_owned(),
        },
        CrisisTarget::Chat988 => Dial {
            uri: CHAT_988.to_owned(),
            number: "988lifeline.org/chat".to_owned(),
        },
        CrisisTarget::Call911 => tel(N911),
        CrisisTarget::SamhsaCall => tel(SAMHSA),
        CrisisTarget::SamhsaTty => tel(SAMHSA_TTY),
        CrisisTarget::NeverUseAlone => tel(NEVER_USE_ALONE),
        CrisisTarget::Contact { .. } => return None,
    })
}

/// The address for one of the patient's contacts: a call, or a text if they said texting is welcome.
pub fn contact_dial(contact: &SupportContact, text: bool) -> Result<Dial> {
    let phone = contact
        .phone
        .as_deref()
        .ok_or_else(|| Invalid::new("phone", "this contact has no phone number"))?;
    if text && !contact.can_text {
        return Err(Invalid::new("phone", "this contact did not say texting is welcome").into());
    }
    let digits = dial_digits(phone);
    if digits.trim_start_matches('+').len() < 3 {
        return Err(Invalid::new("phone", "this phone number cannot be dialled").into());
    }
    Ok(Dial {
        uri: format!("{}:{digits}", if text { "sms" } else { "tel" }),
        number: phone.to_owned(),
    })
}

/// The one sentence (in `lang`) when nothing on the device opens the address.
pub fn no_handler(dial: &Dial, lang: Lang) -> CrisisOpened {
    let id = if dial.uri.starts_with("https:") {
        "crisis-no-browser"
    } else if dial.uri.starts_with("sms:") {
        "crisis-no-sms"
    } else {
        "crisis-no-phone"
    };
    CrisisOpened::NoHandler {
        sentence: t(lang, id),
        number: dial.number.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::ContactRole;

    #[test]
    fn every_action_in_the_directory_has_an_address() {
        let all: Vec<CrisisAction> = directory(Lang::En)
            .lines
            .into_iter()
            .flat_map(|l| l.actions)
            .chain([after_use(Lang::En).action])
            .collect();
        for a in &all {
            let d = dial(&a.target).expect("a fixed line");
            assert!(
                d.uri.starts_with("tel:")
                    || d.uri.starts_with("sms:")
                    || d.uri.starts_with("https://"),
                "{}",
                d.uri
            );
        }
        assert_eq!(dial(&CrisisTarget::Call988).unwrap().uri, "tel:988");
        assert_eq!(dial(&CrisisTarget::Text988).unwrap().uri, "sms:988");
        assert_eq!(
            dial(&CrisisTarget::Chat988).unwrap().uri,
            "https://988lifeline.org/chat"
        );
        assert_eq!(
            dial(&CrisisTarget::SamhsaTty).unwrap().uri,
            "tel:18004874889"
        );
        assert_eq!(
            dial(&CrisisTarget::NeverUseAlone).unwrap().uri,
            "tel:18004843731"
        );
    }

    #[test]
    fn a_contact_is_dialled_by_its_digits_only() {
        let mut c = SupportContact {
            name: "Jordan".into(),
            role: ContactRole::Sponsor,
            phone: Some("+1 (555) 014-2".into()),
            can_text: false,
            notes: None,
        };
        assert_eq!(contact_dial(&c, false).unwrap().uri, "tel:+15550142");
        assert!(contact_dial(&c, true).is_err(), "texting was not welcomed");
        c.can_text = true;
        assert_eq!(contact_dial(&c, true).unwrap().uri, "sms:+15550142");
        c.phone = None;
        assert!(contact_dial(&c, false).is_err());
    }

    #[test]
    fn the_sentences_never_blame() {
        let words = format!("{:?} {:?}", directory(Lang::En), after_use(Lang::En)).to_lowercase();
        for bad in ["addict", "abuser", "clean", "dirty", "relapse", "failed"] {
            assert!(!words.contains(bad), "{bad}");
        }
    }
}
