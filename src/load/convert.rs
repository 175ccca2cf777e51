//! Raw YAML structs to the model, checking each value on the way.
//!
//! Problems that belong to a single value (an empty name, a text missing a
//! language, a malformed URL) are found here, where the value's position is
//! still at hand. Problems between entries are `check`'s.

use std::collections::BTreeMap;

use super::raw::*;
use crate::diagnostic::Diagnostic;
use crate::model::*;

/// What conversion needs: the file being read, the letter's languages, and
/// where findings go.
pub struct Ctx<'a> {
    pub file: &'a Origin,
    pub langs: &'a [Lang],
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub fn at<T>(&self, s: &S<T>) -> Origin {
        Origin {
            file: self.file.file.clone(),
            line: (s.line as usize).max(1),
            column: (s.column as usize).max(1),
        }
    }

    /// A text in the letter's languages; `what` names it in findings.
    pub fn text(&mut self, raw: &S<RawText>, what: &str) -> Text {
        self.text_in(raw, what, true)
    }

    /// `every_lang`: whether a missing language is an error here.
    fn text_in(&mut self, raw: &S<RawText>, what: &str, every_lang: bool) -> Text {
        let at = self.at(raw);
        match &raw.value {
            RawText::Same(s) | RawText::All(s) => Text::Same(self.checked_str(s, &at, what)),
            RawText::PerLang(map) => Text::PerLang(self.per_lang(map, &at, what, every_lang)),
        }
    }

    /// A signer's name: a text that must also fit on one printed line.
    pub fn name(&mut self, raw: &S<RawText>) -> Text {
        let text = self.text(raw, "name");
        if let Some(problem) = text.variants().find_map(NameProblem::of) {
            let at = self.at(raw);
            self.diags.push(
                Diagnostic::error("invalid-name", &at, format!("`name` {}", problem.message()))
                    .with_hint(problem.hint()),
            );
        }
        text
    }

    /// A text that may leave some languages to a default (a label).
    pub fn partial_text(&mut self, raw: &S<RawText>, what: &str) -> Text {
        self.text_in(raw, what, false)
    }

    /// A text a reader of each language expects in their language (a
    /// paragraph, a role): one plain string is printed untranslated in every
    /// edition, so it is a warning naming the text. `{all: …}` says the
    /// sameness is meant (a name).
    pub fn translatable(&mut self, raw: &S<RawText>, what: &str) {
        let RawText::Same(text) = &raw.value else { return };
        if self.langs.len() < 2 {
            return;
        }
        let shown: String = text.trim().chars().take(60).collect();
        let more = if shown.len() < text.trim().len() { "…" } else { "" };
        let at = self.at(raw);
        let langs = lang_list(self.langs);
        self.diags.push(
            Diagnostic::warning(
                "untranslated",
                &at,
                format!("`{what}` is the same text in every language: “{shown}{more}”"),
            )
            .with_hint(format!(
                "write it in each of the letter's languages ({langs}), e.g. `{{{}: …}}`; a name that stays the same in every language is written `{{all: …}}`",
                self.langs.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(": …, ")
            )),
        );
    }

    pub fn opt_text(&mut self, raw: &Option<S<RawText>>, what: &str) -> Option<Text> {
        raw.as_ref().map(|r| self.text(r, what))
    }

    fn per_lang(
        &mut self,
        map: &BTreeMap<String, String>,
        at: &Origin,
        what: &str,
        every_lang: bool,
    ) -> BTreeMap<Lang, String> {
        let mut out = BTreeMap::new();
        for (code, text) in map {
            if code == ALL {
                self.diags.push(
                    Diagnostic::error("mixed-all", at, format!("`{what}` has `all` beside other languages"))
                        .with_hint("`all: …` is one text for every language: keep it alone, or delete it"),
                );
                continue;
            }
            let Some(lang) = Lang::parse(code) else {
                self.diags.push(
                    Diagnostic::error(
                        "unknown-language",
                        at,
                        format!("`{code}` in `{what}` is not a language code"),
                    )
                    .with_hint("use a language code such as `es` or `en`"),
                );
                continue;
            };
            if !self.langs.contains(&lang) {
                self.diags.push(
                    Diagnostic::warning(
                        "undeclared-language",
                        at,
                        format!("`{what}` has a `{code}` text but the letter is not written in `{code}`"),
                    )
                    .with_hint(format!("add `{code}` to the letter's `languages`, or delete this text")),
                );
            }
            let text = self.checked_str(text, at, &format!("{what} ({code})"));
            out.insert(lang, text);
        }
        // `all` beside other languages is one mistake, reported above.
        let every_lang = every_lang && !map.contains_key(ALL);
        for lang in self.langs.iter().filter(|_| every_lang) {
            if !out.contains_key(lang) {
                self.diags.push(
                    Diagnostic::error("missing-translation", at, format!("`{what}` has no `{lang}` text"))
                        .with_hint(format!(
                            "add `{lang}: …` to this text (the letter's languages are {})",
                            lang_list(self.langs)
                        )),
                );
            }
        }
        out
    }

    /// A single-language value such as an acronym or a city.
    pub fn string(&mut self, raw: &S<String>, what: &str) -> String {
        let at = self.at(raw);
        self.checked_str(&raw.value, &at, what)
    }

    pub fn opt_string(&mut self, raw: Option<&S<String>>, what: &str) -> Option<String> {
        raw.map(|r| self.string(r, what))
    }

    /// Trims the text and reports emptiness and stray spaces.
    ///
    /// One trailing newline is what a YAML block scalar (`>`, `|`) ends with,
    /// so it is dropped silently; spaces an organizer typed are reported.
    fn checked_str(&mut self, s: &str, at: &Origin, what: &str) -> String {
        let written = s.strip_suffix('\n').unwrap_or(s);
        let trimmed = written.trim();
        if trimmed.is_empty() {
            self.diags.push(
                Diagnostic::error("empty-text", at, format!("`{what}` is empty"))
                    .with_hint("write the text, or delete the key if it is optional"),
            );
        } else if trimmed.len() != written.len() {
            self.diags.push(
                Diagnostic::warning("padded-text", at, format!("`{what}` starts or ends with spaces"))
                    .with_hint("delete the spaces around the text"),
            );
        }
        if let Some(c) = trimmed.chars().find(|&c| is_invisible(c)) {
            self.diags.push(
                Diagnostic::warning("invisible-character", at, format!("`{what}` holds an invisible character U+{:04X}", c as u32))
                    .with_hint("delete it unless the script needs it: invisible and direction-changing characters can make two names look alike or reorder the text around them"),
            );
        }
        trimmed.to_string()
    }

    /// An ISO 3166-1 alpha-2 code, upper-cased; or a region that is no one
    /// country ("Regional", "Centroamérica"), kept as written with a note.
    /// A country written by name is an error that gives its code, so one
    /// country is not counted under two spellings.
    pub fn country(&mut self, raw: &Option<S<String>>) -> Option<String> {
        let raw = raw.as_ref()?;
        let written = self.string(raw, "country");
        let code = written.to_uppercase();
        if isocountry::CountryCode::for_alpha2(&code).is_ok() {
            return Some(code);
        }
        let named =
            crate::sign::country::code(&written).and_then(|c| isocountry::CountryCode::for_alpha2(c).ok());
        let at = self.at(raw);
        if named.is_none() && written.chars().count() > 3 {
            self.diags.push(
                Diagnostic::note(
                    "country-region",
                    &at,
                    format!("`{written}` is not a country code: shown as written, a region"),
                )
                .with_hint("if it is one country, write its two-letter ISO 3166-1 code, e.g. `MX`"),
            );
            return Some(written);
        }
        let hint = match named {
            Some(c) => format!("write the two-letter code: `{}` for {}", c.alpha2(), c.name()),
            None => "write the two-letter ISO 3166-1 code, e.g. `MX` for Mexico, `US` for the United States"
                .into(),
        };
        self.diags.push(
            Diagnostic::error("invalid-country", &at, format!("`{}` is not a country code", raw.value))
                .with_hint(hint),
        );
        None
    }

    /// A web address that a reader's browser can open.
    pub fn website(&mut self, raw: &Rare<String>) -> Option<String> {
        let raw = raw.as_deref()?;
        let text = self.string(raw, "website");
        match url::Url::parse(&text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Some(text),
            _ => {
                let at = self.at(raw);
                self.diags.push(
                    Diagnostic::error("invalid-url", &at, format!("`{text}` is not a web address"))
                        .with_hint(format!(
                            "write the full address, e.g. `https://{}`",
                            text.trim_start_matches("www.")
                        )),
                );
                None
            }
        }
    }

    pub fn private(&mut self, email: &Rare<String>, phone: &Rare<String>, notes: &Rare<String>) -> Private {
        Private {
            email: self.opt_string(email.as_deref(), "email"),
            phone: self.opt_string(phone.as_deref(), "phone"),
            notes: self.opt_string(notes.as_deref(), "notes"),
            authorized_by: None,
        }
    }

    /// Who authorized an organization's signature, and when.
    pub fn authorization(&mut self, raw: &Rare<RawAuthorization>) -> Option<Authorization> {
        let raw = &raw.as_deref()?.value;
        Some(Authorization {
            name: self.string(&raw.name, "authorized_by.name"),
            date: raw.date.as_ref().map(|d| self.date(d)),
        })
    }

    /// `display:`; an unknown level is an error (and the entry shows in
    /// full, as if the key were absent).
    pub fn display(&mut self, raw: &Rare<String>) -> Display {
        let Some(raw) = raw.as_deref() else { return Display::default() };
        self.choice(raw, "display", &Display::ALL).unwrap_or_default()
    }

    /// One of a setting's words; an error with "did you mean" otherwise.
    pub fn choice<T: Copy>(
        &mut self,
        raw: &S<String>,
        what: &str,
        choices: &[(T, &'static str)],
    ) -> Option<T> {
        let written = raw.value.trim();
        if let Some((value, _)) = choices.iter().find(|(_, key)| *key == written) {
            return Some(*value);
        }
        let words: Vec<&str> = choices.iter().map(|(_, key)| *key).collect();
        let hint = match super::did_you_mean(written, words.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? `{what}` is one of: {}", words.join(", ")),
            None => format!("`{what}` is one of: {}", words.join(", ")),
        };
        let at = self.at(raw);
        self.diags.push(
            Diagnostic::error("invalid-value", &at, format!("`{written}` is not a `{what}`")).with_hint(hint),
        );
        None
    }

    /// A name's sorting form: a text like the name, in any of its languages.
    pub fn sort_as(&mut self, raw: &Rare<RawText>) -> Option<Text> {
        raw.as_deref().map(|r| self.partial_text(r, "sort_as"))
    }

    /// The letter's `sort:` settings; a wrong word keeps that setting's default.
    pub fn sort_order(&mut self, raw: &Option<S<RawSort>>) -> SortOrder {
        let Some(raw) = raw.as_ref() else { return SortOrder::default() };
        let r = &raw.value;
        SortOrder {
            articles: r
                .articles
                .as_ref()
                .and_then(|a| self.choice(a, "sort.articles", &Articles::ALL))
                .unwrap_or_default(),
            people: r
                .people
                .as_ref()
                .and_then(|p| self.choice(p, "sort.people", &PeopleOrder::ALL))
                .unwrap_or_default(),
        }
    }

    /// When and why a signer withdrew; the date must exist.
    pub fn withdrawal(&mut self, raw: &Rare<RawWithdrawal>) -> Option<Withdrawal> {
        let raw = raw.as_deref()?;
        Some(Withdrawal {
            date: self.date(&raw.value.date),
            reason: self.opt_string(raw.value.reason.as_ref(), "reason"),
            requested_by: None,
            recorded_by: None,
            origin: self.at(raw),
            inline: true,
        })
    }

    /// A stable identifier: lower-case letters, digits and single hyphens.
    ///
    /// Ids become file names and HTML anchors, so nothing else is allowed.
    pub fn slug(&mut self, raw: &S<String>, what: &str) -> String {
        let id = raw.value.clone();
        if !is_slug(&id) {
            let at = self.at(raw);
            self.diags.push(
                Diagnostic::error("invalid-id", &at, format!("`{id}` is not a valid {what}")).with_hint(
                    "use lower-case letters, digits and single hyphens, e.g. `consular-protection`",
                ),
            );
        }
        id
    }

    pub fn date(&mut self, raw: &S<String>) -> Date {
        parse_date(&raw.value).unwrap_or_else(|| {
            let at = self.at(raw);
            self.diags.push(
                Diagnostic::error("invalid-date", &at, format!("`{}` is not a date", raw.value))
                    .with_hint("write the date as YYYY-MM-DD, e.g. 2024-12-02"),
            );
            Date { year: 1970, month: 1, day: 1 }
        })
    }
}

/// Zero-width and bidirectional control characters: Unicode's own lists.
/// Below U+0300 only the soft hyphen is one, which spares the lookups for
/// almost every character of a Spanish or English roster.
fn is_invisible(c: char) -> bool {
    if c < '\u{300}' {
        return c == '\u{ad}';
    }
    invisible_per_unicode(c)
}

fn invisible_per_unicode(c: char) -> bool {
    use icu_properties::CodePointSetData;
    use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
    CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || CodePointSetData::new::<BidiControl>().contains(c)
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

pub fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = Date { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
    icu_calendar::Date::try_new_iso(date.year, date.month, date.day).ok()?;
    Some(date)
}

pub fn lang_list(langs: &[Lang]) -> String {
    langs.iter().map(Lang::as_str).collect::<Vec<_>>().join(", ")
}

pub fn organization(ctx: &mut Ctx, raw: &S<RawOrganization>) -> Organization {
    let r = &raw.value;
    Organization {
        name: ctx.name(&r.name),
        acronym: ctx.opt_string(r.acronym.as_ref(), "acronym"),
        country: ctx.country(&r.country),
        city: ctx.opt_string(r.city.as_deref(), "city"),
        website: ctx.website(&r.website),
        display: ctx.display(&r.display),
        sort_as: ctx.sort_as(&r.sort_as),
        private: Private {
            authorized_by: ctx.authorization(&r.authorized_by),
            ..ctx.private(&r.email, &r.phone, &r.notes)
        },
        withdrawn: ctx.withdrawal(&r.withdrawn),
        origin: ctx.at(raw),
    }
}

pub fn individual(ctx: &mut Ctx, raw: &S<RawIndividual>) -> Individual {
    let r = &raw.value;
    Individual {
        name: ctx.name(&r.name),
        affiliation: ctx.opt_text(&r.affiliation, "affiliation"),
        role: r.role.as_ref().map(|role| {
            ctx.translatable(role, "role");
            ctx.text(role, "role")
        }),
        country: ctx.country(&r.country),
        display: ctx.display(&r.display),
        sort_as: ctx.sort_as(&r.sort_as),
        private: ctx.private(&r.email, &r.phone, &r.notes),
        withdrawn: ctx.withdrawal(&r.withdrawn),
        origin: ctx.at(raw),
    }
}

pub fn network(ctx: &mut Ctx, raw: &S<RawNetwork>) -> Network {
    let r = &raw.value;
    Network {
        name: ctx.name(&r.name),
        acronym: ctx.opt_string(r.acronym.as_ref(), "acronym"),
        country: ctx.country(&r.country),
        website: ctx.website(&r.website),
        members: Members {
            organizations: r.members.organizations.iter().flatten().map(|o| organization(ctx, o)).collect(),
            people: r.members.people.iter().flatten().map(|p| individual(ctx, p)).collect(),
        },
        display: ctx.display(&r.display),
        sort_as: ctx.sort_as(&r.sort_as),
        private: Private {
            authorized_by: ctx.authorization(&r.authorized_by),
            ..ctx.private(&r.email, &r.phone, &r.notes)
        },
        withdrawn: ctx.withdrawal(&r.withdrawn),
        origin: ctx.at(raw),
    }
}

pub fn demand(ctx: &mut Ctx, raw: &S<RawDemand>) -> Demand {
    let r = &raw.value;
    Demand {
        id: ctx.slug(&r.id, "demand id"),
        lead: ctx.text(&r.lead, "lead"),
        body: ctx.text(&r.body, "body"),
        origin: ctx.at(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2024-12-02"), Some(Date { year: 2024, month: 12, day: 2 }));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("2/12/2024"), None);
        assert_eq!(parse_date("2024-1-2"), None);
    }

    #[test]
    fn the_shortcut_for_invisible_characters_agrees_with_unicode() {
        for c in ('\0'..'\u{300}').chain(['\u{200b}', '\u{202e}', '\u{2066}', 'ñ', '李']) {
            assert_eq!(is_invisible(c), invisible_per_unicode(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert!(is_slug("consular-protection"));
        assert!(is_slug("demand-2"));
        for bad in ["", "../../x", "Upper", "a--b", "-a", "a b", "a/b", "ñu"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
