//! What each request gets. Only files the last build wrote are served, by
//! name: a path is never joined to the output folder, so `..` or an
//! encoded slash can reach nothing else.

use std::path::{Path, PathBuf};
use std::sync::PoisonError;

use tiny_http::{Header, Method, Request, Response};

use super::{Outcome, Problem, ServeError, Shared, State};
use crate::render::html::escape;

/// Where a page asks whether there is a newer build.
const VERSION_PATH: &str = "/__letter/version";

pub struct Server {
    http: tiny_http::Server,
    port: u16,
}

impl Server {
    /// Listens on 127.0.0.1 only: a preview is for this machine's browser.
    pub fn bind(port: u16) -> Result<Server, ServeError> {
        let listen = |reason: String| ServeError::Listen { port, reason };
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| listen(e.to_string()))?;
        let bound =
            http.server_addr().to_ip().map(|a| a.port()).ok_or_else(|| listen("not an IP address".into()))?;
        Ok(Server { http, port: bound })
    }

    /// The address of the index page.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Answers requests until the process is stopped.
    pub fn serve(&self, state: &Shared) {
        for request in self.http.incoming_requests() {
            let response = {
                let state = state.lock().unwrap_or_else(PoisonError::into_inner);
                respond(&request, &state)
            };
            // A browser that went away mid-answer is no concern of ours.
            let _ = request.respond(response);
        }
    }
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

fn respond(request: &Request, state: &State) -> Answer {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return plain(405, "only GET here");
    }
    let path = request.url().split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        return plain(200, &state.version.to_string());
    }
    match &state.outcome {
        Outcome::Broken(problems) => page(200, &problems_page(problems, state.version)),
        Outcome::Built(files) if path == "/" || path == "/index.html" => {
            page(200, &with_reload(&index_page(files), state.version))
        }
        Outcome::Built(files) => {
            match files.iter().find(|f| f.file_name().and_then(|n| n.to_str()) == path.get(1..)) {
                Some(file) => serve_file(file, state.version),
                None => plain(404, "not found"),
            }
        }
    }
}

fn serve_file(file: &Path, version: u64) -> Answer {
    let Ok(bytes) = std::fs::read(file) else { return plain(404, "not found") };
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "html" {
        return page(200, &with_reload(&String::from_utf8_lossy(&bytes), version));
    }
    let kind = match ext {
        "pdf" => "application/pdf",
        "md" => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    };
    Response::from_data(bytes).with_header(content_type(kind))
}

/// Links to each built file, a line per language.
fn index_page(files: &[PathBuf]) -> String {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for name in files.iter().filter_map(|f| f.file_name()?.to_str()) {
        let lang = name.split('.').rev().nth(1).unwrap_or("").to_string();
        let link = format!("<a href=\"/{0}\">{0}</a>", escape(name));
        match rows.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, links)) => links.push(link),
            None => rows.push((lang, vec![link])),
        }
    }
    let items: String = rows
        .iter()
        .map(|(lang, links)| format!("<li>{}: {}</li>\n", escape(lang), links.join(" · ")))
        .collect();
    format!("<!doctype html>\n<meta charset=\"utf-8\">\n<title>letter serve</title>\n<ul>\n{items}</ul>\n")
}

/// What a broken save shows instead of a stale letter: each finding with
/// its file:line:column, as `letter check` prints it.
fn problems_page(problems: &[Problem], version: u64) -> String {
    let items: String = problems
        .iter()
        .map(|p| match p {
            Problem::Finding(d) => d.to_string(),
            Problem::Other(text) => text.clone(),
        })
        .map(|text| format!("<li><pre>{}</pre></li>\n", escape(&text)))
        .collect();
    let body = format!(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<title>letter: not built</title>\n\
         <h1>Not built: the letter has errors</h1>\n<p>Fix them and save; this page reloads.</p>\n<ul>\n{items}</ul>\n"
    );
    with_reload(&body, version)
}

/// The page with a script that reloads it once a newer build exists. Only
/// served pages get it; the files on disk stay as `letter build` makes them.
fn with_reload(html: &str, version: u64) -> String {
    let script = format!(
        "<script>setInterval(function(){{fetch(\"{VERSION_PATH}\",{{cache:\"no-store\"}})\
         .then(function(r){{return r.text()}}).then(function(v){{if(v!==\"{version}\")location.reload()}})\
         .catch(function(){{}})}},300)</script>\n"
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    }
}

fn page(status: u16, html: &str) -> Answer {
    Response::from_string(html).with_status_code(status).with_header(content_type("text/html; charset=utf-8"))
}

fn plain(status: u16, text: &str) -> Answer {
    Response::from_string(text)
        .with_status_code(status)
        .with_header(content_type("text/plain; charset=utf-8"))
        .with_header(Header::from_bytes("Cache-Control", "no-store").expect("a valid header"))
}

fn content_type(value: &str) -> Header {
    Header::from_bytes("Content-Type", value).expect("a valid header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let html = with_reload("<html><body><p>hi</p></body></html>", 7);
        let script = html.find("<script>").unwrap();
        assert!(script > html.find("<p>hi</p>").unwrap() && script < html.find("</body>").unwrap());
        assert!(html.contains("!==\"7\""));
    }

    #[test]
    fn findings_are_escaped_in_the_page() {
        let page = problems_page(&[Problem::Other("a.yaml:1:2: <script>x</script>".into())], 1);
        assert!(page.contains("a.yaml:1:2: &lt;script&gt;x&lt;/script&gt;"));
        assert!(!page.contains("<script>x"));
    }

    #[test]
    fn the_index_links_each_language() {
        let files = [
            PathBuf::from("out/demo.es.html"),
            PathBuf::from("out/demo.es.pdf"),
            PathBuf::from("out/demo.en.html"),
        ];
        let index = index_page(&files);
        assert!(
            index.contains("<li>es: <a href=\"/demo.es.html\">demo.es.html</a> · <a href=\"/demo.es.pdf\">")
        );
        assert!(index.contains("<li>en: <a href=\"/demo.en.html\">"));
    }
}
