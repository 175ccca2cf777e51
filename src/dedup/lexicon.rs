//! The words that are not part of a signer's name, and the ones that say little.
//!
//! Unicode knows accents and punctuation; it does not know that `A.C.` is a
//! legal form, `Dra.` a title or `Ecuador` a country. Those are the domain's,
//! written here once, folded the way `normalize` folds names (no accents,
//! lower case, `A.C.` as `ac` and `A. C.` as `a c`).

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// A legal form: its words, and whether it may stand anywhere in a name.
pub struct LegalForm {
    pub words: &'static [&'static str],
    /// An abbreviation that is never an ordinary word may be dropped wherever
    /// it stands (`Dignidad y Justicia en el Camino A.C. FM4, Paso Libre`); a
    /// spelled-out one (`Asociación Civil`) only at the end of the name.
    pub anywhere: bool,
    /// Also a word or a place (`SC` is South Carolina, `SA` a country code):
    /// a legal form only when written with full stops (`S.C.`).
    pub needs_dots: bool,
}

const fn form(words: &'static [&'static str], anywhere: bool, needs_dots: bool) -> LegalForm {
    LegalForm { words, anywhere, needs_dots }
}

/// The legal forms whose first word is `word`.
pub fn legal_forms_from(word: &str) -> &'static [&'static LegalForm] {
    static BY_FIRST: OnceLock<FxHashMap<&str, Vec<&LegalForm>>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut map: FxHashMap<&str, Vec<&LegalForm>> = FxHashMap::default();
        for form in LEGAL_FORMS {
            map.entry(form.words[0]).or_default().push(form);
        }
        map
    });
    by_first.get(word).map_or(&[], Vec::as_slice)
}

/// Mexican, Latin American, US, British and European legal forms.
pub const LEGAL_FORMS: &[LegalForm] = &[
    form(&["institucion", "de", "asistencia", "privada"], false, false),
    form(&["institucion", "de", "beneficencia", "privada"], false, false),
    form(&["asociacion", "de", "beneficencia", "privada"], false, false),
    form(&["s", "a", "de", "c", "v"], true, false),
    form(&["s", "de", "rl", "de", "cv"], true, false),
    form(&["sapi", "de", "cv"], true, false),
    form(&["sa", "de", "cv"], true, false),
    form(&["s", "de", "rl"], true, false),
    form(&["asociacion", "civil"], false, false),
    form(&["sociedad", "civil"], false, false),
    form(&["sociedad", "anonima"], false, false),
    form(&["eingetragener", "verein"], false, false),
    form(&["a", "b", "p"], true, false),
    form(&["i", "a", "p"], true, false),
    form(&["i", "b", "p"], true, false),
    form(&["l", "l", "c"], true, false),
    form(&["a", "c"], true, false),
    form(&["a", "r"], true, false),
    form(&["e", "v"], true, false),
    form(&["s", "c"], true, false),
    form(&["abp"], true, false),
    form(&["iap"], true, false),
    form(&["ibp"], true, false),
    form(&["llc"], true, false),
    form(&["ltd"], true, false),
    form(&["ltda"], true, false),
    form(&["gmbh"], true, false),
    form(&["ggmbh"], true, false),
    form(&["asbl"], true, false),
    form(&["inc"], true, false),
    form(&["incorporated"], false, false),
    form(&["limited"], false, false),
    form(&["ac"], true, false),
    form(&["ar"], true, true),
    form(&["ev"], true, true),
    form(&["sa"], true, true),
    form(&["sas"], true, true),
    form(&["sc"], true, true),
    form(&["plc"], true, false),
];

/// Articles, prepositions and conjunctions in Spanish, English, Portuguese and
/// French: they tie a name together but do not tell two names apart.
pub fn is_function_word(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| FUNCTION_WORDS.iter().copied().collect()).contains(w)
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "al", "among", "an", "and", "ante", "at", "aux", "bajo", "by", "com", "con", "contra", "da", "das",
    "de", "del", "des", "desde", "do", "dos", "du", "e", "el", "em", "en", "entre", "et", "for", "from",
    "hacia", "hasta", "in", "into", "la", "las", "le", "les", "lo", "los", "na", "nas", "no", "nos", "o",
    "of", "on", "para", "pela", "pelo", "por", "pour", "sans", "segun", "sem", "sin", "sobre", "sur", "the",
    "to", "tras", "u", "with", "without", "y",
];

