//! Countries as people type them into a form: a code, or a name in Spanish
//! or English, to the ISO 3166-1 alpha-2 code the roster stores.
//!
//! English names come from the `isocountry` crate the loader already uses
//! (also without their parenthesized part: "Bolivia" for "Bolivia
//! (Plurinational State of)"). No maintained crate carries Spanish country
//! names, so the Spanish names of the countries this campaign's signers come
//! from, and the usual short forms, are listed here.

use isocountry::CountryCode;

use super::text::fold;

/// Names and short forms, accents and case folded (see `text::fold`).
const NAMES: [(&str, &str); 47] = [
    ("mexico", "MX"),
    ("estados unidos", "US"),
    ("estados unidos de america", "US"),
    ("eeuu", "US"),
    ("ee uu", "US"),
    ("usa", "US"),
    ("united states", "US"),
    ("us", "US"),
    ("guatemala", "GT"),
    ("honduras", "HN"),
    ("el salvador", "SV"),
    ("nicaragua", "NI"),
    ("costa rica", "CR"),
    ("panama", "PA"),
    ("belice", "BZ"),
    ("cuba", "CU"),
    ("haiti", "HT"),
    ("republica dominicana", "DO"),
    ("puerto rico", "PR"),
    ("jamaica", "JM"),
    ("colombia", "CO"),
    ("venezuela", "VE"),
    ("ecuador", "EC"),
    ("peru", "PE"),
    ("bolivia", "BO"),
    ("chile", "CL"),
    ("argentina", "AR"),
    ("uruguay", "UY"),
    ("paraguay", "PY"),
    ("brasil", "BR"),
    ("canada", "CA"),
    ("espana", "ES"),
    ("francia", "FR"),
    ("alemania", "DE"),
    ("italia", "IT"),
    ("reino unido", "GB"),
    ("uk", "GB"),
    ("united kingdom", "GB"),
    ("paises bajos", "NL"),
    ("holanda", "NL"),
    ("belgica", "BE"),
    ("suiza", "CH"),
    ("suecia", "SE"),
    ("noruega", "NO"),
    ("austria", "AT"),
    ("irlanda", "IE"),
    ("portugal", "PT"),
];

/// The ISO code for `input`, if it names a country.
pub fn code(input: &str) -> Option<&'static str> {
    let trimmed = input.trim();
    let key = fold(trimmed);
    if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == key) {
        return Some(code);
    }
    if trimmed.len() == 2
        && let Ok(c) = CountryCode::for_alpha2_caseless(trimmed)
    {
        return Some(c.alpha2());
    }
    if trimmed.len() == 3
        && let Ok(c) = CountryCode::for_alpha3_caseless(trimmed)
    {
        return Some(c.alpha2());
    }
    CountryCode::iter()
        .find(|c| fold(c.name()) == key || fold(short_name(c.name())) == key)
        .map(|c| c.alpha2())
}

/// "Bolivia (Plurinational State of)" → "Bolivia".
fn short_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_both_languages() {
        for (input, expected) in [
            ("mx", "MX"),
            ("MEX", "MX"),
            ("México", "MX"),
            ("Mexico", "MX"),
            ("Estados Unidos", "US"),
            ("EE. UU.", "US"),
            ("United States of America", "US"),
            ("El Salvador", "SV"),
            ("Perú", "PE"),
            ("Bolivia", "BO"),
            ("Brasil", "BR"),
            ("Brazil", "BR"),
            ("Germany", "DE"),
            ("no", "NO"),
        ] {
            assert_eq!(code(input), Some(expected), "{input}");
        }
        assert_eq!(code("Narnia"), None);
        assert_eq!(code("XX"), None);
        assert_eq!(code(""), None);
    }
}
