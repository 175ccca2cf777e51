//! How long `letter check` and `letter build` take, and how much memory
//! they hold, on the flagship and on generated letters of 1,000, 10,000 and
//! 100,000 signers (networks, accents, near-duplicates).
//!
//! Each measurement runs in a fresh child process (this bench re-executed
//! with `--child`), so its peak memory (`VmHWM`) is its own. The child does
//! what the commands do: load and check; load, check and render every
//! language in the formats asked for, writing the files. Generated rosters
//! hold planted duplicates, so the build goes through the library rather
//! than the command, which would refuse a roster with errors.
//!
//! Then the peer workload of issue 17 (`support/peer.rs`), the letter the
//! peer tools were measured with: its rosters have no errors, so the child
//! (`--command`) runs the `letter` command itself, findings printed. Its
//! table ends with what serde-saphyr and Tera, which `letter` must use,
//! take on that workload by themselves (`--floor`): less than any row that
//! reads the rosters, or renders a template, can take.
//!
//! `cargo bench --bench letter` (release mode); `-- 10000` runs one
//! generated size, `-- peer=300000` one peer size, `-- peer` the peer
//! workload at 100,000 alone.

#[path = "support/generate.rs"]
#[allow(dead_code)] // `duplicate_of` and `signatures` are for the dedup bench
mod generate;
#[path = "support/peer.rs"]
mod peer;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use letter::render::{self, BuildPlan, Format, Templates};

/// The allocator `letter` itself uses, so the child measures the command.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Goals from the issue, in milliseconds: check, build of all six outputs.
const GOALS: [(&str, u64, u64); 4] =
    [("flagship", 500, 200), ("1000", 500, 2_000), ("10000", 500, 2_000), ("100000", 500, 5_000)];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    match args.first().map(String::as_str) {
        Some("--child") => return child(&args[1..]),
        Some("--command") => return command(&args[1..]),
        Some("--floor") => return floor(&args[1..]),
        _ => {}
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.replace('_', "").parse().ok()).collect();
    let peers: Vec<usize> = args
        .iter()
        .filter_map(|a| match a.strip_prefix("peer") {
            Some("") => Some(100_000),
            Some(n) => n.strip_prefix('=')?.replace('_', "").parse().ok(),
            None => None,
        })
        .collect();
    let (sizes, peers) = match (sizes.is_empty(), peers.is_empty()) {
        (true, true) => (vec![1_000, 10_000, 100_000], vec![100_000]),
        _ => (sizes, peers),
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    if !sizes.is_empty() {
        generated(dir.path(), &sizes);
    }
    for n in peers {
        peer_table(&dir.path().join(format!("peer-{n}")), n);
    }
}

/// The table for the flagship and our own generator's rosters.
fn generated(dir: &Path, sizes: &[usize]) {
    println!(
        "{:>9} {:>8} {:>9} {:>9} {:>9} {:>9} {:>11} {:>9}",
        "letter", "signers", "check", "md", "html", "pdf", "all six", "peak MB"
    );
    let flagship = dir.join("flagship");
    copy_flagship(&flagship);
    row("flagship", &flagship.join("letters/mexico-2024"));
    for &n in sizes {
        let root = dir.join(n.to_string());
        let letter = generate::write_project(&root, &generate::roster(n, 7)).expect("a generated project");
        row(&n.to_string(), &letter);
    }
}

/// The table for the peer workload at `n`: each work as the whole command
/// runs it, median of three, with its peak memory and goal.
fn peer_table(root: &Path, n: usize) {
    println!("\npeer workload, N = {n}");
    let letter = match peer::generate(n, root) {
        Ok(letter) => letter,
        Err(why) => return println!("  skipped: {why}"),
    };
    println!("{:<30} {:>9} {:>9}  goal", "work", "median", "peak MB");
    for (work, args, goal_ms) in peer::WORK {
        let mut runs: Vec<(Duration, f64)> = (0..3).map(|_| spawn_command(&letter, args)).collect();
        runs.sort_by_key(|r| r.0);
        let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
        let median = runs[1].0;
        let fast = median.as_millis() as u64 <= goal_ms;
        let small = args.len() > 1 || peak <= peer::MEMORY_GOAL_MB;
        let verdict = if fast && small { "ok" } else { "OVER" };
        let memory_goal =
            if args == ["build"] { format!(", < {:.0} MB", peer::MEMORY_GOAL_MB) } else { String::new() };
        println!(
            "{work:<30} {:>6.0} ms {peak:>9.0}  < {goal_ms} ms{memory_goal} {verdict}",
            median.as_secs_f64() * 1000.0
        );
    }
    floors(&letter);
}

