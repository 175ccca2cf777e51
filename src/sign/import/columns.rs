//! Which field each column of a form export holds.
//!
//! Forms name their questions freely, so headers are compared folded (no
//! case, accents, punctuation or parenthesized asides: "Nombre de la
//! organización (si firmas como organización)*" reads as "nombre de la
//! organizacion") against common Spanish and English wordings. `--map`
//! overrides any of them, or names a column the defaults miss.

use super::super::signup::{Field, Kind};
use super::super::text::fold;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Field(Field),
    /// A name, whatever the row signs as.
    Name,
    /// The organization's (or network's) name; a person's affiliation.
    Organization,
    /// The person's name.
    Person,
    /// Whether the row is an organization, a person or a network.
    Kind,
    /// The network the signer joins as a member.
    MemberOf,
    Ignore,
}

/// Folded headers → columns. Answers Google Forms, Microsoft Forms and
/// spreadsheets commonly carry.
const DEFAULTS: &[(&str, Column)] = &[
    ("nombre de la organizacion", Column::Organization),
    ("nombre de la organizacion colectivo o red", Column::Organization),
    ("nombre de la organizacion o colectivo", Column::Organization),
    ("organizacion", Column::Organization),
    ("organizacion o colectivo", Column::Organization),
    ("organization", Column::Organization),
    ("organization name", Column::Organization),
    ("name of the organization", Column::Organization),
    ("organisation", Column::Organization),
    ("organisation name", Column::Organization),
    ("nombre completo", Column::Person),
    ("nombre y apellido", Column::Person),
    ("nombre y apellidos", Column::Person),
    ("full name", Column::Person),
    ("your name", Column::Person),
    ("nombre", Column::Name),
    ("name", Column::Name),
    ("tipo de firma", Column::Kind),
    ("firma como", Column::Kind),
    ("firmas como", Column::Kind),
    ("tipo de firmante", Column::Kind),
    ("signing as", Column::Kind),
    ("sign as", Column::Kind),
    ("signature type", Column::Kind),
    ("tipo", Column::Kind),
    ("type", Column::Kind),
    ("siglas", Column::Field(Field::Acronym)),
    ("acronimo", Column::Field(Field::Acronym)),
    ("acronym", Column::Field(Field::Acronym)),
    ("pais", Column::Field(Field::Country)),
    ("country", Column::Field(Field::Country)),
    ("ciudad", Column::Field(Field::City)),
    ("city", Column::Field(Field::City)),
    ("sitio web", Column::Field(Field::Website)),
    ("pagina web", Column::Field(Field::Website)),
    ("website", Column::Field(Field::Website)),
    ("web", Column::Field(Field::Website)),
    ("afiliacion", Column::Field(Field::Affiliation)),
    ("institucion", Column::Field(Field::Affiliation)),
    ("affiliation", Column::Field(Field::Affiliation)),
    ("institution", Column::Field(Field::Affiliation)),
    ("cargo", Column::Field(Field::Role)),
    ("puesto", Column::Field(Field::Role)),
    ("role", Column::Field(Field::Role)),
    ("position", Column::Field(Field::Role)),
    ("correo electronico", Column::Field(Field::Email)),
    ("direccion de correo electronico", Column::Field(Field::Email)),
    ("correo", Column::Field(Field::Email)),
    ("email", Column::Field(Field::Email)),
    ("e mail", Column::Field(Field::Email)),
    ("email address", Column::Field(Field::Email)),
    ("telefono", Column::Field(Field::Phone)),
    ("phone", Column::Field(Field::Phone)),
    ("phone number", Column::Field(Field::Phone)),
    ("comentarios", Column::Field(Field::Notes)),
    ("notas", Column::Field(Field::Notes)),
    ("notes", Column::Field(Field::Notes)),
    ("comments", Column::Field(Field::Notes)),
    ("display", Column::Field(Field::Display)),
    ("mostrar", Column::Field(Field::Display)),
    ("sort as", Column::Field(Field::SortAs)),
    ("ordenar como", Column::Field(Field::SortAs)),
    ("authorized by", Column::Field(Field::AuthorizedBy)),
    ("autorizado por", Column::Field(Field::AuthorizedBy)),
    ("autorizada por", Column::Field(Field::AuthorizedBy)),
    ("authorized on", Column::Field(Field::AuthorizedOn)),
    ("fecha de autorizacion", Column::Field(Field::AuthorizedOn)),
    ("marca temporal", Column::Ignore),
    ("timestamp", Column::Ignore),
    ("id", Column::Ignore),
    ("hora de inicio", Column::Ignore),
    ("hora de finalizacion", Column::Ignore),
    ("start time", Column::Ignore),
    ("completion time", Column::Ignore),
    ("last modified time", Column::Ignore),
];

