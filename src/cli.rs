//! The command line, as clap types. Doc comments are the help text.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "letter",
    version,
    about = "Sign-on letters: check the signers, build the letter in every language"
)]
pub struct Cli {
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// How much to print, and whether in colour.
#[derive(Debug, Clone, Copy, Args)]
pub struct OutputArgs {
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: duplicate findings in full, timings
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colour and source excerpts in findings [default: auto, off when not a terminal or NO_COLOR is set]
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, hide_default_value = true)]
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the letter and its rosters; exit 1 if there is an error
    Check(CheckArgs),
    /// Check, then render the letter in each language and format
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1 and rebuild on every save; open pages reload
    Serve(ServeArgs),
    /// Start a new letter: its folders, rosters, templates and CI workflow
    Init(InitArgs),
    /// Work with the default templates
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Print a shell completion script, e.g. `letter completions bash > ~/.local/share/bash-completion/completions/letter`
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff), e.g. `letter man > letter.1`, `letter man check`, or write them all with --dir
    Man(ManArgs),
    /// Add a signer at its sorted place in the roster, refusing duplicates
    Sign(Box<SignArgs>),
    /// Withdraw a signer everywhere it signs: a line in history.yaml, the entries stay
    Withdraw(WithdrawArgs),
    /// Show the record of withdrawals and signings-again, of everyone or of one signer
    History(HistoryArgs),
    /// Add the signers of a form export (CSV or TSV); shows the changes unless --write
    Import(ImportArgs),
    /// Write the signatories as a table (CSV or JSON), for delivery and for websites
    Export(ExportArgs),
    /// Freeze what is sent into deliveries/<date>-<slug>/: the built letter, the list, a manifest
    Deliver(DeliverArgs),
    /// Who joined, withdrew or changed between two deliveries, revisions, or a delivery and today
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// How to print the findings
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Fail (exit 1) on warnings too, e.g. a likely duplicate in CI
    #[arg(long)]
    pub strict: bool,
    /// Only findings in entries added or changed since this git revision (e.g. a pull request's base) count; older ones become notes
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// file:line:column: severity: message, with hints
    Human,
    /// The stable JSON report (see the README)
    Json,
    /// GitHub Actions workflow commands, shown on the pull request's lines
    Github,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Languages to build, comma-separated [default: all the letter's languages]
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Formats to build, comma-separated [default: md,html,pdf]
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<crate::render::Format>,
    /// Output folder [default: out/ in the project]
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write the parallel edition, two languages side by side, as out/<id>.<a>-<b>.{html,pdf}: the first two of --lang, or of the letter's languages
    #[arg(long)]
    pub parallel: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one (the address is printed)
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Open this language's page in the default browser once built, e.g. `es`
    #[arg(long, value_name = "LANG")]
    pub open_lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new letter's id: lower-case letters, digits and hyphens
    pub id: String,
    /// The project folder to create it in
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Where the workflows get `letter`: a GitHub repository with its action.yml and releases, OWNER/REPO[@REF] [default: this letter's repository and version]
    #[arg(long, value_name = "OWNER/REPO")]
    pub from: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the default templates to DIR for editing
    Export {
        /// Where to write them, e.g. letters/<id>/templates
        dir: PathBuf,
        /// Overwrite files that already exist
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `check` [default: the main page]
    #[arg(conflicts_with = "dir")]
    pub command: Option<String>,
    /// Write every page to DIR instead (letter.1, letter-check.1, …), e.g. ~/.local/share/man/man1
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("kind").required(true).args(["org", "person", "network", "from_issue"])))]
pub struct SignArgs {
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Add an organization
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Add a person who signs in their own name
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Add a network (it gets a file of its own under networks/)
    #[arg(long, value_name = "NAME", conflicts_with = "member_of")]
    pub network: Option<String>,
    /// Add the organization or person as a member of this network (its name or acronym)
    #[arg(long, value_name = "NETWORK")]
    pub member_of: Option<String>,
    /// Add who an issue from `letter init`'s signing form asks for: FILE holds the issue's body
    #[arg(long, value_name = "FILE", conflicts_with_all = ["member_of", "yes", "force"])]
    pub from_issue: Option<PathBuf>,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Never ask, even in a terminal: take what the flags give
    #[arg(long, short)]
    pub yes: bool,
    /// Add the signer even if it may already sign (a likely duplicate, or the same name in another list)
    #[arg(long)]
    pub force: bool,
}

