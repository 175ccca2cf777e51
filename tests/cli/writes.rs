//! Honest writes: `build` replaces all of its outputs or none.

use crate::util::{Project, run};

#[test]
fn a_build_that_fails_midway_leaves_every_output_as_it_was() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["build", "--format", "md,html"]));
    assert_eq!(code, 0, "{err}");
    let before: Vec<String> =
        ["out/demo.es.md", "out/demo.en.md", "out/demo.es.html"].iter().map(|f| p.read(f)).collect();
    // The Markdown renders, the HTML fails when it is rendered.
    p.write("letters/demo/templates/letter.html.tera", "{{ no_such_value }}");
    let letter = p.read("letters/demo/letter.yaml");
    p.write("letters/demo/letter.yaml", &letter.replace("Carta de prueba", "Carta cambiada"));
    let (code, _, err) = run(p.letter().args(["build", "--format", "md,html"]));
    assert_ne!(code, 0, "{err}");
    let after: Vec<String> =
        ["out/demo.es.md", "out/demo.en.md", "out/demo.es.html"].iter().map(|f| p.read(f)).collect();
    assert!(before == after, "no output changed");
    let names: Vec<String> = std::fs::read_dir(p.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".letter-tmp-")), "{names:?}");
}
