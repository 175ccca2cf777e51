//! A new signer: what a person typed (a `Draft`), checked into a `Signup`.
//!
//! `letter sign` fills a draft from flags and prompts, `letter import` from a
//! form's row; both check it here, so a value is accepted or refused the same
//! way whichever door it came in by.

use super::country;
use crate::model::Display;

/// The model's kind of signer; what `sign` needs to know of each is here.
pub use crate::model::SignerKind as Kind;

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Network => "network",
            Kind::Organization => "organization",
            Kind::Person => "person",
        }
    }

    /// The optional fields an entry of this kind has, in roster order.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Kind::Network => {
                &[Acronym, Country, Website, Display, SortAs, Email, Phone, Notes, AuthorizedBy, AuthorizedOn]
            }
            Kind::Organization => &[
                Acronym,
                Country,
                City,
                Website,
                Display,
                SortAs,
                Email,
                Phone,
                Notes,
                AuthorizedBy,
                AuthorizedOn,
            ],
            Kind::Person => &[Role, Affiliation, Country, Display, SortAs, Email, Phone, Notes],
        }
    }
}

/// The optional fields of a roster entry; `name` is always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Acronym,
    Role,
    Affiliation,
    Country,
    City,
    Website,
    /// How much of the signer the letter shows (`full`, `name-only`, `anonymous`).
    Display,
    SortAs,
    Email,
    Phone,
    Notes,
    /// Who authorized an organization's signature; written with the date
    /// as `authorized_by: {name: …, date: …}`.
    AuthorizedBy,
    AuthorizedOn,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Acronym,
        Field::Role,
        Field::Affiliation,
        Field::Country,
        Field::City,
        Field::Website,
        Field::Display,
        Field::SortAs,
        Field::Email,
        Field::Phone,
        Field::Notes,
        Field::AuthorizedBy,
        Field::AuthorizedOn,
    ];

    /// The key in the roster file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Acronym => "acronym",
            Field::Role => "role",
            Field::Affiliation => "affiliation",
            Field::Country => "country",
            Field::City => "city",
            Field::Website => "website",
            Field::Display => "display",
            Field::SortAs => "sort_as",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Notes => "notes",
            Field::AuthorizedBy => "authorized_by",
            Field::AuthorizedOn => "authorized_on",
        }
    }

    /// Written inside another key's mapping (`authorized_by: {name, date}`),
    /// not as a key of the entry.
    fn is_nested(self) -> bool {
        matches!(self, Field::AuthorizedBy | Field::AuthorizedOn)
    }
}

/// A signer as typed, unchecked.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub name: String,
    /// The network this signer joins as a member.
    pub member_of: Option<String>,
    pub values: Vec<(Field, String)>,
}

impl Draft {
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, field: Field, value: String) {
        self.values.retain(|(f, _)| *f != field);
        self.values.push((field, value));
    }
}

/// A checked new signer, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signup {
    pub kind: Kind,
    pub name: String,
    pub member_of: Option<String>,
    /// Present fields in roster order, each already normalized.
    pub values: Vec<(Field, String)>,
}

impl Signup {
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str())
    }

    /// `(key, value)` pairs for the roster line, name first.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let own = self.values.iter().filter(|(f, _)| !f.is_nested());
        std::iter::once(("name", self.name.clone())).chain(own.map(|(f, v)| (f.key(), v.clone()))).collect()
    }

    /// Keys whose value is a mapping, after `pairs`: `authorized_by`.
    pub fn nested(&self) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
        let Some(by) = self.get(Field::AuthorizedBy) else { return Vec::new() };
        let date = self.get(Field::AuthorizedOn).map(|d| ("date", d.to_string()));
        vec![("authorized_by", std::iter::once(("name", by.to_string())).chain(date).collect())]
    }
}

/// A value that cannot be written, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}\n  hint: {hint}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
    pub hint: String,
}