/// Field names `--map` accepts.
const NAMES: &[(&str, Column)] = &[
    ("name", Column::Name),
    ("organization", Column::Organization),
    ("person", Column::Person),
    ("kind", Column::Kind),
    ("member_of", Column::MemberOf),
    ("ignore", Column::Ignore),
];

pub fn field_names() -> Vec<&'static str> {
    NAMES.iter().map(|(n, _)| *n).chain(Field::ALL.iter().map(|f| f.key())).collect()
}

/// A header as compared: folded, without `(…)` asides.
pub fn header_key(header: &str) -> String {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    fold(&plain)
}

/// The column `--map` names: `"Header=field"`.
pub fn parse_map(spec: &str) -> Result<(String, Column), String> {
    let (header, field) = spec.rsplit_once('=').ok_or_else(|| {
        format!("`--map {spec}` has no `=`\n  hint: write it as --map \"Column header=field\"")
    })?;
    let field = field.trim();
    let column = NAMES
        .iter()
        .find(|(n, _)| *n == field)
        .map(|(_, c)| *c)
        .or_else(|| Field::ALL.iter().find(|f| f.key() == field).map(|f| Column::Field(*f)))
        .ok_or_else(|| {
            format!(
                "`{field}` in `--map {spec}` is not a field\n  hint: the fields are {}",
                field_names().join(", ")
            )
        })?;
    Ok((header_key(header), column))
}

/// Each header's column, from `--map` first and the defaults after.
pub fn map(headers: &[String], overrides: &[(String, Column)]) -> Vec<Option<Column>> {
    headers
        .iter()
        .map(|h| {
            let key = header_key(h);
            let own = overrides.iter().find(|(k, _)| *k == key).map(|(_, c)| *c);
            own.or_else(|| DEFAULTS.iter().find(|(k, _)| *k == key).map(|(_, c)| *c))
        })
        .collect()
}

/// What a kind column's answer means: "Organización", "A título
/// personal", "Individual", "Red", …
pub fn kind_of(answer: &str) -> Option<Kind> {
    let folded = fold(answer);
    let words: Vec<&str> = folded.split(' ').collect();
    let any = |f: &dyn Fn(&str) -> bool| words.iter().any(|w| f(w));
    if any(&|w| w.starts_with("organi") || w.starts_with("colectiv") || w.starts_with("institu")) {
        Some(Kind::Organization)
    } else if any(&|w| matches!(w, "red" | "redes" | "network" | "coalicion" | "coalition")) {
        Some(Kind::Network)
    } else if any(&|w| {
        w.starts_with("person") || w.starts_with("individu") || w.starts_with("propio") || w == "own"
    }) {
        Some(Kind::Person)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_as_their_fields() {
        let headers: Vec<String> = [
            "Marca temporal",
            "Nombre de la organización (si firmas como organización)*",
            "Nombre completo:",
            "¿País?",
            "Dirección de correo electrónico",
            "Color favorito",
        ]
        .map(String::from)
        .to_vec();
        let cols = map(&headers, &[parse_map("color favorito=notes").unwrap()]);
        assert_eq!(
            cols,
            [
                Some(Column::Ignore),
                Some(Column::Organization),
                Some(Column::Person),
                Some(Column::Field(Field::Country)),
                Some(Column::Field(Field::Email)),
                Some(Column::Field(Field::Notes)),
            ]
        );
    }

    #[test]
    fn bad_maps_say_how_to_write_them() {
        assert!(parse_map("Nombre").unwrap_err().contains("has no `=`"));
        assert!(parse_map("Nombre=nombre").unwrap_err().contains("the fields are name, organization"));
    }

    #[test]
    fn kind_answers_in_both_languages() {
        for (answer, kind) in [
            ("Organización", Kind::Organization),
            ("Como colectivo u organización", Kind::Organization),
            ("Organisation", Kind::Organization),
            ("Persona", Kind::Person),
            ("A título personal", Kind::Person),
            ("Individual", Kind::Person),
            ("In my own name", Kind::Person),
            ("Red", Kind::Network),
            ("Network", Kind::Network),
        ] {
            assert_eq!(kind_of(answer), Some(kind), "{answer}");
        }
        assert_eq!(kind_of("Otro"), None);
    }
}
