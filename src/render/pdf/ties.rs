//! Spaces a line may not break at, so a number is never read apart from
//! what it counts: "5.1 million", "10 %", "3 de diciembre", "article 27 of".

/// Function words of up to this many letters, after a number, are tied to
/// the word after them too ("3 de diciembre", "10 of them").
const SHORT: usize = 3;

/// For each word, whether the space after it is tied to the next word.
pub fn ties<S: AsRef<str>>(words: &[S]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    for i in 0..words.len().saturating_sub(1) {
        let word = words[i].as_ref();
        out[i] = ends_in_number(word) || (i > 0 && out[i - 1] && is_short_word(word));
    }
    out
}

/// "5.1", "10", "(2024": ends in a digit; "2024," ends a clause, and is free.
fn ends_in_number(word: &str) -> bool {
    word.chars().last().is_some_and(|c| c.is_ascii_digit())
}

fn is_short_word(word: &str) -> bool {
    let count = word.chars().count();
    count <= SHORT && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tied(text: &str) -> String {
        let words: Vec<&str> = text.split(' ').collect();
        let ties = ties(&words);
        let mut out = String::new();
        for (word, tie) in words.iter().zip(ties) {
            out.push_str(word);
            out.push(if tie { '~' } else { ' ' });
        }
        out.trim_end().to_string()
    }

    #[test]
    fn numbers_keep_their_words() {
        assert_eq!(tied("unos 5.1 millones de personas"), "unos 5.1~millones de personas");
        assert_eq!(tied("about 10 % of them"), "about 10~% of them");
        assert_eq!(tied("el 3 de diciembre de 2024"), "el 3~de~diciembre de 2024");
        assert_eq!(tied("in 2024, the year"), "in 2024, the year");
        assert_eq!(tied("en 2024 y después"), "en 2024~y~después");
        assert_eq!(tied("sin números aquí"), "sin números aquí");
    }
}