fn field_error(field: &'static str, message: String, hint: impl Into<String>) -> FieldError {
    FieldError { field, message, hint: hint.into() }
}

/// Checks every value of `draft` for a signer of `kind`; all problems at once.
pub fn check(draft: &Draft, kind: Kind) -> Result<Signup, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = one_line(&draft.name);
    if name.is_empty() {
        errors.push(field_error(
            "name",
            "the name is empty".into(),
            format!("give the {}'s name", kind.word()),
        ));
    }
    if let Some(problem) = crate::model::NameProblem::of(&name) {
        errors.push(field_error("name", format!("the name {}", problem.message()), problem.hint()));
    }
    if kind == Kind::Network && draft.member_of.is_some() {
        errors.push(field_error(
            "member_of",
            "a network cannot be a member of another network".into(),
            "add it as an organization member instead",
        ));
    }
    let mut values = Vec::new();
    for &field in kind.fields() {
        match draft.get(field).map(|v| value(field, v)) {
            Some(Ok(Some(v))) => values.push((field, v)),
            Some(Err(e)) => errors.push(e),
            _ => {}
        }
    }
    for (field, _) in draft.values.iter().filter(|(f, v)| !kind.fields().contains(f) && !v.trim().is_empty())
    {
        errors.push(field_error(
            field.key(),
            format!("a {} has no `{}`", kind.word(), field.key()),
            format!("leave it out; a {} has {}", kind.word(), field_list(kind)),
        ));
    }
    if values.iter().any(|(f, _)| *f == Field::AuthorizedOn)
        && !values.iter().any(|(f, _)| *f == Field::AuthorizedBy)
    {
        errors.push(field_error(
            "authorized_on",
            "an authorization's date without who gave it".into(),
            "give who authorized the signature too (`--authorized-by NAME`, or an `authorized_by` column)",
        ));
    }
    let member_of = draft.member_of.as_deref().map(one_line).filter(|m| !m.is_empty());
    if errors.is_empty() { Ok(Signup { kind, name, member_of, values }) } else { Err(errors) }
}

fn field_list(kind: Kind) -> String {
    std::iter::once("name").chain(kind.fields().iter().map(|f| f.key())).collect::<Vec<_>>().join(", ")
}

/// One value checked and normalized; `None` when it is empty.
pub fn value(field: Field, raw: &str) -> Result<Option<String>, FieldError> {
    let v = if field == Field::Notes { raw.trim().to_string() } else { one_line(raw) };
    if v.is_empty() {
        return Ok(None);
    }
    match field {
        Field::Country => country(&v).map(Some),
        Field::Website => website(&v).map(Some),
        Field::Email => email(&v).map(Some),
        Field::Display => display(&v).map(Some),
        Field::AuthorizedOn => date(&v).map(Some),
        _ => Ok(Some(v)),
    }
}

/// Answers a form's "how should we show your name?" question gets, folded,
/// besides the roster's own words.
const DISPLAY_ANSWERS: [(&str, Display); 7] = [
    ("completo", Display::Full),
    ("nombre completo", Display::Full),
    ("solo nombre", Display::NameOnly),
    ("solo el nombre", Display::NameOnly),
    ("anonimo", Display::Anonymous),
    ("anonima", Display::Anonymous),
    ("sin nombre", Display::Anonymous),
];

/// A display level as the roster writes it, from its own words in any case
/// or a form's Spanish answer ("Anónimo", "Solo el nombre").
fn display(v: &str) -> Result<String, FieldError> {
    let lower = v.to_lowercase();
    let folded = super::text::fold(v);
    let answer = DISPLAY_ANSWERS.iter().find(|(a, _)| *a == folded).map(|(_, d)| *d);
    if let Some(level) =
        Display::parse(&lower).or_else(|| Display::parse(&folded.replace(' ', "-"))).or(answer)
    {
        return Ok(level.key().to_string());
    }
    let levels = Display::ALL.map(|(_, key)| key);
    let close = crate::load::did_you_mean(&lower, levels.into_iter())
        .map(|k| format!("did you mean `{k}`? "))
        .unwrap_or_default();
    Err(field_error(
        "display",
        format!("`{v}` is not a display level"),
        format!("{close}write one of: {}", levels.join(", ")),
    ))
}

