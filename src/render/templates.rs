//! The templates every format renders through: defaults embedded in the
//! binary, overridden file by file by a `templates/` folder beside the letter.

use std::path::{Path, PathBuf};

use tera::Tera;

use super::{RenderError, locate};
use crate::load::Sandbox;

/// The default templates, as shipped in `templates/`.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("letter.md.tera", include_str!("../../templates/letter.md.tera")),
    ("letter.html.tera", include_str!("../../templates/letter.html.tera")),
    ("style.css", include_str!("../../templates/style.css")),
    ("letter.pdf.tera", include_str!("../../templates/letter.pdf.tera")),
    ("pdf.yaml", include_str!("../../templates/pdf.yaml")),
    ("labels.yaml", include_str!("../../templates/labels.yaml")),
    ("parallel.html.tera", include_str!("../../templates/parallel.html.tera")),
    ("parallel.pdf.tera", include_str!("../../templates/parallel.pdf.tera")),
    ("signers.html.tera", include_str!("../../templates/signers.html.tera")),
    ("signers.pdf.tera", include_str!("../../templates/signers.pdf.tera")),
];

/// One template file: its name, its text, and where it came from.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub text: String,
    /// The override's path, or `None` for a default.
    pub path: Option<PathBuf>,
}

impl File {
    /// Names the file in messages: its path, or "default template <name>".
    pub fn shown_as(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => format!("default template {}", self.name),
        }
    }

    /// The whole file, for a finding about it.
    pub fn origin(&self) -> crate::model::Origin {
        crate::load::whole_file(Path::new(&self.shown_as()))
    }
}

#[derive(Debug, Clone)]
pub struct Templates {
    files: Vec<File>,
}

impl Templates {
    pub fn defaults() -> Templates {
        let files = DEFAULTS
            .iter()
            .map(|(name, text)| File { name: name.to_string(), text: text.to_string(), path: None })
            .collect();
        Templates { files }
    }

    /// The defaults, with every file of `dir` taking the place of the
    /// default of the same name; other `.tera` files in `dir` are added so
    /// overrides can include their own partials. A file that leads out of
    /// the project through a link is refused.
    pub fn load(dir: &Path, sandbox: &Sandbox) -> Result<Templates, RenderError> {
        let mut set = Templates::defaults();
        if !dir.is_dir() {
            return Ok(set);
        }
        let io = |source| RenderError::Io { path: dir.to_path_buf(), source };
        let mut paths: Vec<PathBuf> =
            std::fs::read_dir(dir).map_err(io)?.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let is_default = DEFAULTS.iter().any(|(d, _)| *d == name);
            if !is_default && !name.ends_with(".tera") {
                continue;
            }
            if !sandbox.admits(&path) {
                return Err(RenderError::Template(Box::new(sandbox.refusal(&path))));
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|source| RenderError::Io { path: path.clone(), source })?;
            set.files.retain(|f| f.name != name);
            set.files.push(File { name, text, path: Some(crate::load::tidy(&path)) });
        }
        Ok(set)
    }

    pub fn get(&self, name: &str) -> Option<&File> {
        self.files.iter().find(|f| f.name == name)
    }

    /// A Tera instance holding every `.tera` file, escaping values with
    /// `escape` in templates whose name ends with `suffix`.
    pub fn tera(&self, escape: fn(&str) -> String, suffix: &'static str) -> Result<Tera, RenderError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![suffix]);
        tera.set_escape_fn(escape);
        tera.register_function("get_env", no_environment);
        let sources: Vec<(&str, &str)> = self
            .files
            .iter()
            .filter(|f| f.name.ends_with(".tera"))
            .map(|f| (f.name.as_str(), f.text.as_str()))
            .collect();
        tera.add_raw_templates(sources).map_err(|e| self.template_error(&e, None))?;
        Ok(tera)
    }

    /// Renders `name` with `context`, naming the template file on failure.
    pub fn render(&self, tera: &Tera, name: &str, context: &tera::Context) -> Result<String, RenderError> {
        tera.render(name, context).map_err(|e| self.template_error(&e, Some(context)))
    }

    /// Tera's error at the template's own `file:line:column`: the file is
    /// the innermost template the error names (an included one, say).
    fn template_error(&self, err: &tera::Error, context: Option<&tera::Context>) -> RenderError {
        let messages = error_chain(err);
        let file = messages.iter().rev().find_map(|m| {
            let named = self.files.iter().filter_map(|f| m.rfind(&format!("'{}'", f.name)).map(|at| (at, f)));
            named.max_by_key(|(at, _)| *at).map(|(_, f)| f)
        });
        let Some(file) = file else {
            return RenderError::View(messages.join(": "));
        };
        let names = context.map(names_in).unwrap_or_default();
        let source = locate::Source { shown_as: file.shown_as(), text: &file.text };
        let finding = locate::tera_error(&source, &messages, context.is_none(), &names);
        RenderError::Template(Box::new(finding))
    }
}

/// What a template that asks for the environment gets instead.
pub const NO_ENVIRONMENT: &str = "templates cannot read the environment (`get_env`)";

/// Tera's `get_env` would print the machine's environment (in CI, its
/// secrets) into a letter built from a stranger's pull request.
fn no_environment(_: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    Err(tera::Error::msg(NO_ENVIRONMENT))
}

/// Every key of the context at any depth: what a mistyped name may have meant.
fn names_in(context: &tera::Context) -> Vec<String> {
    fn walk(value: &tera::Value, out: &mut Vec<String>) {
        match value {
            tera::Value::Object(map) => {
                for (key, v) in map {
                    if !out.contains(key) {
                        out.push(key.clone());
                    }
                    walk(v, out);
                }
            }
            tera::Value::Array(items) => items.iter().take(3).for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&context.clone().into_json(), &mut out);
    out
}

fn error_chain(err: &tera::Error) -> Vec<String> {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts
}

/// Writes the defaults into `dir` for an organizer to edit; refuses to
/// overwrite a file unless `force`. Returns the files written.
pub fn export(dir: &Path, force: bool) -> Result<Vec<PathBuf>, RenderError> {
    std::fs::create_dir_all(dir).map_err(|source| RenderError::Io { path: dir.to_path_buf(), source })?;
    let mut written = Vec::new();
    for (name, text) in DEFAULTS {
        let path = dir.join(name);
        if path.exists() && !force {
            return Err(RenderError::Exists(path));
        }
        crate::render::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
