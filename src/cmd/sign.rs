//! `letter sign`: one signer in, at its sorted place, unless already in.

use anyhow::{Context, Result};

use super::Outcome;
use super::prompt::Prompter;
use crate::cli::{FieldArgs, SignArgs};
use crate::issue_form::{self, FormKind};
use crate::load;
use crate::model::Action;
use crate::sign::batch::Batch;
use crate::sign::duplicates::{Hit, Verdict};
use crate::sign::record::Note;
use crate::sign::signup::{self, Draft, Field, Kind, Signup};
use crate::sign::{self, withdraw};

pub fn run(args: &SignArgs) -> Result<Outcome> {
    if let Some(file) = &args.from_issue {
        return run(&from_issue(args, file)?);
    }
    let (kind, name) = kind_and_name(args);
    let prompter = Prompter::new(args.yes);
    let mut draft = Draft { name, member_of: args.member_of.clone(), values: values(&args.fields) };
    if prompter.interactive {
        if let Some(hit) = already_in(args, &draft, kind)? {
            refuse_duplicate(kind, &draft.name, &hit);
            return Ok(Outcome::Findings);
        }
        ask_missing(&prompter, &mut draft, kind)?;
    }
    let signup = match signup::check(&draft, kind) {
        Ok(s) => s,
        Err(errors) => {
            errors.iter().for_each(|e| eprintln!("error: {e}"));
            return Ok(Outcome::Findings);
        }
    };
    let session = sign::open(&args.path, true)?;
    let mut batch = Batch::new(&session.loaded.project);
    let Some(done) = decide(&mut batch, &signup, args, &prompter)? else { return Ok(Outcome::Findings) };
    // Said only once the change is on disk: a full disk is an error, not
    // "added" followed by one.
    batch.write()?;
    say!("{done}")?;
    warn_one_language_role(args.fields.role.as_deref(), &session.loaded.project);
    Ok(Outcome::Success)
}

/// A role is translatable, and `--role` gives it in one language only: the
/// other editions would print it as written. `check` says so too.
fn warn_one_language_role(role: Option<&str>, project: &load::Project) {
    let (Some(role), Some(letter)) = (role, project.letter.as_ref()) else { return };
    let [first, others @ ..] = letter.languages.as_slice() else { return };
    if others.is_empty() {
        return;
    }
    let rest: String = others.iter().map(|l| format!(", {l}: …")).collect();
    eprintln!(
        "warning: the role `{role}` is in one language; the {} edition shows it as written\n  hint: edit it in the roster to `{{{first}: {role}{rest}}}`",
        others.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
    );
}

/// Adds or restores, returning what to say once it is written, or refuses,
/// saying why.
fn decide(
    batch: &mut Batch,
    signup: &Signup,
    args: &SignArgs,
    prompter: &Prompter,
) -> Result<Option<String>> {
    let what = format!("{} `{}`", signup.kind.word(), signup.name);
    match batch.assess(signup)? {
        Verdict::Duplicate(hit) => {
            refuse_duplicate(signup.kind, &signup.name, &hit);
            return Ok(None);
        }
        Verdict::Restore(hit) => {
            let at = hit.entry.as_ref().context("a withdrawn entry is on disk")?;
            let placed = batch.record(Action::SignedAgain, *at, withdraw::today(), &Note::default())?;
            let since = hit.withdrawn.map(|d| format!(" on {d}")).unwrap_or_default();
            return Ok(Some(format!(
                "{what} signs again: it withdrew{since}; recorded at {placed}, where the withdrawal stays on record (no second entry added)"
            )));
        }
        Verdict::Review(hits) => {
            show(&hits, "may already sign as");
            if !args.force && !prompter.confirm("Add it as a different signer?")? {
                eprintln!(
                    "not added: {what} may be a signer already in the roster\n  hint: if it is a different signer, run again with --force"
                );
                return Ok(None);
            }
        }
        Verdict::New { possible } => show(&possible, "note: compare with"),
    }
    let placed = batch.add(signup, "the command line")?;
    Ok(Some(format!("added {what} to {placed}")))
}