fn date(v: &str) -> Result<String, FieldError> {
    match crate::load::parse_date(v) {
        Some(d) => Ok(d.to_string()),
        None => Err(field_error(
            "authorized_on",
            format!("`{v}` is not a date"),
            "write it as YYYY-MM-DD, e.g. 2025-01-20",
        )),
    }
}

/// Spaces, tabs and line breaks in a one-line value become single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn country(v: &str) -> Result<String, FieldError> {
    country::code(v).map(str::to_string).ok_or_else(|| {
        field_error(
            "country",
            format!("`{v}` is not a country"),
            "write the two-letter ISO 3166-1 code (MX, US, GT, …) or the country's name in Spanish or English",
        )
    })
}

/// A web address; `www.example.org` gets `https://`.
fn website(v: &str) -> Result<String, FieldError> {
    let full = if v.contains("://") { v.to_string() } else { format!("https://{v}") };
    match url::Url::parse(&full) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| h.contains('.')) => {
            Ok(full)
        }
        _ => Err(field_error(
            "website",
            format!("`{v}` is not a web address"),
            "write it as `https://example.org`, or leave it out",
        )),
    }
}

fn email(v: &str) -> Result<String, FieldError> {
    match v.split_once('@') {
        Some((user, host)) if !user.is_empty() && host.contains('.') && !v.contains(' ') => Ok(v.to_string()),
        _ => Err(field_error(
            "email",
            format!("`{v}` is not an e-mail address"),
            "write it as `name@example.org`",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, values: &[(Field, &str)]) -> Draft {
        Draft {
            name: name.into(),
            member_of: None,
            values: values.iter().map(|(f, v)| (*f, v.to_string())).collect(),
        }
    }

    #[test]
    fn values_are_normalized_and_put_in_roster_order() {
        let d = draft(
            "  Casa\n del Migrante ",
            &[(Field::Website, "www.casa.org"), (Field::Country, "México"), (Field::Acronym, " CM ")],
        );
        let s = check(&d, Kind::Organization).unwrap();
        assert_eq!(s.name, "Casa del Migrante");
        assert_eq!(
            s.values,
            [
                (Field::Acronym, "CM".into()),
                (Field::Country, "MX".into()),
                (Field::Website, "https://www.casa.org".into())
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let d = draft(" ", &[(Field::Country, "Narnia"), (Field::City, "Oaxaca"), (Field::Email, "anon")]);
        let errors = check(&d, Kind::Person).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "country", "email", "city"]);
        assert_eq!(errors[1].message, "`Narnia` is not a country");
        assert!(
            errors[3].hint.contains("a person has name, role, affiliation, country"),
            "{}",
            errors[3].hint
        );
    }

    #[test]
    fn display_levels_from_the_roster_s_words_or_a_form_s_answers() {
        for (answer, level) in [
            ("Anonymous", "anonymous"),
            ("Anónima", "anonymous"),
            ("Solo el nombre", "name-only"),
            ("name only", "name-only"),
            ("FULL", "full"),
        ] {
            assert_eq!(value(Field::Display, answer), Ok(Some(level.to_string())), "{answer}");
        }
        let e = value(Field::Display, "nameonly").unwrap_err();
        assert!(e.hint.contains("did you mean `name-only`?"), "{}", e.hint);
    }

    #[test]
    fn empty_values_are_left_out() {
        let s = check(&draft("Ana", &[(Field::Role, " "), (Field::Country, "")]), Kind::Person).unwrap();
        assert!(s.values.is_empty());
    }
}
