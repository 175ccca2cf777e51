//! Finding the same signer written more than once.
//!
//! The engine sees only names, acronyms and countries: it knows nothing of
//! files or policy. `check` decides what a match means for the letter.

pub mod normalize;

use std::collections::HashMap;

/// Organizations and networks are compared with each other; people only with people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Group,
    Person,
}

/// One signer as the engine sees it.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    pub class: Class,
    /// The name in each language it is written in.
    pub names: Vec<&'a str>,
    pub acronym: Option<&'a str>,
    pub country: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Likely,
    Possible,
}

/// Two candidates, by index, that may be the same signer.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub a: usize,
    pub b: usize,
    pub kind: MatchKind,
    /// 1.0 for certain, lower for less sure.
    pub score: f64,
    /// Why, in words an organizer understands.
    pub reason: String,
}

/// Every pair of candidates that name the same signer. Each later entry is
/// matched to the first one it repeats, in candidate order.
pub fn find(candidates: &[Candidate]) -> Vec<Match> {
    let mut first: HashMap<(Class, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let keys: Vec<String> = c.names.iter().map(|n| normalize::exact_key(n)).collect();
        let earlier = keys.iter().find_map(|k| first.get(&(c.class, k.clone())).copied());
        match earlier {
            Some(a) => out.push(Match {
                a,
                b: i,
                kind: MatchKind::Exact,
                score: 1.0,
                reason: "same name once case, spacing and Unicode forms are ignored".into(),
            }),
            None => {
                for k in keys {
                    first.entry((c.class, k)).or_insert(i);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str) -> Candidate<'_> {
        Candidate { class: Class::Group, names: vec![name], acronym: None, country: None }
    }

    #[test]
    fn exact_after_case_and_space_folding() {
        let c = [group("Sin Fronteras IAP"), group("Alianza Americas"), group("sin  fronteras   iap")];
        let m = find(&c);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].a, m[0].b, m[0].kind), (0, 2, MatchKind::Exact));
    }

    #[test]
    fn people_and_groups_are_not_compared() {
        let person = Candidate { class: Class::Person, ..group("Karina Franco") };
        assert!(find(&[group("Karina Franco"), person]).is_empty());
    }
}
