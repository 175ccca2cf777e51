//! Why two entries look like one signer, in words an organizer understands.
//!
//! Reasons quote the names as written ("same name once 'A.C.' and the
//! accents are ignored", "same acronym IMUMI"), so the organizer can judge
//! the finding without knowing how the engine works. They are built only for
//! the pairs reported, by parsing those two names again.

use super::align::{Alignment, Link, align};
use super::entry::Entry;
use super::lexicon::is_function_word;
use super::normalize::{exact_key, same_exactly};
use super::parse::{Parsed, Role, acronym, parse};
use super::similar::{Verdict, Why};
use super::vocab::Vocab;
use super::{Candidate, Class};

/// One side of a pair: the name as written and as parsed.
struct Side<'a> {
    written: &'a str,
    parsed: Parsed,
    /// The name proper's words, which most reasons quote.
    core: Vec<usize>,
}

impl Side<'_> {
    fn new<'a>(c: &Candidate<'a>, name: usize) -> Side<'a> {
        let written = c.names.get(name).copied().unwrap_or_default();
        let parsed = parse(written, c.class);
        let core = parsed.core().collect();
        Side { written, parsed, core }
    }

    /// The words at `idx` as written, with the punctuation between them.
    fn quote(&self, idx: &[usize]) -> String {
        let (Some(&first), Some(&last)) = (idx.first(), idx.last()) else { return String::new() };
        let t = &self.parsed.tokens;
        self.written[t[first].span.start..t[last].span.end].to_string()
    }

    /// Like `quote`, with the full stop that ends an abbreviation (`A.C.`, `Dr.`).
    fn quote_abbreviation(&self, idx: &[usize]) -> String {
        let quoted = self.quote(idx);
        let last = idx.last().map(|&i| &self.parsed.tokens[i]);
        let dot = last.is_some_and(|t| t.dotted && self.written[t.span.end..].starts_with('.'));
        if dot { quoted + "." } else { quoted }
    }

    /// Runs of consecutive words with `role`, quoted.
    fn quoted_runs(&self, role: Role) -> Vec<(String, bool)> {
        let idx: Vec<usize> = self.parsed.of_role(role).collect();
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for i in idx {
            match runs.last_mut() {
                Some(run) if run.last() == Some(&(i - 1)) => run.push(i),
                _ => runs.push(vec![i]),
            }
        }
        let upper = |r: &[usize]| r.iter().all(|&i| self.parsed.tokens[i].upper);
        let abbreviation = matches!(role, Role::Legal | Role::Title);
        let quote = |r: &[usize]| if abbreviation { self.quote_abbreviation(r) } else { self.quote(r) };
        runs.iter().map(|r| (quote(r), upper(r))).collect()
    }

    fn core(&self) -> &[usize] {
        &self.core
    }
}

pub fn explain(ca: &Candidate, cb: &Candidate, ea: &Entry, eb: &Entry, v: &Verdict, vocab: &Vocab) -> String {
    let names = names(ca, cb, ea, eb, v, vocab);
    if !v.apart.any() {
        return names;
    }
    let apart = apart(ca, cb, ea, eb, v);
    if names == "same name" { format!("same name, {apart}") } else { format!("{names}; {apart}") }
}

/// "different country (MX and GT)", "different affiliation ('UNAM' and 'El Colef')".
fn apart(ca: &Candidate, cb: &Candidate, ea: &Entry, eb: &Entry, v: &Verdict) -> String {
    let country = |e: &Entry, name: usize| {
        let code = e.names[name].place_country.or(e.country).unwrap_or_default();
        String::from_utf8_lossy(&code).into_owned()
    };
    let quoted =
        |x: Option<&str>, y: Option<&str>| format!("'{}' and '{}'", x.unwrap_or(""), y.unwrap_or(""));
    let mut parts = Vec::new();
    if v.apart.country {
        parts.push(format!("different country ({} and {})", country(ea, v.names.0), country(eb, v.names.1)));
    }
    if v.apart.city {
        parts.push(format!("different city ({})", quoted(ca.city, cb.city)));
    }
    if v.apart.affiliation {
        let (x, y) = (ca.affiliation.first().copied(), cb.affiliation.first().copied());
        parts.push(format!("different affiliation ({})", quoted(x, y)));
    }
    list(&parts)
}

