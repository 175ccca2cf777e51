//! The command line, as clap types. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
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
    /// Print the manual page (roff), e.g. `letter man > letter.1`
    Man,
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
    /// Formats to build, comma-separated [default: md,html]
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<crate::render::Format>,
    /// Output folder [default: out/ in the project]
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new letter's id: lower-case letters, digits and hyphens
    pub id: String,
    /// The project folder to create it in
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
