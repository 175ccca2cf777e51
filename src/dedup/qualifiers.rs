//! What organizers write around a group's name: acronyms, places, other names.
//!
//! `Instituto para las Mujeres en la Migración (IMUMI)- México` is the name
//! `Instituto para las Mujeres en la Migración`, the acronym `IMUMI` and the
//! place `México`; `Hope Border Institute – Instituto Fronterizo Esperanza`
//! holds two names. Legal forms are already marked (`parse::mark_legal`);
//! this reads the rest, from the outside in: parentheses, trailing parts
//! after punctuation, a trailing country, an acronym at either end.

use super::lexicon;
use super::normalize::Sep;
use super::parse::{Parsed, Role};

/// Marks a group's acronyms, places and other names; what is left is its name.
pub(super) fn group(p: &mut Parsed) {
    parentheses(p);
    let mut outer: Vec<usize> = p.core().filter(|&i| p.tokens[i].paren == 0).collect();
    // In a name written all in capitals, capitals do not mark an acronym.
    let shouting = outer.iter().all(|&i| p.tokens[i].upper || p.tokens[i].text.chars().count() < 2);
    trailing_qualifiers(p, &mut outer, shouting);
    trailing_country(p, &mut outer);
    if !shouting {
        edge_acronyms(p, &mut outer);
    }
    p.segments = segments(p, &outer);
    collect_places(p);
    if let [only] = outer[..]
        && p.tokens[only].upper
    {
        p.acronyms.push(p.tokens[only].text.clone());
    }
}

/// The place words, once each, in order; scopes (`Regional`) only noted.
fn collect_places(p: &mut Parsed) {
    let place: Vec<usize> = p.of_role(Role::Place).collect();
    p.scope = place.iter().any(|&i| lexicon::is_scope(&p.tokens[i].text));
    for i in place {
        let w = &p.tokens[i].text;
        if !lexicon::is_scope(w) && !lexicon::is_function_word(w) && !p.place.contains(w) {
            p.place.push(w.clone());
        }
    }
}

fn parentheses(p: &mut Parsed) {
    let groups = p.tokens.iter().map(|t| t.paren).max().unwrap_or(0);
    for g in 1..=groups {
        let idx: Vec<usize> =
            (0..p.tokens.len()).filter(|&i| p.tokens[i].paren == g && p.roles[i] == Role::Core).collect();
        if idx.is_empty() {
            continue;
        }
        if is_place(p, &idx) {
            set_place(p, &idx);
        } else if idx.len() == 1 || idx.iter().all(|&i| p.tokens[i].upper || is_place(p, &[i])) {
            let (acr, place) = split_place(p, &idx);
            set_acronym(p, &acr);
            set_place(p, &place);
        } else {
            for &i in &idx {
                p.roles[i] = Role::Aside;
            }
            p.asides.push(idx);
        }
    }
}

/// Trailing parts after a comma, dash or slash: an acronym (`-GTPM`,
/// `, CAFAMI`), a place (`– México`, `, Tucson, Arizona`, `- Regional`).
fn trailing_qualifiers(p: &mut Parsed, outer: &mut Vec<usize>, shouting: bool) {
    while let Some(k) = (1..outer.len()).rev().find(|&k| separates(p.tokens[outer[k]].before)) {
        let part = outer[k..].to_vec();
        let t = &p.tokens[part[0]];
        if part.len() == 1 && t.upper && !shouting && !is_place(p, &part) {
            set_acronym(p, &part);
        } else if is_place(p, &part) || (t.before == Sep::Comma && looks_like_town(p, &outer[..k], &part)) {
            set_place(p, &part);
        } else {
            return;
        }
        outer.truncate(k);
    }
}

fn separates(sep: Sep) -> bool {
    matches!(sep, Sep::Comma | Sep::Colon | Sep::Dash | Sep::SpacedDash | Sep::Slash)
}