/// Words that many unrelated groups share ("Casa del Migrante", "Red",
/// "Centro"). A small roster cannot tell they are common, so they start as
/// if a few percent of signers used them.
pub fn is_generic(stem: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| GENERIC.iter().copied().collect()).contains(stem)
}

const GENERIC: &[&str] = &[
    "albergue",
    "alianza",
    "alliance",
    "apoyo",
    "asociacion",
    "association",
    "casa",
    "center",
    "centre",
    "centro",
    "civil",
    "coalicion",
    "coalition",
    "colectivo",
    "collective",
    "comision",
    "comite",
    "commission",
    "committee",
    "community",
    "comunidad",
    "consejo",
    "council",
    "defensa",
    "defense",
    "derecho",
    "estudio",
    "federacion",
    "federation",
    "foro",
    "forum",
    "foundation",
    "fundacion",
    "group",
    "grupo",
    "house",
    "human",
    "humana",
    "humano",
    "immigrant",
    "immigration",
    "iniciativa",
    "initiative",
    "inmigrante",
    "institute",
    "instituto",
    "internacional",
    "international",
    "justice",
    "justicia",
    "migracion",
    "migrant",
    "migrante",
    "migration",
    "migratoria",
    "migratorio",
    "movement",
    "movimiento",
    "mujer",
    "nacional",
    "national",
    "network",
    "office",
    "oficina",
    "organismo",
    "organizacion",
    "organization",
    "pastoral",
    "people",
    "persona",
    "program",
    "programa",
    "programme",
    "project",
    "proyecto",
    "red",
    "refugee",
    "refugiada",
    "refugiado",
    "right",
    "service",
    "servicio",
    "shelter",
    "social",
    "sociedad",
    "study",
    "support",
    "union",
    "universidad",
    "university",
    "women",
];

/// Titles and honorifics written before a person's name.
pub fn is_title(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| TITLES.iter().copied().collect()).contains(w)
}

const TITLES: &[&str] = &[
    "arq",
    "bishop",
    "br",
    "brother",
    "doctor",
    "doctora",
    "don",
    "dona",
    "dr",
    "dra",
    "father",
    "fr",
    "fray",
    "hermana",
    "hermano",
    "hna",
    "hno",
    "ing",
    "lic",
    "licda",
    "licenciada",
    "licenciado",
    "madre",
    "maestra",
    "maestro",
    "miss",
    "mons",
    "monsenor",
    "mother",
    "mr",
    "mrs",
    "ms",
    "msgr",
    "mtra",
    "mtro",
    "mx",
    "obispo",
    "padre",
    "pastor",
    "pastora",
    "pbro",
    "prof",
    "profa",
    "profesor",
    "profesora",
    "rabbi",
    "rev",
    "revd",
    "reverend",
    "reverendo",
    "senor",
    "senora",
    "sister",
    "sor",
    "sr",
    "sra",
    "srta",
];

/// Degrees and religious orders written after a person's name.
pub fn is_post_nominal(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| POST_NOMINALS.iter().copied().collect()).contains(w)
}

const POST_NOMINALS: &[&str] = &[
    "bvm", "cnd", "cp", "csc", "csj", "cssr", "dphil", "edd", "esq", "fsc", "ibvm", "ihm", "jd", "lcsw",
    "mba", "md", "mm", "mscs", "msw", "ocd", "ofm", "ofmcap", "op", "osb", "osf", "osu", "pbvm", "phd",
    "rscj", "rsm", "sc", "scj", "sj", "snd", "sndden", "sp", "ssnd",
];