/// What the fixed dependencies alone take on this workload, whatever
/// `letter` does around them: serde-saphyr reading the rosters into nothing
/// (its default options, not quite `letter`'s), and Tera listing each
/// active signer's name and place, each a map as the letter's templates
/// read them (`s.name`). Each runs on one core, as Tera renders; the rosters
/// are several files, so two cores can at best halve the YAML. Every
/// `letter` command reads the rosters, and every build renders a template.
fn floors(letter: &Path) {
    println!("the fixed dependencies alone (one core; the run with the median time of three):");
    let median = |what: &str| {
        let mut runs: Vec<Vec<f64>> = (0..3).map(|_| spawn_floor(letter, what)).collect();
        runs.sort_by(|a, b| a[0].total_cmp(&b[0]));
        runs.swap_remove(1)
    };
    let yaml = median("yaml");
    println!(
        "  serde-saphyr, the rosters ({:.1} MB) into nothing: {:>6.0} ms (at best {:.0} ms on two cores)",
        yaml[1],
        yaml[0],
        yaml[0] / 2.0
    );
    let tera = median("tera");
    println!(
        "  Tera, {:.0} names and places: {:>6.0} ms to render, {:.0} ms and {:.0} MB for its context",
        tera[3], tera[0], tera[1], tera[2]
    );
}

