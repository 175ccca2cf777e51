//! Civil-society vocabulary in Spanish and English, for names written in
//! the other language (`Centro de Derechos Humanos Fray Matías`, `Fray
//! Matías Human Rights Center`).
//!
//! Each word (folded, without plural ending, as `vocab::stem` leaves it)
//! stands for a concept, named by its English stem. Two names whose weighed
//! words are the same concepts, in any order (word order differs between the
//! languages), may be one name in two languages; a word the table lacks
//! (a proper name) must be the same in both. The table is curated, not
//! complete: a word missing from it only means a translation goes unseen.

use std::hash::Hasher;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHasher};

use super::lexicon::is_function_word;
use super::vocab::stem;

/// (concept, its words in English and Spanish), every word as `stem` leaves it.
const TERMS: &[(&str, &[&str])] = &[
    ("accion", &["action", "accion"]),
    ("affair", &["affair", "asunto"]),
    ("aid", &["aid", "ayuda"]),
    ("alliance", &["alliance", "alianza"]),
    ("amnesty", &["amnesty", "amnistia"]),
    ("association", &["association", "asociacion"]),
    ("border", &["border", "frontera", "fronteriza", "fronterizo"]),
    ("center", &["center", "centre", "centro"]),
    ("child", &["child", "children", "nino", "nina", "ninez", "infancia"]),
    ("church", &["church", "iglesia"]),
    ("clinic", &["clinic", "clinica"]),
    ("coalition", &["coalition", "coalicion"]),
    ("collective", &["collective", "colectivo", "colectiva"]),
    ("commission", &["commission", "comision"]),
    ("committee", &["committee", "comite"]),
    ("community", &["community", "communitie", "comunidad", "comunitario", "comunitaria"]),
    ("council", &["council", "consejo"]),
    ("defense", &["defense", "defence", "defensa", "defender", "defensor", "defensora"]),
    ("development", &["development", "desarrollo"]),
    ("dignity", &["dignity", "dignidad"]),
    ("education", &["education", "educacion"]),
    ("family", &["family", "familie", "familia"]),
    ("farm", &["farm", "agricola"]),
    ("federation", &["federation", "federacion"]),
    ("forum", &["forum", "foro"]),
    ("foundation", &["foundation", "fundacion"]),
    ("freedom", &["freedom", "libertad"]),
    ("health", &["health", "salud"]),
    ("home", &["home", "hogar"]),
    ("hope", &["hope", "esperanza"]),
    ("house", &["house", "casa"]),
    ("human", &["human", "humano", "humana"]),
    ("humanitarian", &["humanitarian", "humanitario", "humanitaria"]),
    ("indigenous", &["indigenous", "indigena"]),
    ("initiative", &["initiative", "iniciativa"]),
    ("institute", &["institute", "instituto"]),
    ("international", &["international", "internacional"]),
    ("jesuit", &["jesuit", "jesuita"]),
    ("justice", &["justice", "justicia"]),
    ("legal", &["legal", "juridico", "juridica"]),
    ("migrant", &["migrant", "migrante", "immigrant", "inmigrante"]),
    ("migration", &["migration", "migracion", "immigration", "inmigracion", "migratorio", "migratoria"]),
    ("mobility", &["mobility", "movilidad"]),
    ("movement", &["movement", "movimiento"]),
    ("national", &["national", "nacional"]),
    ("network", &["network", "red", "rede"]),
    ("north", &["north", "northern", "norte"]),
    ("office", &["office", "oficina"]),
    ("organization", &["organization", "organisation", "organizacion"]),
    ("pastoral", &["pastoral", "ministry", "ministerio"]),
    ("peace", &["peace", "paz"]),
    ("people", &["people", "pueblo"]),
    ("policy", &["policy", "politica"]),
    ("program", &["program", "programme", "programa"]),
    ("project", &["project", "proyecto"]),
    ("refugee", &["refugee", "refugiado", "refugiada"]),
    ("research", &["research", "investigacion"]),
    ("right", &["right", "derecho"]),
    ("service", &["service", "servicio"]),
    ("shelter", &["shelter", "albergue", "refugio"]),
    ("solidarity", &["solidarity", "solidaridad"]),
    ("study", &["study", "studie", "estudio"]),
    ("support", &["support", "apoyo"]),
    ("union", &["union"]),
    ("university", &["university", "universidad"]),
    ("women", &["women", "woman", "mujer"]),
    ("work", &["work", "trabajo"]),
    ("worker", &["worker", "trabajador", "trabajadora"]),
    ("youth", &["youth", "joven", "juventud"]),
];

/// The concept a folded word stands for, if the table has it.
pub fn concept(word: &str) -> Option<&'static str> {
    static BY_WORD: OnceLock<FxHashMap<&str, &str>> = OnceLock::new();
    let by_word = BY_WORD
        .get_or_init(|| TERMS.iter().flat_map(|(c, words)| words.iter().map(move |w| (*w, *c))).collect());
    by_word.get(stem(word)).copied()
}

/// The weighed words of a name (folded) as concepts in any order, hashed;
/// `None` when no word is in the table, as then only the name itself says
/// who it is.
pub fn key<'a>(words: impl Iterator<Item = &'a str>) -> Option<u64> {
    let mut any = false;
    let mut parts: Vec<&str> = words
        .filter(|w| !is_function_word(w))
        .map(|w| match concept(w) {
            Some(c) => {
                any = true;
                c
            }
            None => stem(w),
        })
        .collect();
    if !any {
        return None;
    }
    parts.sort_unstable();
    let mut h = FxHasher::default();
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0);
    }
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Option<u64> {
        let folded: Vec<String> =
            super::super::normalize::tokenize(name).into_iter().map(|t| t.text).collect();
        key(folded.iter().map(String::as_str))
    }

    #[test]
    fn the_table_is_sorted_each_word_once_and_stemmed() {
        assert!(TERMS.windows(2).all(|w| w[0].0 < w[1].0), "sorted by concept");
        let mut all: Vec<&str> = TERMS.iter().flat_map(|(_, w)| w.iter().copied()).collect();
        assert!(all.iter().all(|w| stem(w) == *w), "every word as `stem` leaves it");
        all.sort_unstable();
        assert!(all.windows(2).all(|w| w[0] != w[1]), "no word stands for two concepts");
        assert!(TERMS.len() >= 50);
    }

    #[test]
    fn one_name_in_two_languages_in_another_order() {
        assert_eq!(words("Centro de Derechos Humanos"), words("Human Rights Center"));
        assert_eq!(words("Red de Mujeres Migrantes"), words("Migrant Women's Network"));
        assert_eq!(words("Comité de Defensa de los Migrantes"), words("Migrant Defense Committee"));
        assert_ne!(words("Red de Mujeres Migrantes"), words("Migrant Women's Committee"));
        assert_ne!(words("Centro de Derechos Humanos Fray Matías"), words("Human Rights Center Miguel Pro"));
        assert_eq!(words("Fray Matías"), None, "no word of the table, no key");
    }
}