/// Why the names may be one signer's.
fn names(ca: &Candidate, cb: &Candidate, ea: &Entry, eb: &Entry, v: &Verdict, vocab: &Vocab) -> String {
    // The same text parses the same: nothing about the writing differs, and
    // a fifth of a large roster's findings need no parsing at all.
    if v.why == Why::SameName && ca.names.get(v.names.0) == cb.names.get(v.names.1) {
        return "same name".into();
    }
    let (a, b) = (Side::new(ca, v.names.0), Side::new(cb, v.names.1));
    let acronym = |id: u32| written_acronym(ca, cb, vocab.word(id));
    let aligned = || align(&ea.names[v.names.0], &eb.names[v.names.1], vocab);
    match v.why {
        Why::SameName => same_name(&a, &b),
        Why::OnlyOnePlace => {
            let mut places: Vec<String> =
                [&a, &b].iter().flat_map(|s| s.quoted_runs(Role::Place)).map(|r| r.0).collect();
            places.dedup_by_key(|p| exact_key(p));
            format!("same name, but only one of them names a place ({})", list(&places))
        }
        Why::OtherAcronym => format!("same name, but different acronyms ({})", {
            let acr: Vec<String> = ea.acronyms.iter().chain(&eb.acronyms).map(|&id| acronym(id)).collect();
            list(&acr)
        }),
        Why::Alias { weak } => alias(&a, &b, weak),
        Why::Beginning => {
            let (short, long) = if a.core().len() < b.core().len() { (&a, &b) } else { (&b, &a) };
            format!("'{}' is how '{}' begins", short.quote(short.core()), long.quote(long.core()))
        }
        Why::Spacing => format!(
            "'{}' and '{}' are the same letters spaced differently",
            a.quote(a.core()),
            b.quote(b.core())
        ),
        Why::Acronym(id) => {
            let al = aligned();
            if al.dice() < 0.4 {
                return format!("same acronym {}", acronym(id));
            }
            format!("same acronym {} and {}", acronym(id), words(&a, &b, &al, ca.class))
        }
        Why::Initials(id) => {
            let full = if ea.acronyms.contains(&id) { &b } else { &a };
            let stands = format!("{} stands for '{}'", acronym(id), full.quote(full.core()));
            let al = aligned();
            if al.dice() < 0.4 { stands } else { format!("{stands}, and {}", words(&a, &b, &al, ca.class)) }
        }
        Why::Words => {
            let al = aligned();
            words(&a, &b, &al, ca.class)
        }
        Why::Translation => {
            format!("the same name in another language ('{}' and '{}')", a.quote(a.core()), b.quote(b.core()))
        }
    }
}

/// An acronym as an entry writes it in its own field (`CDH Fray Matías`),
/// else in capitals.
fn written_acronym(ca: &Candidate, cb: &Candidate, key: &str) -> String {
    let written = [ca.acronym, cb.acronym].into_iter().flatten().find(|w| acronym(w).0 == key);
    written.map_or_else(|| key.to_uppercase(), |w| w.trim().to_string())
}

/// "same name once 'A.C.' and the accents are ignored".
fn same_name(a: &Side, b: &Side) -> String {
    let mut ignored: Vec<String> = Vec::new();
    for role in [Role::Legal, Role::Title, Role::Acronym, Role::Place, Role::Aside] {
        let (ra, rb) = (a.quoted_runs(role), b.quoted_runs(role));
        let in_both =
            |r: &(String, bool), other: &[(String, bool)]| other.iter().any(|o| same_exactly(&o.0, &r.0));
        let mut runs: Vec<(String, bool)> = ra.iter().filter(|r| !in_both(r, &rb)).cloned().collect();
        runs.extend(rb.iter().filter(|r| !in_both(r, &ra)).cloned());
        runs.dedup_by_key(|r| exact_key(&r.0));
        for (run, upper) in runs {
            let acronym = role == Role::Acronym && upper;
            ignored.push(if acronym { format!("the acronym {run}") } else { format!("'{run}'") });
        }
    }
    ignored.extend(writing_differences(a, b).into_iter().map(String::from));
    if ignored.is_empty() {
        return "same name".into();
    }
    let verb = if ignored.len() == 1 && ignored[0] != "the accents" { "is" } else { "are" };
    format!("same name once {} {verb} ignored", list(&ignored))
}

/// How the same words are written differently: case, accents, punctuation.
fn writing_differences(a: &Side, b: &Side) -> Vec<&'static str> {
    let spelled = |s: &Side| -> Vec<String> { s.core().iter().map(|&i| s.quote(&[i])).collect() };
    let (wa, wb) = (spelled(a), spelled(b));
    let keys = |w: &[String]| -> Vec<String> { w.iter().map(|x| exact_key(x)).collect() };
    let (ka, kb) = (keys(&wa), keys(&wb));
    let letters = |k: &[String]| -> Vec<String> {
        k.iter().map(|x| x.chars().filter(|c| c.is_alphanumeric()).collect()).collect()
    };
    let (la, lb) = (letters(&ka), letters(&kb));
    let joined = |s: &Side| -> String { s.quote(s.core()) };
    let mut out = Vec::new();
    if la != lb {
        out.push("the accents");
    }
    let same_letters = (0..ka.len().min(kb.len())).any(|i| ka[i] != kb[i] && la[i] == lb[i]);
    if same_letters || strip_letters(&joined(a)) != strip_letters(&joined(b)) {
        out.push("the punctuation");
    }
    let lower = |w: &[String]| -> Vec<String> { w.iter().map(|x| x.to_lowercase()).collect() };
    if out.is_empty() && wa != wb && lower(&wa) == lower(&wb) {
        out.push("the case");
    }
    out
}

