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
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the letter and its rosters; exit 1 if there is an error
    Check(CheckArgs),
    /// Check, then render the letter in each language and format
    Build(BuildArgs),
    /// Work with the default templates
    #[command(subcommand)]
    Templates(TemplatesCommand),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A project folder, a letter's folder or its letter.yaml
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// How to print the findings
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// file:line:column: severity: message, with hints
    Human,
    /// The stable JSON report (see the README)
    Json,
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
