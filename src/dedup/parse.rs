//! Reading a name's parts: the name proper, and what is written around it.
//!
//! Organizers write the same signer with and without its legal form
//! (`A.C.`, `IAP`), its acronym in front, behind or in parentheses, a place
//! after a dash or a comma, a title before a person's name and a degree after
//! it. Each word gets a role; only `Core` words are the name. The rest is
//! compared separately: acronyms against acronyms and initials, places
//! against places, and legal forms and titles not at all.

use super::normalize::{Sep, Token, tokenize};
use super::{Class, lexicon, qualifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Core,
    Legal,
    Acronym,
    Place,
    Title,
    /// A parenthesis of several words: another name, a host, a translation.
    Aside,
}

#[derive(Debug, Clone)]
pub struct Parsed {
    pub tokens: Vec<Token>,
    pub roles: Vec<Role>,
    /// Folded acronyms written in the name (`imumi`).
    pub acronyms: Vec<String>,
    /// Folded place words (`tucson arizona`); scope words such as
    /// `regional` are kept apart in `scope`.
    pub place: Vec<String>,
    pub scope: bool,
    /// When one entry holds several names (`Hope Border Institute – Instituto
    /// Fronterizo Esperanza`, `Dignidad y Justicia en el Camino A.C. FM4, Paso
    /// Libre`), the token indices of each.
    pub segments: Vec<Vec<usize>>,
    /// Multi-word parentheses, by token index.
    pub asides: Vec<Vec<usize>>,
}

impl Parsed {
    /// Indices of the words that are the name proper.
    pub fn core(&self) -> impl Iterator<Item = usize> + '_ {
        self.of_role(Role::Core)
    }

    /// The name proper as one folded string: equal keys mean the same name.
    pub fn core_key(&self) -> String {
        self.key_of(self.core())
    }

    pub fn key_of(&self, idx: impl Iterator<Item = usize>) -> String {
        let words: Vec<&str> = idx.map(|i| self.tokens[i].text.as_str()).collect();
        words.join(" ")
    }

    pub fn of_role(&self, role: Role) -> impl Iterator<Item = usize> + '_ {
        (0..self.tokens.len()).filter(move |&i| self.roles[i] == role)
    }
}

/// A name's words, every one of them the name proper.
fn words_of(name: &str) -> Parsed {
    from_tokens(tokenize(name))
}

/// These words, every one of them the name proper.
fn from_tokens(tokens: Vec<Token>) -> Parsed {
    Parsed {
        roles: vec![Role::Core; tokens.len()],
        tokens,
        acronyms: Vec::new(),
        place: Vec::new(),
        scope: false,
        segments: Vec::new(),
        asides: Vec::new(),
    }
}

/// Splits a name into its parts.
pub fn parse(name: &str, class: Class) -> Parsed {
    let mut p = words_of(name);
    match class {
        Class::Group => {
            mark_legal(&mut p);
            qualifiers::group(&mut p);
        }
        Class::Person => person(&mut p),
    }
    if p.core().next().is_none() {
        // Nothing but a legal form, an acronym or a place: the words are
        // the name, and nothing of them is set apart.
        return from_tokens(p.tokens);
    }
    p
}

/// An acronym as organizers write it in its own field (`UNORCA A.C.`,
/// `SJR-Ecuador`): folded, without legal form, with a trailing country apart.
pub fn acronym(written: &str) -> (String, Vec<String>) {
    let mut p = words_of(written);
    mark_legal(&mut p);
    let mut core: Vec<usize> = p.core().collect();
    let mut place = Vec::new();
    if core.len() > 1 && lexicon::country(&p.tokens[core[core.len() - 1]].text).is_some() {
        place.push(p.tokens[core.pop().unwrap_or_default()].text.clone());
    }
    let key: String = core.iter().map(|&i| p.tokens[i].text.as_str()).collect();
    (key, place)
}

fn person(p: &mut Parsed) {
    for i in 0..p.tokens.len() {
        if p.tokens[i].paren > 0 {
            p.roles[i] = Role::Aside;
        }
    }
    let mut outer: Vec<usize> = p.core().collect();
    while outer.len() > 2 && lexicon::is_title(&p.tokens[outer[0]].text) {
        p.roles[outer.remove(0)] = Role::Title;
    }
    while outer.len() > 2 && lexicon::is_post_nominal(&p.tokens[outer[outer.len() - 1]].text) {
        p.roles[outer.pop().unwrap_or_default()] = Role::Title;
    }
}

/// Marks legal forms; the longest form wins where several fit.
pub(super) fn mark_legal(p: &mut Parsed) {
    let mut i = 0;
    while i < p.tokens.len() {
        let forms = lexicon::legal_forms_from(&p.tokens[i].text);
        let len = forms.iter().filter_map(|f| legal_len(&p.tokens, i, f)).max().unwrap_or(0);
        for r in &mut p.roles[i..i + len] {
            *r = Role::Legal;
        }
        i += len.max(1);
    }
}

fn legal_len(tokens: &[Token], i: usize, form: &lexicon::LegalForm) -> Option<usize> {
    let len = form.words.len();
    let run = tokens.get(i..i + len)?;
    let same = run.iter().zip(form.words).all(|(t, w)| t.text == *w);
    let tight =
        run.iter().skip(1).all(|t| matches!(t.before, Sep::Space | Sep::Stop) && t.paren == run[0].paren);
    let dots = !form.needs_dots || run.iter().all(|t| t.dotted);
    let placed = form.anywhere || ends_part(tokens, i + len);
    (same && tight && dots && placed).then_some(len)
}

/// Whether a part of the name ends before token `j`.
fn ends_part(tokens: &[Token], j: usize) -> bool {
    match tokens.get(j) {
        None => true,
        Some(t) => t.paren != tokens[j - 1].paren || !matches!(t.before, Sep::Space | Sep::Stop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(name: &str) -> String {
        parse(name, Class::Group).core_key()
    }

    #[test]
    fn legal_forms_are_not_the_name() {
        assert_eq!(core("Sin Fronteras IAP"), "sin fronteras");
        assert_eq!(core("Sin Fronteras, I.A.P."), "sin fronteras");
        assert_eq!(core("Iniciativa Kino A. C"), "iniciativa kino");
        assert_eq!(
            core("Casa Monarca. Ayuda Humanitaria al Migrante, A.B.P."),
            "casa monarca ayuda humanitaria al migrante"
        );
        assert_eq!(
            core("Grupo Articulador de la Sociedad Civil en Materia"),
            "grupo articulador de la sociedad civil en materia"
        );
        assert_eq!(core("Migrant Coalition SC"), "migrant coalition sc");
    }

    #[test]
    fn acronym_fields() {
        assert_eq!(acronym("UNORCA A.C."), ("unorca".into(), vec![]));
        assert_eq!(acronym("SJR-Ecuador"), ("sjr".into(), vec!["ecuador".into()]));
        assert_eq!(acronym("Red ANA").0, "redana");
    }

    #[test]
    fn titles_and_post_nominals_are_not_a_persons_name() {
        let person = |n: &str| parse(n, Class::Person).core_key();
        assert_eq!(person("Sister Marie Lucey OSF"), "marie lucey");
        assert_eq!(person("Sharon Altendorf, PBVM"), "sharon altendorf");
        assert_eq!(person("Dra. Ana Pérez-Bustillo"), "ana perez bustillo");
        assert_eq!(person("Mr. Smith"), "mr smith");
    }
}
