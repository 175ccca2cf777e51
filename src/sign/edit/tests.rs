use super::*;

fn by_text(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

fn add_to(text: &str, list: ListPath, name: &str, entry: &str) -> Edited {
    let order = Order { name, lang: "es", cmp: &by_text };
    add(text, Path::new("t.yaml"), list, entry, &order).unwrap_or_else(|e| panic!("{e}"))
}

fn top(text: &str, name: &str) -> Edited {
    add_to(text, ListPath::Top, name, &format!("name: {name}"))
}

const ORGS: &str = "\
# Organizations, sorted.

- name: Alfa   # first
  country: MX

# B's
- name: 'Bravo'
- {name: Delta, city: \"Oaxaca\"}
- name: Eco
";

#[test]
fn an_entry_lands_after_the_last_one_before_it_and_nothing_else_moves() {
    let e = top(ORGS, "Charlie");
    assert_eq!(e.text, ORGS.replace("- {name: Delta", "- name: Charlie\n- {name: Delta"));
    assert_eq!(e.line, 8);
    let e = top(ORGS, "Beta");
    assert_eq!(e.text, ORGS.replace("  country: MX\n", "  country: MX\n- name: Beta\n"));
    assert_eq!(e.line, 5);
}

#[test]
fn first_and_last_places() {
    let e = top(ORGS, "Aaa");
    assert_eq!(e.text, ORGS.replace("- name: Alfa", "- name: Aaa\n- name: Alfa"));
    assert_eq!(e.line, 3);
    let e = top(ORGS, "Zulu");
    assert_eq!(e.text, format!("{ORGS}- name: Zulu\n"));
    assert_eq!(e.line, 10);
    let e = top("- name: A\n- name: B", "C");
    assert_eq!(e.text, "- name: A\n- name: B\n- name: C\n");
}

#[test]
fn indented_lists_keep_their_indentation() {
    let e = top("  - name: A\n  - name: C\n", "B");
    assert_eq!(e.text, "  - name: A\n  - name: B\n  - name: C\n");
    let e = top("-\n  name: A\n", "B");
    assert_eq!(e.text, "-\n  name: A\n- name: B\n");
}

#[test]
fn empty_files_and_lists() {
    assert_eq!(top("", "A").text, "- name: A\n");
    assert_eq!(top("# none yet\n", "A").text, "# none yet\n- name: A\n");
    assert_eq!(top("# none yet", "A").text, "# none yet\n- name: A\n");
    assert_eq!(top("[]\n", "A").text, "- name: A\n");
    let err = add(
        "[{name: A}]\n",
        Path::new("t.yaml"),
        ListPath::Top,
        "name: B",
        &Order { name: "B", lang: "es", cmp: &by_text },
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("t.yaml:1: this list is written in flow style"), "{err}");
}

const NETS: &str = "\
# Networks.
- name: Red Uno
  acronym: RU
  members:
    organizations:
      - name: Beta
        country: MX
      - name: Delta
- name: Red Dos
";

fn member(text: &str, network: usize, kind: MemberKind, name: &str) -> Edited {
    add_to(text, ListPath::Members { network, kind }, name, &format!("name: {name}"))
}

#[test]
fn members_go_to_their_network_in_sorted_place() {
    let e = member(NETS, 0, MemberKind::Organizations, "Charlie");
    assert_eq!(e.text, NETS.replace("      - name: Delta", "      - name: Charlie\n      - name: Delta"));
    assert_eq!(e.line, 8);
    let e = member(NETS, 0, MemberKind::Organizations, "Eco");
    assert_eq!(e.text, NETS.replace("      - name: Delta\n", "      - name: Delta\n      - name: Eco\n"));
}

#[test]
fn a_new_member_list_goes_first_under_members() {
    let e = member(NETS, 0, MemberKind::People, "Ana");
    assert_eq!(
        e.text,
        NETS.replace("    organizations:\n", "    people:\n      - name: Ana\n    organizations:\n")
    );
    assert_eq!(e.line, 6);
}

#[test]
fn a_network_without_members_gets_them_in_the_files_style() {
    let e = member(NETS, 1, MemberKind::People, "Ana");
    assert_eq!(e.text, format!("{NETS}  members:\n    people:\n      - name: Ana\n"));
    assert_eq!(e.line, 12);
    let four = "- name: R\n  members:\n      organizations:\n          - name: A\n- name: S\n";
    let e = member(four, 1, MemberKind::Organizations, "B");
    assert_eq!(e.text, format!("{four}  members:\n      organizations:\n          - name: B\n"));
    let empty = "- name: R\n  members:\n- name: S\n  members:\n    people:\n";
    let e = member(empty, 0, MemberKind::People, "A");
    assert_eq!(e.text, empty.replacen("  members:\n", "  members:\n    people:\n      - name: A\n", 1));
    let e = member(empty, 1, MemberKind::People, "A");
    assert_eq!(e.text, format!("{empty}      - name: A\n"));
    let e = member("- name: R\n  members:\n    people: []\n", 0, MemberKind::People, "A");
    assert_eq!(e.text, "- name: R\n  members:\n    people:\n      - name: A\n");
    assert_eq!(e.line, 4);
}