/// `Tucson`, `San Antonio Texas`: up to three capitalized words after a
/// name of two words or more (`FM4, Paso Libre` is one name).
fn looks_like_town(p: &Parsed, before: &[usize], part: &[usize]) -> bool {
    let start = (1..before.len()).rev().find(|&k| splits_at(p, before, k)).unwrap_or(0);
    let words_before =
        before[start..].iter().filter(|&&i| !lexicon::is_function_word(&p.tokens[i].text)).count();
    words_before >= 2
        && part.len() <= 3
        && part.iter().all(|&i| p.tokens[i].capital && !lexicon::is_function_word(&p.tokens[i].text))
}

/// A country ending the name without punctuation (`Servicio Jesuita a
/// Refugiados Ecuador`), with the preposition before it (`de Guatemala`).
fn trailing_country(p: &mut Parsed, outer: &mut Vec<usize>) {
    if !outer.last().is_some_and(|&i| lexicon::may_end_country(&p.tokens[i].text)) {
        return;
    }
    let Some(len) = (1..=3.min(outer.len().saturating_sub(1)))
        .rev()
        .find(|&n| lexicon::country(&p.key_of(outer[outer.len() - n..].iter().copied())).is_some())
    else {
        return;
    };
    let mut place = outer.split_off(outer.len() - len);
    while outer.len() > 1 && lexicon::is_function_word(&p.tokens[outer[outer.len() - 1]].text) {
        place.insert(0, outer.pop().unwrap_or_default());
    }
    set_place(p, &place);
}

/// An acronym in capitals before or after the name (`IMUMI Instituto para
/// las Mujeres…`), recognised when it starts like the name does.
fn edge_acronyms(p: &mut Parsed, outer: &mut Vec<usize>) {
    if outer.len() < 3 {
        return;
    }
    let initial = |i: usize| p.tokens[i].text.chars().next();
    let is_acronym = |i: usize| p.tokens[i].upper && !lexicon::is_function_word(&p.tokens[i].text);
    let (first, second, last) = (outer[0], outer[1], outer[outer.len() - 1]);
    if is_acronym(first)
        && initial(first) == initial(second)
        && !lexicon::is_function_word(&p.tokens[second].text)
    {
        set_acronym(p, &[first]);
        outer.remove(0);
    } else if is_acronym(last) && initial(last) == initial(first) {
        set_acronym(p, &[last]);
        outer.pop();
    }
}

/// The names one entry holds, split at a slash, a spaced dash or a legal
/// form in the middle. Empty when it holds one.
fn segments(p: &Parsed, outer: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (k, &i) in outer.iter().enumerate() {
        match out.last_mut() {
            Some(seg) if !splits_at(p, outer, k) => seg.push(i),
            _ => out.push(vec![i]),
        }
    }
    out.retain(|seg| seg.iter().any(|&i| !lexicon::is_function_word(&p.tokens[i].text)));
    if out.len() < 2 { Vec::new() } else { out }
}

/// Whether a new name starts at `outer[k]`: after a slash, a spaced dash or
/// a legal form, or after a hyphen between a name of two words or more and a
/// capital (`Casa Nicolás-Solidaridad en el éxodo`, not `Afro-Mexican`).
fn splits_at(p: &Parsed, outer: &[usize], k: usize) -> bool {
    let legal_between = k > 0 && (outer[k - 1] + 1..outer[k]).any(|j| p.roles[j] == Role::Legal);
    let t = &p.tokens[outer[k]];
    let words_before =
        || outer[..k].iter().filter(|&&i| !lexicon::is_function_word(&p.tokens[i].text)).count();
    legal_between
        || matches!(t.before, Sep::Slash | Sep::SpacedDash)
        || (t.before == Sep::Dash && t.capital && words_before() >= 2)
}