/// The punctuation between the words, spaces folded.
fn strip_letters(s: &str) -> String {
    let marks: String = s.chars().map(|c| if c.is_alphanumeric() { ' ' } else { c }).collect();
    marks.split_whitespace().collect()
}

fn alias(a: &Side, b: &Side, weak: bool) -> String {
    let (short, long) =
        if a.parsed.segments.is_empty() && a.parsed.asides.is_empty() { (a, b) } else { (b, a) };
    let how = if weak { "in parentheses in" } else { "one of the names in" };
    format!("'{}' is {how} '{}'", short.quote(short.core()), long.written)
}

/// What differs between two similar names.
fn words(a: &Side, b: &Side, al: &Alignment, class: Class) -> String {
    let (ca, cb) = (a.core(), b.core());
    let word = |s: &Side, core: &[usize], i: usize| format!("'{}'", s.quote(&[core[i]]));
    let mut parts: Vec<String> = Vec::new();
    for p in &al.pairs {
        let qa: Vec<usize> = p.a.clone().map(|i| ca[i]).collect();
        let qb: Vec<usize> = p.b.clone().map(|i| cb[i]).collect();
        let (x, y) = (a.quote(&qa), b.quote(&qb));
        match p.link {
            Link::Same => {}
            Link::Typo => parts.push(format!("'{x}' and '{y}' differ by a letter or two")),
            Link::Compound => parts.push(format!("'{x}' and '{y}' are the same words written apart")),
            Link::Abbreviation => parts.push(format!("'{x}' and '{y}' may be a word and its abbreviation")),
            Link::Initial => parts.push(format!("'{x}' and '{y}' may be the same name and its initial")),
        }
    }
    let alone = |s: &Side, core: &[usize], side: usize| -> Vec<String> {
        al.alone(side).map(|i| word(s, core, i)).collect()
    };
    let (la, lb) = (alone(a, ca, 0), alone(b, cb, 1));
    let noun = if class == Class::Person { "name" } else { "word" };
    match (la.is_empty(), lb.is_empty()) {
        (true, true) if parts.is_empty() => parts.push(small_words(a, b)),
        (true, true) => {}
        (false, true) | (true, false) => {
            let extra = if la.is_empty() { &lb } else { &la };
            parts.push(format!("one of them adds {}", list(extra)))
        }
        (false, false) => parts.push(format!("{} in one, {} in the other", list(&la), list(&lb))),
    }
    let shared: Vec<String> =
        al.pairs.iter().filter(|p| p.link == Link::Same).map(|p| word(a, ca, p.a.start)).collect();
    if !shared.is_empty() && (!la.is_empty() || !lb.is_empty()) {
        parts.insert(0, format!("sharing {}", list(&shared)));
    }
    format!("similar {noun}s, {}", parts.join("; "))
}

/// Two names with the same weighed words: the articles and prepositions
/// that differ, or the order.
fn small_words(a: &Side, b: &Side) -> String {
    let small = |s: &Side| -> Vec<(String, String)> {
        let core = s.core();
        let words = core.iter().filter(|&&i| is_function_word(&s.parsed.tokens[i].text));
        words.map(|&i| (s.parsed.tokens[i].text.clone(), s.quote(&[i]))).collect()
    };
    let (sa, sb) = (small(a), small(b));
    let mut differ: Vec<String> =
        sa.iter().filter(|x| !sb.iter().any(|y| y.0 == x.0)).map(|x| format!("'{}'", x.1)).collect();
    differ.extend(sb.iter().filter(|y| !sa.iter().any(|x| x.0 == y.0)).map(|y| format!("'{}'", y.1)));
    if differ.is_empty() {
        "the same words in another order".into()
    } else {
        format!("the same words but for {}", list(&differ))
    }
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `explain` answers "same name" for identical text without parsing;
    /// parsing the text twice must say the same, whatever it holds.
    #[test]
    fn identical_text_is_the_same_name() {
        let names = [
            "Sin Fronteras, I.A.P.",
            "Casa del Migrante (Tijuana) – CDM",
            "Peña A.C.",
            "IMUMI",
            "Dr. Ana María Pérez",
            "",
        ];
        for (name, class) in names.iter().flat_map(|n| [(*n, Class::Group), (*n, Class::Person)]) {
            let c = Candidate { class, names: vec![name], ..Candidate::default() };
            assert_eq!(same_name(&Side::new(&c, 0), &Side::new(&c, 0)), "same name", "{name:?}");
        }
    }
}