/// Qualifiers that say how far a group reaches, not where it is: two entries
/// differing only in them are not told apart by them.
pub fn is_scope(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| SCOPES.iter().copied().collect()).contains(w)
}

const SCOPES: &[&str] =
    &["global", "internacional", "international", "local", "nacional", "national", "regional"];

/// Regions of the world, as a place qualifier may name them.
pub fn is_region(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| REGIONS.iter().copied().collect()).contains(w)
}

const REGIONS: &[&str] = &[
    "africa",
    "americas",
    "asia",
    "caribbean",
    "caribe",
    "centroamerica",
    "europa",
    "europe",
    "lac",
    "latinoamerica",
    "mesoamerica",
    "norteamerica",
    "sudamerica",
    "suramerica",
];

/// Country names in Spanish, Portuguese, French and English (the ISO short
/// names, from `isocountry`), folded, to their ISO 3166-1 alpha-2 code.
pub fn country(words: &str) -> Option<&'static str> {
    countries().get(words).copied()
}

fn countries() -> &'static FxHashMap<String, &'static str> {
    static TABLE: OnceLock<FxHashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: FxHashMap<String, &'static str> =
            isocountry::CountryCode::iter().map(|c| (fold(c.name()), c.alpha2())).collect();
        t.extend(LOCAL_NAMES.iter().map(|&(name, code)| (name.to_string(), code)));
        t
    })
}

/// Whether some country's name ends with this folded word: most names end
/// with none, and then no words ending with it need joining and looking up.
pub fn may_end_country(word: &str) -> bool {
    static LAST: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let last = LAST.get_or_init(|| countries().keys().filter_map(|name| name.rsplit(' ').next()).collect());
    last.contains(word)
}

/// Names the ISO list spells otherwise, for the countries signers come from most.
const LOCAL_NAMES: &[(&str, &str)] = &[
    ("mexique", "MX"),
    ("estados unidos", "US"),
    ("estados unidos de america", "US"),
    ("united states", "US"),
    ("usa", "US"),
    ("eeuu", "US"),
    ("eua", "US"),
    ("etats unis", "US"),
    ("brasil", "BR"),
    ("bresil", "BR"),
    ("espana", "ES"),
    ("espanha", "ES"),
    ("espagne", "ES"),
    ("republica dominicana", "DO"),
    ("dominican republic", "DO"),
    ("belice", "BZ"),
    ("venezuela", "VE"),
    ("bolivia", "BO"),
    ("canada", "CA"),
    ("francia", "FR"),
    ("alemania", "DE"),
    ("italia", "IT"),
    ("reino unido", "GB"),
    ("united kingdom", "GB"),
    ("suiza", "CH"),
    ("belgica", "BE"),
    ("paises bajos", "NL"),
    ("holanda", "NL"),
    ("suecia", "SE"),
    ("noruega", "NO"),
    ("dinamarca", "DK"),
    ("japon", "JP"),
    ("filipinas", "PH"),
    ("marruecos", "MA"),
];

/// Folds an ASCII-only list entry the way `normalize` folds names.
fn fold(name: &str) -> String {
    let words: Vec<String> = super::normalize::tokenize(name).into_iter().map(|t| t.text).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_and_unique() {
        for list in [FUNCTION_WORDS, GENERIC, TITLES, POST_NOMINALS, SCOPES, REGIONS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn country_endings_are_the_last_words_of_country_names() {
        for word in ["salvador", "mexico", "unidos", "guatemala"] {
            assert!(may_end_country(word), "{word}");
        }
        assert!(!may_end_country("migrante") && !may_end_country("el"));
        assert!(countries().keys().all(|name| may_end_country(name.rsplit(' ').next().unwrap_or(name))));
    }

    #[test]
    fn countries_in_several_languages() {
        assert_eq!(country("mexico"), Some("MX"));
        assert_eq!(country("ecuador"), Some("EC"));
        assert_eq!(country("estados unidos"), Some("US"));
        assert_eq!(country("haiti"), Some("HT"));
        assert_eq!(country("tijuana"), None);
    }
}