/// Runs one floor (`yaml` or `tera`) in a fresh child; its numbers.
fn spawn_floor(letter: &Path, what: &str) -> Vec<f64> {
    let exe = std::env::current_exe().expect("this bench's path");
    let out = Command::new(exe).args(["--floor", what]).arg(letter).output().expect("the child runs");
    assert!(out.status.success(), "floor {what} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect()
}

/// In the child: time one floor and print its numbers, milliseconds first.
fn floor(args: &[String]) {
    let letter = Path::new(&args[1]);
    let numbers = if args[0] == "yaml" { yaml_floor(letter) } else { tera_floor(letter) };
    println!("{}", numbers.iter().map(f64::to_string).collect::<Vec<_>>().join(" "));
}

/// serde-saphyr reading every roster file `letter` reads into nothing:
/// milliseconds, MB read.
fn yaml_floor(letter: &Path) -> Vec<f64> {
    let dir = letter::load::locate(letter).expect("a letter's folder").roster_dir;
    let files = letter::model::SignerKind::ALL
        .iter()
        .flat_map(|kind| letter::load::roster_files(&dir, kind.roster()).expect("a readable roster folder"));
    let texts: Vec<String> = files.map(|f| std::fs::read_to_string(f).expect("a roster")).collect();
    let start = Instant::now();
    for text in &texts {
        let _: serde::de::IgnoredAny = serde_saphyr::from_str(text).expect("a roster parses");
    }
    let bytes = texts.iter().map(String::len).sum::<usize>() as f64;
    vec![start.elapsed().as_secs_f64() * 1000.0, bytes / MB]
}

/// Tera listing every active signer's name and place: render milliseconds,
/// the context's milliseconds and MB, and how many names.
fn tera_floor(letter: &Path) -> Vec<f64> {
    let loaded = letter::load::load(letter).expect("the letter loads");
    let es = letter::model::Lang::parse("es").expect("a language");
    let active = loaded.project.roster.active_signers();
    let before = resident_mb();
    let start = Instant::now();
    let signers: Vec<serde_json::Value> = active
        .iter()
        .map(|s| serde_json::json!({ "name": s.name.in_lang(&es), "place": s.city.or(s.country) }))
        .collect();
    let names = signers.len();
    // Moved in, not serialized again as `json!` would: one copy, as `letter` makes.
    let top = serde_json::Map::from_iter([("signers".to_string(), serde_json::Value::Array(signers))]);
    let context = tera::Context::from_value(serde_json::Value::Object(top)).expect("a context");
    let (built, mb) = (start.elapsed().as_secs_f64() * 1000.0, resident_mb() - before);
    let mut tera = tera::Tera::default();
    let listing =
        "{% for s in signers %}{{ s.name }}{% if s.place %} – {{ s.place }}{% endif %}\n{% endfor %}";
    tera.add_raw_template("list.md", listing).expect("the template");
    let start = Instant::now();
    let out = tera.render("list.md", &context).expect("the render");
    let rendered = start.elapsed().as_secs_f64() * 1000.0;
    assert!(out.lines().count() >= names, "every name listed");
    vec![rendered, built, mb, names as f64]
}

/// Runs `letter ARGS LETTER` in a fresh child (this bench with `--command`).
fn spawn_command(letter: &Path, args: &[&str]) -> (Duration, f64) {
    let exe = std::env::current_exe().expect("this bench's path");
    let out = Command::new(exe)
        .arg("--command")
        .arg(letter)
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .expect("the child runs");
    assert!(out.status.success(), "child {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stderr);
    let last = text.lines().rfind(|l| l.starts_with("bench:")).unwrap_or_default();
    let mut fields = last.split_whitespace().skip(1).map(|f| f.parse::<f64>().unwrap_or(0.0));
    (Duration::from_secs_f64(fields.next().unwrap_or(0.0)), fields.next().unwrap_or(0.0))
}

/// In the child: run the `letter` command on the letter, its output going
/// where the command sends it (the parent drops stdout), the files into a
/// fresh folder; then print `bench: seconds peak-MB` on stderr.
fn command(args: &[String]) {
    use clap::Parser;
    let (letter, work) = (&args[0], &args[1..]);
    let out = tempfile::tempdir().expect("an output folder");
    let mut argv: Vec<String> = vec!["letter".into()];
    argv.extend(work.iter().cloned());
    if work[0] == "build" {
        argv.extend(["--out".into(), out.path().display().to_string()]);
    }
    argv.push(letter.clone());
    let start = Instant::now();
    letter::cmd::run(letter::cli::Cli::parse_from(&argv)).expect("the command runs");
    let elapsed = start.elapsed().as_secs_f64();
    eprintln!("bench: {elapsed} {}", peak_mb());
}

/// Measures one letter: check, each format alone, then all formats.
fn row(name: &str, letter: &Path) {
    let runs = |op: &str| measure(letter, op);
    let (check, check_mb, signers) = runs("check");
    let (md, md_mb, _) = runs("md");
    let (html, html_mb, _) = runs("html");
    let (pdf, pdf_mb, _) = runs("pdf");
    let (all, all_mb, _) = runs("md,html,pdf");
    let peak = [check_mb, md_mb, html_mb, pdf_mb, all_mb].into_iter().fold(0.0, f64::max);
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    let goal = GOALS.iter().find(|g| g.0 == name);
    let verdict = goal.map_or(String::new(), |(_, c, b)| {
        let ok = |d: Duration, limit: u64| if d.as_millis() as u64 <= limit { "ok" } else { "OVER" };
        format!("  goals: check ≤{c} ms {}, all six ≤{b} ms {}", ok(check, *c), ok(all, *b))
    });
    println!(
        "{name:>9} {signers:>8} {:>9} {:>9} {:>9} {:>9} {:>11} {peak:>9.0}{verdict}",
        ms(check),
        ms(md),
        ms(html),
        ms(pdf),
        ms(all)
    );
}

/// The median of three child runs of `op`, with the largest peak memory.
fn measure(letter: &Path, op: &str) -> (Duration, f64, usize) {
    let mut results: Vec<(Duration, f64, usize)> = (0..3).map(|_| spawn(letter, op)).collect();
    results.sort_by_key(|r| r.0);
    let peak = results.iter().map(|r| r.1).fold(0.0, f64::max);
    (results[1].0, peak, results[1].2)
}

fn spawn(letter: &Path, op: &str) -> (Duration, f64, usize) {
    let exe = std::env::current_exe().expect("this bench's path");
    let out = Command::new(exe).arg("--child").arg(op).arg(letter).output().expect("the child runs");
    assert!(out.status.success(), "child {op} failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace().map(|f| f.parse::<f64>().unwrap_or(0.0));
    let (secs, mb, signers) =
        (fields.next().unwrap_or(0.0), fields.next().unwrap_or(0.0), fields.next().unwrap_or(0.0));
    (Duration::from_secs_f64(secs), mb, signers as usize)
}

/// In the child: do `op` once and print seconds, peak MB and signers.
fn child(args: &[String]) {
    let (op, letter) = (&args[0], PathBuf::from(&args[1]));
    let start = Instant::now();
    let loaded = letter::load::load(&letter).expect("the letter loads");
    let report = letter::check::check(&loaded);
    if op != "check" {
        let formats: Vec<Format> = op
            .split(',')
            .map(|f| match f {
                "md" => Format::Md,
                "html" => Format::Html,
                _ => Format::Pdf,
            })
            .collect();
        build(&loaded.project, &report, &formats);
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!("{elapsed} {} {}", peak_mb(), report.counts.signatures);
}

fn build(project: &letter::load::Project, report: &letter::check::Report, formats: &[Format]) {
    let letter = project.letter.as_ref().expect("a letter");
    let templates =
        Templates::load(&project.layout.templates_dir(), &project.layout.sandbox).expect("templates");
    let out = tempfile::tempdir().expect("an output folder");
    let plan = BuildPlan {
        letter,
        roster: &project.roster,
        counts: &report.counts,
        templates: &templates,
        langs: &letter.languages,
        formats,
        out_dir: out.path(),
        on_written: &|_| {},
    };
    render::build(&plan).expect("the letter renders");
}

/// The most resident memory this process has held, from Linux's /proc.
fn peak_mb() -> f64 {
    status_mb("VmHWM:")
}

/// The memory this process holds now.
fn resident_mb() -> f64 {
    status_mb("VmRSS:")
}

fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb * 1024.0 / MB
}

/// What this bench calls a megabyte, in files and in memory alike.
const MB: f64 = 1024.0 * 1024.0;

fn copy_flagship(to: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["letters", "signatories"] {
        copy_tree(&repo.join(part), &to.join(part));
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a readable folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copy");
        }
    }
}
