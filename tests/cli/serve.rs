//! `letter serve`: the live preview, over real HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::Project;

/// How long a test waits for the server before it fails: a guard against a
/// hang, not a speed goal.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `letter serve`, stopped when dropped, even by a failed assert.
struct Serving {
    child: Child,
    /// host:port
    addr: String,
}

impl Serving {
    fn start(project: &Project) -> Serving {
        Serving::start_with(project, &[], &[])
    }

    fn start_with(project: &Project, args: &[&str], env: &[(&str, &std::path::Path)]) -> Serving {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("letter"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(project.dir.path())
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("letter serve starts");
        let stdout = child.stdout.take().expect("its output");
        let mut serving = Serving { child, addr: String::new() };
        let line = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find(|l| l.starts_with("serving "))
            .expect("letter serve prints its address");
        serving.addr = line.trim_start_matches("serving http://").trim_end_matches('/').to_string();
        serving
    }

    /// Stops it and returns what it said on stderr.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    }

    /// The status and body of `GET path`.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("the server listens");
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("an answer");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    /// Asks for `path` until its body satisfies `ok`, for at most a minute:
    /// a debug build on a loaded 2-core CI machine is slow to rebuild.
    fn wait_for(&self, path: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if ok(&body) {
                return body;
            }
            assert!(start.elapsed() < PATIENCE, "{path} never changed; last:\n{body}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_saved_roster_shows_in_the_page_and_a_broken_one_shows_its_findings() {
    let project = Project::copy_of("minimal");
    let server = Serving::start(&project);
    let (status, page) = server.get("/demo.es.html");
    assert_eq!(status, 200);
    assert!(page.contains("Carta de prueba") && page.contains("/__letter/version"), "{page}");
    assert!(
        !project.read("out/demo.es.html").contains("/__letter/version"),
        "the file on disk has no script"
    );
    let (_, index) = server.get("/");
    assert!(index.contains("href=\"/demo.es.html\"") && index.contains("href=\"/demo.en.pdf\""), "{index}");

    project.append("signatories/demo/individuals.yaml", "- name: Nueva Firmante Serve\n");
    server.wait_for("/demo.es.html", |body| body.contains("Nueva Firmante Serve"));

    project.append("signatories/demo/individuals.yaml", "- name: [roto\n");
    let broken = server.wait_for("/demo.es.html", |body| body.contains("Not built"));
    assert!(broken.contains("individuals.yaml:"), "the finding says where: {broken}");
    assert!(!broken.contains("Nueva Firmante Serve"), "no stale letter: {broken}");

    let fixed = project.read("signatories/demo/individuals.yaml").replace("- name: [roto\n", "");
    project.write("signatories/demo/individuals.yaml", &fixed);
    server.wait_for("/demo.es.html", |body| body.contains("Nueva Firmante Serve"));
}

#[test]
fn paths_outside_the_output_folder_are_not_served() {
    let project = Project::copy_of("minimal");
    let server = Serving::start(&project);
    assert_eq!(server.get("/demo.es.html").0, 200);
    for path in [
        "/../Cargo.toml",
        "/..%2Fletters%2Fdemo%2Fletter.yaml",
        "/../letters/demo/letter.yaml",
        "//etc/passwd",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}: {body}");
    }
}

/// A stand-in for the browser opener that writes down what it was asked to
/// open, so the test opens no real browser.
#[cfg(target_os = "linux")]
#[test]
fn open_lang_opens_that_languages_page() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::copy_of("minimal");
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = Serving::start_with(&project, &["--open-lang", "en"], &[("PATH", bin.path())]);
    let start = Instant::now();
    while !opened.exists() && start.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(50));
    }
    let expected = format!("http://{}/demo.en.html", server.addr);
    server.stop();
    assert_eq!(std::fs::read_to_string(&opened).expect("the opener ran").trim(), expected);
}

#[test]
fn open_lang_in_a_language_the_letter_lacks_warns_and_still_serves() {
    let project = Project::copy_of("minimal");
    let server = Serving::start_with(&project, &["--open-lang", "fr"], &[]);
    assert_eq!(server.get("/demo.es.html").0, 200);
    let stderr = server.stop();
    assert!(
        stderr.contains("warning: no page in `fr`; the letter's pages are demo.es.html, demo.en.html"),
        "{stderr}"
    );
}