/// The fields of a roster entry; each kind has some of them.
#[derive(Debug, Args)]
pub struct FieldArgs {
    /// Organization or network: its acronym, rendered "Name (ACRONYM)"
    #[arg(long)]
    pub acronym: Option<String>,
    /// ISO 3166-1 code or country name (MX, México, Estados Unidos, …)
    #[arg(long)]
    pub country: Option<String>,
    /// Organization: its city
    #[arg(long)]
    pub city: Option<String>,
    /// Organization or network: its web address
    #[arg(long)]
    pub website: Option<String>,
    /// Person: where they work or study
    #[arg(long)]
    pub affiliation: Option<String>,
    /// Person: their role, e.g. "profesora"
    #[arg(long)]
    pub role: Option<String>,
    /// Private contact, never rendered
    #[arg(long)]
    pub email: Option<String>,
    /// Private contact, never rendered
    #[arg(long)]
    pub phone: Option<String>,
    /// Private notes, never rendered
    #[arg(long)]
    pub notes: Option<String>,
    /// How much the letter shows: full (default), name-only (no role, affiliation or place),
    /// anonymous (not named anywhere, only counted)
    #[arg(long, value_name = "LEVEL")]
    pub display: Option<String>,
    /// What the name sorts as, e.g. "López, Ana María" or "Setenta y dos"
    #[arg(long, value_name = "TEXT")]
    pub sort_as: Option<String>,
    /// Organization or network: who authorized its signature (private, never rendered)
    #[arg(long, value_name = "NAME")]
    pub authorized_by: Option<String>,
    /// When they authorized it, YYYY-MM-DD (private, never rendered)
    #[arg(long, value_name = "DATE")]
    pub authorized_on: Option<String>,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The signer's name, as the roster writes it (case and spacing aside). Every place it
    /// signs (directly and as any network's member) is withdrawn
    pub name: String,
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Withdraw it only as a member of this network (its name or acronym)
    #[arg(long, value_name = "NETWORK")]
    pub member_of: Option<String>,
    /// Withdraw only the entry at this place, as `letter check` names it (FILE:LINE), when two
    /// signers share the name
    #[arg(long, value_name = "FILE:LINE")]
    pub at: Option<String>,
    /// When they withdrew, YYYY-MM-DD [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Why, for the organizers' record (never rendered)
    #[arg(long)]
    pub reason: Option<String>,
    /// Who asked for it, for the record (never rendered)
    #[arg(long, value_name = "WHO")]
    pub requested_by: Option<String>,
    /// Who is recording it, for the record (never rendered)
    #[arg(long, value_name = "WHO")]
    pub recorded_by: Option<String>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this signer's events (its name as the roster writes it, case and spacing aside)
    pub name: Option<String>,
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(long, default_value = ".")]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The form export: CSV or TSV in UTF-8, from Google Forms, Microsoft Forms or a spreadsheet
    pub file: PathBuf,
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Read a column as a field, e.g. "Nombre de la organización=organization". Fields: name,
    /// organization, person, kind, acronym, country, city, website, affiliation, role, display,
    /// sort_as, email, phone, notes, authorized_by, authorized_on, member_of, ignore
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,
    /// What each row signs as when no column says so
    #[arg(long, value_enum)]
    pub kind: Option<ImportKind>,
    /// Write the changes; without it, only show them
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The table's format
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Languages of the per-language columns, comma-separated; the first decides the order [default: all the letter's languages]
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Include the private fields (email, phone, notes): for the organizers only, never publish it
    #[arg(long)]
    pub private: bool,
    /// Start the CSV with a UTF-8 byte-order mark, which Excel needs to read accents right
    #[arg(long)]
    pub bom: bool,
    /// Write to FILE (all or nothing) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct DeliverArgs {
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Who it was sent to, e.g. "Presidencia"; names the folder
    #[arg(long, value_name = "NAME")]
    pub to: String,
    /// When it was sent, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier side: a delivery (its folder, or its name under deliveries/) or a git revision
    pub from: String,
    /// The later side, the same kinds [default: today's rosters]
    pub to: Option<String>,
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(long, default_value = ".")]
    pub path: PathBuf,
    /// How to print it: text for the terminal, md for a follow-up in the letter's languages
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Organization,
    Person,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