fn refuse_duplicate(kind: Kind, name: &str, hit: &Hit) {
    eprintln!(
        "error: {} `{name}` already signs: {} in {}\n  hint: nothing to add",
        kind.word(),
        hit.place,
        hit.list
    );
}

/// Before asking for fields: is this signer in already? Checked again under
/// the lock before anything is written.
fn already_in(args: &SignArgs, draft: &Draft, kind: Kind) -> Result<Option<Hit>> {
    let Ok(signup) = signup::check(draft, kind) else { return Ok(None) };
    let loaded = load::load(&args.path)?;
    match Batch::new(&loaded.project).assess(&signup) {
        Ok(Verdict::Duplicate(hit)) => Ok(Some(hit)),
        _ => Ok(None),
    }
}

fn show(hits: &[Hit], lead: &str) {
    for h in hits {
        let withdrawn = h.withdrawn.map(|d| format!(", withdrawn on {d}")).unwrap_or_default();
        let kind = h.kind.word();
        eprintln!("{lead} `{}` at {} in {} ({kind} match: {}{withdrawn})", h.name, h.place, h.list, h.reason);
    }
}

fn kind_and_name(args: &SignArgs) -> (Kind, String) {
    let given =
        [(Kind::Organization, &args.org), (Kind::Person, &args.person), (Kind::Network, &args.network)];
    given
        .into_iter()
        .find_map(|(k, n)| n.clone().map(|n| (k, n)))
        .unwrap_or((Kind::Organization, String::new()))
}

/// The same signing as the flags would ask for, never interactive and never
/// forced: a likely duplicate is held for a person to look at.
fn from_issue(args: &SignArgs, file: &std::path::Path) -> Result<SignArgs> {
    let body = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read the issue body", file.display()))?;
    let r = issue_form::parse(file.to_path_buf(), &body)?;
    let name = Some(r.name);
    let person = r.kind == Some(FormKind::Person);
    Ok(SignArgs {
        path: args.path.clone(),
        org: if person { None } else { name.clone() },
        person: if person { name } else { None },
        network: None,
        member_of: if r.kind == Some(FormKind::NetworkMember) { r.network } else { None },
        from_issue: None,
        fields: FieldArgs {
            acronym: r.acronym,
            country: r.country,
            city: r.city,
            website: r.website,
            affiliation: r.affiliation,
            role: r.role,
            email: None,
            phone: None,
            notes: None,
            display: None,
            sort_as: None,
            authorized_by: None,
            authorized_on: None,
        },
        yes: true,
        force: false,
    })
}

fn values(f: &FieldArgs) -> Vec<(Field, String)> {
    let all = [
        (Field::Acronym, &f.acronym),
        (Field::Role, &f.role),
        (Field::Affiliation, &f.affiliation),
        (Field::Country, &f.country),
        (Field::City, &f.city),
        (Field::Website, &f.website),
        (Field::Email, &f.email),
        (Field::Phone, &f.phone),
        (Field::Notes, &f.notes),
        (Field::Display, &f.display),
        (Field::SortAs, &f.sort_as),
        (Field::AuthorizedBy, &f.authorized_by),
        (Field::AuthorizedOn, &f.authorized_on),
    ];
    all.into_iter().filter_map(|(field, v)| v.clone().map(|v| (field, v))).collect()
}

/// Asks for each field the kind has and the flags left out; Enter skips.
/// Notes, a sorting form and an authorization are rare: flags only.
fn ask_missing(prompter: &Prompter, draft: &mut Draft, kind: Kind) -> Result<()> {
    let rare = [Field::Notes, Field::SortAs, Field::AuthorizedBy, Field::AuthorizedOn];
    for &field in kind.fields().iter().filter(|f| !rare.contains(f)) {
        if draft.get(field).is_some() {
            continue;
        }
        loop {
            let answer = prompter.ask(&format!("{} (Enter to skip)", field.key()))?;
            match signup::value(field, &answer) {
                Ok(_) => {
                    draft.set(field, answer);
                    break;
                }
                Err(e) => eprintln!("{e}"),
            }
        }
    }
    Ok(())
}