/// Whether the words name only countries, regions and scopes (`México y
/// Centroamérica`, `Regional/Global`, `El Salvador`).
fn is_place(p: &Parsed, idx: &[usize]) -> bool {
    let words: Vec<&str> = idx.iter().map(|&i| p.tokens[i].text.as_str()).collect();
    lexicon::country(&words.join(" ")).is_some()
        || words.iter().all(|w| {
            lexicon::country(w).is_some()
                || lexicon::is_region(w)
                || lexicon::is_scope(w)
                || matches!(*w, "y" | "and" | "e" | "et")
        })
}

/// Splits trailing countries off an acronym written in words (`SJR Ecuador`).
fn split_place(p: &Parsed, idx: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let cut = idx.iter().rposition(|&i| lexicon::country(&p.tokens[i].text).is_none()).map_or(0, |k| k + 1);
    (idx[..cut].to_vec(), idx[cut..].to_vec())
}

fn set_acronym(p: &mut Parsed, idx: &[usize]) {
    if idx.is_empty() {
        return;
    }
    p.acronyms.push(idx.iter().map(|&i| p.tokens[i].text.as_str()).collect());
    for &i in idx {
        p.roles[i] = Role::Acronym;
    }
}

fn set_place(p: &mut Parsed, idx: &[usize]) {
    for &i in idx {
        p.roles[i] = Role::Place;
    }
}

#[cfg(test)]
mod tests {
    use super::super::Class;
    use super::super::parse::parse;

    fn core(name: &str) -> String {
        parse(name, Class::Group).core_key()
    }

    #[test]
    fn acronyms_in_parentheses_front_and_back() {
        for name in [
            "Instituto para las Mujeres en la Migración, AC (IMUMI)",
            "IMUMI Instituto para las Mujeres en la Migración",
            "Instituto para las Mujeres en la Migración, IMUMI",
        ] {
            let p = parse(name, Class::Group);
            assert_eq!(p.core_key(), "instituto para las mujeres en la migracion", "{name}");
            assert_eq!(p.acronyms, ["imumi"], "{name}");
        }
        assert_eq!(core("FM4 Paso Libre"), "fm4 paso libre");
        assert_eq!(core("CENTRO DE DERECHOS HUMANOS CHIPANXO"), "centro de derechos humanos chipanxo");
        assert_eq!(core("Food Justice DMV"), "food justice dmv");
    }

    #[test]
    fn places_are_apart() {
        let p = parse("Centro de Atención a la Familia Migrante Indígena (CAFAMI)- México", Class::Group);
        assert_eq!(
            (p.acronyms.as_slice(), p.place.as_slice()),
            (&["cafami".to_string()][..], &["mexico".to_string()][..])
        );
        let p = parse("Coalición de Derechos Humanos, Tucson, Arizona", Class::Group);
        assert_eq!(
            (p.core_key().as_str(), p.place.join(" ")),
            ("coalicion de derechos humanos", "tucson arizona".into())
        );
        let p = parse("Servicio Jesuita a Refugiados Ecuador", Class::Group);
        assert_eq!(
            (p.core_key().as_str(), p.place.join(" ")),
            ("servicio jesuita a refugiados", "ecuador".into())
        );
        let p = parse("Red Sudamericana para las Migraciones Ambientales - Regional", Class::Group);
        assert!(p.scope && p.place.is_empty());
        assert_eq!(core("Casa del Migrante en Tijuana"), "casa del migrante en tijuana");
        assert_eq!(core("CHIRLA México"), "chirla");
    }

    #[test]
    fn one_entry_may_hold_several_names() {
        let p = parse("Dignidad y Justicia en el Camino A.C. FM4, Paso Libre", Class::Group);
        let segs: Vec<String> = p.segments.iter().map(|s| p.key_of(s.iter().copied())).collect();
        assert_eq!(segs, ["dignidad y justicia en el camino", "fm4 paso libre"]);
        let p = parse("Witness at the Border (Testigos en la Frontera)", Class::Group);
        assert_eq!((p.core_key().as_str(), p.asides.len()), ("witness at the border", 1));
    }
}
