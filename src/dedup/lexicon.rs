//! The words that are not part of a signer's name, and the ones that say little.
//!
//! Unicode knows accents and punctuation; it does not know that `A.C.` is a
//! legal form, `Dra.` a title or `Ecuador` a country. Those are the domain's,
//! written here once, folded the way `normalize` folds names (no accents,
//! lower case, `A.C.` as `ac` and `A. C.` as `a c`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// A legal form: its words, and whether it may stand anywhere in a name.
pub struct LegalForm {
    pub words: &'static str,
    /// An abbreviation that is never an ordinary word may be dropped wherever
    /// it stands (`Dignidad y Justicia en el Camino A.C. FM4, Paso Libre`); a
    /// spelled-out one (`Asociación Civil`) only at the end of the name.
    pub anywhere: bool,
    /// Also a word or a place (`SC` is South Carolina, `SA` a country code):
    /// a legal form only when written with full stops (`S.C.`).
    pub needs_dots: bool,
}

const fn form(words: &'static str, anywhere: bool, needs_dots: bool) -> LegalForm {
    LegalForm { words, anywhere, needs_dots }
}

/// Mexican, Latin American, US, British and European legal forms.
pub const LEGAL_FORMS: &[LegalForm] = &[
    form("institucion de asistencia privada", false, false),
    form("institucion de beneficencia privada", false, false),
    form("asociacion de beneficencia privada", false, false),
    form("s a de c v", true, false),
    form("s de rl de cv", true, false),
    form("sapi de cv", true, false),
    form("sa de cv", true, false),
    form("s de rl", true, false),
    form("asociacion civil", false, false),
    form("sociedad civil", false, false),
    form("sociedad anonima", false, false),
    form("eingetragener verein", false, false),
    form("a b p", true, false),
    form("i a p", true, false),
    form("i b p", true, false),
    form("l l c", true, false),
    form("a c", true, false),
    form("a r", true, false),
    form("e v", true, false),
    form("s c", true, false),
    form("abp", true, false),
    form("iap", true, false),
    form("ibp", true, false),
    form("llc", true, false),
    form("ltd", true, false),
    form("ltda", true, false),
    form("gmbh", true, false),
    form("ggmbh", true, false),
    form("asbl", true, false),
    form("inc", true, false),
    form("incorporated", false, false),
    form("limited", false, false),
    form("ac", true, false),
    form("ar", true, true),
    form("ev", true, true),
    form("sa", true, true),
    form("sas", true, true),
    form("sc", true, true),
    form("plc", true, false),
];

/// Articles, prepositions and conjunctions in Spanish, English, Portuguese and
/// French: they tie a name together but do not tell two names apart.
pub fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "al"
            | "con"
            | "de"
            | "del"
            | "e"
            | "el"
            | "en"
            | "la"
            | "las"
            | "lo"
            | "los"
            | "para"
            | "por"
            | "sobre"
            | "y"
            | "u"
            | "o"
            | "the"
            | "of"
            | "for"
            | "and"
            | "in"
            | "on"
            | "at"
            | "to"
            | "an"
            | "by"
            | "da"
            | "das"
            | "do"
            | "dos"
            | "no"
            | "na"
            | "nas"
            | "nos"
            | "em"
            | "com"
            | "pelo"
            | "pela"
            | "et"
            | "des"
            | "du"
            | "le"
            | "les"
            | "pour"
            | "sur"
            | "aux"
    )
}

/// Words that many unrelated groups share ("Casa del Migrante", "Red",
/// "Centro"). A small roster cannot tell they are common, so they start as
/// if a few percent of signers used them.
pub fn is_generic(stem: &str) -> bool {
    matches!(
        stem,
        "asociacion"
            | "association"
            | "casa"
            | "house"
            | "centro"
            | "center"
            | "centre"
            | "red"
            | "network"
            | "fundacion"
            | "foundation"
            | "instituto"
            | "institute"
            | "comite"
            | "committee"
            | "comision"
            | "commission"
            | "coalicion"
            | "coalition"
            | "organizacion"
            | "organization"
            | "organismo"
            | "programa"
            | "program"
            | "programme"
            | "proyecto"
            | "project"
            | "servicio"
            | "service"
            | "grupo"
            | "group"
            | "colectivo"
            | "collective"
            | "alianza"
            | "alliance"
            | "movimiento"
            | "movement"
            | "union"
            | "federacion"
            | "federation"
            | "consejo"
            | "council"
            | "oficina"
            | "office"
            | "iniciativa"
            | "initiative"
            | "foro"
            | "forum"
            | "albergue"
            | "shelter"
            | "migrante"
            | "migrant"
            | "migracion"
            | "migration"
            | "migratorio"
            | "migratoria"
            | "inmigrante"
            | "immigrant"
            | "immigration"
            | "refugiado"
            | "refugee"
            | "refugiada"
            | "derecho"
            | "right"
            | "humano"
            | "humana"
            | "human"
            | "nacional"
            | "national"
            | "internacional"
            | "international"
            | "social"
            | "sociedad"
            | "civil"
            | "justicia"
            | "justice"
            | "apoyo"
            | "support"
            | "defensa"
            | "defense"
            | "persona"
            | "people"
            | "mujer"
            | "women"
            | "comunidad"
            | "community"
            | "pastoral"
            | "universidad"
            | "university"
            | "estudio"
            | "study"
    )
}

