//! The body GitHub writes for an issue opened from `letter init`'s signing
//! form (`.github/ISSUE_TEMPLATE/sign.yml`), read back into the fields of
//! `letter sign`, so people who do not use git can sign through an issue.
//!
//! GitHub renders each form field as `### Label`, a blank line, the answer
//! (`_No response_` when left empty), and checkboxes as `- [X] text`. People
//! can edit the body afterwards, so labels are matched loosely and anything
//! unknown is ignored; the values then go through the same checks as
//! command-line flags.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("{}: {what}\n  hint: {hint}", file.display())]
    Incomplete { file: PathBuf, what: String, hint: String },
}

/// What a signer asked for: who signs how, and the fields they filled in.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub kind: Option<FormKind>,
    pub name: String,
    pub network: Option<String>,
    pub acronym: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub affiliation: Option<String>,
    pub role: Option<String>,
    pub consent: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Organization,
    Person,
    NetworkMember,
}

/// Reads the body; refuses one without consent, a name or a kind.
pub fn parse(file: PathBuf, body: &str) -> Result<Request, IssueError> {
    let mut r = Request::default();
    let (mut role_es, mut role_en) = (None, None);
    for (label, value) in sections(body) {
        let value = answer(&value);
        match label.as_str() {
            "signs as" | "kind" => r.kind = value.as_deref().and_then(kind),
            "name" => r.name = value.unwrap_or_default(),
            "network" => r.network = value,
            "acronym" => r.acronym = value,
            "country" => r.country = value,
            "city" => r.city = value,
            "website" => r.website = value,
            "affiliation" => r.affiliation = value,
            "role (spanish)" | "rol (español)" => role_es = value,
            "role (english)" => role_en = value,
            "consent" => r.consent = value.is_some_and(|v| checked(&v)),
            _ => {}
        }
    }
    r.role = role_es.or(role_en);
    let missing = |what: &str, hint: &str| IssueError::Incomplete {
        file: file.clone(),
        what: what.into(),
        hint: hint.into(),
    };
    if !r.consent {
        return Err(missing(
            "consent is not checked",
            "the signer must tick the consent box; nothing was added",
        ));
    }
    if r.name.is_empty() {
        return Err(missing("no name", "fill in the Name field of the form"));
    }
    match r.kind {
        None => Err(missing("no kind", "choose Organization, Person or Member of a network in Signs as")),
        Some(FormKind::NetworkMember) if r.network.is_none() => {
            Err(missing("a network member with no network", "fill in the Network field"))
        }
        Some(_) => Ok(r),
    }
}

/// `(label, raw value)` for each `### ` heading, labels lower-cased with
/// the markers GitHub or an editor may add (`*`, trailing colon) removed.
fn sections(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in body.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(label) = line.strip_prefix("### ") {
            let label = label.trim().trim_end_matches(['*', ':']).trim().to_lowercase();
            out.push((label, String::new()));
        } else if let Some((_, value)) = out.last_mut() {
            value.push_str(line);
            value.push('\n');
        }
    }
    out
}

/// The answer, trimmed, or `None` when empty or `_No response_`. A
/// signature field is one line: lines are joined with spaces.
fn answer(raw: &str) -> Option<String> {
    let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty() && joined != "_No response_").then_some(joined)
}

fn checked(value: &str) -> bool {
    let v = value.trim_start();
    v.starts_with("- [X]") || v.starts_with("- [x]")
}

fn kind(value: &str) -> Option<FormKind> {
    let v = value.to_lowercase();
    if v.contains("network") || v.contains("miembro") {
        Some(FormKind::NetworkMember)
    } else if v.contains("organi") {
        Some(FormKind::Organization)
    } else if v.contains("person") || v.contains("persona") {
        Some(FormKind::Person)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As GitHub writes it for the form `letter init` ships.
    const ORG: &str = "### Signs as\n\nOrganization\n\n### Name\n\nCasa del Migrante en Tijuana A.C.\n\n### Acronym\n\n_No response_\n\n### Country\n\nMéxico\n\n### City\n\nTijuana\n\n### Website\n\nhttps://casadelmigrante.example.org\n\n### Affiliation\n\n_No response_\n\n### Role (Spanish)\n\n_No response_\n\n### Role (English)\n\n_No response_\n\n### Network\n\n_No response_\n\n### Consent\n\n- [X] We agree to sign this letter and to show this name publicly\n";

    #[test]
    fn a_form_body_reads_into_fields_with_no_response_as_empty() {
        let r = parse("issue.md".into(), ORG).unwrap();
        assert_eq!(r.kind, Some(FormKind::Organization));
        assert_eq!(r.name, "Casa del Migrante en Tijuana A.C.");
        assert_eq!((r.country.as_deref(), r.city.as_deref()), (Some("México"), Some("Tijuana")));
        assert_eq!((r.acronym, r.role, r.network), (None, None, None));
    }

    #[test]
    fn an_edited_body_with_crlf_stars_and_extra_text_still_reads() {
        let body = "Please add us!\r\n### Signs as *\r\n\r\nMember of a network\r\n### Name:\r\n  Colectivo   Nopal \r\n### Network\r\nRed Sin Fronteras\r\n### Something new\r\nignored\r\n### Consent\r\n- [x] yes\r\n";
        let r = parse("b.md".into(), body).unwrap();
        assert_eq!(r.kind, Some(FormKind::NetworkMember));
        assert_eq!((r.name.as_str(), r.network.as_deref()), ("Colectivo Nopal", Some("Red Sin Fronteras")));
    }

    #[test]
    fn no_consent_no_name_or_no_network_is_refused_saying_why() {
        let unticked = ORG.replace("- [X]", "- [ ]");
        let err = parse("i.md".into(), &unticked).unwrap_err().to_string();
        assert!(err.contains("i.md: consent is not checked"), "{err}");
        let nameless = ORG.replace("Casa del Migrante en Tijuana A.C.", "_No response_");
        assert!(parse("i.md".into(), &nameless).unwrap_err().to_string().contains("no name"));
        let member = ORG.replace("\nOrganization\n", "\nMember of a network\n");
        assert!(parse("i.md".into(), &member).unwrap_err().to_string().contains("no network"));
    }
}