/// Titles and honorifics written before a person's name.
pub fn is_title(w: &str) -> bool {
    matches!(
        w,
        "dr" | "dra"
            | "doctor"
            | "doctora"
            | "lic"
            | "licda"
            | "licenciado"
            | "licenciada"
            | "mtro"
            | "mtra"
            | "maestro"
            | "maestra"
            | "ing"
            | "arq"
            | "prof"
            | "profa"
            | "profesor"
            | "profesora"
            | "sr"
            | "sra"
            | "srta"
            | "senor"
            | "senora"
            | "don"
            | "dona"
            | "sor"
            | "sister"
            | "hna"
            | "hno"
            | "hermana"
            | "hermano"
            | "padre"
            | "madre"
            | "fray"
            | "pbro"
            | "rev"
            | "revd"
            | "reverend"
            | "reverendo"
            | "fr"
            | "father"
            | "mother"
            | "brother"
            | "br"
            | "mr"
            | "mrs"
            | "ms"
            | "mx"
            | "miss"
            | "msgr"
            | "mons"
            | "monsenor"
            | "obispo"
            | "bishop"
            | "pastor"
            | "pastora"
            | "rabbi"
    )
}

/// Degrees and religious orders written after a person's name.
pub fn is_post_nominal(w: &str) -> bool {
    matches!(
        w,
        "phd"
            | "md"
            | "jd"
            | "edd"
            | "dphil"
            | "mba"
            | "msw"
            | "lcsw"
            | "esq"
            | "pbvm"
            | "osf"
            | "sj"
            | "op"
            | "ofm"
            | "ofmcap"
            | "csj"
            | "rscj"
            | "ibvm"
            | "ssnd"
            | "snd"
            | "sndden"
            | "osb"
            | "cssr"
            | "mm"
            | "scj"
            | "fsc"
            | "cnd"
            | "ihm"
            | "bvm"
            | "csc"
            | "ocd"
            | "osu"
            | "rsm"
            | "sc"
            | "cp"
            | "sp"
            | "mscs"
    )
}

/// Qualifiers that say how far a group reaches, not where it is: two entries
/// differing only in them are not told apart by them.
pub fn is_scope(w: &str) -> bool {
    matches!(w, "regional" | "global" | "internacional" | "international" | "nacional" | "national" | "local")
}

/// Regions of the world, as a place qualifier may name them.
pub fn is_region(w: &str) -> bool {
    matches!(
        w,
        "latinoamerica"
            | "centroamerica"
            | "norteamerica"
            | "sudamerica"
            | "suramerica"
            | "mesoamerica"
            | "caribe"
            | "caribbean"
            | "europa"
            | "europe"
            | "africa"
            | "asia"
            | "lac"
            | "americas"
    )
}

/// Country names in Spanish, Portuguese, French and English (the ISO short
/// names, from `isocountry`), folded, to their ISO 3166-1 alpha-2 code.
pub fn country(words: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: HashMap<String, &'static str> =
            isocountry::CountryCode::iter().map(|c| (fold(c.name()), c.alpha2())).collect();
        t.extend(LOCAL_NAMES.iter().map(|&(name, code)| (name.to_string(), code)));
        t
    });
    table.get(words).copied()
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
    fn countries_in_several_languages() {
        assert_eq!(country("mexico"), Some("MX"));
        assert_eq!(country("ecuador"), Some("EC"));
        assert_eq!(country("estados unidos"), Some("US"));
        assert_eq!(country("haiti"), Some("HT"));
        assert_eq!(country("tijuana"), None);
    }
}
